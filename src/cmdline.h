#line 222 "book/34-command.nw"
/* Generated from book/34-command.nw; do not edit. */
#ifndef GENGS_CMDLINE_H
#define GENGS_CMDLINE_H
#include <stdio.h>

/** The last library message without the chain of function names that passed it on. */
const char *ggs_cmd_libmsg(void);
/** Parse a whole string as a finite double (subnormals accepted); 1 on success, else 0
    and *x unchanged. */
int ggs_cmd_double(double *x, const char *s);
/** Parse a whole string of decimal digits as an unsigned long; 1 or 0 as above. */
int ggs_cmd_ulong(unsigned long *x, const char *s);
/** Parse a whole string as a decimal long with an optional sign; 1 or 0 as above. */
int ggs_cmd_long(long *x, const char *s);
/** Whether argument @p a names the option @p name, alone or as name=value. */
int ggs_cmd_is(const char *a, const char *name);
/** The value of the option at argv[*i]: after its '=', or the next argument (then *i
    advances); NULL if there is none. */
const char *ggs_cmd_value(int *i, int argc, char **argv);
/** Print "gengs: error: MESSAGE (see 'gengs CMD --help')" to @p err; return 2, the
    status of a usage error. */
int ggs_cmd_usage(FILE *err, const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/** Print "gengs: error: MESSAGE" to @p err; return 1, the status of a runtime error. */
int ggs_cmd_fail(FILE *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
#endif
