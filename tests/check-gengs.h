#line 11 "book/90-tests.nw"
/* Generated from book/90-tests.nw; do not edit. */
#ifndef CHECK_GENGS_H
#define CHECK_GENGS_H
#include <check.h>
#include "gengs.h"

#line 421 "book/00-preface.nw"
Suite *make_util_suite(void);
#line 396 "book/01-random.nw"
Suite *make_rng_suite(void);
#line 1427 "book/02-discrete.nw"
Suite *make_dist_suite(void);
#line 489 "book/03-truncation.nw"
Suite *make_truncated_suite(void);
#line 318 "book/04-gumbelmax.nw"
Suite *make_gumbel_suite(void);
#line 674 "book/05-gengs.nw"
Suite *make_relax_suite(void);
#line 466 "book/06-kl.nw"
Suite *make_kl_suite(void);
#line 1872 "book/07-layer.nw"
Suite *make_layer_suite(void);
#line 808 "book/08-command.nw"
Suite *make_cli_suite(void);
#line 1515 "book/10-data.nw"
Suite *make_data_suite(void);
#line 3548 "book/11-nn.nw"
Suite *make_nn_suite(void);
#line 3976 "book/12-vae.nw"
Suite *make_vae_suite(void);
#line 22 "book/90-tests.nw"
/* one make_<module>_suite per chapter */
#line 33 "book/90-tests.nw"
/** A scalar function of one real variable, with a context. */
typedef double (*ggs_test_fn)(double x, void *ctx);
/** Central difference (f(x+h) - f(x-h)) / 2h. */
double ggs_test_central_diff(ggs_test_fn f, void *ctx, double x, double h);
/** Relative difference |a-b| / max(1, |a|, |b|). */
double ggs_test_reldiff(double a, double b);
#line 43 "book/90-tests.nw"
/** Read all of @p f from its start into @p buf (at most size - 1 bytes, then a
    terminating NUL) and close @p f. */
void ggs_test_slurp(char *buf, size_t size, FILE *f);
#line 19 "book/90-tests.nw"
#endif
