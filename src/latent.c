#line 697 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_sf_gamma.h>
#include "gengs-latent.h"
#include "gengs-layer.h"
#include "gengs-pool.h"
#include "gengs-internal.h"

#line 740 "book/20-vae.nw"
/* numbers per unit of a parallel job (ggs_nn_parallel of src/pool.c) */
#define LATENT_GRAIN 4096
/* the tail series stop when the remainder bound is below this fraction of the sum */
#define LATENT_SERIES_TOL 1e-13
/* ... or after this many terms, when the library's incomplete beta takes over */
#define LATENT_SERIES_MAX 100000
/* below this head mass the tail is computed as the complement log1p(-head) */
#define LATENT_COMPLEMENT_MAX 0.5
#line 1107 "book/20-vae.nw"
/* numbers (rows times n) per group of the explicit kernel; at least GGS_LATENT_MAX_N */
#define LATENT_GROUP 1024
_Static_assert(LATENT_GROUP >= GGS_LATENT_MAX_N, "a group holds at least one row");
#line 772 "book/20-vae.nw"
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
#line 806 "book/20-vae.nw"
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
#line 820 "book/20-vae.nw"
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
        
#line 842 "book/20-vae.nw"
/* sum the Poisson tail series S upward from m */
double S = poisson_series(lam, n);
lq[m] = (double)m * ll - lam - lgf[m] + log(S);
dtail = (double)m / (lam * S);
#line 833 "book/20-vae.nw"
    } else {
        
#line 848 "book/20-vae.nw"
/* take the Poisson tail as the complement of the head */
double H = 0;
for (size_t k = 0; k < m; k++)
    H += exp(lq[k]);
lq[m] = log1p(-H);
dtail = exp(lq[m - 1] - lq[m]);
#line 835 "book/20-vae.nw"
    }
    dl[m] = dtail * dlam;
    theta[0] = lam;
    dtheta[0] = dlam;
}
#line 861 "book/20-vae.nw"
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
#line 884 "book/20-vae.nw"
static void negbin_row(double *theta, double *dtheta, double *lq, double *dl,
                       const double *a, const double *lgf, size_t n)
{
    size_t m = n - 1;
    logit_link g0 = link_of(a[0]), g1 = link_of(a[1]);
    double r = GGS_LATENT_RATE_MIN - g0.lq, dr = g0.p;
    double p = g1.p, q1 = g1.q, lp = g1.lp, l1p = g1.lq;
    double D = 0, H = 0;   /* D_k = psi(k + r) - psi(r); H = P(X < k) */
    
#line 911 "book/20-vae.nw"
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
#line 893 "book/20-vae.nw"
    if (H <= LATENT_COMPLEMENT_MAX) {
        
#line 927 "book/20-vae.nw"
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
#line 895 "book/20-vae.nw"
    } else {
        
#line 948 "book/20-vae.nw"
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
#line 897 "book/20-vae.nw"
    }
    theta[0] = r;
    theta[1] = p;
    dtheta[0] = dr;
    dtheta[1] = p * q1;
}
#line 1019 "book/20-vae.nw"
int ggs_latent_generic_row(double *theta, double *dtheta, double *lq, double *dl,
                           const double *a, const ggs_family_desc *fd, long lo, size_t n)
{
    size_t P = fd->nlink;
    ggs_dist d;
    fd->link(theta, dtheta, a);
    if (fd->make(&d, 0, theta, P) != GGS_OK || ggs_truncated_logpmf(lq, &d, lo, n) != GGS_OK
        || ggs_truncated_dlogpmf(dl, &d, lo, n) != GGS_OK)
        return -1;
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < P; j++)
            dl[k * P + j] *= dtheta[j];
    return 0;
}
#line 1291 "book/20-vae.nw"
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
#line 1052 "book/20-vae.nw"
/* A family's fast row kernel (lgf = log k!, k < n, for the kernels that need it),
   for the window {0, ..., n-1}. */
typedef struct latent_fast_row {
    int needs_lgf;   /* 1 if the row kernel reads lgf */
    void (*row)(double *theta, double *dtheta, double *lq, double *dl, const double *a,
                const double *lgf, size_t n);
} latent_fast_row;

static const latent_fast_row latent_fast_rows[GGS_FAMILY_COUNT] = {
    [GGS_POISSON] = { 1, poisson_row },
    [GGS_GEOMETRIC] = { 0, geometric_row },
    [GGS_NEGBIN] = { 0, negbin_row }
};
_Static_assert(GGS_LINK_MAX <= 2, "the explicit kernel's buffers hold (n, P) with P <= n");

size_t ggs_latent_nparam(ggs_family family)
{
    const ggs_family_desc *fd = ggs_family_descriptor(family);
    return fd != NULL && fd->link != NULL ? fd->nlink : 0;
}
#line 1084 "book/20-vae.nw"
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
#line 1423 "book/20-vae.nw"
enum { LATENT_LANES = 4 };   /* rows whose sums run side by side */

#line 714 "book/20-vae.nw"
/** @cond GGS_TEMPLATE (the header documents these) */
#define real double
#define NAME(x) x
#define REAL_MAX DBL_MAX
#include "latent-real.inc"
#undef real
#undef NAME
#undef REAL_MAX

#define real float
#define NAME(x) x##f
#define REAL_MAX FLT_MAX
#include "latent-real.inc"
/** @endcond */
