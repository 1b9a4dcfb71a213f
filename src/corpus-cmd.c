#line 1015 "book/33-corpus.nw"
/* Generated from book/33-corpus.nw; do not edit. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <gsl/gsl_rng.h>
#include "gengs-corpus.h"
#include "gengs-internal.h"
#include "cmdline.h"

#line 1035 "book/33-corpus.nw"
struct corpus;
static size_t corpus_distinct(const struct corpus *k);
#line 1336 "book/33-corpus.nw"
/* Longest HTML tag, in bytes, that the tokenizer skips. */
#define CORPUS_MAX_TAG 1024
/* Longest HTML entity name, in bytes. */
#define CORPUS_MAX_ENTITY 10
#line 1045 "book/33-corpus.nw"
/* distinct strings with ids 0, 1, ...: open addressing on FNV-1a hashes */
struct corpus_map {
    size_t n, cap;       /* strings; slots (a power of two, >= 2 n) */
    uint32_t *slot;      /* (cap) id + 1 of the string there, or 0 */
    char **key;          /* (n) the strings */
    size_t cap_key;
};

/* the slot of s[0..len) in m: where it is, or the empty slot where it would go */
static size_t corpus_slot(const struct corpus_map *m, const char *s, size_t len)
{
    size_t i = (size_t)ggs_fnv1a(GGS_FNV1A_INIT, s, len) & (m->cap - 1);
    while (m->slot[i] != 0) {
        const char *k = m->key[m->slot[i] - 1];
        if (strncmp(k, s, len) == 0 && k[len] == '\0')
            return i;
        i = (i + 1) & (m->cap - 1);
    }
    return i;
}

/* the id of s[0..len) in m, or -1 */
static long corpus_find(const struct corpus_map *m, const char *s, size_t len)
{
    size_t i;
    if (m->cap == 0)
        return -1;
    i = corpus_slot(m, s, len);
    return m->slot[i] == 0 ? -1 : (long)m->slot[i] - 1;
}

/* *id = the id of s[0..len) in m, adding it when new; 0, or -1 when out of memory */
static int corpus_add(struct corpus_map *m, const char *s, size_t len, uint32_t *id)
{
    size_t i;
    void *p;
    if (2 * (m->n + 1) > m->cap) {
        
#line 1110 "book/33-corpus.nw"
/* double the table and put every string back */
size_t cap = m->cap ? 2 * m->cap : 64;
uint32_t *slot = calloc(cap, sizeof *slot);
if (slot == NULL)
    return -1;
free(m->slot);
m->slot = slot;
m->cap = cap;
for (size_t k = 0; k < m->n; k++)
    m->slot[corpus_slot(m, m->key[k], strlen(m->key[k]))] = (uint32_t)k + 1;
#line 1083 "book/33-corpus.nw"
    }
    i = corpus_slot(m, s, len);
    if (m->slot[i] == 0) {
        if (m->n >= UINT32_MAX - 1
            || (p = ggs_grow(m->key, &m->cap_key, m->n + 1, sizeof *m->key)) == NULL)
            return -1;
        m->key = p;
        if ((m->key[m->n] = malloc(len + 1)) == NULL)
            return -1;
        memcpy(m->key[m->n], s, len);
        m->key[m->n][len] = '\0';
        m->slot[i] = (uint32_t)++m->n;
    }
    *id = m->slot[i] - 1;
    return 0;
}

static void corpus_map_free(struct corpus_map *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->key[i]);
    free(m->key);
    free(m->slot);
    memset(m, 0, sizeof *m);
}
#line 1127 "book/33-corpus.nw"
#define CORPUS_EXIT_RUNTIME 1
#define CORPUS_EXIT_USAGE 2

static const char corpus_help[] =
    "usage: gengs corpus --in DIR --out DIR [--vocab-size V] [--test-fraction F]\n"
    "                    [--seed S] [--stopwords FILE] [--min-length L]\n"
    "\n"
    "Make a bag-of-words corpus from the text files under DIR (one document per\n"
    "regular file, recursively, in sorted order; names starting with '.' and\n"
    "symbolic links are skipped).  A file whose first line is a mail header\n"
    "('Name: value' or an mbox 'From ' line) loses everything up to the first\n"
    "empty line.  Words are maximal runs of ASCII letters, lowercased; words of\n"
    "fewer than L or more than 30 letters and stop words are dropped.  The files\n"
    "are split at random (seed S) into training and test documents; the V words\n"
    "most frequent in the training documents (ties alphabetical) form the\n"
    "vocabulary, and documents left without a word are dropped.\n"
    "\n"
    "  --in DIR            the folder of text files\n"
    "  --out DIR           where train.feat, test.feat, vocab.new, train.files and\n"
    "                      test.files go (created if missing)\n"
    "  --vocab-size V      vocabulary size (default 2000)\n"
    "  --test-fraction F   fraction of the files for testing, 0 < F < 1 (default 0.1;\n"
    "                      at least one file on each side)\n"
    "  --seed S            seed of the split (default 1)\n"
    "  --stopwords FILE    stop words, one per line (default " GGS_CORPUS_STOPWORDS ",\n"
    "                      which 'make corpus-data' fetches)\n"
    "  --min-length L      shortest word kept, in letters, 1..30 (default 2)\n"
    "\n"
    "Output: NVDM format, one document per line: '0 ID:COUNT ...' (label 0, ids\n"
    "1-based, increasing); vocab.new has 'WORD COUNT' per line (training counts);\n"
    "line i of train.files names the file of line i of train.feat.\n";

typedef struct corpus_opts {
    const char *in, *out, *stopwords;
    unsigned long vocab_size, seed, min_length;
    double test_fraction;
    int default_stopwords;
} corpus_opts;

#line 1173 "book/33-corpus.nw"
static int corpus_parse(corpus_opts *o, int argc, char **argv, FILE *err)
{
    int rc, have_stopwords = 0;
    memset(o, 0, sizeof *o);
    o->vocab_size = 2000;
    o->test_fraction = 0.1;
    o->seed = 1;
    o->min_length = 2;
    o->stopwords = GGS_CORPUS_STOPWORDS;
    ggs_cmd_option table[] = {
        { GGS_CMD_OPTION("--in", GGS_CMD_STRING, &o->in, NULL) },
        { GGS_CMD_OPTION("--out", GGS_CMD_STRING, &o->out, NULL) },
        { GGS_CMD_OPTION("--stopwords", GGS_CMD_STRING, &o->stopwords, &have_stopwords) },
        { GGS_CMD_OPTION("--vocab-size", GGS_CMD_ULONG, &o->vocab_size, NULL), .min = 1,
          .max = 2147483648UL },
        { GGS_CMD_OPTION("--seed", GGS_CMD_ULONG, &o->seed, NULL) },
        { GGS_CMD_OPTION("--min-length", GGS_CMD_ULONG, &o->min_length, NULL), .min = 1,
          .max = GGS_CORPUS_MAX_WORD },
        { GGS_CMD_OPTION("--test-fraction", GGS_CMD_REAL, &o->test_fraction, NULL), .lo = 0,
          .hi = 1, .bounds = GGS_CMD_LO_OPEN | GGS_CMD_HI_OPEN },
        GGS_CMD_END
    };
    if ((rc = ggs_cmd_parse(table, "corpus", argc, argv, NULL, 0, err)) != 0)
        return rc;
    o->default_stopwords = !have_stopwords;
    if (o->in == NULL || o->out == NULL)
        return ggs_cmd_usage(err, "corpus", "--in DIR and --out DIR are required");
    return 0;
}
#line 1208 "book/33-corpus.nw"
/* the documents: relative paths, sorted */
struct corpus_files {
    char **path;
    size_t n, cap;
};

static int corpus_strcmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* add the regular files under root/rel (rel "" at the top) to fl; 0 or an exit status */
static int corpus_walk(struct corpus_files *fl, const char *root, const char *rel, FILE *err)
{
    char *dir = rel[0] ? ggs_path_join(root, rel) : malloc(strlen(root) + 1);
    struct dirent *e;
    DIR *d;
    int rc = 0;
    if (dir == NULL)
        return ggs_cmd_fail(err, "out of memory");
    if (rel[0] == '\0')
        strcpy(dir, root);
    errno = 0;
    if ((d = opendir(dir)) == NULL) {
        rc = ggs_cmd_fail(err, "cannot open the directory '%s': %s", dir, strerror(errno));
        free(dir);
        return rc;
    }
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char *r, *full;
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        r = rel[0] ? ggs_path_join(rel, e->d_name) : malloc(strlen(e->d_name) + 1);
        full = ggs_path_join(dir, e->d_name);
        if (r == NULL || full == NULL) {
            free(r);
            free(full);
            rc = ggs_cmd_fail(err, "out of memory");
            break;
        }
        if (rel[0] == '\0')
            strcpy(r, e->d_name);
        if (lstat(full, &st) != 0)
            rc = ggs_cmd_fail(err, "cannot stat '%s': %s", full, strerror(errno));
        else if (S_ISDIR(st.st_mode))
            rc = corpus_walk(fl, root, r, err);
        else if (S_ISREG(st.st_mode)) {
            void *p = ggs_grow(fl->path, &fl->cap, fl->n + 1, sizeof *fl->path);
            if (p == NULL)
                rc = ggs_cmd_fail(err, "out of memory");
            else {
                fl->path = p;
                fl->path[fl->n++] = r;
                r = NULL;
            }
        }
        free(r);
        free(full);
    }
    closedir(d);
    free(dir);
    return rc;
}
#line 1277 "book/33-corpus.nw"
/* the offset of the body of text[0..len): after the header if it starts with one */
static size_t corpus_body(const char *text, size_t len)
{
    size_t i = 0;
    int header = len >= 5 && memcmp(text, "From ", 5) == 0;
    if (!header) {
        while (i < len && text[i] > ' ' && text[i] < 0x7f && text[i] != ':')
            i++;
        header = i > 0 && i < len && text[i] == ':';
    }
    if (!header)
        return 0;
    for (i = 0; i < len; i++)     /* the first empty line: "\n\n" or "\n\r\n" */
        if (text[i] == '\n') {
            size_t j = i + 1;
            if (j < len && text[j] == '\r')
                j++;
            if (j < len && text[j] == '\n')
                return j + 1;
            if (j == len)
                return len;
        }
    return len;
}
#line 1307 "book/33-corpus.nw"
struct corpus {
    corpus_opts o;
    struct corpus_files files;
    unsigned char *is_test;   /* (D) 1 for a test document */
    struct corpus_map stop;   /* the stop words */
    struct corpus_map words;  /* every word kept by the tokenizer */
    uint64_t *freq;           /* (words.n) count in the training documents */
    size_t nfreq, cap_freq;
    uint32_t *tok;            /* (ntok) the documents' words, as ids into words */
    size_t ntok, cap_tok;
    size_t *start;            /* (D + 1) offsets of the documents in tok */
    uint32_t *rank;           /* (words.n) vocabulary id, or UINT32_MAX */
    size_t vocab;             /* V, at most words.n */
    uint32_t *order;          /* (V) the vocabulary: ids into words, by rank */
};
#line 1342 "book/33-corpus.nw"
/* the length of the HTML tag or entity at the start of s[0..len), or 0 for none */
static size_t corpus_markup(const char *s, size_t len)
{
    size_t i = 1;
    if (s[0] == '<') {
        if (len < 2 || !(s[1] == '/' || s[1] == '!' || (s[1] >= 'a' && s[1] <= 'z')
                         || (s[1] >= 'A' && s[1] <= 'Z')))
            return 0;
        for (; i < len && i < CORPUS_MAX_TAG && s[i] != '<'; i++)
            if (s[i] == '>')
                return i + 1;
        return 0;
    }
    for (; i < len && i <= CORPUS_MAX_ENTITY; i++) {
        char c = s[i];
        if (c == ';')
            return i > 1 ? i + 1 : 0;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '#'))
            return 0;
    }
    return 0;
}
#line 1371 "book/33-corpus.nw"
/* add the words of text[0..len) to document d (a training document when train) */
static int corpus_tokenize(struct corpus *k, const char *text, size_t len, int train)
{
    char w[GGS_CORPUS_MAX_WORD + 1];
    size_t n = 0;
    int too_long = 0;
    for (size_t i = 0; i <= len; i++) {
        unsigned char ch = i < len ? (unsigned char)text[i] : ' ';
        uint32_t id;
        void *p;
        size_t skip = ch == '<' || ch == '&' ? corpus_markup(text + i, len - i) : 0;
        if (skip > 0)
            i += skip - 1;             /* markup separates words, like any other byte */
        else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            if (n < GGS_CORPUS_MAX_WORD)
                w[n++] = (char)(ch | 0x20);     /* ASCII lower case */
            else
                too_long = 1;
            continue;
        }
        if (n >= k->o.min_length && !too_long && corpus_find(&k->stop, w, n) < 0) {
            
#line 1401 "book/33-corpus.nw"
/* add the word w[0..n) to the document */
if (corpus_add(&k->words, w, n, &id) != 0
    || (p = ggs_grow(k->freq, &k->cap_freq, k->words.n, sizeof *k->freq)) == NULL)
    return -1;
k->freq = p;
while (k->nfreq < k->words.n)        /* a new word starts at 0 */
    k->freq[k->nfreq++] = 0;
if ((p = ggs_grow(k->tok, &k->cap_tok, k->ntok + 1, sizeof *k->tok)) == NULL)
    return -1;
k->tok = p;
k->tok[k->ntok++] = id;
k->freq[id] += train ? 1 : 0;
#line 1393 "book/33-corpus.nw"
        }
        n = 0;
        too_long = 0;
    }
    return 0;
}
#line 1418 "book/33-corpus.nw"
/* the file path in *buf (capacity *cap), its length in *len; 0, or -1 with errno set */
static int corpus_slurp(char **buf, size_t *cap, size_t *len, const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t got;
    *len = 0;
    if (f == NULL)
        return -1;
    do {
        void *p = ggs_grow(*buf, cap, *len + 65536, 1);
        if (p == NULL) {
            fclose(f);
            errno = ENOMEM;
            return -1;
        }
        *buf = p;
        errno = 0;
        got = fread(*buf + *len, 1, *cap - *len, f);
        *len += got;
    } while (got > 0);
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        fclose(f);
        errno = e;
        return -1;
    }
    fclose(f);
    return 0;
}
#line 1453 "book/33-corpus.nw"
/* mark round(F D) documents, clamped to [1, D - 1], as test documents; 0 or -1 */
static int corpus_split(struct corpus *k, size_t *ntest)
{
    size_t D = k->files.n, m = (size_t)floor(k->o.test_fraction * (double)D + 0.5);
    size_t *perm = malloc(D * sizeof *perm);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = -1;
    m = m < 1 ? 1 : m > D - 1 ? D - 1 : m;
    k->is_test = calloc(D, 1);
    if (perm != NULL && r != NULL && k->is_test != NULL) {
        gsl_rng_set(r, k->o.seed);
        for (size_t i = 0; i < D; i++)
            perm[i] = i;
        for (size_t i = D - 1; i > 0; i--) {
            size_t j = (size_t)gsl_rng_uniform_int(r, (unsigned long)i + 1);
            size_t t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (size_t i = 0; i < m; i++)
            k->is_test[perm[i]] = 1;
        *ntest = m;
        rc = 0;
    }
    free(perm);
    gsl_rng_free(r);
    return rc;
}
#line 1487 "book/33-corpus.nw"
/* a candidate word of the vocabulary */
struct corpus_cand {
    uint64_t freq;
    const char *w;
    uint32_t id;
};

static int corpus_cand_cmp(const void *x, const void *y)
{
    const struct corpus_cand *a = x, *b = y;
    if (a->freq != b->freq)
        return a->freq > b->freq ? -1 : 1;
    return strcmp(a->w, b->w);
}

/* choose the vocabulary: k->vocab, k->order and k->rank; 0 or -1 */
static int corpus_choose(struct corpus *k)
{
    size_t n = 0, W = k->words.n;
    struct corpus_cand *c = malloc((W ? W : 1) * sizeof *c);
    k->rank = malloc((W ? W : 1) * sizeof *k->rank);
    if (c == NULL || k->rank == NULL) {
        free(c);
        return -1;
    }
    for (size_t i = 0; i < W; i++) {
        k->rank[i] = UINT32_MAX;
        if (k->freq[i] > 0) {
            c[n].freq = k->freq[i];
            c[n].w = k->words.key[i];
            c[n++].id = (uint32_t)i;
        }
    }
    qsort(c, n, sizeof *c, corpus_cand_cmp);
    k->vocab = n < k->o.vocab_size ? n : k->o.vocab_size;
    if ((k->order = malloc((k->vocab ? k->vocab : 1) * sizeof *k->order)) == NULL) {
        free(c);
        return -1;
    }
    for (size_t r = 0; r < k->vocab; r++) {
        k->order[r] = c[r].id;
        k->rank[c[r].id] = (uint32_t)r;
    }
    free(c);
    return 0;
}
#line 1541 "book/33-corpus.nw"
/* an output file being written atomically */
struct corpus_out {
    char *path, *tmp;
    FILE *f;
};

static int corpus_open(struct corpus_out *o, const char *dir, const char *name, FILE *err)
{
    memset(o, 0, sizeof *o);
    if ((o->path = ggs_path_join(dir, name)) == NULL
        || (o->tmp = malloc(strlen(o->path) + 8)) == NULL)
        return ggs_cmd_fail(err, "out of memory");
    if ((o->f = ggs_atomic_open(o->tmp, strlen(o->path) + 8, o->path)) == NULL)
        return ggs_cmd_fail(err, "%s", ggs_last_error());
    return 0;
}

/* commit (ok) or abandon the file; 0 or an exit status */
static int corpus_close(struct corpus_out *o, int ok, FILE *err)
{
    int rc = 0;
    if (o->f != NULL && ok) {
        if (ggs_atomic_commit(o->f, o->tmp, o->path) != GGS_OK)
            rc = ggs_cmd_fail(err, "%s", ggs_last_error());
    } else if (o->f != NULL) {
        fclose(o->f);
        remove(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return rc;
}

static int corpus_u32_cmp(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* the sorted vocabulary ranks of document d in *buf (capacity *cap); their number,
   or SIZE_MAX when out of memory */
static size_t corpus_ranks(const struct corpus *k, size_t d, uint32_t **buf, size_t *cap)
{
    size_t n = 0, len = k->start[d + 1] - k->start[d];
    void *p = ggs_grow(*buf, cap, len ? len : 1, sizeof **buf);
    if (p == NULL)
        return SIZE_MAX;
    *buf = p;
    for (size_t t = k->start[d]; t < k->start[d + 1]; t++)
        if (k->rank[k->tok[t]] != UINT32_MAX)
            (*buf)[n++] = k->rank[k->tok[t]];
    qsort(*buf, n, sizeof **buf, corpus_u32_cmp);
    return n;
}

/* write the documents of one side with a word: OUT/{train,test}.{feat,files} */
static int corpus_write_side(const struct corpus *k, int test, size_t *kept, size_t *pairs,
                             FILE *err)
{
    struct corpus_out feat, files;
    uint32_t *r = NULL;
    size_t cap = 0;
    int rc = corpus_open(&feat, k->o.out, test ? "test.feat" : "train.feat", err);
    if (rc == 0)
        rc = corpus_open(&files, k->o.out, test ? "test.files" : "train.files", err);
    else
        memset(&files, 0, sizeof files);
    *kept = *pairs = 0;
    for (size_t d = 0; rc == 0 && d < k->files.n; d++) {
        size_t n;
        if (k->is_test[d] != test)
            continue;
        if ((n = corpus_ranks(k, d, &r, &cap)) == SIZE_MAX) {
            rc = ggs_cmd_fail(err, "out of memory");
            break;
        }
        if (n == 0)
            continue;                   /* no word of the vocabulary: dropped */
        fputc('0', feat.f);
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && r[j] == r[i]; j++)
                continue;
            fprintf(feat.f, " %lu:%zu", (unsigned long)r[i] + 1, j - i);
            ++*pairs;
        }
        fputc('\n', feat.f);
        fprintf(files.f, "%s\n", k->files.path[d]);
        ++*kept;
    }
    free(r);
    if (rc == 0)
        rc = corpus_close(&feat, 1, err);
    else
        corpus_close(&feat, 0, err);
    if (rc == 0)
        rc = corpus_close(&files, 1, err);
    else
        corpus_close(&files, 0, err);
    return rc;
}
#line 1649 "book/33-corpus.nw"
/* the number of documents of each side that keep a word of the vocabulary */
static void corpus_count_kept(const struct corpus *k, size_t kept[2])
{
    kept[0] = kept[1] = 0;
    for (size_t d = 0; d < k->files.n; d++)
        for (size_t t = k->start[d]; t < k->start[d + 1]; t++)
            if (k->rank[k->tok[t]] != UINT32_MAX) {
                kept[k->is_test[d]]++;
                break;
            }
}

static int corpus_write_vocab(const struct corpus *k, FILE *err)
{
    struct corpus_out v;
    int rc = corpus_open(&v, k->o.out, "vocab.new", err);
    for (size_t r = 0; rc == 0 && r < k->vocab; r++)
        fprintf(v.f, "%s %llu\n", k->words.key[k->order[r]],
                (unsigned long long)k->freq[k->order[r]]);
    return rc == 0 ? corpus_close(&v, 1, err) : (corpus_close(&v, 0, err), rc);
}
#line 1677 "book/33-corpus.nw"
static int corpus_stopwords(struct corpus *k, FILE *err)
{
    ggs_vocab sw;
    uint32_t id;
    if (k->o.default_stopwords && access(k->o.stopwords, F_OK) != 0)
        return ggs_cmd_fail(err, "no stop-word list at '%s' (relative to the current "
                           "directory): run 'make corpus-data' in the source tree of gengs, "
                           "or give --stopwords FILE", k->o.stopwords);
    if (ggs_vocab_read(&sw, k->o.stopwords) != GGS_OK)
        return ggs_cmd_fail(err, "stop words: %s", ggs_last_error());
    for (size_t i = 0; i < sw.size; i++) {
        for (char *c = sw.word[i]; *c != '\0'; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c | 0x20);
        if (corpus_add(&k->stop, sw.word[i], strlen(sw.word[i]), &id) != 0) {
            ggs_vocab_free(&sw);
            return ggs_cmd_fail(err, "out of memory");
        }
    }
    ggs_vocab_free(&sw);
    return 0;
}
#line 1703 "book/33-corpus.nw"
/* read every document of the folder into k->tok; 0 or an exit status */
static int corpus_read_all(struct corpus *k, FILE *err)
{
    char *buf = NULL;
    size_t cap = 0, len;
    int rc = 0;
    if ((k->start = malloc((k->files.n + 1) * sizeof *k->start)) == NULL)
        return ggs_cmd_fail(err, "out of memory");
    k->start[0] = 0;
    for (size_t d = 0; rc == 0 && d < k->files.n; d++) {
        char *full = ggs_path_join(k->o.in, k->files.path[d]);
        if (full == NULL)
            rc = ggs_cmd_fail(err, "out of memory");
        else if (corpus_slurp(&buf, &cap, &len, full) != 0)
            rc = ggs_cmd_fail(err, "cannot read '%s': %s", full, strerror(errno));
        else {
            size_t b = corpus_body(buf, len);
            if (corpus_tokenize(k, buf + b, len - b, !k->is_test[d]) != 0)
                rc = ggs_cmd_fail(err, "out of memory reading '%s'", full);
            k->start[d + 1] = k->ntok;
        }
        free(full);
    }
    free(buf);
    return rc;
}

static int corpus_run(struct corpus *k, FILE *out, FILE *err)
{
    size_t ntest = 0, kept[2], pairs[2], written[2];
    uint64_t tokens = 0;
    int rc = corpus_stopwords(k, err);
    if (rc == 0)
        rc = corpus_walk(&k->files, k->o.in, "", err);
    if (rc == 0 && k->files.n < 2)
        rc = ggs_cmd_fail(err, "'%s' holds %zu regular file(s): a corpus needs at least 2 "
                         "(one for training, one for testing)", k->o.in, k->files.n);
    if (rc != 0)
        return rc;
    qsort(k->files.path, k->files.n, sizeof *k->files.path, corpus_strcmp);
    if (corpus_split(k, &ntest) != 0)
        return ggs_cmd_fail(err, "out of memory");
    if ((rc = corpus_read_all(k, err)) != 0)
        return rc;
    if (corpus_choose(k) != 0)
        return ggs_cmd_fail(err, "out of memory");
    corpus_count_kept(k, kept);
    if (kept[0] == 0 || kept[1] == 0)
        return ggs_cmd_fail(err, "no %s document keeps a word of the vocabulary (%zu words "
                           "from %zu files)", kept[0] == 0 ? "training" : "test", k->vocab,
                           k->files.n);
    if (ggs_mkdirs(k->o.out) != 0)
        return ggs_cmd_fail(err, "cannot create the directory '%s': %s", k->o.out,
                           strerror(errno));
    if ((rc = corpus_write_side(k, 0, &written[0], &pairs[0], err)) != 0
        || (rc = corpus_write_side(k, 1, &written[1], &pairs[1], err)) != 0
        || (rc = corpus_write_vocab(k, err)) != 0)
        return rc;
    for (size_t r = 0; r < k->vocab; r++)
        tokens += k->freq[k->order[r]];
    fprintf(out, "corpus: %zu files under '%s': %zu training and %zu test documents "
            "(%zu and %zu without a word of the vocabulary dropped)\n", k->files.n, k->o.in,
            written[0], written[1], k->files.n - ntest - written[0], ntest - written[1]);
    fprintf(out, "corpus: %zu words in the vocabulary (of %zu distinct words in the training "
            "documents), %llu training tokens, %zu + %zu pairs, written to '%s'\n", k->vocab,
            corpus_distinct(k), (unsigned long long)tokens, pairs[0], pairs[1], k->o.out);
    return 0;
}
#line 1773 "book/33-corpus.nw"
/* the number of words with a training count */
static size_t corpus_distinct(const struct corpus *k)
{
    size_t n = 0;
    for (size_t i = 0; i < k->words.n; i++)
        n += k->freq[i] > 0;
    return n;
}

static void corpus_free(struct corpus *k)
{
    for (size_t i = 0; i < k->files.n; i++)
        free(k->files.path[i]);
    free(k->files.path);
    free(k->is_test);
    corpus_map_free(&k->stop);
    corpus_map_free(&k->words);
    free(k->freq);
    free(k->tok);
    free(k->start);
    free(k->rank);
    free(k->order);
}

int ggs_corpus_main(int argc, char **argv, FILE *out, FILE *err)
{
    struct corpus k;
    int rc;
    if (ggs_cmd_wants_help(argc, argv, 1))
            return fputs(corpus_help, out), 0;
    memset(&k, 0, sizeof k);
    if ((rc = corpus_parse(&k.o, argc, argv, err)) != 0)
        return rc;
    rc = corpus_run(&k, out, err);
    corpus_free(&k);
    return rc;
}
