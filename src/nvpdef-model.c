#line 786 "book/21-nvpdef.nw"
/* Generated from book/21-nvpdef.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-nvpdef.h"
#include "gengs-internal.h"

#define NVP_TWO_PI 6.283185307179586476925   /* 2 pi, for Box and Muller */

#line 1224 "book/21-nvpdef.nw"
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
        if (c->lo < 0 || c->lo > GGS_NVPDEF_MAX_LO)
            return ggs_error(GGS_EINVAL, func, "lo = %ld (the window's start must be in [0, "
                             "%ld])", c->lo, (long)GGS_NVPDEF_MAX_LO);
        return ggs_check_range(c->prior_rate, "prior_rate", func, 0, 0, HUGE_VAL, 0);
    }
    return GGS_OK;
}
#line 1772 "book/21-nvpdef.nw"
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

#line 798 "book/21-nvpdef.nw"
/** @cond GGS_TEMPLATE (the header documents these) */
#define real double
#define NAME(x) x
#include "nvpdef-model-real.inc"
#undef real
#undef NAME

#define real float
#define NAME(x) x##f
#include "nvpdef-model-real.inc"
/** @endcond */
