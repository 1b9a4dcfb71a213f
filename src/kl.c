#line 307 "book/06-kl.nw"
/* Generated from book/06-kl.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include "gengs-core.h"
#include "gengs-internal.h"

#line 319 "book/06-kl.nw"
static int check_logprob(const double *v, size_t n, const char *name, const char *func)
{
    for (size_t k = 0; k < n; k++)
        if (isnan(v[k]) || v[k] == HUGE_VAL)
            return ggs_error(GGS_EDOM, func, "%s[%zu] = %g is not a log-probability",
                             name, k, v[k]);
    return GGS_OK;
}
#line 419 "book/06-kl.nw"
#define PHI_SERIES_CUTOFF 1e-3

static double xlogxy(double x, double y)
{
    if (x == 0)
        return 0;
    if (y == 0)
        return HUGE_VAL;
    return x * log(x / y);
}

static double phi(double x)
{
    if (fabs(x) < PHI_SERIES_CUTOFF)
        return x * x * (1.0 / 2 - x * (1.0 / 6 - x * (1.0 / 12 - x / 20)));
    return (1 + x) * log1p(x) - x;
}

/* log(pq/pp) + (1-pq)/pq log((1-pq)/(1-pp)): KL of geometric laws, per unit of r */
static double kl_geometric_unit(double pq, double pp)
{
    return log(pq / pp) + xlogxy(1 - pq, 1 - pp) / pq;
}
#line 333 "book/06-kl.nw"
int ggs_kl_forward(double *kl, const double *logq, const double *logp, size_t n)
{
    static const char func[] = "ggs_kl_forward";
    double s = 0;
    int rc;
    if ((rc = check_logprob(logq, n, "logq", func)) != GGS_OK
        || (rc = check_logprob(logp, n, "logp", func)) != GGS_OK)
        return rc;
    for (size_t k = 0; k < n; k++) {
        if (logq[k] == -HUGE_VAL)
            continue;
        if (logp[k] == -HUGE_VAL) {
            *kl = HUGE_VAL;
            return GGS_OK;
        }
        s += exp(logq[k]) * (logq[k] - logp[k]);
    }
    *kl = s;
    return GGS_OK;
}

void ggs_kl_backward(double *dlogq, double *dlogp, double dkl, const double *logq,
                     const double *logp, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        double q;
        if (logq[k] == -HUGE_VAL)
            continue;
        q = exp(logq[k]);
        if (dlogq != NULL)
            dlogq[k] += dkl * q * (logq[k] - logp[k] + 1);
        if (dlogp != NULL)
            dlogp[k] -= dkl * q;
    }
}
#line 374 "book/06-kl.nw"
int ggs_log_softmax_forward(double *logq, const double *a, size_t n)
{
    static const char func[] = "ggs_log_softmax_forward";
    size_t kmax = 0;
    double s = 0, lse;
    for (size_t k = 0; k < n; k++) {
        if (isnan(a[k]) || a[k] == HUGE_VAL)
            return ggs_error(GGS_EDOM, func, "a[%zu] = %g is not a finite logit", k, a[k]);
        if (a[k] > a[kmax])
            kmax = k;
    }
    if (n == 0 || a[kmax] == -HUGE_VAL)
        return ggs_error(GGS_EDOM, func, "every logit is -Inf (n = %zu)", n);
    
#line 395 "book/06-kl.nw"
/* sum exp(a[k] - a[kmax]) over the other categories into s */
for (size_t k = 0; k < n; k++)
    if (k != kmax)
        s += exp(a[k] - a[kmax]);
#line 388 "book/06-kl.nw"
    lse = a[kmax] + log1p(s);
    for (size_t k = 0; k < n; k++)
        logq[k] = a[k] - lse;
    return GGS_OK;
}
#line 401 "book/06-kl.nw"
void ggs_log_softmax_backward(double *da, const double *dlogq, const double *logq, size_t n)
{
    double s = 0;   /* sum of dlogq */
    for (size_t k = 0; k < n; k++)
        s += dlogq[k];
    for (size_t k = 0; k < n; k++)
        da[k] += dlogq[k] - exp(logq[k]) * s;
}
#line 448 "book/06-kl.nw"
typedef int (*kl_closed_fn)(double *kl, const ggs_dist *q, const ggs_dist *p, const char *func);

static int kl_poisson(double *kl, const ggs_dist *q, const ggs_dist *p, const char *func)
{
    *kl = p->theta[0] * phi((q->theta[0] - p->theta[0]) / p->theta[0]);
    return GGS_OK;
}

static int kl_geometric(double *kl, const ggs_dist *q, const ggs_dist *p, const char *func)
{
    *kl = kl_geometric_unit(q->theta[0], p->theta[0]);
    return GGS_OK;
}

static int kl_negbin(double *kl, const ggs_dist *q, const ggs_dist *p, const char *func)
{
    if (q->theta[0] != p->theta[0])
        return ggs_error(GGS_EINVAL, func, "negbin r = %g and %g differ", q->theta[0],
                         p->theta[0]);
    *kl = q->theta[0] * kl_geometric_unit(q->theta[1], p->theta[1]);
    return GGS_OK;
}

static int kl_binomial(double *kl, const ggs_dist *q, const ggs_dist *p, const char *func)
{
    if (q->trials != p->trials)
        return ggs_error(GGS_EINVAL, func, "binomial N = %lu and %lu differ", q->trials,
                         p->trials);
    *kl = (double)q->trials * (xlogxy(q->theta[0], p->theta[0])
                               + xlogxy(1 - q->theta[0], 1 - p->theta[0]));
    return GGS_OK;
}

/* categorical, and multinomial (N times the categorical of one trial) */
static int kl_categorical(double *kl, const ggs_dist *q, const ggs_dist *p, const char *func)
{
    double s = 0;
    if (q->nparam != p->nparam || q->trials != p->trials)
        return ggs_error(GGS_EINVAL, func, "%s sizes differ (K = %zu, %zu; N = %lu, %lu)",
                         ggs_family_name(q->family), q->nparam, p->nparam, q->trials,
                         p->trials);
    for (size_t k = 0; k < q->nparam; k++)
        s += xlogxy(q->theta[k], p->theta[k]);
    *kl = q->family == GGS_MULTINOMIAL ? (double)q->trials * s : s;
    return GGS_OK;
}

static const kl_closed_fn kl_closed[GGS_FAMILY_COUNT] = {
    [GGS_POISSON] = kl_poisson, [GGS_GEOMETRIC] = kl_geometric, [GGS_NEGBIN] = kl_negbin,
    [GGS_BINOMIAL] = kl_binomial, [GGS_CATEGORICAL] = kl_categorical,
    [GGS_MULTINOMIAL] = kl_categorical
};

int ggs_kl_closed_form(double *kl, const ggs_dist *q, const ggs_dist *p)
{
    static const char func[] = "ggs_kl_closed_form";
    if (q->family != p->family)
        return ggs_error(GGS_EINVAL, func, "no closed form between %s and %s",
                         ggs_family_name(q->family), ggs_family_name(p->family));
    if (kl_closed[q->family] == NULL)
        return ggs_error(GGS_EINVAL, func, "no closed form for the %s family (use "
                         "ggs_kl_truncated)", ggs_family_name(q->family));
    return kl_closed[q->family](kl, q, p, func);
}
#line 519 "book/06-kl.nw"
int ggs_kl_truncated(double *kl, const ggs_dist *q, const ggs_dist *p, long m, size_t n)
{
    double *logq, *logp;
    int rc;
    if (n < 2)
        return ggs_error(GGS_EINVAL, "ggs_kl_truncated", "n = %zu categories (must be >= 2)", n);
    logq = malloc(2 * n * sizeof *logq);
    if (logq == NULL)
        return ggs_error(GGS_ENOMEM, "ggs_kl_truncated", "cannot allocate 2 x %zu doubles", n);
    logp = logq + n;
    rc = ggs_truncated_logpmf(logq, q, m, n);
    if (rc == GGS_OK)
        rc = ggs_truncated_logpmf(logp, p, m, n);
    if (rc == GGS_OK)
        rc = ggs_kl_forward(kl, logq, logp, n);
    free(logq);
    return rc;
}
