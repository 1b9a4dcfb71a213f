#line 612 "book/21-nvpdef.nw"
/* Generated from book/21-nvpdef.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-nvpdef.h"
#include "gengs-internal.h"

#define NVP_TWO_PI 6.283185307179586476925   /* 2 pi, for Box and Muller */

#line 692 "book/21-nvpdef.nw"
struct nvp_kind;

struct ggs_nvpdef {
    ggs_nvpdef_config c;
    const struct nvp_kind *kind; /* the latent variable: its descriptor */
    size_t n;               /* categories (NVDM: 2) */
    size_t P;               /* encoder outputs per latent count */
    int stacked;            /* two Poisson layers */
    size_t K2;              /* stacked: upper counts (else 0) */
    size_t Kt;              /* latent counts per document: K + K2 */
    size_t nparams;
    double *params;         /* (nparams) W1, b1, encoder layers 2-3, Wd, bd */
    double *grads;          /* (nparams) laid out like params */
    double *W1, *b1;        /* (V, H), (H): views into params */
    double *Wd, *bd;        /* (V, K), (V) */
    double *W2, *b2;        /* stacked: (K, K2), (K), the lower rates' link */
    double *dW1, *db1, *dWd, *dbd, *dW2, *db2;   /* the same views into grads */
    double scale[GGS_NVPDEF_NPATHS];  /* stacked: ggs_nvpdef_scale_path(), 1 by default */
    ggs_mlp *enc;           /* H -> H -> K P on the shared blocks */
    ggs_adam *opt;
    double *logprior;       /* (n) the prior's truncated log-pmf */
    double *pre;            /* (B, H) first layer before its activation */
    double *h1;             /* (B, H) first layer */
    double *dh1;            /* (B, H) dL / d h1 */
    double *dpre;           /* (B, H) dL / d pre */
    double *jac;            /* (B, Kt, n) explicit: d logq / d a */
    double *dkl;            /* (B, Kt) explicit: d kl / d a */
    double *q;              /* (B, Kt, n) implicit: q(z | x) */
    double *logq;           /* (B, Kt, n) log q(z | x) */
    double *kl;             /* (B, Kt) KL per latent count */
    double *g;              /* (B, Kt, n) Gumbel noise; NVDM: (B, K) normals */
    double *y;              /* (B, Kt, n) relaxed one-hot vectors; NVDM: uniforms */
    double *z;              /* (B, Kt) the samples: per document K lower, then K2 upper */
    double *dz;             /* (B, Kt) dL / dz */
    double *dlogq;          /* (B, Kt, n) dL / d logq along the sample path */
    double *da;             /* (B, Kt P) dL / da, a the encoder's output */
    double *zdec, *dzdec;   /* (B, K) the decoder's input and its gradient: z and dz,
                               or (stacked) copies of their lower parts */
    double *zup, *dzup;     /* stacked: (B, K2) the upper samples, and dL / d them */
    double *u, *du;         /* stacked: (B, K) W2 zup + b2, and dL / du */
    double *logp1;          /* stacked: (B, K, n) log p(z1 | z2), truncated */
    double *jp1;            /* stacked: (B, K, n) d logp1 / du */
    double *logits;         /* (B, V) */
    double *dlogits;        /* (B, V) */
    double *ll;             /* (B) log p(x | z) */
    double *dll;            /* (B) dL / d ll */
    double *acc, *accr;     /* (B) evaluation: sums of log p(x | z), exact and relaxed */
    double *kacc, *kaccr;   /* (B) evaluation: sums of the KL terms, exact and relaxed */
    double *mem;            /* the one block of logprior and the activations */
};
#line 798 "book/21-nvpdef.nw"
struct nvp_kind {
    const char *name;
    size_t (*nparam)(const ggs_nvpdef_config *c);
    int (*encode)(struct ggs_nvpdef *m, const double *a, size_t R, int backward);
    void (*noise)(struct ggs_nvpdef *m, size_t R, ggs_noise *q);
    int (*draw)(struct ggs_nvpdef *m, const double *a, size_t R, double tau, int exact);
    void (*backward)(struct ggs_nvpdef *m, const double *a, size_t R, double tau, double w);
};
#line 558 "book/35-nvpdef-speed.nw"
enum { NVP_SLAB = 64 };          /* columns per slab: a constant trip count, vectorized */
enum { NVP_ROW_GRAIN = 4 };      /* documents per unit of the sparse layer's jobs */
enum { NVP_LOGLIK_GRAIN = 2 };   /* documents per unit of the likelihood's jobs */

/* The arguments of one of the four layer functions (unused fields stay NULL). */
struct nvp_layer_job {
    double *out;                 /* Y (rows, H), ll (rows) or dlogits (rows, V) */
    double *dW, *db;             /* (V, H), (H) or NULL */
    const double *W, *b;         /* (V, H), (H) or NULL */
    const double *in;            /* dY (rows, H) or logits (rows, V) */
    const double *dll;           /* (rows) */
    const ggs_bow *c;
    const size_t *docs;          /* (rows) */
    size_t rows, width;          /* width: H or V */
};
#line 576 "book/35-nvpdef-speed.nw"
/* y (H) = b + sum over the words i of document d of count_i W[word_i, :], in slabs */
GGS_HOT static void nvp_sparse_row(double *restrict y, const double *restrict W,
                                   const double *restrict b, const ggs_bow *c, size_t d,
                                   size_t H)
{
    size_t lo = c->row[d], hi = c->row[d + 1], h0 = 0;
    for (; h0 + NVP_SLAB <= H; h0 += NVP_SLAB) {
        double s[NVP_SLAB];
        if (b != NULL)
            memcpy(s, b + h0, sizeof s);
        else
            memset(s, 0, sizeof s);
        for (size_t i = lo; i < hi; i++) {
            const double *w = W + (size_t)c->word[i] * H + h0;
            double x = (double)c->count[i];
            for (size_t h = 0; h < NVP_SLAB; h++)
                s[h] += x * w[h];
        }
        memcpy(y + h0, s, sizeof s);
    }
    for (size_t h = h0; h < H; h++) {          /* the last, partial slab */
        double s = b != NULL ? b[h] : 0;
        for (size_t i = lo; i < hi; i++)
            s += (double)c->count[i] * W[(size_t)c->word[i] * H + h];
        y[h] = s;
    }
}

static void nvp_sparse_forward_task(void *ctx, size_t lo, size_t hi)
{
    const struct nvp_layer_job *j = ctx;
    for (size_t r = lo; r < hi; r++)
        nvp_sparse_row(j->out + r * j->width, j->W, j->b, j->c, j->docs[r], j->width);
}
#line 613 "book/35-nvpdef-speed.nw"
/* dW[word, h0 + (0..NVP_SLAB)] += count dY[r, h0 + ...] and db likewise, r in order */
GGS_HOT static void nvp_sparse_back_slab(double *restrict dW, double *restrict db,
                                         const double *restrict dY, const ggs_bow *c,
                                         const size_t *docs, size_t rows, size_t H, size_t h0)
{
    for (size_t r = 0; r < rows; r++) {
        const double *dy = dY + r * H + h0;
        if (db != NULL)
            for (size_t h = 0; h < NVP_SLAB; h++)
                db[h0 + h] += dy[h];
        for (size_t i = c->row[docs[r]]; i < c->row[docs[r] + 1]; i++) {
            double *dw = dW + (size_t)c->word[i] * H + h0, x = (double)c->count[i];
            for (size_t h = 0; h < NVP_SLAB; h++)
                dw[h] += x * dy[h];
        }
    }
}

/* the same for the columns [h0, H) of the last, partial slab */
static void nvp_sparse_back_tail(double *dW, double *db, const double *dY, const ggs_bow *c,
                                 const size_t *docs, size_t rows, size_t H, size_t h0)
{
    for (size_t r = 0; r < rows; r++) {
        const double *dy = dY + r * H;
        if (db != NULL)
            for (size_t h = h0; h < H; h++)
                db[h] += dy[h];
        for (size_t i = c->row[docs[r]]; i < c->row[docs[r] + 1]; i++) {
            double *dw = dW + (size_t)c->word[i] * H, x = (double)c->count[i];
            for (size_t h = h0; h < H; h++)
                dw[h] += x * dy[h];
        }
    }
}

static void nvp_sparse_backward_task(void *ctx, size_t lo, size_t hi)
{
    const struct nvp_layer_job *j = ctx;
    for (size_t s = lo; s < hi; s++) {
        size_t h0 = s * NVP_SLAB;
        if (h0 + NVP_SLAB <= j->width)
            nvp_sparse_back_slab(j->dW, j->db, j->in, j->c, j->docs, j->rows, j->width, h0);
        else
            nvp_sparse_back_tail(j->dW, j->db, j->in, j->c, j->docs, j->rows, j->width, h0);
    }
}
#line 662 "book/35-nvpdef-speed.nw"
static double nvp_logsumexp(const double *l, size_t V)
{
    double mx = l[0], s = 0;
    for (size_t v = 1; v < V; v++)
        mx = l[v] > mx ? l[v] : mx;
    for (size_t v = 0; v < V; v++)
        s += exp(l[v] - mx);
    return mx + log(s);
}

static void nvp_loglik_forward_task(void *ctx, size_t lo, size_t hi)
{
    const struct nvp_layer_job *j = ctx;
    const ggs_bow *c = j->c;
    for (size_t r = lo; r < hi; r++) {
        size_t d = j->docs[r];
        const double *l = j->in + r * j->width;
        double s = 0;
        for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
            s += (double)c->count[i] * l[c->word[i]];
        j->out[r] = s - (double)c->length[d] * nvp_logsumexp(l, j->width);
    }
}

static void nvp_loglik_backward_task(void *ctx, size_t lo, size_t hi)
{
    const struct nvp_layer_job *j = ctx;
    const ggs_bow *c = j->c;
    size_t V = j->width;
    for (size_t r = lo; r < hi; r++) {
        size_t d = j->docs[r];
        const double *l = j->in + r * V;
        double *dl = j->out + r * V, lse = nvp_logsumexp(l, V);
        double a = j->dll[r] * (double)c->length[d];
        for (size_t v = 0; v < V; v++)
            dl[v] -= a * exp(l[v] - lse);
        for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
            dl[c->word[i]] += j->dll[r] * (double)c->count[i];
    }
}
#line 641 "book/21-nvpdef.nw"
int ggs_nvpdef_sparse_forward(double *Y, const double *W, const double *b, const ggs_bow *c,
                              const size_t *docs, size_t rows, size_t H)
{
    struct nvp_layer_job j = { .out = Y, .W = W, .b = b, .c = c, .docs = docs, .rows = rows,
                               .width = H };
    for (size_t r = 0; r < rows; r++)
        if (docs[r] >= c->ndocs)
            return ggs_error(GGS_EINVAL, __func__, "docs[%zu] = %zu is not a document of a "
                             "corpus of %zu", r, docs[r], c->ndocs);
    ggs_nn_parallel(nvp_sparse_forward_task, &j, rows, NVP_ROW_GRAIN);
    return GGS_OK;
}

void ggs_nvpdef_sparse_backward(double *dW, double *db, const double *dY, const ggs_bow *c,
                                const size_t *docs, size_t rows, size_t H)
{
    struct nvp_layer_job j = { .dW = dW, .db = db, .in = dY, .c = c, .docs = docs,
                               .rows = rows, .width = H };
    ggs_nn_parallel(nvp_sparse_backward_task, &j, (H + NVP_SLAB - 1) / NVP_SLAB, 1);
}
#line 666 "book/21-nvpdef.nw"
void ggs_nvpdef_softmax_loglik_forward(double *ll, const double *logits, const ggs_bow *c,
                                       const size_t *docs, size_t rows, size_t V)
{
    struct nvp_layer_job j = { .out = ll, .in = logits, .c = c, .docs = docs, .rows = rows,
                               .width = V };
    ggs_nn_parallel(nvp_loglik_forward_task, &j, rows, NVP_LOGLIK_GRAIN);
}

void ggs_nvpdef_softmax_loglik_backward(double *dlogits, const double *dll,
                                        const double *logits, const ggs_bow *c,
                                        const size_t *docs, size_t rows, size_t V)
{
    struct nvp_layer_job j = { .out = dlogits, .in = logits, .dll = dll, .c = c,
                               .docs = docs, .rows = rows, .width = V };
    ggs_nn_parallel(nvp_loglik_backward_task, &j, rows, NVP_LOGLIK_GRAIN);
}
#line 811 "book/21-nvpdef.nw"
static size_t nvp_explicit_nparam(const ggs_nvpdef_config *c) { (void)c; return 1; }
static size_t nvp_implicit_nparam(const ggs_nvpdef_config *c) { return c->n; }
static size_t nvp_gauss_nparam(const ggs_nvpdef_config *c) { (void)c; return 2; }

static int nvp_explicit_encode(struct ggs_nvpdef *m, const double *a, size_t R, int backward)
{
    return ggs_latent_explicit(NULL, NULL, m->logq, backward ? m->jac : NULL, m->kl, m->dkl,
                               a, GGS_POISSON, m->logprior, R, m->n);
}

static int nvp_implicit_encode(struct ggs_nvpdef *m, const double *a, size_t R, int backward)
{
    (void)backward;
    return ggs_latent_implicit(m->logq, m->q, m->kl, a, m->logprior, R, m->n);
}

static void nvp_gumbel_noise(struct ggs_nvpdef *m, size_t R, ggs_noise *q)
{
    ggs_noise_gumbel(m->g, R * m->n, q);
}

static int nvp_poisson_draw(struct ggs_nvpdef *m, const double *a, size_t R, double tau,
                            int exact)
{
    (void)a;
    if (exact) {
        ggs_gumbel_max_batch(m->z, m->logq, m->g, R, m->n);
        return GGS_OK;
    }
    return ggs_gengs_batch_forward(m->z, m->y, m->logq, m->g, tau, R, m->n);
}

static void nvp_explicit_backward(struct ggs_nvpdef *m, const double *a, size_t R, double tau,
                                  double w)
{
    (void)a;
    memset(m->dlogq, 0, R * m->n * sizeof(double));
    ggs_gengs_batch_backward(m->dlogq, m->dz, m->z, m->y, tau, R, m->n);
    ggs_latent_chain(m->da, m->dlogq, m->jac, R, m->n, 1);
    for (size_t i = 0; i < R; i++)
        m->da[i] += w * m->dkl[i];
}

static void nvp_implicit_backward(struct ggs_nvpdef *m, const double *a, size_t R, double tau,
                                  double w)
{
    (void)a;
    memset(m->dlogq, 0, R * m->n * sizeof(double));
    ggs_gengs_batch_backward(m->dlogq, m->dz, m->z, m->y, tau, R, m->n);
    ggs_latent_implicit_backward(m->da, m->dlogq, m->logq, m->q, m->kl, m->logprior, w, R,
                                 m->n);
}
#line 871 "book/21-nvpdef.nw"
static int nvp_gauss_encode(struct ggs_nvpdef *m, const double *a, size_t R, int backward)
{
    size_t K = m->c.K;
    (void)backward;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        double mu = a[b * 2 * K + k], ls = a[b * 2 * K + K + k];
        if (!isfinite(mu) || !isfinite(ls))
            return ggs_error(GGS_EDOM, "ggs_nvpdef", "encoder output of document %zu, topic "
                             "%zu is not finite (mean %g, log sd %g)", b, k, mu, ls);
        m->kl[i] = 0.5 * (mu * mu + exp(2 * ls) - 1 - 2 * ls);
    }
    return GGS_OK;
}

static void nvp_gauss_noise(struct ggs_nvpdef *m, size_t R, ggs_noise *q)
{
    ggs_noise_uniform(m->y, 2 * R, q);
    for (size_t i = 0; i < R; i++)
        m->g[i] = sqrt(-2 * log(m->y[2 * i])) * cos(NVP_TWO_PI * m->y[2 * i + 1]);
}

static int nvp_gauss_draw(struct ggs_nvpdef *m, const double *a, size_t R, double tau,
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

static void nvp_gauss_backward(struct ggs_nvpdef *m, const double *a, size_t R, double tau,
                               double w)
{
    size_t K = m->c.K;
    (void)tau;
    for (size_t i = 0; i < R; i++) {
        size_t b = i / K, k = i % K;
        double mu = a[b * 2 * K + k], sd = exp(a[b * 2 * K + K + k]);
        m->da[b * 2 * K + k] += m->dz[i] + w * mu;
        m->da[b * 2 * K + K + k] += m->dz[i] * sd * m->g[i] + w * (sd * sd - 1);
    }
}
#line 921 "book/21-nvpdef.nw"
static const struct nvp_kind NVP_KINDS[] = {
    { "poisson-explicit", nvp_explicit_nparam, nvp_explicit_encode, nvp_gumbel_noise,
      nvp_poisson_draw, nvp_explicit_backward },
    { "poisson-implicit", nvp_implicit_nparam, nvp_implicit_encode, nvp_gumbel_noise,
      nvp_poisson_draw, nvp_implicit_backward },
    { "gaussian", nvp_gauss_nparam, nvp_gauss_encode, nvp_gauss_noise, nvp_gauss_draw,
      nvp_gauss_backward }
};

static const struct nvp_kind *nvp_kind_of(const ggs_nvpdef_config *c)
{
    if (c->model == GGS_NVPDEF_GAUSSIAN)
        return &NVP_KINDS[2];
    return &NVP_KINDS[c->implicit ? 1 : 0];   /* the stacked model: explicit, both layers */
}
#line 744 "book/21-nvpdef.nw"
static size_t nvp_walk(struct ggs_nvpdef *m, double *base)
{
    size_t off = 0, B = m->c.batch, K = m->Kt, n = m->n, H = m->c.H, V = m->c.V;
    size_t Pe = m->c.model != GGS_NVPDEF_GAUSSIAN && !m->c.implicit;   /* explicit only */
    size_t ni = m->c.model == GGS_NVPDEF_POISSON && m->c.implicit ? n : 0;
    size_t K1 = m->c.K, K2 = m->K2, st = m->stacked ? 1 : 0;   /* st: stacked arrays */
#define NVP_TAKE(field, count) (m->field = base != NULL ? base + off : NULL, off += (count))
    NVP_TAKE(logprior, n);
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
    NVP_TAKE(ll, B);
    NVP_TAKE(dll, B);
    NVP_TAKE(acc, B);
    NVP_TAKE(accr, B);
    NVP_TAKE(kacc, B);
    NVP_TAKE(kaccr, B);
    NVP_TAKE(zdec, B * K1 * st);
    NVP_TAKE(dzdec, B * K1 * st);
    NVP_TAKE(zup, B * K2);
    NVP_TAKE(dzup, B * K2);
    NVP_TAKE(u, B * K1 * st);
    NVP_TAKE(du, B * K1 * st);
    NVP_TAKE(logp1, B * K1 * n * st);
    NVP_TAKE(jp1, B * K1 * n * st);
#undef NVP_TAKE
    return off;
}
#line 941 "book/21-nvpdef.nw"
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
#line 990 "book/21-nvpdef.nw"
void ggs_nvpdef_free(struct ggs_nvpdef *m)
{
    if (m == NULL)
        return;
    ggs_mlp_free(m->enc);
    ggs_adam_free(m->opt);
    free(m->params);
    free(m->grads);
    free(m->mem);
    free(m);
}

static void nvp_uniform_init(double *w, size_t count, double a, gsl_rng *r)
{
    for (size_t i = 0; i < count; i++)
        w[i] = a * (2 * gsl_rng_uniform(r) - 1);
}

struct ggs_nvpdef *ggs_nvpdef_alloc(const ggs_nvpdef_config *c, unsigned long seed)
{
    struct ggs_nvpdef *m;
    ggs_mlp_spec spec[3];
    size_t nmlp, V, H, K, off;
    gsl_rng *r;
    if (nvp_check_config(c, __func__) != GGS_OK)
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    m->c = *c;
    m->kind = nvp_kind_of(c);
    m->n = c->model != GGS_NVPDEF_GAUSSIAN ? c->n : 2;
    m->c.n = m->n;
    m->P = m->kind->nparam(&m->c);
    m->stacked = c->model == GGS_NVPDEF_STACKED;
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
    m->params = calloc(m->nparams, sizeof(double));
    m->grads = calloc(m->nparams, sizeof(double));
    m->mem = malloc(nvp_walk(m, NULL) * sizeof(double));
    if (m->params == NULL || m->grads == NULL || m->mem == NULL) {
        size_t np = m->nparams;
        ggs_nvpdef_free(m);
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters)", np);
        return NULL;
    }
    nvp_walk(m, m->mem);
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
    } else {   /* the decoder reads the samples themselves */
        m->zdec = m->z;
        m->dzdec = m->dz;
    }
    if ((m->enc = ggs_mlp_alloc(c->batch, spec, 3, m->params + off, m->grads + off)) == NULL
        || (m->opt = ggs_adam_alloc(m->nparams, &c->adam)) == NULL) {
        ggs_nvpdef_free(m);
        return NULL;
    }
    
#line 1080 "book/21-nvpdef.nw"
/* tabulate the topic prior and initialize the weights */
memset(m->logprior, 0, m->n * sizeof(double));
if (c->model != GGS_NVPDEF_GAUSSIAN) {
    ggs_dist prior;
    if (ggs_dist_poisson(&prior, c->prior_rate) != GGS_OK
        || ggs_truncated_logpmf(m->logprior, &prior, 0, m->n) != GGS_OK) {
        ggs_nvpdef_free(m);
        return NULL;
    }
}
if ((r = ggs_rng_new(seed)) == NULL) {
    ggs_nvpdef_free(m);
    return NULL;
}
nvp_uniform_init(m->W1, V * H, sqrt(6.0 / (double)V), r);
if (ggs_mlp_init(m->enc, r) != GGS_OK) {
    ggs_rng_free(r);
    ggs_nvpdef_free(m);
    return NULL;
}
nvp_uniform_init(m->Wd, V * K, sqrt(6.0 / (double)(K + V)), r);
#line 1118 "book/21-nvpdef.nw"
/* start NVDM's log standard deviations at zero */
if (c->model == GGS_NVPDEF_GAUSSIAN) {
    double *Wlast = m->params + off + H * H + H, *blast = Wlast + 2 * K * H;
    memset(Wlast + K * H, 0, K * H * sizeof *Wlast);
    memset(blast + K, 0, K * sizeof *blast);
}
#line 1102 "book/21-nvpdef.nw"
if (m->stacked) {   /* the lower rates start near the prior's: softplus(b2) = lambda0 */
    nvp_uniform_init(m->W2, K * m->K2, sqrt(6.0 / (double)(K + m->K2)), r);
    for (size_t k = 0; k < K; k++)
        m->b2[k] = c->prior_rate > 30 ? c->prior_rate : log(expm1(c->prior_rate));
}
ggs_rng_free(r);
#line 1075 "book/21-nvpdef.nw"
    return m;
}
#line 1126 "book/21-nvpdef.nw"
size_t ggs_nvpdef_nparams(const struct ggs_nvpdef *m) { return m->nparams; }
double *ggs_nvpdef_params(struct ggs_nvpdef *m) { return m->params; }
double *ggs_nvpdef_grads(struct ggs_nvpdef *m) { return m->grads; }

int ggs_nvpdef_save(FILE *f, const struct ggs_nvpdef *m)
{
    return ggs_nn_save(f, m->params, m->nparams, m->opt);
}

int ggs_nvpdef_load(FILE *f, struct ggs_nvpdef *m)
{
    return ggs_nn_load(f, m->params, m->nparams, m->opt);
}
#line 1148 "book/21-nvpdef.nw"
static int nvp_check_call(const struct ggs_nvpdef *m, const ggs_bow *c, size_t rows,
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

static int nvp_encode(struct ggs_nvpdef *m, const ggs_bow *c, const size_t *docs, size_t rows,
                      int backward)
{
    size_t BH = rows * m->c.H;
    int rc = ggs_nvpdef_sparse_forward(m->pre, m->W1, m->b1, c, docs, rows, m->c.H);
    if (rc != GGS_OK)
        return rc;
    if (m->c.act == GGS_NN_RELU)
        ggs_nn_relu_forward(m->h1, m->pre, BH);
    else
        ggs_nn_tanh_forward(m->h1, m->pre, BH);
    if ((rc = ggs_mlp_forward(m->enc, m->h1, rows)) != GGS_OK)
        return rc;
    return m->kind->encode(m, ggs_mlp_output(m->enc), rows * m->Kt, backward);
}

static int nvp_decode(struct ggs_nvpdef *m, const ggs_bow *c, const size_t *docs, size_t rows)
{
    int rc = ggs_nn_dense_forward(m->logits, m->zdec, m->Wd, m->bd, rows, m->c.K, m->c.V);
    if (rc == GGS_OK)
        ggs_nvpdef_softmax_loglik_forward(m->ll, m->logits, c, docs, rows, m->c.V);
    return rc;
}
#line 1196 "book/21-nvpdef.nw"
static int nvp_stacked_prior(struct ggs_nvpdef *m, size_t rows, int backward)
{
    size_t K = m->c.K, K2 = m->K2, Kt = m->Kt, n = m->n;
    int rc;
    for (size_t b = 0; b < rows; b++) {
        memcpy(m->zdec + b * K, m->z + b * Kt, K * sizeof(double));
        memcpy(m->zup + b * K2, m->z + b * Kt + K, K2 * sizeof(double));
    }
    if ((rc = ggs_nn_dense_forward(m->u, m->zup, m->W2, m->b2, rows, K2, K)) != GGS_OK
        || (rc = ggs_latent_explicit(NULL, NULL, m->logp1, backward ? m->jp1 : NULL, NULL,
                                     NULL, m->u, GGS_POISSON, m->logprior, rows * K, n))
           != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++)
        for (size_t k = 0; k < K; k++) {
            size_t i = b * Kt + k;   /* the row of this lower count */
            const double *lq = m->logq + i * n, *lp = m->logp1 + (b * K + k) * n;
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
#line 1232 "book/21-nvpdef.nw"
static int nvp_loss(struct ggs_nvpdef *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                    const size_t *docs, size_t rows, double tau, ggs_noise *q, int backward,
                    const char *func)
{
    size_t K = m->Kt, R = rows * K, V = m->c.V, H = m->c.H;
    const double *a;
    double nll = 0, kl = 0, words = 0, w = 1.0 / (double)rows;
    int rc;
    if ((rc = nvp_check_call(m, c, rows, tau, func)) != GGS_OK
        || (rc = nvp_encode(m, c, docs, rows, backward)) != GGS_OK)
        return rc;
    a = ggs_mlp_output(m->enc);
    m->kind->noise(m, R, q);
    if ((rc = m->kind->draw(m, a, R, tau, 0)) != GGS_OK
        || (m->stacked && (rc = nvp_stacked_prior(m, rows, backward)) != GGS_OK)
        || (rc = nvp_decode(m, c, docs, rows)) != GGS_OK)
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
        
#line 1291 "book/21-nvpdef.nw"
/* back-propagate the topic model's mean loss to every parameter */
ggs_nn_zero(m->grads, m->nparams * sizeof(double));   /* on the kernel threads */
memset(m->dlogits, 0, rows * V * sizeof(double));
memset(m->dz, 0, R * sizeof(double));
memset(m->da, 0, R * m->P * sizeof(double));
memset(m->dh1, 0, rows * H * sizeof(double));
memset(m->dpre, 0, rows * H * sizeof(double));
for (size_t b = 0; b < rows; b++)
    m->dll[b] = -w;
ggs_nvpdef_softmax_loglik_backward(m->dlogits, m->dll, m->logits, c, docs, rows, V);
if (m->stacked)
    memset(m->dzdec, 0, rows * m->c.K * sizeof(double));
if ((rc = ggs_nn_dense_backward(m->dzdec, m->dWd, m->dbd, m->dlogits, m->zdec, m->Wd, rows,
                                m->c.K, V)) != GGS_OK)
    return rc;
if (m->stacked) {
    
#line 1326 "book/21-nvpdef.nw"
/* carry the stacked model's gradients to both layers' samples and to W2 */
size_t K1 = m->c.K, K2 = m->K2, n = m->n;
const double *sc = m->scale;
for (size_t i = 0; i < V * K1 + V; i++)   /* dWd and dbd are contiguous */
    m->dWd[i] *= sc[GGS_NVPDEF_PATH_DECODER];
for (size_t b = 0; b < rows; b++)
    for (size_t k = 0; k < K1; k++) {
        size_t i = b * K + k;
        const double *lq = m->logq + i * n, *jp = m->jp1 + (b * K1 + k) * n;
        double s = 0;
        for (size_t j = 0; j < n; j++)
            s += exp(lq[j]) * jp[j];
        m->dz[i] = sc[GGS_NVPDEF_PATH_RECON] * m->dzdec[b * K1 + k];
        m->du[b * K1 + k] = -w * s;
        m->dkl[i] *= sc[GGS_NVPDEF_PATH_KL1_POSTERIOR];
    }
memset(m->dzup, 0, rows * K2 * sizeof(double));
if ((rc = ggs_nn_dense_backward(m->dzup, m->dW2, m->db2, m->du, m->zup, m->W2, rows, K2,
                                K1)) != GGS_OK)
    return rc;
for (size_t i = 0; i < K1 * K2 + K1; i++)   /* dW2 and db2 are contiguous */
    m->dW2[i] *= sc[GGS_NVPDEF_PATH_KL1_PRIOR_WEIGHTS];
for (size_t b = 0; b < rows; b++)
    for (size_t j = 0; j < K2; j++) {
        m->dz[b * K + K1 + j] = sc[GGS_NVPDEF_PATH_KL1_UPPER_SAMPLE] * m->dzup[b * K2 + j];
        m->dkl[b * K + K1 + j] *= sc[GGS_NVPDEF_PATH_KL2];
    }
#line 1308 "book/21-nvpdef.nw"
}
m->kind->backward(m, a, R, tau, w);
if ((rc = ggs_mlp_backward(m->enc, m->dh1, m->h1, m->da)) != GGS_OK)
    return rc;
if (m->c.act == GGS_NN_RELU)
    ggs_nn_relu_backward(m->dpre, m->dh1, m->h1, rows * H);
else
    ggs_nn_tanh_backward(m->dpre, m->dh1, m->h1, rows * H);
ggs_nvpdef_sparse_backward(m->dW1, m->db1, m->dpre, c, docs, rows, H);
#line 1260 "book/21-nvpdef.nw"
    }
    st->nll += nll;
    st->kl += kl;
    st->words += words;
    st->count += rows;
    return GGS_OK;
}

int ggs_nvpdef_loss(struct ggs_nvpdef *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                    const size_t *docs, size_t rows, double tau, ggs_noise *q, int backward)
{
    return nvp_loss(m, st, c, docs, rows, tau, q, backward, __func__);
}

int ggs_nvpdef_step(struct ggs_nvpdef *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                    const size_t *docs, size_t rows, double tau, ggs_noise *q)
{
    ggs_nvpdef_stats s = { 0, 0, 0, 0 };
    int rc = nvp_loss(m, &s, c, docs, rows, tau, q, 1, __func__);
    if (rc == GGS_OK)
        rc = ggs_adam_step(m->opt, m->params, m->grads, NULL);
    if (rc == GGS_OK) {
        st->nll += s.nll;
        st->kl += s.kl;
        st->words += s.words;
        st->count += s.count;
    }
    return rc;
}
#line 1355 "book/21-nvpdef.nw"
int ggs_nvpdef_scale_path(struct ggs_nvpdef *m, int path, double scale)
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
#line 1377 "book/21-nvpdef.nw"
int ggs_nvpdef_evaluate(double *nelbo, double *nelbo_relaxed, double *kl,
                        struct ggs_nvpdef *m, const ggs_bow *c, const size_t *docs, size_t rows,
                        double tau, size_t samples, ggs_noise *q)
{
    size_t K = m->Kt, R = rows * K;
    int relaxed = nelbo_relaxed != NULL && m->c.model != GGS_NVPDEF_GAUSSIAN, rc;
    const double *a;
    if (samples < 1)
        return ggs_error(GGS_EINVAL, __func__, "samples = 0 (must be >= 1)");
    if ((rc = nvp_check_call(m, c, rows, tau, __func__)) != GGS_OK
        || (rc = nvp_encode(m, c, docs, rows, 0)) != GGS_OK)
        return rc;
    a = ggs_mlp_output(m->enc);
    memset(m->acc, 0, rows * sizeof(double));
    memset(m->accr, 0, rows * sizeof(double));
    memset(m->kacc, 0, rows * sizeof(double));
    memset(m->kaccr, 0, rows * sizeof(double));
    for (size_t s = 0; s < samples; s++) {
        m->kind->noise(m, R, q);
        for (int exact = 1; exact >= 1 - relaxed; exact--) {
            double *acc = exact ? m->acc : m->accr, *kacc = exact ? m->kacc : m->kaccr;
            if ((rc = m->kind->draw(m, a, R, tau, exact)) != GGS_OK
                || (m->stacked && (rc = nvp_stacked_prior(m, rows, 0)) != GGS_OK)
                || (rc = nvp_decode(m, c, docs, rows)) != GGS_OK)
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
#line 1444 "book/21-nvpdef.nw"
int ggs_nvpdef_top_words(uint32_t *top, const struct ggs_nvpdef *m, size_t T)
{
    size_t V = m->c.V, K = m->c.K;
    if (T < 1 || T > V)
        return ggs_error(GGS_EINVAL, __func__, "T = %zu (must be in [1, %zu])", T, V);
    for (size_t k = 0; k < K; k++) {
        uint32_t *t = top + k * T;
        size_t have = 0;
        for (size_t v = 0; v < V; v++) {
            double x = m->Wd[v * K + k];
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
