#line 326 "book/03-truncation.nw"
/* Generated from book/03-truncation.nw; do not edit. */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "gengs-core.h"
#include "gengs-internal.h"

#line 337 "book/03-truncation.nw"
/* the largest window ggs_window_auto will return */
#define TRUNC_WINDOW_MAX 10000000L
#line 343 "book/03-truncation.nw"
static int trunc_check(const ggs_dist *d, long m, size_t n, const char *fn)
{
    long lo, hi;
    if (ggs_dist_descriptor(d)->vector)
        return ggs_error(GGS_EINVAL, fn, "a %s distribution has no scalar truncation "
                         "(truncate its categorical trials instead)", ggs_family_name(d->family));
    if (n < 2)
        return ggs_error(GGS_EINVAL, fn, "n = %zu categories (must be >= 2)", n);
    ggs_dist_support(&lo, &hi, d);
    if (ggs_dist_descriptor(d)->whole_window && (m != lo || n - 1 != (unsigned long)(hi - lo)))
        return ggs_error(GGS_EINVAL, fn, "the window of a %s distribution must be its K "
                         "categories, m = %ld, n = K = %lu (got m = %ld, n = %zu)",
                         ggs_family_name(d->family), lo, (unsigned long)(hi - lo) + 1, m, n);
    if (m < lo || m > hi || n - 1 > (unsigned long)(hi - m))
        return ggs_error(GGS_EINVAL, fn, "window m = %ld, n = %zu is outside the support "
                         "{%ld, ..., %ld} of %s", m, n, lo, hi, ggs_family_name(d->family));
    return GGS_OK;
}
#line 371 "book/03-truncation.nw"
static int trunc_check_values(const double *v, size_t n, size_t P, int derivative,
                              const ggs_dist *d, long m, const char *fn)
{
    for (size_t i = 0; i < n * P; i++)
        if (isnan(v[i]) || v[i] == HUGE_VAL || (derivative && v[i] == -HUGE_VAL)) {
            char spec[256];
            ggs_dist_format(spec, sizeof spec, d);
            return ggs_error(GGS_ERANGE, fn, "%s: the value of category %zu (k = %ld) of the "
                             "window m = %ld, n = %zu could not be computed (%g)", spec,
                             i / P, m + (long)(i / P), m, n, v[i]);
        }
    return GGS_OK;
}
#line 390 "book/03-truncation.nw"
int ggs_truncated_logpmf(double *logpi, const ggs_dist *d, long m, size_t n)
{
    static const char *const fn = "ggs_truncated_logpmf";
    long lo, hi, last;
    int st = trunc_check(d, m, n, fn);
    if (st != GGS_OK)
        return st;
    last = m + (long)(n - 1);    /* no overflow: the window is inside the support */
    ggs_dist_support(&lo, &hi, d);
    
#line 407 "book/03-truncation.nw"
/* put the mass at and below m on the first category */
logpi[0] = m == lo ? ggs_logpmf(d, m) : ggs_logcdf_lower(d, m);
#line 400 "book/03-truncation.nw"
    for (size_t k = 1; k + 1 < n; k++)
        logpi[k] = ggs_logpmf(d, m + (long)k);
    
#line 411 "book/03-truncation.nw"
/* put the mass at and above m + n - 1 on the last category */
logpi[n - 1] = last == hi ? ggs_logpmf(d, last) : ggs_logcdf_upper(d, last);
#line 403 "book/03-truncation.nw"
    return trunc_check_values(logpi, n, 1, 0, d, m, fn);
}
#line 415 "book/03-truncation.nw"
int ggs_truncated_pmf(double *pi, const ggs_dist *d, long m, size_t n)
{
    int st = ggs_truncated_logpmf(pi, d, m, n);
    if (st != GGS_OK)
        return st;
    for (size_t k = 0; k < n; k++)
        pi[k] = exp(pi[k]);
    return GGS_OK;
}
#line 427 "book/03-truncation.nw"
int ggs_truncated_dlogpmf(double *dlogpi, const ggs_dist *d, long m, size_t n)
{
    static const char *const fn = "ggs_truncated_dlogpmf";
    size_t P = d->nparam;
    long lo, hi, last;
    int st = trunc_check(d, m, n, fn);
    if (st != GGS_OK)
        return st;
    last = m + (long)(n - 1);
    ggs_dist_support(&lo, &hi, d);
    if (m == lo)
        ggs_dlogpmf(dlogpi, d, m);
    else
        ggs_dlogcdf_lower(dlogpi, d, m);
    for (size_t k = 1; k + 1 < n; k++)
        ggs_dlogpmf(dlogpi + k * P, d, m + (long)k);
    if (last == hi)
        ggs_dlogpmf(dlogpi + (n - 1) * P, d, last);
    else
        ggs_dlogcdf_upper(dlogpi + (n - 1) * P, d, last);
    return trunc_check_values(dlogpi, n, P, 1, d, m, fn);
}
#line 453 "book/03-truncation.nw"
double ggs_truncated_outside(const ggs_dist *d, long m, size_t n)
{
    long lo, hi;
    double below, above;
    ggs_dist_support(&lo, &hi, d);
    below = m > lo ? exp(ggs_logcdf_lower(d, m - 1)) : 0;
    above = m <= hi && (unsigned long)(hi - m) >= n ? exp(ggs_logcdf_upper(d, m + (long)n)) : 0;
    return below + above;
}
#line 469 "book/03-truncation.nw"
static long trunc_best_left(const ggs_dist *d, long mode, long n, long lo, long hi)
{
    long a = mode - (n - 1) > lo ? mode - (n - 1) : lo;
    long b = hi - (n - 1) < mode ? hi - (n - 1) : mode;
    while (a < b) {
        long mid = a + (b - a) / 2;
        if (ggs_logpmf(d, mid) >= ggs_logpmf(d, mid + n))
            b = mid;
        else
            a = mid + 1;
    }
    return a;
}

/* the outside mass of the best window of n values, or, with the left end
   fixed at m, the mass above [m, m+n-1] (the caller chose the mass below) */
static double trunc_best_outside(long *left, const ggs_dist *d, long n, int fix_left,
                                 long m, long mode, long lo, long hi)
{
    if (fix_left) {
        *left = m;
        return hi - m < n ? 0 : exp(ggs_logcdf_upper(d, m + n));
    }
    *left = trunc_best_left(d, mode, n, lo, hi);
    return ggs_truncated_outside(d, *left, (size_t)n);
}
#line 500 "book/03-truncation.nw"
int ggs_window_auto(ggs_window *w, const ggs_dist *d, double eps, int fix_left)
{
    static const char *const fn = "ggs_window_auto";
    long lo, hi, mode, m = w->m, nmax, n = 2, nfail = 1, left;
    int st = ggs_check_range(eps, "eps", fn, 0, 0, 1, 0);
    if (st != GGS_OK)
        return st;
    if (ggs_dist_descriptor(d)->vector)
        return ggs_error(GGS_EINVAL, fn, "a %s distribution has no scalar truncation",
                         ggs_family_name(d->family));
    ggs_dist_support(&lo, &hi, d);
    if (ggs_dist_descriptor(d)->whole_window) {
        w->m = lo;
        w->n = (size_t)(hi - lo) + 1;
        return GGS_OK;
    }
    
#line 555 "book/03-truncation.nw"
/* check the fixed left end and find nmax */
if (fix_left) {
    if (m < lo || m >= hi)
        return ggs_error(GGS_EINVAL, fn, "m = %ld leaves no window of 2 values in the support "
                         "{%ld, ..., %ld}", m, lo, hi);
}
nmax = hi - (fix_left ? m : lo) < TRUNC_WINDOW_MAX ? hi - (fix_left ? m : lo) + 1
                                                   : TRUNC_WINDOW_MAX;
#line 517 "book/03-truncation.nw"
    mode = ggs_dist_mode(d);
    for (;;) {
        double out = trunc_best_outside(&left, d, n, fix_left, m, mode, lo, hi);
        
#line 549 "book/03-truncation.nw"
/* fail if the outside mass out of a window of n values is NaN */
if (isnan(out))
    return ggs_error(GGS_ERANGE, fn, "the mass outside a window of %ld values could not be "
                     "computed", n);
#line 521 "book/03-truncation.nw"
        if (out <= eps)
            break;
        if (n >= nmax)
            return ggs_error(GGS_ERANGE, fn, "no window of at most %ld categories leaves "
                             "outside mass <= eps = %g", nmax, eps);
        nfail = n;
        n = 2 * n < nmax ? 2 * n : nmax;
    }
    while (n - nfail > 1) {
        long mid = nfail + (n - nfail) / 2;
        double out = trunc_best_outside(&left, d, mid, fix_left, m, mode, lo, hi);
        if (isnan(out))
            return ggs_error(GGS_ERANGE, fn, "the mass outside a window of %ld values could "
                             "not be computed", mid);
        if (out <= eps)
            n = mid;
        else
            nfail = mid;
    }
    trunc_best_outside(&left, d, n, fix_left, m, mode, lo, hi);
    w->m = left;
    w->n = (size_t)n;
    return GGS_OK;
}
