#line 544 "book/91-fuzz.nw"
/* Generated from book/91-fuzz.nw; do not edit. */
#include "fuzz.h"

enum { FUZZ_MAX_ARGS = 24, FUZZ_MAX_OUTCOMES = 10000 };

/* Does the command take a as its DIST (as opposed to an option)? */
static int is_dist_word(const char *a)
{
    return a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9');
}

/* Is a an option whose value is the next argument? */
static int takes_value(const char *a)
{
    static const char *const with_value[] = { "--n", "--left", "--eps", "--tau", "--count",
                                              "--seed" };
    for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
        if (strcmp(a, with_value[k]) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    static char *fixed[] = { "gengs", "--n", "12", "--count", "2", "--draws", "2",
                             "--optimize", "20" };
    char buf[4097], *argv[FUZZ_MAX_ARGS + 8];
    int argc = 0, have_dist = 0, rc;
    ggs_dist d;
    if (size >= sizeof buf)
        return 0;
    if (sink == NULL)
        FUZZ_REQUIRE((sink = fopen("/dev/null", "w")) != NULL, "cannot open /dev/null");
    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[argc++] = fixed[0];
    
#line 594 "book/91-fuzz.nw"
/* split the input into arguments at newlines */
for (char *w = buf;;) {
    char *nl = strchr(w, '\n');
    if (argc > FUZZ_MAX_ARGS)
        return 0;
    argv[argc++] = w;
    if (nl == NULL)
        break;
    *nl = '\0';
    w = nl + 1;
}
#line 582 "book/91-fuzz.nw"
    if (argc >= 2 && (strcmp(argv[1], "vae") == 0 || strcmp(argv[1], "nvpdef") == 0
                      || strcmp(argv[1], "corpus") == 0))
        return 0;
    
#line 607 "book/91-fuzz.nw"
/* find the argument that the command takes as DIST */
for (int i = 2; i < argc; i++) {
    if (is_dist_word(argv[i])) {
        have_dist = ggs_dist_parse(&d, argv[i]) == GGS_OK;
        break;
    }
    if (takes_value(argv[i]))
        i++;
}
#line 586 "book/91-fuzz.nw"
    
#line 619 "book/91-fuzz.nw"
/* append the arguments that bound the command's work */
if (argc >= 2 && (strcmp(argv[1], "pmf") == 0 || strcmp(argv[1], "sample") == 0)) {
    int sampling = strcmp(argv[1], "sample") == 0;
    if (have_dist && d.family == GGS_MULTINOMIAL) {
        double outcomes = 1;
        for (size_t j = 1; j < d.nparam; j++)
            outcomes = outcomes * (double)(d.trials + j) / (double)j;
        if (outcomes > FUZZ_MAX_OUTCOMES || d.trials > FUZZ_MAX_OUTCOMES)
            return 0;
    } else if (have_dist && d.family != GGS_CATEGORICAL) {
        argv[argc++] = fixed[1];
        argv[argc++] = fixed[2];
    }
    if (sampling) {
        argv[argc++] = fixed[3];
        argv[argc++] = fixed[4];
    }
}
if (argc >= 2 && strcmp(argv[1], "synth") == 0) {
    int optimizing = 0;
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "--out", 5) == 0 && (argv[i][5] == '\0' || argv[i][5] == '='))
            return 0;                   /* would write a file the fuzzer names */
        optimizing |= strncmp(argv[i], "--optimize", 10) == 0
                      && (argv[i][10] == '\0' || argv[i][10] == '=');
    }
    argv[argc++] = fixed[1];
    argv[argc++] = fixed[2];
    argv[argc++] = fixed[5];
    argv[argc++] = fixed[6];
    if (optimizing) {
        argv[argc++] = fixed[7];
        argv[argc++] = fixed[8];
    }
}
#line 587 "book/91-fuzz.nw"
    argv[argc] = NULL;
    rc = ggs_cli_main(argc, argv, sink, sink);
    FUZZ_REQUIRE(rc == 0 || rc == GGS_EXIT_RUNTIME || rc == GGS_EXIT_USAGE, "status %d", rc);
    return 0;
}
