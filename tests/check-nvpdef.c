#line 3561 "book/21-nvpdef.nw"
/* Generated from book/21-nvpdef.nw; do not edit. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include "check-gengs.h"

#define NVP_FD_STEP 1e-6      /* central-difference step */
#define NVP_FD_TOL 1e-6       /* relative error of a derivative */

#line 3597 "book/21-nvpdef.nw"
static void corpus_free(ggs_bow *c)
{
    free(c->row);
    free(c->word);
    free(c->count);
    free(c->length);
}

static void corpus_make(ggs_bow *c, size_t D, size_t V, unsigned long seed, size_t empty_every)
{
    gsl_rng *r = ggs_rng_new(seed);
    uint32_t *tally = calloc(V, sizeof *tally);
    size_t cap = D * V;
    c->ndocs = D;
    c->vocab = V;
    c->nnz = 0;
    c->row = malloc((D + 1) * sizeof *c->row);
    c->word = malloc(cap * sizeof *c->word);
    c->count = malloc(cap * sizeof *c->count);
    c->length = malloc(D * sizeof *c->length);
    ck_assert(r != NULL && tally != NULL && c->row && c->word && c->count && c->length);
    c->row[0] = 0;
    for (size_t d = 0; d < D; d++) {
        size_t len = empty_every > 0 && d % empty_every == empty_every - 1
                     ? 0 : 10 + gsl_rng_uniform_int(r, 21);
        size_t half = V / 2, base = (d % 2) * half;
        memset(tally, 0, V * sizeof *tally);
        for (size_t i = 0; i < len; i++)
            tally[base + gsl_rng_uniform_int(r, half)]++;
        for (size_t w = 0; w < V; w++)
            if (tally[w] > 0) {
                c->word[c->nnz] = (uint32_t)w;
                c->count[c->nnz++] = tally[w];
            }
        c->row[d + 1] = c->nnz;
        c->length[d] = len;
    }
    free(tally);
    ggs_rng_free(r);
}

/* a small model of each kind: 0 explicit, 1 implicit, 2 NVDM, 3 stacked (K2 = 2) */
static ggs_nvpdef_config small_config(int kind, size_t V)
{
    ggs_nvpdef_config c = ggs_nvpdef_default_config();
    c.model = kind == 2 ? GGS_NVPDEF_GAUSSIAN : kind == 3 ? GGS_NVPDEF_STACKED
                                                          : GGS_NVPDEF_POISSON;
    c.K2 = 2;
    c.implicit = kind == 1;
    c.prior_rate = 1.3;
    c.n = 8;
    c.V = V;
    c.H = 6;
    c.K = 3;
    c.batch = 4;
    c.act = GGS_NN_TANH;
    return c;
}
#line 4635 "book/21-nvpdef.nw"
#define NVP_TEST_PATH 4096
static char nvp_out[40000], nvp_err[40000];
static ggs_bow nvp_train, nvp_test;

static void nvp_corpora(void)
{
    corpus_make(&nvp_train, 240, 24, 31, 40);
    corpus_make(&nvp_test, 60, 24, 32, 20);
}

static void nvp_corpora_free(void)
{
    corpus_free(&nvp_train);
    corpus_free(&nvp_test);
}

static void nvp_tmp_dir(char *dir, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, size, "%s/gengs-nvpdef-XXXXXX", base != NULL && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void nvp_tmp_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[NVP_TEST_PATH + 300];
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) != 0)
            nvp_tmp_remove(p);
    }
    closedir(d);
    rmdir(dir);
}

/* run "nvpdef WORDS..." on the corpora in memory (main: through ggs_nvpdef_main) */
static int nvp_cmd(int main, const char *fmt, ...)
{
    char line[2048], *argv[80];
    int argc = 0, rc;
    va_list ap;
    FILE *out = tmpfile(), *err = tmpfile();
    ck_assert(out != NULL && err != NULL);
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *w = strtok(line, " "); w != NULL && argc < 79; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    rc = main ? ggs_nvpdef_main(argc, argv, out, err)
              : ggs_nvpdef_run(argc, argv, &nvp_train, &nvp_test, NULL, out, err);
    ggs_test_slurp(nvp_out, sizeof nvp_out, out);
    ggs_test_slurp(nvp_err, sizeof nvp_err, err);
    return rc;
}

static size_t nvp_read(unsigned char *buf, size_t size, const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t got;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    got = fread(buf, 1, size, f);
    fclose(f);
    return got;
}

/* the CSV without its two time columns (the last two) */
static void nvp_csv(char *dst, size_t size, const char *path)
{
    unsigned char raw[20000];
    size_t len = nvp_read(raw, sizeof raw - 1, path), o = 0;
    int field = 0;
    raw[len] = '\0';
    for (size_t i = 0; i < len && o + 1 < size; i++) {
        if (raw[i] == '\n')
            field = 0;
        else if (raw[i] == ',')
            field++;
        if (field < 9 || raw[i] == '\n')
            dst[o++] = (char)raw[i];
    }
    dst[o] = '\0';
}

/* the value of column col (0-based) of line number ln (1 = the first epoch) */
static double nvp_field(const char *csv, int ln, int col)
{
    const char *p = csv;
    for (int i = 0; i < ln; i++)
        p = strchr(p, '\n') + 1;
    for (int i = 0; i < col; i++)
        p = strchr(p, ',') + 1;
    return strtod(p, NULL);
}

#define NVP_SMALL "nvpdef --topics 4 --hidden 16 --batch 20 --valid 40 --samples 4 " \
                  "--lr 0.01 --seed 3 --precision double"
#define NVP_PRECISION(i) ((i) == 0 ? "" : " --precision float")   /* the last one counts */
#line 3659 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_sparse_layer)
{
    enum { V = 10, H = 5, R = 3 };
    ggs_bow c;
    size_t docs[R] = { 4, 1, 2 };
    double W[V * H], b[H], Y[R * H], dY[R * H], dW[V * H], db[H];
    gsl_rng *r = ggs_rng_new(11);
    corpus_make(&c, 6, V, 3, 0);
    for (int i = 0; i < V * H; i++)
        W[i] = gsl_rng_uniform(r) - 0.5;
    for (int i = 0; i < H; i++)
        b[i] = gsl_rng_uniform(r) - 0.5;
    for (int i = 0; i < R * H; i++)
        dY[i] = gsl_rng_uniform(r) - 0.5;
    ck_assert_int_eq(ggs_nvpdef_sparse_forward(Y, W, b, &c, docs, R, H), GGS_OK);
    /* against the dense product of the count vector */
    for (int j = 0; j < R; j++) {
        double x[V] = { 0 };
        for (size_t i = c.row[docs[j]]; i < c.row[docs[j] + 1]; i++)
            x[c.word[i]] = c.count[i];
        for (int h = 0; h < H; h++) {
            double s = b[h];
            for (int v = 0; v < V; v++)
                s += x[v] * W[v * H + h];
            ck_assert_msg(ggs_test_absdiff(Y[j * H + h], s) <= 1e-13 * (1 + fabs(s)),
                          "row %d unit %d: %.17g vs %.17g", j, h, Y[j * H + h], s);
        }
    }
    /* backward: d(sum dY .* Y)/dW is linear, so a central difference is exact to rounding */
    memset(dW, 0, sizeof dW);
    memset(db, 0, sizeof db);
    ggs_nvpdef_sparse_backward(dW, db, dY, &c, docs, R, H);
    for (int i = 0; i < V * H + H; i++) {
        double *p = i < V * H ? &W[i] : &b[i - V * H], keep = *p, fp = 0, fm = 0, fd, an;
        *p = keep + NVP_FD_STEP;
        ggs_nvpdef_sparse_forward(Y, W, b, &c, docs, R, H);
        for (int j = 0; j < R * H; j++)
            fp += dY[j] * Y[j];
        *p = keep - NVP_FD_STEP;
        ggs_nvpdef_sparse_forward(Y, W, b, &c, docs, R, H);
        for (int j = 0; j < R * H; j++)
            fm += dY[j] * Y[j];
        *p = keep;
        fd = (fp - fm) / (2 * NVP_FD_STEP);
        an = i < V * H ? dW[i] : db[i - V * H];
        ck_assert_msg(ggs_test_fd_agrees(an, fd, NVP_FD_TOL, 1e-9), "parameter %d: %.17g vs "
                      "%.17g", i, an, fd);
    }
    /* a bad index: an error naming it, the output untouched */
    docs[1] = 6;
    Y[0] = 12345;
    ck_assert_int_eq(ggs_nvpdef_sparse_forward(Y, W, b, &c, docs, R, H), GGS_EINVAL);
    ck_assert_double_eq(Y[0], 12345);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "docs[1] = 6"));
    corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 3721 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_softmax_loglik)
{
    enum { V = 9, R = 3 };
    ggs_bow c;
    size_t docs[R] = { 0, 3, 5 };
    double l[R * V], ll[R], lse[R], dl[R * V], dll[R] = { 0.7, -1.3, 0.4 };
    gsl_rng *r = ggs_rng_new(12);
    corpus_make(&c, 6, V, 4, 0);
    for (int i = 0; i < R * V; i++)
        l[i] = 6 * gsl_rng_uniform(r) - 3;
    l[4] = 700;   /* a logit whose exponential overflows: the maximum is subtracted */
    ggs_nvpdef_softmax_loglik_forward(ll, lse, l, &c, docs, R, V);
    for (int j = 0; j < R; j++) {
        long double s = 0, ref = 0;
        for (int v = 0; v < V; v++)
            s += expl((long double)l[j * V + v] - (j == 0 ? 700.0L : 0.0L));
        for (size_t i = c.row[docs[j]]; i < c.row[docs[j] + 1]; i++)
            ref += c.count[i] * ((long double)l[j * V + c.word[i]]
                                 - (logl(s) + (j == 0 ? 700.0L : 0.0L)));
        ck_assert_msg(ggs_test_reldiff(ll[j], (double)ref) <= 1e-13, "doc %d: %.17g vs %.17Lg",
                      j, ll[j], ref);
    }
    l[4] = 1.5;
    memset(dl, 0, sizeof dl);
    ggs_nvpdef_softmax_loglik_forward(ll, lse, l, &c, docs, R, V);
    ggs_nvpdef_softmax_loglik_backward(dl, dll, lse, l, &c, docs, R, V);
    for (int i = 0; i < R * V; i++) {
        double keep = l[i], fp = 0, fm = 0, fd;
        l[i] = keep + NVP_FD_STEP;
        ggs_nvpdef_softmax_loglik_forward(ll, NULL, l, &c, docs, R, V);
        for (int j = 0; j < R; j++)
            fp += dll[j] * ll[j];
        l[i] = keep - NVP_FD_STEP;
        ggs_nvpdef_softmax_loglik_forward(ll, NULL, l, &c, docs, R, V);
        for (int j = 0; j < R; j++)
            fm += dll[j] * ll[j];
        l[i] = keep;
        fd = (fp - fm) / (2 * NVP_FD_STEP);
        ck_assert_msg(ggs_test_fd_agrees(dl[i], fd, NVP_FD_TOL, 1e-9), "logit %d: %.17g vs "
                      "%.17g", i, dl[i], fd);
    }
    corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 3775 "book/21-nvpdef.nw"
static double loss_at(ggs_nvpdef *m, const ggs_bow *c, const size_t *docs, size_t rows,
                      double tau, const ggs_noise *q0)
{
    ggs_nvpdef_stats st = { 0, 0, 0, 0 };
    ggs_noise q = *q0;
    ck_assert_int_eq(ggs_nvpdef_loss(m, &st, c, docs, rows, tau, &q, 0), GGS_OK);
    return (st.nll + st.kl) / (double)rows;
}

START_TEST(test_nvpdef_loss_gradient)
{
    enum { V = 14 };
    int kind = _i;
    ggs_bow c;
    ggs_nvpdef_config cfg = small_config(kind, V);
    ggs_nvpdef *m;
    ggs_noise q;
    size_t docs[4] = { 0, 3, 6, 7 }, N;
    double *p, *g, *u, *keep, tau = 0.7;
    gsl_rng *r = ggs_rng_new(21);
    corpus_make(&c, 10, V, 5, 0);
    m = ggs_nvpdef_alloc(&cfg, 7);
    ck_assert_ptr_nonnull(m);
    N = ggs_nvpdef_nparams(m);
    p = ggs_nvpdef_params(m);
    g = ggs_nvpdef_grads(m);
    ggs_noise_seed(&q, 99);
    for (int s = 0; s < 3; s++) {
        ggs_nvpdef_stats st = { 0, 0, 0, 0 };
        ck_assert_int_eq(ggs_nvpdef_step(m, &st, &c, docs, 4, tau, &q), GGS_OK);
    }
    u = malloc(N * sizeof *u);
    keep = malloc(N * sizeof *keep);
    ck_assert(u != NULL && keep != NULL);
    for (int dir = 0; dir < 5; dir++) {
        ggs_nvpdef_stats st = { 0, 0, 0, 0 };
        ggs_noise q1 = q;
        double an = 0, fd, lp, lm;
        ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, 4, tau, &q1, 1), GGS_OK);
        for (size_t i = 0; i < N; i++) {
            u[i] = gsl_rng_uniform(r) - 0.5;
            an += g[i] * u[i];
        }
        memcpy(keep, p, N * sizeof *p);
        for (size_t i = 0; i < N; i++)
            p[i] = keep[i] + NVP_FD_STEP * u[i];
        lp = loss_at(m, &c, docs, 4, tau, &q);
        for (size_t i = 0; i < N; i++)
            p[i] = keep[i] - NVP_FD_STEP * u[i];
        lm = loss_at(m, &c, docs, 4, tau, &q);
        memcpy(p, keep, N * sizeof *p);
        fd = (lp - lm) / (2 * NVP_FD_STEP);
        ck_assert_msg(ggs_test_fd_agrees(an, fd, NVP_FD_TOL, 1e-8), "kind %d direction %d: "
                      "gradient %.12g, difference %.12g", kind, dir, an, fd);
    }
    free(u);
    free(keep);
    ggs_nvpdef_free(m);
    corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 3845 "book/21-nvpdef.nw"
/* worst relative discrepancy between the gradient and central differences */
static double stacked_fd_worst(ggs_nvpdef *m, const ggs_bow *c, const size_t *docs,
                               size_t rows, double tau, const ggs_noise *q, unsigned long seed)
{
    size_t N = ggs_nvpdef_nparams(m);
    double *p = ggs_nvpdef_params(m), *g = ggs_nvpdef_grads(m), worst = 0;
    double *u = malloc(N * sizeof *u), *keep = malloc(N * sizeof *keep);
    gsl_rng *r = ggs_rng_new(seed);
    ck_assert(u != NULL && keep != NULL && r != NULL);
    for (int dir = 0; dir < 5; dir++) {
        ggs_nvpdef_stats st = { 0, 0, 0, 0 };
        ggs_noise q1 = *q;
        double an = 0, fd, lp, lm, d;
        ck_assert_int_eq(ggs_nvpdef_loss(m, &st, c, docs, rows, tau, &q1, 1), GGS_OK);
        for (size_t i = 0; i < N; i++) {
            u[i] = gsl_rng_uniform(r) - 0.5;
            an += g[i] * u[i];
        }
        memcpy(keep, p, N * sizeof *p);
        for (size_t i = 0; i < N; i++)
            p[i] = keep[i] + NVP_FD_STEP * u[i];
        lp = loss_at(m, c, docs, rows, tau, q);
        for (size_t i = 0; i < N; i++)
            p[i] = keep[i] - NVP_FD_STEP * u[i];
        lm = loss_at(m, c, docs, rows, tau, q);
        memcpy(p, keep, N * sizeof *p);
        fd = (lp - lm) / (2 * NVP_FD_STEP);
        d = ggs_test_absdiff(an, fd) <= 1e-8 ? 0 : ggs_test_reldiff(an, fd);
        worst = d > worst ? d : worst;
    }
    free(u);
    free(keep);
    ggs_rng_free(r);
    return worst;
}

START_TEST(test_nvpdef_stacked_gradient)
{
    enum { V = 14 };
    ggs_bow c;
    ggs_nvpdef_config cfg = small_config(3, V);
    ggs_nvpdef *m;
    ggs_noise q;
    size_t docs[4] = { 0, 3, 6, 7 };
    double tau = 0.7, full;
    corpus_make(&c, 10, V, 5, 0);
    m = ggs_nvpdef_alloc(&cfg, 7);
    ck_assert_ptr_nonnull(m);
    ggs_noise_seed(&q, 99);
    for (int s = 0; s < 3; s++) {
        ggs_nvpdef_stats st = { 0, 0, 0, 0 };
        ck_assert_int_eq(ggs_nvpdef_step(m, &st, &c, docs, 4, tau, &q), GGS_OK);
    }
    full = stacked_fd_worst(m, &c, docs, 4, tau, &q, 21);
    ck_assert_msg(full <= NVP_FD_TOL, "all paths: worst relative discrepancy %g", full);
    for (int path = 0; path <= GGS_NVPDEF_NPATHS; path++) {
        int which = path < GGS_NVPDEF_NPATHS ? path : GGS_NVPDEF_PATH_KL1_UPPER_SAMPLE;
        double scale = path < GGS_NVPDEF_NPATHS ? 0.0 : 0.5, worst;
        ck_assert_int_eq(ggs_nvpdef_scale_path(m, which, scale), GGS_OK);
        worst = stacked_fd_worst(m, &c, docs, 4, tau, &q, 21);
        ck_assert_int_eq(ggs_nvpdef_scale_path(m, which, 1.0), GGS_OK);
        ck_assert_msg(worst > 100 * NVP_FD_TOL, "path %d scaled by %g: the check still "
                      "passes (worst relative discrepancy %g)", which, scale, worst);
    }
    ck_assert_double_eq(stacked_fd_worst(m, &c, docs, 4, tau, &q, 21), full);
    ck_assert_int_eq(ggs_nvpdef_scale_path(m, GGS_NVPDEF_NPATHS, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_nvpdef_scale_path(m, 0, NAN), GGS_EINVAL);
    ggs_nvpdef_free(m);
    cfg = small_config(0, V);
    m = ggs_nvpdef_alloc(&cfg, 7);
    ck_assert_int_eq(ggs_nvpdef_scale_path(m, 0, 0), GGS_EINVAL);
    ggs_nvpdef_free(m);
    corpus_free(&c);
}
END_TEST
#line 3931 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_window_start)
{
    enum { V = 14, K = 3 };
    static const int kinds[3] = { 0, 1, 3 };
    ggs_bow c;
    size_t docs[4] = { 0, 3, 6, 7 };
    double tau = 0.7;
    ggs_nvpdef_config neg = small_config(0, V);
    neg.lo = -1;
    ck_assert_ptr_null(ggs_nvpdef_alloc(&neg, 7));
    ck_assert_msg(strstr(ggs_last_error(), "lo = -1") != NULL, "%s", ggs_last_error());
    corpus_make(&c, 10, V, 5, 0);
    for (int t = 0; t < 3; t++) {
        ggs_nvpdef_config cfg = small_config(kinds[t], V);
        ggs_nvpdef *m;
        ggs_noise q;
        double worst;
        cfg.lo = 2;
        m = ggs_nvpdef_alloc(&cfg, 7);
        ck_assert_ptr_nonnull(m);
        ggs_noise_seed(&q, 99);
        for (int s = 0; s < 3; s++) {
            ggs_nvpdef_stats st = { 0, 0, 0, 0 };
            ck_assert_int_eq(ggs_nvpdef_step(m, &st, &c, docs, 4, tau, &q), GGS_OK);
        }
        worst = stacked_fd_worst(m, &c, docs, 4, tau, &q, 21);
        ck_assert_msg(worst <= NVP_FD_TOL, "kind %d, lo = 2: worst relative discrepancy %g",
                      kinds[t], worst);
        ggs_nvpdef_free(m);
    }
    {
        ggs_nvpdef_config ca = small_config(1, V), cb = small_config(1, V);
        ggs_nvpdef *ma, *mb;
        ggs_nvpdef_stats sa = { 0, 0, 0, 0 }, sb = { 0, 0, 0, 0 };
        ggs_noise qa, qb;
        double *pb;
        size_t N;
        ca.lo = 2;
        ma = ggs_nvpdef_alloc(&ca, 7);
        mb = ggs_nvpdef_alloc(&cb, 7);
        ck_assert(ma != NULL && mb != NULL);
        N = ggs_nvpdef_nparams(mb);
        pb = ggs_nvpdef_params(mb);
        ck_assert(memcmp(ggs_nvpdef_params(ma), pb, N * sizeof *pb) == 0);
        for (size_t v = 0; v < V; v++)       /* Wd (V, K), then bd (V), last in the block */
            for (size_t k = 0; k < K; k++)
                pb[N - V + v] += 2 * pb[N - V - V * K + v * K + k];
        ggs_noise_seed(&qa, 5);
        qb = qa;
        ck_assert_int_eq(ggs_nvpdef_loss(ma, &sa, &c, docs, 4, tau, &qa, 0), GGS_OK);
        ck_assert_int_eq(ggs_nvpdef_loss(mb, &sb, &c, docs, 4, tau, &qb, 0), GGS_OK);
        ck_assert_msg(fabs(sa.nll - sb.nll) <= 1e-12 * fabs(sb.nll), "reconstruction %.17g "
                      "on {2..9}, %.17g on {0..7} with the shifted bias", sa.nll, sb.nll);
        ck_assert(fabs(sa.kl - sb.kl) > 1e-6);   /* the priors differ */
        ggs_nvpdef_free(ma);
        ggs_nvpdef_free(mb);
    }
    corpus_free(&c);
}
END_TEST
#line 4004 "book/21-nvpdef.nw"
/* the truncated Poisson log-pmf on {0..n-1}, tail on the last, in long double */
static void ref_trunc_poisson(long double *lp, long double lam, int n)
{
    long double head = 0;
    for (int i = 0; i < n - 1; i++) {
        lp[i] = i * logl(lam) - lam - lgammal(i + 1.0L);
        head += expl(lp[i]);
    }
    lp[n - 1] = logl(1.0L - head);
}

static long double ref_kl(const long double *lq, const long double *lp, int n)
{
    long double kl = 0;
    for (int i = 0; i < n; i++)
        kl += expl(lq[i]) * (lq[i] - lp[i]);
    return kl;
}

START_TEST(test_nvpdef_stacked_elbo)
{
    enum { V = 12, n = 8, K = 3, K2 = 2, Kt = 5, H = 6, R = 2 };
    ggs_bow c;
    ggs_nvpdef_config cfg = small_config(3, V);
    ggs_nvpdef *m;
    ggs_noise q, q0;
    size_t docs[R] = { 2, 5 }, N, off;
    double *p, a[Kt] = { 0.3, -0.7, 1.1, 0.2, -0.4 }, nelbo[R], kl[R], g[R * Kt * n];
    double *W3, *b3, *Wd, *bd, *W2, *b2;
    long double lq[Kt][n], lp[n];
    gsl_rng *r = ggs_rng_new(8);
    corpus_make(&c, 8, V, 9, 0);
    m = ggs_nvpdef_alloc(&cfg, 4);
    ck_assert_ptr_nonnull(m);
    N = ggs_nvpdef_nparams(m);
    p = ggs_nvpdef_params(m);
    off = V * H + H + H * H + H;                   /* W1, b1, the hidden dense layer */
    W3 = p + off;                                  /* (Kt, H) */
    b3 = W3 + Kt * H;                              /* (Kt) */
    Wd = b3 + Kt;                                  /* (V, K) */
    bd = Wd + V * K;                               /* (V) */
    W2 = bd + V;                                   /* (K, K2) */
    b2 = W2 + K * K2;                              /* (K) */
    ck_assert_ptr_eq(b2 + K, p + N);
    memset(W3, 0, Kt * H * sizeof *W3);
    for (int k = 0; k < Kt; k++)
        b3[k] = a[k];
    for (int i = 0; i < V * K + V + K * K2 + K; i++)
        Wd[i] = 2 * gsl_rng_uniform(r) - 1;        /* Wd, bd, W2, b2 */
    for (int k = 0; k < Kt; k++)                   /* posterior rates 1e-6 + softplus(a) */
        ref_trunc_poisson(lq[k], 1e-6L + log1pl(expl((long double)a[k])), n);
    ggs_noise_seed(&q, 17);
    q0 = q;
    ggs_noise_gumbel(g, R * Kt * n, &q0);          /* what the evaluation will draw */
    ck_assert_int_eq(ggs_nvpdef_evaluate(nelbo, NULL, kl, m, &c, docs, R, 0.6, 1, &q),
                     GGS_OK);
    for (int b = 0; b < R; b++) {
        int z[Kt];
        long double klsum = 0, ll = 0, lse = 0, mx = -INFINITY, logit[V];
        for (int k = 0; k < Kt; k++) {             /* Gumbel-Max */
            int best = 0;
            for (int i = 1; i < n; i++)
                if (lq[k][i] + g[(b * Kt + k) * n + i] > lq[k][best] + g[(b * Kt + k) * n + best])
                    best = i;
            z[k] = best;
        }
        for (int k = 0; k < K; k++) {              /* the lower prior at the upper sample */
            long double u = b2[k];
            for (int j = 0; j < K2; j++)
                u += (long double)W2[k * K2 + j] * z[K + j];
            ref_trunc_poisson(lp, 1e-6L + log1pl(expl(u)), n);
            klsum += ref_kl(lq[k], lp, n);
        }
        ref_trunc_poisson(lp, 1.3L, n);            /* the upper prior */
        for (int j = 0; j < K2; j++)
            klsum += ref_kl(lq[K + j], lp, n);
        for (int v = 0; v < V; v++) {
            logit[v] = bd[v];
            for (int k = 0; k < K; k++)
                logit[v] += (long double)Wd[v * K + k] * z[k];
            mx = logit[v] > mx ? logit[v] : mx;
        }
        for (int v = 0; v < V; v++)
            lse += expl(logit[v] - mx);
        lse = mx + logl(lse);
        for (size_t i = c.row[docs[b]]; i < c.row[docs[b] + 1]; i++)
            ll += c.count[i] * (logit[c.word[i]] - lse);
        ck_assert_msg(ggs_test_reldiff(kl[b], (double)klsum) <= 1e-11, "doc %d: KL %.17g vs "
                      "%.17Lg", b, kl[b], klsum);
        ck_assert_msg(ggs_test_reldiff(nelbo[b], (double)(klsum - ll)) <= 1e-11, "doc %d: "
                      "-ELBO %.17g vs %.17Lg", b, nelbo[b], klsum - ll);
    }
    ggs_nvpdef_free(m);
    corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 4107 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_evaluate_relaxed_limit)
{
    enum { V = 12 };
    for (int kind = 0; kind < 4; kind++) {
        ggs_bow c;
        ggs_nvpdef_config cfg = small_config(kind, V);
        ggs_nvpdef *m;
        ggs_noise q, q2;
        size_t docs[4] = { 1, 2, 5, 8 };
        double e[4], er[4], kl[4], e2[4];
        corpus_make(&c, 10, V, 6, 0);
        m = ggs_nvpdef_alloc(&cfg, 3);
        ck_assert_ptr_nonnull(m);
        ggs_noise_seed(&q, 5);
        q2 = q;
        ck_assert_int_eq(ggs_nvpdef_evaluate(e, er, kl, m, &c, docs, 4, 1e-4, 7, &q), GGS_OK);
        ck_assert_int_eq(ggs_nvpdef_evaluate(e2, NULL, NULL, m, &c, docs, 4, 0.9, 7, &q2),
                         GGS_OK);
        for (int j = 0; j < 4; j++) {
            ck_assert_double_eq(e[j], e2[j]);
            ck_assert(kl[j] >= 0);
            if (kind == 2)
                ck_assert(isnan(er[j]));
            else
                ck_assert_msg(ggs_test_reldiff(e[j], er[j]) <= 1e-9, "kind %d doc %d: %.17g "
                              "vs %.17g", kind, j, e[j], er[j]);
        }
        ck_assert_int_eq(ggs_nvpdef_evaluate(e, er, kl, m, &c, docs, 4, 1.0, 0, &q), GGS_EINVAL);
        ggs_nvpdef_free(m);
        corpus_free(&c);
    }
}
END_TEST
#line 4186 "book/21-nvpdef.nw"
enum { ST_V = 12, ST_N = 8, ST_K = 3, ST_K2 = 2, ST_H = 6, ST_ROWS = 3, ST_MAXT = 5 };

typedef struct st_case {
    int kind;                   /* 0 explicit, 1 implicit, 3 stacked */
    size_t Kt, P, na;           /* latent counts, outputs per count, outputs */
    double tau, w;
    const double *Wd, *bd, *W2, *b2, *g;   /* the model's parameters, the noise */
    const ggs_bow *c;
    const size_t *docs;
} st_case;

/* log q of latent count k at the encoder's outputs a, in long double */
static void st_logq(long double *lq, const st_case *s, const long double *a, size_t k)
{
    if (s->kind != 1) {
        ref_trunc_poisson(lq, 1e-6L + log1pl(expl(a[k])), ST_N);
    } else {
        long double mx = -INFINITY, sum = 0;
        for (int j = 0; j < ST_N; j++)
            mx = a[k * ST_N + j] > mx ? a[k * ST_N + j] : mx;
        for (int j = 0; j < ST_N; j++)
            sum += expl(a[k * ST_N + j] - mx);
        for (int j = 0; j < ST_N; j++)
            lq[j] = a[k * ST_N + j] - mx - logl(sum);
    }
}

/* the stacked model's lower KL of count k at the link's input u */
static long double st_kl1(const long double *lq, long double u)
{
    long double lp[ST_N];
    ref_trunc_poisson(lp, 1e-6L + log1pl(expl(u)), ST_N);
    return ref_kl(lq, lp, ST_N);
}

/* u_k = b2[k] + sum_j W2[k, j] z2_j at the upper counts z2 */
static long double st_u(const st_case *s, const int *z2, size_t k)
{
    long double u = s->b2[k];
    for (size_t j = 0; j < ST_K2; j++)
        u += (long double)s->W2[k * ST_K2 + j] * z2[j];
    return u;
}

/* the KL terms of document b at outputs a, the lower prior at the counts zh */
static long double st_kl_doc(const st_case *s, const long double *a, const int *zh)
{
    long double lq[ST_N], lp[ST_N], kl = 0;
    ref_trunc_poisson(lp, 1.3L, ST_N);
    for (size_t k = 0; k < s->Kt; k++) {
        st_logq(lq, s, a, k);
        kl += s->kind == 3 && k < ST_K ? st_kl1(lq, st_u(s, zh + ST_K, k))
                                       : ref_kl(lq, lp, ST_N);
    }
    return kl;
}

/* the Gumbel-Max counts of document b, by the test's own argmax */
static void st_counts(int *zh, const st_case *s, const long double *a, size_t b)
{
    for (size_t k = 0; k < s->Kt; k++) {
        long double lq[ST_N];
        const double *g = s->g + (b * s->Kt + k) * ST_N;
        int best = 0;
        st_logq(lq, s, a, k);
        for (int j = 1; j < ST_N; j++)
            if (lq[j] + g[j] > lq[best] + g[best])
                best = j;
        zh[k] = best;
    }
}

/* -log p(x_d | z) at the lower counts z; with dz, also w d/dz of it */
static long double st_nll(const st_case *s, size_t b, const int *z, long double *dz)
{
    long double logit[ST_V], mx = -INFINITY, lse = 0, ll = 0, N = 0;
    size_t d = s->docs[b];
    for (int v = 0; v < ST_V; v++) {
        logit[v] = s->bd[v];
        for (int k = 0; k < ST_K; k++)
            logit[v] += (long double)s->Wd[v * ST_K + k] * z[k];
        mx = logit[v] > mx ? logit[v] : mx;
    }
    for (int v = 0; v < ST_V; v++)
        lse += expl(logit[v] - mx);
    lse = mx + logl(lse);
    for (size_t i = s->c->row[d]; i < s->c->row[d + 1]; i++) {
        ll += s->c->count[i] * (logit[s->c->word[i]] - lse);
        N += s->c->count[i];
    }
    if (dz != NULL)
        for (int k = 0; k < ST_K; k++) {
            dz[k] = 0;
            for (int v = 0; v < ST_V; v++)
                dz[k] += s->w * s->Wd[v * ST_K + k] * N * expl(logit[v] - lse);
            for (size_t i = s->c->row[d]; i < s->c->row[d + 1]; i++)
                dz[k] -= s->w * s->Wd[s->c->word[i] * ST_K + k] * s->c->count[i];
        }
    return -ll;
}

/* the surrogate S(a) = sum_d [c_d . relaxed z_d(a) + w KL_d(a)], zh and c held fixed */
static long double st_surrogate(const st_case *s, const long double *a, int zh[][ST_MAXT],
                                long double c[][ST_MAXT])
{
    long double S = 0;
    for (size_t b = 0; b < ST_ROWS; b++) {
        for (size_t k = 0; k < s->Kt; k++) {
            long double lq[ST_N], e[ST_N], mx = -INFINITY, sum = 0, z = 0;
            const double *g = s->g + (b * s->Kt + k) * ST_N;
            st_logq(lq, s, a, k);
            for (int j = 0; j < ST_N; j++)
                mx = (lq[j] + g[j]) / s->tau > mx ? (lq[j] + g[j]) / s->tau : mx;
            for (int j = 0; j < ST_N; j++)
                sum += e[j] = expl((lq[j] + g[j]) / s->tau - mx);
            for (int j = 0; j < ST_N; j++)
                z += j * e[j] / sum;
            S += c[b][k] * z;
        }
        S += s->w * st_kl_doc(s, a, zh[b]);
    }
    return S;
}

START_TEST(test_nvpdef_straight_through)
{
    static const int kinds[3] = { 0, 1, 3 };
    int kind = kinds[_i];
    ggs_bow c;
    ggs_nvpdef_config cfg = small_config(kind, ST_V);
    ggs_nvpdef *m, *mr;
    ggs_noise q, q0;
    size_t docs[ST_ROWS] = { 2, 5, 6 }, N, off;
    st_case s;
    double *p, *gr, *W3, *b3, *dec, g[ST_ROWS * ST_MAXT * ST_N];
    long double a[ST_MAXT * ST_N], nll = 0, kl = 0, cc[ST_ROWS][ST_MAXT];
    int zh[ST_ROWS][ST_MAXT];
    gsl_rng *r = ggs_rng_new(40 + (unsigned long)kind);
    cfg.straight_through = 1;
    cfg.n = ST_N;
    corpus_make(&c, 8, ST_V, 9, 0);
    m = ggs_nvpdef_alloc(&cfg, 4);
    ck_assert_ptr_nonnull(m);
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.Kt = kind == 3 ? ST_K + ST_K2 : ST_K;
    s.P = kind == 1 ? ST_N : 1;
    s.na = s.Kt * s.P;
    s.tau = 0.6;
    s.w = 1.0 / ST_ROWS;
    s.c = &c;
    s.docs = docs;
    s.g = g;
    N = ggs_nvpdef_nparams(m);
    p = ggs_nvpdef_params(m);
    gr = ggs_nvpdef_grads(m);
    off = ST_V * ST_H + ST_H + ST_H * ST_H + ST_H;    /* W1, b1, the hidden dense layer */
    W3 = p + off;                                     /* (na, H) */
    b3 = W3 + s.na * ST_H;                            /* (na) */
    dec = b3 + s.na;                                  /* Wd (V, K), bd (V), W2, b2 */
    s.Wd = dec;
    s.bd = dec + ST_V * ST_K;
    s.W2 = s.bd + ST_V;
    s.b2 = s.W2 + ST_K * ST_K2;
    ck_assert_ptr_eq(kind == 3 ? s.b2 + ST_K : s.W2, p + N);
    memset(W3, 0, s.na * ST_H * sizeof *W3);
    for (size_t i = 0; i < s.na; i++)
        a[i] = b3[i] = 2.4 * gsl_rng_uniform(r) - 0.8;
    for (double *x = dec; x < p + N; x++)
        *x = 2 * gsl_rng_uniform(r) - 1;
    ggs_noise_seed(&q, 17);
    q0 = q;
    ggs_noise_gumbel(g, ST_ROWS * s.Kt * ST_N, &q0);  /* what the step will draw */
    for (size_t b = 0; b < ST_ROWS; b++) {
        long double dz[ST_K];
        st_counts(zh[b], &s, a, b);
        nll += st_nll(&s, b, zh[b], dz);
        kl += st_kl_doc(&s, a, zh[b]);
        for (size_t k = 0; k < s.Kt; k++)
            cc[b][k] = k < ST_K ? dz[k] : 0;
        for (size_t j = 0; kind == 3 && j < ST_K2; j++)   /* through the lower prior */
            for (size_t k = 0; k < ST_K; k++) {
                long double lq[ST_N], u = st_u(&s, zh[b] + ST_K, k), h = 1e-3L;
                st_logq(lq, &s, a, k);
                cc[b][ST_K + j] += s.w * s.W2[k * ST_K2 + j]
                                   * (8 * (st_kl1(lq, u + h) - st_kl1(lq, u - h))
                                      - (st_kl1(lq, u + 2 * h) - st_kl1(lq, u - 2 * h)))
                                   / (12 * h);
            }
    }
    /* the forward pass, without and with the backward pass */
    for (int bw = 0; bw < 2; bw++) {
        ggs_nvpdef_stats st = { 0, 0, 0, 0 };
        ggs_noise q1 = q;
        ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, ST_ROWS, s.tau, &q1, bw), GGS_OK);
        ck_assert_msg(ggs_test_reldiff(st.nll, (double)nll) <= 1e-11, "kind %d: -log p %.17g "
                      "vs %.17Lg", kind, st.nll, nll);
        ck_assert_msg(ggs_test_reldiff(st.kl, (double)kl) <= 1e-11, "kind %d: KL %.17g vs "
                      "%.17Lg", kind, st.kl, kl);
    }
    /* the encoder's output biases: the surrogate's central differences */
    for (size_t i = 0; i < s.na; i++) {
        long double h = 1e-3L, keep = a[i], S[4];
        double fd;
        for (int t = 0; t < 4; t++) {                 /* at +h, -h, +2h, -2h */
            a[i] = keep + (t & 1 ? -1 : 1) * (t < 2 ? h : 2 * h);
            S[t] = st_surrogate(&s, a, zh, cc);
        }
        a[i] = keep;
        fd = (double)((8 * (S[0] - S[1]) - (S[2] - S[3])) / (12 * h));
        ck_assert_msg(ggs_test_fd_agrees(gr[b3 - p + (ptrdiff_t)i], fd,
                                         NVP_FD_TOL, 1e-9),
                      "kind %d: output %zu: gradient %.12g, surrogate %.12g", kind, i,
                      gr[b3 - p + (ptrdiff_t)i], fd);
    }
    /* the decoder (and the link): central differences of the loss itself */
    for (int dir = 0; dir < 5; dir++) {
        size_t D = (size_t)(p + N - dec);
        double an = 0, lp, lm, u[ST_V * ST_K + ST_V + ST_K * ST_K2 + ST_K], keep[sizeof u
                                                                              / sizeof u[0]];
        ggs_nvpdef_stats st = { 0, 0, 0, 0 };
        ggs_noise q1 = q;
        ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, ST_ROWS, s.tau, &q1, 1), GGS_OK);
        for (size_t i = 0; i < D; i++) {
            u[i] = gsl_rng_uniform(r) - 0.5;
            an += gr[dec - p + (ptrdiff_t)i] * u[i];
            keep[i] = dec[i];
            dec[i] = keep[i] + NVP_FD_STEP * u[i];
        }
        lp = loss_at(m, &c, docs, ST_ROWS, s.tau, &q);
        for (size_t i = 0; i < D; i++)
            dec[i] = keep[i] - NVP_FD_STEP * u[i];
        lm = loss_at(m, &c, docs, ST_ROWS, s.tau, &q);
        memcpy(dec, keep, D * sizeof *dec);
        ck_assert_msg(ggs_test_fd_agrees(an, (lp - lm) / (2 * NVP_FD_STEP), NVP_FD_TOL, 1e-8),
                      "kind %d direction %d: gradient %.12g, difference %.12g", kind, dir, an,
                      (lp - lm) / (2 * NVP_FD_STEP));
    }
    /* the relaxed loss of the same parameters and noise is another number */
    cfg.straight_through = 0;
    mr = ggs_nvpdef_alloc(&cfg, 4);
    ck_assert_ptr_nonnull(mr);
    memcpy(ggs_nvpdef_params(mr), p, N * sizeof *p);
    ck_assert_msg(ggs_test_reldiff(loss_at(mr, &c, docs, ST_ROWS, s.tau, &q),
                                   (double)((nll + kl) / ST_ROWS)) > 1e-4,
                  "kind %d: the relaxed loss equals the straight-through one", kind);
    ggs_nvpdef_free(mr);
    ggs_nvpdef_free(m);
    corpus_free(&c);
    ggs_rng_free(r);
}
END_TEST
#line 4443 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_perplexity)
{
    double nelbo[3] = { 20, 5, 90 }, doc = 0, corpus = 0;
    uint64_t len[3] = { 10, 0, 30 }, none[2] = { 0, 0 };
    size_t used = 0;
    ck_assert_int_eq(ggs_nvpdef_perplexity(&doc, &corpus, &used, nelbo, len, 3), GGS_OK);
    ck_assert_uint_eq(used, 2);
    ck_assert_double_eq_tol(doc, exp(2.5), 1e-12 * exp(2.5));
    ck_assert_double_eq_tol(corpus, exp(2.75), 1e-12 * exp(2.75));
    doc = 7;
    ck_assert_int_eq(ggs_nvpdef_perplexity(&doc, &corpus, NULL, nelbo, none, 2), GGS_EINVAL);
    ck_assert_double_eq(doc, 7);
}
END_TEST
#line 4460 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_top_words)
{
    enum { V = 11, T = 4 };
    ggs_nvpdef_config cfg = small_config(0, V);
    ggs_nvpdef *m = ggs_nvpdef_alloc(&cfg, 1);
    size_t K = cfg.K, N;
    double *Wd;
    uint32_t top[3 * T];
    ck_assert_ptr_nonnull(m);
    N = ggs_nvpdef_nparams(m);
    Wd = ggs_nvpdef_params(m) + N - V * K - V;
    for (size_t v = 0; v < V; v++)
        for (size_t k = 0; k < K; k++)
            Wd[v * K + k] = (double)((7 * v + 3 * k) % V);
    Wd[0 * K + 2] = 10;   /* topic 2: word 0 ties with the word whose value is 10 */
    ck_assert_int_eq(ggs_nvpdef_top_words(top, m, T), GGS_OK);
    for (size_t k = 0; k < K; k++) {
        for (size_t j = 0; j < T; j++) {
            /* the word v with (7v + 3k) mod 11 = 10 - j: v = 8 (10 - j - 3k) mod 11 */
            long want = (8 * (long)((10 - (long)j - 3 * (long)k) % V + V)) % V;
            if (k == 2)   /* word 0 (tie with value 10, smaller id first), then 10, 9, 8 */
                want = j == 0 ? 0 : (8 * (long)((11 - (long)j - 6) % V + V)) % V;
            ck_assert_msg(top[k * T + j] == (uint32_t)want, "topic %zu rank %zu: %u, want %ld",
                          k, j, top[k * T + j], want);
        }
    }
    ck_assert_int_eq(ggs_nvpdef_top_words(top, m, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_nvpdef_top_words(top, m, V + 1), GGS_EINVAL);
    ggs_nvpdef_free(m);
}
END_TEST
#line 4511 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_float_agrees)
{
    enum { V = 14, B = 4 };
    ggs_bow c;
    ggs_nvpdef_config cfg = small_config(_i == 4 ? 0 : _i, V);
    ggs_nvpdef *m;
    ggs_nvpdeff *mf;
    ggs_noise q, qf;
    ggs_nvpdef_stats st = { 0, 0, 0, 0 }, sf = { 0, 0, 0, 0 };
    size_t docs[B] = { 0, 3, 6, 7 }, N, H, K, K2, edge[8], nb;
    double tau = 0.7, ld, lf;
    const double *g;
    const float *gf;
    FILE *f;
    cfg.straight_through = _i == 4;
    corpus_make(&c, 10, V, 5, 0);
    m = ggs_nvpdef_alloc(&cfg, 7);
    mf = ggs_nvpdef_allocf(&cfg, 7);
    ck_assert(m != NULL && mf != NULL);
    N = ggs_nvpdef_nparams(m);
    ck_assert_uint_eq(ggs_nvpdef_nparamsf(mf), N);
    ggs_noise_seed(&q, 99);
    for (int s = 0; s < 3; s++)
        ck_assert_int_eq(ggs_nvpdef_step(m, &st, &c, docs, B, tau, &q), GGS_OK);
    for (size_t i = 0; i < N; i++)
        ggs_nvpdef_paramsf(mf)[i] = (float)ggs_nvpdef_params(m)[i];
    ggs_noise_seed(&q, 1234);
    ggs_noise_seed(&qf, 1234);
    memset(&st, 0, sizeof st);
    ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, B, tau, &q, 1), GGS_OK);
    ck_assert_int_eq(ggs_nvpdef_lossf(mf, &sf, &c, docs, B, tau, &qf, 1), GGS_OK);
    ld = st.nll + st.kl;
    lf = sf.nll + sf.kl;
    ck_assert_msg(ggs_test_reldiff(lf, ld) <= 1e-6, "kind %d: loss %.9g (float) vs %.9g",
                  _i, lf, ld);
    ck_assert(sf.words == st.words && sf.count == st.count);
    /* the blocks: W1, b1, the encoder's dense layers, Wd, bd (, W2, b2) */
    H = cfg.H;
    K = cfg.K;
    K2 = cfg.model == GGS_NVPDEF_STACKED ? cfg.K2 : 0;
    edge[0] = 0;
    edge[1] = V * H;
    edge[2] = V * H + H;
    edge[3] = N - V * K - V - (K2 > 0 ? K * K2 + K : 0);
    edge[4] = edge[3] + V * K;
    edge[5] = edge[4] + V;
    edge[6] = edge[5] + K * K2;
    edge[7] = edge[6] + K;
    nb = K2 > 0 ? 8 : 6;
    ck_assert_uint_eq(edge[nb - 1], N);
    g = ggs_nvpdef_grads(m);
    gf = ggs_nvpdef_gradsf(mf);
    for (size_t j = 0; j + 1 < nb; j++) {
        double num = 0, den = 0;
        for (size_t i = edge[j]; i < edge[j + 1]; i++) {
            num += ((double)gf[i] - g[i]) * ((double)gf[i] - g[i]);
            den += g[i] * g[i];
        }
        ck_assert_msg(den > 0 && sqrt(num / den) <= 1e-4, "kind %d, block %zu: relative "
                      "error %g (norm %g)", _i, j, sqrt(num / (den > 0 ? den : 1)), sqrt(den));
    }
    if (_i == 0) {   /* each precision refuses the other's checkpoint */
        ck_assert_ptr_nonnull(f = tmpfile());
        ck_assert_int_eq(ggs_nvpdef_save(f, m), GGS_OK);
        rewind(f);
        ck_assert_int_eq(ggs_nvpdef_loadf(f, mf), GGS_EINVAL);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "8-byte reals"));
        rewind(f);
        ck_assert_int_eq(ggs_nvpdef_savef(f, mf), GGS_OK);
        rewind(f);
        ck_assert_int_eq(ggs_nvpdef_load(f, m), GGS_EINVAL);
        ck_assert_ptr_nonnull(strstr(ggs_last_error(), "4-byte reals"));
        fclose(f);
    }
    ggs_nvpdef_free(m);
    ggs_nvpdef_freef(mf);
    corpus_free(&c);
}
END_TEST
#line 4592 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_refusals)
{
    ggs_bow c, c2;
    ggs_nvpdef_config cfg = small_config(0, 12);
    ggs_nvpdef *m;
    ggs_nvpdef_stats st = { 0, 0, 0, 0 };
    ggs_noise q;
    size_t docs[4] = { 0, 1, 2, 3 };
    corpus_make(&c, 6, 12, 1, 0);
    corpus_make(&c2, 6, 13, 1, 0);
    ggs_noise_seed(&q, 1);
    cfg.n = 1;
    ck_assert_ptr_null(ggs_nvpdef_alloc(&cfg, 1));
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "n = 1"));
    cfg = small_config(0, 12);
    cfg.prior_rate = -1;
    ck_assert_ptr_null(ggs_nvpdef_alloc(&cfg, 1));
    cfg = small_config(0, 12);
    cfg.act = GGS_NN_SIGMOID;
    ck_assert_ptr_null(ggs_nvpdef_alloc(&cfg, 1));
    cfg = small_config(0, 12);
    m = ggs_nvpdef_alloc(&cfg, 1);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, 5, 1.0, &q, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, 0, 1.0, &q, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, 4, 0.0, &q, 0), GGS_EDOM);
    ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c2, docs, 4, 1.0, &q, 0), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "vocabulary of 13"));
    docs[3] = 99;
    ck_assert_int_eq(ggs_nvpdef_loss(m, &st, &c, docs, 4, 1.0, &q, 0), GGS_EINVAL);
    ck_assert_uint_eq(st.count, 0);
    ggs_nvpdef_free(m);
    corpus_free(&c);
    corpus_free(&c2);
}
END_TEST
#line 4758 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_golden_run)
{
    const char *models[3] = { "--model nvpdef --inference explicit", "--model nvdm",
                              "--model stacked --topics2 2" };
    nvp_corpora();
    for (int k = 0; k < 3; k++) {
        char dir[NVP_TEST_PATH], p[NVP_TEST_PATH + 64], csv[20000], topics[4000];
        double first, last;
        int lines = 0;
        nvp_tmp_dir(dir, sizeof dir);
        ck_assert_msg(nvp_cmd(0, NVP_SMALL "%s %s --epochs 12 --out %s", NVP_PRECISION(_i),
                              models[k], dir) == 0, "%s", nvp_err);
        ck_assert_ptr_nonnull(strstr(nvp_err, "194 training, 40 validation, 57 test"));
        ck_assert_ptr_nonnull(strstr(nvp_err, "6 training and 3 test documents without "
                                     "words left out"));
        snprintf(p, sizeof p, "%s/log.csv", dir);
        nvp_csv(csv, sizeof csv, p);
        for (char *c = csv; *c; c++)
            lines += *c == '\n';
        ck_assert_int_eq(lines, 13);
        ck_assert_msg(strncmp(csv, "epoch,step,tau,train_nelbo_relaxed,valid_ppl_doc,"
                              "test_ppl_doc,test_ppl_corpus,test_ppl_doc_relaxed,", 96) == 0,
                      "%s", csv);
        first = nvp_field(csv, 1, 5);
        last = nvp_field(csv, 12, 5);
        ck_assert_msg(last < first && last < 20, "%s%s: test ppl %g -> %g\n%s", models[k],
                      NVP_PRECISION(_i), first, last, csv);
        ck_assert(k == 1 ? isnan(nvp_field(csv, 12, 7)) : isfinite(nvp_field(csv, 12, 7)));
        snprintf(p, sizeof p, "%s/topics.txt", dir);
        topics[nvp_read((unsigned char *)topics, sizeof topics - 1, p)] = '\0';
        lines = 0;
        for (char *c = topics; *c; c++)
            lines += *c == '\n';
        ck_assert_int_eq(lines, 4);
        ck_assert(strncmp(topics, "topic 0:", 8) == 0);
        snprintf(p, sizeof p, "%s/best.bin", dir);
        ck_assert_int_eq(access(p, F_OK), 0);
        nvp_tmp_remove(dir);
    }
    nvp_corpora_free();
}
END_TEST
#line 4809 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_resume_bit_for_bit)
{
    const char *models[2] = { "--model nvpdef", "--model stacked --topics2 2" };
    char d[3][NVP_TEST_PATH], p[NVP_TEST_PATH + 64], csv[3][20000];
    static unsigned char ck[3][400000], bb[3][400000];
    size_t ckl[3], bbl[3];
    const char *prec = NVP_PRECISION(_i);
    nvp_corpora();
    for (int k = 0; k < 2; k++) {
        const char *mo = models[k];
        for (int i = 0; i < 3; i++)
            nvp_tmp_dir(d[i], sizeof d[i]);
        ck_assert_msg(nvp_cmd(0, NVP_SMALL "%s %s --epochs 2 --out %s", prec, mo, d[0]) == 0,
                      "%s", nvp_err);
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL "%s %s --epochs 1 --out %s", prec, mo, d[1]),
                         0);
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL "%s %s --epochs 1 --out %s", prec, mo, d[1]),
                         1);
        ck_assert_ptr_nonnull(strstr(nvp_err, "--resume"));   /* not over it */
        ck_assert_msg(nvp_cmd(0, NVP_SMALL "%s %s --epochs 2 --out %s --resume", prec, mo,
                              d[1]) == 0, "%s", nvp_err);
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL "%s %s --epochs 2 --out %s --stop-after 3", prec,
                                 mo, d[2]), 130);
        ck_assert_ptr_nonnull(strstr(nvp_err, "interrupted at epoch 1, step 3"));
        ck_assert_msg(nvp_cmd(0, NVP_SMALL "%s %s --epochs 2 --out %s --resume", prec, mo,
                              d[2]) == 0, "%s", nvp_err);
        for (int i = 0; i < 3; i++) {
            snprintf(p, sizeof p, "%s/checkpoint.bin", d[i]);
            ckl[i] = nvp_read(ck[i], sizeof ck[i], p);
            snprintf(p, sizeof p, "%s/best.bin", d[i]);
            bbl[i] = nvp_read(bb[i], sizeof bb[i], p);
            snprintf(p, sizeof p, "%s/log.csv", d[i]);
            nvp_csv(csv[i], sizeof csv[i], p);
        }
        for (int i = 1; i < 3; i++) {
            ck_assert(ckl[i] == ckl[0] && ckl[0] > 1000 && memcmp(ck[i], ck[0], ckl[0]) == 0);
            ck_assert(bbl[i] == bbl[0] && memcmp(bb[i], bb[0], bbl[0]) == 0);
            ck_assert_msg(strcmp(csv[i], csv[0]) == 0, "%s, run %d:\n%s\nuninterrupted:\n%s",
                          mo, i, csv[i], csv[0]);
        }
        /* other settings are refused: more topics, or (stacked) another upper layer */
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL "%s %s --epochs 3 --topics 5 --out %s --resume",
                                 prec, mo, d[0]), 1);
        ck_assert_ptr_nonnull(strstr(nvp_err, "other settings"));
        if (k == 1) {
            ck_assert_int_eq(nvp_cmd(0, NVP_SMALL "%s %s --topics2 3 --epochs 3 --out %s "
                                     "--resume", prec, mo, d[0]), 1);
            ck_assert_ptr_nonnull(strstr(nvp_err, "other settings"));
            ck_assert_int_eq(nvp_cmd(0, NVP_SMALL "%s --model nvpdef --epochs 3 --out %s "
                                     "--resume", prec, d[0]), 1);
            ck_assert_ptr_nonnull(strstr(nvp_err, "other settings"));
        }
        /* and so is the other precision, with a message that names it */
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL "%s %s --epochs 3 --out %s --resume",
                                 NVP_PRECISION(1 - _i), mo, d[0]), 1);
        ck_assert_msg(strstr(nvp_err, "other settings") != NULL
                      && strstr(nvp_err, "precision=float") != NULL
                      && strstr(nvp_err, _i ? "--precision double" : "--precision float")
                         != NULL, "%s", nvp_err);
        for (int i = 0; i < 3; i++)
            nvp_tmp_remove(d[i]);
    }
    nvp_corpora_free();
}
END_TEST
#line 4884 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_test_every)
{
    char d[2][NVP_TEST_PATH], p[NVP_TEST_PATH + 64], csv[2][20000];
    static unsigned char ck[2][400000];
    size_t ckl[2];
    double best = HUGE_VAL;
    int skipped = 0;
    nvp_corpora();
    for (int i = 0; i < 2; i++) {
        nvp_tmp_dir(d[i], sizeof d[i]);
        ck_assert_msg(nvp_cmd(0, NVP_SMALL " --lr 0.05 --epochs 12 --test-every %d --out %s",
                              i == 0 ? 1 : 5, d[i]) == 0, "%s", nvp_err);
        snprintf(p, sizeof p, "%s/checkpoint.bin", d[i]);
        ckl[i] = nvp_read(ck[i], sizeof ck[i], p);
        snprintf(p, sizeof p, "%s/log.csv", d[i]);
        nvp_csv(csv[i], sizeof csv[i], p);
    }
    ck_assert(ckl[0] == ckl[1] && ckl[0] > 1000 && memcmp(ck[0], ck[1], ckl[0]) == 0);
    for (int ln = 1; ln <= 12; ln++) {
        const char *a = csv[0], *b = csv[1];
        size_t la, lb;
        double valid = nvp_field(csv[1], ln, 4);
        for (int i = 0; i < ln; i++) {
            a = strchr(a, '\n') + 1;
            b = strchr(b, '\n') + 1;
        }
        la = strcspn(a, "\n");
        lb = strcspn(b, "\n");
        if (strstr(b, ",,,,") != NULL && (size_t)(strstr(b, ",,,,") - b) < lb) {
            ck_assert_msg(valid >= best && ln % 5 != 0 && ln != 12, "epoch %d not tested:\n%s",
                          ln, csv[1]);
            skipped++;
        } else {
            ck_assert_msg(la == lb && strncmp(a, b, la) == 0, "epoch %d:\n%s\n%s", ln, csv[0],
                          csv[1]);
        }
        if (valid < best)
            best = valid;
    }
    ck_assert_int_ge(skipped, 1);   /* the option did skip an evaluation */
    ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " --test-every 0 --out %s", d[0]), 2);
    ck_assert_ptr_nonnull(strstr(nvp_err, "--test-every"));
    for (int i = 0; i < 2; i++)
        nvp_tmp_remove(d[i]);
    nvp_corpora_free();
}
END_TEST
#line 4936 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_nan_stop)
{
    const char *models[2] = { "--model nvpdef", "--model stacked --topics2 2" };
    char d[NVP_TEST_PATH], p[NVP_TEST_PATH + 64];
    static unsigned char a[400000], b[400000];
    size_t la, lb;
    nvp_corpora();
    for (int k = 0; k < 2; k++) {
        nvp_tmp_dir(d, sizeof d);
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --epochs 1 --out %s", models[k], d), 0);
        snprintf(p, sizeof p, "%s/checkpoint.bin", d);
        la = nvp_read(a, sizeof a, p);
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --epochs 3 --out %s --resume --nan-after 2",
                                 models[k], d), 1);
        ck_assert_msg(strstr(nvp_err, "not finite") != NULL
                      && strstr(nvp_err, "last good checkpoint") != NULL, "%s", nvp_err);
        lb = nvp_read(b, sizeof b, p);
        ck_assert(la == lb && memcmp(a, b, la) == 0);
        nvp_tmp_remove(d);
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --epochs 1 --out %s --nan-after 1",
                                 models[k], d), 1);
        ck_assert_ptr_nonnull(strstr(nvp_err, "no checkpoint was written"));
        nvp_tmp_remove(d);
    }
    nvp_corpora_free();
}
END_TEST
#line 4976 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_straight_through_command)
{
    const char *models[3] = { "--model nvpdef", "--model nvpdef --inference implicit",
                              "--model stacked --topics2 2" };
    const char *mo = models[_i];
    char d[3][NVP_TEST_PATH], p[NVP_TEST_PATH + 64], csv[3][20000];
    static unsigned char ck[2][400000];
    size_t ckl[2];
    double first, last;
    nvp_corpora();
    for (int i = 0; i < 3; i++)
        nvp_tmp_dir(d[i], sizeof d[i]);
    ck_assert_msg(nvp_cmd(0, NVP_SMALL " %s --straight-through --epochs 8 --out %s", mo,
                          d[0]) == 0, "%s", nvp_err);
    snprintf(p, sizeof p, "%s/log.csv", d[0]);
    nvp_csv(csv[0], sizeof csv[0], p);
    ck_assert_msg(strncmp(csv[0], "epoch,step,tau,train_nelbo_discrete,valid_ppl_doc,", 50)
                  == 0, "%s", csv[0]);
    ck_assert_msg(nvp_field(csv[0], 8, 3) < nvp_field(csv[0], 1, 3), "%s: training figure "
                  "did not fall\n%s", mo, csv[0]);
    first = nvp_field(csv[0], 1, 5);
    last = nvp_field(csv[0], 8, 5);
    ck_assert_msg(last < first, "%s: test ppl %g -> %g\n%s", mo, first, last, csv[0]);
    nvp_tmp_remove(d[0]);
    nvp_tmp_dir(d[0], sizeof d[0]);
    ck_assert_msg(nvp_cmd(0, NVP_SMALL " %s --straight-through --epochs 2 --out %s", mo,
                          d[0]) == 0, "%s", nvp_err);
    ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --straight-through --epochs 2 --out %s "
                             "--stop-after 5", mo, d[1]), 130);
    ck_assert_msg(nvp_cmd(0, NVP_SMALL " %s --straight-through --epochs 2 --out %s --resume",
                          mo, d[1]) == 0, "%s", nvp_err);
    for (int i = 0; i < 2; i++) {
        snprintf(p, sizeof p, "%.*s/checkpoint.bin", NVP_TEST_PATH - 1, d[i]);
        ckl[i] = nvp_read(ck[i], sizeof ck[i], p);
        snprintf(p, sizeof p, "%.*s/log.csv", NVP_TEST_PATH - 1, d[i]);
        nvp_csv(csv[i], sizeof csv[i], p);
    }
    ck_assert(ckl[1] == ckl[0] && ckl[0] > 1000 && memcmp(ck[1], ck[0], ckl[0]) == 0);
    ck_assert_msg(strcmp(csv[1], csv[0]) == 0, "%s:\n%s\nuninterrupted:\n%s", mo, csv[1],
                  csv[0]);
    /* the option is part of the settings: refused both ways */
    ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --epochs 3 --out %s --resume", mo, d[0]), 1);
    ck_assert_msg(strstr(nvp_err, "other settings") != NULL
                  && strstr(nvp_err, "straight_through=1") != NULL, "%s", nvp_err);
    ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --epochs 1 --out %s", mo, d[2]), 0);
    ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --straight-through --epochs 2 --out %s "
                             "--resume", mo, d[2]), 1);
    ck_assert_msg(strstr(nvp_err, "other settings") != NULL
                  && strstr(nvp_err, "straight_through=1") != NULL, "%s", nvp_err);
    ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " --model nvdm --straight-through --out %s", d[2]),
                     2);
    ck_assert_ptr_nonnull(strstr(nvp_err, "--straight-through"));
    for (int i = 0; i < 3; i++)
        nvp_tmp_remove(d[i]);
    nvp_corpora_free();
}
END_TEST
#line 5036 "book/21-nvpdef.nw"
START_TEST(test_nvpdef_usage)
{
    static const char *bad[][2] = {
        { "--model stacked --inference implicit", "explicit only" },
        { "--model nvdm --inference explicit", "not nvdm" },
        { "--topics2 0", "--topics2" }, { "--model lda", "--model" },
        { "--valid 1.5", "--valid" }, { "--valid 0", "--valid" }, { "--topics 0", "--topics" },
        { "--inference both", "--inference" }, { "--activation sigmoid", "--activation" },
        { "--prior-rate -1", "--prior-rate" },
        { "--n 1", "--n" }, { "--frobnicate 3", "unknown option" }, { "--tau-min 2", "exceeds" },
        { "--valid 230", "--valid 230 takes" }, { "stray", "unexpected argument" },
        { "--precision half", "--precision = 'half' must be float or double" }
    };
    char cwd[NVP_TEST_PATH], d[NVP_TEST_PATH];
    nvp_corpora();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(nvp_cmd(0, NVP_SMALL " %s --out /nonexistent/x", bad[i][0]), 2);
        ck_assert_msg(strstr(nvp_err, bad[i][1]) != NULL, "%s: %s", bad[i][0], nvp_err);
    }
    ck_assert_int_eq(nvp_cmd(0, "nvpdef --help"), 0);
    ck_assert_ptr_nonnull(strstr(nvp_out, "relaxed (not a bound)"));
    nvp_tmp_dir(d, sizeof d);
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(d), 0);
    ck_assert_int_eq(nvp_cmd(1, "nvpdef --epochs 1"), 1);
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_ptr_nonnull(strstr(nvp_err, "make corpus-data"));
    nvp_tmp_remove(d);
    nvp_corpora_free();
}
END_TEST

#line 3579 "book/21-nvpdef.nw"
Suite *make_nvpdef_suite(void)
{
    Suite *s = suite_create("nvpdef");
    TCase *core = tcase_create("Core"), *cmd = tcase_create("Command");
    
#line 5069 "book/21-nvpdef.nw"
tcase_add_test(core, test_nvpdef_sparse_layer);
tcase_add_test(core, test_nvpdef_softmax_loglik);
tcase_add_loop_test(core, test_nvpdef_loss_gradient, 0, 4);
tcase_add_test(core, test_nvpdef_stacked_gradient);
tcase_add_test(core, test_nvpdef_window_start);
tcase_add_test(core, test_nvpdef_stacked_elbo);
tcase_add_test(core, test_nvpdef_evaluate_relaxed_limit);
tcase_add_loop_test(core, test_nvpdef_straight_through, 0, 3);
tcase_add_test(core, test_nvpdef_perplexity);
tcase_add_test(core, test_nvpdef_top_words);
tcase_add_test(core, test_nvpdef_refusals);
tcase_add_loop_test(core, test_nvpdef_float_agrees, 0, 5);
tcase_add_loop_test(cmd, test_nvpdef_golden_run, 0, 2);
tcase_add_loop_test(cmd, test_nvpdef_resume_bit_for_bit, 0, 2);
tcase_add_test(cmd, test_nvpdef_test_every);
tcase_add_test(cmd, test_nvpdef_nan_stop);
tcase_add_test(cmd, test_nvpdef_usage);
tcase_add_loop_test(cmd, test_nvpdef_straight_through_command, 0, 3);
#line 3584 "book/21-nvpdef.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, cmd);
    return s;
}
