#line 398 "book/01-random.nw"
/* Generated from book/01-random.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include "check-gengs.h"

#line 430 "book/01-random.nw"
/* A generator whose every output is its seed (for the extreme draws). */
static void stuck_set(void *state, unsigned long seed)
{
    *(unsigned long *)state = seed;
}
static unsigned long stuck_get(void *state)
{
    return *(unsigned long *)state;
}
static double stuck_get_double(void *state)
{
    return (double)stuck_get(state) / 4294967296.0;
}
static const gsl_rng_type stuck_type = {
    "stuck", 0xffffffffUL, 0, sizeof(unsigned long),
    stuck_set, stuck_get, stuck_get_double
};

START_TEST(test_uniform_extremes_are_inside)
{
    gsl_rng *r = gsl_rng_alloc(&stuck_type);
    double u, g;
    gsl_rng_set(r, 0);
    u = ggs_uniform_pos(r);
    g = ggs_gumbel(r);
    ck_assert(u > 0 && u < 1);
    ck_assert_double_eq(u, ldexp(1.0, -53));
    ck_assert(isfinite(g));
    ck_assert_double_eq_tol(g, -log(53 * M_LN2), 1e-12);
    gsl_rng_set(r, 0xffffffffUL);
    u = ggs_uniform_pos(r);
    g = ggs_gumbel(r);
    ck_assert(u > 0 && u < 1);
    ck_assert_double_eq(u, 1 - ldexp(1.0, -53));
    ck_assert(isfinite(g));
    ck_assert_double_eq_tol(g, 53 * M_LN2, 1e-9);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_uniform_never_zero_or_one)
{
    gsl_rng *r = ggs_rng_new(12345);
    for (int i = 0; i < 1000000; i++) {
        double u = ggs_uniform_pos(r);
        ck_assert(u > 0 && u < 1);
    }
    ggs_rng_free(r);
}
END_TEST
#line 484 "book/01-random.nw"
START_TEST(test_uniform_fallback_generator)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_ranlux);
    gsl_rng_set(r, 3);
    ck_assert(gsl_rng_max(r) != 0xffffffffUL);
    for (int i = 0; i < 100000; i++) {
        double u = ggs_uniform_pos(r);
        ck_assert(u > 0 && u < 1);
    }
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_same_seed_same_stream)
{
    gsl_rng *a = ggs_rng_new(2020), *b = ggs_rng_new(2020), *c = ggs_rng_new(2021);
    int differ = 0;
    double g[10];
    for (int i = 0; i < 1000; i++) {
        double x = ggs_uniform_pos(a), y = ggs_uniform_pos(b), z = ggs_uniform_pos(c);
        ck_assert(x == y);
        differ += x != z;
    }
    ck_assert_int_gt(differ, 990);
    ggs_gumbel_fill(g, 10, a);
    for (int i = 0; i < 10; i++)
        ck_assert(g[i] == ggs_gumbel(b));
    ggs_rng_free(a);
    ggs_rng_free(b);
    ggs_rng_free(c);
    ggs_rng_free(NULL);
}
END_TEST
#line 528 "book/01-random.nw"
START_TEST(test_gumbel_mean_and_variance)
{
    const int N = 1000000;
    const double sigma2 = M_PI * M_PI / 6;
    const double se_mean = sqrt(sigma2 / N);
    const double se_var = sqrt((27.0 / 5 - 1) * sigma2 * sigma2 / N);
    gsl_rng *r = ggs_rng_new(7);
    double sum = 0, sum2 = 0, mean, var;
    for (int i = 0; i < N; i++) {
        double g = ggs_gumbel(r);
        sum += g;
        sum2 += g * g;
    }
    mean = sum / N;
    var = sum2 / N - mean * mean;
    ck_assert_msg(fabs(mean - M_EULER) < 5 * se_mean, "mean %g vs gamma %g", mean, M_EULER);
    ck_assert_msg(fabs(var - sigma2) < 5 * se_var, "variance %g vs %g", var, sigma2);
    ggs_rng_free(r);
}
END_TEST
#line 555 "book/01-random.nw"
static double gumbel_cdf(double x)
{
    return exp(-exp(-x));
}

START_TEST(test_gumbel_histogram)
{
    enum { NB = 42 };                   /* 42 bins of width 1/4 on [-2.5, 8] */
    const double a = -2.5, w = 0.25;
    const int N = 1000000;
    double obs[NB + 2] = {0}, ex[NB + 2];
    double stat, pvalue;
    size_t dof;
    gsl_rng *r = ggs_rng_new(99);
    for (int i = 0; i < N; i++) {
        double g = ggs_gumbel(r);
        long b = (long)floor((g - a) / w);
        obs[b < 0 ? 0 : b >= NB ? NB + 1 : b + 1] += 1;
    }
    ex[0] = N * gumbel_cdf(a);
    for (int b = 0; b < NB; b++)
        ex[b + 1] = N * (gumbel_cdf(a + (b + 1) * w) - gumbel_cdf(a + b * w));
    ex[NB + 1] = N * -expm1(-exp(-(a + NB * w)));
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &pvalue, obs, ex, NB + 2, 5), GGS_OK);
    ck_assert_msg(pvalue > 1e-4, "chi2 = %g, dof = %zu, p = %g", stat, dof, pvalue);
    ck_assert_int_ge(dof, 35);
    ggs_rng_free(r);
}
END_TEST
#line 600 "book/01-random.nw"
START_TEST(test_chisq_hand_computed)
{
    double stat, p;
    size_t dof;
    const double o1[] = {10, 20, 30, 40}, e1[] = {25, 25, 25, 25};
    const double o2[] = {0, 1, 1, 12, 5, 2, 0}, e2[] = {1, 2, 3, 10, 4, 0.5, 0.5};
    const double o3[] = {5, 5, 4}, e3[] = {6, 6, 2};
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o1, e1, 4, 5), GGS_OK);
    ck_assert_double_eq_tol(stat, 20, 1e-12);
    ck_assert_uint_eq(dof, 3);
    ck_assert_double_eq_tol(p, erfc(sqrt(10.0)) + sqrt(40 / M_PI) * exp(-10.0), 1e-15);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o2, e2, 7, 5), GGS_OK);
    ck_assert_double_eq_tol(stat, 16.0 / 6 + 0.4 + 0.8, 1e-12);
    ck_assert_uint_eq(dof, 2);
    ck_assert_double_eq_tol(p, exp(-stat / 2), 1e-14);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o3, e3, 3, 5), GGS_OK);
    ck_assert_double_eq_tol(stat, 7.0 / 24, 1e-14);
    ck_assert_uint_eq(dof, 1);
    ck_assert_double_eq_tol(p, erfc(sqrt(stat / 2)), 1e-14);
}
END_TEST

START_TEST(test_chisq_impossible_cell)
{
    double stat, p;
    size_t dof;
    const double o[] = {10, 0, 1, 10}, e[] = {10.5, 0, 0, 10.5};
    const double o0[] = {10, 0, 11}, e0[] = {10.5, 0, 10.5};
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o, e, 4, 5), GGS_OK);
    ck_assert(isinf(stat) && stat > 0);
    ck_assert(p == 0);
    ck_assert_uint_eq(dof, 1);
    /* an impossible cell that stayed empty is ignored */
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o0, e0, 3, 5), GGS_OK);
    ck_assert_double_eq_tol(stat, 0.25 / 10.5 * 2, 1e-14);
}
END_TEST
#line 642 "book/01-random.nw"
START_TEST(test_chisq_errors)
{
    double stat = -1, p = -1;
    size_t dof = 77;
    const double o[] = {3, 4, 5}, e[] = {4, 4, 4}, eneg[] = {4, -1, 4};
    const double onan[] = {3, NAN, 5};
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o, e, 3, 5), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "need at least 2"));
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o, eneg, 3, 1), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "expected[1] = -1"));
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, onan, e, 3, 1), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "observed[1]"));
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o, e, 3, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o, e, 3, NAN), GGS_EINVAL);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o, e, 0, 5), GGS_EINVAL);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, o, e, 3, 20), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "only 1 group"));
    ck_assert(stat == -1 && p == -1 && dof == 77);
}
END_TEST

#line 408 "book/01-random.nw"
Suite *make_rng_suite(void)
{
    Suite *s = suite_create("rng");
    TCase *core = tcase_create("Core");
    TCase *stat = tcase_create("Statistics");
    TCase *err = tcase_create("Errors");
    
#line 664 "book/01-random.nw"
tcase_add_test(core, test_uniform_extremes_are_inside);
tcase_add_test(core, test_uniform_never_zero_or_one);
tcase_add_test(core, test_uniform_fallback_generator);
tcase_add_test(core, test_same_seed_same_stream);
tcase_add_test(core, test_chisq_hand_computed);
tcase_add_test(core, test_chisq_impossible_cell);
tcase_add_test(stat, test_gumbel_mean_and_variance);
tcase_add_test(stat, test_gumbel_histogram);
tcase_add_test(err, test_chisq_errors);
#line 415 "book/01-random.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, stat);
    suite_add_tcase(s, err);
    return s;
}
