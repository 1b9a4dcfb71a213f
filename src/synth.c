#line 1865 "book/22-estimators.nw"
/* Generated from book/22-estimators.nw; do not edit. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-estimator.h"
#include "cmdline.h"

#line 1881 "book/22-estimators.nw"
static const char synth_help[] =
    "usage: gengs synth DIST --estimator NAME --gradient-at THETA --draws M --seed S\n"
    "                   [--tau T] [--n N] [--samples K] [--targets T1,T2,...]\n"
    "\n"
    "Print, per real parameter of DIST, one line EXACT<TAB>MEAN<TAB>SE<TAB>VARIANCE:\n"
    "the exact gradient of J_n(THETA) = E sum_i |Z - t_i|^2, Z the truncation of\n"
    "DIST at THETA, and the mean, standard error and variance of M estimates.\n"
    "A multinomial:N,P1,...,PC is taken on its compositions; its parameters are the\n"
    "free probabilities p1..p(C-1), with pC = 1 - p1 - ... - p(C-1) absorbing every\n"
    "change: C-1 lines, the derivatives in p1..p(C-1) (THETA lists all C); its\n"
    "targets are vectors of C counts, listed one after the other.  The estimator\n"
    "relax takes at most 8 categories (C <= 8) and refuses more.\n"
    "\n"
    "  --estimator NAME   one of the estimators below\n"
    "  --gradient-at THETA  the real parameters, comma-separated, in DIST's order\n"
    "  --draws M          independent estimates, M >= 2\n"
    "  --seed S           seed of the generator (same seed, same output)\n"
    "  --tau T            temperature, T > 0 (relaxed estimators; ignored otherwise)\n"
    "  --n N              categories of the window from the lower end of the support\n"
    "                     (default: the smallest with P(X > m+N-1) <= 1e-12)\n"
    "  --samples K        draws per estimate (default: the estimator's)\n"
    "  --targets T1,...   the targets t_i (default: one target, the mean of DIST)\n"
    "\n"
    "       gengs synth DIST --estimator NAME --optimize STEPS --start THETA0 --lr ETA\n"
    "                   --draws M --seed S [--optimizer adam|sgd] [--record-every R]\n"
    "                   [--draw-targets K] [--out FILE] [--tau T] [--n N] [--samples K]\n"
    "                   [--targets T1,T2,...]\n"
    "\n"
    "Minimize J_n over the rate or probability of DIST (lambda; p; p of negbin, r held;\n"
    "p1..p(C-1) of a multinomial), through u = log lambda, u = logit p or\n"
    "u_j = log(p_j / pC), from THETA0, one estimate per step.  Every R steps write the\n"
    "CSV row step,loss,THETA,exact,mean,variance,bias: the exact J_n and gradient at\n"
    "the current THETA, and the mean, variance and bias of M further estimates there\n"
    "(a multinomial: each of THETA, exact, mean, variance, bias has C-1 columns).\n"
    "\n"
    "  --optimize STEPS   optimization steps, 1 <= STEPS <= 10^7\n"
    "  --start THETA0     the starting value of the parameter moved (a multinomial:\n"
    "                     its C probabilities, each > 0)\n"
    "  --lr ETA           the step size in u, finite and > 0\n"
    "  --optimizer O      adam (the default: beta 0.9, 0.999, eps 1e-8) or sgd\n"
    "  --record-every R   a row every R steps (default 1: STEPS rows)\n"
    "  --draw-targets K   draw K targets from DIST (default: the mean of DIST)\n"
    "  --out FILE         write the CSV into FILE (default: the standard output)\n"
    "\n"
    "estimators (* = unbiased for the gradient of J_n):\n";
#line 1932 "book/22-estimators.nw"
#define SYNTH_MAX_LIST 4096
#define SYNTH_MAX_DRAWS 1000000000UL
#define SYNTH_MAX_SAMPLES 1000000UL
#define SYNTH_MAX_N 10000000UL
#define SYNTH_EPS 1e-12
#line 2404 "book/22-estimators.nw"
/* constants of the synth command's optimization mode */
#define SYNTH_MAX_STEPS 10000000UL

/* the values of --optimizer; 0 (not given) is adam */
static const ggs_cmd_choice synth_optimizers[] = { { "adam", 1 }, { "sgd", -1 }, { NULL, 0 } };

#line 1939 "book/22-estimators.nw"
static int synth_usage(FILE *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int synth_usage(FILE *err, const char *fmt, ...)
{
    va_list ap;
    fputs("gengs: error: ", err);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputs(" (see 'gengs synth --help')\n", err);
    return 2;
}

/* Split "a,b,c" into x[0..*count-1]; -1 on a bad or missing number. */
static int synth_list(double *x, size_t *count, const char *s)
{
    char buf[64];
    size_t cnt = 0;
    const char *p = s;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0 || len >= sizeof buf || cnt == SYNTH_MAX_LIST)
            return -1;
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (!ggs_cmd_double(&x[cnt++], buf))
            return -1;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    *count = cnt;
    return 0;
}
#line 1982 "book/22-estimators.nw"
/* the coordinates of an outcome of d: a multinomial's C, or 1 */
static size_t synth_dim(const ggs_dist *d)
{
    return d->family == GGS_MULTINOMIAL ? d->nparam : 1;
}

/* one target at the mean of d (D numbers) */
static void synth_mean_target(double *t, const ggs_dist *d)
{
    if (d->family != GGS_MULTINOMIAL) {
        t[0] = ggs_dist_mean(d);
        return;
    }
    for (size_t j = 0; j < d->nparam; j++)
        t[j] = (double)d->trials * d->theta[j];
}

typedef struct synth_opts {
    ggs_dist dist;            /* DIST as written */
    const char *spec;
    const ggs_estimator *e;
    const char *theta;        /* --gradient-at, as written */
    unsigned long draws, seed, samples, n;
    int have_draws, have_seed, have_samples, have_n, have_tau;
    double tau;
    double *targets;          /* (SYNTH_MAX_LIST) */
    size_t nt;                /* targets; while parsing, the numbers in --targets */
    
#line 2395 "book/22-estimators.nw"
/* fields of the synth options for the optimization mode */
unsigned long steps, record_every, draw_targets;
int have_optimize, have_lr, adam;
double lr;
const char *start;        /* --start, as written */
const char *out_path;     /* --out, or NULL for the standard output */
int opt_given[5];         /* --start, --optimizer, --record-every, --draw-targets, --out */
#line 2010 "book/22-estimators.nw"
} synth_opts;

static int synth_estimator(void *dest, const char *v, char *why, size_t size)
{
    const ggs_estimator *e = ggs_estimator_find(v);
    if (e == NULL) {
        snprintf(why, size, "is not an estimator");
        return 0;
    }
    *(const ggs_estimator **)dest = e;
    return 1;
}

/* --targets: the numbers go into o->targets, and count only once all are read */
static int synth_targets(void *dest, const char *v, char *why, size_t size)
{
    synth_opts *o = dest;
    if (synth_list(o->targets, &o->nt, v) != 0) {
        snprintf(why, size, "must be 1 to %d finite numbers separated by commas",
                 SYNTH_MAX_LIST);
        return 0;
    }
    return 1;
}

static int synth_parse(synth_opts *o, int argc, char **argv, FILE *err)
{
    int rc;
    
#line 2049 "book/22-estimators.nw"
/* the table of the synth command's options */
ggs_cmd_option table[] = {
    { GGS_CMD_OPTION("--estimator", GGS_CMD_CUSTOM, &o->e, NULL), .read = synth_estimator },
    { GGS_CMD_OPTION("--gradient-at", GGS_CMD_STRING, &o->theta, NULL) },
    { GGS_CMD_OPTION("--draws", GGS_CMD_ULONG, &o->draws, &o->have_draws), .min = 2,
      .max = SYNTH_MAX_DRAWS },
    { GGS_CMD_OPTION("--seed", GGS_CMD_ULONG, &o->seed, &o->have_seed) },
    { GGS_CMD_OPTION("--samples", GGS_CMD_ULONG, &o->samples, &o->have_samples), .min = 1,
      .max = SYNTH_MAX_SAMPLES },
    { GGS_CMD_OPTION("--n", GGS_CMD_ULONG, &o->n, &o->have_n), .min = 2, .max = SYNTH_MAX_N },
    { GGS_CMD_OPTION("--tau", GGS_CMD_REAL, &o->tau, &o->have_tau), .lo = 0,
      .bounds = GGS_CMD_LO_OPEN },
    { GGS_CMD_OPTION("--targets", GGS_CMD_CUSTOM, o, NULL), .read = synth_targets },
    
#line 2412 "book/22-estimators.nw"
/* the rows of the optimization mode's options */
{ GGS_CMD_OPTION("--optimize", GGS_CMD_ULONG, &o->steps, &o->have_optimize), .min = 1,
  .max = SYNTH_MAX_STEPS },
{ GGS_CMD_OPTION("--start", GGS_CMD_STRING, &o->start, &o->opt_given[0]) },
{ GGS_CMD_OPTION("--lr", GGS_CMD_REAL, &o->lr, &o->have_lr), .lo = 0,
  .bounds = GGS_CMD_LO_OPEN },
{ GGS_CMD_OPTION("--optimizer", GGS_CMD_CHOICE, &o->adam, &o->opt_given[1]),
  .choices = synth_optimizers },
{ GGS_CMD_OPTION("--record-every", GGS_CMD_ULONG, &o->record_every, &o->opt_given[2]),
  .min = 1 },
{ GGS_CMD_OPTION("--draw-targets", GGS_CMD_ULONG, &o->draw_targets, &o->opt_given[3]),
  .min = 1, .max = SYNTH_MAX_LIST },
{ GGS_CMD_OPTION("--out", GGS_CMD_STRING, &o->out_path, &o->opt_given[4]) },
#line 2063 "book/22-estimators.nw"
    GGS_CMD_END
};
#line 2039 "book/22-estimators.nw"
    if ((rc = ggs_cmd_parse(table, "synth", argc, argv, &o->spec, 1, err)) != 0)
        return rc;
    if (o->spec != NULL && ggs_dist_parse(&o->dist, o->spec) != GGS_OK)
        return synth_usage(err, "%s, in DIST '%s'", ggs_last_error(), o->spec);
    
#line 2067 "book/22-estimators.nw"
/* check that the synth command's required options were given */
if (o->spec == NULL)
    return synth_usage(err, "missing DIST (e.g. poisson:20)");
if (o->e == NULL)
    return synth_usage(err, "missing --estimator NAME");
if (o->e->max_dim > 0 && synth_dim(&o->dist) > o->e->max_dim)
    return synth_usage(err, "estimator %s takes outcomes of at most %zu coordinates; a "
                       "multinomial's is a vector of %zu counts (DIST '%s')", o->e->name,
                       o->e->max_dim, synth_dim(&o->dist), o->spec);
if (o->nt % synth_dim(&o->dist) != 0)
    return synth_usage(err, "--targets: a multinomial's targets are vectors of %zu counts; "
                       "%zu numbers are not a whole number of them", synth_dim(&o->dist), o->nt);
o->nt /= synth_dim(&o->dist);
if (o->theta == NULL && !o->have_optimize)
    return synth_usage(err, "missing --gradient-at THETA (the parameters of the gradient) "
                       "or --optimize STEPS");
if (!o->have_draws)
    return synth_usage(err, "missing --draws M (the number of estimates)");
if (!o->have_seed)
    return synth_usage(err, "missing --seed S (the random seed)");
if (o->e->relaxed && !o->have_tau)
    return synth_usage(err, "estimator %s is relaxed: it needs --tau T", o->e->name);
if (!o->have_samples)
    o->samples = o->e->default_samples;
if (o->samples < o->e->min_samples)
    return synth_usage(err, "estimator %s needs --samples >= %zu", o->e->name,
                       o->e->min_samples);
if (o->e->max_samples > 0 && o->samples > o->e->max_samples)
    return synth_usage(err, "estimator %s needs --samples <= %zu", o->e->name,
                       o->e->max_samples);
#line 2428 "book/22-estimators.nw"
/* check the options of the optimization mode */
if (o->have_optimize) {
    if (o->theta != NULL)
        return synth_usage(err, "--gradient-at and --optimize exclude each other");
    if (o->start == NULL)
        return synth_usage(err, "--optimize needs --start THETA0 (the starting value)");
    if (!o->have_lr)
        return synth_usage(err, "--optimize needs --lr ETA (the step size)");
    if (o->draw_targets > 0 && o->nt > 0)
        return synth_usage(err, "--draw-targets and --targets exclude each other");
    if (o->draw_targets * synth_dim(&o->dist) > SYNTH_MAX_LIST)
        return synth_usage(err, "--draw-targets = %lu vectors of %zu counts exceed %d numbers",
                           o->draw_targets, synth_dim(&o->dist), SYNTH_MAX_LIST);
    o->record_every += o->record_every == 0;
} else {
    static const char *const only[] = { "--start", "--optimizer", "--record-every",
                                        "--draw-targets", "--out" };
    if (o->have_lr)
        return synth_usage(err, "--lr is an option of --optimize STEPS");
    for (size_t k = 0; k < sizeof only / sizeof only[0]; k++)
        if (o->opt_given[k])
            return synth_usage(err, "%s is an option of --optimize STEPS", only[k]);
}
#line 2044 "book/22-estimators.nw"
    return 0;
}
#line 2103 "book/22-estimators.nw"
static int synth_dist_at(ggs_dist *at, const synth_opts *o, const char *opt, const char *val,
                         FILE *err)
{
    char spec[8192];
    int len;
    if (o->dist.family == GGS_BINOMIAL || o->dist.family == GGS_MULTINOMIAL)
        len = snprintf(spec, sizeof spec, "%s:%lu,%s", ggs_family_name(o->dist.family),
                       o->dist.trials, val);
    else
        len = snprintf(spec, sizeof spec, "%s:%s", ggs_family_name(o->dist.family), val);
    if (len < 0 || (size_t)len >= sizeof spec)
        return synth_usage(err, "%s '%.40s...' is too long", opt, val);
    if (ggs_dist_parse(at, spec) != GGS_OK)
        return synth_usage(err, "%s '%s': %s", opt, val, ggs_last_error());
    return 0;
}
#line 2123 "book/22-estimators.nw"
static int synth_window(ggs_window *w, const ggs_dist *at, const synth_opts *o, FILE *err)
{
    long lo, hi;
    if (at->family == GGS_MULTINOMIAL) {
        w->m = 0;
        w->n = ggs_estim_compositions(at);
        if (w->n == 0)
            return synth_usage(err, "DIST '%s' has too many compositions (more than %lu "
                               "counts in their table)", o->spec, GGS_ESTIM_MAX_COMPOSITIONS);
        if (o->have_n && o->n != w->n)
            return synth_usage(err, "a multinomial's categories are its %zu compositions "
                               "(--n %lu)", w->n, o->n);
        return 0;
    }
    ggs_dist_support(&lo, &hi, at);
    w->m = lo;
    if (at->family == GGS_CATEGORICAL) {
        w->n = at->nparam;
        if (o->have_n && o->n != w->n)
            return synth_usage(err, "a categorical distribution has exactly its %zu categories "
                               "(--n %lu)", w->n, o->n);
        return 0;
    }
    if (o->have_n) {
        w->n = o->n;
        return 0;
    }
    if (ggs_window_auto(w, at, SYNTH_EPS, 1) != GGS_OK)
        return synth_usage(err, "no window for DIST at '%s': %s", o->theta, ggs_last_error());
    return 0;
}
#line 2159 "book/22-estimators.nw"
static int synth_estimates(FILE *out, FILE *err, const synth_opts *o,
                           const ggs_estim_problem *pb, const ggs_estim_options *eo,
                           gsl_rng *r, double *buf);
static int synth_optimize(const synth_opts *o, FILE *out, FILE *err);

static int synth_run(synth_opts *o, FILE *out, FILE *err)
{
    ggs_dist at;
    ggs_window w;
    ggs_estim_problem pb;
    ggs_estim_options eo;
    gsl_rng *r;
    double *buf;
    int rc;
    if (o->have_optimize)
        return synth_optimize(o, out, err);
    if ((rc = synth_dist_at(&at, o, "--gradient-at", o->theta, err)) != 0
        || (rc = synth_window(&w, &at, o, err)) != 0)
        return rc;
    if (o->nt == 0) {
        synth_mean_target(o->targets, &o->dist);
        o->nt = 1;
    }
    rc = ggs_estim_problem_init(&pb, &at, w.m, w.n, o->targets, o->nt);
    if (rc == GGS_ENOMEM) {
        fprintf(err, "gengs: error: synth: %s\n", ggs_last_error());
        return 1;
    }
    if (rc != GGS_OK)
        return synth_usage(err, "%s (DIST '%s' at '%s')", ggs_last_error(), o->spec, o->theta);
    eo.samples = o->samples;
    eo.tau = o->have_tau ? o->tau : 1;
    r = ggs_rng_new(o->seed);
    buf = calloc(4 * pb.P + ggs_estim_work_size(&pb, eo.samples) + o->e->state_size,
                 sizeof(double));
    eo.state = o->e->state_size > 0 && buf != NULL
                   ? buf + 4 * pb.P + ggs_estim_work_size(&pb, eo.samples) : NULL;
    if (r == NULL || buf == NULL) {
        ggs_rng_free(r);
        free(buf);
        ggs_estim_problem_free(&pb);
        fputs("gengs: error: synth: out of memory\n", err);
        return 1;
    }
    rc = synth_estimates(out, err, o, &pb, &eo, r, buf);
    free(buf);
    ggs_rng_free(r);
    ggs_estim_problem_free(&pb);
    return rc;
}
#line 2214 "book/22-estimators.nw"
static int synth_estimates(FILE *out, FILE *err, const synth_opts *o,
                           const ggs_estim_problem *pb, const ggs_estim_options *eo,
                           gsl_rng *r, double *buf)
{
    size_t P = pb->P;
    double *exact = buf, *grad = buf + P, *mean = buf + 2 * P, *m2 = buf + 3 * P;
    double *work = buf + 4 * P;
    int rc = ggs_estimate(exact, ggs_estimator_find("exact"), pb, eo, r, work);
    for (size_t j = 0; j < P; j++)
        mean[j] = m2[j] = 0;
    for (unsigned long i = 0; rc == GGS_OK && i < o->draws; i++) {
        rc = ggs_estimate(grad, o->e, pb, eo, r, work);
        for (size_t j = 0; rc == GGS_OK && j < P; j++) {
            double delta = grad[j] - mean[j];
            if (!isfinite(grad[j])) {
                fprintf(err, "gengs: error: synth: estimate %lu of %s is %g for parameter %s\n",
                        i, o->e->name, grad[j], ggs_dist_param_name(&pb->dist, j));
                return 1;
            }
            mean[j] += delta / (double)(i + 1);
            m2[j] += delta * (grad[j] - mean[j]);
        }
    }
    if (rc != GGS_OK) {
        fprintf(err, "gengs: error: synth: %s\n", ggs_last_error());
        return 1;
    }
    for (size_t j = 0; j < P; j++) {
        double var = m2[j] / (double)(o->draws - 1);
        double se = sqrt(var / (double)o->draws);
        if (!isfinite(exact[j]) || !isfinite(var)) {
            fprintf(err, "gengs: error: synth: the %s of parameter %s is not finite\n",
                    isfinite(exact[j]) ? "variance" : "exact gradient",
                    ggs_dist_param_name(&pb->dist, j));
            return 1;
        }
        if (fprintf(out, "%.17g\t%.17g\t%.17g\t%.17g\n", exact[j], mean[j], se, var) < 0) {
            fputs("gengs: error: synth: cannot write the output\n", err);
            return 1;
        }
    }
    return 0;
}
#line 2260 "book/22-estimators.nw"
int ggs_synth_main(int argc, char **argv, FILE *out, FILE *err)
{
    synth_opts o;
    double targets[SYNTH_MAX_LIST];
    int rc;
    if (ggs_cmd_wants_help(argc, argv, 1)) {
        fputs(synth_help, out);
        for (size_t k = 0; k < ggs_estimator_count(); k++) {
            const ggs_estimator *e = ggs_estimator_at(k);
            fprintf(out, "  %-11s%c %s\n", e->name, e->unbiased ? '*' : ' ', e->summary);
        }
        return 0;
    }
    memset(&o, 0, sizeof o);
    o.targets = targets;
    rc = synth_parse(&o, argc, argv, err);
    if (rc != 0)
        return rc;
    return synth_run(&o, out, err);
}
#line 2460 "book/22-estimators.nw"
enum { SYNTH_LOG, SYNTH_LOGIT, SYNTH_SIMPLEX };   /* how u maps to theta */

typedef struct synth_free {
    ggs_family family;
    size_t j;       /* index of the first parameter moved */
    int coord;      /* SYNTH_LOG: theta = e^u in (0, inf); SYNTH_LOGIT: theta = 1/(1+e^-u)
                       in (0, 1); SYNTH_SIMPLEX: p_q = e^u_q / (1 + sum e^u), q < C - 1 */
} synth_free;

static const synth_free synth_free_table[] = {
    { GGS_POISSON, 0, SYNTH_LOG },
    { GGS_BINOMIAL, 0, SYNTH_LOGIT },
    { GGS_GEOMETRIC, 0, SYNTH_LOGIT },
    { GGS_NEGBIN, 1, SYNTH_LOGIT },
    { GGS_ZTPOISSON, 0, SYNTH_LOG },
    { GGS_MULTINOMIAL, 0, SYNTH_SIMPLEX },
};

/* Q, the number of coordinates moved */
static size_t free_count(const synth_free *fr, const ggs_dist *d)
{
    return fr->coord == SYNTH_SIMPLEX ? d->nparam - 1 : 1;
}

/* u from the parameters of d */
static void free_u(double *u, const synth_free *fr, const ggs_dist *d)
{
    const double *th = d->theta;
    if (fr->coord == SYNTH_SIMPLEX)
        for (size_t q = 0; q + 1 < d->nparam; q++)
            u[q] = log(th[q]) - log(th[d->nparam - 1]);
    else
        u[0] = fr->coord == SYNTH_LOGIT ? log(th[fr->j]) - log1p(-th[fr->j]) : log(th[fr->j]);
}

/* the parameters (all of d's) at u, the others as in d */
static void free_theta(double *th, const synth_free *fr, const ggs_dist *d, const double *u)
{
    memcpy(th, d->theta, d->nparam * sizeof(double));
    if (fr->coord == SYNTH_SIMPLEX) {
        double mx = 0, s;               /* the largest logit, the last one's 0 included */
        size_t C = d->nparam;
        for (size_t q = 0; q + 1 < C; q++)
            mx = fmax(mx, u[q]);
        th[C - 1] = exp(-mx);
        s = th[C - 1];
        for (size_t q = 0; q + 1 < C; q++)
            s += th[q] = exp(u[q] - mx);
        for (size_t q = 0; q < C; q++)
            th[q] /= s;
    } else if (fr->coord == SYNTH_LOGIT) {
        th[fr->j] = u[0] >= 0 ? 1 / (1 + exp(-u[0])) : exp(u[0]) / (1 + exp(u[0]));
    } else {
        th[fr->j] = exp(u[0]);
    }
}

/* the gradient gu in u from the gradient g in theta (the problem's P coordinates) */
static void free_chain(double *gu, const synth_free *fr, const ggs_dist *d, const double *g)
{
    const double *th = d->theta;
    if (fr->coord == SYNTH_SIMPLEX) {
        double mean = 0;
        for (size_t q = 0; q + 1 < d->nparam; q++)
            mean += th[q] * g[q];
        for (size_t q = 0; q + 1 < d->nparam; q++)
            gu[q] = th[q] * (g[q] - mean);
    } else {
        gu[0] = g[fr->j] * (fr->coord == SYNTH_LOGIT ? th[fr->j] * (1 - th[fr->j]) : th[fr->j]);
    }
}

/* the index j of a parameter th[j] outside its domain, or SIZE_MAX if there is none
   (a multinomial's last probability is checked too: it moves with the others) */
static size_t free_outside(const synth_free *fr, const ggs_dist *d, const double *th)
{
    size_t end = fr->coord == SYNTH_SIMPLEX ? d->nparam : fr->j + 1;
    for (size_t j = fr->j; j < end; j++)
        if (!(isfinite(th[j]) && th[j] > 0 && (fr->coord == SYNTH_LOG || th[j] < 1)))
            return j;
    return SIZE_MAX;
}
#line 2547 "book/22-estimators.nw"
static int synth_dist_with(ggs_dist *at, const ggs_dist *d, const double *th)
{
    char spec[2048];
    size_t len;
    if (d->family == GGS_BINOMIAL || d->family == GGS_MULTINOMIAL)
        len = (size_t)snprintf(spec, sizeof spec, "%s:%lu", ggs_family_name(d->family),
                               d->trials);
    else
        len = (size_t)snprintf(spec, sizeof spec, "%s", ggs_family_name(d->family));
    for (size_t j = 0; j < d->nparam && len < sizeof spec; j++)
        len += (size_t)snprintf(spec + len, sizeof spec - len, "%s%.17g",
                                j == 0 && d->family != GGS_BINOMIAL
                                        && d->family != GGS_MULTINOMIAL ? ":" : ",", th[j]);
    return ggs_dist_parse(at, spec);
}
#line 2572 "book/22-estimators.nw"
static int synth_record(FILE *csv, FILE *err, unsigned long step, const synth_opts *o,
                        const ggs_estim_problem *pb, const ggs_estim_options *eo,
                        const synth_free *fr, gsl_rng *rm, double *buf, double *scratch)
{
    double *exact = buf, *grad = buf + pb->P, *work = buf + 2 * pb->P;
    double loss = 0, mean[GGS_MAX_CATEGORIES] = { 0 }, m2[GGS_MAX_CATEGORIES] = { 0 };
    size_t Q = free_count(fr, &pb->dist), j = fr->j;
    ggs_estim_options plain = { eo->samples, eo->tau, NULL }, em = { eo->samples, eo->tau,
                                                                      scratch };
    int rc = ggs_estimate(exact, ggs_estimator_find("exact"), pb, &plain, rm, work);
    for (size_t k = 0; k < pb->n; k++)
        if (pb->pi[k] > 0)
            loss += pb->pi[k] * ggs_estim_loss(pb, pb->c + k * pb->D);
    for (unsigned long i = 0; rc == GGS_OK && i < o->draws; i++) {
        if (o->e->state_size > 0)
            memcpy(scratch, eo->state, o->e->state_size * sizeof(double));
        rc = ggs_estimate(grad, o->e, pb, o->e->state_size > 0 ? &em : &plain, rm, work);
        for (size_t q = 0; rc == GGS_OK && q < Q; q++) {
            double delta = grad[j + q] - mean[q];
            if (!isfinite(grad[j + q]))
                return ggs_cmd_fail(err, "synth: step %lu: measuring estimate %lu of %s is %g",
                                    step, i, o->e->name, grad[j + q]);
            mean[q] += delta / (double)(i + 1);
            m2[q] += delta * (grad[j + q] - mean[q]);
        }
    }
    if (rc != GGS_OK)
        return ggs_cmd_fail(err, "synth: step %lu: %s", step, ggs_last_error());
    for (size_t q = 0; q < Q; q++)
        if (!isfinite(loss) || !isfinite(exact[j + q]) || !isfinite(m2[q]))
            return ggs_cmd_fail(err, "synth: step %lu: the loss, exact gradient or variance "
                                "at %s = %.17g is not finite", step,
                                ggs_dist_param_name(&pb->dist, j + q), pb->dist.theta[j + q]);
    fprintf(csv, "%lu,%.17g", step, loss);
    for (size_t q = 0; q < Q; q++)
        fprintf(csv, ",%.17g", pb->dist.theta[j + q]);
    for (size_t q = 0; q < Q; q++)
        fprintf(csv, ",%.17g", exact[j + q]);
    for (size_t q = 0; q < Q; q++)
        fprintf(csv, ",%.17g", mean[q]);
    for (size_t q = 0; q < Q; q++)
        fprintf(csv, ",%.17g", m2[q] / (double)(o->draws - 1));
    for (size_t q = 0; q < Q; q++)
        fprintf(csv, ",%.17g", mean[q] - exact[j + q]);
    fputc('\n', csv);
    return 0;
}
#line 2625 "book/22-estimators.nw"
static void synth_header(FILE *csv, const synth_free *fr, const ggs_dist *d)
{
    static const char *const group[] = { "", "exact", "mean", "variance", "bias" };
    size_t Q = free_count(fr, d);
    fputs("step,loss", csv);
    for (size_t g = 0; g < 5; g++)
        for (size_t q = 0; q < Q; q++) {
            const char *name = ggs_dist_param_name(d, fr->j + q);
            if (g == 0)
                fprintf(csv, ",%s", name);
            else if (Q == 1)
                fprintf(csv, ",%s", group[g]);
            else
                fprintf(csv, ",%s_%s", group[g], name);
        }
    fputc('\n', csv);
}
#line 2646 "book/22-estimators.nw"
#define SYNTH_ADAM_B1 0.9
#define SYNTH_ADAM_B2 0.999
#define SYNTH_ADAM_EPS 1e-8

static double synth_step(double u, double gu, int adam, double lr, double *m, double *v,
                         unsigned long t)
{
    double mhat, vhat;
    if (!adam)
        return u - lr * gu;
    *m = SYNTH_ADAM_B1 * *m + (1 - SYNTH_ADAM_B1) * gu;
    *v = SYNTH_ADAM_B2 * *v + (1 - SYNTH_ADAM_B2) * gu * gu;
    mhat = *m / (1 - pow(SYNTH_ADAM_B1, (double)t));
    vhat = *v / (1 - pow(SYNTH_ADAM_B2, (double)t));
    return u - lr * mhat / (sqrt(vhat) + SYNTH_ADAM_EPS);
}
#line 2669 "book/22-estimators.nw"
#define SYNTH_MEASURE_SEED 2147483648UL   /* 2^31: the measuring generator's seed offset */

/* a Gumbel-Max draw of a category of pb, with n noise values in g */
static size_t synth_draw(double *g, const ggs_estim_problem *pb, gsl_rng *r)
{
    ggs_gumbel_fill(g, pb->n, r);
    return ggs_gumbel_max(pb->logpi, g, pb->n);
}

typedef struct synth_run_state {
    const synth_free *fr;
    ggs_estim_problem pb;
    gsl_rng *r, *rm;          /* the optimization's generator, the measuring one */
    double *buf;              /* (2 P + work + 2 state_size), zeroed */
    FILE *csv;
} synth_run_state;

/* the distribution at --start, checked */
static int synth_start(ggs_dist *at, const synth_free *fr, const synth_opts *o, FILE *err)
{
    double theta0, th[GGS_MAX_CATEGORIES];
    const char *name = ggs_dist_param_name(&o->dist, fr->j);
    if (fr->coord == SYNTH_SIMPLEX) {
        if (synth_dist_at(at, o, "--start", o->start, err) != 0)
            return 2;
        if (free_outside(fr, at, at->theta) != SIZE_MAX)
            return synth_usage(err, "--start = '%s': every probability must be > 0",
                               o->start);
        return 0;
    }
    if (!ggs_cmd_double(&theta0, o->start))
        theta0 = NAN;
    memcpy(th, o->dist.theta, o->dist.nparam * sizeof(double));
    th[fr->j] = theta0;
    if (free_outside(fr, &o->dist, th) != SIZE_MAX)
        return synth_usage(err, "--start = '%s' is not a value of %s in %s", o->start, name,
                           fr->coord == SYNTH_LOGIT ? "(0, 1)" : "(0, inf)");
    if (synth_dist_with(at, &o->dist, th) != GGS_OK)
        return synth_usage(err, "--start = '%s': %s", o->start, ggs_last_error());
    return 0;
}

static int synth_opt_setup(synth_run_state *st, const synth_opts *o, FILE *out, FILE *err)
{
    ggs_dist at;
    ggs_window w, w0;
    double *t = o->targets;
    size_t nt = o->nt, D = synth_dim(&o->dist);
    int rc;
    for (size_t i = 0; i < sizeof synth_free_table / sizeof synth_free_table[0]; i++)
        if (synth_free_table[i].family == o->dist.family)
            st->fr = &synth_free_table[i];
    if (st->fr == NULL)
        return synth_usage(err, "--optimize: a %s distribution has no rate or probability "
                           "to optimize here", ggs_family_name(o->dist.family));
    if ((rc = synth_start(&at, st->fr, o, err)) != 0)
        return rc;
    
#line 2757 "book/22-estimators.nw"
/* fix the window of the optimization */
if (o->dist.family == GGS_MULTINOMIAL) {
    if ((rc = synth_window(&w, &o->dist, o, err)) != 0)
        return rc;
} else {
    ggs_dist_support(&w.m, &w0.m, &o->dist);
    w0.m = w.m;
    w.n = o->n;
    if (!o->have_n && (ggs_window_auto(&w, &o->dist, SYNTH_EPS, 1) != GGS_OK
                       || ggs_window_auto(&w0, &at, SYNTH_EPS, 1) != GGS_OK))
        return synth_usage(err, "no window for DIST '%s' and --start %s: %s", o->spec,
                           o->start, ggs_last_error());
    if (!o->have_n && w0.n > w.n)
        w.n = w0.n;
}
#line 2727 "book/22-estimators.nw"
    if (nt == 0) {
        nt = o->draw_targets > 0 ? o->draw_targets : 1;
        for (size_t i = 0; i < nt; i++)
            synth_mean_target(t + i * D, &o->dist);   /* replaced below by draws */
    }
    st->r = ggs_rng_new(o->seed);
    st->rm = ggs_rng_new(o->seed + SYNTH_MEASURE_SEED);
    if (st->r == NULL || st->rm == NULL)
        return ggs_cmd_fail(err, "synth: out of memory");
    if (ggs_estim_problem_init(&st->pb, &o->dist, w.m, w.n, t, nt) != GGS_OK)
        return ggs_cmd_fail(err, "synth: %s (DIST '%s')", ggs_last_error(), o->spec);
    st->buf = calloc(2 * st->pb.P + ggs_estim_work_size(&st->pb, o->samples)
                     + 2 * o->e->state_size, sizeof(double));
    if (st->buf == NULL)
        return ggs_cmd_fail(err, "synth: out of memory");
    for (size_t i = 0; o->draw_targets > 0 && i < nt; i++)
        memcpy(st->pb.t + i * D, st->pb.c + synth_draw(st->buf, &st->pb, st->r) * D,
               D * sizeof(double));
    if (ggs_estim_problem_update(&st->pb, &at) != GGS_OK)
        return ggs_cmd_fail(err, "synth: at --start %s: %s", o->start, ggs_last_error());
    st->csv = o->out_path ? fopen(o->out_path, "w") : out;
    if (st->csv == NULL)
        return ggs_cmd_fail(err, "synth: cannot open '%s' for writing: %s", o->out_path,
                            strerror(errno));
    return 0;
}
#line 2777 "book/22-estimators.nw"
static int synth_opt_loop(synth_run_state *st, const synth_opts *o, FILE *err)
{
    const synth_free *fr = st->fr;
    ggs_estim_problem *pb = &st->pb;
    ggs_estim_options eo;
    size_t Q = free_count(fr, &pb->dist);
    double u[GGS_MAX_CATEGORIES], gu[GGS_MAX_CATEGORIES], th[GGS_MAX_CATEGORIES];
    double m[GGS_MAX_CATEGORIES] = { 0 }, v[GGS_MAX_CATEGORIES] = { 0 };
    double *grad = st->buf + pb->P, *work = st->buf + 2 * pb->P;
    double *state = work + ggs_estim_work_size(pb, o->samples);   /* (state_size) */
    double *scratch = state + o->e->state_size;                     /* (state_size) */
    eo.samples = o->samples;
    eo.tau = o->have_tau ? o->tau : 1;
    eo.state = o->e->state_size > 0 ? state : NULL;
    free_u(u, fr, &pb->dist);
    synth_header(st->csv, fr, &pb->dist);
    for (unsigned long i = 0; i < o->steps; i++) {
        ggs_dist at;
        size_t bad;
        int rc;
        if (i % o->record_every == 0
            && (rc = synth_record(st->csv, err, i, o, pb, &eo, fr, st->rm, st->buf,
                                  scratch)) != 0)
            return rc;
        if (ggs_estimate(grad, o->e, pb, &eo, st->r, work) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: %s", i, ggs_last_error());
        for (size_t q = 0; q < Q; q++)
            if (!isfinite(grad[fr->j + q]))
                return ggs_cmd_fail(err, "synth: step %lu: the estimate of %s is %g", i,
                                    o->e->name, grad[fr->j + q]);
        free_chain(gu, fr, &pb->dist, grad);
        for (size_t q = 0; q < Q; q++)
            u[q] = synth_step(u[q], gu[q], o->adam >= 0, o->lr, &m[q], &v[q], i + 1);
        free_theta(th, fr, &pb->dist, u);
        bad = free_outside(fr, &pb->dist, th);
        if (bad != SIZE_MAX || synth_dist_with(&at, &pb->dist, th) != GGS_OK) {
            size_t b = bad != SIZE_MAX ? bad : fr->j;
            return ggs_cmd_fail(err, "synth: step %lu: %s = %.17g (u = %g) left the domain of "
                                "%s", i, ggs_dist_param_name(&pb->dist, b), th[b],
                                u[b - fr->j < Q ? b - fr->j : 0],
                                ggs_family_name(pb->dist.family));
        }
        if (ggs_estim_problem_update(pb, &at) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: at %s = %.17g: %s", i,
                                ggs_dist_param_name(&pb->dist, fr->j), th[fr->j],
                                ggs_last_error());
    }
    return 0;
}
#line 2829 "book/22-estimators.nw"
static int synth_optimize(const synth_opts *o, FILE *out, FILE *err)
{
    synth_run_state st;
    int rc;
    memset(&st, 0, sizeof st);
    rc = synth_opt_setup(&st, o, out, err);
    if (rc == 0)
        rc = synth_opt_loop(&st, o, err);
    if (st.csv != NULL && st.csv != out) {
        if (fclose(st.csv) != 0 && rc == 0)
            rc = ggs_cmd_fail(err, "synth: cannot write '%s'", o->out_path);
    } else if (st.csv != NULL && fflush(st.csv) != 0 && rc == 0) {
        rc = ggs_cmd_fail(err, "synth: cannot write the output");
    }
    free(st.buf);
    ggs_rng_free(st.r);
    ggs_rng_free(st.rm);
    ggs_estim_problem_free(&st.pb);
    return rc;
}
