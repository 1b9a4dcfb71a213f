#line 399 "book/05-gengs.nw"
/* Generated from book/05-gengs.nw; do not edit. */
#include <math.h>
#include "gengs-core.h"
#include "gengs-internal.h"

#line 417 "book/05-gengs.nw"
static int gs_check(const double *logpi, const double *g, double tau, size_t n,
                    const char *func)
{
    int any_finite = 0, rc;
    if (n == 0)
        return ggs_error(GGS_EINVAL, func, "n = 0 categories");
    rc = ggs_check_range(tau, "tau", func, 0, 0, HUGE_VAL, 0);
    if (rc != GGS_OK)
        return rc;
    for (size_t k = 0; k < n; k++) {
        if (isnan(logpi[k]) || logpi[k] == HUGE_VAL)
            return ggs_error(GGS_EDOM, func, "logpi[%zu] = %g is not a log-probability",
                             k, logpi[k]);
        if (!isfinite(g[k]))
            return ggs_error(GGS_EDOM, func, "g[%zu] = %g is not finite", k, g[k]);
        if (logpi[k] > -HUGE_VAL) {
            if (!isfinite(logpi[k] + g[k]))
                return ggs_error(GGS_EDOM, func, "logpi[%zu] + g[%zu] = %g + %g overflows",
                                 k, k, logpi[k], g[k]);
            any_finite = 1;
        }
    }
    if (!any_finite)
        return ggs_error(GGS_EDOM, func, "every logpi is -Inf: no category can be chosen");
    return GGS_OK;
}
#line 445 "book/05-gengs.nw"
static void gs_kernel(double *y, const double *logpi, const double *g, double tau, size_t n)
{
    double xmax = -HUGE_VAL;   /* the largest logpi[k] + g[k] */
    double s = 0;              /* sum of the exponentials; >= 1 */
    
#line 455 "book/05-gengs.nw"
/* find the largest perturbed log-probability */
for (size_t k = 0; k < n; k++)
    if (logpi[k] > -HUGE_VAL && logpi[k] + g[k] > xmax)
        xmax = logpi[k] + g[k];
#line 450 "book/05-gengs.nw"
    
#line 463 "book/05-gengs.nw"
/* exponentiate the differences from the largest, scaled by 1/tau */
for (size_t k = 0; k < n; k++) {
    y[k] = logpi[k] > -HUGE_VAL ? exp((logpi[k] + g[k] - xmax) / tau) : 0.0;
    s += y[k];
}
#line 451 "book/05-gengs.nw"
    
#line 470 "book/05-gengs.nw"
/* normalize y onto the simplex */
for (size_t k = 0; k < n; k++)
    y[k] /= s;
#line 452 "book/05-gengs.nw"
}
#line 478 "book/05-gengs.nw"
int ggs_gumbel_softmax_forward(double *y, const double *logpi, const double *g,
                               double tau, size_t n)
{
    int rc = gs_check(logpi, g, tau, n, "ggs_gumbel_softmax_forward");
    if (rc != GGS_OK)
        return rc;
    gs_kernel(y, logpi, g, tau, n);
    return GGS_OK;
}

int ggs_gengs_forward(double *z, double *y, const double *logpi, const double *g,
                      const double *c, double tau, size_t n)
{
    int rc = gs_check(logpi, g, tau, n, "ggs_gengs_forward");
    if (rc != GGS_OK)
        return rc;
    gs_kernel(y, logpi, g, tau, n);
    *z = ggs_transform(y, c, n);
    return GGS_OK;
}
#line 504 "book/05-gengs.nw"
double ggs_gengs_hard(const double *y, const double *c, size_t n)
{
    return c[ggs_argmax(y, n)];
}
#line 515 "book/05-gengs.nw"
void ggs_gumbel_softmax_backward(double *dlogpi, const double *dy, const double *y,
                                 double tau, size_t n)
{
    double dot = 0;   /* <dy, y> */
    for (size_t k = 0; k < n; k++)
        dot += dy[k] * y[k];
    for (size_t k = 0; k < n; k++)
        dlogpi[k] += y[k] * (dy[k] - dot) / tau;
}

void ggs_gengs_backward(double *dlogpi, double dz, double z, const double *y,
                        const double *c, double tau, size_t n)
{
    for (size_t k = 0; k < n; k++)
        dlogpi[k] += dz * y[k] * (c[k] - z) / tau;
}
#line 538 "book/05-gengs.nw"
void ggs_explicit_backward(double *dtheta, const double *dlogpi, const double *dlogpmf,
                           size_t n, size_t P)
{
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < P; j++)
            dtheta[j] += dlogpi[k] * dlogpmf[k * P + j];
}
#line 552 "book/05-gengs.nw"
int ggs_multinomial_relaxed_forward(double *z, double *y, const double *logp, const double *g,
                                    double tau, size_t K, unsigned long N)
{
    static const char func[] = "ggs_multinomial_relaxed_forward";
    if (N == 0)
        return ggs_error(GGS_EINVAL, func, "N = 0 trials");
    for (unsigned long i = 0; i < N; i++) {
        int rc = gs_check(logp, g + i * K, tau, K, func);
        if (rc != GGS_OK)
            return rc;
    }
    for (size_t j = 0; j < K; j++)
        z[j] = 0;
    for (unsigned long i = 0; i < N; i++) {
        gs_kernel(y + i * K, logp, g + i * K, tau, K);
        for (size_t j = 0; j < K; j++)
            z[j] += y[i * K + j];
    }
    return GGS_OK;
}

void ggs_multinomial_relaxed_backward(double *dlogp, const double *dz, const double *y,
                                      double tau, size_t K, unsigned long N)
{
    for (unsigned long i = 0; i < N; i++)
        ggs_gumbel_softmax_backward(dlogp, dz, y + i * K, tau, K);
}
#line 586 "book/05-gengs.nw"
int ggs_anneal_init(ggs_anneal *a, ggs_anneal_kind kind, double tau0, double tau_min,
                    double rate, long every)
{
    static const char func[] = "ggs_anneal_init";
    int rc;
    switch (kind) {
    case GGS_ANNEAL_CONSTANT: case GGS_ANNEAL_EXP:
    case GGS_ANNEAL_LINEAR: case GGS_ANNEAL_INVERSE:
        break;
    default:
        return ggs_error(GGS_EDOM, func, "kind = %d is not a schedule", (int)kind);
    }
    if ((rc = ggs_check_range(tau0, "tau0", func, 0, 0, HUGE_VAL, 0)) != GGS_OK)
        return rc;
    if ((rc = ggs_check_range(tau_min, "tau_min", func, 0, 0, tau0, 1)) != GGS_OK)
        return rc;
    if ((rc = ggs_check_range(rate, "rate", func, 0, 1, HUGE_VAL, 0)) != GGS_OK)
        return rc;
    if (every < 1)
        return ggs_error(GGS_EDOM, func, "every = %ld is out of range (must be >= 1)", every);
    a->kind = kind;
    a->tau0 = tau0;
    a->tau_min = tau_min;
    a->rate = rate;
    a->every = every;
    return GGS_OK;
}
#line 618 "book/05-gengs.nw"
double ggs_anneal_tau(const ggs_anneal *a, long step)
{
    double s, tau;
    if (step < 0)
        step = 0;
    s = (double)(a->every * (step / a->every));
    switch (a->kind) {
    case GGS_ANNEAL_EXP:     tau = a->tau0 * exp(-a->rate * s); break;
    case GGS_ANNEAL_LINEAR:  tau = a->tau0 - a->rate * s; break;
    case GGS_ANNEAL_INVERSE: tau = a->tau0 / (1 + a->rate * s); break;
    default:                 return a->tau0;
    }
    return fmax(a->tau_min, tau);
}
