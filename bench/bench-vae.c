#line 4253 "book/12-vae.nw"
/* Generated from book/12-vae.nw; do not edit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <cblas.h>
#include "gengs.h"

enum { BB = 128, KK = 64, DD = 784, H1 = 512, H2 = 256, NN = 16, NTRAIN = 50000 };
static const double MIN_SECONDS = 1.0, PYTORCH = 7600;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#line 4304 "book/12-vae.nw"
typedef void (*step_fn)(void *ctx);

static double time_per_step(step_fn step, void *ctx)
{
    double best = 1e300;
    for (int i = 0; i < 3; i++)
        step(ctx);
    for (int w = 0; w < 3; w++) {
        long calls = 0;
        double t0 = now(), t;
        do {
            step(ctx);
            calls++;
            t = now() - t0;
        } while (t < MIN_SECONDS);
        if (t / (double)calls < best)
            best = t / (double)calls;
    }
    return best;
}

struct run {
    ggs_vaef *m;
    ggs_dataset *ds;
    gsl_rng *r;
    ggs_noise q;
    float *x;                 /* (B, D) */
    float *a, *b, *c, *W;     /* GEMM operands, large enough for every layer */
    size_t idx[BB];
    int width[7];             /* layer widths: D, H1, H2, K P, then K, H2, H1, D */
};

static void fail(const char *what)
{
    fprintf(stderr, "bench-vae: error: %s: %s\n", what, ggs_last_error());
    exit(EXIT_FAILURE);
}

static void train_step(void *ctx)
{
    struct run *u = ctx;
    ggs_vae_stats st = { 0 };
    for (int j = 0; j < BB; j++)
        u->idx[j] = (size_t)gsl_rng_uniform_int(u->r, NTRAIN);
    if (ggs_data_batch(u->x, u->ds, u->idx, BB, GGS_BINARIZE_STATIC, NULL) != GGS_OK
        || ggs_vae_stepf(u->m, &st, u->x, 0.7, &u->q) != GGS_OK)
        fail("step");
}

/* The three products of a dense layer nin -> nout (two for the first layer). */
static void layer_gemms(struct run *u, int nin, int nout, int need_dx)
{
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, BB, nout, nin, 1, u->a, nin, u->W, nin,
                0, u->b, nout);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, nout, nin, BB, 1, u->b, nout, u->a,
                nin, 1, u->W, nin);
    if (need_dx)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, BB, nin, nout, 1, u->b, nout,
                    u->W, nin, 0, u->c, nin);
}

static void gemm_step(void *ctx)
{
    struct run *u = ctx;
    static const int enc[4] = { 0, 1, 2, 3 };
    for (int l = 0; l < 3; l++)
        layer_gemms(u, u->width[enc[l]], u->width[enc[l + 1]], l > 0);
    layer_gemms(u, KK, H2, 1);
    layer_gemms(u, H2, H1, 1);
    layer_gemms(u, H1, DD, 1);
}
#line 4379 "book/12-vae.nw"
static void bench_one(ggs_dataset *ds, gsl_rng *r, int implicit, int threads, int kthreads)
{
    ggs_vae_config c = ggs_vae_default_config();
    struct run u;
    size_t big = (size_t)BB * KK * NN + (size_t)BB * DD;
    double ts, tg;
    c.implicit = implicit;
    c.n = NN;
    memset(&u, 0, sizeof u);
    u.m = ggs_vae_allocf(&c, 1);
    u.ds = ds;
    u.r = r;
    ggs_noise_seed(&u.q, 1);
    u.x = malloc((size_t)BB * DD * sizeof(float));
    u.a = calloc(big, sizeof(float));
    u.b = calloc(big, sizeof(float));
    u.c = calloc(big, sizeof(float));
    u.W = calloc((size_t)H2 * KK * NN + (size_t)H1 * DD, sizeof(float));
    if (u.m == NULL || u.x == NULL || u.a == NULL || u.b == NULL || u.c == NULL || u.W == NULL)
        fail("setup");
    u.width[0] = DD;
    u.width[1] = H1;
    u.width[2] = H2;
    u.width[3] = implicit ? KK * NN : KK;
    if (ggs_nn_set_threads(threads) != GGS_OK || ggs_nn_set_kernel_threads(kthreads) != GGS_OK)
        fail("threads");
    ts = time_per_step(train_step, &u);
    tg = time_per_step(gemm_step, &u);
    printf("%-9s  %15d/%-8d  %6.0f  %9.2f  %15.0f  %11.2f\n",
           implicit ? "implicit" : "explicit", threads, kthreads, BB / ts, BB / ts / PYTORCH,
           BB / tg, ts / tg);
    fflush(stdout);
    ggs_vae_freef(u.m);
    free(u.x);
    free(u.a);
    free(u.b);
    free(u.c);
    free(u.W);
}

#line 4274 "book/12-vae.nw"
int main(void)
{
    ggs_dataset *ds;
    gsl_rng *r = ggs_rng_new(20240607);
    struct rusage ru;
    if (r == NULL || ggs_dataset_new(&ds, NTRAIN, 28, 28, 0) != GGS_OK) {
        fprintf(stderr, "bench-vae: error: out of memory\n");
        return EXIT_FAILURE;
    }
    for (size_t i = 0; i < (size_t)NTRAIN * DD; i++)
        ds->x[i] = gsl_rng_uniform(r) < 0.13 ? 255 : 0;
    printf("GenGS VAE 784-512-256, K = %d, Poisson(2) prior, n = %d, batch %d, float;\n"
           "a step = batch + forward + backward + Adam; PyTorch 1.13 reference: %.0f img/s "
           "with 2 threads\n\n", KK, NN, BB, PYTORCH);
    printf("inference  threads (BLAS/kernels)   img/s  x PyTorch  GEMM-only img/s  step / GEMM\n");
    for (int implicit = 1; implicit >= 0; implicit--) {
        bench_one(ds, r, implicit, 1, 1);
        bench_one(ds, r, implicit, 2, 1);   /* only the products on two threads */
        bench_one(ds, r, implicit, 2, 2);
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("\npeak resident memory: %.1f MiB (data set %.1f MiB)\n", (double)ru.ru_maxrss / 1024,
           (double)NTRAIN * DD / 1048576);
    ggs_dataset_free(ds);
    ggs_rng_free(r);
    return EXIT_SUCCESS;
}
