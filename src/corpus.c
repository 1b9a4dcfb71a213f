#line 288 "book/33-corpus.nw"
/* Generated from book/33-corpus.nw; do not edit. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include "gengs-corpus.h"
#include "gengs-internal.h"

#line 308 "book/33-corpus.nw"
/* Bytes of a token that an error message quotes. */
#define BOW_QUOTE_MAX 40
/* Smallest capacity of a growing array, in elements. */
#define BOW_MIN_CAP 16
#line 338 "book/33-corpus.nw"
void *ggs_grow(void *p, size_t *cap, size_t need, size_t elsize)
{
    size_t c = *cap < BOW_MIN_CAP ? BOW_MIN_CAP : *cap;
    void *q;
    if (need <= *cap)
        return p;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return NULL;
        c *= 2;
    }
    if (c > SIZE_MAX / elsize || (q = realloc(p, c * elsize)) == NULL)
        return NULL;
    *cap = c;
    return q;
}

/* the bytes that separate tokens: blank, tab, carriage return, vertical tab, form feed */
static int bow_space(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* tok[0..len) for a message: at most BOW_QUOTE_MAX bytes, others as \xHH, "..." if cut */
static const char *bow_quote(char *buf, size_t size, const char *tok, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && i < BOW_QUOTE_MAX && o + 5 < size; i++) {
        unsigned char ch = (unsigned char)tok[i];
        if (ch >= 0x20 && ch < 0x7f)
            buf[o++] = (char)ch;
        else
            o += (size_t)snprintf(buf + o, size - o, "\\x%02x", ch);
    }
    if (len > BOW_QUOTE_MAX && o + 4 <= size) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
    return buf;
}
#line 392 "book/33-corpus.nw"
/* read the decimal field s[0..len) into *v; NULL, or what is wrong with it */
static const char *bow_number(uint32_t *v, const char *s, size_t len)
{
    size_t k = s[0] == '-' ? 1 : 0, digits;
    uint64_t x = 0;
    if (len == 0)
        return "is empty";
    for (digits = k; digits < len && s[digits] >= '0' && s[digits] <= '9'; digits++)
        continue;
    if (k == 1 && digits == len && len > 1)
        return "is negative";
    if (k == 1 || digits == 0)
        return "is not a decimal number";
    if (digits < len)
        return "has junk after its digits";
    for (size_t j = 0; j < len; j++) {
        x = 10 * x + (uint64_t)(s[j] - '0');
        if (x > UINT32_MAX)
            return "does not fit in 32 bits (it exceeds 4294967295)";
    }
    *v = (uint32_t)x;
    return NULL;
}
#line 422 "book/33-corpus.nw"
/* one (id, count) pair of a line */
struct bow_pair {
    uint32_t id, count;
};

/* a corpus being read */
struct bow_build {
    ggs_bow c;                 /* the documents read so far */
    size_t cap_row, cap_doc;   /* capacities of c.row and c.length */
    size_t cap_nnz;            /* capacity of c.word and c.count */
    struct bow_pair *pair;     /* (npair) the current line's pairs */
    size_t npair, cap_pair;
    const char *path;          /* for messages */
    size_t line;               /* the current line, from 1 */
};

/* record a malformed token: token number k of the current line, s[0..len) */
static int bow_bad(const struct bow_build *b, size_t k, const char *s, size_t len,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static int bow_bad(const struct bow_build *b, size_t k, const char *s, size_t len,
                   const char *fmt, ...)
{
    char what[200], q[4 * BOW_QUOTE_MAX + 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return ggs_error(GGS_EINVAL, "ggs_bow_read", "'%s' line %zu, token %zu ('%s'): %s",
                     b->path, b->line, k, bow_quote(q, sizeof q, s, len), what);
}

/* order pairs by id */
static int bow_pair_cmp(const void *x, const void *y)
{
    const struct bow_pair *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}
#line 468 "book/33-corpus.nw"
/* parse the line s[0..len) into b->pair: sorted by id, duplicates summed */
static int bow_parse_line(struct bow_build *b, const char *s, size_t len, int zero_based)
{
    size_t i = 0, k = 0;
    b->npair = 0;
    for (;;) {
        size_t start;
        while (i < len && bow_space((unsigned char)s[i]))
            i++;
        if (i == len)
            break;
        start = i;
        while (i < len && !bow_space((unsigned char)s[i]))
            i++;
        k++;
        
#line 492 "book/33-corpus.nw"
/* check the token s[start..i) and add its pair */
{
    const char *t = s + start, *colon = memchr(t, ':', i - start), *why;
    size_t tl = i - start;
    uint32_t id, count;
    void *p;
    if (colon == NULL) {
        if (k == 1)
            continue;                   /* a label or a term count */
        return bow_bad(b, k, t, tl, "not an id:count pair (no colon)");
    }
    if ((why = bow_number(&id, t, (size_t)(colon - t))) != NULL)
        return bow_bad(b, k, t, tl, "the id %s", why);
    if ((why = bow_number(&count, colon + 1, tl - (size_t)(colon - t) - 1)) != NULL)
        return bow_bad(b, k, t, tl, "the count %s", why);
    if (!zero_based && id == 0)
        return bow_bad(b, k, t, tl, "id 0 in a file of 1-based ids");
    if (!zero_based)
        id--;
    if (id >= b->c.vocab)
        return bow_bad(b, k, t, tl, "the id is outside the vocabulary of %zu words "
                       "(ids %d..%zu)", b->c.vocab, zero_based ? 0 : 1,
                       b->c.vocab - (zero_based ? 1 : 0));
    if (count == 0)
        return bow_bad(b, k, t, tl, "a count of 0 (counts must be >= 1)");
    if ((p = ggs_grow(b->pair, &b->cap_pair, b->npair + 1, sizeof *b->pair)) == NULL)
        return ggs_error(GGS_ENOMEM, "ggs_bow_read", "'%s' line %zu: out of memory",
                         b->path, b->line);
    b->pair = p;
    b->pair[b->npair].id = id;
    b->pair[b->npair].count = count;
    b->npair++;
}
#line 484 "book/33-corpus.nw"
    }
    
#line 528 "book/33-corpus.nw"
/* sort the line's pairs and sum the counts of equal ids */
if (b->npair > 1) {
    size_t m = 0;
    qsort(b->pair, b->npair, sizeof *b->pair, bow_pair_cmp);
    for (size_t j = 0; j < b->npair; j++) {
        if (m > 0 && b->pair[m - 1].id == b->pair[j].id) {
            if (b->pair[m - 1].count > UINT32_MAX - b->pair[j].count)
                return ggs_error(GGS_EINVAL, "ggs_bow_read", "'%s' line %zu: the counts of "
                                 "id %lu sum to more than 4294967295", b->path, b->line,
                                 (unsigned long)b->pair[j].id + (zero_based ? 0 : 1));
            b->pair[m - 1].count += b->pair[j].count;
        } else {
            b->pair[m++] = b->pair[j];
        }
    }
    b->npair = m;
}
#line 486 "book/33-corpus.nw"
    return GGS_OK;
}
#line 552 "book/33-corpus.nw"
/* append the current line's pairs to the corpus as a new document */
static int bow_append(struct bow_build *b)
{
    ggs_bow *c = &b->c;
    size_t nnz = c->nnz + b->npair, cw = b->cap_nnz, cc = b->cap_nnz, cr = b->cap_row;
    size_t cd = b->cap_doc;
    uint64_t len = 0;
    void *p;
    if (nnz > b->cap_nnz) {
        if ((p = ggs_grow(c->word, &cw, nnz, sizeof *c->word)) == NULL)
            goto nomem;
        c->word = p;
        if ((p = ggs_grow(c->count, &cc, nnz, sizeof *c->count)) == NULL)
            goto nomem;
        c->count = p;
        b->cap_nnz = cw < cc ? cw : cc;
    }
    if ((p = ggs_grow(c->row, &cr, c->ndocs + 2, sizeof *c->row)) == NULL)
        goto nomem;
    c->row = p;
    b->cap_row = cr;
    if ((p = ggs_grow(c->length, &cd, c->ndocs + 1, sizeof *c->length)) == NULL)
        goto nomem;
    c->length = p;
    b->cap_doc = cd;
    for (size_t j = 0; j < b->npair; j++) {
        c->word[c->nnz + j] = b->pair[j].id;
        c->count[c->nnz + j] = b->pair[j].count;
        len += b->pair[j].count;
    }
    c->nnz = nnz;
    c->length[c->ndocs] = len;
    c->row[++c->ndocs] = nnz;
    return GGS_OK;
nomem:
    return ggs_error(GGS_ENOMEM, "ggs_bow_read", "'%s' line %zu: out of memory for %zu pairs",
                     b->path, b->line, nnz);
}
#line 602 "book/33-corpus.nw"
int ggs_bow_read(ggs_bow *c, const char *path, size_t vocab, int zero_based)
{
    static const char func[] = "ggs_bow_read";
    struct bow_build b;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    int status = GGS_OK, saved;
    FILE *f;
    if (c == NULL || path == NULL)
        return ggs_error(GGS_EINVAL, func, "an argument is NULL");
    if (vocab == 0 || vocab > UINT32_MAX)
        return ggs_error(GGS_EINVAL, func, "'%s': the vocabulary size %zu must be in "
                         "[1, 4294967295]", path, vocab);
    memset(&b, 0, sizeof b);
    b.c.vocab = vocab;
    b.path = path;
    errno = 0;
    if ((f = fopen(path, "r")) == NULL)
        return ggs_error(GGS_EIO, func, "cannot open '%s': %s", path,
                         errno ? strerror(errno) : "unknown error");
    if ((b.c.row = malloc(BOW_MIN_CAP * sizeof *b.c.row)) == NULL)
        status = ggs_error(GGS_ENOMEM, func, "'%s': out of memory", path);
    else {
        b.cap_row = BOW_MIN_CAP;
        b.c.row[0] = 0;
    }
    while (status == GGS_OK) {
        errno = 0;
        if ((n = getline(&line, &cap, f)) < 0)
            break;
        b.line++;
        if (n > 0 && line[n - 1] == '\n')
            n--;
        status = bow_parse_line(&b, line, (size_t)n, zero_based);
        if (status == GGS_OK)
            status = bow_append(&b);
    }
    saved = errno;
    
#line 665 "book/33-corpus.nw"
/* report a read error, a lack of memory or an empty file */
if (status == GGS_OK && ferror(f))
    status = ggs_error(GGS_EIO, func, "cannot read '%s' after line %zu: %s", path, b.line,
                       saved ? strerror(saved) : "read error");
else if (status == GGS_OK && saved == ENOMEM)
    status = ggs_error(GGS_ENOMEM, func, "'%s' line %zu: out of memory for the line", path,
                       b.line + 1);
else if (status == GGS_OK && b.c.ndocs == 0)
    status = ggs_error(GGS_EINVAL, func, "'%s' holds no document (the file is empty)", path);
#line 642 "book/33-corpus.nw"
    free(line);
    fclose(f);
    free(b.pair);
    if (status != GGS_OK) {
        ggs_bow_free(&b.c);
        return status;
    }
    *c = b.c;
    return GGS_OK;
}

void ggs_bow_free(ggs_bow *c)
{
    if (c == NULL)
        return;
    free(c->row);
    free(c->word);
    free(c->count);
    free(c->length);
    memset(c, 0, sizeof *c);
}
#line 683 "book/33-corpus.nw"
/* a word and its line, for finding duplicates */
struct vocab_entry {
    const char *w;
    size_t i;
};

/* order by word, then by position */
static int vocab_entry_cmp(const void *x, const void *y)
{
    const struct vocab_entry *a = x, *b = y;
    int s = strcmp(a->w, b->w);
    return s != 0 ? s : (a->i > b->i) - (a->i < b->i);
}
#line 795 "book/33-corpus.nw"
/* GGS_OK if the n words are distinct, else an error naming the first repetition */
static int vocab_check_duplicates(char **word, size_t n, const char *path)
{
    struct vocab_entry *e = malloc(n * sizeof *e);
    size_t first = 0, second = SIZE_MAX;
    if (e == NULL)
        return ggs_error(GGS_ENOMEM, "ggs_vocab_read", "'%s': out of memory", path);
    for (size_t i = 0; i < n; i++) {
        e[i].w = word[i];
        e[i].i = i;
    }
    qsort(e, n, sizeof *e, vocab_entry_cmp);
    for (size_t i = 1; i < n; i++)
        if (strcmp(e[i - 1].w, e[i].w) == 0 && e[i].i < second) {
            first = e[i - 1].i;
            second = e[i].i;
        }
    free(e);
    if (second == SIZE_MAX)
        return GGS_OK;
    return ggs_error(GGS_EINVAL, "ggs_vocab_read", "'%s' line %zu repeats the word '%.60s' "
                     "of line %zu", path, second + 1, word[second], first + 1);
}
#line 698 "book/33-corpus.nw"
int ggs_vocab_read(ggs_vocab *v, const char *path)
{
    static const char func[] = "ggs_vocab_read";
    char *line = NULL, *text = NULL, **word = NULL;
    size_t cap = 0, len = 0, cap_text = 0, *off = NULL, cap_off = 0, n = 0;
    ssize_t got;
    int status = GGS_OK, saved;
    FILE *f;
    if (v == NULL || path == NULL)
        return ggs_error(GGS_EINVAL, func, "an argument is NULL");
    errno = 0;
    if ((f = fopen(path, "r")) == NULL)
        return ggs_error(GGS_EIO, func, "cannot open '%s': %s", path,
                         errno ? strerror(errno) : "unknown error");
    for (;;) {
        errno = 0;
        if ((got = getline(&line, &cap, f)) < 0)
            break;
        
#line 757 "book/33-corpus.nw"
/* append the first column of line n + 1 to text */
{
    size_t a = 0, e, lineno = n + 1;
    void *p;
    while (a < (size_t)got && (bow_space((unsigned char)line[a]) || line[a] == '\n'))
        a++;
    for (e = a; e < (size_t)got && !bow_space((unsigned char)line[e]) && line[e] != '\n'; e++)
        continue;
    if (e == a) {
        status = ggs_error(GGS_EINVAL, func, "'%s' line %zu is empty (a vocabulary has one "
                           "word per line)", path, lineno);
        break;
    }
    if (memchr(line + a, '\0', e - a) != NULL) {
        status = ggs_error(GGS_EINVAL, func, "'%s' line %zu: the word contains a NUL byte",
                           path, lineno);
        break;
    }
    if (n == UINT32_MAX) {
        status = ggs_error(GGS_EINVAL, func, "'%s': more than 4294967295 words", path);
        break;
    }
    if ((p = ggs_grow(off, &cap_off, n + 1, sizeof *off)) == NULL
        || ((off = p), (p = ggs_grow(text, &cap_text, len + (e - a) + 1, 1)) == NULL)) {
        status = ggs_error(GGS_ENOMEM, func, "'%s' line %zu: out of memory", path, lineno);
        break;
    }
    text = p;
    off[n++] = len;
    memcpy(text + len, line + a, e - a);
    len += e - a;
    text[len++] = '\0';
}
#line 717 "book/33-corpus.nw"
    }
    saved = errno;
    if (status == GGS_OK && ferror(f))
        status = ggs_error(GGS_EIO, func, "cannot read '%s' after line %zu: %s", path, n,
                           saved ? strerror(saved) : "read error");
    else if (status == GGS_OK && saved == ENOMEM)
        status = ggs_error(GGS_ENOMEM, func, "'%s' line %zu: out of memory", path, n + 1);
    else if (status == GGS_OK && n == 0)
        status = ggs_error(GGS_EINVAL, func, "'%s' holds no word (the file is empty)", path);
    free(line);
    fclose(f);
    if (status == GGS_OK && (word = malloc(n * sizeof *word)) == NULL)
        status = ggs_error(GGS_ENOMEM, func, "'%s': out of memory for %zu words", path, n);
    if (status == GGS_OK) {
        for (size_t i = 0; i < n; i++)
            word[i] = text + off[i];
        status = vocab_check_duplicates(word, n, path);
    }
    free(off);
    if (status != GGS_OK) {
        free(word);
        free(text);
        return status;
    }
    v->size = n;
    v->word = word;
    v->text = text;
    return GGS_OK;
}

void ggs_vocab_free(ggs_vocab *v)
{
    if (v == NULL)
        return;
    free(v->word);
    free(v->text);
    memset(v, 0, sizeof *v);
}
#line 835 "book/33-corpus.nw"
char *ggs_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p != NULL) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

/* the vocabulary of dir: vocab.new, or the one *.vocab (a new block in *out) */
static int bow_find_vocab(char **out, const char *dir)
{
    static const char func[] = "ggs_bow_open_dir";
    char *p = ggs_path_join(dir, "vocab.new"), *found = NULL;
    struct dirent *e;
    size_t count = 0;
    DIR *d;
    if (p == NULL)
        return ggs_error(GGS_ENOMEM, func, "out of memory");
    if (access(p, F_OK) == 0) {
        *out = p;
        return GGS_OK;
    }
    free(p);
    errno = 0;
    if ((d = opendir(dir)) == NULL)
        return ggs_error(GGS_EIO, func, "cannot open the directory '%s': %s", dir,
                         errno ? strerror(errno) : "unknown error");
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len <= 6 || strcmp(e->d_name + len - 6, ".vocab") != 0)
            continue;
        if (++count == 1)
            found = ggs_path_join(dir, e->d_name);
        else {
            int status = ggs_error(GGS_EINVAL, func, "'%s' holds several vocabularies ('%s' "
                                   "and '%s'): name one", dir, found ? found : "?", e->d_name);
            free(found);
            closedir(d);
            return status;
        }
    }
    closedir(d);
    if (count == 0)
        return ggs_error(GGS_EINVAL, func, "no vocabulary in '%s': neither '%s/vocab.new' "
                         "nor a file '*.vocab'", dir, dir);
    if (found == NULL)
        return ggs_error(GGS_ENOMEM, func, "out of memory");
    *out = found;
    return GGS_OK;
}
#line 895 "book/33-corpus.nw"
int ggs_bow_open_dir(ggs_bow *train, ggs_bow *test, ggs_vocab *v, const char *dir,
                     const char *vocab_path, int zero_based)
{
    static const char func[] = "ggs_bow_open_dir";
    ggs_vocab voc = {0};
    ggs_bow tr = {0}, te = {0};
    char *vp = NULL, *trp = NULL, *tep = NULL;
    int status;
    if (train == NULL || test == NULL || v == NULL || dir == NULL)
        return ggs_error(GGS_EINVAL, func, "an argument is NULL");
    if (vocab_path != NULL)
        status = (vp = malloc(strlen(vocab_path) + 1)) == NULL
               ? ggs_error(GGS_ENOMEM, func, "out of memory")
               : (strcpy(vp, vocab_path), GGS_OK);
    else
        status = bow_find_vocab(&vp, dir);
    if (status == GGS_OK)
        status = ggs_vocab_read(&voc, vp);
    if (status == GGS_OK && ((trp = ggs_path_join(dir, "train.feat")) == NULL
                             || (tep = ggs_path_join(dir, "test.feat")) == NULL))
        status = ggs_error(GGS_ENOMEM, func, "out of memory");
    if (status == GGS_OK && (status = ggs_bow_read(&tr, trp, voc.size, zero_based)) == GGS_OK)
        status = ggs_bow_read(&te, tep, voc.size, zero_based);
    if (status != GGS_OK && voc.size > 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s (vocabulary '%s', %zu words)", ggs_last_error(), vp,
                 voc.size);
        ggs_error_restore(status, msg);
    }
    free(vp);
    free(trp);
    free(tep);
    if (status != GGS_OK) {
        ggs_vocab_free(&voc);
        ggs_bow_free(&tr);
        ggs_bow_free(&te);
        return status;
    }
    *train = tr;
    *test = te;
    *v = voc;
    return GGS_OK;
}
