#line 199 "book/04-gumbelmax.nw"
/* Generated from book/04-gumbelmax.nw; do not edit. */
#include <math.h>
#include "gengs-core.h"

#line 212 "book/04-gumbelmax.nw"
size_t ggs_argmax(const double *x, size_t n)
{
    size_t best = n;   /* no candidate yet */
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        if (best == n || x[i] > x[best])
            best = i;
    }
    return best == n ? 0 : best;
}
#line 230 "book/04-gumbelmax.nw"
size_t ggs_gumbel_max(const double *logpi, const double *g, size_t n)
{
    size_t best = n;     /* no candidate yet */
    double best_x = 0;   /* logpi[best] + g[best] */
    for (size_t k = 0; k < n; k++) {
        double x = logpi[k] + g[k];
        if (logpi[k] == -HUGE_VAL || isnan(x))
            continue;
        if (best == n || x > best_x) {
            best = k;
            best_x = x;
        }
    }
    return best;
}
#line 252 "book/04-gumbelmax.nw"
void ggs_support_values(double *c, long m, size_t n)
{
    for (size_t k = 0; k < n; k++)
        c[k] = (double)m + (double)k;
}

double ggs_transform(const double *x, const double *c, size_t n)
{
    double t = 0;
    for (size_t k = 0; k < n; k++)
        t += c[k] * x[k];
    return t;
}
#line 270 "book/04-gumbelmax.nw"
void ggs_multinomial_gumbel_max(double *counts, const double *logp, const double *g,
                                size_t K, unsigned long N)
{
    for (size_t j = 0; j < K; j++)
        counts[j] = 0;
    for (unsigned long i = 0; i < N; i++) {
        size_t k = ggs_gumbel_max(logp, g + i * K, K);
        if (k < K)
            counts[k] += 1;
    }
}
