#line 752 "book/04-gumbelmax.nw"
/* Generated from book/04-gumbelmax.nw; do not edit. */
#include <math.h>
#include <gsl/gsl_randist.h>
#include "check-gengs.h"

#line 762 "book/04-gumbelmax.nw"
#define REF_MAX_VALUE 4000000000L     /* < UINT_MAX: GSL's pmfs take unsigned int */
#define REF_TAIL_STOP 1e-30L          /* stop the tail sum at terms below this share */
#define REF_TAIL_TERMS 100000000L     /* give up after this many tail terms */
#define REF_SUM_TOL 1e-12L            /* the window probabilities must sum to 1 within this */

long double ref_pmf(const ref_law *L, long k)
{
    if (k < 0 || k > REF_MAX_VALUE)
        return 0;
    switch (L->kind) {
    case REF_POISSON:
        return gsl_ran_poisson_pdf((unsigned)k, L->a);
    case REF_BINOMIAL:
        return gsl_ran_binomial_pdf((unsigned)k, L->a, (unsigned)L->b);
    case REF_GEOMETRIC:
        return gsl_ran_geometric_pdf((unsigned)k + 1, L->a);
    case REF_NEGBIN:
        return gsl_ran_negative_binomial_pdf((unsigned)k, L->a, L->b);
    case REF_CATEGORICAL:
        return (size_t)k < L->K ? L->p[k] : 0;
    case REF_MULTINOMIAL:
        break;
    }
    return 0;
}

int ref_window(long double *pi, long double *outside, const ref_law *L, long m, size_t n)
{
    long double below = 0, above = 0, prev, total = 0;
    long last;
    if (L->kind == REF_MULTINOMIAL || m < 0 || n < 2 || n > (size_t)REF_MAX_VALUE
        || m > REF_MAX_VALUE - (long)n)
        return 0;
    last = m + (long)n - 1;
    for (long j = 0; j < m; j++)
        below += ref_pmf(L, j);
    for (size_t k = 0; k < n; k++)
        pi[k] = ref_pmf(L, m + (long)k);
    prev = pi[n - 1];
    for (long j = last + 1;; j++) {
        long double t = ref_pmf(L, j);
        above += t;
        if (t <= prev && t <= REF_TAIL_STOP * above)
            break;
        if (j - last > REF_TAIL_TERMS || j >= REF_MAX_VALUE)
            return 0;
        prev = t;
    }
    pi[0] += below;
    pi[n - 1] += above;
    for (size_t k = 0; k < n; k++)
        total += pi[k];
    *outside = below + above;
    return fabsl(total - 1) <= REF_SUM_TOL;
}
