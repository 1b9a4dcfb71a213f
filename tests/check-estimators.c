#line 3354 "book/22-estimators.nw"
/* Generated from book/22-estimators.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check-gengs.h"
#include "cli.h"
#include "gengs-estimator.h"

#define EST_Z 4.5          /* standard errors: two-sided false alarm 6.8e-6 */
#define EST_FD_TOL 1e-6    /* relative, central differences */

#line 3387 "book/22-estimators.nw"
static ggs_dist moved(const ggs_dist *d, size_t j, double v)
{
    ggs_dist e;
    double th[2] = { d->theta[0], d->nparam > 1 ? d->theta[1] : 0 };
    th[j] = v;
    switch (d->family) {
    case GGS_POISSON:   ck_assert_int_eq(ggs_dist_poisson(&e, th[0]), GGS_OK); break;
    case GGS_BINOMIAL:
        ck_assert_int_eq(ggs_dist_binomial(&e, d->trials, th[0]), GGS_OK);
        break;
    case GGS_GEOMETRIC: ck_assert_int_eq(ggs_dist_geometric(&e, th[0]), GGS_OK); break;
    case GGS_NEGBIN:    ck_assert_int_eq(ggs_dist_negbin(&e, th[0], th[1]), GGS_OK); break;
    default:            ck_abort_msg("moved(): family %d not used by these tests", d->family);
    }
    return e;
}

static double objective(const ggs_dist *d, long m, size_t n, const double *t, size_t nt)
{
    double pi[64], J = 0;
    ck_assert_uint_le(n, 64);
    ck_assert_int_eq(ggs_truncated_pmf(pi, d, m, n), GGS_OK);
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < nt; i++)
            J += pi[k] * ((double)(m + (long)k) - t[i]) * ((double)(m + (long)k) - t[i]);
    return J;
}

static ggs_dist parsed(const char *spec)
{
    ggs_dist d;
    ck_assert_int_eq(ggs_dist_parse(&d, spec), GGS_OK);
    return d;
}
#line 3528 "book/22-estimators.nw"
/* f(z) with z = T(GS(pi(d), tau)) at noise g (hard: z itself, not f(z)) */
static double relaxed(const ggs_dist *d, size_t n, const double *g, double tau,
                      const double *t, size_t nt, int z_only)
{
    double logpi[64], y[64], c[64], z, f = 0;
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, d, 0, n), GGS_OK);
    ggs_support_values(c, 0, n);
    ck_assert_int_eq(ggs_gengs_forward(&z, y, logpi, g, c, tau, n), GGS_OK);
    if (z_only)
        return z;
    for (size_t i = 0; i < nt; i++)
        f += (z - t[i]) * (z - t[i]);
    return f;
}

/* REBAR's f(sigma(xt)) at theta, from the exponentials E of the uniforms and b */
static double conditional(const ggs_dist *d, size_t n, const double *E, size_t b, double tau,
                          const double *t, size_t nt)
{
    double logpi[64], xt[64], zero[64] = { 0 }, y[64], c[64], z, f = 0;
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, d, 0, n), GGS_OK);
    for (size_t k = 0; k < n; k++)
        xt[k] = k == b ? -log(E[b]) : -log(E[b] + E[k] / exp(logpi[k]));   /* first form */
    ggs_support_values(c, 0, n);
    ck_assert_int_eq(ggs_gengs_forward(&z, y, xt, zero, c, tau, n), GGS_OK);
    for (size_t i = 0; i < nt; i++)
        f += (z - t[i]) * (z - t[i]);
    return f;
}

static double logpi_at(const ggs_dist *d, size_t n, size_t k)
{
    double logpi[64];
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, d, 0, n), GGS_OK);
    return logpi[k];
}
#line 3678 "book/22-estimators.nw"
static void mean_se(double *mean, double *se, const char *name, const ggs_estim_problem *pb,
                    size_t K, double tau, unsigned long M, unsigned long seed)
{
    const ggs_estimator *e = ggs_estimator_find(name);
    ggs_estim_options o = { K, tau, NULL };
    double *work = malloc(ggs_estim_work_size(pb, K) * sizeof(double)), grad[2];
    double *state = e != NULL && e->state_size > 0 ? calloc(e->state_size, sizeof(double)) : NULL;
    double s = 0, s2 = 0, mu;
    gsl_rng *r = ggs_rng_new(seed);
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(work);
    ck_assert(e->state_size == 0 || state != NULL);
    o.state = state;
    for (unsigned long i = 0; i < M; i++) {
        ck_assert_int_eq(ggs_estimate(grad, e, pb, &o, r, work), GGS_OK);
        s += grad[0];
        s2 += grad[0] * grad[0];
    }
    mu = s / (double)M;
    *mean = mu;
    *se = sqrt(fmax(0, (s2 - (double)M * mu * mu) / (double)(M - 1)) / (double)M);
    free(state);
    free(work);
    gsl_rng_free(r);
}
#line 4162 "book/22-estimators.nw"
static char est_out[65536], est_err[4096];

static int run_synth(const char *line)
{
    char copy[1024], *argv[64];
    int argc = 0, rc;
    FILE *out = tmpfile(), *err = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    ck_assert_uint_lt(strlen(line), sizeof copy);
    strcpy(copy, line);
    for (char *w = strtok(copy, " "); w != NULL && argc < 63; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    rc = ggs_cli_main(argc, argv, out, err);
    ggs_test_slurp(est_out, sizeof est_out, out);
    ggs_test_slurp(est_err, sizeof est_err, err);
    return rc;
}

/* the four columns of line `row` of the output */
static void columns(double *x, int row)
{
    const char *p = est_out;
    for (int r = 0; r < row; r++) {
        p = strchr(p, '\n');
        ck_assert_ptr_nonnull(p);
        p++;
    }
    ck_assert_int_eq(sscanf(p, "%lf\t%lf\t%lf\t%lf", &x[0], &x[1], &x[2], &x[3]), 4);
}
#line 4570 "book/22-estimators.nw"
/* d J / d p_j, j < C - 1 (p_C = 1 - sum), J = sum_i E|Z - t_i|^2, Z ~ Mult(N, p), by hand */
static void multinomial_closed(double *g, double N, const double *p, size_t C, const double *t,
                               size_t nt)
{
    double full[GGS_MAX_CATEGORIES];      /* d J / d p_j with all C treated as free */
    for (size_t j = 0; j < C; j++) {
        full[j] = 0;
        for (size_t i = 0; i < nt; i++)
            full[j] += N * (1 - 2 * p[j]) + 2 * N * (N * p[j] - t[i * C + j]);
    }
    for (size_t j = 0; j + 1 < C; j++)
        g[j] = full[j] - full[C - 1];
}

/* the compositions of N into 3 parts, reverse lexicographic, and their log-pmf at p */
static size_t compositions3(double *c, double *logpi, int N, const double *p)
{
    size_t n = 0;
    for (int a = N; a >= 0; a--)
        for (int b = N - a; b >= 0; b--, n++) {
            double x[3] = { a, b, N - a - b };
            logpi[n] = lgamma(N + 1.0);
            for (int j = 0; j < 3; j++) {
                c[3 * n + j] = x[j];
                logpi[n] += -lgamma(x[j] + 1) + (x[j] > 0 ? x[j] * log(p[j]) : 0);
            }
        }
    return n;
}

static ggs_estim_problem multinomial_problem(const char *spec, const double *t, size_t nt)
{
    ggs_dist d = parsed(spec);
    ggs_estim_problem pb;
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, ggs_estim_compositions(&d), t, nt),
                     GGS_OK);
    return pb;
}
#line 4697 "book/22-estimators.nw"
/* the mean and standard error of each coordinate of M estimates */
static void mean_se_all(double *mean, double *se, const char *name,
                        const ggs_estim_problem *pb, size_t K, double tau, unsigned long M,
                        unsigned long seed)
{
    const ggs_estimator *e = ggs_estimator_find(name);
    double *state = calloc(e != NULL && e->state_size > 0 ? e->state_size : 1, sizeof(double));
    ggs_estim_options o = { K, tau, state };
    double *work = malloc(ggs_estim_work_size(pb, K) * sizeof(double));
    double grad[GGS_MAX_CATEGORIES], s[GGS_MAX_CATEGORIES] = { 0 }, s2[GGS_MAX_CATEGORIES] = { 0 };
    gsl_rng *r = ggs_rng_new(seed);
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(work);
    ck_assert_ptr_nonnull(state);
    for (unsigned long i = 0; i < M; i++) {
        ck_assert_int_eq(ggs_estimate(grad, e, pb, &o, r, work), GGS_OK);
        for (size_t j = 0; j < pb->P; j++) {
            s[j] += grad[j];
            s2[j] += grad[j] * grad[j];
        }
    }
    for (size_t j = 0; j < pb->P; j++) {
        mean[j] = s[j] / (double)M;
        se[j] = sqrt(fmax(0, (s2[j] - (double)M * mean[j] * mean[j]) / (double)(M - 1))
                     / (double)M);
    }
    free(state);
    free(work);
    gsl_rng_free(r);
}
#line 4783 "book/22-estimators.nw"
/* f(z) at z = T(GS(pi(p), tau)) at noise g, or w . z when w is not NULL */
static double mrelaxed(const double *p, const double *g, double tau, const double *t,
                       size_t nt, const double *w)
{
    double c[30], logpi[10], y[10], z[3] = { 0, 0, 0 }, f = 0;
    size_t n = compositions3(c, logpi, 3, p);
    ck_assert_int_eq(ggs_gumbel_softmax_forward(y, logpi, g, tau, n), GGS_OK);
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < 3; j++)
            z[j] += y[k] * c[3 * k + j];
    for (size_t j = 0; j < 3; j++) {
        if (w != NULL)
            f += w[j] * z[j];
        for (size_t i = 0; w == NULL && i < nt; i++)
            f += (z[j] - t[3 * i + j]) * (z[j] - t[3 * i + j]);
    }
    return f;
}
#line 3425 "book/22-estimators.nw"
static const struct { const char *dist; size_t n; } fd_cases[] = {
    { "poisson:18", 30 }, { "binomial:20,0.3", 10 }, { "binomial:20,0.3", 21 },
    { "geometric:0.3", 15 }, { "negbin:3,0.4", 20 },
};

START_TEST(test_estim_exact_fd)
{
    ggs_dist d = parsed(fd_cases[_i].dist);
    size_t n = fd_cases[_i].n;
    double t[2] = { 3, 20 }, grad[2], work[256];
    ggs_estim_problem pb;
    ggs_estim_options o = { 1, 1, NULL };
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, n, t, 2), GGS_OK);
    ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("exact"), &pb, &o, NULL, work),
                     GGS_OK);
    for (size_t j = 0; j < d.nparam; j++) {
        double th = d.theta[j], h = 1e-6 * fmax(1, fabs(th));
        ggs_dist up = moved(&d, j, th + h), dn = moved(&d, j, th - h);
        double fd = (objective(&up, 0, n, t, 2) - objective(&dn, 0, n, t, 2)) / (2 * h);
        ck_assert_msg(ggs_test_fd_agrees(grad[j], fd, EST_FD_TOL, 1e-7),
                      "%s n=%zu param %zu: exact %.12g, central difference %.12g",
                      fd_cases[_i].dist, n, j, grad[j], fd);
    }
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 3457 "book/22-estimators.nw"
static void exact_on(double *grad, const ggs_dist *d, long m, size_t n, const double *t,
                     size_t nt)
{
    ggs_estim_problem pb;
    ggs_estim_options o = { 1, 1, NULL };
    double *work;
    ck_assert_int_eq(ggs_estim_problem_init(&pb, d, m, n, t, nt), GGS_OK);
    work = malloc(ggs_estim_work_size(&pb, 1) * sizeof(double));
    ck_assert_ptr_nonnull(work);
    ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("exact"), &pb, &o, NULL, work),
                     GGS_OK);
    free(work);
    ggs_estim_problem_free(&pb);
}

START_TEST(test_estim_closed_form)
{
    const char *specs[] = { "poisson:18", "geometric:0.3", "negbin:3,0.4", "negbin:0.5,0.7" };
    double t[3] = { 2, 20, 25.5 }, closed[2], exact[2];
    ggs_dist b = parsed("binomial:20,0.3");
    ck_assert_int_eq(ggs_estim_closed_form(closed, &b, t, 3), GGS_OK);
    exact_on(exact, &b, 0, 21, t, 3);
    ck_assert_double_le(ggs_test_reldiff(exact[0], closed[0]), 1e-13);
    for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        ggs_dist d = parsed(specs[s]);
        ggs_window w = { 0, 0 };
        ck_assert_int_eq(ggs_window_auto(&w, &d, 1e-15, 1), GGS_OK);
        ck_assert_int_eq(ggs_estim_closed_form(closed, &d, t, 3), GGS_OK);
        exact_on(exact, &d, w.m, w.n, t, 3);
        for (size_t j = 0; j < d.nparam; j++)
            ck_assert_msg(ggs_test_reldiff(exact[j], closed[j]) <= 1e-9,
                          "%s param %zu: enumeration %.15g, closed form %.15g", specs[s], j,
                          exact[j], closed[j]);
    }
    {
        ggs_dist p = parsed("poisson:18");
        double one = 20;
        ck_assert_int_eq(ggs_estim_closed_form(closed, &p, &one, 1), GGS_OK);
        ck_assert_double_eq_tol(closed[0], 1 + 2 * (18.0 - 20), 1e-13);
    }
}
END_TEST
#line 3503 "book/22-estimators.nw"
START_TEST(test_estim_truncation_error_shrinks)
{
    ggs_dist d = parsed("poisson:18");
    double t = 20, g, prev = HUGE_VAL;
    size_t ns[] = { 22, 25, 30, 35, 40, 50 };
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        exact_on(&g, &d, 0, ns[i], &t, 1);
        ck_assert_msg(fabs(g + 3) < prev, "n = %zu: |exact + 3| = %g did not shrink", ns[i],
                      fabs(g + 3));
        prev = fabs(g + 3);
    }
    ck_assert_double_le(prev, 1e-6);
}
END_TEST
#line 3569 "book/22-estimators.nw"
static double rebar_fd(const ggs_dist *d, size_t n, const double *g, const double *E, size_t b,
                       double tau, const double *t, size_t j)
{
    double th = d->theta[j], h = 1e-6 * fmax(1, fabs(th)), fb = 0;
    ggs_dist up = moved(d, j, th + h), dn = moved(d, j, th - h);
    double path = (relaxed(&up, n, g, tau, t, 2, 0) - conditional(&up, n, E, b, tau, t, 2)
                   - relaxed(&dn, n, g, tau, t, 2, 0) + conditional(&dn, n, E, b, tau, t, 2))
                  / (2 * h);
    double score = (logpi_at(&up, n, b) - logpi_at(&dn, n, b)) / (2 * h);
    for (int i = 0; i < 2; i++)
        fb += ((double)b - t[i]) * ((double)b - t[i]);
    return path + (fb - conditional(d, n, E, b, tau, t, 2)) * score;
}

/* GenGS-RB's surrogate pi_k* f(c_k*) + S f(z_q) at theta, k* and the noise g held fixed */
static double rb_surrogate(const ggs_dist *d, size_t n, const double *g, size_t ks, double tau,
                           const double *t)
{
    double pi[64], logq[64], y[64], c[64], S = 0, z, fz = 0, fs = 0;
    ck_assert_int_eq(ggs_truncated_pmf(pi, d, 0, n), GGS_OK);
    for (size_t k = 0; k < n; k++)
        S += k == ks ? 0 : pi[k];
    for (size_t k = 0; k < n; k++)
        logq[k] = k == ks ? -HUGE_VAL : log(pi[k] / S);
    ggs_support_values(c, 0, n);
    ck_assert_int_eq(ggs_gengs_forward(&z, y, logq, g, c, tau, n), GGS_OK);
    for (int i = 0; i < 2; i++) {
        fz += (z - t[i]) * (z - t[i]);
        fs += ((double)ks - t[i]) * ((double)ks - t[i]);
    }
    return pi[ks] * fs + S * fz;
}

static const struct { const char *dist; size_t n; double tau; } relaxed_cases[] = {
    { "poisson:18", 40, 0.5 }, { "binomial:20,0.3", 10, 0.3 }, { "negbin:3,0.4", 20, 1 },
    { "geometric:0.3", 12, 2 },
};

START_TEST(test_estim_relaxed_fd)
{
    ggs_dist d = parsed(relaxed_cases[_i].dist);
    size_t n = relaxed_cases[_i].n;
    double tau = relaxed_cases[_i].tau, t[2] = { 4, 9.5 }, g[64], grad[2], work[256];
    ggs_estim_problem pb;
    ggs_estim_options o = { 1, tau, NULL };
    gsl_rng *r = ggs_rng_new(11 + (unsigned long)_i);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, n, t, 2), GGS_OK);
    for (int kind = 0; kind <= 3; kind++)
        for (int draw = 0; draw < 5; draw++) {
            static const char *names[4] = { "gengs", "gengs-st", "rebar", "gengs-rb" };
            gsl_rng *twin = gsl_rng_clone(r);
            const ggs_estimator *e = ggs_estimator_find(names[kind]);
            double scale = 1, E[64];
            int st = kind == 1;
            ggs_gumbel_fill(g, n, twin);
            for (size_t k = 0; k < n; k++)
                E[k] = -log(ggs_uniform_pos(twin));
            gsl_rng_free(twin);
            ck_assert_int_eq(ggs_estimate(grad, e, &pb, &o, r, work), GGS_OK);
            if (kind == 2) {
                size_t b = ggs_gumbel_max(pb.logpi, g, n);
                for (size_t j = 0; j < d.nparam; j++) {
                    double fd = rebar_fd(&d, n, g, E, b, tau, t, j);
                    ck_assert_msg(ggs_test_fd_agrees(grad[j], fd, EST_FD_TOL, 1e-7),
                                  "rebar %s draw %d param %zu: estimate %.12g, "
                                  "central differences %.12g", relaxed_cases[_i].dist, draw, j,
                                  grad[j], fd);
                }
                continue;
            }
            if (kind == 3) {
                size_t ks = ggs_argmax(pb.pi, n);
                for (size_t j = 0; j < d.nparam; j++) {
                    double th = d.theta[j], h = 1e-6 * fmax(1, fabs(th));
                    ggs_dist up = moved(&d, j, th + h), dn = moved(&d, j, th - h);
                    double fd = (rb_surrogate(&up, n, g, ks, tau, t)
                                 - rb_surrogate(&dn, n, g, ks, tau, t)) / (2 * h);
                    ck_assert_msg(ggs_test_fd_agrees(grad[j], fd, EST_FD_TOL, 1e-7),
                                  "gengs-rb %s draw %d param %zu: estimate %.12g, "
                                  "central difference %.12g", relaxed_cases[_i].dist, draw, j,
                                  grad[j], fd);
                }
                continue;
            }
            if (st) {   /* f' at the Gumbel-Max value of the same noise */
                double hard = (double)ggs_gumbel_max(pb.logpi, g, n);
                scale = 2 * ((hard - t[0]) + (hard - t[1]));
            }
            for (size_t j = 0; j < d.nparam; j++) {
                double th = d.theta[j], h = 1e-6 * fmax(1, fabs(th));
                ggs_dist up = moved(&d, j, th + h), dn = moved(&d, j, th - h);
                double fd = scale * (relaxed(&up, n, g, tau, t, 2, st)
                                     - relaxed(&dn, n, g, tau, t, 2, st)) / (2 * h);
                ck_assert_msg(ggs_test_fd_agrees(grad[j], fd, EST_FD_TOL, 1e-7),
                              "%s %s draw %d param %zu: estimate %.12g, "
                              "central difference %.12g",
                              e->name, relaxed_cases[_i].dist, draw, j, grad[j], fd);
            }
        }
    gsl_rng_free(r);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 3711 "book/22-estimators.nw"
static const struct { const char *est, *dist; size_t n, K; double t[2]; } unbiased_cases[] = {
    { "rf", "poisson:18", 40, 1, { 20, 25 } },
    { "rf-star", "poisson:18", 40, 4, { 20, 25 } },
    { "muprop", "poisson:18", 40, 1, { 20, 25 } },
    { "rf", "binomial:20,0.3", 21, 1, { 3, 9 } },
    { "rf-star", "binomial:20,0.3", 21, 4, { 3, 9 } },
    { "muprop", "binomial:20,0.3", 21, 1, { 3, 9 } },
    { "rebar", "poisson:18", 40, 1, { 20, 25 } },
    { "rebar", "binomial:20,0.3", 21, 1, { 3, 9 } },
    { "relax", "poisson:18", 40, 1, { 20, 25 } },
    { "relax", "binomial:20,0.3", 21, 1, { 3, 9 } },
    { "detrb", "poisson:18", 40, 1, { 20, 25 } },
    { "detrb", "binomial:20,0.3", 21, 1, { 3, 9 } },
    { "storb", "poisson:18", 40, 1, { 20, 25 } },
    { "storb", "binomial:20,0.3", 21, 1, { 3, 9 } },
    { "unord", "poisson:18", 40, 2, { 20, 25 } },
    { "unord-star", "poisson:18", 40, 2, { 20, 25 } },
    { "unord", "binomial:20,0.3", 21, 3, { 3, 9 } },
    { "unord-star", "binomial:20,0.3", 21, 3, { 3, 9 } },
};

START_TEST(test_estim_unbiased)
{
    ggs_dist d = parsed(unbiased_cases[_i].dist);
    ggs_estim_problem pb;
    double exact, mean, se;
    exact_on(&exact, &d, 0, unbiased_cases[_i].n, unbiased_cases[_i].t, 2);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, unbiased_cases[_i].n,
                                            unbiased_cases[_i].t, 2), GGS_OK);
    mean_se(&mean, &se, unbiased_cases[_i].est, &pb, unbiased_cases[_i].K, 1, 50000,
            1000 + (unsigned long)_i);
    ck_assert_double_gt(se, 0);
    ck_assert_msg(fabs(mean - exact) <= EST_Z * se, "%s on %s: mean %.6g, exact %.6g, se %.3g",
                  unbiased_cases[_i].est, unbiased_cases[_i].dist, mean, exact, se);
    ck_assert_int_eq(ggs_estimator_find(unbiased_cases[_i].est)->unbiased, 1);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 3776 "book/22-estimators.nw"
START_TEST(test_estim_unord_one_is_rf)
{
    ggs_dist d = parsed("poisson:18");
    double t[2] = { 20, 25 }, a[1], b[1];
    ggs_estim_problem pb;
    ggs_estim_options o = { 1, 1, NULL };
    gsl_rng *ra = ggs_rng_new(11), *rb = ggs_rng_new(11);
    double *work;
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 40, t, 2), GGS_OK);
    work = malloc(ggs_estim_work_size(&pb, 1) * sizeof(double));
    ck_assert_ptr_nonnull(work);
    for (int i = 0; i < 200; i++) {
        ck_assert_int_eq(ggs_estimate(a, ggs_estimator_find("rf"), &pb, &o, ra, work), GGS_OK);
        ck_assert_int_eq(ggs_estimate(b, ggs_estimator_find("unord"), &pb, &o, rb, work),
                         GGS_OK);
        ck_assert_msg(fabs(a[0] - b[0]) <= 1e-13 * fabs(a[0]), "draw %d: rf %.17g, unord %.17g",
                      i, a[0], b[0]);
    }
    free(work);
    gsl_rng_free(ra);
    gsl_rng_free(rb);
    ggs_estim_problem_free(&pb);
}
END_TEST

/* g without its component along nu = sum_k pi_k grad log pi_k, the direction
   that a constant baseline adds (0 for a family whose parameters are free) */
static void to_simplex(double *g, const ggs_estim_problem *pb)
{
    double nu[GGS_MAX_CATEGORIES] = { 0 }, gn = 0, nn = 0;
    for (size_t k = 0; k < pb->n; k++)
        for (size_t j = 0; j < pb->P; j++)
            nu[j] += pb->pi[k] * pb->dlogpi[k * pb->P + j];
    for (size_t j = 0; j < pb->P; j++) {
        gn += g[j] * nu[j];
        nn += nu[j] * nu[j];
    }
    for (size_t j = 0; j < pb->P; j++)
        g[j] -= gn / nn * nu[j];
}

static void unord_exact_on(const char *dist, long m, size_t n, size_t K)
{
    ggs_dist d = parsed(dist);
    double t[2] = { 1, 2 }, exact[GGS_MAX_CATEGORIES], g[GGS_MAX_CATEGORIES];
    ggs_estim_problem pb;
    ggs_estim_options o = { K, 1, NULL };
    gsl_rng *r = ggs_rng_new(5);
    double *work;
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, m, n, t, 2), GGS_OK);
    work = malloc(ggs_estim_work_size(&pb, K) * sizeof(double));
    ck_assert_ptr_nonnull(work);
    ck_assert_int_eq(ggs_estimate(exact, ggs_estimator_find("exact"), &pb, &o, r, work), GGS_OK);
    if (d.family == GGS_CATEGORICAL)
        to_simplex(exact, &pb);
    for (int i = 0; i < 50; i++)
        for (int b = 0; b < 2; b++) {
            ck_assert_int_eq(ggs_estimate(g, ggs_estimator_find(b ? "unord-star" : "unord"),
                                          &pb, &o, r, work), GGS_OK);
            if (d.family == GGS_CATEGORICAL)
                to_simplex(g, &pb);
            for (size_t j = 0; j < pb.P; j++)
                ck_assert_msg(fabs(g[j] - exact[j]) <= 1e-12 * fmax(1, fabs(exact[j])),
                              "%s on %s, parameter %zu: %.17g, exact %.17g",
                              b ? "unord-star" : "unord", dist, j, g[j], exact[j]);
        }
    free(work);
    gsl_rng_free(r);
    ggs_estim_problem_free(&pb);
}

START_TEST(test_estim_unord_whole_support_is_exact)
{
    unord_exact_on("binomial:3,0.4", 0, 4, 4);         /* the whole support */
    unord_exact_on("categorical:0.6,0,0.4", 0, 3, 3);  /* a category of mass 0 */
    unord_exact_on("categorical:0.5,0.3,0.2", 0, 3, 5);  /* K above the categories */
}
END_TEST

#line 3870 "book/22-estimators.nw"
START_TEST(test_estim_nvil_unbiased_up_to_scale)
{
    ggs_dist d = parsed("poisson:18");
    double t[2] = { 20, 25 }, exact, jn[1], jn2, g[1], state[3] = { 0, 0, 0 }, s = 0, s2 = 0;
    double bbar = 0, tol;
    const unsigned long M = 50000;
    ggs_estim_problem pb;
    ggs_estim_options o = { 1, 1, state }, bare = { 1, 1, NULL };
    const ggs_estimator *e = ggs_estimator_find("nvil");
    gsl_rng *r = ggs_rng_new(31);
    double *work, mean, se;
    exact_on(&exact, &d, 0, 40, t, 2);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 40, t, 2), GGS_OK);
    work = malloc(ggs_estim_work_size(&pb, 1) * sizeof(double));
    ck_assert_ptr_nonnull(work);
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->state_size, 3);
    ck_assert_int_eq(ggs_estimate(g, e, &pb, &bare, r, work), GGS_EINVAL);
    for (unsigned long i = 0; i < M; i++) {
        double scale = fmax(1, sqrt(state[2]));
        ck_assert_int_eq(ggs_estimate(g, e, &pb, &o, r, work), GGS_OK);
        s += g[0] * scale;
        s2 += g[0] * scale * g[0] * scale;
        bbar += state[0];
    }
    mean = s / (double)M;
    se = sqrt((s2 - (double)M * mean * mean) / (double)(M - 1) / (double)M);
    ck_assert_msg(fabs(mean - exact) <= EST_Z * se,
                  "nvil, unscaled: mean %.6g, exact %.6g, se %.3g", mean, exact, se);
    jn[0] = jn2 = 0;                        /* J_n and E f^2 by enumeration */
    for (size_t k = 0; k < pb.n; k++) {
        double f = ggs_estim_loss(&pb, &pb.c[k]);
        jn[0] += pb.pi[k] * f;
        jn2 += pb.pi[k] * f * f;
    }
    bbar /= (double)M;
    tol = EST_Z * sqrt((jn2 - jn[0] * jn[0]) / (double)M) + jn[0] / (0.1 * (double)M);
    ck_assert_msg(fabs(bbar - jn[0]) <= tol, "mean baseline %.6g, J_n %.6g, tolerance %.3g",
                  bbar, jn[0], tol);
    ck_assert_double_gt(state[2], 1);      /* the normalization is in use */
    free(work);
    gsl_rng_free(r);
    ggs_estim_problem_free(&pb);
}
END_TEST

#line 3933 "book/22-estimators.nw"
/* RELAX's state: steps, mu0[8], s0[8], rho, m, v (81 each) */
enum { TR_MU = 1, TR_S = 9, TR_RHO = 17, TR_NPMAX = 81, TR_STATE = 17 + 3 * 81 };

/* the rho-gradient of the squared estimate against central differences, on pb with D
   coordinates per outcome (mu0, s0 written by hand) */
static void relax_rho_fd(const ggs_estim_problem *pb, const double *mu0, const double *s0)
{
    size_t D = pb->D, np = 1 + 8 * (D + 2), P = pb->P;
    double g[GGS_MAX_CATEGORIES], st[TR_STATE], base[TR_STATE], used[TR_NPMAX];
    ggs_estim_options o = { 2, 0.7, st };
    const ggs_estimator *e = ggs_estimator_find("relax");
    double *work = malloc(ggs_estim_work_size(pb, 2) * sizeof(double));
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(work);
    ck_assert_uint_eq(e->state_size, TR_STATE);
    memset(base, 0, sizeof base);
    base[0] = 5;                                   /* steps: not the first estimate */
    for (size_t d = 0; d < D; d++) {
        base[TR_MU + d] = mu0[d];
        base[TR_S + d] = s0[d];
    }
    for (size_t i = 0; i < np; i++)                /* rho = (a0, a[8], w[8][D], b[8]) */
        base[TR_RHO + i] = 0.3 * sin(1.7 * (double)i + 0.4) + (i >= 9 && i < 9 + 8 * D ? 1 : 0);
    memcpy(st, base, sizeof st);
    {
        gsl_rng *r = ggs_rng_new(3);
        ck_assert_int_eq(ggs_estimate(g, e, pb, &o, r, work), GGS_OK);
        gsl_rng_free(r);
    }
    for (size_t i = 0; i < np; i++)
        used[i] = st[TR_RHO + TR_NPMAX + i] / 0.1;  /* m = 0.1 gradient after one step */
    for (size_t i = 0; i < np; i++) {
        double h = 1e-5, sq[2];
        for (int side = 0; side < 2; side++) {
            gsl_rng *r = ggs_rng_new(3);
            memcpy(st, base, sizeof st);
            st[TR_RHO + i] += side ? -h : h;
            ck_assert_int_eq(ggs_estimate(g, e, pb, &o, r, work), GGS_OK);
            sq[side] = 0;
            for (size_t j = 0; j < P; j++)
                sq[side] += g[j] * g[j];
            gsl_rng_free(r);
        }
        ck_assert_msg(fabs((sq[0] - sq[1]) / (2 * h) - used[i])
                          <= 1e-5 * fabs(used[i]) + 1e-9,
                      "D = %zu, rho %zu: central difference %.10g, estimator %.10g", D, i,
                      (sq[0] - sq[1]) / (2 * h), used[i]);
    }
    free(work);
}

START_TEST(test_estim_relax_rho_gradient)
{
    ggs_dist d = parsed("poisson:18");
    double t[2] = { 20, 25 }, mu0 = 17.5, s0 = 4.1;
    ggs_estim_problem pb;
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 40, t, 2), GGS_OK);
    relax_rho_fd(&pb, &mu0, &s0);
    ggs_estim_problem_free(&pb);
}
END_TEST

START_TEST(test_estim_relax_learns)
{
    ggs_dist d = parsed("poisson:18");
    double t[2] = { 20, 25 }, g[1], var[2];
    ggs_estim_problem pb;
    double *work, *state = calloc(TR_STATE, sizeof(double));
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 40, t, 2), GGS_OK);
    work = malloc(ggs_estim_work_size(&pb, 1) * sizeof(double));
    ck_assert_ptr_nonnull(work);
    ck_assert_ptr_nonnull(state);
    for (int which = 0; which < 2; which++) {
        ggs_estim_options o = { 1, 1, which ? state : NULL };
        const ggs_estimator *e = ggs_estimator_find(which ? "relax" : "rebar");
        gsl_rng *r = ggs_rng_new(9);
        double s = 0, s2 = 0, mu;
        for (int i = 0; i < 40000; i++) {
            ck_assert_int_eq(ggs_estimate(g, e, &pb, &o, r, work), GGS_OK);
            if (i >= 20000) {
                s += g[0];
                s2 += g[0] * g[0];
            }
        }
        mu = s / 20000;
        var[which] = (s2 - 20000 * mu * mu) / 19999;
        gsl_rng_free(r);
    }
    ck_assert_msg(var[1] < 0.75 * var[0], "variance: relax %.4g, rebar %.4g", var[1], var[0]);
    free(state);
    free(work);
    ggs_estim_problem_free(&pb);
}
END_TEST

START_TEST(test_estim_test_sees_bias)
{
    ggs_dist d = parsed("binomial:20,0.3");
    double t[2] = { 3, 9 }, exact, mean, se;
    ggs_estim_problem pb;
    exact_on(&exact, &d, 0, 21, t, 2);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 21, t, 2), GGS_OK);
    mean_se(&mean, &se, "gengs", &pb, 1, 1, 50000, 77);
    ck_assert_msg(fabs(mean - exact) > EST_Z * se,
                  "GenGS at tau = 1: mean %.6g, exact %.6g, se %.3g", mean, exact, se);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 4052 "book/22-estimators.nw"
static void bias_falls(const char *dist, size_t n, const double *t, double tau_hi,
                       double tau_lo, unsigned long M)
{
    ggs_dist d = parsed(dist);
    double exact, m_hi, se_hi, m_lo, se_lo;
    ggs_estim_problem pb;
    exact_on(&exact, &d, 0, n, t, 2);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, n, t, 2), GGS_OK);
    mean_se(&m_hi, &se_hi, "gengs", &pb, 1, tau_hi, M, 5);
    mean_se(&m_lo, &se_lo, "gengs", &pb, 1, tau_lo, M, 6);
    ck_assert_msg(fabs(m_hi - exact) - fabs(m_lo - exact) > EST_Z * hypot(se_hi, se_lo),
                  "%s: bias %.4g (se %.3g) at tau %g, %.4g (se %.3g) at tau %g", dist,
                  m_hi - exact, se_hi, tau_hi, m_lo - exact, se_lo, tau_lo);
    ggs_estim_problem_free(&pb);
}

START_TEST(test_estim_gengs_bias_falls_with_tau)
{
    double tb[2] = { 3, 9 }, tp[2] = { 20, 25 };
    bias_falls("binomial:20,0.3", 21, tb, 1, 0.2, 1000000);
    bias_falls("poisson:18", 40, tp, 1, 0.25, 400000);
}
END_TEST
#line 4080 "book/22-estimators.nw"
START_TEST(test_estim_gengs_bias_falls_with_n)
{
    ggs_dist d = parsed("poisson:18");
    double t = 20, closed, m[2], se[2];
    size_t ns[2] = { 25, 40 };
    ck_assert_int_eq(ggs_estim_closed_form(&closed, &d, &t, 1), GGS_OK);
    for (int i = 0; i < 2; i++) {
        ggs_estim_problem pb;
        ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, ns[i], &t, 1), GGS_OK);
        mean_se(&m[i], &se[i], "gengs", &pb, 1, 0.25, 100000, 40 + (unsigned long)i);
        ggs_estim_problem_free(&pb);
    }
    ck_assert_msg(fabs(m[0] - closed) - fabs(m[1] - closed) > EST_Z * hypot(se[0], se[1]),
                  "bias %.4g (se %.3g) at n = 25, %.4g (se %.3g) at n = 40", m[0] - closed,
                  se[0], m[1] - closed, se[1]);
}
END_TEST
#line 4101 "book/22-estimators.nw"
START_TEST(test_estim_errors)
{
    ggs_dist d = parsed("poisson:3"), mn = parsed("multinomial:3,0.5,0.5");
    ggs_dist cat = parsed("categorical:0.2,0.8"), b = parsed("binomial:5,0.5");
    ggs_estim_problem pb;
    double t[2] = { 1, 2 }, bad[1] = { NAN }, grad[1] = { 42 }, work[64];
    ggs_estim_options one = { 1, 1, NULL }, cold = { 1, 0, NULL }, nan_tau = { 1, NAN, NULL };
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &mn, 0, 5, t, 1), GGS_EINVAL);  /* 4 of them */
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "compositions"));
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &mn, 1, 4, t, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 4, t, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 1, t, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 4, bad, 1), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "target 0"));
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &b, 0, 9, t, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_estim_closed_form(grad, &cat, t, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_estim_closed_form(grad, &d, t, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 8, t, 1), GGS_OK);
    ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("rf-star"), &pb, &one, NULL, work),
                     GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "rf-star"));
    ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("gengs"), &pb, &cold, NULL, work),
                     GGS_EDOM);
    ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("gengs-st"), &pb, &nan_tau, NULL,
                                  work), GGS_EDOM);
    {
        ggs_estim_options thirteen = { 13, 1, NULL };
        ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("unord"), &pb, &thirteen, NULL,
                                      work), GGS_EINVAL);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "at most 12"));
        ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("unord-star"), &pb, &one, NULL,
                                      work), GGS_EINVAL);
    }
    ck_assert_double_eq(grad[0], 42);   /* untouched */
    ggs_estim_problem_free(&pb);
    ggs_estim_problem_free(&pb);        /* a zeroed problem is allowed */
    ck_assert_ptr_null(pb.block);
}
END_TEST

START_TEST(test_estim_table)
{
    size_t n = ggs_estimator_count();
    ck_assert_uint_ge(n, 6);
    ck_assert_ptr_null(ggs_estimator_at(n));
    ck_assert_ptr_null(ggs_estimator_find("reinforce"));
    for (size_t i = 0; i < n; i++) {
        const ggs_estimator *e = ggs_estimator_at(i);
        ck_assert_ptr_eq(ggs_estimator_find(e->name), e);   /* names are unique */
        ck_assert_uint_ge(e->default_samples, e->min_samples);
        ck_assert_uint_ge(e->min_samples, 1);
        ck_assert(strlen(e->summary) > 0 && strlen(e->cost) > 0);
    }
}
END_TEST
#line 4198 "book/22-estimators.nw"
START_TEST(test_synth_exact_lines)
{
    double x[4], closed[2], t = 2 * 0.6 / 0.4;   /* the mean of negbin:2,0.4 */
    ggs_dist at = parsed("negbin:2.5,0.5");
    ck_assert_int_eq(run_synth("gengs synth poisson:20 --estimator exact --gradient-at 18 "
                           "--draws 10 --seed 1"), 0);
    columns(x, 0);
    ck_assert_double_le(fabs(x[0] + 3), 1e-8);
    ck_assert_double_eq(x[1], x[0]);
    ck_assert_double_eq(x[2], 0);
    ck_assert_double_eq(x[3], 0);
    ck_assert_ptr_null(strchr(strchr(est_out, '\n') + 1, '\n'));   /* one line */
    ck_assert_int_eq(run_synth("gengs synth negbin:2,0.4 --estimator exact "
                               "--gradient-at 2.5,0.5 --draws 2 --seed 1"), 0);
    ck_assert_int_eq(ggs_estim_closed_form(closed, &at, &t, 1), GGS_OK);
    for (int j = 0; j < 2; j++) {
        columns(x, j);
        ck_assert_double_le(ggs_test_reldiff(x[0], closed[j]), 1e-8);
    }
}
END_TEST
#line 4226 "book/22-estimators.nw"
START_TEST(test_synth_estimates)
{
    double x[4], mean, se;
    char first[4096];
    ggs_dist d = parsed("binomial:20,0.4");
    ggs_estim_problem pb;
    double t[2] = { 3, 9 };
    ck_assert_int_eq(run_synth("gengs synth binomial:20,0.3 --estimator rf --gradient-at 0.4 "
                           "--draws 20000 --seed 9 --n 21 --targets 3,9"), 0);
    columns(x, 0);
    strcpy(first, est_out);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &d, 0, 21, t, 2), GGS_OK);
    mean_se(&mean, &se, "rf", &pb, 1, 1, 20000, 9);
    ggs_estim_problem_free(&pb);
    ck_assert_double_le(ggs_test_reldiff(x[1], mean), 1e-10);
    ck_assert_double_le(ggs_test_reldiff(x[2], se), 1e-6);
    ck_assert_double_le(fabs(x[1] - x[0]), EST_Z * x[2]);
    ck_assert_double_le(ggs_test_reldiff(x[3], x[2] * x[2] * 20000), 1e-12);
    ck_assert_int_eq(run_synth("gengs synth binomial:20,0.3 --estimator rf --gradient-at 0.4 "
                           "--draws 20000 --seed 9 --n 21 --targets 3,9"), 0);
    ck_assert_str_eq(est_out, first);
    ck_assert_int_eq(run_synth("gengs synth binomial:20,0.3 --estimator rf --gradient-at 0.4 "
                           "--draws 20000 --seed 10 --n 21 --targets 3,9"), 0);
    ck_assert_str_ne(est_out, first);
    ck_assert_int_eq(run_synth("gengs synth poisson:20 --estimator rf-star --gradient-at 18 "
                           "--draws 20000 --seed 3"), 0);
    columns(x, 0);
    ck_assert_double_le(fabs(x[1] - x[0]), EST_Z * x[2]);
}
END_TEST
#line 4259 "book/22-estimators.nw"
static const struct { const char *line, *needle; } synth_errors[] = {
    { "gengs synth poisson:20 --estimator frob --gradient-at 18 --draws 9 --seed 1", "frob" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 1 --seed 1", "--draws" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 1e3 --seed 1",
      "--draws" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 9 --seed -1", "--seed" },
    { "gengs synth poisson:20 --estimator rf --draws 9 --seed 1", "--gradient-at" },
    { "gengs synth poisson:20 --estimator rf --gradient-at -1 --draws 9 --seed 1", "lambda" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 1,2 --draws 9 --seed 1", "1,2" },
    { "gengs synth poisson:20 --estimator gengs --gradient-at 18 --draws 9 --seed 1", "--tau" },
    { "gengs synth poisson:20 --estimator gengs --gradient-at 18 --draws 9 --seed 1 --tau 0",
      "--tau" },
    { "gengs synth poisson:20 --estimator rf-star --gradient-at 18 --draws 9 --seed 1 "
      "--samples 1", "--samples" },
    { "gengs synth poisson:20 --estimator unord --gradient-at 18 --draws 9 --seed 1 "
      "--samples 13", "--samples <= 12" },
    { "gengs synth multinomial:1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.2 --estimator relax "
      "--draws 9 --seed 1 --tau 1", "relax takes outcomes of at most 8 coordinates" },
    { "gengs synth multinomial:3,0.5,0.5 --estimator rf --gradient-at 0.5,0.5 --draws 9 "
      "--seed 1 --targets 1,2,3", "--targets" },
    { "gengs synth multinomial:3,0.5,0.5 --estimator rf --gradient-at 0.5,0.5 --draws 9 "
      "--seed 1 --n 5", "4 compositions" },
    { "gengs synth multinomial:3,0.5,0.5 --estimator rf --gradient-at 0.5,0.4 --draws 9 "
      "--seed 1", "--gradient-at" },
    { "gengs synth multinomial:3,0.5,0.5 --estimator rf --optimize 9 --start 1,0 --lr 0.1 "
      "--draws 9 --seed 1", "--start" },
    { "gengs synth multinomial:3,0.5,0.5 --estimator rf --optimize 9 --start 0.5,0.4 "
      "--lr 0.1 --draws 9 --seed 1", "--start" },
    { "gengs synth multinomial:3,0.5,0.5,0 --estimator rf --optimize 9 --lr 0.1 --start 0.5 "
      "--draws 9 --seed 1 --draw-targets 2000", "--draw-targets" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 9 --seed 1 --n 1",
      "--n" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 9 --seed 1 --bogus 1",
      "--bogus" },
    { "gengs synth --estimator rf --gradient-at 18 --draws 9 --seed 1", "DIST" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 9 --seed 1 "
      "--targets 1,,2", "--targets" },
    { "gengs synth categorical:0.2,0.8 --estimator rf --gradient-at 0.5,0.5 --draws 9 "
      "--seed 1 --n 3", "categories" },
    { "gengs synth binomial:5,0.5 --estimator rf --gradient-at 0.5 --draws 9 --seed 1 --n 9",
      "support" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 9 --seed", "--seed" },
    { "gengs synth poisson:20 --estimator rf --optimize 0 --start 10 --lr 0.1 --draws 9 "
      "--seed 1", "--optimize" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --gradient-at 18 --start 10 "
      "--lr 0.1 --draws 9 --seed 1", "--gradient-at" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --lr 0.1 --draws 9 --seed 1",
      "--start" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --start 10 --draws 9 --seed 1",
      "--lr" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --start 10 --lr 0 --draws 9 "
      "--seed 1", "--lr" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --start -1 --lr 0.1 --draws 9 "
      "--seed 1", "--start" },
    { "gengs synth binomial:20,0.3 --estimator rf --optimize 9 --start 1 --lr 0.1 --draws 9 "
      "--seed 1", "--start" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --start 10 --lr 0.1 --draws 9 "
      "--seed 1 --optimizer newton", "--optimizer" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --start 10 --lr 0.1 --draws 9 "
      "--seed 1 --record-every 0", "--record-every" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --start 10 --lr 0.1 --draws 9 "
      "--seed 1 --draw-targets 0", "--draw-targets" },
    { "gengs synth poisson:20 --estimator rf --optimize 9 --start 10 --lr 0.1 --draws 9 "
      "--seed 1 --draw-targets 3 --targets 1,2", "--draw-targets" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 9 --seed 1 --lr 0.1",
      "--lr" },
    { "gengs synth poisson:20 --estimator rf --gradient-at 18 --draws 9 --seed 1 --out x.csv",
      "--out" },
    { "gengs synth categorical:0.2,0.8 --estimator rf --optimize 9 --start 0.5 --lr 0.1 "
      "--draws 9 --seed 1", "categorical" },
};

START_TEST(test_synth_usage_errors)
{
    const char *line = synth_errors[_i].line;
    int rc = run_synth(line);
    ck_assert_msg(rc == GGS_EXIT_USAGE, "'%s' exited %d", line, rc);
    ck_assert_msg(strncmp(est_err, "gengs: error: ", 14) == 0, "'%s' said '%s'", line, est_err);
    ck_assert_msg(strstr(est_err, synth_errors[_i].needle) != NULL,
                  "'%s' said '%s', which does not name '%s'", line, est_err,
                  synth_errors[_i].needle);
    ck_assert_str_eq(est_out, "");
}
END_TEST

START_TEST(test_synth_help)
{
    ck_assert_int_eq(run_synth("gengs synth --help"), 0);
    for (size_t i = 0; i < ggs_estimator_count(); i++)
        ck_assert_ptr_nonnull(strstr(est_out, ggs_estimator_at(i)->name));
    ck_assert_int_eq(run_synth("gengs --help"), 0);
    ck_assert_ptr_nonnull(strstr(est_out, "synth"));
}
END_TEST
#line 4359 "book/22-estimators.nw"
START_TEST(test_estim_problem_update)
{
    ggs_dist a = parsed("negbin:3,0.4"), b = parsed("negbin:3,0.55"), c = parsed("poisson:3");
    double t[2] = { 2, 7 };
    ggs_estim_problem pa, pb;
    ck_assert_int_eq(ggs_estim_problem_init(&pa, &a, 0, 60, t, 2), GGS_OK);
    ck_assert_int_eq(ggs_estim_problem_init(&pb, &b, 0, 60, t, 2), GGS_OK);
    ck_assert_int_eq(ggs_estim_problem_update(&pa, &b), GGS_OK);
    for (size_t k = 0; k < 60; k++) {
        ck_assert_double_eq(pa.pi[k], pb.pi[k]);
        ck_assert_double_eq(pa.dlogpi[2 * k + 1], pb.dlogpi[2 * k + 1]);
    }
    ck_assert_int_eq(ggs_estim_problem_update(&pa, &c), GGS_EINVAL);
    ck_assert_double_eq(pa.dist.theta[1], 0.55);   /* untouched */
    ggs_estim_problem_free(&pa);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 4392 "book/22-estimators.nw"
/* the 7 numbers of CSV data row `row` (0 = the first after the header) */
static void csv_row(double *x, int row)
{
    const char *p = strchr(est_out, '\n');
    for (int r = 0; r < row && p != NULL; r++)
        p = strchr(p + 1, '\n');
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(sscanf(p + 1, "%lf,%lf,%lf,%lf,%lf,%lf,%lf", &x[0], &x[1], &x[2], &x[3],
                            &x[4], &x[5], &x[6]), 7);
}

static int csv_rows(void)
{
    int rows = -1;                         /* the header is not a row */
    for (const char *p = est_out; (p = strchr(p, '\n')) != NULL; p++)
        rows++;
    return rows;
}

static const struct { const char *line; double minimizer; } minimizer_cases[] = {
    { "gengs synth poisson:20 --estimator exact --optimize 301 --start 10 --lr 5e-4 "
      "--optimizer sgd --targets 17,22 --draws 2 --seed 1 --record-every 300", 19 },
    { "gengs synth binomial:20,0.3 --estimator exact --optimize 301 --start 0.6 --lr 0.01 "
      "--optimizer sgd --targets 3,9 --draws 2 --seed 1 --record-every 300", 11.0 / 38 },
    { "gengs synth negbin:3,0.4 --estimator exact --optimize 301 --start 0.7 --lr 0.01 "
      "--optimizer sgd --targets 2,7 --draws 2 --seed 1 --record-every 300", 0.5 },
    { "gengs synth poisson:20 --estimator exact --optimize 1001 --start 10 --lr 0.05 "
      "--targets 17,22 --draws 2 --seed 1 --record-every 1000", 19 },
};

START_TEST(test_synth_optimize_minimizer)
{
    double x[7];
    ck_assert_int_eq(run_synth(minimizer_cases[_i].line), 0);
    ck_assert_int_eq(csv_rows(), 2);
    csv_row(x, 1);
    ck_assert_msg(ggs_test_reldiff(x[2], minimizer_cases[_i].minimizer) <= 1e-6,
                  "'%s' ended at %.10g, not %.10g", minimizer_cases[_i].line, x[2],
                  minimizer_cases[_i].minimizer);
    ck_assert_double_le(fabs(x[3]), 1e-3);    /* the exact gradient vanishes there */
}
END_TEST
#line 4442 "book/22-estimators.nw"
START_TEST(test_synth_optimize_csv)
{
    double x[7], y[7], theta6;
    char first[65536], dir[64] = "/tmp/gengs-synth-XXXXXX", path[96];
    FILE *f;
    ck_assert_int_eq(run_synth("gengs synth poisson:20 --estimator rf --optimize 7 --start 10 "
                               "--lr 0.1 --targets 17,22 --draws 50 --seed 4"), 0);
    ck_assert_uint_eq(strncmp(est_out, "step,loss,lambda,exact,mean,variance,bias\n", 42), 0);
    ck_assert_int_eq(csv_rows(), 7);
    for (int r = 0; r < 7; r++) {
        csv_row(x, r);
        ck_assert_double_eq(x[0], r);
        ck_assert_double_gt(x[5], 0);
        ck_assert_double_le(fabs(x[6] - (x[4] - x[3])), 1e-12 * (fabs(x[4]) + fabs(x[3])));
    }
    csv_row(x, 0);
    ck_assert_double_le(fabs(x[1] - 213), 1e-8);
    ck_assert_double_eq(x[2], 10);
    csv_row(x, 6);
    theta6 = x[2];
    strcpy(first, est_out);
    ck_assert_int_eq(run_synth("gengs synth poisson:20 --estimator rf --optimize 7 --start 10 "
                               "--lr 0.1 --targets 17,22 --draws 2 --seed 4 --record-every 3"),
                     0);
    ck_assert_int_eq(csv_rows(), 3);
    csv_row(y, 2);
    ck_assert_double_eq(y[0], 6);
    ck_assert_double_eq(y[2], theta6);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/path.csv", dir);
    {
        char line[256];
        snprintf(line, sizeof line, "gengs synth poisson:20 --estimator rf --optimize 7 "
                 "--start 10 --lr 0.1 --targets 17,22 --draws 50 --seed 4 --out %s", path);
        ck_assert_int_eq(run_synth(line), 0);
    }
    ck_assert_str_eq(est_out, "");
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    ggs_test_slurp(est_out, sizeof est_out, f);
    ck_assert_int_eq(remove(path), 0);
    ck_assert_int_eq(remove(dir), 0);
    ck_assert_str_eq(est_out, first);
}
END_TEST
#line 4491 "book/22-estimators.nw"
START_TEST(test_synth_optimize_learning_estimators)
{
    static const char *const est[] = { "relax", "nvil" };
    for (int i = 0; i < 2; i++) {
        double x[7], theta4;
        char line[512];
        snprintf(line, sizeof line, "gengs synth poisson:20 --estimator %s --optimize 5 "
                 "--start 10 --lr 0.1 --tau 0.5 --targets 17,22 --draws 2 --seed 4", est[i]);
        ck_assert_int_eq(run_synth(line), 0);
        csv_row(x, 4);
        theta4 = x[2];
        ck_assert_double_ne(theta4, 10);
        snprintf(line, sizeof line, "gengs synth poisson:20 --estimator %s --optimize 5 "
                 "--start 10 --lr 0.1 --tau 0.5 --targets 17,22 --draws 40 --seed 4", est[i]);
        ck_assert_int_eq(run_synth(line), 0);
        csv_row(x, 4);
        ck_assert_msg(x[2] == theta4, "%s: theta %.17g after 5 steps with 40 measuring draws, "
                      "%.17g with 2", est[i], x[2], theta4);
    }
}
END_TEST
#line 4515 "book/22-estimators.nw"
START_TEST(test_synth_optimize_drawn_targets)
{
    double x[7];
    char first[4096];
    ck_assert_int_eq(run_synth("gengs synth binomial:20,0.3 --estimator exact --optimize 2 "
                               "--start 0.5 --lr 0.01 --draw-targets 5 --draws 2 --seed 8"), 0);
    ck_assert_int_eq(csv_rows(), 2);
    csv_row(x, 0);
    ck_assert_double_eq(x[5], 0);
    ck_assert_double_eq(x[6], 0);
    ck_assert_double_gt(x[1], 0);
    strcpy(first, est_out);
    ck_assert_int_eq(run_synth("gengs synth binomial:20,0.3 --estimator exact --optimize 2 "
                               "--start 0.5 --lr 0.01 --draw-targets 5 --draws 2 --seed 8"), 0);
    ck_assert_str_eq(est_out, first);
    ck_assert_int_eq(run_synth("gengs synth binomial:20,0.3 --estimator exact --optimize 2 "
                               "--start 0.5 --lr 0.01 --draw-targets 5 --draws 2 --seed 9"), 0);
    ck_assert_str_ne(est_out, first);
}
END_TEST
#line 4539 "book/22-estimators.nw"
static const struct { const char *line, *needle; } optimize_runtime[] = {
    { "gengs synth poisson:20 --estimator exact --optimize 5 --start 10 --lr 1e6 "
      "--optimizer sgd --draws 2 --seed 1", "lambda" },
    { "gengs synth binomial:20,0.3 --estimator exact --optimize 5 --start 0.6 --lr 1e6 "
      "--optimizer sgd --targets 19 --draws 2 --seed 1", "left the domain" },
    { "gengs synth poisson:20 --estimator rf --optimize 5 --start 10 --lr 0.1 "
      "--targets 1e300 --draws 2 --seed 1", "step 0" },
    { "gengs synth poisson:20 --estimator rf --optimize 5 --start 10 --lr 0.1 "
      "--draws 2 --seed 1 --out /nonexistent-dir/x.csv", "nonexistent-dir" },
};

START_TEST(test_synth_optimize_runtime_errors)
{
    int rc = run_synth(optimize_runtime[_i].line);
    ck_assert_msg(rc == GGS_EXIT_RUNTIME, "'%s' exited %d", optimize_runtime[_i].line, rc);
    ck_assert_msg(strstr(est_err, optimize_runtime[_i].needle) != NULL, "'%s' said '%s'",
                  optimize_runtime[_i].line, est_err);
}
END_TEST
#line 4614 "book/22-estimators.nw"
static const struct { const char *dist; size_t nt; double t[12]; } mult_cases[] = {
    { "multinomial:3,0.7,0.2,0.1", 2, { 2, 1, 0, 0, 0, 3 } },
    { "multinomial:3,0.25,0.35,0.4", 3, { 3, 0, 0, 1, 1, 1, 0.5, 2, 0.5 } },
    { "multinomial:5,0.1,0.2,0.3,0.4", 2, { 1, 1, 1, 2, 5, 0, 0, 0 } },
};

START_TEST(test_estim_multinomial_exact)
{
    ggs_estim_problem pb = multinomial_problem(mult_cases[_i].dist, mult_cases[_i].t,
                                               mult_cases[_i].nt);
    ggs_estim_options o = { 1, 1, NULL };
    double grad[3], closed[3], work[1024], sum = 0;
    size_t C = pb.D;
    ck_assert_uint_eq(pb.P, C - 1);
    ck_assert_uint_le(ggs_estim_work_size(&pb, 1), 1024);
    ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find("exact"), &pb, &o, NULL, work),
                     GGS_OK);
    multinomial_closed(closed, (double)pb.dist.trials, pb.dist.theta, C, mult_cases[_i].t,
                       mult_cases[_i].nt);
    for (size_t j = 0; j < pb.P; j++)
        ck_assert_msg(ggs_test_reldiff(grad[j], closed[j]) <= 1e-12,
                      "%s p%zu: enumeration %.17g, closed form %.17g", mult_cases[_i].dist,
                      j + 1, grad[j], closed[j]);
    for (size_t k = 0; k < pb.n; k++)
        sum += pb.pi[k];
    ck_assert_double_le(fabs(sum - 1), 1e-14);
    if (C == 3) {
        double c[30], logpi[10];
        ck_assert_uint_eq(compositions3(c, logpi, 3, pb.dist.theta), pb.n);
        for (size_t k = 0; k < pb.n; k++) {
            ck_assert_double_le(fabs(pb.logpi[k] - logpi[k]), 1e-13);
            for (size_t j = 0; j < 3; j++) {
                ck_assert_double_eq(pb.c[3 * k + j], c[3 * k + j]);
                ck_assert_double_eq(pb.cT[j * pb.n + k], c[3 * k + j]);
            }
        }
    }
    ggs_estim_problem_free(&pb);
}
END_TEST

START_TEST(test_estim_compositions)
{
    ggs_dist a = parsed("multinomial:3,0.7,0.2,0.1"), b = parsed("multinomial:5,0.1,0.2,0.3,0.4");
    ggs_dist big = parsed("multinomial:2000000,0.5,0.5"), p = parsed("poisson:3");
    ggs_dist wide = parsed("multinomial:100,0.25,0.25,0.25,0.25");   /* 176851, 4 each */
    ggs_dist over = parsed("multinomial:200,0.25,0.25,0.25,0.25");   /* 1373701 */
    ggs_dist tall = parsed("multinomial:150,0.25,0.25,0.25,0.25");   /* 585276, 4 each */
    ck_assert_uint_eq(ggs_estim_compositions(&a), 10);
    ck_assert_uint_eq(ggs_estim_compositions(&b), 56);
    ck_assert_uint_eq(ggs_estim_compositions(&wide), 176851);
    ck_assert_uint_eq(ggs_estim_compositions(&over), 0);
    ck_assert_uint_eq(ggs_estim_compositions(&tall), 0);     /* 2341104 counts */
    ck_assert_uint_eq(ggs_estim_compositions(&big), 0);
    ck_assert_uint_eq(ggs_estim_compositions(&p), 0);
}
END_TEST
#line 4676 "book/22-estimators.nw"
START_TEST(test_estim_multinomial_is_binomial)
{
    double tm[4] = { 1, 4, 3.5, 1.5 }, tb[2] = { 1, 3.5 }, gm[1], gb[1];
    ggs_estim_problem pb = multinomial_problem("multinomial:5,0.35,0.65", tm, 2);
    ggs_estim_options o = { 1, 1, NULL };
    ggs_dist b = parsed("binomial:5,0.35");
    double work[256];
    ck_assert_int_eq(ggs_estimate(gm, ggs_estimator_find("exact"), &pb, &o, NULL, work),
                     GGS_OK);
    exact_on(gb, &b, 0, 6, tb, 2);
    ck_assert_double_le(ggs_test_reldiff(gm[0], 2 * gb[0]), 1e-13);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 4729 "book/22-estimators.nw"
static const struct { const char *est; size_t K; } mult_unbiased[] = {
    { "rf", 1 }, { "rf-star", 4 }, { "muprop", 1 }, { "rebar", 1 }, { "detrb", 1 },
    { "storb", 1 }, { "unord", 2 }, { "unord-star", 2 }, { "relax", 1 },
};

START_TEST(test_estim_multinomial_unbiased)
{
    double t[6] = { 2, 1, 0, 0, 0, 3 }, closed[2], mean[2], se[2];
    ggs_estim_problem pb = multinomial_problem("multinomial:3,0.7,0.2,0.1", t, 2);
    multinomial_closed(closed, 3, pb.dist.theta, 3, t, 2);
    mean_se_all(mean, se, mult_unbiased[_i].est, &pb, mult_unbiased[_i].K, 1, 50000,
                2000 + (unsigned long)_i);
    for (size_t j = 0; j < 2; j++) {
        ck_assert_double_gt(se[j], 0);
        ck_assert_msg(fabs(mean[j] - closed[j]) <= EST_Z * se[j],
                      "%s on the multinomial, p%zu: mean %.6g, closed form %.6g, se %.3g",
                      mult_unbiased[_i].est, j + 1, mean[j], closed[j], se[j]);
    }
    ck_assert_int_eq(ggs_estimator_find(mult_unbiased[_i].est)->unbiased, 1);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 4761 "book/22-estimators.nw"
START_TEST(test_estim_multinomial_gengs_bias_falls)
{
    double t[6] = { 2, 1, 0, 0, 0, 3 }, closed[2], mh[2], sh[2], ml[2], sl[2];
    ggs_estim_problem pb = multinomial_problem("multinomial:3,0.7,0.2,0.1", t, 2);
    multinomial_closed(closed, 3, pb.dist.theta, 3, t, 2);
    mean_se_all(mh, sh, "gengs", &pb, 1, 0.5, 1000000, 7);
    mean_se_all(ml, sl, "gengs", &pb, 1, 0.1, 1000000, 8);
    for (size_t j = 0; j < 2; j++)
        ck_assert_msg(fabs(mh[j] - closed[j]) - fabs(ml[j] - closed[j])
                          > EST_Z * hypot(sh[j], sl[j]),
                      "p%zu: bias %.4g (se %.3g) at tau 0.5, %.4g (se %.3g) at tau 0.1", j + 1,
                      mh[j] - closed[j], sh[j], ml[j] - closed[j], sl[j]);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 4803 "book/22-estimators.nw"
START_TEST(test_estim_multinomial_relaxed_fd)
{
    double t[6] = { 2, 1, 0, 0, 0, 3 }, p[3] = { 0.5, 0.3, 0.2 }, g[10], grad[2], work[256];
    ggs_estim_problem pb = multinomial_problem("multinomial:3,0.5,0.3,0.2", t, 2);
    gsl_rng *r = ggs_rng_new(17);
    for (int st = 0; st <= 1; st++)
        for (int draw = 0; draw < 5; draw++) {
            ggs_estim_options o = { 1, st ? 0.7 : 0.4, NULL };
            gsl_rng *twin = gsl_rng_clone(r);
            double w[3], *wp = NULL;
            ggs_gumbel_fill(g, 10, twin);
            gsl_rng_free(twin);
            ck_assert_int_eq(ggs_estimate(grad, ggs_estimator_find(st ? "gengs-st" : "gengs"),
                                          &pb, &o, r, work), GGS_OK);
            if (st) {       /* w = f'(c_hard), the hard composition by Gumbel-Max */
                const double *ch = pb.c + 3 * ggs_gumbel_max(pb.logpi, g, 10);
                for (size_t j = 0; j < 3; j++)
                    w[j] = 2 * ((ch[j] - t[j]) + (ch[j] - t[3 + j]));
                wp = w;
            }
            for (size_t j = 0; j < 2; j++) {
                double h = 1e-6, up[3] = { p[0], p[1], p[2] }, dn[3] = { p[0], p[1], p[2] };
                double fd;
                up[j] += h;
                up[2] -= h;
                dn[j] -= h;
                dn[2] += h;
                fd = (mrelaxed(up, g, o.tau, t, 2, wp) - mrelaxed(dn, g, o.tau, t, 2, wp))
                     / (2 * h);
                ck_assert_msg(ggs_test_fd_agrees(grad[j], fd, EST_FD_TOL, 1e-7),
                              "%s draw %d p%zu: estimate %.12g, central difference %.12g",
                              st ? "gengs-st" : "gengs", draw, j + 1, grad[j], fd);
            }
        }
    gsl_rng_free(r);
    ggs_estim_problem_free(&pb);
}
END_TEST
#line 4850 "book/22-estimators.nw"
START_TEST(test_synth_multinomial)
{
    double x[4], closed[2], p[3] = { 0.5, 0.3, 0.2 }, t[6] = { 2, 1, 0, 0, 0, 3 }, row[12];
    const char *last, *header = "step,loss,p1,p2,exact_p1,exact_p2,mean_p1,mean_p2,"
                                "variance_p1,variance_p2,bias_p1,bias_p2\n";
    ck_assert_int_eq(run_synth("gengs synth multinomial:3,0.7,0.2,0.1 --estimator exact "
                               "--gradient-at 0.5,0.3,0.2 --targets 2,1,0,0,0,3 --draws 2 "
                               "--seed 1"), 0);
    multinomial_closed(closed, 3, p, 3, t, 2);
    for (int j = 0; j < 2; j++) {
        columns(x, j);
        ck_assert_double_le(ggs_test_reldiff(x[0], closed[j]), 1e-12);
    }
    ck_assert_ptr_null(strchr(strchr(strchr(est_out, '\n') + 1, '\n') + 1, '\n'));  /* 2 lines */
    ck_assert_int_eq(run_synth("gengs synth multinomial:3,0.7,0.2,0.1 --estimator exact "
                               "--optimize 1001 --start 0.2,0.3,0.5 --lr 0.1 --optimizer sgd "
                               "--targets 3,0,0,0,3,0,1,1,1,2,0,1 --draws 2 --seed 1 "
                               "--record-every 1000"), 0);
    ck_assert_int_eq(strncmp(est_out, header, strlen(header)), 0);
    ck_assert_int_eq(csv_rows(), 2);
    last = strrchr(est_out, '\n');
    while (last > est_out && last[-1] != '\n')
        last--;
    ck_assert_int_eq(sscanf(last, "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", &row[0],
                            &row[1], &row[2], &row[3], &row[4], &row[5], &row[6], &row[7],
                            &row[8], &row[9], &row[10], &row[11]), 12);
    ck_assert_double_eq(row[0], 1000);
    ck_assert_double_le(ggs_test_reldiff(row[2], 7.0 / 12), 1e-9);
    ck_assert_double_le(ggs_test_reldiff(row[3], 1.0 / 3), 1e-9);
    ck_assert_int_eq(run_synth("gengs synth multinomial:3,0.7,0.2,0.1 --estimator relax "
                               "--gradient-at 0.5,0.3,0.2 --tau 1 --draws 2 --seed 1"), 0);
    ck_assert_ptr_nonnull(strchr(strchr(est_out, '\n') + 1, '\n'));          /* 2 lines */
    ck_assert_ptr_null(strchr(strchr(strchr(est_out, '\n') + 1, '\n') + 1, '\n'));
    ck_assert_int_eq(run_synth("gengs synth multinomial:1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.2 "
                               "--estimator relax --gradient-at 0.1,0.1,0.1,0.1,0.1,0.1,0.1,"
                               "0.1,0.2 --tau 1 --draws 2 --seed 1"),
                     GGS_EXIT_USAGE);
    ck_assert_ptr_nonnull(strstr(est_err, "relax takes outcomes of at most 8 coordinates"));
    ck_assert_ptr_nonnull(strstr(est_err, "vector of 9 counts"));
    ck_assert_str_eq(est_out, "");
}
END_TEST
#line 4898 "book/22-estimators.nw"
START_TEST(test_estim_multinomial_relax_limits)
{
    double t[9] = { 1, 0, 0, 0, 0, 0, 0, 0, 0 }, grad[8] = { 42, 42 };
    double work[256], state[300] = { 0 };
    ggs_estim_problem pb = multinomial_problem("multinomial:1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.2",
                                               t, 1);
    const ggs_estimator *e = ggs_estimator_find("relax");
    ggs_estim_options o = { 1, 1, state };
    ck_assert_uint_le(e->state_size, 300);
    ck_assert_uint_eq(e->max_dim, 8);
    ck_assert_uint_eq(pb.D, 9);
    ck_assert_int_eq(ggs_estimate(grad, e, &pb, &o, NULL, work), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "relax"));
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "multinomial"));
    ck_assert_double_eq(grad[0], 42);
    for (size_t i = 0; i < ggs_estimator_count(); i++)   /* the only one */
        ck_assert_uint_eq(ggs_estimator_at(i)->max_dim, ggs_estimator_at(i) == e ? 8 : 0);
    ggs_estim_problem_free(&pb);
}
END_TEST

START_TEST(test_estim_multinomial_relax_rho_gradient)
{
    double t[6] = { 2, 1, 0, 0, 0, 3 }, mu0[3] = { 1.9, 0.7, 0.4 }, s0[3] = { 0.8, 0.65, 0.5 };
    ggs_estim_problem pb = multinomial_problem("multinomial:3,0.5,0.3,0.2", t, 2);
    ck_assert_uint_eq(pb.D, 3);
    relax_rho_fd(&pb, mu0, s0);
    ggs_estim_problem_free(&pb);
}
END_TEST

#line 3368 "book/22-estimators.nw"
Suite *make_estimators_suite(void)
{
    Suite *s = suite_create("estimators");
    TCase *core = tcase_create("Core");
    TCase *stat = tcase_create("Statistics");
    TCase *errors = tcase_create("Errors");
    
#line 4930 "book/22-estimators.nw"
tcase_add_loop_test(core, test_estim_exact_fd, 0, sizeof fd_cases / sizeof fd_cases[0]);
tcase_add_test(core, test_estim_closed_form);
tcase_add_test(core, test_estim_truncation_error_shrinks);
tcase_add_loop_test(core, test_estim_relaxed_fd, 0,
                    sizeof relaxed_cases / sizeof relaxed_cases[0]);
tcase_add_test(core, test_estim_table);
tcase_add_test(core, test_synth_exact_lines);
tcase_add_test(core, test_synth_help);
tcase_add_loop_test(stat, test_estim_unbiased, 0,
                    sizeof unbiased_cases / sizeof unbiased_cases[0]);
tcase_add_test(stat, test_estim_test_sees_bias);
tcase_add_test(stat, test_estim_unord_one_is_rf);
tcase_add_test(stat, test_estim_relax_rho_gradient);
tcase_add_test(stat, test_estim_relax_learns);
tcase_add_test(stat, test_estim_nvil_unbiased_up_to_scale);
tcase_add_test(stat, test_estim_unord_whole_support_is_exact);
tcase_add_test(stat, test_estim_gengs_bias_falls_with_tau);
tcase_add_test(stat, test_estim_gengs_bias_falls_with_n);
tcase_add_test(stat, test_synth_estimates);
tcase_add_test(errors, test_estim_errors);
tcase_add_loop_test(core, test_estim_multinomial_exact, 0,
                    sizeof mult_cases / sizeof mult_cases[0]);
tcase_add_test(core, test_estim_compositions);
tcase_add_test(core, test_estim_multinomial_is_binomial);
tcase_add_test(core, test_estim_multinomial_relaxed_fd);
tcase_add_test(core, test_synth_multinomial);
tcase_add_test(errors, test_estim_multinomial_relax_limits);
tcase_add_test(core, test_estim_multinomial_relax_rho_gradient);
tcase_add_loop_test(stat, test_estim_multinomial_unbiased, 0,
                    sizeof mult_unbiased / sizeof mult_unbiased[0]);
tcase_add_test(stat, test_estim_multinomial_gengs_bias_falls);
tcase_add_loop_test(errors, test_synth_usage_errors, 0,
                    sizeof synth_errors / sizeof synth_errors[0]);
tcase_add_test(core, test_estim_problem_update);
tcase_add_loop_test(core, test_synth_optimize_minimizer, 0,
                    sizeof minimizer_cases / sizeof minimizer_cases[0]);
tcase_add_test(core, test_synth_optimize_csv);
tcase_add_test(core, test_synth_optimize_drawn_targets);
tcase_add_test(core, test_synth_optimize_learning_estimators);
tcase_add_loop_test(errors, test_synth_optimize_runtime_errors, 0,
                    sizeof optimize_runtime / sizeof optimize_runtime[0]);
#line 3375 "book/22-estimators.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, stat);
    suite_add_tcase(s, errors);
    return s;
}
