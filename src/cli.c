#line 122 "book/34-command.nw"
/* Generated from book/34-command.nw; do not edit. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "gengs-core.h"
#include "cli.h"
#include "cmdline.h"

#line 145 "book/34-command.nw"
typedef enum { MODE_RELAXED, MODE_EXACT, MODE_HARD } sample_mode;

typedef struct options {
    ggs_dist dist;        /* the parsed DIST */
    const char *spec;     /* DIST as written, for messages */
    int n_auto;           /* --n auto (or no --n) */
    size_t n;             /* --n N */
    int have_left;        /* --left given */
    long left;            /* --left M */
    double eps;           /* --eps E: outside mass of an automatic window */
    double tau;           /* --tau T */
    int have_tau;
    unsigned long count;  /* --count C */
    int have_count;
    unsigned long seed;   /* --seed S */
    int have_seed;
    sample_mode mode;     /* --exact / --hard */
    int grad;             /* --grad */
    const char *gumbel;   /* --gumbel G1,...,Gn: fixed noise, or NULL */
} options;
#line 172 "book/34-command.nw"
#define DEFAULT_EPS 1e-12
/* the largest window or outcome list the command prints */
#define MAX_CATEGORIES 10000000UL
/* the largest |value| of a sampled window: 2^53, exact in a double */
#define SAMPLE_MAX_VALUE 9007199254740992L
#line 936 "book/34-command.nw"
/* a printed probability may exceed 1 by this much (rounding of sums) */
#define PROB_SLACK 1e-12
#line 1045 "book/34-command.nw"
typedef struct sampler {
    size_t n;          /* categories of one trial */
    size_t trials;     /* 1, or N for a multinomial */
    size_t P;          /* real parameters */
    double *logpi;     /* (n) truncated log-pmf */
    double *dlogpmf;   /* (n, P) its derivatives */
    double *c;         /* (n) outcome values */
    double *g;         /* (trials, n) Gumbel noise */
    double *y;         /* (trials, n) relaxed one-hot vectors */
    double *z;         /* (n) relaxed value or vector */
    double *dlogpi;    /* (n) gradient of one output with respect to logpi */
    double *dz;        /* (n) a unit vector selecting one output */
    double *dtheta;    /* (P) gradient of one output with respect to theta */
    double *block;     /* the allocation that all of the above point into */
} sampler;
#line 1361 "book/34-command.nw"
static const char help_main[] =
    "usage: gengs COMMAND [OPTIONS]\n"
    "\n"
    "Explore the Generalized Gumbel-Softmax estimator (GenGS).\n"
    "\n"
    "commands:\n"
    "  pmf     print the truncated pmf of a distribution\n"
    "  sample  draw relaxed (GenGS), exact (Gumbel-Max) or straight-through samples\n"
    "  vae     train and evaluate a GenGS variational autoencoder (chapter 'vae')\n"
    "  corpus  make a bag-of-words corpus from a folder of text files (chapter 'corpus')\n"
    "  synth   bias and variance of a gradient estimator at THETA (chapter 'estimators')\n"
    "  help    print this text ('gengs COMMAND --help' describes a command)\n"
    "\n"
    "DIST is one of: poisson:LAMBDA  binomial:N,P  geometric:P  negbin:R,P\n"
    "                categorical:P1,P2,...  multinomial:N,P1,P2,...\n"
    "(geometric and negbin count failures before the first / R-th success)\n"
    "\n"
    "Exit status: 0 success, 1 runtime error, 2 usage error.\n";

static const char help_pmf[] =
    "usage: gengs pmf DIST [--n N|auto] [--left M] [--eps E]\n"
    "\n"
    "Print the truncated pmf of DIST on {M, ..., M+N-1}, one line per category:\n"
    "VALUE<TAB>PROBABILITY (%.17g).  The first category also holds P(X < M), the\n"
    "last P(X > M+N-1); '#' comment lines give both masses.\n"
    "\n"
    "  --n N|auto  number of categories, N >= 2 (default auto: the smallest window\n"
    "              whose outside mass is at most E)\n"
    "  --left M    leftmost value (default: the lower end of the support when N is\n"
    "              given; chosen with N when --n auto).  With --n auto and --left M,\n"
    "              N is the smallest with P(X > M+N-1) <= E\n"
    "  --eps E     outside-mass tolerance of an automatic window (default 1e-12)\n"
    "\n"
    "categorical:... prints its K categories; multinomial:... prints every count\n"
    "vector X1,...,XK with its probability.\n";

static const char help_sample[] =
    "usage: gengs sample DIST --n N|auto [--left M] [--eps E] --tau T --count C\n"
    "                    --seed S [--exact | --hard] [--grad]\n"
    "\n"
    "Print C draws, one per line.  Default: the relaxed value z = T(GS(pi, T)).\n"
    "\n"
    "  --n, --left, --eps   the truncation window, as for 'gengs pmf'\n"
    "  --tau T      Gumbel-Softmax temperature, T > 0 (not needed with --exact)\n"
    "  --count C    number of draws\n"
    "  --seed S     seed of the random number generator (same seed, same output)\n"
    "  --gumbel G1,...,Gn  one draw from this Gumbel vector instead of random\n"
    "               noise (one value per category; multinomial: N*K values);\n"
    "               replaces --seed, --count is then 1\n"
    "  --exact      exact draws T(GM(pi)) of the truncated distribution\n"
    "  --hard       straight-through draws: the discrete forward value c[argmax y]\n"
    "  --grad       append dz/dtheta for each real parameter of DIST, in the order\n"
    "               written (negbin:R,P -> dz/dR, dz/dP); the straight-through\n"
    "               derivative with --hard; not available with --exact\n"
    "\n"
    "categorical:... prints the K coordinates of the (relaxed) one-hot vector,\n"
    "multinomial:... the K (relaxed) counts; with --grad, then the K x K Jacobian\n"
    "dz_i/dp_j row by row.\n";
#line 183 "book/34-command.nw"
static int usage_error(FILE *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int usage_error(FILE *err, const char *fmt, ...)
{
    va_list ap;
    fputs("gengs: error: ", err);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputs("\n", err);
    return GGS_EXIT_USAGE;
}
#line 205 "book/34-command.nw"
static int library_error(FILE *err, int status, const char *spec)
{
    if (status == GGS_EDOM || status == GGS_EINVAL)
        return usage_error(err, "%s, in DIST '%s'", ggs_cmd_libmsg(), spec);
    return ggs_cmd_fail(err, "%s, in DIST '%s'", ggs_cmd_libmsg(), spec);
}
#line 741 "book/34-command.nw"
static int read_window_size(void *dest, const char *v, char *why, size_t size)
{
    options *o = dest;
    unsigned long n;
    if (strcmp(v, "auto") == 0) {
        o->n_auto = 1;
        return 1;
    }
    if (!ggs_cmd_ulong(&n, v) || n < 2 || n > MAX_CATEGORIES) {
        snprintf(why, size, "must be 'auto' or an integer in [2, %lu]", MAX_CATEGORIES);
        return 0;
    }
    o->n = (size_t)n;
    o->n_auto = 0;
    return 1;
}
#line 761 "book/34-command.nw"
static int parse_options(options *o, int argc, char **argv, int sampling, FILE *err)
{
    const char *dist = NULL;
    int rc, exact = 0, hard = 0;
    memset(o, 0, sizeof *o);
    o->n_auto = 1;
    o->eps = DEFAULT_EPS;
    ggs_cmd_option table[] = {
        { GGS_CMD_OPTION("--n", GGS_CMD_CUSTOM, o, NULL), .read = read_window_size },
        { GGS_CMD_OPTION("--left", GGS_CMD_LONG, &o->left, &o->have_left) },
        { GGS_CMD_OPTION("--eps", GGS_CMD_REAL, &o->eps, NULL), .lo = 0, .hi = 1,
          .bounds = GGS_CMD_LO_OPEN | GGS_CMD_HI_OPEN },
        { GGS_CMD_OPTION("--tau", GGS_CMD_REAL, &o->tau, &o->have_tau), .lo = 0,
          .bounds = GGS_CMD_LO_OPEN },
        { GGS_CMD_OPTION("--count", GGS_CMD_ULONG, &o->count, &o->have_count) },
        { GGS_CMD_OPTION("--seed", GGS_CMD_ULONG, &o->seed, &o->have_seed) },
        { GGS_CMD_OPTION("--exact", GGS_CMD_FLAG, &exact, NULL) },
        { GGS_CMD_OPTION("--hard", GGS_CMD_FLAG, &hard, NULL) },
        { GGS_CMD_OPTION("--grad", GGS_CMD_FLAG, &o->grad, NULL) },
        /* --gumbel: its values are read once the window is known */
        { GGS_CMD_OPTION("--gumbel", GGS_CMD_STRING, &o->gumbel, NULL) },
        GGS_CMD_END
    };
    if (!sampling)
        table[3].name = NULL;       /* pmf: the window's options only */
    if ((rc = ggs_cmd_parse(table, argv[1], argc - 1, argv + 1, &dist, 1, err)) != 0)
        return rc;
    if (exact && hard)
        return usage_error(err, "--exact and --hard exclude each other");
    o->mode = exact ? MODE_EXACT : hard ? MODE_HARD : MODE_RELAXED;
    
#line 798 "book/34-command.nw"
/* take dist as the distribution */
if (dist == NULL)
    return usage_error(err, "missing DIST (e.g. poisson:2; see 'gengs %s --help')", argv[1]);
if (ggs_dist_parse(&o->dist, dist) != GGS_OK)
    return usage_error(err, "%s", ggs_cmd_libmsg());
o->spec = dist;
#line 792 "book/34-command.nw"
    
#line 810 "book/34-command.nw"
/* check that the required options were given */
if (o->spec == NULL)
    return usage_error(err, "missing DIST (e.g. poisson:2; see 'gengs %s --help')", argv[1]);
if (sampling) {
    if (!o->have_tau && o->mode != MODE_EXACT)
        return usage_error(err, "missing --tau T (the Gumbel-Softmax temperature)");
    if (o->gumbel != NULL) {
        if (o->have_seed)
            return usage_error(err, "--seed and --gumbel exclude each other "
                               "(a fixed Gumbel vector draws no noise)");
        if (o->have_count && o->count != 1)
            return usage_error(err, "--count = %lu: a fixed Gumbel vector makes one draw",
                               o->count);
        o->count = 1;
        o->have_count = o->have_seed = 1;
    }
    if (!o->have_count)
        return usage_error(err, "missing --count C (the number of draws)");
    if (!o->have_seed)
        return usage_error(err, "missing --seed S (the random seed)");
    if (o->mode == MODE_EXACT && o->grad)
        return usage_error(err, "--grad needs a relaxed draw: "
                           "an exact draw has no pathwise derivative");
}
#line 793 "book/34-command.nw"
    return 0;
}
#line 844 "book/34-command.nw"
static void format_window(char *buf, size_t size, long m, size_t n)
{
    if (m <= LONG_MAX - (long)(n - 1))
        snprintf(buf, size, "{%ld, ..., %ld}", m, m + (long)(n - 1));
    else
        snprintf(buf, size, "{%ld, ..., %ld + %zu}", m, m, n - 1);
}
#line 854 "book/34-command.nw"
static int choose_window(ggs_window *w, const options *o, FILE *err)
{
    char win[96];
    long lo, hi;
    const ggs_dist *d = &o->dist;
    if (ggs_dist_descriptor(d)->whole_window) {
        if ((!o->n_auto && o->n != d->nparam) || (o->have_left && o->left != 0))
            return usage_error(err, "a %s distribution has exactly its %zu categories "
                               "(--n %zu --left 0), in DIST '%s'",
                               ggs_family_name(d->family), d->nparam, d->nparam, o->spec);
        w->m = 0;
        w->n = d->nparam;
        return 0;
    }
    ggs_dist_support(&lo, &hi, d);
    w->m = o->have_left ? o->left : lo;
    if (o->n_auto) {
        int st = ggs_window_auto(w, d, o->eps, o->have_left);
        if (st != GGS_OK)
            return library_error(err, st, o->spec);
    } else {
        w->n = o->n;
    }
    if (w->n > MAX_CATEGORIES)
        return usage_error(err, "window of %zu categories is too large (at most %lu)",
                           w->n, MAX_CATEGORIES);
    format_window(win, sizeof win, w->m, w->n);
    if (w->m < lo
        || (hi != LONG_MAX && (w->n > (size_t)(hi - lo) + 1 || w->m > hi - (long)w->n + 1)))
        return usage_error(err, "window %s is not inside the support {%ld, ..., %ld} "
                           "of DIST '%s'", win, lo, hi, o->spec);
    if (w->m > LONG_MAX - (long)(w->n - 1))
        return usage_error(err, "window %s (--left %ld) ends beyond the largest value %ld, "
                           "in DIST '%s'", win, w->m, LONG_MAX, o->spec);
    return 0;
}
#line 901 "book/34-command.nw"
static int cmd_pmf_scalar(const options *o, const ggs_window *w, FILE *out, FILE *err)
{
    double *pi = malloc(w->n * sizeof *pi), below, above;
    long last = w->m + (long)(w->n - 1);
    char name[256];
    if (pi == NULL) {
        fprintf(err, "gengs: error: out of memory for %zu categories\n", w->n);
        return GGS_EXIT_RUNTIME;
    }
    {
        int st = ggs_truncated_pmf(pi, &o->dist, w->m, w->n);
        if (st != GGS_OK) {
            free(pi);
            return library_error(err, st, o->spec);
        }
    }
    below = exp(ggs_logcdf_lower(&o->dist, w->m - 1));
    above = last == LONG_MAX ? 0.0 : exp(ggs_logcdf_upper(&o->dist, last + 1));
    
#line 940 "book/34-command.nw"
/* check that every probability of the pmf is finite */
if (!(below >= 0 && below <= 1 + PROB_SLACK) || !(above >= 0 && above <= 1 + PROB_SLACK)) {
    free(pi);
    return ggs_cmd_fail(err, "the mass %s the window of DIST '%s' came out as %g, "
                        "not a probability", below >= 0 && below <= 1 + PROB_SLACK
                        ? "above" : "below", o->spec,
                        below >= 0 && below <= 1 + PROB_SLACK ? above : below);
}
for (size_t k = 0; k < w->n; k++)
    if (!(pi[k] >= 0 && pi[k] <= 1 + PROB_SLACK)) {
        double bad = pi[k];
        free(pi);
        return ggs_cmd_fail(err, "the truncated pmf of DIST '%s' came out as %g at value "
                            "%ld (category %zu), not a probability", o->spec, bad,
                            w->m + (long)k, k);
    }
#line 920 "book/34-command.nw"
    ggs_dist_format(name, sizeof name, &o->dist);
    fprintf(out, "# %s truncated to {%ld, ..., %ld} (m = %ld, n = %zu)\n", name, w->m,
            last, w->m, w->n);
    fprintf(out, "# mass below m folded into the first category: %.17g\n", below);
    fprintf(out, "# mass above m+n-1 folded into the last category: %.17g\n", above);
    for (size_t k = 0; k < w->n; k++)
        fprintf(out, "%ld\t%.17g\n", w->m + (long)k, pi[k]);
    free(pi);
    return 0;
}
#line 966 "book/34-command.nw"
static int cmd_pmf_multinomial(const options *o, FILE *out, FILE *err)
{
    size_t K = o->dist.nparam;
    unsigned long N = o->dist.trials;
    unsigned int x[GGS_MAX_CATEGORIES];
    double outcomes = 1;
    char name[2048];
    for (size_t j = 1; j < K; j++)  /* C(N+K-1, K-1) */
        outcomes = outcomes * (double)(N + j) / (double)j;
    if (outcomes > (double)MAX_CATEGORIES || N > UINT_MAX)
        return usage_error(err, "multinomial with N = %lu and K = %zu has %.3g outcomes, "
                           "too many to print (at most %lu)", N, K, outcomes, MAX_CATEGORIES);
    ggs_dist_format(name, sizeof name, &o->dist);
    fprintf(out, "# %s: %.0f count vectors (x_1,...,x_K), sum N = %lu\n", name, outcomes, N);
    memset(x, 0, sizeof x);
    x[0] = (unsigned int)N;
    for (;;) {
        double prob = exp(ggs_multinomial_logpmf(&o->dist, x));
        if (!(prob >= 0 && prob <= 1 + PROB_SLACK)) {
            char vec[GGS_MAX_CATEGORIES * 12];
            size_t len = 0;
            for (size_t j = 0; j < K; j++)
                len += (size_t)snprintf(vec + len, sizeof vec - len, "%s%u", j ? "," : "", x[j]);
            return ggs_cmd_fail(err, "the pmf of DIST '%s' came out as %g at the count "
                                "vector %s, not a probability", o->spec, prob, vec);
        }
        for (size_t j = 0; j < K; j++)
            fprintf(out, "%u%s", x[j], j + 1 < K ? "," : "\t");
        fprintf(out, "%.17g\n", prob);
        
#line 1001 "book/34-command.nw"
/* step x to the next composition, or stop after the last */
{
    size_t j = K - 1;
    while (j > 0 && x[j - 1] == 0)
        j--;
    if (j == 0)
        break;
    unsigned int rest = x[K - 1];
    x[K - 1] = 0;
    x[j - 1]--;
    x[j] = rest + 1;
}
#line 996 "book/34-command.nw"
    }
    return 0;
}
#line 1020 "book/34-command.nw"
static int cmd_pmf(int argc, char **argv, FILE *out, FILE *err)
{
    options o;
    ggs_window w;
    int rc;
    if ((rc = parse_options(&o, argc, argv, 0, err)) != 0)
        return rc;
    if (ggs_dist_descriptor(&o.dist)->vector) {
        if (!o.n_auto || o.have_left)
            return usage_error(err, "--n and --left do not apply to a multinomial pmf");
        return cmd_pmf_multinomial(&o, out, err);
    }
    if ((rc = choose_window(&w, &o, err)) != 0)
        return rc;
    return cmd_pmf_scalar(&o, &w, out, err);
}
#line 1065 "book/34-command.nw"
static int sampler_init(sampler *s, size_t n, size_t trials, size_t P)
{
    size_t sizes[] = { n, n * P, n, trials * n, trials * n, n, n, n, P };
    double **fields[] = { &s->logpi, &s->dlogpmf, &s->c, &s->g, &s->y, &s->z,
                          &s->dlogpi, &s->dz, &s->dtheta };
    size_t total = 0, nf = sizeof sizes / sizeof sizes[0];
    for (size_t f = 0; f < nf; f++) {
        if (sizes[f] > ((size_t)-1 / sizeof(double)) / 4 - total)
            return GGS_ENOMEM;
        total += sizes[f];
    }
    s->block = calloc(total, sizeof(double));
    if (s->block == NULL)
        return GGS_ENOMEM;
    double *p = s->block;
    for (size_t f = 0; f < nf; f++) {
        *fields[f] = p;
        p += sizes[f];
    }
    s->n = n;
    s->trials = trials;
    s->P = P;
    return GGS_OK;
}
#line 1103 "book/34-command.nw"
static void print_row(FILE *out, const double *v, size_t len, int *first)
{
    for (size_t i = 0; i < len; i++) {
        fprintf(out, "%s%.17g", *first ? "" : "\t", v[i]);
        *first = 0;
    }
}

/* 0 if every v[i] is finite; else the message and exit 1.  The values are named
   name (len = 1), name[i] (width = 0) or, as a matrix, name[i / width][i % width]. */
static int check_finite(const double *v, size_t len, size_t width, const char *name,
                        const options *o, unsigned long draw, FILE *err)
{
    for (size_t i = 0; i < len; i++)
        if (!isfinite(v[i])) {
            char idx[64] = "";
            if (width > 0)
                snprintf(idx, sizeof idx, "[%zu][%zu]", i / width, i % width);
            else if (len > 1)
                snprintf(idx, sizeof idx, "[%zu]", i);
            return ggs_cmd_fail(err, "draw %lu of DIST '%s': %s%s came out as %g, "
                                "not a finite number", draw, o->spec, name, idx, v[i]);
        }
    return 0;
}

static int draw_scalar(sampler *s, const options *o, gsl_rng *r, unsigned long draw,
                       FILE *out, FILE *err)
{
    double z;
    int first = 1, rc;
    if (o->gumbel == NULL)
        ggs_gumbel_fill(s->g, s->n, r);
    if (o->mode == MODE_EXACT) {
        size_t k = ggs_gumbel_max(s->logpi, s->g, s->n);
        if (k >= s->n)
            return ggs_cmd_fail(err, "draw %lu of DIST '%s': no category can be chosen",
                                draw, o->spec);
        z = s->c[k];
    } else {
        if (ggs_gengs_forward(&z, s->y, s->logpi, s->g, s->c, o->tau, s->n) != GGS_OK)
            return ggs_cmd_fail(err, "draw %lu of DIST '%s': %s", draw, o->spec,
                                ggs_cmd_libmsg());
        if (o->mode == MODE_HARD)
            z = ggs_gengs_hard(s->y, s->c, s->n);
    }
    if ((rc = check_finite(&z, 1, 0, "z", o, draw, err)) != 0)
        return rc;
    if (o->grad) {
        double zr = ggs_transform(s->y, s->c, s->n);  /* the relaxed value */
        memset(s->dlogpi, 0, s->n * sizeof(double));
        memset(s->dtheta, 0, s->P * sizeof(double));
        ggs_gengs_backward(s->dlogpi, 1.0, zr, s->y, s->c, o->tau, s->n);
        ggs_explicit_backward(s->dtheta, s->dlogpi, s->dlogpmf, s->n, s->P);
        if ((rc = check_finite(s->dtheta, s->P, 0, "dz/dtheta", o, draw, err)) != 0)
            return rc;
    }
    print_row(out, &z, 1, &first);
    if (o->grad)
        print_row(out, s->dtheta, s->P, &first);
    fputc('\n', out);
    return 0;
}
#line 1181 "book/34-command.nw"
static int draw_vector(sampler *s, const options *o, gsl_rng *r, unsigned long draw,
                       FILE *out, FILE *err)
{
    size_t K = s->n, N = s->trials;
    double *jac = s->dlogpmf;   /* (K, K) dz_i/dp_j */
    int first = 1, rc;
    if (o->gumbel == NULL)
        ggs_gumbel_fill(s->g, N * K, r);
    if (o->mode == MODE_EXACT) {
        ggs_multinomial_gumbel_max(s->z, s->logpi, s->g, K, N);
    } else {
        if (ggs_multinomial_relaxed_forward(s->z, s->y, s->logpi, s->g, o->tau, K, N) != GGS_OK)
            return ggs_cmd_fail(err, "draw %lu of DIST '%s': %s", draw, o->spec,
                                ggs_cmd_libmsg());
        if (o->mode == MODE_HARD) {
            memset(s->z, 0, K * sizeof(double));
            for (size_t t = 0; t < N; t++)
                s->z[ggs_argmax(s->y + t * K, K)] += 1;
        }
    }
    if ((rc = check_finite(s->z, K, 0, "z", o, draw, err)) != 0)
        return rc;
    if (o->grad) {
        for (size_t i = 0; i < K; i++) {
            memset(s->dz, 0, K * sizeof(double));
            memset(s->dlogpi, 0, K * sizeof(double));
            s->dz[i] = 1;
            ggs_multinomial_relaxed_backward(s->dlogpi, s->dz, s->y, o->tau, K, N);
            for (size_t j = 0; j < K; j++)
                jac[i * K + j] = o->dist.theta[j] > 0 ? s->dlogpi[j] / o->dist.theta[j] : 0.0;
        }
        if ((rc = check_finite(jac, K * K, K, "dz/dp", o, draw, err)) != 0)
            return rc;
    }
    print_row(out, s->z, K, &first);
    if (o->grad)
        print_row(out, jac, K * K, &first);
    fputc('\n', out);
    return 0;
}
#line 1226 "book/34-command.nw"
static int read_gumbel(double *g, size_t len, const options *o, FILE *err)
{
    const char *p = o->gumbel;
    size_t k = 0;
    for (;;) {
        char word[64];
        size_t wl = strcspn(p, ",");
        if (wl >= sizeof word)
            return usage_error(err, "--gumbel: value %zu is too long", k + 1);
        memcpy(word, p, wl);
        word[wl] = '\0';
        if (k < len && (!ggs_cmd_double(&g[k], word) || !isfinite(g[k])))
            return usage_error(err, "--gumbel: value %zu '%s' is not a finite number",
                               k + 1, word);
        k++;
        if (p[wl] == '\0')
            break;
        p += wl + 1;
    }
    if (k != len)
        return usage_error(err, "--gumbel has %zu values, but a draw of DIST '%s' needs "
                           "%zu (one per category%s)", k, o->spec, len,
                           o->dist.family == GGS_MULTINOMIAL ? " and trial" : "");
    return 0;
}
#line 1258 "book/34-command.nw"
static int cmd_sample(int argc, char **argv, FILE *out, FILE *err)
{
    options o;
    ggs_window w;
    sampler s;
    gsl_rng *r;
    int rc, vector;
    if ((rc = parse_options(&o, argc, argv, 1, err)) != 0)
        return rc;
    if ((rc = choose_window(&w, &o, err)) != 0)
        return rc;
    if (w.m < -SAMPLE_MAX_VALUE || w.m > SAMPLE_MAX_VALUE - (long)(w.n - 1))
        return usage_error(err, "--left %ld: the values of the window must lie within "
                           "+-2^53 to be exact in a draw, in DIST '%s'", w.m, o.spec);
    vector = ggs_dist_descriptor(&o.dist)->whole_window;
    size_t trials = ggs_dist_descriptor(&o.dist)->vector ? o.dist.trials : 1;
    if (ggs_dist_descriptor(&o.dist)->vector && trials > MAX_CATEGORIES / w.n)
        return usage_error(err, "multinomial with N = %zu trials is too large to sample here",
                           trials);
    if (sampler_init(&s, w.n, trials, o.dist.nparam) != GGS_OK) {
        fprintf(err, "gengs: error: out of memory for a window of %zu categories\n", w.n);
        return GGS_EXIT_RUNTIME;
    }
    
#line 1308 "book/34-command.nw"
/* compute the truncated log-pmf, its derivatives and the outcome values */
if (vector) {
    for (size_t j = 0; j < w.n; j++)
        s.logpi[j] = log(o.dist.theta[j]);
} else {
    rc = ggs_truncated_logpmf(s.logpi, &o.dist, w.m, w.n);
    if (rc == GGS_OK)
        rc = ggs_truncated_dlogpmf(s.dlogpmf, &o.dist, w.m, w.n);
    if (rc != GGS_OK) {
        free(s.block);
        return library_error(err, rc, o.spec);
    }
}
#line 1329 "book/34-command.nw"
/* check the log-pmf and its derivatives before any draw */
{
    int any = 0;
    for (size_t k = 0; k < w.n && rc == GGS_OK; k++) {
        long value = w.m + (long)k;
        if (isnan(s.logpi[k]) || s.logpi[k] == HUGE_VAL) {
            rc = ggs_cmd_fail(err, "the truncated log-pmf of DIST '%s' came out as %g at "
                              "value %ld (category %zu)", o.spec, s.logpi[k], value, k);
            break;
        }
        any |= s.logpi[k] > -HUGE_VAL;
        for (size_t j = 0; o.grad && !vector && s.logpi[k] > -HUGE_VAL && j < s.P; j++)
            if (!isfinite(s.dlogpmf[k * s.P + j])) {
                rc = ggs_cmd_fail(err, "the derivative of the truncated log-pmf of DIST '%s' "
                                  "with respect to parameter %zu came out as %g at value "
                                  "%ld (category %zu)", o.spec, j, s.dlogpmf[k * s.P + j],
                                  value, k);
                break;
            }
    }
    if (rc == GGS_OK && !any)
        rc = ggs_cmd_fail(err, "the truncated log-pmf of DIST '%s' is -Inf on every category "
                          "of the window", o.spec);
    if (rc != GGS_OK) {
        free(s.block);
        return rc;
    }
}
#line 1322 "book/34-command.nw"
ggs_support_values(s.c, w.m, w.n);
#line 1282 "book/34-command.nw"
    if (o.gumbel != NULL && (rc = read_gumbel(s.g, trials * w.n, &o, err)) != 0) {
        free(s.block);
        return rc;
    }
    r = ggs_rng_new(o.seed);
    if (r == NULL) {
        free(s.block);
        fprintf(err, "gengs: error: %s\n", ggs_last_error());
        return GGS_EXIT_RUNTIME;
    }
    for (unsigned long i = 0; i < o.count && rc == 0; i++)
        rc = vector ? draw_vector(&s, &o, r, i, out, err) : draw_scalar(&s, &o, r, i, out, err);
    ggs_rng_free(r);
    free(s.block);
    if (rc != 0)
        return rc;
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "gengs: error: writing the samples failed\n");
        return GGS_EXIT_RUNTIME;
    }
    return 0;
}
#line 1426 "book/34-command.nw"
int ggs_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
    if (argc < 2)
        return fputs(help_main, err), GGS_EXIT_USAGE;
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
        return fputs(help_main, out), 0;
    if (strcmp(cmd, "--version") == 0)
        return fputs("gengs 0.1.0\n", out), 0;
    if (strcmp(cmd, "pmf") == 0 || strcmp(cmd, "sample") == 0) {
        int sampling = strcmp(cmd, "sample") == 0;
        if (ggs_cmd_wants_help(argc, argv, 2))
            return fputs(sampling ? help_sample : help_pmf, out), 0;
        return sampling ? cmd_sample(argc, argv, out, err) : cmd_pmf(argc, argv, out, err);
    }
    
#line 4003 "book/20-vae.nw"
if (strcmp(cmd, "vae") == 0)
    return ggs_vae_main(argc - 1, argv + 1, out, err);
#line 1866 "book/21-nvpdef.nw"
if (strcmp(cmd, "nvpdef") == 0)
    return ggs_nvpdef_main(argc - 1, argv + 1, out, err);
#line 1855 "book/22-estimators.nw"
if (strcmp(cmd, "synth") == 0)
    return ggs_synth_main(argc - 1, argv + 1, out, err);
#line 255 "book/33-corpus.nw"
if (strcmp(cmd, "corpus") == 0)
    return ggs_corpus_main(argc - 1, argv + 1, out, err);
#line 1442 "book/34-command.nw"
    return usage_error(err, "unknown command '%s' (try 'gengs --help')", cmd);
}
