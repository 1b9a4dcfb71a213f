#line 13 "book/90-tests.nw"
/* Generated from book/90-tests.nw; do not edit. */
#ifndef CHECK_GENGS_H
#define CHECK_GENGS_H
#include <check.h>
#include "gengs.h"
#include "gengs-internal.h"   /* the suites also test the shared helpers */
#include "cmdline.h"

#line 664 "book/00-preface.nw"
Suite *make_util_suite(void);
#line 878 "book/00-preface.nw"
Suite *make_example_suite(void);
#line 422 "book/01-random.nw"
Suite *make_rng_suite(void);
#line 2788 "book/02-discrete.nw"
Suite *make_dist_suite(void);
#line 936 "book/03-truncation.nw"
Suite *make_truncated_suite(void);
#line 1334 "book/03-truncation.nw"
Suite *make_domain_suite(void);
#line 680 "book/04-gumbelmax.nw"
Suite *make_gumbel_suite(void);
#line 1148 "book/05-gengs.nw"
Suite *make_relax_suite(void);
#line 603 "book/06-kl.nw"
Suite *make_kl_suite(void);
#line 7331 "book/20-vae.nw"
Suite *make_vae_suite(void);
#line 3590 "book/21-nvpdef.nw"
Suite *make_nvpdef_suite(void);
#line 3348 "book/22-estimators.nw"
Suite *make_estimators_suite(void);
#line 656 "book/29-pool.nw"
Suite *make_pool_suite(void);
#line 2219 "book/30-layer.nw"
Suite *make_layer_suite(void);
#line 3261 "book/31-nn.nw"
Suite *make_nn_suite(void);
#line 1855 "book/32-data.nw"
Suite *make_data_suite(void);
#line 2034 "book/33-corpus.nw"
Suite *make_corpus_suite(void);
#line 1662 "book/34-command.nw"
Suite *make_cli_suite(void);
#line 833 "book/35-nvpdef-speed.nw"
Suite *make_nvpdef_speed_suite(void);
#line 26 "book/90-tests.nw"
/* one make_<module>_suite per chapter */
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
#line 54 "book/90-tests.nw"
/** Whether an analytic derivative @p a agrees with a central difference @p fd:
    relative difference <= @p rel, or absolute difference <= @p abs. */
int ggs_test_fd_agrees(double a, double fd, double rel, double abs);

#line 59 "book/90-tests.nw"
/** A scalar function of one real variable, with a context. */
typedef double (*ggs_test_fn)(double x, void *ctx);
/** Central difference (f(x+h) - f(x-h)) / 2h. */
double ggs_test_central_diff(ggs_test_fn f, void *ctx, double x, double h);
/** Richardson's extrapolation of two central differences, (4 D(h/2) - D(h)) / 3:
    truncation error O(h^4) instead of O(h^2). */
double ggs_test_richardson_diff(ggs_test_fn f, void *ctx, double x, double h);
/** True relative difference |a-b| / max(|a|, |b|); 0 if a == b; NaN for NaN input. */
double ggs_test_reldiff(double a, double b);
/** Absolute difference |a-b|, for values that may be 0 (NaN for NaN input). */
double ggs_test_absdiff(double a, double b);
/** |a-b| / max(1, |a|, |b|): relative above 1, absolute below (weak for small values). */
double ggs_test_scaled_diff(double a, double b);
#line 77 "book/90-tests.nw"
/** Read all of @p f from its start into @p buf (at most size - 1 bytes, then a
    terminating NUL) and close @p f. */
void ggs_test_slurp(char *buf, size_t size, FILE *f);
#line 23 "book/90-tests.nw"
#endif
