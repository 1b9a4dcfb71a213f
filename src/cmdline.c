#line 260 "book/34-command.nw"
/* Generated from book/34-command.nw; do not edit. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "gengs-core.h"
#include "cmdline.h"

#line 273 "book/34-command.nw"
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
#line 302 "book/34-command.nw"
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
#line 344 "book/34-command.nw"
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
#line 557 "book/34-command.nw"
static int cmd_names(const char *a, const char *name)
{
    size_t len = strlen(name);
    return strncmp(a, name, len) == 0 && (a[len] == '\0' || a[len] == '=');
}

static const ggs_cmd_option *cmd_find(const ggs_cmd_option *table, const char *a)
{
    for (const ggs_cmd_option *r = table; r->name != NULL; r++)
        if (cmd_names(a, r->name))
            return r;
    return NULL;
}

/* the value of the option at argv[*i], or NULL; *i advances past a separate value */
static const char *cmd_value(int *i, int argc, char **argv)
{
    const char *eq = strchr(argv[*i], '=');
    if (eq != NULL)
        return eq + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

static int cmd_is_operand(const char *a)
{
    return a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9');
}
#line 590 "book/34-command.nw"
static void cmd_expect_ulong(char *why, size_t size, const ggs_cmd_option *r)
{
    if (r->max == 0 && r->min == 0)
        snprintf(why, size, "must be a nonnegative integer");
    else if (r->max == 0 && r->min == 1)
        snprintf(why, size, "must be a positive integer");
    else if (r->max == 0)
        snprintf(why, size, "must be an integer >= %lu", r->min);
    else
        snprintf(why, size, "must be an integer in [%lu, %lu]", r->min, r->max);
}

static void cmd_expect_real(char *why, size_t size, const ggs_cmd_option *r)
{
    int lo = r->bounds & (GGS_CMD_LO_OPEN | GGS_CMD_LO_CLOSED);
    int hi = r->bounds & (GGS_CMD_HI_OPEN | GGS_CMD_HI_CLOSED);
    if (lo && hi)
        snprintf(why, size, "must be a number in %c%g, %g%c",
                 r->bounds & GGS_CMD_LO_OPEN ? '(' : '[', r->lo, r->hi,
                 r->bounds & GGS_CMD_HI_OPEN ? ')' : ']');
    else if (lo)
        snprintf(why, size, "must be a number %s %g",
                 r->bounds & GGS_CMD_LO_OPEN ? ">" : ">=", r->lo);
    else if (hi)
        snprintf(why, size, "must be a number %s %g",
                 r->bounds & GGS_CMD_HI_OPEN ? "<" : "<=", r->hi);
    else
        snprintf(why, size, "must be a finite number");
}

static void cmd_expect_choice(char *why, size_t size, const ggs_cmd_choice *c)
{
    size_t len = (size_t)snprintf(why, size, "must be");
    for (size_t k = 0; c[k].word != NULL && len < size; k++)
        len += (size_t)snprintf(why + len, size - len, "%s %s",
                                k == 0 ? "" : c[k + 1].word == NULL ? " or" : ",", c[k].word);
}
#line 630 "book/34-command.nw"
static int cmd_read_value(const ggs_cmd_option *r, const char *v, char *why, size_t size)
{
    unsigned long u;
    long l;
    double d;
    switch (r->kind) {
    case GGS_CMD_ULONG:
    case GGS_CMD_SIZE:
        if (!ggs_cmd_ulong(&u, v) || u < r->min || (r->max != 0 && u > r->max)
            || (r->kind == GGS_CMD_SIZE && u > (size_t)-1))
            return cmd_expect_ulong(why, size, r), 0;
        if (r->kind == GGS_CMD_SIZE)
            *(size_t *)r->dest = (size_t)u;
        else
            *(unsigned long *)r->dest = u;
        return 1;
    case GGS_CMD_LONG:
        if (!ggs_cmd_long(&l, v))
            return snprintf(why, size, "must be an integer"), 0;
        *(long *)r->dest = l;
        return 1;
    case GGS_CMD_REAL:
        if (!ggs_cmd_double(&d, v)
            || ((r->bounds & GGS_CMD_LO_OPEN) && !(d > r->lo))
            || ((r->bounds & GGS_CMD_LO_CLOSED) && !(d >= r->lo))
            || ((r->bounds & GGS_CMD_HI_OPEN) && !(d < r->hi))
            || ((r->bounds & GGS_CMD_HI_CLOSED) && !(d <= r->hi)))
            return cmd_expect_real(why, size, r), 0;
        *(double *)r->dest = d;
        return 1;
    case GGS_CMD_CHOICE:
        for (const ggs_cmd_choice *c = r->choices; c->word != NULL; c++)
            if (strcmp(v, c->word) == 0)
                return *(int *)r->dest = c->value, 1;
        for (const ggs_cmd_refusal *c = r->refused; c != NULL && c->word != NULL; c++)
            if (strcmp(v, c->word) == 0)
                return snprintf(why, size, "%s", c->why), 0;
        return cmd_expect_choice(why, size, r->choices), 0;
    case GGS_CMD_STRING:
        if (r->maxlen > 0 && (v[0] == '\0' || strlen(v) > r->maxlen))
            return snprintf(why, size, "is empty or too long (at most %zu characters)",
                            r->maxlen), 0;
        *(const char **)r->dest = v;
        return 1;
    case GGS_CMD_CUSTOM:
        why[0] = '\0';
        return r->read(r->dest, v, why, size);
    case GGS_CMD_FLAG:
        break;
    }
    return snprintf(why, size, "takes no value"), 0;
}
#line 685 "book/34-command.nw"
int ggs_cmd_parse(const ggs_cmd_option *table, const char *cmd, int argc, char **argv,
                  const char **operands, size_t max_operands, FILE *err)
{
    size_t nops = 0;
    char why[512];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        const ggs_cmd_option *r;
        if (cmd_is_operand(a)) {
            if (nops == max_operands)
                return ggs_cmd_usage(err, cmd, "unexpected argument '%s'", a);
            operands[nops++] = a;
            continue;
        }
        if ((r = cmd_find(table, a)) == NULL)
            return ggs_cmd_usage(err, cmd, "unknown option '%s'", a);
        if (r->kind == GGS_CMD_FLAG) {
            if (a[strlen(r->name)] == '=')
                return ggs_cmd_usage(err, cmd, "option %s takes no value", r->name);
            *(int *)r->dest = 1;
        } else {
            if ((v = cmd_value(&i, argc, argv)) == NULL)
                return ggs_cmd_usage(err, cmd, "option %s needs a value", r->name);
            if (!cmd_read_value(r, v, why, sizeof why))
                return ggs_cmd_usage(err, cmd, "%s = '%s' %s", r->name, v, why);
        }
        if (r->given != NULL)
            *r->given = 1;
    }
    return 0;
}

const char *ggs_cmd_choice_word(const ggs_cmd_choice *choices, int value)
{
    for (const ggs_cmd_choice *c = choices; c->word != NULL; c++)
        if (c->value == value)
            return c->word;
    return NULL;
}

int ggs_cmd_wants_help(int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}
