#line 650 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_sf_gamma.h>
#include "gengs-latent.h"
#include "gengs-layer.h"
#include "gengs-nn.h"
#include "gengs-internal.h"

#line 682 "book/20-vae.nw"
/* numbers per unit of a parallel job (ggs_nn_parallel of src/nn.c) */
#define LATENT_GRAIN 4096
/* the tail series stop when the remainder bound is below this fraction of the sum */
#define LATENT_SERIES_TOL 1e-13
/* ... or after this many terms, when the library's incomplete beta takes over */
#define LATENT_SERIES_MAX 100000
/* below this head mass the tail is computed as the complement log1p(-head) */
#define LATENT_COMPLEMENT_MAX 0.5
#line 988 "book/20-vae.nw"
/* numbers (rows times n) per group of the explicit kernel; at least GGS_LATENT_MAX_N */
#define LATENT_GROUP 1024
_Static_assert(LATENT_GROUP >= GGS_LATENT_MAX_N, "a group holds at least one row");
#line 714 "book/20-vae.nw"
/* sigma(a), sigma(-a), log sigma(a) and log sigma(-a) of one logit */
typedef struct {
    double p, q, lp, lq;
} logit_link;

static logit_link link_of(double a)
{
    double e = exp(-fabs(a)), l = log1p(e), big = 1 / (1 + e), small = e / (1 + e);
    logit_link k;
    k.p = a >= 0 ? big : small;
    k.q = a >= 0 ? small : big;
    k.lp = -((a < 0 ? -a : 0) + l);     /* -softplus(-a) */
    k.lq = -((a > 0 ? a : 0) + l);      /* -softplus(a) */
    return k;
}
#line 748 "book/20-vae.nw"
/* S = sum_j prod_{i<j} lam / (n + i), so that P(X >= n - 1) = P(X = n - 1) S; lam < n - 1 */
static double poisson_series(double lam, size_t n)
{
    double t = 1, S = 1;
    for (size_t j = 0;; j++) {
        double rho = lam / (double)(n + j);
        if (t * rho <= LATENT_SERIES_TOL * (1 - rho) * S)
            return S;
        t *= rho;
        S += t;
    }
}
#line 762 "book/20-vae.nw"
static void poisson_row(double *theta, double *dtheta, double *lq, double *dl,
                        const double *a, const double *lgf, size_t n)
{
    size_t m = n - 1;
    logit_link g = link_of(a[0]);
    double lam = GGS_LATENT_RATE_MIN - g.lq, dlam = g.p;
    double ll = log(lam), il = 1 / lam, dtail;
    for (size_t k = 0; k < m; k++) {
        lq[k] = (double)k * ll - lam - lgf[k];
        dl[k] = ((double)k * il - 1) * dlam;
    }
    if (lam < (double)m) {
        
#line 784 "book/20-vae.nw"
/* sum the Poisson tail series S upward from m */
double S = poisson_series(lam, n);
lq[m] = (double)m * ll - lam - lgf[m] + log(S);
dtail = (double)m / (lam * S);
#line 775 "book/20-vae.nw"
    } else {
        
#line 790 "book/20-vae.nw"
/* take the Poisson tail as the complement of the head */
double H = 0;
for (size_t k = 0; k < m; k++)
    H += exp(lq[k]);
lq[m] = log1p(-H);
dtail = exp(lq[m - 1] - lq[m]);
#line 777 "book/20-vae.nw"
    }
    dl[m] = dtail * dlam;
    theta[0] = lam;
    dtheta[0] = dlam;
}
#line 803 "book/20-vae.nw"
static void geometric_row(double *theta, double *dtheta, double *lq, double *dl,
                          const double *a, const double *lgf, size_t n)
{
    size_t m = n - 1;
    logit_link g = link_of(a[0]);
    double p = g.p, q1 = g.q, lp = g.lp, l1p = g.lq;
    for (size_t k = 0; k < m; k++) {
        lq[k] = lp + (double)k * l1p;
        dl[k] = q1 - (double)k * p;
    }
    lq[m] = (double)m * l1p;
    dl[m] = -(double)m * p;
    theta[0] = p;
    dtheta[0] = p * q1;
}
#line 826 "book/20-vae.nw"
static void negbin_row(double *theta, double *dtheta, double *lq, double *dl,
                       const double *a, const double *lgf, size_t n)
{
    size_t m = n - 1;
    logit_link g0 = link_of(a[0]), g1 = link_of(a[1]);
    double r = GGS_LATENT_RATE_MIN - g0.lq, dr = g0.p;
    double p = g1.p, q1 = g1.q, lp = g1.lp, l1p = g1.lq;
    double D = 0, H = 0;   /* D_k = psi(k + r) - psi(r); H = P(X < k) */
    
#line 853 "book/20-vae.nw"
/* fill the negative binomial head by recurrence */
lq[0] = r * lp;
for (size_t k = 0; k < m; k++) {
    double e = exp(lq[k]);
    H += e;
    dl[2 * k] = (D + lp) * dr;
    dl[2 * k + 1] = r * q1 - (double)k * p;
    D += 1 / (r + (double)k);
    lq[k + 1] = lq[k] + log1p((r - 1) / (double)(k + 1)) + l1p;
}
#line 835 "book/20-vae.nw"
    if (H <= LATENT_COMPLEMENT_MAX) {
        
#line 869 "book/20-vae.nw"
/* take the negative binomial tail as the complement */
double s0 = 0, s1 = 0, Q = 1 - H;   /* exact to rounding, since H <= 1/2 */
for (size_t k = 0; k < m; k++) {
    double e = exp(lq[k]);
    s0 += e * dl[2 * k];
    s1 += e * dl[2 * k + 1];
}
lq[m] = log1p(-H);
dl[2 * m] = -s0 / Q;
dl[2 * m + 1] = -s1 / Q;
#line 837 "book/20-vae.nw"
    } else {
        
#line 890 "book/20-vae.nw"
/* sum the negative binomial tail series with its derivatives */
double t = 1, S = 1, Dj = D;
double S0 = (Dj + lp) * dr, S1 = r * q1 - (double)m * p;
size_t j = 0;
for (; j < LATENT_SERIES_MAX; j++) {
    double k = (double)(m + j), rho = (k + r) / (k + 1) * q1;
    double rs = rho > q1 ? rho : q1;
    if (rs < 1 && t * rs <= LATENT_SERIES_TOL * (1 - rs) * S)
        break;
    Dj += 1 / (r + k);
    t *= rho;
    S += t;
    S0 += t * (Dj + lp) * dr;
    S1 += t * (r * q1 - (k + 1) * p);
}
if (j < LATENT_SERIES_MAX) {
    lq[m] += log(S);
    dl[2 * m] = S0 / S;
    dl[2 * m + 1] = S1 / S;
} else {
    ggs_dist d;
    double dd[2];
    ggs_dist_negbin(&d, r, p);
    lq[m] = ggs_logcdf_upper(&d, (long)m);
    ggs_dlogcdf_upper(dd, &d, (long)m);
    dl[2 * m] = dd[0] * dr;
    dl[2 * m + 1] = dd[1] * p * q1;
}
#line 839 "book/20-vae.nw"
    }
    theta[0] = r;
    theta[1] = p;
    dtheta[0] = dr;
    dtheta[1] = p * q1;
}
#line 1139 "book/20-vae.nw"
/* KL(TPois(lam, n) || TPois(lam0, n)) and its derivative in lam; lP0 = log P0 */
static void poisson_kl_row(double *kl, double *dkl, double lam, double lam0, double llam0,
                           double lP0, const double *lgf, size_t n)
{
    size_t m = n - 1;
    double ll = log(lam), L = ll - llam0, d = lam - lam0;
    double lq1 = (double)(m - 1) * ll - lam - lgf[m - 1], q1 = exp(lq1);   /* q_{m-1} */
    double A = 0, Q, lQ;
    if (lam < (double)m) {
        double qS = lam / (double)m * poisson_series(lam, n);   /* Q / q_{m-1} */
        Q = q1 * qS;
        lQ = lq1 + log(qS);
        if (m >= 2)
            A = 1 - Q - q1;
    } else {
        for (size_t k = 0; k + 2 <= m; k++)
            A += exp((double)k * ll - lam - lgf[k]);
        Q = 1 - (A + q1);
        lQ = log1p(-(A + q1));
    }
    *kl = L * lam * A - d * (1 - Q) + Q * (lQ - lP0);
    *dkl = L * A + q1 * (lQ - lP0 - ((double)(m - 1) * L - d));
}
#line 934 "book/20-vae.nw"
/* A family's latent link: its number of encoder outputs and its row kernel
   (lgf = log k!, k < n, for the kernels that need it). */
typedef struct latent_link {
    size_t P;        /* encoder outputs per latent dimension; 0: not a latent family */
    int needs_lgf;   /* 1 if the row kernel reads lgf */
    void (*row)(double *theta, double *dtheta, double *lq, double *dl, const double *a,
                const double *lgf, size_t n);
} latent_link;

static const latent_link latent_links[GGS_FAMILY_COUNT] = {
    [GGS_POISSON] = { 1, 1, poisson_row },
    [GGS_GEOMETRIC] = { 1, 0, geometric_row },
    [GGS_NEGBIN] = { 2, 0, negbin_row }
};

size_t ggs_latent_nparam(ggs_family family)
{
    return (unsigned)family < GGS_FAMILY_COUNT ? latent_links[family].P : 0;
}
#line 965 "book/20-vae.nw"
/* rows per unit of a parallel job: about LATENT_GRAIN numbers */
static size_t latent_grain(size_t per_row)
{
    return (LATENT_GRAIN + per_row - 1) / (per_row > 0 ? per_row : 1);
}

/* *bad = min(*bad, r), atomically. */
static void note_bad_row(atomic_size_t *bad, size_t r)
{
    size_t cur = atomic_load_explicit(bad, memory_order_relaxed);
    while (r < cur && !atomic_compare_exchange_weak_explicit(bad, &cur, r, memory_order_relaxed,
                                                             memory_order_relaxed))
        ;
}
#line 1271 "book/20-vae.nw"
enum { LATENT_LANES = 4 };   /* rows whose sums run side by side */

#line 666 "book/20-vae.nw"
/** @cond GGS_TEMPLATE (the header documents these) */
#define real double
#define NAME(x) x
#define REAL_MAX DBL_MAX
#line 993 "book/20-vae.nw"
struct NAME(explicit_job) {
    real *theta, *dtheta, *logq, *dlogq, *kl, *dkl;   /* outputs, see the interface */
    const real *a;         /* (rows, P) */
    ggs_family family;
    const double *logprior, *lgf;   /* (n), (n) log k! for the Poisson */
    size_t n, P;
    atomic_size_t bad;     /* the first row with a non-finite a, or SIZE_MAX */
};

/* Rows [r0, r1) of ggs_latent_explicit(). */
static void NAME(explicit_task)(void *ctx, size_t r0, size_t r1)
{
    struct NAME(explicit_job) *jb = ctx;
    size_t n = jb->n, P = jb->P, G = LATENT_GROUP / n;
    double lq[LATENT_GROUP], eq[LATENT_GROUP], dl[2 * LATENT_GROUP];   /* (G, n), (G, n, P) */
    double th[LATENT_GROUP], dth[LATENT_GROUP];   /* (G, P): G P <= LATENT_GROUP, as n >= 2 */
    real *theta = jb->theta, *dtheta = jb->dtheta, *logq = jb->logq, *dlogq = jb->dlogq;
    real *kl = jb->kl, *dkl = jb->dkl;
    const double *logprior = jb->logprior;
    for (size_t g0 = r0; g0 < r1; g0 += G) {
        size_t g1 = r1 - g0 < G ? r1 : g0 + G;
        for (size_t r = g0; r < g1; r++) {
            double ad[2], *l = lq + (r - g0) * n, *d = dl + (r - g0) * n * P;
            double *t = th + (r - g0) * P, *dt = dth + (r - g0) * P;
            for (size_t j = 0; j < P; j++) {
                ad[j] = jb->a[r * P + j];
                if (!isfinite(ad[j])) {
                    note_bad_row(&jb->bad, r);
                    return;
                }
            }
            latent_links[jb->family].row(t, dt, l, d, ad, jb->lgf, n);
        }
        ggs_fast_exp(eq, lq, (g1 - g0) * n);
        for (size_t r = g0; r < g1; r++) {
            const double *l = lq + (r - g0) * n, *e = eq + (r - g0) * n;
            const double *d = dl + (r - g0) * n * P;
            const double *t = th + (r - g0) * P, *dt = dth + (r - g0) * P;
            
#line 1065 "book/20-vae.nw"
/* store one explicit row as float, with its KL divergence */
double s = 0, ds[2] = { 0, 0 };
for (size_t k = 0; k < n; k++) {
    double w = e[k] * (l[k] - logprior[k]);
    s += w;
    for (size_t j = 0; j < P; j++)
        ds[j] += w * d[k * P + j];
    logq[r * n + k] = (real)l[k];
}
if (dlogq != NULL)
    for (size_t i = 0; i < n * P; i++)
        dlogq[r * n * P + i] = (real)d[i];
for (size_t j = 0; j < P; j++) {
    if (theta != NULL)
        theta[r * P + j] = (real)t[j];
    if (dtheta != NULL)
        dtheta[r * P + j] = (real)dt[j];
    if (dkl != NULL)
        dkl[r * P + j] = (real)ds[j];
}
if (kl != NULL)
    kl[r] = (real)s;
#line 1032 "book/20-vae.nw"
        }
    }
}

int NAME(ggs_latent_explicit)(real *theta, real *dtheta, real *logq, real *dlogq, real *kl,
                              real *dkl, const real *a, ggs_family family,
                              const double *logprior, size_t rows, size_t n)
{
    const char *func = __func__;   /* the float version names itself */
    size_t P = ggs_latent_nparam(family);
    double lgf[GGS_LATENT_MAX_N];
    struct NAME(explicit_job) jb = { theta, dtheta, logq, dlogq, kl, dkl, a, family, logprior,
                                     lgf, n, P, SIZE_MAX };
    if (P == 0)
        return ggs_error(GGS_EINVAL, func, "family %s is not a VAE latent family "
                         "(poisson, geometric, negbin)", ggs_family_name(family));
    if (n < 2 || n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", n, GGS_LATENT_MAX_N);
    if (latent_links[family].needs_lgf)
        for (size_t k = 0; k < n; k++)
            lgf[k] = gsl_sf_lnfact((unsigned int)k);
    ggs_nn_parallel(NAME(explicit_task), &jb, rows, latent_grain(n * P));
    if (jb.bad != SIZE_MAX) {
        size_t r = jb.bad, j = 0;
        while (j + 1 < P && isfinite((double)a[r * P + j]))
            j++;
        return ggs_error(GGS_EDOM, func, "a[row %zu, %zu] = %g is not finite", r, j,
                         (double)a[r * P + j]);
    }
    return GGS_OK;
}
#line 1166 "book/20-vae.nw"
struct NAME(poisson_kl_job) {
    real *lambda, *dlambda, *kl, *dkl;   /* outputs (rows) */
    const real *a;                       /* (rows) */
    const double *lgf;                   /* (n) log k! */
    double lam0, llam0, lP0;             /* the prior: lambda0, its log, log P0 */
    size_t n;
    atomic_size_t bad;     /* the first row with a non-finite a, or SIZE_MAX */
};

/* Rows [r0, r1) of ggs_latent_poisson_kl(). */
static void NAME(poisson_kl_task)(void *ctx, size_t r0, size_t r1)
{
    struct NAME(poisson_kl_job) *jb = ctx;
    for (size_t r = r0; r < r1; r++) {
        double a = jb->a[r], lam, kl, dkl;
        logit_link g;
        if (!isfinite(a)) {
            note_bad_row(&jb->bad, r);
            return;
        }
        g = link_of(a);
        lam = GGS_LATENT_RATE_MIN - g.lq;
        poisson_kl_row(&kl, &dkl, lam, jb->lam0, jb->llam0, jb->lP0, jb->lgf, jb->n);
        jb->lambda[r] = (real)lam;
        jb->dlambda[r] = (real)g.p;
        jb->kl[r] = (real)kl;
        jb->dkl[r] = (real)(dkl * g.p);
    }
}

int NAME(ggs_latent_poisson_kl)(real *lambda, real *dlambda, real *kl, real *dkl,
                                const real *a, const ggs_dist *prior, size_t rows, size_t n)
{
    const char *func = __func__;   /* the float version names itself */
    double lgf[GGS_LATENT_MAX_N];
    struct NAME(poisson_kl_job) jb;
    if (prior == NULL || prior->family != GGS_POISSON)
        return ggs_error(GGS_EINVAL, func, "the prior must be a Poisson distribution");
    if (n < 2 || n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", n, GGS_LATENT_MAX_N);
    for (size_t k = 0; k < n; k++)
        lgf[k] = gsl_sf_lnfact((unsigned int)k);
    jb = (struct NAME(poisson_kl_job)){ lambda, dlambda, kl, dkl, a, lgf, prior->theta[0],
                                        log(prior->theta[0]),
                                        ggs_logcdf_upper(prior, (long)(n - 1)), n, SIZE_MAX };
    ggs_nn_parallel(NAME(poisson_kl_task), &jb, rows, latent_grain(n));
    if (jb.bad != SIZE_MAX)
        return ggs_error(GGS_EDOM, func, "a[row %zu] = %g is not finite", (size_t)jb.bad,
                         (double)a[jb.bad]);
    return GGS_OK;
}
#line 1221 "book/20-vae.nw"
struct NAME(rows_job) {     /* the arguments of the row kernels below */
    real *out, *out2;        /* outputs: da, dlogq, z ... and y */
    const real *in1, *in2, *in3, *in4, *in5;   /* inputs, in the order of the signature */
    const double *logprior;
    double w;                /* wkl or tau */
    size_t n, P;
    atomic_size_t bad;       /* implicit forward: first row with a non-finite logit */
};

/* Rows [r0, r1) of ggs_latent_chain(): out = da, in1 = dlogq, in2 = jac. */
static void NAME(chain_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n, P = jb->P;
    real *da = jb->out;
    const real *dlogq = jb->in1, *jac = jb->in2;
    for (size_t r = r0; r < r1; r++)
        for (size_t k = 0; k < n; k++)
            for (size_t j = 0; j < P; j++)
                da[r * P + j] += dlogq[r * n + k] * jac[(r * n + k) * P + j];
}

void NAME(ggs_latent_chain)(real *da, const real *dlogq, const real *jac, size_t rows,
                            size_t n, size_t P)
{
    struct NAME(rows_job) jb = { da, NULL, dlogq, jac, NULL, NULL, NULL, NULL, 0, n, P, 0 };
    ggs_nn_parallel(NAME(chain_task), &jb, rows, latent_grain(n * P));
}
#line 1274 "book/20-vae.nw"
/* Rows lr, qr (lanes rows of n, consecutive) from shifted logits and their exponentials to
   log q and q, and kl[i] = KL(q_i || prior), each row's sums in category order. */
static inline void NAME(implicit_normalize)(real *lr, real *qr, real *kl,
                                            const double *logprior, size_t n, size_t lanes)
{
    double s[LATENT_LANES] = { 0 }, ls[LATENT_LANES], is[LATENT_LANES];
    double k_l[LATENT_LANES] = { 0 };
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++)
            s[i] += qr[i * n + k];
#pragma GCC unroll 4
    for (size_t i = 0; i < lanes; i++) {
        ls[i] = log(s[i]);
        is[i] = 1 / s[i];
    }
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++) {
            real *l = lr + i * n, *qq = qr + i * n;
            l[k] = (real)(l[k] - ls[i]);
            qq[k] = (real)(qq[k] * is[i]);
            k_l[i] += qq[k] * (l[k] - logprior[k]);
        }
    if (kl != NULL)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++)
            kl[i] = (real)k_l[i];
}

/* Rows [r0, r1) of ggs_latent_implicit(): out = logq, out2 = q, in1 = kl, in2 = a. */
static void NAME(implicit_task)(void *ctx, size_t r0, size_t r1)
{
    struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *logq = jb->out, *q = jb->out2, *kl = (real *)jb->in1;
    const real *a = jb->in2;
    const double *logprior = jb->logprior;
    size_t r;
    
#line 1344 "book/20-vae.nw"
/* subtract each row's largest logit into logq */
for (r = r0; r < r1; r++) {
    const real *ar = a + r * n;
    real mx = ar[0];
    for (size_t k = 0; k < n; k++) {
        if (!isfinite(ar[k])) {
            note_bad_row(&jb->bad, r);
            return;
        }
        mx = ar[k] > mx ? ar[k] : mx;
    }
    for (size_t k = 0; k < n; k++)
        logq[r * n + k] = ar[k] - mx;
}
#line 1314 "book/20-vae.nw"
    memcpy(q + r0 * n, logq + r0 * n, (r1 - r0) * n * sizeof *q);
    NAME(ggs_fast_exp)(q + r0 * n, q + r0 * n, (r1 - r0) * n);
    for (r = r0; r + LATENT_LANES <= r1; r += LATENT_LANES)
        NAME(implicit_normalize)(logq + r * n, q + r * n, kl != NULL ? kl + r : NULL,
                                 logprior, n, LATENT_LANES);
    for (; r < r1; r++)
        NAME(implicit_normalize)(logq + r * n, q + r * n, kl != NULL ? kl + r : NULL,
                                 logprior, n, 1);
}

int NAME(ggs_latent_implicit)(real *logq, real *q, real *kl, const real *a,
                              const double *logprior, size_t rows, size_t n)
{
    const char *func = __func__;   /* the float version names itself */
    struct NAME(rows_job) jb = { logq, q, kl, a, NULL, NULL, NULL, logprior, 0, n, 1, SIZE_MAX };
    if (n < 2 || n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", n, GGS_LATENT_MAX_N);
    ggs_nn_parallel(NAME(implicit_task), &jb, rows, latent_grain(n));
    if (jb.bad != SIZE_MAX) {
        size_t r = jb.bad, k = 0;
        while (k + 1 < n && isfinite(a[r * n + k]))
            k++;
        return ggs_error(GGS_EDOM, func, "a[row %zu, %zu] = %g is not finite",
                         r, k, (double)a[r * n + k]);
    }
    return GGS_OK;
}
#line 1363 "book/20-vae.nw"
/* Rows [r0, r1) of ggs_latent_implicit_backward(): out = da, in1..in4 = dlogq, logq, q, kl. */
static void NAME(implicit_backward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *da = jb->out;
    const real *dlogq = jb->in1, *logq = jb->in2, *q = jb->in3, *kl = jb->in4;
    const double *logprior = jb->logprior;
    double wkl = jb->w;
    for (size_t r = r0; r < r1; r++) {
        const real *lr = logq + r * n, *qr = q + r * n;
        real *dr = da + r * n;
        double sum = 0, klr = kl[r];
        if (dlogq != NULL)
            for (size_t k = 0; k < n; k++)
                sum += dlogq[r * n + k];
        for (size_t k = 0; k < n; k++) {
            double g = wkl * qr[k] * ((double)lr[k] - logprior[k] - klr) - qr[k] * sum;
            if (dlogq != NULL)
                g += dlogq[r * n + k];
            dr[k] += (real)g;
        }
    }
}

void NAME(ggs_latent_implicit_backward)(real *da, const real *dlogq, const real *logq,
                                        const real *q, const real *kl, const double *logprior,
                                        double wkl, size_t rows, size_t n)
{
    struct NAME(rows_job) jb = { da, NULL, dlogq, logq, q, kl, NULL, logprior, wkl, n, 1, 0 };
    ggs_nn_parallel(NAME(implicit_backward_task), &jb, rows, latent_grain(n));
}
#line 1404 "book/20-vae.nw"
/* Rows y (lanes rows of n, consecutive) from exponentials to the relaxed one-hot samples,
   and z[i] = sum_k k y_ik, each row's sums in category order. */
static inline void NAME(gengs_normalize)(real *y, real *z, size_t n, size_t lanes)
{
    real s[LATENT_LANES] = { 0 }, zk[LATENT_LANES] = { 0 }, is[LATENT_LANES];
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++) {
            s[i] += y[i * n + k];
            zk[i] += (real)k * y[i * n + k];
        }
#pragma GCC unroll 4
    for (size_t i = 0; i < lanes; i++) {
        is[i] = 1 / s[i];
        z[i] = zk[i] * is[i];
    }
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++)
            y[i * n + k] *= is[i];
}

/* Rows [r0, r1) of the GenGS forward pass: out = z, out2 = y, in1 = logq, in2 = g,
   w = 1 / tau (already clamped and rounded). */
static void NAME(gengs_forward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *z = jb->out, *y = jb->out2, itau = (real)jb->w;
    const real *logq = jb->in1, *g = jb->in2;
    size_t r;
    for (r = r0; r < r1; r++) {
        const real *lr = logq + r * n, *gr = g + r * n;
        real *yr = y + r * n, mx = -REAL_MAX;
        for (size_t k = 0; k < n; k++) {
            yr[k] = lr[k] + gr[k];
            mx = yr[k] > mx ? yr[k] : mx;
        }
        for (size_t k = 0; k < n; k++)
            yr[k] = (yr[k] - mx) * itau;
    }
    NAME(ggs_fast_exp)(y + r0 * n, y + r0 * n, (r1 - r0) * n);
    for (r = r0; r + LATENT_LANES <= r1; r += LATENT_LANES)
        NAME(gengs_normalize)(y + r * n, z + r, n, LATENT_LANES);
    for (; r < r1; r++)
        NAME(gengs_normalize)(y + r * n, z + r, n, 1);
}

int NAME(ggs_gengs_batch_forward)(real *z, real *y, const real *logq, const real *g,
                                  double tau, size_t rows, size_t n)
{
    int rc = ggs_check_range(tau, "tau", "ggs_gengs_batch_forward", 0, 0, HUGE_VAL, 0);
    real itau;
    struct NAME(rows_job) jb = { z, y, logq, g, NULL, NULL, NULL, NULL, 0, n, 1, 0 };
    if (rc != GGS_OK)
        return rc;
    itau = 1.0 / tau > (double)REAL_MAX ? REAL_MAX : (real)(1.0 / tau);
    jb.w = (double)itau;
    ggs_nn_parallel(NAME(gengs_forward_task), &jb, rows, latent_grain(n));
    return GGS_OK;
}

/* Rows [r0, r1) of the GenGS backward pass: out = dlogq, in1..in3 = dz, z, y; w = 1/tau. */
static void NAME(gengs_backward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *dlogq = jb->out, itau = (real)jb->w;
    const real *dz = jb->in1, *z = jb->in2, *y = jb->in3;
    for (size_t r = r0; r < r1; r++) {
        real c = dz[r] * itau, zr = z[r];
        for (size_t k = 0; k < n; k++)
            dlogq[r * n + k] += c * y[r * n + k] * ((real)k - zr);
    }
}

void NAME(ggs_gengs_batch_backward)(real *dlogq, const real *dz, const real *z, const real *y,
                                    double tau, size_t rows, size_t n)
{
    real itau = 1.0 / tau > (double)REAL_MAX ? REAL_MAX : (real)(1.0 / tau);
    struct NAME(rows_job) jb = { dlogq, NULL, dz, z, y, NULL, NULL, NULL, (double)itau, n, 1, 0 };
    ggs_nn_parallel(NAME(gengs_backward_task), &jb, rows, latent_grain(n));
}
#line 1489 "book/20-vae.nw"
void NAME(ggs_gengs_batch_hard)(real *z, const real *y, size_t rows, size_t n)
{
    for (size_t r = 0; r < rows; r++) {
        size_t best = 0;
        for (size_t k = 1; k < n; k++)
            if (y[r * n + k] > y[r * n + best])
                best = k;
        z[r] = (real)best;
    }
}

void NAME(ggs_gumbel_max_batch)(real *z, const real *logq, const real *g, size_t rows, size_t n)
{
    for (size_t r = 0; r < rows; r++) {
        size_t best = 0;
        real vbest = logq[r * n] + g[r * n];
        for (size_t k = 1; k < n; k++) {
            real v = logq[r * n + k] + g[r * n + k];
            if (v > vbest) {
                vbest = v;
                best = k;
            }
        }
        z[r] = (real)best;
    }
}
#line 671 "book/20-vae.nw"
#undef real
#undef NAME
#undef REAL_MAX

#define real float
#define NAME(x) x##f
#define REAL_MAX FLT_MAX
#line 993 "book/20-vae.nw"
struct NAME(explicit_job) {
    real *theta, *dtheta, *logq, *dlogq, *kl, *dkl;   /* outputs, see the interface */
    const real *a;         /* (rows, P) */
    ggs_family family;
    const double *logprior, *lgf;   /* (n), (n) log k! for the Poisson */
    size_t n, P;
    atomic_size_t bad;     /* the first row with a non-finite a, or SIZE_MAX */
};

/* Rows [r0, r1) of ggs_latent_explicit(). */
static void NAME(explicit_task)(void *ctx, size_t r0, size_t r1)
{
    struct NAME(explicit_job) *jb = ctx;
    size_t n = jb->n, P = jb->P, G = LATENT_GROUP / n;
    double lq[LATENT_GROUP], eq[LATENT_GROUP], dl[2 * LATENT_GROUP];   /* (G, n), (G, n, P) */
    double th[LATENT_GROUP], dth[LATENT_GROUP];   /* (G, P): G P <= LATENT_GROUP, as n >= 2 */
    real *theta = jb->theta, *dtheta = jb->dtheta, *logq = jb->logq, *dlogq = jb->dlogq;
    real *kl = jb->kl, *dkl = jb->dkl;
    const double *logprior = jb->logprior;
    for (size_t g0 = r0; g0 < r1; g0 += G) {
        size_t g1 = r1 - g0 < G ? r1 : g0 + G;
        for (size_t r = g0; r < g1; r++) {
            double ad[2], *l = lq + (r - g0) * n, *d = dl + (r - g0) * n * P;
            double *t = th + (r - g0) * P, *dt = dth + (r - g0) * P;
            for (size_t j = 0; j < P; j++) {
                ad[j] = jb->a[r * P + j];
                if (!isfinite(ad[j])) {
                    note_bad_row(&jb->bad, r);
                    return;
                }
            }
            latent_links[jb->family].row(t, dt, l, d, ad, jb->lgf, n);
        }
        ggs_fast_exp(eq, lq, (g1 - g0) * n);
        for (size_t r = g0; r < g1; r++) {
            const double *l = lq + (r - g0) * n, *e = eq + (r - g0) * n;
            const double *d = dl + (r - g0) * n * P;
            const double *t = th + (r - g0) * P, *dt = dth + (r - g0) * P;
            
#line 1065 "book/20-vae.nw"
/* store one explicit row as float, with its KL divergence */
double s = 0, ds[2] = { 0, 0 };
for (size_t k = 0; k < n; k++) {
    double w = e[k] * (l[k] - logprior[k]);
    s += w;
    for (size_t j = 0; j < P; j++)
        ds[j] += w * d[k * P + j];
    logq[r * n + k] = (real)l[k];
}
if (dlogq != NULL)
    for (size_t i = 0; i < n * P; i++)
        dlogq[r * n * P + i] = (real)d[i];
for (size_t j = 0; j < P; j++) {
    if (theta != NULL)
        theta[r * P + j] = (real)t[j];
    if (dtheta != NULL)
        dtheta[r * P + j] = (real)dt[j];
    if (dkl != NULL)
        dkl[r * P + j] = (real)ds[j];
}
if (kl != NULL)
    kl[r] = (real)s;
#line 1032 "book/20-vae.nw"
        }
    }
}

int NAME(ggs_latent_explicit)(real *theta, real *dtheta, real *logq, real *dlogq, real *kl,
                              real *dkl, const real *a, ggs_family family,
                              const double *logprior, size_t rows, size_t n)
{
    const char *func = __func__;   /* the float version names itself */
    size_t P = ggs_latent_nparam(family);
    double lgf[GGS_LATENT_MAX_N];
    struct NAME(explicit_job) jb = { theta, dtheta, logq, dlogq, kl, dkl, a, family, logprior,
                                     lgf, n, P, SIZE_MAX };
    if (P == 0)
        return ggs_error(GGS_EINVAL, func, "family %s is not a VAE latent family "
                         "(poisson, geometric, negbin)", ggs_family_name(family));
    if (n < 2 || n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", n, GGS_LATENT_MAX_N);
    if (latent_links[family].needs_lgf)
        for (size_t k = 0; k < n; k++)
            lgf[k] = gsl_sf_lnfact((unsigned int)k);
    ggs_nn_parallel(NAME(explicit_task), &jb, rows, latent_grain(n * P));
    if (jb.bad != SIZE_MAX) {
        size_t r = jb.bad, j = 0;
        while (j + 1 < P && isfinite((double)a[r * P + j]))
            j++;
        return ggs_error(GGS_EDOM, func, "a[row %zu, %zu] = %g is not finite", r, j,
                         (double)a[r * P + j]);
    }
    return GGS_OK;
}
#line 1166 "book/20-vae.nw"
struct NAME(poisson_kl_job) {
    real *lambda, *dlambda, *kl, *dkl;   /* outputs (rows) */
    const real *a;                       /* (rows) */
    const double *lgf;                   /* (n) log k! */
    double lam0, llam0, lP0;             /* the prior: lambda0, its log, log P0 */
    size_t n;
    atomic_size_t bad;     /* the first row with a non-finite a, or SIZE_MAX */
};

/* Rows [r0, r1) of ggs_latent_poisson_kl(). */
static void NAME(poisson_kl_task)(void *ctx, size_t r0, size_t r1)
{
    struct NAME(poisson_kl_job) *jb = ctx;
    for (size_t r = r0; r < r1; r++) {
        double a = jb->a[r], lam, kl, dkl;
        logit_link g;
        if (!isfinite(a)) {
            note_bad_row(&jb->bad, r);
            return;
        }
        g = link_of(a);
        lam = GGS_LATENT_RATE_MIN - g.lq;
        poisson_kl_row(&kl, &dkl, lam, jb->lam0, jb->llam0, jb->lP0, jb->lgf, jb->n);
        jb->lambda[r] = (real)lam;
        jb->dlambda[r] = (real)g.p;
        jb->kl[r] = (real)kl;
        jb->dkl[r] = (real)(dkl * g.p);
    }
}

int NAME(ggs_latent_poisson_kl)(real *lambda, real *dlambda, real *kl, real *dkl,
                                const real *a, const ggs_dist *prior, size_t rows, size_t n)
{
    const char *func = __func__;   /* the float version names itself */
    double lgf[GGS_LATENT_MAX_N];
    struct NAME(poisson_kl_job) jb;
    if (prior == NULL || prior->family != GGS_POISSON)
        return ggs_error(GGS_EINVAL, func, "the prior must be a Poisson distribution");
    if (n < 2 || n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", n, GGS_LATENT_MAX_N);
    for (size_t k = 0; k < n; k++)
        lgf[k] = gsl_sf_lnfact((unsigned int)k);
    jb = (struct NAME(poisson_kl_job)){ lambda, dlambda, kl, dkl, a, lgf, prior->theta[0],
                                        log(prior->theta[0]),
                                        ggs_logcdf_upper(prior, (long)(n - 1)), n, SIZE_MAX };
    ggs_nn_parallel(NAME(poisson_kl_task), &jb, rows, latent_grain(n));
    if (jb.bad != SIZE_MAX)
        return ggs_error(GGS_EDOM, func, "a[row %zu] = %g is not finite", (size_t)jb.bad,
                         (double)a[jb.bad]);
    return GGS_OK;
}
#line 1221 "book/20-vae.nw"
struct NAME(rows_job) {     /* the arguments of the row kernels below */
    real *out, *out2;        /* outputs: da, dlogq, z ... and y */
    const real *in1, *in2, *in3, *in4, *in5;   /* inputs, in the order of the signature */
    const double *logprior;
    double w;                /* wkl or tau */
    size_t n, P;
    atomic_size_t bad;       /* implicit forward: first row with a non-finite logit */
};

/* Rows [r0, r1) of ggs_latent_chain(): out = da, in1 = dlogq, in2 = jac. */
static void NAME(chain_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n, P = jb->P;
    real *da = jb->out;
    const real *dlogq = jb->in1, *jac = jb->in2;
    for (size_t r = r0; r < r1; r++)
        for (size_t k = 0; k < n; k++)
            for (size_t j = 0; j < P; j++)
                da[r * P + j] += dlogq[r * n + k] * jac[(r * n + k) * P + j];
}

void NAME(ggs_latent_chain)(real *da, const real *dlogq, const real *jac, size_t rows,
                            size_t n, size_t P)
{
    struct NAME(rows_job) jb = { da, NULL, dlogq, jac, NULL, NULL, NULL, NULL, 0, n, P, 0 };
    ggs_nn_parallel(NAME(chain_task), &jb, rows, latent_grain(n * P));
}
#line 1274 "book/20-vae.nw"
/* Rows lr, qr (lanes rows of n, consecutive) from shifted logits and their exponentials to
   log q and q, and kl[i] = KL(q_i || prior), each row's sums in category order. */
static inline void NAME(implicit_normalize)(real *lr, real *qr, real *kl,
                                            const double *logprior, size_t n, size_t lanes)
{
    double s[LATENT_LANES] = { 0 }, ls[LATENT_LANES], is[LATENT_LANES];
    double k_l[LATENT_LANES] = { 0 };
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++)
            s[i] += qr[i * n + k];
#pragma GCC unroll 4
    for (size_t i = 0; i < lanes; i++) {
        ls[i] = log(s[i]);
        is[i] = 1 / s[i];
    }
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++) {
            real *l = lr + i * n, *qq = qr + i * n;
            l[k] = (real)(l[k] - ls[i]);
            qq[k] = (real)(qq[k] * is[i]);
            k_l[i] += qq[k] * (l[k] - logprior[k]);
        }
    if (kl != NULL)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++)
            kl[i] = (real)k_l[i];
}

/* Rows [r0, r1) of ggs_latent_implicit(): out = logq, out2 = q, in1 = kl, in2 = a. */
static void NAME(implicit_task)(void *ctx, size_t r0, size_t r1)
{
    struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *logq = jb->out, *q = jb->out2, *kl = (real *)jb->in1;
    const real *a = jb->in2;
    const double *logprior = jb->logprior;
    size_t r;
    
#line 1344 "book/20-vae.nw"
/* subtract each row's largest logit into logq */
for (r = r0; r < r1; r++) {
    const real *ar = a + r * n;
    real mx = ar[0];
    for (size_t k = 0; k < n; k++) {
        if (!isfinite(ar[k])) {
            note_bad_row(&jb->bad, r);
            return;
        }
        mx = ar[k] > mx ? ar[k] : mx;
    }
    for (size_t k = 0; k < n; k++)
        logq[r * n + k] = ar[k] - mx;
}
#line 1314 "book/20-vae.nw"
    memcpy(q + r0 * n, logq + r0 * n, (r1 - r0) * n * sizeof *q);
    NAME(ggs_fast_exp)(q + r0 * n, q + r0 * n, (r1 - r0) * n);
    for (r = r0; r + LATENT_LANES <= r1; r += LATENT_LANES)
        NAME(implicit_normalize)(logq + r * n, q + r * n, kl != NULL ? kl + r : NULL,
                                 logprior, n, LATENT_LANES);
    for (; r < r1; r++)
        NAME(implicit_normalize)(logq + r * n, q + r * n, kl != NULL ? kl + r : NULL,
                                 logprior, n, 1);
}

int NAME(ggs_latent_implicit)(real *logq, real *q, real *kl, const real *a,
                              const double *logprior, size_t rows, size_t n)
{
    const char *func = __func__;   /* the float version names itself */
    struct NAME(rows_job) jb = { logq, q, kl, a, NULL, NULL, NULL, logprior, 0, n, 1, SIZE_MAX };
    if (n < 2 || n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", n, GGS_LATENT_MAX_N);
    ggs_nn_parallel(NAME(implicit_task), &jb, rows, latent_grain(n));
    if (jb.bad != SIZE_MAX) {
        size_t r = jb.bad, k = 0;
        while (k + 1 < n && isfinite(a[r * n + k]))
            k++;
        return ggs_error(GGS_EDOM, func, "a[row %zu, %zu] = %g is not finite",
                         r, k, (double)a[r * n + k]);
    }
    return GGS_OK;
}
#line 1363 "book/20-vae.nw"
/* Rows [r0, r1) of ggs_latent_implicit_backward(): out = da, in1..in4 = dlogq, logq, q, kl. */
static void NAME(implicit_backward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *da = jb->out;
    const real *dlogq = jb->in1, *logq = jb->in2, *q = jb->in3, *kl = jb->in4;
    const double *logprior = jb->logprior;
    double wkl = jb->w;
    for (size_t r = r0; r < r1; r++) {
        const real *lr = logq + r * n, *qr = q + r * n;
        real *dr = da + r * n;
        double sum = 0, klr = kl[r];
        if (dlogq != NULL)
            for (size_t k = 0; k < n; k++)
                sum += dlogq[r * n + k];
        for (size_t k = 0; k < n; k++) {
            double g = wkl * qr[k] * ((double)lr[k] - logprior[k] - klr) - qr[k] * sum;
            if (dlogq != NULL)
                g += dlogq[r * n + k];
            dr[k] += (real)g;
        }
    }
}

void NAME(ggs_latent_implicit_backward)(real *da, const real *dlogq, const real *logq,
                                        const real *q, const real *kl, const double *logprior,
                                        double wkl, size_t rows, size_t n)
{
    struct NAME(rows_job) jb = { da, NULL, dlogq, logq, q, kl, NULL, logprior, wkl, n, 1, 0 };
    ggs_nn_parallel(NAME(implicit_backward_task), &jb, rows, latent_grain(n));
}
#line 1404 "book/20-vae.nw"
/* Rows y (lanes rows of n, consecutive) from exponentials to the relaxed one-hot samples,
   and z[i] = sum_k k y_ik, each row's sums in category order. */
static inline void NAME(gengs_normalize)(real *y, real *z, size_t n, size_t lanes)
{
    real s[LATENT_LANES] = { 0 }, zk[LATENT_LANES] = { 0 }, is[LATENT_LANES];
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++) {
            s[i] += y[i * n + k];
            zk[i] += (real)k * y[i * n + k];
        }
#pragma GCC unroll 4
    for (size_t i = 0; i < lanes; i++) {
        is[i] = 1 / s[i];
        z[i] = zk[i] * is[i];
    }
    for (size_t k = 0; k < n; k++)
#pragma GCC unroll 4
        for (size_t i = 0; i < lanes; i++)
            y[i * n + k] *= is[i];
}

/* Rows [r0, r1) of the GenGS forward pass: out = z, out2 = y, in1 = logq, in2 = g,
   w = 1 / tau (already clamped and rounded). */
static void NAME(gengs_forward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *z = jb->out, *y = jb->out2, itau = (real)jb->w;
    const real *logq = jb->in1, *g = jb->in2;
    size_t r;
    for (r = r0; r < r1; r++) {
        const real *lr = logq + r * n, *gr = g + r * n;
        real *yr = y + r * n, mx = -REAL_MAX;
        for (size_t k = 0; k < n; k++) {
            yr[k] = lr[k] + gr[k];
            mx = yr[k] > mx ? yr[k] : mx;
        }
        for (size_t k = 0; k < n; k++)
            yr[k] = (yr[k] - mx) * itau;
    }
    NAME(ggs_fast_exp)(y + r0 * n, y + r0 * n, (r1 - r0) * n);
    for (r = r0; r + LATENT_LANES <= r1; r += LATENT_LANES)
        NAME(gengs_normalize)(y + r * n, z + r, n, LATENT_LANES);
    for (; r < r1; r++)
        NAME(gengs_normalize)(y + r * n, z + r, n, 1);
}

int NAME(ggs_gengs_batch_forward)(real *z, real *y, const real *logq, const real *g,
                                  double tau, size_t rows, size_t n)
{
    int rc = ggs_check_range(tau, "tau", "ggs_gengs_batch_forward", 0, 0, HUGE_VAL, 0);
    real itau;
    struct NAME(rows_job) jb = { z, y, logq, g, NULL, NULL, NULL, NULL, 0, n, 1, 0 };
    if (rc != GGS_OK)
        return rc;
    itau = 1.0 / tau > (double)REAL_MAX ? REAL_MAX : (real)(1.0 / tau);
    jb.w = (double)itau;
    ggs_nn_parallel(NAME(gengs_forward_task), &jb, rows, latent_grain(n));
    return GGS_OK;
}

/* Rows [r0, r1) of the GenGS backward pass: out = dlogq, in1..in3 = dz, z, y; w = 1/tau. */
static void NAME(gengs_backward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(rows_job) *jb = ctx;
    size_t n = jb->n;
    real *dlogq = jb->out, itau = (real)jb->w;
    const real *dz = jb->in1, *z = jb->in2, *y = jb->in3;
    for (size_t r = r0; r < r1; r++) {
        real c = dz[r] * itau, zr = z[r];
        for (size_t k = 0; k < n; k++)
            dlogq[r * n + k] += c * y[r * n + k] * ((real)k - zr);
    }
}

void NAME(ggs_gengs_batch_backward)(real *dlogq, const real *dz, const real *z, const real *y,
                                    double tau, size_t rows, size_t n)
{
    real itau = 1.0 / tau > (double)REAL_MAX ? REAL_MAX : (real)(1.0 / tau);
    struct NAME(rows_job) jb = { dlogq, NULL, dz, z, y, NULL, NULL, NULL, (double)itau, n, 1, 0 };
    ggs_nn_parallel(NAME(gengs_backward_task), &jb, rows, latent_grain(n));
}
#line 1489 "book/20-vae.nw"
void NAME(ggs_gengs_batch_hard)(real *z, const real *y, size_t rows, size_t n)
{
    for (size_t r = 0; r < rows; r++) {
        size_t best = 0;
        for (size_t k = 1; k < n; k++)
            if (y[r * n + k] > y[r * n + best])
                best = k;
        z[r] = (real)best;
    }
}

void NAME(ggs_gumbel_max_batch)(real *z, const real *logq, const real *g, size_t rows, size_t n)
{
    for (size_t r = 0; r < rows; r++) {
        size_t best = 0;
        real vbest = logq[r * n] + g[r * n];
        for (size_t k = 1; k < n; k++) {
            real v = logq[r * n + k] + g[r * n + k];
            if (v > vbest) {
                vbest = v;
                best = k;
            }
        }
        z[r] = (real)best;
    }
}
#line 679 "book/20-vae.nw"
/** @endcond */
