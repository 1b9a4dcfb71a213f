#line 620 "book/02-discrete.nw"
/* Generated from book/02-discrete.nw; do not edit. */
#define _DEFAULT_SOURCE    /* lgammal_r */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include "gengs.h"

#line 642 "book/02-discrete.nw"
/* categorical probabilities must sum to 1 within this */
#define DIST_SUM_TOL 1e-9
/* a series stops when its remainder bound is below this fraction of its sum */
#define DIST_SERIES_TOL 1e-17
/* a running product of ratios is re-anchored on an exact log-pmf this often */
#define DIST_ANCHOR 64
/* no sum over terms takes more than this many (the domain keeps them far below) */
#define DIST_SUM_MAX (1L << 24)
/* Temme's expansion serves a Poisson tail when a >= this ... */
#define DIST_TEMME_MIN 1000.0
/* ... and |x - a| < this fraction of x + a (the band of bd0's series) */
#define DIST_TEMME_BAND 0.1
/* Temme's coefficients c_0 .. c_{K-1} kept, and the Taylor terms of each */
#define DIST_TEMME_K 8
#define DIST_TEMME_TERMS 30
/* erfcx by its continued fraction from this argument on, with this many terms */
#define DIST_ERFCX_CF_MIN 3.0
#define DIST_ERFCX_CF_TERMS 40
/* the deviance bd0 uses its series when |x - mu| < this fraction of x + mu */
#define DIST_BD0_BAND 0.5
/* Stirling's error uses its asymptotic series above this argument */
#define DIST_STIRLING_MIN 15.0
/* psi(k + r) - psi(r) is summed directly for k up to this */
#define DIST_PSI_SUM_MAX 64
/* log(sqrt(2 pi)) */
#define DIST_LN_SQRT_2PI 0.918938533204672741780329736406
#line 686 "book/02-discrete.nw"
static double stirlerr(double n)
{
    int sign;    /* of Gamma(n + 1), positive; lgammal_r stores it here, not in signgam */
    const double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260, S3 = 1.0 / 1680,
                 S4 = 1.0 / 1188;
    double nn = n * n;
    if (n <= DIST_STIRLING_MIN)
        return (double)(lgammal_r(n + 1.0L, &sign) - (n + 0.5L) * logl(n) + n
                        - 0.918938533204672741780329736406L);
    if (n > 500)
        return (S0 - S1 / nn) / n;
    if (n > 80)
        return (S0 - (S1 - S2 / nn) / nn) / n;
    if (n > 35)
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}
#line 715 "book/02-discrete.nw"
static double bd0(double x, double mu)
{
    if (fabs(x - mu) < DIST_BD0_BAND * (x + mu)) {
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
    
#line 740 "book/02-discrete.nw"
/* take x log(x/mu) directly when x is far below mu */
if (x < 0.5 * mu) {
    double ratio = x / mu;
    return x * (ratio >= DBL_MIN ? log(ratio) : log(x) - log(mu)) + mu - x;
}
#line 730 "book/02-discrete.nw"
    return x * log1p((x - mu) / mu) + mu - x;
}
#line 764 "book/02-discrete.nw"
static double binomial_logpmf_raw(double x, double y, double p)
{
    double n, n_lo, q, q_lo, m1, m1_lo, m2, m2_lo, lc, lf;
    if (x == 0)
        return y == 0 ? 0 : y * log1p(-p);
    if (y == 0)
        return x * log(p);
    
#line 780 "book/02-discrete.nw"
/* carry n = x + y, q = 1 - p and the two means with their rounding errors */
{
    double bv;
    n = x + y;
    bv = n - x;
    n_lo = (x - (n - bv)) + (y - bv);
    q = 1 - p;
    q_lo = (1 - q) - p;
    m1 = n * p;
    m1_lo = fma(n, p, -m1) + n_lo * p;
    m2 = n * q;
    m2_lo = fma(n, q, -m2) + n * q_lo + n_lo * q;
}
#line 772 "book/02-discrete.nw"
    lc = stirlerr(n) - stirlerr(x) - stirlerr(y)
         - (bd0(x, m1) + (1 - x / m1) * m1_lo) - (bd0(y, m2) + (1 - y / m2) * m2_lo);
    lf = log(2 * M_PI) + log(x) + log(y / n);
    return lc - 0.5 * lf;
}
#line 797 "book/02-discrete.nw"
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
    return binomial_logpmf_raw((double)k, (double)(N - (unsigned long)k), p);
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
    return log(r / (r + k)) + binomial_logpmf_raw(r, (double)k, p);
}
#line 839 "book/02-discrete.nw"
static double psi_diff(double r, long k)
{
    double s = 0;
    if (k > DIST_PSI_SUM_MAX)
        return gsl_sf_psi(r + k) - gsl_sf_psi(r);
    for (long i = 0; i < k; i++)
        s += 1 / (r + i);
    return s;
}
#line 854 "book/02-discrete.nw"
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
    int st = ggs_check_range(lambda, "lambda", "ggs_dist_poisson", 0, 0, GGS_LAMBDA_MAX, 1);
    if (st != GGS_OK)
        return st;
    t.theta[0] = lambda;
    *d = t;
    return GGS_OK;
}

static int check_trials(unsigned long N, const char *fn)
{
    if (N >= 1 && N <= GGS_TRIALS_MAX)
        return GGS_OK;
    return ggs_error(GGS_EDOM, fn, "N = %lu is out of range (must be in [1, %lu])",
                     N, GGS_TRIALS_MAX);
}

/* the variance bound shared by the binomial and the negative binomial */
static int check_variance(double var, const char *what, const char *fn)
{
    if (var <= GGS_VARIANCE_MAX)
        return GGS_OK;
    return ggs_error(GGS_EDOM, fn, "the variance %s = %.6g is out of range (must be <= %g: "
                     "the tails sum O(sd) terms)", what, var, GGS_VARIANCE_MAX);
}

int ggs_dist_binomial(ggs_dist *d, unsigned long N, double p)
{
    static const char *const fn = "ggs_dist_binomial";
    ggs_dist t = dist_blank(GGS_BINOMIAL, N, 1);
    int st = check_trials(N, fn);
    if (st == GGS_OK)
        st = ggs_check_range(p, "p", fn, 0, 1, 1, 1);
    if (st == GGS_OK)
        st = check_variance((double)N * p * (1 - p), "N p (1 - p)", fn);
    if (st != GGS_OK)
        return st;
    t.theta[0] = p;
    *d = t;
    return GGS_OK;
}

int ggs_dist_geometric(ggs_dist *d, double p)
{
    ggs_dist t = dist_blank(GGS_GEOMETRIC, 0, 1);
    int st = ggs_check_range(p, "p", "ggs_dist_geometric", GGS_GEOMETRIC_P_MIN, 1, 1, 1);
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
    int st = ggs_check_range(r, "r", fn, GGS_NEGBIN_R_MIN, 1, HUGE_VAL, 0);
    if (st == GGS_OK)
        st = ggs_check_range(p, "p", fn, 0, 0, 1, 1);
    if (st == GGS_OK && (1 - p) / p > GGS_FAILURE_ODDS_MAX)
        st = ggs_error(GGS_EDOM, fn, "p = %.17g is out of range: (1 - p) / p = %.6g must be "
                       "<= %g", p, (1 - p) / p, GGS_FAILURE_ODDS_MAX);
    if (st == GGS_OK)
        st = check_variance(r * ((1 - p) / p) / p, "r (1 - p) / p^2", fn);
    if (st != GGS_OK)
        return st;
    t.theta[0] = r;
    t.theta[1] = p;
    *d = t;
    return GGS_OK;
}
#line 942 "book/02-discrete.nw"
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
#line 993 "book/02-discrete.nw"
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
#line 1089 "book/02-discrete.nw"
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
#line 1133 "book/02-discrete.nw"
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
#line 1192 "book/02-discrete.nw"
static double dist_ratio(const ggs_dist *d, long j)
{
    const double *t = d->theta;
    switch (d->family) {
    case GGS_POISSON:
        return t[0] / (j + 1.0);
    case GGS_BINOMIAL:
        return (unsigned long)j >= d->trials
                   ? 0 : ((double)d->trials - j) / (j + 1.0) * t[0] / (1 - t[0]);
    case GGS_GEOMETRIC:
        return 1 - t[0];
    case GGS_NEGBIN:
        return (j + t[0]) / (j + 1.0) * (1 - t[1]);
    default:
        return NAN;
    }
}

static double dist_ratio_limit(const ggs_dist *d)
{
    return d->family == GGS_NEGBIN ? 1 - d->theta[1] : 0;
}
#line 1221 "book/02-discrete.nw"
static void dist_add(double *sum, double *comp, double x)
{
    double t = *sum + x;
    *comp += fabs(*sum) >= fabs(x) ? (*sum - t) + x : (x - t) + *sum;
    *sum = t;
}
#line 1238 "book/02-discrete.nw"
static double log_tail_sum_up(const ggs_dist *d, long k)
{
    long lo, hi, n = 0;
    double l0 = ggs_logpmf(d, k), t = 1, acc = 1, comp = 0, lim = dist_ratio_limit(d);
    ggs_dist_support(&lo, &hi, d);
    for (long j = k; j < hi; j++) {
        double rho = dist_ratio(d, j), rb = fmax(rho, lim);
        if (++n > DIST_SUM_MAX)
            return NAN;
        t = n % DIST_ANCHOR == 0 ? exp(ggs_logpmf(d, j + 1) - l0) : t * rho;
        dist_add(&acc, &comp, t);
        if (t == 0 || (rb < 1 && t * rb / (1 - rb) <= DIST_SERIES_TOL * acc))
            break;
    }
    return l0 + log(acc + comp);
}
#line 1261 "book/02-discrete.nw"
static double log_tail_sum_down(const ggs_dist *d, long k)
{
    long lo, hi, n = 0;
    double l0 = ggs_logpmf(d, k), t = 1, acc = 1, comp = 0;
    int logconcave = !(d->family == GGS_NEGBIN && d->theta[0] < 1);
    ggs_dist_support(&lo, &hi, d);
    for (long j = k; j > lo; j--) {
        double rho = 1 / dist_ratio(d, j - 1);
        if (++n > DIST_SUM_MAX)
            return NAN;
        t = n % DIST_ANCHOR == 0 ? exp(ggs_logpmf(d, j - 1) - l0) : t * rho;
        dist_add(&acc, &comp, t);
        if (t == 0 || (logconcave && rho < 1 && t * rho / (1 - rho) <= DIST_SERIES_TOL * acc))
            break;
    }
    return l0 + log(acc + comp);
}
#line 1280 "book/02-discrete.nw"
static double log1mexp(double x)
{
    return x > -M_LN2 ? log(-expm1(x)) : log1p(-exp(x));
}
#line 1297 "book/02-discrete.nw"
static double dist_erfcx(double y)
{
    double f = y;
    if (y < DIST_ERFCX_CF_MIN)
        return exp(y * y) * erfc(y);
    for (int j = DIST_ERFCX_CF_TERMS; j >= 1; j--)
        f = y + 0.5 * j / f;
    return 1 / (f * sqrt(M_PI));
}
#line 1322 "book/02-discrete.nw"
static double temme_c[DIST_TEMME_K][DIST_TEMME_TERMS];
static double temme_gamma[DIST_TEMME_K];
static pthread_once_t temme_once = PTHREAD_ONCE_INIT;

static void temme_init(void)
{
    enum { M = DIST_TEMME_TERMS + 2 * DIST_TEMME_K + 2 };
    long double m[M + 2], w[M + 1], a[M + 1], b[M + 1];
    int len = M;
    
#line 1351 "book/02-discrete.nw"
/* find the series of mu(eta) and of its reciprocal */
m[0] = 0;
m[1] = 1;
for (int n = 2; n <= M + 1; n++) {
    long double s = m[n - 1];
    for (int i = 2; i <= n - 1; i++)
        s -= (n + 1 - i) * m[i] * m[n + 1 - i];
    m[n] = s / (n + 1);
}
w[0] = 1;
for (int n = 1; n <= M; n++) {
    long double s = 0;
    for (int i = 1; i <= n; i++)
        s += m[i + 1] * w[n - i];
    w[n] = -s;
}
#line 1332 "book/02-discrete.nw"
    for (int n = 0; n < len; n++)
        a[n] = w[n + 1];
    for (int k = 0; k < DIST_TEMME_K; k++) {
        long double a1 = a[1];
        for (int n = 0; n < DIST_TEMME_TERMS; n++)
            temme_c[k][n] = (double)a[n];
        temme_gamma[k] = (double)(k % 2 == 0 ? a1 : -a1);
        for (int n = 0; n + 2 < len; n++)
            b[n] = (n + 2) * a[n + 2] - a1 * w[n + 1];
        len -= 2;
        memcpy(a, b, (size_t)len * sizeof a[0]);
    }
}
#line 1376 "book/02-discrete.nw"
static double temme_log_gamma_tail(double a, double x, int want_q)
{
    double b = bd0(a, x), eta = sqrt(2 * b / a), s = 0, ia = 1, r, small;
    int small_is_q = x >= a;
    pthread_once(&temme_once, temme_init);
    if (!small_is_q)
        eta = -eta;
    for (int k = 0; k < DIST_TEMME_K; k++) {
        double c = 0;
        for (int n = DIST_TEMME_TERMS - 1; n >= 0; n--)
            c = c * eta + temme_c[k][n];
        s += c * ia;
        ia /= a;
    }
    r = s / sqrt(2 * M_PI * a);
    small = log(0.5 * dist_erfcx(sqrt(b)) + (small_is_q ? r : -r)) - b;
    return small_is_q == want_q ? small : log1mexp(small);
}

static int temme_applies(const ggs_dist *d, double a)
{
    double x = d->theta[0];
    return d->family == GGS_POISSON && a >= DIST_TEMME_MIN
           && fabs(x - a) < DIST_TEMME_BAND * (x + a);
}
#line 1403 "book/02-discrete.nw"
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
#line 1421 "book/02-discrete.nw"
double ggs_logcdf_lower(const ggs_dist *d, long k)
{
    const double *t = d->theta;
    long lo, hi;
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
    case GGS_BINOMIAL:
        if (t[0] == 0 || t[0] == 1)
            return t[0] == 0 ? 0 : -HUGE_VAL;
        break;
    case GGS_GEOMETRIC:
        return t[0] == 1 ? 0 : log1mexp((k + 1.0) * log1p(-t[0]));
    case GGS_NEGBIN:
        if (t[1] == 1)
            return 0;
        break;
    default:
        break;
    }
    if (k == lo)
        return ggs_logpmf(d, lo);
    if (temme_applies(d, k + 1.0))
        return temme_log_gamma_tail(k + 1.0, t[0], 1);
    if (k < ggs_dist_mean(d))
        return log_tail_sum_down(d, k);
    return log1mexp(log_tail_sum_up(d, k + 1));
}
#line 1458 "book/02-discrete.nw"
double ggs_logcdf_upper(const ggs_dist *d, long k)
{
    const double *t = d->theta;
    long lo, hi;
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
    case GGS_BINOMIAL:
        if (t[0] == 0 || t[0] == 1)
            return t[0] == 0 ? -HUGE_VAL : 0;
        break;
    case GGS_GEOMETRIC:
        return t[0] == 1 ? -HUGE_VAL : k * log1p(-t[0]);
    case GGS_NEGBIN:
        if (t[1] == 1)
            return -HUGE_VAL;
        break;
    default:
        break;
    }
    if (k == hi)
        return ggs_logpmf(d, hi);
    if (temme_applies(d, (double)k))
        return temme_log_gamma_tail((double)k, t[0], 0);
    if (k > ggs_dist_mean(d))
        return log_tail_sum_up(d, k);
    return log1mexp(log_tail_sum_down(d, k - 1));
}
#line 1502 "book/02-discrete.nw"
static void negbin_dr_lower(int *sgn, double *lmag, const ggs_dist *d, long k)
{
    double r = d->theta[0], p = d->theta[1], q = 1 - p, lp = log(p);
    double t = 1, acc, s, l0;
    *sgn = 1;
    *lmag = -HUGE_VAL;
    if (k < 0 || p == 1)
        return;
    if (ggs_logcdf_lower(d, k) <= -M_LN2) {
        
#line 1525 "book/02-discrete.nw"
/* sum P(j) s_j over j <= k, going down from k */
l0 = ggs_logpmf(d, k);
s = psi_diff(r, k) + lp;
acc = s;
for (long j = k; j > 0; j--) {
    double rho = j / ((j - 1 + r) * q);    /* P(j-1) / P(j) */
    if (k - j >= DIST_SUM_MAX) {
        acc = NAN;
        break;
    }
    t *= rho;
    s -= 1 / (j - 1 + r);
    acc += t * s;
    if (t == 0 || (r >= 1 && rho < 1 &&
                   t * fmax(fabs(s), fabs(lp)) * rho / (1 - rho) <= DIST_SERIES_TOL * fabs(acc)))
        break;
}
#line 1512 "book/02-discrete.nw"
    } else {
        
#line 1546 "book/02-discrete.nw"
/* sum -P(j) s_j over j > k, going up from k + 1 */
l0 = ggs_logpmf(d, k + 1);
s = psi_diff(r, k + 1) + lp;
acc = s;
for (long j = k + 1;; j++) {
    double rho = (j + r) / (j + 1.0) * q;  /* P(j+1) / P(j) */
    double rb = fmax(rho, q);
    if (j - k > DIST_SUM_MAX) {
        acc = NAN;
        break;
    }
    t *= rho;
    s += 1 / (j + r);
    acc += t * s;
    if (t == 0 || (rb < 1 && t * (fabs(s) / (1 - rb) + 1 / ((1 - rb) * (1 - rb) * (j + r)))
                                 <= DIST_SERIES_TOL * fabs(acc)))
        break;
}
acc = -acc;
#line 1514 "book/02-discrete.nw"
    }
    if (acc != 0) {
        *sgn = acc < 0 ? -1 : 1;
        *lmag = l0 + log(fabs(acc));
    }
}
#line 1568 "book/02-discrete.nw"
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
        lmag[1] = log((t[0] + b - 1) / t[1]) + negbin_logpmf(t[0], t[1], (long)b - 1);
        negbin_dr_lower(&sgn[0], &lmag[0], d, upper ? k - 1 : k);
        if (upper)
            sgn[0] = -sgn[0];
        break;
    }
    default:
        break;
    }
}
#line 1616 "book/02-discrete.nw"
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
#line 1655 "book/02-discrete.nw"
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
#line 1676 "book/02-discrete.nw"
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
    
#line 1705 "book/02-discrete.nw"
/* find the family named before the colon */
for (f = 0; f < DIST_NFAMILIES; f++)
    if (strlen(family_names[f]) == (size_t)(colon - spec) &&
        strncmp(spec, family_names[f], (size_t)(colon - spec)) == 0)
        break;
if (f == DIST_NFAMILIES)
    return ggs_error(GGS_EINVAL, fn, "unknown family \"%.*s\" in \"%s\" (known: poisson, "
                     "binomial, geometric, negbin, categorical, multinomial)",
                     (int)(colon - spec), spec, spec);
#line 1692 "book/02-discrete.nw"
    
#line 1717 "book/02-discrete.nw"
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
#line 1693 "book/02-discrete.nw"
    
#line 1752 "book/02-discrete.nw"
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
#line 1694 "book/02-discrete.nw"
    
#line 1767 "book/02-discrete.nw"
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
#line 1695 "book/02-discrete.nw"
    if (st != GGS_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ggs_last_error());
        return ggs_error(st, fn, "%s (in \"%s\")", msg, spec);
    }
    *d = t;
    return GGS_OK;
}
#line 1791 "book/02-discrete.nw"
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
