#line 257 "book/22-estimators.nw"
/* Generated from book/22-estimators.nw; do not edit. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "gengs-estimator.h"
#include "gengs-internal.h"
#include "cmdline.h"

#line 410 "book/22-estimators.nw"
static size_t draw_category(double *g, const ggs_estim_problem *pb, gsl_rng *r)
{
    ggs_gumbel_fill(g, pb->n, r);
    return ggs_gumbel_max(pb->logpi, g, pb->n);
}

static void zero(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = 0;
}

/* x += a * row k of the (n, P) table d log pi */
static void add_score(double *x, double a, const ggs_estim_problem *pb, size_t k)
{
    const double *row = pb->dlogpi + k * pb->P;
    for (size_t j = 0; j < pb->P; j++)
        x[j] += a * row[j];
}
#line 799 "book/22-estimators.nw"
static int rebar_draw(size_t *bout, double *z, double *zt, double *dz, double *dzt,
                      const ggs_estim_problem *pb, double tau, gsl_rng *r, double *work)
{
    size_t n = pb->n, b;
    double *g = work, *y = work + n, *dlog = work + 2 * n;     /* (n) each */
    double *xt = work + 3 * n, *E = work + 4 * n;              /* (n) each */
    int rc;
    ggs_gumbel_fill(g, n, r);
    rc = ggs_gengs_forward(z, y, pb->logpi, g, pb->c, tau, n);
    if (rc != GGS_OK)
        return rc;
    b = ggs_gumbel_max(pb->logpi, g, n);
    
#line 823 "book/22-estimators.nw"
/* the gradient dz of the relaxed value at x */
zero(dlog, n);
ggs_gengs_backward(dlog, 1, *z, y, pb->c, tau, n);
zero(dz, pb->P);
ggs_explicit_backward(dz, dlog, pb->dlogpi, n, pb->P);
#line 812 "book/22-estimators.nw"
    
#line 830 "book/22-estimators.nw"
/* draw the conditional xt given b from fresh uniforms */
for (size_t k = 0; k < n; k++)
    E[k] = -log(ggs_uniform_pos(r));
for (size_t k = 0; k < n; k++)
    xt[k] = k == b ? -log(E[b]) : pb->logpi[k] - log(E[k] + pb->pi[k] * E[b]);
#line 813 "book/22-estimators.nw"
    zero(g, n);                      /* xt is already perturbed: no more noise */
    rc = ggs_gengs_forward(zt, y, xt, g, pb->c, tau, n);
    if (rc != GGS_OK)
        return rc;
    
#line 838 "book/22-estimators.nw"
/* the gradient dzt of the relaxed value at the conditional xt */
zero(dlog, n);
ggs_gengs_backward(dlog, 1, *zt, y, pb->c, tau, n);
for (size_t k = 0; k < n; k++)
    dlog[k] *= k == b ? 0 : E[k] / (E[k] + pb->pi[k] * E[b]);
zero(dzt, pb->P);
ggs_explicit_backward(dzt, dlog, pb->dlogpi, n, pb->P);
#line 818 "book/22-estimators.nw"
    *bout = b;
    return GGS_OK;
}
#line 898 "book/22-estimators.nw"
#define RELAX_H 8                        /* hidden units of r */
#define RELAX_NP (3 * RELAX_H + 1)       /* rho = (a0, a[H], w[H], b[H]) */
/* state: [0] steps, [1] mu0, [2] s0, then rho, Adam's m and v (RELAX_NP each) */
enum { RELAX_T, RELAX_MU, RELAX_S, RELAX_RHO, RELAX_STATE = RELAX_RHO + 3 * RELAX_NP };
#define RELAX_LR 0.01

/* r(z), r'(z), and their derivatives dr[RELAX_NP], drp[RELAX_NP] with respect to rho */
static void relax_r(double *r, double *rp, double *dr, double *drp, const double *st, double z)
{
    const double *rho = st + RELAX_RHO, *a = rho + 1, *w = a + RELAX_H, *bb = w + RELAX_H;
    double s0 = st[RELAX_S], u = (z - st[RELAX_MU]) / s0;
    *r = rho[0];
    *rp = 0;
    dr[0] = 1;
    drp[0] = 0;
    for (size_t h = 0; h < RELAX_H; h++) {
        double t = tanh(w[h] * u + bb[h]), d = 1 - t * t;
        *r += a[h] * t;
        *rp += a[h] * w[h] * d / s0;
        dr[1 + h] = t;
        dr[1 + RELAX_H + h] = a[h] * d * u;
        dr[1 + 2 * RELAX_H + h] = a[h] * d;
        drp[1 + h] = w[h] * d / s0;
        drp[1 + RELAX_H + h] = a[h] * d * (1 - 2 * w[h] * t * u) / s0;
        drp[1 + 2 * RELAX_H + h] = -2 * a[h] * w[h] * t * d / s0;
    }
}

/* the first estimate of a sequence: standardization and the starting rho */
static void relax_start(double *st, const ggs_estim_problem *pb)
{
    double mu = 0, var = 0, *w = st + RELAX_RHO + 1 + RELAX_H, *bb = w + RELAX_H;
    for (size_t k = 0; k < pb->n; k++)
        mu += pb->pi[k] * pb->c[k];
    for (size_t k = 0; k < pb->n; k++)
        var += pb->pi[k] * (pb->c[k] - mu) * (pb->c[k] - mu);
    st[RELAX_MU] = mu;
    st[RELAX_S] = var > 0 ? sqrt(var) : 1;
    for (size_t h = 0; h < RELAX_H; h++) {
        w[h] = 1;
        bb[h] = -2 + 4 * (double)h / (RELAX_H - 1);
    }
}
#line 1046 "book/22-estimators.nw"
/* The most probable category k* (the first on ties) and S = sum of the others. */
static size_t rb_select(double *S, const ggs_estim_problem *pb)
{
    size_t ks = ggs_argmax(pb->pi, pb->n);
    double rest = 0;
    for (size_t k = 0; k < pb->n; k++)
        if (k != ks)
            rest += pb->pi[k];
    *S = rest;
    return ks;
}
#line 1227 "book/22-estimators.nw"
#define UNORD_MAX 12    /* largest set of the unordered set estimators */

/* F[A] for every subset A (a bit mask) of the K drawn categories, whose
   probabilities are p[0..K-1]; T is the mass outside the set. */
static void unord_set_probs(double *F, const double *p, size_t K, double T)
{
    F[0] = 1;
    for (unsigned A = 1; A < 1u << K; A++) {
        double mass = T, sum = 0;
        for (size_t x = 0; x < K; x++)
            if (A >> x & 1)
                mass += p[x];
        for (size_t x = 0; x < K; x++)
            if (A >> x & 1)
                sum += p[x] / mass * F[A & ~(1u << x)];
        F[A] = sum;
    }
}

/* Gumbel-top-K over the categories of positive probability: their indexes
   in S (the largest perturbed log-probability first), how many (<= K) as
   the result, and the mass T outside the set.  Uses work[0..n-1]. */
static size_t unord_draw(size_t *S, double *T, const ggs_estim_problem *pb, size_t K,
                         gsl_rng *r, double *work)
{
    size_t n = pb->n, got = 0;
    double *g = work, rest = 0;
    ggs_gumbel_fill(g, n, r);
    for (; got < K; got++) {
        size_t best = n;
        for (size_t k = 0; k < n; k++)
            if (pb->pi[k] > 0 && g[k] > -HUGE_VAL
                && (best == n || pb->logpi[k] + g[k] > pb->logpi[best] + g[best]))
                best = k;
        if (best == n)
            break;                      /* every category of positive mass is in S */
        S[got] = best;
        g[best] = -HUGE_VAL;            /* drawn: out of the running */
    }
    for (size_t k = 0; k < n; k++)
        if (g[k] > -HUGE_VAL)
            rest += pb->pi[k];
    *T = rest;
    return got;
}
#line 1366 "book/22-estimators.nw"
/* NVIL's memory: the baseline b, the running mean c and variance v of l = f - b */
enum { NVIL_B, NVIL_C, NVIL_V, NVIL_STATE };
#define NVIL_DECAY 0.8   /* alpha of the running moments (Mnih and Gregor) */
#define NVIL_RATE 0.1    /* step of the baseline's gradient descent on (f - b)^2 / 2 */
#line 448 "book/22-estimators.nw"
static int estimate_exact(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    zero(grad, pb->P);
    for (size_t k = 0; k < pb->n; k++)
        if (pb->pi[k] > 0)
            add_score(grad, pb->pi[k] * ggs_estim_loss(pb, pb->c[k]), pb, k);
    return GGS_OK;
}
#line 549 "book/22-estimators.nw"
static int estimate_rf(double *grad, const ggs_estim_problem *pb,
                       const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        add_score(grad, ggs_estim_loss(pb, pb->c[k]) / (double)K, pb, k);
    }
    return GGS_OK;
}
#line 578 "book/22-estimators.nw"
static int estimate_rf_star(double *grad, const ggs_estim_problem *pb,
                            const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    double *fs = work + pb->n, *ks = fs + K, fbar = 0;   /* (K) losses, (K) categories */
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        ks[s] = (double)k;                 /* exact: k < 10^7 */
        fs[s] = ggs_estim_loss(pb, pb->c[k]);
        fbar += fs[s];
    }
    fbar /= (double)K;
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++)
        add_score(grad, (fs[s] - fbar) / (double)(K - 1), pb, (size_t)ks[s]);
    return GGS_OK;
}
#line 620 "book/22-estimators.nw"
static int estimate_muprop(double *grad, const ggs_estim_problem *pb,
                           const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    double mu = 0, fmu, dfmu;
    for (size_t k = 0; k < pb->n; k++)
        mu += pb->pi[k] * pb->c[k];
    fmu = ggs_estim_loss(pb, mu);
    dfmu = ggs_estim_dloss(pb, mu);
    zero(grad, pb->P);
    for (size_t k = 0; k < pb->n; k++)      /* f'(mu) grad mu */
        if (pb->pi[k] > 0)
            add_score(grad, dfmu * pb->pi[k] * pb->c[k], pb, k);
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        double rest = ggs_estim_loss(pb, pb->c[k]) - fmu - dfmu * (pb->c[k] - mu);
        add_score(grad, rest / (double)K, pb, k);
    }
    return GGS_OK;
}
#line 666 "book/22-estimators.nw"
static int estimate_gengs_common(double *grad, const ggs_estim_problem *pb,
                                 const ggs_estim_options *o, gsl_rng *r, double *work,
                                 int straight_through)
{
    size_t n = pb->n, K = o->samples;
    double *g = work, *y = work + n, *dlog = work + 2 * n;   /* (n) each */
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        double z, df;
        int rc;
        ggs_gumbel_fill(g, n, r);
        rc = ggs_gengs_forward(&z, y, pb->logpi, g, pb->c, o->tau, n);
        if (rc != GGS_OK)
            return rc;
        
#line 704 "book/22-estimators.nw"
/* set df to f' at the relaxed value, or at the hard one for straight-through */
df = ggs_estim_dloss(pb, straight_through ? ggs_gengs_hard(y, pb->c, n) : z);
#line 681 "book/22-estimators.nw"
        zero(dlog, n);
        ggs_gengs_backward(dlog, df / (double)K, z, y, pb->c, o->tau, n);
        ggs_explicit_backward(grad, dlog, pb->dlogpi, n, pb->P);
    }
    return GGS_OK;
}

static int estimate_gengs(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    return estimate_gengs_common(grad, pb, o, r, work, 0);
}
#line 708 "book/22-estimators.nw"
static int estimate_gengs_st(double *grad, const ggs_estim_problem *pb,
                             const ggs_estim_options *o, gsl_rng *r, double *work)
{
    return estimate_gengs_common(grad, pb, o, r, work, 1);
}
#line 768 "book/22-estimators.nw"
#define REBAR_ETA 1.0   /* the control variate's weight (fixed, not adapted) */

static int estimate_rebar(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    double dz[GGS_MAX_CATEGORIES], dzt[GGS_MAX_CATEGORIES];      /* (P) each */
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        double z, zt, w = 1 / (double)K;
        size_t b;
        int rc = rebar_draw(&b, &z, &zt, dz, dzt, pb, o->tau, r, work);
        if (rc != GGS_OK)
            return rc;
        for (size_t j = 0; j < pb->P; j++)
            grad[j] += w * REBAR_ETA * (ggs_estim_dloss(pb, z) * dz[j]
                                        - ggs_estim_dloss(pb, zt) * dzt[j]);
        add_score(grad, w * (ggs_estim_loss(pb, pb->c[b]) - REBAR_ETA * ggs_estim_loss(pb, zt)),
                  pb, b);
    }
    return GGS_OK;
}
#line 945 "book/22-estimators.nw"
static int estimate_relax(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples, P = pb->P;
    double *st = o->state, *rho = st + RELAX_RHO, *m = rho + RELAX_NP, *v = m + RELAX_NP;
    double dz[GGS_MAX_CATEGORIES], dzt[GGS_MAX_CATEGORIES];           /* (P) each */
    double D[RELAX_NP][GGS_MAX_CATEGORIES] = { { 0 } };                /* (NP, P) */
    double dr_z[RELAX_NP], drp_z[RELAX_NP], dr_zt[RELAX_NP], drp_zt[RELAX_NP];
    if (st[RELAX_T] == 0)
        relax_start(st, pb);
    zero(grad, P);
    for (size_t s = 0; s < K; s++) {
        double z, zt, r_z, rp_z, r_zt, rp_zt, w = 1 / (double)K;
        const double *score;
        size_t b;
        int rc = rebar_draw(&b, &z, &zt, dz, dzt, pb, o->tau, r, work);
        if (rc != GGS_OK)
            return rc;
        score = pb->dlogpi + b * P;
        relax_r(&r_z, &rp_z, dr_z, drp_z, st, z);
        relax_r(&r_zt, &rp_zt, dr_zt, drp_zt, st, zt);
        for (size_t j = 0; j < P; j++)
            grad[j] += w * ((ggs_estim_loss(pb, pb->c[b]) - REBAR_ETA * ggs_estim_loss(pb, zt)
                             - r_zt) * score[j]
                            + (REBAR_ETA * ggs_estim_dloss(pb, z) + rp_z) * dz[j]
                            - (REBAR_ETA * ggs_estim_dloss(pb, zt) + rp_zt) * dzt[j]);
        for (size_t i = 0; i < RELAX_NP; i++)
            for (size_t j = 0; j < P; j++)
                D[i][j] += w * (-dr_zt[i] * score[j] + drp_z[i] * dz[j] - drp_zt[i] * dzt[j]);
    }
    
#line 980 "book/22-estimators.nw"
/* one Adam step of RELAX's rho on the squared estimate */
st[RELAX_T] += 1;
for (size_t i = 0; i < RELAX_NP; i++) {
    double gi = 0;
    for (size_t j = 0; j < P; j++)
        gi += 2 * grad[j] * D[i][j];
    m[i] = 0.9 * m[i] + 0.1 * gi;
    v[i] = 0.999 * v[i] + 0.001 * gi * gi;
    rho[i] -= RELAX_LR * (m[i] / (1 - pow(0.9, st[RELAX_T])))
              / (sqrt(v[i] / (1 - pow(0.999, st[RELAX_T]))) + 1e-8);
}
#line 976 "book/22-estimators.nw"
    return GGS_OK;
}
#line 1059 "book/22-estimators.nw"
/* the exact term of category ks and K REINFORCE draws from the others */
static int estimate_rb_common(double *grad, const ggs_estim_problem *pb,
                              const ggs_estim_options *o, gsl_rng *r, double *work,
                              size_t ks, double S)
{
    size_t n = pb->n, K = o->samples;
    double *g = work, *logq = work + 3 * n;        /* (n) each */
    zero(grad, pb->P);
    add_score(grad, pb->pi[ks] * ggs_estim_loss(pb, pb->c[ks]), pb, ks);
    if (S == 0)
        return GGS_OK;                             /* nothing left to estimate */
    memcpy(logq, pb->logpi, n * sizeof(double));
    logq[ks] = -HUGE_VAL;
    for (size_t s = 0; s < K; s++) {
        size_t k;
        ggs_gumbel_fill(g, n, r);
        k = ggs_gumbel_max(logq, g, n);
        add_score(grad, S * ggs_estim_loss(pb, pb->c[k]) / (double)K, pb, k);
    }
    return GGS_OK;
}

static int estimate_detrb(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    double S;
    size_t ks = rb_select(&S, pb);
    return estimate_rb_common(grad, pb, o, r, work, ks, S);
}
#line 1097 "book/22-estimators.nw"
static int estimate_storb(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    double S = 0;
    size_t ks = draw_category(work, pb, r);
    for (size_t k = 0; k < pb->n; k++)
        if (k != ks)
            S += pb->pi[k];
    return estimate_rb_common(grad, pb, o, r, work, ks, S);
}

static int estimate_gengs_rb(double *grad, const ggs_estim_problem *pb,
                             const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t n = pb->n, K = o->samples;
    double *g = work, *y = work + n, *dlog = work + 2 * n, *logq = work + 3 * n, S;
    size_t ks = rb_select(&S, pb);
    double fs = ggs_estim_loss(pb, pb->c[ks]);
    zero(grad, pb->P);
    if (S == 0) {                                  /* J_n = f(c_k*): the exact term alone */
        add_score(grad, pb->pi[ks] * fs, pb, ks);
        return GGS_OK;
    }
    for (size_t k = 0; k < n; k++)
        logq[k] = k == ks ? -HUGE_VAL : pb->logpi[k] - log(S);
    for (size_t s = 0; s < K; s++) {
        double z;
        int rc;
        ggs_gumbel_fill(g, n, r);
        rc = ggs_gengs_forward(&z, y, logq, g, pb->c, o->tau, n);
        if (rc != GGS_OK)
            return rc;
        add_score(grad, pb->pi[ks] * (fs - ggs_estim_loss(pb, z)) / (double)K, pb, ks);
        zero(dlog, n);
        ggs_gengs_backward(dlog, S * ggs_estim_dloss(pb, z) / (double)K, z, y, pb->c, o->tau, n);
        ggs_explicit_backward(grad, dlog, pb->dlogpi, n, pb->P);
    }
    return GGS_OK;
}
#line 1275 "book/22-estimators.nw"
static int estimate_unord_common(double *grad, const ggs_estim_problem *pb,
                                 const ggs_estim_options *o, gsl_rng *r, double *work,
                                 int baseline)
{
    size_t S[UNORD_MAX], K;
    double p[UNORD_MAX], f[UNORD_MAX], F[1u << UNORD_MAX], T;
    unsigned all;
    K = unord_draw(S, &T, pb, o->samples, r, work);
    for (size_t i = 0; i < K; i++) {
        p[i] = pb->pi[S[i]];
        f[i] = ggs_estim_loss(pb, pb->c[S[i]]);
    }
    unord_set_probs(F, p, K, T);
    all = (1u << K) - 1;
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        unsigned rest = all & ~(1u << s);
        double signal = f[s];
        if (baseline) {
            double B = p[s] * f[s];
            for (size_t t = 0; t < K; t++)
                if (t != s)
                    B += p[t] * F[rest & ~(1u << t)] / F[rest] * f[t];
            signal -= B;
        }
        add_score(grad, p[s] * F[rest] / F[all] * signal, pb, S[s]);
    }
    return GGS_OK;
}

static int estimate_unord(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    return estimate_unord_common(grad, pb, o, r, work, 0);
}

static int estimate_unord_star(double *grad, const ggs_estim_problem *pb,
                               const ggs_estim_options *o, gsl_rng *r, double *work)
{
    return estimate_unord_common(grad, pb, o, r, work, 1);
}
#line 1372 "book/22-estimators.nw"
static int estimate_nvil(double *grad, const ggs_estim_problem *pb,
                         const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    double *st = o->state, *fs = work + pb->n;          /* (K) losses */
    double scale = fmax(1, sqrt(st[NVIL_V])), lbar = 0, dev = 0;
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        fs[s] = ggs_estim_loss(pb, pb->c[k]);
        add_score(grad, (fs[s] - st[NVIL_B] - st[NVIL_C]) / scale / (double)K, pb, k);
    }
    for (size_t s = 0; s < K; s++) {                    /* learn, after the estimate */
        double l = fs[s] - st[NVIL_B];
        lbar += l / (double)K;
        dev += (l - st[NVIL_C]) * (l - st[NVIL_C]) / (double)K;
    }
    st[NVIL_C] = NVIL_DECAY * st[NVIL_C] + (1 - NVIL_DECAY) * lbar;
    st[NVIL_V] = NVIL_DECAY * st[NVIL_V] + (1 - NVIL_DECAY) * dev;
    st[NVIL_B] += NVIL_RATE * lbar;     /* lbar: minus the gradient of (f - b)^2 / 2 */
    return GGS_OK;
}
#line 1401 "book/22-estimators.nw"
static const ggs_estimator estimators[] = {
    {"exact", "enumeration over the truncated support (the zero-variance reference)",
     "n loss evaluations, O(n P)", 1, 0, 1, 1, estimate_exact, 0, 0},
    {"rf", "REINFORCE: f(z) times the score, averaged over K draws",
     "K draws (O(n) each), K loss evaluations, O(K P)", 1, 0, 1, 1, estimate_rf, 0, 0},
    {"rf-star", "REINFORCE with the leave-one-out baseline of the other K-1 draws",
     "as rf; K >= 2", 1, 0, 2, 4, estimate_rf_star, 0, 0},
    {"muprop", "REINFORCE on f minus its Taylor expansion at the mean, plus its exact mean",
     "as rf, plus O(n P) for the mean and its gradient", 1, 0, 1, 1, estimate_muprop, 0, 0},
    {"gengs", "pathwise derivative of f(T(GS(pi, tau))) (biased; exact as tau -> 0)",
     "K draws, one softmax and backward over n categories each, O(n P K)", 0, 1, 1, 1,
     estimate_gengs, 0, 0},
    {"gengs-st", "straight-through: f' at the hard draw times the relaxed dz/dtheta (biased)",
     "as gengs", 0, 1, 1, 1, estimate_gengs_st, 0, 0},
    {"rebar", "REINFORCE with the relaxed sample as control variate (eta = 1, tau fixed)",
     "about twice gengs, plus one loss evaluation per draw", 1, 1, 1, 1, estimate_rebar, 0, 0},
    {"relax", "REBAR with a learned control variate f + r_rho(z), rho trained on the variance",
     "as rebar, plus O(H P) per draw; 78 doubles of state", 1, 1, 1, 1, estimate_relax, 0,
     RELAX_STATE},
    {"detrb", "the most probable category summed exactly, REINFORCE on the others",
     "as rf, plus O(n)", 1, 0, 1, 1, estimate_detrb, 0, 0},
    {"storb", "a category drawn from pi summed exactly, REINFORCE on the others",
     "as detrb, plus one draw", 1, 0, 1, 1, estimate_storb, 0, 0},
    {"gengs-rb", "the most probable category summed exactly, GenGS on the others (biased)",
     "as gengs, plus O(n)", 0, 1, 1, 1, estimate_gengs_rb, 0, 0},
    {"unord", "the unordered set estimator: K distinct draws (Gumbel-top-K) as a set",
     "n Gumbel variates, O(n K + 2^K K), K loss evaluations; K <= 12", 1, 0, 1, 2,
     estimate_unord, UNORD_MAX, 0},
    {"unord-star", "UnOrd with its built-in baseline, each draw's from the rest of the set",
     "as unord, plus O(K^2); 2 <= K <= 12", 1, 0, 2, 2, estimate_unord_star, UNORD_MAX, 0},
    {"nvil", "REINFORCE with a learned baseline and a running variance normalization",
     "as rf, plus O(K) to learn; 3 doubles of state", 0, 0, 1, 1, estimate_nvil, 0,
     NVIL_STATE},
};

size_t ggs_estimator_count(void)
{
    return sizeof estimators / sizeof estimators[0];
}

const ggs_estimator *ggs_estimator_at(size_t i)
{
    return i < ggs_estimator_count() ? &estimators[i] : NULL;
}

const ggs_estimator *ggs_estimator_find(const char *name)
{
    for (size_t i = 0; i < ggs_estimator_count(); i++)
        if (strcmp(estimators[i].name, name) == 0)
            return &estimators[i];
    return NULL;
}
#line 280 "book/22-estimators.nw"
/* the tables log pi, pi and d log pi of q at q->dist, on q's window */
static int problem_fill(ggs_estim_problem *q, const char *me)
{
    int rc, any = 0;
    size_t n = q->n;
    rc = ggs_truncated_logpmf(q->logpi, &q->dist, q->m, n);
    if (rc == GGS_OK)
        rc = ggs_truncated_dlogpmf(q->dlogpi, &q->dist, q->m, n);
    for (size_t k = 0; rc == GGS_OK && k < n; k++) {
        if (isnan(q->logpi[k]))
            rc = ggs_error(GGS_EDOM, me, "the truncated log-pmf is NaN at category %zu", k);
        q->pi[k] = exp(q->logpi[k]);
        any |= isfinite(q->logpi[k]);
    }
    if (rc == GGS_OK && !any)
        rc = ggs_error(GGS_EDOM, me, "the truncated pmf is 0 on every category");
    return rc;
}

int ggs_estim_problem_init(ggs_estim_problem *pb, const ggs_dist *d, long m, size_t n,
                           const double *t, size_t nt)
{
    static const char *me = "ggs_estim_problem_init";
    ggs_estim_problem q;
    size_t P = d->nparam;
    int rc;
    if (d->family == GGS_MULTINOMIAL)
        return ggs_error(GGS_EINVAL, me, "a multinomial distribution has no scalar outcome");
    if (nt == 0)
        return ggs_error(GGS_EINVAL, me, "no targets (nt = 0)");
    if (n < 2 || n > 10000000UL)
        return ggs_error(GGS_EINVAL, me, "n = %zu categories is outside [2, 10^7]", n);
    for (size_t i = 0; i < nt; i++)
        if (!isfinite(t[i]))
            return ggs_error(GGS_EDOM, me, "target %zu is %g, not a finite number", i, t[i]);
    memset(&q, 0, sizeof q);
    q.block = malloc(((3 + P) * n + nt) * sizeof(double));
    if (q.block == NULL)
        return ggs_error(GGS_ENOMEM, me, "no memory for a window of %zu categories", n);
    q.dist = *d;
    q.m = m;
    q.n = n;
    q.P = P;
    q.nt = nt;
    q.t = q.block;
    q.c = q.t + nt;
    q.logpi = q.c + n;
    q.pi = q.logpi + n;
    q.dlogpi = q.pi + n;
    memcpy(q.t, t, nt * sizeof(double));
    ggs_support_values(q.c, m, n);
    rc = problem_fill(&q, me);
    if (rc != GGS_OK) {
        free(q.block);
        return rc;
    }
    *pb = q;
    return GGS_OK;
}
#line 344 "book/22-estimators.nw"
int ggs_estim_problem_update(ggs_estim_problem *pb, const ggs_dist *d)
{
    static const char *me = "ggs_estim_problem_update";
    if (d->family != pb->dist.family || d->trials != pb->dist.trials || d->nparam != pb->P)
        return ggs_error(GGS_EINVAL, me, "a %s distribution cannot replace a %s one",
                         ggs_family_name(d->family), ggs_family_name(pb->dist.family));
    pb->dist = *d;
    return problem_fill(pb, me);
}

void ggs_estim_problem_free(ggs_estim_problem *pb)
{
    if (pb == NULL)
        return;
    free(pb->block);
    memset(pb, 0, sizeof *pb);
}
#line 363 "book/22-estimators.nw"
double ggs_estim_loss(const ggs_estim_problem *pb, double z)
{
    double s = 0;
    for (size_t i = 0; i < pb->nt; i++)
        s += (z - pb->t[i]) * (z - pb->t[i]);
    return s;
}

double ggs_estim_dloss(const ggs_estim_problem *pb, double z)
{
    double s = 0;
    for (size_t i = 0; i < pb->nt; i++)
        s += z - pb->t[i];
    return 2 * s;
}

size_t ggs_estim_work_size(const ggs_estim_problem *pb, size_t samples)
{
    return 5 * pb->n + 2 * samples;
}
#line 386 "book/22-estimators.nw"
int ggs_estimate(double *grad, const ggs_estimator *e, const ggs_estim_problem *pb,
                 const ggs_estim_options *o, gsl_rng *r, double *work)
{
    static const char *me = "ggs_estimate";
    if (o->samples < e->min_samples)
        return ggs_error(GGS_EINVAL, me, "%s needs at least %zu draws per estimate, not %zu",
                         e->name, e->min_samples, o->samples);
    if (e->max_samples > 0 && o->samples > e->max_samples)
        return ggs_error(GGS_EINVAL, me, "%s takes at most %zu draws per estimate, not %zu",
                         e->name, e->max_samples, o->samples);
    if (e->state_size > 0 && o->state == NULL)
        return ggs_error(GGS_EINVAL, me, "%s learns as it goes: it needs o->state (%zu doubles)",
                         e->name, e->state_size);
    if (e->relaxed && !(isfinite(o->tau) && o->tau > 0))
        return ggs_error(GGS_EDOM, me, "%s: tau = %g must be finite and > 0", e->name, o->tau);
    return e->estimate(grad, pb, o, r, work);
}
#line 478 "book/22-estimators.nw"
int ggs_estim_closed_form(double *grad, const ggs_dist *d, const double *t, size_t nt)
{
    /* mu, dmu and dV: every family below sets them */
    double mu = 0, dmu[2] = {0, 0}, dV[2] = {0, 0}, S = 0, T = (double)nt;
    size_t P = 1;
    if (nt == 0)
        return ggs_error(GGS_EINVAL, "ggs_estim_closed_form", "no targets (nt = 0)");
    
#line 494 "book/22-estimators.nw"
/* set mu, dmu and dV of the family, or fail */
switch (d->family) {
case GGS_POISSON:
    mu = d->theta[0];
    dmu[0] = 1;
    dV[0] = 1;
    break;
case GGS_BINOMIAL: {
    double N = (double)d->trials, p = d->theta[0];
    mu = N * p;
    dmu[0] = N;
    dV[0] = N * (1 - 2 * p);
    break;
}
case GGS_GEOMETRIC: {
    double p = d->theta[0];
    mu = (1 - p) / p;
    dmu[0] = -1 / (p * p);
    dV[0] = (p - 2) / (p * p * p);
    break;
}
case GGS_NEGBIN: {
    double r = d->theta[0], p = d->theta[1];
    mu = r * (1 - p) / p;
    dmu[0] = (1 - p) / p;
    dV[0] = (1 - p) / (p * p);
    dmu[1] = -r / (p * p);
    dV[1] = r * (p - 2) / (p * p * p);
    P = 2;
    break;
}
case GGS_ZTPOISSON:     /* one exists; it is an exercise */
case GGS_CATEGORICAL:
case GGS_MULTINOMIAL:
case GGS_FAMILY_COUNT:  /* not a family */
    return ggs_error(GGS_EINVAL, "ggs_estim_closed_form",
                     "no closed form for a %s distribution", ggs_family_name(d->family));
}
#line 486 "book/22-estimators.nw"
    for (size_t i = 0; i < nt; i++)
        S += t[i];
    for (size_t j = 0; j < P; j++)
        grad[j] = T * (dV[j] + 2 * mu * dmu[j]) - 2 * S * dmu[j];
    return GGS_OK;
}
#line 1500 "book/22-estimators.nw"
static const char synth_help[] =
    "usage: gengs synth DIST --estimator NAME --gradient-at THETA --draws M --seed S\n"
    "                   [--tau T] [--n N] [--samples K] [--targets T1,T2,...]\n"
    "\n"
    "Print, per real parameter of DIST, one line EXACT<TAB>MEAN<TAB>SE<TAB>VARIANCE:\n"
    "the exact gradient of J_n(THETA) = E sum_i (Z - t_i)^2, Z the truncation of\n"
    "DIST at THETA, and the mean, standard error and variance of M estimates.\n"
    "\n"
    "  --estimator NAME   one of the estimators below\n"
    "  --gradient-at THETA  the real parameters, comma-separated, in DIST's order\n"
    "  --draws M          independent estimates, M >= 2\n"
    "  --seed S           seed of the generator (same seed, same output)\n"
    "  --tau T            temperature, T > 0 (relaxed estimators; ignored otherwise)\n"
    "  --n N              categories of the window from the lower end of the support\n"
    "                     (default: the smallest with P(X > m+N-1) <= 1e-12)\n"
    "  --samples K        draws per estimate (default: the estimator's)\n"
    "  --targets T1,...   the targets t_i (default: one target, the mean of DIST)\n"
    "\n"
    "       gengs synth DIST --estimator NAME --optimize STEPS --start THETA0 --lr ETA\n"
    "                   --draws M --seed S [--optimizer adam|sgd] [--record-every R]\n"
    "                   [--draw-targets K] [--out FILE] [--tau T] [--n N] [--samples K]\n"
    "                   [--targets T1,T2,...]\n"
    "\n"
    "Minimize J_n over the rate or probability of DIST (lambda; p; p of negbin, r held),\n"
    "through u = log lambda or u = logit p, from THETA0, one estimate per step.  Every\n"
    "R steps write the CSV row step,loss,THETA,exact,mean,variance,bias: the exact\n"
    "J_n and gradient at the current THETA, and the mean, variance and bias of M\n"
    "further estimates there.\n"
    "\n"
    "  --optimize STEPS   optimization steps, 1 <= STEPS <= 10^7\n"
    "  --start THETA0     the starting value of the parameter moved\n"
    "  --lr ETA           the step size in u, finite and > 0\n"
    "  --optimizer O      adam (the default: beta 0.9, 0.999, eps 1e-8) or sgd\n"
    "  --record-every R   a row every R steps (default 1: STEPS rows)\n"
    "  --draw-targets K   draw K targets from DIST (default: the mean of DIST)\n"
    "  --out FILE         write the CSV into FILE (default: the standard output)\n"
    "\n"
    "estimators (* = unbiased for the gradient of J_n):\n";
#line 1542 "book/22-estimators.nw"
#define SYNTH_MAX_LIST 4096
#define SYNTH_MAX_DRAWS 1000000000UL
#define SYNTH_MAX_SAMPLES 1000000UL
#define SYNTH_MAX_N 10000000UL
#define SYNTH_EPS 1e-12

static int synth_usage(FILE *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int synth_usage(FILE *err, const char *fmt, ...)
{
    va_list ap;
    fputs("gengs: error: synth: ", err);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputs("\n", err);
    return 2;
}

/* Split "a,b,c" into x[0..*count-1]; -1 on a bad or missing number. */
static int synth_list(double *x, size_t *count, const char *s)
{
    char buf[64];
    size_t cnt = 0;
    const char *p = s;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0 || len >= sizeof buf || cnt == SYNTH_MAX_LIST)
            return -1;
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (!ggs_cmd_double(&x[cnt++], buf))
            return -1;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    *count = cnt;
    return 0;
}
#line 1588 "book/22-estimators.nw"
typedef struct synth_opts {
    ggs_dist dist;            /* DIST as written */
    const char *spec;
    const ggs_estimator *e;
    const char *theta;        /* --gradient-at, as written */
    unsigned long draws, seed, samples, n;
    int have_draws, have_seed, have_samples, have_n, have_tau;
    double tau;
    double *targets;          /* (SYNTH_MAX_LIST) */
    size_t nt;
    
#line 1965 "book/22-estimators.nw"
/* fields of the synth options for the optimization mode */
unsigned long steps, record_every, draw_targets;
int have_optimize, have_lr, adam;
double lr;
const char *start;        /* --start, as written */
const char *out_path;     /* --out, or NULL for the standard output */
const char *opt_only;     /* the first option given that only --optimize reads */
#line 1599 "book/22-estimators.nw"
} synth_opts;

static int synth_optimize_option(synth_opts *o, const char *a, const char *v, FILE *err);

static int synth_parse(synth_opts *o, int argc, char **argv, FILE *err)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) == 0) {
            const char *v = i + 1 < argc ? argv[i + 1] : NULL;
            if (v == NULL)
                return synth_usage(err, "option %s needs a value", a);
            i++;
            
#line 1627 "book/22-estimators.nw"
/* read the value v of option a, or fail */
if (strcmp(a, "--estimator") == 0) {
    o->e = ggs_estimator_find(v);
    if (o->e == NULL)
        return synth_usage(err, "unknown estimator '%s' (see 'gengs synth --help')", v);
} else if (strcmp(a, "--gradient-at") == 0) {
    o->theta = v;
} else if (strcmp(a, "--draws") == 0) {
    if (!ggs_cmd_ulong(&o->draws, v) || o->draws < 2 || o->draws > SYNTH_MAX_DRAWS)
        return synth_usage(err, "--draws = '%s' must be an integer in [2, %lu]", v,
                           SYNTH_MAX_DRAWS);
    o->have_draws = 1;
} else if (strcmp(a, "--seed") == 0) {
    if (!ggs_cmd_ulong(&o->seed, v))
        return synth_usage(err, "--seed = '%s' is not a nonnegative integer", v);
    o->have_seed = 1;
} else if (strcmp(a, "--samples") == 0) {
    if (!ggs_cmd_ulong(&o->samples, v) || o->samples < 1 || o->samples > SYNTH_MAX_SAMPLES)
        return synth_usage(err, "--samples = '%s' must be an integer in [1, %lu]", v,
                           SYNTH_MAX_SAMPLES);
    o->have_samples = 1;
} else if (strcmp(a, "--n") == 0) {
    if (!ggs_cmd_ulong(&o->n, v) || o->n < 2 || o->n > SYNTH_MAX_N)
        return synth_usage(err, "--n = '%s' must be an integer in [2, %lu]", v, SYNTH_MAX_N);
    o->have_n = 1;
} else if (strcmp(a, "--tau") == 0) {
    if (!ggs_cmd_double(&o->tau, v) || !(o->tau > 0))
        return synth_usage(err, "--tau = '%s' must be a finite number > 0", v);
    o->have_tau = 1;
} else if (strcmp(a, "--targets") == 0) {
    if (synth_list(o->targets, &o->nt, v) != 0)
        return synth_usage(err, "--targets = '%s' must be 1 to %d finite numbers separated "
                           "by commas", v, SYNTH_MAX_LIST);
} else {
    int rc = synth_optimize_option(o, a, v, err);   /* or an unknown option */
    if (rc != 0)
        return rc;
}
#line 1613 "book/22-estimators.nw"
            continue;
        }
        if (o->spec != NULL)
            return synth_usage(err, "unexpected argument '%s' (DIST is already '%s')", a,
                               o->spec);
        if (ggs_dist_parse(&o->dist, a) != GGS_OK)
            return synth_usage(err, "%s, in DIST '%s'", ggs_last_error(), a);
        o->spec = a;
    }
    
#line 1667 "book/22-estimators.nw"
/* check that the synth command's required options were given */
if (o->spec == NULL)
    return synth_usage(err, "missing DIST (e.g. poisson:20)");
if (o->dist.family == GGS_MULTINOMIAL)
    return synth_usage(err, "DIST '%s': the estimators need a scalar outcome; "
                       "a multinomial is not supported", o->spec);
if (o->e == NULL)
    return synth_usage(err, "missing --estimator NAME (see 'gengs synth --help')");
if (o->theta == NULL && !o->have_optimize)
    return synth_usage(err, "missing --gradient-at THETA (the parameters of the gradient) "
                       "or --optimize STEPS");
if (!o->have_draws)
    return synth_usage(err, "missing --draws M (the number of estimates)");
if (!o->have_seed)
    return synth_usage(err, "missing --seed S (the random seed)");
if (o->e->relaxed && !o->have_tau)
    return synth_usage(err, "estimator %s is relaxed: it needs --tau T", o->e->name);
if (!o->have_samples)
    o->samples = o->e->default_samples;
if (o->samples < o->e->min_samples)
    return synth_usage(err, "estimator %s needs --samples >= %zu", o->e->name,
                       o->e->min_samples);
if (o->e->max_samples > 0 && o->samples > o->e->max_samples)
    return synth_usage(err, "estimator %s needs --samples <= %zu", o->e->name,
                       o->e->max_samples);
#line 2015 "book/22-estimators.nw"
/* check the options of the optimization mode */
if (o->have_optimize) {
    if (o->theta != NULL)
        return synth_usage(err, "--gradient-at and --optimize exclude each other");
    if (o->start == NULL)
        return synth_usage(err, "--optimize needs --start THETA0 (the starting value)");
    if (!o->have_lr)
        return synth_usage(err, "--optimize needs --lr ETA (the step size)");
    if (o->draw_targets > 0 && o->nt > 0)
        return synth_usage(err, "--draw-targets and --targets exclude each other");
} else if (o->opt_only != NULL) {
    return synth_usage(err, "%s is an option of --optimize STEPS", o->opt_only);
}
#line 1623 "book/22-estimators.nw"
    return 0;
}
#line 1974 "book/22-estimators.nw"
#define SYNTH_MAX_STEPS 10000000UL

static int synth_optimize_option(synth_opts *o, const char *a, const char *v, FILE *err)
{
    if (strcmp(a, "--optimize") == 0) {
        if (!ggs_cmd_ulong(&o->steps, v) || o->steps < 1 || o->steps > SYNTH_MAX_STEPS)
            return synth_usage(err, "--optimize = '%s' must be an integer in [1, %lu]", v,
                               SYNTH_MAX_STEPS);
        o->have_optimize = 1;
        o->record_every += o->record_every == 0;    /* default 1 */
        return 0;
    }
    if (o->opt_only == NULL)
        o->opt_only = a;
    if (strcmp(a, "--start") == 0) {
        o->start = v;
    } else if (strcmp(a, "--lr") == 0) {
        if (!ggs_cmd_double(&o->lr, v) || !(o->lr > 0))
            return synth_usage(err, "--lr = '%s' must be a finite number > 0", v);
        o->have_lr = 1;
    } else if (strcmp(a, "--optimizer") == 0) {
        if (strcmp(v, "adam") != 0 && strcmp(v, "sgd") != 0)
            return synth_usage(err, "--optimizer = '%s' must be adam or sgd", v);
        o->adam = strcmp(v, "adam") == 0 ? 1 : -1;  /* 0: not given, adam */
    } else if (strcmp(a, "--record-every") == 0) {
        if (!ggs_cmd_ulong(&o->record_every, v) || o->record_every < 1)
            return synth_usage(err, "--record-every = '%s' must be an integer >= 1", v);
    } else if (strcmp(a, "--draw-targets") == 0) {
        if (!ggs_cmd_ulong(&o->draw_targets, v) || o->draw_targets < 1
            || o->draw_targets > SYNTH_MAX_LIST)
            return synth_usage(err, "--draw-targets = '%s' must be an integer in [1, %d]", v,
                               SYNTH_MAX_LIST);
    } else if (strcmp(a, "--out") == 0) {
        o->out_path = v;
    } else {
        return synth_usage(err, "unknown option '%s' (see 'gengs synth --help')", a);
    }
    return 0;
}
#line 1698 "book/22-estimators.nw"
static int synth_dist_at(ggs_dist *at, const synth_opts *o, FILE *err)
{
    char spec[8192];
    int len;
    if (o->dist.family == GGS_BINOMIAL)
        len = snprintf(spec, sizeof spec, "binomial:%lu,%s", o->dist.trials, o->theta);
    else
        len = snprintf(spec, sizeof spec, "%s:%s", ggs_family_name(o->dist.family), o->theta);
    if (len < 0 || (size_t)len >= sizeof spec)
        return synth_usage(err, "--gradient-at '%.40s...' is too long", o->theta);
    if (ggs_dist_parse(at, spec) != GGS_OK)
        return synth_usage(err, "--gradient-at '%s': %s", o->theta, ggs_last_error());
    return 0;
}
#line 1715 "book/22-estimators.nw"
static int synth_window(ggs_window *w, const ggs_dist *at, const synth_opts *o, FILE *err)
{
    long lo, hi;
    ggs_dist_support(&lo, &hi, at);
    w->m = lo;
    if (at->family == GGS_CATEGORICAL) {
        w->n = at->nparam;
        if (o->have_n && o->n != w->n)
            return synth_usage(err, "a categorical distribution has exactly its %zu categories "
                               "(--n %lu)", w->n, o->n);
        return 0;
    }
    if (o->have_n) {
        w->n = o->n;
        return 0;
    }
    if (ggs_window_auto(w, at, SYNTH_EPS, 1) != GGS_OK)
        return synth_usage(err, "no window for DIST at '%s': %s", o->theta, ggs_last_error());
    return 0;
}
#line 1740 "book/22-estimators.nw"
static int synth_estimates(FILE *out, FILE *err, const synth_opts *o,
                           const ggs_estim_problem *pb, const ggs_estim_options *eo,
                           gsl_rng *r, double *buf);
static int synth_optimize(const synth_opts *o, FILE *out, FILE *err);

static int synth_run(synth_opts *o, FILE *out, FILE *err)
{
    ggs_dist at;
    ggs_window w;
    ggs_estim_problem pb;
    ggs_estim_options eo;
    gsl_rng *r;
    double *buf;
    int rc;
    if (o->have_optimize)
        return synth_optimize(o, out, err);
    if ((rc = synth_dist_at(&at, o, err)) != 0 || (rc = synth_window(&w, &at, o, err)) != 0)
        return rc;
    if (o->nt == 0) {
        o->targets[0] = ggs_dist_mean(&o->dist);
        o->nt = 1;
    }
    rc = ggs_estim_problem_init(&pb, &at, w.m, w.n, o->targets, o->nt);
    if (rc == GGS_ENOMEM) {
        fprintf(err, "gengs: error: synth: %s\n", ggs_last_error());
        return 1;
    }
    if (rc != GGS_OK)
        return synth_usage(err, "%s (DIST '%s' at '%s')", ggs_last_error(), o->spec, o->theta);
    eo.samples = o->samples;
    eo.tau = o->have_tau ? o->tau : 1;
    r = ggs_rng_new(o->seed);
    buf = calloc(4 * pb.P + ggs_estim_work_size(&pb, eo.samples) + o->e->state_size,
                 sizeof(double));
    eo.state = o->e->state_size > 0 && buf != NULL
                   ? buf + 4 * pb.P + ggs_estim_work_size(&pb, eo.samples) : NULL;
    if (r == NULL || buf == NULL) {
        ggs_rng_free(r);
        free(buf);
        ggs_estim_problem_free(&pb);
        fputs("gengs: error: synth: out of memory\n", err);
        return 1;
    }
    rc = synth_estimates(out, err, o, &pb, &eo, r, buf);
    free(buf);
    ggs_rng_free(r);
    ggs_estim_problem_free(&pb);
    return rc;
}
#line 1794 "book/22-estimators.nw"
static int synth_estimates(FILE *out, FILE *err, const synth_opts *o,
                           const ggs_estim_problem *pb, const ggs_estim_options *eo,
                           gsl_rng *r, double *buf)
{
    size_t P = pb->P;
    double *exact = buf, *grad = buf + P, *mean = buf + 2 * P, *m2 = buf + 3 * P;
    double *work = buf + 4 * P;
    int rc = ggs_estimate(exact, ggs_estimator_find("exact"), pb, eo, r, work);
    for (size_t j = 0; j < P; j++)
        mean[j] = m2[j] = 0;
    for (unsigned long i = 0; rc == GGS_OK && i < o->draws; i++) {
        rc = ggs_estimate(grad, o->e, pb, eo, r, work);
        for (size_t j = 0; rc == GGS_OK && j < P; j++) {
            double delta = grad[j] - mean[j];
            if (!isfinite(grad[j])) {
                fprintf(err, "gengs: error: synth: estimate %lu of %s is %g for parameter %s\n",
                        i, o->e->name, grad[j], ggs_dist_param_name(&pb->dist, j));
                return 1;
            }
            mean[j] += delta / (double)(i + 1);
            m2[j] += delta * (grad[j] - mean[j]);
        }
    }
    if (rc != GGS_OK) {
        fprintf(err, "gengs: error: synth: %s\n", ggs_last_error());
        return 1;
    }
    for (size_t j = 0; j < P; j++) {
        double var = m2[j] / (double)(o->draws - 1);
        double se = sqrt(var / (double)o->draws);
        if (!isfinite(exact[j]) || !isfinite(var)) {
            fprintf(err, "gengs: error: synth: the %s of parameter %s is not finite\n",
                    isfinite(exact[j]) ? "variance" : "exact gradient",
                    ggs_dist_param_name(&pb->dist, j));
            return 1;
        }
        if (fprintf(out, "%.17g\t%.17g\t%.17g\t%.17g\n", exact[j], mean[j], se, var) < 0) {
            fputs("gengs: error: synth: cannot write the output\n", err);
            return 1;
        }
    }
    return 0;
}
#line 1840 "book/22-estimators.nw"
int ggs_synth_main(int argc, char **argv, FILE *out, FILE *err)
{
    synth_opts o;
    double targets[SYNTH_MAX_LIST];
    int rc;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(synth_help, out);
            for (size_t k = 0; k < ggs_estimator_count(); k++) {
                const ggs_estimator *e = ggs_estimator_at(k);
                fprintf(out, "  %-11s%c %s\n", e->name, e->unbiased ? '*' : ' ', e->summary);
            }
            return 0;
        }
    memset(&o, 0, sizeof o);
    o.targets = targets;
    rc = synth_parse(&o, argc, argv, err);
    if (rc != 0)
        return rc;
    return synth_run(&o, out, err);
}
#line 2031 "book/22-estimators.nw"
typedef struct synth_free {
    ggs_family family;
    size_t j;       /* index of the parameter moved */
    int logit;      /* 1: theta = 1/(1+e^-u) in (0, 1); 0: theta = e^u in (0, inf) */
} synth_free;

static const synth_free synth_free_table[] = {
    { GGS_POISSON, 0, 0 },
    { GGS_BINOMIAL, 0, 1 },
    { GGS_GEOMETRIC, 0, 1 },
    { GGS_NEGBIN, 1, 1 },
    { GGS_ZTPOISSON, 0, 0 },
};

static double free_theta(const synth_free *fr, double u)
{
    if (!fr->logit)
        return exp(u);
    return u >= 0 ? 1 / (1 + exp(-u)) : exp(u) / (1 + exp(u));
}

static double free_dtheta(const synth_free *fr, double theta)
{
    return fr->logit ? theta * (1 - theta) : theta;
}

static double free_u(const synth_free *fr, double theta)
{
    return fr->logit ? log(theta) - log1p(-theta) : log(theta);
}

static int free_inside(const synth_free *fr, double theta)
{
    return isfinite(theta) && theta > 0 && (!fr->logit || theta < 1);
}
#line 2071 "book/22-estimators.nw"
static int synth_dist_with(ggs_dist *at, const ggs_dist *d, size_t j, double v)
{
    char spec[256];
    double th[2] = { d->theta[0], d->nparam > 1 ? d->theta[1] : 0 };
    th[j] = v;
    if (d->family == GGS_BINOMIAL)
        snprintf(spec, sizeof spec, "binomial:%lu,%.17g", d->trials, th[0]);
    else if (d->nparam == 2)
        snprintf(spec, sizeof spec, "%s:%.17g,%.17g", ggs_family_name(d->family), th[0], th[1]);
    else
        snprintf(spec, sizeof spec, "%s:%.17g", ggs_family_name(d->family), th[0]);
    return ggs_dist_parse(at, spec);
}
#line 2093 "book/22-estimators.nw"
static int synth_record(FILE *csv, FILE *err, unsigned long step, const synth_opts *o,
                        const ggs_estim_problem *pb, const ggs_estim_options *eo, size_t j,
                        gsl_rng *rm, double *buf, double *scratch)
{
    double *exact = buf, *grad = buf + pb->P, *work = buf + 2 * pb->P;
    double loss = 0, mean = 0, m2 = 0;
    ggs_estim_options plain = { eo->samples, eo->tau, NULL }, em = { eo->samples, eo->tau,
                                                                      scratch };
    int rc = ggs_estimate(exact, ggs_estimator_find("exact"), pb, &plain, rm, work);
    for (size_t k = 0; k < pb->n; k++)
        if (pb->pi[k] > 0)
            loss += pb->pi[k] * ggs_estim_loss(pb, pb->c[k]);
    for (unsigned long i = 0; rc == GGS_OK && i < o->draws; i++) {
        double delta;
        if (o->e->state_size > 0)
            memcpy(scratch, eo->state, o->e->state_size * sizeof(double));
        rc = ggs_estimate(grad, o->e, pb, o->e->state_size > 0 ? &em : &plain, rm, work);
        if (rc == GGS_OK && !isfinite(grad[j]))
            return ggs_cmd_fail(err, "synth: step %lu: measuring estimate %lu of %s is %g",
                                step, i, o->e->name, grad[j]);
        delta = grad[j] - mean;
        mean += delta / (double)(i + 1);
        m2 += delta * (grad[j] - mean);
    }
    if (rc != GGS_OK)
        return ggs_cmd_fail(err, "synth: step %lu: %s", step, ggs_last_error());
    if (!isfinite(loss) || !isfinite(exact[j]) || !isfinite(m2))
        return ggs_cmd_fail(err, "synth: step %lu: the loss, exact gradient or variance at "
                            "%s = %.17g is not finite", step,
                            ggs_dist_param_name(&pb->dist, j), pb->dist.theta[j]);
    fprintf(csv, "%lu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", step, loss, pb->dist.theta[j],
            exact[j], mean, m2 / (double)(o->draws - 1), mean - exact[j]);
    return 0;
}
#line 2131 "book/22-estimators.nw"
#define SYNTH_ADAM_B1 0.9
#define SYNTH_ADAM_B2 0.999
#define SYNTH_ADAM_EPS 1e-8

static double synth_step(double u, double gu, int adam, double lr, double *m, double *v,
                         unsigned long t)
{
    double mhat, vhat;
    if (!adam)
        return u - lr * gu;
    *m = SYNTH_ADAM_B1 * *m + (1 - SYNTH_ADAM_B1) * gu;
    *v = SYNTH_ADAM_B2 * *v + (1 - SYNTH_ADAM_B2) * gu * gu;
    mhat = *m / (1 - pow(SYNTH_ADAM_B1, (double)t));
    vhat = *v / (1 - pow(SYNTH_ADAM_B2, (double)t));
    return u - lr * mhat / (sqrt(vhat) + SYNTH_ADAM_EPS);
}
#line 2152 "book/22-estimators.nw"
#define SYNTH_MEASURE_SEED 2147483648UL   /* 2^31: the measuring generator's seed offset */

typedef struct synth_run_state {
    const synth_free *fr;
    ggs_estim_problem pb;
    gsl_rng *r, *rm;          /* the optimization's generator, the measuring one */
    double *buf;              /* (2 P + work + 2 state_size), zeroed */
    FILE *csv;
} synth_run_state;

static int synth_opt_setup(synth_run_state *st, const synth_opts *o, FILE *out, FILE *err)
{
    ggs_dist at;
    ggs_window w, w0;
    double theta0, *t = o->targets;
    size_t nt = o->nt;
    for (size_t i = 0; i < sizeof synth_free_table / sizeof synth_free_table[0]; i++)
        if (synth_free_table[i].family == o->dist.family)
            st->fr = &synth_free_table[i];
    if (st->fr == NULL)
        return synth_usage(err, "--optimize: a %s distribution has no rate or probability "
                           "to optimize here", ggs_family_name(o->dist.family));
    if (!ggs_cmd_double(&theta0, o->start) || !free_inside(st->fr, theta0))
        return synth_usage(err, "--start = '%s' is not a value of %s in %s", o->start,
                           ggs_dist_param_name(&o->dist, st->fr->j),
                           st->fr->logit ? "(0, 1)" : "(0, inf)");
    if (synth_dist_with(&at, &o->dist, st->fr->j, theta0) != GGS_OK)
        return synth_usage(err, "--start = '%s': %s", o->start, ggs_last_error());
    
#line 2209 "book/22-estimators.nw"
/* fix the window of the optimization */
ggs_dist_support(&w.m, &w0.m, &o->dist);
w0.m = w.m;
w.n = o->n;
if (!o->have_n && (ggs_window_auto(&w, &o->dist, SYNTH_EPS, 1) != GGS_OK
                   || ggs_window_auto(&w0, &at, SYNTH_EPS, 1) != GGS_OK))
    return synth_usage(err, "no window for DIST '%s' and --start %s: %s", o->spec, o->start,
                       ggs_last_error());
if (!o->have_n && w0.n > w.n)
    w.n = w0.n;
#line 2181 "book/22-estimators.nw"
    if (nt == 0) {
        nt = o->draw_targets > 0 ? o->draw_targets : 1;
        for (size_t i = 0; i < nt; i++)
            t[i] = ggs_dist_mean(&o->dist);   /* replaced below by draws */
    }
    st->r = ggs_rng_new(o->seed);
    st->rm = ggs_rng_new(o->seed + SYNTH_MEASURE_SEED);
    if (st->r == NULL || st->rm == NULL)
        return ggs_cmd_fail(err, "synth: out of memory");
    if (ggs_estim_problem_init(&st->pb, &o->dist, w.m, w.n, t, nt) != GGS_OK)
        return ggs_cmd_fail(err, "synth: %s (DIST '%s')", ggs_last_error(), o->spec);
    st->buf = calloc(2 * st->pb.P + ggs_estim_work_size(&st->pb, o->samples)
                     + 2 * o->e->state_size, sizeof(double));
    if (st->buf == NULL)
        return ggs_cmd_fail(err, "synth: out of memory");
    for (size_t i = 0; o->draw_targets > 0 && i < nt; i++)
        st->pb.t[i] = st->pb.c[draw_category(st->buf, &st->pb, st->r)];
    if (ggs_estim_problem_update(&st->pb, &at) != GGS_OK)
        return ggs_cmd_fail(err, "synth: at --start %s: %s", o->start, ggs_last_error());
    st->csv = o->out_path ? fopen(o->out_path, "w") : out;
    if (st->csv == NULL)
        return ggs_cmd_fail(err, "synth: cannot open '%s' for writing: %s", o->out_path,
                            strerror(errno));
    return 0;
}
#line 2224 "book/22-estimators.nw"
static int synth_opt_loop(synth_run_state *st, const synth_opts *o, FILE *err)
{
    const synth_free *fr = st->fr;
    ggs_estim_problem *pb = &st->pb;
    ggs_estim_options eo;
    const char *name = ggs_dist_param_name(&pb->dist, fr->j);
    double u = free_u(fr, pb->dist.theta[fr->j]), m = 0, v = 0;
    double *grad = st->buf + pb->P, *work = st->buf + 2 * pb->P;
    double *state = work + ggs_estim_work_size(pb, o->samples);   /* (state_size) */
    double *scratch = state + o->e->state_size;                     /* (state_size) */
    eo.samples = o->samples;
    eo.tau = o->have_tau ? o->tau : 1;
    eo.state = o->e->state_size > 0 ? state : NULL;
    fprintf(st->csv, "step,loss,%s,exact,mean,variance,bias\n", name);
    for (unsigned long i = 0; i < o->steps; i++) {
        double theta;
        ggs_dist at;
        int rc;
        if (i % o->record_every == 0
            && (rc = synth_record(st->csv, err, i, o, pb, &eo, fr->j, st->rm, st->buf,
                                  scratch)) != 0)
            return rc;
        if (ggs_estimate(grad, o->e, pb, &eo, st->r, work) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: %s", i, ggs_last_error());
        if (!isfinite(grad[fr->j]))
            return ggs_cmd_fail(err, "synth: step %lu: the estimate of %s is %g", i, o->e->name,
                                grad[fr->j]);
        u = synth_step(u, grad[fr->j] * free_dtheta(fr, pb->dist.theta[fr->j]), o->adam >= 0,
                       o->lr, &m, &v, i + 1);
        theta = free_theta(fr, u);
        if (!free_inside(fr, theta) || synth_dist_with(&at, &pb->dist, fr->j, theta) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: %s = %.17g (u = %g) left the domain of "
                                "%s", i, name, theta, u, ggs_family_name(pb->dist.family));
        if (ggs_estim_problem_update(pb, &at) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: at %s = %.17g: %s", i, name, theta,
                                ggs_last_error());
    }
    return 0;
}
#line 2266 "book/22-estimators.nw"
static int synth_optimize(const synth_opts *o, FILE *out, FILE *err)
{
    synth_run_state st;
    int rc;
    memset(&st, 0, sizeof st);
    rc = synth_opt_setup(&st, o, out, err);
    if (rc == 0)
        rc = synth_opt_loop(&st, o, err);
    if (st.csv != NULL && st.csv != out) {
        if (fclose(st.csv) != 0 && rc == 0)
            rc = ggs_cmd_fail(err, "synth: cannot write '%s'", o->out_path);
    } else if (st.csv != NULL && fflush(st.csv) != 0 && rc == 0) {
        rc = ggs_cmd_fail(err, "synth: cannot write the output");
    }
    free(st.buf);
    ggs_rng_free(st.r);
    ggs_rng_free(st.rm);
    ggs_estim_problem_free(&st.pb);
    return rc;
}
