#line 285 "book/22-estimators.nw"
/* Generated from book/22-estimators.nw; do not edit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-estimator.h"
#include "gengs-internal.h"

#line 453 "book/22-estimators.nw"
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
#line 595 "book/22-estimators.nw"
/* the compositions of N into C = q->D parts, reverse lexicographic: rows of q->c,
   columns of q->cT */
static void multinomial_values(ggs_estim_problem *q)
{
    size_t C = q->D, n = q->n;
    for (size_t j = 0; j < C; j++)
        q->c[j] = j == 0 ? (double)q->dist.trials : 0;
    for (size_t k = 1; k < n; k++) {
        double *x = q->c + k * C, rest = 0;
        size_t i;
        memcpy(x, x - C, C * sizeof(double));
        for (i = C - 2; x[i] == 0; i--)     /* a positive part before the end exists: */
            ;                               /* x is not yet (0, ..., 0, N) */
        for (size_t l = i + 1; l < C; l++) {
            rest += x[l];
            x[l] = 0;
        }
        x[i] -= 1;
        x[i + 1] = rest + 1;
    }
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < C; j++)
            q->cT[j * n + k] = q->c[k * C + j];
}
#line 624 "book/22-estimators.nw"
static void multinomial_fill(ggs_estim_problem *q)
{
    size_t C = q->D, P = q->P;
    const double *p = q->dist.theta;
    unsigned int counts[GGS_MAX_CATEGORIES];
    for (size_t k = 0; k < q->n; k++) {
        const double *x = q->c + k * C;
        double *row = q->dlogpi + k * P, last;
        for (size_t j = 0; j < C; j++)
            counts[j] = (unsigned int)x[j];     /* exact: x[j] <= N < 10^6 */
        q->logpi[k] = ggs_multinomial_logpmf(&q->dist, counts);
        last = x[C - 1] > 0 ? x[C - 1] / p[C - 1] : 0;
        for (size_t j = 0; j < P; j++)
            row[j] = isfinite(q->logpi[k]) ? (x[j] > 0 ? x[j] / p[j] : 0) - last : 0;
    }
}
#line 928 "book/22-estimators.nw"
/* y = softmax((logp + g) / tau) and the D coordinates z_d = sum_k y_k c_kd */
static int relaxed_forward(double *z, double *y, const ggs_estim_problem *pb,
                           const double *logp, const double *g, double tau)
{
    int rc = ggs_gengs_forward(&z[0], y, logp, g, pb->cT, tau, pb->n);
    for (size_t d = 1; rc == GGS_OK && d < pb->D; d++)
        z[d] = ggs_transform(y, pb->cT + d * pb->n, pb->n);
    return rc;
}

/* dlog += sum_d df_d dz_d / dlogp: one scalar backward pass per coordinate */
static void relaxed_backward(double *dlog, const double *df, const double *z, const double *y,
                             const ggs_estim_problem *pb, double tau)
{
    for (size_t d = 0; d < pb->D; d++)
        ggs_gengs_backward(dlog, df[d], z[d], y, pb->cT + d * pb->n, tau, pb->n);
}
#line 1090 "book/22-estimators.nw"
static int rebar_draw(size_t *bout, double *z, double *zt, double *dz, double *dzt,
                      const ggs_estim_problem *pb, double tau, gsl_rng *r, double *work)
{
    size_t n = pb->n, P = pb->P, b;
    double *g = work, *y = work + n, *dlog = work + 2 * n;     /* (n) each */
    double *xt = work + 3 * n, *E = work + 4 * n;              /* (n) each */
    int rc;
    ggs_gumbel_fill(g, n, r);
    rc = relaxed_forward(z, y, pb, pb->logpi, g, tau);
    if (rc != GGS_OK)
        return rc;
    b = ggs_gumbel_max(pb->logpi, g, n);
    
#line 1114 "book/22-estimators.nw"
/* the gradient dz of the relaxed value at x */
for (size_t d = 0; d < pb->D; d++) {
    zero(dlog, n);
    ggs_gengs_backward(dlog, 1, z[d], y, pb->cT + d * n, tau, n);
    zero(dz + d * P, P);
    ggs_explicit_backward(dz + d * P, dlog, pb->dlogpi, n, P);
}
#line 1103 "book/22-estimators.nw"
    
#line 1123 "book/22-estimators.nw"
/* draw the conditional xt given b from fresh uniforms */
for (size_t k = 0; k < n; k++)
    E[k] = -log(ggs_uniform_pos(r));
for (size_t k = 0; k < n; k++)
    xt[k] = k == b ? -log(E[b]) : pb->logpi[k] - log(E[k] + pb->pi[k] * E[b]);
#line 1104 "book/22-estimators.nw"
    zero(g, n);                      /* xt is already perturbed: no more noise */
    rc = relaxed_forward(zt, y, pb, xt, g, tau);
    if (rc != GGS_OK)
        return rc;
    
#line 1131 "book/22-estimators.nw"
/* the gradient dzt of the relaxed value at the conditional xt */
for (size_t d = 0; d < pb->D; d++) {
    zero(dlog, n);
    ggs_gengs_backward(dlog, 1, zt[d], y, pb->cT + d * n, tau, n);
    for (size_t k = 0; k < n; k++)
        dlog[k] *= k == b ? 0 : E[k] / (E[k] + pb->pi[k] * E[b]);
    zero(dzt + d * P, P);
    ggs_explicit_backward(dzt + d * P, dlog, pb->dlogpi, n, P);
}
#line 1109 "book/22-estimators.nw"
    *bout = b;
    return GGS_OK;
}
#line 1203 "book/22-estimators.nw"
#define RELAX_H 8                        /* hidden units of r */
#define RELAX_DMAX 8                     /* the largest outcome dimension D */
#define RELAX_NP(D) (1 + RELAX_H * ((D) + 2))   /* rho = (a0, a[H], w[H][D], b[H]) */
#define RELAX_NPMAX RELAX_NP(RELAX_DMAX)
/* state: [0] steps, mu0[DMAX], s0[DMAX], then rho, Adam's m and v (RELAX_NPMAX each) */
enum { RELAX_T, RELAX_MU, RELAX_S = RELAX_MU + RELAX_DMAX, RELAX_RHO = RELAX_S + RELAX_DMAX,
       RELAX_STATE = RELAX_RHO + 3 * RELAX_NPMAX };
#define RELAX_LR 0.01

/* the hidden units at z: u[D] standardized input, t[H] = tanh(x_h), dd[H] = 1 - t^2 */
static void relax_units(double *u, double *t, double *dd, const double *st, size_t D,
                        const double *z)
{
    const double *w = st + RELAX_RHO + 1 + RELAX_H, *bb = w + RELAX_H * D;
    for (size_t d = 0; d < D; d++)
        u[d] = (z[d] - st[RELAX_MU + d]) / st[RELAX_S + d];
    for (size_t h = 0; h < RELAX_H; h++) {
        double x = bb[h];
        for (size_t d = 0; d < D; d++)
            x += w[h * D + d] * u[d];
        t[h] = tanh(x);
        dd[h] = 1 - t[h] * t[h];
    }
}

/* r(z), and dr[RELAX_NP(D)] its derivatives with respect to rho */
static double relax_r(double *dr, const double *st, size_t D, const double *z)
{
    const double *a = st + RELAX_RHO + 1;
    double u[RELAX_DMAX], t[RELAX_H], dd[RELAX_H], r = st[RELAX_RHO];
    relax_units(u, t, dd, st, D, z);
    dr[0] = 1;
    for (size_t h = 0; h < RELAX_H; h++) {
        r += a[h] * t[h];
        dr[1 + h] = t[h];
        for (size_t d = 0; d < D; d++)
            dr[1 + RELAX_H + h * D + d] = a[h] * dd[h] * u[d];
        dr[1 + RELAX_H * (D + 1) + h] = a[h] * dd[h];
    }
    return r;
}

/* grad[j] += c sum_d dr/dz_d dz[d][j], and Dm[i][j] += c times its derivative in rho_i */
static void relax_path(double *grad, double (*Dm)[GGS_MAX_CATEGORIES], double c,
                       const double *st, size_t D, const double *z, const double *dz, size_t P)
{
    const double *a = st + RELAX_RHO + 1, *w = a + RELAX_H;
    double u[RELAX_DMAX], t[RELAX_H], dd[RELAX_H];
    relax_units(u, t, dd, st, D, z);
    for (size_t h = 0; h < RELAX_H; h++)
        for (size_t j = 0; j < P; j++) {
            double vx = 0;       /* dx_h / dtheta_j */
            for (size_t d = 0; d < D; d++)
                vx += w[h * D + d] * dz[d * P + j] / st[RELAX_S + d];
            grad[j] += c * a[h] * dd[h] * vx;
            Dm[1 + h][j] += c * dd[h] * vx;
            for (size_t d = 0; d < D; d++)
                Dm[1 + RELAX_H + h * D + d][j] += c * a[h] * dd[h]
                    * (dz[d * P + j] / st[RELAX_S + d] - 2 * t[h] * u[d] * vx);
            Dm[1 + RELAX_H * (D + 1) + h][j] += -2 * c * a[h] * t[h] * dd[h] * vx;
        }
}

/* the first estimate of a sequence: standardization and the starting rho */
static void relax_start(double *st, const ggs_estim_problem *pb)
{
    size_t D = pb->D;
    double *w = st + RELAX_RHO + 1 + RELAX_H, *bb = w + RELAX_H * D;
    for (size_t d = 0; d < D; d++) {
        double mu = 0, var = 0;
        for (size_t k = 0; k < pb->n; k++)
            mu += pb->pi[k] * pb->c[k * D + d];
        for (size_t k = 0; k < pb->n; k++)
            var += pb->pi[k] * (pb->c[k * D + d] - mu) * (pb->c[k * D + d] - mu);
        st[RELAX_MU + d] = mu;
        st[RELAX_S + d] = var > 0 ? sqrt(var) : 1;
    }
    for (size_t h = 0; h < RELAX_H; h++) {
        for (size_t d = 0; d < D; d++)
            w[h * D + d] = d == h % D;
        bb[h] = -2 + 4 * (double)h / (RELAX_H - 1);
    }
}
#line 1401 "book/22-estimators.nw"
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
#line 1585 "book/22-estimators.nw"
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
#line 1724 "book/22-estimators.nw"
/* NVIL's memory: the baseline b, the running mean c and variance v of l = f - b */
enum { NVIL_B, NVIL_C, NVIL_V, NVIL_STATE };
#define NVIL_DECAY 0.8   /* alpha of the running moments (Mnih and Gregor) */
#define NVIL_RATE 0.1    /* step of the baseline's gradient descent on (f - b)^2 / 2 */
#line 689 "book/22-estimators.nw"
static int estimate_exact(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    zero(grad, pb->P);
    for (size_t k = 0; k < pb->n; k++)
        if (pb->pi[k] > 0)
            add_score(grad, pb->pi[k] * ggs_estim_loss(pb, pb->c + k * pb->D), pb, k);
    return GGS_OK;
}
#line 790 "book/22-estimators.nw"
static int estimate_rf(double *grad, const ggs_estim_problem *pb,
                       const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        add_score(grad, ggs_estim_loss(pb, pb->c + k * pb->D) / (double)K, pb, k);
    }
    return GGS_OK;
}
#line 819 "book/22-estimators.nw"
static int estimate_rf_star(double *grad, const ggs_estim_problem *pb,
                            const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    double *fs = work + pb->n, *ks = fs + K, fbar = 0;   /* (K) losses, (K) categories */
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        ks[s] = (double)k;                 /* exact: k < 10^7 */
        fs[s] = ggs_estim_loss(pb, pb->c + k * pb->D);
        fbar += fs[s];
    }
    fbar /= (double)K;
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++)
        add_score(grad, (fs[s] - fbar) / (double)(K - 1), pb, (size_t)ks[s]);
    return GGS_OK;
}
#line 861 "book/22-estimators.nw"
static int estimate_muprop(double *grad, const ggs_estim_problem *pb,
                           const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples, D = pb->D;
    double mu[GGS_MAX_CATEGORIES] = { 0 }, dfmu[GGS_MAX_CATEGORIES], fmu;   /* (D) each */
    for (size_t k = 0; k < pb->n; k++)
        for (size_t d = 0; d < D; d++)
            mu[d] += pb->pi[k] * pb->c[k * D + d];
    fmu = ggs_estim_loss(pb, mu);
    ggs_estim_dloss(dfmu, pb, mu);
    zero(grad, pb->P);
    for (size_t k = 0; k < pb->n; k++)      /* f'(mu) . grad mu */
        if (pb->pi[k] > 0) {
            double a = 0;
            for (size_t d = 0; d < D; d++)
                a += dfmu[d] * pb->pi[k] * pb->c[k * D + d];
            add_score(grad, a, pb, k);
        }
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        const double *ck = pb->c + k * D;
        double lin = 0, rest;
        for (size_t d = 0; d < D; d++)
            lin += dfmu[d] * (ck[d] - mu[d]);
        rest = ggs_estim_loss(pb, ck) - fmu - lin;
        add_score(grad, rest / (double)K, pb, k);
    }
    return GGS_OK;
}
#line 947 "book/22-estimators.nw"
static int estimate_gengs_common(double *grad, const ggs_estim_problem *pb,
                                 const ggs_estim_options *o, gsl_rng *r, double *work,
                                 int straight_through)
{
    size_t n = pb->n, K = o->samples;
    double *g = work, *y = work + n, *dlog = work + 2 * n;   /* (n) each */
    double z[GGS_MAX_CATEGORIES], df[GGS_MAX_CATEGORIES];    /* (D) each */
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        int rc;
        ggs_gumbel_fill(g, n, r);
        rc = relaxed_forward(z, y, pb, pb->logpi, g, o->tau);
        if (rc != GGS_OK)
            return rc;
        
#line 987 "book/22-estimators.nw"
/* set df to f' at the relaxed value, or at the hard one for straight-through */
ggs_estim_dloss(df, pb, straight_through ? pb->c + ggs_argmax(y, n) * pb->D : z);
#line 962 "book/22-estimators.nw"
        for (size_t d = 0; d < pb->D; d++)
            df[d] /= (double)K;
        zero(dlog, n);
        relaxed_backward(dlog, df, z, y, pb, o->tau);
        ggs_explicit_backward(grad, dlog, pb->dlogpi, n, pb->P);
    }
    return GGS_OK;
}

static int estimate_gengs(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    return estimate_gengs_common(grad, pb, o, r, work, 0);
}
#line 991 "book/22-estimators.nw"
static int estimate_gengs_st(double *grad, const ggs_estim_problem *pb,
                             const ggs_estim_options *o, gsl_rng *r, double *work)
{
    return estimate_gengs_common(grad, pb, o, r, work, 1);
}
#line 1051 "book/22-estimators.nw"
#define REBAR_ETA 1.0   /* the control variate's weight (fixed, not adapted) */

static int estimate_rebar(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples, P = pb->P, D = pb->D;
    double *dz = work + 5 * pb->n, *dzt = dz + D * P;               /* (D, P) each */
    double z[GGS_MAX_CATEGORIES], zt[GGS_MAX_CATEGORIES];          /* (D) each */
    double dfz[GGS_MAX_CATEGORIES], dfzt[GGS_MAX_CATEGORIES];      /* (D) each */
    zero(grad, P);
    for (size_t s = 0; s < K; s++) {
        double w = 1 / (double)K;
        size_t b;
        int rc = rebar_draw(&b, z, zt, dz, dzt, pb, o->tau, r, work);
        if (rc != GGS_OK)
            return rc;
        ggs_estim_dloss(dfz, pb, z);
        ggs_estim_dloss(dfzt, pb, zt);
        for (size_t j = 0; j < P; j++) {
            double path = 0;
            for (size_t d = 0; d < D; d++)
                path += dfz[d] * dz[d * P + j] - dfzt[d] * dzt[d * P + j];
            grad[j] += w * REBAR_ETA * path;
        }
        add_score(grad, w * (ggs_estim_loss(pb, pb->c + b * D)
                             - REBAR_ETA * ggs_estim_loss(pb, zt)), pb, b);
    }
    return GGS_OK;
}
#line 1292 "book/22-estimators.nw"
static int estimate_relax(double *grad, const ggs_estim_problem *pb,
                          const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples, P = pb->P, D = pb->D, NP = RELAX_NP(pb->D);
    double *st = o->state, *rho = st + RELAX_RHO, *m = rho + RELAX_NPMAX, *v = m + RELAX_NPMAX;
    double *dz = work + 5 * pb->n, *dzt = dz + D * P;                 /* (D, P) each */
    double z[RELAX_DMAX], zt[RELAX_DMAX], dfz[RELAX_DMAX], dfzt[RELAX_DMAX];
    double Dm[RELAX_NPMAX][GGS_MAX_CATEGORIES];                        /* (NP, P) */
    double dr_zt[RELAX_NPMAX];
    if (st[RELAX_T] == 0)
        relax_start(st, pb);
    for (size_t i = 0; i < NP; i++)
        zero(Dm[i], P);
    zero(grad, P);
    for (size_t s = 0; s < K; s++) {
        double r_zt, w = 1 / (double)K;
        const double *score;
        size_t b;
        int rc = rebar_draw(&b, z, zt, dz, dzt, pb, o->tau, r, work);
        if (rc != GGS_OK)
            return rc;
        score = pb->dlogpi + b * P;
        r_zt = relax_r(dr_zt, st, D, zt);
        ggs_estim_dloss(dfz, pb, z);
        ggs_estim_dloss(dfzt, pb, zt);
        for (size_t j = 0; j < P; j++) {
            double path = 0;
            for (size_t d = 0; d < D; d++)
                path += dfz[d] * dz[d * P + j] - dfzt[d] * dzt[d * P + j];
            grad[j] += w * ((ggs_estim_loss(pb, pb->c + b * D) - REBAR_ETA * ggs_estim_loss(pb, zt)
                             - r_zt) * score[j] + REBAR_ETA * path);
        }
        relax_path(grad, Dm, w, st, D, z, dz, P);
        relax_path(grad, Dm, -w, st, D, zt, dzt, P);
        for (size_t i = 0; i < NP; i++)
            for (size_t j = 0; j < P; j++)
                Dm[i][j] -= w * dr_zt[i] * score[j];
    }
    
#line 1335 "book/22-estimators.nw"
/* one Adam step of RELAX's rho on the squared estimate */
st[RELAX_T] += 1;
for (size_t i = 0; i < NP; i++) {
    double gi = 0;
    for (size_t j = 0; j < P; j++)
        gi += 2 * grad[j] * Dm[i][j];
    m[i] = 0.9 * m[i] + 0.1 * gi;
    v[i] = 0.999 * v[i] + 0.001 * gi * gi;
    rho[i] -= RELAX_LR * (m[i] / (1 - pow(0.9, st[RELAX_T])))
              / (sqrt(v[i] / (1 - pow(0.999, st[RELAX_T]))) + 1e-8);
}
#line 1331 "book/22-estimators.nw"
    return GGS_OK;
}
#line 1414 "book/22-estimators.nw"
/* the exact term of category ks and K REINFORCE draws from the others */
static int estimate_rb_common(double *grad, const ggs_estim_problem *pb,
                              const ggs_estim_options *o, gsl_rng *r, double *work,
                              size_t ks, double S)
{
    size_t n = pb->n, K = o->samples;
    double *g = work, *logq = work + 3 * n;        /* (n) each */
    zero(grad, pb->P);
    add_score(grad, pb->pi[ks] * ggs_estim_loss(pb, pb->c + ks * pb->D), pb, ks);
    if (S == 0)
        return GGS_OK;                             /* nothing left to estimate */
    memcpy(logq, pb->logpi, n * sizeof(double));
    logq[ks] = -HUGE_VAL;
    for (size_t s = 0; s < K; s++) {
        size_t k;
        ggs_gumbel_fill(g, n, r);
        k = ggs_gumbel_max(logq, g, n);
        add_score(grad, S * ggs_estim_loss(pb, pb->c + k * pb->D) / (double)K, pb, k);
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
#line 1452 "book/22-estimators.nw"
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
    double z[GGS_MAX_CATEGORIES], df[GGS_MAX_CATEGORIES];        /* (D) each */
    size_t ks = rb_select(&S, pb);
    double fs = ggs_estim_loss(pb, pb->c + ks * pb->D);
    zero(grad, pb->P);
    if (S == 0) {                                  /* J_n = f(c_k*): the exact term alone */
        add_score(grad, pb->pi[ks] * fs, pb, ks);
        return GGS_OK;
    }
    for (size_t k = 0; k < n; k++)
        logq[k] = k == ks ? -HUGE_VAL : pb->logpi[k] - log(S);
    for (size_t s = 0; s < K; s++) {
        int rc;
        ggs_gumbel_fill(g, n, r);
        rc = relaxed_forward(z, y, pb, logq, g, o->tau);
        if (rc != GGS_OK)
            return rc;
        add_score(grad, pb->pi[ks] * (fs - ggs_estim_loss(pb, z)) / (double)K, pb, ks);
        zero(dlog, n);
        ggs_estim_dloss(df, pb, z);
        for (size_t d = 0; d < pb->D; d++)
            df[d] = S * df[d] / (double)K;
        relaxed_backward(dlog, df, z, y, pb, o->tau);
        ggs_explicit_backward(grad, dlog, pb->dlogpi, n, pb->P);
    }
    return GGS_OK;
}
#line 1633 "book/22-estimators.nw"
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
        f[i] = ggs_estim_loss(pb, pb->c + S[i] * pb->D);
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
#line 1730 "book/22-estimators.nw"
static int estimate_nvil(double *grad, const ggs_estim_problem *pb,
                         const ggs_estim_options *o, gsl_rng *r, double *work)
{
    size_t K = o->samples;
    double *st = o->state, *fs = work + pb->n;          /* (K) losses */
    double scale = fmax(1, sqrt(st[NVIL_V])), lbar = 0, dev = 0;
    zero(grad, pb->P);
    for (size_t s = 0; s < K; s++) {
        size_t k = draw_category(work, pb, r);
        fs[s] = ggs_estim_loss(pb, pb->c + k * pb->D);
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
#line 1759 "book/22-estimators.nw"
static const ggs_estimator estimators[] = {
    {"exact", "enumeration over the truncated support (the zero-variance reference)",
     "n loss evaluations, O(n P)", 1, 0, 1, 1, estimate_exact, 0, 0, 0},
    {"rf", "REINFORCE: f(z) times the score, averaged over K draws",
     "K draws (O(n) each), K loss evaluations, O(K P)", 1, 0, 1, 1, estimate_rf, 0, 0, 0},
    {"rf-star", "REINFORCE with the leave-one-out baseline of the other K-1 draws",
     "as rf; K >= 2", 1, 0, 2, 4, estimate_rf_star, 0, 0, 0},
    {"muprop", "REINFORCE on f minus its Taylor expansion at the mean, plus its exact mean",
     "as rf, plus O(n P) for the mean and its gradient", 1, 0, 1, 1, estimate_muprop, 0, 0, 0},
    {"gengs", "pathwise derivative of f(T(GS(pi, tau))) (biased; exact as tau -> 0)",
     "K draws, one softmax and backward over n categories each, O(n P K)", 0, 1, 1, 1,
     estimate_gengs, 0, 0, 0},
    {"gengs-st", "straight-through: f' at the hard draw times the relaxed dz/dtheta (biased)",
     "as gengs", 0, 1, 1, 1, estimate_gengs_st, 0, 0, 0},
    {"rebar", "REINFORCE with the relaxed sample as control variate (eta = 1, tau fixed)",
     "about twice gengs, plus one loss evaluation per draw", 1, 1, 1, 1, estimate_rebar, 0, 0, 0},
    {"relax", "REBAR with a learned control variate f + r_rho(z), rho trained on the variance",
     "as rebar, plus O(H D P) per draw; D <= 8; 260 doubles of state", 1, 1, 1, 1,
     estimate_relax, 0, RELAX_STATE, RELAX_DMAX},
    {"detrb", "the most probable category summed exactly, REINFORCE on the others",
     "as rf, plus O(n)", 1, 0, 1, 1, estimate_detrb, 0, 0, 0},
    {"storb", "a category drawn from pi summed exactly, REINFORCE on the others",
     "as detrb, plus one draw", 1, 0, 1, 1, estimate_storb, 0, 0, 0},
    {"gengs-rb", "the most probable category summed exactly, GenGS on the others (biased)",
     "as gengs, plus O(n)", 0, 1, 1, 1, estimate_gengs_rb, 0, 0, 0},
    {"unord", "the unordered set estimator: K distinct draws (Gumbel-top-K) as a set",
     "n Gumbel variates, O(n K + 2^K K), K loss evaluations; K <= 12", 1, 0, 1, 2,
     estimate_unord, UNORD_MAX, 0, 0},
    {"unord-star", "UnOrd with its built-in baseline, each draw's from the rest of the set",
     "as unord, plus O(K^2); 2 <= K <= 12", 1, 0, 2, 2, estimate_unord_star, UNORD_MAX, 0, 0},
    {"nvil", "REINFORCE with a learned baseline and a running variance normalization",
     "as rf, plus O(K) to learn; 3 doubles of state", 0, 0, 1, 1, estimate_nvil, 0,
     NVIL_STATE, 0},
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
#line 302 "book/22-estimators.nw"
/* the tables log pi, pi and d log pi of q at q->dist, on q's window */
static int problem_fill(ggs_estim_problem *q, const char *me)
{
    int rc = GGS_OK, any = 0;
    size_t n = q->n;
    if (q->dist.family == GGS_MULTINOMIAL)
        multinomial_fill(q);
    else
        rc = ggs_truncated_logpmf(q->logpi, &q->dist, q->m, n);
    if (rc == GGS_OK && q->dist.family != GGS_MULTINOMIAL)
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
    int vec = d->family == GGS_MULTINOMIAL;
    size_t P = vec ? d->nparam - 1 : d->nparam, D = vec ? d->nparam : 1;
    int rc;
    if (nt == 0)
        return ggs_error(GGS_EINVAL, me, "no targets (nt = 0)");
    if (n < 2 || n > 10000000UL)
        return ggs_error(GGS_EINVAL, me, "n = %zu categories is outside [2, 10^7]", n);
    if (vec && (m != 0 || n != ggs_estim_compositions(d)))
        return ggs_error(GGS_EINVAL, me, "a multinomial's categories are its %zu compositions "
                         "from m = 0, not m = %ld, n = %zu", ggs_estim_compositions(d), m, n);
    for (size_t i = 0; i < nt * D; i++)
        if (!isfinite(t[i]))
            return ggs_error(GGS_EDOM, me, "target %zu is %g, not a finite number", i / D,
                             t[i]);
    memset(&q, 0, sizeof q);
    q.block = malloc(((2 + P + (D > 1 ? 2 * D : 1)) * n + nt * D) * sizeof(double));
    if (q.block == NULL)
        return ggs_error(GGS_ENOMEM, me, "no memory for a window of %zu categories", n);
    q.dist = *d;
    q.m = m;
    q.n = n;
    q.P = P;
    q.D = D;
    q.nt = nt;
    q.t = q.block;
    q.c = q.t + nt * D;
    q.cT = D > 1 ? q.c + n * D : q.c;
    q.logpi = q.cT + n * D;          /* after c, and after cT when D > 1 */
    q.pi = q.logpi + n;
    q.dlogpi = q.pi + n;
    memcpy(q.t, t, nt * D * sizeof(double));
    if (vec)
        multinomial_values(&q);
    else
        ggs_support_values(q.c, m, n);
    rc = problem_fill(&q, me);
    if (rc != GGS_OK) {
        free(q.block);
        return rc;
    }
    *pb = q;
    return GGS_OK;
}
#line 377 "book/22-estimators.nw"
int ggs_estim_problem_update(ggs_estim_problem *pb, const ggs_dist *d)
{
    static const char *me = "ggs_estim_problem_update";
    if (d->family != pb->dist.family || d->trials != pb->dist.trials
        || d->nparam != pb->dist.nparam)
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
#line 397 "book/22-estimators.nw"
double ggs_estim_loss(const ggs_estim_problem *pb, const double *z)
{
    double s = 0;
    for (size_t i = 0; i < pb->nt; i++)
        for (size_t d = 0; d < pb->D; d++) {
            double e = z[d] - pb->t[i * pb->D + d];
            s += e * e;
        }
    return s;
}

void ggs_estim_dloss(double *df, const ggs_estim_problem *pb, const double *z)
{
    for (size_t d = 0; d < pb->D; d++) {
        double s = 0;
        for (size_t i = 0; i < pb->nt; i++)
            s += z[d] - pb->t[i * pb->D + d];
        df[d] = 2 * s;
    }
}

size_t ggs_estim_work_size(const ggs_estim_problem *pb, size_t samples)
{
    return 5 * pb->n + 2 * samples + 2 * pb->D * pb->P;
}
#line 425 "book/22-estimators.nw"
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
    if (e->max_dim > 0 && pb->D > e->max_dim)
        return ggs_error(GGS_EINVAL, me, "%s takes outcomes of at most %zu coordinates; a %s "
                         "distribution's is a vector of %zu counts", e->name, e->max_dim,
                         ggs_family_name(pb->dist.family), pb->D);
    return e->estimate(grad, pb, o, r, work);
}
#line 581 "book/22-estimators.nw"
size_t ggs_estim_compositions(const ggs_dist *d)
{
    unsigned long long r = 1;       /* binomial(N + i, i) after step i */
    if (d->family != GGS_MULTINOMIAL || d->trials >= GGS_ESTIM_MAX_COMPOSITIONS)
        return 0;                   /* there are at least N + 1 of them */
    for (size_t i = 1; i < d->nparam; i++) {
        r = r * (d->trials + i) / i;    /* exact: r (N + i) <= 10^6 (10^6 + 64) */
        if (r > GGS_ESTIM_MAX_COMPOSITIONS)
            return 0;                   /* n >= r: already too many */
    }
    return r * d->nparam > GGS_ESTIM_MAX_COMPOSITIONS ? 0 : (size_t)r;
}
#line 719 "book/22-estimators.nw"
int ggs_estim_closed_form(double *grad, const ggs_dist *d, const double *t, size_t nt)
{
    /* mu, dmu and dV: every family below sets them */
    double mu = 0, dmu[2] = {0, 0}, dV[2] = {0, 0}, S = 0, T = (double)nt;
    size_t P = 1;
    if (nt == 0)
        return ggs_error(GGS_EINVAL, "ggs_estim_closed_form", "no targets (nt = 0)");
    
#line 735 "book/22-estimators.nw"
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
#line 727 "book/22-estimators.nw"
    for (size_t i = 0; i < nt; i++)
        S += t[i];
    for (size_t j = 0; j < P; j++)
        grad[j] = T * (dV[j] + 2 * mu * dmu[j]) - 2 * S * dmu[j];
    return GGS_OK;
}
