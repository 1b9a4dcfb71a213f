#line 574 "book/06-kl.nw"
/* Generated from book/06-kl.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include "check-gengs.h"

#define KL_FD_STEP 1e-5
#define KL_FD_TOL 1e-6
#define KL_REF_TOL 1e-12   /* relative: library against the long-double GSL reference */

#line 619 "book/06-kl.nw"
/* KL of TD(Poisson(lq), n) || TD(Poisson(lp), n) from GSL, tail term included */
static double gsl_kl_poisson_trunc(double lq, double lp, unsigned n)
{
    double s = 0, Q = gsl_cdf_poisson_Q(n - 2, lq), P = gsl_cdf_poisson_Q(n - 2, lp);
    for (unsigned k = 0; k + 1 < n; k++) {
        double q = gsl_ran_poisson_pdf(k, lq);
        s += q * log(q / gsl_ran_poisson_pdf(k, lp));
    }
    return s + Q * log(Q / P);
}
#line 695 "book/06-kl.nw"
/* KL(TD(q) || TD(p)) on {m, ..., m+n-1} from the GSL reference, in long double */
static long double ref_kl_window(const ref_law *q, const ref_law *p, long m, size_t n)
{
    long double pq[256], pp[256], outq, outp, s = 0;
    ck_assert_uint_le(n, 256);
    ck_assert(ref_window(pq, &outq, q, m, n));
    ck_assert(ref_window(pp, &outp, p, m, n));
    for (size_t k = 0; k < n; k++)
        if (pq[k] > 0)
            s += pq[k] * logl(pq[k] / pp[k]);
    return s;
}
#line 889 "book/06-kl.nw"
typedef struct kl_ctx {
    double a[6], b[6];   /* logits of q and p */
    int which;           /* 0: perturb a, 1: perturb b */
    size_t k;
} kl_ctx;

/* KL(log_softmax(a) || log_softmax(b)) */
static double kl_of_logits(double v, void *vctx)
{
    kl_ctx *x = vctx;
    double a[6], b[6], logq[6], logp[6], kl;
    memcpy(a, x->a, sizeof a);
    memcpy(b, x->b, sizeof b);
    (x->which ? b : a)[x->k] = v;
    ck_assert_int_eq(ggs_log_softmax_forward(logq, a, 6), GGS_OK);
    ck_assert_int_eq(ggs_log_softmax_forward(logp, b, 6), GGS_OK);
    ck_assert_int_eq(ggs_kl_forward(&kl, logq, logp, 6), GGS_OK);
    return kl;
}

/* sum_k w_k log q_k with log q = log_softmax(a) */
static double weighted_log_softmax(double v, void *vctx)
{
    kl_ctx *x = vctx;
    double a[6], logq[6], s = 0;
    memcpy(a, x->a, sizeof a);
    a[x->k] = v;
    ck_assert_int_eq(ggs_log_softmax_forward(logq, a, 6), GGS_OK);
    for (size_t j = 0; j < 6; j++)
        s += x->b[j] * logq[j];
    return s;
}

/* KL(logq || logp) with free (unnormalized) inputs: logq = a, logp = b */
static double kl_free(double v, void *vctx)
{
    kl_ctx *x = vctx;
    double a[6], b[6], kl;
    memcpy(a, x->a, sizeof a);
    memcpy(b, x->b, sizeof b);
    (x->which ? b : a)[x->k] = v;
    ck_assert_int_eq(ggs_kl_forward(&kl, a, b, 6), GGS_OK);
    return kl;
}
#line 999 "book/06-kl.nw"
typedef struct kl_rate_ctx {
    double lq, lp;
    int which;   /* 0: perturb lq, 1: perturb lp */
} kl_rate_ctx;

static double kl_of_rates(double v, void *vctx)
{
    kl_rate_ctx *x = vctx;
    ggs_dist q, p;
    double kl;
    ck_assert_int_eq(ggs_dist_poisson(&q, x->which ? x->lq : v), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&p, x->which ? v : x->lp), GGS_OK);
    ck_assert_int_eq(ggs_kl_truncated(&kl, &q, &p, 0, 6), GGS_OK);
    return kl;
}
#line 631 "book/06-kl.nw"
START_TEST(test_kl_truncated_poisson_convergence)
{
    const size_t ns[4] = {3, 5, 10, 20};
    const double reference[4] = {0.11877, 0.17925, 0.18906, 0.18907};
    const double closed = 2 * log(2.0 / 3.0) - 2 + 3;
    double prev = 0, kl, cf;
    ggs_dist q, p;
    ck_assert_int_eq(ggs_dist_poisson(&q, 2), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&p, 3), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&cf, &q, &p), GGS_OK);
    ck_assert_double_eq_tol(cf, closed, 1e-15);
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(ggs_kl_truncated(&kl, &q, &p, 0, ns[i]), GGS_OK);
        ck_assert_double_eq_tol(kl, gsl_kl_poisson_trunc(2, 3, (unsigned)ns[i]), 1e-13);
        ck_assert_double_eq_tol(kl, reference[i], 5e-6);
        ck_assert_double_gt(kl, prev);
        ck_assert_double_le(kl, closed);
        prev = kl;
    }
    ck_assert_double_lt(closed - kl, 1e-5);
}
END_TEST
#line 658 "book/06-kl.nw"
START_TEST(test_kl_truncated_monotone)
{
    ggs_dist q[3], p[3];
    const size_t nmax[3] = {200, 200, 31};
    double cf, kl, prev;
    ck_assert_int_eq(ggs_dist_geometric(&q[0], 0.31), GGS_OK);
    ck_assert_int_eq(ggs_dist_geometric(&p[0], 0.45), GGS_OK);
    ck_assert_int_eq(ggs_dist_negbin(&q[1], 2.7, 0.43), GGS_OK);
    ck_assert_int_eq(ggs_dist_negbin(&p[1], 2.7, 0.61), GGS_OK);
    ck_assert_int_eq(ggs_dist_binomial(&q[2], 30, 0.27), GGS_OK);
    ck_assert_int_eq(ggs_dist_binomial(&p[2], 30, 0.38), GGS_OK);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(ggs_kl_closed_form(&cf, &q[i], &p[i]), GGS_OK);
        prev = 0;
        for (size_t n = 2; n <= nmax[i]; n++) {
            ck_assert_int_eq(ggs_kl_truncated(&kl, &q[i], &p[i], 0, n), GGS_OK);
            ck_assert_double_ge(kl, prev - 1e-15);
            ck_assert_double_le(kl, cf + 1e-13);
            prev = kl;
        }
        ck_assert_double_eq_tol(kl, cf, 1e-12);
    }
}
END_TEST
#line 709 "book/06-kl.nw"
START_TEST(test_kl_tail_term_matters)
{
    static const struct {
        const char *q, *p;      /* the pair, for the library */
        ref_law rq, rp;         /* the same pair, for the reference */
        long m;
        size_t n;
    } cases[] = {
        {"poisson:2", "poisson:3", {REF_POISSON, 2, 0, NULL, 0},
         {REF_POISSON, 3, 0, NULL, 0}, 0, 3},
        {"poisson:2", "poisson:3", {REF_POISSON, 2, 0, NULL, 0},
         {REF_POISSON, 3, 0, NULL, 0}, 0, 5},
        {"poisson:2", "poisson:3", {REF_POISSON, 2, 0, NULL, 0},
         {REF_POISSON, 3, 0, NULL, 0}, 0, 20},
        {"poisson:100", "poisson:112", {REF_POISSON, 100, 0, NULL, 0},
         {REF_POISSON, 112, 0, NULL, 0}, 85, 20},
        {"geometric:0.31", "geometric:0.45", {REF_GEOMETRIC, 0.31, 0, NULL, 0},
         {REF_GEOMETRIC, 0.45, 0, NULL, 0}, 0, 4},
        {"geometric:0.31", "geometric:0.45", {REF_GEOMETRIC, 0.31, 0, NULL, 0},
         {REF_GEOMETRIC, 0.45, 0, NULL, 0}, 3, 5},
        {"negbin:2.7,0.43", "negbin:2.7,0.61", {REF_NEGBIN, 0.43, 2.7, NULL, 0},
         {REF_NEGBIN, 0.61, 2.7, NULL, 0}, 1, 6},
        {"binomial:30,0.27", "binomial:30,0.38", {REF_BINOMIAL, 0.27, 30, NULL, 0},
         {REF_BINOMIAL, 0.38, 30, NULL, 0}, 5, 7},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ggs_dist q, p;
        double kl;
        long double ref;
        ck_assert_int_eq(ggs_dist_parse(&q, cases[i].q), GGS_OK);
        ck_assert_int_eq(ggs_dist_parse(&p, cases[i].p), GGS_OK);
        ck_assert_int_eq(ggs_kl_truncated(&kl, &q, &p, cases[i].m, cases[i].n), GGS_OK);
        ref = ref_kl_window(&cases[i].rq, &cases[i].rp, cases[i].m, cases[i].n);
        ck_assert_msg(ggs_test_reldiff(kl, (double)ref) <= KL_REF_TOL,
                      "%s || %s on {%ld, ..., %ld}: library %.17g, reference %.17Lg",
                      cases[i].q, cases[i].p, cases[i].m, cases[i].m + (long)cases[i].n - 1,
                      kl, ref);
    }
}
END_TEST

START_TEST(test_kl_shortcuts_differ)
{
    const ref_law rq = {REF_POISSON, 2, 0, NULL, 0}, rp = {REF_POISSON, 3, 0, NULL, 0};
    const size_t ns[2] = {3, 20};
    ggs_dist q, p;
    ck_assert_int_eq(ggs_dist_poisson(&q, 2), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&p, 3), GGS_OK);
    for (size_t i = 0; i < 2; i++) {
        size_t n = ns[i];
        long double dropped = 0, renorm = 0, sq = 0, sp = 0;
        double full;
        ck_assert_int_eq(ggs_kl_truncated(&full, &q, &p, 0, n), GGS_OK);
        for (size_t k = 0; k < n; k++) {
            long double a = ref_pmf(&rq, (long)k), b = ref_pmf(&rp, (long)k);
            if (k + 1 < n)
                dropped += a * logl(a / b);
            sq += a;
            sp += b;
        }
        for (size_t k = 0; k < n; k++) {
            long double a = ref_pmf(&rq, (long)k) / sq, b = ref_pmf(&rp, (long)k) / sp;
            renorm += a * logl(a / b);
        }
        if (n == 3) {
            /* the table of the first section, to its five printed digits */
            ck_assert_double_le(fabs((double)dropped - 0.29626), 5e-6);
            ck_assert_double_le(fabs((double)renorm - 0.04407), 5e-6);
            ck_assert_double_gt(fabs((double)dropped - full), 0.1);
            ck_assert_double_gt(fabs((double)renorm - full), 0.05);
        } else {
            /* at n = 20 the Poisson tails beyond 19 are below 1e-9: the three agree */
            ck_assert_double_le(fabs((double)dropped - full), 1e-5);
            ck_assert_double_le(fabs((double)renorm - full), 1e-5);
        }
    }
}
END_TEST
#line 793 "book/06-kl.nw"
START_TEST(test_kl_closed_forms)
{
    ggs_dist q, p;
    double kl, s;
    const double cq[4] = {0.1, 0.35, 0.2, 0.35}, cp[4] = {0.25, 0.25, 0.3, 0.2};
    /* Poisson */
    ck_assert_int_eq(ggs_dist_poisson(&q, 3.12), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&p, 5.7), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    s = 0;
    for (unsigned k = 0; k < 200; k++) {
        double a = gsl_ran_poisson_pdf(k, 3.12);
        if (a > 0)
            s += a * log(a / gsl_ran_poisson_pdf(k, 5.7));
    }
    ck_assert_double_eq_tol(kl, s, 1e-12);
    /* Poisson near equality: the series branch */
    ck_assert_int_eq(ggs_dist_poisson(&q, 7.0 + 7e-5), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&p, 7.0), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    s = 7e-5 * 7e-5 / 14 - 7e-5 * 7e-5 * 7e-5 / (6 * 49);
    ck_assert_double_le(fabs(kl - s) / s, 1e-10);
    /* geometric */
    ck_assert_int_eq(ggs_dist_geometric(&q, 0.31), GGS_OK);
    ck_assert_int_eq(ggs_dist_geometric(&p, 0.45), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    s = 0;
    for (unsigned k = 1; k < 400; k++) {
        double a = gsl_ran_geometric_pdf(k, 0.31);
        s += a * log(a / gsl_ran_geometric_pdf(k, 0.45));
    }
    ck_assert_double_eq_tol(kl, s, 1e-12);
    /* negative binomial, equal r */
    ck_assert_int_eq(ggs_dist_negbin(&q, 2.7, 0.43), GGS_OK);
    ck_assert_int_eq(ggs_dist_negbin(&p, 2.7, 0.61), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    s = 0;
    for (unsigned k = 0; k < 400; k++) {
        double a = gsl_ran_negative_binomial_pdf(k, 0.43, 2.7);
        s += a * log(a / gsl_ran_negative_binomial_pdf(k, 0.61, 2.7));
    }
    ck_assert_double_eq_tol(kl, s, 1e-12);
    /* binomial, equal N */
    ck_assert_int_eq(ggs_dist_binomial(&q, 30, 0.27), GGS_OK);
    ck_assert_int_eq(ggs_dist_binomial(&p, 30, 0.38), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    s = 0;
    for (unsigned k = 0; k <= 30; k++) {
        double a = gsl_ran_binomial_pdf(k, 0.27, 30);
        s += a * log(a / gsl_ran_binomial_pdf(k, 0.38, 30));
    }
    ck_assert_double_eq_tol(kl, s, 1e-12);
    /* categorical and multinomial */
    ck_assert_int_eq(ggs_dist_categorical(&q, cq, 4), GGS_OK);
    ck_assert_int_eq(ggs_dist_categorical(&p, cp, 4), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    s = 0;
    for (size_t k = 0; k < 4; k++)
        s += cq[k] * log(cq[k] / cp[k]);
    ck_assert_double_eq_tol(kl, s, 1e-15);
    ck_assert_int_eq(ggs_dist_multinomial(&q, 5, cq, 4), GGS_OK);
    ck_assert_int_eq(ggs_dist_multinomial(&p, 5, cp, 4), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    ck_assert_double_eq_tol(kl, 5 * s, 1e-14);
}
END_TEST
#line 862 "book/06-kl.nw"
START_TEST(test_kl_forward_and_log_softmax)
{
    const double a[5] = {0.3, -1.7, 2.2, 0.9, -0.4}, b[5] = {1.1, 0.2, -0.5, 0.7, 0.1};
    double logq[5], logp[5], kl, s = 0, zq = 0, zp = 0, tot = 0;
    ck_assert_int_eq(ggs_log_softmax_forward(logq, a, 5), GGS_OK);
    ck_assert_int_eq(ggs_log_softmax_forward(logp, b, 5), GGS_OK);
    for (size_t k = 0; k < 5; k++) {
        zq += exp(a[k]);
        zp += exp(b[k]);
    }
    for (size_t k = 0; k < 5; k++) {
        double q = exp(a[k]) / zq, p = exp(b[k]) / zp;
        ck_assert_double_eq_tol(logq[k], log(q), 1e-15);
        s += q * log(q / p);
        tot += exp(logq[k]);
    }
    ck_assert_double_eq_tol(tot, 1.0, 1e-15);
    ck_assert_int_eq(ggs_kl_forward(&kl, logq, logp, 5), GGS_OK);
    ck_assert_double_eq_tol(kl, s, 1e-15);
}
END_TEST
#line 937 "book/06-kl.nw"
START_TEST(test_kl_backward_fd)
{
    kl_ctx x = {{-1.3, -2.1, -0.7, -3.0, -1.9, -2.4}, {-1.0, -1.5, -2.2, -2.9, -0.8, -2.0}, 0, 0};
    double dlogq[6], dlogp[6];
    for (size_t k = 0; k < 6; k++)
        dlogq[k] = dlogp[k] = 0.5;
    ggs_kl_backward(dlogq, dlogp, 2.0, x.a, x.b, 6);
    for (x.which = 0; x.which < 2; x.which++)
        for (x.k = 0; x.k < 6; x.k++) {
            double fd = ggs_test_central_diff(kl_free, &x, (x.which ? x.b : x.a)[x.k],
                                              KL_FD_STEP);
            double an = (x.which ? dlogp : dlogq)[x.k] - 0.5;
            ck_assert_double_le(ggs_test_reldiff(an, 2.0 * fd), KL_FD_TOL);
        }
    /* either output may be NULL */
    ggs_kl_backward(NULL, dlogp, 1.0, x.a, x.b, 6);
    ggs_kl_backward(dlogq, NULL, 1.0, x.a, x.b, 6);
}
END_TEST

START_TEST(test_log_softmax_backward_fd)
{
    kl_ctx x = {{0.3, -1.7, 2.2, 0.9, -0.4, 1.3}, {0.7, -0.2, 1.5, -1.1, 0.4, 2.0}, 0, 0};
    double logq[6], da[6];
    ck_assert_int_eq(ggs_log_softmax_forward(logq, x.a, 6), GGS_OK);
    for (size_t k = 0; k < 6; k++)
        da[k] = -0.25;
    ggs_log_softmax_backward(da, x.b, logq, 6);
    for (x.k = 0; x.k < 6; x.k++) {
        double fd = ggs_test_central_diff(weighted_log_softmax, &x, x.a[x.k], KL_FD_STEP);
        ck_assert_double_le(ggs_test_reldiff(da[x.k] + 0.25, fd), KL_FD_TOL);
    }
}
END_TEST

START_TEST(test_kl_implicit_chain_fd)
{
    kl_ctx x = {{0.3, -1.7, 2.2, 0.9, -0.4, 1.3}, {0.7, -0.2, 1.5, -1.1, 0.4, 2.0}, 0, 0};
    double logq[6], logp[6], dlogq[6] = {0}, dlogp[6] = {0}, da[6] = {0}, db[6] = {0}, kl;
    ck_assert_int_eq(ggs_log_softmax_forward(logq, x.a, 6), GGS_OK);
    ck_assert_int_eq(ggs_log_softmax_forward(logp, x.b, 6), GGS_OK);
    ck_assert_int_eq(ggs_kl_forward(&kl, logq, logp, 6), GGS_OK);
    ggs_kl_backward(dlogq, dlogp, 1.0, logq, logp, 6);
    ggs_log_softmax_backward(da, dlogq, logq, 6);
    ggs_log_softmax_backward(db, dlogp, logp, 6);
    for (x.which = 0; x.which < 2; x.which++)
        for (x.k = 0; x.k < 6; x.k++) {
            double fd = ggs_test_central_diff(kl_of_logits, &x, (x.which ? x.b : x.a)[x.k],
                                              KL_FD_STEP);
            ck_assert_double_le(ggs_test_reldiff((x.which ? db : da)[x.k], fd), KL_FD_TOL);
        }
    /* the composite gradient is q_j (log q_j - log p_j - KL): no constant */
    for (size_t j = 0; j < 6; j++)
        ck_assert_double_eq_tol(da[j], exp(logq[j]) * (logq[j] - logp[j] - kl), 1e-14);
}
END_TEST
#line 1016 "book/06-kl.nw"
START_TEST(test_kl_explicit_fd)
{
    kl_rate_ctx x = {3.12, 4.7, 0};
    ggs_dist q, p;
    double logq[6], logp[6], dq[6], dp[6], dlogq[6] = {0}, dlogp[6] = {0};
    double dlq = 0, dlp = 0, fd;
    ck_assert_int_eq(ggs_dist_poisson(&q, x.lq), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&p, x.lp), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(logq, &q, 0, 6), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(logp, &p, 0, 6), GGS_OK);
    ck_assert_int_eq(ggs_truncated_dlogpmf(dq, &q, 0, 6), GGS_OK);
    ck_assert_int_eq(ggs_truncated_dlogpmf(dp, &p, 0, 6), GGS_OK);
    ggs_kl_backward(dlogq, dlogp, 1.0, logq, logp, 6);
    ggs_explicit_backward(&dlq, dlogq, dq, 6, 1);
    ggs_explicit_backward(&dlp, dlogp, dp, 6, 1);
    fd = ggs_test_central_diff(kl_of_rates, &x, x.lq, KL_FD_STEP * x.lq);
    ck_assert_double_le(ggs_test_reldiff(dlq, fd), KL_FD_TOL);
    x.which = 1;
    fd = ggs_test_central_diff(kl_of_rates, &x, x.lp, KL_FD_STEP * x.lp);
    ck_assert_double_le(ggs_test_reldiff(dlp, fd), KL_FD_TOL);
}
END_TEST
#line 1048 "book/06-kl.nw"
START_TEST(test_kl_limits)
{
    const double lq[3] = {log(0.3), -HUGE_VAL, log(0.7)};
    const double lp[3] = {log(0.5), -HUGE_VAL, log(0.5)};
    const double lp0[3] = {-HUGE_VAL, 0, -HUGE_VAL};
    const double a[3] = {-HUGE_VAL, 1e308, 1e308 - 1e292};
    double kl, logq[3], dq[3] = {0}, dp[3] = {0};
    ggs_dist q, p;
    ck_assert_int_eq(ggs_kl_forward(&kl, lq, lq, 3), GGS_OK);
    ck_assert_double_eq(kl, 0);
    ck_assert_int_eq(ggs_kl_forward(&kl, lq, lp, 3), GGS_OK);
    ck_assert_double_eq_tol(kl, 0.3 * log(0.6) + 0.7 * log(1.4), 1e-15);
    ggs_kl_backward(dq, dp, 1.0, lq, lp, 3);
    ck_assert_double_eq(dq[1], 0);
    ck_assert_double_eq(dp[1], 0);
    ck_assert_int_eq(ggs_kl_forward(&kl, lq, lp0, 3), GGS_OK);
    ck_assert(isinf(kl) && kl > 0);
    ck_assert_int_eq(ggs_log_softmax_forward(logq, a, 3), GGS_OK);
    ck_assert(logq[0] == -HUGE_VAL);
    ck_assert(isfinite(logq[1]) && isfinite(logq[2]));
    ck_assert_double_eq_tol(exp(logq[1]) + exp(logq[2]), 1.0, 1e-15);
    /* boundary parameters of the closed forms */
    ck_assert_int_eq(ggs_dist_binomial(&q, 10, 0.0), GGS_OK);
    ck_assert_int_eq(ggs_dist_binomial(&p, 10, 0.25), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    ck_assert_double_eq_tol(kl, -10 * log(0.75), 1e-14);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &p, &q), GGS_OK);
    ck_assert(isinf(kl) && kl > 0);
    ck_assert_int_eq(ggs_dist_geometric(&q, 1.0), GGS_OK);
    ck_assert_int_eq(ggs_dist_geometric(&p, 0.4), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_OK);
    ck_assert_double_eq_tol(kl, -log(0.4), 1e-15);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &p, &q), GGS_OK);
    ck_assert(isinf(kl) && kl > 0);
}
END_TEST
#line 1086 "book/06-kl.nw"
START_TEST(test_kl_errors)
{
    const double ok[2] = {log(0.4), log(0.6)}, nan2[2] = {NAN, 0}, inf2[2] = {HUGE_VAL, 0};
    const double none[2] = {-HUGE_VAL, -HUGE_VAL};
    const double p3[3] = {0.2, 0.3, 0.5}, two[2] = {0.4, 0.6};
    double kl = 7, out[2] = {7, 7};
    ggs_dist q, p;
    ck_assert_int_eq(ggs_kl_forward(&kl, nan2, ok, 2), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "logq[0]"));
    ck_assert_int_eq(ggs_kl_forward(&kl, ok, nan2, 2), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "logp[0]"));
    ck_assert_int_eq(ggs_kl_forward(&kl, inf2, ok, 2), GGS_EDOM);
    ck_assert_double_eq(kl, 7);
    ck_assert_int_eq(ggs_log_softmax_forward(out, nan2, 2), GGS_EDOM);
    ck_assert_int_eq(ggs_log_softmax_forward(out, inf2, 2), GGS_EDOM);
    ck_assert_int_eq(ggs_log_softmax_forward(out, none, 2), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "-Inf"));
    ck_assert_int_eq(ggs_log_softmax_forward(out, ok, 0), GGS_EDOM);
    ck_assert_double_eq(out[0], 7);
    ck_assert_double_eq(out[1], 7);
    ck_assert_int_eq(ggs_dist_poisson(&q, 2), GGS_OK);
    ck_assert_int_eq(ggs_dist_geometric(&p, 0.3), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "poisson"));
    ck_assert_int_eq(ggs_dist_binomial(&q, 10, 0.3), GGS_OK);
    ck_assert_int_eq(ggs_dist_binomial(&p, 11, 0.3), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_EINVAL);
    ck_assert_int_eq(ggs_dist_negbin(&q, 2, 0.3), GGS_OK);
    ck_assert_int_eq(ggs_dist_negbin(&p, 3, 0.3), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_EINVAL);
    ck_assert_int_eq(ggs_dist_categorical(&q, p3, 3), GGS_OK);
    ck_assert_int_eq(ggs_dist_categorical(&p, two, 2), GGS_OK);
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &q, &p), GGS_EINVAL);
    ck_assert_int_eq(ggs_dist_poisson(&q, 2), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&p, 3), GGS_OK);
    ck_assert_int_eq(ggs_kl_truncated(&kl, &q, &p, 0, 1), GGS_EINVAL);
    ck_assert_double_eq(kl, 7);
}
END_TEST

#line 589 "book/06-kl.nw"
Suite *make_kl_suite(void)
{
    Suite *s = suite_create("kl");
    TCase *core = tcase_create("Core");
    TCase *limits = tcase_create("Limits");
    TCase *errors = tcase_create("Errors");
    
#line 1127 "book/06-kl.nw"
tcase_add_test(core, test_kl_truncated_poisson_convergence);
tcase_add_test(core, test_kl_truncated_monotone);
tcase_add_test(core, test_kl_tail_term_matters);
tcase_add_test(core, test_kl_shortcuts_differ);
tcase_add_test(core, test_kl_closed_forms);
tcase_add_test(core, test_kl_forward_and_log_softmax);
tcase_add_test(core, test_kl_backward_fd);
tcase_add_test(core, test_log_softmax_backward_fd);
tcase_add_test(core, test_kl_implicit_chain_fd);
tcase_add_test(core, test_kl_explicit_fd);
tcase_add_test(limits, test_kl_limits);
tcase_add_test(errors, test_kl_errors);
#line 596 "book/06-kl.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    suite_add_tcase(s, errors);
    return s;
}
