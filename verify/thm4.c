#line 734 "book/05-gengs.nw"
/* Generated from book/05-gengs.nw; do not edit.
   Verification of Theorem 4: GenGS(pi, tau) -> T(GM(pi)) as tau -> 0,
   and the data of Figure 1.  Usage: verify/thm4 [OUTDIR]  (default build/figures) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "gengs-core.h"

#line 748 "book/05-gengs.nw"
#define THM4_DRAWS 1000000      /* noise vectors per case */
#define THM4_SEED 20200306UL
#define THM4_NTAU 6
static const double thm4_taus[THM4_NTAU] = {1, 0.5, 0.1, 0.05, 0.01, 0.001};
#define THM4_MEAN_BOUND 1e-2    /* criterion (iii): mean error at the smallest tau */
#define THM4_RATIO_TAU 0.01     /* criterion (iv) applies at tau <= this */
#define THM4_RATIO_TOL 0.15     /* criterion (iv): |measured / predicted - 1| */
#define THM4_ROUNDING 1e-12     /* slack of the per-draw bound, times (max c - min c) */
#define THM4_MAX_N 64

#define FIG1_DRAWS 100000       /* relaxed samples per panel of Figure 1 */
#define FIG1_SEED 7UL
#define FIG1_BIN 0.25           /* bin width; bins are centred on the integers */
#define FIG1_NCOL 4
#define FIG1_NROW 3
static const size_t fig1_n[FIG1_NCOL] = {6, 9, 12, 20};
static const double fig1_tau[FIG1_NROW] = {1, 0.5, 0.1};
#line 767 "book/05-gengs.nw"
typedef struct thm4_case {
    const char *spec;   /* distribution */
    size_t n;           /* categories of the window {0, ..., n-1} */
} thm4_case;

#line 774 "book/05-gengs.nw"
static const thm4_case thm4_cases[] = {
    {"poisson:7", 20},
    {"geometric:0.25", 12},
    {"binomial:20,0.3", 21},
};
#define THM4_NCASES (sizeof thm4_cases / sizeof thm4_cases[0])

/* what is accumulated for one case and one temperature */
typedef struct thm4_stats {
    double sum_err, max_err;     /* of |GenGS - T(GM)| */
    long violations;             /* draws that break the per-draw bound */
    double hist[THM4_MAX_N];     /* rounded relaxed values, by category */
} thm4_stats;
#line 793 "book/05-gengs.nw"
static void fail(const char *what)
{
    printf("gengs: error: %s\n", what);
    printf("theorem 4: FAIL (%s)\n", what);
    exit(1);
}

static void thm4_setup(double *logpi, double *pi, double *c, const char *spec, size_t n)
{
    ggs_dist d;
    if (n > THM4_MAX_N)
        fail("window too wide for thm4");
    if (ggs_dist_parse(&d, spec) != GGS_OK || ggs_truncated_logpmf(logpi, &d, 0, n) != GGS_OK)
        fail(ggs_last_error());
    ggs_support_values(c, 0, n);
    for (size_t k = 0; k < n; k++)
        pi[k] = exp(logpi[k]);
}
#line 815 "book/05-gengs.nw"
static double thm4_gap(const double *logpi, const double *g, size_t kstar, size_t n)
{
    double second = -HUGE_VAL;
    for (size_t j = 0; j < n; j++)
        if (j != kstar)
            second = fmax(second, logpi[j] + g[j]);
    return logpi[kstar] + g[kstar] - second;
}

static double thm4_first_order(const double *pi, const double *c, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            s += pi[i] * pi[j] * fabs(c[i] - c[j]);
    return log(2.0) * s;
}
#line 835 "book/05-gengs.nw"
static void thm4_run(thm4_stats *st, const double *logpi, const double *c, size_t n,
                     gsl_rng *r)
{
    double g[THM4_MAX_N], y[THM4_MAX_N], range = c[n - 1] - c[0];
    for (size_t t = 0; t < THM4_NTAU; t++) {
        st[t].sum_err = st[t].max_err = 0;
        st[t].violations = 0;
        for (size_t k = 0; k < n; k++)
            st[t].hist[k] = 0;
    }
    for (long draw = 0; draw < THM4_DRAWS; draw++) {
        size_t kstar;
        double gap;
        ggs_gumbel_fill(g, n, r);
        kstar = ggs_gumbel_max(logpi, g, n);
        gap = thm4_gap(logpi, g, kstar, n);
        for (size_t t = 0; t < THM4_NTAU; t++) {
            
#line 858 "book/05-gengs.nw"
/* compare GenGS at temperature t with the exact draw c[kstar] */
double z, err, bound;
long bin;
if (ggs_gengs_forward(&z, y, logpi, g, c, thm4_taus[t], n) != GGS_OK)
    fail(ggs_last_error());
err = fabs(z - c[kstar]);
bound = range * (double)(n - 1) * exp(-gap / thm4_taus[t]);
if (err > bound + THM4_ROUNDING * range)
    st[t].violations++;
st[t].sum_err += err;
st[t].max_err = fmax(st[t].max_err, err);
bin = lround(z - c[0]);
st[t].hist[bin < 0 ? 0 : bin >= (long)n ? (long)n - 1 : bin] += 1;
#line 853 "book/05-gengs.nw"
        }
    }
}
#line 875 "book/05-gengs.nw"
static void fig1_write(FILE *f, gsl_rng *r)
{
    double logpi[THM4_MAX_N], pi[THM4_MAX_N], c[THM4_MAX_N], g[THM4_MAX_N], y[THM4_MAX_N];
    double hist[4 * THM4_MAX_N];
    int block = 0;
    fprintf(f, "# fig1.dat: Figure 1, relaxed GenGS samples of Poisson(7).\n"
               "# Blocks are separated by two blank lines (gnuplot index).\n"
               "# Blocks %d..%d: panel (row i, column j) is block %d*i + j,\n"
               "#   row i: tau in {1, 0.5, 0.1}; column j: n in {6, 9, 12, 20};\n"
               "#   columns: bin centre, fraction of the %d samples in the bin\n"
               "#   (width %g), density (fraction / width).\n"
               "# Blocks %d..%d: the truncated pmf for column j:\n"
               "#   k, pi_k, 1 if k is the tail category.\n",
            0, FIG1_NROW * FIG1_NCOL - 1, FIG1_NCOL, FIG1_DRAWS, FIG1_BIN,
            FIG1_NROW * FIG1_NCOL, FIG1_NROW * FIG1_NCOL + FIG1_NCOL - 1);
    for (size_t i = 0; i < FIG1_NROW; i++)
        for (size_t j = 0; j < FIG1_NCOL; j++) {
            size_t n = fig1_n[j], nbins = (size_t)((double)(n - 1) / FIG1_BIN) + 1;
            thm4_setup(logpi, pi, c, "poisson:7", n);
            for (size_t b = 0; b < nbins; b++)
                hist[b] = 0;
            for (long draw = 0; draw < FIG1_DRAWS; draw++) {
                double z;
                long b;
                ggs_gumbel_fill(g, n, r);
                if (ggs_gengs_forward(&z, y, logpi, g, c, fig1_tau[i], n) != GGS_OK)
                    fail(ggs_last_error());
                b = lround(z / FIG1_BIN);
                hist[b < 0 ? 0 : b >= (long)nbins ? (long)nbins - 1 : b] += 1;
            }
            fprintf(f, "%s# block %d: tau = %g, n = %zu\n", block ? "\n\n" : "", block,
                    fig1_tau[i], n);
            for (size_t b = 0; b < nbins; b++)
                fprintf(f, "%g %.6f %.6f\n", (double)b * FIG1_BIN, hist[b] / FIG1_DRAWS,
                        hist[b] / FIG1_DRAWS / FIG1_BIN);
            block++;
        }
    for (size_t j = 0; j < FIG1_NCOL; j++) {
        size_t n = fig1_n[j];
        thm4_setup(logpi, pi, c, "poisson:7", n);
        fprintf(f, "\n\n# block %d: truncated pmf, n = %zu\n", block++, n);
        for (size_t k = 0; k < n; k++)
            fprintf(f, "%g %.8f %d\n", c[k], pi[k], k == n - 1);
    }
}
#line 926 "book/05-gengs.nw"
int main(int argc, char **argv)
{
    const char *outdir = argc > 1 ? argv[1] : "build/figures";
    char path[4096], why[256] = "";
    FILE *dat, *fig;
    gsl_rng *r = ggs_rng_new(THM4_SEED);
    static thm4_stats st[THM4_NTAU];
    if (r == NULL)
        fail("cannot allocate the generator");
    snprintf(path, sizeof path, "%s/thm4.dat", outdir);
    if ((dat = fopen(path, "w")) == NULL)
        fail("cannot write thm4.dat in the output directory");
    fprintf(dat, "# thm4.dat: verification of Theorem 4; one block per case (gnuplot index).\n"
                 "# Columns: tau, mean |GenGS - T(GM)|, max, predicted tau*ln2*E|Z-Z'|,\n"
                 "# measured/predicted, bound violations, TV of rounded samples vs pi.\n");
    printf("Theorem 4: GenGS(pi, tau) -> T(GM(pi)); %d noise vectors per case,\n"
           "the same noise at every tau, seed %lu\n", THM4_DRAWS, THM4_SEED);
    printf("%-16s %3s %6s %10s %8s %10s %6s %5s %8s\n", "distribution", "n", "tau",
           "mean|err|", "max|err|", "predicted", "ratio", "viol", "TV(rnd)");
    for (size_t i = 0; i < THM4_NCASES; i++) {
        
#line 962 "book/05-gengs.nw"
/* run case i of Theorem 4, print and record it */
const thm4_case *tc = &thm4_cases[i];
double logpi[THM4_MAX_N], pi[THM4_MAX_N], c[THM4_MAX_N], coef, prev = HUGE_VAL;
thm4_setup(logpi, pi, c, tc->spec, tc->n);
coef = thm4_first_order(pi, c, tc->n);
thm4_run(st, logpi, c, tc->n, r);
fprintf(dat, "%s# case %zu: %s, n = %zu\n", i ? "\n\n" : "", i, tc->spec, tc->n);
for (size_t t = 0; t < THM4_NTAU; t++) {
    double tau = thm4_taus[t], mean = st[t].sum_err / THM4_DRAWS, pred = coef * tau;
    double ratio = mean / pred, tv = 0;
    for (size_t k = 0; k < tc->n; k++)
        tv += 0.5 * fabs(st[t].hist[k] / THM4_DRAWS - pi[k]);
    printf("%-16s %3zu %6g %10.3e %8.4f %10.3e %6.3f %5ld %8.5f\n", tc->spec, tc->n, tau,
           mean, st[t].max_err, pred, ratio, st[t].violations, tv);
    fprintf(dat, "%g %.6e %.6e %.6e %.5f %ld %.6f\n", tau, mean, st[t].max_err, pred,
            ratio, st[t].violations, tv);
    if (why[0] != '\0') {
        /* report only the first failure */
    } else if (st[t].violations > 0)
        snprintf(why, sizeof why, "%s, tau = %g: %ld draws exceed the per-draw bound",
                 tc->spec, tau, st[t].violations);
    else if (!(mean < prev))
        snprintf(why, sizeof why, "%s: mean error does not decrease at tau = %g", tc->spec, tau);
    else if (t == THM4_NTAU - 1 && !(mean < THM4_MEAN_BOUND))
        snprintf(why, sizeof why, "%s: mean error %.3g >= %g at tau = %g", tc->spec, mean,
                 THM4_MEAN_BOUND, tau);
    else if (tau <= THM4_RATIO_TAU && !(fabs(ratio - 1) <= THM4_RATIO_TOL))
        snprintf(why, sizeof why, "%s: mean error / first-order prediction = %.3f at tau = %g",
                 tc->spec, ratio, tau);
    prev = mean;
}
#line 947 "book/05-gengs.nw"
    }
    if (fclose(dat) != 0)
        fail("cannot write thm4.dat");
    
#line 995 "book/05-gengs.nw"
/* write the data of Figure 1 */
snprintf(path, sizeof path, "%s/fig1.dat", outdir);
if ((fig = fopen(path, "w")) == NULL)
    fail("cannot write fig1.dat in the output directory");
ggs_rng_free(r);
if ((r = ggs_rng_new(FIG1_SEED)) == NULL)
    fail("cannot allocate the generator");
fig1_write(fig, r);
if (fclose(fig) != 0)
    fail("cannot write fig1.dat");
printf("wrote %s/thm4.dat and %s/fig1.dat\n", outdir, outdir);
#line 951 "book/05-gengs.nw"
    ggs_rng_free(r);
    if (why[0] != '\0') {
        printf("theorem 4: FAIL (%s)\n", why);
        return 1;
    }
    printf("theorem 4: PASS\n");
    return 0;
}
