#line 1966 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-vae.h"
#include "gengs-internal.h"

#line 2124 "book/20-vae.nw"
enum { VAE_MSG_MAX = 512 };   /* bytes of a shard's error message */
/* RELAX: the parameters of r_rho, (a0, a[H], W[H][K], b[H]) */
#define VAE_RELAX_NP(K) (1 + GGS_VAE_RELAX_HIDDEN * ((K) + 2))

/* REBAR and RELAX share the sample, the conditional sample and the relaxed passes. */
static int vae_rebar_like(int estimator)
{
    return estimator == GGS_VAE_REBAR || estimator == GGS_VAE_RELAX;
}

/* largest window start: lo + n - 1 < 2^24, so every value is exact in float */
#define VAE_MAX_LO 8388608L

/* 1 if the decoder reads values other than the category positions z ("Values from
   the window"): a window that does not start at 0, or standardized values */
static int vae_maps_input(const ggs_vae_config *c)
{
    return c->standardize || c->lo != 0;
}

/* Reserve bytes at *off (64-byte aligned); NULL when only sizing. */
static void *vae_take(unsigned char *base, size_t *off, size_t bytes)
{
    void *p = base != NULL ? base + *off : NULL;
    *off += (bytes + 63) / 64 * 64;
    return p;
}
#line 2219 "book/20-vae.nw"
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
    long s0, s1;
    if (ggs_latent_nparam(c->prior.family) == 0)
        return ggs_error(GGS_EINVAL, func, "prior family %s has no latent link",
                         ggs_family_name(c->prior.family));
    if (c->n < 2 || c->n > GGS_LATENT_MAX_N)
        return ggs_error(GGS_EINVAL, func, "n = %zu (must be in [2, %d])", c->n,
                         GGS_LATENT_MAX_N);
    ggs_dist_support(&s0, &s1, &c->prior);
    if (c->lo < s0 || c->lo > VAE_MAX_LO
        || (s1 != LONG_MAX && (c->lo > s1 || (unsigned long)(s1 - c->lo) < c->n - 1)))
        return ggs_error(GGS_EINVAL, func, "the window {%ld, ..., %ld + %zu} leaves the "
                         "support of the prior (from %ld) or exceeds %ld", c->lo, c->lo,
                         c->n - 1, s0, (long)VAE_MAX_LO);
    if (c->K < 1 || c->D < 1 || c->batch < 1)
        return ggs_error(GGS_EINVAL, func, "K = %zu, D = %zu, batch = %zu (each must be >= 1)",
                         c->K, c->D, c->batch);
    if (c->shards < 1 || c->shards > GGS_VAE_MAX_SHARDS)
        return ggs_error(GGS_EINVAL, func, "shards = %zu (must be in [1, %d])", c->shards,
                         GGS_VAE_MAX_SHARDS);
    if (H < 1 || H > GGS_VAE_MAX_HIDDEN)
        return ggs_error(GGS_EINVAL, func, "%zu hidden layers (must be 1..%d)", H,
                         GGS_VAE_MAX_HIDDEN);
    if (c->estimator < GGS_VAE_GENGS || c->estimator > GGS_VAE_STORB)
        return ggs_error(GGS_EINVAL, func, "estimator = %d (must be an enum "
                         "ggs_vae_estimator)", c->estimator);
    if ((c->estimator == GGS_VAE_RFSTAR || c->estimator == GGS_VAE_VIMCO
         || c->estimator == GGS_VAE_STORB)
        && (c->samples < 2 || c->batch % c->samples != 0))
        return ggs_error(GGS_EINVAL, func, "samples = %zu, batch = %zu (RF*, VIMCO and StoRB* "
                         "need at least 2 samples per image, and the batch a multiple of "
                         "them)", c->samples, c->batch);
    if (c->estimator == GGS_VAE_VIMCO && c->samples > GGS_VAE_MAX_VIMCO)
        return ggs_error(GGS_EINVAL, func, "samples = %zu (VIMCO takes at most %d)", c->samples,
                         GGS_VAE_MAX_VIMCO);
    if (c->estimator != GGS_VAE_GENGS && c->straight_through)
        return ggs_error(GGS_EINVAL, func, "straight_through is a variant of GenGS only");
    *P = c->implicit ? c->n : ggs_latent_nparam(c->prior.family);
    if (c->K > SIZE_MAX / *P || c->K > SIZE_MAX / (4 * GGS_VAE_RELAX_HIDDEN))
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
#line 2478 "book/20-vae.nw"
/* What a job runs on each shard. */
enum vae_op { VAE_LOSS, VAE_EVALUATE, VAE_RECONSTRUCT, VAE_SAMPLE };
/* What the encoding of a shard must produce besides kl (see vae_encode). */
enum vae_need { VAE_LOGQ, VAE_LOGQ_JAC, VAE_RATES };

#line 1977 "book/20-vae.nw"
/** @cond GGS_TEMPLATE (the header documents these) */
#define real double
#define NAME(x) x
#include "vae-model-real.inc"
#undef real
#undef NAME

#define real float
#define NAME(x) x##f
#include "vae-model-real.inc"
/** @endcond */
