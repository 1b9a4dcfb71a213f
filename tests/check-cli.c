#line 1668 "book/34-command.nw"
/* Generated from book/34-command.nw; do not edit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check-gengs.h"
#include "cli.h"

#line 1681 "book/34-command.nw"
#define CLI_BUF 200000
static char cli_out[CLI_BUF], cli_err[8192];

static int run(const char *line)
{
    char copy[1024], *argv[64];
    int argc = 0;
    FILE *out = tmpfile(), *err = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    ck_assert_uint_lt(strlen(line), sizeof copy);
    strcpy(copy, line);
    for (char *w = strtok(copy, " "); w != NULL && argc < 63; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    int rc = ggs_cli_main(argc, argv, out, err);
    ggs_test_slurp(cli_out, sizeof cli_out, out);
    ggs_test_slurp(cli_err, sizeof cli_err, err);
    return rc;
}

/* Parse "value<TAB>prob" lines, skipping comments; returns the number read. */
static size_t read_pmf(double *value, double *prob, size_t cap)
{
    size_t n = 0;
    for (char *l = strtok(cli_out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        if (l[0] == '#')
            continue;
        ck_assert_uint_lt(n, cap);
        char *tab = strchr(l, '\t');
        ck_assert_ptr_nonnull(tab);
        value[n] = strtod(l, NULL);
        prob[n] = strtod(tab + 1, NULL);
        n++;
    }
    return n;
}

/* Parse one number per line (the first column); returns how many. */
static size_t read_column(double *x, size_t cap, int column)
{
    size_t n = 0;
    for (char *l = strtok(cli_out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        char *p = l;
        for (int c = 0; c < column; c++) {
            p = strchr(p, '\t');
            ck_assert_ptr_nonnull(p);
            p++;
        }
        ck_assert_uint_lt(n, cap);
        x[n++] = strtod(p, NULL);
    }
    return n;
}
#line 1737 "book/34-command.nw"
START_TEST(test_cli_pmf_matches_library)
{
    double v[64], p[64], pi[20], sum = 0;
    ggs_dist d;
    ck_assert_int_eq(run("gengs pmf poisson:3.12 --n 20"), 0);
    ck_assert_uint_eq(read_pmf(v, p, 64), 20);
    ck_assert_int_eq(ggs_dist_poisson(&d, 3.12), GGS_OK);
    ck_assert_int_eq(ggs_truncated_pmf(pi, &d, 0, 20), GGS_OK);
    for (int k = 0; k < 20; k++) {
        ck_assert_double_eq(v[k], k);
        ck_assert_double_eq(p[k], pi[k]);  /* %.17g round-trips exactly */
        sum += p[k];
    }
    ck_assert_double_eq_tol(sum, 1.0, 1e-12);
}
END_TEST

START_TEST(test_cli_pmf_auto_and_left)
{
    double v[4096], p[4096], sum = 0;
    ck_assert_int_eq(run("gengs pmf poisson:10000 --eps 1e-10"), 0);
    size_t n = read_pmf(v, p, 4096);
    ck_assert_uint_gt(n, 2);
    ck_assert_double_gt(v[0], 9000);           /* both-sides window around 10^4 */
    for (size_t k = 0; k < n; k++) {
        ck_assert(isfinite(p[k]) && p[k] >= 0);
        sum += p[k];
    }
    ck_assert_double_eq_tol(sum, 1.0, 1e-12);
    ck_assert_int_eq(run("gengs pmf negbin:3,0.4 --n 5 --left 2"), 0);
    ck_assert_uint_eq(read_pmf(v, p, 4096), 5);
    ck_assert_double_eq(v[0], 2);
    ck_assert_double_eq(v[4], 6);
}
END_TEST

START_TEST(test_cli_pmf_vector_families)
{
    double v[64], p[64], sum = 0;
    ck_assert_int_eq(run("gengs pmf categorical:0.5,0.25,0.25"), 0);
    ck_assert_uint_eq(read_pmf(v, p, 64), 3);
    ck_assert_double_eq_tol(p[0], 0.5, 1e-15);
    ck_assert_int_eq(run("gengs pmf multinomial:3,0.7,0.2,0.1"), 0);
    ck_assert_ptr_nonnull(strstr(cli_out, "3,0,0\t"));
    ck_assert_ptr_nonnull(strstr(cli_out, "0,0,3\t"));
    size_t n = read_pmf(v, p, 64);
    ck_assert_uint_eq(n, 10);                  /* C(3+2, 2) count vectors */
    for (size_t k = 0; k < n; k++)
        sum += p[k];
    ck_assert_double_eq_tol(sum, 1.0, 1e-12);
    ck_assert_double_eq_tol(p[0], 0.343, 1e-15);  /* (3,0,0): 0.7^3 */
}
END_TEST

START_TEST(test_cli_sample_reproducible)
{
    static char first[CLI_BUF];
    ck_assert_int_eq(run("gengs sample poisson:2 --n 12 --tau 0.5 --count 50 --seed 7"), 0);
    strcpy(first, cli_out);
    ck_assert_int_eq(run("gengs sample poisson:2 --n 12 --tau 0.5 --count 50 --seed 7"), 0);
    ck_assert_str_eq(first, cli_out);
    ck_assert_int_eq(run("gengs sample poisson:2 --n 12 --tau 0.5 --count 50 --seed 8"), 0);
    ck_assert_str_ne(first, cli_out);
}
END_TEST
#line 1806 "book/34-command.nw"
START_TEST(test_cli_hard_equals_exact)
{
    static double exact[400], hard[400], relaxed[400];
    const char *base = "gengs sample negbin:3,0.4 --n auto --tau 0.3 --count 400 --seed 11";
    char line[256];
    snprintf(line, sizeof line, "%s --exact", base);
    ck_assert_int_eq(run(line), 0);
    ck_assert_uint_eq(read_column(exact, 400, 0), 400);
    snprintf(line, sizeof line, "%s --hard", base);
    ck_assert_int_eq(run(line), 0);
    ck_assert_uint_eq(read_column(hard, 400, 0), 400);
    ck_assert_int_eq(run(base), 0);
    ck_assert_uint_eq(read_column(relaxed, 400, 0), 400);
    for (int i = 0; i < 400; i++) {
        ck_assert_double_eq(exact[i], hard[i]);
        ck_assert_double_eq(exact[i], floor(exact[i]));
        ck_assert(relaxed[i] >= 0);
    }
}
END_TEST
#line 1831 "book/34-command.nw"
START_TEST(test_cli_gumbel_is_seeded_noise)
{
    static char seeded[CLI_BUF];
    const char *modes[] = { "--grad", "--hard", "--exact" };
    char line[1024], list[700];
    double g[12];
    size_t used = 0;
    gsl_rng *r = ggs_rng_new(7);
    ck_assert_ptr_nonnull(r);
    ggs_gumbel_fill(g, 12, r);
    ggs_rng_free(r);
    for (int k = 0; k < 12; k++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%.17g", k ? "," : "", g[k]);
    ck_assert_uint_lt(used, sizeof list);
    for (int m = 0; m < 3; m++) {
        snprintf(line, sizeof line, "gengs sample poisson:3.12 --n 12 --tau 0.4 %s "
                 "--count 1 --seed 7", modes[m]);
        ck_assert_int_eq(run(line), 0);
        strcpy(seeded, cli_out);
        snprintf(line, sizeof line, "gengs sample poisson:3.12 --n 12 --tau 0.4 %s "
                 "--gumbel %s", modes[m], list);
        ck_assert_int_eq(run(line), 0);
        ck_assert_str_eq(cli_out, seeded);
    }
}
END_TEST
#line 1867 "book/34-command.nw"
/* absolute agreement for derivatives near 0: above the rounding error of the
   central difference, eps * |z| / h <= 2.2e-16 * 30 / 1e-6 = 6.6e-9 */
#define CLI_FD_ABS 1e-8

static void fd_check(const char *fmt, double x, int column, size_t count)
{
    static double g[64], zp[64], zm[64];
    char line[256];
    double h = 1e-6 * fmax(1.0, fabs(x));
    snprintf(line, sizeof line, fmt, x);
    ck_assert_int_eq(run(line), 0);
    ck_assert_uint_eq(read_column(g, 64, column), count);
    snprintf(line, sizeof line, fmt, x + h);
    ck_assert_int_eq(run(line), 0);
    read_column(zp, 64, 0);
    snprintf(line, sizeof line, fmt, x - h);
    ck_assert_int_eq(run(line), 0);
    read_column(zm, 64, 0);
    for (size_t i = 0; i < count; i++) {
        double fd = (zp[i] - zm[i]) / (2 * h);
        ck_assert_msg(ggs_test_reldiff(g[i], fd) <= 1e-5
                      || ggs_test_absdiff(g[i], fd) <= CLI_FD_ABS,
                      "'%s' at %.17g, draw %zu: printed %.17g, difference %.17g", fmt, x, i,
                      g[i], fd);
    }
}

START_TEST(test_cli_grad_is_pathwise_derivative)
{
    fd_check("gengs sample poisson:%.17g --n 15 --tau 0.7 --count 30 --seed 3 --grad",
             3.12, 1, 30);
    fd_check("gengs sample negbin:%.17g,0.4 --n 25 --tau 0.7 --count 30 --seed 5 --grad",
             3.0, 1, 30);
    fd_check("gengs sample negbin:3,%.17g --n 25 --tau 0.7 --count 30 --seed 5 --grad",
             0.4, 2, 30);
    fd_check("gengs sample binomial:20,%.17g --n auto --tau 0.7 --count 30 --seed 9 --grad",
             0.3, 1, 30);
}
END_TEST

#line 1922 "book/34-command.nw"
/* the relaxed (or hard) vector draws of a K-category law with N trials, and
   their Jacobian dz_i/dp_j, from the seed, in long double: row i of ref is
   z (K) then the K x K Jacobian */
static void vector_reference(long double *ref, const double *p, size_t K, unsigned long N,
                             double tau, int hard, unsigned long seed, size_t count)
{
    gsl_rng *r = ggs_rng_new(seed);
    double g[8 * 4];
    size_t width = K + K * K;
    ck_assert(r != NULL && K <= 4 && N <= 8);
    for (size_t i = 0; i < count; i++) {
        long double *row = ref + i * width;
        for (size_t c = 0; c < width; c++)
            row[c] = 0;
        ggs_gumbel_fill(g, N * K, r);
        for (unsigned long t = 0; t < N; t++) {
            long double y[4], xmax = -HUGE_VALL, sum = 0;
            size_t best = 0;
            for (size_t k = 0; k < K; k++) {
                y[k] = (long double)log(p[k]) + g[t * K + k];
                if (y[k] > xmax) {
                    xmax = y[k];
                    best = k;
                }
            }
            for (size_t k = 0; k < K; k++)
                sum += y[k] = expl((y[k] - xmax) / tau);
            for (size_t k = 0; k < K; k++)
                y[k] /= sum;
            for (size_t k = 0; k < K; k++)
                row[k] += hard ? (k == best) : y[k];
            for (size_t a = 0; a < K; a++)
                for (size_t b = 0; b < K; b++)
                    row[K + a * K + b] += y[a] * ((a == b) - y[b]) / (tau * p[b]);
        }
    }
    ggs_rng_free(r);
}

/* every printed column of every line against the reference */
static void check_vector_output(const long double *ref, size_t width, size_t count)
{
    size_t i = 0;
    for (char *l = strtok(cli_out, "\n"); l != NULL; l = strtok(NULL, "\n"), i++) {
        char *p = l;
        ck_assert_uint_lt(i, count);
        for (size_t c = 0; c < width; c++) {
            char *end;
            double v = strtod(p, &end);
            ck_assert_msg(end != p, "line %zu has fewer than %zu columns", i, width);
            ck_assert_msg(ggs_test_absdiff(v, (double)ref[i * width + c]) <= 1e-13,
                          "line %zu column %zu: printed %.17g, reference %.17Lg", i, c, v,
                          ref[i * width + c]);
            p = end;
        }
        ck_assert_str_eq(p, "");
    }
    ck_assert_uint_eq(i, count);
}

START_TEST(test_cli_vector_grad_values)
{
    static const double mult_p[3] = {0.7, 0.2, 0.1}, cat_p[3] = {0.2, 0.5, 0.3};
    static long double ref[10 * 12];
    vector_reference(ref, mult_p, 3, 3, 0.5, 0, 17, 10);
    ck_assert_int_eq(run("gengs sample multinomial:3,0.7,0.2,0.1 --tau 0.5 --count 10 "
                         "--seed 17 --grad"), 0);
    check_vector_output(ref, 12, 10);
    vector_reference(ref, mult_p, 3, 3, 0.5, 1, 17, 10);
    ck_assert_int_eq(run("gengs sample multinomial:3,0.7,0.2,0.1 --tau 0.5 --count 10 "
                         "--seed 17 --grad --hard"), 0);
    check_vector_output(ref, 12, 10);
    vector_reference(ref, cat_p, 3, 1, 0.8, 0, 4, 10);
    ck_assert_int_eq(run("gengs sample categorical:0.2,0.5,0.3 --tau 0.8 --count 10 "
                         "--seed 4 --grad"), 0);
    check_vector_output(ref, 12, 10);
}
END_TEST

START_TEST(test_cli_vector_samples)
{
    ck_assert_int_eq(run("gengs sample multinomial:3,0.7,0.2,0.1 --count 20 --seed 1 --exact"), 0);
    for (char *l = strtok(cli_out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        double a, b, c;
        ck_assert_int_eq(sscanf(l, "%lf %lf %lf", &a, &b, &c), 3);
        ck_assert_double_eq(a + b + c, 3);
    }
    ck_assert_int_eq(run("gengs sample categorical:0.2,0.8 --tau 1e-6 --count 5 --seed 2"), 0);
    ck_assert_ptr_null(strstr(cli_out, "nan"));
}
END_TEST
#line 2021 "book/34-command.nw"
typedef struct parse_dest {
    int flag, choice, given_u;
    unsigned long u;
    size_t z;
    long l;
    double open, closed;
    const char *s, *ops[2];
    double list[3];
} parse_dest;

/* the custom kind: exactly three numbers separated by commas */
static int read_three(void *dest, const char *v, char *why, size_t size)
{
    double *x = dest, y[3];
    char tail;
    if (sscanf(v, "%lf,%lf,%lf%c", &y[0], &y[1], &y[2], &tail) != 3) {
        snprintf(why, size, "must be three numbers X,Y,Z");
        return 0;
    }
    memcpy(x, y, sizeof y);
    return 1;
}

static parse_dest pd;
static char parse_err[1024];

static int parse_line(const char *line, size_t max_operands)
{
    static const ggs_cmd_choice colours[] = { { "red", 1 }, { "green", 2 }, { "blue", 3 },
                                              { NULL, 0 } };
    static const ggs_cmd_refusal greys[] = {
        { "grey", "is not a colour of this test; write red, green or blue" }, { NULL, NULL }
    };
    ggs_cmd_option table[] = {
        { GGS_CMD_OPTION("--flag", GGS_CMD_FLAG, &pd.flag, NULL) },
        { GGS_CMD_OPTION("--u", GGS_CMD_ULONG, &pd.u, &pd.given_u), .min = 3, .max = 7 },
        { GGS_CMD_OPTION("--z", GGS_CMD_SIZE, &pd.z, NULL), .min = 1 },
        { GGS_CMD_OPTION("--l", GGS_CMD_LONG, &pd.l, NULL) },
        { GGS_CMD_OPTION("--open", GGS_CMD_REAL, &pd.open, NULL), .lo = 0,
          .bounds = GGS_CMD_LO_OPEN },
        { GGS_CMD_OPTION("--closed", GGS_CMD_REAL, &pd.closed, NULL), .lo = -1, .hi = 1,
          .bounds = GGS_CMD_LO_CLOSED | GGS_CMD_HI_CLOSED },
        { GGS_CMD_OPTION("--colour", GGS_CMD_CHOICE, &pd.choice, NULL), .choices = colours,
          .refused = greys },
        { GGS_CMD_OPTION("--s", GGS_CMD_STRING, &pd.s, NULL), .maxlen = 4 },
        { GGS_CMD_OPTION("--three", GGS_CMD_CUSTOM, pd.list, NULL), .read = read_three },
        GGS_CMD_END
    };
    static char copy[256];       /* static: the parsed strings point into it */
    char *argv[32];
    int argc = 0, rc;
    FILE *err = tmpfile();
    ck_assert_ptr_nonnull(err);
    ck_assert_uint_lt(strlen(line), sizeof copy);
    strcpy(copy, line);
    for (char *w = strtok(copy, " "); w != NULL && argc < 31; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    memset(&pd, 0, sizeof pd);
    rc = ggs_cmd_parse(table, "test", argc, argv, pd.ops, max_operands, err);
    ggs_test_slurp(parse_err, sizeof parse_err, err);
    return rc;
}

START_TEST(test_cmd_parse_accepts)
{
    ck_assert_int_eq(parse_line("test --flag --u 3 --z=1 --l -12 --open 1e-300 --closed -1 "
                                "--colour blue --s abcd --three 1,2.5,-3", 0), 0);
    ck_assert_str_eq(parse_err, "");
    ck_assert(pd.flag == 1 && pd.u == 3 && pd.given_u == 1 && pd.z == 1 && pd.l == -12);
    ck_assert(pd.open == 1e-300 && pd.closed == -1 && pd.choice == 3);
    ck_assert_str_eq(pd.s, "abcd");
    ck_assert(pd.list[0] == 1 && pd.list[1] == 2.5 && pd.list[2] == -3);
    /* the other ends of the ranges, the other spelling, the last value wins */
    ck_assert_int_eq(parse_line("test --u=7 --closed=1 --colour=red --colour green "
                                "--z 18446744073709551615", 0), 0);
    ck_assert(pd.u == 7 && pd.closed == 1 && pd.choice == 2 && pd.flag == 0);
    ck_assert(pd.given_u == 1 && pd.z == (size_t)18446744073709551615UL);
    /* operands, in order, among the options; a negative number is an operand */
    ck_assert_int_eq(parse_line("test one --u 4 -2", 2), 0);
    ck_assert_str_eq(pd.ops[0], "one");
    ck_assert_str_eq(pd.ops[1], "-2");
    ck_assert(pd.given_u == 1 && pd.u == 4);
    ck_assert_int_eq(parse_line("test", 2), 0);
    ck_assert(pd.ops[0] == NULL && pd.given_u == 0);
}
END_TEST

START_TEST(test_cmd_choice_word)
{
    static const ggs_cmd_choice c[] = { { "one", 1 }, { "uno", 1 }, { "two", 2 },
                                        { NULL, 0 } };
    ck_assert_str_eq(ggs_cmd_choice_word(c, 1), "one");
    ck_assert_str_eq(ggs_cmd_choice_word(c, 2), "two");
    ck_assert_ptr_null(ggs_cmd_choice_word(c, 0));
}
END_TEST

START_TEST(test_cmd_wants_help)
{
    char a0[] = "gengs", a1[] = "vae", a2[] = "--lr", a3[] = "-1", a4[] = "-h", a5[] = "--helpx";
    char *with[] = { a0, a1, a2, a3, a4 }, *without[] = { a0, a1, a2, a3, a5 };
    ck_assert_int_eq(ggs_cmd_wants_help(5, with, 2), 1);      /* anywhere, after an error */
    ck_assert_int_eq(ggs_cmd_wants_help(4, with, 2), 0);      /* not before argc */
    ck_assert_int_eq(ggs_cmd_wants_help(5, without, 1), 0);   /* whole words only */
    ck_assert_int_eq(ggs_cmd_wants_help(5, with, 5), 0);
}
END_TEST

static const struct { const char *line, *message; } parse_errors[] = {
    { "test --u 2", "--u = '2' must be an integer in [3, 7]" },
    { "test --u=8", "--u = '8' must be an integer in [3, 7]" },
    { "test --u -3", "--u = '-3' must be an integer in [3, 7]" },
    { "test --u 4x", "--u = '4x' must be an integer in [3, 7]" },
    { "test --z 0", "--z = '0' must be a positive integer" },
    { "test --z 18446744073709551616", "--z = '18446744073709551616' must be a positive" },
    { "test --l 1.5", "--l = '1.5' must be an integer" },
    { "test --open 0", "--open = '0' must be a number > 0" },
    { "test --open=-1e-300", "--open = '-1e-300' must be a number > 0" },
    { "test --open inf", "--open = 'inf' must be a number > 0" },
    { "test --closed 1.0000001", "--closed = '1.0000001' must be a number in [-1, 1]" },
    { "test --closed -1.5", "--closed = '-1.5' must be a number in [-1, 1]" },
    { "test --colour Red", "--colour = 'Red' must be red, green or blue" },
    { "test --colour=", "--colour = '' must be red, green or blue" },
    { "test --colour grey", "--colour = 'grey' is not a colour of this test; write red," },
    { "test --s abcde", "--s = 'abcde' is empty or too long (at most 4 characters)" },
    { "test --s=", "--s = '' is empty or too long" },
    { "test --three 1,2", "--three = '1,2' must be three numbers X,Y,Z" },
    { "test --flag=1", "option --flag takes no value" },
    { "test --u", "option --u needs a value" },
    { "test --bogus 1", "unknown option '--bogus'" },
    { "test --flagx", "unknown option '--flagx'" },
    { "test -u 3", "unknown option '-u'" },
    { "test --u 3 stray", "unexpected argument 'stray'" },
};

START_TEST(test_cmd_parse_refuses)
{
    const char *line = parse_errors[_i].line;
    ck_assert_msg(parse_line(line, 0) == 2, "'%s' was accepted", line);
    ck_assert_msg(strncmp(parse_err, "gengs: error: ", 14) == 0
                  && strstr(parse_err, parse_errors[_i].message) != NULL
                  && strstr(parse_err, "(see 'gengs test --help')\n") != NULL,
                  "'%s' said '%s', not '%s'", line, parse_err, parse_errors[_i].message);
}
END_TEST
#line 2170 "book/34-command.nw"
static const struct { const char *line, *needle; } usage_errors[] = {
    { "gengs pmf poisson:-1", "lambda" },
    { "gengs pmf poisson:0", "lambda" },
    { "gengs pmf poisson:nan", "lambda" },
    { "gengs pmf geometric:1.5", "1.5" },
    { "gengs pmf binomial:2.5,0.3", "binomial:2.5,0.3" },
    { "gengs pmf categorical:0.5,0.6", "categorical" },
    { "gengs pmf poisson:abc", "poisson:abc" },
    { "gengs pmf frob:1", "frob" },
    { "gengs pmf poisson:2 --n 1", "--n" },
    { "gengs pmf poisson:2 --n 3x", "--n" },
    { "gengs pmf poisson:2 --left -1 --n 5", "support" },
    { "gengs pmf binomial:5,0.5 --n 9", "support" },
    { "gengs pmf poisson:2 --eps 2", "--eps" },
    { "gengs pmf poisson:2 --bogus", "--bogus" },
    { "gengs pmf", "DIST" },
    { "gengs sample poisson:2 --n 5 --tau 0 --count 1 --seed 1", "--tau" },
    { "gengs sample poisson:2 --n 5 --tau -1 --count 1 --seed 1", "--tau" },
    { "gengs sample poisson:2 --n 5 --tau inf --count 1 --seed 1", "--tau" },
    { "gengs sample poisson:2 --n 5 --count 1 --seed 1", "--tau" },
    { "gengs sample poisson:2 --n 5 --tau 1 --seed 1", "--count" },
    { "gengs sample poisson:2 --n 5 --tau 1 --count 1", "--seed" },
    { "gengs sample poisson:2 --n 5 --tau 1 --count -3 --seed 1", "--count" },
    { "gengs sample poisson:2 --n 5 --count 1 --seed 1 --exact --grad", "--grad" },
    { "gengs sample poisson:2 --n 5 --tau 1 --count 1 --seed 1 --exact --hard", "--hard" },
    { "gengs sample categorical:0.5,0.5 --n 3 --tau 1 --count 1 --seed 1", "categories" },
    { "gengs sample poisson:2 --n", "--n" },
    { "gengs frobnicate", "frobnicate" },
    { "gengs sample poisson:2 --n 5 --tau 1e-400 --count 1 --seed 1", "--tau" },
    { "gengs sample poisson:2 --n 5 --tau 1e400 --count 1 --seed 1", "--tau" },
    { "gengs pmf poisson:2 --eps 1e-400", "--eps" },
    { "gengs pmf binomial:5,0.5 --left 9223372036854775800 --n 100",
      "{9223372036854775800, ..., 9223372036854775800 + 99} is not inside the support" },
    { "gengs pmf poisson:2 --left 9223372036854775807 --n 2", "--left 9223372036854775807" },
    /* found by the command-line fuzzer: m + n - 1 overflowed inside the library */
    { "gengs pmf poisson:2 --left 9223372036854775800 --n 12", "--left 9223372036854775800" },
    { "gengs sample poisson:2 --left 1000000000000000000 --n 5 --tau 1 --count 2 --seed 1",
      "--left" },
    { "gengs sample poisson:2 --n 4 --tau 0.5 --gumbel 0.5,-0.3,1.2", "--gumbel has 3 values" },
    { "gengs sample poisson:2 --n 4 --tau 0.5 --gumbel 0.5,x,1.2,0.1", "value 2 'x'" },
    { "gengs sample poisson:2 --n 4 --tau 0.5 --gumbel 0.5,,1.2,0.1", "value 2 ''" },
    { "gengs sample poisson:2 --n 4 --tau 0.5 --gumbel 0.5,-0.3,1.2,inf", "value 4 'inf'" },
    { "gengs sample poisson:2 --n 4 --tau 0.5 --gumbel 0.5,-0.3,1.2,0.1 --seed 1", "--seed" },
    { "gengs sample poisson:2 --n 4 --tau 0.5 --gumbel 0.5,-0.3,1.2,0.1 --count 2", "--count" },
    { "gengs sample multinomial:2,0.5,0.5 --tau 0.5 --gumbel 1,2,3", "needs 4" },
};

START_TEST(test_cli_usage_errors)
{
    const char *line = usage_errors[_i].line;
    int rc = run(line);
    ck_assert_msg(rc == GGS_EXIT_USAGE, "'%s' exited %d", line, rc);
    ck_assert_msg(strncmp(cli_err, "gengs: error: ", 14) == 0, "'%s' said '%s'", line, cli_err);
    ck_assert_msg(strstr(cli_err, usage_errors[_i].needle) != NULL,
                  "'%s' said '%s', which does not name '%s'", line, cli_err,
                  usage_errors[_i].needle);
    ck_assert_str_eq(cli_out, "");
}
END_TEST

#line 2236 "book/34-command.nw"
START_TEST(test_cli_subnormal_numbers)
{
    double v[1024], p[1024], z[8], sum = 0;
    ck_assert_int_eq(run("gengs sample poisson:2 --n 5 --tau 1e-320 --count 5 --seed 1"
                         " --grad"), 0);
    ck_assert_uint_eq(read_column(z, 8, 1), 5);
    for (size_t i = 0; i < 5; i++)
        ck_assert_double_eq(z[i], 0);
    ck_assert_int_eq(run("gengs sample poisson:2 --n 5 --tau 1e-320 --count 5 --seed 1"), 0);
    ck_assert_uint_eq(read_column(z, 8, 0), 5);
    for (size_t i = 0; i < 5; i++)
        ck_assert_double_eq(z[i], floor(z[i]));
    ck_assert_int_eq(run("gengs pmf poisson:2 --eps 1e-320"), 0);
    size_t n = read_pmf(v, p, 1024);
    ck_assert_uint_gt(n, 100);
    for (size_t k = 0; k < n; k++)
        sum += p[k];
    ck_assert_double_eq_tol(sum, 1.0, 1e-12);
}
END_TEST
#line 2263 "book/34-command.nw"
static const struct { const char *line, *needle1, *needle2; } runtime_errors[] = {
    { "gengs sample categorical:5e-324,1 --tau 1000 --count 2 --seed 1 --grad",
      "DIST 'categorical:5e-324,1'", "dz/dp[0][0]" },
    { "gengs sample multinomial:2,5e-324,1 --tau 1000 --count 3 --seed 1 --grad",
      "DIST 'multinomial:2,5e-324,1'", "dz/dp[0][0]" },
};

START_TEST(test_cli_runtime_errors)
{
    const char *line = runtime_errors[_i].line;
    int rc = run(line);
    ck_assert_msg(rc == GGS_EXIT_RUNTIME, "'%s' exited %d", line, rc);
    ck_assert_msg(strncmp(cli_err, "gengs: error: ", 14) == 0, "'%s' said '%s'", line, cli_err);
    ck_assert_msg(strstr(cli_err, runtime_errors[_i].needle1) != NULL
                  && strstr(cli_err, runtime_errors[_i].needle2) != NULL,
                  "'%s' said '%s'", line, cli_err);
    ck_assert_str_eq(cli_out, "");
}
END_TEST
#line 2291 "book/34-command.nw"
static const char *const edge_lines[] = {
    "gengs pmf negbin:1e-300,0.5 --n 5",
    "gengs pmf negbin:1e-300,0.00001 --n 5",
    "gengs sample negbin:1e-300,0.5 --n 5 --tau 1 --count 3 --seed 1 --grad",
    "gengs sample negbin:1e-300,0.00001 --n 5 --tau 1 --count 3 --seed 1 --grad",
    "gengs pmf poisson:1e-300 --n 5",
    "gengs sample poisson:1e-300 --n 5 --tau 1 --count 3 --seed 1 --grad",
    "gengs sample binomial:5,1e-300 --n 6 --tau 1 --count 3 --seed 1 --grad",
    "gengs sample geometric:1e-13 --n 5 --tau 1 --count 3 --seed 1 --grad",
    "gengs sample geometric:0.999999999 --n 5 --tau 1 --count 3 --seed 1 --grad",
    "gengs pmf poisson:1e15 --n 5 --left 999999999999998",
    "gengs sample poisson:3 --n 8 --tau 1e300 --count 3 --seed 1 --grad",
    "gengs sample poisson:3 --n 8 --tau 1e-310 --count 3 --seed 1 --grad --hard",
    "gengs sample categorical:5e-324,1 --tau 1000 --count 2 --seed 1 --grad",
    "gengs sample categorical:1e-300,1 --tau 0.001 --count 2 --seed 1 --grad",
    "gengs pmf categorical:5e-324,1",
    "gengs pmf multinomial:2,5e-324,1",
    "gengs sample multinomial:2,5e-324,1 --tau 1000 --count 1 --seed 1 --grad",
};

START_TEST(test_cli_never_prints_nonfinite)
{
    const char *line = edge_lines[_i];
    int rc = run(line);
    ck_assert_msg(rc == 0 || rc == GGS_EXIT_RUNTIME, "'%s' exited %d: %s", line, rc, cli_err);
    if (rc != 0)
        ck_assert_msg(strncmp(cli_err, "gengs: error: ", 14) == 0
                      && strstr(cli_err, "DIST '") != NULL,
                      "'%s' exited %d and said '%s'", line, rc, cli_err);
    for (char *l = strtok(cli_out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
        if (l[0] == '#') {
            ck_assert_msg(strstr(l, "inf") == NULL && strstr(l, "nan") == NULL,
                          "'%s' printed '%s'", line, l);
            continue;
        }
        for (char *p = l; *p != '\0';) {
            char *end;
            double v = strtod(p, &end);
            ck_assert_msg(end != p, "'%s' printed '%s', not numbers", line, l);
            ck_assert_msg(isfinite(v), "'%s' exited %d and printed '%s'", line, rc, l);
            p = end;
            while (*p == ',' || *p == '\t')
                p++;
        }
    }
}
END_TEST

START_TEST(test_cli_help)
{
    ck_assert_int_eq(run("gengs --help"), 0);
    ck_assert_ptr_nonnull(strstr(cli_out, "usage: gengs"));
    ck_assert_int_eq(run("gengs pmf --help"), 0);
    ck_assert_ptr_nonnull(strstr(cli_out, "gengs pmf DIST"));
    ck_assert_int_eq(run("gengs sample poisson:-1 --help"), 0);
    ck_assert_ptr_nonnull(strstr(cli_out, "--grad"));
    ck_assert_int_eq(run("gengs"), GGS_EXIT_USAGE);
    ck_assert_int_eq(run("gengs --version"), 0);
}
END_TEST
#line 2353 "book/34-command.nw"
Suite *make_cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *core = tcase_create("Core");
    TCase *errors = tcase_create("Errors");
    TCase *parser = tcase_create("Parser");
    tcase_add_test(core, test_cli_pmf_matches_library);
    tcase_add_test(core, test_cli_pmf_auto_and_left);
    tcase_add_test(core, test_cli_pmf_vector_families);
    tcase_add_test(core, test_cli_sample_reproducible);
    tcase_add_test(core, test_cli_gumbel_is_seeded_noise);
    tcase_add_test(core, test_cli_hard_equals_exact);
    tcase_add_test(core, test_cli_grad_is_pathwise_derivative);
    tcase_add_test(core, test_cli_vector_grad_values);
    tcase_add_test(core, test_cli_vector_samples);
    tcase_add_test(core, test_cli_help);
    tcase_add_test(core, test_cli_subnormal_numbers);
    tcase_add_test(parser, test_cmd_parse_accepts);
    tcase_add_test(parser, test_cmd_choice_word);
    tcase_add_test(parser, test_cmd_wants_help);
    tcase_add_loop_test(parser, test_cmd_parse_refuses, 0,
                        (int)(sizeof parse_errors / sizeof parse_errors[0]));
    tcase_add_loop_test(errors, test_cli_usage_errors, 0,
                        (int)(sizeof usage_errors / sizeof usage_errors[0]));
    tcase_add_loop_test(errors, test_cli_runtime_errors, 0,
                        (int)(sizeof runtime_errors / sizeof runtime_errors[0]));
    tcase_add_loop_test(errors, test_cli_never_prints_nonfinite, 0,
                        (int)(sizeof edge_lines / sizeof edge_lines[0]));
    suite_add_tcase(s, core);
    suite_add_tcase(s, errors);
    suite_add_tcase(s, parser);
    return s;
}
