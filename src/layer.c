#line 1266 "book/30-layer.nw"
/* Generated from book/30-layer.nw; do not edit. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sf_gamma.h>
#include "gengs-layer.h"
#include "gengs-pool.h"
#include "gengs-internal.h"
#include "vector.h"

#line 1300 "book/30-layer.nw"
/* Blocks per unit of a parallel job (ggs_nn_parallel of src/pool.c). */
#define LAYER_GRAIN 16
/* Terms of the tail series below SERIES_FLOOR are dropped (see the text). */
#define SERIES_FLOOR (REAL_EPS * REAL_EPS)
#line 1382 "book/30-layer.nw"
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

#line 1281 "book/30-layer.nw"
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
#line 1283 "book/30-layer.nw"
#include "layer-real.inc"
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
#line 1286 "book/30-layer.nw"
#include "layer-real.inc"
/** @endcond */
