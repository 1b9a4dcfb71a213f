#line 11 "book/09-tests.nw"
/* Generated from book/09-tests.nw; do not edit. */
#ifndef CHECK_GENGS_H
#define CHECK_GENGS_H
#include <check.h>
#include "gengs.h"

#line 783 "book/08-command.nw"
Suite *make_cli_suite(void);
#line 22 "book/09-tests.nw"
/* one make_<module>_suite per chapter */
#line 33 "book/09-tests.nw"
/** A scalar function of one real variable, with a context. */
typedef double (*ggs_test_fn)(double x, void *ctx);
/** Central difference (f(x+h) - f(x-h)) / 2h. */
double ggs_test_central_diff(ggs_test_fn f, void *ctx, double x, double h);
/** Relative difference |a-b| / max(1, |a|, |b|). */
double ggs_test_reldiff(double a, double b);
#line 19 "book/09-tests.nw"
#endif
