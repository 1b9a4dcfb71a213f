#line 772 "book/21-nvpdef.nw"
/* Generated from book/21-nvpdef.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-nvpdef.h"
#include "gengs-internal.h"

#define NVP_TWO_PI 6.283185307179586476925   /* 2 pi, for Box and Muller */

#line 1190 "book/21-nvpdef.nw"
ggs_nvpdef_config ggs_nvpdef_default_config(void)
{
    ggs_nvpdef_config c;
    memset(&c, 0, sizeof c);
    c.model = GGS_NVPDEF_POISSON;
    c.prior_rate = 1.0;
    c.n = 16;
    c.V = 2000;
    c.H = 500;
    c.K = 50;
    c.K2 = 20;
    c.batch = 64;
    c.act = GGS_NN_TANH;
    c.adam = ggs_adam_defaults();
    c.adam.lr = 5e-4;
    return c;
}

static int nvp_check_config(const ggs_nvpdef_config *c, const char *func)
{
    if (c->model != GGS_NVPDEF_POISSON && c->model != GGS_NVPDEF_GAUSSIAN
        && c->model != GGS_NVPDEF_STACKED)
        return ggs_error(GGS_EINVAL, func, "model = %d (must be GGS_NVPDEF_POISSON, "
                         "GGS_NVPDEF_GAUSSIAN or GGS_NVPDEF_STACKED)", c->model);
    if (c->model == GGS_NVPDEF_STACKED && (c->K2 < 1 || c->K2 > 100000))
        return ggs_error(GGS_EINVAL, func, "K2 = %zu (the stacked model's upper layer must "
                         "have 1 to 100000 counts)", c->K2);
    if (c->model == GGS_NVPDEF_STACKED && c->implicit)
        return ggs_error(GGS_EINVAL, func, "implicit inference is not available for the "
                         "stacked model (use explicit)");
    if (c->model == GGS_NVPDEF_GAUSSIAN && c->straight_through)
        return ggs_error(GGS_EINVAL, func, "straight_through applies to the Poisson models "
                         "only (NVDM's Gaussian sample is exact)");
    if (c->V < 1 || c->H < 1 || c->K < 1 || c->batch < 1 || c->V > INT32_MAX
        || c->H > 1000000 || c->K > 100000 || c->batch > 1000000)
        return ggs_error(GGS_EINVAL, func, "V = %zu, H = %zu, K = %zu, batch = %zu (each "
                         "must be >= 1 and not absurdly large)", c->V, c->H, c->K, c->batch);
    if (c->act != GGS_NN_RELU && c->act != GGS_NN_TANH)
        return ggs_error(GGS_EINVAL, func, "act = %d (must be GGS_NN_RELU or GGS_NN_TANH)",
                         c->act);
    if (c->model != GGS_NVPDEF_GAUSSIAN) {
        if (c->n < 2 || c->n > GGS_LATENT_MAX_N)
            return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", c->n,
                             GGS_LATENT_MAX_N);
        return ggs_check_range(c->prior_rate, "prior_rate", func, 0, 0, HUGE_VAL, 0);
    }
    return GGS_OK;
}
#line 1704 "book/21-nvpdef.nw"
int ggs_nvpdef_perplexity(double *doc, double *corpus, size_t *used, const double *nelbo,
                          const uint64_t *len, size_t count)
{
    double per = 0, tot = 0, words = 0;
    size_t u = 0;
    for (size_t i = 0; i < count; i++) {
        if (len[i] == 0)
            continue;
        per += nelbo[i] / (double)len[i];
        tot += nelbo[i];
        words += (double)len[i];
        u++;
    }
    if (u == 0)
        return ggs_error(GGS_EINVAL, __func__, "none of the %zu documents has a word", count);
    *doc = exp(per / (double)u);
    *corpus = exp(tot / words);
    if (used != NULL)
        *used = u;
    return GGS_OK;
}
#line 612 "book/35-nvpdef-speed.nw"
enum { NVP_SLAB = 64 };          /* columns per slab: a constant trip count, vectorized */
enum { NVP_ROW_GRAIN = 4 };      /* documents per unit of the sparse layer's jobs */
enum { NVP_LOGLIK_GRAIN = 2 };   /* documents per unit of the likelihood's jobs */

#line 784 "book/21-nvpdef.nw"
/** @cond GGS_TEMPLATE (the header documents these) */
#define real double
#define NAME(x) x
#line 927 "book/21-nvpdef.nw"
struct NAME(nvp_kind);

struct NAME(ggs_nvpdef) {
    ggs_nvpdef_config c;
    const struct NAME(nvp_kind) *kind; /* the latent variable: its descriptor */
    size_t n;               /* categories (NVDM: 2) */
    size_t P;               /* encoder outputs per latent count */
    int stacked;            /* two Poisson layers */
    size_t K2;              /* stacked: upper counts (else 0) */
    size_t Kt;              /* latent counts per document: K + K2 */
    size_t nparams;
    real *params;           /* (nparams) W1, b1, encoder layers 2-3, Wd, bd */
    real *grads;            /* (nparams) laid out like params */
    real *W1, *b1;          /* (V, H), (H): views into params */
    real *Wd, *bd;          /* (V, K), (V) */
    real *W2, *b2;          /* stacked: (K, K2), (K), the lower rates' link */
    real *dW1, *db1, *dWd, *dbd, *dW2, *db2;   /* the same views into grads */
    double scale[GGS_NVPDEF_NPATHS];  /* stacked: ggs_nvpdef_scale_path(), 1 by default */
    NAME(ggs_mlp) *enc;           /* H -> H -> K P on the shared blocks */
    NAME(ggs_adam) *opt;
    double *logprior;       /* (n) the prior's truncated log-pmf, in double */
    real *pre;              /* (B, H) first layer before its activation */
    real *h1;               /* (B, H) first layer */
    real *dh1;              /* (B, H) dL / d h1 */
    real *dpre;             /* (B, H) dL / d pre */
    real *jac;              /* (B, Kt, n) explicit: d logq / d a */
    real *dkl;              /* (B, Kt) explicit: d kl / d a */
    real *q;                /* (B, Kt, n) implicit: q(z | x) */
    real *logq;             /* (B, Kt, n) log q(z | x) */
    real *kl;               /* (B, Kt) KL per latent count */
    real *g;                /* (B, Kt, n) Gumbel noise; NVDM: (B, K) normals */
    real *y;                /* (B, Kt, n) relaxed one-hot vectors; NVDM: uniforms */
    real *z;                /* (B, Kt) the samples: per document K lower, then K2 upper */
    int st;                 /* straight-through training */
    real *zh;               /* straight-through: (B, Kt) the argmax counts of training */
    real *dz;               /* (B, Kt) dL / dz */
    real *dlogq;            /* (B, Kt, n) dL / d logq along the sample path */
    real *da;               /* (B, Kt P) dL / da, a the encoder's output */
    real *zdec, *dzdec;     /* (B, K) the decoder's input and its gradient: z and dz,
                               or (stacked) copies of their lower parts */
    real *zup, *dzup;       /* stacked: (B, K2) the upper samples, and dL / d them */
    real *u, *du;           /* stacked: (B, K) W2 zup + b2, and dL / du */
    real *logp1;            /* stacked: (B, K, n) log p(z1 | z2), truncated */
    real *jp1;              /* stacked: (B, K, n) d logp1 / du */
    real *logits;           /* (B, V) */
    real *dlogits;          /* (B, V) */
    double *ll;             /* (B) log p(x | z), in double */
    double *dll;            /* (B) dL / d ll, in double */
    double *acc, *accr;     /* (B) evaluation: sums of log p(x | z), exact and relaxed */
    double *kacc, *kaccr;   /* (B) evaluation: sums of the KL terms, exact and relaxed */
    real *mem;              /* the one block of the activations */
    double *dmem;           /* the one block of the arrays in double (above) */
};
#line 1044 "book/21-nvpdef.nw"
struct NAME(nvp_kind) {
    const char *name;
    size_t (*nparam)(const ggs_nvpdef_config *c);
    int (*encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, int backward);
    void (*noise)(struct NAME(ggs_nvpdef) *m, size_t R, ggs_noise *q);
    int (*draw)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, double tau, int exact);
    void (*backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, double tau, double w);
};

#line 618 "book/35-nvpdef-speed.nw"
/* The arguments of one of the four layer functions (unused fields stay NULL). */
struct NAME(nvp_layer_job) {
    real *out;                   /* Y (rows, H) or dlogits (rows, V) */
    double *ll;                  /* (rows) */
    real *dW, *db;               /* (V, H), (H) or NULL */
    const real *W, *b;           /* (V, H), (H) or NULL */
    const real *in;              /* dY (rows, H) or logits (rows, V) */
    const double *dll;           /* (rows) */
    const ggs_bow *c;
    const size_t *docs;          /* (rows) */
    size_t rows, width;          /* width: H or V */
};
#line 633 "book/35-nvpdef-speed.nw"
/* y (H) = b + sum over the words i of document d of count_i W[word_i, :], in slabs */
GGS_HOT static void NAME(nvp_sparse_row)(real *restrict y, const real *restrict W,
                                         const real *restrict b, const ggs_bow *c, size_t d,
                                         size_t H)
{
    size_t lo = c->row[d], hi = c->row[d + 1], h0 = 0;
    for (; h0 + NVP_SLAB <= H; h0 += NVP_SLAB) {
        double s[NVP_SLAB];      /* in double in both precisions: a sum over the words */
        for (size_t h = 0; h < NVP_SLAB; h++)
            s[h] = b != NULL ? b[h0 + h] : 0;
        for (size_t i = lo; i < hi; i++) {
            const real *w = W + (size_t)c->word[i] * H + h0;
            double x = (double)c->count[i];
            for (size_t h = 0; h < NVP_SLAB; h++)
                s[h] += x * w[h];
        }
        for (size_t h = 0; h < NVP_SLAB; h++)
            y[h0 + h] = (real)s[h];
    }
    for (size_t h = h0; h < H; h++) {          /* the last, partial slab */
        double s = b != NULL ? b[h] : 0;
        for (size_t i = lo; i < hi; i++)
            s += (double)c->count[i] * W[(size_t)c->word[i] * H + h];
        y[h] = (real)s;
    }
}

static void NAME(nvp_sparse_forward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    for (size_t r = lo; r < hi; r++)
        NAME(nvp_sparse_row)(j->out + r * j->width, j->W, j->b, j->c, j->docs[r], j->width);
}
#line 669 "book/35-nvpdef-speed.nw"
/* dW[word, h0 + (0..NVP_SLAB)] += count dY[r, h0 + ...] and db likewise, r in order */
GGS_HOT static void NAME(nvp_sparse_back_slab)(real *restrict dW, real *restrict db,
                                               const real *restrict dY, const ggs_bow *c,
                                               const size_t *docs, size_t rows, size_t H,
                                               size_t h0)
{
    for (size_t r = 0; r < rows; r++) {
        const real *dy = dY + r * H + h0;
        if (db != NULL)
            for (size_t h = 0; h < NVP_SLAB; h++)
                db[h0 + h] += dy[h];
        for (size_t i = c->row[docs[r]]; i < c->row[docs[r] + 1]; i++) {
            real *dw = dW + (size_t)c->word[i] * H + h0, x = (real)c->count[i];
            for (size_t h = 0; h < NVP_SLAB; h++)
                dw[h] += x * dy[h];
        }
    }
}

/* the same for the columns [h0, H) of the last, partial slab */
static void NAME(nvp_sparse_back_tail)(real *dW, real *db, const real *dY, const ggs_bow *c,
                                       const size_t *docs, size_t rows, size_t H, size_t h0)
{
    for (size_t r = 0; r < rows; r++) {
        const real *dy = dY + r * H;
        if (db != NULL)
            for (size_t h = h0; h < H; h++)
                db[h] += dy[h];
        for (size_t i = c->row[docs[r]]; i < c->row[docs[r] + 1]; i++) {
            real *dw = dW + (size_t)c->word[i] * H, x = (real)c->count[i];
            for (size_t h = h0; h < H; h++)
                dw[h] += x * dy[h];
        }
    }
}

static void NAME(nvp_sparse_backward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    for (size_t s = lo; s < hi; s++) {
        size_t h0 = s * NVP_SLAB;
        if (h0 + NVP_SLAB <= j->width)
            NAME(nvp_sparse_back_slab)(j->dW, j->db, j->in, j->c, j->docs, j->rows, j->width,
                                       h0);
        else
            NAME(nvp_sparse_back_tail)(j->dW, j->db, j->in, j->c, j->docs, j->rows, j->width,
                                       h0);
    }
}
#line 721 "book/35-nvpdef-speed.nw"
static double NAME(nvp_logsumexp)(const real *l, size_t V)
{
    real mx = l[0];
    double s = 0;                /* in double in both precisions: V terms */
    for (size_t v = 1; v < V; v++)
        mx = l[v] > mx ? l[v] : mx;
    for (size_t v = 0; v < V; v++)
        s += NAME(exp)(l[v] - mx);
    return mx + log(s);
}

static void NAME(nvp_loglik_forward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    const ggs_bow *c = j->c;
    for (size_t r = lo; r < hi; r++) {
        size_t d = j->docs[r];
        const real *l = j->in + r * j->width;
        double s = 0;
        for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
            s += (double)c->count[i] * l[c->word[i]];
        j->ll[r] = s - (double)c->length[d] * NAME(nvp_logsumexp)(l, j->width);
    }
}

static void NAME(nvp_loglik_backward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    const ggs_bow *c = j->c;
    size_t V = j->width;
    for (size_t r = lo; r < hi; r++) {
        size_t d = j->docs[r];
        const real *l = j->in + r * V;
        real *dl = j->out + r * V;
        double lse = NAME(nvp_logsumexp)(l, V), a = j->dll[r] * (double)c->length[d];
        for (size_t v = 0; v < V; v++)
            dl[v] -= a * NAME(exp)((real)(l[v] - lse));
        for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
            dl[c->word[i]] += j->dll[r] * (double)c->count[i];
    }
}
#line 874 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_sparse_forward)(real *Y, const real *W, const real *b, const ggs_bow *c,
                                    const size_t *docs, size_t rows, size_t H)
{
    struct NAME(nvp_layer_job) j = { .out = Y, .W = W, .b = b, .c = c, .docs = docs,
                                     .rows = rows, .width = H };
    for (size_t r = 0; r < rows; r++)
        if (docs[r] >= c->ndocs)
            return ggs_error(GGS_EINVAL, __func__, "docs[%zu] = %zu is not a document of a "
                             "corpus of %zu", r, docs[r], c->ndocs);
    ggs_nn_parallel(NAME(nvp_sparse_forward_task), &j, rows, NVP_ROW_GRAIN);
    return GGS_OK;
}

void NAME(ggs_nvpdef_sparse_backward)(real *dW, real *db, const real *dY, const ggs_bow *c,
                                      const size_t *docs, size_t rows, size_t H)
{
    struct NAME(nvp_layer_job) j = { .dW = dW, .db = db, .in = dY, .c = c, .docs = docs,
                                     .rows = rows, .width = H };
    ggs_nn_parallel(NAME(nvp_sparse_backward_task), &j, (H + NVP_SLAB - 1) / NVP_SLAB, 1);
}
#line 899 "book/21-nvpdef.nw"
void NAME(ggs_nvpdef_softmax_loglik_forward)(double *ll, const real *logits, const ggs_bow *c,
                                             const size_t *docs, size_t rows, size_t V)
{
    struct NAME(nvp_layer_job) j = { .ll = ll, .in = logits, .c = c, .docs = docs,
                                     .rows = rows, .width = V };
    ggs_nn_parallel(NAME(nvp_loglik_forward_task), &j, rows, NVP_LOGLIK_GRAIN);
}

void NAME(ggs_nvpdef_softmax_loglik_backward)(real *dlogits, const double *dll,
                                              const real *logits, const ggs_bow *c,
                                              const size_t *docs, size_t rows, size_t V)
{
    struct NAME(nvp_layer_job) j = { .out = dlogits, .in = logits, .dll = dll, .c = c,
                                     .docs = docs, .rows = rows, .width = V };
    ggs_nn_parallel(NAME(nvp_loglik_backward_task), &j, rows, NVP_LOGLIK_GRAIN);
}
#line 1057 "book/21-nvpdef.nw"
static size_t NAME(nvp_explicit_nparam)(const ggs_nvpdef_config *c) { (void)c; return 1; }
static size_t NAME(nvp_implicit_nparam)(const ggs_nvpdef_config *c) { return c->n; }
static size_t NAME(nvp_gauss_nparam)(const ggs_nvpdef_config *c) { (void)c; return 2; }

static int NAME(nvp_explicit_encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                     int backward)
{
    return NAME(ggs_latent_explicit)(NULL, NULL, m->logq, backward ? m->jac : NULL, m->kl,
                                     m->dkl, a, GGS_POISSON, m->logprior, R, m->n);
}

static int NAME(nvp_implicit_encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                     int backward)
{
    (void)backward;
    return NAME(ggs_latent_implicit)(m->logq, m->q, m->kl, a, m->logprior, R, m->n);
}

static void NAME(nvp_gumbel_noise)(struct NAME(ggs_nvpdef) *m, size_t R, ggs_noise *q)
{
    NAME(ggs_noise_gumbel)(m->g, R * m->n, q);
}

static int NAME(nvp_poisson_draw)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                  double tau, int exact)
{
    (void)a;
    if (exact) {
        NAME(ggs_gumbel_max_batch)(m->z, m->logq, m->g, R, m->n);
        return GGS_OK;
    }
    return NAME(ggs_gengs_batch_forward)(m->z, m->y, m->logq, m->g, tau, R, m->n);
}

static void NAME(nvp_explicit_backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                        double tau, double w)
{
    (void)a;
    memset(m->dlogq, 0, R * m->n * sizeof(real));
    NAME(ggs_gengs_batch_backward)(m->dlogq, m->dz, m->z, m->y, tau, R, m->n);
    NAME(ggs_latent_chain)(m->da, m->dlogq, m->jac, R, m->n, 1);
    for (size_t i = 0; i < R; i++)
        m->da[i] += w * m->dkl[i];
}

static void NAME(nvp_implicit_backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                        double tau, double w)
{
    (void)a;
    memset(m->dlogq, 0, R * m->n * sizeof(real));
    NAME(ggs_gengs_batch_backward)(m->dlogq, m->dz, m->z, m->y, tau, R, m->n);
    NAME(ggs_latent_implicit_backward)(m->da, m->dlogq, m->logq, m->q, m->kl, m->logprior, w, R,
                                       m->n);
}
#line 1119 "book/21-nvpdef.nw"
static int NAME(nvp_gauss_encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                  int backward)
{
    size_t K = m->c.K;
    (void)backward;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        real mu = a[b * 2 * K + k], ls = a[b * 2 * K + K + k];
        if (!isfinite(mu) || !isfinite(ls))
            return ggs_error(GGS_EDOM, "ggs_nvpdef", "encoder output of document %zu, topic "
                             "%zu is not finite (mean %g, log sd %g)", b, k, mu, ls);
        m->kl[i] = 0.5 * (mu * mu + exp(2 * ls) - 1 - 2 * ls);
    }
    return GGS_OK;
}

static void NAME(nvp_gauss_noise)(struct NAME(ggs_nvpdef) *m, size_t R, ggs_noise *q)
{
    NAME(ggs_noise_uniform)(m->y, 2 * R, q);
    for (size_t i = 0; i < R; i++)
        m->g[i] = sqrt(-2 * log(m->y[2 * i])) * cos(NVP_TWO_PI * m->y[2 * i + 1]);
}

static int NAME(nvp_gauss_draw)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, double tau,
                                int exact)
{
    size_t K = m->c.K;
    (void)tau;
    (void)exact;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        m->z[i] = a[b * 2 * K + k] + exp(a[b * 2 * K + K + k]) * m->g[i];
    }
    return GGS_OK;
}

static void NAME(nvp_gauss_backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                     double tau, double w)
{
    size_t K = m->c.K;
    (void)tau;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        real mu = a[b * 2 * K + k], sd = exp(a[b * 2 * K + K + k]);
        m->da[b * 2 * K + k] += m->dz[i] + w * mu;
        m->da[b * 2 * K + K + k] += m->dz[i] * sd * m->g[i] + w * (sd * sd - 1);
    }
}
#line 1170 "book/21-nvpdef.nw"
static const struct NAME(nvp_kind) NAME(NVP_KINDS)[] = {
    { "poisson-explicit", NAME(nvp_explicit_nparam), NAME(nvp_explicit_encode),
      NAME(nvp_gumbel_noise), NAME(nvp_poisson_draw), NAME(nvp_explicit_backward) },
    { "poisson-implicit", NAME(nvp_implicit_nparam), NAME(nvp_implicit_encode),
      NAME(nvp_gumbel_noise), NAME(nvp_poisson_draw), NAME(nvp_implicit_backward) },
    { "gaussian", NAME(nvp_gauss_nparam), NAME(nvp_gauss_encode), NAME(nvp_gauss_noise),
      NAME(nvp_gauss_draw), NAME(nvp_gauss_backward) }
};

static const struct NAME(nvp_kind) *NAME(nvp_kind_of)(const ggs_nvpdef_config *c)
{
    if (c->model == GGS_NVPDEF_GAUSSIAN)
        return &NAME(NVP_KINDS)[2];
    return &NAME(NVP_KINDS)[c->implicit ? 1 : 0];   /* stacked: explicit, both layers */
}
#line 982 "book/21-nvpdef.nw"
/* Carve the activations from base (reals) and the double arrays from dbase; with NULL
   bases only count.  Returns the reals, *doff the doubles. */
static size_t NAME(nvp_walk)(struct NAME(ggs_nvpdef) *m, real *base, double *dbase,
                             size_t *doff)
{
    size_t off = 0, B = m->c.batch, K = m->Kt, n = m->n, H = m->c.H, V = m->c.V;
    size_t Pe = m->c.model != GGS_NVPDEF_GAUSSIAN && !m->c.implicit;   /* explicit only */
    size_t ni = m->c.model == GGS_NVPDEF_POISSON && m->c.implicit ? n : 0;
    size_t K1 = m->c.K, K2 = m->K2, st = m->stacked ? 1 : 0;   /* st: stacked arrays */
#define NVP_TAKE(field, count) (m->field = base != NULL ? base + off : NULL, off += (count))
#define NVP_TAKE_D(field, count) \
    (m->field = dbase != NULL ? dbase + *doff : NULL, *doff += (count))
    *doff = 0;
    NVP_TAKE_D(logprior, n);
    NVP_TAKE(pre, B * H);
    NVP_TAKE(h1, B * H);
    NVP_TAKE(dh1, B * H);
    NVP_TAKE(dpre, B * H);
    NVP_TAKE(jac, B * K * n * Pe);
    NVP_TAKE(dkl, B * K * Pe);
    NVP_TAKE(q, B * K * ni);
    NVP_TAKE(logq, B * K * n);
    NVP_TAKE(kl, B * K);
    NVP_TAKE(g, B * K * n);
    NVP_TAKE(y, B * K * n);
    NVP_TAKE(z, B * K);
    NVP_TAKE(dz, B * K);
    NVP_TAKE(dlogq, B * K * n);
    NVP_TAKE(da, B * K * m->P);
    NVP_TAKE(logits, B * V);
    NVP_TAKE(dlogits, B * V);
    NVP_TAKE_D(ll, B);
    NVP_TAKE_D(dll, B);
    NVP_TAKE_D(acc, B);
    NVP_TAKE_D(accr, B);
    NVP_TAKE_D(kacc, B);
    NVP_TAKE_D(kaccr, B);
    NVP_TAKE(zdec, B * K1 * st);
    NVP_TAKE(dzdec, B * K1 * st);
    NVP_TAKE(zup, B * K2);
    NVP_TAKE(dzup, B * K2);
    NVP_TAKE(u, B * K1 * st);
    NVP_TAKE(du, B * K1 * st);
    NVP_TAKE(logp1, B * K1 * n * st);
    NVP_TAKE(jp1, B * K1 * n * st);
    NVP_TAKE(zh, B * K * (size_t)(m->st != 0));
#undef NVP_TAKE
#undef NVP_TAKE_D
    return off;
}
#line 1242 "book/21-nvpdef.nw"
void NAME(ggs_nvpdef_free)(struct NAME(ggs_nvpdef) *m)
{
    if (m == NULL)
        return;
    NAME(ggs_mlp_free)(m->enc);
    NAME(ggs_adam_free)(m->opt);
    free(m->params);
    free(m->grads);
    free(m->mem);
    free(m->dmem);
    free(m);
}

static void NAME(nvp_uniform_init)(real *w, size_t count, double a, gsl_rng *r)
{
    for (size_t i = 0; i < count; i++)
        w[i] = a * (2 * gsl_rng_uniform(r) - 1);
}

struct NAME(ggs_nvpdef) *NAME(ggs_nvpdef_alloc)(const ggs_nvpdef_config *c, unsigned long seed)
{
    struct NAME(ggs_nvpdef) *m;
    ggs_mlp_spec spec[3];
    size_t nmlp, V, H, K, off, nd;
    gsl_rng *r;
    if (nvp_check_config(c, __func__) != GGS_OK)
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    m->c = *c;
    m->kind = NAME(nvp_kind_of)(c);
    m->n = c->model != GGS_NVPDEF_GAUSSIAN ? c->n : 2;
    m->c.n = m->n;
    m->P = m->kind->nparam(&m->c);
    m->stacked = c->model == GGS_NVPDEF_STACKED;
    m->st = c->straight_through != 0;
    m->K2 = m->stacked ? c->K2 : 0;
    m->Kt = c->K + m->K2;
    for (int i = 0; i < GGS_NVPDEF_NPATHS; i++)
        m->scale[i] = 1;
    V = c->V;
    H = c->H;
    K = c->K;
    spec[0] = (ggs_mlp_spec){ H, GGS_NN_IDENTITY };
    spec[1] = (ggs_mlp_spec){ H, c->act };
    spec[2] = (ggs_mlp_spec){ m->Kt * m->P, GGS_NN_IDENTITY };
    if (ggs_mlp_count(&nmlp, spec, 3) != GGS_OK) {
        free(m);
        return NULL;
    }
    m->nparams = V * H + H + nmlp + V * K + V + (K * m->K2 + K) * (size_t)m->stacked;
    m->params = calloc(m->nparams, sizeof(real));
    m->grads = calloc(m->nparams, sizeof(real));
    m->mem = malloc(NAME(nvp_walk)(m, NULL, NULL, &nd) * sizeof(real));
    m->dmem = malloc(nd * sizeof(double));
    if (m->params == NULL || m->grads == NULL || m->mem == NULL || m->dmem == NULL) {
        size_t np = m->nparams;
        NAME(ggs_nvpdef_free)(m);
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters)", np);
        return NULL;
    }
    NAME(nvp_walk)(m, m->mem, m->dmem, &nd);
    m->W1 = m->params;
    m->b1 = m->W1 + V * H;
    off = V * H + H;
    m->Wd = m->params + off + nmlp;
    m->bd = m->Wd + V * K;
    m->dW1 = m->grads;
    m->db1 = m->dW1 + V * H;
    m->dWd = m->grads + off + nmlp;
    m->dbd = m->dWd + V * K;
    if (m->stacked) {
        m->W2 = m->bd + V;
        m->b2 = m->W2 + K * m->K2;
        m->dW2 = m->dbd + V;
        m->db2 = m->dW2 + K * m->K2;
    } else {   /* the decoder reads the samples themselves (or their argmax) */
        m->zdec = m->z;
        m->dzdec = m->dz;
    }
    if ((m->enc = NAME(ggs_mlp_alloc)(c->batch, spec, 3, m->params + off, m->grads + off))
            == NULL
        || (m->opt = NAME(ggs_adam_alloc)(m->nparams, &c->adam)) == NULL) {
        NAME(ggs_nvpdef_free)(m);
        return NULL;
    }
    
#line 1336 "book/21-nvpdef.nw"
/* tabulate the topic prior and initialize the weights */
memset(m->logprior, 0, m->n * sizeof(double));
if (c->model != GGS_NVPDEF_GAUSSIAN) {
    ggs_dist prior;
    if (ggs_dist_poisson(&prior, c->prior_rate) != GGS_OK
        || ggs_truncated_logpmf(m->logprior, &prior, 0, m->n) != GGS_OK) {
        NAME(ggs_nvpdef_free)(m);
        return NULL;
    }
}
if ((r = ggs_rng_new(seed)) == NULL) {
    NAME(ggs_nvpdef_free)(m);
    return NULL;
}
NAME(nvp_uniform_init)(m->W1, V * H, sqrt(6.0 / (double)V), r);
if (NAME(ggs_mlp_init)(m->enc, r) != GGS_OK) {
    ggs_rng_free(r);
    NAME(ggs_nvpdef_free)(m);
    return NULL;
}
NAME(nvp_uniform_init)(m->Wd, V * K, sqrt(6.0 / (double)(K + V)), r);
#line 1374 "book/21-nvpdef.nw"
/* start NVDM's log standard deviations at zero */
if (c->model == GGS_NVPDEF_GAUSSIAN) {
    real *Wlast = m->params + off + H * H + H, *blast = Wlast + 2 * K * H;
    memset(Wlast + K * H, 0, K * H * sizeof *Wlast);
    memset(blast + K, 0, K * sizeof *blast);
}
#line 1358 "book/21-nvpdef.nw"
if (m->stacked) {   /* the lower rates start near the prior's: softplus(b2) = lambda0 */
    NAME(nvp_uniform_init)(m->W2, K * m->K2, sqrt(6.0 / (double)(K + m->K2)), r);
    for (size_t k = 0; k < K; k++)
        m->b2[k] = c->prior_rate > 30 ? c->prior_rate : log(expm1(c->prior_rate));
}
ggs_rng_free(r);
#line 1331 "book/21-nvpdef.nw"
    return m;
}
#line 1382 "book/21-nvpdef.nw"
size_t NAME(ggs_nvpdef_nparams)(const struct NAME(ggs_nvpdef) *m) { return m->nparams; }
real *NAME(ggs_nvpdef_params)(struct NAME(ggs_nvpdef) *m) { return m->params; }
real *NAME(ggs_nvpdef_grads)(struct NAME(ggs_nvpdef) *m) { return m->grads; }

int NAME(ggs_nvpdef_save)(FILE *f, const struct NAME(ggs_nvpdef) *m)
{
    return NAME(ggs_nn_save)(f, m->params, m->nparams, m->opt);
}

int NAME(ggs_nvpdef_load)(FILE *f, struct NAME(ggs_nvpdef) *m)
{
    return NAME(ggs_nn_load)(f, m->params, m->nparams, m->opt);
}
#line 1404 "book/21-nvpdef.nw"
static int NAME(nvp_check_call)(const struct NAME(ggs_nvpdef) *m, const ggs_bow *c, size_t rows,
                                double tau, const char *func)
{
    if (rows < 1 || rows > m->c.batch)
        return ggs_error(GGS_EINVAL, func, "rows = %zu (must be in [1, %zu])", rows,
                         m->c.batch);
    if (c->vocab != m->c.V)
        return ggs_error(GGS_EINVAL, func, "the corpus has a vocabulary of %zu words, the "
                         "model %zu", c->vocab, m->c.V);
    return ggs_check_range(tau, "tau", func, 0, 0, HUGE_VAL, 0);
}

static int NAME(nvp_encode)(struct NAME(ggs_nvpdef) *m, const ggs_bow *c, const size_t *docs,
                            size_t rows, int backward)
{
    size_t BH = rows * m->c.H;
    int rc = NAME(ggs_nvpdef_sparse_forward)(m->pre, m->W1, m->b1, c, docs, rows, m->c.H);
    if (rc != GGS_OK)
        return rc;
    if (m->c.act == GGS_NN_RELU)
        NAME(ggs_nn_relu_forward)(m->h1, m->pre, BH);
    else
        NAME(ggs_nn_tanh_forward)(m->h1, m->pre, BH);
    if ((rc = NAME(ggs_mlp_forward)(m->enc, m->h1, rows)) != GGS_OK)
        return rc;
    return m->kind->encode(m, NAME(ggs_mlp_output)(m->enc), rows * m->Kt, backward);
}

static int NAME(nvp_decode)(struct NAME(ggs_nvpdef) *m, const ggs_bow *c, const size_t *docs,
                            size_t rows)
{
    int rc = NAME(ggs_nn_dense_forward)(m->logits, m->zdec, m->Wd, m->bd, rows, m->c.K, m->c.V);
    if (rc == GGS_OK)
        NAME(ggs_nvpdef_softmax_loglik_forward)(m->ll, m->logits, c, docs, rows, m->c.V);
    return rc;
}
#line 1453 "book/21-nvpdef.nw"
static int NAME(nvp_stacked_prior)(struct NAME(ggs_nvpdef) *m, const real *zs, size_t rows,
                                   int backward)
{
    size_t K = m->c.K, K2 = m->K2, Kt = m->Kt, n = m->n;
    int rc;
    for (size_t b = 0; b < rows; b++) {
        memcpy(m->zdec + b * K, zs + b * Kt, K * sizeof(real));
        memcpy(m->zup + b * K2, zs + b * Kt + K, K2 * sizeof(real));
    }
    if ((rc = NAME(ggs_nn_dense_forward)(m->u, m->zup, m->W2, m->b2, rows, K2, K)) != GGS_OK
        || (rc = NAME(ggs_latent_explicit)(NULL, NULL, m->logp1, backward ? m->jp1 : NULL,
                                           NULL, NULL, m->u, GGS_POISSON, m->logprior,
                                           rows * K, n))
           != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++)
        for (size_t k = 0; k < K; k++) {
            size_t i = b * Kt + k;   /* the row of this lower count */
            const real *lq = m->logq + i * n, *lp = m->logp1 + (b * K + k) * n;
            double kl = 0, d = 0;
            for (size_t j = 0; j < n; j++) {
                double qj = exp(lq[j]);
                if (qj > 0) {   /* 0 log 0 = 0 */
                    kl += qj * (lq[j] - lp[j]);
                    if (backward)
                        d += qj * (lq[j] - lp[j]) * m->jac[i * n + j];
                }
            }
            m->kl[i] = kl;
            if (backward)
                m->dkl[i] = d;
        }
    return GGS_OK;
}
#line 1494 "book/21-nvpdef.nw"
static int NAME(nvp_read_sample)(struct NAME(ggs_nvpdef) *m, real *zs, size_t rows,
                                 int backward)
{
    if (!m->stacked) {
        m->zdec = zs;
        return GGS_OK;
    }
    return NAME(nvp_stacked_prior)(m, zs, rows, backward);
}
#line 1510 "book/21-nvpdef.nw"
static int NAME(nvp_loss)(struct NAME(ggs_nvpdef) *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                          const size_t *docs, size_t rows, double tau, ggs_noise *q,
                          int backward, const char *func)
{
    size_t K = m->Kt, R = rows * K, V = m->c.V, H = m->c.H;
    const real *a;
    double nll = 0, kl = 0, words = 0, w = 1.0 / (double)rows;
    int rc;
    if ((rc = NAME(nvp_check_call)(m, c, rows, tau, func)) != GGS_OK
        || (rc = NAME(nvp_encode)(m, c, docs, rows, backward)) != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(m->enc);
    m->kind->noise(m, R, q);
    if ((rc = m->kind->draw(m, a, R, tau, 0)) != GGS_OK)
        return rc;
    if (m->st)   /* the Gumbel-Max counts of the same noise (Chapter 5) */
        NAME(ggs_gengs_batch_hard)(m->zh, m->y, R, m->n);
    if ((rc = NAME(nvp_read_sample)(m, m->st ? m->zh : m->z, rows, backward)) != GGS_OK
        || (rc = NAME(nvp_decode)(m, c, docs, rows)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        nll -= m->ll[b];
        words += (double)c->length[docs[b]];
        for (size_t k = 0; k < K; k++)
            kl += m->kl[b * K + k];
    }
    if (!isfinite(nll + kl))
        return ggs_error(GGS_ERANGE, func, "the loss is not finite (reconstruction %g, KL %g)",
                         nll, kl);
    if (backward) {
        
#line 1573 "book/21-nvpdef.nw"
/* back-propagate the topic model's mean loss to every parameter */
ggs_nn_zero(m->grads, m->nparams * sizeof(real));   /* on the kernel threads */
memset(m->dlogits, 0, rows * V * sizeof(real));
memset(m->dz, 0, R * sizeof(real));
memset(m->da, 0, R * m->P * sizeof(real));
memset(m->dh1, 0, rows * H * sizeof(real));
memset(m->dpre, 0, rows * H * sizeof(real));
for (size_t b = 0; b < rows; b++)
    m->dll[b] = -w;
NAME(ggs_nvpdef_softmax_loglik_backward)(m->dlogits, m->dll, m->logits, c, docs, rows, V);
if (m->stacked)
    memset(m->dzdec, 0, rows * m->c.K * sizeof(real));
if ((rc = NAME(ggs_nn_dense_backward)(m->dzdec, m->dWd, m->dbd, m->dlogits, m->zdec, m->Wd,
                                      rows, m->c.K, V)) != GGS_OK)
    return rc;
if (m->stacked) {
    
#line 1608 "book/21-nvpdef.nw"
/* carry the stacked model's gradients to both layers' samples and to W2 */
size_t K1 = m->c.K, K2 = m->K2, n = m->n;
const double *sc = m->scale;
for (size_t i = 0; i < V * K1 + V; i++)   /* dWd and dbd are contiguous */
    m->dWd[i] *= sc[GGS_NVPDEF_PATH_DECODER];
for (size_t b = 0; b < rows; b++)
    for (size_t k = 0; k < K1; k++) {
        size_t i = b * K + k;
        const real *lq = m->logq + i * n, *jp = m->jp1 + (b * K1 + k) * n;
        double s = 0;
        for (size_t j = 0; j < n; j++)
            s += exp(lq[j]) * jp[j];
        m->dz[i] = sc[GGS_NVPDEF_PATH_RECON] * m->dzdec[b * K1 + k];
        m->du[b * K1 + k] = -w * s;
        m->dkl[i] *= sc[GGS_NVPDEF_PATH_KL1_POSTERIOR];
    }
memset(m->dzup, 0, rows * K2 * sizeof(real));
if ((rc = NAME(ggs_nn_dense_backward)(m->dzup, m->dW2, m->db2, m->du, m->zup, m->W2, rows, K2,
                                      K1)) != GGS_OK)
    return rc;
for (size_t i = 0; i < K1 * K2 + K1; i++)   /* dW2 and db2 are contiguous */
    m->dW2[i] *= sc[GGS_NVPDEF_PATH_KL1_PRIOR_WEIGHTS];
for (size_t b = 0; b < rows; b++)
    for (size_t j = 0; j < K2; j++) {
        m->dz[b * K + K1 + j] = sc[GGS_NVPDEF_PATH_KL1_UPPER_SAMPLE] * m->dzup[b * K2 + j];
        m->dkl[b * K + K1 + j] *= sc[GGS_NVPDEF_PATH_KL2];
    }
#line 1590 "book/21-nvpdef.nw"
}
m->kind->backward(m, a, R, tau, w);
if ((rc = NAME(ggs_mlp_backward)(m->enc, m->dh1, m->h1, m->da)) != GGS_OK)
    return rc;
if (m->c.act == GGS_NN_RELU)
    NAME(ggs_nn_relu_backward)(m->dpre, m->dh1, m->h1, rows * H);
else
    NAME(ggs_nn_tanh_backward)(m->dpre, m->dh1, m->h1, rows * H);
NAME(ggs_nvpdef_sparse_backward)(m->dW1, m->db1, m->dpre, c, docs, rows, H);
#line 1541 "book/21-nvpdef.nw"
    }
    st->nll += nll;
    st->kl += kl;
    st->words += words;
    st->count += rows;
    return GGS_OK;
}

int NAME(ggs_nvpdef_loss)(struct NAME(ggs_nvpdef) *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                          const size_t *docs, size_t rows, double tau, ggs_noise *q,
                          int backward)
{
    return NAME(nvp_loss)(m, st, c, docs, rows, tau, q, backward, __func__);
}

int NAME(ggs_nvpdef_step)(struct NAME(ggs_nvpdef) *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                          const size_t *docs, size_t rows, double tau, ggs_noise *q)
{
    ggs_nvpdef_stats s = { 0, 0, 0, 0 };
    int rc = NAME(nvp_loss)(m, &s, c, docs, rows, tau, q, 1, __func__);
    if (rc == GGS_OK)
        rc = NAME(ggs_adam_step)(m->opt, m->params, m->grads, NULL);
    if (rc == GGS_OK) {
        st->nll += s.nll;
        st->kl += s.kl;
        st->words += s.words;
        st->count += s.count;
    }
    return rc;
}
#line 1637 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_scale_path)(struct NAME(ggs_nvpdef) *m, int path, double scale)
{
    if (!m->stacked)
        return ggs_error(GGS_EINVAL, __func__, "the model is not the stacked model");
    if (path < 0 || path >= GGS_NVPDEF_NPATHS)
        return ggs_error(GGS_EINVAL, __func__, "path = %d (must be in [0, %d])", path,
                         GGS_NVPDEF_NPATHS - 1);
    if (!isfinite(scale))
        return ggs_error(GGS_EINVAL, __func__, "scale = %g is not finite", scale);
    m->scale[path] = scale;
    return GGS_OK;
}
#line 1659 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_evaluate)(double *nelbo, double *nelbo_relaxed, double *kl,
                              struct NAME(ggs_nvpdef) *m, const ggs_bow *c, const size_t *docs,
                              size_t rows, double tau, size_t samples, ggs_noise *q)
{
    size_t K = m->Kt, R = rows * K;
    int relaxed = nelbo_relaxed != NULL && m->c.model != GGS_NVPDEF_GAUSSIAN, rc;
    const real *a;
    if (samples < 1)
        return ggs_error(GGS_EINVAL, __func__, "samples = 0 (must be >= 1)");
    if ((rc = NAME(nvp_check_call)(m, c, rows, tau, __func__)) != GGS_OK
        || (rc = NAME(nvp_encode)(m, c, docs, rows, 0)) != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(m->enc);
    memset(m->acc, 0, rows * sizeof(double));
    memset(m->accr, 0, rows * sizeof(double));
    memset(m->kacc, 0, rows * sizeof(double));
    memset(m->kaccr, 0, rows * sizeof(double));
    for (size_t s = 0; s < samples; s++) {
        m->kind->noise(m, R, q);
        for (int exact = 1; exact >= 1 - relaxed; exact--) {
            double *acc = exact ? m->acc : m->accr, *kacc = exact ? m->kacc : m->kaccr;
            if ((rc = m->kind->draw(m, a, R, tau, exact)) != GGS_OK
                || (rc = NAME(nvp_read_sample)(m, m->z, rows, 0)) != GGS_OK
                || (rc = NAME(nvp_decode)(m, c, docs, rows)) != GGS_OK)
                return rc;
            for (size_t b = 0; b < rows; b++) {
                acc[b] += m->ll[b];
                for (size_t j = 0; j < K; j++)
                    kacc[b] += m->kl[b * K + j];
            }
        }
    }
    for (size_t b = 0; b < rows; b++) {
        double S = (double)samples;
        nelbo[b] = (m->kacc[b] - m->acc[b]) / S;
        if (nelbo_relaxed != NULL)
            nelbo_relaxed[b] = relaxed ? (m->kaccr[b] - m->accr[b]) / S : NAN;
        if (kl != NULL)
            kl[b] = m->kacc[b] / S;
    }
    return GGS_OK;
}
#line 1728 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_top_words)(uint32_t *top, const struct NAME(ggs_nvpdef) *m, size_t T)
{
    size_t V = m->c.V, K = m->c.K;
    if (T < 1 || T > V)
        return ggs_error(GGS_EINVAL, __func__, "T = %zu (must be in [1, %zu])", T, V);
    for (size_t k = 0; k < K; k++) {
        uint32_t *t = top + k * T;
        size_t have = 0;
        for (size_t v = 0; v < V; v++) {
            real x = m->Wd[v * K + k];
            size_t j = have < T ? have : T;
            if (have == T && !(x > m->Wd[(size_t)t[T - 1] * K + k]))
                continue;
            if (have < T)
                have++;
            else
                j = T - 1;
            while (j > 0 && x > m->Wd[(size_t)t[j - 1] * K + k]) {
                if (j < T)
                    t[j] = t[j - 1];
                j--;
            }
            t[j] = (uint32_t)v;
        }
    }
    return GGS_OK;
}
#line 788 "book/21-nvpdef.nw"
#undef real
#undef NAME

#define real float
#define NAME(x) x##f
#line 927 "book/21-nvpdef.nw"
struct NAME(nvp_kind);

struct NAME(ggs_nvpdef) {
    ggs_nvpdef_config c;
    const struct NAME(nvp_kind) *kind; /* the latent variable: its descriptor */
    size_t n;               /* categories (NVDM: 2) */
    size_t P;               /* encoder outputs per latent count */
    int stacked;            /* two Poisson layers */
    size_t K2;              /* stacked: upper counts (else 0) */
    size_t Kt;              /* latent counts per document: K + K2 */
    size_t nparams;
    real *params;           /* (nparams) W1, b1, encoder layers 2-3, Wd, bd */
    real *grads;            /* (nparams) laid out like params */
    real *W1, *b1;          /* (V, H), (H): views into params */
    real *Wd, *bd;          /* (V, K), (V) */
    real *W2, *b2;          /* stacked: (K, K2), (K), the lower rates' link */
    real *dW1, *db1, *dWd, *dbd, *dW2, *db2;   /* the same views into grads */
    double scale[GGS_NVPDEF_NPATHS];  /* stacked: ggs_nvpdef_scale_path(), 1 by default */
    NAME(ggs_mlp) *enc;           /* H -> H -> K P on the shared blocks */
    NAME(ggs_adam) *opt;
    double *logprior;       /* (n) the prior's truncated log-pmf, in double */
    real *pre;              /* (B, H) first layer before its activation */
    real *h1;               /* (B, H) first layer */
    real *dh1;              /* (B, H) dL / d h1 */
    real *dpre;             /* (B, H) dL / d pre */
    real *jac;              /* (B, Kt, n) explicit: d logq / d a */
    real *dkl;              /* (B, Kt) explicit: d kl / d a */
    real *q;                /* (B, Kt, n) implicit: q(z | x) */
    real *logq;             /* (B, Kt, n) log q(z | x) */
    real *kl;               /* (B, Kt) KL per latent count */
    real *g;                /* (B, Kt, n) Gumbel noise; NVDM: (B, K) normals */
    real *y;                /* (B, Kt, n) relaxed one-hot vectors; NVDM: uniforms */
    real *z;                /* (B, Kt) the samples: per document K lower, then K2 upper */
    int st;                 /* straight-through training */
    real *zh;               /* straight-through: (B, Kt) the argmax counts of training */
    real *dz;               /* (B, Kt) dL / dz */
    real *dlogq;            /* (B, Kt, n) dL / d logq along the sample path */
    real *da;               /* (B, Kt P) dL / da, a the encoder's output */
    real *zdec, *dzdec;     /* (B, K) the decoder's input and its gradient: z and dz,
                               or (stacked) copies of their lower parts */
    real *zup, *dzup;       /* stacked: (B, K2) the upper samples, and dL / d them */
    real *u, *du;           /* stacked: (B, K) W2 zup + b2, and dL / du */
    real *logp1;            /* stacked: (B, K, n) log p(z1 | z2), truncated */
    real *jp1;              /* stacked: (B, K, n) d logp1 / du */
    real *logits;           /* (B, V) */
    real *dlogits;          /* (B, V) */
    double *ll;             /* (B) log p(x | z), in double */
    double *dll;            /* (B) dL / d ll, in double */
    double *acc, *accr;     /* (B) evaluation: sums of log p(x | z), exact and relaxed */
    double *kacc, *kaccr;   /* (B) evaluation: sums of the KL terms, exact and relaxed */
    real *mem;              /* the one block of the activations */
    double *dmem;           /* the one block of the arrays in double (above) */
};
#line 1044 "book/21-nvpdef.nw"
struct NAME(nvp_kind) {
    const char *name;
    size_t (*nparam)(const ggs_nvpdef_config *c);
    int (*encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, int backward);
    void (*noise)(struct NAME(ggs_nvpdef) *m, size_t R, ggs_noise *q);
    int (*draw)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, double tau, int exact);
    void (*backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, double tau, double w);
};

#line 618 "book/35-nvpdef-speed.nw"
/* The arguments of one of the four layer functions (unused fields stay NULL). */
struct NAME(nvp_layer_job) {
    real *out;                   /* Y (rows, H) or dlogits (rows, V) */
    double *ll;                  /* (rows) */
    real *dW, *db;               /* (V, H), (H) or NULL */
    const real *W, *b;           /* (V, H), (H) or NULL */
    const real *in;              /* dY (rows, H) or logits (rows, V) */
    const double *dll;           /* (rows) */
    const ggs_bow *c;
    const size_t *docs;          /* (rows) */
    size_t rows, width;          /* width: H or V */
};
#line 633 "book/35-nvpdef-speed.nw"
/* y (H) = b + sum over the words i of document d of count_i W[word_i, :], in slabs */
GGS_HOT static void NAME(nvp_sparse_row)(real *restrict y, const real *restrict W,
                                         const real *restrict b, const ggs_bow *c, size_t d,
                                         size_t H)
{
    size_t lo = c->row[d], hi = c->row[d + 1], h0 = 0;
    for (; h0 + NVP_SLAB <= H; h0 += NVP_SLAB) {
        double s[NVP_SLAB];      /* in double in both precisions: a sum over the words */
        for (size_t h = 0; h < NVP_SLAB; h++)
            s[h] = b != NULL ? b[h0 + h] : 0;
        for (size_t i = lo; i < hi; i++) {
            const real *w = W + (size_t)c->word[i] * H + h0;
            double x = (double)c->count[i];
            for (size_t h = 0; h < NVP_SLAB; h++)
                s[h] += x * w[h];
        }
        for (size_t h = 0; h < NVP_SLAB; h++)
            y[h0 + h] = (real)s[h];
    }
    for (size_t h = h0; h < H; h++) {          /* the last, partial slab */
        double s = b != NULL ? b[h] : 0;
        for (size_t i = lo; i < hi; i++)
            s += (double)c->count[i] * W[(size_t)c->word[i] * H + h];
        y[h] = (real)s;
    }
}

static void NAME(nvp_sparse_forward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    for (size_t r = lo; r < hi; r++)
        NAME(nvp_sparse_row)(j->out + r * j->width, j->W, j->b, j->c, j->docs[r], j->width);
}
#line 669 "book/35-nvpdef-speed.nw"
/* dW[word, h0 + (0..NVP_SLAB)] += count dY[r, h0 + ...] and db likewise, r in order */
GGS_HOT static void NAME(nvp_sparse_back_slab)(real *restrict dW, real *restrict db,
                                               const real *restrict dY, const ggs_bow *c,
                                               const size_t *docs, size_t rows, size_t H,
                                               size_t h0)
{
    for (size_t r = 0; r < rows; r++) {
        const real *dy = dY + r * H + h0;
        if (db != NULL)
            for (size_t h = 0; h < NVP_SLAB; h++)
                db[h0 + h] += dy[h];
        for (size_t i = c->row[docs[r]]; i < c->row[docs[r] + 1]; i++) {
            real *dw = dW + (size_t)c->word[i] * H + h0, x = (real)c->count[i];
            for (size_t h = 0; h < NVP_SLAB; h++)
                dw[h] += x * dy[h];
        }
    }
}

/* the same for the columns [h0, H) of the last, partial slab */
static void NAME(nvp_sparse_back_tail)(real *dW, real *db, const real *dY, const ggs_bow *c,
                                       const size_t *docs, size_t rows, size_t H, size_t h0)
{
    for (size_t r = 0; r < rows; r++) {
        const real *dy = dY + r * H;
        if (db != NULL)
            for (size_t h = h0; h < H; h++)
                db[h] += dy[h];
        for (size_t i = c->row[docs[r]]; i < c->row[docs[r] + 1]; i++) {
            real *dw = dW + (size_t)c->word[i] * H, x = (real)c->count[i];
            for (size_t h = h0; h < H; h++)
                dw[h] += x * dy[h];
        }
    }
}

static void NAME(nvp_sparse_backward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    for (size_t s = lo; s < hi; s++) {
        size_t h0 = s * NVP_SLAB;
        if (h0 + NVP_SLAB <= j->width)
            NAME(nvp_sparse_back_slab)(j->dW, j->db, j->in, j->c, j->docs, j->rows, j->width,
                                       h0);
        else
            NAME(nvp_sparse_back_tail)(j->dW, j->db, j->in, j->c, j->docs, j->rows, j->width,
                                       h0);
    }
}
#line 721 "book/35-nvpdef-speed.nw"
static double NAME(nvp_logsumexp)(const real *l, size_t V)
{
    real mx = l[0];
    double s = 0;                /* in double in both precisions: V terms */
    for (size_t v = 1; v < V; v++)
        mx = l[v] > mx ? l[v] : mx;
    for (size_t v = 0; v < V; v++)
        s += NAME(exp)(l[v] - mx);
    return mx + log(s);
}

static void NAME(nvp_loglik_forward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    const ggs_bow *c = j->c;
    for (size_t r = lo; r < hi; r++) {
        size_t d = j->docs[r];
        const real *l = j->in + r * j->width;
        double s = 0;
        for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
            s += (double)c->count[i] * l[c->word[i]];
        j->ll[r] = s - (double)c->length[d] * NAME(nvp_logsumexp)(l, j->width);
    }
}

static void NAME(nvp_loglik_backward_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(nvp_layer_job) *j = ctx;
    const ggs_bow *c = j->c;
    size_t V = j->width;
    for (size_t r = lo; r < hi; r++) {
        size_t d = j->docs[r];
        const real *l = j->in + r * V;
        real *dl = j->out + r * V;
        double lse = NAME(nvp_logsumexp)(l, V), a = j->dll[r] * (double)c->length[d];
        for (size_t v = 0; v < V; v++)
            dl[v] -= a * NAME(exp)((real)(l[v] - lse));
        for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
            dl[c->word[i]] += j->dll[r] * (double)c->count[i];
    }
}
#line 874 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_sparse_forward)(real *Y, const real *W, const real *b, const ggs_bow *c,
                                    const size_t *docs, size_t rows, size_t H)
{
    struct NAME(nvp_layer_job) j = { .out = Y, .W = W, .b = b, .c = c, .docs = docs,
                                     .rows = rows, .width = H };
    for (size_t r = 0; r < rows; r++)
        if (docs[r] >= c->ndocs)
            return ggs_error(GGS_EINVAL, __func__, "docs[%zu] = %zu is not a document of a "
                             "corpus of %zu", r, docs[r], c->ndocs);
    ggs_nn_parallel(NAME(nvp_sparse_forward_task), &j, rows, NVP_ROW_GRAIN);
    return GGS_OK;
}

void NAME(ggs_nvpdef_sparse_backward)(real *dW, real *db, const real *dY, const ggs_bow *c,
                                      const size_t *docs, size_t rows, size_t H)
{
    struct NAME(nvp_layer_job) j = { .dW = dW, .db = db, .in = dY, .c = c, .docs = docs,
                                     .rows = rows, .width = H };
    ggs_nn_parallel(NAME(nvp_sparse_backward_task), &j, (H + NVP_SLAB - 1) / NVP_SLAB, 1);
}
#line 899 "book/21-nvpdef.nw"
void NAME(ggs_nvpdef_softmax_loglik_forward)(double *ll, const real *logits, const ggs_bow *c,
                                             const size_t *docs, size_t rows, size_t V)
{
    struct NAME(nvp_layer_job) j = { .ll = ll, .in = logits, .c = c, .docs = docs,
                                     .rows = rows, .width = V };
    ggs_nn_parallel(NAME(nvp_loglik_forward_task), &j, rows, NVP_LOGLIK_GRAIN);
}

void NAME(ggs_nvpdef_softmax_loglik_backward)(real *dlogits, const double *dll,
                                              const real *logits, const ggs_bow *c,
                                              const size_t *docs, size_t rows, size_t V)
{
    struct NAME(nvp_layer_job) j = { .out = dlogits, .in = logits, .dll = dll, .c = c,
                                     .docs = docs, .rows = rows, .width = V };
    ggs_nn_parallel(NAME(nvp_loglik_backward_task), &j, rows, NVP_LOGLIK_GRAIN);
}
#line 1057 "book/21-nvpdef.nw"
static size_t NAME(nvp_explicit_nparam)(const ggs_nvpdef_config *c) { (void)c; return 1; }
static size_t NAME(nvp_implicit_nparam)(const ggs_nvpdef_config *c) { return c->n; }
static size_t NAME(nvp_gauss_nparam)(const ggs_nvpdef_config *c) { (void)c; return 2; }

static int NAME(nvp_explicit_encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                     int backward)
{
    return NAME(ggs_latent_explicit)(NULL, NULL, m->logq, backward ? m->jac : NULL, m->kl,
                                     m->dkl, a, GGS_POISSON, m->logprior, R, m->n);
}

static int NAME(nvp_implicit_encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                     int backward)
{
    (void)backward;
    return NAME(ggs_latent_implicit)(m->logq, m->q, m->kl, a, m->logprior, R, m->n);
}

static void NAME(nvp_gumbel_noise)(struct NAME(ggs_nvpdef) *m, size_t R, ggs_noise *q)
{
    NAME(ggs_noise_gumbel)(m->g, R * m->n, q);
}

static int NAME(nvp_poisson_draw)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                  double tau, int exact)
{
    (void)a;
    if (exact) {
        NAME(ggs_gumbel_max_batch)(m->z, m->logq, m->g, R, m->n);
        return GGS_OK;
    }
    return NAME(ggs_gengs_batch_forward)(m->z, m->y, m->logq, m->g, tau, R, m->n);
}

static void NAME(nvp_explicit_backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                        double tau, double w)
{
    (void)a;
    memset(m->dlogq, 0, R * m->n * sizeof(real));
    NAME(ggs_gengs_batch_backward)(m->dlogq, m->dz, m->z, m->y, tau, R, m->n);
    NAME(ggs_latent_chain)(m->da, m->dlogq, m->jac, R, m->n, 1);
    for (size_t i = 0; i < R; i++)
        m->da[i] += w * m->dkl[i];
}

static void NAME(nvp_implicit_backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                        double tau, double w)
{
    (void)a;
    memset(m->dlogq, 0, R * m->n * sizeof(real));
    NAME(ggs_gengs_batch_backward)(m->dlogq, m->dz, m->z, m->y, tau, R, m->n);
    NAME(ggs_latent_implicit_backward)(m->da, m->dlogq, m->logq, m->q, m->kl, m->logprior, w, R,
                                       m->n);
}
#line 1119 "book/21-nvpdef.nw"
static int NAME(nvp_gauss_encode)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                  int backward)
{
    size_t K = m->c.K;
    (void)backward;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        real mu = a[b * 2 * K + k], ls = a[b * 2 * K + K + k];
        if (!isfinite(mu) || !isfinite(ls))
            return ggs_error(GGS_EDOM, "ggs_nvpdef", "encoder output of document %zu, topic "
                             "%zu is not finite (mean %g, log sd %g)", b, k, mu, ls);
        m->kl[i] = 0.5 * (mu * mu + exp(2 * ls) - 1 - 2 * ls);
    }
    return GGS_OK;
}

static void NAME(nvp_gauss_noise)(struct NAME(ggs_nvpdef) *m, size_t R, ggs_noise *q)
{
    NAME(ggs_noise_uniform)(m->y, 2 * R, q);
    for (size_t i = 0; i < R; i++)
        m->g[i] = sqrt(-2 * log(m->y[2 * i])) * cos(NVP_TWO_PI * m->y[2 * i + 1]);
}

static int NAME(nvp_gauss_draw)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R, double tau,
                                int exact)
{
    size_t K = m->c.K;
    (void)tau;
    (void)exact;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        m->z[i] = a[b * 2 * K + k] + exp(a[b * 2 * K + K + k]) * m->g[i];
    }
    return GGS_OK;
}

static void NAME(nvp_gauss_backward)(struct NAME(ggs_nvpdef) *m, const real *a, size_t R,
                                     double tau, double w)
{
    size_t K = m->c.K;
    (void)tau;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        real mu = a[b * 2 * K + k], sd = exp(a[b * 2 * K + K + k]);
        m->da[b * 2 * K + k] += m->dz[i] + w * mu;
        m->da[b * 2 * K + K + k] += m->dz[i] * sd * m->g[i] + w * (sd * sd - 1);
    }
}
#line 1170 "book/21-nvpdef.nw"
static const struct NAME(nvp_kind) NAME(NVP_KINDS)[] = {
    { "poisson-explicit", NAME(nvp_explicit_nparam), NAME(nvp_explicit_encode),
      NAME(nvp_gumbel_noise), NAME(nvp_poisson_draw), NAME(nvp_explicit_backward) },
    { "poisson-implicit", NAME(nvp_implicit_nparam), NAME(nvp_implicit_encode),
      NAME(nvp_gumbel_noise), NAME(nvp_poisson_draw), NAME(nvp_implicit_backward) },
    { "gaussian", NAME(nvp_gauss_nparam), NAME(nvp_gauss_encode), NAME(nvp_gauss_noise),
      NAME(nvp_gauss_draw), NAME(nvp_gauss_backward) }
};

static const struct NAME(nvp_kind) *NAME(nvp_kind_of)(const ggs_nvpdef_config *c)
{
    if (c->model == GGS_NVPDEF_GAUSSIAN)
        return &NAME(NVP_KINDS)[2];
    return &NAME(NVP_KINDS)[c->implicit ? 1 : 0];   /* stacked: explicit, both layers */
}
#line 982 "book/21-nvpdef.nw"
/* Carve the activations from base (reals) and the double arrays from dbase; with NULL
   bases only count.  Returns the reals, *doff the doubles. */
static size_t NAME(nvp_walk)(struct NAME(ggs_nvpdef) *m, real *base, double *dbase,
                             size_t *doff)
{
    size_t off = 0, B = m->c.batch, K = m->Kt, n = m->n, H = m->c.H, V = m->c.V;
    size_t Pe = m->c.model != GGS_NVPDEF_GAUSSIAN && !m->c.implicit;   /* explicit only */
    size_t ni = m->c.model == GGS_NVPDEF_POISSON && m->c.implicit ? n : 0;
    size_t K1 = m->c.K, K2 = m->K2, st = m->stacked ? 1 : 0;   /* st: stacked arrays */
#define NVP_TAKE(field, count) (m->field = base != NULL ? base + off : NULL, off += (count))
#define NVP_TAKE_D(field, count) \
    (m->field = dbase != NULL ? dbase + *doff : NULL, *doff += (count))
    *doff = 0;
    NVP_TAKE_D(logprior, n);
    NVP_TAKE(pre, B * H);
    NVP_TAKE(h1, B * H);
    NVP_TAKE(dh1, B * H);
    NVP_TAKE(dpre, B * H);
    NVP_TAKE(jac, B * K * n * Pe);
    NVP_TAKE(dkl, B * K * Pe);
    NVP_TAKE(q, B * K * ni);
    NVP_TAKE(logq, B * K * n);
    NVP_TAKE(kl, B * K);
    NVP_TAKE(g, B * K * n);
    NVP_TAKE(y, B * K * n);
    NVP_TAKE(z, B * K);
    NVP_TAKE(dz, B * K);
    NVP_TAKE(dlogq, B * K * n);
    NVP_TAKE(da, B * K * m->P);
    NVP_TAKE(logits, B * V);
    NVP_TAKE(dlogits, B * V);
    NVP_TAKE_D(ll, B);
    NVP_TAKE_D(dll, B);
    NVP_TAKE_D(acc, B);
    NVP_TAKE_D(accr, B);
    NVP_TAKE_D(kacc, B);
    NVP_TAKE_D(kaccr, B);
    NVP_TAKE(zdec, B * K1 * st);
    NVP_TAKE(dzdec, B * K1 * st);
    NVP_TAKE(zup, B * K2);
    NVP_TAKE(dzup, B * K2);
    NVP_TAKE(u, B * K1 * st);
    NVP_TAKE(du, B * K1 * st);
    NVP_TAKE(logp1, B * K1 * n * st);
    NVP_TAKE(jp1, B * K1 * n * st);
    NVP_TAKE(zh, B * K * (size_t)(m->st != 0));
#undef NVP_TAKE
#undef NVP_TAKE_D
    return off;
}
#line 1242 "book/21-nvpdef.nw"
void NAME(ggs_nvpdef_free)(struct NAME(ggs_nvpdef) *m)
{
    if (m == NULL)
        return;
    NAME(ggs_mlp_free)(m->enc);
    NAME(ggs_adam_free)(m->opt);
    free(m->params);
    free(m->grads);
    free(m->mem);
    free(m->dmem);
    free(m);
}

static void NAME(nvp_uniform_init)(real *w, size_t count, double a, gsl_rng *r)
{
    for (size_t i = 0; i < count; i++)
        w[i] = a * (2 * gsl_rng_uniform(r) - 1);
}

struct NAME(ggs_nvpdef) *NAME(ggs_nvpdef_alloc)(const ggs_nvpdef_config *c, unsigned long seed)
{
    struct NAME(ggs_nvpdef) *m;
    ggs_mlp_spec spec[3];
    size_t nmlp, V, H, K, off, nd;
    gsl_rng *r;
    if (nvp_check_config(c, __func__) != GGS_OK)
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    m->c = *c;
    m->kind = NAME(nvp_kind_of)(c);
    m->n = c->model != GGS_NVPDEF_GAUSSIAN ? c->n : 2;
    m->c.n = m->n;
    m->P = m->kind->nparam(&m->c);
    m->stacked = c->model == GGS_NVPDEF_STACKED;
    m->st = c->straight_through != 0;
    m->K2 = m->stacked ? c->K2 : 0;
    m->Kt = c->K + m->K2;
    for (int i = 0; i < GGS_NVPDEF_NPATHS; i++)
        m->scale[i] = 1;
    V = c->V;
    H = c->H;
    K = c->K;
    spec[0] = (ggs_mlp_spec){ H, GGS_NN_IDENTITY };
    spec[1] = (ggs_mlp_spec){ H, c->act };
    spec[2] = (ggs_mlp_spec){ m->Kt * m->P, GGS_NN_IDENTITY };
    if (ggs_mlp_count(&nmlp, spec, 3) != GGS_OK) {
        free(m);
        return NULL;
    }
    m->nparams = V * H + H + nmlp + V * K + V + (K * m->K2 + K) * (size_t)m->stacked;
    m->params = calloc(m->nparams, sizeof(real));
    m->grads = calloc(m->nparams, sizeof(real));
    m->mem = malloc(NAME(nvp_walk)(m, NULL, NULL, &nd) * sizeof(real));
    m->dmem = malloc(nd * sizeof(double));
    if (m->params == NULL || m->grads == NULL || m->mem == NULL || m->dmem == NULL) {
        size_t np = m->nparams;
        NAME(ggs_nvpdef_free)(m);
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters)", np);
        return NULL;
    }
    NAME(nvp_walk)(m, m->mem, m->dmem, &nd);
    m->W1 = m->params;
    m->b1 = m->W1 + V * H;
    off = V * H + H;
    m->Wd = m->params + off + nmlp;
    m->bd = m->Wd + V * K;
    m->dW1 = m->grads;
    m->db1 = m->dW1 + V * H;
    m->dWd = m->grads + off + nmlp;
    m->dbd = m->dWd + V * K;
    if (m->stacked) {
        m->W2 = m->bd + V;
        m->b2 = m->W2 + K * m->K2;
        m->dW2 = m->dbd + V;
        m->db2 = m->dW2 + K * m->K2;
    } else {   /* the decoder reads the samples themselves (or their argmax) */
        m->zdec = m->z;
        m->dzdec = m->dz;
    }
    if ((m->enc = NAME(ggs_mlp_alloc)(c->batch, spec, 3, m->params + off, m->grads + off))
            == NULL
        || (m->opt = NAME(ggs_adam_alloc)(m->nparams, &c->adam)) == NULL) {
        NAME(ggs_nvpdef_free)(m);
        return NULL;
    }
    
#line 1336 "book/21-nvpdef.nw"
/* tabulate the topic prior and initialize the weights */
memset(m->logprior, 0, m->n * sizeof(double));
if (c->model != GGS_NVPDEF_GAUSSIAN) {
    ggs_dist prior;
    if (ggs_dist_poisson(&prior, c->prior_rate) != GGS_OK
        || ggs_truncated_logpmf(m->logprior, &prior, 0, m->n) != GGS_OK) {
        NAME(ggs_nvpdef_free)(m);
        return NULL;
    }
}
if ((r = ggs_rng_new(seed)) == NULL) {
    NAME(ggs_nvpdef_free)(m);
    return NULL;
}
NAME(nvp_uniform_init)(m->W1, V * H, sqrt(6.0 / (double)V), r);
if (NAME(ggs_mlp_init)(m->enc, r) != GGS_OK) {
    ggs_rng_free(r);
    NAME(ggs_nvpdef_free)(m);
    return NULL;
}
NAME(nvp_uniform_init)(m->Wd, V * K, sqrt(6.0 / (double)(K + V)), r);
#line 1374 "book/21-nvpdef.nw"
/* start NVDM's log standard deviations at zero */
if (c->model == GGS_NVPDEF_GAUSSIAN) {
    real *Wlast = m->params + off + H * H + H, *blast = Wlast + 2 * K * H;
    memset(Wlast + K * H, 0, K * H * sizeof *Wlast);
    memset(blast + K, 0, K * sizeof *blast);
}
#line 1358 "book/21-nvpdef.nw"
if (m->stacked) {   /* the lower rates start near the prior's: softplus(b2) = lambda0 */
    NAME(nvp_uniform_init)(m->W2, K * m->K2, sqrt(6.0 / (double)(K + m->K2)), r);
    for (size_t k = 0; k < K; k++)
        m->b2[k] = c->prior_rate > 30 ? c->prior_rate : log(expm1(c->prior_rate));
}
ggs_rng_free(r);
#line 1331 "book/21-nvpdef.nw"
    return m;
}
#line 1382 "book/21-nvpdef.nw"
size_t NAME(ggs_nvpdef_nparams)(const struct NAME(ggs_nvpdef) *m) { return m->nparams; }
real *NAME(ggs_nvpdef_params)(struct NAME(ggs_nvpdef) *m) { return m->params; }
real *NAME(ggs_nvpdef_grads)(struct NAME(ggs_nvpdef) *m) { return m->grads; }

int NAME(ggs_nvpdef_save)(FILE *f, const struct NAME(ggs_nvpdef) *m)
{
    return NAME(ggs_nn_save)(f, m->params, m->nparams, m->opt);
}

int NAME(ggs_nvpdef_load)(FILE *f, struct NAME(ggs_nvpdef) *m)
{
    return NAME(ggs_nn_load)(f, m->params, m->nparams, m->opt);
}
#line 1404 "book/21-nvpdef.nw"
static int NAME(nvp_check_call)(const struct NAME(ggs_nvpdef) *m, const ggs_bow *c, size_t rows,
                                double tau, const char *func)
{
    if (rows < 1 || rows > m->c.batch)
        return ggs_error(GGS_EINVAL, func, "rows = %zu (must be in [1, %zu])", rows,
                         m->c.batch);
    if (c->vocab != m->c.V)
        return ggs_error(GGS_EINVAL, func, "the corpus has a vocabulary of %zu words, the "
                         "model %zu", c->vocab, m->c.V);
    return ggs_check_range(tau, "tau", func, 0, 0, HUGE_VAL, 0);
}

static int NAME(nvp_encode)(struct NAME(ggs_nvpdef) *m, const ggs_bow *c, const size_t *docs,
                            size_t rows, int backward)
{
    size_t BH = rows * m->c.H;
    int rc = NAME(ggs_nvpdef_sparse_forward)(m->pre, m->W1, m->b1, c, docs, rows, m->c.H);
    if (rc != GGS_OK)
        return rc;
    if (m->c.act == GGS_NN_RELU)
        NAME(ggs_nn_relu_forward)(m->h1, m->pre, BH);
    else
        NAME(ggs_nn_tanh_forward)(m->h1, m->pre, BH);
    if ((rc = NAME(ggs_mlp_forward)(m->enc, m->h1, rows)) != GGS_OK)
        return rc;
    return m->kind->encode(m, NAME(ggs_mlp_output)(m->enc), rows * m->Kt, backward);
}

static int NAME(nvp_decode)(struct NAME(ggs_nvpdef) *m, const ggs_bow *c, const size_t *docs,
                            size_t rows)
{
    int rc = NAME(ggs_nn_dense_forward)(m->logits, m->zdec, m->Wd, m->bd, rows, m->c.K, m->c.V);
    if (rc == GGS_OK)
        NAME(ggs_nvpdef_softmax_loglik_forward)(m->ll, m->logits, c, docs, rows, m->c.V);
    return rc;
}
#line 1453 "book/21-nvpdef.nw"
static int NAME(nvp_stacked_prior)(struct NAME(ggs_nvpdef) *m, const real *zs, size_t rows,
                                   int backward)
{
    size_t K = m->c.K, K2 = m->K2, Kt = m->Kt, n = m->n;
    int rc;
    for (size_t b = 0; b < rows; b++) {
        memcpy(m->zdec + b * K, zs + b * Kt, K * sizeof(real));
        memcpy(m->zup + b * K2, zs + b * Kt + K, K2 * sizeof(real));
    }
    if ((rc = NAME(ggs_nn_dense_forward)(m->u, m->zup, m->W2, m->b2, rows, K2, K)) != GGS_OK
        || (rc = NAME(ggs_latent_explicit)(NULL, NULL, m->logp1, backward ? m->jp1 : NULL,
                                           NULL, NULL, m->u, GGS_POISSON, m->logprior,
                                           rows * K, n))
           != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++)
        for (size_t k = 0; k < K; k++) {
            size_t i = b * Kt + k;   /* the row of this lower count */
            const real *lq = m->logq + i * n, *lp = m->logp1 + (b * K + k) * n;
            double kl = 0, d = 0;
            for (size_t j = 0; j < n; j++) {
                double qj = exp(lq[j]);
                if (qj > 0) {   /* 0 log 0 = 0 */
                    kl += qj * (lq[j] - lp[j]);
                    if (backward)
                        d += qj * (lq[j] - lp[j]) * m->jac[i * n + j];
                }
            }
            m->kl[i] = kl;
            if (backward)
                m->dkl[i] = d;
        }
    return GGS_OK;
}
#line 1494 "book/21-nvpdef.nw"
static int NAME(nvp_read_sample)(struct NAME(ggs_nvpdef) *m, real *zs, size_t rows,
                                 int backward)
{
    if (!m->stacked) {
        m->zdec = zs;
        return GGS_OK;
    }
    return NAME(nvp_stacked_prior)(m, zs, rows, backward);
}
#line 1510 "book/21-nvpdef.nw"
static int NAME(nvp_loss)(struct NAME(ggs_nvpdef) *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                          const size_t *docs, size_t rows, double tau, ggs_noise *q,
                          int backward, const char *func)
{
    size_t K = m->Kt, R = rows * K, V = m->c.V, H = m->c.H;
    const real *a;
    double nll = 0, kl = 0, words = 0, w = 1.0 / (double)rows;
    int rc;
    if ((rc = NAME(nvp_check_call)(m, c, rows, tau, func)) != GGS_OK
        || (rc = NAME(nvp_encode)(m, c, docs, rows, backward)) != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(m->enc);
    m->kind->noise(m, R, q);
    if ((rc = m->kind->draw(m, a, R, tau, 0)) != GGS_OK)
        return rc;
    if (m->st)   /* the Gumbel-Max counts of the same noise (Chapter 5) */
        NAME(ggs_gengs_batch_hard)(m->zh, m->y, R, m->n);
    if ((rc = NAME(nvp_read_sample)(m, m->st ? m->zh : m->z, rows, backward)) != GGS_OK
        || (rc = NAME(nvp_decode)(m, c, docs, rows)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        nll -= m->ll[b];
        words += (double)c->length[docs[b]];
        for (size_t k = 0; k < K; k++)
            kl += m->kl[b * K + k];
    }
    if (!isfinite(nll + kl))
        return ggs_error(GGS_ERANGE, func, "the loss is not finite (reconstruction %g, KL %g)",
                         nll, kl);
    if (backward) {
        
#line 1573 "book/21-nvpdef.nw"
/* back-propagate the topic model's mean loss to every parameter */
ggs_nn_zero(m->grads, m->nparams * sizeof(real));   /* on the kernel threads */
memset(m->dlogits, 0, rows * V * sizeof(real));
memset(m->dz, 0, R * sizeof(real));
memset(m->da, 0, R * m->P * sizeof(real));
memset(m->dh1, 0, rows * H * sizeof(real));
memset(m->dpre, 0, rows * H * sizeof(real));
for (size_t b = 0; b < rows; b++)
    m->dll[b] = -w;
NAME(ggs_nvpdef_softmax_loglik_backward)(m->dlogits, m->dll, m->logits, c, docs, rows, V);
if (m->stacked)
    memset(m->dzdec, 0, rows * m->c.K * sizeof(real));
if ((rc = NAME(ggs_nn_dense_backward)(m->dzdec, m->dWd, m->dbd, m->dlogits, m->zdec, m->Wd,
                                      rows, m->c.K, V)) != GGS_OK)
    return rc;
if (m->stacked) {
    
#line 1608 "book/21-nvpdef.nw"
/* carry the stacked model's gradients to both layers' samples and to W2 */
size_t K1 = m->c.K, K2 = m->K2, n = m->n;
const double *sc = m->scale;
for (size_t i = 0; i < V * K1 + V; i++)   /* dWd and dbd are contiguous */
    m->dWd[i] *= sc[GGS_NVPDEF_PATH_DECODER];
for (size_t b = 0; b < rows; b++)
    for (size_t k = 0; k < K1; k++) {
        size_t i = b * K + k;
        const real *lq = m->logq + i * n, *jp = m->jp1 + (b * K1 + k) * n;
        double s = 0;
        for (size_t j = 0; j < n; j++)
            s += exp(lq[j]) * jp[j];
        m->dz[i] = sc[GGS_NVPDEF_PATH_RECON] * m->dzdec[b * K1 + k];
        m->du[b * K1 + k] = -w * s;
        m->dkl[i] *= sc[GGS_NVPDEF_PATH_KL1_POSTERIOR];
    }
memset(m->dzup, 0, rows * K2 * sizeof(real));
if ((rc = NAME(ggs_nn_dense_backward)(m->dzup, m->dW2, m->db2, m->du, m->zup, m->W2, rows, K2,
                                      K1)) != GGS_OK)
    return rc;
for (size_t i = 0; i < K1 * K2 + K1; i++)   /* dW2 and db2 are contiguous */
    m->dW2[i] *= sc[GGS_NVPDEF_PATH_KL1_PRIOR_WEIGHTS];
for (size_t b = 0; b < rows; b++)
    for (size_t j = 0; j < K2; j++) {
        m->dz[b * K + K1 + j] = sc[GGS_NVPDEF_PATH_KL1_UPPER_SAMPLE] * m->dzup[b * K2 + j];
        m->dkl[b * K + K1 + j] *= sc[GGS_NVPDEF_PATH_KL2];
    }
#line 1590 "book/21-nvpdef.nw"
}
m->kind->backward(m, a, R, tau, w);
if ((rc = NAME(ggs_mlp_backward)(m->enc, m->dh1, m->h1, m->da)) != GGS_OK)
    return rc;
if (m->c.act == GGS_NN_RELU)
    NAME(ggs_nn_relu_backward)(m->dpre, m->dh1, m->h1, rows * H);
else
    NAME(ggs_nn_tanh_backward)(m->dpre, m->dh1, m->h1, rows * H);
NAME(ggs_nvpdef_sparse_backward)(m->dW1, m->db1, m->dpre, c, docs, rows, H);
#line 1541 "book/21-nvpdef.nw"
    }
    st->nll += nll;
    st->kl += kl;
    st->words += words;
    st->count += rows;
    return GGS_OK;
}

int NAME(ggs_nvpdef_loss)(struct NAME(ggs_nvpdef) *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                          const size_t *docs, size_t rows, double tau, ggs_noise *q,
                          int backward)
{
    return NAME(nvp_loss)(m, st, c, docs, rows, tau, q, backward, __func__);
}

int NAME(ggs_nvpdef_step)(struct NAME(ggs_nvpdef) *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                          const size_t *docs, size_t rows, double tau, ggs_noise *q)
{
    ggs_nvpdef_stats s = { 0, 0, 0, 0 };
    int rc = NAME(nvp_loss)(m, &s, c, docs, rows, tau, q, 1, __func__);
    if (rc == GGS_OK)
        rc = NAME(ggs_adam_step)(m->opt, m->params, m->grads, NULL);
    if (rc == GGS_OK) {
        st->nll += s.nll;
        st->kl += s.kl;
        st->words += s.words;
        st->count += s.count;
    }
    return rc;
}
#line 1637 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_scale_path)(struct NAME(ggs_nvpdef) *m, int path, double scale)
{
    if (!m->stacked)
        return ggs_error(GGS_EINVAL, __func__, "the model is not the stacked model");
    if (path < 0 || path >= GGS_NVPDEF_NPATHS)
        return ggs_error(GGS_EINVAL, __func__, "path = %d (must be in [0, %d])", path,
                         GGS_NVPDEF_NPATHS - 1);
    if (!isfinite(scale))
        return ggs_error(GGS_EINVAL, __func__, "scale = %g is not finite", scale);
    m->scale[path] = scale;
    return GGS_OK;
}
#line 1659 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_evaluate)(double *nelbo, double *nelbo_relaxed, double *kl,
                              struct NAME(ggs_nvpdef) *m, const ggs_bow *c, const size_t *docs,
                              size_t rows, double tau, size_t samples, ggs_noise *q)
{
    size_t K = m->Kt, R = rows * K;
    int relaxed = nelbo_relaxed != NULL && m->c.model != GGS_NVPDEF_GAUSSIAN, rc;
    const real *a;
    if (samples < 1)
        return ggs_error(GGS_EINVAL, __func__, "samples = 0 (must be >= 1)");
    if ((rc = NAME(nvp_check_call)(m, c, rows, tau, __func__)) != GGS_OK
        || (rc = NAME(nvp_encode)(m, c, docs, rows, 0)) != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(m->enc);
    memset(m->acc, 0, rows * sizeof(double));
    memset(m->accr, 0, rows * sizeof(double));
    memset(m->kacc, 0, rows * sizeof(double));
    memset(m->kaccr, 0, rows * sizeof(double));
    for (size_t s = 0; s < samples; s++) {
        m->kind->noise(m, R, q);
        for (int exact = 1; exact >= 1 - relaxed; exact--) {
            double *acc = exact ? m->acc : m->accr, *kacc = exact ? m->kacc : m->kaccr;
            if ((rc = m->kind->draw(m, a, R, tau, exact)) != GGS_OK
                || (rc = NAME(nvp_read_sample)(m, m->z, rows, 0)) != GGS_OK
                || (rc = NAME(nvp_decode)(m, c, docs, rows)) != GGS_OK)
                return rc;
            for (size_t b = 0; b < rows; b++) {
                acc[b] += m->ll[b];
                for (size_t j = 0; j < K; j++)
                    kacc[b] += m->kl[b * K + j];
            }
        }
    }
    for (size_t b = 0; b < rows; b++) {
        double S = (double)samples;
        nelbo[b] = (m->kacc[b] - m->acc[b]) / S;
        if (nelbo_relaxed != NULL)
            nelbo_relaxed[b] = relaxed ? (m->kaccr[b] - m->accr[b]) / S : NAN;
        if (kl != NULL)
            kl[b] = m->kacc[b] / S;
    }
    return GGS_OK;
}
#line 1728 "book/21-nvpdef.nw"
int NAME(ggs_nvpdef_top_words)(uint32_t *top, const struct NAME(ggs_nvpdef) *m, size_t T)
{
    size_t V = m->c.V, K = m->c.K;
    if (T < 1 || T > V)
        return ggs_error(GGS_EINVAL, __func__, "T = %zu (must be in [1, %zu])", T, V);
    for (size_t k = 0; k < K; k++) {
        uint32_t *t = top + k * T;
        size_t have = 0;
        for (size_t v = 0; v < V; v++) {
            real x = m->Wd[v * K + k];
            size_t j = have < T ? have : T;
            if (have == T && !(x > m->Wd[(size_t)t[T - 1] * K + k]))
                continue;
            if (have < T)
                have++;
            else
                j = T - 1;
            while (j > 0 && x > m->Wd[(size_t)t[j - 1] * K + k]) {
                if (j < T)
                    t[j] = t[j - 1];
                j--;
            }
            t[j] = (uint32_t)v;
        }
    }
    return GGS_OK;
}
#line 794 "book/21-nvpdef.nw"
/** @endcond */
