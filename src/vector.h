#line 553 "book/30-layer.nw"
/* Generated from book/30-layer.nw; do not edit. */
/* The vector types, inline kernels and generator step shared by vecmath.c,
   noise.c and layer.c: a private header, not installed. */
#ifndef GENGS_VECTOR_H
#define GENGS_VECTOR_H
#include <float.h>
#include <stddef.h>
#include <stdint.h>
#include "gengs-layer.h"

#line 489 "book/30-layer.nw"
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"   /* see the text: no vector crosses a call */
#endif
#define LANES GGS_NOISE_LANES
typedef double   vdouble __attribute__((vector_size(8 * LANES)));  /* (LANES) */
typedef int64_t  vint64  __attribute__((vector_size(8 * LANES)));  /* (LANES) masks of vdouble */
typedef uint64_t vuint64 __attribute__((vector_size(8 * LANES)));  /* (LANES) */
typedef float    vfloat  __attribute__((vector_size(4 * LANES)));  /* (LANES) */
typedef int32_t  vint32  __attribute__((vector_size(4 * LANES)));  /* (LANES) masks of vfloat */
typedef uint32_t vuint32 __attribute__((vector_size(4 * LANES)));  /* (LANES) */
/* a vector with every lane equal to c */
#define VD(c) ((vdouble){0} + (c))
#define VF(c) ((vfloat){0} + (c))
/* lane by lane, m ? a : b, for a mask m from a comparison */
#define VSELD(m, a, b) ((vdouble)(((m) & (vint64)(a)) | (~(m) & (vint64)(b))))
#define VSELF(m, a, b) ((vfloat)(((m) & (vint32)(a)) | (~(m) & (vint32)(b))))
#line 531 "book/30-layer.nw"
#if defined(__GNUC__)
#define GGS_INLINE static inline __attribute__((always_inline))
#else
#define GGS_INLINE static inline
#endif
#line 608 "book/30-layer.nw"
/* Coefficients of Sun's fdlibm e_log.c: log(1+f) = f - hfsq + s (hfsq + R(s^2)). */
#define LN2_HI 6.93147180369123816490e-01   /* log 2, high part: 11 trailing zero bits */
#define LN2_LO 1.90821492927058770002e-10   /* log 2 - LN2_HI */
#define LG1 6.666666666666735130e-01
#define LG2 3.999999999940941908e-01
#define LG3 2.857142874366239149e-01
#define LG4 2.222219843214978396e-01
#define LG5 1.818357216161805012e-01
#define LG6 1.531383769920937332e-01
#define LG7 1.479819860511658591e-01

/* log x - adj log 2, lane by lane, for normal x > 0: no branches, no library calls. */
GGS_INLINE vdouble vlog_normal(const vdouble *xp, const vdouble *adj)
{
    /* split x = 2^k m with sqrt(2)/2 <= m < sqrt(2), reading k and m from the bits */
    vuint64 ix = (vuint64)*xp + (UINT64_C(0x3ff0000000000000) - UINT64_C(0x3fe6a09e00000000));
    vdouble dk = (vdouble)(UINT64_C(0x4330000000000000) | (ix >> 52)) - (0x1p52 + 1023.0) - *adj;
    vdouble f = (vdouble)((ix & UINT64_C(0x000fffffffffffff))
                          + UINT64_C(0x3fe6a09e00000000)) - 1.0;
    /* evaluate log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) */
    vdouble hfsq = 0.5 * f * f, s = f / (2.0 + f), z = s * s, w = z * z;
    vdouble t1 = w * (LG2 + w * (LG4 + w * LG6));
    vdouble t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    vdouble R = t2 + t1;
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
}

/* log x, lane by lane, for finite x > 0, subnormals included. */
GGS_INLINE vdouble vlog(const vdouble *xp)
{
    /* scale subnormal lanes into the normal range */
    vint64 sub = *xp < DBL_MIN;
    vdouble xs = *xp * VSELD(sub, VD(0x1p54), VD(1.0));
    vdouble adj = (vdouble)(sub & (vint64)VD(54.0));
    return vlog_normal(&xs, &adj);
}
#line 664 "book/30-layer.nw"
#define LOG2E 1.44269504088896338700e+00      /* 1 / log 2 */
#define EXP_LO (-7.08396418532264106224e+02)  /* log(DBL_MIN) */
#define ROUND_SHIFT 0x1.8p52                  /* adding it rounds to an integer */

/* exp x, lane by lane, for x <= 709; 0 below log(DBL_MIN); NaN for NaN. */
GGS_INLINE vdouble vexp(const vdouble *xp)
{
    vdouble x = *xp;
    /* reduce x = k log 2 + r with |r| <= log(2)/2 */
    vint64 low = x < EXP_LO;
    vdouble xc = VSELD(low, VD(EXP_LO), x);
    vdouble t = xc * LOG2E + ROUND_SHIFT;
    vdouble kf = t - ROUND_SHIFT;
    vdouble r = (xc - kf * LN2_HI) - kf * LN2_LO;
    /* evaluate the Taylor polynomial of degree 13 of e^r */
    vdouble p = VD(1.0 / 6227020800.0);
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    /* multiply by 2^k, built from the integer left in the low bits of t */
    vuint64 k = (vuint64)t - (vuint64)VD(ROUND_SHIFT);
    vdouble e = p * (vdouble)((k + 1023) << 52);
    return (vdouble)(~low & (vint64)e);
}
#line 708 "book/30-layer.nw"
#define LN2F_HI 6.9313812256e-01f   /* log 2, high part (0x3f317180) */
#define LN2F_LO 9.0580006145e-06f   /* log 2 - LN2F_HI */
#define LGF1 0.66666662693f         /* fdlibm e_logf.c */
#define LGF2 0.40000972152f
#define LGF3 0.28498786688f
#define LGF4 0.24279078841f

/* log x - adj log 2, lane by lane, for normal x > 0 in single precision. */
GGS_INLINE vfloat vlog_normalf(const vfloat *xp, const vfloat *adj)
{
    /* split x = 2^k m with sqrt(2)/2 <= m < sqrt(2) */
    vuint32 ix = (vuint32)*xp + (0x3f800000u - 0x3f3504f3u);
    vfloat dk = __builtin_convertvector((vint32)(ix >> 23) - 0x7f, vfloat) - *adj;
    vfloat f = (vfloat)((ix & 0x007fffffu) + 0x3f3504f3u) - 1.0f;
    /* evaluate log(1 + f) */
    vfloat s = f / (2.0f + f), z = s * s, w = z * z;
    vfloat R = z * (LGF1 + w * LGF3) + w * (LGF2 + w * LGF4);
    vfloat hfsq = 0.5f * f * f;
    return s * (hfsq + R) + dk * LN2F_LO - hfsq + f + dk * LN2F_HI;
}

/* log x, lane by lane, for finite x > 0 in single precision. */
GGS_INLINE vfloat vlogf(const vfloat *xp)
{
    /* scale subnormal lanes into the normal range */
    vint32 sub = *xp < FLT_MIN;
    vfloat xs = *xp * VSELF(sub, VF(0x1p25f), VF(1.0f));
    vfloat adj = (vfloat)(sub & (vint32)VF(25.0f));
    return vlog_normalf(&xs, &adj);
}

#define LOG2EF 1.44269504f
#define EXPF_LO (-87.3365448f)      /* log(FLT_MIN) */
#define ROUND_SHIFTF 0x1.8p23f

/* exp x, lane by lane, for x <= 88 in single precision; 0 below log(FLT_MIN). */
GGS_INLINE vfloat vexpf(const vfloat *xp)
{
    vfloat x = *xp;
    /* reduce x = k log 2 + r */
    vint32 low = x < EXPF_LO;
    vfloat xc = VSELF(low, VF(EXPF_LO), x);
    vfloat t = xc * LOG2EF + ROUND_SHIFTF;
    vfloat kf = t - ROUND_SHIFTF;
    vfloat r = (xc - kf * LN2F_HI) - kf * LN2F_LO;
    /* evaluate the Taylor polynomial of degree 7 */
    vfloat p = VF(1.0f / 5040.0f);
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    /* multiply by 2^k */
    vuint32 k = (vuint32)t - (vuint32)VF(ROUND_SHIFTF);
    vfloat e = p * (vfloat)((k + 127u) << 23);
    return (vfloat)(~low & (vint32)e);
}
#line 803 "book/30-layer.nw"
/* The Taylor coefficients of tanh x = x + x^3 (T1 + x^2 (T2 + ...)): T_j multiplies x^(2j+1). */
#define TANH_T1 (-1.0 / 3)
#define TANH_T2 (2.0 / 15)
#define TANH_T3 (-17.0 / 315)
#define TANH_T4 (62.0 / 2835)
#define TANH_T5 (-1382.0 / 155925)
#define TANH_T6 (21844.0 / 6081075)
#define TANH_T7 (-929569.0 / 638512875)
#define TANH_T8 (6404582.0 / 10854718875)
#define TANH_T9 (-443861162.0 / 1856156927625)
#define TANH_T10 (18888466084.0 / 194896477400625)
#define TANH_T11 (-113927491862.0 / 2900518163668125)
#define TANH_SERIES 0.35     /* below it, the series (double) */
#define TANH_SERIESF 0.55f   /* below it, the series (float) */

/* tanh x, lane by lane, for every x (+-Inf give +-1, NaN stays NaN, -0 stays -0). */
GGS_INLINE vdouble vtanh(const vdouble *xp)
{
    vdouble x = *xp, a = VSELD(x < 0, -x, x), s = x * x;
    /* near zero: the series to x^23 */
    vdouble p = VD(TANH_T11);
    p = p * s + TANH_T10;
    p = p * s + TANH_T9;
    p = p * s + TANH_T8;
    p = p * s + TANH_T7;
    p = p * s + TANH_T6;
    p = p * s + TANH_T5;
    p = p * s + TANH_T4;
    p = p * s + TANH_T3;
    p = p * s + TANH_T2;
    p = p * s + TANH_T1;
    vdouble series = x + x * s * p;
    /* away from zero: 1 - 2 / (exp(2|x|) + 1), with the sign of x */
    vdouble a2 = 2.0 * VSELD(a < 20.0, a, VD(20.0));
    vdouble e = vexp(&a2);
    vdouble far = 1.0 - 2.0 / (e + 1.0);
    far = VSELD(x < 0, -far, far);
    vdouble t = VSELD(a < TANH_SERIES, series, far);
    return VSELD((x != x) | (x == 0), x, t);
}

/* tanh x in single precision, as vtanh() with the series to x^15. */
GGS_INLINE vfloat vtanhf(const vfloat *xp)
{
    vfloat x = *xp, a = VSELF(x < 0, -x, x), s = x * x;
    vfloat p = VF((float)TANH_T7);
    p = p * s + (float)TANH_T6;
    p = p * s + (float)TANH_T5;
    p = p * s + (float)TANH_T4;
    p = p * s + (float)TANH_T3;
    p = p * s + (float)TANH_T2;
    p = p * s + (float)TANH_T1;
    vfloat series = x + x * s * p;
    vfloat a2 = 2.0f * VSELF(a < 10.0f, a, VF(10.0f));
    vfloat e = vexpf(&a2);
    vfloat far = 1.0f - 2.0f / (e + 1.0f);
    far = VSELF(x < 0, -far, far);
    vfloat t = VSELF(a < TANH_SERIESF, series, far);
    return VSELF((x != x) | (x == 0), x, t);
}
#line 1027 "book/30-layer.nw"
/* One xoshiro256+ step of every lane of the state s (4 words); returns the outputs. */
GGS_INLINE vuint64 vnoise_step(vuint64 *s)
{
    vuint64 out = s[0] + s[3], t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return out;
}

/* Advance the generator state s by steps steps, discarding the outputs. */
GGS_INLINE void noise_skip(vuint64 *s, size_t steps)
{
    for (size_t i = 0; i < steps; i++)
        (void)vnoise_step(s);
}
#line 1065 "book/30-layer.nw"
/* The uniforms (k + 1/2) 2^-52 from the top 52 bits k of each lane of x. */
GGS_INLINE vdouble vunit_double(const vuint64 *x)
{
    return (vdouble)(UINT64_C(0x3ff0000000000000) | (*x >> 12)) - 0x1.fffffffffffffp-1;
}

/* The uniforms (k + 1/2) 2^-23 from the top 23 bits k of each lane of x. */
GGS_INLINE vfloat vunit_float(const vuint64 *x)
{
    vuint32 k = __builtin_convertvector(*x >> 41, vuint32);
    return (vfloat)(0x3f800000u | k) - 0x1.fffffep-1f;
}
#line 1148 "book/30-layer.nw"
/* Gumbel variates -log(-log u) from the uniforms in the top bits of x;
   both logarithms have normal arguments. */
GGS_INLINE vdouble vgumbel(const vuint64 *x)
{
    vdouble zero = VD(0), u = vunit_double(x), a = vlog_normal(&u, &zero);
    a = -a;
    a = vlog_normal(&a, &zero);
    return -a;
}

/* The same in single precision. */
GGS_INLINE vfloat vgumbelf(const vuint64 *x)
{
    vfloat zero = VF(0), u = vunit_float(x), a = vlog_normalf(&u, &zero);
    a = -a;
    a = vlog_normalf(&a, &zero);
    return -a;
}
#line 570 "book/30-layer.nw"
#endif /* GENGS_VECTOR_H */
