#line 811 "book/35-nvpdef-speed.nw"
/* Generated from book/35-nvpdef-speed.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check-gengs.h"

#line 840 "book/35-nvpdef-speed.nw"
static void speed_corpus(ggs_bow *c, size_t D, size_t V, gsl_rng *r)
{
    c->ndocs = D;
    c->vocab = V;
    c->nnz = 0;
    c->row = malloc((D + 1) * sizeof *c->row);
    c->word = malloc(D * V * sizeof *c->word);
    c->count = malloc(D * V * sizeof *c->count);
    c->length = malloc(D * sizeof *c->length);
    ck_assert(c->row && c->word && c->count && c->length);
    c->row[0] = 0;
    for (size_t d = 0; d < D; d++) {
        size_t want = 1 + gsl_rng_uniform_int(r, 40);
        c->length[d] = 0;
        for (size_t w = 0; w < V; w++)
            if (gsl_rng_uniform(r) * (double)V < (double)want) {
                c->word[c->nnz] = (uint32_t)w;
                c->count[c->nnz] = 1 + (uint32_t)gsl_rng_uniform_int(r, 5);
                c->length[d] += c->count[c->nnz++];
            }
        c->row[d + 1] = c->nnz;
    }
}

static void speed_corpus_free(ggs_bow *c)
{
    free(c->row);
    free(c->word);
    free(c->count);
    free(c->length);
}

static double *speed_random(size_t count, gsl_rng *r)
{
    double *x = malloc(count * sizeof *x);
    ck_assert_ptr_nonnull(x);
    for (size_t i = 0; i < count; i++)
        x[i] = 2 * gsl_rng_uniform(r) - 1;
    return x;
}
#line 883 "book/35-nvpdef-speed.nw"
START_TEST(test_nvpdef_speed_sparse_exact)
{
    static const size_t widths[4] = { 5, 64, 137, 500 };
    enum { D = 50, V = 300, R = 37 };
    size_t H = widths[_i % 4], docs[R];
    int threads = 1 + _i / 4;
    ggs_bow c;
    gsl_rng *r = ggs_rng_new(1500 + (unsigned long)_i);
    double *W, *b, *Y, *Yref, *dY, *dW, *dWref, *db, *dbref;
    speed_corpus(&c, D, V, r);
    W = speed_random(V * H, r);
    b = speed_random(H, r);
    dY = speed_random(R * H, r);
    dW = speed_random(V * H, r);
    db = speed_random(H, r);
    dWref = malloc(V * H * sizeof *dWref);
    dbref = malloc(H * sizeof *dbref);
    Y = malloc(R * H * sizeof *Y);
    Yref = malloc(R * H * sizeof *Yref);
    ck_assert(dWref && dbref && Y && Yref);
    memcpy(dWref, dW, V * H * sizeof *dW);
    memcpy(dbref, db, H * sizeof *db);
    for (size_t j = 0; j < R; j++)
        docs[j] = gsl_rng_uniform_int(r, D);   /* repeats: shared rows of dW */
    /* the specification's loops */
    for (size_t j = 0; j < R; j++) {
        size_t d = docs[j];
        for (size_t h = 0; h < H; h++)
            Yref[j * H + h] = b[h];
        for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
            for (size_t h = 0; h < H; h++)
                Yref[j * H + h] += (double)c.count[i] * W[c.word[i] * H + h];
        for (size_t h = 0; h < H; h++)
            dbref[h] += dY[j * H + h];
        for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
            for (size_t h = 0; h < H; h++)
                dWref[c.word[i] * H + h] += (double)c.count[i] * dY[j * H + h];
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(threads), GGS_OK);
    ck_assert_int_eq(ggs_nvpdef_sparse_forward(Y, W, b, &c, docs, R, H), GGS_OK);
    ggs_nvpdef_sparse_backward(dW, db, dY, &c, docs, R, H);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
    ck_assert_msg(memcmp(Y, Yref, R * H * sizeof *Y) == 0, "H = %zu, %d threads: Y differs",
                  H, threads);
    ck_assert_msg(memcmp(dW, dWref, V * H * sizeof *dW) == 0, "H = %zu, %d threads: dW "
                  "differs", H, threads);
    ck_assert_msg(memcmp(db, dbref, H * sizeof *db) == 0, "H = %zu, %d threads: db differs",
                  H, threads);
    free(W), free(b), free(Y), free(Yref), free(dY), free(dW), free(dWref), free(db),
        free(dbref);
    speed_corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 940 "book/35-nvpdef-speed.nw"
/* The specification's exponential: the library's, one number at a time. */
static double speed_exp(double x)
{
    double y;
    ggs_fast_exp(&y, &x, 1);
    return y;
}

START_TEST(test_nvpdef_speed_loglik_exact)
{
    enum { D = 50, V = 300, R = 37 };
    size_t docs[R];
    ggs_bow c;
    gsl_rng *r = ggs_rng_new(1510 + (unsigned long)_i);
    double *l, *dl, *dlref, *dll, ll[R], llref[R], lses[R];
    speed_corpus(&c, D, V, r);
    l = speed_random(R * V, r);
    dl = speed_random(R * V, r);
    dll = speed_random(R, r);
    dlref = malloc(R * V * sizeof *dlref);
    ck_assert_ptr_nonnull(dlref);
    memcpy(dlref, dl, R * V * sizeof *dl);
    for (size_t j = 0; j < R; j++) {
        size_t d = docs[j] = gsl_rng_uniform_int(r, D);
        const double *lj = l + j * V;
        double mx = lj[0], s = 0, lse, x = 0;
        for (size_t v = 1; v < V; v++)
            mx = lj[v] > mx ? lj[v] : mx;
        for (size_t v = 0; v < V; v++)
            s += speed_exp(lj[v] - mx);
        lse = mx + log(s);
        for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
            x += (double)c.count[i] * lj[c.word[i]];
        llref[j] = x - (double)c.length[d] * lse;
        for (size_t v = 0; v < V; v++)
            dlref[j * V + v] -= dll[j] * (double)c.length[d] * speed_exp(lj[v] - lse);
        for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
            dlref[j * V + c.word[i]] += dll[j] * (double)c.count[i];
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1 + _i), GGS_OK);
    ggs_nvpdef_softmax_loglik_forward(ll, lses, l, &c, docs, R, V);
    ggs_nvpdef_softmax_loglik_backward(dl, dll, lses, l, &c, docs, R, V);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
    ck_assert_msg(memcmp(ll, llref, sizeof ll) == 0, "%d threads: ll differs", 1 + _i);
    ck_assert_msg(memcmp(dl, dlref, R * V * sizeof *dl) == 0, "%d threads: dlogits differs",
                  1 + _i);
    free(l), free(dl), free(dlref), free(dll);
    speed_corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 998 "book/35-nvpdef-speed.nw"
/* The loss of a model of configuration cfg with weights from seed 7, in double
   (single = 0) or single precision, on the given number of kernel threads; returns a
   copy of its gradient, of *bytes bytes. */
static void *speed_model_gradient(size_t *bytes, ggs_nvpdef_stats *st,
                                  const ggs_nvpdef_config *cfg, const ggs_bow *c,
                                  const size_t *docs, int single, int threads)
{
    ggs_noise q;
    void *g;
    ggs_noise_seed(&q, 3);
    memset(st, 0, sizeof *st);
    ck_assert_int_eq(ggs_nn_set_kernel_threads((size_t)threads), GGS_OK);
    if (single) {
        ggs_nvpdeff *m = ggs_nvpdef_allocf(cfg, 7);
        ck_assert_ptr_nonnull(m);
        ck_assert_int_eq(ggs_nvpdef_lossf(m, st, c, docs, cfg->batch, 0.7, &q, 1), GGS_OK);
        *bytes = ggs_nvpdef_nparamsf(m) * sizeof(float);
        g = malloc(*bytes);
        ck_assert_ptr_nonnull(g);
        memcpy(g, ggs_nvpdef_gradsf(m), *bytes);
        ggs_nvpdef_freef(m);
    } else {
        ggs_nvpdef *m = ggs_nvpdef_alloc(cfg, 7);
        ck_assert_ptr_nonnull(m);
        ck_assert_int_eq(ggs_nvpdef_loss(m, st, c, docs, cfg->batch, 0.7, &q, 1), GGS_OK);
        *bytes = ggs_nvpdef_nparams(m) * sizeof(double);
        g = malloc(*bytes);
        ck_assert_ptr_nonnull(g);
        memcpy(g, ggs_nvpdef_grads(m), *bytes);
        ggs_nvpdef_free(m);
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
    return g;
}

/* Model kind _i % 3 (explicit, implicit, NVDM), double for _i < 3 and float after. */
START_TEST(test_nvpdef_speed_model_threads)
{
    enum { D = 50, V = 300, B = 16 };
    ggs_nvpdef_config cfg = ggs_nvpdef_default_config();
    ggs_bow c;
    gsl_rng *r = ggs_rng_new(1520 + (unsigned long)_i);
    size_t docs[B], bytes[2];
    void *g[2];
    ggs_nvpdef_stats st[2];
    speed_corpus(&c, D, V, r);
    for (size_t j = 0; j < B; j++)
        docs[j] = gsl_rng_uniform_int(r, D);
    cfg.model = _i % 3 == 2 ? GGS_NVPDEF_GAUSSIAN : GGS_NVPDEF_POISSON;
    cfg.implicit = _i % 3 == 1;
    cfg.n = 12;
    cfg.V = V;
    cfg.H = 137;
    cfg.K = 6;
    cfg.batch = B;
    ck_assert_int_eq(ggs_nn_set_threads(1), GGS_OK);
    for (int t = 0; t < 2; t++)
        g[t] = speed_model_gradient(&bytes[t], &st[t], &cfg, &c, docs, _i >= 3, 1 + t);
    ck_assert_msg(bytes[0] == bytes[1] && memcmp(g[0], g[1], bytes[0]) == 0,
                  "model %d: the gradient differs on two threads", _i);
    ck_assert_msg(st[0].nll == st[1].nll && st[0].kl == st[1].kl, "model %d: the "
                  "loss differs on two threads", _i);
    free(g[0]);
    free(g[1]);
    speed_corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 1072 "book/35-nvpdef-speed.nw"
START_TEST(test_nvpdef_speed_sparse_exactf)
{
    static const size_t widths[4] = { 5, 64, 137, 500 };
    enum { D = 50, V = 300, R = 37 };
    size_t H = widths[_i % 4], docs[R];
    int threads = 1 + _i / 4;
    ggs_bow c;
    gsl_rng *r = ggs_rng_new(1530 + (unsigned long)_i);
    float *W = malloc(V * H * sizeof *W), *b = malloc(H * sizeof *b);
    float *dY = malloc(R * H * sizeof *dY), *dW = calloc(V * H, sizeof *dW);
    float *db = calloc(H, sizeof *db), *Y = malloc(R * H * sizeof *Y);
    float *Yref = malloc(R * H * sizeof *Yref), *dWref = calloc(V * H, sizeof *dWref);
    float *dbref = calloc(H, sizeof *dbref);
    ck_assert(W && b && dY && dW && db && Y && Yref && dWref && dbref);
    speed_corpus(&c, D, V, r);
    for (size_t i = 0; i < V * H; i++)
        W[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (size_t i = 0; i < H; i++)
        b[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (size_t i = 0; i < R * H; i++)
        dY[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (size_t j = 0; j < R; j++)
        docs[j] = gsl_rng_uniform_int(r, D);
    for (size_t j = 0; j < R; j++) {
        size_t d = docs[j];
        for (size_t h = 0; h < H; h++) {
            double y = b[h];
            for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
                y += (double)c.count[i] * W[c.word[i] * H + h];
            Yref[j * H + h] = (float)y;
            dbref[h] += dY[j * H + h];
            for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
                dWref[c.word[i] * H + h] += (float)c.count[i] * dY[j * H + h];
        }
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(threads), GGS_OK);
    ck_assert_int_eq(ggs_nvpdef_sparse_forwardf(Y, W, b, &c, docs, R, H), GGS_OK);
    ggs_nvpdef_sparse_backwardf(dW, db, dY, &c, docs, R, H);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
    ck_assert_msg(memcmp(Y, Yref, R * H * sizeof *Y) == 0, "H = %zu, %d threads: Y differs",
                  H, threads);
    ck_assert_msg(memcmp(dW, dWref, V * H * sizeof *dW) == 0, "H = %zu, %d threads: dW "
                  "differs", H, threads);
    ck_assert_msg(memcmp(db, dbref, H * sizeof *db) == 0, "H = %zu, %d threads: db differs",
                  H, threads);
    free(W), free(b), free(Y), free(Yref), free(dY), free(dW), free(dWref), free(db),
        free(dbref);
    speed_corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST

#line 820 "book/35-nvpdef-speed.nw"
Suite *make_nvpdef_speed_suite(void)
{
    Suite *s = suite_create("nvpdef-speed");
    TCase *core = tcase_create("Core");
    tcase_add_loop_test(core, test_nvpdef_speed_sparse_exact, 0, 8);
    tcase_add_loop_test(core, test_nvpdef_speed_loglik_exact, 0, 2);
    tcase_add_loop_test(core, test_nvpdef_speed_model_threads, 0, 6);
    tcase_add_loop_test(core, test_nvpdef_speed_sparse_exactf, 0, 8);
    suite_add_tcase(s, core);
    return s;
}
