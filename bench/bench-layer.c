#line 1900 "book/30-layer.nw"
/* Generated from book/30-layer.nw; do not edit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include "gengs.h"

enum { BB = 128, KK = 64, NN = 20, WARMUP = 20 };
static const double TAU = 0.5, MIN_SECONDS = 1.0, PYTORCH = 2e6;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#line 1959 "book/30-layer.nw"
typedef void (*step_fn)(void *ctx);

/* Seconds per call of step(ctx): warm up, then the fastest of three windows
   of at least min_seconds each. */
static double time_per_step(step_fn step, void *ctx, double min_seconds)
{
    double best = HUGE_VAL;
    for (int i = 0; i < WARMUP; i++)
        step(ctx);
    for (int w = 0; w < 3; w++) {
        long calls = 0;
        double t0 = now(), t;
        do {
            for (int i = 0; i < 10; i++)
                step(ctx);
            calls += 10;
            t = now() - t0;
        } while (t < min_seconds);
        best = fmin(best, t / (double)calls);
    }
    return best;
}

struct run {
    ggs_layer *L;
    ggs_layerf *Lf;
    ggs_noise *q;
    double *lam, *z, *dz, *dlam, *buf;
    float *lamf, *zf, *dzf, *dlamf;
};

static void fail(int rc)
{
    fprintf(stderr, "bench-layer: error: %s\n", ggs_last_error());
    exit(rc == GGS_OK ? EXIT_FAILURE : rc);
}

static void step_double(void *ctx)
{
    struct run *u = ctx;
    int rc;
    memset(u->dlam, 0, BB * KK * sizeof(double));
    if ((rc = ggs_layer_forward(u->L, u->z, u->lam, TAU, u->q)) != GGS_OK
        || (rc = ggs_layer_backward(u->L, u->dlam, u->dz)) != GGS_OK)
        fail(rc);
}

static void step_float(void *ctx)
{
    struct run *u = ctx;
    int rc;
    memset(u->dlamf, 0, BB * KK * sizeof(float));
    if ((rc = ggs_layer_forwardf(u->Lf, u->zf, u->lamf, TAU, u->q)) != GGS_OK
        || (rc = ggs_layer_backwardf(u->Lf, u->dlamf, u->dzf)) != GGS_OK)
        fail(rc);
}

static void noise_double(void *ctx)
{
    struct run *u = ctx;
    ggs_noise_gumbel(u->buf, BB * KK * NN, u->q);
}

static void noise_float(void *ctx)
{
    struct run *u = ctx;
    ggs_noise_gumbelf((float *)(void *)u->buf, BB * KK * NN, u->q);
}

static void forward_double(void *ctx)
{
    struct run *u = ctx;
    if (ggs_layer_forward(u->L, u->z, u->lam, TAU, NULL) != GGS_OK)
        fail(GGS_OK);
}

static void forward_float(void *ctx)
{
    struct run *u = ctx;
    if (ggs_layer_forwardf(u->Lf, u->zf, u->lamf, TAU, NULL) != GGS_OK)
        fail(GGS_OK);
}

static void backward_double(void *ctx)
{
    struct run *u = ctx;
    if (ggs_layer_backward(u->L, u->dlam, u->dz) != GGS_OK)
        fail(GGS_OK);
}

static void backward_float(void *ctx)
{
    struct run *u = ctx;
    if (ggs_layer_backwardf(u->Lf, u->dlamf, u->dzf) != GGS_OK)
        fail(GGS_OK);
}
#line 2086 "book/30-layer.nw"
struct naive {
    gsl_rng *r;
    const double *lam, *dz;
    double *dlam, *y, *z, *dtail, *g, lgf[NN];
};

static void step_naive(void *ctx)
{
    struct naive *a = ctx;
    for (int i = 0; i < BB * KK; i++) {
        double lam = a->lam[i], *y = a->y + i * NN, *g = a->g + i * NN;
        double ll = log(lam), Q = gsl_cdf_poisson_Q(NN - 2, lam), mx = -HUGE_VAL, s = 0, z = 0;
        for (int k = 0; k < NN; k++) {
            double lp = k < NN - 1 ? k * ll - lam - a->lgf[k] : log(Q);
            g[k] = -log(-log(gsl_rng_uniform_pos(a->r)));
            y[k] = lp + g[k];
            mx = fmax(mx, y[k]);
        }
        for (int k = 0; k < NN; k++) {
            y[k] = exp((y[k] - mx) / TAU);
            s += y[k];
        }
        for (int k = 0; k < NN; k++) {
            y[k] /= s;
            z += k * y[k];
        }
        a->z[i] = z;
        a->dtail[i] = gsl_ran_poisson_pdf(NN - 2, lam) / Q;
    }
    for (int i = 0; i < BB * KK; i++) {
        double acc = 0, *y = a->y + i * NN;
        for (int k = 0; k < NN; k++)
            acc += y[k] * (k - a->z[i]) * (k < NN - 1 ? k / a->lam[i] - 1 : a->dtail[i]);
        a->dlam[i] = a->dz[i] * acc / TAU;
    }
}

#line 1924 "book/30-layer.nw"
int main(void)
{
    static double lam[BB * KK], z[BB * KK], dz[BB * KK], dlam[BB * KK];
    static float lamf[BB * KK], zf[BB * KK], dzf[BB * KK], dlamf[BB * KK];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ggs_layer *L = ggs_layer_alloc(BB, KK, NN);
    ggs_layerf *Lf = ggs_layer_allocf(BB, KK, NN);
    ggs_noise q;
    if (r == NULL || L == NULL || Lf == NULL) {
        fprintf(stderr, "bench-layer: error: out of memory\n");
        return EXIT_FAILURE;
    }
    gsl_rng_set(r, 20240607);
    for (int i = 0; i < BB * KK; i++) {
        lam[i] = 0.5 + 4.5 * gsl_rng_uniform(r);
        lamf[i] = (float)lam[i];
        dz[i] = 1.0;
        dzf[i] = 1.0f;
    }
    ggs_noise_seed(&q, 1);
    printf("GenGS layer, Poisson, B x K = %d x %d, n = %d, tau = %g, forward + backward, "
           "one thread\n", BB, KK, NN, TAU);
    
#line 2057 "book/30-layer.nw"
/* time the layer in both precisions */
static double buf[BB * KK * NN];
struct run u = { L, Lf, &q, lam, z, dz, dlam, buf, lamf, zf, dzf, dlamf };
double td = time_per_step(step_double, &u, MIN_SECONDS);
double tf = time_per_step(step_float, &u, MIN_SECONDS);
printf("double: %.3g samples/s (%.1f ns/sample), %.1fx the PyTorch reference of %.0e\n",
       BB * KK / td, 1e9 * td / (BB * KK), BB * KK / td / PYTORCH, PYTORCH);
printf("float:  %.3g samples/s (%.1f ns/sample), %.1fx the PyTorch reference of %.0e\n",
       BB * KK / tf, 1e9 * tf / (BB * KK), BB * KK / tf / PYTORCH, PYTORCH);
#line 1947 "book/30-layer.nw"
    
#line 2068 "book/30-layer.nw"
/* time the parts */
{
    double nd = time_per_step(noise_double, &u, 0.2), nf = time_per_step(noise_float, &u, 0.2);
    double fd = time_per_step(forward_double, &u, 0.2), ff = time_per_step(forward_float, &u, 0.2);
    double bd = time_per_step(backward_double, &u, 0.2);
    double bf = time_per_step(backward_float, &u, 0.2);
    double s = 1e9 / (BB * KK);
    printf("ns/sample  noise  pmf+softmax  backward\n");
    printf("double    %6.1f  %11.1f  %8.1f\n", s * nd, s * fd, s * bd);
    printf("float     %6.1f  %11.1f  %8.1f\n", s * nf, s * ff, s * bf);
}
#line 1948 "book/30-layer.nw"
    
#line 2124 "book/30-layer.nw"
/* time the straightforward implementation */
{
    static double y[BB * KK * NN], g[BB * KK * NN], zz[BB * KK], dt[BB * KK];
    struct naive a = { r, lam, dz, dlam, y, zz, dt, g, { 0 } };
    double tn;
    for (int k = 0; k < NN; k++)
        a.lgf[k] = gsl_sf_lnfact((unsigned)k);
    tn = time_per_step(step_naive, &a, 0.3);
    printf("straightforward double (GSL generator, libm, gsl_cdf_poisson_Q): %.3g samples/s\n",
           BB * KK / tn);
}
#line 1949 "book/30-layer.nw"
    ggs_layer_free(L);
    ggs_layer_freef(Lf);
    gsl_rng_free(r);
    return EXIT_SUCCESS;
}
