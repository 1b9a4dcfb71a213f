#line 48 "book/90-tests.nw"
/* Generated from book/90-tests.nw; do not edit. */
#include <math.h>
#include <stdio.h>
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

void ggs_test_slurp(char *buf, size_t size, FILE *f)
{
    size_t got;
    rewind(f);
    got = fread(buf, 1, size - 1, f);
    buf[got] = '\0';
    fclose(f);
}

int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    
#line 424 "book/00-preface.nw"
srunner_add_suite(sr, make_util_suite());
#line 399 "book/01-random.nw"
srunner_add_suite(sr, make_rng_suite());
#line 1430 "book/02-discrete.nw"
srunner_add_suite(sr, make_dist_suite());
#line 492 "book/03-truncation.nw"
srunner_add_suite(sr, make_truncated_suite());
#line 321 "book/04-gumbelmax.nw"
srunner_add_suite(sr, make_gumbel_suite());
#line 677 "book/05-gengs.nw"
srunner_add_suite(sr, make_relax_suite());
#line 469 "book/06-kl.nw"
srunner_add_suite(sr, make_kl_suite());
#line 1875 "book/07-layer.nw"
srunner_add_suite(sr, make_layer_suite());
#line 811 "book/08-command.nw"
srunner_add_suite(sr, make_cli_suite());
#line 1518 "book/10-data.nw"
srunner_add_suite(sr, make_data_suite());
#line 3551 "book/11-nn.nw"
srunner_add_suite(sr, make_nn_suite());
#line 3979 "book/12-vae.nw"
srunner_add_suite(sr, make_vae_suite());
#line 86 "book/90-tests.nw"
/* one srunner_add_suite per chapter */
#line 79 "book/90-tests.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
