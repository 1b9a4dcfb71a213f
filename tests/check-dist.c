#line 2756 "book/02-discrete.nw"
/* Generated from book/02-discrete.nw; do not edit. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <quadmath.h>
#include "check-gengs.h"

#line 2460 "book/02-discrete.nw"
static const char *const ztp_table[] = {
    "ztpoisson:1e-8", "ztpoisson:0.3", "ztpoisson:1", "ztpoisson:3.12", "ztpoisson:47.5",
    "ztpoisson:1000"
};
#define ZTP_TABLE_N (sizeof ztp_table / sizeof ztp_table[0])

static double ztp_ref_pmf(double lam, long k)
{
    return k < 1 ? 0 : gsl_ran_poisson_pdf((unsigned)k, lam) / -gsl_expm1(-lam);
}
#line 2798 "book/02-discrete.nw"
static const char *const dist_table[] = {
    "poisson:1e-10", "poisson:0.3", "poisson:3.12", "poisson:7", "poisson:100",
    "poisson:1234.5", "poisson:10000",
    "binomial:1,0.5", "binomial:20,0.3", "binomial:57,0.0312", "binomial:1000,0.999",
    "binomial:100000,0.0001",
    "geometric:0.001", "geometric:0.25", "geometric:0.5", "geometric:0.9",
    "negbin:3,0.4", "negbin:3.12,0.5", "negbin:0.3,0.7", "negbin:5,0.3",
    "negbin:100,0.05", "negbin:10000,0.9", "negbin:1,0.5",
    "categorical:0.1,0.2,0.3,0.4", "categorical:0,0.5,0.25,0.25"
};
#define DIST_TABLE_N (sizeof dist_table / sizeof dist_table[0])

static ggs_dist table_dist(size_t i)
{
    ggs_dist d;
    ck_assert_msg(ggs_dist_parse(&d, dist_table[i]) == GGS_OK, "%s: %s", dist_table[i],
                  ggs_last_error());
    return d;
}

/* A range of k covering the distribution to far beyond 12 standard deviations. */
static void dist_range(long *a, long *b, const ggs_dist *d)
{
    long lo, hi;
    double m = ggs_dist_mean(d), s = sqrt(ggs_dist_variance(d));
    ggs_dist_support(&lo, &hi, d);
    *a = (long)fmax((double)lo, floor(m - 12 * s - 5));
    *b = (long)fmin((double)hi, ceil(m + 40 * s + 100));
}
#line 3040 "book/02-discrete.nw"
__extension__ typedef __float128 quad;

/* log P(X = k) in quadruple precision, from lgammaq */
static quad ref_logpmf_q(const ggs_dist *d, long k)
{
    const double *t = d->theta;
    quad kq = (quad)k;
    switch (d->family) {
    case GGS_POISSON:
        return kq * logq((quad)t[0]) - (quad)t[0] - lgammaq(kq + 1);
    case GGS_BINOMIAL: {
        quad N = (quad)d->trials;
        return lgammaq(N + 1) - lgammaq(kq + 1) - lgammaq(N - kq + 1) + kq * logq((quad)t[0])
               + (N - kq) * log1pq(-(quad)t[0]);
    }
    case GGS_NEGBIN: {
        quad r = (quad)t[0];
        return lgammaq(kq + r) - lgammaq(r) - lgammaq(kq + 1) + r * logq((quad)t[1])
               + kq * log1pq(-(quad)t[1]);
    }
    default:
        break;
    }
    ck_abort_msg("no quadruple-precision log-pmf for %s", ggs_family_name(d->family));
    return NAN;
}

/* P(X = j+1) / P(X = j) in quadruple precision */
static quad ref_ratio_q(const ggs_dist *d, long j)
{
    const double *t = d->theta;
    switch (d->family) {
    case GGS_POISSON:
        return (quad)t[0] / (j + 1);
    case GGS_BINOMIAL:
        return ((quad)d->trials - j) / (j + 1) * (quad)t[0] / (1 - (quad)t[0]);
    case GGS_NEGBIN:
        return ((quad)j + (quad)t[0]) / (j + 1) * (1 - (quad)t[1]);
    default:
        break;
    }
    ck_abort_msg("no quadruple-precision ratio for %s", ggs_family_name(d->family));
    return NAN;
}

/* log P(X >= k) (upper) or log P(X <= k) by direct summation in quad */
static double ref_log_tail(const ggs_dist *d, long k, int upper)
{
    long lo, hi, mean = (long)ggs_dist_mean(d);
    quad l0 = ref_logpmf_q(d, k), term = 1, acc = 0;
    ggs_dist_support(&lo, &hi, d);
    for (long j = k, n = 0; upper ? j <= hi : j >= lo; j += upper ? 1 : -1, n++) {
        if (n % 256 == 0)
            term = expq(ref_logpmf_q(d, j) - l0);
        acc += term;
        if (term < (quad)1e-40 * acc && (upper ? j > mean : j < mean))
            break;
        term = upper ? term * ref_ratio_q(d, j) : term / ref_ratio_q(d, j - 1);
    }
    return (double)(l0 + logq(acc));
}
#line 3312 "book/02-discrete.nw"
enum fd_what { FD_LOGPMF, FD_CDF_LOWER, FD_CDF_UPPER, FD_LOGCDF_LOWER, FD_LOGCDF_UPPER };

typedef struct fd_ctx {
    ggs_dist d;         /* the distribution at the base point */
    size_t j;           /* the parameter varied */
    long k;             /* the value */
    enum fd_what what;  /* the function */
} fd_ctx;

static double fd_eval(double x, void *vctx)
{
    const fd_ctx *c = vctx;
    ggs_dist e = c->d;
    e.theta[c->j] = x;
    switch (c->what) {
    case FD_LOGPMF:
        return ggs_logpmf(&e, c->k);
    case FD_CDF_LOWER:
        return exp(ggs_logcdf_lower(&e, c->k));
    case FD_CDF_UPPER:
        return exp(ggs_logcdf_upper(&e, c->k));
    case FD_LOGCDF_LOWER:
        return ggs_logcdf_lower(&e, c->k);
    default:
        return ggs_logcdf_upper(&e, c->k);
    }
}

static void fd_analytic(double *g, const ggs_dist *d, long k, enum fd_what what)
{
    switch (what) {
    case FD_LOGPMF:
        ggs_dlogpmf(g, d, k);
        break;
    case FD_CDF_LOWER:
        ggs_dcdf_lower(g, d, k);
        break;
    case FD_CDF_UPPER:
        ggs_dcdf_upper(g, d, k);
        break;
    case FD_LOGCDF_LOWER:
        ggs_dlogcdf_lower(g, d, k);
        break;
    default:
        ggs_dlogcdf_upper(g, d, k);
    }
}

/* the natural scale of parameter j: its value, or its distance to 0 or 1 */
static double fd_scale(const ggs_dist *d, size_t j)
{
    double x = d->theta[j];
    int is_prob = ggs_dist_param_name(d, j)[0] == 'p';   /* not lambda or r */
    if (d->family == GGS_CATEGORICAL)
        return 0.1;
    return is_prob ? fmin(x, 1 - x) : x;
}
#line 2472 "book/02-discrete.nw"
START_TEST(test_ztp_pmf_against_gsl)
{
    for (size_t i = 0; i < ZTP_TABLE_N; i++) {
        ggs_dist d;
        long a, b;
        long double sum = 0;
        ck_assert_int_eq(ggs_dist_parse(&d, ztp_table[i]), GGS_OK);
        ck_assert_double_eq(exp(ggs_logpmf(&d, 0)), 0);
        dist_range(&a, &b, &d);
        ck_assert_int_ge(a, 1);
        for (long k = a; k <= b; k++) {
            double p = exp(ggs_logpmf(&d, k)), ref = ztp_ref_pmf(d.theta[0], k);
            sum += p;
            if (ref > 1e-300)
                ck_assert_msg(fabs(p - ref) <= 1e-9 * ref, "%s at k=%ld: %.17g, reference %.17g",
                              ztp_table[i], k, p, ref);
        }
        ck_assert_msg(fabsl(sum - 1) < 1e-12L, "%s sums to 1 + %Lg", ztp_table[i], sum - 1);
    }
}
END_TEST

START_TEST(test_ztp_moments_and_tails)
{
    for (size_t i = 0; i < ZTP_TABLE_N; i++) {
        ggs_dist d;
        long a, b;
        long double m1 = 0, v = 0;   /* the variance by centred sums: no cancellation */
        ck_assert_int_eq(ggs_dist_parse(&d, ztp_table[i]), GGS_OK);
        dist_range(&a, &b, &d);
        for (long k = a; k <= b; k++)
            m1 += k * (long double)ztp_ref_pmf(d.theta[0], k);
        for (long k = a; k <= b; k++)
            v += (k - m1) * (k - m1) * ztp_ref_pmf(d.theta[0], k);
        ck_assert_msg(fabs(ggs_dist_mean(&d) - (double)m1) <= 1e-12 * (double)m1,
                      "%s mean %.17g, reference %.17Lg", ztp_table[i], ggs_dist_mean(&d), m1);
        ck_assert_msg(fabs(ggs_dist_variance(&d) - (double)v) <= 1e-9 * (double)v,
                      "%s variance %.17g, reference %.17Lg", ztp_table[i],
                      ggs_dist_variance(&d), v);
        ck_assert_int_ge(ggs_dist_mode(&d), 1);
        for (long k = a; k <= b; k += 1 + (b - a) / 40) {
            long double lower = 0, upper = 0;
            for (long j = 1; j <= b + 200; j++)   /* the terms past b fall geometrically */
                *(j <= k ? &lower : &upper) += ztp_ref_pmf(d.theta[0], j);
            upper += ztp_ref_pmf(d.theta[0], k);
            if (lower > 1e-300L)
                ck_assert_msg(fabs(ggs_logcdf_lower(&d, k) - (double)logl(lower)) <= 1e-9,
                              "%s log P(X <= %ld) = %.17g, reference %.17Lg", ztp_table[i], k,
                              ggs_logcdf_lower(&d, k), logl(lower));
            if (upper > 1e-300L)
                ck_assert_msg(fabs(ggs_logcdf_upper(&d, k) - (double)logl(upper)) <= 1e-9,
                              "%s log P(X >= %ld) = %.17g, reference %.17Lg", ztp_table[i], k,
                              ggs_logcdf_upper(&d, k), logl(upper));
        }
        ck_assert_double_eq(ggs_logcdf_lower(&d, 0), -HUGE_VAL);
        ck_assert_double_eq(ggs_logcdf_upper(&d, 1), 0);
    }
}
END_TEST
#line 2534 "book/02-discrete.nw"
/* the finite-difference driver, defined with the other families' checks below */
static void check_derivatives_in(const char *const *table, size_t ntable, enum fd_what what,
                                 const char *label);

START_TEST(test_ztp_derivatives_fd)
{
    check_derivatives_in(ztp_table, ZTP_TABLE_N, FD_LOGPMF, "log-pmf");
    check_derivatives_in(ztp_table, ZTP_TABLE_N, FD_CDF_LOWER, "P(X <= k)");
    check_derivatives_in(ztp_table, ZTP_TABLE_N, FD_LOGCDF_LOWER, "log P(X <= k)");
    check_derivatives_in(ztp_table, ZTP_TABLE_N, FD_CDF_UPPER, "P(X >= k)");
    check_derivatives_in(ztp_table, ZTP_TABLE_N, FD_LOGCDF_UPPER, "log P(X >= k)");
}
END_TEST
#line 2552 "book/02-discrete.nw"
START_TEST(test_ztp_truncation_and_sample)
{
    enum { n = 8 };
    const double lam = 3.12;
    ggs_dist d;
    ggs_window w = {0, 0};
    double pi[n], logpi[n], ref[n], g[n], obs[n] = {0}, expct[n], stat, pv, rest = 1;
    size_t dof;
    gsl_rng *r = ggs_rng_new(20260302);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(ggs_dist_ztpoisson(&d, lam), GGS_OK);
    ck_assert_int_eq(ggs_truncated_pmf(pi, &d, 1, n), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, 1, n), GGS_OK);
    ck_assert_int_eq(ggs_truncated_pmf(pi, &d, 0, n), GGS_EINVAL);   /* 0 is outside */
    ck_assert_int_eq(ggs_truncated_pmf(pi, &d, 1, n), GGS_OK);
    for (size_t k = 0; k + 1 < n; k++) {
        ref[k] = ztp_ref_pmf(lam, 1 + (long)k);
        rest -= ref[k];
    }
    ref[n - 1] = gsl_cdf_poisson_Q(n - 1, lam) / -gsl_expm1(-lam);   /* P(X >= n) */
    ck_assert(fabs(ref[n - 1] - rest) < 1e-12);
    for (size_t k = 0; k < n; k++)
        ck_assert_msg(fabs(pi[k] - ref[k]) <= 1e-10 * ref[k], "category %zu: %.17g vs %.17g",
                      k, pi[k], ref[k]);
    for (int t = 0; t < 100000; t++) {
        ggs_gumbel_fill(g, n, r);
        obs[ggs_gumbel_max(logpi, g, n)] += 1;
    }
    for (size_t k = 0; k < n; k++)
        expct[k] = ref[k] * 100000;
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &pv, obs, expct, n, 5.0), GGS_OK);
    ck_assert_msg(pv > 1e-4, "chi-square %g on %zu dof, p = %g", stat, dof, pv);
    ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-9, 0), GGS_OK);
    ck_assert_int_eq(w.m, 1);
    ck_assert(ggs_truncated_outside(&d, w.m, w.n) <= 1e-9);
    ggs_rng_free(r);
}
END_TEST

START_TEST(test_ztp_parse_and_limits)
{
    ggs_dist d, e;
    char buf[64];
    double kl;
    ck_assert_int_eq(ggs_dist_parse(&d, "ztpoisson:3.12"), GGS_OK);
    ck_assert_int_eq(d.family, GGS_ZTPOISSON);
    ggs_dist_format(buf, sizeof buf, &d);
    ck_assert_str_eq(buf, "ztpoisson:3.12");
    ck_assert_str_eq(ggs_dist_param_name(&d, 0), "lambda");
    ck_assert_int_eq(ggs_dist_parse(&e, "ztpoisson:0"), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "lambda"));
    ck_assert_int_eq(ggs_dist_parse(&e, "ztpoisson:1,2"), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "ztpoisson:LAMBDA"));
    ck_assert_int_eq(ggs_kl_closed_form(&kl, &d, &d), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "ztpoisson"));
    ck_assert_uint_eq(ggs_family_descriptor(GGS_ZTPOISSON)->nlink, 1);
}
END_TEST
#line 2614 "book/02-discrete.nw"
START_TEST(test_descriptors_complete)
{
    ck_assert_ptr_null(ggs_family_descriptor(GGS_FAMILY_COUNT));
    for (int f = 0; f < GGS_FAMILY_COUNT; f++) {
        const ggs_family_desc *fd = ggs_family_descriptor((ggs_family)f);
        int scalar;
        ck_assert_msg(fd != NULL, "family %d has no descriptor", f);
        ck_assert_int_eq(fd->family, f);
        ck_assert(fd->name != NULL && fd->name[0] != '\0' && fd->usage != NULL);
        ck_assert(strncmp(fd->usage, fd->name, strlen(fd->name)) == 0
                  && fd->usage[strlen(fd->name)] == ':');
        for (int g = 0; g < f; g++)
            ck_assert_str_ne(fd->name, ggs_family_descriptor((ggs_family)g)->name);
        ck_assert(fd->make != NULL && fd->param_name != NULL && fd->support != NULL);
        ck_assert(fd->nreal_min >= 1 && fd->nreal_min <= fd->nreal_max);
        scalar = !fd->vector;
        ck_assert_msg((fd->mean != NULL) == scalar && (fd->variance != NULL) == scalar
                      && (fd->mode != NULL) == scalar && (fd->logpmf != NULL) == scalar
                      && (fd->dlogpmf != NULL) == scalar && (fd->logtail != NULL) == scalar
                      && (fd->dtail != NULL) == scalar,
                      "%s: the scalar members must all be set (or, for a vector, all NULL)",
                      fd->name);
        ck_assert_msg((fd->link != NULL) == (fd->nlink > 0) && fd->nlink <= GGS_LINK_MAX
                      && (fd->link == NULL || scalar),
                      "%s: a link needs 1..GGS_LINK_MAX reals and a scalar family", fd->name);
    }
}
END_TEST
#line 2651 "book/02-discrete.nw"
static double link_ref(const char *pname, double a)
{
    long double al = a;
    if (strcmp(pname, "p") == 0)
        return (double)(1 / (1 + expl(-al)));
    return (double)(GGS_LINK_RATE_MIN + log1pl(expl(al)));
}

START_TEST(test_links)
{
    static const double as[] = { -25, -3.12, -0.4, 0, 0.7, 5.5, 30 };
    const size_t na = sizeof as / sizeof as[0];
    const double h = 1e-3;
    for (int f = 0; f < GGS_FAMILY_COUNT; f++) {
        const ggs_family_desc *fd = ggs_family_descriptor((ggs_family)f);
        size_t P = fd->nlink;
        for (size_t i = 0; i < na && P > 0; i++) {
            double a[GGS_LINK_MAX] = { 0 }, th[GGS_LINK_MAX], dth[GGS_LINK_MAX];
            ggs_dist d;
            for (size_t j = 0; j < P; j++)   /* the second real: where negbin's p may be */
                a[j] = j == 0 ? as[i] : as[1 + (i + 3) % (na - 1)];
            fd->link(th, dth, a);
            ck_assert_msg(fd->make(&d, 0, th, P) == GGS_OK, "%s: link at a = %g: %s", fd->name,
                          a[0], ggs_last_error());
            ck_assert_uint_eq(d.nparam, P);
            for (size_t j = 0; j < P; j++) {
                static const double off[4] = { -2, -1, 1, 2 };
                double t[4], tt[GGS_LINK_MAX], dd[GGS_LINK_MAX], b[GGS_LINK_MAX], fdiff;
                double ref = link_ref(fd->param_name(&d, j), a[j]);
                ck_assert_msg(fabs(th[j] - ref) <= 1e-14 * ref, "%s: %s(%g) = %.17g, "
                              "reference %.17g", fd->name, fd->param_name(&d, j), a[j], th[j],
                              ref);
                for (int s = 0; s < 4; s++) {
                    memcpy(b, a, sizeof b);
                    b[j] = a[j] + off[s] * h;
                    fd->link(tt, dd, b);
                    t[s] = tt[j];
                }
                fdiff = (t[0] - 8 * t[1] + 8 * t[2] - t[3]) / (12 * h);
                ck_assert_msg(fabs(dth[j] - fdiff) <= 1e-9 * (1 + fabs(th[j])),
                              "%s: d%s/da at %g = %.17g, difference %.17g", fd->name,
                              fd->param_name(&d, j), a[j], dth[j], fdiff);
            }
        }
    }
}
END_TEST
#line 2834 "book/02-discrete.nw"
static double gsl_reference_pmf(const ggs_dist *d, long k)
{
    const double *t = d->theta;
    switch (d->family) {
    case GGS_POISSON:
        return gsl_ran_poisson_pdf((unsigned)k, t[0]);
    case GGS_BINOMIAL:
        return gsl_ran_binomial_pdf((unsigned)k, t[0], (unsigned)d->trials);
    case GGS_GEOMETRIC:
        return gsl_ran_geometric_pdf((unsigned)k + 1, t[0]);  /* GSL counts trials */
    case GGS_NEGBIN:
        return gsl_ran_negative_binomial_pdf((unsigned)k, t[1], t[0]);
    case GGS_CATEGORICAL:
        return t[k];
    default:    /* the zero-truncated Poisson has its own reference, ztp_ref_pmf */
        break;
    }
    ck_abort_msg("no GSL reference pmf for %s", ggs_family_name(d->family));
    return NAN;
}

START_TEST(test_pmf_against_gsl)
{
    for (size_t i = 0; i < DIST_TABLE_N; i++) {
        ggs_dist d = table_dist(i);
        long a, b, step;
        dist_range(&a, &b, &d);
        step = (b - a) / 2000 + 1;
        for (long k = a; k <= b; k += step) {
            double ref = gsl_reference_pmf(&d, k), ours = exp(ggs_logpmf(&d, k));
            if (ref < 1e-300)
                continue;
            ck_assert_msg(fabs(ours - ref) <= 1e-9 * ref, "%s k=%ld: %.17g vs GSL %.17g",
                          dist_table[i], k, ours, ref);
        }
    }
}
END_TEST
#line 2875 "book/02-discrete.nw"
START_TEST(test_pmf_sums_to_one)
{
    for (size_t i = 0; i < DIST_TABLE_N; i++) {
        ggs_dist d = table_dist(i);
        long a, b;
        long double s = 0, s1 = 0, s2 = 0;
        double m = ggs_dist_mean(&d), v = ggs_dist_variance(&d);
        dist_range(&a, &b, &d);
        if (d.family != GGS_CATEGORICAL)
            a = 0;
        for (long k = a; k <= b; k++) {
            long double p = expl(ggs_logpmf(&d, k));
            s += p;
            s1 += p * k;
            s2 += p * (k - m) * (k - m);
        }
        ck_assert_msg(fabs((double)s - 1) < 1e-13, "%s sums to 1 %+.3g", dist_table[i],
                      (double)s - 1);
        ck_assert_msg(ggs_test_reldiff((double)s1, m) < 1e-11, "%s mean", dist_table[i]);
        ck_assert_msg(ggs_test_reldiff((double)s2, v) < 1e-10, "%s variance", dist_table[i]);
    }
}
END_TEST
#line 2902 "book/02-discrete.nw"
START_TEST(test_logpmf_far_tails)
{
    ggs_dist d;
    ck_assert_int_eq(ggs_dist_poisson(&d, 2), GGS_OK);
    ck_assert_double_eq_tol(ggs_logpmf(&d, 1000000),
                            1e6 * log(2.0) - 2 - gsl_sf_lngamma(1e6 + 1), 1e-6);
    ck_assert_int_eq(ggs_dist_poisson(&d, 1e-10), GGS_OK);
    ck_assert(ggs_logpmf(&d, 0) == -1e-10);
    ck_assert_double_eq_tol(ggs_logpmf(&d, 1), log(1e-10) - 1e-10, 1e-13);
    ck_assert_double_eq_tol(ggs_logpmf(&d, 50), 50 * log(1e-10) - 1e-10 - gsl_sf_lngamma(51),
                            1e-12);
    ck_assert_int_eq(ggs_dist_poisson(&d, 1e4), GGS_OK);
    ck_assert(ggs_logpmf(&d, 0) == -1e4);
    ck_assert_double_eq_tol(ggs_logpmf(&d, 100),
                            100 * log(1e4) - 1e4 - gsl_sf_lngamma(101), 1e-9);
    ck_assert_int_eq(ggs_dist_geometric(&d, 1e-4), GGS_OK);
    ck_assert_double_eq_tol(ggs_logpmf(&d, 10000000), log(1e-4) + 1e7 * log1p(-1e-4), 1e-8);
    ck_assert_int_eq(ggs_dist_binomial(&d, 1000, 0.999), GGS_OK);
    ck_assert_double_eq_tol(ggs_logpmf(&d, 0), 1000 * log1p(-0.999), 1e-10);
    ck_assert_int_eq(ggs_dist_negbin(&d, 3, 0.4), GGS_OK);
    ck_assert_double_eq_tol(ggs_logpmf(&d, 5000), gsl_sf_lngamma(5003) - gsl_sf_lngamma(3)
                            - gsl_sf_lngamma(5001) + 3 * log(0.4) + 5000 * log(0.6), 1e-9);
    ck_assert(ggs_logpmf(&d, -1) == -HUGE_VAL);
}
END_TEST
#line 2929 "book/02-discrete.nw"
START_TEST(test_degenerate_ends)
{
    ggs_dist d;
    double g[2];
    ck_assert_int_eq(ggs_dist_binomial(&d, 5, 0), GGS_OK);
    ck_assert(ggs_logpmf(&d, 0) == 0 && ggs_logpmf(&d, 1) == -HUGE_VAL);
    ggs_dlogpmf(g, &d, 0);
    ck_assert_double_eq(g[0], -5);
    ggs_dlogpmf(g, &d, 3);
    ck_assert_double_eq(g[0], 0);
    ck_assert(ggs_logcdf_lower(&d, 0) == 0 && ggs_logcdf_upper(&d, 1) == -HUGE_VAL);
    ggs_dcdf_upper(g, &d, 1);
    ck_assert_double_eq_tol(g[0], 5, 1e-12);
    ck_assert_int_eq(ggs_dist_binomial(&d, 5, 1), GGS_OK);
    ck_assert(ggs_logpmf(&d, 5) == 0 && ggs_logpmf(&d, 4) == -HUGE_VAL);
    ggs_dlogpmf(g, &d, 5);
    ck_assert_double_eq(g[0], 5);
    ck_assert(ggs_logcdf_lower(&d, 4) == -HUGE_VAL && ggs_logcdf_upper(&d, 5) == 0);
    ck_assert_int_eq(ggs_dist_geometric(&d, 1), GGS_OK);
    ck_assert(ggs_logpmf(&d, 0) == 0 && ggs_logpmf(&d, 2) == -HUGE_VAL);
    ggs_dlogpmf(g, &d, 0);
    ck_assert_double_eq(g[0], 1);
    ggs_dcdf_upper(g, &d, 1);
    ck_assert_double_eq_tol(g[0], -1, 1e-15);
    ggs_dcdf_upper(g, &d, 2);
    ck_assert_double_eq(g[0], 0);
    ck_assert_int_eq(ggs_dist_negbin(&d, 2.5, 1), GGS_OK);
    ck_assert(ggs_logpmf(&d, 0) == 0 && ggs_logpmf(&d, 1) == -HUGE_VAL);
    ggs_dlogpmf(g, &d, 0);
    ck_assert(g[0] == 0 && g[1] == 2.5);
    ggs_dcdf_lower(g, &d, 0);
    ck_assert(g[0] == 0);
    ck_assert_double_eq_tol(g[1], 2.5, 1e-12);
    ggs_dlogcdf_upper(g, &d, 3);
    ck_assert(g[0] == 0 && g[1] == 0);
}
END_TEST
#line 2973 "book/02-discrete.nw"
static double logsumexp_tail(const ggs_dist *d, long k, int upper)
{
    long lo, hi;
    double mx = -HUGE_VAL, s = 0;
    ggs_dist_support(&lo, &hi, d);
    for (long j = k; upper ? j <= hi : j >= lo; j += upper ? 1 : -1) {
        double l = ggs_logpmf(d, j);
        if (l > mx) {
            s = s * exp(mx - l) + 1;
            mx = l;
        } else {
            s += exp(l - mx);
        }
        if (l < mx - 60 && (upper ? j > k + 10 : j < k - 10))
            break;
    }
    return mx + log(s);
}

START_TEST(test_tails_against_sums)
{
    static const struct { const char *spec; long k; int upper; } cases[] = {
        {"poisson:2", 5, 1}, {"poisson:2", 20, 1}, {"poisson:2", 100, 1},
        {"poisson:2", 200, 1}, {"poisson:2", 500, 1}, {"poisson:2", 1, 0},
        {"poisson:1e-10", 1, 1}, {"poisson:1e-10", 3, 1}, {"poisson:1e-10", 60, 1},
        {"poisson:10000", 9000, 0}, {"poisson:10000", 8000, 0}, {"poisson:10000", 100, 0},
        {"poisson:10000", 0, 0}, {"poisson:10000", 12000, 1}, {"poisson:10000", 30000, 1},
        {"binomial:1000,0.3", 400, 1}, {"binomial:1000,0.3", 800, 1},
        {"binomial:1000,0.3", 1000, 1}, {"binomial:1000,0.3", 200, 0},
        {"binomial:1000,0.3", 10, 0}, {"binomial:1000,0.3", 0, 0},
        {"negbin:3,0.4", 30, 1}, {"negbin:3,0.4", 300, 1}, {"negbin:3,0.4", 3000, 1},
        {"negbin:0.3,0.7", 50, 1}, {"negbin:0.3,0.7", 2000, 1},
        {"negbin:100,0.05", 500, 0}, {"negbin:100,0.05", 10, 0},
        {"geometric:0.25", 3000, 1}, {"geometric:0.25", 5, 0}, {"geometric:0.25", 0, 0}
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ggs_dist d;
        double ours, ref;
        ck_assert_int_eq(ggs_dist_parse(&d, cases[i].spec), GGS_OK);
        ours = cases[i].upper ? ggs_logcdf_upper(&d, cases[i].k)
                              : ggs_logcdf_lower(&d, cases[i].k);
        ref = logsumexp_tail(&d, cases[i].k, cases[i].upper);
        ck_assert_msg(isfinite(ours) && fabs(ours - ref) <= 1e-12 * fmax(1, fabs(ref)),
                      "%s %s tail at %ld: %.17g vs sum %.17g", cases[i].spec,
                      cases[i].upper ? "upper" : "lower", cases[i].k, ours, ref);
    }
}
END_TEST
#line 3103 "book/02-discrete.nw"
START_TEST(test_tails_against_quad_sums)
{
    static const char *const specs[] = {
        "poisson:0.3", "poisson:3.12", "poisson:17.3", "poisson:950", "poisson:1000.5",
        "poisson:1234.5", "poisson:10000.3", "poisson:3.3e6", "poisson:1e8",
        "binomial:20,0.3", "binomial:1000,0.37", "binomial:2000000,0.5",
        "binomial:100000000,0.01", "binomial:5000,0.999",
        "negbin:3,0.4", "negbin:0.37,0.2", "negbin:1000000,0.5", "negbin:50.5,0.9",
        "negbin:0.001,0.01", "negbin:2.5,0.001"
    };
    static const double zs[] = { -8, -3, -1, 0, 1, 3, 8 };
    double worst = 0;
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        ggs_dist d;
        long lo, hi;
        double mean, sd;
        ck_assert_int_eq(ggs_dist_parse(&d, specs[i]), GGS_OK);
        ggs_dist_support(&lo, &hi, &d);
        mean = ggs_dist_mean(&d);
        sd = sqrt(ggs_dist_variance(&d));
        for (size_t z = 0; z < sizeof zs / sizeof zs[0]; z++) {
            double x = floor(mean + zs[z] * sd);
            long k = x < lo + 1 ? lo + 1 : x > hi - 1 ? hi - 1 : (long)x;
            for (int upper = 0; upper <= 1; upper++) {
                double ours = upper ? ggs_logcdf_upper(&d, k) : ggs_logcdf_lower(&d, k);
                double ref = ref_log_tail(&d, k, upper), diff = fabs(ours - ref);
                ck_assert_msg(diff <= 4e-15 + 1e-15 * fabs(ref), "%s %s tail at %ld: "
                              "%.17g vs quad sum %.17g", specs[i], upper ? "upper" : "lower",
                              k, ours, ref);
                if (getenv("GGS_TEST_VERBOSE") && diff / (4e-15 + 1e-15 * fabs(ref)) > worst)
                    printf("  %s %s tail at %ld: %.17g vs %.17g\n", specs[i],
                           upper ? "upper" : "lower", k, ours, ref);
                worst = fmax(worst, diff / (4e-15 + 1e-15 * fabs(ref)));
            }
        }
    }
    if (getenv("GGS_TEST_VERBOSE"))
        printf("tails vs quad sums: worst difference %.2f of the tolerance\n", worst);
}
END_TEST
#line 3152 "book/02-discrete.nw"
START_TEST(test_tails_against_gsl)
{
    for (size_t i = 0; i < DIST_TABLE_N; i++) {
        ggs_dist d = table_dist(i);
        const double *t = d.theta;
        long a, b, step;
        if (d.family == GGS_CATEGORICAL)
            continue;
        dist_range(&a, &b, &d);
        step = (b - a) / 300 + 1;
        for (long k = a; k <= b; k += step) {
            unsigned u = (unsigned)k, N = (unsigned)d.trials;
            double P, Q;    /* P(X <= k), P(X > k) */
            switch (d.family) {
            case GGS_POISSON:
                P = gsl_cdf_poisson_P(u, t[0]);
                Q = gsl_cdf_poisson_Q(u, t[0]);
                break;
            case GGS_BINOMIAL:
                P = gsl_cdf_binomial_P(u, t[0], N);
                Q = gsl_cdf_binomial_Q(u, t[0], N);
                break;
            case GGS_GEOMETRIC:
                P = gsl_cdf_geometric_P(u + 1, t[0]);
                Q = gsl_cdf_geometric_Q(u + 1, t[0]);
                break;
            default:
                P = gsl_cdf_negative_binomial_P(u, t[1], t[0]);
                Q = gsl_cdf_negative_binomial_Q(u, t[1], t[0]);
            }
            if (P > 1e-300)
                ck_assert_msg(fabs(ggs_logcdf_lower(&d, k) - log(P)) <= 1e-11 * fmax(1, -log(P)),
                              "%s P(X <= %ld)", dist_table[i], k);
            if (Q > 1e-300)
                ck_assert_msg(fabs(ggs_logcdf_upper(&d, k + 1) - log(Q))
                              <= 1e-11 * fmax(1, -log(Q)), "%s P(X >= %ld)", dist_table[i], k + 1);
        }
    }
}
END_TEST

START_TEST(test_tail_without_cancellation)
{
    ggs_dist d;
    long double s = 0;
    double tail;
    ck_assert_int_eq(ggs_dist_poisson(&d, 2), GGS_OK);
    tail = exp(ggs_logcdf_upper(&d, 20));
    for (long k = 20; k < 60; k++)
        s += expl(ggs_logpmf(&d, k));
    ck_assert_double_eq_tol(tail, (double)s, 1e-13 * tail);
    ck_assert(tail > 6.4437e-14 && tail < 6.4438e-14);
}
END_TEST
#line 3210 "book/02-discrete.nw"
START_TEST(test_mode_is_argmax)
{
    for (size_t i = 0; i < DIST_TABLE_N; i++) {
        ggs_dist d = table_dist(i);
        long a, b, mode = ggs_dist_mode(&d);
        dist_range(&a, &b, &d);
        for (long k = a; k <= b; k++)
            ck_assert_msg(ggs_logpmf(&d, k) <= ggs_logpmf(&d, mode), "%s mode %ld < pmf(%ld)",
                          dist_table[i], mode, k);
    }
}
END_TEST

START_TEST(test_multinomial_logpmf)
{
    const double p[] = {0.7, 0.2, 0.1};
    const unsigned int c[] = {2, 0, 1}, bad[] = {2, 2, 1};
    ggs_dist d, z;
    ck_assert_int_eq(ggs_dist_multinomial(&d, 3, p, 3), GGS_OK);
    ck_assert_double_eq_tol(ggs_multinomial_logpmf(&d, c),
                            gsl_ran_multinomial_lnpdf(3, p, c), 1e-13);
    ck_assert(ggs_multinomial_logpmf(&d, bad) == -HUGE_VAL);
    ck_assert(isnan(ggs_logpmf(&d, 1)) && isnan(ggs_dist_mean(&d)));
    ck_assert(ggs_dist_mode(&d) == -1);
    {
        double g[3];
        ck_assert(isnan(ggs_logcdf_lower(&d, 1)) && isnan(ggs_logcdf_upper(&d, 1)));
        ggs_dcdf_lower(g, &d, 1);
        ck_assert(isnan(g[0]) && isnan(g[2]));
        ggs_dlogpmf(g, &d, 1);
        ck_assert(isnan(g[1]));
    }
    ck_assert_int_eq(ggs_dist_parse(&z, "multinomial:3,0,0.5,0.5"), GGS_OK);
    ck_assert(ggs_multinomial_logpmf(&z, c) == -HUGE_VAL);
    ck_assert_int_eq(ggs_dist_poisson(&z, 1), GGS_OK);
    ck_assert(isnan(ggs_multinomial_logpmf(&z, c)));
}
END_TEST
#line 3255 "book/02-discrete.nw"
static double torch_negbin_logpmf(double r, double q, long k)
{
    return gsl_sf_lngamma(k + r) - gsl_sf_lngamma(r) - gsl_sf_lngamma(k + 1.0)
           + r * log1p(-q) + k * log(q);
}

START_TEST(test_framework_parameterizations)
{
    ggs_dist a, b, g;
    ck_assert_int_eq(ggs_dist_parse(&a, "negbin:3,0.5"), GGS_OK);
    ck_assert_int_eq(ggs_dist_parse(&b, "negbin:5,0.7"), GGS_OK);
    ck_assert_int_eq(ggs_dist_parse(&g, "geometric:0.3"), GGS_OK);
    for (long k = 0; k < 40; k++) {
        ck_assert_double_eq_tol(ggs_logpmf(&a, k), torch_negbin_logpmf(3, 0.5, k), 1e-12);
        ck_assert_double_eq_tol(ggs_logpmf(&b, k), torch_negbin_logpmf(5, 0.3, k), 1e-12);
        ck_assert_double_eq_tol(ggs_logpmf(&g, k), k * log(0.7) + log(0.3), 1e-12);
    }
    ck_assert_double_eq_tol(ggs_dist_mean(&b), 5 * 0.3 / 0.7, 1e-15);
    ck_assert_double_eq_tol(ggs_dist_mean(&a), 3, 1e-15);
}
END_TEST
#line 3372 "book/02-discrete.nw"
static size_t fd_values(long *ks, const ggs_dist *d)
{
    static const double c[] = {-6, -3, -1, 0, 1, 3, 6};
    long a, b, lo, hi;
    size_t n = 0;
    double m = ggs_dist_mean(d), s = sqrt(ggs_dist_variance(d));
    dist_range(&a, &b, d);
    ggs_dist_support(&lo, &hi, d);
    ks[n++] = a;
    ks[n++] = b;
    ks[n++] = ggs_dist_mode(d);
    ks[n++] = lo + 1;
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        double k = floor(m + c[i] * s);
        if (k >= (double)lo && k <= (double)b)
            ks[n++] = (long)k;
    }
    return n;
}

static void check_derivatives_in(const char *const *table, size_t ntable, enum fd_what what,
                                 const char *label)
{
    for (size_t i = 0; i < ntable; i++) {
        ggs_dist d;
        ck_assert_msg(ggs_dist_parse(&d, table[i]) == GGS_OK, "%s: %s", table[i],
                      ggs_last_error());
        long ks[16];
        size_t nk = fd_values(ks, &d);
        for (size_t a = 0; a < nk; a++) {
            double g[GGS_MAX_CATEGORIES];
            fd_ctx c = {d, 0, ks[a], what};
            fd_analytic(g, &d, ks[a], what);
            for (size_t j = 0; j < d.nparam; j++) {
                double s = fd_scale(&d, j), h = 1e-5 * s, fd;
                c.j = j;
                if (fd_eval(d.theta[j], &c) == -HUGE_VAL) {
                    ck_assert_msg(g[j] == 0, "%s %s d/d%s at k=%ld: %g, not 0", table[i],
                                  label, ggs_dist_param_name(&d, j), ks[a], g[j]);
                    continue;
                }
                if (d.theta[j] == 0)
                    fd = (4 * fd_eval(h, &c) - 3 * fd_eval(0, &c) - fd_eval(2 * h, &c)) / (2 * h);
                else
                    fd = ggs_test_richardson_diff(fd_eval, &c, d.theta[j], h);
                ck_assert_msg(ggs_test_fd_agrees(s * g[j], s * fd, 1e-6,
                                                 1e-9 * fmax(1, fabs(fd_eval(d.theta[j], &c)))),
                              "%s %s d/d%s at k=%ld: analytic %.12g, difference %.12g",
                              table[i], label, ggs_dist_param_name(&d, j), ks[a], g[j], fd);
            }
        }
    }
}

static void check_derivatives(enum fd_what what, const char *label)
{
    check_derivatives_in(dist_table, DIST_TABLE_N, what, label);
}

START_TEST(test_dlogpmf_fd)
{
    check_derivatives(FD_LOGPMF, "log-pmf");
}
END_TEST

START_TEST(test_dcdf_lower_fd)
{
    check_derivatives(FD_CDF_LOWER, "P(X <= k)");
    check_derivatives(FD_LOGCDF_LOWER, "log P(X <= k)");
}
END_TEST

START_TEST(test_dcdf_upper_fd)
{
    check_derivatives(FD_CDF_UPPER, "P(X >= k)");
    check_derivatives(FD_LOGCDF_UPPER, "log P(X >= k)");
}
END_TEST
#line 3456 "book/02-discrete.nw"
START_TEST(test_negbin_dr_sweep)
{
    static const double rp[][2] = {{0.3, 0.7}, {1, 0.2}, {3.12, 0.4}, {50, 0.1}};
    for (size_t i = 0; i < sizeof rp / sizeof rp[0]; i++) {
        ggs_dist d;
        double m, s;
        ck_assert_int_eq(ggs_dist_negbin(&d, rp[i][0], rp[i][1]), GGS_OK);
        m = ggs_dist_mean(&d);
        s = sqrt(ggs_dist_variance(&d));
        for (long k = 0; k <= (long)(m + 30 * s); k += 1 + (long)(s / 8)) {
            double gl[2], gu[2];
            fd_ctx cl = {d, 0, k, FD_LOGCDF_LOWER}, cu = {d, 0, k, FD_LOGCDF_UPPER};
            double h = 1e-5 * rp[i][0];
            ggs_dlogcdf_lower(gl, &d, k);
            ggs_dlogcdf_upper(gu, &d, k);
            double fl = ggs_test_central_diff(fd_eval, &cl, rp[i][0], h);
            double fu = ggs_test_central_diff(fd_eval, &cu, rp[i][0], h);
            ck_assert_msg(ggs_test_fd_agrees(gl[0], fl, 1e-6, 1e-9 * fmax(1, fabs(fd_eval(rp[i][0],
                          &cl))) / rp[i][0]), "negbin:%g,%g lower k=%ld: %.12g vs %.12g", rp[i][0],
                          rp[i][1], k, gl[0], fl);
            ck_assert_msg(ggs_test_fd_agrees(gu[0], fu, 1e-6, 1e-9 * fmax(1, fabs(fd_eval(rp[i][0],
                          &cu))) / rp[i][0]), "negbin:%g,%g upper k=%ld: %.12g vs %.12g", rp[i][0],
                          rp[i][1], k, gu[0], fu);
        }
    }
}
END_TEST
#line 3489 "book/02-discrete.nw"
START_TEST(test_parse_roundtrip)
{
    static const char *const specs[] = {
        "poisson:2", "poisson:3.12", "poisson:1e-10", "poisson:10000", "binomial:20,0.3",
        "geometric:0.25", "negbin:3,0.5", "negbin:5,0.7", "negbin:3.12,0.4",
        "categorical:0.2,0.3,0.5", "multinomial:3,0.7,0.2,0.1", "binomial:1,1"
    };
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        ggs_dist d, e;
        char buf[256];
        ck_assert_msg(ggs_dist_parse(&d, specs[i]) == GGS_OK, "%s", ggs_last_error());
        ck_assert_int_eq(ggs_dist_format(buf, sizeof buf, &d), (int)strlen(specs[i]));
        ck_assert_str_eq(buf, specs[i]);
        ck_assert_int_eq(ggs_dist_parse(&e, buf), GGS_OK);
        ck_assert(e.family == d.family && e.trials == d.trials && e.nparam == d.nparam);
        ck_assert(memcmp(e.theta, d.theta, d.nparam * sizeof d.theta[0]) == 0);
    }
}
END_TEST

START_TEST(test_parse_integer_as_decimal)
{
    ggs_dist d;
    ck_assert_int_eq(ggs_dist_parse(&d, "binomial:1e8,0.5"), GGS_OK);
    ck_assert_uint_eq(d.trials, 100000000u);
    ck_assert_int_eq(ggs_dist_parse(&d, "multinomial:2.5e1,0.5,0.5"), GGS_OK);
    ck_assert_uint_eq(d.trials, 25u);
    /* the largest N, with p small enough that the variance stays below its bound */
    ck_assert_int_eq(ggs_dist_parse(&d, "binomial:9.007199254740992e15,1e-6"), GGS_OK);
    ck_assert_uint_eq(d.trials, 9007199254740992u);
}
END_TEST

START_TEST(test_names)
{
    ggs_dist d;
    ck_assert_str_eq(ggs_family_name(GGS_NEGBIN), "negbin");
    ck_assert_str_eq(ggs_family_name((ggs_family)99), "unknown");
    ck_assert_int_eq(ggs_dist_parse(&d, "negbin:2,0.5"), GGS_OK);
    ck_assert_str_eq(ggs_dist_param_name(&d, 0), "r");
    ck_assert_str_eq(ggs_dist_param_name(&d, 1), "p");
    ck_assert_int_eq(ggs_dist_poisson(&d, 1), GGS_OK);
    ck_assert_str_eq(ggs_dist_param_name(&d, 0), "lambda");
    ck_assert_int_eq(ggs_dist_parse(&d, "categorical:0.5,0.5"), GGS_OK);
    ck_assert_str_eq(ggs_dist_param_name(&d, 1), "p2");
    ck_assert_str_eq(ggs_dist_param_name(&d, 9), "p10");
    ck_assert_str_eq(ggs_dist_param_name(&d, 63), "p64");
}
END_TEST
#line 3545 "book/02-discrete.nw"
START_TEST(test_parse_errors)
{
    static const struct { const char *spec; int status; const char *msg; } cases[] = {
        {"poisson:-1", GGS_EDOM, "lambda = -1"}, {"poisson:0", GGS_EDOM, "lambda = 0"},
        {"poisson:nan", GGS_EDOM, "lambda = nan"}, {"poisson:inf", GGS_EDOM, "lambda = inf"},
        {"poisson:1e999", GGS_EDOM, "lambda = inf"},
        {"poisson:2x", GGS_EINVAL, "\"2x\""}, {"poisson: 2", GGS_EINVAL, "\" 2\""},
        {"poisson:", GGS_EINVAL, "\"poisson:\""}, {"poisson", GGS_EINVAL, "\"poisson\""},
        {"poison:2", GGS_EINVAL, "unknown family \"poison\""},
        {"Poisson:2", GGS_EINVAL, "unknown family"}, {"", GGS_EINVAL, "\"\""},
        {"poisson:2,3", GGS_EINVAL, "expected poisson:LAMBDA"},
        {"binomial:20.5,0.3", GGS_EDOM, "N = 20.5 is not a whole number"},
        {"binomial:1e20,0.5", GGS_EDOM, "N = 1e20 is not a whole number below 2^64"},
        {"binomial:1e8x,0.5", GGS_EINVAL, "\"1e8x\""}, {"binomial:-1,0.3", GGS_EINVAL, "\"-1\""},
        {"binomial:0,0.3", GGS_EDOM, "N = 0"}, {"binomial:20,1.5", GGS_EDOM, "p = 1.5"},
        {"binomial:20,-0.1", GGS_EDOM, "p = -0.1"},
        {"binomial:99999999999999999999999,0.3", GGS_EDOM, "too large"},
        {"binomial:20", GGS_EINVAL, "expected binomial:N,P"},
        {"geometric:0", GGS_EDOM, "p = 0"}, {"geometric:1.0000001", GGS_EDOM, "p = 1.0000001"},
        {"geometric:-0.5", GGS_EDOM, "p = -0.5"}, {"geometric:0.5e", GGS_EINVAL, "\"0.5e\""},
        {"negbin:0,0.5", GGS_EDOM, "r = 0"}, {"negbin:3,0", GGS_EDOM, "p = 0"},
        {"negbin:3,nan", GGS_EDOM, "p = nan"}, {"negbin:3,0.5,", GGS_EINVAL, "parameter 3"},
        {"negbin:,0.5", GGS_EINVAL, "parameter 1"},
        {"categorical:0.5,0.6", GGS_EINVAL, "sum to 1.1"},
        {"categorical:1", GGS_EINVAL, "expected categorical"},
        {"categorical:0.5,-0.1,0.6", GGS_EDOM, "p2 = -0.1"},
        {"categorical:0.5,0.5;", GGS_EINVAL, "\"0.5;\""},
        {"multinomial:3,0.7,0.2", GGS_EINVAL, "sum to 0.9"},
        {"multinomial:3,1", GGS_EINVAL, "expected multinomial"},
        {"multinomial:0,0.5,0.5", GGS_EDOM, "N = 0"},
        {"poisson:1.0000001e15", GGS_EDOM, "lambda = 1000000100000000 is out of range"},
        {"binomial:9007199254740993,1e-10", GGS_EDOM, "N = 9007199254740993"},
        {"binomial:9223372036854775807,0.5", GGS_EDOM, "N = 9223372036854775807"},
        {"binomial:40000000400,0.5", GGS_EDOM, "variance N p (1 - p) = 1e+10"},
        {"negbin:1e300,0.5", GGS_EDOM, "variance r (1 - p) / p^2 = 2e+300"},
        {"negbin:3,1e-300", GGS_EDOM, "p = 1e-300 is out of range"},
        /* found by the command-line fuzzer: its tails summed for minutes */
        {"negbin:.5e-54,0.5e-7", GGS_EDOM, "(1 - p) / p = 2e+07 must be <= 100000"},
        {"multinomial:9007199254740993,0.5,0.5", GGS_EDOM, "N = 9007199254740993"}
    };
    ggs_dist d, sentinel;
    memset(&sentinel, 0xab, sizeof sentinel);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int st;
        d = sentinel;
        st = ggs_dist_parse(&d, cases[i].spec);
        ck_assert_msg(st == cases[i].status, "\"%s\": status %d, expected %d (%s)",
                      cases[i].spec, st, cases[i].status, ggs_last_error());
        ck_assert_msg(strstr(ggs_last_error(), cases[i].msg) != NULL,
                      "\"%s\": message \"%s\" lacks \"%s\"", cases[i].spec, ggs_last_error(),
                      cases[i].msg);
        ck_assert(memcmp(&d, &sentinel, sizeof d) == 0);
    }
    ck_assert_int_eq(ggs_dist_parse(&d, NULL), GGS_EINVAL);
}
END_TEST
#line 3604 "book/02-discrete.nw"
START_TEST(test_category_limits)
{
    char spec[1024];
    size_t used;
    ggs_dist d;
    const double one[] = {1}, bad[] = {0.5, NAN};
    double many[GGS_MAX_CATEGORIES];
    used = (size_t)snprintf(spec, sizeof spec, "categorical:");
    for (int j = 0; j < 65; j++)
        used += (size_t)snprintf(spec + used, sizeof spec - used, "%s0.01", j ? "," : "");
    ck_assert_int_eq(ggs_dist_parse(&d, spec), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "K = 65"));
    snprintf(spec + used, sizeof spec - used, ",0.01");
    ck_assert_int_eq(ggs_dist_parse(&d, spec), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "too many parameters"));
    for (int j = 0; j < GGS_MAX_CATEGORIES; j++)
        many[j] = 1.0 / GGS_MAX_CATEGORIES;
    ck_assert_int_eq(ggs_dist_categorical(&d, many, GGS_MAX_CATEGORIES), GGS_OK);
    ck_assert_int_eq(ggs_dist_categorical(&d, one, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_dist_categorical(&d, bad, 2), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "p2 = nan"));
    ck_assert_int_eq(ggs_dist_multinomial(&d, 0, many, 4), GGS_EDOM);
    ck_assert_int_eq(ggs_dist_binomial(&d, 0, 0.5), GGS_EDOM);
    ck_assert_int_eq(ggs_dist_negbin(&d, HUGE_VAL, 0.5), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "r = inf"));
}
END_TEST

#line 2770 "book/02-discrete.nw"
Suite *make_dist_suite(void)
{
    Suite *s = suite_create("dist");
    TCase *core = tcase_create("Core");
    TCase *limits = tcase_create("Limits");
    TCase *deriv = tcase_create("Derivatives");
    TCase *parse = tcase_create("Parse");
    TCase *err = tcase_create("Errors");
    
#line 2700 "book/02-discrete.nw"
tcase_add_test(core, test_descriptors_complete);
tcase_add_test(core, test_links);
tcase_add_test(core, test_ztp_pmf_against_gsl);
tcase_add_test(core, test_ztp_moments_and_tails);
tcase_add_test(core, test_ztp_truncation_and_sample);
tcase_add_test(deriv, test_ztp_derivatives_fd);
tcase_add_test(parse, test_ztp_parse_and_limits);
#line 3633 "book/02-discrete.nw"
tcase_add_test(core, test_pmf_against_gsl);
tcase_add_test(core, test_pmf_sums_to_one);
tcase_add_test(core, test_tails_against_gsl);
tcase_add_test(core, test_tails_against_quad_sums);
tcase_add_test(core, test_tail_without_cancellation);
tcase_add_test(core, test_mode_is_argmax);
tcase_add_test(core, test_multinomial_logpmf);
tcase_add_test(core, test_framework_parameterizations);
tcase_add_test(limits, test_logpmf_far_tails);
tcase_add_test(limits, test_degenerate_ends);
tcase_add_test(limits, test_tails_against_sums);
tcase_add_test(deriv, test_dlogpmf_fd);
tcase_add_test(deriv, test_dcdf_lower_fd);
tcase_add_test(deriv, test_dcdf_upper_fd);
tcase_add_test(deriv, test_negbin_dr_sweep);
tcase_add_test(parse, test_parse_roundtrip);
tcase_add_test(parse, test_parse_integer_as_decimal);
tcase_add_test(parse, test_names);
tcase_add_test(err, test_parse_errors);
tcase_add_test(err, test_category_limits);
#line 2779 "book/02-discrete.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    suite_add_tcase(s, deriv);
    suite_add_tcase(s, parse);
    suite_add_tcase(s, err);
    return s;
}
