#line 3226 "book/31-nn.nw"
/* Generated from book/31-nn.nw; do not edit. */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-gengs.h"

#line 3279 "book/31-nn.nw"
enum { GB = 3 };                      /* rows of the gradient checks */
static const double GRAD_TOL = 1e-7;  /* relative agreement with central differences */

/* Fill x (n) with uniforms on (lo, hi) from r. */
static void fill(double *x, size_t n, double lo, double hi, gsl_rng *r)
{
    for (size_t i = 0; i < n; i++)
        x[i] = lo + (hi - lo) * gsl_rng_uniform_pos(r);
}

/* A loss of a whole state, and the entry of the state that is varied. */
struct probe {
    double (*loss)(void *state);
    void *state;
    double *x;
};

static double probe_at(double value, void *ctx)
{
    struct probe *p = ctx;
    double old = *p->x, L;
    *p->x = value;
    L = p->loss(p->state);
    *p->x = old;
    return L;
}

/* Check g (count) against central differences of loss(state) in x (count). */
static void check_gradient(const char *what, double (*loss)(void *), void *state, double *x,
                           const double *g, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        struct probe p = { loss, state, x + i };
        double h = 1e-5 * fmax(1.0, fabs(x[i]));
        double num = ggs_test_central_diff(probe_at, &p, x[i], h);
        ck_assert_msg(fabs(num - g[i]) <= GRAD_TOL * fmax(1.0, fabs(g[i])),
                      "%s[%zu]: backward %.12g, central difference %.12g", what, i, g[i], num);
    }
}

/* sum_i c_i y_i */
static double weighted_sum(const double *c, const double *y, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += c[i] * y[i];
    return s;
}

/* Relative agreement of a float array with a double one. */
static void check_close_float(const char *what, const float *a, const double *b, size_t n,
                              double tol)
{
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(fabs((double)a[i] - b[i]) <= tol * fmax(1.0, fabs(b[i])),
                      "%s[%zu]: float %.9g, double %.12g", what, i, (double)a[i], b[i]);
}

/* Copy a double array to a float array. */
static void to_float(float *y, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = (float)x[i];
}
#line 3350 "book/31-nn.nw"
enum { DI = 4, DO = 5 };
struct dense_state { double X[GB * DI], W[DO * DI], b[DO], c[GB * DO], Y[GB * DO]; };

static double dense_loss(void *s)
{
    struct dense_state *d = s;
    ck_assert_int_eq(ggs_nn_dense_forward(d->Y, d->X, d->W, d->b, GB, DI, DO), GGS_OK);
    return weighted_sum(d->c, d->Y, GB * DO);
}

START_TEST(test_dense_backward_matches_central_differences)
{
    struct dense_state d;
    double dX[GB * DI] = { 0 }, dW[DO * DI] = { 0 }, db[DO] = { 0 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    fill(d.X, GB * DI, -2, 2, r);
    fill(d.W, DO * DI, -1, 1, r);
    fill(d.b, DO, -1, 1, r);
    fill(d.c, GB * DO, -1, 1, r);
    ck_assert_int_eq(ggs_nn_dense_backward(dX, dW, db, d.c, d.X, d.W, GB, DI, DO), GGS_OK);
    check_gradient("dense dX", dense_loss, &d, d.X, dX, GB * DI);
    check_gradient("dense dW", dense_loss, &d, d.W, dW, DO * DI);
    check_gradient("dense db", dense_loss, &d, d.b, db, DO);
    {
        /* backward adds: a second call doubles every gradient */
        double dX2[GB * DI], dW2[DO * DI], db2[DO];
        memcpy(dX2, dX, sizeof dX);
        memcpy(dW2, dW, sizeof dW);
        memcpy(db2, db, sizeof db);
        ck_assert_int_eq(ggs_nn_dense_backward(dX2, dW2, db2, d.c, d.X, d.W, GB, DI, DO), GGS_OK);
        for (int i = 0; i < GB * DI; i++)
            ck_assert(fabs(dX2[i] - 2 * dX[i]) <= 1e-14 * fmax(1, fabs(dX[i])));
        for (int i = 0; i < DO * DI; i++)
            ck_assert(fabs(dW2[i] - 2 * dW[i]) <= 1e-14 * fmax(1, fabs(dW[i])));
        for (int i = 0; i < DO; i++)
            ck_assert(fabs(db2[i] - 2 * db[i]) <= 1e-14 * fmax(1, fabs(db[i])));
    }
    gsl_rng_free(r);
}
END_TEST
#line 3395 "book/31-nn.nw"
START_TEST(test_dense_forward_matches_definition)
{
    struct dense_state d;
    double Y0[GB * DO];
    float Xf[GB * DI], Wf[DO * DI], bf[DO], Yf[GB * DO], cf[GB * DO];
    float dXf[GB * DI] = { 0 }, dWf[DO * DI] = { 0 }, dbf[DO] = { 0 };
    double dX[GB * DI] = { 0 }, dW[DO * DI] = { 0 }, db[DO] = { 0 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 12);
    fill(d.X, GB * DI, -2, 2, r);
    fill(d.W, DO * DI, -1, 1, r);
    fill(d.b, DO, -1, 1, r);
    fill(d.c, GB * DO, -1, 1, r);
    for (int i = 0; i < GB * DO; i++)
        d.Y[i] = Y0[i] = NAN;            /* without a bias, Y is not read */
    ck_assert_int_eq(ggs_nn_dense_forward(d.Y, d.X, d.W, d.b, GB, DI, DO), GGS_OK);
    ck_assert_int_eq(ggs_nn_dense_forward(Y0, d.X, d.W, NULL, GB, DI, DO), GGS_OK);
    for (int rr = 0; rr < GB; rr++)
        for (int o = 0; o < DO; o++) {
            double s = 0;
            for (int i = 0; i < DI; i++)
                s += d.X[rr * DI + i] * d.W[o * DI + i];
            ck_assert(fabs(Y0[rr * DO + o] - s) < 1e-14);
            ck_assert(fabs(d.Y[rr * DO + o] - (s + d.b[o])) < 1e-14);
        }
    to_float(Xf, d.X, GB * DI);
    to_float(Wf, d.W, DO * DI);
    to_float(bf, d.b, DO);
    to_float(cf, d.c, GB * DO);
    ck_assert_int_eq(ggs_nn_dense_forwardf(Yf, Xf, Wf, bf, GB, DI, DO), GGS_OK);
    check_close_float("dense Y", Yf, d.Y, GB * DO, 1e-6);
    ck_assert_int_eq(ggs_nn_dense_backward(dX, dW, db, d.c, d.X, d.W, GB, DI, DO), GGS_OK);
    ck_assert_int_eq(ggs_nn_dense_backwardf(dXf, dWf, dbf, cf, Xf, Wf, GB, DI, DO), GGS_OK);
    check_close_float("dense dX", dXf, dX, GB * DI, 1e-6);
    check_close_float("dense dW", dWf, dW, DO * DI, 1e-6);
    check_close_float("dense db", dbf, db, DO, 1e-6);
    gsl_rng_free(r);
}
END_TEST
#line 3441 "book/31-nn.nw"
enum { NACT = 24 };
typedef void (*act_fwd)(double *, const double *, size_t);
typedef void (*act_bwd)(double *, const double *, const double *, size_t);
typedef void (*act_fwdf)(float *, const float *, size_t);
typedef void (*act_bwdf)(float *, const float *, const float *, size_t);
struct act_state { act_fwd f; double X[NACT], Y[NACT], c[NACT]; };

static double act_loss(void *s)
{
    struct act_state *a = s;
    a->f(a->Y, a->X, NACT);
    return weighted_sum(a->c, a->Y, NACT);
}

static long double act_reference(int which, long double x)
{
    switch (which) {
    case 0:  return x > 0 ? x : 0;
    case 1:  return tanhl(x);
    case 2:  return logl(1 + expl(x));
    default: return 1 / (1 + expl(-x));
    }
}

START_TEST(test_activations_backward_match_central_differences)
{
    act_fwd fw[4] = { ggs_nn_relu_forward, ggs_nn_tanh_forward, ggs_nn_softplus_forward,
                      ggs_nn_sigmoid_forward };
    act_bwd bw[4] = { ggs_nn_relu_backward, ggs_nn_tanh_backward, ggs_nn_softplus_backward,
                      ggs_nn_sigmoid_backward };
    act_fwdf fwf[4] = { ggs_nn_relu_forwardf, ggs_nn_tanh_forwardf, ggs_nn_softplus_forwardf,
                        ggs_nn_sigmoid_forwardf };
    act_bwdf bwf[4] = { ggs_nn_relu_backwardf, ggs_nn_tanh_backwardf,
                        ggs_nn_softplus_backwardf, ggs_nn_sigmoid_backwardf };
    const char *name[4] = { "relu", "tanh", "softplus", "sigmoid" };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 13);
    for (int a = 0; a < 4; a++) {
        struct act_state s;
        double dX[NACT], Y[NACT];
        float Xf[NACT], Yf[NACT], cf[NACT], dXf[NACT];
        s.f = fw[a];
        fill(s.X, NACT, 0.05, 6, r);
        for (int i = 0; i < NACT; i += 2)
            s.X[i] = -s.X[i];
        fill(s.c, NACT, -1, 1, r);
        fw[a](Y, s.X, NACT);
        for (int i = 0; i < NACT; i++) {
            double ref = (double)act_reference(a, s.X[i]);
            ck_assert_msg(fabs(Y[i] - ref) <= 1e-15 * fmax(1, fabs(ref)),
                          "%s(%g) = %.17g", name[a], s.X[i], Y[i]);
            dX[i] = 0.5;                       /* backward adds to what is there */
        }
        bw[a](dX, s.c, Y, NACT);
        for (int i = 0; i < NACT; i++)
            dX[i] -= 0.5;
        check_gradient(name[a], act_loss, &s, s.X, dX, NACT);
        to_float(Xf, s.X, NACT);
        to_float(cf, s.c, NACT);
        fwf[a](Yf, Xf, NACT);
        check_close_float(name[a], Yf, Y, NACT, 1e-6);
        memset(dXf, 0, sizeof dXf);
        bwf[a](dXf, cf, Yf, NACT);
        check_close_float(name[a], dXf, dX, NACT, 2e-6);
    }
    gsl_rng_free(r);
}
END_TEST
#line 3514 "book/31-nn.nw"
enum { BD = 7 };
struct bern_state { double x[GB * BD], l[GB * BD], c[GB], ll[GB]; };

static double bern_loss(void *s)
{
    struct bern_state *b = s;
    ggs_nn_bernoulli_forward(b->ll, b->x, b->l, GB, BD);
    return weighted_sum(b->c, b->ll, GB);
}

START_TEST(test_bernoulli_backward_matches_central_differences)
{
    struct bern_state s;
    double dl[GB * BD] = { 0 };
    float xf[GB * BD], lf[GB * BD], cf[GB], llf[GB], dlf[GB * BD] = { 0 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 14);
    fill(s.l, GB * BD, -30, 30, r);
    fill(s.c, GB, -1, 1, r);
    for (int i = 0; i < GB * BD; i++)
        s.x[i] = i % 3 == 0 ? gsl_rng_uniform(r) : (double)(gsl_rng_uniform(r) < 0.5);
    ggs_nn_bernoulli_forward(s.ll, s.x, s.l, GB, BD);
    for (int b = 0; b < GB; b++) {
        long double ref = 0;
        for (int d = 0; d < BD; d++) {
            long double l = s.l[b * BD + d], x = s.x[b * BD + d];
            ref += x * l - logl(1 + expl(l));
        }
        ck_assert(fabs(s.ll[b] - (double)ref) <= 1e-14 * fmax(1, fabs((double)ref)));
    }
    ggs_nn_bernoulli_backward(dl, s.c, s.x, s.l, GB, BD);
    check_gradient("bernoulli dlogits", bern_loss, &s, s.l, dl, GB * BD);
    to_float(xf, s.x, GB * BD);
    to_float(lf, s.l, GB * BD);
    to_float(cf, s.c, GB);
    ggs_nn_bernoulli_forwardf(llf, xf, lf, GB, BD);
    check_close_float("bernoulli ll", llf, s.ll, GB, 1e-6);
    ggs_nn_bernoulli_backwardf(dlf, cf, xf, lf, GB, BD);
    check_close_float("bernoulli dlogits", dlf, dl, GB * BD, 1e-6);
    gsl_rng_free(r);
}
END_TEST
#line 3569 "book/31-nn.nw"
static const ggs_mlp_spec SMALL[] = { { 4, GGS_NN_IDENTITY }, { 6, GGS_NN_TANH },
                                      { 5, GGS_NN_RELU }, { 5, GGS_NN_SOFTPLUS },
                                      { 4, GGS_NN_SIGMOID }, { 3, GGS_NN_IDENTITY } };
enum { NSMALL = sizeof SMALL / sizeof SMALL[0], SIN = 4, SOUT = 3 };

struct mlp_state { ggs_mlp *M; double X[GB * SIN], x[GB * SOUT], c[GB], ll[GB]; };

static double mlp_loss(void *s)
{
    struct mlp_state *m = s;
    ck_assert_int_eq(ggs_mlp_forward(m->M, m->X, GB), GGS_OK);
    ggs_nn_bernoulli_forward(m->ll, m->x, ggs_mlp_output(m->M), GB, SOUT);
    return weighted_sum(m->c, m->ll, GB);
}

START_TEST(test_mlp_backward_matches_central_differences)
{
    struct mlp_state s;
    size_t np;
    double dX[GB * SIN] = { 0 }, dout[GB * SOUT] = { 0 }, *g;
    float Xf[GB * SIN], xf[GB * SOUT], cf[GB], llf[GB], dXf[GB * SIN] = { 0 };
    float doutf[GB * SOUT] = { 0 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ggs_mlpf *Mf;
    gsl_rng_set(r, 15);
    ck_assert_int_eq(ggs_mlp_count(&np, SMALL, NSMALL), GGS_OK);
    ck_assert_uint_eq(np, 6 * 5 + 5 * 7 + 5 * 6 + 4 * 6 + 3 * 5);
    s.M = ggs_mlp_alloc(GB, SMALL, NSMALL, NULL, NULL);
    ck_assert_ptr_nonnull(s.M);
    ck_assert_uint_eq(ggs_mlp_nparams(s.M), np);
    ck_assert_int_eq(ggs_mlp_init(s.M, r), GGS_OK);
    fill(ggs_mlp_params(s.M), np, -0.5, 0.5, r);    /* nonzero biases too */
    fill(s.X, GB * SIN, -2, 2, r);
    fill(s.c, GB, -1, 1, r);
    for (int i = 0; i < GB * SOUT; i++)
        s.x[i] = (double)(gsl_rng_uniform(r) < 0.5);
    
#line 3639 "book/31-nn.nw"
/* assert that no ReLU input of the small network is near its kink */
{
    double *p = ggs_mlp_params(s.M), h1[GB * 6], z2[GB * 5];
    ck_assert_int_eq(ggs_nn_dense_forward(h1, s.X, p, p + 24, GB, 4, 6), GGS_OK);
    ggs_nn_tanh_forward(h1, h1, GB * 6);
    ck_assert_int_eq(ggs_nn_dense_forward(z2, h1, p + 30, p + 60, GB, 6, 5), GGS_OK);
    for (int i = 0; i < GB * 5; i++)
        ck_assert_msg(fabs(z2[i]) > 1e-3, "ReLU input %g too close to 0", z2[i]);
}
#line 3606 "book/31-nn.nw"
    mlp_loss(&s);
    ggs_nn_bernoulli_backward(dout, s.c, s.x, ggs_mlp_output(s.M), GB, SOUT);
    ck_assert_int_eq(ggs_mlp_backward(s.M, dX, s.X, dout), GGS_OK);
    g = malloc(np * sizeof *g);
    memcpy(g, ggs_mlp_grads(s.M), np * sizeof *g);
    check_gradient("mlp params", mlp_loss, &s, ggs_mlp_params(s.M), g, np);
    
#line 3627 "book/31-nn.nw"
/* a replacing backward pass over a block of NaNs gives the same gradient */
mlp_loss(&s);
for (size_t i = 0; i < np; i++)
    ggs_mlp_grads(s.M)[i] = NAN;
ck_assert_int_eq(ggs_mlp_backward_replace(s.M, NULL, s.X, dout), GGS_OK);
for (size_t i = 0; i < np; i++)
    ck_assert_msg(ggs_mlp_grads(s.M)[i] == g[i], "parameter %zu: %g, added %g", i,
                  ggs_mlp_grads(s.M)[i], g[i]);
#line 3613 "book/31-nn.nw"
    check_gradient("mlp dX", mlp_loss, &s, s.X, dX, GB * SIN);
    
#line 3650 "book/31-nn.nw"
/* compare the float network with the double one */
Mf = ggs_mlp_allocf(GB, SMALL, NSMALL, NULL, NULL);
ck_assert_ptr_nonnull(Mf);
to_float(ggs_mlp_paramsf(Mf), ggs_mlp_params(s.M), np);
to_float(Xf, s.X, GB * SIN);
to_float(xf, s.x, GB * SOUT);
to_float(cf, s.c, GB);
ck_assert_int_eq(ggs_mlp_forwardf(Mf, Xf, GB), GGS_OK);
mlp_loss(&s);
check_close_float("mlp output", ggs_mlp_outputf(Mf), ggs_mlp_output(s.M), GB * SOUT, 1e-5);
ggs_nn_bernoulli_forwardf(llf, xf, ggs_mlp_outputf(Mf), GB, SOUT);
check_close_float("mlp ll", llf, s.ll, GB, 1e-5);
ggs_nn_bernoulli_backwardf(doutf, cf, xf, ggs_mlp_outputf(Mf), GB, SOUT);
ck_assert_int_eq(ggs_mlp_backwardf(Mf, dXf, Xf, doutf), GGS_OK);
check_close_float("mlp grads", ggs_mlp_gradsf(Mf), g, np, 1e-5);
check_close_float("mlp dX", dXf, dX, GB * SIN, 1e-5);
#line 3615 "book/31-nn.nw"
    free(g);
    ggs_mlp_freef(Mf);
    ggs_mlp_free(s.M);
    gsl_rng_free(r);
}
END_TEST
#line 3671 "book/31-nn.nw"
START_TEST(test_mlp_shared_blocks_rows_and_init)
{
    static const ggs_mlp_spec relu[] = { { 8, GGS_NN_IDENTITY }, { 16, GGS_NN_RELU },
                                         { 2, GGS_NN_IDENTITY } };
    size_t n1, n2;
    double *params, *grads, X[5 * 8], out5[5 * 2];
    ggs_mlp *A, *Bm, *C;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert_int_eq(ggs_mlp_count(&n1, relu, 3), GGS_OK);
    ck_assert_int_eq(ggs_mlp_count(&n2, SMALL, NSMALL), GGS_OK);
    params = calloc(n1 + n2, sizeof *params);
    grads = calloc(n1 + n2, sizeof *grads);
    A = ggs_mlp_alloc(5, relu, 3, params, grads);
    Bm = ggs_mlp_alloc(5, SMALL, NSMALL, params + n1, grads + n1);
    C = ggs_mlp_alloc(5, relu, 3, NULL, NULL);
    ck_assert(A != NULL && Bm != NULL && C != NULL);
    ck_assert_ptr_eq(ggs_mlp_params(A), params);
    ck_assert_ptr_eq(ggs_mlp_params(Bm), params + n1);
    ck_assert_ptr_eq(ggs_mlp_grads(Bm), grads + n1);
    gsl_rng_set(r, 16);
    ck_assert_int_eq(ggs_mlp_init(A, r), GGS_OK);
    gsl_rng_set(r, 16);
    ck_assert_int_eq(ggs_mlp_init(C, r), GGS_OK);
    for (size_t j = 0; j < n1; j++)
        ck_assert(params[j] == ggs_mlp_params(C)[j]);
    for (size_t j = 0; j < 16 * 8; j++)                /* He: a = sqrt(6 / 8) */
        ck_assert(fabs(params[j]) < sqrt(6.0 / 8) && params[j] != 0);
    for (size_t j = 16 * 8 + 16; j < 16 * 8 + 16 + 2 * 16; j++)  /* Glorot: sqrt(6/18) */
        ck_assert(fabs(params[j]) < sqrt(6.0 / 18));
    for (size_t j = 16 * 8; j < 16 * 8 + 16; j++)
        ck_assert(params[j] == 0);
    fill(X, 5 * 8, -1, 1, r);
    ck_assert_int_eq(ggs_mlp_forward(A, X, 5), GGS_OK);
    memcpy(out5, ggs_mlp_output(A), sizeof out5);
    ck_assert_int_eq(ggs_mlp_forward(A, X, 2), GGS_OK);
    for (int i = 0; i < 2 * 2; i++)
        ck_assert(fabs(ggs_mlp_output(A)[i] - out5[i]) < 1e-14);
    ggs_mlp_free(A);
    ggs_mlp_free(Bm);
    ggs_mlp_free(C);
    free(params);
    free(grads);
    gsl_rng_free(r);
}
END_TEST
#line 3735 "book/31-nn.nw"
START_TEST(test_mlp_split_backward_sums_the_networks)
{
    static const ggs_mlp_spec spec[] = { { 40, GGS_NN_IDENTITY }, { 300, GGS_NN_TANH },
                                         { 120, GGS_NN_IDENTITY }, { 30, GGS_NN_RELU },
                                         { 7, GGS_NN_IDENTITY } };
    static const ggs_mlp_spec other[] = { { 40, GGS_NN_IDENTITY }, { 7, GGS_NN_IDENTITY } };
    static const size_t rows[3] = { 5, 4, 3 };
    static const int blas[3] = { 1, 1, 2 }, kernels[3] = { 1, 2, 1 };
    size_t np;
    double *params, *grads, *ref, *one, X[3][5 * 40], dY[3][5 * 7], dX[3][5 * 40];
    double dXr[5 * 40];
    ggs_mlp *M[3], *R, *O;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert_int_eq(ggs_mlp_count(&np, spec, 5), GGS_OK);
    ck_assert_uint_eq(np, 51810 + 300 + 120 + 30 + 7);
    params = malloc(np * sizeof *params);
    grads = malloc(np * sizeof *grads);
    ref = calloc(np, sizeof *ref);
    one = malloc(np * sizeof *one);
    gsl_rng_set(r, 7);
    fill(params, np, -0.2, 0.2, r);
    for (int s = 0; s < 3; s++) {
        M[s] = ggs_mlp_alloc(5, spec, 5, params, grads);
        ck_assert(M[s] != NULL);
        fill(X[s], 5 * 40, -1, 1, r);
        fill(dY[s], 5 * 7, -1, 1, r);
    }
    
#line 3798 "book/31-nn.nw"
/* add the three networks' replacing passes into ref */
{
    double *own = malloc(np * sizeof *own);
    R = ggs_mlp_alloc(5, spec, 5, params, own);
    ck_assert(R != NULL);
    for (int s = 0; s < 3; s++) {
        ck_assert_int_eq(ggs_mlp_forward(R, X[s], rows[s]), GGS_OK);
        ck_assert_int_eq(ggs_mlp_backward_replace(R, dXr, X[s], dY[s]), GGS_OK);
        for (size_t i = 0; i < np; i++)
            ref[i] += own[i];
    }
    ggs_mlp_free(R);
    free(own);
}
#line 3763 "book/31-nn.nw"
    for (int t = 0; t < 3; t++) {
        ck_assert_int_eq(ggs_nn_set_threads(blas[t]), GGS_OK);
        ck_assert_int_eq(ggs_nn_set_kernel_threads(kernels[t]), GGS_OK);
        for (size_t i = 0; i < np; i++)
            grads[i] = NAN;
        for (int s = 0; s < 3; s++) {
            memset(dX[s], 0, sizeof dX[s]);
            ck_assert_int_eq(ggs_mlp_forward(M[s], X[s], rows[s]), GGS_OK);
            ck_assert_int_eq(ggs_mlp_backward_deltas(M[s], dX[s], X[s], dY[s]), GGS_OK);
        }
        ck_assert_int_eq(ggs_mlp_backward_weights(M, 3), GGS_OK);
        for (size_t i = 0; i < np; i++)
            ck_assert_msg(fabs(grads[i] - ref[i]) <= 1e-13 * fabs(ref[i]),
                          "threads %d/%d, parameter %zu: %.17g, reference %.17g", blas[t],
                          kernels[t], i, grads[i], ref[i]);
        if (t == 0)
            memcpy(one, grads, np * sizeof *one);
        if (t == 1)
            ck_assert(memcmp(one, grads, np * sizeof *one) == 0);
        
#line 3814 "book/31-nn.nw"
/* the input gradients of the split pass equal the whole pass's */
R = ggs_mlp_alloc(5, spec, 5, NULL, NULL);
ck_assert(R != NULL);
memcpy(ggs_mlp_params(R), params, np * sizeof *params);
for (int s = 0; s < 3; s++) {
    memset(dXr, 0, sizeof dXr);
    ck_assert_int_eq(ggs_mlp_forward(R, X[s], rows[s]), GGS_OK);
    ck_assert_int_eq(ggs_mlp_backward(R, dXr, X[s], dY[s]), GGS_OK);
    for (size_t i = 0; i < rows[s] * 40; i++)
        ck_assert_msg(dX[s][i] == dXr[i], "network %d, dX[%zu]", s, i);
}
ggs_mlp_free(R);
#line 3783 "book/31-nn.nw"
    }
    ck_assert_int_eq(ggs_nn_set_threads(1), GGS_OK);
    
#line 3828 "book/31-nn.nw"
/* the second half refuses bad counts, unlike networks and a missing first half */
ck_assert_int_eq(ggs_mlp_backward_weights(M, 0), GGS_EINVAL);
ck_assert_int_eq(ggs_mlp_backward_weights(NULL, 1), GGS_EINVAL);
ck_assert_int_eq(ggs_mlp_backward_weights(M, GGS_MLP_MAX_SUM + 1), GGS_EINVAL);
{
    ggs_mlp *pair[2] = { M[0], NULL };
    ck_assert_int_eq(ggs_mlp_backward_weights(pair, 2), GGS_EINVAL);
    ck_assert(strstr(ggs_last_error(), "Ms[1] is NULL") != NULL);
    O = ggs_mlp_alloc(5, other, 2, NULL, NULL);
    ck_assert(O != NULL);
    pair[1] = O;
    ck_assert_int_eq(ggs_mlp_backward_weights(pair, 2), GGS_EINVAL);
    ck_assert(strstr(ggs_last_error(), "network 1 has other layers") != NULL);
    ggs_mlp_free(O);
    R = ggs_mlp_alloc(5, spec, 5, NULL, NULL);   /* alike, but its own blocks */
    ck_assert(R != NULL);
    pair[1] = R;
    ck_assert_int_eq(ggs_mlp_backward_weights(pair, 2), GGS_EINVAL);
    ck_assert(strstr(ggs_last_error(), "another gradient block") != NULL);
    ggs_mlp_free(R);
}
ck_assert_int_eq(ggs_mlp_forward(M[1], X[1], rows[1]), GGS_OK);
ck_assert_int_eq(ggs_mlp_backward_weights(M, 3), GGS_EINVAL);
ck_assert(strstr(ggs_last_error(), "network 1: no ggs_mlp_backward_deltas") != NULL);
#line 3786 "book/31-nn.nw"
    for (int s = 0; s < 3; s++)
        ggs_mlp_free(M[s]);
    free(params);
    free(grads);
    free(ref);
    free(one);
    gsl_rng_free(r);
}
END_TEST
#line 3868 "book/31-nn.nw"
enum { BB = 6, BI = 70, BH = 150, BO = 9 };

/* X (BB, BI): row 0 zeros, row 1 ones, the others about 30% ones. */
static void binary_rows(double *X, gsl_rng *r)
{
    for (size_t i = 0; i < BB * BI; i++)
        X[i] = i < BI ? 0 : i < 2 * BI ? 1 : gsl_rng_uniform(r) < 0.3;
}

/* |a - b| <= tol max(1, |b|) for n entries; a's entries i map to b's map(i). */
static void check_near(const char *what, const double *a, const double *b, size_t n,
                       double tol)
{
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(fabs(a[i] - b[i]) <= tol * fmax(1.0, fabs(b[i])),
                      "%s[%zu]: %.17g, dense %.17g", what, i, a[i], b[i]);
}

/* The dense layout of a binary network's block: layer 1 transposed back. */
static void untranspose(double *dense, const double *bin, size_t np)
{
    memcpy(dense, bin, np * sizeof *dense);
    for (size_t o = 0; o < BH; o++)
        for (size_t p = 0; p < BI; p++)
            dense[o * BI + p] = bin[p * BH + o];
}

START_TEST(test_mlp_binary_input_equals_dense)
{
    static const ggs_mlp_spec bin[] = { { BI, GGS_NN_BINARY_INPUT }, { BH, GGS_NN_RELU },
                                        { BO, GGS_NN_IDENTITY } };
    static const ggs_mlp_spec den[] = { { BI, GGS_NN_IDENTITY }, { BH, GGS_NN_RELU },
                                        { BO, GGS_NN_IDENTITY } };
    size_t np, npd;
    double X[2][BB * BI], dY[BB * BO], dXb[BB * BI], dXd[BB * BI], *t;
    ggs_mlp *Mb, *Md;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert_int_eq(ggs_mlp_count(&np, bin, 3), GGS_OK);
    ck_assert_int_eq(ggs_mlp_count(&npd, den, 3), GGS_OK);
    ck_assert_uint_eq(np, npd);
    Mb = ggs_mlp_alloc(BB, bin, 3, NULL, NULL);
    Md = ggs_mlp_alloc(BB, den, 3, NULL, NULL);
    ck_assert(Mb != NULL && Md != NULL);
    t = malloc(np * sizeof *t);
    
#line 3928 "book/31-nn.nw"
/* the binary network starts from the dense one's weights, transposed */
gsl_rng_set(r, 11);
ck_assert_int_eq(ggs_mlp_init(Mb, r), GGS_OK);
gsl_rng_set(r, 11);
ck_assert_int_eq(ggs_mlp_init(Md, r), GGS_OK);
untranspose(t, ggs_mlp_params(Mb), np);
ck_assert(memcmp(t, ggs_mlp_params(Md), np * sizeof *t) == 0);
fill(ggs_mlp_params(Md) + BH * BI, np - BH * BI, -0.3, 0.3, r);   /* nonzero biases too */
memcpy(ggs_mlp_params(Mb) + BH * BI, ggs_mlp_params(Md) + BH * BI,
       (np - BH * BI) * sizeof *t);
#line 3913 "book/31-nn.nw"
    binary_rows(X[0], r);
    binary_rows(X[1], r);
    fill(dY, BB * BO, -1, 1, r);
    
#line 3941 "book/31-nn.nw"
/* the binary network's outputs and gradients equal the dense one's */
ck_assert_int_eq(ggs_mlp_forward(Mb, X[0], BB), GGS_OK);
ck_assert_int_eq(ggs_mlp_forward(Md, X[0], BB), GGS_OK);
check_near("output", ggs_mlp_output(Mb), ggs_mlp_output(Md), BB * BO, 1e-13);
for (int pass = 0; pass < 2; pass++) {
    if (pass == 0) {
        memset(dXb, 0, sizeof dXb);
        memset(dXd, 0, sizeof dXd);
        ck_assert_int_eq(ggs_mlp_backward_replace(Mb, dXb, X[0], dY), GGS_OK);
        ck_assert_int_eq(ggs_mlp_backward_replace(Md, dXd, X[0], dY), GGS_OK);
    } else {
        ck_assert_int_eq(ggs_mlp_backward(Mb, dXb, X[0], dY), GGS_OK);
        ck_assert_int_eq(ggs_mlp_backward(Md, dXd, X[0], dY), GGS_OK);
    }
    check_near("dX", dXb, dXd, BB * BI, 1e-13);
    untranspose(t, ggs_mlp_grads(Mb), np);
    check_near("gradient", t, ggs_mlp_grads(Md), np, 1e-13);
}
#line 3917 "book/31-nn.nw"
    
#line 3963 "book/31-nn.nw"
/* the binary network's split pass sums two networks, on any threads */
{
    double *params = ggs_mlp_params(Mb), *grads = malloc(np * sizeof *grads);
    double *ref = calloc(np, sizeof *ref), *one = malloc(np * sizeof *one), dX[BB * BI];
    ggs_mlp *S[2];
    for (int s = 0; s < 2; s++) {
        ck_assert_int_eq(ggs_mlp_forward(Mb, X[s], BB - s), GGS_OK);
        ck_assert_int_eq(ggs_mlp_backward_replace(Mb, dX, X[s], dY), GGS_OK);
        for (size_t i = 0; i < np; i++)
            ref[i] += ggs_mlp_grads(Mb)[i];
        S[s] = ggs_mlp_alloc(BB, bin, 3, params, grads);
        ck_assert(S[s] != NULL);
    }
    for (int k = 1; k <= 2; k++) {
        ck_assert_int_eq(ggs_nn_set_kernel_threads(k), GGS_OK);
        for (size_t i = 0; i < np; i++)
            grads[i] = NAN;
        for (int s = 0; s < 2; s++) {
            ck_assert_int_eq(ggs_mlp_forward(S[s], X[s], BB - s), GGS_OK);
            ck_assert_int_eq(ggs_mlp_backward_deltas(S[s], NULL, X[s], dY), GGS_OK);
        }
        ck_assert_int_eq(ggs_mlp_backward_weights(S, 2), GGS_OK);
        check_near("split gradient", grads, ref, np, 1e-13);
        if (k == 1)
            memcpy(one, grads, np * sizeof *one);
        else
            ck_assert(memcmp(one, grads, np * sizeof *one) == 0);
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
    
#line 4001 "book/31-nn.nw"
/* a binary network beside a dense one is refused by the second half */
{
    ggs_mlp *D = ggs_mlp_alloc(BB, den, 3, params, grads), *mixed[2];
    ck_assert(D != NULL);
    ck_assert_int_eq(ggs_mlp_forward(D, X[0], BB), GGS_OK);
    ck_assert_int_eq(ggs_mlp_backward_deltas(D, NULL, X[0], dY), GGS_OK);
    mixed[0] = S[0];
    mixed[1] = D;
    ck_assert_int_eq(ggs_mlp_backward_weights(mixed, 2), GGS_EINVAL);
    ck_assert_msg(strstr(ggs_last_error(), "another kind of input") != NULL, "%s",
                  ggs_last_error());
    ggs_mlp_free(D);
}
#line 3993 "book/31-nn.nw"
    ggs_mlp_free(S[0]);
    ggs_mlp_free(S[1]);
    free(grads);
    free(ref);
    free(one);
}
#line 3918 "book/31-nn.nw"
    
#line 4016 "book/31-nn.nw"
/* the float binary network agrees with the double one */
{
    ggs_mlpf *F = ggs_mlp_allocf(BB, bin, 3, NULL, NULL);
    float Xf[BB * BI];
    ck_assert(F != NULL);
    to_float(ggs_mlp_paramsf(F), ggs_mlp_params(Mb), np);
    to_float(Xf, X[1], BB * BI);
    ck_assert_int_eq(ggs_mlp_forwardf(F, Xf, BB), GGS_OK);
    ck_assert_int_eq(ggs_mlp_forward(Mb, X[1], BB), GGS_OK);
    check_close_float("float output", ggs_mlp_outputf(F), ggs_mlp_output(Mb), BB * BO, 1e-5);
    ggs_mlp_freef(F);
}
#line 3919 "book/31-nn.nw"
    
#line 4030 "book/31-nn.nw"
/* a binary network refuses other values and unlike partners */
{
    static const ggs_mlp_spec late[] = { { BI, GGS_NN_IDENTITY },
                                         { BH, GGS_NN_BINARY_INPUT } };
    size_t n;
    X[0][2 * BI + 3] = 0.5;
    ck_assert_int_eq(ggs_mlp_forward(Mb, X[0], BB), GGS_EINVAL);
    ck_assert_msg(strstr(ggs_last_error(), "X[2][3] = 0.5") != NULL, "%s", ggs_last_error());
    ck_assert_int_eq(ggs_mlp_backward(Mb, NULL, X[0], dY), GGS_EINVAL);
    X[0][2 * BI + 3] = NAN;
    ck_assert_int_eq(ggs_mlp_forward(Mb, X[0], BB), GGS_EINVAL);
    X[0][2 * BI + 3] = -0.0;                      /* a zero */
    ck_assert_int_eq(ggs_mlp_forward(Mb, X[0], BB), GGS_OK);
    ck_assert_int_eq(ggs_mlp_count(&n, late, 2), GGS_EINVAL);
}
#line 3920 "book/31-nn.nw"
    ggs_mlp_free(Mb);
    ggs_mlp_free(Md);
    free(t);
    gsl_rng_free(r);
}
END_TEST
#line 4048 "book/31-nn.nw"
struct bin_state { ggs_mlp *M; double X[GB * 5], c[GB * 3]; };

static double bin_loss(void *s)
{
    struct bin_state *st = s;
    ck_assert_int_eq(ggs_mlp_forward(st->M, st->X, GB), GGS_OK);
    return weighted_sum(st->c, ggs_mlp_output(st->M), GB * 3);
}

START_TEST(test_mlp_binary_backward_matches_central_differences)
{
    static const ggs_mlp_spec spec[] = { { 5, GGS_NN_BINARY_INPUT }, { 4, GGS_NN_TANH },
                                         { 3, GGS_NN_IDENTITY } };
    struct bin_state st;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t np;
    double *g;
    st.M = ggs_mlp_alloc(GB, spec, 3, NULL, NULL);
    ck_assert(st.M != NULL);
    np = ggs_mlp_nparams(st.M);
    gsl_rng_set(r, 5);
    fill(ggs_mlp_params(st.M), np, -1, 1, r);
    for (size_t i = 0; i < GB * 5; i++)
        st.X[i] = (i * 7) % 3 == 0;
    fill(st.c, GB * 3, -1, 1, r);
    ck_assert_int_eq(ggs_mlp_forward(st.M, st.X, GB), GGS_OK);
    ck_assert_int_eq(ggs_mlp_backward_replace(st.M, NULL, st.X, st.c), GGS_OK);
    g = malloc(np * sizeof *g);
    memcpy(g, ggs_mlp_grads(st.M), np * sizeof *g);
    check_gradient("binary network", bin_loss, &st, ggs_mlp_params(st.M), g, np);
    free(g);
    ggs_mlp_free(st.M);
    gsl_rng_free(r);
}
END_TEST
#line 4109 "book/31-nn.nw"
START_TEST(test_adam_two_steps_by_hand)
{
    ggs_adam_config cfg = { 0.1, 0.9, 0.999, 1e-8, 0 };
    double p[2] = { 1, -2 }, g1[2] = { 0.5, -1 }, g2[2] = { 0.25, 2 }, norm;
    float pf[2] = { 1, -2 }, g1f[2] = { 0.5f, -1 }, g2f[2] = { 0.25f, 2 };
    ggs_adam *A = ggs_adam_alloc(2, &cfg);
    ggs_adamf *Af = ggs_adam_allocf(2, &cfg);
    ck_assert(A != NULL && Af != NULL);
    ck_assert_int_eq(ggs_adam_step(A, p, g1, &norm), GGS_OK);
    ck_assert(fabs(norm - sqrt(1.25)) < 1e-15);
    ck_assert(fabs(p[0] - 0.9000000019999999600) < 1e-15);
    ck_assert(fabs(p[1] - -1.9000000009999999900) < 1e-15);
    ck_assert_int_eq(ggs_adam_step(A, p, g2, NULL), GGS_OK);
    ck_assert_msg(fabs(p[0] - 0.80678204047746166896) < 1e-14, "%.17g", p[0]);
    ck_assert_msg(fabs(p[1] - -1.9366103534720750882) < 1e-14, "%.17g", p[1]);
    ck_assert_uint_eq(ggs_adam_steps(A), 2);
    ck_assert_int_eq(ggs_adam_stepf(Af, pf, g1f, NULL), GGS_OK);
    ck_assert_int_eq(ggs_adam_stepf(Af, pf, g2f, NULL), GGS_OK);
    ck_assert(fabs(pf[0] - 0.80678204047746167) < 1e-6);
    ck_assert(fabs(pf[1] - -1.93661035347207509) < 1e-6);
    ck_assert_uint_eq(ggs_adam_stepsf(Af), 2);
    ggs_adam_free(A);
    ggs_adam_freef(Af);
}
END_TEST

START_TEST(test_adam_clipping_and_nan)
{
    enum { N = 300 };     /* one full block of 256 and a partial one */
    ggs_adam_config cfg = ggs_adam_defaults(), nc;
    double p[N], q[N], g[N], gs[N], norm = 0, before[N];
    ggs_adam *A, *Bq;
    cfg.lr = 0.01;
    cfg.clip = 1;
    nc = cfg;
    nc.clip = 0;
    A = ggs_adam_alloc(N, &cfg);
    Bq = ggs_adam_alloc(N, &nc);
    for (int i = 0; i < N; i++) {
        p[i] = q[i] = 0.01 * i;
        g[i] = sin(i + 1.0);
        norm += g[i] * g[i];
    }
    norm = sqrt(norm);
    for (int i = 0; i < N; i++) {
        g[i] *= 5 / norm;                /* norm 5 */
        gs[i] = g[i] / 5;                /* norm 1 */
    }
    for (int step = 0; step < 2; step++) {
        ck_assert_int_eq(ggs_adam_step(A, p, g, &norm), GGS_OK);
        ck_assert(fabs(norm - (step == 0 ? 5 : 2.5)) < 1e-12);
        ck_assert_int_eq(ggs_adam_step(Bq, q, gs, NULL), GGS_OK);
        for (int i = 0; i < N; i++) {
            g[i] *= -0.5;                 /* step 2: -g/2, norm 2.5, clipped to -g/5 */
            gs[i] = -gs[i];               /* the reference: -g/5 directly */
        }
    }
    for (int i = 0; i < N; i++)
        ck_assert_msg(fabs(p[i] - q[i]) < 1e-13, "p[%d] = %.17g, q = %.17g", i, p[i], q[i]);
    memcpy(before, p, sizeof p);
    g[271] = NAN;
    ck_assert_int_eq(ggs_adam_step(A, p, g, NULL), GGS_ERANGE);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "grads[271]"));
    ck_assert_uint_eq(ggs_adam_steps(A), 2);
    for (int i = 0; i < N; i++)
        ck_assert(p[i] == before[i]);
    ggs_adam_free(A);
    ggs_adam_free(Bq);
}
END_TEST
#line 4193 "book/31-nn.nw"
START_TEST(test_adam_step_sum)
{
    enum { N = 1000, S = 3 };
    static float g[S][N], sum[N], p[N], q[N], keep[N];
    static double gd[S][N], sumd[N], pd[N], qd[N];
    float *blocks[S] = { g[0], g[1], g[2] };
    double *blocksd[S] = { gd[0], gd[1], gd[2] };
    gsl_rng *r = ggs_rng_new(17);
    ggs_adam_config cfg = ggs_adam_defaults();
    for (int clip = 0; clip < 2; clip++)
        for (size_t nb = 1; nb <= S; nb++) {
            ggs_adamf *A, *B;
            ggs_adam *Ad, *Bd;
            cfg.clip = clip ? 0.5 : 0;
            A = ggs_adam_allocf(N, &cfg);
            B = ggs_adam_allocf(N, &cfg);
            Ad = ggs_adam_alloc(N, &cfg);
            Bd = ggs_adam_alloc(N, &cfg);
            ck_assert(A != NULL && B != NULL && Ad != NULL && Bd != NULL);
            for (int i = 0; i < N; i++)
                p[i] = q[i] = (float)(pd[i] = qd[i] = ggs_uniform_pos(r) - 0.5);
            for (int step = 0; step < 3; step++) {
                for (size_t s = 0; s < nb; s++)
                    for (int i = 0; i < N; i++)
                        g[s][i] = (float)(gd[s][i] = 2 * ggs_uniform_pos(r) - 1);
                memcpy(sum, g[0], sizeof sum);
                memcpy(sumd, gd[0], sizeof sumd);
                memcpy(keep, g[0], sizeof keep);
                for (size_t s = 1; s < nb; s++) {
                    ggs_nn_addf(sum, g[s], N);
                    ggs_nn_add(sumd, gd[s], N);
                }
                ck_assert_int_eq(ggs_adam_stepf(A, p, sum, NULL), GGS_OK);
                ck_assert_int_eq(ggs_adam_step_sumf(B, q, blocks, nb, NULL), GGS_OK);
                ck_assert_int_eq(ggs_adam_step(Ad, pd, sumd, NULL), GGS_OK);
                ck_assert_int_eq(ggs_adam_step_sum(Bd, qd, blocksd, nb, NULL), GGS_OK);
                ck_assert(memcmp(p, q, sizeof p) == 0 && memcmp(pd, qd, sizeof pd) == 0);
                ck_assert(memcmp(g[0], clip ? sum : keep, sizeof keep) == 0);
            }
            ggs_adam_freef(A);
            ggs_adam_freef(B);
            ggs_adam_free(Ad);
            ggs_adam_free(Bd);
        }
    cfg.clip = 0;
    {
        ggs_adamf *A = ggs_adam_allocf(N, &cfg);
        float *null_block[2] = { g[0], NULL };
        for (int i = 0; i < N; i++)
            g[0][i] = g[1][i] = 0.25f;
        g[0][600] = g[1][600] = 3e38f;
        memcpy(keep, q, sizeof keep);
        ck_assert_int_eq(ggs_adam_step_sumf(A, q, blocks, 2, NULL), GGS_ERANGE);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "[600] = inf"));
        ck_assert(memcmp(keep, q, sizeof keep) == 0 && ggs_adam_stepsf(A) == 0);
        ck_assert_int_eq(ggs_adam_step_sumf(A, q, blocks, 0, NULL), GGS_EINVAL);
        ck_assert_int_eq(ggs_adam_step_sumf(A, q, blocks, GGS_ADAM_MAX_SUM + 1, NULL),
                         GGS_EINVAL);
        ck_assert_int_eq(ggs_adam_step_sumf(A, q, null_block, 2, NULL), GGS_EINVAL);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "grads[1]"));
        ggs_adam_freef(A);
    }
    ggs_rng_free(r);
}
END_TEST
#line 4268 "book/31-nn.nw"
START_TEST(test_adam_nonfinite_on_threads)
{
    enum { N = 3 * 64 * 256 + 100 };
    static double p[N], g[N], ref[N], keep[N];
    ggs_adam_config cfg = ggs_adam_defaults();
    for (int threads = 1; threads <= 3; threads++) {
        ggs_adam *A = ggs_adam_alloc(N, &cfg);
        ck_assert(A != NULL);
        ck_assert_int_eq(ggs_nn_set_kernel_threads(threads), GGS_OK);
        for (int i = 0; i < N; i++) {
            p[i] = keep[i] = sin(0.37 * i);
            g[i] = cos(1.3 * i);
        }
        g[1000] = NAN;                     /* one bad entry in each third */
        g[20000] = HUGE_VAL;
        g[40000] = -NAN;
        g[N - 3] = -HUGE_VAL;              /* and one in the partial block */
        ck_assert_int_eq(ggs_adam_step(A, p, g, NULL), GGS_ERANGE);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "grads[1000]"));
        ck_assert(memcmp(p, keep, sizeof p) == 0 && ggs_adam_steps(A) == 0);
        g[1000] = g[20000] = g[40000] = g[N - 3] = 0.5;
        ck_assert_int_eq(ggs_adam_step(A, p, g, NULL), GGS_OK);
        ck_assert_int_eq(ggs_adam_step(A, p, g, NULL), GGS_OK);
        if (threads == 1)
            memcpy(ref, p, sizeof ref);
        else
            ck_assert_msg(memcmp(p, ref, sizeof ref) == 0, "%d threads", threads);
        ggs_adam_free(A);
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
}
END_TEST
#line 4310 "book/31-nn.nw"
/* Save params (n) and A into a new temporary file; return it rewound. */
static FILE *saved(const double *p, size_t n, const ggs_adam *A)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ggs_nn_save(f, p, n, A), GGS_OK);
    rewind(f);
    return f;
}

/* The bytes of a file. */
static unsigned char *slurp(FILE *f, long *len)
{
    unsigned char *b;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    rewind(f);
    b = malloc((size_t)*len);
    ck_assert((long)fread(b, 1, (size_t)*len, f) == *len);
    return b;
}

/* A temporary file with the given bytes, rewound. */
static FILE *from_bytes(const unsigned char *b, long len)
{
    FILE *f = tmpfile();
    ck_assert((long)fwrite(b, 1, (size_t)len, f) == len);
    rewind(f);
    return f;
}

START_TEST(test_checkpoint_round_trip)
{
    enum { N = 5 };
    double p[N] = { 1, 2, 3, 4, 5 }, g[N] = { 0.1, -0.2, 0.3, -0.4, 0.5 }, p2[N], q[N];
    float pf[N] = { 1, 2, 3, 4, 5 }, qf[N];
    ggs_adam *A = ggs_adam_alloc(N, &(ggs_adam_config){ 0.1, 0.9, 0.999, 1e-8, 0 });
    ggs_adam *A2 = ggs_adam_alloc(N, &(ggs_adam_config){ 0.1, 0.9, 0.999, 1e-8, 0 });
    ggs_adamf *Af = ggs_adam_allocf(N, &(ggs_adam_config){ 0.1, 0.9, 0.999, 1e-8, 0 });
    FILE *f;
    ck_assert_int_eq(ggs_adam_step(A, p, g, NULL), GGS_OK);
    f = saved(p, N, A);
    ck_assert_int_eq(ggs_nn_load(f, q, N, A2), GGS_OK);
    fclose(f);
    ck_assert_uint_eq(ggs_adam_steps(A2), 1);
    memcpy(p2, p, sizeof p);
    ck_assert_int_eq(ggs_adam_step(A, p, g, NULL), GGS_OK);
    ck_assert_int_eq(ggs_adam_step(A2, q, g, NULL), GGS_OK);
    for (int i = 0; i < N; i++)
        ck_assert(p[i] == q[i]);
    /* without state: weights only; a state in the file may be skipped */
    f = tmpfile();
    ck_assert_int_eq(ggs_nn_save(f, p2, N, NULL), GGS_OK);
    ck_assert_int_eq(ggs_nn_save(f, p, N, A), GGS_OK);     /* two sections */
    rewind(f);
    ck_assert_int_eq(ggs_nn_load(f, q, N, NULL), GGS_OK);
    for (int i = 0; i < N; i++)
        ck_assert(q[i] == p2[i]);
    ck_assert_int_eq(ggs_nn_load(f, q, N, NULL), GGS_OK);
    for (int i = 0; i < N; i++)
        ck_assert(q[i] == p[i]);
    fclose(f);
    f = tmpfile();
    ck_assert_int_eq(ggs_nn_savef(f, pf, N, Af), GGS_OK);
    rewind(f);
    ck_assert_int_eq(ggs_nn_loadf(f, qf, N, Af), GGS_OK);
    for (int i = 0; i < N; i++)
        ck_assert(qf[i] == pf[i]);
    fclose(f);
    ggs_adam_free(A);
    ggs_adam_free(A2);
    ggs_adam_freef(Af);
}
END_TEST

START_TEST(test_checkpoint_damage_is_an_error)
{
    enum { N = 6 };
    double p[N] = { 1, 2, 3, 4, 5, 6 }, q[N] = { 9, 9, 9, 9, 9, 9 };
    float qf[N];
    ggs_adam *A = ggs_adam_alloc(N, &(ggs_adam_config){ 0.1, 0.9, 0.999, 1e-8, 0 });
    ggs_adam *A7 = ggs_adam_alloc(N + 1, &(ggs_adam_config){ 0.1, 0.9, 0.999, 1e-8, 0 });
    long len;
    FILE *f = saved(p, N, A);
    unsigned char *b = slurp(f, &len), *c = malloc((size_t)len);
    fclose(f);
    ck_assert_int_eq(len, 40 + 3 * N * 8 + 8);
    
#line 4430 "book/31-nn.nw"
/* check each kind of damage to a checkpoint */
struct { long at; unsigned char flip; const char *msg; } edits[] = {
    { 0, 'g' ^ 'G', "bad magic" },      /* magic: "Gengs-nn" */
    { 8, 1 ^ 2, "version 2" },          /* version 2 */
    { 12, 0x01, "byte order" },         /* byte-order tag */
    { 40 + 17, 0x5a, "checksum" },      /* a byte of the payload */
    { len - 1, 0xff, "checksum" },      /* the checksum itself */
};
for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
    memcpy(c, b, (size_t)len);
    c[edits[e].at] ^= edits[e].flip;
    f = from_bytes(c, len);
    ck_assert_int_eq(ggs_nn_load(f, q, N, A), GGS_EINVAL);
    ck_assert_msg(strstr(ggs_last_error(), edits[e].msg) != NULL, "%s", ggs_last_error());
    fclose(f);
}
for (long cut = 0; cut < len; cut++) {
    f = from_bytes(b, cut);
    ck_assert_int_eq(ggs_nn_load(f, q, N, NULL), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "truncated"));
    fclose(f);
}
f = from_bytes(b, len);
ck_assert_int_eq(ggs_nn_loadf(f, qf, N, NULL), GGS_EINVAL);
ck_assert_ptr_nonnull(strstr(ggs_last_error(), "8-byte reals"));
fclose(f);
f = from_bytes(b, len);
ck_assert_int_eq(ggs_nn_load(f, q, N - 1, NULL), GGS_EINVAL);
ck_assert_ptr_nonnull(strstr(ggs_last_error(), "6 parameters, expected 5"));
fclose(f);
f = from_bytes(b, len);
ck_assert_int_eq(ggs_nn_load(f, q, N, A7), GGS_EINVAL);   /* state of another size */
fclose(f);
f = tmpfile();
ck_assert_int_eq(ggs_nn_save(f, p, N, NULL), GGS_OK);
rewind(f);
ck_assert_int_eq(ggs_nn_load(f, q, N, A), GGS_EINVAL);
ck_assert_ptr_nonnull(strstr(ggs_last_error(), "no optimizer state"));
fclose(f);
#line 4398 "book/31-nn.nw"
    for (int i = 0; i < N; i++)
        ck_assert(q[i] == 9);
    free(b);
    free(c);
    ggs_adam_free(A);
    ggs_adam_free(A7);
}
END_TEST

/* A full disk (/dev/full, unbuffered so that each write reaches it) and a
   stream that cannot be read are failures of the system, not of the file. */
START_TEST(test_checkpoint_io_errors)
{
    enum { N = 4 };
    double p[N] = { 1, 2, 3, 4 }, q[N] = { 9, 9, 9, 9 };
    FILE *f = fopen("/dev/full", "wb");
    ck_assert_ptr_nonnull(f);
    setvbuf(f, NULL, _IONBF, 0);
    ck_assert_int_eq(ggs_nn_save(f, p, N, NULL), GGS_EIO);
    ck_assert_msg(strstr(ggs_last_error(), "No space") != NULL, "%s", ggs_last_error());
    fclose(f);
    f = fopen("/dev/null", "wb");                 /* open for writing only: reads fail */
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ggs_nn_load(f, q, N, NULL), GGS_EIO);
    ck_assert_msg(strstr(ggs_last_error(), "read error") != NULL, "%s", ggs_last_error());
    fclose(f);
    for (int i = 0; i < N; i++)
        ck_assert(q[i] == 9);
}
END_TEST
#line 4480 "book/31-nn.nw"
START_TEST(test_extreme_inputs)
{
    double z[6] = { -1e4, 1e4, -HUGE_VAL, HUGE_VAL, -30, 0 }, y[6], dX[6] = { 0 }, one[6];
    float zf[6], yf[6];
    double x[2] = { 1, 1 }, l[2] = { 1e4, -1e4 }, ll[2], dl[2] = { 0 }, w[2] = { 1, 1 };
    float xf[2] = { 1, 1 }, lf[2] = { 1e4f, -1e4f }, llf[2];
    size_t at;
    to_float(zf, z, 6);
    for (int i = 0; i < 6; i++)
        one[i] = 1;
    ggs_nn_softplus_forward(y, z, 6);
    ck_assert(y[0] == 0 && y[1] == 1e4 && y[2] == 0 && y[3] == HUGE_VAL);
    ck_assert(fabs(y[4] / 9.357622968839737e-14 - 1) < 1e-15 && fabs(y[5] - log(2)) < 1e-16);
    ggs_nn_softplus_backward(dX, one, y, 6);
    ck_assert(dX[0] == 0 && dX[1] == 1 && dX[2] == 0 && dX[3] == 1);
    ck_assert(fabs(dX[4] / 9.357622968839737e-14 - 1) < 1e-12);   /* sigmoid(-30) */
    ggs_nn_softplus_forwardf(yf, zf, 6);
    ck_assert(yf[0] == 0 && yf[1] == 1e4f && fabsf(yf[4] / 9.357623e-14f - 1) < 1e-6f);
    ggs_nn_sigmoid_forward(y, z, 6);
    ck_assert(y[0] == 0 && y[1] == 1 && y[2] == 0 && y[3] == 1 && y[5] == 0.5);
    ggs_nn_sigmoid_forwardf(yf, zf, 6);
    ck_assert(yf[0] == 0 && yf[1] == 1 && yf[5] == 0.5f);
    ggs_nn_bernoulli_forward(ll, x, l, 2, 1);
    ck_assert(ll[0] == 0 && ll[1] == -1e4);
    ggs_nn_bernoulli_backward(dl, w, x, l, 2, 1);
    ck_assert(dl[0] == 0 && dl[1] == 1);
    ggs_nn_bernoulli_forwardf(llf, xf, lf, 2, 1);
    ck_assert(llf[0] == 0 && llf[1] == -1e4f);
    /* NaN goes through and is found */
    z[3] = NAN;
    ggs_nn_relu_forward(y, z, 6);
    ck_assert(isnan(y[3]));
    ggs_nn_tanh_forward(y, z, 6);
    ck_assert(isnan(y[3]));
    ggs_nn_softplus_forward(y, z, 6);
    ck_assert(isnan(y[3]));
    ggs_nn_sigmoid_forward(y, z, 6);
    ck_assert(isnan(y[3]));
    ck_assert_int_eq(ggs_nn_check_finite(&at, y, 6, "y"), GGS_ERANGE);
    ck_assert_uint_eq(at, 3);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "y[3] = "));
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "nan is not finite"));
    ck_assert_int_eq(ggs_nn_check_finite(&at, y, 3, "y"), GGS_OK);
    ck_assert_uint_eq(at, 3);
    zf[3] = NAN;
    ggs_nn_softplus_forwardf(yf, zf, 6);
    ck_assert(isnan(yf[3]));
    ggs_nn_sigmoid_forwardf(yf, zf, 6);
    ck_assert(isnan(yf[3]));
    zf[2] = HUGE_VALF;
    ck_assert_int_eq(ggs_nn_check_finitef(NULL, zf, 6, "zf"), GGS_ERANGE);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "zf[2] = inf"));
}
END_TEST
#line 4537 "book/31-nn.nw"
START_TEST(test_nn_errors)
{
    double Y[4] = { 7, 7, 7, 7 }, X[4] = { 1, 1, 1, 1 }, W[4] = { 1, 1, 1, 1 };
    double dW[4] = { 7, 7, 7, 7 };
    ggs_mlp_spec bad0[] = { { 4, GGS_NN_RELU }, { 2, GGS_NN_IDENTITY } };
    ggs_mlp_spec bad1[] = { { 4, GGS_NN_IDENTITY }, { 0, GGS_NN_IDENTITY } };
    ggs_mlp_spec bad2[] = { { 4, GGS_NN_IDENTITY }, { 2, 9 } };
    ggs_mlp_spec big[] = { { (size_t)INT_MAX + 1, GGS_NN_IDENTITY }, { 2, GGS_NN_IDENTITY } };
    ggs_mlp_spec ok[] = { { 4, GGS_NN_IDENTITY }, { 2, GGS_NN_IDENTITY } };
    ggs_adam_config cfg = ggs_adam_defaults();
    double params[10];
    size_t n = 42;
    ggs_mlp *M;
    ck_assert_int_eq(ggs_nn_dense_forward(Y, X, W, NULL, 0, 2, 2), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "B = 0"));
    ck_assert_int_eq(ggs_nn_dense_forward(Y, X, W, NULL, 2, (size_t)INT_MAX + 1, 2), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "INT_MAX"));
    ck_assert_int_eq(ggs_nn_dense_forwardf(NULL, NULL, NULL, NULL, 2, 2, 2), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_dense_backward(NULL, dW, NULL, X, X, W, 2, 0, 2), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_dense_backward(NULL, dW, NULL, X, X, W, INT_MAX, INT_MAX, INT_MAX),
                     GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "overflows"));
    ck_assert_int_eq(ggs_nn_dense_backwardf(NULL, NULL, NULL, NULL, NULL, NULL, 1, 1, 1),
                     GGS_EINVAL);
    for (int i = 0; i < 4; i++)
        ck_assert(Y[i] == 7 && dW[i] == 7);
    ck_assert_int_eq(ggs_mlp_count(&n, bad0, 2), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "spec[0].act"));
    ck_assert_int_eq(ggs_mlp_count(&n, bad1, 2), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "spec[1].size = 0"));
    ck_assert_int_eq(ggs_mlp_count(&n, bad2, 2), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "spec[1].act = 9"));
    ck_assert_int_eq(ggs_mlp_count(&n, big, 2), GGS_EINVAL);
    ck_assert_int_eq(ggs_mlp_count(&n, ok, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_mlp_count(NULL, ok, 2), GGS_EINVAL);
    ck_assert_uint_eq(n, 42);
    ck_assert_ptr_null(ggs_mlp_alloc(0, ok, 2, NULL, NULL));
    ck_assert_ptr_null(ggs_mlp_allocf((size_t)INT_MAX + 1, ok, 2, NULL, NULL));
    ck_assert_ptr_null(ggs_mlp_alloc(2, big, 2, NULL, NULL));
    ck_assert_ptr_null(ggs_mlp_alloc(2, ok, 2, params, NULL));
    M = ggs_mlp_alloc(2, ok, 2, NULL, NULL);
    ck_assert_ptr_nonnull(M);
    ck_assert_int_eq(ggs_mlp_backward(M, NULL, X, X), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "no forward pass"));
    ck_assert_int_eq(ggs_mlp_forward(M, X, 3), GGS_EINVAL);
    ck_assert_int_eq(ggs_mlp_forward(M, NULL, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_mlp_init(M, NULL), GGS_EINVAL);
    ggs_mlp_free(M);
    ggs_mlp_free(NULL);
    ggs_mlp_freef(NULL);
    cfg.beta1 = 1;
    ck_assert_ptr_null(ggs_adam_alloc(3, &cfg));
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "beta1"));
    cfg = ggs_adam_defaults();
    cfg.lr = NAN;
    ck_assert_ptr_null(ggs_adam_allocf(3, &cfg));
    ck_assert_ptr_null(ggs_adam_alloc(0, NULL));
    cfg = ggs_adam_defaults();
    ck_assert_ptr_null(ggs_adam_alloc(0, &cfg));
    ck_assert_ptr_null(ggs_adam_alloc(SIZE_MAX / 4, &cfg));
    ck_assert_int_eq(ggs_adam_step(NULL, params, params, NULL), GGS_EINVAL);
    ggs_adam_free(NULL);
    ggs_adam_freef(NULL);
    ck_assert_int_eq(ggs_nn_save(NULL, params, 3, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_load(NULL, params, 3, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_set_threads(0), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_set_threads(1), GGS_OK);
    ck_assert_int_eq(ggs_nn_threads(), 1);
}
END_TEST
#line 4635 "book/31-nn.nw"
START_TEST(test_add_on_threads)
{
    enum { N = 3 * 16384 + 77 };
    static float y[N], x[N], want[N];
    static double yd[N], xd[N], wantd[N];
    for (int threads = 1; threads <= 3; threads += 2) {
        ck_assert_int_eq(ggs_nn_set_kernel_threads(threads), GGS_OK);
        for (int i = 0; i < N; i++) {
            y[i] = (float)i * 0.5f;
            x[i] = 1.0f / (float)(i + 1);
            want[i] = y[i] + x[i];
            yd[i] = (double)i * 0.25;
            xd[i] = 1.0 / (double)(i + 3);
            wantd[i] = yd[i] + xd[i];
        }
        ggs_nn_addf(y, x, N);
        ggs_nn_add(yd, xd, N);
        for (int i = 0; i < N; i++)
            ck_assert(y[i] == want[i] && yd[i] == wantd[i]);
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
}
END_TEST

#line 3244 "book/31-nn.nw"
Suite *make_nn_suite(void)
{
    Suite *s = suite_create("nn");
    TCase *core = tcase_create("Core"), *net = tcase_create("Network");
    TCase *opt = tcase_create("Adam"), *ck = tcase_create("Checkpoint");
    TCase *lim = tcase_create("Limits"), *err = tcase_create("Errors");
    
#line 4609 "book/31-nn.nw"
tcase_add_test(core, test_dense_backward_matches_central_differences);
tcase_add_test(core, test_dense_forward_matches_definition);
tcase_add_test(core, test_activations_backward_match_central_differences);
tcase_add_test(core, test_bernoulli_backward_matches_central_differences);
tcase_add_test(net, test_mlp_backward_matches_central_differences);
tcase_add_test(net, test_mlp_shared_blocks_rows_and_init);
tcase_add_test(net, test_mlp_split_backward_sums_the_networks);
tcase_add_test(net, test_mlp_binary_input_equals_dense);
tcase_add_test(net, test_mlp_binary_backward_matches_central_differences);
tcase_add_test(opt, test_adam_two_steps_by_hand);
tcase_add_test(opt, test_adam_clipping_and_nan);
tcase_add_test(opt, test_adam_step_sum);
tcase_add_test(opt, test_adam_nonfinite_on_threads);
tcase_add_test(ck, test_checkpoint_round_trip);
tcase_add_test(ck, test_checkpoint_damage_is_an_error);
tcase_add_test(ck, test_checkpoint_io_errors);
tcase_add_test(lim, test_extreme_inputs);
tcase_add_test(err, test_nn_errors);
tcase_add_test(core, test_add_on_threads);
#line 3251 "book/31-nn.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, net);
    suite_add_tcase(s, opt);
    suite_add_tcase(s, ck);
    suite_add_tcase(s, lim);
    suite_add_tcase(s, err);
    return s;
}
