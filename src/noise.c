#line 1180 "book/30-layer.nw"
/* Generated from book/30-layer.nw; do not edit. */
#include <float.h>
#include <stdint.h>
#include <string.h>
#include "gengs-layer.h"
#include "gengs-pool.h"
#include "gengs-internal.h"
#include "vector.h"

/* Gumbel draws per unit of a parallel fill: a multiple of LANES. */
#define GUMBEL_GRAIN (512 * LANES)

#line 1081 "book/30-layer.nw"
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void ggs_noise_seed(ggs_noise *q, uint64_t seed)
{
    uint64_t x = seed;
    for (int l = 0; l < GGS_NOISE_LANES; l++)
        for (int j = 0; j < 4; j++)
            q->s[j][l] = splitmix64(&x);
}

void ggs_noise_seed_rng(ggs_noise *q, gsl_rng *r)
{
    uint64_t hi = (uint64_t)gsl_rng_get(r), lo = (uint64_t)gsl_rng_get(r);
    ggs_noise_seed(q, (hi << 32) ^ lo);
}
#line 1123 "book/30-layer.nw"
void ggs_noise_jump(ggs_noise *q)
{
    static const uint64_t jump[4] = { UINT64_C(0x180ec6d33cfd0aba), UINT64_C(0xd5a61266f0c9392c),
                                      UINT64_C(0xa9582618e03fc9aa), UINT64_C(0x39abdc4529b1661c) };
    vuint64 s[4], acc[4];
    memcpy(s, q->s, sizeof s);
    memset(acc, 0, sizeof acc);
    for (int w = 0; w < 4; w++)
        for (int b = 0; b < 64; b++) {
            if (jump[w] >> b & 1)
                for (int j = 0; j < 4; j++)
                    acc[j] ^= s[j];
            (void)vnoise_step(s);
        }
    memcpy(q->s, acc, sizeof acc);
}

#line 1194 "book/30-layer.nw"
/** @cond GGS_TEMPLATE (Doxygen cannot read the NAME() macros; gengs-layer.h documents these) */
#line 882 "book/30-layer.nw"
/* ---- double precision ---------------------------------------------- */
#define real double
#define vreal vdouble
#define vmask vint64
#define NAME(x) x
#define REAL_MAX DBL_MAX
#define REAL_EPS DBL_EPSILON
#define KLOG vlog
#define KEXP vexp
#define KTANH vtanh
#define KUNIT vunit_double
#define VSEL VSELD
#define VR VD
#line 1196 "book/30-layer.nw"
#include "noise-real.inc"
#line 897 "book/30-layer.nw"
#undef real
#undef vreal
#undef vmask
#undef NAME
#undef REAL_MAX
#undef REAL_EPS
#undef KLOG
#undef KEXP
#undef KTANH
#undef KUNIT
#undef VSEL
#undef VR
#line 911 "book/30-layer.nw"
/* ---- single precision ---------------------------------------------- */
#define real float
#define vreal vfloat
#define vmask vint32
#define NAME(x) x##f
#define REAL_MAX FLT_MAX
#define REAL_EPS FLT_EPSILON
#define KLOG vlogf
#define KEXP vexpf
#define KTANH vtanhf
#define KUNIT vunit_float
#define VSEL VSELF
#define VR VF
#line 1199 "book/30-layer.nw"
#include "noise-real.inc"
/** @endcond */
