#line 913 "book/03-truncation.nw"
/* Generated from book/03-truncation.nw; do not edit. */
#include <math.h>
#include <string.h>
#include "check-gengs.h"

#line 942 "book/03-truncation.nw"
static const struct { const char *spec; long m; size_t n; } windows[] = {
    {"poisson:2", 0, 2}, {"poisson:2", 0, 5}, {"poisson:2", 0, 20}, {"poisson:2", 1, 4},
    {"poisson:3.12", 2, 3}, {"poisson:7", 0, 30}, {"poisson:7", 3, 9},
    {"poisson:100", 50, 101}, {"poisson:100", 0, 50}, {"poisson:100", 150, 10},
    {"poisson:100", 80, 2}, {"poisson:1e-10", 0, 2}, {"poisson:1e-10", 0, 6},
    {"poisson:10000", 9500, 1001}, {"poisson:10000", 9990, 21},
    {"binomial:20,0.3", 0, 21}, {"binomial:20,0.3", 0, 8}, {"binomial:20,0.3", 3, 6},
    {"binomial:20,0.3", 15, 6}, {"binomial:1000,0.999", 990, 11},
    {"binomial:5,0", 0, 4}, {"binomial:5,1", 2, 3}, {"binomial:5,1", 0, 4},
    {"geometric:0.25", 0, 10}, {"geometric:0.25", 2, 10}, {"geometric:0.001", 100, 500},
    {"geometric:1", 0, 3},
    {"negbin:3,0.4", 0, 12}, {"negbin:3,0.4", 1, 30}, {"negbin:0.3,0.7", 0, 4},
    {"negbin:3.12,0.5", 2, 5}, {"negbin:100,0.05", 1500, 800},
    {"categorical:0.1,0.2,0.3,0.4", 0, 4}, {"categorical:0,0.5,0.25,0.25", 0, 4}
};
#define NWINDOWS (sizeof windows / sizeof windows[0])

static ggs_dist window_dist(size_t i)
{
    ggs_dist d;
    ck_assert_msg(ggs_dist_parse(&d, windows[i].spec) == GGS_OK, "%s", ggs_last_error());
    return d;
}
#line 973 "book/03-truncation.nw"
START_TEST(test_truncated_sums_to_one)
{
    for (size_t i = 0; i < NWINDOWS; i++) {
        ggs_dist d = window_dist(i);
        size_t n = windows[i].n;
        long m = windows[i].m;
        double pi[1100], logpi[1100];
        long double s = 0;
        ck_assert_int_eq(ggs_truncated_pmf(pi, &d, m, n), GGS_OK);
        ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, m, n), GGS_OK);
        for (size_t k = 0; k < n; k++) {
            ck_assert(!isnan(logpi[k]) && pi[k] >= 0);
            ck_assert(pi[k] == exp(logpi[k]));
            s += pi[k];
        }
        ck_assert_msg(fabsl(s - 1) < 1e-12L, "%s m=%ld n=%zu sums to 1 %+.3Lg",
                      windows[i].spec, m, n, s - 1);
    }
}
END_TEST

static long double direct_tail(const ggs_dist *d, long k, int upper)
{
    long lo, hi;
    long double s = 0;
    ggs_dist_support(&lo, &hi, d);
    for (long j = k, c = 0; upper ? (j <= hi && c < 100000) : j >= lo; j += upper ? 1 : -1, c++)
        s += expl(ggs_logpmf(d, j));
    return s;
}

START_TEST(test_truncated_tails_are_cdf_tails)
{
    for (size_t i = 0; i < NWINDOWS; i++) {
        ggs_dist d = window_dist(i);
        size_t n = windows[i].n;
        long m = windows[i].m, last = m + (long)n - 1;
        double logpi[1100];
        long double lower = direct_tail(&d, m, 0), upper = direct_tail(&d, last, 1);
        ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, m, n), GGS_OK);
        long double outside = lower + upper - expl(ggs_logpmf(&d, m))
                              - expl(ggs_logpmf(&d, last));
        ck_assert(logpi[0] == ggs_logcdf_lower(&d, m) || logpi[0] == ggs_logpmf(&d, m));
        ck_assert(logpi[n - 1] == ggs_logcdf_upper(&d, last)
                  || logpi[n - 1] == ggs_logpmf(&d, last));
        ck_assert_msg(fabsl(expl(logpi[0]) - lower) <= 1e-12L * lower, "%s lower",
                      windows[i].spec);
        ck_assert_msg(fabsl(expl(logpi[n - 1]) - upper) <= 1e-12L * upper, "%s upper",
                      windows[i].spec);
        ck_assert_msg(fabsl(ggs_truncated_outside(&d, m, n) - outside)
                      <= 1e-12L * (lower + upper) + 1e-300L, "%s outside", windows[i].spec);
    }
}
END_TEST
#line 1032 "book/03-truncation.nw"
START_TEST(test_small_tail_category)
{
    ggs_dist d;
    double pi[20];
    float s = 0;
    ck_assert_int_eq(ggs_dist_poisson(&d, 2), GGS_OK);
    ck_assert_int_eq(ggs_truncated_pmf(pi, &d, 0, 20), GGS_OK);
    ck_assert_double_eq_tol(pi[19], 6.4772973375804852e-13, 1e-24);
    for (int k = 0; k < 19; k++)
        s += (float)pi[k];
    ck_assert(1.0f - s <= 0.0f || fabs((1.0f - s) - pi[19]) > 0.5 * pi[19]);
}
END_TEST
#line 1050 "book/03-truncation.nw"
START_TEST(test_zero_categories)
{
    static const char *const specs[] = {"binomial:5,0", "binomial:5,1", "categorical:0,0.5,0.5",
                                        "geometric:1", "negbin:2,1"};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        ggs_dist d;
        size_t n = i == 2 ? 3 : 4;
        double logpi[4], dl[4 * 3];
        int zeros = 0;
        ck_assert_int_eq(ggs_dist_parse(&d, specs[i]), GGS_OK);
        ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, 0, n), GGS_OK);
        ck_assert_int_eq(ggs_truncated_dlogpmf(dl, &d, 0, n), GGS_OK);
        for (size_t k = 0; k < n; k++) {
            ck_assert(!isnan(logpi[k]));
            for (size_t j = 0; j < d.nparam; j++) {
                ck_assert(!isnan(dl[k * d.nparam + j]));
                if (logpi[k] == -HUGE_VAL)
                    ck_assert(dl[k * d.nparam + j] == 0);
            }
            zeros += logpi[k] == -HUGE_VAL;
        }
        ck_assert_msg(zeros > 0, "%s: no zero category tested", specs[i]);
    }
}
END_TEST
#line 1086 "book/03-truncation.nw"
typedef struct trunc_fd {
    ggs_dist d;    /* base distribution */
    size_t j;      /* parameter varied */
    long m;        /* window */
    size_t n;
    size_t k;      /* category */
} trunc_fd;

static double trunc_fd_eval(double x, void *vctx)
{
    const trunc_fd *c = vctx;
    ggs_dist e = c->d;
    double logpi[1100];
    e.theta[c->j] = x;
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &e, c->m, c->n), GGS_OK);
    return logpi[c->k];
}

START_TEST(test_truncated_dlogpmf_fd)
{
    static double dl[1100 * GGS_MAX_CATEGORIES];
    for (size_t i = 0; i < NWINDOWS; i++) {
        ggs_dist d = window_dist(i);
        size_t n = windows[i].n, P = d.nparam;
        trunc_fd c = {d, 0, windows[i].m, n, 0};
        ck_assert_int_eq(ggs_truncated_dlogpmf(dl, &d, c.m, n), GGS_OK);
        for (size_t k = 0; k < n; k += (k + 2 < n && n > 40) ? (n / 20) : 1) {
            for (size_t j = 0; j < P; j++) {
                double x = d.theta[j], s, fd;
                int is_prob = !(d.family == GGS_POISSON || (d.family == GGS_NEGBIN && j == 0));
                if (is_prob && (x == 0 || x == 1))
                    continue;
                s = d.family == GGS_CATEGORICAL ? 0.1 : is_prob ? fmin(x, 1 - x) : x;
                c.j = j;
                c.k = k;
                if (trunc_fd_eval(x, &c) == -HUGE_VAL) {
                    ck_assert(dl[k * P + j] == 0);
                    continue;
                }
                fd = ggs_test_richardson_diff(trunc_fd_eval, &c, x, 1e-5 * s);
                ck_assert_msg(ggs_test_fd_agrees(s * dl[k * P + j], s * fd, 1e-6,
                                                 1e-9 * fmax(1, fabs(trunc_fd_eval(x, &c)))),
                              "%s m=%ld n=%zu: d log pi[%zu] / d %s = %.12g, difference %.12g",
                              windows[i].spec, c.m, n, k, ggs_dist_param_name(&d, j),
                              dl[k * P + j], fd);
            }
            if (k + 1 < n && k + (n / 20) >= n - 1 && n > 40)
                k = n - 2;    /* make sure the last category is visited */
        }
    }
}
END_TEST
#line 1146 "book/03-truncation.nw"
START_TEST(test_window_auto_minimal)
{
    static const char *const specs[] = {
        "poisson:2", "poisson:7", "poisson:100", "poisson:3.12", "poisson:1e-10",
        "binomial:20,0.3", "binomial:1000,0.999", "geometric:0.25", "geometric:0.9",
        "negbin:3,0.4", "negbin:0.3,0.7", "negbin:5,0.7"
    };
    static const double eps[] = {1e-2, 1e-6, 1e-12};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        ggs_dist d;
        ck_assert_int_eq(ggs_dist_parse(&d, specs[i]), GGS_OK);
        for (size_t e = 0; e < sizeof eps / sizeof eps[0]; e++) {
            for (int fix = 0; fix <= 1; fix++) {
                ggs_window w = {0, 0};
                long mode = ggs_dist_mode(&d), lo, hi;
                ggs_dist_support(&lo, &hi, &d);
                ck_assert_int_eq(ggs_window_auto(&w, &d, eps[e], fix), GGS_OK);
                ck_assert(w.n >= 2);
                ck_assert_msg(ggs_truncated_outside(&d, w.m, w.n) <= eps[e], "%s eps %g",
                              specs[i], eps[e]);
                if (w.n == 2)
                    continue;
                if (fix) {
                    ck_assert(w.m == 0);
                    ck_assert(ggs_truncated_outside(&d, 0, w.n - 1) > eps[e]);
                    continue;
                }
                for (long a = mode - (long)w.n + 2; a <= mode; a++)
                    if (a >= lo && a + (long)w.n - 2 <= hi)
                        ck_assert_msg(ggs_truncated_outside(&d, a, w.n - 1) > eps[e],
                                      "%s eps %g: window [%ld, +%zu) beats n = %zu", specs[i],
                                      eps[e], a, w.n - 1, w.n);
            }
        }
    }
}
END_TEST
#line 1192 "book/03-truncation.nw"
START_TEST(test_window_auto_extremes)
{
    ggs_dist d;
    ggs_window w = {0, 0};
    const double p[] = {0.2, 0.3, 0.5};
    ck_assert_int_eq(ggs_dist_poisson(&d, 1e-10), GGS_OK);
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-12, 0), GGS_OK);
    ck_assert(w.m == 0 && w.n == 2);
    ck_assert_int_eq(ggs_dist_poisson(&d, 1e4), GGS_OK);
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-12, 0), GGS_OK);
    ck_assert_msg(w.n > 1300 && w.n < 1500, "n = %zu", w.n);
    ck_assert(w.m > 9200 && w.m < 9400);                   /* about 7.1 sd below the mean */
    ck_assert(labs(w.m + (long)w.n / 2 - 10000) <= 20);    /* skewed slightly right */
    ck_assert_int_eq(ggs_dist_binomial(&d, 20, 0.3), GGS_OK);
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-300, 0), GGS_OK);
    ck_assert(w.m == 0 && w.n == 21);
    ck_assert_int_eq(ggs_dist_categorical(&d, p, 3), GGS_OK);
    ck_assert_int_eq(ggs_window_auto(&w, &d, 0.5, 0), GGS_OK);
    ck_assert(w.m == 0 && w.n == 3);
    ck_assert_int_eq(ggs_dist_geometric(&d, 1e-9), GGS_OK);
    w.m = 5;
    w.n = 7;
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-12, 0), GGS_ERANGE);
    ck_assert(w.m == 5 && w.n == 7);
}
END_TEST
#line 1222 "book/03-truncation.nw"
START_TEST(test_truncated_errors)
{
    ggs_dist d, mn;
    ggs_window w = {3, 9};
    double out[8] = {42, 42, 42, 42, 42, 42, 42, 42};
    const double p[] = {0.5, 0.5};
    ck_assert_int_eq(ggs_dist_poisson(&d, 2), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(out, &d, 0, 1), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "n = 1"));
    ck_assert_int_eq(ggs_truncated_pmf(out, &d, -1, 4), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "outside the support"));
    ck_assert_int_eq(ggs_truncated_dlogpmf(out, &d, 0, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_dist_binomial(&d, 5, 0.5), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(out, &d, 3, 4), GGS_EINVAL);
    ck_assert_int_eq(ggs_truncated_logpmf(out, &d, 6, 2), GGS_EINVAL);
    ck_assert_int_eq(ggs_dist_multinomial(&mn, 3, p, 2), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(out, &mn, 0, 2), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "multinomial"));
    ck_assert_int_eq(ggs_window_auto(&w, &mn, 1e-6, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_dist_categorical(&d, p, 2), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(out, &d, 0, 3), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "m = 0, n = K = 2"));
    for (int i = 0; i < 8; i++)
        ck_assert(out[i] == 42);
    ck_assert_int_eq(ggs_dist_poisson(&d, 7), GGS_OK);
    ck_assert_int_eq(ggs_window_auto(&w, &d, 0, 0), GGS_EDOM);
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1, 0), GGS_EDOM);
    ck_assert_int_eq(ggs_window_auto(&w, &d, NAN, 0), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "eps"));
    w.m = 20;  /* a fixed left end far above the mass: only the mass above counts */
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-6, 1), GGS_OK);
    ck_assert(w.m == 20 && w.n >= 2);
    ck_assert(exp(ggs_logcdf_upper(&d, w.m + (long)w.n)) <= 1e-6);
    ck_assert(w.n == 2 || exp(ggs_logcdf_upper(&d, w.m + (long)w.n - 1)) > 1e-6);
    w.m = -1;
    w.n = 9;
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-6, 1), GGS_EINVAL);
    ck_assert(w.m == -1 && w.n == 9);
}
END_TEST

#line 920 "book/03-truncation.nw"
Suite *make_truncated_suite(void)
{
    Suite *s = suite_create("truncated");
    TCase *core = tcase_create("Core");
    TCase *deriv = tcase_create("Derivatives");
    TCase *win = tcase_create("Window");
    TCase *err = tcase_create("Errors");
    
#line 1264 "book/03-truncation.nw"
tcase_add_test(core, test_truncated_sums_to_one);
tcase_add_test(core, test_truncated_tails_are_cdf_tails);
tcase_add_test(core, test_small_tail_category);
tcase_add_test(core, test_zero_categories);
tcase_add_test(deriv, test_truncated_dlogpmf_fd);
tcase_add_test(win, test_window_auto_minimal);
tcase_add_test(win, test_window_auto_extremes);
tcase_add_test(err, test_truncated_errors);
#line 928 "book/03-truncation.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, deriv);
    suite_add_tcase(s, win);
    suite_add_tcase(s, err);
    return s;
}
