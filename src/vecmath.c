#line 933 "book/30-layer.nw"
/* Generated from book/30-layer.nw; do not edit. */
#include <float.h>
#include <string.h>
#include "gengs-layer.h"
#include "gengs-internal.h"
#include "vector.h"

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
#line 942 "book/30-layer.nw"
#include "vecmath-real.inc"
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
#line 945 "book/30-layer.nw"
#include "vecmath-real.inc"
/** @endcond */
