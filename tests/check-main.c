#line 82 "book/90-tests.nw"
/* Generated from book/90-tests.nw; do not edit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-gengs.h"

double ggs_test_central_diff(ggs_test_fn f, void *ctx, double x, double h)
{
    return (f(x + h, ctx) - f(x - h, ctx)) / (2 * h);
}

double (ggs_test_reldiff)(double a, double b)
{
    if (a == b)
        return 0;
    return fabs(a - b) / fmax(fabs(a), fabs(b));   /* NaN if either is NaN */
}

double ggs_test_richardson_diff(ggs_test_fn f, void *ctx, double x, double h)
{
    return (4 * ggs_test_central_diff(f, ctx, x, h / 2) - ggs_test_central_diff(f, ctx, x, h)) / 3;
}

int ggs_test_fd_agrees(double a, double fd, double rel, double abs)
{
    return ggs_test_reldiff(a, fd) <= rel || ggs_test_absdiff(a, fd) <= abs;
}

double ggs_test_absdiff(double a, double b)
{
    return fabs(a - b);
}

double ggs_test_scaled_diff(double a, double b)
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

#line 152 "book/90-tests.nw"
START_TEST(test_helpers_differences)
{
    ck_assert_double_eq_tol((ggs_test_reldiff)(1.1e-100, 1e-100), 0.1 / 1.1, 1e-15);
    ck_assert_double_eq_tol((ggs_test_reldiff)(-3, 3), 2, 1e-15);
    ck_assert_double_eq((ggs_test_reldiff)(0, 0), 0);
    ck_assert_double_eq((ggs_test_reldiff)(HUGE_VAL, HUGE_VAL), 0);
    ck_assert_double_eq((ggs_test_reldiff)(1e-300, 0), 1);
    ck_assert(isnan((ggs_test_reldiff)(NAN, 1)) && isnan((ggs_test_reldiff)(1, NAN)));
    ck_assert(isnan((ggs_test_reldiff)(HUGE_VAL, 1)));
    ck_assert_double_eq(ggs_test_reldiff(2e-50, 1e-50), 0.5);  /* called from this file */
    ck_assert_double_eq(ggs_test_absdiff(1e-100, -1e-100), 2e-100);
    ck_assert(isnan(ggs_test_absdiff(NAN, 0)));
    ck_assert_double_le(ggs_test_scaled_diff(1.1e-100, 1e-100), 2e-101);  /* absolute here */
    ck_assert_double_eq_tol(ggs_test_scaled_diff(4, 5), 0.2, 1e-15);
    ck_assert(ggs_test_fd_agrees(1e-20, 2e-20, 1e-6, 1e-19));
    ck_assert(!ggs_test_fd_agrees(1e-20, 2e-20, 1e-6, 1e-21));
    ck_assert(ggs_test_fd_agrees(1, 1 + 1e-7, 1e-6, 0));
    ck_assert(!ggs_test_fd_agrees(NAN, 1, 1e-6, 1e-9));
}
END_TEST

static Suite *make_helpers_suite(void)
{
    Suite *s = suite_create("helpers");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_helpers_differences);
    suite_add_tcase(s, core);
    return s;
}

#line 133 "book/90-tests.nw"
int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int failed;
    srunner_add_suite(sr, make_helpers_suite());
    
#line 667 "book/00-preface.nw"
srunner_add_suite(sr, make_util_suite());
#line 881 "book/00-preface.nw"
srunner_add_suite(sr, make_example_suite());
#line 425 "book/01-random.nw"
srunner_add_suite(sr, make_rng_suite());
#line 2791 "book/02-discrete.nw"
srunner_add_suite(sr, make_dist_suite());
#line 939 "book/03-truncation.nw"
srunner_add_suite(sr, make_truncated_suite());
#line 1337 "book/03-truncation.nw"
srunner_add_suite(sr, make_domain_suite());
#line 683 "book/04-gumbelmax.nw"
srunner_add_suite(sr, make_gumbel_suite());
#line 1151 "book/05-gengs.nw"
srunner_add_suite(sr, make_relax_suite());
#line 606 "book/06-kl.nw"
srunner_add_suite(sr, make_kl_suite());
#line 7334 "book/20-vae.nw"
srunner_add_suite(sr, make_vae_suite());
#line 3593 "book/21-nvpdef.nw"
srunner_add_suite(sr, make_nvpdef_suite());
#line 3351 "book/22-estimators.nw"
srunner_add_suite(sr, make_estimators_suite());
#line 659 "book/29-pool.nw"
srunner_add_suite(sr, make_pool_suite());
#line 2222 "book/30-layer.nw"
srunner_add_suite(sr, make_layer_suite());
#line 3264 "book/31-nn.nw"
srunner_add_suite(sr, make_nn_suite());
#line 1858 "book/32-data.nw"
srunner_add_suite(sr, make_data_suite());
#line 2037 "book/33-corpus.nw"
srunner_add_suite(sr, make_corpus_suite());
#line 1665 "book/34-command.nw"
srunner_add_suite(sr, make_cli_suite());
#line 836 "book/35-nvpdef-speed.nw"
srunner_add_suite(sr, make_nvpdef_speed_suite());
#line 146 "book/90-tests.nw"
/* one srunner_add_suite per chapter */
#line 139 "book/90-tests.nw"
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
