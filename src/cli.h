#line 84 "book/34-command.nw"
/**
 * @file cli.h
 * @brief The gengs command as a function (generated from book/34-command.nw).
 */
#ifndef GENGS_CLI_H
#define GENGS_CLI_H
#include <stdio.h>

/** Exit status of a usage error (bad option, bad parameter). */
#define GGS_EXIT_USAGE 2
/** Exit status of a runtime error (memory, output, a non-finite result). */
#define GGS_EXIT_RUNTIME 1

/**
 * @brief Run the gengs command.
 * @param argc number of arguments, argv[0] included
 * @param argv the arguments
 * @param out where results go (stdout)
 * @param err where messages go (stderr)
 * @return 0 on success, GGS_EXIT_USAGE or GGS_EXIT_RUNTIME
 */
int ggs_cli_main(int argc, char **argv, FILE *out, FILE *err);
#endif
