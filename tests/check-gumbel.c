#line 654 "book/04-gumbelmax.nw"
/* Generated from book/04-gumbelmax.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include "check-gengs.h"

/* Each chi-square test fails with probability GUMBEL_TEST_ALPHA for a
   correct sampler and a random seed; the suite has three of them. */
#define GUMBEL_TEST_ALPHA 1e-4

#line 822 "book/04-gumbelmax.nw"
static double gumbel_max_pvalue(const double *logpi, const double *pi, size_t n,
                                size_t draws, unsigned long seed)
{
    gsl_rng *r = ggs_rng_new(seed);
    double *g = malloc(n * sizeof *g);
    double *obs = calloc(n, sizeof *obs);
    double *expct = malloc(n * sizeof *expct);
    double stat, p = -1;
    size_t dof;
    ck_assert(r != NULL && g != NULL && obs != NULL && expct != NULL);
    for (size_t t = 0; t < draws; t++) {
        size_t k;
        ggs_gumbel_fill(g, n, r);
        k = ggs_gumbel_max(logpi, g, n);
        ck_assert_uint_lt(k, n);
        obs[k] += 1;
    }
    for (size_t k = 0; k < n; k++)
        expct[k] = pi[k] * (double)draws;
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, obs, expct, n, 5.0), GGS_OK);
    free(g); free(obs); free(expct);
    ggs_rng_free(r);
    return p;
}
#line 853 "book/04-gumbelmax.nw"
START_TEST(test_gumbel_max_categorical_chisq)
{
    const double pi[6] = {0.05, 0.12, 0.31, 0.2, 0.07, 0.25};
    double logpi[6];
    for (size_t k = 0; k < 6; k++)
        logpi[k] = log(pi[k]) + 3.7;
    ck_assert_double_gt(gumbel_max_pvalue(logpi, pi, 6, 100000, 20200305), GUMBEL_TEST_ALPHA);
}
END_TEST
#line 870 "book/04-gumbelmax.nw"
START_TEST(test_thm3_poisson_tail_chisq)
{
    enum { n = 6 };
    const ref_law law = {REF_POISSON, 3.12, 0, NULL, 0};
    ggs_dist d;
    double logpi[n], c[n], e[n] = {0};
    long double ref[n], outside;
    gsl_rng *r = ggs_rng_new(7);
    double g[n], obs[n] = {0}, expct[n], stat, p;
    size_t dof;
    ck_assert_int_eq(ggs_dist_poisson(&d, 3.12), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, 0, n), GGS_OK);
    ggs_support_values(c, 0, n);
    for (int t = 0; t < 100000; t++) {
        size_t k;
        double z;
        ggs_gumbel_fill(g, n, r);
        k = ggs_gumbel_max(logpi, g, n);
        ck_assert_uint_lt(k, n);
        e[k] = 1;
        z = ggs_transform(e, c, n);
        e[k] = 0;
        ck_assert(z >= 0 && z < n && z == floor(z));
        obs[(size_t)z] += 1;
    }
    ck_assert(ref_window(ref, &outside, &law, 0, n));
    for (size_t k = 0; k < n; k++)
        expct[k] = (double)(ref[k] * 100000);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, obs, expct, n, 5.0), GGS_OK);
    ck_assert_double_gt(p, GUMBEL_TEST_ALPHA);
    ggs_rng_free(r);
}
END_TEST
#line 909 "book/04-gumbelmax.nw"
START_TEST(test_reference_window)
{
    const ref_law pois = {REF_POISSON, 100, 0, NULL, 0};
    const ref_law geom = {REF_GEOMETRIC, 0.05, 0, NULL, 0};
    const ref_law nb = {REF_NEGBIN, 0.3, 0.45, NULL, 0};
    long double pi[41], outside;
    ck_assert(ref_window(pi, &outside, &pois, 80, 41));
    ck_assert_double_le(fabs((double)pi[0] - gsl_cdf_poisson_P(80, 100)), 1e-14);
    ck_assert_double_le(fabs((double)pi[40] - gsl_cdf_poisson_Q(119, 100)), 1e-14);
    ck_assert_double_le(fabs((double)outside - gsl_cdf_poisson_P(79, 100)
                             - gsl_cdf_poisson_Q(120, 100)), 1e-14);
    ck_assert(ref_window(pi, &outside, &geom, 0, 3));
    ck_assert_double_le(fabs((double)pi[2] - pow(0.95, 2)), 1e-14);
    ck_assert(ref_window(pi, &outside, &nb, 2, 4));
    ck_assert_double_le(fabs((double)pi[0] - gsl_cdf_negative_binomial_P(2, 0.3, 0.45)), 1e-14);
    ck_assert_double_le(fabs((double)pi[3] - gsl_cdf_negative_binomial_Q(4, 0.3, 0.45)), 1e-14);
    ck_assert(!ref_window(pi, &outside, &pois, -1, 5));
    ck_assert(!ref_window(pi, &outside, &pois, 4100000000L, 5));
}
END_TEST
#line 935 "book/04-gumbelmax.nw"
START_TEST(test_multinomial_gumbel_max_joint_chisq)
{
    enum { K = 3, N = 3, cells = 10 };
    const double p[K] = {0.17, 0.52, 0.31};
    double logp[K], g[N * K], counts[K], obs[cells] = {0}, expct[cells], stat, pv;
    unsigned int cell_counts[cells][K];
    size_t dof, ncell = 0;
    gsl_rng *r = ggs_rng_new(11);
    for (size_t j = 0; j < K; j++)
        logp[j] = log(p[j]);
    for (unsigned a = 0; a <= N; a++)         /* enumerate count vectors */
        for (unsigned b = 0; a + b <= N; b++) {
            cell_counts[ncell][0] = a;
            cell_counts[ncell][1] = b;
            cell_counts[ncell][2] = N - a - b;
            expct[ncell] = 100000 * gsl_ran_multinomial_pdf(K, p, cell_counts[ncell]);
            ncell++;
        }
    ck_assert_uint_eq(ncell, cells);
    for (int t = 0; t < 100000; t++) {
        ggs_gumbel_fill(g, N * K, r);
        ggs_multinomial_gumbel_max(counts, logp, g, K, N);
        ck_assert_double_eq(counts[0] + counts[1] + counts[2], N);
        for (size_t i = 0; i < cells; i++)
            if (counts[0] == cell_counts[i][0] && counts[1] == cell_counts[i][1])
                obs[i] += 1;
    }
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &pv, obs, expct, cells, 5.0), GGS_OK);
    ck_assert_double_gt(pv, GUMBEL_TEST_ALPHA);
    ggs_rng_free(r);
}
END_TEST
#line 971 "book/04-gumbelmax.nw"
START_TEST(test_transform_values)
{
    double c[5], e[5] = {0}, y[5] = {0.1, 0.2, 0.3, 0.15, 0.25};
    ggs_support_values(c, -3, 5);
    for (size_t k = 0; k < 5; k++)
        ck_assert_double_eq(c[k], -3.0 + (double)k);
    for (size_t k = 0; k < 5; k++) {
        e[k] = 1;
        ck_assert_double_eq(ggs_transform(e, c, 5), c[k]);
        e[k] = 0;
    }
    ck_assert_double_eq_tol(ggs_transform(y, c, 5),
                            -3 * 0.1 - 2 * 0.2 - 1 * 0.3 + 0 * 0.15 + 1 * 0.25, 1e-15);
}
END_TEST
#line 989 "book/04-gumbelmax.nw"
START_TEST(test_argmax_edge_cases)
{
    const double ties[4] = {1, 3, 3, 2};
    const double nan_first[3] = {NAN, -5, -7};
    const double nan_mid[3] = {-1, NAN, -2};
    const double all_nan[2] = {NAN, NAN};
    const double infs[3] = {-HUGE_VAL, HUGE_VAL, 1e308};
    const double single[1] = {-HUGE_VAL};
    ck_assert_uint_eq(ggs_argmax(ties, 4), 1);
    ck_assert_uint_eq(ggs_argmax(nan_first, 3), 1);
    ck_assert_uint_eq(ggs_argmax(nan_mid, 3), 0);
    ck_assert_uint_eq(ggs_argmax(all_nan, 2), 0);
    ck_assert_uint_eq(ggs_argmax(infs, 3), 1);
    ck_assert_uint_eq(ggs_argmax(single, 1), 0);
}
END_TEST
#line 1009 "book/04-gumbelmax.nw"
START_TEST(test_gumbel_max_edge_cases)
{
    const double logpi[3] = {-HUGE_VAL, log(0.3), log(0.7)};
    const double huge_g[3] = {1e300, -2, -3};
    const double nan_lp[3] = {NAN, -1, -2};
    const double zero_g[3] = {0, 0, 0};
    const double none[2] = {-HUGE_VAL, -HUGE_VAL};
    const double one[1] = {-0.5};
    ck_assert_uint_eq(ggs_gumbel_max(logpi, huge_g, 3), 1);
    ck_assert_uint_eq(ggs_gumbel_max(nan_lp, zero_g, 3), 1);
    ck_assert_uint_eq(ggs_gumbel_max(none, zero_g, 2), 2);
    ck_assert_uint_eq(ggs_gumbel_max(one, zero_g, 1), 0);
    ck_assert_uint_eq(ggs_gumbel_max(logpi, zero_g, 3), 2);
}
END_TEST
#line 1027 "book/04-gumbelmax.nw"
START_TEST(test_multinomial_zero_probability)
{
    const double logp[3] = {log(0.4), -HUGE_VAL, log(0.6)};
    double g[5 * 3], counts[3];
    gsl_rng *r = ggs_rng_new(5);
    for (int t = 0; t < 2000; t++) {
        ggs_gumbel_fill(g, 5 * 3, r);
        ggs_multinomial_gumbel_max(counts, logp, g, 3, 5);
        ck_assert_double_eq(counts[1], 0);
        ck_assert_double_eq(counts[0] + counts[2], 5);
    }
    ggs_rng_free(r);
}
END_TEST

#line 668 "book/04-gumbelmax.nw"
Suite *make_gumbel_suite(void)
{
    Suite *s = suite_create("gumbel");
    TCase *core = tcase_create("Core");
    TCase *limits = tcase_create("Limits");
    
#line 1043 "book/04-gumbelmax.nw"
tcase_add_test(core, test_gumbel_max_categorical_chisq);
tcase_add_test(core, test_thm3_poisson_tail_chisq);
tcase_add_test(core, test_reference_window);
tcase_add_test(core, test_multinomial_gumbel_max_joint_chisq);
tcase_add_test(core, test_transform_values);
tcase_add_test(limits, test_argmax_edge_cases);
tcase_add_test(limits, test_gumbel_max_edge_cases);
tcase_add_test(limits, test_multinomial_zero_probability);
#line 674 "book/04-gumbelmax.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}
