#line 214 "book/01-random.nw"
/* Generated from book/01-random.nw; do not edit. */
#include <math.h>
#include <stdint.h>
#include <gsl/gsl_cdf.h>
#include "gengs-core.h"
#include "gengs-internal.h"

#line 250 "book/01-random.nw"
/* bits kept from each 32-bit draw; two draws make a 52-bit integer */
#define RNG_HALF_BITS 26
/* the width 2^-52 of one cell of the 52-bit grid */
#define RNG_CELL_WIDTH 0x1p-52
/* the largest output of a full-range 32-bit generator */
#define RNG_MAX32 0xffffffffUL
#line 227 "book/01-random.nw"
gsl_rng *ggs_rng_new(unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r == NULL) {
        ggs_error(GGS_ENOMEM, "ggs_rng_new", "cannot allocate a generator (seed = %lu)", seed);
        return NULL;
    }
    gsl_rng_set(r, seed);
    return r;
}

void ggs_rng_free(gsl_rng *r)
{
    if (r != NULL)
        gsl_rng_free(r);
}
#line 258 "book/01-random.nw"
double ggs_uniform_pos(gsl_rng *r)
{
    if (gsl_rng_min(r) == 0 && gsl_rng_max(r) == RNG_MAX32) {
        
#line 270 "book/01-random.nw"
/* combine two 32-bit draws into the midpoint of a 52-bit cell */
uint64_t hi = (uint64_t)gsl_rng_get(r) >> (32 - RNG_HALF_BITS);
uint64_t lo = (uint64_t)gsl_rng_get(r) >> (32 - RNG_HALF_BITS);
uint64_t k = (hi << RNG_HALF_BITS) | lo;
return ((double)k + 0.5) * RNG_CELL_WIDTH;
#line 262 "book/01-random.nw"
    }
    return gsl_rng_uniform_pos(r);
}
#line 279 "book/01-random.nw"
double ggs_gumbel(gsl_rng *r)
{
    return -log(-log(ggs_uniform_pos(r)));
}

void ggs_gumbel_fill(double *g, size_t n, gsl_rng *r)
{
    for (size_t i = 0; i < n; i++)
        g[i] = ggs_gumbel(r);
}
#line 294 "book/01-random.nw"
int ggs_chisq_pooled(double *stat, size_t *dof, double *pvalue,
                     const double *observed, const double *expected,
                     size_t n, double min_expected)
{
    static const char *const fn = "ggs_chisq_pooled";
    int impossible = 0;     /* a cell with E = 0 but O > 0 was seen */
    size_t groups = 0;      /* closed groups */
    double x2 = 0;          /* statistic over the groups before the last one */
    double go = 0, ge = 0;  /* the group being filled: observed, expected */
    double lo = 0, le = 0;  /* the last closed group, still open to a short tail */
    if (!(min_expected > 0) || !isfinite(min_expected))
        return ggs_error(GGS_EINVAL, fn, "min_expected = %g must be finite and > 0", min_expected);
    
#line 322 "book/01-random.nw"
/* check that every count is finite and nonnegative */
for (size_t i = 0; i < n; i++) {
    if (!(observed[i] >= 0) || !isfinite(observed[i]))
        return ggs_error(GGS_EINVAL, fn, "observed[%zu] = %g must be finite and >= 0",
                         i, observed[i]);
    if (!(expected[i] >= 0) || !isfinite(expected[i]))
        return ggs_error(GGS_EINVAL, fn, "expected[%zu] = %g must be finite and >= 0",
                         i, expected[i]);
}
#line 307 "book/01-random.nw"
    for (size_t i = 0; i < n; i++) {
        
#line 336 "book/01-random.nw"
/* add cell i to the current group, closing it when it is large enough */
if (expected[i] == 0) {
    if (observed[i] > 0)
        impossible = 1;
    continue;
}
go += observed[i];
ge += expected[i];
if (ge >= min_expected) {
    if (groups > 0)
        x2 += (lo - le) * (lo - le) / le;
    lo = go;
    le = ge;
    go = ge = 0;
    groups++;
}
#line 309 "book/01-random.nw"
    }
    
#line 354 "book/01-random.nw"
/* merge a short last group into the previous one */
if (ge > 0) {
    if (groups == 0)
        groups = 1;
    lo += go;
    le += ge;
}
#line 311 "book/01-random.nw"
    if (groups < 2)
        return ggs_error(GGS_EINVAL, fn, "only %zu group(s) of expected count >= %g; "
                         "need at least 2", groups, min_expected);
    x2 += (lo - le) * (lo - le) / le;
    *dof = groups - 1;
    *stat = impossible ? HUGE_VAL : x2;
    *pvalue = impossible ? 0.0 : gsl_cdf_chisq_Q(x2, (double)(groups - 1));
    return GGS_OK;
}
