#line 1311 "book/03-truncation.nw"
/* Generated from book/03-truncation.nw; do not edit. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-gengs.h"

#line 1341 "book/03-truncation.nw"
#define SWEEP_N 240    /* points of the one-parameter grids */
#define SWEEP_A 20     /* first parameters of the two-parameter grids */
#define SWEEP_B 16     /* probabilities of the two-parameter grids */

static const double SWEEP_P[SWEEP_B] = {
    0, 1e-300, 1e-100, 1e-20, 1e-8, 1e-5, 1e-3, 0.0312, 0.3, 0.5, 0.77, 0.999, 1 - 1e-8,
    0.99999999999999989, 0.99999999999999994, 1
};

/* 10^(a + (b - a) i / (n - 1)) */
static double sweep_log_grid(double a, double b, int i, int n)
{
    return pow(10.0, a + (b - a) * i / (n - 1));
}
#line 1360 "book/03-truncation.nw"
static int sweep_point(ggs_dist *d, ggs_family f, int i)
{
    double x = sweep_log_grid(-300, 15, i % SWEEP_N, SWEEP_N);
    switch (f) {
    case GGS_POISSON:
        return ggs_dist_poisson(d, i == SWEEP_N - 1 ? GGS_LAMBDA_MAX : x);
    case GGS_BINOMIAL: {
        double N = floor(sweep_log_grid(0, log10(9007199254740992.0), i / SWEEP_B, SWEEP_A));
        return ggs_dist_binomial(d, i / SWEEP_B == SWEEP_A - 1 ? GGS_TRIALS_MAX
                                                               : (unsigned long)N,
                                 SWEEP_P[i % SWEEP_B]);
    }
    case GGS_GEOMETRIC:
        return ggs_dist_geometric(d, sweep_log_grid(-14, 0, i, SWEEP_N));
    case GGS_NEGBIN:
        return ggs_dist_negbin(d, sweep_log_grid(-300, 30, i / SWEEP_B, SWEEP_A),
                               SWEEP_P[i % SWEEP_B]);
    case GGS_ZTPOISSON:
        return ggs_dist_ztpoisson(d, i == SWEEP_N - 1 ? GGS_LAMBDA_MAX : x);
    case GGS_CATEGORICAL: {    /* K categories, probabilities falling by a factor q */
        double prob[GGS_MAX_CATEGORIES], q = sweep_log_grid(-300.0 / 63, 0, i % 40, 40), s = 0;
        size_t K = 2 + (size_t)(i / 40) * 62 / 5;
        for (size_t j = 0; j < K; j++)
            s += prob[j] = pow(q, (double)j);
        for (size_t j = 0; j < K; j++)
            prob[j] /= s;
        return ggs_dist_categorical(d, prob, K);
    }
    case GGS_MULTINOMIAL:
    case GGS_FAMILY_COUNT:
        break;
    }
    ck_abort_msg("no sweep of family %s", ggs_family_name(f));
    return GGS_EINVAL;
}
#line 1399 "book/03-truncation.nw"
static void sweep_value(const ggs_dist *d, const char *spec, long k)
{
    long lo, hi;
    double lp = ggs_logpmf(d, k), ll = ggs_logcdf_lower(d, k);
    double lu = k < LONG_MAX ? ggs_logcdf_upper(d, k + 1) : -HUGE_VAL;
    ggs_dist_support(&lo, &hi, d);
    ck_assert_msg(!isnan(lp) && lp <= 1e-15, "%s: log P(X = %ld) = %g", spec, k, lp);
    ck_assert_msg(!isnan(ll) && ll <= 1e-15, "%s: log P(X <= %ld) = %g", spec, k, ll);
    ck_assert_msg(!isnan(lu) && lu <= 1e-15, "%s: log P(X > %ld) = %g", spec, k, lu);
    ck_assert_msg(fabs(exp(ll) + exp(lu) - 1) <= 1e-12, "%s: P(X <= %ld) + P(X > %ld) = "
                  "%.17g", spec, k, k, exp(ll) + exp(lu));
}
#line 1416 "book/03-truncation.nw"
static void sweep_window(const ggs_dist *d, const char *spec, long m, size_t n)
{
    static double logpi[GGS_MAX_CATEGORIES], dlogpi[GGS_MAX_CATEGORIES * GGS_MAX_CATEGORIES];
    double *lp = n <= GGS_MAX_CATEGORIES ? logpi : malloc(n * sizeof *lp);
    double *dl = n <= GGS_MAX_CATEGORIES ? dlogpi : malloc(n * d->nparam * sizeof *dl);
    long double s = 0;
    int st;
    ck_assert(lp != NULL && dl != NULL);
    st = ggs_truncated_logpmf(lp, d, m, n);
    ck_assert_msg(st == GGS_OK, "%s window m = %ld, n = %zu: %s", spec, m, n, ggs_last_error());
    for (size_t k = 0; k < n; k++)
        s += expl(lp[k]);
    ck_assert_msg(fabsl(s - 1) <= 1e-12L, "%s window m = %ld, n = %zu sums to %.17Lg", spec, m,
                  n, s);
    st = ggs_truncated_dlogpmf(dl, d, m, n);
    ck_assert_msg(st == GGS_OK, "%s window m = %ld, n = %zu: derivatives: %s", spec, m, n,
                  ggs_last_error());
    if (lp != logpi)
        free(lp);
    if (dl != dlogpi)
        free(dl);
}
#line 1443 "book/03-truncation.nw"
static long sweep_clamp(double x, long lo, long hi)
{
    return x <= (double)lo ? lo : x >= (double)hi ? hi : (long)x;
}

static void sweep_one(ggs_family f, int i)
{
    ggs_dist d;
    ggs_window w;
    char spec[256];
    long lo, hi, mode, top;
    double mean, sd;
    int st = sweep_point(&d, f, i);
    if (st != GGS_OK) {
        ck_assert_msg(st == GGS_EDOM && strstr(ggs_last_error(), "out of range") != NULL,
                      "%s point %d: status %d, \"%s\"", ggs_family_name(f), i, st,
                      ggs_last_error());
        return;
    }
    ggs_dist_format(spec, sizeof spec, &d);
    ggs_dist_support(&lo, &hi, &d);
    mode = ggs_dist_mode(&d);
    mean = ggs_dist_mean(&d);
    sd = sqrt(ggs_dist_variance(&d));
    {
        const long ks[] = {lo, lo + 1, mode - 1, mode, mode + 1, sweep_clamp(mean, lo, hi),
                           sweep_clamp(mean + 40 * sd + 1, lo, hi), hi < LONG_MAX ? hi : 1L << 62};
        for (size_t j = 0; j < sizeof ks / sizeof ks[0]; j++)
            if (ks[j] >= lo && ks[j] <= hi)
                sweep_value(&d, spec, ks[j]);
    }
    
#line 1494 "book/03-truncation.nw"
/* check the automatic windows of the point */
for (int fix = 0; fix <= 1; fix++) {
    w.m = lo;
    st = ggs_window_auto(&w, &d, 1e-12, fix);
    ck_assert_msg(st == GGS_OK || (st == GGS_ERANGE && (sd > 1e5 || (fix && mean - (double)lo
                  + 28 * sd + 1 > 1e7))), "%s automatic window "
                  "(fixed left %d): status %d, \"%s\"", spec, fix, st, ggs_last_error());
    if (st == GGS_OK)
        sweep_window(&d, spec, w.m, w.n);
}
#line 1475 "book/03-truncation.nw"
    top = hi - lo + 1 < 5 ? hi - lo + 1 : 5;    /* categories of the small windows */
    if (top >= 2 && f != GGS_CATEGORICAL) {
        sweep_window(&d, spec, lo, (size_t)top);
        sweep_window(&d, spec, sweep_clamp((double)mode - 2, lo, hi - (top - 1)), (size_t)top);
        if (hi - lo >= 2)
            sweep_window(&d, spec, sweep_clamp(mean + 50 * sd + 10, lo, hi - 2), 3);
    }
}
#line 1508 "book/03-truncation.nw"
static int sweep_count(ggs_family f)
{
    return f == GGS_BINOMIAL || f == GGS_NEGBIN ? SWEEP_A * SWEEP_B : SWEEP_N;
}

#define SWEEP_TEST(name, fam) \
    START_TEST(name)          \
    {                         \
        sweep_one(fam, _i);   \
    }                         \
    END_TEST

SWEEP_TEST(test_sweep_poisson, GGS_POISSON)
SWEEP_TEST(test_sweep_binomial, GGS_BINOMIAL)
SWEEP_TEST(test_sweep_geometric, GGS_GEOMETRIC)
SWEEP_TEST(test_sweep_negbin, GGS_NEGBIN)
SWEEP_TEST(test_sweep_categorical, GGS_CATEGORICAL)
SWEEP_TEST(test_sweep_ztpoisson, GGS_ZTPOISSON)

START_TEST(test_sweep_counts)
{
    for (int f = 0; f < GGS_FAMILY_COUNT; f++) {
        int inside = 0;
        if (ggs_family_descriptor((ggs_family)f)->vector)
            continue;    /* the multinomial has no scalar functions to sweep */
        for (int i = 0; i < sweep_count((ggs_family)f); i++) {
            ggs_dist d;
            inside += sweep_point(&d, (ggs_family)f, i) == GGS_OK;
        }
        if (getenv("GGS_TEST_VERBOSE"))
            printf("domain sweep: %s, %d of %d points inside the domain\n",
                   ggs_family_name((ggs_family)f), inside, sweep_count((ggs_family)f));
        ck_assert_msg(inside >= 200, "%s: only %d points inside the domain",
                      ggs_family_name((ggs_family)f), inside);
    }
}
END_TEST

#line 1322 "book/03-truncation.nw"
Suite *make_domain_suite(void)
{
    Suite *s = suite_create("domain");
    TCase *sweep = tcase_create("Sweep");
    tcase_set_tags(sweep, "sweep");
    tcase_set_timeout(sweep, 600);
    
#line 1547 "book/03-truncation.nw"
tcase_add_loop_test(sweep, test_sweep_poisson, 0, sweep_count(GGS_POISSON));
tcase_add_loop_test(sweep, test_sweep_binomial, 0, sweep_count(GGS_BINOMIAL));
tcase_add_loop_test(sweep, test_sweep_geometric, 0, sweep_count(GGS_GEOMETRIC));
tcase_add_loop_test(sweep, test_sweep_negbin, 0, sweep_count(GGS_NEGBIN));
tcase_add_loop_test(sweep, test_sweep_categorical, 0, sweep_count(GGS_CATEGORICAL));
tcase_add_loop_test(sweep, test_sweep_ztpoisson, 0, sweep_count(GGS_ZTPOISSON));
tcase_add_test(sweep, test_sweep_counts);
#line 1329 "book/03-truncation.nw"
    suite_add_tcase(s, sweep);
    return s;
}
