#line 576 "book/04-gumbelmax.nw"
/* Generated from book/04-gumbelmax.nw; do not edit.
   Verification of Theorem 3: T(GM(pi)) has the law of TD(lambda, n).
   Usage: verify/thm3 [OUTDIR]   (default build/figures) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "gengs.h"

#line 593 "book/04-gumbelmax.nw"
#define THM3_DRAWS 1000000       /* exact draws per case */
#define THM3_SEED 20200305UL     /* one generator for all cases, in order */
#define THM3_ALPHA 1e-3          /* family-wise false-alarm probability (Holm) */
#define THM3_MIN_EXPECTED 5.0    /* pool chi-square cells below this count */
#define THM3_MAX_CELLS 128
#line 603 "book/04-gumbelmax.nw"
typedef struct thm3_case {
    const char *spec;   /* distribution, as ggs_dist_parse() reads it */
    long m;             /* left end of the window */
    size_t n;           /* categories; 0: automatic with outside mass eps */
    double eps;
} thm3_case;

#line 612 "book/04-gumbelmax.nw"
static const thm3_case thm3_cases[] = {
    {"poisson:2", 0, 6, 0},
    {"poisson:7", 0, 0, 1e-6},
    {"poisson:100", 80, 41, 0},
    {"geometric:0.25", 0, 0, 1e-6},
    {"negbin:3,0.4", 0, 10, 0},
    {"binomial:20,0.3", 0, 21, 0},
    {"categorical:0.05,0.12,0.31,0.2,0.07,0.25", 0, 6, 0},
    {"multinomial:4,0.2,0.5,0.3", 0, 0, 0},
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
#line 638 "book/04-gumbelmax.nw"
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
    double logpi[THM3_MAX_CELLS], g[THM3_MAX_CELLS], sum = 0;
    if (ggs_dist_parse(&d, tc->spec) != GGS_OK)
        fail(ggs_last_error());
    w->m = tc->m;
    w->n = tc->n;
    if (tc->n == 0 && ggs_window_auto(w, &d, tc->eps, 1) != GGS_OK)
        fail(ggs_last_error());
    if (w->n > THM3_MAX_CELLS)
        fail("window too wide for thm3");
    if (ggs_truncated_logpmf(logpi, &d, w->m, w->n) != GGS_OK)
        fail(ggs_last_error());
    ggs_support_values(c, w->m, w->n);
    *outside = ggs_truncated_outside(&d, w->m, w->n);
    for (size_t k = 0; k < w->n; k++) {
        pi[k] = exp(logpi[k]);
        sum += pi[k];
        obs[k] = 0;
    }
    if (fabs(sum - 1) > 1e-12)
        fail("truncated pmf does not sum to 1");
    for (long t = 0; t < THM3_DRAWS; t++) {
        ggs_gumbel_fill(g, w->n, r);
        obs[ggs_gumbel_max(logpi, g, w->n)] += 1;
    }
}
#line 678 "book/04-gumbelmax.nw"
static size_t draw_multinomial(double *obs, double *pi, const thm3_case *tc, gsl_rng *r)
{
    ggs_dist d;
    unsigned int cell[THM3_MAX_CELLS][3];
    double logp[3], g[16 * 3], counts[3];
    size_t ncell = 0;
    unsigned long N;
    if (ggs_dist_parse(&d, tc->spec) != GGS_OK)
        fail(ggs_last_error());
    N = d.trials;
    if (d.nparam != 3 || N > 16)
        fail("thm3 expects a multinomial with 3 categories and at most 16 trials");
    for (size_t j = 0; j < 3; j++)
        logp[j] = log(d.theta[j]);
    for (unsigned a = 0; a <= N; a++)
        for (unsigned b = 0; a + b <= N; b++) {
            cell[ncell][0] = a;
            cell[ncell][1] = b;
            cell[ncell][2] = (unsigned)N - a - b;
            pi[ncell] = gsl_ran_multinomial_pdf(3, d.theta, cell[ncell]);
            obs[ncell] = 0;
            ncell++;
        }
    for (long t = 0; t < THM3_DRAWS; t++) {
        ggs_gumbel_fill(g, N * 3, r);
        ggs_multinomial_gumbel_max(counts, logp, g, 3, N);
        for (size_t i = 0; i < ncell; i++)
            if (counts[0] == cell[i][0] && counts[1] == cell[i][1]) {
                obs[i] += 1;
                break;
            }
    }
    return ncell;
}
#line 716 "book/04-gumbelmax.nw"
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
#line 737 "book/04-gumbelmax.nw"
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
    
#line 767 "book/04-gumbelmax.nw"
/* write the header of thm3.dat */
fprintf(dat, "# thm3.dat: verification of Theorem 3 (T(GM(pi)) ~ TD(lambda, n)).\n"
             "# One block per case, blocks separated by two blank lines (gnuplot index).\n"
             "# Columns: cell value (multinomial: cell number), observed count,\n"
             "# expected count = %d * pi.\n", THM3_DRAWS);
#line 755 "book/04-gumbelmax.nw"
    printf("Theorem 3: T(GM(pi)) ~ TD(lambda, n); %d exact draws per case, seed %lu\n",
           THM3_DRAWS, THM3_SEED);
    printf("%-42s %-10s %9s %5s %4s %8s %8s %8s\n",
           "distribution", "window", "outside", "cells", "dof", "chi2", "p-value", "TV");
    for (size_t i = 0; i < THM3_NCASES; i++) {
        
#line 774 "book/04-gumbelmax.nw"
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
#line 761 "book/04-gumbelmax.nw"
    }
    nrej = holm(res, THM3_NCASES, THM3_ALPHA);
    
#line 807 "book/04-gumbelmax.nw"
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
#line 764 "book/04-gumbelmax.nw"
}
