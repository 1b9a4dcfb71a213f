#line 334 "book/04-gumbelmax.nw"
/* Generated from book/04-gumbelmax.nw; do not edit.
   Verification of Theorem 3: T(GM(pi)) has the law of TD(lambda, n).
   Usage: verify/thm3 [OUTDIR]   (default build/figures) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "gengs-core.h"

#line 722 "book/04-gumbelmax.nw"
/* A law handed to GSL alone: the reference shares no code with gengs. */
typedef enum ref_kind {
    REF_POISSON,      /* a = mu */
    REF_BINOMIAL,     /* a = p, b = N */
    REF_GEOMETRIC,    /* a = p; failures before the first success */
    REF_NEGBIN,       /* a = p, b = r; failures before the r-th success */
    REF_CATEGORICAL,  /* p[0..K-1] */
    REF_MULTINOMIAL   /* b = N trials among p[0..K-1] (no ref_pmf) */
} ref_kind;

typedef struct ref_law {
    ref_kind kind;
    double a, b;        /* the numeric parameters, as listed above */
    const double *p;    /* (K) category probabilities */
    size_t K;
} ref_law;

/* P(X = k) from GSL's pmf; 0 for k < 0 or beyond the support. */
long double ref_pmf(const ref_law *L, long k);

/* The window probabilities of TD on {m, ..., m+n-1}: pi[0] = P(X <= m),
   pi[k] = P(X = m+k), pi[n-1] = P(X >= m+n-1) (n >= 2), summed in long double;
   *outside = P(X < m) + P(X > m+n-1).  Returns 1, or 0 if the window is out of
   range, the tail sum does not stop, or the probabilities do not sum to 1. */
int ref_window(long double *pi, long double *outside, const ref_law *L, long m, size_t n);
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
#line 353 "book/04-gumbelmax.nw"
#define THM3_DRAWS 1000000       /* exact draws per case */
#define THM3_SEED 20200305UL     /* one generator for all cases, in order */
#define THM3_ALPHA 1e-3          /* family-wise false-alarm probability (Holm) */
#define THM3_MIN_EXPECTED 5.0    /* pool chi-square cells below this count */
#define THM3_MAX_CELLS 128
#define THM3_MULT_MAX_TRIALS 16  /* the multinomial case draws N * 3 noise values at once */
#line 368 "book/04-gumbelmax.nw"
typedef struct thm3_case {
    const char *spec;   /* distribution, as ggs_dist_parse() reads it */
    long m;             /* left end of the window */
    size_t n;           /* categories; 0: automatic with outside mass eps */
    double eps;
    ref_law ref;        /* the same law, for the reference */
} thm3_case;

#line 378 "book/04-gumbelmax.nw"
static const double thm3_cat_p[6] = {0.05, 0.12, 0.31, 0.2, 0.07, 0.25};
static const double thm3_mult_p[3] = {0.2, 0.5, 0.3};

static const thm3_case thm3_cases[] = {
    {"poisson:2", 0, 6, 0, {REF_POISSON, 2, 0, NULL, 0}},
    {"poisson:7", 0, 0, 1e-6, {REF_POISSON, 7, 0, NULL, 0}},
    {"poisson:100", 80, 41, 0, {REF_POISSON, 100, 0, NULL, 0}},
    {"geometric:0.25", 0, 0, 1e-6, {REF_GEOMETRIC, 0.25, 0, NULL, 0}},
    {"negbin:3,0.4", 0, 10, 0, {REF_NEGBIN, 0.4, 3, NULL, 0}},
    {"binomial:20,0.3", 0, 21, 0, {REF_BINOMIAL, 0.3, 20, NULL, 0}},
    {"categorical:0.05,0.12,0.31,0.2,0.07,0.25", 0, 6, 0,
     {REF_CATEGORICAL, 0, 0, thm3_cat_p, 6}},
    {"multinomial:4,0.2,0.5,0.3", 0, 0, 0, {REF_MULTINOMIAL, 0, 4, thm3_mult_p, 3}},
};
#define THM3_NCASES (sizeof thm3_cases / sizeof thm3_cases[0])

typedef struct thm3_result {
    char window[48];     /* "[m, m+n-1]" or "counts" */
    size_t cells;        /* number of histogram cells */
    size_t dof;          /* chi-square degrees of freedom after pooling */
    double outside;      /* P(X outside the window): the mass the end categories absorb */
    double chi2, pvalue, tv;
    int rejected;        /* Holm's verdict for this case */
} thm3_result;
#line 410 "book/04-gumbelmax.nw"
static void fail(const char *what)
{
    printf("gengs: error: %s\n", what);
    printf("theorem 3: FAIL (%s)\n", what);
    exit(1);
}

static void draw_scalar(double *obs, double *pi, double *c, ggs_window *w, double *outside,
                        const thm3_case *tc, gsl_rng *r)
{
    ggs_dist d;
    double logpi[THM3_MAX_CELLS], g[THM3_MAX_CELLS], e[THM3_MAX_CELLS] = {0};
    long double ref[THM3_MAX_CELLS], out;
    if (ggs_dist_parse(&d, tc->spec) != GGS_OK)
        fail(ggs_last_error());
    w->m = tc->m;
    w->n = tc->n;
    if (tc->n == 0 && ggs_window_auto(w, &d, tc->eps, 1) != GGS_OK)
        fail(ggs_last_error());
    if (w->n < 2 || w->n > THM3_MAX_CELLS)
        fail("window too narrow or too wide for thm3");
    if (ggs_truncated_logpmf(logpi, &d, w->m, w->n) != GGS_OK)
        fail(ggs_last_error());
    ggs_support_values(c, w->m, w->n);
    if (!ref_window(ref, &out, &tc->ref, w->m, w->n))
        fail("the reference window probabilities do not sum to 1");
    *outside = (double)out;
    for (size_t k = 0; k < w->n; k++) {
        pi[k] = (double)ref[k];
        obs[k] = 0;
    }
    for (long t = 0; t < THM3_DRAWS; t++) {
        size_t k;
        double cell;
        ggs_gumbel_fill(g, w->n, r);
        k = ggs_gumbel_max(logpi, g, w->n);
        if (k >= w->n)
            fail("Gumbel-Max chose no category");
        e[k] = 1;
        cell = ggs_transform(e, c, w->n) - (double)w->m;
        e[k] = 0;
        if (!(cell >= 0 && cell < (double)w->n && cell == floor(cell)))
            fail("T(GM(pi)) is not a value of the window");
        obs[(size_t)cell] += 1;
    }
}
#line 462 "book/04-gumbelmax.nw"
static size_t draw_multinomial(double *obs, double *pi, const thm3_case *tc, gsl_rng *r)
{
    ggs_dist d;
    unsigned int cell[THM3_MAX_CELLS][3];
    double logp[3], g[THM3_MULT_MAX_TRIALS * 3], counts[3];
    size_t ncell = 0;
    unsigned long N;
    if (ggs_dist_parse(&d, tc->spec) != GGS_OK)
        fail(ggs_last_error());
    N = d.trials;
    if (d.nparam != 3 || N > THM3_MULT_MAX_TRIALS || tc->ref.K != 3 || tc->ref.b != (double)N)
        fail("thm3 expects a multinomial with 3 categories and at most 16 trials");
    for (size_t j = 0; j < 3; j++)
        logp[j] = log(d.theta[j]);
    for (unsigned a = 0; a <= N; a++)
        for (unsigned b = 0; a + b <= N; b++) {
            cell[ncell][0] = a;
            cell[ncell][1] = b;
            cell[ncell][2] = (unsigned)N - a - b;
            pi[ncell] = gsl_ran_multinomial_pdf(3, tc->ref.p, cell[ncell]);
            obs[ncell] = 0;
            ncell++;
        }
    for (long t = 0; t < THM3_DRAWS; t++) {
        size_t i = 0;
        ggs_gumbel_fill(g, N * 3, r);
        ggs_multinomial_gumbel_max(counts, logp, g, 3, N);
        while (i < ncell && !(counts[0] == cell[i][0] && counts[1] == cell[i][1]
                              && counts[2] == cell[i][2]))
            i++;
        if (i == ncell)
            fail("a multinomial draw is not a count vector of N trials");
        obs[i] += 1;
    }
    return ncell;
}
#line 502 "book/04-gumbelmax.nw"
static size_t holm(thm3_result *res, size_t ncases, double alpha)
{
    size_t order[THM3_NCASES], nrej = 0;
    for (size_t i = 0; i < ncases; i++)
        order[i] = i;
    for (size_t i = 1; i < ncases; i++)           /* insertion sort by p-value */
        for (size_t j = i; j > 0 && res[order[j]].pvalue < res[order[j - 1]].pvalue; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t j = 0; j < ncases; j++) {
        if (res[order[j]].pvalue > alpha / (double)(ncases - j))
            break;
        res[order[j]].rejected = 1;
        nrej++;
    }
    return nrej;
}
#line 523 "book/04-gumbelmax.nw"
int main(int argc, char **argv)
{
    const char *outdir = argc > 1 ? argv[1] : "build/figures";
    char path[4096];
    FILE *dat;
    gsl_rng *r = ggs_rng_new(THM3_SEED);
    thm3_result res[THM3_NCASES];
    size_t nrej;
    if (r == NULL)
        fail("cannot allocate the generator");
    snprintf(path, sizeof path, "%s/thm3.dat", outdir);
    dat = fopen(path, "w");
    if (dat == NULL) {
        printf("gengs: error: cannot write %s\n", path);
        printf("theorem 3: FAIL (cannot write %s)\n", path);
        return 1;
    }
    
#line 553 "book/04-gumbelmax.nw"
/* write the header of thm3.dat */
fprintf(dat, "# thm3.dat: verification of Theorem 3 (T(GM(pi)) ~ TD(lambda, n)).\n"
             "# One block per case, blocks separated by two blank lines (gnuplot index).\n"
             "# Columns: cell value (multinomial: cell number), observed count,\n"
             "# expected count = %d * pi, pi from the GSL reference.\n", THM3_DRAWS);
#line 541 "book/04-gumbelmax.nw"
    printf("Theorem 3: T(GM(pi)) ~ TD(lambda, n); %d exact draws per case, seed %lu\n",
           THM3_DRAWS, THM3_SEED);
    printf("%-42s %-10s %9s %5s %4s %8s %8s %8s\n",
           "distribution", "window", "outside", "cells", "dof", "chi2", "p-value", "TV");
    for (size_t i = 0; i < THM3_NCASES; i++) {
        
#line 560 "book/04-gumbelmax.nw"
/* draw case i, test it, and write its block */
const thm3_case *tc = &thm3_cases[i];
double obs[THM3_MAX_CELLS], pi[THM3_MAX_CELLS], c[THM3_MAX_CELLS], expct[THM3_MAX_CELLS];
size_t ncell;
thm3_result *rs = &res[i];
if (strncmp(tc->spec, "multinomial", 11) == 0) {
    ncell = draw_multinomial(obs, pi, tc, r);
    ggs_support_values(c, 0, ncell);
    rs->outside = 0;
    snprintf(rs->window, sizeof rs->window, "counts");
} else {
    ggs_window w;
    draw_scalar(obs, pi, c, &w, &rs->outside, tc, r);
    ncell = w.n;
    snprintf(rs->window, sizeof rs->window, "[%ld,%ld]", w.m, w.m + (long)w.n - 1);
}
rs->cells = ncell;
rs->tv = 0;
rs->rejected = 0;
for (size_t k = 0; k < ncell; k++) {
    expct[k] = pi[k] * THM3_DRAWS;
    rs->tv += 0.5 * fabs(obs[k] / THM3_DRAWS - pi[k]);
}
if (ggs_chisq_pooled(&rs->chi2, &rs->dof, &rs->pvalue, obs, expct, ncell,
                     THM3_MIN_EXPECTED) != GGS_OK)
    fail(ggs_last_error());
printf("%-42s %-10s %9.2e %5zu %4zu %8.2f %8.4f %8.5f\n", tc->spec, rs->window,
       rs->outside, rs->cells, rs->dof, rs->chi2, rs->pvalue, rs->tv);
fprintf(dat, "%s# case %zu: %s window %s\n", i ? "\n\n" : "", i, tc->spec, rs->window);
for (size_t k = 0; k < ncell; k++)
    fprintf(dat, "%g %.0f %.6f\n", c[k], obs[k], expct[k]);
#line 547 "book/04-gumbelmax.nw"
    }
    nrej = holm(res, THM3_NCASES, THM3_ALPHA);
    
#line 593 "book/04-gumbelmax.nw"
/* print the verdict of Theorem 3 */
ggs_rng_free(r);
if (fclose(dat) != 0) {
    printf("theorem 3: FAIL (cannot write %s)\n", path);
    return 1;
}
printf("Holm correction over %zu cases, family-wise alpha = %g: %zu rejected\n",
       THM3_NCASES, THM3_ALPHA, nrej);
if (nrej > 0) {
    size_t first = 0;
    while (!res[first].rejected)
        first++;
    printf("theorem 3: FAIL (%s: chi-square p = %.3g rejected by Holm at alpha = %g)\n",
           thm3_cases[first].spec, res[first].pvalue, THM3_ALPHA);
    return 1;
}
printf("theorem 3: PASS\n");
return 0;
#line 550 "book/04-gumbelmax.nw"
}
