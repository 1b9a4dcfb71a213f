#line 884 "book/00-preface.nw"
/* Generated from book/00-preface.nw; do not edit.
   The worked example of chapter 1: the program against the hand values. */
#include <math.h>
#include <stdlib.h>
#include "check-gengs.h"
#include "cli.h"

/* the example's tolerance: above rounding (1e-15), below any hand digit */
#define EXAMPLE_TOL 1e-12

START_TEST(test_example_by_hand)
{
    /* Poisson(2) truncated at n = 4, g = (0.5, -0.3, 1.2, 0.1), tau = 0.5:
       pi   = (e^-2, 2e^-2, 2e^-2, 1 - 5e^-2)
       r_k  = (pi_k / pi_2)^2 e^(2 (g_k - g_2)) = (e^-1.4 / 4, e^-3, 1, (pi_3/pi_2)^2 e^-2.2)
       y    = r / sum(r),  z = sum_k k y_k
       l'_k = k/2 - 1 (k < 3),  l'_3 = p(2) / pi_3 = 2e^-2 / (1 - 5e^-2)
       dz/dlambda = (1/tau) sum_k y_k (k - z) l'_k
       evaluated in bc -l with scale=30: */
    const double z_hand = 1.98819980860643, dz_hand = 0.442821636921323;
    char *argv[] = { "gengs", "sample", "poisson:2", "--n", "4", "--tau", "0.5",
                     "--gumbel", "0.5,-0.3,1.2,0.1", "--grad", NULL };
    char buf[256], *end;
    FILE *out = tmpfile(), *err = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    ck_assert_int_eq(ggs_cli_main(10, argv, out, err), 0);
    ggs_test_slurp(buf, sizeof buf, out);
    fclose(err);
    double z = strtod(buf, &end);
    ck_assert(*end == '\t');
    double dz = strtod(end + 1, &end);
    ck_assert(*end == '\n');
    ck_assert_msg(fabs(z - z_hand) <= EXAMPLE_TOL, "z = %.17g, by hand %.15g", z, z_hand);
    ck_assert_msg(fabs(dz - dz_hand) <= EXAMPLE_TOL, "dz/dlambda = %.17g, by hand %.15g",
                  dz, dz_hand);
}
END_TEST

Suite *make_example_suite(void)
{
    Suite *s = suite_create("example");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_example_by_hand);
    suite_add_tcase(s, core);
    return s;
}
