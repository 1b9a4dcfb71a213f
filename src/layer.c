#line 878 "book/30-layer.nw"
/* Generated from book/30-layer.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sf_gamma.h>
#include "gengs-layer.h"
#include "gengs-nn.h"
#include "gengs-internal.h"

#line 474 "book/30-layer.nw"
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
#line 516 "book/30-layer.nw"
#if defined(__GNUC__)
#define GGS_INLINE static inline __attribute__((always_inline))
#else
#define GGS_INLINE static inline
#endif
/* Blocks per unit of a parallel job (ggs_nn_parallel of src/nn.c). */
#define LAYER_GRAIN 16
/* Gumbel draws per unit of a parallel fill: a multiple of LANES. */
#define GUMBEL_GRAIN (512 * LANES)
/* Terms of the tail series below SERIES_FLOOR are dropped (see the text). */
#define SERIES_FLOOR (REAL_EPS * REAL_EPS)
#line 564 "book/30-layer.nw"
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
#line 620 "book/30-layer.nw"
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
#line 664 "book/30-layer.nw"
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
#line 749 "book/30-layer.nw"
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
#line 787 "book/30-layer.nw"
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
#line 803 "book/30-layer.nw"
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
#line 845 "book/30-layer.nw"
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
#line 1113 "book/30-layer.nw"
/* The number of terms J of the tail series S for rate lam < n - 1. */
static size_t series_terms(double lam, size_t n, double eps)
{
    double t = 1.0, S = 1.0;
    size_t j = 0;
    for (;;) {
        double rho = lam / (double)(n + j);
        if (t * rho <= eps * (1.0 - rho) * S)
            return j;
        j++;
        t *= rho;
        S += t;
    }
}

#line 896 "book/30-layer.nw"
/** @cond GGS_TEMPLATE (Doxygen cannot read the NAME() macros; the header documents these) */
/* ---- double precision ---------------------------------------------- */
#define real double
#define vreal vdouble
#define vmask vint64
#define NAME(x) x
#define REAL_MAX DBL_MAX
#define REAL_EPS DBL_EPSILON
#define KLOG vlog
#define KLOG_NORMAL vlog_normal
#define KEXP vexp
#define KUNIT vunit_double
#define VSEL VSELD
#define VR VD
#line 953 "book/30-layer.nw"
GGS_HOT void NAME(ggs_fast_log)(real *y, const real *x, size_t count)
{
    for (size_t i = 0; i < count; i += LANES) {
        size_t m = count - i < LANES ? count - i : LANES;
        vreal v = VR(1);
        if (m == LANES)
            memcpy(&v, x + i, sizeof v);
        else
            memcpy(&v, x + i, m * sizeof(real));
        v = KLOG(&v);
        memcpy(y + i, &v, m * sizeof(real));
    }
}

GGS_HOT void NAME(ggs_fast_exp)(real *y, const real *x, size_t count)
{
    for (size_t i = 0; i < count; i += LANES) {
        size_t m = count - i < LANES ? count - i : LANES;
        vreal v = VR(0);
        if (m == LANES)
            memcpy(&v, x + i, sizeof v);
        else
            memcpy(&v, x + i, m * sizeof(real));
        v = KEXP(&v);
        memcpy(y + i, &v, m * sizeof(real));
    }
}

/* Gumbel variates -log(-log u) from the uniforms in the top bits of x.
   Both arguments are normal numbers (u >= 2^-53, -log u >= 2^-54), so the
   subnormal scaling of KLOG is skipped. */
GGS_INLINE vreal NAME(vgumbel)(const vuint64 *x)
{
    vreal zero = VR(0), u = KUNIT(x), a = KLOG_NORMAL(&u, &zero);
    a = -a;
    a = KLOG_NORMAL(&a, &zero);
    return -a;
}

GGS_HOT void NAME(ggs_noise_uniform)(real *u, size_t count, ggs_noise *q)
{
    vuint64 s[4];
    memcpy(s, q->s, sizeof s);
    for (size_t i = 0; i < count; i += LANES) {
        vuint64 x = vnoise_step(s);
        vreal v = KUNIT(&x);
        memcpy(u + i, &v, (count - i < LANES ? count - i : LANES) * sizeof(real));
    }
    memcpy(q->s, s, sizeof s);
}

struct NAME(gumbel_job) {
    real *g;               /* (count) output */
    size_t count;
    const ggs_noise *q0;   /* the generator before the fill */
    ggs_noise *q1;         /* receives the generator after it */
};

/* Outputs [i0, i1) of a Gumbel fill; i0 is a multiple of LANES. */
GGS_HOT static void NAME(gumbel_task)(void *ctx, size_t i0, size_t i1)
{
    const struct NAME(gumbel_job) *jb = ctx;
    vuint64 s[4];
    memcpy(s, jb->q0->s, sizeof s);
    noise_skip(s, i0 / LANES);
    for (size_t i = i0; i < i1; i += LANES) {
        vuint64 x = vnoise_step(s);
        vreal v = NAME(vgumbel)(&x);
        memcpy(jb->g + i, &v, (i1 - i < LANES ? i1 - i : LANES) * sizeof(real));
    }
    if (i1 == jb->count)
        memcpy(jb->q1->s, s, sizeof s);
}

void NAME(ggs_noise_gumbel)(real *g, size_t count, ggs_noise *q)
{
    ggs_noise q0 = *q;
    struct NAME(gumbel_job) jb = { g, count, &q0, q };
    if (count == 0)
        return;
    ggs_nn_parallel(NAME(gumbel_task), &jb, count, GUMBEL_GRAIN);
}
#line 1058 "book/30-layer.nw"
struct NAME(ggs_layer) {
    size_t B, K, n;        /* shape and truncation level */
    size_t rows;           /* B K draws */
    size_t blocks;         /* ceil(rows / LANES) */
    size_t jcap;           /* length of rinv: the most series terms any rate needs */
    size_t J;              /* series terms used by the last forward pass */
    int have_noise;        /* g holds noise */
    int have_forward;      /* y, z, dtail hold a forward pass */
    real itau;             /* 1 / tau of the last forward pass, at most REAL_MAX */
    real *lgf;             /* (n) log k! */
    real *rinv;            /* (jcap + 1) 1 / (n - 1 + j); rinv[0] unused */
    real *lam;             /* (blocks, LANES) rates; padding rows hold 1 */
    real *z;               /* (blocks, LANES) relaxed values */
    real *dtail;           /* (blocks, LANES) d log pi_{n-1} / d lambda */
    real *g;               /* (blocks, n, LANES) Gumbel noise */
    real *y;               /* (blocks, n, LANES) relaxed one-hot vectors */
    real *lp;              /* (n, LANES) scratch: log-pmf of one block */
    unsigned char *mem;    /* the one allocation that all the arrays live in */
};

/* Reserve count reals at *off (64-byte aligned); NULL when only sizing. */
static real *NAME(layer_take)(unsigned char *base, size_t *off, size_t count)
{
    real *p = base ? (real *)(void *)(base + *off) : NULL;
    *off += (count * sizeof(real) + 63) / 64 * 64;
    return p;
}

/* Set the array pointers of L into base (or just size them); return the bytes. */
static size_t NAME(layer_walk)(struct NAME(ggs_layer) *L, unsigned char *base)
{
    size_t off = 0, per_row = L->blocks * LANES, per_cat = per_row * L->n;
    L->lgf   = NAME(layer_take)(base, &off, L->n);
    L->rinv  = NAME(layer_take)(base, &off, L->jcap + 1);
    L->lam   = NAME(layer_take)(base, &off, per_row);
    L->z     = NAME(layer_take)(base, &off, per_row);
    L->dtail = NAME(layer_take)(base, &off, per_row);
    L->g     = NAME(layer_take)(base, &off, per_cat);
    L->y     = NAME(layer_take)(base, &off, per_cat);
    L->lp    = NAME(layer_take)(base, &off, L->n * LANES);
    return off;
}

/* The array p of a layer, seen as vectors (every array is 64-byte aligned). */
GGS_INLINE vreal *NAME(layer_vec)(real *p)
{
    return (vreal *)(void *)p;
}
#line 1133 "book/30-layer.nw"
struct NAME(ggs_layer) *NAME(ggs_layer_alloc)(size_t B, size_t K, size_t n)
{
    struct NAME(ggs_layer) *L;
    size_t bytes;
    /* reject empty or overflowing shapes */
    if (B < 1 || K < 1 || n < 2) {
        ggs_error(GGS_EINVAL, __func__, "B = %zu, K = %zu, n = %zu (need B, K >= 1, n >= 2)",
                  B, K, n);
        return NULL;
    }
    if (n > (size_t)1 << 24 || B > SIZE_MAX / K
        || B * K > SIZE_MAX / 4 / sizeof(real) / n - LANES) {
        ggs_error(GGS_EINVAL, __func__, "B = %zu, K = %zu, n = %zu is too large", B, K, n);
        return NULL;
    }
    L = calloc(1, sizeof *L);
    if (L == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    L->B = B;
    L->K = K;
    L->n = n;
    L->rows = B * K;
    L->blocks = (L->rows + LANES - 1) / LANES;
    L->jcap = series_terms((double)(n - 1), n, REAL_EPS);
    bytes = NAME(layer_walk)(L, NULL);
    L->mem = aligned_alloc(64, bytes);
    if (L->mem == NULL) {
        free(L);
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu bytes)", bytes);
        return NULL;
    }
    NAME(layer_walk)(L, L->mem);
    
#line 1180 "book/30-layer.nw"
/* fill the tables of a new layer */
for (size_t k = 0; k < n; k++)
    L->lgf[k] = (real)gsl_sf_lnfact((unsigned int)k);
L->rinv[0] = 0;
for (size_t j = 1; j <= L->jcap; j++)
    L->rinv[j] = (real)(1.0 / (double)(n - 1 + j));
for (size_t r = 0; r < L->blocks * LANES; r++)
    L->lam[r] = 1;
#line 1168 "book/30-layer.nw"
    return L;
}

void NAME(ggs_layer_free)(struct NAME(ggs_layer) *L)
{
    if (L == NULL)
        return;
    free(L->mem);
    free(L);
}
#line 1327 "book/30-layer.nw"
/* The complement tail log(1 - P(X <= n-2)) of lane l, for lambda >= n - 1. */
static void NAME(layer_tail_complement)(real *lp, real *dtail, int l, size_t n)
{
    double P = 0, logQ;
    for (size_t k = 0; k + 1 < n; k++)
        P += exp((double)lp[k * LANES + l]);
    logQ = log1p(-P);
    lp[(n - 1) * LANES + l] = (real)logQ;
    dtail[l] = (real)exp((double)lp[(n - 2) * LANES + l] - logQ);
}

/* LP (n) := truncated Poisson log-pmf of the lanes' rates; dtail := d log pi_{n-1}/d lambda. */
GGS_INLINE void NAME(layer_logpmf_block)(vreal *LP, vreal *dtail, const vreal *lamp,
                                         const struct NAME(ggs_layer) *L)
{
    size_t n = L->n;
    real nm1 = (real)(n - 1);
    vreal lam = *lamp, ll = KLOG(&lam), t = VR(1), S = VR(1), ls, lS;
    
#line 1354 "book/30-layer.nw"
/* fill the head categories of the block */
for (size_t k = 0; k + 1 < n; k++)
    LP[k] = (real)k * ll - lam - L->lgf[k];
#line 1346 "book/30-layer.nw"
    
#line 1359 "book/30-layer.nw"
/* sum the upward series of the tail, lane by lane */
ls = (vreal)((vmask)(lam < nm1) & (vmask)lam);
for (size_t j = 1; j <= L->J; j++) {
    t = t * ls * L->rinv[j];
    t = (vreal)((vmask)(t >= SERIES_FLOOR) & (vmask)t);
    S += t;
}
#line 1347 "book/30-layer.nw"
    
#line 1368 "book/30-layer.nw"
/* put the tail on the last category: log Q = log p(n-1) + log S */
lS = KLOG(&S);
LP[n - 1] = nm1 * ll - lam - L->lgf[n - 1] + lS;
*dtail = nm1 / (lam * S);
#line 1348 "book/30-layer.nw"
    for (int l = 0; l < LANES; l++)
        if (!(lam[l] < nm1))
            NAME(layer_tail_complement)((real *)(void *)LP, (real *)(void *)dtail, l, n);
}
#line 1378 "book/30-layer.nw"
/* Y (n) := softmax((LP + G) / tau) lane by lane; z := sum_k k Y_k. */
GGS_INLINE void NAME(layer_softmax_block)(vreal *Y, vreal *z, const vreal *LP, const vreal *G,
                                          real itau, size_t n)
{
    vreal mx = VR(-REAL_MAX), s = VR(0), zk = VR(0), v;
    
#line 1389 "book/30-layer.nw"
/* add the noise and find the largest argument of each lane */
for (size_t k = 0; k < n; k++) {
    v = LP[k] + G[k];
    Y[k] = v;
    mx = VSEL(v > mx, v, mx);
}
#line 1384 "book/30-layer.nw"
    
#line 1397 "book/30-layer.nw"
/* exponentiate relative to the largest argument */
for (size_t k = 0; k < n; k++) {
    v = (Y[k] - mx) * itau;
    v = KEXP(&v);
    Y[k] = v;
    s += v;
    zk += (real)k * v;
}
#line 1385 "book/30-layer.nw"
    
#line 1407 "book/30-layer.nw"
/* normalize the block and compute z */
s = 1 / s;
*z = zk * s;
for (size_t k = 0; k < n; k++)
    Y[k] *= s;
#line 1386 "book/30-layer.nw"
}

#line 1271 "book/30-layer.nw"
struct NAME(layer_job) {
    struct NAME(ggs_layer) *L;
    const ggs_noise *q0;   /* the generator at block 0, or NULL to reuse the noise */
    ggs_noise *q1;         /* receives the generator after the last block */
    real *dlambda;         /* backward: (B, K) in/out */
    const real *dz;        /* backward: (B, K) */
};

/* Blocks [b0, b1) of the forward pass. */
GGS_HOT static void NAME(layer_forward_task)(void *ctx, size_t b0, size_t b1)
{
    const struct NAME(layer_job) *jb = ctx;
    struct NAME(ggs_layer) *L = jb->L;
    size_t n = L->n;
    vuint64 s[4];
    if (jb->q0 != NULL) {
        memcpy(s, jb->q0->s, sizeof s);
        noise_skip(s, b0 * n);
    }
    for (size_t b = b0; b < b1; b++) {
        vreal *G = NAME(layer_vec)(L->g + b * n * LANES);
        vreal *Y = NAME(layer_vec)(L->y + b * n * LANES);
        if (jb->q0 != NULL) {
            /* draw fresh noise for the block, one lane per row */
            for (size_t k = 0; k < n; k++) {
                vuint64 x = vnoise_step(s);
                G[k] = NAME(vgumbel)(&x);
            }
        }
        NAME(layer_logpmf_block)(Y, NAME(layer_vec)(L->dtail + b * LANES),
                                 NAME(layer_vec)(L->lam + b * LANES), L);
        NAME(layer_softmax_block)(Y, NAME(layer_vec)(L->z + b * LANES), Y, G, L->itau, n);
    }
    if (jb->q0 != NULL && b1 == L->blocks)
        memcpy(jb->q1->s, s, sizeof s);
}

static void NAME(layer_forward_blocks)(struct NAME(ggs_layer) *L, ggs_noise *q)
{
    ggs_noise q0;
    struct NAME(layer_job) jb = { L, NULL, q, NULL, NULL };
    if (q != NULL) {
        q0 = *q;
        jb.q0 = &q0;
    }
    ggs_nn_parallel(NAME(layer_forward_task), &jb, L->blocks, LAYER_GRAIN);
}

#line 1197 "book/30-layer.nw"
/* Check every rate; find the largest one below n - 1. */
static int NAME(layer_check_rates)(real *lmax, const struct NAME(ggs_layer) *L,
                                   const real *lambda, const char *func)
{
    real m = 0, nm1 = (real)(L->n - 1);
    for (size_t r = 0; r < L->rows; r++) {
        real x = lambda[r];
        if (!(x > 0) || !(x <= REAL_MAX))
            return ggs_error(GGS_EDOM, func,
                             "lambda[b=%zu, k=%zu] = %.9g is out of range (must be finite and > 0)",
                             r / L->K, r % L->K, (double)x);
        if (x < nm1 && x > m)
            m = x;
    }
    *lmax = m;
    return GGS_OK;
}

int NAME(ggs_layer_forward)(struct NAME(ggs_layer) *L, real *z, const real *lambda,
                            double tau, ggs_noise *q)
{
    real lmax = 0;
    int rc;
    if (L == NULL || z == NULL || lambda == NULL)
        return ggs_error(GGS_EINVAL, __func__, "a pointer argument is NULL");
    rc = ggs_check_range(tau, "tau", __func__, 0, 0, HUGE_VAL, 0);
    if (rc != GGS_OK)
        return rc;
    if (q == NULL && !L->have_noise)
        return ggs_error(GGS_EINVAL, __func__,
                         "no noise to reuse: pass a generator or import noise first");
    rc = NAME(layer_check_rates)(&lmax, L, lambda, __func__);
    if (rc != GGS_OK)
        return rc;
    
#line 1240 "book/30-layer.nw"
/* store the rates, the temperature and the series length */
memcpy(L->lam, lambda, L->rows * sizeof(real));
L->itau = 1.0 / tau > (double)REAL_MAX ? REAL_MAX : (real)(1.0 / tau);
L->J = lmax > 0 ? series_terms((double)lmax, L->n, REAL_EPS) : 0;
if (L->J > L->jcap)     /* cannot happen: J is nondecreasing in lambda */
    L->J = L->jcap;
#line 1232 "book/30-layer.nw"
    NAME(layer_forward_blocks)(L, q);
    memcpy(z, L->z, L->rows * sizeof(real));
    L->have_noise = L->have_forward = 1;
    return GGS_OK;
}
#line 1422 "book/30-layer.nw"
GGS_HOT static void NAME(layer_backward_task)(void *ctx, size_t b0, size_t b1)
{
    const struct NAME(layer_job) *jb = ctx;
    const struct NAME(ggs_layer) *L = jb->L;
    real *dlambda = jb->dlambda;
    const real *dz = jb->dz;
    size_t n = L->n;
    real nm1 = (real)(n - 1);
    for (size_t b = b0; b < b1; b++) {
        const vreal *Y = NAME(layer_vec)(L->y + b * n * LANES);
        vreal z = *NAME(layer_vec)(L->z + b * LANES), lam = *NAME(layer_vec)(L->lam + b * LANES);
        vreal dt = *NAME(layer_vec)(L->dtail + b * LANES), acc, rl, d, dl;
        size_t r0 = b * LANES;
        
#line 1462 "book/30-layer.nw"
/* accumulate sum_k y_k (k - z) dlogpi_k/dlambda lane by lane */
acc = VR(0);
rl = 1 / lam;
for (size_t k = 0; k + 1 < n; k++)
    acc += Y[k] * ((real)k - z) * ((real)k * rl - 1);
acc += Y[n - 1] * (nm1 - z) * dt;
acc *= L->itau;
#line 1436 "book/30-layer.nw"
        if (r0 + LANES <= L->rows) {
            memcpy(&d, dz + r0, sizeof d);
            memcpy(&dl, dlambda + r0, sizeof dl);
            dl += d * acc;
            memcpy(dlambda + r0, &dl, sizeof dl);
        } else {
            for (size_t l = 0; r0 + l < L->rows; l++)
                dlambda[r0 + l] += dz[r0 + l] * acc[l];
        }
    }
}

int NAME(ggs_layer_backward)(struct NAME(ggs_layer) *L, real *dlambda, const real *dz)
{
    if (L == NULL || dlambda == NULL || dz == NULL)
        return ggs_error(GGS_EINVAL, __func__, "a pointer argument is NULL");
    if (!L->have_forward)
        return ggs_error(GGS_EINVAL, __func__, "no forward pass to differentiate");
    {
        struct NAME(layer_job) jb = { L, NULL, NULL, dlambda, dz };
        ggs_nn_parallel(NAME(layer_backward_task), &jb, L->blocks, LAYER_GRAIN);
    }
    return GGS_OK;
}
#line 1478 "book/30-layer.nw"
/* The offset of row r, category k in a (blocks, n, LANES) array. */
static size_t NAME(layer_at)(const struct NAME(ggs_layer) *L, size_t r, size_t k)
{
    return ((r / LANES) * L->n + k) * LANES + r % LANES;
}

int NAME(ggs_layer_export)(struct NAME(ggs_layer) *L, real *logpi, real *y, real *g)
{
    size_t n;
    if (L == NULL)
        return ggs_error(GGS_EINVAL, __func__, "the layer is NULL");
    if ((logpi != NULL || y != NULL) && !L->have_forward)
        return ggs_error(GGS_EINVAL, __func__, "no forward pass to export");
    if (g != NULL && !L->have_noise)
        return ggs_error(GGS_EINVAL, __func__, "no noise to export");
    n = L->n;
    for (size_t r = 0; r < L->rows; r++)
        for (size_t k = 0; k < n; k++) {
            if (y != NULL)
                y[r * n + k] = L->y[NAME(layer_at)(L, r, k)];
            if (g != NULL)
                g[r * n + k] = L->g[NAME(layer_at)(L, r, k)];
        }
    if (logpi != NULL)
        for (size_t b = 0; b < L->blocks; b++) {
            vreal dt;
            NAME(layer_logpmf_block)(NAME(layer_vec)(L->lp), &dt,
                                     NAME(layer_vec)(L->lam + b * LANES), L);
            for (size_t r = b * LANES; r < L->rows && r < (b + 1) * LANES; r++)
                for (size_t k = 0; k < n; k++)
                    logpi[r * n + k] = L->lp[k * LANES + r % LANES];
        }
    return GGS_OK;
}

int NAME(ggs_layer_import_noise)(struct NAME(ggs_layer) *L, const real *g)
{
    if (L == NULL || g == NULL)
        return ggs_error(GGS_EINVAL, __func__, "a pointer argument is NULL");
    for (size_t i = 0; i < L->rows * L->n; i++)
        if (!isfinite(g[i]))
            return ggs_error(GGS_EDOM, __func__, "g[b=%zu, k=%zu, j=%zu] = %g is not finite",
                             i / L->n / L->K, i / L->n % L->K, i % L->n, (double)g[i]);
    for (size_t r = 0; r < L->rows; r++)
        for (size_t k = 0; k < L->n; k++)
            L->g[NAME(layer_at)(L, r, k)] = g[r * L->n + k];
    for (size_t r = L->rows; r < L->blocks * LANES; r++)
        for (size_t k = 0; k < L->n; k++)
            L->g[NAME(layer_at)(L, r, k)] = 0;
    L->have_noise = 1;
    return GGS_OK;
}
#line 911 "book/30-layer.nw"
#undef real
#undef vreal
#undef vmask
#undef NAME
#undef REAL_MAX
#undef REAL_EPS
#undef KLOG
#undef KLOG_NORMAL
#undef KEXP
#undef KUNIT
#undef VSEL
#undef VR

/* ---- single precision ---------------------------------------------- */
#define real float
#define vreal vfloat
#define vmask vint32
#define NAME(x) x##f
#define REAL_MAX FLT_MAX
#define REAL_EPS FLT_EPSILON
#define KLOG vlogf
#define KLOG_NORMAL vlog_normalf
#define KEXP vexpf
#define KUNIT vunit_float
#define VSEL VSELF
#define VR VF
#line 953 "book/30-layer.nw"
GGS_HOT void NAME(ggs_fast_log)(real *y, const real *x, size_t count)
{
    for (size_t i = 0; i < count; i += LANES) {
        size_t m = count - i < LANES ? count - i : LANES;
        vreal v = VR(1);
        if (m == LANES)
            memcpy(&v, x + i, sizeof v);
        else
            memcpy(&v, x + i, m * sizeof(real));
        v = KLOG(&v);
        memcpy(y + i, &v, m * sizeof(real));
    }
}

GGS_HOT void NAME(ggs_fast_exp)(real *y, const real *x, size_t count)
{
    for (size_t i = 0; i < count; i += LANES) {
        size_t m = count - i < LANES ? count - i : LANES;
        vreal v = VR(0);
        if (m == LANES)
            memcpy(&v, x + i, sizeof v);
        else
            memcpy(&v, x + i, m * sizeof(real));
        v = KEXP(&v);
        memcpy(y + i, &v, m * sizeof(real));
    }
}

/* Gumbel variates -log(-log u) from the uniforms in the top bits of x.
   Both arguments are normal numbers (u >= 2^-53, -log u >= 2^-54), so the
   subnormal scaling of KLOG is skipped. */
GGS_INLINE vreal NAME(vgumbel)(const vuint64 *x)
{
    vreal zero = VR(0), u = KUNIT(x), a = KLOG_NORMAL(&u, &zero);
    a = -a;
    a = KLOG_NORMAL(&a, &zero);
    return -a;
}

GGS_HOT void NAME(ggs_noise_uniform)(real *u, size_t count, ggs_noise *q)
{
    vuint64 s[4];
    memcpy(s, q->s, sizeof s);
    for (size_t i = 0; i < count; i += LANES) {
        vuint64 x = vnoise_step(s);
        vreal v = KUNIT(&x);
        memcpy(u + i, &v, (count - i < LANES ? count - i : LANES) * sizeof(real));
    }
    memcpy(q->s, s, sizeof s);
}

struct NAME(gumbel_job) {
    real *g;               /* (count) output */
    size_t count;
    const ggs_noise *q0;   /* the generator before the fill */
    ggs_noise *q1;         /* receives the generator after it */
};

/* Outputs [i0, i1) of a Gumbel fill; i0 is a multiple of LANES. */
GGS_HOT static void NAME(gumbel_task)(void *ctx, size_t i0, size_t i1)
{
    const struct NAME(gumbel_job) *jb = ctx;
    vuint64 s[4];
    memcpy(s, jb->q0->s, sizeof s);
    noise_skip(s, i0 / LANES);
    for (size_t i = i0; i < i1; i += LANES) {
        vuint64 x = vnoise_step(s);
        vreal v = NAME(vgumbel)(&x);
        memcpy(jb->g + i, &v, (i1 - i < LANES ? i1 - i : LANES) * sizeof(real));
    }
    if (i1 == jb->count)
        memcpy(jb->q1->s, s, sizeof s);
}

void NAME(ggs_noise_gumbel)(real *g, size_t count, ggs_noise *q)
{
    ggs_noise q0 = *q;
    struct NAME(gumbel_job) jb = { g, count, &q0, q };
    if (count == 0)
        return;
    ggs_nn_parallel(NAME(gumbel_task), &jb, count, GUMBEL_GRAIN);
}
#line 1058 "book/30-layer.nw"
struct NAME(ggs_layer) {
    size_t B, K, n;        /* shape and truncation level */
    size_t rows;           /* B K draws */
    size_t blocks;         /* ceil(rows / LANES) */
    size_t jcap;           /* length of rinv: the most series terms any rate needs */
    size_t J;              /* series terms used by the last forward pass */
    int have_noise;        /* g holds noise */
    int have_forward;      /* y, z, dtail hold a forward pass */
    real itau;             /* 1 / tau of the last forward pass, at most REAL_MAX */
    real *lgf;             /* (n) log k! */
    real *rinv;            /* (jcap + 1) 1 / (n - 1 + j); rinv[0] unused */
    real *lam;             /* (blocks, LANES) rates; padding rows hold 1 */
    real *z;               /* (blocks, LANES) relaxed values */
    real *dtail;           /* (blocks, LANES) d log pi_{n-1} / d lambda */
    real *g;               /* (blocks, n, LANES) Gumbel noise */
    real *y;               /* (blocks, n, LANES) relaxed one-hot vectors */
    real *lp;              /* (n, LANES) scratch: log-pmf of one block */
    unsigned char *mem;    /* the one allocation that all the arrays live in */
};

/* Reserve count reals at *off (64-byte aligned); NULL when only sizing. */
static real *NAME(layer_take)(unsigned char *base, size_t *off, size_t count)
{
    real *p = base ? (real *)(void *)(base + *off) : NULL;
    *off += (count * sizeof(real) + 63) / 64 * 64;
    return p;
}

/* Set the array pointers of L into base (or just size them); return the bytes. */
static size_t NAME(layer_walk)(struct NAME(ggs_layer) *L, unsigned char *base)
{
    size_t off = 0, per_row = L->blocks * LANES, per_cat = per_row * L->n;
    L->lgf   = NAME(layer_take)(base, &off, L->n);
    L->rinv  = NAME(layer_take)(base, &off, L->jcap + 1);
    L->lam   = NAME(layer_take)(base, &off, per_row);
    L->z     = NAME(layer_take)(base, &off, per_row);
    L->dtail = NAME(layer_take)(base, &off, per_row);
    L->g     = NAME(layer_take)(base, &off, per_cat);
    L->y     = NAME(layer_take)(base, &off, per_cat);
    L->lp    = NAME(layer_take)(base, &off, L->n * LANES);
    return off;
}

/* The array p of a layer, seen as vectors (every array is 64-byte aligned). */
GGS_INLINE vreal *NAME(layer_vec)(real *p)
{
    return (vreal *)(void *)p;
}
#line 1133 "book/30-layer.nw"
struct NAME(ggs_layer) *NAME(ggs_layer_alloc)(size_t B, size_t K, size_t n)
{
    struct NAME(ggs_layer) *L;
    size_t bytes;
    /* reject empty or overflowing shapes */
    if (B < 1 || K < 1 || n < 2) {
        ggs_error(GGS_EINVAL, __func__, "B = %zu, K = %zu, n = %zu (need B, K >= 1, n >= 2)",
                  B, K, n);
        return NULL;
    }
    if (n > (size_t)1 << 24 || B > SIZE_MAX / K
        || B * K > SIZE_MAX / 4 / sizeof(real) / n - LANES) {
        ggs_error(GGS_EINVAL, __func__, "B = %zu, K = %zu, n = %zu is too large", B, K, n);
        return NULL;
    }
    L = calloc(1, sizeof *L);
    if (L == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    L->B = B;
    L->K = K;
    L->n = n;
    L->rows = B * K;
    L->blocks = (L->rows + LANES - 1) / LANES;
    L->jcap = series_terms((double)(n - 1), n, REAL_EPS);
    bytes = NAME(layer_walk)(L, NULL);
    L->mem = aligned_alloc(64, bytes);
    if (L->mem == NULL) {
        free(L);
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu bytes)", bytes);
        return NULL;
    }
    NAME(layer_walk)(L, L->mem);
    
#line 1180 "book/30-layer.nw"
/* fill the tables of a new layer */
for (size_t k = 0; k < n; k++)
    L->lgf[k] = (real)gsl_sf_lnfact((unsigned int)k);
L->rinv[0] = 0;
for (size_t j = 1; j <= L->jcap; j++)
    L->rinv[j] = (real)(1.0 / (double)(n - 1 + j));
for (size_t r = 0; r < L->blocks * LANES; r++)
    L->lam[r] = 1;
#line 1168 "book/30-layer.nw"
    return L;
}

void NAME(ggs_layer_free)(struct NAME(ggs_layer) *L)
{
    if (L == NULL)
        return;
    free(L->mem);
    free(L);
}
#line 1327 "book/30-layer.nw"
/* The complement tail log(1 - P(X <= n-2)) of lane l, for lambda >= n - 1. */
static void NAME(layer_tail_complement)(real *lp, real *dtail, int l, size_t n)
{
    double P = 0, logQ;
    for (size_t k = 0; k + 1 < n; k++)
        P += exp((double)lp[k * LANES + l]);
    logQ = log1p(-P);
    lp[(n - 1) * LANES + l] = (real)logQ;
    dtail[l] = (real)exp((double)lp[(n - 2) * LANES + l] - logQ);
}

/* LP (n) := truncated Poisson log-pmf of the lanes' rates; dtail := d log pi_{n-1}/d lambda. */
GGS_INLINE void NAME(layer_logpmf_block)(vreal *LP, vreal *dtail, const vreal *lamp,
                                         const struct NAME(ggs_layer) *L)
{
    size_t n = L->n;
    real nm1 = (real)(n - 1);
    vreal lam = *lamp, ll = KLOG(&lam), t = VR(1), S = VR(1), ls, lS;
    
#line 1354 "book/30-layer.nw"
/* fill the head categories of the block */
for (size_t k = 0; k + 1 < n; k++)
    LP[k] = (real)k * ll - lam - L->lgf[k];
#line 1346 "book/30-layer.nw"
    
#line 1359 "book/30-layer.nw"
/* sum the upward series of the tail, lane by lane */
ls = (vreal)((vmask)(lam < nm1) & (vmask)lam);
for (size_t j = 1; j <= L->J; j++) {
    t = t * ls * L->rinv[j];
    t = (vreal)((vmask)(t >= SERIES_FLOOR) & (vmask)t);
    S += t;
}
#line 1347 "book/30-layer.nw"
    
#line 1368 "book/30-layer.nw"
/* put the tail on the last category: log Q = log p(n-1) + log S */
lS = KLOG(&S);
LP[n - 1] = nm1 * ll - lam - L->lgf[n - 1] + lS;
*dtail = nm1 / (lam * S);
#line 1348 "book/30-layer.nw"
    for (int l = 0; l < LANES; l++)
        if (!(lam[l] < nm1))
            NAME(layer_tail_complement)((real *)(void *)LP, (real *)(void *)dtail, l, n);
}
#line 1378 "book/30-layer.nw"
/* Y (n) := softmax((LP + G) / tau) lane by lane; z := sum_k k Y_k. */
GGS_INLINE void NAME(layer_softmax_block)(vreal *Y, vreal *z, const vreal *LP, const vreal *G,
                                          real itau, size_t n)
{
    vreal mx = VR(-REAL_MAX), s = VR(0), zk = VR(0), v;
    
#line 1389 "book/30-layer.nw"
/* add the noise and find the largest argument of each lane */
for (size_t k = 0; k < n; k++) {
    v = LP[k] + G[k];
    Y[k] = v;
    mx = VSEL(v > mx, v, mx);
}
#line 1384 "book/30-layer.nw"
    
#line 1397 "book/30-layer.nw"
/* exponentiate relative to the largest argument */
for (size_t k = 0; k < n; k++) {
    v = (Y[k] - mx) * itau;
    v = KEXP(&v);
    Y[k] = v;
    s += v;
    zk += (real)k * v;
}
#line 1385 "book/30-layer.nw"
    
#line 1407 "book/30-layer.nw"
/* normalize the block and compute z */
s = 1 / s;
*z = zk * s;
for (size_t k = 0; k < n; k++)
    Y[k] *= s;
#line 1386 "book/30-layer.nw"
}

#line 1271 "book/30-layer.nw"
struct NAME(layer_job) {
    struct NAME(ggs_layer) *L;
    const ggs_noise *q0;   /* the generator at block 0, or NULL to reuse the noise */
    ggs_noise *q1;         /* receives the generator after the last block */
    real *dlambda;         /* backward: (B, K) in/out */
    const real *dz;        /* backward: (B, K) */
};

/* Blocks [b0, b1) of the forward pass. */
GGS_HOT static void NAME(layer_forward_task)(void *ctx, size_t b0, size_t b1)
{
    const struct NAME(layer_job) *jb = ctx;
    struct NAME(ggs_layer) *L = jb->L;
    size_t n = L->n;
    vuint64 s[4];
    if (jb->q0 != NULL) {
        memcpy(s, jb->q0->s, sizeof s);
        noise_skip(s, b0 * n);
    }
    for (size_t b = b0; b < b1; b++) {
        vreal *G = NAME(layer_vec)(L->g + b * n * LANES);
        vreal *Y = NAME(layer_vec)(L->y + b * n * LANES);
        if (jb->q0 != NULL) {
            /* draw fresh noise for the block, one lane per row */
            for (size_t k = 0; k < n; k++) {
                vuint64 x = vnoise_step(s);
                G[k] = NAME(vgumbel)(&x);
            }
        }
        NAME(layer_logpmf_block)(Y, NAME(layer_vec)(L->dtail + b * LANES),
                                 NAME(layer_vec)(L->lam + b * LANES), L);
        NAME(layer_softmax_block)(Y, NAME(layer_vec)(L->z + b * LANES), Y, G, L->itau, n);
    }
    if (jb->q0 != NULL && b1 == L->blocks)
        memcpy(jb->q1->s, s, sizeof s);
}

static void NAME(layer_forward_blocks)(struct NAME(ggs_layer) *L, ggs_noise *q)
{
    ggs_noise q0;
    struct NAME(layer_job) jb = { L, NULL, q, NULL, NULL };
    if (q != NULL) {
        q0 = *q;
        jb.q0 = &q0;
    }
    ggs_nn_parallel(NAME(layer_forward_task), &jb, L->blocks, LAYER_GRAIN);
}

#line 1197 "book/30-layer.nw"
/* Check every rate; find the largest one below n - 1. */
static int NAME(layer_check_rates)(real *lmax, const struct NAME(ggs_layer) *L,
                                   const real *lambda, const char *func)
{
    real m = 0, nm1 = (real)(L->n - 1);
    for (size_t r = 0; r < L->rows; r++) {
        real x = lambda[r];
        if (!(x > 0) || !(x <= REAL_MAX))
            return ggs_error(GGS_EDOM, func,
                             "lambda[b=%zu, k=%zu] = %.9g is out of range (must be finite and > 0)",
                             r / L->K, r % L->K, (double)x);
        if (x < nm1 && x > m)
            m = x;
    }
    *lmax = m;
    return GGS_OK;
}

int NAME(ggs_layer_forward)(struct NAME(ggs_layer) *L, real *z, const real *lambda,
                            double tau, ggs_noise *q)
{
    real lmax = 0;
    int rc;
    if (L == NULL || z == NULL || lambda == NULL)
        return ggs_error(GGS_EINVAL, __func__, "a pointer argument is NULL");
    rc = ggs_check_range(tau, "tau", __func__, 0, 0, HUGE_VAL, 0);
    if (rc != GGS_OK)
        return rc;
    if (q == NULL && !L->have_noise)
        return ggs_error(GGS_EINVAL, __func__,
                         "no noise to reuse: pass a generator or import noise first");
    rc = NAME(layer_check_rates)(&lmax, L, lambda, __func__);
    if (rc != GGS_OK)
        return rc;
    
#line 1240 "book/30-layer.nw"
/* store the rates, the temperature and the series length */
memcpy(L->lam, lambda, L->rows * sizeof(real));
L->itau = 1.0 / tau > (double)REAL_MAX ? REAL_MAX : (real)(1.0 / tau);
L->J = lmax > 0 ? series_terms((double)lmax, L->n, REAL_EPS) : 0;
if (L->J > L->jcap)     /* cannot happen: J is nondecreasing in lambda */
    L->J = L->jcap;
#line 1232 "book/30-layer.nw"
    NAME(layer_forward_blocks)(L, q);
    memcpy(z, L->z, L->rows * sizeof(real));
    L->have_noise = L->have_forward = 1;
    return GGS_OK;
}
#line 1422 "book/30-layer.nw"
GGS_HOT static void NAME(layer_backward_task)(void *ctx, size_t b0, size_t b1)
{
    const struct NAME(layer_job) *jb = ctx;
    const struct NAME(ggs_layer) *L = jb->L;
    real *dlambda = jb->dlambda;
    const real *dz = jb->dz;
    size_t n = L->n;
    real nm1 = (real)(n - 1);
    for (size_t b = b0; b < b1; b++) {
        const vreal *Y = NAME(layer_vec)(L->y + b * n * LANES);
        vreal z = *NAME(layer_vec)(L->z + b * LANES), lam = *NAME(layer_vec)(L->lam + b * LANES);
        vreal dt = *NAME(layer_vec)(L->dtail + b * LANES), acc, rl, d, dl;
        size_t r0 = b * LANES;
        
#line 1462 "book/30-layer.nw"
/* accumulate sum_k y_k (k - z) dlogpi_k/dlambda lane by lane */
acc = VR(0);
rl = 1 / lam;
for (size_t k = 0; k + 1 < n; k++)
    acc += Y[k] * ((real)k - z) * ((real)k * rl - 1);
acc += Y[n - 1] * (nm1 - z) * dt;
acc *= L->itau;
#line 1436 "book/30-layer.nw"
        if (r0 + LANES <= L->rows) {
            memcpy(&d, dz + r0, sizeof d);
            memcpy(&dl, dlambda + r0, sizeof dl);
            dl += d * acc;
            memcpy(dlambda + r0, &dl, sizeof dl);
        } else {
            for (size_t l = 0; r0 + l < L->rows; l++)
                dlambda[r0 + l] += dz[r0 + l] * acc[l];
        }
    }
}

int NAME(ggs_layer_backward)(struct NAME(ggs_layer) *L, real *dlambda, const real *dz)
{
    if (L == NULL || dlambda == NULL || dz == NULL)
        return ggs_error(GGS_EINVAL, __func__, "a pointer argument is NULL");
    if (!L->have_forward)
        return ggs_error(GGS_EINVAL, __func__, "no forward pass to differentiate");
    {
        struct NAME(layer_job) jb = { L, NULL, NULL, dlambda, dz };
        ggs_nn_parallel(NAME(layer_backward_task), &jb, L->blocks, LAYER_GRAIN);
    }
    return GGS_OK;
}
#line 1478 "book/30-layer.nw"
/* The offset of row r, category k in a (blocks, n, LANES) array. */
static size_t NAME(layer_at)(const struct NAME(ggs_layer) *L, size_t r, size_t k)
{
    return ((r / LANES) * L->n + k) * LANES + r % LANES;
}

int NAME(ggs_layer_export)(struct NAME(ggs_layer) *L, real *logpi, real *y, real *g)
{
    size_t n;
    if (L == NULL)
        return ggs_error(GGS_EINVAL, __func__, "the layer is NULL");
    if ((logpi != NULL || y != NULL) && !L->have_forward)
        return ggs_error(GGS_EINVAL, __func__, "no forward pass to export");
    if (g != NULL && !L->have_noise)
        return ggs_error(GGS_EINVAL, __func__, "no noise to export");
    n = L->n;
    for (size_t r = 0; r < L->rows; r++)
        for (size_t k = 0; k < n; k++) {
            if (y != NULL)
                y[r * n + k] = L->y[NAME(layer_at)(L, r, k)];
            if (g != NULL)
                g[r * n + k] = L->g[NAME(layer_at)(L, r, k)];
        }
    if (logpi != NULL)
        for (size_t b = 0; b < L->blocks; b++) {
            vreal dt;
            NAME(layer_logpmf_block)(NAME(layer_vec)(L->lp), &dt,
                                     NAME(layer_vec)(L->lam + b * LANES), L);
            for (size_t r = b * LANES; r < L->rows && r < (b + 1) * LANES; r++)
                for (size_t k = 0; k < n; k++)
                    logpi[r * n + k] = L->lp[k * LANES + r % LANES];
        }
    return GGS_OK;
}

int NAME(ggs_layer_import_noise)(struct NAME(ggs_layer) *L, const real *g)
{
    if (L == NULL || g == NULL)
        return ggs_error(GGS_EINVAL, __func__, "a pointer argument is NULL");
    for (size_t i = 0; i < L->rows * L->n; i++)
        if (!isfinite(g[i]))
            return ggs_error(GGS_EDOM, __func__, "g[b=%zu, k=%zu, j=%zu] = %g is not finite",
                             i / L->n / L->K, i / L->n % L->K, i % L->n, (double)g[i]);
    for (size_t r = 0; r < L->rows; r++)
        for (size_t k = 0; k < L->n; k++)
            L->g[NAME(layer_at)(L, r, k)] = g[r * L->n + k];
    for (size_t r = L->rows; r < L->blocks * LANES; r++)
        for (size_t k = 0; k < L->n; k++)
            L->g[NAME(layer_at)(L, r, k)] = 0;
    L->have_noise = 1;
    return GGS_OK;
}
#line 938 "book/30-layer.nw"
/** @endcond */
