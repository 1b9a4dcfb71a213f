#line 1493 "book/22-estimators.nw"
/* Generated from book/22-estimators.nw; do not edit. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-estimator.h"
#include "cmdline.h"

#line 1508 "book/22-estimators.nw"
static const char synth_help[] =
    "usage: gengs synth DIST --estimator NAME --gradient-at THETA --draws M --seed S\n"
    "                   [--tau T] [--n N] [--samples K] [--targets T1,T2,...]\n"
    "\n"
    "Print, per real parameter of DIST, one line EXACT<TAB>MEAN<TAB>SE<TAB>VARIANCE:\n"
    "the exact gradient of J_n(THETA) = E sum_i (Z - t_i)^2, Z the truncation of\n"
    "DIST at THETA, and the mean, standard error and variance of M estimates.\n"
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
    "Minimize J_n over the rate or probability of DIST (lambda; p; p of negbin, r held),\n"
    "through u = log lambda or u = logit p, from THETA0, one estimate per step.  Every\n"
    "R steps write the CSV row step,loss,THETA,exact,mean,variance,bias: the exact\n"
    "J_n and gradient at the current THETA, and the mean, variance and bias of M\n"
    "further estimates there.\n"
    "\n"
    "  --optimize STEPS   optimization steps, 1 <= STEPS <= 10^7\n"
    "  --start THETA0     the starting value of the parameter moved\n"
    "  --lr ETA           the step size in u, finite and > 0\n"
    "  --optimizer O      adam (the default: beta 0.9, 0.999, eps 1e-8) or sgd\n"
    "  --record-every R   a row every R steps (default 1: STEPS rows)\n"
    "  --draw-targets K   draw K targets from DIST (default: the mean of DIST)\n"
    "  --out FILE         write the CSV into FILE (default: the standard output)\n"
    "\n"
    "estimators (* = unbiased for the gradient of J_n):\n";
#line 1550 "book/22-estimators.nw"
#define SYNTH_MAX_LIST 4096
#define SYNTH_MAX_DRAWS 1000000000UL
#define SYNTH_MAX_SAMPLES 1000000UL
#define SYNTH_MAX_N 10000000UL
#define SYNTH_EPS 1e-12

static int synth_usage(FILE *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int synth_usage(FILE *err, const char *fmt, ...)
{
    va_list ap;
    fputs("gengs: error: synth: ", err);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputs("\n", err);
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
#line 1596 "book/22-estimators.nw"
typedef struct synth_opts {
    ggs_dist dist;            /* DIST as written */
    const char *spec;
    const ggs_estimator *e;
    const char *theta;        /* --gradient-at, as written */
    unsigned long draws, seed, samples, n;
    int have_draws, have_seed, have_samples, have_n, have_tau;
    double tau;
    double *targets;          /* (SYNTH_MAX_LIST) */
    size_t nt;
    
#line 1973 "book/22-estimators.nw"
/* fields of the synth options for the optimization mode */
unsigned long steps, record_every, draw_targets;
int have_optimize, have_lr, adam;
double lr;
const char *start;        /* --start, as written */
const char *out_path;     /* --out, or NULL for the standard output */
const char *opt_only;     /* the first option given that only --optimize reads */
#line 1607 "book/22-estimators.nw"
} synth_opts;

static int synth_optimize_option(synth_opts *o, const char *a, const char *v, FILE *err);

static int synth_parse(synth_opts *o, int argc, char **argv, FILE *err)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) == 0) {
            const char *v = i + 1 < argc ? argv[i + 1] : NULL;
            if (v == NULL)
                return synth_usage(err, "option %s needs a value", a);
            i++;
            
#line 1635 "book/22-estimators.nw"
/* read the value v of option a, or fail */
if (strcmp(a, "--estimator") == 0) {
    o->e = ggs_estimator_find(v);
    if (o->e == NULL)
        return synth_usage(err, "unknown estimator '%s' (see 'gengs synth --help')", v);
} else if (strcmp(a, "--gradient-at") == 0) {
    o->theta = v;
} else if (strcmp(a, "--draws") == 0) {
    if (!ggs_cmd_ulong(&o->draws, v) || o->draws < 2 || o->draws > SYNTH_MAX_DRAWS)
        return synth_usage(err, "--draws = '%s' must be an integer in [2, %lu]", v,
                           SYNTH_MAX_DRAWS);
    o->have_draws = 1;
} else if (strcmp(a, "--seed") == 0) {
    if (!ggs_cmd_ulong(&o->seed, v))
        return synth_usage(err, "--seed = '%s' is not a nonnegative integer", v);
    o->have_seed = 1;
} else if (strcmp(a, "--samples") == 0) {
    if (!ggs_cmd_ulong(&o->samples, v) || o->samples < 1 || o->samples > SYNTH_MAX_SAMPLES)
        return synth_usage(err, "--samples = '%s' must be an integer in [1, %lu]", v,
                           SYNTH_MAX_SAMPLES);
    o->have_samples = 1;
} else if (strcmp(a, "--n") == 0) {
    if (!ggs_cmd_ulong(&o->n, v) || o->n < 2 || o->n > SYNTH_MAX_N)
        return synth_usage(err, "--n = '%s' must be an integer in [2, %lu]", v, SYNTH_MAX_N);
    o->have_n = 1;
} else if (strcmp(a, "--tau") == 0) {
    if (!ggs_cmd_double(&o->tau, v) || !(o->tau > 0))
        return synth_usage(err, "--tau = '%s' must be a finite number > 0", v);
    o->have_tau = 1;
} else if (strcmp(a, "--targets") == 0) {
    if (synth_list(o->targets, &o->nt, v) != 0)
        return synth_usage(err, "--targets = '%s' must be 1 to %d finite numbers separated "
                           "by commas", v, SYNTH_MAX_LIST);
} else {
    int rc = synth_optimize_option(o, a, v, err);   /* or an unknown option */
    if (rc != 0)
        return rc;
}
#line 1621 "book/22-estimators.nw"
            continue;
        }
        if (o->spec != NULL)
            return synth_usage(err, "unexpected argument '%s' (DIST is already '%s')", a,
                               o->spec);
        if (ggs_dist_parse(&o->dist, a) != GGS_OK)
            return synth_usage(err, "%s, in DIST '%s'", ggs_last_error(), a);
        o->spec = a;
    }
    
#line 1675 "book/22-estimators.nw"
/* check that the synth command's required options were given */
if (o->spec == NULL)
    return synth_usage(err, "missing DIST (e.g. poisson:20)");
if (o->dist.family == GGS_MULTINOMIAL)
    return synth_usage(err, "DIST '%s': the estimators need a scalar outcome; "
                       "a multinomial is not supported", o->spec);
if (o->e == NULL)
    return synth_usage(err, "missing --estimator NAME (see 'gengs synth --help')");
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
#line 2023 "book/22-estimators.nw"
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
} else if (o->opt_only != NULL) {
    return synth_usage(err, "%s is an option of --optimize STEPS", o->opt_only);
}
#line 1631 "book/22-estimators.nw"
    return 0;
}
#line 1982 "book/22-estimators.nw"
#define SYNTH_MAX_STEPS 10000000UL

static int synth_optimize_option(synth_opts *o, const char *a, const char *v, FILE *err)
{
    if (strcmp(a, "--optimize") == 0) {
        if (!ggs_cmd_ulong(&o->steps, v) || o->steps < 1 || o->steps > SYNTH_MAX_STEPS)
            return synth_usage(err, "--optimize = '%s' must be an integer in [1, %lu]", v,
                               SYNTH_MAX_STEPS);
        o->have_optimize = 1;
        o->record_every += o->record_every == 0;    /* default 1 */
        return 0;
    }
    if (o->opt_only == NULL)
        o->opt_only = a;
    if (strcmp(a, "--start") == 0) {
        o->start = v;
    } else if (strcmp(a, "--lr") == 0) {
        if (!ggs_cmd_double(&o->lr, v) || !(o->lr > 0))
            return synth_usage(err, "--lr = '%s' must be a finite number > 0", v);
        o->have_lr = 1;
    } else if (strcmp(a, "--optimizer") == 0) {
        if (strcmp(v, "adam") != 0 && strcmp(v, "sgd") != 0)
            return synth_usage(err, "--optimizer = '%s' must be adam or sgd", v);
        o->adam = strcmp(v, "adam") == 0 ? 1 : -1;  /* 0: not given, adam */
    } else if (strcmp(a, "--record-every") == 0) {
        if (!ggs_cmd_ulong(&o->record_every, v) || o->record_every < 1)
            return synth_usage(err, "--record-every = '%s' must be an integer >= 1", v);
    } else if (strcmp(a, "--draw-targets") == 0) {
        if (!ggs_cmd_ulong(&o->draw_targets, v) || o->draw_targets < 1
            || o->draw_targets > SYNTH_MAX_LIST)
            return synth_usage(err, "--draw-targets = '%s' must be an integer in [1, %d]", v,
                               SYNTH_MAX_LIST);
    } else if (strcmp(a, "--out") == 0) {
        o->out_path = v;
    } else {
        return synth_usage(err, "unknown option '%s' (see 'gengs synth --help')", a);
    }
    return 0;
}
#line 1706 "book/22-estimators.nw"
static int synth_dist_at(ggs_dist *at, const synth_opts *o, FILE *err)
{
    char spec[8192];
    int len;
    if (o->dist.family == GGS_BINOMIAL)
        len = snprintf(spec, sizeof spec, "binomial:%lu,%s", o->dist.trials, o->theta);
    else
        len = snprintf(spec, sizeof spec, "%s:%s", ggs_family_name(o->dist.family), o->theta);
    if (len < 0 || (size_t)len >= sizeof spec)
        return synth_usage(err, "--gradient-at '%.40s...' is too long", o->theta);
    if (ggs_dist_parse(at, spec) != GGS_OK)
        return synth_usage(err, "--gradient-at '%s': %s", o->theta, ggs_last_error());
    return 0;
}
#line 1723 "book/22-estimators.nw"
static int synth_window(ggs_window *w, const ggs_dist *at, const synth_opts *o, FILE *err)
{
    long lo, hi;
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
#line 1748 "book/22-estimators.nw"
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
    if ((rc = synth_dist_at(&at, o, err)) != 0 || (rc = synth_window(&w, &at, o, err)) != 0)
        return rc;
    if (o->nt == 0) {
        o->targets[0] = ggs_dist_mean(&o->dist);
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
#line 1802 "book/22-estimators.nw"
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
#line 1848 "book/22-estimators.nw"
int ggs_synth_main(int argc, char **argv, FILE *out, FILE *err)
{
    synth_opts o;
    double targets[SYNTH_MAX_LIST];
    int rc;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
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
#line 2039 "book/22-estimators.nw"
typedef struct synth_free {
    ggs_family family;
    size_t j;       /* index of the parameter moved */
    int logit;      /* 1: theta = 1/(1+e^-u) in (0, 1); 0: theta = e^u in (0, inf) */
} synth_free;

static const synth_free synth_free_table[] = {
    { GGS_POISSON, 0, 0 },
    { GGS_BINOMIAL, 0, 1 },
    { GGS_GEOMETRIC, 0, 1 },
    { GGS_NEGBIN, 1, 1 },
    { GGS_ZTPOISSON, 0, 0 },
};

static double free_theta(const synth_free *fr, double u)
{
    if (!fr->logit)
        return exp(u);
    return u >= 0 ? 1 / (1 + exp(-u)) : exp(u) / (1 + exp(u));
}

static double free_dtheta(const synth_free *fr, double theta)
{
    return fr->logit ? theta * (1 - theta) : theta;
}

static double free_u(const synth_free *fr, double theta)
{
    return fr->logit ? log(theta) - log1p(-theta) : log(theta);
}

static int free_inside(const synth_free *fr, double theta)
{
    return isfinite(theta) && theta > 0 && (!fr->logit || theta < 1);
}
#line 2079 "book/22-estimators.nw"
static int synth_dist_with(ggs_dist *at, const ggs_dist *d, size_t j, double v)
{
    char spec[256];
    double th[2] = { d->theta[0], d->nparam > 1 ? d->theta[1] : 0 };
    th[j] = v;
    if (d->family == GGS_BINOMIAL)
        snprintf(spec, sizeof spec, "binomial:%lu,%.17g", d->trials, th[0]);
    else if (d->nparam == 2)
        snprintf(spec, sizeof spec, "%s:%.17g,%.17g", ggs_family_name(d->family), th[0], th[1]);
    else
        snprintf(spec, sizeof spec, "%s:%.17g", ggs_family_name(d->family), th[0]);
    return ggs_dist_parse(at, spec);
}
#line 2101 "book/22-estimators.nw"
static int synth_record(FILE *csv, FILE *err, unsigned long step, const synth_opts *o,
                        const ggs_estim_problem *pb, const ggs_estim_options *eo, size_t j,
                        gsl_rng *rm, double *buf, double *scratch)
{
    double *exact = buf, *grad = buf + pb->P, *work = buf + 2 * pb->P;
    double loss = 0, mean = 0, m2 = 0;
    ggs_estim_options plain = { eo->samples, eo->tau, NULL }, em = { eo->samples, eo->tau,
                                                                      scratch };
    int rc = ggs_estimate(exact, ggs_estimator_find("exact"), pb, &plain, rm, work);
    for (size_t k = 0; k < pb->n; k++)
        if (pb->pi[k] > 0)
            loss += pb->pi[k] * ggs_estim_loss(pb, pb->c[k]);
    for (unsigned long i = 0; rc == GGS_OK && i < o->draws; i++) {
        double delta;
        if (o->e->state_size > 0)
            memcpy(scratch, eo->state, o->e->state_size * sizeof(double));
        rc = ggs_estimate(grad, o->e, pb, o->e->state_size > 0 ? &em : &plain, rm, work);
        if (rc == GGS_OK && !isfinite(grad[j]))
            return ggs_cmd_fail(err, "synth: step %lu: measuring estimate %lu of %s is %g",
                                step, i, o->e->name, grad[j]);
        delta = grad[j] - mean;
        mean += delta / (double)(i + 1);
        m2 += delta * (grad[j] - mean);
    }
    if (rc != GGS_OK)
        return ggs_cmd_fail(err, "synth: step %lu: %s", step, ggs_last_error());
    if (!isfinite(loss) || !isfinite(exact[j]) || !isfinite(m2))
        return ggs_cmd_fail(err, "synth: step %lu: the loss, exact gradient or variance at "
                            "%s = %.17g is not finite", step,
                            ggs_dist_param_name(&pb->dist, j), pb->dist.theta[j]);
    fprintf(csv, "%lu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", step, loss, pb->dist.theta[j],
            exact[j], mean, m2 / (double)(o->draws - 1), mean - exact[j]);
    return 0;
}
#line 2139 "book/22-estimators.nw"
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
#line 2160 "book/22-estimators.nw"
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

static int synth_opt_setup(synth_run_state *st, const synth_opts *o, FILE *out, FILE *err)
{
    ggs_dist at;
    ggs_window w, w0;
    double theta0, *t = o->targets;
    size_t nt = o->nt;
    for (size_t i = 0; i < sizeof synth_free_table / sizeof synth_free_table[0]; i++)
        if (synth_free_table[i].family == o->dist.family)
            st->fr = &synth_free_table[i];
    if (st->fr == NULL)
        return synth_usage(err, "--optimize: a %s distribution has no rate or probability "
                           "to optimize here", ggs_family_name(o->dist.family));
    if (!ggs_cmd_double(&theta0, o->start) || !free_inside(st->fr, theta0))
        return synth_usage(err, "--start = '%s' is not a value of %s in %s", o->start,
                           ggs_dist_param_name(&o->dist, st->fr->j),
                           st->fr->logit ? "(0, 1)" : "(0, inf)");
    if (synth_dist_with(&at, &o->dist, st->fr->j, theta0) != GGS_OK)
        return synth_usage(err, "--start = '%s': %s", o->start, ggs_last_error());
    
#line 2224 "book/22-estimators.nw"
/* fix the window of the optimization */
ggs_dist_support(&w.m, &w0.m, &o->dist);
w0.m = w.m;
w.n = o->n;
if (!o->have_n && (ggs_window_auto(&w, &o->dist, SYNTH_EPS, 1) != GGS_OK
                   || ggs_window_auto(&w0, &at, SYNTH_EPS, 1) != GGS_OK))
    return synth_usage(err, "no window for DIST '%s' and --start %s: %s", o->spec, o->start,
                       ggs_last_error());
if (!o->have_n && w0.n > w.n)
    w.n = w0.n;
#line 2196 "book/22-estimators.nw"
    if (nt == 0) {
        nt = o->draw_targets > 0 ? o->draw_targets : 1;
        for (size_t i = 0; i < nt; i++)
            t[i] = ggs_dist_mean(&o->dist);   /* replaced below by draws */
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
        st->pb.t[i] = st->pb.c[synth_draw(st->buf, &st->pb, st->r)];
    if (ggs_estim_problem_update(&st->pb, &at) != GGS_OK)
        return ggs_cmd_fail(err, "synth: at --start %s: %s", o->start, ggs_last_error());
    st->csv = o->out_path ? fopen(o->out_path, "w") : out;
    if (st->csv == NULL)
        return ggs_cmd_fail(err, "synth: cannot open '%s' for writing: %s", o->out_path,
                            strerror(errno));
    return 0;
}
#line 2239 "book/22-estimators.nw"
static int synth_opt_loop(synth_run_state *st, const synth_opts *o, FILE *err)
{
    const synth_free *fr = st->fr;
    ggs_estim_problem *pb = &st->pb;
    ggs_estim_options eo;
    const char *name = ggs_dist_param_name(&pb->dist, fr->j);
    double u = free_u(fr, pb->dist.theta[fr->j]), m = 0, v = 0;
    double *grad = st->buf + pb->P, *work = st->buf + 2 * pb->P;
    double *state = work + ggs_estim_work_size(pb, o->samples);   /* (state_size) */
    double *scratch = state + o->e->state_size;                     /* (state_size) */
    eo.samples = o->samples;
    eo.tau = o->have_tau ? o->tau : 1;
    eo.state = o->e->state_size > 0 ? state : NULL;
    fprintf(st->csv, "step,loss,%s,exact,mean,variance,bias\n", name);
    for (unsigned long i = 0; i < o->steps; i++) {
        double theta;
        ggs_dist at;
        int rc;
        if (i % o->record_every == 0
            && (rc = synth_record(st->csv, err, i, o, pb, &eo, fr->j, st->rm, st->buf,
                                  scratch)) != 0)
            return rc;
        if (ggs_estimate(grad, o->e, pb, &eo, st->r, work) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: %s", i, ggs_last_error());
        if (!isfinite(grad[fr->j]))
            return ggs_cmd_fail(err, "synth: step %lu: the estimate of %s is %g", i, o->e->name,
                                grad[fr->j]);
        u = synth_step(u, grad[fr->j] * free_dtheta(fr, pb->dist.theta[fr->j]), o->adam >= 0,
                       o->lr, &m, &v, i + 1);
        theta = free_theta(fr, u);
        if (!free_inside(fr, theta) || synth_dist_with(&at, &pb->dist, fr->j, theta) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: %s = %.17g (u = %g) left the domain of "
                                "%s", i, name, theta, u, ggs_family_name(pb->dist.family));
        if (ggs_estim_problem_update(pb, &at) != GGS_OK)
            return ggs_cmd_fail(err, "synth: step %lu: at %s = %.17g: %s", i, name, theta,
                                ggs_last_error());
    }
    return 0;
}
#line 2281 "book/22-estimators.nw"
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
