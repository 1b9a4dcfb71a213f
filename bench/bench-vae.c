#line 5359 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <cblas.h>
#include "gengs.h"

enum { BB = 128, KK = 64, DD = 784, H1 = 512, H2 = 256, NN = 16, NTRAIN = 50000 };
enum { WINDOWS = 5 };                  /* timing windows per measurement */
static const double MIN_SECONDS = 0.6, PYTORCH = 7600;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#line 5419 "book/20-vae.nw"
typedef void (*step_fn)(void *ctx);

static double time_window(step_fn step, void *ctx)
{
    long calls = 0;
    double t0, t;
    step(ctx);
    t0 = now();
    do {
        step(ctx);
        calls++;
        t = now() - t0;
    } while (t < MIN_SECONDS);
    return t / (double)calls;
}

static double best_of(double best, double t)
{
    return t < best ? t : best;
}

/* The operands of the products of one step on rows rows. */
struct gemms {
    int rows;
    int width[4];             /* D, H1, H2, K P */
    float *a, *b, *c, *W;     /* large enough for every layer */
};

struct run {
    ggs_vaef *m;
    ggs_dataset *ds;
    gsl_rng *r;
    ggs_noise q;
    float *x;                 /* (B, D) */
    size_t idx[BB];
    struct gemms full;        /* all B rows */
    struct gemms half[2];     /* two halves, with their own operands */
    int weights;              /* the halves compute their weight products */
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

/* The sizes nin -> nout of dense layer l (0..5: the encoder's three, the decoder's). */
static void layer_size(const struct gemms *g, int l, int *nin, int *nout)
{
    static const int dec[4] = { KK, H2, H1, DD };
    *nin = l < 3 ? g->width[l] : dec[l - 3];
    *nout = l < 3 ? g->width[l + 1] : dec[l - 2];
}

/* The products of a dense layer: forward, weight gradient (with weights), input gradient
   (not for the first layer). */
static void layer_gemms(const struct gemms *g, int l, int weights)
{
    int B = g->rows, nin, nout;
    layer_size(g, l, &nin, &nout);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, nout, nin, 1, g->a, nin, g->W, nin,
                0, g->b, nout);
    if (weights)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, nout, nin, B, 1, g->b, nout, g->a,
                    nin, 1, g->W, nin);
    if (l > 0)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, nin, nout, 1, g->b, nout,
                    g->W, nin, 0, g->c, nin);
}

static void gemm_products(const struct gemms *g, int weights)
{
    for (int l = 0; l < 6; l++)
        layer_gemms(g, l, weights);
}

static void full_step(void *ctx)
{
    gemm_products(&((struct run *)ctx)->full, 1);
}

static void halves_task(void *ctx, size_t lo, size_t hi)
{
    struct run *u = ctx;
    for (size_t i = lo; i < hi; i++)
        gemm_products(&u->half[i], u->weights);
}

static void halves_step(void *ctx)
{
    ((struct run *)ctx)->weights = 1;
    ggs_nn_parallel(halves_task, ctx, 2, 1);
}

/* Half i of every layer's weight rows, from both halves' operands. */
static void rows_task(void *ctx, size_t lo, size_t hi)
{
    struct run *u = ctx;
    for (size_t i = lo; i < hi; i++)
        for (int l = 0; l < 6; l++) {
            int nin, nout, r0, r1;
            layer_size(&u->half[0], l, &nin, &nout);
            r0 = nout * (int)i / 2;
            r1 = nout * ((int)i + 1) / 2;
            for (int h = 0; h < 2; h++)
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, r1 - r0, nin,
                            u->half[h].rows, 1, u->half[h].b + r0, nout, u->half[h].a, nin, 1,
                            u->half[0].W + (size_t)r0 * nin, nin);
        }
}

/* As the shards do them: the halves without weight products, then those split by rows. */
static void split_step(void *ctx)
{
    ((struct run *)ctx)->weights = 0;
    ggs_nn_parallel(halves_task, ctx, 2, 1);
    ggs_nn_parallel(rows_task, ctx, 2, 1);
}
#line 5552 "book/20-vae.nw"
static void gemms_alloc(struct gemms *g, int rows, int implicit)
{
    size_t big = (size_t)rows * KK * NN + (size_t)rows * DD;
    g->rows = rows;
    g->width[0] = DD;
    g->width[1] = H1;
    g->width[2] = H2;
    g->width[3] = implicit ? KK * NN : KK;
    g->a = calloc(big, sizeof(float));
    g->b = calloc(big, sizeof(float));
    g->c = calloc(big, sizeof(float));
    g->W = calloc((size_t)H2 * KK * NN + (size_t)H1 * DD, sizeof(float));
    if (g->a == NULL || g->b == NULL || g->c == NULL || g->W == NULL)
        fail("setup");
}

static void gemms_free(struct gemms *g)
{
    free(g->a);
    free(g->b);
    free(g->c);
    free(g->W);
}

/* BLAS threads for the products, kernel threads for the shards and the other kernels. */
static void set_threads(int blas, int kernels)
{
    if (ggs_nn_set_threads(blas) != GGS_OK || ggs_nn_set_kernel_threads(kernels) != GGS_OK)
        fail("threads");
}

static void bench_one(ggs_dataset *ds, gsl_rng *r, int implicit, int threads, int shards)
{
    ggs_vae_config c = ggs_vae_default_config();
    struct run u;
    double ts, tg, th, tr;
    c.implicit = implicit;
    c.n = NN;
    c.shards = (size_t)shards;
    memset(&u, 0, sizeof u);
    u.m = ggs_vae_allocf(&c, 1);
    u.ds = ds;
    u.r = r;
    ggs_noise_seed(&u.q, 1);
    u.x = malloc((size_t)BB * DD * sizeof(float));
    if (u.m == NULL || u.x == NULL)
        fail("setup");
    gemms_alloc(&u.full, BB, implicit);
    gemms_alloc(&u.half[0], BB / 2, implicit);
    gemms_alloc(&u.half[1], BB / 2, implicit);
    ts = tg = th = tr = 1e300;
    for (int w = 0; w < WINDOWS; w++) {
        set_threads(shards > 1 ? 1 : threads, threads);   /* as gengs vae --threads sets them */
        ts = best_of(ts, time_window(train_step, &u));
        set_threads(threads, 1);
        tg = best_of(tg, time_window(full_step, &u));
        set_threads(1, threads);
        th = best_of(th, time_window(halves_step, &u));
        tr = best_of(tr, time_window(split_step, &u));
    }
    tg = th < tg ? th : tg;
    tg = tr < tg ? tr : tg;
    printf("%-9s  %7d  %6d  %6.0f  %9.2f  %15.0f  %11.2f\n", implicit ? "implicit" : "explicit",
           threads, shards, BB / ts, BB / ts / PYTORCH, BB / tg, ts / tg);
    fflush(stdout);
    ggs_vae_freef(u.m);
    free(u.x);
    gemms_free(&u.full);
    gemms_free(&u.half[0]);
    gemms_free(&u.half[1]);
}
#line 5633 "book/20-vae.nw"
struct est_run {
    ggs_vaef *m;
    ggs_dataset *ds;
    gsl_rng *r;
    ggs_noise q;
    size_t S;                 /* rows per image */
    float *x;                 /* (B S, D) */
    size_t idx[BB];
};

static void est_step(void *ctx)
{
    struct est_run *u = ctx;
    ggs_vae_stats st = { 0 };
    for (int j = 0; j < BB; j++)
        u->idx[j] = (size_t)gsl_rng_uniform_int(u->r, NTRAIN);
    if (ggs_data_batch(u->x, u->ds, u->idx, BB, GGS_BINARIZE_STATIC, NULL) != GGS_OK)
        fail("batch");
    for (size_t j = BB; j-- > 0;)             /* image j to rows j S .. j S + S - 1 */
        for (size_t s = 0; s < u->S; s++)
            memmove(u->x + (j * u->S + s) * DD, u->x + j * DD, DD * sizeof(float));
    if (ggs_vae_stepf(u->m, &st, u->x, 0.7, &u->q) != GGS_OK)
        fail("step");
}

static void bench_estimators(ggs_dataset *ds, gsl_rng *r)
{
    static const struct {
        const char *name;
        int e;                /* enum ggs_vae_estimator */
        int straight_through;
        size_t S;
    } est[] = {
        { "gengs", GGS_VAE_GENGS, 0, 1 }, { "gengs-st", GGS_VAE_GENGS, 1, 1 },
        { "rf*", GGS_VAE_RFSTAR, 0, 2 }, { "muprop", GGS_VAE_MUPROP, 0, 1 },
        { "nvil", GGS_VAE_NVIL, 0, 1 }, { "vimco", GGS_VAE_VIMCO, 0, 5 },
        { "rebar", GGS_VAE_REBAR, 0, 1 }, { "relax", GGS_VAE_RELAX, 0, 1 },
        { "storb*", GGS_VAE_STORB, 0, 2 }
    };
    enum { NEST = sizeof est / sizeof est[0] };
    static const int threads[2] = { 1, 2 };
    double best[2][NEST];
    printf("\nestimators (implicit inference): img/s on 1 thread with 1 shard and on 2 "
           "threads with 2 shards\n\nestimator  rows/image  1 thread  vs GenGS  2 threads  "
           "vs GenGS\n");
    for (int t = 0; t < 2; t++) {
        static struct est_run u[NEST];
        for (size_t i = 0; i < NEST; i++) {
            ggs_vae_config c = ggs_vae_default_config();
            c.implicit = 1;
            c.n = NN;
            c.shards = (size_t)threads[t];
            c.estimator = est[i].e;
            c.straight_through = est[i].straight_through;
            c.samples = est[i].S;
            c.batch = BB * est[i].S;
            memset(&u[i], 0, sizeof u[i]);
            u[i].m = ggs_vae_allocf(&c, 1);
            u[i].ds = ds;
            u[i].r = r;
            u[i].S = est[i].S;
            ggs_noise_seed(&u[i].q, 1);
            u[i].x = malloc((size_t)BB * est[i].S * DD * sizeof(float));
            if (u[i].m == NULL || u[i].x == NULL)
                fail("setup");
            best[t][i] = 1e300;
        }
        set_threads(1, threads[t]);            /* as gengs vae --threads sets them with shards */
        for (int w = 0; w < WINDOWS; w++)      /* the estimators' windows in turn */
            for (size_t i = 0; i < NEST; i++)
                best[t][i] = best_of(best[t][i], time_window(est_step, &u[i]));
        for (size_t i = 0; i < NEST; i++) {
            ggs_vae_freef(u[i].m);
            free(u[i].x);
        }
    }
    for (size_t i = 0; i < NEST; i++)
        printf("%-9s  %10zu  %8.0f  %8.2f  %9.0f  %8.2f\n", est[i].name, est[i].S,
               BB / best[0][i], best[0][0] / best[0][i], BB / best[1][i],
               best[1][0] / best[1][i]);
}

#line 5381 "book/20-vae.nw"
int main(void)
{
    static const int threads[4] = { 1, 1, 2, 2 }, shards[4] = { 1, 2, 1, 2 };
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
           "with 2 threads;\nGEMM-only: the products of the model computed densely (the "
           "step sums the binary first layer)\n\n", KK, NN, BB, PYTORCH);
    printf("inference  threads  shards   img/s  x PyTorch  GEMM-only img/s  step / GEMM\n");
    for (int implicit = 1; implicit >= 0; implicit--)
        for (int i = 0; i < 4; i++)
            bench_one(ds, r, implicit, threads[i], shards[i]);
    bench_estimators(ds, r);
    getrusage(RUSAGE_SELF, &ru);
    printf("\npeak resident memory: %.1f MiB (data set %.1f MiB)\n", (double)ru.ru_maxrss / 1024,
           (double)NTRAIN * DD / 1048576);
    ggs_dataset_free(ds);
    ggs_rng_free(r);
    return EXIT_SUCCESS;
}
