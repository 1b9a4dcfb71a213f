#line 2186 "book/30-layer.nw"
/* Generated from book/30-layer.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include "check-gengs.h"

#line 2229 "book/30-layer.nw"
static const double RATES[] = { 1e-10, 0.01, 0.5, 2.0, 3.12, 7.5, 18.9, 19.0, 25.0, 100.0, 1.0 };
enum { NRATES = sizeof RATES / sizeof RATES[0] };

/* The reference truncated log-pmf of Poisson(lambda) on {0..n-1} from the library. */
static void reference_logpi(double *logpi, double lambda, size_t n)
{
    ggs_dist d;
    ck_assert_int_eq(ggs_dist_poisson(&d, lambda), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(logpi, &d, 0, n), GGS_OK);
}

/* |a - b| <= tol max(1, |b|) */
static int close_rel(double a, double b, double tol)
{
    return fabs(a - b) <= tol * fmax(1.0, fabs(b));
}
#line 2258 "book/30-layer.nw"
static void compare_with_generic(size_t n, double tau)
{
    enum { B = 3, K = 7, R = B * K };
    size_t rows = R;
    double lam[R], z[R], *logpi = malloc(R * n * sizeof *logpi), *y = malloc(R * n * sizeof *y);
    double *g = malloc(R * n * sizeof *g), *ref = malloc(n * sizeof *ref);
    double *yref = malloc(n * sizeof *yref), *c = malloc(n * sizeof *c);
    ggs_layer *L = ggs_layer_alloc(B, K, n);
    ggs_noise q;
    ck_assert_ptr_nonnull(L);
    for (size_t r = 0; r < rows; r++)
        lam[r] = RATES[r % NRATES];
    for (size_t k = 0; k < n; k++)
        c[k] = (double)k;
    ggs_noise_seed(&q, 7 + n);
    ck_assert_int_eq(ggs_layer_forward(L, z, lam, tau, &q), GGS_OK);
    ck_assert_int_eq(ggs_layer_export(L, logpi, y, g), GGS_OK);
    for (size_t r = 0; r < rows; r++) {
        double zref;
        reference_logpi(ref, lam[r], n);
        for (size_t k = 0; k < n; k++)
            ck_assert_msg(close_rel(logpi[r * n + k], ref[k], 1e-12),
                          "lambda %g n %zu k %zu: logpi %.17g, reference %.17g",
                          lam[r], n, k, logpi[r * n + k], ref[k]);
        ck_assert_int_eq(ggs_gengs_forward(&zref, yref, ref, g + r * n, c, tau, n), GGS_OK);
        ck_assert_msg(close_rel(z[r], zref, 1e-12), "lambda %g n %zu: z %.17g, reference %.17g",
                      lam[r], n, z[r], zref);
        for (size_t k = 0; k < n; k++)
            ck_assert(fabs(y[r * n + k] - yref[k]) <= 1e-12);
    }
    ggs_layer_free(L);
    free(logpi); free(y); free(g); free(ref); free(yref); free(c);
}

START_TEST(test_layer_forward_double_matches_generic)
{
    compare_with_generic(2, 0.5);
    compare_with_generic(3, 1.7);
    compare_with_generic(20, 0.5);
    compare_with_generic(37, 0.1);
}
END_TEST

START_TEST(test_layer_forward_float_matches_generic)
{
    enum { B = 4, K = 5, R = B * K, N = 20 };
    float lamf[R], zf[R], logpif[R * N], gf[R * N];
    double ref[N], g[N], c[N], y[N], zref;
    ggs_layerf *L = ggs_layer_allocf(B, K, N);
    ggs_noise q;
    ck_assert_ptr_nonnull(L);
    for (int k = 0; k < N; k++)
        c[k] = k;
    for (int r = 0; r < R; r++)
        lamf[r] = (float)RATES[r % NRATES];
    ggs_noise_seed(&q, 11);
    ck_assert_int_eq(ggs_layer_forwardf(L, zf, lamf, 0.5, &q), GGS_OK);
    ck_assert_int_eq(ggs_layer_exportf(L, logpif, NULL, gf), GGS_OK);
    for (int r = 0; r < R; r++) {
        double lam = (double)lamf[r];
        reference_logpi(ref, lam, N);
        for (int k = 0; k < N; k++) {
            double scale = fmax(1.0, fmax(fabs(ref[k]), lam));
            ck_assert_msg(fabs(logpif[r * N + k] - ref[k]) <= 4e-6 * scale,
                          "lambda %g k %d: float logpi %.9g, reference %.17g",
                          lam, k, (double)logpif[r * N + k], ref[k]);
            g[k] = (double)gf[r * N + k];
        }
        ck_assert_int_eq(ggs_gengs_forward(&zref, y, ref, g, c, 0.5, N), GGS_OK);
        ck_assert_msg(fabs(zf[r] - zref) <= 2e-5 * fmax(1.0, zref),
                      "lambda %g: float z %.9g, reference %.17g", lam, (double)zf[r], zref);
    }
    ggs_layer_freef(L);
}
END_TEST
#line 2347 "book/30-layer.nw"
static double reference_log_tail(double lam, size_t n)
{
    double Q = gsl_cdf_poisson_Q((unsigned)(n - 2), lam);
    long double t = 1, S = 1;
    if (Q > 1e-280)
        return log(Q);
    /* Q underflows: log p(n-1) + log S, S summed to convergence in long double */
    for (size_t j = 1; t > 1e-30L * S; j++) {
        t *= (long double)lam / (long double)(n - 1 + j);
        S += t;
    }
    return (double)(n - 1) * log(lam) - lam - gsl_sf_lnfact((unsigned)(n - 1)) + (double)logl(S);
}

START_TEST(test_layer_tail_matches_gsl)
{
    static const double lams[] = { 1e-10, 0.5, 2.0, 3.12, 19.0, 100.0 };
    static const size_t ns[] = { 2, 3, 5, 20, 21, 50, 101, 150 };
    enum { NL = sizeof lams / sizeof lams[0] };
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        size_t n = ns[i];
        double lam[NL], z[NL], *logpi = malloc(NL * n * sizeof *logpi);
        float lamf[NL], zf[NL], *logpif = malloc(NL * n * sizeof *logpif);
        ggs_layer *L = ggs_layer_alloc(1, NL, n);
        ggs_layerf *Lf = ggs_layer_allocf(1, NL, n);
        ggs_noise q;
        ggs_noise_seed(&q, 3);
        for (int r = 0; r < NL; r++) {
            lam[r] = lams[r];
            lamf[r] = (float)lams[r];
        }
        ck_assert_int_eq(ggs_layer_forward(L, z, lam, 1.0, &q), GGS_OK);
        ck_assert_int_eq(ggs_layer_export(L, logpi, NULL, NULL), GGS_OK);
        ck_assert_int_eq(ggs_layer_forwardf(Lf, zf, lamf, 1.0, &q), GGS_OK);
        ck_assert_int_eq(ggs_layer_exportf(Lf, logpif, NULL, NULL), GGS_OK);
        for (int r = 0; r < NL; r++) {
            double ref = reference_log_tail(lams[r], n), got = logpi[r * n + n - 1];
            double gotf = (double)logpif[r * n + n - 1];
            ck_assert_msg(close_rel(got, ref, 1e-12), "lambda %g n %zu: log Q %.17g, GSL %.17g",
                          lams[r], n, got, ref);
            ck_assert_msg(fabs(gotf - ref) <= 4e-6 * fmax(1.0, fmax(fabs(ref), lams[r])),
                          "lambda %g n %zu: float log Q %.9g, GSL %.17g", lams[r], n, gotf, ref);
        }
        ggs_layer_free(L);
        ggs_layer_freef(Lf);
        free(logpi);
        free(logpif);
    }
}
END_TEST
#line 2411 "book/30-layer.nw"
enum { FB = 2, FK = 5, FR = FB * FK };
struct fd_ctx {
    ggs_layer *L;
    double lam[FR], dz[FR];
    size_t row;
};

/* sum_r dz_r z_r with rate `row` set to x, noise held fixed */
static double fd_objective(double x, void *vctx)
{
    struct fd_ctx *c = vctx;
    double lam[FR], z[FR], sum = 0;
    memcpy(lam, c->lam, sizeof lam);
    lam[c->row] = x;
    ck_assert_int_eq(ggs_layer_forward(c->L, z, lam, 0.5, NULL), GGS_OK);
    for (int r = 0; r < FR; r++)
        sum += c->dz[r] * z[r];
    return sum;
}

static void check_backward(size_t n, const double *rates)
{
    struct fd_ctx c;
    double z[FR], dlam[FR] = { 0 };
    ggs_noise q;
    c.L = ggs_layer_alloc(FB, FK, n);
    ck_assert_ptr_nonnull(c.L);
    for (int r = 0; r < FR; r++) {
        c.lam[r] = rates[r];
        c.dz[r] = 0.3 + 0.1 * r;
    }
    ggs_noise_seed(&q, 19 + n);
    ck_assert_int_eq(ggs_layer_forward(c.L, z, c.lam, 0.5, &q), GGS_OK);
    ck_assert_int_eq(ggs_layer_backward(c.L, dlam, c.dz), GGS_OK);
    for (int r = 0; r < FR; r++) {
        double fd;
        c.row = (size_t)r;
        fd = ggs_test_central_diff(fd_objective, &c, c.lam[r], 1e-6 * c.lam[r]);
        ck_assert_msg(fabs(dlam[r] - fd) <= 1e-6 * fmax(1.0, fabs(fd)),
                      "n %zu lambda %g: backward %.12g, central difference %.12g",
                      n, c.lam[r], dlam[r], fd);
    }
    ggs_layer_free(c.L);
}

START_TEST(test_layer_backward_matches_central_differences)
{
    static const double rates6[FR] = { 0.3, 2.0, 3.12, 4.9, 5.5, 7.0, 12.0, 0.01, 1.0, 4.0 };
    static const double rates20[FR] = { 0.5, 2.0, 3.12, 5.0, 11.0, 17.5, 18.9, 19.5, 30.0, 1e-3 };
    check_backward(6, rates6);
    check_backward(20, rates20);
    check_backward(2, rates6);
}
END_TEST

START_TEST(test_layer_backward_accumulates)
{
    double lam[FR], z[FR], dz[FR], d1[FR] = { 0 }, d2[FR] = { 0 };
    ggs_layer *L = ggs_layer_alloc(FB, FK, 8);
    ggs_noise q;
    ggs_noise_seed(&q, 5);
    for (int r = 0; r < FR; r++) {
        lam[r] = RATES[r];
        dz[r] = 1.0 - 0.2 * r;
    }
    ck_assert_int_eq(ggs_layer_forward(L, z, lam, 0.7, &q), GGS_OK);
    ck_assert_int_eq(ggs_layer_backward(L, d1, dz), GGS_OK);
    ck_assert_int_eq(ggs_layer_backward(L, d2, dz), GGS_OK);
    ck_assert_int_eq(ggs_layer_backward(L, d2, dz), GGS_OK);
    for (int r = 0; r < FR; r++)
        ck_assert(fabs(d2[r] - 2 * d1[r]) <= 1e-15 * fmax(1.0, fabs(d2[r])));
    ggs_layer_free(L);
}
END_TEST

START_TEST(test_layer_backward_float_matches_double)
{
    enum { B = 3, K = 11, R = B * K, N = 20 };
    float lamf[R], zf[R], dzf[R], dlf[R], gf[R * N];
    double lam[R], z[R], dz[R], dl[R], g[R * N], y[R * N];
    ggs_layerf *Lf = ggs_layer_allocf(B, K, N);
    ggs_layer *L = ggs_layer_alloc(B, K, N);
    ggs_noise q;
    ggs_noise_seed(&q, 23);
    for (int r = 0; r < R; r++) {
        lamf[r] = (float)(0.2 + 0.6 * r);
        lam[r] = (double)lamf[r];
        dzf[r] = (float)(1.0 - 0.05 * r);
        dz[r] = (double)dzf[r];
        dlf[r] = 0;
        dl[r] = 0;
    }
    ck_assert_int_eq(ggs_layer_forwardf(Lf, zf, lamf, 0.5, &q), GGS_OK);
    ck_assert_int_eq(ggs_layer_backwardf(Lf, dlf, dzf), GGS_OK);
    ck_assert_int_eq(ggs_layer_exportf(Lf, NULL, NULL, gf), GGS_OK);
    for (int i = 0; i < R * N; i++)
        g[i] = (double)gf[i];
    ck_assert_int_eq(ggs_layer_import_noise(L, g), GGS_OK);
    ck_assert_int_eq(ggs_layer_forward(L, z, lam, 0.5, NULL), GGS_OK);
    ck_assert_int_eq(ggs_layer_backward(L, dl, dz), GGS_OK);
    ck_assert_int_eq(ggs_layer_export(L, NULL, y, NULL), GGS_OK);
    for (int r = 0; r < R; r++) {
        double scale = 0;   /* sum of |terms| of the backward sum */
        for (int k = 0; k < N; k++)
            scale += y[r * N + k] * fabs(k - z[r]) * fabs(k < N - 1 ? k / lam[r] - 1 : 1.0) / 0.5;
        scale *= fabs(dz[r]);
        ck_assert_msg(fabs(dlf[r] - dl[r]) <= 1e-4 * fmax(1.0, scale),
                      "lambda %g: float %.9g, double %.17g", lam[r], (double)dlf[r], dl[r]);
    }
    ggs_layer_freef(Lf);
    ggs_layer_free(L);
}
END_TEST
#line 2544 "book/30-layer.nw"
/* The error of y against the exact value v, in ulps of double. */
static double ulps(double y, long double v)
{
    double vd = (double)v, u;
    if (vd == 0)
        return y == 0 ? 0 : HUGE_VAL;
    u = nextafter(fabs(vd), HUGE_VAL) - fabs(vd);
    return (double)(fabsl((long double)y - v) / u);
}

/* The error of y against the exact value v, in ulps of float. */
static double ulpsf(float y, double v)
{
    float vf = (float)v, u;
    if (vf == 0)
        return y == 0 ? 0 : HUGE_VAL;
    u = nextafterf(fabsf(vf), HUGE_VALF) - fabsf(vf);
    return fabs((double)y - v) / (double)u;
}

START_TEST(test_fast_log_accuracy)
{
    enum { N = 2100 * 64 + 100000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), worst = 0;
    float *xf = malloc(N * sizeof *xf), *yf = malloc(N * sizeof *yf);
    double worstf = 0;
    size_t m = 0, mf = 0;
    for (int e = -1074; e <= 1023; e++)
        for (int i = 0; i < 64; i++)
            x[m++] = ldexp(1.0 + i / 64.0 + 1.0 / 7919, e);
    for (int i = 0; i < 100000; i++)
        x[m++] = 1.0 + (i - 50000) * 0x1p-30;
    for (size_t i = 0; i < m; i++)
        if (x[i] <= FLT_MAX && x[i] >= 1e-45)
            xf[mf++] = (float)x[i];
    ggs_fast_log(y, x, m);
    ggs_fast_logf(yf, xf, mf);
    for (size_t i = 0; i < m; i++)
        worst = fmax(worst, ulps(y[i], logl((long double)x[i])));
    for (size_t i = 0; i < mf; i++)
        if (xf[i] > 0)
            worstf = fmax(worstf, ulpsf(yf[i], log((double)xf[i])));
    ck_assert_msg(worst <= 1.0, "ggs_fast_log: %.3f ulp", worst);
    ck_assert_msg(worstf <= 1.0, "ggs_fast_logf: %.3f ulp", worstf);
    free(x); free(y); free(xf); free(yf);
}
END_TEST

START_TEST(test_fast_exp_accuracy)
{
    enum { N = 100000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), worst = 0, worstf = 0;
    float *xf = malloc(N * sizeof *xf), *yf = malloc(N * sizeof *yf);
    double special[] = { -HUGE_VAL, -1000, -708.5, 0, NAN }, ys[5];
    for (int i = 0; i < N; i++) {
        x[i] = -708.0 + (709.0 + 708.0) * i / (N - 1) + 1e-3 / 7;
        xf[i] = (float)(-87.0 + (88.0 + 87.0) * i / (N - 1));
    }
    ggs_fast_exp(y, x, N);
    ggs_fast_expf(yf, xf, N);
    for (int i = 0; i < N; i++) {
        worst = fmax(worst, ulps(y[i], expl((long double)x[i])));
        worstf = fmax(worstf, ulpsf(yf[i], exp((double)xf[i])));
    }
    ck_assert_msg(worst <= 2.0, "ggs_fast_exp: %.3f ulp", worst);
    ck_assert_msg(worstf <= 2.0, "ggs_fast_expf: %.3f ulp", worstf);
    ggs_fast_exp(ys, special, 5);
    ck_assert(ys[0] == 0 && ys[1] == 0 && ys[2] == 0 && ys[3] == 1 && isnan(ys[4]));
    free(x); free(y); free(xf); free(yf);
}
END_TEST

/* Every binade from the smallest subnormal to 2^6, 1024 points each, both signs. */
START_TEST(test_fast_tanh_accuracy)
{
    enum { N = 2 * 1081 * 1024 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), worst = 0, worstf = 0;
    float *xf = malloc(N * sizeof *xf), *yf = malloc(N * sizeof *yf);
    double special[] = { HUGE_VAL, -HUGE_VAL, NAN, -0.0, 1e300, -40 }, ys[6];
    float specialf[] = { HUGE_VALF, -HUGE_VALF, NAN, -0.0f, 1e30f, -40 }, ysf[6];
    size_t m = 0;
    for (int e = -1074; e <= 6; e++)
        for (int i = 0; i < 1024; i++) {
            x[m] = ldexp(1.0 + i / 1024.0 + 1.0 / 7919, e);
            x[m + 1] = -x[m];
            m += 2;
        }
    for (size_t i = 0; i < m; i++)
        xf[i] = (float)x[i];
    ggs_fast_tanh(y, x, m);
    ggs_fast_tanhf(yf, xf, m);
    for (size_t i = 0; i < m; i++) {
        worst = fmax(worst, ulps(y[i], tanhl((long double)x[i])));
        worstf = fmax(worstf, ulpsf(yf[i], tanh((double)xf[i])));
    }
    ck_assert_msg(worst <= 3.0, "ggs_fast_tanh: %.3f ulp", worst);
    ck_assert_msg(worstf <= 3.0, "ggs_fast_tanhf: %.3f ulp", worstf);
    ggs_fast_tanh(ys, special, 6);
    ggs_fast_tanhf(ysf, specialf, 6);
    ck_assert(ys[0] == 1 && ys[1] == -1 && isnan(ys[2]) && ys[3] == 0 && signbit(ys[3])
              && ys[4] == 1 && ys[5] == -1);
    ck_assert(ysf[0] == 1 && ysf[1] == -1 && isnan(ysf[2]) && ysf[3] == 0 && signbit(ysf[3])
              && ysf[4] == 1 && ysf[5] == -1);
    free(x); free(y); free(xf); free(yf);
}
END_TEST
#line 2663 "book/30-layer.nw"
enum { NDRAW = 200000, CELLS = 64 };

/* p-value of the chi-square statistic of equiprobable counts */
static double chisq_equiprobable(const double *count, int cells, double total)
{
    double stat = 0, e = total / cells;
    for (int i = 0; i < cells; i++)
        stat += (count[i] - e) * (count[i] - e) / e;
    return gsl_cdf_chisq_Q(stat, cells - 1);
}

START_TEST(test_noise_uniform_open_interval)
{
    double *u = malloc(NDRAW * sizeof *u), lo = 1, hi = 0;
    float *uf = malloc(NDRAW * sizeof *uf), lof = 1, hif = 0;
    ggs_noise q;
    ggs_noise_seed(&q, 99);
    ggs_noise_uniform(u, NDRAW, &q);
    ggs_noise_uniformf(uf, NDRAW, &q);
    for (int i = 0; i < NDRAW; i++) {
        lo = fmin(lo, u[i]);
        hi = fmax(hi, u[i]);
        lof = fminf(lof, uf[i]);
        hif = fmaxf(hif, uf[i]);
    }
    ck_assert(lo >= 0x1p-53 && hi <= 1 - 0x1p-53);
    ck_assert(lof >= 0x1p-24f && hif <= 1 - 0x1p-24f);
    free(u);
    free(uf);
}
END_TEST

START_TEST(test_noise_replays_and_discards)
{
    double a[24], b[13], c[8];
    ggs_noise q, saved;
    ggs_noise_seed(&q, 12345);
    saved = q;
    ggs_noise_uniform(a, 24, &q);
    q = saved;
    ggs_noise_uniform(b, 13, &q);   /* two steps; outputs 13..15 discarded */
    ggs_noise_uniform(c, 8, &q);
    for (int i = 0; i < 13; i++)
        ck_assert(a[i] == b[i]);
    for (int i = 0; i < 8; i++)
        ck_assert(a[16 + i] == c[i]);
    ggs_noise_seed(&saved, 12346);
    ggs_noise_uniform(c, 8, &saved);
    ck_assert(c[0] != a[0]);
}
END_TEST

#line 2725 "book/30-layer.nw"
/* The test's own scalar xoshiro256 step of one state (4 words). */
static void xo_step(uint64_t t[4])
{
    uint64_t u = t[1] << 17;
    t[2] ^= t[0];
    t[3] ^= t[1];
    t[1] ^= t[2];
    t[0] ^= t[3];
    t[2] ^= u;
    t[3] = t[3] << 45 | t[3] >> 19;
}

enum { BM_BITS = 512, POLY = 2 * 256 };

/* Berlekamp-Massey over GF(2): the connection polynomial C (BM_BITS + 1
   coefficients) of the shortest recurrence of b[0 .. BM_BITS); its length. */
static int berlekamp_massey(unsigned char *C, const unsigned char *b)
{
    unsigned char B[BM_BITS + 1], T[BM_BITS + 1];
    int L = 0, m = 1;
    memset(C, 0, BM_BITS + 1);
    memset(B, 0, sizeof B);
    C[0] = B[0] = 1;
    for (int n = 0; n < BM_BITS; n++) {
        int d = b[n];
        for (int i = 1; i <= L; i++)
            d ^= C[i] & b[n - i];
        if (d == 0) {
            m++;
            continue;
        }
        memcpy(T, C, sizeof T);
        for (int i = 0; i + m <= BM_BITS; i++)
            C[i + m] ^= B[i];
        if (2 * L <= n) {
            L = n + 1 - L;
            memcpy(B, T, sizeof B);
            m = 1;
        } else {
            m++;
        }
    }
    return L;
}

START_TEST(test_noise_jump_is_two_to_the_128_steps)
{
    unsigned char bits[BM_BITS], C[BM_BITS + 1], P[257], r[POLY], sq[POLY];
    ggs_noise q, j;
    double u[GGS_NOISE_LANES];
    uint64_t t[4];
    ggs_noise_seed(&q, 31337);
    j = q;
    /* the library's step is the scalar step, lane by lane */
    ggs_noise_uniform(u, GGS_NOISE_LANES, &j);
    for (int l = 0; l < GGS_NOISE_LANES; l++) {
        for (int w = 0; w < 4; w++)
            t[w] = q.s[w][l];
        xo_step(t);
        for (int w = 0; w < 4; w++)
            ck_assert(t[w] == j.s[w][l]);
    }
    /* P from 512 bits of bit 0 of word 0 of lane 0 */
    for (int w = 0; w < 4; w++)
        t[w] = q.s[w][0];
    for (int n = 0; n < BM_BITS; n++) {
        bits[n] = t[0] & 1;
        xo_step(t);
    }
    ck_assert_int_eq(berlekamp_massey(C, bits), 256);
    for (int i = 0; i <= 256; i++)
        P[i] = C[256 - i];
    ck_assert(P[256] == 1 && P[0] == 1);
    /* r = x^(2^128) mod P by 128 squarings of x */
    memset(r, 0, sizeof r);
    r[1] = 1;
    for (int k = 0; k < 128; k++) {
        memset(sq, 0, sizeof sq);
        for (int i = 0; i < 256; i++)
            sq[2 * i] = r[i];               /* squaring over GF(2) spreads the bits */
        for (int d = POLY - 2; d >= 256; d--)
            if (sq[d])
                for (int i = 0; i <= 256; i++)
                    sq[d - 256 + i] ^= P[i];
        memcpy(r, sq, sizeof r);
    }
    /* r(T) applied to every lane must be the library's jump */
    j = q;
    ggs_noise_jump(&j);
    for (int l = 0; l < GGS_NOISE_LANES; l++) {
        uint64_t acc[4] = { 0, 0, 0, 0 };
        for (int w = 0; w < 4; w++)
            t[w] = q.s[w][l];
        for (int i = 0; i < 256; i++) {
            if (r[i])
                for (int w = 0; w < 4; w++)
                    acc[w] ^= t[w];
            xo_step(t);
        }
        for (int w = 0; w < 4; w++)
            ck_assert_msg(acc[w] == j.s[w][l], "lane %d word %d", l, w);
    }
}
END_TEST

START_TEST(test_noise_uniform_chisq)
{
    double *u = malloc(NDRAW * sizeof *u), count[CELLS] = { 0 }, pairs[CELLS] = { 0 };
    float *uf = malloc(NDRAW * sizeof *uf);
    double countf[CELLS] = { 0 };
    ggs_noise q;
    ggs_noise_seed(&q, 2024);
    ggs_noise_uniform(u, NDRAW, &q);
    ggs_noise_uniformf(uf, NDRAW, &q);
    for (int i = 0; i < NDRAW; i++) {
        count[(int)(u[i] * CELLS)] += 1;
        countf[(int)(uf[i] * CELLS)] += 1;
    }
    for (int i = 0; i + 1 < NDRAW; i += 2)
        pairs[(int)(u[i] * 8) * 8 + (int)(u[i + 1] * 8)] += 1;
    /* false-alarm probability 1e-6 each */
    ck_assert(chisq_equiprobable(count, CELLS, NDRAW) > 1e-6);
    ck_assert(chisq_equiprobable(countf, CELLS, NDRAW) > 1e-6);
    ck_assert(chisq_equiprobable(pairs, CELLS, NDRAW / 2) > 1e-6);
    free(u);
    free(uf);
}
END_TEST

START_TEST(test_noise_gumbel_chisq)
{
    double *g = malloc(NDRAW * sizeof *g), count[CELLS] = { 0 }, countf[CELLS] = { 0 };
    float *gf = malloc(NDRAW * sizeof *gf);
    ggs_noise q;
    ggs_noise_seed(&q, 31);
    ggs_noise_gumbel(g, NDRAW, &q);
    ggs_noise_gumbelf(gf, NDRAW, &q);
    for (int i = 0; i < NDRAW; i++) {
        ck_assert(g[i] >= -3.6038 && g[i] <= 36.737);
        ck_assert(gf[i] >= -2.8117f && gf[i] <= 16.636f);
        count[(int)(exp(-exp(-g[i])) * CELLS)] += 1;
        countf[(int)(exp(-exp(-(double)gf[i])) * CELLS)] += 1;
    }
    /* false-alarm probability 1e-6 each */
    ck_assert(chisq_equiprobable(count, CELLS, NDRAW) > 1e-6);
    ck_assert(chisq_equiprobable(countf, CELLS, NDRAW) > 1e-6);
    free(g);
    free(gf);
}
END_TEST
#line 2883 "book/30-layer.nw"
START_TEST(test_layer_argmax_is_truncated_poisson)
{
    enum { R = 1024, N = 10, STEPS = 100 };
    double lam[R], z[R], *y = malloc(R * N * sizeof *y), logpi[N], obs[N] = { 0 }, expct[N];
    double stat, pvalue;
    size_t dof;
    ggs_layer *L = ggs_layer_alloc(16, 64, N);
    ggs_noise q;
    ggs_noise_seed(&q, 77);
    for (int r = 0; r < R; r++)
        lam[r] = 3.12;
    for (int s = 0; s < STEPS; s++) {
        ck_assert_int_eq(ggs_layer_forward(L, z, lam, 0.01, &q), GGS_OK);
        ck_assert_int_eq(ggs_layer_export(L, NULL, y, NULL), GGS_OK);
        for (int r = 0; r < R; r++) {
            int best = 0;
            for (int k = 1; k < N; k++)
                if (y[r * N + k] > y[r * N + best])
                    best = k;
            obs[best] += 1;
        }
    }
    reference_logpi(logpi, 3.12, N);
    for (int k = 0; k < N; k++)
        expct[k] = (double)R * STEPS * exp(logpi[k]);
    ck_assert_int_eq(ggs_chisq_pooled(&stat, &dof, &pvalue, obs, expct, N, 5.0), GGS_OK);
    ck_assert_msg(pvalue > 1e-6, "chi-square %g on %zu dof, p = %g", stat, dof, pvalue);
    ggs_layer_free(L);
    free(y);
}
END_TEST
#line 2924 "book/30-layer.nw"
START_TEST(test_layer_extremes)
{
    enum { R = 4, N = 12 };
    double lam[R] = { 1e-300, 1e300, 3.0, 1e-5 }, z[R], y[R * N];
    double dl[R] = { 0 }, dz[R] = { 1, 1, 1, 1 };
    float lamf[R] = { 1e-40f, 3e38f, 3.0f, 1e-5f }, zf[R], yf[R * N];
    double taus[] = { 1e-300, 0.5, 1e300 };
    ggs_layer *L = ggs_layer_alloc(1, R, N);
    ggs_layerf *Lf = ggs_layer_allocf(1, R, N);
    ggs_noise q;
    ggs_noise_seed(&q, 8);
    for (int t = 0; t < 3; t++) {
        ck_assert_int_eq(ggs_layer_forward(L, z, lam, taus[t], &q), GGS_OK);
        ck_assert_int_eq(ggs_layer_backward(L, dl, dz), GGS_OK);
        ck_assert_int_eq(ggs_layer_export(L, NULL, y, NULL), GGS_OK);
        ck_assert_int_eq(ggs_layer_forwardf(Lf, zf, lamf, taus[t], &q), GGS_OK);
        ck_assert_int_eq(ggs_layer_exportf(Lf, NULL, yf, NULL), GGS_OK);
        for (int r = 0; r < R; r++) {
            double s = 0, sf = 0;
            for (int k = 0; k < N; k++) {
                s += y[r * N + k];
                sf += yf[r * N + k];
            }
            ck_assert(fabs(s - 1) < 1e-12 && fabs(sf - 1) < 1e-5);
            ck_assert(z[r] >= 0 && z[r] <= N - 1 && zf[r] >= 0 && zf[r] <= N - 1);
            ck_assert(isfinite(dl[r]));
            /* tau = 1e300: y is uniform (except for lambda = 1e300, whose
               log-pmf of -1e300 is comparable to tau) */
            if (t == 2 && r != 1)
                ck_assert(fabs(z[r] - (N - 1) / 2.0) < 1e-9);
            if (t == 2)
                ck_assert(fabs(zf[r] - (N - 1) / 2.0) < 1e-4);
        }
        /* lambda = 1e300 (3e38): all the mass is in the tail, y is one-hot at n-1 */
        if (t < 2)
            ck_assert(z[1] == N - 1 && zf[1] == N - 1);
    }
    ggs_layer_free(L);
    ggs_layer_freef(Lf);
}
END_TEST

START_TEST(test_layer_tiny_tau_is_argmax)
{
    enum { R = 16, N = 9 };
    double lam[R], z[R], y[R * N], logpi[R * N], g[R * N];
    ggs_layer *L = ggs_layer_alloc(2, 8, N);
    ggs_noise q;
    ggs_noise_seed(&q, 4);
    for (int r = 0; r < R; r++)
        lam[r] = RATES[r % NRATES];
    ck_assert_int_eq(ggs_layer_forward(L, z, lam, 1e-300, &q), GGS_OK);
    ck_assert_int_eq(ggs_layer_export(L, logpi, y, g), GGS_OK);
    for (int r = 0; r < R; r++) {
        size_t best = ggs_gumbel_max(logpi + r * N, g + r * N, N);
        ck_assert(z[r] == (double)best && y[r * N + best] == 1);
    }
    ggs_layer_free(L);
}
END_TEST
#line 2989 "book/30-layer.nw"
START_TEST(test_layer_errors)
{
    double lam[6] = { 1, 2, 3, 4, 5, 6 }, z[6], dl[6] = { 0 }, g[6 * 4];
    double bad[] = { 0.0, -1.0, NAN, HUGE_VAL };
    float lamf[6] = { 1, 2, 3, 4, 5, 6 }, zf[6];
    ggs_layer *L;
    ggs_layerf *Lf;
    ggs_noise q;
    ggs_noise_seed(&q, 1);
    ck_assert_ptr_null(ggs_layer_alloc(0, 3, 4));
    ck_assert_ptr_null(ggs_layer_alloc(2, 3, 1));
    ck_assert_ptr_null(ggs_layer_allocf(2, 0, 4));
    ck_assert_ptr_null(ggs_layer_alloc(SIZE_MAX / 2, 4, 4));
    L = ggs_layer_alloc(2, 3, 4);
    Lf = ggs_layer_allocf(2, 3, 4);
    ck_assert_int_eq(ggs_layer_forward(L, z, lam, 0.5, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_layer_backward(L, dl, z), GGS_EINVAL);
    ck_assert_int_eq(ggs_layer_export(L, g, NULL, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_layer_export(L, NULL, NULL, g), GGS_EINVAL);
    ck_assert_int_eq(ggs_layer_forward(L, NULL, lam, 0.5, &q), GGS_EINVAL);
    for (int i = 0; i < 4; i++) {
        lam[5] = bad[i];
        z[0] = 42;
        ck_assert_int_eq(ggs_layer_forward(L, z, lam, 0.5, &q), GGS_EDOM);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "lambda[b=1, k=2]"));
        ck_assert(z[0] == 42);
        lamf[5] = (float)bad[i];
        zf[0] = 42;
        ck_assert_int_eq(ggs_layer_forwardf(Lf, zf, lamf, 0.5, &q), GGS_EDOM);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "ggs_layer_forwardf"));
        ck_assert(zf[0] == 42);
    }
    lam[5] = 6;
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(ggs_layer_forward(L, z, lam, bad[i], &q), GGS_EDOM);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "tau"));
        ck_assert(z[0] == 42);
    }
    for (int i = 0; i < 24; i++)
        g[i] = 0.1 * i;
    g[13] = NAN;
    ck_assert_int_eq(ggs_layer_import_noise(L, g), GGS_EDOM);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "g[b=1, k=0, j=1]"));
    ck_assert_int_eq(ggs_layer_forward(L, z, lam, 0.5, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_layer_backward(L, NULL, z), GGS_EINVAL);
    ck_assert_int_eq(ggs_layer_export(NULL, NULL, NULL, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_layer_import_noise(L, NULL), GGS_EINVAL);
    ggs_layer_free(L);
    ggs_layer_freef(Lf);
    ggs_layer_free(NULL);
    ggs_layer_freef(NULL);
}
END_TEST

#line 2203 "book/30-layer.nw"
Suite *make_layer_suite(void)
{
    Suite *s = suite_create("layer");
    TCase *core = tcase_create("Core"), *kern = tcase_create("Kernels");
    TCase *noise = tcase_create("Noise"), *lim = tcase_create("Limits");
    TCase *err = tcase_create("Errors");
    
#line 3044 "book/30-layer.nw"
tcase_add_test(core, test_layer_forward_double_matches_generic);
tcase_add_test(core, test_layer_forward_float_matches_generic);
tcase_add_test(core, test_layer_tail_matches_gsl);
tcase_add_test(core, test_layer_backward_matches_central_differences);
tcase_add_test(core, test_layer_backward_accumulates);
tcase_add_test(core, test_layer_backward_float_matches_double);
tcase_add_test(kern, test_fast_log_accuracy);
tcase_add_test(kern, test_fast_exp_accuracy);
tcase_add_test(kern, test_fast_tanh_accuracy);
tcase_add_test(noise, test_noise_uniform_open_interval);
tcase_add_test(noise, test_noise_replays_and_discards);
tcase_add_test(noise, test_noise_jump_is_two_to_the_128_steps);
tcase_add_test(noise, test_noise_uniform_chisq);
tcase_add_test(noise, test_noise_gumbel_chisq);
tcase_add_test(noise, test_layer_argmax_is_truncated_poisson);
tcase_add_test(lim, test_layer_extremes);
tcase_add_test(lim, test_layer_tiny_tau_is_argmax);
tcase_add_test(err, test_layer_errors);
#line 2210 "book/30-layer.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, kern);
    suite_add_tcase(s, noise);
    suite_add_tcase(s, lim);
    suite_add_tcase(s, err);
    return s;
}
