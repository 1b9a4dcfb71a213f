#line 455 "book/02-discrete.nw"
/* Generated from book/02-discrete.nw; do not edit. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include "gengs.h"

#line 475 "book/02-discrete.nw"
/* categorical probabilities must sum to 1 within this */
#define DIST_SUM_TOL 1e-9
/* a GSL tail below this is near underflow: sum it in log space instead */
#define DIST_GSL_TAIL_MIN 1e-250
/* a series stops when its remainder bound is below this fraction of its sum */
#define DIST_SERIES_TOL 1e-17
/* Stirling's error uses its asymptotic series above this argument */
#define DIST_STIRLING_MIN 15.0
/* psi(k + r) - psi(r) is summed directly for k up to this */
#define DIST_PSI_SUM_MAX 64
/* log(sqrt(2 pi)) */
#define DIST_LN_SQRT_2PI 0.918938533204672741780329736406
#line 494 "book/02-discrete.nw"
static double stirlerr(double n)
{
    const double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260, S3 = 1.0 / 1680,
                 S4 = 1.0 / 1188;
    double nn = n * n;
    if (n <= DIST_STIRLING_MIN)
        return gsl_sf_lngamma(n + 1) - (n + 0.5) * log(n) + n - DIST_LN_SQRT_2PI;
    if (n > 500)
        return (S0 - S1 / nn) / n;
    if (n > 80)
        return (S0 - (S1 - S2 / nn) / nn) / n;
    if (n > 35)
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}
#line 516 "book/02-discrete.nw"
static double bd0(double x, double mu)
{
    if (fabs(x - mu) < 0.1 * (x + mu)) {
        double v = (x - mu) / (x + mu), s = (x - mu) * v, ej = 2 * x * v;
        v *= v;
        for (int j = 1; j < 1000; j++) {
            double s1;
            ej *= v;
            s1 = s + ej / (2 * j + 1);
            if (s1 == s)
                return s1;
            s = s1;
        }
    }
    return x * log1p((x - mu) / mu) + mu - x;
}
#line 534 "book/02-discrete.nw"
static double binomial_logpmf_raw(double x, double n, double p)
{
    double q = 1 - p, lc, lf;
    if (x == 0)
        return n == 0 ? 0 : n * log1p(-p);
    if (x == n)
        return n * log(p);
    lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
    lf = log(2 * M_PI) + log(x) + log1p(-x / n);
    return lc - 0.5 * lf;
}
#line 549 "book/02-discrete.nw"
static double poisson_logpmf(double lambda, long k)
{
    double x = (double)k;
    if (k < 0)
        return -HUGE_VAL;
    if (k == 0)
        return -lambda;
    return -stirlerr(x) - bd0(x, lambda) - 0.5 * log(2 * M_PI * x);
}

static double binomial_logpmf(unsigned long N, double p, long k)
{
    if (k < 0 || (unsigned long)k > N)
        return -HUGE_VAL;
    if (p == 0)
        return k == 0 ? 0 : -HUGE_VAL;
    if (p == 1)
        return (unsigned long)k == N ? 0 : -HUGE_VAL;
    return binomial_logpmf_raw((double)k, (double)N, p);
}

static double geometric_logpmf(double p, long k)
{
    if (k < 0)
        return -HUGE_VAL;
    if (p == 1)
        return k == 0 ? 0 : -HUGE_VAL;
    return log(p) + (k == 0 ? 0 : k * log1p(-p));
}

static double negbin_logpmf(double r, double p, long k)
{
    if (k < 0)
        return -HUGE_VAL;
    if (p == 1)
        return k == 0 ? 0 : -HUGE_VAL;
    if (k == 0)
        return r * log(p);
    return log(r / (r + k)) + binomial_logpmf_raw(r, r + k, p);
}
#line 591 "book/02-discrete.nw"
static double psi_diff(double r, long k)
{
    double s = 0;
    if (k > DIST_PSI_SUM_MAX)
        return gsl_sf_psi(r + k) - gsl_sf_psi(r);
    for (long i = 0; i < k; i++)
        s += 1 / (r + i);
    return s;
}
#line 606 "book/02-discrete.nw"
static ggs_dist dist_blank(ggs_family f, unsigned long trials, size_t nparam)
{
    ggs_dist d;
    memset(&d, 0, sizeof d);
    d.family = f;
    d.trials = trials;
    d.nparam = nparam;
    return d;
}

int ggs_dist_poisson(ggs_dist *d, double lambda)
{
    ggs_dist t = dist_blank(GGS_POISSON, 0, 1);
    int st = ggs_check_range(lambda, "lambda", "ggs_dist_poisson", 0, 0, HUGE_VAL, 0);
    if (st != GGS_OK)
        return st;
    t.theta[0] = lambda;
    *d = t;
    return GGS_OK;
}

static int check_trials(unsigned long N, const char *fn)
{
    if (N >= 1 && N <= (unsigned long)LONG_MAX)
        return GGS_OK;
    return ggs_error(GGS_EDOM, fn, "N = %lu is out of range (must be in [1, %ld])",
                     N, LONG_MAX);
}

int ggs_dist_binomial(ggs_dist *d, unsigned long N, double p)
{
    static const char *const fn = "ggs_dist_binomial";
    ggs_dist t = dist_blank(GGS_BINOMIAL, N, 1);
    int st = check_trials(N, fn);
    if (st == GGS_OK)
        st = ggs_check_range(p, "p", fn, 0, 1, 1, 1);
    if (st != GGS_OK)
        return st;
    t.theta[0] = p;
    *d = t;
    return GGS_OK;
}

int ggs_dist_geometric(ggs_dist *d, double p)
{
    ggs_dist t = dist_blank(GGS_GEOMETRIC, 0, 1);
    int st = ggs_check_range(p, "p", "ggs_dist_geometric", 0, 0, 1, 1);
    if (st != GGS_OK)
        return st;
    t.theta[0] = p;
    *d = t;
    return GGS_OK;
}

int ggs_dist_negbin(ggs_dist *d, double r, double p)
{
    static const char *const fn = "ggs_dist_negbin";
    ggs_dist t = dist_blank(GGS_NEGBIN, 0, 2);
    int st = ggs_check_range(r, "r", fn, 0, 0, HUGE_VAL, 0);
    if (st == GGS_OK)
        st = ggs_check_range(p, "p", fn, 0, 0, 1, 1);
    if (st != GGS_OK)
        return st;
    t.theta[0] = r;
    t.theta[1] = p;
    *d = t;
    return GGS_OK;
}
#line 678 "book/02-discrete.nw"
static int check_probs(const double *prob, size_t K, const char *fn)
{
    double sum = 0;
    if (K < 2 || K > GGS_MAX_CATEGORIES)
        return ggs_error(GGS_EINVAL, fn, "K = %zu categories (must be in [2, %d])",
                         K, GGS_MAX_CATEGORIES);
    for (size_t j = 0; j < K; j++) {
        char name[16];
        snprintf(name, sizeof name, "p%zu", j + 1);
        if (ggs_check_range(prob[j], name, fn, 0, 1, 1, 1) != GGS_OK)
            return GGS_EDOM;
        sum += prob[j];
    }
    if (fabs(sum - 1) > DIST_SUM_TOL)
        return ggs_error(GGS_EINVAL, fn, "probabilities sum to %.15g, not 1 (tolerance %g)",
                         sum, DIST_SUM_TOL);
    return GGS_OK;
}

int ggs_dist_categorical(ggs_dist *d, const double *prob, size_t K)
{
    ggs_dist t;
    int st = check_probs(prob, K, "ggs_dist_categorical");
    if (st != GGS_OK)
        return st;
    t = dist_blank(GGS_CATEGORICAL, 0, K);
    memcpy(t.theta, prob, K * sizeof *prob);
    *d = t;
    return GGS_OK;
}

int ggs_dist_multinomial(ggs_dist *d, unsigned long N, const double *prob, size_t K)
{
    static const char *const fn = "ggs_dist_multinomial";
    ggs_dist t;
    int st = check_trials(N, fn);
    if (st == GGS_OK)
        st = check_probs(prob, K, fn);
    if (st != GGS_OK)
        return st;
    t = dist_blank(GGS_MULTINOMIAL, N, K);
    memcpy(t.theta, prob, K * sizeof *prob);
    *d = t;
    return GGS_OK;
}
#line 729 "book/02-discrete.nw"
static const char *const family_names[] = {
    "poisson", "binomial", "geometric", "negbin", "categorical", "multinomial"
};
#define DIST_NFAMILIES (sizeof family_names / sizeof family_names[0])

const char *ggs_family_name(ggs_family f)
{
    return (unsigned)f < DIST_NFAMILIES ? family_names[f] : "unknown";
}

#define DIST_P10(d) "p" #d "0", "p" #d "1", "p" #d "2", "p" #d "3", "p" #d "4", \
                    "p" #d "5", "p" #d "6", "p" #d "7", "p" #d "8", "p" #d "9"
static const char *const prob_names[GGS_MAX_CATEGORIES] = {
    "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9",
    DIST_P10(1), DIST_P10(2), DIST_P10(3), DIST_P10(4), DIST_P10(5),
    "p60", "p61", "p62", "p63", "p64"
};

const char *ggs_dist_param_name(const ggs_dist *d, size_t j)
{
    switch (d->family) {
    case GGS_POISSON:
        return "lambda";
    case GGS_NEGBIN:
        return j == 0 ? "r" : "p";
    case GGS_CATEGORICAL:
    case GGS_MULTINOMIAL:
        return j < GGS_MAX_CATEGORIES ? prob_names[j] : "?";
    default:
        return "p";
    }
}

void ggs_dist_support(long *lo, long *hi, const ggs_dist *d)
{
    *lo = 0;
    switch (d->family) {
    case GGS_BINOMIAL:
    case GGS_MULTINOMIAL:
        *hi = (long)d->trials;
        break;
    case GGS_CATEGORICAL:
        *hi = (long)d->nparam - 1;
        break;
    default:
        *hi = LONG_MAX;
    }
}

double ggs_dist_mean(const ggs_dist *d)
{
    const double *t = d->theta;
    double m = 0;
    switch (d->family) {
    case GGS_POISSON:
        return t[0];
    case GGS_BINOMIAL:
        return (double)d->trials * t[0];
    case GGS_GEOMETRIC:
        return (1 - t[0]) / t[0];
    case GGS_NEGBIN:
        return t[0] * (1 - t[1]) / t[1];
    case GGS_CATEGORICAL:
        for (size_t k = 0; k < d->nparam; k++)
            m += (double)k * t[k];
        return m;
    default:
        return NAN;
    }
}

double ggs_dist_variance(const ggs_dist *d)
{
    const double *t = d->theta;
    double m, m2 = 0;
    switch (d->family) {
    case GGS_POISSON:
        return t[0];
    case GGS_BINOMIAL:
        return (double)d->trials * t[0] * (1 - t[0]);
    case GGS_GEOMETRIC:
        return (1 - t[0]) / (t[0] * t[0]);
    case GGS_NEGBIN:
        return t[0] * (1 - t[1]) / (t[1] * t[1]);
    case GGS_CATEGORICAL:
        m = ggs_dist_mean(d);
        for (size_t k = 0; k < d->nparam; k++)
            m2 += ((double)k - m) * ((double)k - m) * t[k];
        return m2;
    default:
        return NAN;
    }
}
#line 825 "book/02-discrete.nw"
static long dist_clamp_long(double x)
{
    if (!(x > 0))
        return 0;
    return x >= 0x1p62 ? 0x3fffffffffffffffL : (long)floor(x);
}

long ggs_dist_mode(const ggs_dist *d)
{
    const double *t = d->theta;
    long m0 = 0, best, lo, hi;
    switch (d->family) {
    case GGS_POISSON:
        m0 = dist_clamp_long(t[0]);
        break;
    case GGS_BINOMIAL:
        m0 = dist_clamp_long(((double)d->trials + 1) * t[0]);
        break;
    case GGS_NEGBIN:
        m0 = t[0] > 1 ? dist_clamp_long((t[0] - 1) * (1 - t[1]) / t[1]) : 0;
        break;
    case GGS_CATEGORICAL:
        for (size_t k = 1; k < d->nparam; k++)
            if (t[k] > t[m0])
                m0 = (long)k;
        return m0;
    case GGS_MULTINOMIAL:
        return -1;
    default:
        break;
    }
    ggs_dist_support(&lo, &hi, d);
    if (m0 > hi)
        m0 = hi;
    best = m0;
    for (long k = m0 - 1; k <= m0 + 1; k++)
        if (k >= lo && k <= hi && ggs_logpmf(d, k) > ggs_logpmf(d, best))
            best = k;
    return best;
}
#line 869 "book/02-discrete.nw"
double ggs_logpmf(const ggs_dist *d, long k)
{
    const double *t = d->theta;
    switch (d->family) {
    case GGS_POISSON:
        return poisson_logpmf(t[0], k);
    case GGS_BINOMIAL:
        return binomial_logpmf(d->trials, t[0], k);
    case GGS_GEOMETRIC:
        return geometric_logpmf(t[0], k);
    case GGS_NEGBIN:
        return negbin_logpmf(t[0], t[1], k);
    case GGS_CATEGORICAL:
        return (k < 0 || (size_t)k >= d->nparam) ? -HUGE_VAL : log(t[k]);
    default:
        return NAN;
    }
}

void ggs_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    const double *t = d->theta;
    double lp = ggs_logpmf(d, k);
    for (size_t j = 0; j < d->nparam; j++)
        dlp[j] = isnan(lp) ? NAN : 0;
    if (!isfinite(lp))
        return;
    switch (d->family) {
    case GGS_POISSON:
        dlp[0] = k / t[0] - 1;
        break;
    case GGS_BINOMIAL: {
        double fail = (double)d->trials - k;
        dlp[0] = (k > 0 ? k / t[0] : 0) - (fail > 0 ? fail / (1 - t[0]) : 0);
        break;
    }
    case GGS_GEOMETRIC:
        dlp[0] = 1 / t[0] - (k > 0 ? k / (1 - t[0]) : 0);
        break;
    case GGS_NEGBIN:
        dlp[0] = psi_diff(t[0], k) + log(t[1]);
        dlp[1] = t[0] / t[1] - (k > 0 ? k / (1 - t[1]) : 0);
        break;
    case GGS_CATEGORICAL:
        dlp[k] = 1 / t[k];
        break;
    default:
        break;
    }
}
#line 926 "book/02-discrete.nw"
static double dist_ratio(const ggs_dist *d, long j)
{
    const double *t = d->theta;
    switch (d->family) {
    case GGS_POISSON:
        return t[0] / (j + 1.0);
    case GGS_BINOMIAL:
        return (unsigned long)j >= d->trials
                   ? 0 : ((double)d->trials - j) / (j + 1.0) * t[0] / (1 - t[0]);
    case GGS_NEGBIN:
        return (j + t[0]) / (j + 1.0) * (1 - t[1]);
    default:
        return 1 - t[0];    /* geometric */
    }
}

static double dist_ratio_limit(const ggs_dist *d)
{
    return d->family == GGS_NEGBIN ? 1 - d->theta[1] : 0;
}

/* log P(X >= k) as log P(X = k) + log(1 + rho_k + rho_k rho_{k+1} + ...) */
static double log_tail_up(const ggs_dist *d, long k)
{
    long lo, hi;
    double t = 1, acc = 1, lim = dist_ratio_limit(d);
    ggs_dist_support(&lo, &hi, d);
    for (long j = k; j < hi; j++) {
        double rho = dist_ratio(d, j), rb = fmax(rho, lim);
        t *= rho;
        acc += t;
        if (t == 0 || (rb < 1 && t * rb / (1 - rb) <= DIST_SERIES_TOL * acc))
            break;
    }
    return ggs_logpmf(d, k) + log(acc);
}

/* log P(X <= k), summing down from k; the ratios only decrease for a
   log-concave pmf, so only then may the sum stop early */
static double log_tail_down(const ggs_dist *d, long k)
{
    long lo, hi;
    double t = 1, acc = 1;
    int logconcave = !(d->family == GGS_NEGBIN && d->theta[0] < 1);
    ggs_dist_support(&lo, &hi, d);
    for (long j = k; j > lo; j--) {
        double rho = 1 / dist_ratio(d, j - 1);
        t *= rho;
        acc += t;
        if (t == 0 || (logconcave && rho < 1 && t * rho / (1 - rho) <= DIST_SERIES_TOL * acc))
            break;
    }
    return ggs_logpmf(d, k) + log(acc);
}
#line 982 "book/02-discrete.nw"
static double log1mexp(double x)
{
    return x > -M_LN2 ? log(-expm1(x)) : log1p(-exp(x));
}
#line 988 "book/02-discrete.nw"
static double categorical_logcdf(const ggs_dist *d, long k, int upper)
{
    long K = (long)d->nparam;
    double s = 0;
    long from = upper ? (k > 0 ? k : 0) : 0;
    long to = upper ? K - 1 : (k < K - 1 ? k : K - 1);
    if (upper ? k > K - 1 : k < 0)
        return -HUGE_VAL;
    for (long j = from; j <= to; j++)
        s += d->theta[j];
    return log(s);
}
#line 1003 "book/02-discrete.nw"
double ggs_logcdf_lower(const ggs_dist *d, long k)
{
    const double *t = d->theta;
    long lo, hi;
    double v;
    if (d->family == GGS_MULTINOMIAL)
        return NAN;
    if (d->family == GGS_CATEGORICAL)
        return categorical_logcdf(d, k, 0);
    ggs_dist_support(&lo, &hi, d);
    if (k < lo)
        return -HUGE_VAL;
    if (k >= hi)
        return 0;
    switch (d->family) {
    case GGS_POISSON:
        v = gsl_cdf_gamma_Q(t[0], k + 1.0, 1.0);
        break;
    case GGS_BINOMIAL:
        if (t[0] == 0 || t[0] == 1)
            return t[0] == 0 ? 0 : -HUGE_VAL;
        v = gsl_cdf_beta_Q(t[0], k + 1.0, (double)d->trials - k);
        break;
    case GGS_GEOMETRIC:
        return t[0] == 1 ? 0 : log1mexp((k + 1.0) * log1p(-t[0]));
    default:    /* negative binomial */
        if (t[1] == 1)
            return 0;
        v = gsl_cdf_beta_P(t[1], t[0], k + 1.0);
        break;
    }
    return v < DIST_GSL_TAIL_MIN ? log_tail_down(d, k) : log(v);
}
#line 1038 "book/02-discrete.nw"
double ggs_logcdf_upper(const ggs_dist *d, long k)
{
    const double *t = d->theta;
    long lo, hi;
    double v;
    if (d->family == GGS_MULTINOMIAL)
        return NAN;
    if (d->family == GGS_CATEGORICAL)
        return categorical_logcdf(d, k, 1);
    ggs_dist_support(&lo, &hi, d);
    if (k <= lo)
        return 0;
    if (k > hi)
        return -HUGE_VAL;
    switch (d->family) {
    case GGS_POISSON:
        v = gsl_cdf_gamma_P(t[0], (double)k, 1.0);
        break;
    case GGS_BINOMIAL:
        if (t[0] == 0 || t[0] == 1)
            return t[0] == 0 ? -HUGE_VAL : 0;
        v = gsl_cdf_beta_P(t[0], (double)k, (double)d->trials - k + 1.0);
        break;
    case GGS_GEOMETRIC:
        return t[0] == 1 ? -HUGE_VAL : k * log1p(-t[0]);
    default:    /* negative binomial */
        if (t[1] == 1)
            return -HUGE_VAL;
        v = gsl_cdf_beta_Q(t[1], t[0], (double)k);
        break;
    }
    return v < DIST_GSL_TAIL_MIN ? log_tail_up(d, k) : log(v);
}
#line 1080 "book/02-discrete.nw"
static void negbin_dr_lower(int *sgn, double *lmag, const ggs_dist *d, long k)
{
    double r = d->theta[0], p = d->theta[1], q = 1 - p, lp = log(p);
    double t = 1, acc, s, l0;
    *sgn = 1;
    *lmag = -HUGE_VAL;
    if (k < 0 || p == 1)
        return;
    if (ggs_logcdf_lower(d, k) <= -M_LN2) {
        
#line 1103 "book/02-discrete.nw"
/* sum P(j) s_j over j <= k, going down from k */
l0 = ggs_logpmf(d, k);
s = psi_diff(r, k) + lp;
acc = s;
for (long j = k; j > 0; j--) {
    double rho = j / ((j - 1 + r) * q);    /* P(j-1) / P(j) */
    t *= rho;
    s -= 1 / (j - 1 + r);
    acc += t * s;
    if (t == 0 || (r >= 1 && rho < 1 &&
                   t * fmax(fabs(s), fabs(lp)) * rho / (1 - rho) <= DIST_SERIES_TOL * fabs(acc)))
        break;
}
#line 1090 "book/02-discrete.nw"
    } else {
        
#line 1120 "book/02-discrete.nw"
/* sum -P(j) s_j over j > k, going up from k + 1 */
l0 = ggs_logpmf(d, k + 1);
s = psi_diff(r, k + 1) + lp;
acc = s;
for (long j = k + 1;; j++) {
    double rho = (j + r) / (j + 1.0) * q;  /* P(j+1) / P(j) */
    double rb = fmax(rho, q);
    t *= rho;
    s += 1 / (j + r);
    acc += t * s;
    if (t == 0 || (rb < 1 && t * (fabs(s) / (1 - rb) + 1 / ((1 - rb) * (1 - rb) * (j + r)))
                                 <= DIST_SERIES_TOL * fabs(acc)))
        break;
}
acc = -acc;
#line 1092 "book/02-discrete.nw"
    }
    if (acc != 0) {
        *sgn = acc < 0 ? -1 : 1;
        *lmag = l0 + log(fabs(acc));
    }
}
#line 1138 "book/02-discrete.nw"
static void dist_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    const double *t = d->theta;
    long lo, hi;
    for (size_t j = 0; j < d->nparam; j++) {
        lmag[j] = -HUGE_VAL;
        sgn[j] = 1;
    }
    if (d->family == GGS_CATEGORICAL) {
        for (size_t j = 0; j < d->nparam; j++)
            if (upper ? (long)j >= k : (long)j <= k)
                lmag[j] = 0;
        return;
    }
    ggs_dist_support(&lo, &hi, d);
    if (upper ? (k <= lo || k > hi) : (k < lo || k >= hi))
        return;    /* the tail is the constant 0 or 1 */
    switch (d->family) {
    case GGS_POISSON:
        sgn[0] = upper ? 1 : -1;
        lmag[0] = poisson_logpmf(t[0], upper ? k - 1 : k);
        break;
    case GGS_BINOMIAL:
        sgn[0] = upper ? 1 : -1;
        lmag[0] = log((double)d->trials) + binomial_logpmf(d->trials - 1, t[0], upper ? k - 1 : k);
        break;
    case GGS_GEOMETRIC: {
        long e = upper ? k - 1 : k;
        sgn[0] = upper ? -1 : 1;
        lmag[0] = log(upper ? (double)k : k + 1.0) + (e == 0 ? 0 : e * log1p(-t[0]));
        break;
    }
    case GGS_NEGBIN: {
        double b = upper ? (double)k : k + 1.0;
        sgn[1] = upper ? -1 : 1;
        lmag[1] = (t[0] - 1) * log(t[1]) + (b == 1 ? 0 : (b - 1) * log1p(-t[1]))
                  - gsl_sf_lnbeta(t[0], b);
        negbin_dr_lower(&sgn[0], &lmag[0], d, upper ? k - 1 : k);
        if (upper)
            sgn[0] = -sgn[0];
        break;
    }
    default:
        break;
    }
}
#line 1187 "book/02-discrete.nw"
static void dist_dcdf(double *out, const ggs_dist *d, long k, int upper, int logscale)
{
    double lmag[GGS_MAX_CATEGORIES], lt = 0;
    int sgn[GGS_MAX_CATEGORIES];
    if (d->family == GGS_MULTINOMIAL) {
        for (size_t j = 0; j < d->nparam; j++)
            out[j] = NAN;
        return;
    }
    if (logscale)
        lt = upper ? ggs_logcdf_upper(d, k) : ggs_logcdf_lower(d, k);
    dist_dtail(lmag, sgn, d, k, upper);
    for (size_t j = 0; j < d->nparam; j++)
        out[j] = (lmag[j] == -HUGE_VAL || lt == -HUGE_VAL) ? 0 : sgn[j] * exp(lmag[j] - lt);
}

void ggs_dcdf_lower(double *dP, const ggs_dist *d, long k)
{
    dist_dcdf(dP, d, k, 0, 0);
}

void ggs_dcdf_upper(double *dQ, const ggs_dist *d, long k)
{
    dist_dcdf(dQ, d, k, 1, 0);
}

void ggs_dlogcdf_lower(double *dl, const ggs_dist *d, long k)
{
    dist_dcdf(dl, d, k, 0, 1);
}

void ggs_dlogcdf_upper(double *dl, const ggs_dist *d, long k)
{
    dist_dcdf(dl, d, k, 1, 1);
}
#line 1226 "book/02-discrete.nw"
double ggs_multinomial_logpmf(const ggs_dist *d, const unsigned int *counts)
{
    unsigned long total = 0;
    double lp;
    if (d->family != GGS_MULTINOMIAL)
        return NAN;
    lp = gsl_sf_lngamma((double)d->trials + 1);
    for (size_t j = 0; j < d->nparam; j++) {
        total += counts[j];
        if (counts[j] == 0)
            continue;
        if (d->theta[j] == 0)
            return -HUGE_VAL;
        lp += counts[j] * log(d->theta[j]) - gsl_sf_lngamma(counts[j] + 1.0);
    }
    return total == d->trials ? lp : -HUGE_VAL;
}
#line 1247 "book/02-discrete.nw"
int ggs_dist_parse(ggs_dist *d, const char *spec)
{
    static const char *const fn = "ggs_dist_parse";
    double v[GGS_MAX_CATEGORIES + 1];    /* the numbers after the colon */
    unsigned long N = 0;                 /* the integer first field, when there is one */
    size_t nv = 0, f;
    const char *colon, *field;
    ggs_dist t;
    int st;
    if (spec == NULL)
        return ggs_error(GGS_EINVAL, fn, "no distribution string (NULL)");
    colon = strchr(spec, ':');
    if (colon == NULL)
        return ggs_error(GGS_EINVAL, fn, "malformed distribution \"%s\" "
                         "(expected FAMILY:PARAMETERS)", spec);
    
#line 1276 "book/02-discrete.nw"
/* find the family named before the colon */
for (f = 0; f < DIST_NFAMILIES; f++)
    if (strlen(family_names[f]) == (size_t)(colon - spec) &&
        strncmp(spec, family_names[f], (size_t)(colon - spec)) == 0)
        break;
if (f == DIST_NFAMILIES)
    return ggs_error(GGS_EINVAL, fn, "unknown family \"%.*s\" in \"%s\" (known: poisson, "
                     "binomial, geometric, negbin, categorical, multinomial)",
                     (int)(colon - spec), spec, spec);
#line 1263 "book/02-discrete.nw"
    
#line 1288 "book/02-discrete.nw"
/* split the parameters at commas and convert each one */
field = colon + 1;
for (;;) {
    const char *end = strchr(field, ',');
    char *stop;
    int integer = nv == 0 && (f == GGS_BINOMIAL || f == GGS_MULTINOMIAL);
    if (end == NULL)
        end = field + strlen(field);
    if (nv == GGS_MAX_CATEGORIES + 1)
        return ggs_error(GGS_EINVAL, fn, "too many parameters in \"%s\" (at most %d)",
                         spec, GGS_MAX_CATEGORIES + 1);
    if (end == field || (integer ? !isdigit((unsigned char)*field)
                                 : isspace((unsigned char)*field)))
        return ggs_error(GGS_EINVAL, fn, "malformed %s \"%.*s\" (parameter %zu) in \"%s\"",
                         integer ? "integer" : "number", (int)(end - field), field,
                         nv + 1, spec);
    errno = 0;
    if (integer)
        N = strtoul(field, &stop, 10);
    else
        v[nv] = strtod(field, &stop);
    if (stop != end)
        return ggs_error(GGS_EINVAL, fn, "malformed %s \"%.*s\" (parameter %zu) in \"%s\"",
                         integer ? "integer" : "number", (int)(end - field), field,
                         nv + 1, spec);
    if (integer && errno == ERANGE)
        return ggs_error(GGS_EDOM, fn, "N = %.*s is too large in \"%s\"",
                         (int)(end - field), field, spec);
    nv++;
    if (*end == '\0')
        break;
    field = end + 1;
}
#line 1264 "book/02-discrete.nw"
    
#line 1323 "book/02-discrete.nw"
/* check the number of parameters of family f */
{
    static const char *const usage[] = {
        "poisson:LAMBDA", "binomial:N,P", "geometric:P", "negbin:R,P",
        "categorical:P1,P2,...", "multinomial:N,P1,P2,..."
    };
    size_t want = (f == GGS_POISSON || f == GGS_GEOMETRIC) ? 1
                  : (f == GGS_BINOMIAL || f == GGS_NEGBIN) ? 2 : 0;
    if ((want > 0 && nv != want) || (f == GGS_CATEGORICAL && nv < 2) ||
        (f == GGS_MULTINOMIAL && nv < 3))
        return ggs_error(GGS_EINVAL, fn, "wrong number of parameters (%zu) in \"%s\" "
                         "(expected %s)", nv, spec, usage[f]);
}
#line 1265 "book/02-discrete.nw"
    
#line 1338 "book/02-discrete.nw"
/* call the constructor of family f */
switch ((ggs_family)f) {
case GGS_POISSON:
    st = ggs_dist_poisson(&t, v[0]);
    break;
case GGS_BINOMIAL:
    st = ggs_dist_binomial(&t, N, v[1]);
    break;
case GGS_GEOMETRIC:
    st = ggs_dist_geometric(&t, v[0]);
    break;
case GGS_NEGBIN:
    st = ggs_dist_negbin(&t, v[0], v[1]);
    break;
case GGS_CATEGORICAL:
    st = ggs_dist_categorical(&t, v, nv);
    break;
default:
    st = ggs_dist_multinomial(&t, N, v + 1, nv - 1);
    break;
}
#line 1266 "book/02-discrete.nw"
    if (st != GGS_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ggs_last_error());
        return ggs_error(st, fn, "%s (in \"%s\")", msg, spec);
    }
    *d = t;
    return GGS_OK;
}
#line 1362 "book/02-discrete.nw"
static void format_real(char *buf, size_t size, double x)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

int ggs_dist_format(char *buf, size_t size, const ggs_dist *d)
{
    char out[32 * (GGS_MAX_CATEGORIES + 2)], num[32];
    size_t used = (size_t)snprintf(out, sizeof out, "%s:", ggs_family_name(d->family));
    if (d->family == GGS_BINOMIAL || d->family == GGS_MULTINOMIAL)
        used += (size_t)snprintf(out + used, sizeof out - used, "%lu,", d->trials);
    for (size_t j = 0; j < d->nparam; j++) {
        format_real(num, sizeof num, d->theta[j]);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s",
                                 j > 0 ? "," : "", num);
    }
    return snprintf(buf, size, "%s", out);
}
