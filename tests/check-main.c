#line 41 "book/09-tests.nw"
/* Generated from book/09-tests.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include "check-gengs.h"

double ggs_test_central_diff(ggs_test_fn f, void *ctx, double x, double h)
{
    return (f(x + h, ctx) - f(x - h, ctx)) / (2 * h);
}

double ggs_test_reldiff(double a, double b)
{
    double s = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) / s;
}

int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 786 "book/08-command.nw"
srunner_add_suite(sr, make_cli_suite());
#line 69 "book/09-tests.nw"
/* one srunner_add_suite per chapter */
#line 62 "book/09-tests.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
