#line 602 "book/03-truncation.nw"
/* Generated from book/03-truncation.nw; do not edit. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include "gengs-core.h"

#line 618 "book/03-truncation.nw"
#define THM2_SEED 20200305UL   /* the fixed seed of the printed output */
#define THM2_DRAWS 1000000L    /* coupled draws per distribution */
#define THM2_ALPHA 1e-3        /* overall false-alarm probability of the interval checks */
#define THM2_FINAL_MAX 1e-6    /* P(Z != X) at the largest window must be below this */
#define THM2_MAX_ROWS 12

typedef struct thm2_case {
    const char *spec;             /* the distribution */
    int both_sides;               /* windows {mean-h..mean+h}, else {0..n-1} */
    long size[THM2_MAX_ROWS];     /* h or n, increasing, 0-terminated */
} thm2_case;

static const thm2_case cases[] = {
    {"poisson:2", 1, {1, 2, 3, 4, 6, 8, 10, 12}},
    {"poisson:7", 1, {1, 2, 4, 6, 8, 12, 16, 20}},
    {"poisson:100", 1, {5, 10, 20, 30, 40, 50, 60}},
    {"geometric:0.25", 0, {2, 4, 8, 16, 32, 48, 64}},
    {"negbin:3,0.4", 0, {2, 4, 8, 16, 32, 48, 64}},
    {"binomial:20,0.3", 0, {2, 4, 6, 8, 10, 12, 14, 16, 18, 21}}
};
#define THM2_NCASES (sizeof cases / sizeof cases[0])
#line 641 "book/03-truncation.nw"
static long thm2_draw(const ggs_dist *d, gsl_rng *r)
{
    const double *t = d->theta;
    switch (d->family) {
    case GGS_POISSON:
        return (long)gsl_ran_poisson(r, t[0]);
    case GGS_GEOMETRIC:
        return (long)gsl_ran_geometric(r, t[0]) - 1;    /* GSL counts trials */
    case GGS_NEGBIN:
        return (long)gsl_ran_negative_binomial(r, t[1], t[0]);
    case GGS_BINOMIAL:
        return (long)gsl_ran_binomial(r, t[0], (unsigned)d->trials);
    default:
        break;
    }
    fprintf(stderr, "gengs: error: no sampler for %s in thm2\n", ggs_family_name(d->family));
    exit(1);
}
#line 661 "book/03-truncation.nw"
static void thm2_window(long *m, long *last, const ggs_dist *d, const thm2_case *c, int i)
{
    long centre = (long)floor(ggs_dist_mean(d));
    if (c->both_sides) {
        *m = centre - c->size[i] > 0 ? centre - c->size[i] : 0;
        *last = centre + c->size[i];
    } else {
        *m = 0;
        *last = c->size[i] - 1;
    }
}

static double thm2_bound(const ggs_dist *d, const thm2_case *c, long m, long last)
{
    double mu = ggs_dist_mean(d), dd;
    if (!c->both_sides)
        return fmin(1.0, mu / (double)(last + 1));       /* Markov: E[X] / n */
    dd = (double)last + 1 - mu;                          /* distance to the upper tail */
    if (m > 0 && mu - (double)m + 1 < dd)
        dd = mu - (double)m + 1;                         /* ... or to the lower tail */
    return fmin(1.0, ggs_dist_variance(d) / (dd * dd));  /* Chebyshev */
}
#line 692 "book/03-truncation.nw"
/* the p in (0, 1) with beta_Q(p; s, t) = target (upper = 1) or beta_P(p; s, t) = target */
static double thm2_beta_solve(double target, double s, double t, int upper)
{
    double a = log(1e-300), b = 0;    /* bracket for log p */
    for (int it = 0; it < 200; it++) {
        double mid = 0.5 * (a + b), p = exp(mid);
        double v = upper ? gsl_cdf_beta_Q(p, s, t) : gsl_cdf_beta_P(p, s, t);
        if ((v < target) == !upper)    /* P increases in p, Q decreases */
            a = mid;
        else
            b = mid;
    }
    return exp(0.5 * (a + b));
}

static void thm2_interval(double *lo, double *hi, long c, long N, double a)
{
    *lo = c == 0 ? 0 : thm2_beta_solve(a / 2, (double)c, (double)(N - c + 1), 0);
    *hi = c == 0 ? -expm1(log(a / 2) / (double)N)
                 : c == N ? 1 : thm2_beta_solve(a / 2, (double)(c + 1), (double)(N - c), 1);
}
#line 716 "book/03-truncation.nw"
int main(int argc, char **argv)
{
    const char *outdir = argc > 1 ? argv[1] : "build/figures";
    char path[4200], why[256] = "";
    FILE *dat;
    gsl_rng *r;
    size_t rows = 0;
    if (argc > 2) {
        fprintf(stderr, "usage: %s [OUTDIR]\n", argv[0]);
        puts("theorem 2: FAIL (usage)");
        return 1;
    }
    snprintf(path, sizeof path, "%s/thm2.dat", outdir);
    if (ggs_mkdirs(outdir) != 0 || (dat = fopen(path, "w")) == NULL) {
        fprintf(stderr, "gengs: error: cannot write %s: %s, thm2\n", path, strerror(errno));
        printf("theorem 2: FAIL (cannot write %s)\n", path);
        return 1;
    }
    r = ggs_rng_new(THM2_SEED);
    if (r == NULL) {
        fclose(dat);
        puts("theorem 2: FAIL (out of memory)");
        return 1;
    }
    for (size_t c = 0; c < THM2_NCASES; c++)
        for (int i = 0; i < THM2_MAX_ROWS && cases[c].size[i] > 0; i++)
            rows++;
    printf("Theorem 2: P(Z != X) for the clamp Z of X to a window {m, ..., m+n-1};\n"
           "%ld coupled draws per distribution, seed %lu, simultaneous %.1f%% intervals\n"
           "(each at level 1 - %.0e/%zu, Clopper-Pearson).\n\n",
           THM2_DRAWS, THM2_SEED, 100 * (1 - THM2_ALPHA), THM2_ALPHA, rows);
    printf("%-15s %4s %4s %10s %9s %7s %10s %10s %10s\n", "distribution", "m", "n",
           "exact", "bound", "count", "empirical", "ci_low", "ci_high");
    fprintf(dat, "# Theorem 2: seed %lu, %ld draws; one block per distribution\n"
            "# m n exact bound count empirical ci_low ci_high\n", THM2_SEED, THM2_DRAWS);
    for (size_t c = 0; c < THM2_NCASES; c++) {
        
#line 766 "book/03-truncation.nw"
/* check one distribution of the table */
const thm2_case *tc = &cases[c];
ggs_dist d;
long left[THM2_MAX_ROWS], last[THM2_MAX_ROWS], count[THM2_MAX_ROWS] = {0};
int nrows = 0;
double prev = 2;
if (ggs_dist_parse(&d, tc->spec) != GGS_OK) {
    snprintf(why, sizeof why, "%s", ggs_last_error());
    break;
}
while (nrows < THM2_MAX_ROWS && tc->size[nrows] > 0) {
    thm2_window(&left[nrows], &last[nrows], &d, tc, nrows);
    nrows++;
}
for (long s = 0; s < THM2_DRAWS; s++) {
    long x = thm2_draw(&d, r);
    for (int i = 0; i < nrows; i++)
        count[i] += x < left[i] || x > last[i];
}
fprintf(dat, "# %s\n", tc->spec);
for (int i = 0; i < nrows; i++) {
    size_t n = (size_t)(last[i] - left[i] + 1);
    double exact = ggs_truncated_outside(&d, left[i], n);
    double bound = thm2_bound(&d, tc, left[i], last[i]);
    double emp = (double)count[i] / THM2_DRAWS, lo, hi;
    thm2_interval(&lo, &hi, count[i], THM2_DRAWS, THM2_ALPHA / (double)rows);
    printf("%-15s %4ld %4zu %10.4e %9.2e %7ld %10.4e %10.4e %10.4e%s\n", i == 0 ? tc->spec : "",
           left[i], n, exact, bound, count[i], emp, lo, hi,
           exact < lo || exact > hi ? " <- outside" : "");
    fprintf(dat, "%ld %zu %.10e %.10e %ld %.10e %.10e %.10e\n", left[i], n, exact, bound,
            count[i], emp, lo, hi);
    
#line 803 "book/03-truncation.nw"
/* record the first violated claim for row i */
if (why[0] == '\0') {
    if (exact > prev)
        snprintf(why, sizeof why, "%s: P(Z != X) increases at n = %zu", tc->spec, n);
    else if (exact > bound)
        snprintf(why, sizeof why, "%s: P(Z != X) = %g exceeds the bound %g at n = %zu",
                 tc->spec, exact, bound, n);
    else if (exact < lo || exact > hi)
        snprintf(why, sizeof why, "%s: exact %g outside the interval [%g, %g] at n = %zu",
                 tc->spec, exact, lo, hi, n);
    else if (i == nrows - 1 && !(exact < THM2_FINAL_MAX))
        snprintf(why, sizeof why, "%s: P(Z != X) = %g >= %g at the largest window",
                 tc->spec, exact, THM2_FINAL_MAX);
}
#line 798 "book/03-truncation.nw"
    prev = exact;
}
fprintf(dat, "\n\n");
#line 753 "book/03-truncation.nw"
    }
    fclose(dat);
    ggs_rng_free(r);
    printf("\ndata: %s\n", path);
    if (why[0] != '\0') {
        printf("theorem 2: FAIL (%s)\n", why);
        return 1;
    }
    puts("theorem 2: PASS");
    return 0;
}
