#line 1375 "book/12-vae.nw"
/* Generated from book/12-vae.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gengs.h"

#line 1443 "book/12-vae.nw"
/* Reserve bytes at *off (64-byte aligned); NULL when only sizing. */
static void *vae_take(unsigned char *base, size_t *off, size_t bytes)
{
    void *p = base != NULL ? base + *off : NULL;
    *off += (bytes + 63) / 64 * 64;
    return p;
}
#line 1490 "book/12-vae.nw"
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
    if (H < 1 || H > GGS_VAE_MAX_HIDDEN)
        return ggs_error(GGS_EINVAL, func, "%zu hidden layers (must be 1..%d)", H,
                         GGS_VAE_MAX_HIDDEN);
    *P = c->implicit ? c->n : ggs_latent_nparam(c->prior.family);
    if (c->K > SIZE_MAX / *P)
        return ggs_error(GGS_EINVAL, func, "K = %zu is too large", c->K);
    enc[0].size = c->D;
    enc[0].act = GGS_NN_IDENTITY;
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

#line 1384 "book/12-vae.nw"
/** @cond GGS_TEMPLATE (the header documents these) */
#define real double
#define NAME(x) x
#line 1405 "book/12-vae.nw"
struct NAME(ggs_vae) {
    ggs_vae_config c;       /* the configuration */
    size_t P;               /* encoder outputs per latent dimension */
    size_t nenc;            /* encoder parameters; the decoder's follow */
    size_t nparams;         /* encoder + decoder parameters */
    int use_layer;          /* explicit Poisson, relaxed: the layer of chapter 7 */
    real *params;           /* (nparams) encoder, then decoder */
    real *grads;            /* (nparams) the same layout */
    NAME(ggs_mlp) *enc;     /* D -> hidden -> K P */
    NAME(ggs_mlp) *dec;     /* K -> hidden reversed -> D */
    NAME(ggs_adam) *opt;    /* Adam over the whole parameter block */
    NAME(ggs_layer) *layer; /* the fast Poisson layer, or NULL */
    double *logprior;       /* (n) the prior's truncated log-pmf */
    double *iwmax;          /* (B) running maximum of the log importance weights */
    double *iwsum;          /* (B) running sum of exp(weight - iwmax) */
    real *theta;            /* (B, K, P) explicit: distribution parameters */
    real *dtheta;           /* (B, K, P) explicit: d theta / d a */
    real *jac;              /* (B, K, n, P) explicit: d logq / d a */
    real *dkl;              /* (B, K, P) explicit: d kl / d a */
    real *q;                /* (B, K, n) implicit: q(z | x) */
    real *logq;             /* (B, K, n) log q(z | x), truncated */
    real *kl;               /* (B, K) KL per latent dimension */
    real *g;                /* (B, K, n) Gumbel noise */
    real *y;                /* (B, K, n) relaxed one-hot vectors */
    real *z;                /* (B, K) relaxed values */
    real *zdec;             /* (B, K) the decoder's input */
    real *dz;               /* (B, K) dL / d zdec */
    real *dlogq;            /* (B, K, n) dL / d logq along the sample path */
    real *da;               /* (B, K P) dL / da, a the encoder's output */
    real *ll;               /* (B) log p(x | z) */
    real *dll;              /* (B) dL / d ll */
    real *dlogits;          /* (B, D) dL / d logits */
    real *pix;              /* (B, D) pixel probabilities */
    unsigned char *mem;     /* the one block the arrays above live in */
};
#line 1452 "book/12-vae.nw"
static size_t NAME(vae_walk)(struct NAME(ggs_vae) *m, unsigned char *base)
{
    size_t off = 0, B = m->c.batch, K = m->c.K, n = m->c.n, D = m->c.D;
    size_t Pe = m->c.implicit ? 0 : m->P;   /* explicit-only arrays */
    size_t ni = m->c.implicit ? n : 0;      /* implicit-only arrays */
    m->logprior = vae_take(base, &off, n * sizeof(double));
    m->iwmax    = vae_take(base, &off, B * sizeof(double));
    m->iwsum    = vae_take(base, &off, B * sizeof(double));
    m->theta    = vae_take(base, &off, B * K * Pe * sizeof(real));
    m->dtheta   = vae_take(base, &off, B * K * Pe * sizeof(real));
    m->jac      = vae_take(base, &off, B * K * n * Pe * sizeof(real));
    m->dkl      = vae_take(base, &off, B * K * Pe * sizeof(real));
    m->q        = vae_take(base, &off, B * K * ni * sizeof(real));
    m->logq     = vae_take(base, &off, B * K * n * sizeof(real));
    m->kl       = vae_take(base, &off, B * K * sizeof(real));
    m->g        = vae_take(base, &off, B * K * n * sizeof(real));
    m->y        = vae_take(base, &off, B * K * n * sizeof(real));
    m->z        = vae_take(base, &off, B * K * sizeof(real));
    m->zdec     = vae_take(base, &off, B * K * sizeof(real));
    m->dz       = vae_take(base, &off, B * K * sizeof(real));
    m->dlogq    = vae_take(base, &off, B * K * n * sizeof(real));
    m->da       = vae_take(base, &off, B * K * m->P * sizeof(real));
    m->ll       = vae_take(base, &off, B * sizeof(real));
    m->dll      = vae_take(base, &off, B * sizeof(real));
    m->dlogits  = vae_take(base, &off, B * D * sizeof(real));
    m->pix      = vae_take(base, &off, B * D * sizeof(real));
    return off;
}
#line 1547 "book/12-vae.nw"
struct NAME(ggs_vae) *NAME(ggs_vae_alloc)(const ggs_vae_config *c, unsigned long seed)
{
    ggs_mlp_spec enc[GGS_VAE_MAX_HIDDEN + 2], dec[GGS_VAE_MAX_HIDDEN + 2];
    struct NAME(ggs_vae) *m;
    size_t P, ne, nd, ns = c->nhidden + 2, bytes;
    gsl_rng *r;
    if (vae_check_config(c, enc, dec, &P, __func__) != GGS_OK
        || ggs_mlp_count(&ne, enc, ns) != GGS_OK || ggs_mlp_count(&nd, dec, ns) != GGS_OK)
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    m->c = *c;
    m->P = P;
    m->nenc = ne;
    m->nparams = ne + nd;
    m->use_layer = c->prior.family == GGS_POISSON && !c->implicit && !c->straight_through;
    
#line 1585 "book/12-vae.nw"
/* create the blocks, networks, optimizer and layer of a model */
bytes = NAME(vae_walk)(m, NULL);
m->params = calloc(m->nparams, sizeof(real));
m->grads = calloc(m->nparams, sizeof(real));
m->mem = aligned_alloc(64, bytes);
if (m->params == NULL || m->grads == NULL || m->mem == NULL) {
    NAME(ggs_vae_free)(m);
    ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters, %zu bytes of buffers)",
              m->nparams, bytes);
    return NULL;
}
NAME(vae_walk)(m, m->mem);
m->enc = NAME(ggs_mlp_alloc)(c->batch, enc, ns, m->params, m->grads);
m->dec = m->enc == NULL ? NULL
         : NAME(ggs_mlp_alloc)(c->batch, dec, ns, m->params + ne, m->grads + ne);
m->opt = m->dec == NULL ? NULL : NAME(ggs_adam_alloc)(m->nparams, &c->adam);
if (m->opt != NULL && m->use_layer)
    m->layer = NAME(ggs_layer_alloc)(c->batch, c->K, c->n);
if (m->opt == NULL || (m->use_layer && m->layer == NULL)) {
    NAME(ggs_vae_free)(m);   /* the message of the failed call stays */
    return NULL;
}
#line 1566 "book/12-vae.nw"
    
#line 1609 "book/12-vae.nw"
/* tabulate the prior and initialize the weights */
r = ggs_rng_new(seed);
if (r == NULL || ggs_truncated_logpmf(m->logprior, &c->prior, 0, c->n) != GGS_OK
    || NAME(ggs_mlp_init)(m->enc, r) != GGS_OK || NAME(ggs_mlp_init)(m->dec, r) != GGS_OK) {
    if (r == NULL)
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
    ggs_rng_free(r);
    NAME(ggs_vae_free)(m);
    return NULL;
}
ggs_rng_free(r);
#line 1567 "book/12-vae.nw"
    return m;
}

void NAME(ggs_vae_free)(struct NAME(ggs_vae) *m)
{
    if (m == NULL)
        return;
    NAME(ggs_mlp_free)(m->enc);
    NAME(ggs_mlp_free)(m->dec);
    NAME(ggs_adam_free)(m->opt);
    NAME(ggs_layer_free)(m->layer);
    free(m->params);
    free(m->grads);
    free(m->mem);
    free(m);
}
#line 1622 "book/12-vae.nw"
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
#line 1655 "book/12-vae.nw"
static int NAME(vae_check_call)(const struct NAME(ggs_vae) *m, size_t rows, double tau,
                                const char *func)
{
    if (rows < 1 || rows > m->c.batch)
        return ggs_error(GGS_EINVAL, func, "rows = %zu (must be in [1, %zu])", rows,
                         m->c.batch);
    return ggs_check_range(tau, "tau", func, 0, 0, HUGE_VAL, 0);
}

/* encoder, then the latent kernel: logq, kl (and q or theta, jac, dkl) */
static int NAME(vae_encode)(struct NAME(ggs_vae) *m, const real *x, size_t rows)
{
    const real *a;
    size_t R = rows * m->c.K;
    int rc = NAME(ggs_mlp_forward)(m->enc, x, rows);
    if (rc != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(m->enc);
    if (m->c.implicit)
        return NAME(ggs_latent_implicit)(m->logq, m->q, m->kl, a, m->logprior, R, m->c.n);
    return NAME(ggs_latent_explicit)(m->theta, m->dtheta, m->logq, m->jac, m->kl, m->dkl, a,
                                     m->c.prior.family, m->logprior, R, m->c.n);
}

/* decoder on zin, then ll = log p(x | zin) */
static int NAME(vae_decode)(struct NAME(ggs_vae) *m, const real *x, const real *zin,
                            size_t rows)
{
    int rc = NAME(ggs_mlp_forward)(m->dec, zin, rows);
    if (rc != GGS_OK)
        return rc;
    NAME(ggs_nn_bernoulli_forward)(m->ll, x, NAME(ggs_mlp_output)(m->dec), rows, m->c.D);
    return GGS_OK;
}
#line 1695 "book/12-vae.nw"
static int NAME(vae_draw)(const real **zin, struct NAME(ggs_vae) *m, size_t rows, double tau,
                          ggs_noise *q, int layer)
{
    size_t R = rows * m->c.K, n = m->c.n;
    int rc;
    if (layer) {
        *zin = m->z;
        return NAME(ggs_layer_forward)(m->layer, m->z, m->theta, tau, q);
    }
    NAME(ggs_noise_gumbel)(m->g, R * n, q);
    rc = NAME(ggs_gengs_batch_forward)(m->z, m->y, m->logq, m->g, tau, R, n);
    if (rc != GGS_OK)
        return rc;
    *zin = m->z;
    if (m->c.straight_through) {
        NAME(ggs_gengs_batch_hard)(m->zdec, m->y, R, n);
        *zin = m->zdec;
    }
    return GGS_OK;
}
#line 1723 "book/12-vae.nw"
int NAME(ggs_vae_loss)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, size_t rows,
                       double tau, ggs_noise *q, int backward)
{
    size_t K = m->c.K, R = rows * K;
    int layer = m->use_layer && rows == m->c.batch, rc;
    double recon = 0, kl = 0;
    const real *zin;
    if ((rc = NAME(vae_check_call)(m, rows, tau, __func__)) != GGS_OK
        || (rc = NAME(vae_encode)(m, x, rows)) != GGS_OK
        || (rc = NAME(vae_draw)(&zin, m, rows, tau, q, layer)) != GGS_OK
        || (rc = NAME(vae_decode)(m, x, zin, rows)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        recon -= m->ll[b];
        for (size_t k = 0; k < K; k++)
            kl += m->kl[b * K + k];
    }
    if (!isfinite(recon + kl))
        return ggs_error(GGS_ERANGE, __func__, "the loss is not finite (reconstruction %g, "
                         "KL %g)", recon, kl);
    st->recon += recon;
    st->kl += kl;
    st->count += rows;
    if (backward) {
        
#line 1756 "book/12-vae.nw"
/* back-propagate the mean loss of the batch to every parameter */
real w = (real)(1.0 / (double)rows);
ggs_nn_zero(m->grads, m->nparams * sizeof(real));
ggs_nn_zero(m->dlogits, rows * m->c.D * sizeof(real));
memset(m->dz, 0, R * sizeof(real));
ggs_nn_zero(m->da, R * m->P * sizeof(real));
for (size_t b = 0; b < rows; b++)
    m->dll[b] = -w;
NAME(ggs_nn_bernoulli_backward)(m->dlogits, m->dll, x, NAME(ggs_mlp_output)(m->dec), rows,
                                m->c.D);
if ((rc = NAME(ggs_mlp_backward)(m->dec, m->dz, zin, m->dlogits)) != GGS_OK)
    return rc;
#line 1781 "book/12-vae.nw"
/* back-propagate dz through the sample to the encoder's output */
ggs_nn_zero(m->dlogq, R * m->c.n * sizeof(real));
if (layer) {
    if ((rc = NAME(ggs_layer_backward)(m->layer, m->dlogq, m->dz)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        m->da[i] += m->dlogq[i] * m->dtheta[i];
} else {
    NAME(ggs_gengs_batch_backward)(m->dlogq, m->dz, m->z, m->y, tau, R, m->c.n);
    if (m->c.implicit)
        NAME(ggs_latent_implicit_backward)(m->da, m->dlogq, m->logq, m->q, m->kl, m->logprior,
                                           w, R, m->c.n);
    else
        NAME(ggs_latent_chain)(m->da, m->dlogq, m->jac, R, m->c.n, m->P);
}
#line 1769 "book/12-vae.nw"
if (!m->c.implicit)
    for (size_t i = 0; i < R * m->P; i++)
        m->da[i] += w * m->dkl[i];
if ((rc = NAME(ggs_mlp_backward)(m->enc, NULL, x, m->da)) != GGS_OK)
    return rc;
#line 1748 "book/12-vae.nw"
    }
    return GGS_OK;
}
#line 1799 "book/12-vae.nw"
int NAME(ggs_vae_step)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, double tau,
                       ggs_noise *q)
{
    int rc = NAME(ggs_vae_loss)(m, st, x, m->c.batch, tau, q, 1);
    if (rc != GGS_OK)
        return rc;
    return NAME(ggs_adam_step)(m->opt, m->params, m->grads, NULL);
}
#line 1818 "book/12-vae.nw"
int NAME(ggs_vae_evaluate)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x,
                           size_t rows, double tau, size_t samples, size_t iw_samples,
                           ggs_noise *q)
{
    size_t K = m->c.K, n = m->c.n, R = rows * K;
    double kl = 0, recon = 0, relaxed = 0, iw = 0;
    int rc;
    if (samples < 1)
        return ggs_error(GGS_EINVAL, __func__, "samples = 0 (must be >= 1)");
    if ((rc = NAME(vae_check_call)(m, rows, tau, __func__)) != GGS_OK
        || (rc = NAME(vae_encode)(m, x, rows)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        kl += m->kl[i];
    for (size_t s = 0; s < samples; s++) {
        NAME(ggs_noise_gumbel)(m->g, R * n, q);
        NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, n);
        if ((rc = NAME(vae_decode)(m, x, m->zdec, rows)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            recon -= m->ll[b];
        if ((rc = NAME(ggs_gengs_batch_forward)(m->z, m->y, m->logq, m->g, tau, R, n)) != GGS_OK
            || (rc = NAME(vae_decode)(m, x, m->z, rows)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            relaxed -= m->ll[b];
    }
    if (iw_samples > 0) {
        
#line 1857 "book/12-vae.nw"
/* estimate -log p(x) by importance sampling into iw */
for (size_t b = 0; b < rows; b++) {
    m->iwmax[b] = -HUGE_VAL;
    m->iwsum[b] = 0;
}
for (size_t s = 0; s < iw_samples; s++) {
    NAME(ggs_noise_gumbel)(m->g, R * n, q);
    NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, n);
    if ((rc = NAME(vae_decode)(m, x, m->zdec, rows)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        double w = m->ll[b];
        for (size_t k = 0; k < K; k++) {
            size_t c = (size_t)m->zdec[b * K + k];
            w += m->logprior[c] - m->logq[(b * K + k) * n + c];
        }
        if (w > m->iwmax[b]) {
            m->iwsum[b] = m->iwsum[b] * exp(m->iwmax[b] - w) + 1;
            m->iwmax[b] = w;
        } else {
            m->iwsum[b] += exp(w - m->iwmax[b]);
        }
    }
}
for (size_t b = 0; b < rows; b++)
    iw -= m->iwmax[b] + log(m->iwsum[b] / (double)iw_samples);
#line 1847 "book/12-vae.nw"
    }
    st->kl += kl;
    st->recon += recon / (double)samples;
    st->recon_relaxed += relaxed / (double)samples;
    st->iw += iw;
    st->count += rows;
    return GGS_OK;
}
#line 1890 "book/12-vae.nw"
static void NAME(vae_pixels)(struct NAME(ggs_vae) *m, real *p, size_t rows)
{
    NAME(ggs_nn_sigmoid_forward)(p, NAME(ggs_mlp_output)(m->dec), rows * m->c.D);
}

int NAME(ggs_vae_reconstruct)(struct NAME(ggs_vae) *m, real *p, const real *x, size_t rows,
                              ggs_noise *q)
{
    size_t R = rows * m->c.K;
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK
        || (rc = NAME(vae_encode)(m, x, rows)) != GGS_OK)
        return rc;
    NAME(ggs_noise_gumbel)(m->g, R * m->c.n, q);
    NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, m->c.n);
    if ((rc = NAME(ggs_mlp_forward)(m->dec, m->zdec, rows)) != GGS_OK)
        return rc;
    NAME(vae_pixels)(m, p, rows);
    return GGS_OK;
}

int NAME(ggs_vae_sample_prior)(struct NAME(ggs_vae) *m, real *p, size_t rows, ggs_noise *q)
{
    size_t R = rows * m->c.K, n = m->c.n;
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        for (size_t k = 0; k < n; k++)
            m->logq[i * n + k] = (real)m->logprior[k];
    NAME(ggs_noise_gumbel)(m->g, R * n, q);
    NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, n);
    if ((rc = NAME(ggs_mlp_forward)(m->dec, m->zdec, rows)) != GGS_OK)
        return rc;
    NAME(vae_pixels)(m, p, rows);
    return GGS_OK;
}
#line 1388 "book/12-vae.nw"
#undef real
#undef NAME

#define real float
#define NAME(x) x##f
#line 1405 "book/12-vae.nw"
struct NAME(ggs_vae) {
    ggs_vae_config c;       /* the configuration */
    size_t P;               /* encoder outputs per latent dimension */
    size_t nenc;            /* encoder parameters; the decoder's follow */
    size_t nparams;         /* encoder + decoder parameters */
    int use_layer;          /* explicit Poisson, relaxed: the layer of chapter 7 */
    real *params;           /* (nparams) encoder, then decoder */
    real *grads;            /* (nparams) the same layout */
    NAME(ggs_mlp) *enc;     /* D -> hidden -> K P */
    NAME(ggs_mlp) *dec;     /* K -> hidden reversed -> D */
    NAME(ggs_adam) *opt;    /* Adam over the whole parameter block */
    NAME(ggs_layer) *layer; /* the fast Poisson layer, or NULL */
    double *logprior;       /* (n) the prior's truncated log-pmf */
    double *iwmax;          /* (B) running maximum of the log importance weights */
    double *iwsum;          /* (B) running sum of exp(weight - iwmax) */
    real *theta;            /* (B, K, P) explicit: distribution parameters */
    real *dtheta;           /* (B, K, P) explicit: d theta / d a */
    real *jac;              /* (B, K, n, P) explicit: d logq / d a */
    real *dkl;              /* (B, K, P) explicit: d kl / d a */
    real *q;                /* (B, K, n) implicit: q(z | x) */
    real *logq;             /* (B, K, n) log q(z | x), truncated */
    real *kl;               /* (B, K) KL per latent dimension */
    real *g;                /* (B, K, n) Gumbel noise */
    real *y;                /* (B, K, n) relaxed one-hot vectors */
    real *z;                /* (B, K) relaxed values */
    real *zdec;             /* (B, K) the decoder's input */
    real *dz;               /* (B, K) dL / d zdec */
    real *dlogq;            /* (B, K, n) dL / d logq along the sample path */
    real *da;               /* (B, K P) dL / da, a the encoder's output */
    real *ll;               /* (B) log p(x | z) */
    real *dll;              /* (B) dL / d ll */
    real *dlogits;          /* (B, D) dL / d logits */
    real *pix;              /* (B, D) pixel probabilities */
    unsigned char *mem;     /* the one block the arrays above live in */
};
#line 1452 "book/12-vae.nw"
static size_t NAME(vae_walk)(struct NAME(ggs_vae) *m, unsigned char *base)
{
    size_t off = 0, B = m->c.batch, K = m->c.K, n = m->c.n, D = m->c.D;
    size_t Pe = m->c.implicit ? 0 : m->P;   /* explicit-only arrays */
    size_t ni = m->c.implicit ? n : 0;      /* implicit-only arrays */
    m->logprior = vae_take(base, &off, n * sizeof(double));
    m->iwmax    = vae_take(base, &off, B * sizeof(double));
    m->iwsum    = vae_take(base, &off, B * sizeof(double));
    m->theta    = vae_take(base, &off, B * K * Pe * sizeof(real));
    m->dtheta   = vae_take(base, &off, B * K * Pe * sizeof(real));
    m->jac      = vae_take(base, &off, B * K * n * Pe * sizeof(real));
    m->dkl      = vae_take(base, &off, B * K * Pe * sizeof(real));
    m->q        = vae_take(base, &off, B * K * ni * sizeof(real));
    m->logq     = vae_take(base, &off, B * K * n * sizeof(real));
    m->kl       = vae_take(base, &off, B * K * sizeof(real));
    m->g        = vae_take(base, &off, B * K * n * sizeof(real));
    m->y        = vae_take(base, &off, B * K * n * sizeof(real));
    m->z        = vae_take(base, &off, B * K * sizeof(real));
    m->zdec     = vae_take(base, &off, B * K * sizeof(real));
    m->dz       = vae_take(base, &off, B * K * sizeof(real));
    m->dlogq    = vae_take(base, &off, B * K * n * sizeof(real));
    m->da       = vae_take(base, &off, B * K * m->P * sizeof(real));
    m->ll       = vae_take(base, &off, B * sizeof(real));
    m->dll      = vae_take(base, &off, B * sizeof(real));
    m->dlogits  = vae_take(base, &off, B * D * sizeof(real));
    m->pix      = vae_take(base, &off, B * D * sizeof(real));
    return off;
}
#line 1547 "book/12-vae.nw"
struct NAME(ggs_vae) *NAME(ggs_vae_alloc)(const ggs_vae_config *c, unsigned long seed)
{
    ggs_mlp_spec enc[GGS_VAE_MAX_HIDDEN + 2], dec[GGS_VAE_MAX_HIDDEN + 2];
    struct NAME(ggs_vae) *m;
    size_t P, ne, nd, ns = c->nhidden + 2, bytes;
    gsl_rng *r;
    if (vae_check_config(c, enc, dec, &P, __func__) != GGS_OK
        || ggs_mlp_count(&ne, enc, ns) != GGS_OK || ggs_mlp_count(&nd, dec, ns) != GGS_OK)
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    m->c = *c;
    m->P = P;
    m->nenc = ne;
    m->nparams = ne + nd;
    m->use_layer = c->prior.family == GGS_POISSON && !c->implicit && !c->straight_through;
    
#line 1585 "book/12-vae.nw"
/* create the blocks, networks, optimizer and layer of a model */
bytes = NAME(vae_walk)(m, NULL);
m->params = calloc(m->nparams, sizeof(real));
m->grads = calloc(m->nparams, sizeof(real));
m->mem = aligned_alloc(64, bytes);
if (m->params == NULL || m->grads == NULL || m->mem == NULL) {
    NAME(ggs_vae_free)(m);
    ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters, %zu bytes of buffers)",
              m->nparams, bytes);
    return NULL;
}
NAME(vae_walk)(m, m->mem);
m->enc = NAME(ggs_mlp_alloc)(c->batch, enc, ns, m->params, m->grads);
m->dec = m->enc == NULL ? NULL
         : NAME(ggs_mlp_alloc)(c->batch, dec, ns, m->params + ne, m->grads + ne);
m->opt = m->dec == NULL ? NULL : NAME(ggs_adam_alloc)(m->nparams, &c->adam);
if (m->opt != NULL && m->use_layer)
    m->layer = NAME(ggs_layer_alloc)(c->batch, c->K, c->n);
if (m->opt == NULL || (m->use_layer && m->layer == NULL)) {
    NAME(ggs_vae_free)(m);   /* the message of the failed call stays */
    return NULL;
}
#line 1566 "book/12-vae.nw"
    
#line 1609 "book/12-vae.nw"
/* tabulate the prior and initialize the weights */
r = ggs_rng_new(seed);
if (r == NULL || ggs_truncated_logpmf(m->logprior, &c->prior, 0, c->n) != GGS_OK
    || NAME(ggs_mlp_init)(m->enc, r) != GGS_OK || NAME(ggs_mlp_init)(m->dec, r) != GGS_OK) {
    if (r == NULL)
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
    ggs_rng_free(r);
    NAME(ggs_vae_free)(m);
    return NULL;
}
ggs_rng_free(r);
#line 1567 "book/12-vae.nw"
    return m;
}

void NAME(ggs_vae_free)(struct NAME(ggs_vae) *m)
{
    if (m == NULL)
        return;
    NAME(ggs_mlp_free)(m->enc);
    NAME(ggs_mlp_free)(m->dec);
    NAME(ggs_adam_free)(m->opt);
    NAME(ggs_layer_free)(m->layer);
    free(m->params);
    free(m->grads);
    free(m->mem);
    free(m);
}
#line 1622 "book/12-vae.nw"
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
#line 1655 "book/12-vae.nw"
static int NAME(vae_check_call)(const struct NAME(ggs_vae) *m, size_t rows, double tau,
                                const char *func)
{
    if (rows < 1 || rows > m->c.batch)
        return ggs_error(GGS_EINVAL, func, "rows = %zu (must be in [1, %zu])", rows,
                         m->c.batch);
    return ggs_check_range(tau, "tau", func, 0, 0, HUGE_VAL, 0);
}

/* encoder, then the latent kernel: logq, kl (and q or theta, jac, dkl) */
static int NAME(vae_encode)(struct NAME(ggs_vae) *m, const real *x, size_t rows)
{
    const real *a;
    size_t R = rows * m->c.K;
    int rc = NAME(ggs_mlp_forward)(m->enc, x, rows);
    if (rc != GGS_OK)
        return rc;
    a = NAME(ggs_mlp_output)(m->enc);
    if (m->c.implicit)
        return NAME(ggs_latent_implicit)(m->logq, m->q, m->kl, a, m->logprior, R, m->c.n);
    return NAME(ggs_latent_explicit)(m->theta, m->dtheta, m->logq, m->jac, m->kl, m->dkl, a,
                                     m->c.prior.family, m->logprior, R, m->c.n);
}

/* decoder on zin, then ll = log p(x | zin) */
static int NAME(vae_decode)(struct NAME(ggs_vae) *m, const real *x, const real *zin,
                            size_t rows)
{
    int rc = NAME(ggs_mlp_forward)(m->dec, zin, rows);
    if (rc != GGS_OK)
        return rc;
    NAME(ggs_nn_bernoulli_forward)(m->ll, x, NAME(ggs_mlp_output)(m->dec), rows, m->c.D);
    return GGS_OK;
}
#line 1695 "book/12-vae.nw"
static int NAME(vae_draw)(const real **zin, struct NAME(ggs_vae) *m, size_t rows, double tau,
                          ggs_noise *q, int layer)
{
    size_t R = rows * m->c.K, n = m->c.n;
    int rc;
    if (layer) {
        *zin = m->z;
        return NAME(ggs_layer_forward)(m->layer, m->z, m->theta, tau, q);
    }
    NAME(ggs_noise_gumbel)(m->g, R * n, q);
    rc = NAME(ggs_gengs_batch_forward)(m->z, m->y, m->logq, m->g, tau, R, n);
    if (rc != GGS_OK)
        return rc;
    *zin = m->z;
    if (m->c.straight_through) {
        NAME(ggs_gengs_batch_hard)(m->zdec, m->y, R, n);
        *zin = m->zdec;
    }
    return GGS_OK;
}
#line 1723 "book/12-vae.nw"
int NAME(ggs_vae_loss)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, size_t rows,
                       double tau, ggs_noise *q, int backward)
{
    size_t K = m->c.K, R = rows * K;
    int layer = m->use_layer && rows == m->c.batch, rc;
    double recon = 0, kl = 0;
    const real *zin;
    if ((rc = NAME(vae_check_call)(m, rows, tau, __func__)) != GGS_OK
        || (rc = NAME(vae_encode)(m, x, rows)) != GGS_OK
        || (rc = NAME(vae_draw)(&zin, m, rows, tau, q, layer)) != GGS_OK
        || (rc = NAME(vae_decode)(m, x, zin, rows)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        recon -= m->ll[b];
        for (size_t k = 0; k < K; k++)
            kl += m->kl[b * K + k];
    }
    if (!isfinite(recon + kl))
        return ggs_error(GGS_ERANGE, __func__, "the loss is not finite (reconstruction %g, "
                         "KL %g)", recon, kl);
    st->recon += recon;
    st->kl += kl;
    st->count += rows;
    if (backward) {
        
#line 1756 "book/12-vae.nw"
/* back-propagate the mean loss of the batch to every parameter */
real w = (real)(1.0 / (double)rows);
ggs_nn_zero(m->grads, m->nparams * sizeof(real));
ggs_nn_zero(m->dlogits, rows * m->c.D * sizeof(real));
memset(m->dz, 0, R * sizeof(real));
ggs_nn_zero(m->da, R * m->P * sizeof(real));
for (size_t b = 0; b < rows; b++)
    m->dll[b] = -w;
NAME(ggs_nn_bernoulli_backward)(m->dlogits, m->dll, x, NAME(ggs_mlp_output)(m->dec), rows,
                                m->c.D);
if ((rc = NAME(ggs_mlp_backward)(m->dec, m->dz, zin, m->dlogits)) != GGS_OK)
    return rc;
#line 1781 "book/12-vae.nw"
/* back-propagate dz through the sample to the encoder's output */
ggs_nn_zero(m->dlogq, R * m->c.n * sizeof(real));
if (layer) {
    if ((rc = NAME(ggs_layer_backward)(m->layer, m->dlogq, m->dz)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        m->da[i] += m->dlogq[i] * m->dtheta[i];
} else {
    NAME(ggs_gengs_batch_backward)(m->dlogq, m->dz, m->z, m->y, tau, R, m->c.n);
    if (m->c.implicit)
        NAME(ggs_latent_implicit_backward)(m->da, m->dlogq, m->logq, m->q, m->kl, m->logprior,
                                           w, R, m->c.n);
    else
        NAME(ggs_latent_chain)(m->da, m->dlogq, m->jac, R, m->c.n, m->P);
}
#line 1769 "book/12-vae.nw"
if (!m->c.implicit)
    for (size_t i = 0; i < R * m->P; i++)
        m->da[i] += w * m->dkl[i];
if ((rc = NAME(ggs_mlp_backward)(m->enc, NULL, x, m->da)) != GGS_OK)
    return rc;
#line 1748 "book/12-vae.nw"
    }
    return GGS_OK;
}
#line 1799 "book/12-vae.nw"
int NAME(ggs_vae_step)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x, double tau,
                       ggs_noise *q)
{
    int rc = NAME(ggs_vae_loss)(m, st, x, m->c.batch, tau, q, 1);
    if (rc != GGS_OK)
        return rc;
    return NAME(ggs_adam_step)(m->opt, m->params, m->grads, NULL);
}
#line 1818 "book/12-vae.nw"
int NAME(ggs_vae_evaluate)(struct NAME(ggs_vae) *m, ggs_vae_stats *st, const real *x,
                           size_t rows, double tau, size_t samples, size_t iw_samples,
                           ggs_noise *q)
{
    size_t K = m->c.K, n = m->c.n, R = rows * K;
    double kl = 0, recon = 0, relaxed = 0, iw = 0;
    int rc;
    if (samples < 1)
        return ggs_error(GGS_EINVAL, __func__, "samples = 0 (must be >= 1)");
    if ((rc = NAME(vae_check_call)(m, rows, tau, __func__)) != GGS_OK
        || (rc = NAME(vae_encode)(m, x, rows)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        kl += m->kl[i];
    for (size_t s = 0; s < samples; s++) {
        NAME(ggs_noise_gumbel)(m->g, R * n, q);
        NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, n);
        if ((rc = NAME(vae_decode)(m, x, m->zdec, rows)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            recon -= m->ll[b];
        if ((rc = NAME(ggs_gengs_batch_forward)(m->z, m->y, m->logq, m->g, tau, R, n)) != GGS_OK
            || (rc = NAME(vae_decode)(m, x, m->z, rows)) != GGS_OK)
            return rc;
        for (size_t b = 0; b < rows; b++)
            relaxed -= m->ll[b];
    }
    if (iw_samples > 0) {
        
#line 1857 "book/12-vae.nw"
/* estimate -log p(x) by importance sampling into iw */
for (size_t b = 0; b < rows; b++) {
    m->iwmax[b] = -HUGE_VAL;
    m->iwsum[b] = 0;
}
for (size_t s = 0; s < iw_samples; s++) {
    NAME(ggs_noise_gumbel)(m->g, R * n, q);
    NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, n);
    if ((rc = NAME(vae_decode)(m, x, m->zdec, rows)) != GGS_OK)
        return rc;
    for (size_t b = 0; b < rows; b++) {
        double w = m->ll[b];
        for (size_t k = 0; k < K; k++) {
            size_t c = (size_t)m->zdec[b * K + k];
            w += m->logprior[c] - m->logq[(b * K + k) * n + c];
        }
        if (w > m->iwmax[b]) {
            m->iwsum[b] = m->iwsum[b] * exp(m->iwmax[b] - w) + 1;
            m->iwmax[b] = w;
        } else {
            m->iwsum[b] += exp(w - m->iwmax[b]);
        }
    }
}
for (size_t b = 0; b < rows; b++)
    iw -= m->iwmax[b] + log(m->iwsum[b] / (double)iw_samples);
#line 1847 "book/12-vae.nw"
    }
    st->kl += kl;
    st->recon += recon / (double)samples;
    st->recon_relaxed += relaxed / (double)samples;
    st->iw += iw;
    st->count += rows;
    return GGS_OK;
}
#line 1890 "book/12-vae.nw"
static void NAME(vae_pixels)(struct NAME(ggs_vae) *m, real *p, size_t rows)
{
    NAME(ggs_nn_sigmoid_forward)(p, NAME(ggs_mlp_output)(m->dec), rows * m->c.D);
}

int NAME(ggs_vae_reconstruct)(struct NAME(ggs_vae) *m, real *p, const real *x, size_t rows,
                              ggs_noise *q)
{
    size_t R = rows * m->c.K;
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK
        || (rc = NAME(vae_encode)(m, x, rows)) != GGS_OK)
        return rc;
    NAME(ggs_noise_gumbel)(m->g, R * m->c.n, q);
    NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, m->c.n);
    if ((rc = NAME(ggs_mlp_forward)(m->dec, m->zdec, rows)) != GGS_OK)
        return rc;
    NAME(vae_pixels)(m, p, rows);
    return GGS_OK;
}

int NAME(ggs_vae_sample_prior)(struct NAME(ggs_vae) *m, real *p, size_t rows, ggs_noise *q)
{
    size_t R = rows * m->c.K, n = m->c.n;
    int rc;
    if ((rc = NAME(vae_check_call)(m, rows, 1.0, __func__)) != GGS_OK)
        return rc;
    for (size_t i = 0; i < R; i++)
        for (size_t k = 0; k < n; k++)
            m->logq[i * n + k] = (real)m->logprior[k];
    NAME(ggs_noise_gumbel)(m->g, R * n, q);
    NAME(ggs_gumbel_max_batch)(m->zdec, m->logq, m->g, R, n);
    if ((rc = NAME(ggs_mlp_forward)(m->dec, m->zdec, rows)) != GGS_OK)
        return rc;
    NAME(vae_pixels)(m, p, rows);
    return GGS_OK;
}
#line 1394 "book/12-vae.nw"
/** @endcond */
