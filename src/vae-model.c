#line 1780 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-vae.h"
#include "gengs-internal.h"

#line 1907 "book/20-vae.nw"
enum { VAE_MSG_MAX = 512 };   /* bytes of a shard's error message */

/* Reserve bytes at *off (64-byte aligned); NULL when only sizing. */
static void *vae_take(unsigned char *base, size_t *off, size_t bytes)
{
    void *p = base != NULL ? base + *off : NULL;
    *off += (bytes + 63) / 64 * 64;
    return p;
}
#line 1966 "book/20-vae.nw"
ggs_vae_config ggs_vae_default_config(void)
{
    ggs_vae_config c;
    memset(&c, 0, sizeof c);
    ggs_dist_poisson(&c.prior, 2.0);
    c.n = 16;
    c.implicit = 1;
    c.D = 784;
    c.K = 64;
    c.nhidden = 2;
    c.hidden[0] = 512;
    c.hidden[1] = 256;
    c.act = GGS_NN_RELU;
    c.batch = 128;
    c.shards = 2;
    c.adam = ggs_adam_defaults();
    return c;
}

/* Check a configuration; build the two network descriptions. */
static int vae_check_config(const ggs_vae_config *c, ggs_mlp_spec *enc, ggs_mlp_spec *dec,
                            size_t *P, const char *func)
{
    size_t H = c->nhidden;
    if (ggs_latent_nparam(c->prior.family) == 0)
        return ggs_error(GGS_EINVAL, func, "prior family %s is not supported "
                         "(poisson, geometric, negbin)", ggs_family_name(c->prior.family));
    if (c->n < 2 || c->n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", c->n,
                         GGS_LATENT_MAX_N);
    if (c->K < 1 || c->D < 1 || c->batch < 1)
        return ggs_error(GGS_EINVAL, func, "K = %zu, D = %zu, batch = %zu (each must be >= 1)",
                         c->K, c->D, c->batch);
    if (c->shards < 1 || c->shards > GGS_VAE_MAX_SHARDS)
        return ggs_error(GGS_EINVAL, func, "shards = %zu (must be in [1, %d])", c->shards,
                         GGS_VAE_MAX_SHARDS);
    if (H < 1 || H > GGS_VAE_MAX_HIDDEN)
        return ggs_error(GGS_EINVAL, func, "%zu hidden layers (must be 1..%d)", H,
                         GGS_VAE_MAX_HIDDEN);
    if (c->estimator < GGS_VAE_GENGS || c->estimator > GGS_VAE_NVIL)
        return ggs_error(GGS_EINVAL, func, "estimator = %d (must be an enum "
                         "ggs_vae_estimator)", c->estimator);
    if (c->estimator == GGS_VAE_RFSTAR && (c->samples < 2 || c->batch % c->samples != 0))
        return ggs_error(GGS_EINVAL, func, "samples = %zu, batch = %zu (RF* needs at least 2 "
                         "samples per image, and the batch a multiple of them)", c->samples,
                         c->batch);
    if (c->estimator != GGS_VAE_GENGS && c->straight_through)
        return ggs_error(GGS_EINVAL, func, "straight_through is a variant of GenGS only");
    *P = c->implicit ? c->n : ggs_latent_nparam(c->prior.family);
    if (c->K > SIZE_MAX / *P)
        return ggs_error(GGS_EINVAL, func, "K = %zu is too large", c->K);
    enc[0].size = c->D;
    enc[0].act = GGS_NN_BINARY_INPUT;   /* binarized images: sums, not a product */
    dec[0].size = c->K;
    dec[0].act = GGS_NN_IDENTITY;
    for (size_t l = 0; l < H; l++) {
        enc[1 + l].size = c->hidden[l];
        enc[1 + l].act = c->act;
        dec[1 + l].size = c->hidden[H - 1 - l];
        dec[1 + l].act = c->act;
    }
    enc[H + 1].size = c->K * *P;
    enc[H + 1].act = GGS_NN_IDENTITY;
    dec[H + 1].size = c->D;
    dec[H + 1].act = GGS_NN_IDENTITY;
    return GGS_OK;
}
#line 2204 "book/20-vae.nw"
/* What a job runs on each shard. */
enum vae_op { VAE_LOSS, VAE_EVALUATE, VAE_RECONSTRUCT, VAE_SAMPLE };
/* What the encoding of a shard must produce besides kl (see vae_encode). */
enum vae_need { VAE_LOGQ, VAE_LOGQ_JAC, VAE_RATES };

#line 1790 "book/20-vae.nw"
/** @cond GGS_TEMPLATE (the header documents these) */
#define real double
#define NAME(x) x
#line 1837 "book/20-vae.nw"
/* One shard: its rows of the batch, its networks' activations. */
struct NAME(vae_shard) {
    size_t cap;             /* rows of a full batch that this shard takes */
    size_t row0, rows;      /* its rows [row0, row0 + rows) in the current call */
    NAME(ggs_mlp) *enc;     /* D -> hidden -> K P, on the shared parameters */
    NAME(ggs_mlp) *dec;     /* K -> hidden reversed -> D */
    NAME(ggs_mlp) *base;    /* NVIL: D -> GGS_VAE_NVIL_HIDDEN -> 1, or NULL */
    NAME(ggs_layer) *layer; /* the fast Poisson layer, or NULL */
    ggs_noise noise;        /* its noise generator in the current call */
    double sum_recon;       /* its sums in the current call */
    double sum_kl, sum_relaxed, sum_iw;
    int rc;                 /* its status in the current call */
    char msg[VAE_MSG_MAX];  /* its message when rc is not GGS_OK */
    double *iwmax;          /* (cap) running maximum of the log importance weights */
    double *iwsum;          /* (cap) running sum of exp(weight - iwmax) */
    real *theta;            /* (cap, K, P) explicit: distribution parameters */
    real *dtheta;           /* (cap, K, P) explicit: d theta / d a */
    real *jac;              /* (cap, K, n, P) explicit: d logq / d a */
    real *dkl;              /* (cap, K, P) explicit: d kl / d a */
    real *q;                /* (cap, K, n) implicit: q(z | x) */
    real *logq;             /* (cap, K, n) log q(z | x), truncated */
    real *kl;               /* (cap, K) KL per latent dimension */
    real *g;                /* (cap, K, n) Gumbel noise */
    real *y;                /* (cap, K, n) relaxed one-hot vectors */
    real *z;                /* (cap, K) relaxed values */
    real *zdec;             /* (cap, K) the decoder's input (discrete or straight-through) */
    real *zstd;             /* (cap, K) standardized decoder input, with c.standardize */
    real *dz;               /* (cap, K) dL / d zdec */
    real *dlogq;            /* (cap, K, n) dL / d logq along the sample path */
    real *da;               /* (cap, K P) dL / da, a the encoder's output */
    real *ll;               /* (cap) log p(x | z) */
    real *dll;              /* (cap) dL / d ll */
    real *dlogits;          /* (cap, D) dL / d logits */
    double *fbar;           /* (cap) MuProp: f at the mean, -log p(x | zbar) */
    real *dbase;            /* (cap) NVIL: dL / d baseline */
    real *dzbar;            /* (cap, K) MuProp: df / dz at the mean */
};
#line 1887 "book/20-vae.nw"
struct NAME(ggs_vae) {
    ggs_vae_config c;       /* the configuration */
    size_t P;               /* encoder outputs per latent dimension */
    size_t nenc;            /* encoder parameters; the decoder's follow */
    size_t ndec;            /* decoder parameters; NVIL's baseline network's follow */
    size_t nparams;         /* encoder + decoder parameters */
    size_t nshards;         /* min(c.shards, c.batch / group) */
    size_t group;           /* rows per image in a training batch: c.samples for RF*, else 1 */
    int use_layer;          /* explicit Poisson, relaxed: the batched layer of src/layer.c */
    real *params;           /* (nparams) encoder, then decoder */
    real *grads;            /* (nparams) the gradient, summed over the shards */
    NAME(ggs_adam) *opt;    /* Adam over the whole parameter block */
    double *logprior;       /* (n) the prior's truncated log-pmf */
    double zmean, zisd;     /* its mean and 1 / standard deviation (c.standardize) */
    struct NAME(vae_shard) shard[GGS_VAE_MAX_SHARDS];
    unsigned char *mem;     /* the one block of logprior and the shards' arrays */
};
#line 1918 "book/20-vae.nw"
static size_t NAME(vae_walk)(struct NAME(ggs_vae) *m, unsigned char *base)
{
    size_t off = 0, K = m->c.K, n = m->c.n, D = m->c.D;
    size_t Pe = m->c.implicit ? 0 : m->P;   /* explicit-only arrays */
    size_t ni = m->c.implicit ? n : 0;      /* implicit-only arrays */
    size_t nm = m->c.estimator == GGS_VAE_MUPROP;   /* MuProp-only arrays */
    size_t nv = m->c.estimator == GGS_VAE_NVIL;     /* NVIL-only arrays */
    m->logprior = vae_take(base, &off, n * sizeof(double));
    for (size_t s = 0; s < m->nshards; s++) {
        struct NAME(vae_shard) *h = &m->shard[s];
        size_t B = h->cap;
        h->iwmax    = vae_take(base, &off, B * sizeof(double));
        h->iwsum    = vae_take(base, &off, B * sizeof(double));
        h->theta    = vae_take(base, &off, B * K * Pe * sizeof(real));
        h->dtheta   = vae_take(base, &off, B * K * Pe * sizeof(real));
        h->jac      = vae_take(base, &off, B * K * n * Pe * sizeof(real));
        h->dkl      = vae_take(base, &off, B * K * Pe * sizeof(real));
        h->q        = vae_take(base, &off, B * K * ni * sizeof(real));
        h->logq     = vae_take(base, &off, B * K * n * sizeof(real));
        h->kl       = vae_take(base, &off, B * K * sizeof(real));
        h->g        = vae_take(base, &off, B * K * n * sizeof(real));
        h->y        = vae_take(base, &off, B * K * n * sizeof(real));
        h->z        = vae_take(base, &off, B * K * sizeof(real));
        h->zdec     = vae_take(base, &off, B * K * sizeof(real));
        h->zstd     = vae_take(base, &off, (m->c.standardize ? B * K : 0) * sizeof(real));
        h->dz       = vae_take(base, &off, B * K * sizeof(real));
        h->dlogq    = vae_take(base, &off, B * K * n * sizeof(real));
        h->da       = vae_take(base, &off, B * K * m->P * sizeof(real));
        h->ll       = vae_take(base, &off, B * sizeof(real));
        h->dll      = vae_take(base, &off, B * sizeof(real));
        h->dlogits  = vae_take(base, &off, B * D * sizeof(real));
        h->fbar     = vae_take(base, &off, B * nm * sizeof(double));
        h->dzbar    = vae_take(base, &off, B * K * nm * sizeof(real));
        h->dbase    = vae_take(base, &off, B * nv * sizeof(real));
    }
    return off;
}
#line 2046 "book/20-vae.nw"
struct NAME(ggs_vae) *NAME(ggs_vae_alloc)(const ggs_vae_config *c, unsigned long seed)
{
    ggs_mlp_spec enc[GGS_VAE_MAX_HIDDEN + 2], dec[GGS_VAE_MAX_HIDDEN + 2];
    ggs_mlp_spec base[3] = { { c->D, GGS_NN_BINARY_INPUT }, { GGS_VAE_NVIL_HIDDEN, GGS_NN_TANH },
                             { 1, GGS_NN_IDENTITY } };
    struct NAME(ggs_vae) *m;
    size_t P, ne, nd, nb = 0, ns = c->nhidden + 2, bytes, S, G;
    gsl_rng *r;
    if (vae_check_config(c, enc, dec, &P, __func__) != GGS_OK
        || ggs_mlp_count(&ne, enc, ns) != GGS_OK || ggs_mlp_count(&nd, dec, ns) != GGS_OK
        || (c->estimator == GGS_VAE_NVIL && ggs_mlp_count(&nb, base, 3) != GGS_OK))
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    m->c = *c;
    m->P = P;
    m->nenc = ne;
    m->ndec = nd;
    m->nparams = ne + nd + nb;
    m->group = c->estimator == GGS_VAE_RFSTAR ? c->samples : 1;
    G = c->batch / m->group;
    m->nshards = S = c->shards < G ? c->shards : G;
    for (size_t s = 0; s < S; s++)   /* room for the most rows any split gives it */
        m->shard[s].cap = m->group == 1 ? G / S + (s < G % S) : (G + S - 1) / S * m->group;
    m->use_layer = c->prior.family == GGS_POISSON && !c->implicit && !c->straight_through
                   && c->estimator == GGS_VAE_GENGS;
    
#line 2097 "book/20-vae.nw"
/* create the blocks, networks, optimizer and layers of a model */
bytes = NAME(vae_walk)(m, NULL);
m->params = calloc(m->nparams, sizeof(real));
m->grads = calloc(m->nparams, sizeof(real));
m->mem = aligned_alloc(64, bytes);
if (m->params == NULL || m->grads == NULL || m->mem == NULL) {
    NAME(ggs_vae_free)(m);
    ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters, %zu shards, %zu bytes of "
              "buffers)", ne + nd + nb, S, bytes);
    return NULL;
}
NAME(vae_walk)(m, m->mem);
for (size_t s = 0; s < S; s++) {
    struct NAME(vae_shard) *h = &m->shard[s];
    h->enc = NAME(ggs_mlp_alloc)(h->cap, enc, ns, m->params, m->grads);
    h->dec = h->enc == NULL ? NULL
             : NAME(ggs_mlp_alloc)(h->cap, dec, ns, m->params + ne, m->grads + ne);
    if (h->dec != NULL && m->use_layer)
        h->layer = NAME(ggs_layer_alloc)(h->cap, c->K, c->n);
    if (h->dec != NULL && nb > 0)
        h->base = NAME(ggs_mlp_alloc)(h->cap, base, 3, m->params + ne + nd,
                                      m->grads + ne + nd);
    if (h->dec == NULL || (m->use_layer && h->layer == NULL) || (nb > 0 && h->base == NULL)) {
        NAME(ggs_vae_free)(m);   /* the message of the failed call stays */
        return NULL;
    }
}
if ((m->opt = NAME(ggs_adam_alloc)(m->nparams, &c->adam)) == NULL) {
    NAME(ggs_vae_free)(m);
    return NULL;
}
#line 2075 "book/20-vae.nw"
    
#line 2131 "book/20-vae.nw"
/* tabulate the prior and initialize the weights */
r = ggs_rng_new(seed);
if (r == NULL || ggs_truncated_logpmf(m->logprior, &c->prior, 0, c->n) != GGS_OK
    || NAME(ggs_mlp_init)(m->shard[0].enc, r) != GGS_OK
    || NAME(ggs_mlp_init)(m->shard[0].dec, r) != GGS_OK
    || (nb > 0 && NAME(ggs_mlp_init)(m->shard[0].base, r) != GGS_OK)) {
    if (r == NULL)
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
    ggs_rng_free(r);
    NAME(ggs_vae_free)(m);
    return NULL;
}
ggs_rng_free(r);
#line 2156 "book/20-vae.nw"
/* the truncated prior's mean and standard deviation */
{
    double s1 = 0, s2 = 0;
    for (size_t k = 0; k < c->n; k++) {
        double pk = exp(m->logprior[k]);
        s1 += pk * (double)k;
        s2 += pk * (double)k * (double)k;
    }
    m->zmean = s1;
    m->zisd = s2 - s1 * s1 > 0 ? 1 / sqrt(s2 - s1 * s1) : 1;
}
#line 2076 "book/20-vae.nw"
    return m;
}

void NAME(ggs_vae_free)(struct NAME(ggs_vae) *m)
{
    if (m == NULL)
        return;
    for (size_t s = 0; s < m->nshards; s++) {
        NAME(ggs_mlp_free)(m->shard[s].enc);
        NAME(ggs_mlp_free)(m->shard[s].dec);
        NAME(ggs_mlp_free)(m->shard[s].base);
        NAME(ggs_layer_free)(m->shard[s].layer);
    }
    NAME(ggs_adam_free)(m->opt);
    free(m->params);
    free(m->grads);
    free(m->mem);
    free(m);
}
#line 2168 "book/20-vae.nw"
size_t NAME(ggs_vae_nparams)(const struct NAME(ggs_vae) *m)
{
    return m->nparams;
}

real *NAME(ggs_vae_params)(struct NAME(ggs_vae) *m)
{
    return m->params;
}

real *NAME(ggs_vae_grads)(struct NAME(ggs_vae) *m)
{
    return m->grads;
}

int NAME(ggs_vae_save)(FILE *f, const struct NAME(ggs_vae) *m)
{
    return NAME(ggs_nn_save)(f, m->params, m->nparams, m->opt);
}

int NAME(ggs_vae_load)(FILE *f, struct NAME(ggs_vae) *m)
{
    return NAME(ggs_nn_load)(f, m->params, m->nparams, m->opt);
}
#line 2210 "book/20-vae.nw"
struct NAME(vae_job) {
    struct NAME(ggs_vae) *m;
    enum vae_op op;
    const char *func;       /* the public function, for messages */
    const real *x;          /* (rows, D) pixels, or NULL */
    real *p;                /* (rows, D) output pixel probabilities, or NULL */
    double tau;
    real w;                 /* the weight of one example in the loss: 1 / rows */
    int backward, layer;
    size_t samples, iw_samples;
};

/* Split rows, in whole groups of group rows, among the shards; shard 0 continues q,
   shard s starts s jumps ahead. */
static void NAME(vae_split)(struct NAME(ggs_vae) *m, size_t rows, size_t group,
                            const ggs_noise *q)
{
    size_t S = m->nshards, row0 = 0, G = rows / group;
    for (size_t s = 0; s < S; s++) {
        struct NAME(vae_shard) *h = &m->shard[s];
        h->rows = (G / S + (s < G % S)) * group;
        h->row0 = row0;
        row0 += h->rows;
        h->noise = s == 0 ? *q : m->shard[s - 1].noise;
        if (s > 0)
            ggs_noise_jump(&h->noise);
        h->sum_recon = h->sum_kl = h->sum_relaxed = h->sum_iw = 0;
        h->rc = GGS_OK;
    }
}
#line 2248 "book/20-vae.nw"
static int NAME(vae_shard_loss)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h);
static int NAME(vae_shard_evaluate)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h);
static int NAME(vae_shard_pixels)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h);

static void NAME(vae_shard_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(vae_job) *jb = ctx;
    for (size_t s = lo; s < hi; s++) {
        struct NAME(vae_shard) *h = &jb->m->shard[s];
        if (h->rows == 0)
            continue;
        switch (jb->op) {
        case VAE_LOSS:
            h->rc = NAME(vae_shard_loss)(jb, h);
            break;
        case VAE_EVALUATE:
            h->rc = NAME(vae_shard_evaluate)(jb, h);
            break;
        default:
            h->rc = NAME(vae_shard_pixels)(jb, h);
            break;
        }
        if (h->rc != GGS_OK)
            snprintf(h->msg, sizeof h->msg, "%s", ggs_last_error());
    }
}

static int NAME(vae_run)(const struct NAME(vae_job) *jb, ggs_noise *q)
{
    struct NAME(ggs_vae) *m = jb->m;
    ggs_nn_parallel(NAME(vae_shard_task), (void *)jb, m->nshards, 1);
    *q = m->shard[0].noise;
    for (size_t s = 0; s < m->nshards; s++)
        if (m->shard[s].rc != GGS_OK)
            return ggs_error_restore(m->shard[s].rc, m->shard[s].msg);
    return GGS_OK;
}
#line 2291 "book/20-vae.nw"
static int NAME(vae_weights)(struct NAME(ggs_vae) *m)
{
    NAME(ggs_mlp) *enc[GGS_VAE_MAX_SHARDS], *dec[GGS_VAE_MAX_SHARDS];
    NAME(ggs_mlp) *base[GGS_VAE_MAX_SHARDS];
    int rc;
    for (size_t s = 0; s < m->nshards; s++) {
        enc[s] = m->shard[s].enc;
        dec[s] = m->shard[s].dec;
        base[s] = m->shard[s].base;
    }
    if ((rc = NAME(ggs_mlp_backward_weights)(enc, m->nshards)) != GGS_OK
        || (base[0] != NULL && (rc = NAME(ggs_mlp_backward_weights)(base, m->nshards))
            != GGS_OK))
        return rc;
    return NAME(ggs_mlp_backward_weights)(dec, m->nshards);
}
#line 2321 "book/20-vae.nw"
static int NAME(vae_check_call)(const struct NAME(ggs_vae) *m, size_t rows, double tau,
                                const char *func)
{
    if (rows < 1 || rows > m->c.batch)
        return ggs_error(GGS_EINVAL, func, "rows = %zu (must be in [1, %zu])", rows,
                         m->c.batch);
    return ggs_check_range(tau, "tau", func, 0, 0, HUGE_VAL, 0);
}

/* encoder, then the latent kernel: logq, kl (and q or theta, dkl, and jac if asked),
   or with VAE_RATES (explicit Poisson only) theta, dtheta, kl and dkl */
static int NAME(vae_encode)(const struct NAME(ggs_vae) *m, struct NAME(vae_shard) *h,
                            const real *x, enum vae_need need)
{
    const real *a;
    size_t R = h->rows * m->c.K;
    int rc = NAME(ggs_mlp_forward)(h->enc, x, h->rows);
    if (rc != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(h->enc);
    if (m->c.implicit)
        return NAME(ggs_latent_implicit)(h->logq, h->q, h->kl, a, m->logprior, R, m->c.n);
    if (need == VAE_RATES)
        return NAME(ggs_latent_poisson_kl)(h->theta, h->dtheta, h->kl, h->dkl, a, &m->c.prior,
                                           R, m->c.n);
    return NAME(ggs_latent_explicit)(h->theta, h->dtheta, h->logq,
                                     need == VAE_LOGQ_JAC ? h->jac : NULL,
                                     h->kl, h->dkl, a, m->c.prior.family, m->logprior, R,
                                     m->c.n);
}

/* what the decoder reads for the values zin: zin, or (zin - mean) / sd in zstd */
static const real *NAME(vae_decoder_input)(const struct NAME(ggs_vae) *m,
                                           struct NAME(vae_shard) *h, const real *zin)
{
    size_t R = h->rows * m->c.K;
    if (!m->c.standardize)
        return zin;
    for (size_t i = 0; i < R; i++)
        h->zstd[i] = (real)(((double)zin[i] - m->zmean) * m->zisd);
    return h->zstd;
}

/* decoder on zin (through vae_decoder_input), then ll = log p(x | zin) */
static int NAME(vae_decode)(const struct NAME(ggs_vae) *m, struct NAME(vae_shard) *h,
                            const real *x, const real *zin)
{
    int rc = NAME(ggs_mlp_forward)(h->dec, NAME(vae_decoder_input)(m, h, zin), h->rows);
    if (rc != GGS_OK)
        return rc;
    NAME(ggs_nn_bernoulli_forward)(h->ll, x, NAME(ggs_mlp_output)(h->dec), h->rows, m->c.D);
    return GGS_OK;
}
#line 2380 "book/20-vae.nw"
static int NAME(vae_draw)(const real **zin, const struct NAME(ggs_vae) *m,
                          struct NAME(vae_shard) *h, double tau, int layer)
{
    size_t R = h->rows * m->c.K, n = m->c.n;
    int rc;
    if (layer) {
        *zin = h->z;
        return NAME(ggs_layer_forward)(h->layer, h->z, h->theta, tau, &h->noise);
    }
    NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
    if (m->c.estimator != GGS_VAE_GENGS) {     /* discrete samples only */
        NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
        *zin = h->zdec;
        return GGS_OK;
    }
    rc = NAME(ggs_gengs_batch_forward)(h->z, h->y, h->logq, h->g, tau, R, n);
    if (rc != GGS_OK)
        return rc;
    *zin = h->z;
    if (m->c.straight_through) {
        NAME(ggs_gengs_batch_hard)(h->zdec, h->y, R, n);
        *zin = h->zdec;
    }
    return GGS_OK;
}
#line 2416 "book/20-vae.nw"
static int NAME(vae_shard_loss)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h)
{
    const struct NAME(ggs_vae) *m = jb->m;
    size_t K = m->c.K, rows = h->rows, R = rows * K;
    const real *x = jb->x + h->row0 * m->c.D, *zin;
    double recon = 0, kl = 0, tau = jb->tau;
    int rc;
    enum vae_need need = jb->layer ? VAE_RATES : jb->backward ? VAE_LOGQ_JAC : VAE_LOGQ;
    if ((rc = NAME(vae_encode)(m, h, x, need)) != GGS_OK)
        return rc;
    if (jb->backward && m->c.estimator == GGS_VAE_MUPROP) {
        
#line 2635 "book/20-vae.nw"
/* MuProp: f and its gradient at the mean zbar of q */
{
    size_t n = m->c.n;
    for (size_t i = 0; i < R; i++) {                  /* zbar into z */
        double mean = 0;
        for (size_t j = 1; j < n; j++)
            mean += (double)j * exp((double)h->logq[i * n + j]);
        h->z[i] = (real)mean;
    }
    if ((rc = NAME(vae_decode)(m, h, x, h->z)) != GGS_OK)
        return rc;
    ggs_nn_zero(h->dlogits, rows * m->c.D * sizeof(real));
    for (size_t b = 0; b < rows; b++) {
        h->fbar[b] = -(double)h->ll[b];
        h->dll[b] = -1;
    }
    NAME(ggs_nn_bernoulli_backward)(h->dlogits, h->dll, x, NAME(ggs_mlp_output)(h->dec), rows,
                                    m->c.D);
    memset(h->dzbar, 0, R * sizeof(real));
    if ((rc = NAME(ggs_mlp_backward_deltas)(h->dec, h->dzbar,
                                             m->c.standardize ? h->zstd : h->z,
                                             h->dlogits)) != GGS_OK)
        return rc;
    if (m->c.standardize)
        for (size_t i = 0; i < R; i++)
            h->dzbar[i] = (real)((double)h->dzbar[i] * m->zisd);
}
#line 2428 "book/20-vae.nw"
    }
    if ((rc = NAME(vae_draw)(&zin, m, h, tau, jb->layer)) != GGS_OK
        || (rc = NAME(vae_decode)(m, h, x, zin)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        recon -= h->ll[b];
        for (size_t k = 0; k < K; k++)
            kl += h->kl[b * K + k];
    }
    if (!isfinite(recon + kl))
        return ggs_error(GGS_ERANGE, jb->func, "the loss is not finite (reconstruction %g, "
                         "KL %g)", recon, kl);
    h->sum_recon = recon;
    h->sum_kl = kl;
    if (jb->backward) {
        
#line 2490 "book/20-vae.nw"
/* back-propagate the shard's part of the mean loss to every parameter */
real w = jb->w;
real *dzout = m->c.estimator == GGS_VAE_GENGS ? h->dz : NULL;  /* score functions: none */
ggs_nn_zero(h->dlogits, rows * m->c.D * sizeof(real));
memset(h->dz, 0, R * sizeof(real));
ggs_nn_zero(h->da, R * m->P * sizeof(real));
for (size_t b = 0; b < rows; b++)
    h->dll[b] = -w;
NAME(ggs_nn_bernoulli_backward)(h->dlogits, h->dll, x, NAME(ggs_mlp_output)(h->dec), rows,
                                m->c.D);
if ((rc = NAME(ggs_mlp_backward_deltas)(h->dec, dzout, m->c.standardize ? h->zstd : zin,
                                         h->dlogits)) != GGS_OK)
    return rc;
if (m->c.standardize)       /* from d/d zstd to d/d z */
    for (size_t i = 0; i < R; i++)
        h->dz[i] = (real)((double)h->dz[i] * m->zisd);
#line 2519 "book/20-vae.nw"
/* back-propagate dz through the sample to the encoder's output */
ggs_nn_zero(h->dlogq, R * m->c.n * sizeof(real));
if (jb->layer) {
    if ((rc = NAME(ggs_layer_backward)(h->layer, h->dlogq, h->dz)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        h->da[i] += h->dlogq[i] * h->dtheta[i];
} else {
    if (m->c.estimator == GGS_VAE_RFSTAR) {
        
#line 2589 "book/20-vae.nw"
/* put the RF* estimate of the sample path's dL/dlogq into dlogq */
{
    size_t S = m->group, n = m->c.n;
    for (size_t g0 = 0; g0 < rows; g0 += S) {
        double sum = 0;
        for (size_t s = 0; s < S; s++)
            sum -= (double)h->ll[g0 + s];
        for (size_t s = 0; s < S; s++) {
            size_t r = g0 + s;
            double f = -(double)h->ll[r], base = (sum - f) / (double)(S - 1);
            real signal = (real)((double)w * (f - base));
            for (size_t k = 0; k < m->c.K; k++)
                h->dlogq[(r * m->c.K + k) * n + (size_t)h->zdec[r * m->c.K + k]] = signal;
        }
    }
}
#line 2529 "book/20-vae.nw"
    } else if (m->c.estimator == GGS_VAE_MUPROP) {
        
#line 2664 "book/20-vae.nw"
/* put the MuProp estimate of the sample path's dL/dlogq into dlogq */
{
    size_t n = m->c.n;
    for (size_t r = 0; r < rows; r++) {
        double taylor = h->fbar[r], signal;
        for (size_t k = 0; k < K; k++)
            taylor += (double)h->dzbar[r * K + k]
                      * ((double)h->zdec[r * K + k] - (double)h->z[r * K + k]);
        signal = (double)w * (-(double)h->ll[r] - taylor);
        for (size_t k = 0; k < K; k++) {
            real *d = h->dlogq + (r * K + k) * n;
            double wd = (double)w * (double)h->dzbar[r * K + k];
            for (size_t j = 1; j < n; j++)
                d[j] = (real)(wd * (double)j * exp((double)h->logq[(r * K + k) * n + j]));
            d[(size_t)h->zdec[r * K + k]] += (real)signal;
        }
    }
}
#line 2531 "book/20-vae.nw"
    } else if (m->c.estimator == GGS_VAE_NVIL) {
        
#line 2705 "book/20-vae.nw"
/* put the NVIL estimate of the sample path's dL/dlogq into dlogq, and train the baseline */
{
    const real *b;
    size_t n = m->c.n;
    if ((rc = NAME(ggs_mlp_forward)(h->base, x, rows)) != GGS_OK)
        return rc;
    b = NAME(ggs_mlp_output)(h->base);
    for (size_t r = 0; r < rows; r++) {
        double err = -(double)h->ll[r] - (double)b[r];   /* f - b(x) */
        real signal = (real)((double)w * err);
        h->dbase[r] = -signal;
        for (size_t k = 0; k < m->c.K; k++)
            h->dlogq[(r * m->c.K + k) * n + (size_t)h->zdec[r * m->c.K + k]] = signal;
    }
    if ((rc = NAME(ggs_mlp_backward_deltas)(h->base, NULL, x, h->dbase)) != GGS_OK)
        return rc;
}
#line 2533 "book/20-vae.nw"
    } else {
        NAME(ggs_gengs_batch_backward)(h->dlogq, h->dz, h->z, h->y, tau, R, m->c.n);
    }
    if (m->c.implicit)
        NAME(ggs_latent_implicit_backward)(h->da, h->dlogq, h->logq, h->q, h->kl, m->logprior,
                                           w, R, m->c.n);
    else
        NAME(ggs_latent_chain)(h->da, h->dlogq, h->jac, R, m->c.n, m->P);
}
#line 2507 "book/20-vae.nw"
if (!m->c.implicit)
    for (size_t i = 0; i < R * m->P; i++)
        h->da[i] += w * h->dkl[i];
if ((rc = NAME(ggs_mlp_backward_deltas)(h->enc, NULL, x, h->da)) != GGS_OK)
    return rc;
#line 2444 "book/20-vae.nw"
    }
    return GGS_OK;
}

/* The loss and, with backward, the gradient summed over the shards. */
static int NAME(vae_loss_shards)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x,
                                 size_t rows, double tau, ggs_noise *q, int backward,
                                 const char *func)
{
    struct NAME(vae_job) jb = { m, VAE_LOSS, func, x, NULL, tau,
                                (real)(1.0 / (double)rows), backward,
                                m->use_layer && rows == m->c.batch, 0, 0 };
    double recon = 0, kl = 0;
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, tau, func)) != GGS_OK)
        return rc;
    if (rows % m->group != 0)
        return ggs_error(GGS_EINVAL, func, "rows = %zu is not a multiple of samples = %zu "
                         "(RF* takes each image's samples in consecutive rows)", rows,
                         m->group);
    NAME(vae_split)(m, rows, m->group, q);
    if ((rc = NAME(vae_run)(&jb, q)) != GGS_OK
        || (backward && (rc = NAME(vae_weights)(m)) != GGS_OK))
        return rc;
    for (size_t s = 0; s < m->nshards; s++) {
        recon += m->shard[s].sum_recon;
        kl += m->shard[s].sum_kl;
    }
    st->recon += recon;
    st->kl += kl;
    st->count += rows;
    return GGS_OK;
}

int NAME(ggs_vae_loss)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, size_t rows,
                       double tau, ggs_noise *q, int backward)
{
    return NAME(vae_loss_shards)(m, st, x, rows, tau, q, backward, __func__);
}
#line 2725 "book/20-vae.nw"
int NAME(ggs_vae_step)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, double tau,
                       ggs_noise *q)
{
    int rc = NAME(vae_loss_shards)(m, st, x, m->c.batch, tau, q, 1, __func__);
    if (rc != GGS_OK)
        return rc;
    return NAME(ggs_adam_step)(m->opt, m->params, m->grads, NULL);
}
#line 2744 "book/20-vae.nw"
static int NAME(vae_shard_evaluate)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h)
{
    const struct NAME(ggs_vae) *m = jb->m;
    size_t K = m->c.K, n = m->c.n, rows = h->rows, R = rows * K;
    const real *x = jb->x + h->row0 * m->c.D;
    double kl = 0, recon = 0, relaxed = 0, iw = 0;
    int rc;
    if ((rc = NAME(vae_encode)(m, h, x, VAE_LOGQ)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        kl += h->kl[i];
    for (size_t s = 0; s < jb->samples; s++) {
        NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
        NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
        if ((rc = NAME(vae_decode)(m, h, x, h->zdec)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            recon -= h->ll[b];
        if ((rc = NAME(ggs_gengs_batch_forward)(h->z, h->y, h->logq, h->g, jb->tau, R, n))
            != GGS_OK || (rc = NAME(vae_decode)(m, h, x, h->z)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            relaxed -= h->ll[b];
    }
    if (jb->iw_samples > 0) {
        
#line 2808 "book/20-vae.nw"
/* estimate -log p(x) by importance sampling into iw */
for (size_t b = 0; b < rows; b++) {
    h->iwmax[b] = -HUGE_VAL;
    h->iwsum[b] = 0;
}
for (size_t s = 0; s < jb->iw_samples; s++) {
    NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
    NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
    if ((rc = NAME(vae_decode)(m, h, x, h->zdec)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        double w = h->ll[b];
        for (size_t k = 0; k < K; k++) {
            size_t c = (size_t)h->zdec[b * K + k];
            w += m->logprior[c] - h->logq[(b * K + k) * n + c];
        }
        if (w > h->iwmax[b]) {
            h->iwsum[b] = h->iwsum[b] * exp(h->iwmax[b] - w) + 1;
            h->iwmax[b] = w;
        } else {
            h->iwsum[b] += exp(w - h->iwmax[b]);
        }
    }
}
for (size_t b = 0; b < rows; b++)
    iw -= h->iwmax[b] + log(h->iwsum[b] / (double)jb->iw_samples);
#line 2770 "book/20-vae.nw"
    }
    h->sum_kl = kl;
    h->sum_recon = recon;
    h->sum_relaxed = relaxed;
    h->sum_iw = iw;
    return GGS_OK;
}

int NAME(ggs_vae_evaluate)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x,
                           size_t rows, double tau, size_t samples, size_t iw_samples,
                           ggs_noise *q)
{
    struct NAME(vae_job) jb = { m, VAE_EVALUATE, __func__, x, NULL, tau, 0, 0, 0, samples,
                                iw_samples };
    double kl = 0, recon = 0, relaxed = 0, iw = 0;
    int rc;
    if (samples < 1)
        return ggs_error(GGS_EINVAL, __func__, "samples = 0 (must be >= 1)");
    if ((rc = NAME(vae_check_call)(m, rows, tau, __func__)) != GGS_OK)
        return rc;
    NAME(vae_split)(m, rows, 1, q);
    if ((rc = NAME(vae_run)(&jb, q)) != GGS_OK)
        return rc;
    for (size_t s = 0; s < m->nshards; s++) {
        kl += m->shard[s].sum_kl;
        recon += m->shard[s].sum_recon;
        relaxed += m->shard[s].sum_relaxed;
        iw += m->shard[s].sum_iw;
    }
    st->kl += kl;
    st->recon += recon / (double)samples;
    st->recon_relaxed += relaxed / (double)samples;
    st->iw += iw;
    st->count += rows;
    return GGS_OK;
}
#line 2843 "book/20-vae.nw"
static int NAME(vae_shard_pixels)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h)
{
    const struct NAME(ggs_vae) *m = jb->m;
    size_t R = h->rows * m->c.K, n = m->c.n, D = m->c.D;
    int rc;
    if (jb->op == VAE_RECONSTRUCT) {
        if ((rc = NAME(vae_encode)(m, h, jb->x + h->row0 * D, VAE_LOGQ)) != GGS_OK)
            return rc;
    } else {
        for (size_t i = 0; i < R; i++)
            for (size_t k = 0; k < n; k++)
                h->logq[i * n + k] = (real)m->logprior[k];
    }
    NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
    NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
    if ((rc = NAME(ggs_mlp_forward)(h->dec, NAME(vae_decoder_input)(m, h, h->zdec), h->rows))
        != GGS_OK)
        return rc;
    NAME(ggs_nn_sigmoid_forward)(jb->p + h->row0 * D, NAME(ggs_mlp_output)(h->dec),
                                 h->rows * D);
    return GGS_OK;
}

int NAME(ggs_vae_reconstruct)(struct NAME(ggs_vae) *m, real *p, const real *x, size_t rows,
                              ggs_noise *q)
{
    struct NAME(vae_job) jb = { m, VAE_RECONSTRUCT, __func__, x, p, 1.0, 0, 0, 0, 0, 0 };
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK)
        return rc;
    NAME(vae_split)(m, rows, 1, q);
    return NAME(vae_run)(&jb, q);
}

int NAME(ggs_vae_sample_prior)(struct NAME(ggs_vae) *m, real *p, size_t rows, ggs_noise *q)
{
    struct NAME(vae_job) jb = { m, VAE_SAMPLE, __func__, NULL, p, 1.0, 0, 0, 0, 0, 0 };
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK)
        return rc;
    NAME(vae_split)(m, rows, 1, q);
    return NAME(vae_run)(&jb, q);
}
#line 1794 "book/20-vae.nw"
#undef real
#undef NAME

#define real float
#define NAME(x) x##f
#line 1837 "book/20-vae.nw"
/* One shard: its rows of the batch, its networks' activations. */
struct NAME(vae_shard) {
    size_t cap;             /* rows of a full batch that this shard takes */
    size_t row0, rows;      /* its rows [row0, row0 + rows) in the current call */
    NAME(ggs_mlp) *enc;     /* D -> hidden -> K P, on the shared parameters */
    NAME(ggs_mlp) *dec;     /* K -> hidden reversed -> D */
    NAME(ggs_mlp) *base;    /* NVIL: D -> GGS_VAE_NVIL_HIDDEN -> 1, or NULL */
    NAME(ggs_layer) *layer; /* the fast Poisson layer, or NULL */
    ggs_noise noise;        /* its noise generator in the current call */
    double sum_recon;       /* its sums in the current call */
    double sum_kl, sum_relaxed, sum_iw;
    int rc;                 /* its status in the current call */
    char msg[VAE_MSG_MAX];  /* its message when rc is not GGS_OK */
    double *iwmax;          /* (cap) running maximum of the log importance weights */
    double *iwsum;          /* (cap) running sum of exp(weight - iwmax) */
    real *theta;            /* (cap, K, P) explicit: distribution parameters */
    real *dtheta;           /* (cap, K, P) explicit: d theta / d a */
    real *jac;              /* (cap, K, n, P) explicit: d logq / d a */
    real *dkl;              /* (cap, K, P) explicit: d kl / d a */
    real *q;                /* (cap, K, n) implicit: q(z | x) */
    real *logq;             /* (cap, K, n) log q(z | x), truncated */
    real *kl;               /* (cap, K) KL per latent dimension */
    real *g;                /* (cap, K, n) Gumbel noise */
    real *y;                /* (cap, K, n) relaxed one-hot vectors */
    real *z;                /* (cap, K) relaxed values */
    real *zdec;             /* (cap, K) the decoder's input (discrete or straight-through) */
    real *zstd;             /* (cap, K) standardized decoder input, with c.standardize */
    real *dz;               /* (cap, K) dL / d zdec */
    real *dlogq;            /* (cap, K, n) dL / d logq along the sample path */
    real *da;               /* (cap, K P) dL / da, a the encoder's output */
    real *ll;               /* (cap) log p(x | z) */
    real *dll;              /* (cap) dL / d ll */
    real *dlogits;          /* (cap, D) dL / d logits */
    double *fbar;           /* (cap) MuProp: f at the mean, -log p(x | zbar) */
    real *dbase;            /* (cap) NVIL: dL / d baseline */
    real *dzbar;            /* (cap, K) MuProp: df / dz at the mean */
};
#line 1887 "book/20-vae.nw"
struct NAME(ggs_vae) {
    ggs_vae_config c;       /* the configuration */
    size_t P;               /* encoder outputs per latent dimension */
    size_t nenc;            /* encoder parameters; the decoder's follow */
    size_t ndec;            /* decoder parameters; NVIL's baseline network's follow */
    size_t nparams;         /* encoder + decoder parameters */
    size_t nshards;         /* min(c.shards, c.batch / group) */
    size_t group;           /* rows per image in a training batch: c.samples for RF*, else 1 */
    int use_layer;          /* explicit Poisson, relaxed: the batched layer of src/layer.c */
    real *params;           /* (nparams) encoder, then decoder */
    real *grads;            /* (nparams) the gradient, summed over the shards */
    NAME(ggs_adam) *opt;    /* Adam over the whole parameter block */
    double *logprior;       /* (n) the prior's truncated log-pmf */
    double zmean, zisd;     /* its mean and 1 / standard deviation (c.standardize) */
    struct NAME(vae_shard) shard[GGS_VAE_MAX_SHARDS];
    unsigned char *mem;     /* the one block of logprior and the shards' arrays */
};
#line 1918 "book/20-vae.nw"
static size_t NAME(vae_walk)(struct NAME(ggs_vae) *m, unsigned char *base)
{
    size_t off = 0, K = m->c.K, n = m->c.n, D = m->c.D;
    size_t Pe = m->c.implicit ? 0 : m->P;   /* explicit-only arrays */
    size_t ni = m->c.implicit ? n : 0;      /* implicit-only arrays */
    size_t nm = m->c.estimator == GGS_VAE_MUPROP;   /* MuProp-only arrays */
    size_t nv = m->c.estimator == GGS_VAE_NVIL;     /* NVIL-only arrays */
    m->logprior = vae_take(base, &off, n * sizeof(double));
    for (size_t s = 0; s < m->nshards; s++) {
        struct NAME(vae_shard) *h = &m->shard[s];
        size_t B = h->cap;
        h->iwmax    = vae_take(base, &off, B * sizeof(double));
        h->iwsum    = vae_take(base, &off, B * sizeof(double));
        h->theta    = vae_take(base, &off, B * K * Pe * sizeof(real));
        h->dtheta   = vae_take(base, &off, B * K * Pe * sizeof(real));
        h->jac      = vae_take(base, &off, B * K * n * Pe * sizeof(real));
        h->dkl      = vae_take(base, &off, B * K * Pe * sizeof(real));
        h->q        = vae_take(base, &off, B * K * ni * sizeof(real));
        h->logq     = vae_take(base, &off, B * K * n * sizeof(real));
        h->kl       = vae_take(base, &off, B * K * sizeof(real));
        h->g        = vae_take(base, &off, B * K * n * sizeof(real));
        h->y        = vae_take(base, &off, B * K * n * sizeof(real));
        h->z        = vae_take(base, &off, B * K * sizeof(real));
        h->zdec     = vae_take(base, &off, B * K * sizeof(real));
        h->zstd     = vae_take(base, &off, (m->c.standardize ? B * K : 0) * sizeof(real));
        h->dz       = vae_take(base, &off, B * K * sizeof(real));
        h->dlogq    = vae_take(base, &off, B * K * n * sizeof(real));
        h->da       = vae_take(base, &off, B * K * m->P * sizeof(real));
        h->ll       = vae_take(base, &off, B * sizeof(real));
        h->dll      = vae_take(base, &off, B * sizeof(real));
        h->dlogits  = vae_take(base, &off, B * D * sizeof(real));
        h->fbar     = vae_take(base, &off, B * nm * sizeof(double));
        h->dzbar    = vae_take(base, &off, B * K * nm * sizeof(real));
        h->dbase    = vae_take(base, &off, B * nv * sizeof(real));
    }
    return off;
}
#line 2046 "book/20-vae.nw"
struct NAME(ggs_vae) *NAME(ggs_vae_alloc)(const ggs_vae_config *c, unsigned long seed)
{
    ggs_mlp_spec enc[GGS_VAE_MAX_HIDDEN + 2], dec[GGS_VAE_MAX_HIDDEN + 2];
    ggs_mlp_spec base[3] = { { c->D, GGS_NN_BINARY_INPUT }, { GGS_VAE_NVIL_HIDDEN, GGS_NN_TANH },
                             { 1, GGS_NN_IDENTITY } };
    struct NAME(ggs_vae) *m;
    size_t P, ne, nd, nb = 0, ns = c->nhidden + 2, bytes, S, G;
    gsl_rng *r;
    if (vae_check_config(c, enc, dec, &P, __func__) != GGS_OK
        || ggs_mlp_count(&ne, enc, ns) != GGS_OK || ggs_mlp_count(&nd, dec, ns) != GGS_OK
        || (c->estimator == GGS_VAE_NVIL && ggs_mlp_count(&nb, base, 3) != GGS_OK))
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    m->c = *c;
    m->P = P;
    m->nenc = ne;
    m->ndec = nd;
    m->nparams = ne + nd + nb;
    m->group = c->estimator == GGS_VAE_RFSTAR ? c->samples : 1;
    G = c->batch / m->group;
    m->nshards = S = c->shards < G ? c->shards : G;
    for (size_t s = 0; s < S; s++)   /* room for the most rows any split gives it */
        m->shard[s].cap = m->group == 1 ? G / S + (s < G % S) : (G + S - 1) / S * m->group;
    m->use_layer = c->prior.family == GGS_POISSON && !c->implicit && !c->straight_through
                   && c->estimator == GGS_VAE_GENGS;
    
#line 2097 "book/20-vae.nw"
/* create the blocks, networks, optimizer and layers of a model */
bytes = NAME(vae_walk)(m, NULL);
m->params = calloc(m->nparams, sizeof(real));
m->grads = calloc(m->nparams, sizeof(real));
m->mem = aligned_alloc(64, bytes);
if (m->params == NULL || m->grads == NULL || m->mem == NULL) {
    NAME(ggs_vae_free)(m);
    ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters, %zu shards, %zu bytes of "
              "buffers)", ne + nd + nb, S, bytes);
    return NULL;
}
NAME(vae_walk)(m, m->mem);
for (size_t s = 0; s < S; s++) {
    struct NAME(vae_shard) *h = &m->shard[s];
    h->enc = NAME(ggs_mlp_alloc)(h->cap, enc, ns, m->params, m->grads);
    h->dec = h->enc == NULL ? NULL
             : NAME(ggs_mlp_alloc)(h->cap, dec, ns, m->params + ne, m->grads + ne);
    if (h->dec != NULL && m->use_layer)
        h->layer = NAME(ggs_layer_alloc)(h->cap, c->K, c->n);
    if (h->dec != NULL && nb > 0)
        h->base = NAME(ggs_mlp_alloc)(h->cap, base, 3, m->params + ne + nd,
                                      m->grads + ne + nd);
    if (h->dec == NULL || (m->use_layer && h->layer == NULL) || (nb > 0 && h->base == NULL)) {
        NAME(ggs_vae_free)(m);   /* the message of the failed call stays */
        return NULL;
    }
}
if ((m->opt = NAME(ggs_adam_alloc)(m->nparams, &c->adam)) == NULL) {
    NAME(ggs_vae_free)(m);
    return NULL;
}
#line 2075 "book/20-vae.nw"
    
#line 2131 "book/20-vae.nw"
/* tabulate the prior and initialize the weights */
r = ggs_rng_new(seed);
if (r == NULL || ggs_truncated_logpmf(m->logprior, &c->prior, 0, c->n) != GGS_OK
    || NAME(ggs_mlp_init)(m->shard[0].enc, r) != GGS_OK
    || NAME(ggs_mlp_init)(m->shard[0].dec, r) != GGS_OK
    || (nb > 0 && NAME(ggs_mlp_init)(m->shard[0].base, r) != GGS_OK)) {
    if (r == NULL)
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
    ggs_rng_free(r);
    NAME(ggs_vae_free)(m);
    return NULL;
}
ggs_rng_free(r);
#line 2156 "book/20-vae.nw"
/* the truncated prior's mean and standard deviation */
{
    double s1 = 0, s2 = 0;
    for (size_t k = 0; k < c->n; k++) {
        double pk = exp(m->logprior[k]);
        s1 += pk * (double)k;
        s2 += pk * (double)k * (double)k;
    }
    m->zmean = s1;
    m->zisd = s2 - s1 * s1 > 0 ? 1 / sqrt(s2 - s1 * s1) : 1;
}
#line 2076 "book/20-vae.nw"
    return m;
}

void NAME(ggs_vae_free)(struct NAME(ggs_vae) *m)
{
    if (m == NULL)
        return;
    for (size_t s = 0; s < m->nshards; s++) {
        NAME(ggs_mlp_free)(m->shard[s].enc);
        NAME(ggs_mlp_free)(m->shard[s].dec);
        NAME(ggs_mlp_free)(m->shard[s].base);
        NAME(ggs_layer_free)(m->shard[s].layer);
    }
    NAME(ggs_adam_free)(m->opt);
    free(m->params);
    free(m->grads);
    free(m->mem);
    free(m);
}
#line 2168 "book/20-vae.nw"
size_t NAME(ggs_vae_nparams)(const struct NAME(ggs_vae) *m)
{
    return m->nparams;
}

real *NAME(ggs_vae_params)(struct NAME(ggs_vae) *m)
{
    return m->params;
}

real *NAME(ggs_vae_grads)(struct NAME(ggs_vae) *m)
{
    return m->grads;
}

int NAME(ggs_vae_save)(FILE *f, const struct NAME(ggs_vae) *m)
{
    return NAME(ggs_nn_save)(f, m->params, m->nparams, m->opt);
}

int NAME(ggs_vae_load)(FILE *f, struct NAME(ggs_vae) *m)
{
    return NAME(ggs_nn_load)(f, m->params, m->nparams, m->opt);
}
#line 2210 "book/20-vae.nw"
struct NAME(vae_job) {
    struct NAME(ggs_vae) *m;
    enum vae_op op;
    const char *func;       /* the public function, for messages */
    const real *x;          /* (rows, D) pixels, or NULL */
    real *p;                /* (rows, D) output pixel probabilities, or NULL */
    double tau;
    real w;                 /* the weight of one example in the loss: 1 / rows */
    int backward, layer;
    size_t samples, iw_samples;
};

/* Split rows, in whole groups of group rows, among the shards; shard 0 continues q,
   shard s starts s jumps ahead. */
static void NAME(vae_split)(struct NAME(ggs_vae) *m, size_t rows, size_t group,
                            const ggs_noise *q)
{
    size_t S = m->nshards, row0 = 0, G = rows / group;
    for (size_t s = 0; s < S; s++) {
        struct NAME(vae_shard) *h = &m->shard[s];
        h->rows = (G / S + (s < G % S)) * group;
        h->row0 = row0;
        row0 += h->rows;
        h->noise = s == 0 ? *q : m->shard[s - 1].noise;
        if (s > 0)
            ggs_noise_jump(&h->noise);
        h->sum_recon = h->sum_kl = h->sum_relaxed = h->sum_iw = 0;
        h->rc = GGS_OK;
    }
}
#line 2248 "book/20-vae.nw"
static int NAME(vae_shard_loss)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h);
static int NAME(vae_shard_evaluate)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h);
static int NAME(vae_shard_pixels)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h);

static void NAME(vae_shard_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(vae_job) *jb = ctx;
    for (size_t s = lo; s < hi; s++) {
        struct NAME(vae_shard) *h = &jb->m->shard[s];
        if (h->rows == 0)
            continue;
        switch (jb->op) {
        case VAE_LOSS:
            h->rc = NAME(vae_shard_loss)(jb, h);
            break;
        case VAE_EVALUATE:
            h->rc = NAME(vae_shard_evaluate)(jb, h);
            break;
        default:
            h->rc = NAME(vae_shard_pixels)(jb, h);
            break;
        }
        if (h->rc != GGS_OK)
            snprintf(h->msg, sizeof h->msg, "%s", ggs_last_error());
    }
}

static int NAME(vae_run)(const struct NAME(vae_job) *jb, ggs_noise *q)
{
    struct NAME(ggs_vae) *m = jb->m;
    ggs_nn_parallel(NAME(vae_shard_task), (void *)jb, m->nshards, 1);
    *q = m->shard[0].noise;
    for (size_t s = 0; s < m->nshards; s++)
        if (m->shard[s].rc != GGS_OK)
            return ggs_error_restore(m->shard[s].rc, m->shard[s].msg);
    return GGS_OK;
}
#line 2291 "book/20-vae.nw"
static int NAME(vae_weights)(struct NAME(ggs_vae) *m)
{
    NAME(ggs_mlp) *enc[GGS_VAE_MAX_SHARDS], *dec[GGS_VAE_MAX_SHARDS];
    NAME(ggs_mlp) *base[GGS_VAE_MAX_SHARDS];
    int rc;
    for (size_t s = 0; s < m->nshards; s++) {
        enc[s] = m->shard[s].enc;
        dec[s] = m->shard[s].dec;
        base[s] = m->shard[s].base;
    }
    if ((rc = NAME(ggs_mlp_backward_weights)(enc, m->nshards)) != GGS_OK
        || (base[0] != NULL && (rc = NAME(ggs_mlp_backward_weights)(base, m->nshards))
            != GGS_OK))
        return rc;
    return NAME(ggs_mlp_backward_weights)(dec, m->nshards);
}
#line 2321 "book/20-vae.nw"
static int NAME(vae_check_call)(const struct NAME(ggs_vae) *m, size_t rows, double tau,
                                const char *func)
{
    if (rows < 1 || rows > m->c.batch)
        return ggs_error(GGS_EINVAL, func, "rows = %zu (must be in [1, %zu])", rows,
                         m->c.batch);
    return ggs_check_range(tau, "tau", func, 0, 0, HUGE_VAL, 0);
}

/* encoder, then the latent kernel: logq, kl (and q or theta, dkl, and jac if asked),
   or with VAE_RATES (explicit Poisson only) theta, dtheta, kl and dkl */
static int NAME(vae_encode)(const struct NAME(ggs_vae) *m, struct NAME(vae_shard) *h,
                            const real *x, enum vae_need need)
{
    const real *a;
    size_t R = h->rows * m->c.K;
    int rc = NAME(ggs_mlp_forward)(h->enc, x, h->rows);
    if (rc != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(h->enc);
    if (m->c.implicit)
        return NAME(ggs_latent_implicit)(h->logq, h->q, h->kl, a, m->logprior, R, m->c.n);
    if (need == VAE_RATES)
        return NAME(ggs_latent_poisson_kl)(h->theta, h->dtheta, h->kl, h->dkl, a, &m->c.prior,
                                           R, m->c.n);
    return NAME(ggs_latent_explicit)(h->theta, h->dtheta, h->logq,
                                     need == VAE_LOGQ_JAC ? h->jac : NULL,
                                     h->kl, h->dkl, a, m->c.prior.family, m->logprior, R,
                                     m->c.n);
}

/* what the decoder reads for the values zin: zin, or (zin - mean) / sd in zstd */
static const real *NAME(vae_decoder_input)(const struct NAME(ggs_vae) *m,
                                           struct NAME(vae_shard) *h, const real *zin)
{
    size_t R = h->rows * m->c.K;
    if (!m->c.standardize)
        return zin;
    for (size_t i = 0; i < R; i++)
        h->zstd[i] = (real)(((double)zin[i] - m->zmean) * m->zisd);
    return h->zstd;
}

/* decoder on zin (through vae_decoder_input), then ll = log p(x | zin) */
static int NAME(vae_decode)(const struct NAME(ggs_vae) *m, struct NAME(vae_shard) *h,
                            const real *x, const real *zin)
{
    int rc = NAME(ggs_mlp_forward)(h->dec, NAME(vae_decoder_input)(m, h, zin), h->rows);
    if (rc != GGS_OK)
        return rc;
    NAME(ggs_nn_bernoulli_forward)(h->ll, x, NAME(ggs_mlp_output)(h->dec), h->rows, m->c.D);
    return GGS_OK;
}
#line 2380 "book/20-vae.nw"
static int NAME(vae_draw)(const real **zin, const struct NAME(ggs_vae) *m,
                          struct NAME(vae_shard) *h, double tau, int layer)
{
    size_t R = h->rows * m->c.K, n = m->c.n;
    int rc;
    if (layer) {
        *zin = h->z;
        return NAME(ggs_layer_forward)(h->layer, h->z, h->theta, tau, &h->noise);
    }
    NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
    if (m->c.estimator != GGS_VAE_GENGS) {     /* discrete samples only */
        NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
        *zin = h->zdec;
        return GGS_OK;
    }
    rc = NAME(ggs_gengs_batch_forward)(h->z, h->y, h->logq, h->g, tau, R, n);
    if (rc != GGS_OK)
        return rc;
    *zin = h->z;
    if (m->c.straight_through) {
        NAME(ggs_gengs_batch_hard)(h->zdec, h->y, R, n);
        *zin = h->zdec;
    }
    return GGS_OK;
}
#line 2416 "book/20-vae.nw"
static int NAME(vae_shard_loss)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h)
{
    const struct NAME(ggs_vae) *m = jb->m;
    size_t K = m->c.K, rows = h->rows, R = rows * K;
    const real *x = jb->x + h->row0 * m->c.D, *zin;
    double recon = 0, kl = 0, tau = jb->tau;
    int rc;
    enum vae_need need = jb->layer ? VAE_RATES : jb->backward ? VAE_LOGQ_JAC : VAE_LOGQ;
    if ((rc = NAME(vae_encode)(m, h, x, need)) != GGS_OK)
        return rc;
    if (jb->backward && m->c.estimator == GGS_VAE_MUPROP) {
        
#line 2635 "book/20-vae.nw"
/* MuProp: f and its gradient at the mean zbar of q */
{
    size_t n = m->c.n;
    for (size_t i = 0; i < R; i++) {                  /* zbar into z */
        double mean = 0;
        for (size_t j = 1; j < n; j++)
            mean += (double)j * exp((double)h->logq[i * n + j]);
        h->z[i] = (real)mean;
    }
    if ((rc = NAME(vae_decode)(m, h, x, h->z)) != GGS_OK)
        return rc;
    ggs_nn_zero(h->dlogits, rows * m->c.D * sizeof(real));
    for (size_t b = 0; b < rows; b++) {
        h->fbar[b] = -(double)h->ll[b];
        h->dll[b] = -1;
    }
    NAME(ggs_nn_bernoulli_backward)(h->dlogits, h->dll, x, NAME(ggs_mlp_output)(h->dec), rows,
                                    m->c.D);
    memset(h->dzbar, 0, R * sizeof(real));
    if ((rc = NAME(ggs_mlp_backward_deltas)(h->dec, h->dzbar,
                                             m->c.standardize ? h->zstd : h->z,
                                             h->dlogits)) != GGS_OK)
        return rc;
    if (m->c.standardize)
        for (size_t i = 0; i < R; i++)
            h->dzbar[i] = (real)((double)h->dzbar[i] * m->zisd);
}
#line 2428 "book/20-vae.nw"
    }
    if ((rc = NAME(vae_draw)(&zin, m, h, tau, jb->layer)) != GGS_OK
        || (rc = NAME(vae_decode)(m, h, x, zin)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        recon -= h->ll[b];
        for (size_t k = 0; k < K; k++)
            kl += h->kl[b * K + k];
    }
    if (!isfinite(recon + kl))
        return ggs_error(GGS_ERANGE, jb->func, "the loss is not finite (reconstruction %g, "
                         "KL %g)", recon, kl);
    h->sum_recon = recon;
    h->sum_kl = kl;
    if (jb->backward) {
        
#line 2490 "book/20-vae.nw"
/* back-propagate the shard's part of the mean loss to every parameter */
real w = jb->w;
real *dzout = m->c.estimator == GGS_VAE_GENGS ? h->dz : NULL;  /* score functions: none */
ggs_nn_zero(h->dlogits, rows * m->c.D * sizeof(real));
memset(h->dz, 0, R * sizeof(real));
ggs_nn_zero(h->da, R * m->P * sizeof(real));
for (size_t b = 0; b < rows; b++)
    h->dll[b] = -w;
NAME(ggs_nn_bernoulli_backward)(h->dlogits, h->dll, x, NAME(ggs_mlp_output)(h->dec), rows,
                                m->c.D);
if ((rc = NAME(ggs_mlp_backward_deltas)(h->dec, dzout, m->c.standardize ? h->zstd : zin,
                                         h->dlogits)) != GGS_OK)
    return rc;
if (m->c.standardize)       /* from d/d zstd to d/d z */
    for (size_t i = 0; i < R; i++)
        h->dz[i] = (real)((double)h->dz[i] * m->zisd);
#line 2519 "book/20-vae.nw"
/* back-propagate dz through the sample to the encoder's output */
ggs_nn_zero(h->dlogq, R * m->c.n * sizeof(real));
if (jb->layer) {
    if ((rc = NAME(ggs_layer_backward)(h->layer, h->dlogq, h->dz)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        h->da[i] += h->dlogq[i] * h->dtheta[i];
} else {
    if (m->c.estimator == GGS_VAE_RFSTAR) {
        
#line 2589 "book/20-vae.nw"
/* put the RF* estimate of the sample path's dL/dlogq into dlogq */
{
    size_t S = m->group, n = m->c.n;
    for (size_t g0 = 0; g0 < rows; g0 += S) {
        double sum = 0;
        for (size_t s = 0; s < S; s++)
            sum -= (double)h->ll[g0 + s];
        for (size_t s = 0; s < S; s++) {
            size_t r = g0 + s;
            double f = -(double)h->ll[r], base = (sum - f) / (double)(S - 1);
            real signal = (real)((double)w * (f - base));
            for (size_t k = 0; k < m->c.K; k++)
                h->dlogq[(r * m->c.K + k) * n + (size_t)h->zdec[r * m->c.K + k]] = signal;
        }
    }
}
#line 2529 "book/20-vae.nw"
    } else if (m->c.estimator == GGS_VAE_MUPROP) {
        
#line 2664 "book/20-vae.nw"
/* put the MuProp estimate of the sample path's dL/dlogq into dlogq */
{
    size_t n = m->c.n;
    for (size_t r = 0; r < rows; r++) {
        double taylor = h->fbar[r], signal;
        for (size_t k = 0; k < K; k++)
            taylor += (double)h->dzbar[r * K + k]
                      * ((double)h->zdec[r * K + k] - (double)h->z[r * K + k]);
        signal = (double)w * (-(double)h->ll[r] - taylor);
        for (size_t k = 0; k < K; k++) {
            real *d = h->dlogq + (r * K + k) * n;
            double wd = (double)w * (double)h->dzbar[r * K + k];
            for (size_t j = 1; j < n; j++)
                d[j] = (real)(wd * (double)j * exp((double)h->logq[(r * K + k) * n + j]));
            d[(size_t)h->zdec[r * K + k]] += (real)signal;
        }
    }
}
#line 2531 "book/20-vae.nw"
    } else if (m->c.estimator == GGS_VAE_NVIL) {
        
#line 2705 "book/20-vae.nw"
/* put the NVIL estimate of the sample path's dL/dlogq into dlogq, and train the baseline */
{
    const real *b;
    size_t n = m->c.n;
    if ((rc = NAME(ggs_mlp_forward)(h->base, x, rows)) != GGS_OK)
        return rc;
    b = NAME(ggs_mlp_output)(h->base);
    for (size_t r = 0; r < rows; r++) {
        double err = -(double)h->ll[r] - (double)b[r];   /* f - b(x) */
        real signal = (real)((double)w * err);
        h->dbase[r] = -signal;
        for (size_t k = 0; k < m->c.K; k++)
            h->dlogq[(r * m->c.K + k) * n + (size_t)h->zdec[r * m->c.K + k]] = signal;
    }
    if ((rc = NAME(ggs_mlp_backward_deltas)(h->base, NULL, x, h->dbase)) != GGS_OK)
        return rc;
}
#line 2533 "book/20-vae.nw"
    } else {
        NAME(ggs_gengs_batch_backward)(h->dlogq, h->dz, h->z, h->y, tau, R, m->c.n);
    }
    if (m->c.implicit)
        NAME(ggs_latent_implicit_backward)(h->da, h->dlogq, h->logq, h->q, h->kl, m->logprior,
                                           w, R, m->c.n);
    else
        NAME(ggs_latent_chain)(h->da, h->dlogq, h->jac, R, m->c.n, m->P);
}
#line 2507 "book/20-vae.nw"
if (!m->c.implicit)
    for (size_t i = 0; i < R * m->P; i++)
        h->da[i] += w * h->dkl[i];
if ((rc = NAME(ggs_mlp_backward_deltas)(h->enc, NULL, x, h->da)) != GGS_OK)
    return rc;
#line 2444 "book/20-vae.nw"
    }
    return GGS_OK;
}

/* The loss and, with backward, the gradient summed over the shards. */
static int NAME(vae_loss_shards)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x,
                                 size_t rows, double tau, ggs_noise *q, int backward,
                                 const char *func)
{
    struct NAME(vae_job) jb = { m, VAE_LOSS, func, x, NULL, tau,
                                (real)(1.0 / (double)rows), backward,
                                m->use_layer && rows == m->c.batch, 0, 0 };
    double recon = 0, kl = 0;
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, tau, func)) != GGS_OK)
        return rc;
    if (rows % m->group != 0)
        return ggs_error(GGS_EINVAL, func, "rows = %zu is not a multiple of samples = %zu "
                         "(RF* takes each image's samples in consecutive rows)", rows,
                         m->group);
    NAME(vae_split)(m, rows, m->group, q);
    if ((rc = NAME(vae_run)(&jb, q)) != GGS_OK
        || (backward && (rc = NAME(vae_weights)(m)) != GGS_OK))
        return rc;
    for (size_t s = 0; s < m->nshards; s++) {
        recon += m->shard[s].sum_recon;
        kl += m->shard[s].sum_kl;
    }
    st->recon += recon;
    st->kl += kl;
    st->count += rows;
    return GGS_OK;
}

int NAME(ggs_vae_loss)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, size_t rows,
                       double tau, ggs_noise *q, int backward)
{
    return NAME(vae_loss_shards)(m, st, x, rows, tau, q, backward, __func__);
}
#line 2725 "book/20-vae.nw"
int NAME(ggs_vae_step)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, double tau,
                       ggs_noise *q)
{
    int rc = NAME(vae_loss_shards)(m, st, x, m->c.batch, tau, q, 1, __func__);
    if (rc != GGS_OK)
        return rc;
    return NAME(ggs_adam_step)(m->opt, m->params, m->grads, NULL);
}
#line 2744 "book/20-vae.nw"
static int NAME(vae_shard_evaluate)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h)
{
    const struct NAME(ggs_vae) *m = jb->m;
    size_t K = m->c.K, n = m->c.n, rows = h->rows, R = rows * K;
    const real *x = jb->x + h->row0 * m->c.D;
    double kl = 0, recon = 0, relaxed = 0, iw = 0;
    int rc;
    if ((rc = NAME(vae_encode)(m, h, x, VAE_LOGQ)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        kl += h->kl[i];
    for (size_t s = 0; s < jb->samples; s++) {
        NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
        NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
        if ((rc = NAME(vae_decode)(m, h, x, h->zdec)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            recon -= h->ll[b];
        if ((rc = NAME(ggs_gengs_batch_forward)(h->z, h->y, h->logq, h->g, jb->tau, R, n))
            != GGS_OK || (rc = NAME(vae_decode)(m, h, x, h->z)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            relaxed -= h->ll[b];
    }
    if (jb->iw_samples > 0) {
        
#line 2808 "book/20-vae.nw"
/* estimate -log p(x) by importance sampling into iw */
for (size_t b = 0; b < rows; b++) {
    h->iwmax[b] = -HUGE_VAL;
    h->iwsum[b] = 0;
}
for (size_t s = 0; s < jb->iw_samples; s++) {
    NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
    NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
    if ((rc = NAME(vae_decode)(m, h, x, h->zdec)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        double w = h->ll[b];
        for (size_t k = 0; k < K; k++) {
            size_t c = (size_t)h->zdec[b * K + k];
            w += m->logprior[c] - h->logq[(b * K + k) * n + c];
        }
        if (w > h->iwmax[b]) {
            h->iwsum[b] = h->iwsum[b] * exp(h->iwmax[b] - w) + 1;
            h->iwmax[b] = w;
        } else {
            h->iwsum[b] += exp(w - h->iwmax[b]);
        }
    }
}
for (size_t b = 0; b < rows; b++)
    iw -= h->iwmax[b] + log(h->iwsum[b] / (double)jb->iw_samples);
#line 2770 "book/20-vae.nw"
    }
    h->sum_kl = kl;
    h->sum_recon = recon;
    h->sum_relaxed = relaxed;
    h->sum_iw = iw;
    return GGS_OK;
}

int NAME(ggs_vae_evaluate)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x,
                           size_t rows, double tau, size_t samples, size_t iw_samples,
                           ggs_noise *q)
{
    struct NAME(vae_job) jb = { m, VAE_EVALUATE, __func__, x, NULL, tau, 0, 0, 0, samples,
                                iw_samples };
    double kl = 0, recon = 0, relaxed = 0, iw = 0;
    int rc;
    if (samples < 1)
        return ggs_error(GGS_EINVAL, __func__, "samples = 0 (must be >= 1)");
    if ((rc = NAME(vae_check_call)(m, rows, tau, __func__)) != GGS_OK)
        return rc;
    NAME(vae_split)(m, rows, 1, q);
    if ((rc = NAME(vae_run)(&jb, q)) != GGS_OK)
        return rc;
    for (size_t s = 0; s < m->nshards; s++) {
        kl += m->shard[s].sum_kl;
        recon += m->shard[s].sum_recon;
        relaxed += m->shard[s].sum_relaxed;
        iw += m->shard[s].sum_iw;
    }
    st->kl += kl;
    st->recon += recon / (double)samples;
    st->recon_relaxed += relaxed / (double)samples;
    st->iw += iw;
    st->count += rows;
    return GGS_OK;
}
#line 2843 "book/20-vae.nw"
static int NAME(vae_shard_pixels)(const struct NAME(vae_job) *jb, struct NAME(vae_shard) *h)
{
    const struct NAME(ggs_vae) *m = jb->m;
    size_t R = h->rows * m->c.K, n = m->c.n, D = m->c.D;
    int rc;
    if (jb->op == VAE_RECONSTRUCT) {
        if ((rc = NAME(vae_encode)(m, h, jb->x + h->row0 * D, VAE_LOGQ)) != GGS_OK)
            return rc;
    } else {
        for (size_t i = 0; i < R; i++)
            for (size_t k = 0; k < n; k++)
                h->logq[i * n + k] = (real)m->logprior[k];
    }
    NAME(ggs_noise_gumbel)(h->g, R * n, &h->noise);
    NAME(ggs_gumbel_max_batch)(h->zdec, h->logq, h->g, R, n);
    if ((rc = NAME(ggs_mlp_forward)(h->dec, NAME(vae_decoder_input)(m, h, h->zdec), h->rows))
        != GGS_OK)
        return rc;
    NAME(ggs_nn_sigmoid_forward)(jb->p + h->row0 * D, NAME(ggs_mlp_output)(h->dec),
                                 h->rows * D);
    return GGS_OK;
}

int NAME(ggs_vae_reconstruct)(struct NAME(ggs_vae) *m, real *p, const real *x, size_t rows,
                              ggs_noise *q)
{
    struct NAME(vae_job) jb = { m, VAE_RECONSTRUCT, __func__, x, p, 1.0, 0, 0, 0, 0, 0 };
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK)
        return rc;
    NAME(vae_split)(m, rows, 1, q);
    return NAME(vae_run)(&jb, q);
}

int NAME(ggs_vae_sample_prior)(struct NAME(ggs_vae) *m, real *p, size_t rows, ggs_noise *q)
{
    struct NAME(vae_job) jb = { m, VAE_SAMPLE, __func__, NULL, p, 1.0, 0, 0, 0, 0, 0 };
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK)
        return rc;
    NAME(vae_split)(m, rows, 1, q);
    return NAME(vae_run)(&jb, q);
}
#line 1800 "book/20-vae.nw"
/** @endcond */
