#line 3123 "book/22-estimators.nw"
/* Generated from book/22-estimators.nw; do not edit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "gengs.h"

static const double MIN_SECONDS = 0.25, TAU = 0.5;
enum { WARMUP = 100 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Seconds per estimate: warm up, then the fastest of three windows. */
static double time_estimator(const ggs_estimator *e, const ggs_estim_problem *pb,
                             const ggs_estim_options *o, gsl_rng *r, double *grad,
                             double *work)
{
    double best = HUGE_VAL;
    for (int i = 0; i < WARMUP; i++)
        ggs_estimate(grad, e, pb, o, r, work);
    for (int w = 0; w < 3; w++) {
        long calls = 0;
        double t0 = now(), t;
        do {
            for (int i = 0; i < 100; i++)
                ggs_estimate(grad, e, pb, o, r, work);
            calls += 100;
            t = now() - t0;
        } while (t < MIN_SECONDS);
        best = fmin(best, t / (double)calls);
    }
    return best;
}

int main(void)
{
    ggs_dist d;
    ggs_window w = { 0, 0 };
    ggs_estim_problem pb;
    double t[2] = { 17, 22 }, grad[2], *work = NULL, sink = 0;
    gsl_rng *r = ggs_rng_new(1);
    size_t maxK = 1;
    if (r == NULL || ggs_dist_poisson(&d, 18) != GGS_OK
        || ggs_window_auto(&w, &d, 1e-12, 1) != GGS_OK
        || ggs_estim_problem_init(&pb, &d, w.m, w.n, t, 2) != GGS_OK) {
        fprintf(stderr, "bench-estimators: error: %s\n", ggs_last_error());
        return EXIT_FAILURE;
    }
    for (size_t i = 0; i < ggs_estimator_count(); i++)
        if (ggs_estimator_at(i)->default_samples > maxK)
            maxK = ggs_estimator_at(i)->default_samples;
    work = malloc(ggs_estim_work_size(&pb, maxK) * sizeof(double));
    if (work == NULL) {
        fprintf(stderr, "bench-estimators: error: out of memory\n");
        return EXIT_FAILURE;
    }
    printf("Gradient estimators on Poisson(20) at lambda = 18, n = %zu, targets 17 and 22,\n"
           "tau = %g, one thread\n", pb.n, TAU);
    printf("%-11s %3s %14s %14s\n", "estimator", "K", "estimates/s", "draws/s");
    for (size_t i = 0; i < ggs_estimator_count(); i++) {
        const ggs_estimator *e = ggs_estimator_at(i);
        ggs_estim_options o = { e->default_samples, TAU, NULL };
        double s;
        if (e->state_size > 0 && (o.state = calloc(e->state_size, sizeof(double))) == NULL) {
            fprintf(stderr, "bench-estimators: error: out of memory\n");
            return EXIT_FAILURE;
        }
        s = time_estimator(e, &pb, &o, r, grad, work);
        free(o.state);
        sink += grad[0];
        printf("%-11s %3zu %14.3g %14.3g\n", e->name, o.samples, 1 / s,
               (double)o.samples / s);
    }
    printf("(checksum %g)\n", sink);
    free(work);
    gsl_rng_free(r);
    ggs_estim_problem_free(&pb);
    return EXIT_SUCCESS;
}
