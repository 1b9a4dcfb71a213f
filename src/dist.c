#line 731 "book/02-discrete.nw"
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
#include "gengs-core.h"
#include "gengs-internal.h"

#line 756 "book/02-discrete.nw"
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
/* ... and |x - a| < this fraction of x + a (inside the band 0.5 of bd0's series) */
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
#line 800 "book/02-discrete.nw"
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
#line 829 "book/02-discrete.nw"
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
    
#line 854 "book/02-discrete.nw"
/* take x log(x/mu) directly when x is far below mu */
if (x < 0.5 * mu) {
    double ratio = x / mu;
    return x * (ratio >= DBL_MIN ? log(ratio) : log(x) - log(mu)) + mu - x;
}
#line 844 "book/02-discrete.nw"
    return x * log1p((x - mu) / mu) + mu - x;
}
#line 878 "book/02-discrete.nw"
static double binomial_logpmf_raw(double x, double y, double p)
{
    double n, n_lo, q, q_lo, m1, m1_lo, m2, m2_lo, lc, lf;
    if (x == 0)
        return y == 0 ? 0 : y * log1p(-p);
    if (y == 0)
        return x * log(p);
    
#line 894 "book/02-discrete.nw"
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
#line 886 "book/02-discrete.nw"
    lc = stirlerr(n) - stirlerr(x) - stirlerr(y)
         - (bd0(x, m1) + (1 - x / m1) * m1_lo) - (bd0(y, m2) + (1 - y / m2) * m2_lo);
    lf = log(2 * M_PI) + log(x) + log(y / n);
    return lc - 0.5 * lf;
}
#line 911 "book/02-discrete.nw"
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
#line 953 "book/02-discrete.nw"
static double psi_diff(double r, long k)
{
    double s = 0;
    if (k > DIST_PSI_SUM_MAX)
        return gsl_sf_psi(r + k) - gsl_sf_psi(r);
    for (long i = 0; i < k; i++)
        s += 1 / (r + i);
    return s;
}
#line 968 "book/02-discrete.nw"
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
#line 1056 "book/02-discrete.nw"
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
#line 1107 "book/02-discrete.nw"
const char *ggs_family_name(ggs_family f)
{
    const ggs_family_desc *fd = ggs_family_descriptor(f);
    return fd != NULL ? fd->name : "unknown";
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
    return ggs_dist_descriptor(d)->param_name(d, j);
}

void ggs_dist_support(long *lo, long *hi, const ggs_dist *d)
{
    ggs_dist_descriptor(d)->support(lo, hi, d);
}

double ggs_dist_mean(const ggs_dist *d)
{
    const ggs_family_desc *fd = ggs_dist_descriptor(d);
    return fd->mean != NULL ? fd->mean(d) : NAN;
}

double ggs_dist_variance(const ggs_dist *d)
{
    const ggs_family_desc *fd = ggs_dist_descriptor(d);
    return fd->variance != NULL ? fd->variance(d) : NAN;
}
#line 1145 "book/02-discrete.nw"
static long dist_clamp_long(double x)
{
    if (!(x > 0))
        return 0;
    return x >= 0x1p62 ? 0x3fffffffffffffffL : (long)floor(x);
}

/* The k in {m0 - 1, m0, m0 + 1} of the support with the largest pmf. */
static long dist_mode_near(const ggs_dist *d, long m0)
{
    long best, lo, hi;
    ggs_dist_support(&lo, &hi, d);
    if (m0 > hi)
        m0 = hi;
    if (m0 < lo)
        m0 = lo;
    best = m0;
    for (long k = m0 - 1; k <= m0 + 1; k++)
        if (k >= lo && k <= hi && ggs_logpmf(d, k) > ggs_logpmf(d, best))
            best = k;
    return best;
}

long ggs_dist_mode(const ggs_dist *d)
{
    const ggs_family_desc *fd = ggs_dist_descriptor(d);
    return fd->mode != NULL ? fd->mode(d) : -1;
}
#line 1177 "book/02-discrete.nw"
double ggs_logpmf(const ggs_dist *d, long k)
{
    const ggs_family_desc *fd = ggs_dist_descriptor(d);
    return fd->logpmf != NULL ? fd->logpmf(d, k) : NAN;
}

void ggs_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    double lp = ggs_logpmf(d, k);
    for (size_t j = 0; j < d->nparam; j++)
        dlp[j] = isnan(lp) ? NAN : 0;
    if (!isfinite(lp))
        return;
    ggs_dist_descriptor(d)->dlogpmf(dlp, d, k);
}
#line 1201 "book/02-discrete.nw"
/* rho_j = P(j + 1) / P(j) of one family */
typedef double (*dist_ratio_fn)(const ggs_dist *d, long j);
#line 1210 "book/02-discrete.nw"
static void dist_add(double *sum, double *comp, double x)
{
    double t = *sum + x;
    *comp += fabs(*sum) >= fabs(x) ? (*sum - t) + x : (x - t) + *sum;
    *sum = t;
}
#line 1227 "book/02-discrete.nw"
static double log_tail_sum_up(const ggs_dist *d, long k, dist_ratio_fn ratio, double lim)
{
    long lo, hi, n = 0;
    double l0 = ggs_logpmf(d, k), t = 1, acc = 1, comp = 0;
    ggs_dist_support(&lo, &hi, d);
    for (long j = k; j < hi; j++) {
        double rho = ratio(d, j), rb = fmax(rho, lim);
        if (++n > DIST_SUM_MAX)
            return NAN;
        t = n % DIST_ANCHOR == 0 ? exp(ggs_logpmf(d, j + 1) - l0) : t * rho;
        dist_add(&acc, &comp, t);
        if (t == 0 || (rb < 1 && t * rb / (1 - rb) <= DIST_SERIES_TOL * acc))
            break;
    }
    return l0 + log(acc + comp);
}
#line 1250 "book/02-discrete.nw"
static double log_tail_sum_down(const ggs_dist *d, long k, dist_ratio_fn ratio,
                                int logconcave)
{
    long lo, hi, n = 0;
    double l0 = ggs_logpmf(d, k), t = 1, acc = 1, comp = 0;
    ggs_dist_support(&lo, &hi, d);
    for (long j = k; j > lo; j--) {
        double rho = 1 / ratio(d, j - 1);
        if (++n > DIST_SUM_MAX)
            return NAN;
        t = n % DIST_ANCHOR == 0 ? exp(ggs_logpmf(d, j - 1) - l0) : t * rho;
        dist_add(&acc, &comp, t);
        if (t == 0 || (logconcave && rho < 1 && t * rho / (1 - rho) <= DIST_SERIES_TOL * acc))
            break;
    }
    return l0 + log(acc + comp);
}
#line 1269 "book/02-discrete.nw"
static double log1mexp(double x)
{
    return x > -M_LN2 ? log(-expm1(x)) : log1p(-exp(x));
}
#line 1286 "book/02-discrete.nw"
static double dist_erfcx(double y)
{
    double f = y;
    if (y < DIST_ERFCX_CF_MIN)
        return exp(y * y) * erfc(y);
    for (int j = DIST_ERFCX_CF_TERMS; j >= 1; j--)
        f = y + 0.5 * j / f;
    return 1 / (f * sqrt(M_PI));
}
#line 1311 "book/02-discrete.nw"
static double temme_c[DIST_TEMME_K][DIST_TEMME_TERMS];
static double temme_gamma[DIST_TEMME_K];
static pthread_once_t temme_once = PTHREAD_ONCE_INIT;

static void temme_init(void)
{
    enum { M = DIST_TEMME_TERMS + 2 * DIST_TEMME_K + 2 };
    long double m[M + 2], w[M + 1], a[M + 1], b[M + 1];
    int len = M;
    
#line 1340 "book/02-discrete.nw"
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
#line 1321 "book/02-discrete.nw"
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
#line 1365 "book/02-discrete.nw"
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
    return a >= DIST_TEMME_MIN && fabs(x - a) < DIST_TEMME_BAND * (x + a);
}
#line 1391 "book/02-discrete.nw"
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
#line 1415 "book/02-discrete.nw"
/* 1, with *v the log-tail, where the tail is the constant 0 or 1; else 0 */
static int dist_tail_constant(double *v, const ggs_dist *d, long k, int upper)
{
    long lo, hi;
    ggs_dist_support(&lo, &hi, d);
    if (upper ? k <= lo : k >= hi)
        *v = 0;
    else if (upper ? k > hi : k < lo)
        *v = -HUGE_VAL;
    else
        return 0;
    return 1;
}

/* A log-tail inside the support, by the pmf at its end or by summing its small side. */
static double dist_logtail_by_sums(const ggs_dist *d, long k, int upper, dist_ratio_fn ratio,
                                   double lim, int logconcave)
{
    long lo, hi;
    ggs_dist_support(&lo, &hi, d);
    if (k == (upper ? hi : lo))
        return ggs_logpmf(d, k);
    if (upper)
        return k > ggs_dist_mean(d) ? log_tail_sum_up(d, k, ratio, lim)
                                    : log1mexp(log_tail_sum_down(d, k - 1, ratio, logconcave));
    return k < ggs_dist_mean(d) ? log_tail_sum_down(d, k, ratio, logconcave)
                                : log1mexp(log_tail_sum_up(d, k + 1, ratio, lim));
}

double ggs_logcdf_lower(const ggs_dist *d, long k)
{
    const ggs_family_desc *fd = ggs_dist_descriptor(d);
    return fd->logtail != NULL ? fd->logtail(d, k, 0) : NAN;
}

double ggs_logcdf_upper(const ggs_dist *d, long k)
{
    const ggs_family_desc *fd = ggs_dist_descriptor(d);
    return fd->logtail != NULL ? fd->logtail(d, k, 1) : NAN;
}
#line 1464 "book/02-discrete.nw"
static void negbin_dr_lower(int *sgn, double *lmag, const ggs_dist *d, long k)
{
    double r = d->theta[0], p = d->theta[1], q = 1 - p, lp = log(p);
    double t = 1, acc, s, l0;
    *sgn = 1;
    *lmag = -HUGE_VAL;
    if (k < 0 || p == 1)
        return;
    if (ggs_logcdf_lower(d, k) <= -M_LN2) {
        
#line 1487 "book/02-discrete.nw"
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
#line 1474 "book/02-discrete.nw"
    } else {
        
#line 1508 "book/02-discrete.nw"
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
#line 1476 "book/02-discrete.nw"
    }
    if (acc != 0) {
        *sgn = acc < 0 ? -1 : 1;
        *lmag = l0 + log(fabs(acc));
    }
}
#line 1532 "book/02-discrete.nw"
static void dist_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    for (size_t j = 0; j < d->nparam; j++) {
        lmag[j] = -HUGE_VAL;
        sgn[j] = 1;
    }
    ggs_dist_descriptor(d)->dtail(lmag, sgn, d, k, upper);
}
#line 1542 "book/02-discrete.nw"
static void dist_dcdf(double *out, const ggs_dist *d, long k, int upper, int logscale)
{
    double lmag[GGS_MAX_CATEGORIES], lt = 0;
    int sgn[GGS_MAX_CATEGORIES];
    if (ggs_dist_descriptor(d)->dtail == NULL) {
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
#line 1581 "book/02-discrete.nw"
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
#line 1602 "book/02-discrete.nw"
int ggs_dist_parse(ggs_dist *d, const char *spec)
{
    static const char *const fn = "ggs_dist_parse";
    double v[GGS_MAX_CATEGORIES + 1];    /* the numbers after the colon */
    unsigned long N = 0;                 /* the integer first field, when there is one */
    size_t nv = 0, f;
    const char *colon, *field;
    const ggs_family_desc *fd = NULL;    /* the family named before the colon */
    ggs_dist t;
    int st;
    if (spec == NULL)
        return ggs_error(GGS_EINVAL, fn, "no distribution string (NULL)");
    colon = strchr(spec, ':');
    if (colon == NULL)
        return ggs_error(GGS_EINVAL, fn, "malformed distribution \"%s\" "
                         "(expected FAMILY:PARAMETERS)", spec);
    
#line 1632 "book/02-discrete.nw"
/* find the family named before the colon */
for (f = 0; f < GGS_FAMILY_COUNT; f++) {
    fd = ggs_family_descriptor((ggs_family)f);
    if (strlen(fd->name) == (size_t)(colon - spec) &&
        strncmp(spec, fd->name, (size_t)(colon - spec)) == 0)
        break;
}
if (f == GGS_FAMILY_COUNT) {
    char known[256];
    size_t used = 0;
    for (f = 0; f < GGS_FAMILY_COUNT && used < sizeof known; f++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", f > 0 ? ", " : "",
                                 ggs_family_descriptor((ggs_family)f)->name);
    return ggs_error(GGS_EINVAL, fn, "unknown family \"%.*s\" in \"%s\" (known: %s)",
                     (int)(colon - spec), spec, spec, known);
}
#line 1619 "book/02-discrete.nw"
    
#line 1651 "book/02-discrete.nw"
/* split the parameters at commas and convert each one */
field = colon + 1;
for (;;) {
    const char *end = strchr(field, ',');
    char *stop;
    int integer = nv == 0 && fd->integer_first;
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
    if (integer) {
        N = strtoul(field, &stop, 10);
        if (stop != end && errno == 0 && (*stop == '.' || *stop == 'e' || *stop == 'E')) {
            
#line 1694 "book/02-discrete.nw"
double x = strtod(field, &stop);
if (stop == end && !(x >= 0 && x < 18446744073709551616.0 && x == floor(x)))
    return ggs_error(GGS_EDOM, fn, "N = %.*s is not a whole number below 2^64 in \"%s\"",
                     (int)(end - field), field, spec);
if (stop == end)
    N = (unsigned long)x;
#line 1672 "book/02-discrete.nw"
        }
    } else
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
#line 1620 "book/02-discrete.nw"
    
#line 1702 "book/02-discrete.nw"
/* check the number of parameters of the family */
if (nv < (size_t)fd->integer_first + fd->nreal_min
    || nv - (size_t)fd->integer_first > fd->nreal_max)
    return ggs_error(GGS_EINVAL, fn, "wrong number of parameters (%zu) in \"%s\" "
                     "(expected %s)", nv, spec, fd->usage);
#line 1621 "book/02-discrete.nw"
    st = fd->make(&t, N, v + fd->integer_first, nv - (size_t)fd->integer_first);
    if (st != GGS_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ggs_last_error());
        return ggs_error(st, fn, "%s (in \"%s\")", msg, spec);
    }
    *d = t;
    return GGS_OK;
}
#line 1712 "book/02-discrete.nw"
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
    if (ggs_dist_descriptor(d)->integer_first)
        used += (size_t)snprintf(out + used, sizeof out - used, "%lu,", d->trials);
    for (size_t j = 0; j < d->nparam; j++) {
        format_real(num, sizeof num, d->theta[j]);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s",
                                 j > 0 ? "," : "", num);
    }
    return snprintf(buf, size, "%s", out);
}
#line 1743 "book/02-discrete.nw"
static void support_from_zero(long *lo, long *hi, const ggs_dist *d)
{
    *lo = 0;
    *hi = LONG_MAX;
}

static const char *prob_param_name(const ggs_dist *d, size_t j)
{
    return j < GGS_MAX_CATEGORIES ? prob_names[j] : "?";
}
#line 1759 "book/02-discrete.nw"
static void link_rate(double *theta, double *dtheta, double a)
{
    double e = exp(-fabs(a));
    *theta = GGS_LINK_RATE_MIN + ((a > 0 ? a : 0) + log1p(e));
    *dtheta = a >= 0 ? 1 / (1 + e) : e / (1 + e);
}

static void link_prob(double *theta, double *dtheta, double a)
{
    double e = exp(-fabs(a)), big = 1 / (1 + e), small = e / (1 + e);
    *theta = a >= 0 ? big : small;
    *dtheta = (a >= 0 ? big : small) * (a >= 0 ? small : big);
}

static void rate_link(double *theta, double *dtheta, const double *a)
{
    link_rate(&theta[0], &dtheta[0], a[0]);
}

static void prob_link(double *theta, double *dtheta, const double *a)
{
    link_prob(&theta[0], &dtheta[0], a[0]);
}
#line 1785 "book/02-discrete.nw"
static int poisson_make(ggs_dist *d, unsigned long N, const double *v, size_t nv)
{
    return ggs_dist_poisson(d, v[0]);
}

static const char *poisson_param_name(const ggs_dist *d, size_t j)
{
    return "lambda";
}

static double poisson_mean(const ggs_dist *d)
{
    return d->theta[0];
}

static long poisson_mode(const ggs_dist *d)
{
    return dist_mode_near(d, dist_clamp_long(d->theta[0]));
}

static double poisson_logpmf_of(const ggs_dist *d, long k)
{
    return poisson_logpmf(d->theta[0], k);
}

static void poisson_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    dlp[0] = k / d->theta[0] - 1;
}

static double poisson_ratio(const ggs_dist *d, long j)
{
    return d->theta[0] / (j + 1.0);
}

static double poisson_logtail(const ggs_dist *d, long k, int upper)
{
    double v, a = upper ? (double)k : k + 1.0;
    if (dist_tail_constant(&v, d, k, upper))
        return v;
    if (temme_applies(d, a))
        return temme_log_gamma_tail(a, d->theta[0], !upper);
    return dist_logtail_by_sums(d, k, upper, poisson_ratio, 0, 1);
}

static void poisson_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    double v;
    if (dist_tail_constant(&v, d, k, upper))
        return;
    sgn[0] = upper ? 1 : -1;
    lmag[0] = poisson_logpmf(d->theta[0], upper ? k - 1 : k);
}

static const ggs_family_desc poisson_family = {
    .family = GGS_POISSON, .name = "poisson", .usage = "poisson:LAMBDA",
    .integer_first = 0, .nreal_min = 1, .nreal_max = 1, .vector = 0, .whole_window = 0,
    .make = poisson_make, .param_name = poisson_param_name, .support = support_from_zero,
    .mean = poisson_mean, .variance = poisson_mean, .mode = poisson_mode,
    .logpmf = poisson_logpmf_of, .dlogpmf = poisson_dlogpmf,
    .logtail = poisson_logtail, .dtail = poisson_dtail,
    .nlink = 1, .link = rate_link
};
#line 1852 "book/02-discrete.nw"
static int binomial_make(ggs_dist *d, unsigned long N, const double *v, size_t nv)
{
    return ggs_dist_binomial(d, N, v[0]);
}

static const char *p_param_name(const ggs_dist *d, size_t j)
{
    return "p";
}

static void binomial_support(long *lo, long *hi, const ggs_dist *d)
{
    *lo = 0;
    *hi = (long)d->trials;
}

static double binomial_mean(const ggs_dist *d)
{
    return (double)d->trials * d->theta[0];
}

static double binomial_variance(const ggs_dist *d)
{
    return (double)d->trials * d->theta[0] * (1 - d->theta[0]);
}

static long binomial_mode(const ggs_dist *d)
{
    return dist_mode_near(d, dist_clamp_long(((double)d->trials + 1) * d->theta[0]));
}

static double binomial_logpmf_of(const ggs_dist *d, long k)
{
    return binomial_logpmf(d->trials, d->theta[0], k);
}

static void binomial_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    double p = d->theta[0], fail = (double)d->trials - k;
    dlp[0] = (k > 0 ? k / p : 0) - (fail > 0 ? fail / (1 - p) : 0);
}

static double binomial_ratio(const ggs_dist *d, long j)
{
    return (unsigned long)j >= d->trials
               ? 0 : ((double)d->trials - j) / (j + 1.0) * d->theta[0] / (1 - d->theta[0]);
}

static double binomial_logtail(const ggs_dist *d, long k, int upper)
{
    double v, p = d->theta[0];
    if (dist_tail_constant(&v, d, k, upper))
        return v;
    if (p == 0 || p == 1)
        return (p == 0) != upper ? 0 : -HUGE_VAL;
    return dist_logtail_by_sums(d, k, upper, binomial_ratio, 0, 1);
}

static void binomial_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    double v;
    if (dist_tail_constant(&v, d, k, upper))
        return;
    sgn[0] = upper ? 1 : -1;
    lmag[0] = log((double)d->trials)
              + binomial_logpmf(d->trials - 1, d->theta[0], upper ? k - 1 : k);
}

static const ggs_family_desc binomial_family = {
    .family = GGS_BINOMIAL, .name = "binomial", .usage = "binomial:N,P",
    .integer_first = 1, .nreal_min = 1, .nreal_max = 1, .vector = 0, .whole_window = 0,
    .make = binomial_make, .param_name = p_param_name, .support = binomial_support,
    .mean = binomial_mean, .variance = binomial_variance, .mode = binomial_mode,
    .logpmf = binomial_logpmf_of, .dlogpmf = binomial_dlogpmf,
    .logtail = binomial_logtail, .dtail = binomial_dtail,
    .nlink = 0, .link = NULL
};
#line 1932 "book/02-discrete.nw"
static int geometric_make(ggs_dist *d, unsigned long N, const double *v, size_t nv)
{
    return ggs_dist_geometric(d, v[0]);
}

static double geometric_mean(const ggs_dist *d)
{
    return (1 - d->theta[0]) / d->theta[0];
}

static double geometric_variance(const ggs_dist *d)
{
    return (1 - d->theta[0]) / (d->theta[0] * d->theta[0]);
}

static long geometric_mode(const ggs_dist *d)
{
    return dist_mode_near(d, 0);
}

static double geometric_logpmf_of(const ggs_dist *d, long k)
{
    return geometric_logpmf(d->theta[0], k);
}

static void geometric_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    dlp[0] = 1 / d->theta[0] - (k > 0 ? k / (1 - d->theta[0]) : 0);
}

static double geometric_logtail(const ggs_dist *d, long k, int upper)
{
    double v, p = d->theta[0];
    if (dist_tail_constant(&v, d, k, upper))
        return v;
    if (upper)
        return p == 1 ? -HUGE_VAL : k * log1p(-p);
    return p == 1 ? 0 : log1mexp((k + 1.0) * log1p(-p));
}

static void geometric_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    double v;
    long e = upper ? k - 1 : k;
    if (dist_tail_constant(&v, d, k, upper))
        return;
    sgn[0] = upper ? -1 : 1;
    lmag[0] = log(upper ? (double)k : k + 1.0) + (e == 0 ? 0 : e * log1p(-d->theta[0]));
}

static const ggs_family_desc geometric_family = {
    .family = GGS_GEOMETRIC, .name = "geometric", .usage = "geometric:P",
    .integer_first = 0, .nreal_min = 1, .nreal_max = 1, .vector = 0, .whole_window = 0,
    .make = geometric_make, .param_name = p_param_name, .support = support_from_zero,
    .mean = geometric_mean, .variance = geometric_variance, .mode = geometric_mode,
    .logpmf = geometric_logpmf_of, .dlogpmf = geometric_dlogpmf,
    .logtail = geometric_logtail, .dtail = geometric_dtail,
    .nlink = 1, .link = prob_link
};
#line 1994 "book/02-discrete.nw"
static int negbin_make(ggs_dist *d, unsigned long N, const double *v, size_t nv)
{
    return ggs_dist_negbin(d, v[0], v[1]);
}

static const char *negbin_param_name(const ggs_dist *d, size_t j)
{
    return j == 0 ? "r" : "p";
}

static double negbin_mean(const ggs_dist *d)
{
    return d->theta[0] * (1 - d->theta[1]) / d->theta[1];
}

static double negbin_variance(const ggs_dist *d)
{
    return d->theta[0] * (1 - d->theta[1]) / (d->theta[1] * d->theta[1]);
}

static long negbin_mode(const ggs_dist *d)
{
    const double *t = d->theta;
    return dist_mode_near(d, t[0] > 1 ? dist_clamp_long((t[0] - 1) * (1 - t[1]) / t[1]) : 0);
}

static double negbin_logpmf_of(const ggs_dist *d, long k)
{
    return negbin_logpmf(d->theta[0], d->theta[1], k);
}

static void negbin_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    const double *t = d->theta;
    dlp[0] = psi_diff(t[0], k) + log(t[1]);
    dlp[1] = t[0] / t[1] - (k > 0 ? k / (1 - t[1]) : 0);
}

static double negbin_ratio(const ggs_dist *d, long j)
{
    return (j + d->theta[0]) / (j + 1.0) * (1 - d->theta[1]);
}

static double negbin_logtail(const ggs_dist *d, long k, int upper)
{
    double v;
    if (dist_tail_constant(&v, d, k, upper))
        return v;
    if (d->theta[1] == 1)
        return upper ? -HUGE_VAL : 0;
    return dist_logtail_by_sums(d, k, upper, negbin_ratio, 1 - d->theta[1], d->theta[0] >= 1);
}

static void negbin_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    const double *t = d->theta;
    double v, b = upper ? (double)k : k + 1.0;
    if (dist_tail_constant(&v, d, k, upper))
        return;
    sgn[1] = upper ? -1 : 1;
    lmag[1] = log((t[0] + b - 1) / t[1]) + negbin_logpmf(t[0], t[1], (long)b - 1);
    negbin_dr_lower(&sgn[0], &lmag[0], d, upper ? k - 1 : k);
    if (upper)
        sgn[0] = -sgn[0];
}

static void negbin_link(double *theta, double *dtheta, const double *a)
{
    link_rate(&theta[0], &dtheta[0], a[0]);    /* r */
    link_prob(&theta[1], &dtheta[1], a[1]);    /* p */
}

static const ggs_family_desc negbin_family = {
    .family = GGS_NEGBIN, .name = "negbin", .usage = "negbin:R,P",
    .integer_first = 0, .nreal_min = 2, .nreal_max = 2, .vector = 0, .whole_window = 0,
    .make = negbin_make, .param_name = negbin_param_name, .support = support_from_zero,
    .mean = negbin_mean, .variance = negbin_variance, .mode = negbin_mode,
    .logpmf = negbin_logpmf_of, .dlogpmf = negbin_dlogpmf,
    .logtail = negbin_logtail, .dtail = negbin_dtail,
    .nlink = 2, .link = negbin_link
};
#line 2079 "book/02-discrete.nw"
static int categorical_make(ggs_dist *d, unsigned long N, const double *v, size_t nv)
{
    return ggs_dist_categorical(d, v, nv);
}

static void categorical_support(long *lo, long *hi, const ggs_dist *d)
{
    *lo = 0;
    *hi = (long)d->nparam - 1;
}

static double categorical_mean(const ggs_dist *d)
{
    double m = 0;
    for (size_t k = 0; k < d->nparam; k++)
        m += (double)k * d->theta[k];
    return m;
}

static double categorical_variance(const ggs_dist *d)
{
    double m = categorical_mean(d), m2 = 0;
    for (size_t k = 0; k < d->nparam; k++)
        m2 += ((double)k - m) * ((double)k - m) * d->theta[k];
    return m2;
}

static long categorical_mode(const ggs_dist *d)
{
    long m0 = 0;
    for (size_t k = 1; k < d->nparam; k++)
        if (d->theta[k] > d->theta[m0])
            m0 = (long)k;
    return m0;
}

static double categorical_logpmf(const ggs_dist *d, long k)
{
    return (k < 0 || (size_t)k >= d->nparam) ? -HUGE_VAL : log(d->theta[k]);
}

static void categorical_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    dlp[k] = 1 / d->theta[k];
}

static double categorical_logtail(const ggs_dist *d, long k, int upper)
{
    return categorical_logcdf(d, k, upper);
}

static void categorical_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    for (size_t j = 0; j < d->nparam; j++)
        if (upper ? (long)j >= k : (long)j <= k)
            lmag[j] = 0;
}

static const ggs_family_desc categorical_family = {
    .family = GGS_CATEGORICAL, .name = "categorical", .usage = "categorical:P1,P2,...",
    .integer_first = 0, .nreal_min = 2, .nreal_max = SIZE_MAX, .vector = 0, .whole_window = 1,
    .make = categorical_make, .param_name = prob_param_name, .support = categorical_support,
    .mean = categorical_mean, .variance = categorical_variance, .mode = categorical_mode,
    .logpmf = categorical_logpmf, .dlogpmf = categorical_dlogpmf,
    .logtail = categorical_logtail, .dtail = categorical_dtail,
    .nlink = 0, .link = NULL
};
#line 2149 "book/02-discrete.nw"
static int multinomial_make(ggs_dist *d, unsigned long N, const double *v, size_t nv)
{
    return ggs_dist_multinomial(d, N, v, nv);
}

static void multinomial_support(long *lo, long *hi, const ggs_dist *d)
{
    *lo = 0;
    *hi = (long)d->trials;
}

static const ggs_family_desc multinomial_family = {
    .family = GGS_MULTINOMIAL, .name = "multinomial", .usage = "multinomial:N,P1,P2,...",
    .integer_first = 1, .nreal_min = 2, .nreal_max = SIZE_MAX, .vector = 1, .whole_window = 1,
    .make = multinomial_make, .param_name = prob_param_name, .support = multinomial_support,
    .mean = NULL, .variance = NULL, .mode = NULL, .logpmf = NULL, .dlogpmf = NULL,
    .logtail = NULL, .dtail = NULL,
    .nlink = 0, .link = NULL
};
#line 2317 "book/02-discrete.nw"
int ggs_dist_ztpoisson(ggs_dist *d, double lambda)
{
    ggs_dist t = dist_blank(GGS_ZTPOISSON, 0, 1);
    int st = ggs_check_range(lambda, "lambda", "ggs_dist_ztpoisson", 0, 0, GGS_LAMBDA_MAX, 1);
    if (st != GGS_OK)
        return st;
    t.theta[0] = lambda;
    *d = t;
    return GGS_OK;
}
#line 2330 "book/02-discrete.nw"
/* h(lambda) = 1/Z - 1/lambda by its series below this */
#define ZTP_SERIES_MAX 1.0

static double ztp_logz(double lam)
{
    return log(-expm1(-lam));
}

static double ztp_h(double lam)
{
    double z = -expm1(-lam), s = 0, t = 0.5;
    if (lam >= ZTP_SERIES_MAX)
        return 1 / z - 1 / lam;
    for (int j = 3; fabs(t) > DIST_SERIES_TOL * fabs(s); j++) {
        s += t;               /* t = (-1)^j lam^(j-2) / j!, j = 2, 3, ... */
        t *= -lam / j;
    }
    return s * (lam / z);
}

static int ztp_make(ggs_dist *d, unsigned long N, const double *v, size_t nv)
{
    return ggs_dist_ztpoisson(d, v[0]);
}

static void support_from_one(long *lo, long *hi, const ggs_dist *d)
{
    *lo = 1;
    *hi = LONG_MAX;
}

static double ztp_mean(const ggs_dist *d)
{
    return d->theta[0] / -expm1(-d->theta[0]);
}

static double ztp_variance(const ggs_dist *d)
{
    double lam = d->theta[0];
    if (lam < ZTP_SERIES_MAX)
        return ztp_mean(d) * lam * (1 - ztp_h(lam));
    return ztp_mean(d) * (1 - lam / expm1(lam));
}

static long ztp_mode(const ggs_dist *d)
{
    return dist_mode_near(d, dist_clamp_long(d->theta[0]));
}

static double ztp_logpmf(const ggs_dist *d, long k)
{
    double lam = d->theta[0];
    if (k < 1)
        return -HUGE_VAL;
    if (k == 1 && lam < ZTP_SERIES_MAX)
        return log(lam / expm1(lam));    /* near 1: no error of order eps log(1/lam) */
    return poisson_logpmf(lam, k) - ztp_logz(lam);
}

static void ztp_dlogpmf(double *dlp, const ggs_dist *d, long k)
{
    dlp[0] = (k - 1) / d->theta[0] - ztp_h(d->theta[0]);
}

/* the Poisson with the same lambda, whose tails give ours */
static ggs_dist ztp_parent(const ggs_dist *d)
{
    ggs_dist y = dist_blank(GGS_POISSON, 0, 1);
    y.theta[0] = d->theta[0];
    return y;
}

static double ztp_logtail(const ggs_dist *d, long k, int upper)
{
    ggs_dist y = ztp_parent(d);
    double v, lam = d->theta[0], lz = ztp_logz(lam), lp;
    if (dist_tail_constant(&v, d, k, upper))
        return v;
    if (upper)
        return ggs_logcdf_upper(&y, k) - lz;
    if (k == 1)
        return ztp_logpmf(d, 1);
    if (k < ztp_mean(d)) {
        lp = ggs_logcdf_lower(&y, k);
        return lp + log1mexp(-lam - lp) - lz;
    }
    return log1mexp(ggs_logcdf_upper(&y, k + 1) - lz);
}

/* d P(X >= k) / d lambda for k >= 2, as a sign and a log-magnitude */
static void ztp_dupper(int *sgn, double *lmag, const ggs_dist *d, long k)
{
    double lam = d->theta[0];
    double a = poisson_logpmf(lam, k - 1), b = ztp_logtail(d, k, 1) - lam;
    *sgn = a >= b ? 1 : -1;
    *lmag = (a >= b ? a + log1mexp(b - a) : b + log1mexp(a - b)) - ztp_logz(lam);
}

static void ztp_dtail(double *lmag, int *sgn, const ggs_dist *d, long k, int upper)
{
    double v;
    if (dist_tail_constant(&v, d, k, upper))
        return;
    ztp_dupper(&sgn[0], &lmag[0], d, upper ? k : k + 1);
    if (!upper)
        sgn[0] = -sgn[0];
}
#line 2443 "book/02-discrete.nw"
static const ggs_family_desc ztpoisson_family = {
    .family = GGS_ZTPOISSON, .name = "ztpoisson", .usage = "ztpoisson:LAMBDA",
    .integer_first = 0, .nreal_min = 1, .nreal_max = 1, .vector = 0, .whole_window = 0,
    .make = ztp_make, .param_name = poisson_param_name, .support = support_from_one,
    .mean = ztp_mean, .variance = ztp_variance, .mode = ztp_mode,
    .logpmf = ztp_logpmf, .dlogpmf = ztp_dlogpmf,
    .logtail = ztp_logtail, .dtail = ztp_dtail,
    .nlink = 1, .link = rate_link
};
#line 2177 "book/02-discrete.nw"
static const ggs_family_desc *const dist_families[] = {
    
#line 2194 "book/02-discrete.nw"
[GGS_POISSON] = &poisson_family,
[GGS_BINOMIAL] = &binomial_family,
[GGS_GEOMETRIC] = &geometric_family,
[GGS_NEGBIN] = &negbin_family,
[GGS_CATEGORICAL] = &categorical_family,
[GGS_MULTINOMIAL] = &multinomial_family,
#line 2454 "book/02-discrete.nw"
[GGS_ZTPOISSON] = &ztpoisson_family,
#line 2179 "book/02-discrete.nw"
};
_Static_assert(sizeof dist_families / sizeof dist_families[0] == GGS_FAMILY_COUNT,
               "the table of families has one descriptor per enumerator of ggs_family");

const ggs_family_desc *ggs_family_descriptor(ggs_family f)
{
    return (unsigned)f < GGS_FAMILY_COUNT ? dist_families[f] : NULL;
}

const ggs_family_desc *ggs_dist_descriptor(const ggs_dist *d)
{
    return dist_families[d->family];
}
