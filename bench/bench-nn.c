#line 2941 "book/31-nn.nw"
/* Generated from book/31-nn.nw; do not edit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cblas.h>
#include "gengs.h"

enum { BB = 128, KK = 64, DD = 784, H1 = 512, H2 = 256, NCAT = 20 };
static const double MIN_SECONDS = 1.0;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#line 2977 "book/31-nn.nw"
typedef void (*step_fn)(void *ctx);

/* Seconds per call of step(ctx): 5 warm-up calls, then at least MIN_SECONDS. */
static double time_per_step(step_fn step, void *ctx)
{
    long calls = 0;
    double t0, t;
    for (int i = 0; i < 5; i++)
        step(ctx);
    t0 = now();
    do {
        step(ctx);
        calls++;
        t = now() - t0;
    } while (t < MIN_SECONDS);
    return t / (double)calls;
}

/* A dense layer's shape nin -> nout, and its own arrays for the GEMM-only step. */
struct shape {
    int nin, nout;
    float *in, *out, *dx;    /* (B, nin), (B, nout), (B, nin) */
    float *W, *dW;           /* (nout, nin) */
};

struct run {
    struct shape lay[6];     /* encoder layers 0..2, decoder layers 3..5 */
    float *X, *Z;            /* (B, D) images, (B, K) latent values */
    ggs_mlpf *E, *Dn;        /* encoder, decoder */
    float *dE, *ll, *dll, *dlogits, *dZ;  /* (B, KP), (B), (B), (B, D), (B, K) */
    float *grads;            /* both networks' gradients */
    size_t nparams;
    ggs_adamf *opt;
    float *params;
};

/* The 3 GEMMs of one dense layer's training step (2 when need_dx is 0). */
static void layer_gemms(const struct shape *s, int need_dx)
{
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, BB, s->nout, s->nin,
                1, s->in, s->nin, s->W, s->nin, 0, s->out, s->nout);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, s->nout, s->nin, BB,
                1, s->out, s->nout, s->in, s->nin, 1, s->dW, s->nin);
    if (need_dx)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, BB, s->nin, s->nout,
                    1, s->out, s->nout, s->W, s->nin, 0, s->dx, s->nin);
}

/* Only the matrix products of a training step of both networks. */
static void step_gemm_only(void *ctx)
{
    struct run *u = ctx;
    for (int l = 0; l < 6; l++)
        layer_gemms(&u->lay[l], l != 0);
}

/* Arrays of the given shape for the GEMM-only step, filled from r. */
static struct shape shape_alloc(int nin, int nout, gsl_rng *r)
{
    struct shape s = { nin, nout, NULL, NULL, NULL, NULL, NULL };
    s.in = malloc(sizeof(float) * BB * (size_t)nin);
    s.out = malloc(sizeof(float) * BB * (size_t)nout);
    s.dx = malloc(sizeof(float) * BB * (size_t)nin);
    s.W = malloc(sizeof(float) * (size_t)nout * (size_t)nin);
    s.dW = calloc((size_t)nout * (size_t)nin, sizeof(float));
    if (s.in == NULL || s.out == NULL || s.dx == NULL || s.W == NULL || s.dW == NULL) {
        fprintf(stderr, "bench-nn: error: out of memory\n");
        exit(EXIT_FAILURE);
    }
    for (size_t i = 0; i < BB * (size_t)nin; i++)
        s.in[i] = (float)gsl_rng_uniform(r);
    for (size_t i = 0; i < (size_t)nout * (size_t)nin; i++)
        s.W[i] = (float)(0.01 * gsl_rng_uniform(r));
    return s;
}

static void shape_free(struct shape *s)
{
    free(s->in);
    free(s->out);
    free(s->dx);
    free(s->W);
    free(s->dW);
}

static void fail(const char *what)
{
    fprintf(stderr, "bench-nn: error: %s: %s\n", what, ggs_last_error());
    exit(EXIT_FAILURE);
}

/* A whole forward + backward step of both networks with the Bernoulli loss,
   the gradients zeroed first, as a trainer does (without Adam and the latents). */
static void step_full(void *ctx)
{
    struct run *u = ctx;
    memset(u->grads, 0, u->nparams * sizeof(float));
    memset(u->dlogits, 0, (size_t)BB * DD * sizeof(float));
    memset(u->dZ, 0, (size_t)BB * KK * sizeof(float));
    if (ggs_mlp_forwardf(u->E, u->X, BB) != GGS_OK || ggs_mlp_forwardf(u->Dn, u->Z, BB) != GGS_OK)
        fail("forward");
    ggs_nn_bernoulli_forwardf(u->ll, u->X, ggs_mlp_outputf(u->Dn), BB, DD);
    ggs_nn_bernoulli_backwardf(u->dlogits, u->dll, u->X, ggs_mlp_outputf(u->Dn), BB, DD);
    if (ggs_mlp_backwardf(u->Dn, u->dZ, u->Z, u->dlogits) != GGS_OK
        || ggs_mlp_backwardf(u->E, NULL, u->X, u->dE) != GGS_OK)
        fail("backward");
}

static void step_adam(void *ctx)
{
    struct run *u = ctx;
    if (ggs_adam_stepf(u->opt, u->params, u->grads, NULL) != GGS_OK)
        fail("adam");
}

#line 2961 "book/31-nn.nw"
int main(void)
{
    static float X[BB * DD], Z[BB * KK], ll[BB], dll[BB], dlogits[BB * DD], dZ[BB * KK];
    static float dE[BB * KK * NCAT];
    int widths[2] = { KK, KK * NCAT };
    const char *names[2] = { "explicit, K P = 64", "implicit, K n = 1280" };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    struct run u;
    
#line 3096 "book/31-nn.nw"
/* set up the two networks */
if (r == NULL)
    fail("gsl_rng_alloc");
gsl_rng_set(r, 20240607);
for (int i = 0; i < BB * DD; i++)
    X[i] = gsl_rng_uniform(r) < 0.3 ? 1.0f : 0.0f;
for (int i = 0; i < BB * KK; i++)
    Z[i] = (float)(5 * gsl_rng_uniform(r));
for (int i = 0; i < BB * KK * NCAT; i++)
    dE[i] = 0.01f;
for (int i = 0; i < BB; i++)
    dll[i] = 1.0f / BB;
memset(&u, 0, sizeof u);
u.X = X; u.Z = Z; u.ll = ll; u.dll = dll; u.dlogits = dlogits; u.dZ = dZ; u.dE = dE;
#line 2970 "book/31-nn.nw"
    printf("MLPs of the default VAE, B = %d, K = %d, float, forward + backward\n", BB, KK);
    
#line 3115 "book/31-nn.nw"
/* time each configuration */
for (int c = 0; c < 2; c++) {
    ggs_mlp_spec enc[] = { { DD, GGS_NN_IDENTITY }, { H1, GGS_NN_RELU }, { H2, GGS_NN_RELU },
                           { (size_t)widths[c], GGS_NN_IDENTITY } };
    ggs_mlp_spec dec[] = { { KK, GGS_NN_IDENTITY }, { H2, GGS_NN_RELU }, { H1, GGS_NN_RELU },
                           { DD, GGS_NN_IDENTITY } };
    size_t ne, nd;
    double sigma = (double)DD * H1 + H1 * H2 + (double)H2 * widths[c]
                   + (double)KK * H2 + H2 * H1 + (double)H1 * DD;
    double flops = 2 * (3 * sigma - (double)DD * H1);
    int sizes[7] = { DD, H1, H2, widths[c], H2, H1, DD };
    ggs_adam_config cfg = ggs_adam_defaults();
    for (int l = 0; l < 6; l++)     /* encoder D-H1-H2-width, decoder K-H2-H1-D */
        u.lay[l] = shape_alloc(l == 3 ? KK : sizes[l], sizes[l + 1], r);
    if (ggs_mlp_count(&ne, enc, 4) != GGS_OK || ggs_mlp_count(&nd, dec, 4) != GGS_OK)
        fail("ggs_mlp_count");
    u.nparams = ne + nd;
    u.params = calloc(u.nparams, sizeof(float));
    u.grads = calloc(u.nparams, sizeof(float));
    if (u.params == NULL || u.grads == NULL)
        fail("calloc");
    u.E = ggs_mlp_allocf(BB, enc, 4, u.params, u.grads);
    u.Dn = ggs_mlp_allocf(BB, dec, 4, u.params + ne, u.grads + ne);
    u.opt = ggs_adam_allocf(u.nparams, &cfg);
    if (u.E == NULL || u.Dn == NULL || u.opt == NULL || ggs_mlp_initf(u.E, r) != GGS_OK
        || ggs_mlp_initf(u.Dn, r) != GGS_OK)
        fail("setup");
    printf("\n%s: %zu parameters, %.2f MFLOP per training image\n", names[c], u.nparams,
           flops / 1e6);
    printf("threads  GEMM-only img/s (GFLOP/s)  fwd+bwd img/s  ratio  +Adam img/s  ratio"
           "  Adam ms\n");
    for (int th = 1; th <= 2; th++) {
        double tg, tf, ta;
        if (ggs_nn_set_threads(th) != GGS_OK)
            fail("ggs_nn_set_threads");
        tg = time_per_step(step_gemm_only, &u);
        tf = time_per_step(step_full, &u);
        ta = time_per_step(step_adam, &u);
        if (ggs_mlp_initf(u.E, r) != GGS_OK || ggs_mlp_initf(u.Dn, r) != GGS_OK)
            fail("ggs_mlp_initf");       /* undo the drift of the timed Adam steps */
        printf("%7d  %9.0f (%6.1f)  %19.0f  %5.2f  %11.0f  %5.2f  %7.3f\n", ggs_nn_threads(),
               BB / tg, BB / tg * flops / 1e9, BB / tf, tf / tg, BB / (tf + ta),
               (tf + ta) / tg, 1e3 * ta);
    }
    for (int l = 0; l < 6; l++)
        shape_free(&u.lay[l]);
    ggs_mlp_freef(u.E);
    ggs_mlp_freef(u.Dn);
    ggs_adam_freef(u.opt);
    free(u.params);
    free(u.grads);
}
#line 2972 "book/31-nn.nw"
    
#line 3169 "book/31-nn.nw"
/* clean up */
gsl_rng_free(r);
#line 2973 "book/31-nn.nw"
    return EXIT_SUCCESS;
}
