#line 1117 "book/05-gengs.nw"
/* Generated from book/05-gengs.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check-gengs.h"

#define RELAX_FD_STEP 1e-5   /* central-difference step */
#define RELAX_FD_TOL 1e-6    /* accepted relative difference */
/* accepted absolute difference: the central difference of a function of size
   |f| <= 10 with step 1e-5 has an absolute error near 1e-10, so a derivative
   near 0 cannot be matched to RELAX_FD_TOL relative */
#define RELAX_FD_ABS 1e-9
#define RELAX_TEST_ALPHA 1e-4

#line 1158 "book/05-gengs.nw"
/* An analytic derivative agrees with its central difference: relatively, or
   absolutely for a derivative near 0 */
static int fd_agrees(double analytic, double fd)
{
    return ggs_test_reldiff(analytic, fd) <= RELAX_FD_TOL
           || ggs_test_absdiff(analytic, fd) <= RELAX_FD_ABS;
}

enum { RN = 7 };   /* categories in the gradient tests */

typedef struct relax_ctx {
    double logpi[RN], g[RN], c[RN], w[RN];  /* inputs, outcomes, loss weights */
    double tau;
    size_t k;                               /* coordinate being perturbed */
} relax_ctx;

static void relax_fixture(relax_ctx *x, unsigned long seed, double tau)
{
    gsl_rng *r = ggs_rng_new(seed);
    double s = 0;
    for (size_t k = 0; k < RN; k++) {
        x->logpi[k] = 3 * ggs_uniform_pos(r);
        s += exp(x->logpi[k]);
    }
    for (size_t k = 0; k < RN; k++) {
        x->logpi[k] -= log(s);
        x->c[k] = (double)k - 2;
        x->w[k] = 2 * ggs_uniform_pos(r) - 1;
    }
    ggs_gumbel_fill(x->g, RN, r);
    x->tau = tau;
    ggs_rng_free(r);
}

/* L = <w, GS(logpi, tau)> as a function of logpi[k] */
static double gs_loss(double v, void *vctx)
{
    relax_ctx *x = vctx;
    double lp[RN], y[RN], L = 0;
    memcpy(lp, x->logpi, sizeof lp);
    lp[x->k] = v;
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, lp, x->g, x->tau, RN), GGS_OK);
    for (size_t j = 0; j < RN; j++)
        L += x->w[j] * y[j];
    return L;
}

/* z = GenGS(logpi, tau) as a function of logpi[k] */
static double gengs_z(double v, void *vctx)
{
    relax_ctx *x = vctx;
    double lp[RN], y[RN], z;
    memcpy(lp, x->logpi, sizeof lp);
    lp[x->k] = v;
    ck_assert_int_eq(ggs_gengs_forward(&z, y, lp, x->g, x->c, x->tau, RN), GGS_OK);
    return z;
}
#line 1349 "book/05-gengs.nw"
typedef struct explicit_ctx {
    ggs_dist d;
    long m;
    size_t n, j;          /* window; parameter being perturbed */
    double g[16], tau;
} explicit_ctx;

static double explicit_z(double v, void *vctx)
{
    explicit_ctx *x = vctx;
    ggs_dist d = x->d;
    double logpi[16], c[16], y[16], z;
    d.theta[x->j] = v;
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, x->m, x->n), GGS_OK);
    ggs_support_values(c, x->m, x->n);
    ck_assert_int_eq(ggs_gengs_forward(&z, y, logpi, x->g, c, x->tau, x->n), GGS_OK);
    return z;
}

static void check_explicit(explicit_ctx *x)
{
    double logpi[16], dlogpmf[16 * 4], c[16], y[16], z, dlogpi[16] = {0}, dtheta[4] = {0};
    size_t P = x->d.nparam;
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &x->d, x->m, x->n), GGS_OK);
    ck_assert_int_eq(ggs_truncated_dlogpmf(dlogpmf, &x->d, x->m, x->n), GGS_OK);
    ggs_support_values(c, x->m, x->n);
    ck_assert_int_eq(ggs_gengs_forward(&z, y, logpi, x->g, c, x->tau, x->n), GGS_OK);
    ggs_gengs_backward(dlogpi, 1.0, z, y, c, x->tau, x->n);
    ggs_explicit_backward(dtheta, dlogpi, dlogpmf, x->n, P);
    for (x->j = 0; x->j < P; x->j++) {
        double h = RELAX_FD_STEP * fmax(1e-2, x->d.theta[x->j]);
        double fd = ggs_test_central_diff(explicit_z, x, x->d.theta[x->j], h);
        ck_assert_msg(fd_agrees(dtheta[x->j], fd), "theta[%zu]: %.17g vs %.17g", x->j,
                      dtheta[x->j], fd);
    }
}
#line 1421 "book/05-gengs.nw"
typedef struct mult_ctx {
    double logp[3], g[4 * 3], w[3], tau;
    size_t k;
} mult_ctx;

static double mult_loss(double v, void *vctx)
{
    mult_ctx *x = vctx;
    double lp[3], y[4 * 3], z[3];
    memcpy(lp, x->logp, sizeof lp);
    lp[x->k] = v;
    ck_assert_int_eq(ggs_multinomial_relaxed_forward(z, y, lp, x->g, x->tau, 3, 4), GGS_OK);
    return x->w[0] * z[0] + x->w[1] * z[1] + x->w[2] * z[2];
}
#line 1222 "book/05-gengs.nw"
START_TEST(test_gs_forward_simplex)
{
    const double taus[5] = {10, 1, 0.37, 0.01, 1e-6};
    relax_ctx x;
    relax_fixture(&x, 1, 1);
    for (size_t t = 0; t < 5; t++) {
        double y[RN], s = 0;
        ck_assert_int_eq(ggs_gumbel_softmax_forward(y, x.logpi, x.g, taus[t], RN), GGS_OK);
        for (size_t k = 0; k < RN; k++) {
            ck_assert(y[k] >= 0 && y[k] <= 1);
            s += y[k];
        }
        ck_assert_double_eq_tol(s, 1.0, 1e-14);
    }
}
END_TEST

START_TEST(test_gs_forward_naive)
{
    relax_ctx x;
    double y[RN], e[RN], s = 0;
    relax_fixture(&x, 2, 0.7);
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, x.logpi, x.g, 0.7, RN), GGS_OK);
    for (size_t k = 0; k < RN; k++)
        s += e[k] = exp((x.logpi[k] + x.g[k]) / 0.7);
    for (size_t k = 0; k < RN; k++)
        ck_assert_double_eq_tol(y[k], e[k] / s, 1e-14);
}
END_TEST
#line 1263 "book/05-gengs.nw"
START_TEST(test_gengs_forward_and_hard)
{
    const double taus[3] = {2.5, 0.37, 0.05};
    for (unsigned long seed = 3; seed < 6; seed++)
        for (size_t t = 0; t < 3; t++) {
            relax_ctx x;
            double y[RN], z;
            long double e[RN], xmax = -HUGE_VALL, sum = 0, zref = 0;
            relax_fixture(&x, seed, taus[t]);
            ck_assert_int_eq(ggs_gengs_forward(&z, y, x.logpi, x.g, x.c, x.tau, RN), GGS_OK);
            for (size_t k = 0; k < RN; k++)
                if ((long double)x.logpi[k] + x.g[k] > xmax)
                    xmax = (long double)x.logpi[k] + x.g[k];
            for (size_t k = 0; k < RN; k++)
                sum += e[k] = expl(((long double)x.logpi[k] + x.g[k] - xmax) / x.tau);
            for (size_t k = 0; k < RN; k++) {
                /* y_k in [0, 1]: rounding of a few eps, compared absolutely */
                ck_assert_double_le(ggs_test_absdiff(y[k], (double)(e[k] / sum)), 1e-15);
                zref += x.c[k] * (e[k] / sum);
            }
            /* z may be near 0: absolute, ten times eps * max|c| = 9e-16 */
            ck_assert_msg(ggs_test_absdiff(z, (double)zref) <= 1e-14,
                          "seed %lu, tau %g: z = %.17g, reference %.17Lg", seed, x.tau, z, zref);
            ck_assert_double_eq(ggs_gengs_hard(y, x.c, RN), x.c[ggs_gumbel_max(x.logpi, x.g, RN)]);
        }
}
END_TEST
#line 1297 "book/05-gengs.nw"
START_TEST(test_gs_backward_fd)
{
    relax_ctx x;
    double y[RN], dlogpi[RN];
    relax_fixture(&x, 4, 0.7);
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, x.logpi, x.g, x.tau, RN), GGS_OK);
    for (size_t k = 0; k < RN; k++)
        dlogpi[k] = 0.25;
    ggs_gumbel_softmax_backward(dlogpi, x.w, y, x.tau, RN);
    for (x.k = 0; x.k < RN; x.k++) {
        double fd = ggs_test_central_diff(gs_loss, &x, x.logpi[x.k], RELAX_FD_STEP);
        ck_assert_msg(fd_agrees(dlogpi[x.k] - 0.25, fd), "k = %zu: %.17g vs %.17g", x.k,
                      dlogpi[x.k] - 0.25, fd);
    }
}
END_TEST
#line 1317 "book/05-gengs.nw"
START_TEST(test_gengs_backward_fd)
{
    const double taus[2] = {0.7, 0.37};
    for (size_t t = 0; t < 2; t++) {
        relax_ctx x;
        double y[RN], z, dlogpi[RN] = {0}, dgs[RN] = {0}, dy[RN];
        relax_fixture(&x, 5 + t, taus[t]);
        ck_assert_int_eq(ggs_gengs_forward(&z, y, x.logpi, x.g, x.c, x.tau, RN), GGS_OK);
        ggs_gengs_backward(dlogpi, 1.5, z, y, x.c, x.tau, RN);
        for (size_t k = 0; k < RN; k++)
            dy[k] = 1.5 * x.c[k];
        ggs_gumbel_softmax_backward(dgs, dy, y, x.tau, RN);
        for (x.k = 0; x.k < RN; x.k++) {
            double fd = ggs_test_central_diff(gengs_z, &x, x.logpi[x.k], RELAX_FD_STEP);
            ck_assert_msg(fd_agrees(dlogpi[x.k], 1.5 * fd), "k = %zu: %.17g vs %.17g", x.k,
                          dlogpi[x.k], 1.5 * fd);
            /* two exact formulas; y_k (c_k - z) cancels when c_k is near z, leaving
               an absolute rounding error of about eps * 4 * 1.5 / tau < 1e-14 */
            ck_assert(ggs_test_reldiff(dlogpi[x.k], dgs[x.k]) <= 1e-12
                      || ggs_test_absdiff(dlogpi[x.k], dgs[x.k]) <= 1e-14);
        }
    }
}
END_TEST
#line 1387 "book/05-gengs.nw"
START_TEST(test_explicit_backward_poisson_fd)
{
    explicit_ctx x;
    gsl_rng *r = ggs_rng_new(8);
    ck_assert_int_eq(ggs_dist_poisson(&x.d, 3.12), GGS_OK);
    x.m = 0;
    x.n = 6;
    x.tau = 0.7;
    for (int rep = 0; rep < 5; rep++) {
        ggs_gumbel_fill(x.g, x.n, r);
        check_explicit(&x);
    }
    ggs_rng_free(r);
}
END_TEST

START_TEST(test_explicit_backward_negbin_fd)
{
    explicit_ctx x;
    gsl_rng *r = ggs_rng_new(9);
    ck_assert_int_eq(ggs_dist_negbin(&x.d, 2.7, 0.43), GGS_OK);
    x.m = 1;
    x.n = 8;
    x.tau = 0.37;
    for (int rep = 0; rep < 5; rep++) {
        ggs_gumbel_fill(x.g, x.n, r);
        check_explicit(&x);
    }
    ggs_rng_free(r);
}
END_TEST
#line 1437 "book/05-gengs.nw"
START_TEST(test_multinomial_relaxed_fd)
{
    mult_ctx x = {{log(0.17), log(0.52), log(0.31)}, {0}, {0.3, -1.1, 0.8}, 0.7, 0};
    double y[4 * 3], z[3], dlogp[3] = {0};
    gsl_rng *r = ggs_rng_new(10);
    ggs_gumbel_fill(x.g, 4 * 3, r);
    ck_assert_int_eq(ggs_multinomial_relaxed_forward(z, y, x.logp, x.g, x.tau, 3, 4), GGS_OK);
    ck_assert_double_eq_tol(z[0] + z[1] + z[2], 4.0, 1e-14);
    ggs_multinomial_relaxed_backward(dlogp, x.w, y, x.tau, 3, 4);
    for (x.k = 0; x.k < 3; x.k++) {
        double fd = ggs_test_central_diff(mult_loss, &x, x.logp[x.k], RELAX_FD_STEP);
        ck_assert_msg(fd_agrees(dlogp[x.k], fd), "k = %zu: %.17g vs %.17g", x.k, dlogp[x.k], fd);
    }
    ggs_rng_free(r);
}
END_TEST
#line 1464 "book/05-gengs.nw"
START_TEST(test_thm4_small_tau_bound)
{
    enum { n = 20 };
    const double taus[3] = {0.1, 0.01, 0.001};
    ggs_dist d;
    double logpi[n], c[n], g[n], y[n], z;
    gsl_rng *r = ggs_rng_new(12);
    ck_assert_int_eq(ggs_dist_poisson(&d, 7), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, 0, n), GGS_OK);
    ggs_support_values(c, 0, n);
    for (int t = 0; t < 2000; t++) {
        size_t k;
        double second = -HUGE_VAL, gap;
        ggs_gumbel_fill(g, n, r);
        k = ggs_gumbel_max(logpi, g, n);
        for (size_t j = 0; j < n; j++)
            if (j != k)
                second = fmax(second, logpi[j] + g[j]);
        gap = logpi[k] + g[k] - second;
        for (size_t i = 0; i < 3; i++) {
            ck_assert_int_eq(ggs_gengs_forward(&z, y, logpi, g, c, taus[i], n), GGS_OK);
            ck_assert_double_le(fabs(z - c[k]), 19.0 * 19.0 * exp(-gap / taus[i]) + 1e-12);
        }
        ck_assert_int_eq(ggs_gengs_forward(&z, y, logpi, g, c, 1e-6, n), GGS_OK);
        if (gap > 1e-4)
            ck_assert_double_eq_tol(z, c[k], 1e-12);
    }
    ggs_rng_free(r);
}
END_TEST
#line 1501 "book/05-gengs.nw"
START_TEST(test_straight_through_chisq)
{
    enum { n = 9 };
    const ref_law law = {REF_POISSON, 7, 0, NULL, 0};
    ggs_dist d;
    double logpi[n], c[n], g[n], y[n], z, obs[n] = {0}, expct[n], stat, p;
    long double ref[n], outside;
    size_t dof;
    gsl_rng *r = ggs_rng_new(13);
    ck_assert_int_eq(ggs_dist_poisson(&d, 7), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, 0, n), GGS_OK);
    ggs_support_values(c, 0, n);
    for (int t = 0; t < 100000; t++) {
        double hard;
        ggs_gumbel_fill(g, n, r);
        ck_assert_int_eq(ggs_gengs_forward(&z, y, logpi, g, c, 0.5, n), GGS_OK);
        hard = ggs_gengs_hard(y, c, n);
        ck_assert_double_eq(hard, c[ggs_gumbel_max(logpi, g, n)]);
        obs[(size_t)hard] += 1;
    }
    ck_assert(ref_window(ref, &outside, &law, 0, n));
    for (size_t k = 0; k < n; k++)
        expct[k] = (double)(100000 * ref[k]);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &p, obs, expct, n, 5.0), GGS_OK);
    ck_assert_double_gt(p, RELAX_TEST_ALPHA);
    ggs_rng_free(r);
}
END_TEST
#line 1538 "book/05-gengs.nw"
START_TEST(test_anneal_schedules)
{
    ggs_anneal a;
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, 1.0, 0.5, 3e-5, 1000), GGS_OK);
    ck_assert_double_eq(ggs_anneal_tau(&a, 0), 1.0);
    ck_assert_double_eq(ggs_anneal_tau(&a, 999), 1.0);
    ck_assert_double_eq_tol(ggs_anneal_tau(&a, 1000), exp(-0.03), 1e-15);
    ck_assert_double_eq_tol(ggs_anneal_tau(&a, 1999), exp(-0.03), 1e-15);
    ck_assert_double_eq_tol(ggs_anneal_tau(&a, 2500), exp(-0.06), 1e-15);
    ck_assert_double_eq(ggs_anneal_tau(&a, 100000), 0.5);   /* exp(-3) < 0.5 */
    ck_assert_double_eq(ggs_anneal_tau(&a, -5), 1.0);
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_LINEAR, 2.0, 0.1, 1e-3, 10), GGS_OK);
    ck_assert_double_eq_tol(ggs_anneal_tau(&a, 15), 2.0 - 1e-2, 1e-15);
    ck_assert_double_eq_tol(ggs_anneal_tau(&a, 1000), 1.0, 1e-15);
    ck_assert_double_eq(ggs_anneal_tau(&a, 5000), 0.1);
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_INVERSE, 1.6, 0.2, 0.01, 1), GGS_OK);
    ck_assert_double_eq_tol(ggs_anneal_tau(&a, 300), 1.6 / 4.0, 1e-15);
    ck_assert_double_eq(ggs_anneal_tau(&a, 1000000), 0.2);
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_CONSTANT, 0.5, 0.5, 0, 1), GGS_OK);
    ck_assert_double_eq(ggs_anneal_tau(&a, 123456), 0.5);
}
END_TEST
#line 1568 "book/05-gengs.nw"
START_TEST(test_gs_tiny_tau)
{
    const double logpi[4] = {log(0.1), log(0.2), log(0.3), log(0.4)};
    const double g[4] = {0.3, -1.2, 2.5, 0.1};
    const double tie_lp[3] = {-1, -1, -3};
    const double tie_g[3] = {0.5, 0.5, 0};
    const double big_lp[3] = {1e308, -1e308, 5e307};
    const double zero_g[3] = {0, 0, 0};
    const double taus[3] = {1e-6, 1e-300, 1e-320};
    double y[4];
    for (size_t t = 0; t < 3; t++) {
        ck_assert_int_eq(ggs_gumbel_softmax_forward(y, logpi, g, taus[t], 4), GGS_OK);
        for (size_t k = 0; k < 4; k++)
            ck_assert_double_eq(y[k], k == 2 ? 1.0 : 0.0);
        ck_assert_int_eq(ggs_gumbel_softmax_forward(y, tie_lp, tie_g, taus[t], 3), GGS_OK);
        ck_assert_double_eq(y[0], 0.5);
        ck_assert_double_eq(y[1], 0.5);
        ck_assert_double_eq(y[2], 0.0);
    }
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, big_lp, zero_g, 1.0, 3), GGS_OK);
    ck_assert_double_eq(y[0], 1.0);
    ck_assert_double_eq(y[1], 0.0);
    ck_assert_double_eq(y[2], 0.0);
}
END_TEST
#line 1597 "book/05-gengs.nw"
START_TEST(test_gs_zero_probability)
{
    const double logpi[4] = {-HUGE_VAL, log(0.5), -HUGE_VAL, log(0.5)};
    const double g[4] = {30, -1, 25, 0.2};
    const double c[4] = {0, 1, 2, 3};
    const double taus[4] = {100, 1, 0.01, 1e-6};
    const double one_lp[1] = {-2}, one_g[1] = {0.3};
    double y[4], z, dlogpi[4] = {0};
    for (size_t t = 0; t < 4; t++) {
        ck_assert_int_eq(ggs_gengs_forward(&z, y, logpi, g, c, taus[t], 4), GGS_OK);
        ck_assert_double_eq(y[0], 0.0);
        ck_assert_double_eq(y[2], 0.0);
        ck_assert_double_eq_tol(y[1] + y[3], 1.0, 1e-15);
        ggs_gengs_backward(dlogpi, 1.0, z, y, c, taus[t], 4);
        ck_assert_double_eq(dlogpi[0], 0.0);
        ck_assert_double_eq(dlogpi[2], 0.0);
    }
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, one_lp, one_g, 0.5, 1), GGS_OK);
    ck_assert_double_eq(y[0], 1.0);
}
END_TEST
#line 1625 "book/05-gengs.nw"
START_TEST(test_gs_errors)
{
    const double lp[3] = {-1, -2, -3}, g[3] = {0.1, 0.2, 0.3}, c[3] = {0, 1, 2};
    const double nan_lp[3] = {-1, NAN, -3}, inf_lp[3] = {-1, HUGE_VAL, -3};
    const double none[3] = {-HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    const double nan_g[3] = {0, NAN, 0}, inf_g[3] = {0, 0, -HUGE_VAL};
    const double big_lp[3] = {1.5e308, -1, -1}, big_g[3] = {1.5e308, 0, 0};
    const double bad_tau[4] = {0, -1, NAN, HUGE_VAL};
    double y[3] = {7, 7, 7}, z = 7, gg[2 * 3] = {0}, yy[2 * 3];
    for (size_t t = 0; t < 4; t++) {
        ck_assert_int_eq(ggs_gumbel_softmax_forward(y, lp, g, bad_tau[t], 3), GGS_EDOM);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "tau"));
        ck_assert_int_eq(ggs_gengs_forward(&z, y, lp, g, c, bad_tau[t], 3), GGS_EDOM);
        ck_assert_int_eq(ggs_multinomial_relaxed_forward(y, yy, lp, gg, bad_tau[t], 3, 2),
                         GGS_EDOM);
    }
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, nan_lp, g, 1, 3), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "logpi[1]"));
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, inf_lp, g, 1, 3), GGS_EDOM);
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, none, g, 1, 3), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "-Inf"));
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, lp, nan_g, 1, 3), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "g[1]"));
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, lp, inf_g, 1, 3), GGS_EDOM);
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, big_lp, big_g, 1, 3), GGS_EDOM);
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, lp, g, 1, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_gengs_forward(&z, y, none, g, c, 1, 3), GGS_EDOM);
    ck_assert_int_eq(ggs_multinomial_relaxed_forward(y, yy, lp, gg, 1, 3, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_multinomial_relaxed_forward(y, yy, none, gg, 1, 3, 2), GGS_EDOM);
    for (size_t k = 0; k < 3; k++)
        ck_assert_double_eq(y[k], 7);
    ck_assert_double_eq(z, 7);
}
END_TEST
#line 1662 "book/05-gengs.nw"
START_TEST(test_multinomial_relaxed_errors)
{
    const double lp[2] = {log(0.4), log(0.6)};
    double g[3 * 2] = {0.1, 0.2, 0.3, NAN, 0.5, 0.6}, z[2] = {7, 7}, y[3 * 2];
    for (size_t k = 0; k < 6; k++)
        y[k] = 7;
    ck_assert_int_eq(ggs_multinomial_relaxed_forward(z, y, lp, g, 0.5, 2, 3), GGS_EDOM);
    for (size_t k = 0; k < 6; k++)
        ck_assert_double_eq(y[k], 7);
    ck_assert_double_eq(z[0], 7);
}
END_TEST

START_TEST(test_anneal_errors)
{
    ggs_anneal a = {GGS_ANNEAL_CONSTANT, 9, 9, 9, 9};
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, 0, 0.1, 1, 1), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "tau0"));
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, NAN, 0.1, 1, 1), GGS_EDOM);
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, 1, 0, 1, 1), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "tau_min"));
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, 1, 2, 1, 1), GGS_EDOM);
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, 1, 0.5, -1, 1), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "rate"));
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, 1, 0.5, NAN, 1), GGS_EDOM);
    ck_assert_int_eq(ggs_anneal_init(&a, GGS_ANNEAL_EXP, 1, 0.5, 1, 0), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "every"));
    ck_assert_int_eq(ggs_anneal_init(&a, (ggs_anneal_kind)17, 1, 0.5, 1, 1), GGS_EDOM);
    ck_assert_double_eq(a.tau0, 9);
    ck_assert_int_eq(a.every, 9);
}
END_TEST

#line 1134 "book/05-gengs.nw"
Suite *make_relax_suite(void)
{
    Suite *s = suite_create("relax");
    TCase *core = tcase_create("Core");
    TCase *limits = tcase_create("Limits");
    TCase *errors = tcase_create("Errors");
    
#line 1696 "book/05-gengs.nw"
tcase_add_test(core, test_gs_forward_simplex);
tcase_add_test(core, test_gs_forward_naive);
tcase_add_test(core, test_gengs_forward_and_hard);
tcase_add_test(core, test_gs_backward_fd);
tcase_add_test(core, test_gengs_backward_fd);
tcase_add_test(core, test_explicit_backward_poisson_fd);
tcase_add_test(core, test_explicit_backward_negbin_fd);
tcase_add_test(core, test_multinomial_relaxed_fd);
tcase_add_test(core, test_thm4_small_tau_bound);
tcase_add_test(core, test_straight_through_chisq);
tcase_add_test(core, test_anneal_schedules);
tcase_add_test(limits, test_gs_tiny_tau);
tcase_add_test(limits, test_gs_zero_probability);
tcase_add_test(errors, test_gs_errors);
tcase_add_test(errors, test_multinomial_relaxed_errors);
tcase_add_test(errors, test_anneal_errors);
#line 1141 "book/05-gengs.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    suite_add_tcase(s, errors);
    return s;
}
