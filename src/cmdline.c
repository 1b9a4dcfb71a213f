#line 264 "book/34-command.nw"
/* Generated from book/34-command.nw; do not edit. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-core.h"
#include "cmdline.h"

#line 277 "book/34-command.nw"
const char *ggs_cmd_libmsg(void)
{
    const char *m = ggs_last_error();
    while (strncmp(m, "ggs_", 4) == 0) {
        const char *colon = strstr(m, ": ");
        if (colon == NULL)
            break;
        m = colon + 2;
    }
    return m;
}
#line 306 "book/34-command.nw"
int ggs_cmd_double(double *x, const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (s[0] == '\0' || *end != '\0' || isspace((unsigned char)s[0]) || !isfinite(v))
        return 0;
    if (errno == ERANGE && (v == 0 || isinf(v)))   /* underflow to 0, or overflow */
        return 0;
    *x = v;
    return 1;
}

int ggs_cmd_ulong(unsigned long *x, const char *s)
{
    char *end;
    if (s[0] < '0' || s[0] > '9')
        return 0;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return 0;
    *x = v;
    return 1;
}

int ggs_cmd_long(long *x, const char *s)
{
    char *end;
    const char *digits = (s[0] == '-' || s[0] == '+') ? s + 1 : s;
    if (digits[0] < '0' || digits[0] > '9')
        return 0;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return 0;
    *x = v;
    return 1;
}
#line 350 "book/34-command.nw"
int ggs_cmd_is(const char *a, const char *name)
{
    size_t len = strlen(name);
    return strncmp(a, name, len) == 0 && (a[len] == '\0' || a[len] == '=');
}

const char *ggs_cmd_value(int *i, int argc, char **argv)
{
    const char *eq = strchr(argv[*i], '=');
    if (eq != NULL)
        return eq + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

int ggs_cmd_usage(FILE *err, const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("gengs: error: ", err);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fprintf(err, " (see 'gengs %s --help')\n", cmd);
    return 2;
}

int ggs_cmd_fail(FILE *err, const char *fmt, ...)
{
    va_list ap;
    fputs("gengs: error: ", err);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputc('\n', err);
    return 1;
}
