#line 523 "book/00-preface.nw"
/* Generated from book/00-preface.nw; do not edit. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <gsl/gsl_errno.h>
#include "gengs-core.h"
#include "gengs-internal.h"

#line 536 "book/00-preface.nw"
static _Thread_local char last_error[512];
#line 539 "book/00-preface.nw"
int ggs_error(int status, const char *func, const char *fmt, ...)
{
    va_list ap;
    int used = snprintf(last_error, sizeof last_error, "%s: ", func);
    if (used < 0 || (size_t)used >= sizeof last_error)
        used = 0;
    va_start(ap, fmt);
    vsnprintf(last_error + used, sizeof last_error - (size_t)used, fmt, ap);
    va_end(ap);
    return status;
}

const char *ggs_last_error(void)
{
    return last_error;
}

int ggs_error_restore(int status, const char *message)
{
    snprintf(last_error, sizeof last_error, "%s", message);
    return status;
}

const char *ggs_strerror(int status)
{
    switch (status) {
    case GGS_OK:     return "success";
    case GGS_EDOM:   return "parameter out of range";
    case GGS_EINVAL: return "invalid argument";
    case GGS_ENOMEM: return "out of memory";
    case GGS_ERANGE: return "result out of range";
    case GGS_EIO:    return "input/output error";
    default:         return "unknown status";
    }
}
#line 578 "book/00-preface.nw"
int ggs_check_range(double x, const char *name, const char *func,
                    double lo, int lo_closed, double hi, int hi_closed)
{
    int above_lo = lo_closed ? x >= lo : x > lo;
    int below_hi = hi_closed ? x <= hi : x < hi;
    if (isfinite(x) && above_lo && below_hi)
        return GGS_OK;
    if (!isfinite(x))
        return ggs_error(GGS_EDOM, func, "%s = %g is not finite", name, x);
    return ggs_error(GGS_EDOM, func, "%s = %.17g is out of range (must be in %c%g, %g%c)",
                     name, x, lo_closed ? '[' : '(', lo, hi, hi_closed ? ']' : ')');
}
#line 603 "book/00-preface.nw"
__attribute__((constructor)) static void error_gsl_handler_off(void)
{
    gsl_set_error_handler_off();
}
