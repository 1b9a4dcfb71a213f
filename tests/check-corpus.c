#line 2007 "book/33-corpus.nw"
/* Generated from book/33-corpus.nw; do not edit. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check-gengs.h"

#line 2043 "book/33-corpus.nw"
#define CT_DIR 1024    /* a temporary directory */
#define CT_SUB 2048    /* a directory inside one */
#define CT_PATH 4096   /* a file */

/* a fresh temporary directory in dir */
static void ct_tmp_dir(char *dir)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, CT_DIR, "%s/gengs-corpus-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* remove path: a file, a link, or a directory and everything under it */
static void ct_remove(const char *path)
{
    struct stat st;
    ck_assert_int_eq(lstat(path, &st), 0);
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        char p[CT_PATH];
        ck_assert_ptr_nonnull(d);
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            ct_remove(p);
        }
        closedir(d);
        ck_assert_int_eq(rmdir(path), 0);
    } else {
        ck_assert_int_eq(unlink(path), 0);
    }
}

/* write len bytes to dir/name (creating its parent directories); the path in path */
static void ct_put(char *path, const char *dir, const char *name, const char *b, size_t len)
{
    FILE *f;
    char *slash;
    snprintf(path, CT_PATH, "%s/%s", dir, name);
    slash = strrchr(path, '/');
    *slash = '\0';
    ck_assert_int_eq(ggs_mkdirs(path), 0);
    *slash = '/';
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

static void ct_put_text(char *path, const char *dir, const char *name, const char *text)
{
    ct_put(path, dir, name, text, strlen(text));
}

/* assert that the last library error contains each of the NULL-terminated words */
static void ct_message(const char *word, ...)
{
    const char *m = ggs_last_error();
    va_list ap;
    va_start(ap, word);
    for (const char *w = word; w != NULL; w = va_arg(ap, const char *))
        ck_assert_msg(strstr(m, w) != NULL, "message '%s' does not say '%s'", m, w);
    va_end(ap);
}

/* a corpus filled with a pattern, to see that a failed read leaves it untouched */
static void ct_poison(ggs_bow *c)
{
    memset(c, 0, sizeof *c);
    c->ndocs = 12345;
    c->row = (size_t *)c;
}

static void ct_untouched(const ggs_bow *c)
{
    ck_assert_uint_eq(c->ndocs, 12345);
    ck_assert_ptr_eq(c->row, (const size_t *)c);
}
#line 2446 "book/33-corpus.nw"
static char ct_out[8192], ct_err[8192];

/* run gengs corpus with the NULL-terminated arguments; its exit status */
static int ct_run(const char *arg, ...)
{
    char *argv[40];
    int argc = 0, rc;
    FILE *o = tmpfile(), *e = tmpfile();
    va_list ap;
    ck_assert(o != NULL && e != NULL);
    argv[argc++] = (char *)"corpus";
    va_start(ap, arg);
    for (const char *a = arg; a != NULL && argc < 39; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    rc = ggs_corpus_main(argc, argv, o, e);
    ggs_test_slurp(ct_out, sizeof ct_out, o);
    ggs_test_slurp(ct_err, sizeof ct_err, e);
    return rc;
}

/* the lines of a small text file, in lines[] (at most max), NUL-terminated; their number */
static size_t ct_lines(char lines[][256], size_t max, const char *path)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    while (n < max && fgets(lines[n], 256, f) != NULL) {
        lines[n][strcspn(lines[n], "\n")] = '\0';
        n++;
    }
    fclose(f);
    return n;
}
#line 2483 "book/33-corpus.nw"
#define CT_K30 "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
#define CT_Q31 "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
#define CT_NDOCS 7

/* the folder: each file's text and, by hand, the words it must give */
static const struct ct_doc {
    const char *path, *text;
    const char *word[8];
    unsigned count[8];
} ct_docs[CT_NDOCS] = {
    {"a/1.txt", "From someone@example.com  Thu Aug 22 2002\nReceived: by host\n"
                "\tcontinued zebra\nSubject: zebra zebra\n\nApple apple banana. The cherry!\n",
     {"apple", "banana", "cherry"}, {2, 1, 1}},
    {"a/2.txt", "apple banana banana x y2z\n", {"apple", "banana"}, {1, 2}},
    {"b/3.txt", "Dear: friend\n\ncherry cherry date\n", {"cherry", "date"}, {2, 1}},
    {"b/c/4.txt", "APPLE\tdate\xc3\xa9" "clair date123date <font color=red>fig</font> "
                  "&nbsp;fig go < up\n",
     {"apple", "date", "clair", "fig", "go", "up"}, {1, 3, 1, 2, 1, 1}},
    {"b/5.txt", "Subject: only a header\n", {NULL}, {0}},
    {"b/6.txt", "the and of\n", {NULL}, {0}},
    {"b/7.txt", CT_Q31 " elderberry " CT_K30 "\n", {"elderberry", CT_K30}, {1, 1}},
};

/* the count of word w in document d, by the table */
static unsigned ct_count(size_t d, const char *w)
{
    for (int j = 0; j < 8 && ct_docs[d].word[j] != NULL; j++)
        if (strcmp(ct_docs[d].word[j], w) == 0)
            return ct_docs[d].count[j];
    return 0;
}

/* the index of the document with the relative path p */
static size_t ct_doc_index(const char *p)
{
    for (size_t d = 0; d < CT_NDOCS; d++)
        if (strcmp(ct_docs[d].path, p) == 0)
            return d;
    ck_abort_msg("unexpected document '%s'", p);
    return 0;
}

/* write the folder into in, and the stop words into stop */
static void ct_folder(char *in, char *stop, const char *dir)
{
    char p[CT_PATH], link[CT_PATH];
    snprintf(in, CT_SUB, "%s/in", dir);
    for (size_t d = 0; d < CT_NDOCS; d++)
        ct_put_text(p, in, ct_docs[d].path, ct_docs[d].text);
    ct_put_text(p, in, ".hidden", "apple apple apple apple apple\n");
    snprintf(link, sizeof link, "%s/b/link.txt", in);
    ck_assert_int_eq(symlink("../a/1.txt", link), 0);
    ct_put_text(stop, dir, "stop.txt", "the\nAnd\nof 12\n");
}
#line 2543 "book/33-corpus.nw"
/* check the output in out of a run with --vocab-size vmax (at most 64) */
static unsigned ct_trained[CT_NDOCS];   /* runs in which a document was for training */

static void ct_check_output(const char *out, size_t vmax)
{
    char train[CT_NDOCS][256], test[CT_NDOCS][256], vl[66][256], p[CT_PATH];
    const char *words[64], *vocab[64];
    unsigned freq[64] = {0}, seen[CT_NDOCS] = {0};
    size_t nw = 0, ntr, nte, nv = 0;
    ggs_bow tr, te;
    ggs_vocab v;
    snprintf(p, sizeof p, "%s/train.files", out);
    ntr = ct_lines(train, CT_NDOCS, p);
    snprintf(p, sizeof p, "%s/test.files", out);
    nte = ct_lines(test, CT_NDOCS, p);
    
#line 2583 "book/33-corpus.nw"
/* sum the training counts of every word, by the table */
for (size_t i = 0; i < ntr; i++) {
    size_t d = ct_doc_index(train[i]);
    ct_trained[d]++;
    for (int j = 0; j < 8 && ct_docs[d].word[j] != NULL; j++) {
        size_t k = 0;
        while (k < nw && strcmp(words[k], ct_docs[d].word[j]) != 0)
            k++;
        if (k == nw)
            words[nw++] = ct_docs[d].word[j];
        freq[k] += ct_docs[d].count[j];
    }
}
#line 2559 "book/33-corpus.nw"
    
#line 2598 "book/33-corpus.nw"
/* choose the expected vocabulary by brute force */
for (; nv < vmax && nv < nw; nv++) {
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < nw; i++) {
        int taken = 0;
        for (size_t r = 0; r < nv; r++)
            taken |= vocab[r] == words[i];
        if (!taken && (best == SIZE_MAX || freq[i] > freq[best]
                       || (freq[i] == freq[best] && strcmp(words[i], words[best]) < 0)))
            best = i;
    }
    vocab[nv] = words[best];
}
#line 2560 "book/33-corpus.nw"
    snprintf(p, sizeof p, "%s/vocab.new", out);
    ck_assert_uint_eq(ct_lines(vl, 66, p), nv);
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, out, NULL, 0), GGS_OK);
    ck_assert_uint_eq(v.size, nv);
    for (size_t r = 0; r < nv; r++) {
        char line[256];
        unsigned f = 0;
        for (size_t i = 0; i < nw; i++)
            f += strcmp(words[i], vocab[r]) == 0 ? freq[i] : 0;
        snprintf(line, sizeof line, "%s %u", vocab[r], f);
        ck_assert_str_eq(vl[r], line);
        ck_assert_str_eq(v.word[r], vocab[r]);
    }
    ck_assert_uint_eq(tr.ndocs, ntr);
    ck_assert_uint_eq(te.ndocs, nte);
    
#line 2613 "book/33-corpus.nw"
/* compare each document's row with the table */
for (int side = 0; side < 2; side++) {
    const ggs_bow *c = side ? &te : &tr;
    for (size_t i = 0; i < c->ndocs; i++) {
        size_t d = ct_doc_index(side ? test[i] : train[i]), j = c->row[i];
        seen[d]++;
        for (size_t r = 0; r < nv; r++)
            if (ct_count(d, vocab[r]) > 0) {
                ck_assert_uint_lt(j, c->row[i + 1]);
                ck_assert_uint_eq(c->word[j], r);
                ck_assert_uint_eq(c->count[j], ct_count(d, vocab[r]));
                j++;
            }
        ck_assert_uint_eq(j, c->row[i + 1]);
    }
}
#line 2576 "book/33-corpus.nw"
    
#line 2631 "book/33-corpus.nw"
/* check that exactly the documents with a vocabulary word were written */
for (size_t d = 0; d < CT_NDOCS; d++) {
    unsigned any = 0;
    for (size_t r = 0; r < nv; r++)
        any |= ct_count(d, vocab[r]) > 0;
    ck_assert_msg(seen[d] == any, "document %s written %u times", ct_docs[d].path, seen[d]);
}
#line 2577 "book/33-corpus.nw"
    ggs_bow_free(&tr);
    ggs_bow_free(&te);
    ggs_vocab_free(&v);
}
#line 2132 "book/33-corpus.nw"
START_TEST(test_bow_read_nvdm)
{
    char dir[CT_DIR], p[CT_PATH];
    static const char text[] = "3 1:2 7:1 12:4\n\n5\n0 9:1 2:3 9:4 1:1\r\n12:1\t3:2";
    const size_t row[6] = {0, 3, 3, 3, 6, 8};
    const uint32_t word[8] = {0, 6, 11, 0, 1, 8, 2, 11};
    const uint32_t count[8] = {2, 1, 4, 1, 3, 5, 2, 1};
    const uint64_t length[5] = {7, 0, 0, 9, 3};
    ggs_bow c;
    ct_tmp_dir(dir);
    ct_put_text(p, dir, "train.feat", text);
    ck_assert_int_eq(ggs_bow_read(&c, p, 12, 0), GGS_OK);
    ck_assert_uint_eq(c.ndocs, 5);
    ck_assert_uint_eq(c.vocab, 12);
    ck_assert_uint_eq(c.nnz, 8);
    for (int d = 0; d <= 5; d++)
        ck_assert_uint_eq(c.row[d], row[d]);
    for (int i = 0; i < 8; i++) {
        ck_assert_uint_eq(c.word[i], word[i]);
        ck_assert_uint_eq(c.count[i], count[i]);
    }
    for (int d = 0; d < 5; d++)
        ck_assert_uint_eq(c.length[d], length[d]);
    ggs_bow_free(&c);
    ck_assert_ptr_null(c.row);
    ggs_bow_free(&c);                       /* a zeroed corpus may be freed again */
    ggs_bow_free(NULL);
    ct_remove(dir);
}
END_TEST
#line 2165 "book/33-corpus.nw"
START_TEST(test_bow_read_ldac)
{
    char dir[CT_DIR], p[CT_PATH];
    ggs_bow c;
    ct_tmp_dir(dir);
    ct_put_text(p, dir, "corpus.ldac", "3 0:2 6:1 11:4\n1 0:1\n");
    ck_assert_int_eq(ggs_bow_read(&c, p, 12, 1), GGS_OK);
    ck_assert_uint_eq(c.ndocs, 2);
    ck_assert_uint_eq(c.nnz, 4);
    ck_assert_uint_eq(c.row[1], 3);
    ck_assert_uint_eq(c.word[0], 0);
    ck_assert_uint_eq(c.word[2], 11);
    ck_assert_uint_eq(c.count[2], 4);
    ck_assert_uint_eq(c.length[0], 7);
    ck_assert_uint_eq(c.word[3], 0);
    ggs_bow_free(&c);
    ct_put_text(p, dir, "corpus.ldac", "1 12:1\n");
    ct_poison(&c);
    ck_assert_int_eq(ggs_bow_read(&c, p, 12, 1), GGS_EINVAL);
    ct_untouched(&c);
    ct_message(p, "line 1", "('12:1')", "outside the vocabulary of 12 words (ids 0..11)", NULL);
    ct_remove(dir);
}
END_TEST
#line 2194 "book/33-corpus.nw"
START_TEST(test_bow_long_line)
{
    enum { V = 5000, PAIRS = 160000 };
    char dir[CT_DIR], p[CT_PATH];
    uint64_t *ref = calloc(V, sizeof *ref), total = 0;
    char *text = malloc(PAIRS * 16 + 64);
    size_t len = 0, nz = 0;
    uint32_t x = 12345;
    ggs_bow c;
    ck_assert(ref != NULL && text != NULL);
    len += (size_t)sprintf(text, "17");
    for (int i = 0; i < PAIRS; i++) {
        uint32_t id, n;
        x = x * 1664525u + 1013904223u;
        id = (x >> 8) % V + 1;
        n = (x >> 4) % 3 + 1;
        len += (size_t)sprintf(text + len, " %u:%u", id, n);
        ref[id - 1] += n;
        total += n;
    }
    ck_assert_uint_gt(len, 1u << 20);
    len += (size_t)sprintf(text + len, "\n2 5000:9\n");
    ct_tmp_dir(dir);
    ct_put(p, dir, "long.feat", text, len);
    ck_assert_int_eq(ggs_bow_read(&c, p, V, 0), GGS_OK);
    ck_assert_uint_eq(c.ndocs, 2);
    for (size_t w = 0; w < V; w++)
        if (ref[w] > 0) {
            ck_assert_uint_eq(c.word[nz], w);
            ck_assert_uint_eq(c.count[nz], ref[w]);
            nz++;
        }
    ck_assert_uint_eq(c.row[1], nz);
    ck_assert_uint_eq(c.length[0], total);
    ck_assert_uint_eq(c.word[nz], V - 1);
    ck_assert_uint_eq(c.count[nz], 9);
    ggs_bow_free(&c);
    free(ref);
    free(text);
    ct_remove(dir);
}
END_TEST
#line 2245 "book/33-corpus.nw"
static const struct bad_bow {
    const char *line;      /* the second line of the file */
    size_t len;            /* its length, when it holds a NUL byte; else 0 */
    size_t vocab;
    int zero_based;
    const char *token;     /* as the message quotes it */
    const char *what;
} bad_bow[] = {
    {"1 2:1 5", 0, 10, 0, "token 3 ('5')", "not an id:count pair (no colon)"},
    {"1 x:1", 0, 10, 0, "('x:1')", "the id is not a decimal number"},
    {"1 +3:1", 0, 10, 0, "('+3:1')", "the id is not a decimal number"},
    {"1 -3:1", 0, 10, 0, "('-3:1')", "the id is negative"},
    {"1 3:-1", 0, 10, 0, "('3:-1')", "the count is negative"},
    {"1 3:abc", 0, 10, 0, "('3:abc')", "the count is not a decimal number"},
    {"1 3:0", 0, 10, 0, "('3:0')", "a count of 0"},
    {"1 3:1x", 0, 10, 0, "('3:1x')", "the count has junk after its digits"},
    {"1 3:1:2", 0, 10, 0, "('3:1:2')", "the count has junk after its digits"},
    {"1 3x:1", 0, 10, 0, "('3x:1')", "the id has junk after its digits"},
    {"1 :1", 0, 10, 0, "(':1')", "the id is empty"},
    {"1 3:", 0, 10, 0, "('3:')", "the count is empty"},
    {"1 4294967296:1", 0, 10, 0, "('4294967296:1')", "the id does not fit in 32 bits"},
    {"1 3:4294967296", 0, 10, 0, "('3:4294967296')", "the count does not fit in 32 bits"},
    {"1 3:99999999999999999999999", 0, 10, 0, "(", "the count does not fit in 32 bits"},
    {"1 3:4294967295 3:1", 0, 10, 0, "id 3 ", "sum to more than 4294967295"},
    {"1 0:1", 0, 10, 0, "('0:1')", "id 0 in a file of 1-based ids"},
    {"1 11:1", 0, 10, 0, "('11:1')", "outside the vocabulary of 10 words (ids 1..10)"},
    {"1 10:1", 0, 10, 1, "('10:1')", "outside the vocabulary of 10 words (ids 0..9)"},
    {"1 3:1\0 4:1", 10, 10, 0, "('3:1\\x00')", "the count has junk after its digits"},
};
#define N_BAD_BOW (sizeof bad_bow / sizeof bad_bow[0])

START_TEST(test_bow_malformed_table)
{
    const struct bad_bow *t = &bad_bow[_i];
    size_t len = t->len ? t->len : strlen(t->line);
    char dir[CT_DIR], p[CT_PATH], text[256];
    ggs_bow c;
    memcpy(text, "7 1:1\n", 6);
    memcpy(text + 6, t->line, len);
    text[6 + len] = '\n';
    ct_tmp_dir(dir);
    ct_put(p, dir, "bad.feat", text, len + 7);
    ct_poison(&c);
    ck_assert_int_eq(ggs_bow_read(&c, p, t->vocab, t->zero_based), GGS_EINVAL);
    ct_untouched(&c);
    ct_message(p, "line 2", t->token, t->what, NULL);
    ct_remove(dir);
}
END_TEST
#line 2298 "book/33-corpus.nw"
START_TEST(test_bow_empty_missing)
{
    char dir[CT_DIR], p[CT_PATH];
    ggs_bow c;
    ct_tmp_dir(dir);
    ct_put_text(p, dir, "empty.feat", "");
    ct_poison(&c);
    ck_assert_int_eq(ggs_bow_read(&c, p, 10, 0), GGS_EINVAL);
    ct_untouched(&c);
    ct_message(p, "holds no document", NULL);
    ct_put_text(p, dir, "one.feat", "\n");
    ck_assert_int_eq(ggs_bow_read(&c, p, 10, 0), GGS_OK);
    ck_assert_uint_eq(c.ndocs, 1);
    ck_assert_uint_eq(c.nnz, 0);
    ck_assert_uint_eq(c.length[0], 0);
    ggs_bow_free(&c);
    ck_assert_int_eq(ggs_bow_read(&c, p, 0, 0), GGS_EINVAL);
    ct_message(p, "vocabulary size 0", NULL);
    snprintf(p, sizeof p, "%s/missing.feat", dir);
    ct_poison(&c);
    ck_assert_int_eq(ggs_bow_read(&c, p, 10, 0), GGS_EIO);
    ct_untouched(&c);
    ct_message(p, "cannot open", "No such file", NULL);
    ck_assert_int_eq(ggs_bow_read(&c, dir, 10, 0), GGS_EIO);
    ct_untouched(&c);
    ct_message(dir, "cannot read", NULL);
    ck_assert_int_eq(ggs_bow_read(NULL, p, 10, 0), GGS_EINVAL);
    ct_remove(dir);
}
END_TEST
#line 2333 "book/33-corpus.nw"
START_TEST(test_vocab_read)
{
    char dir[CT_DIR], p[CT_PATH];
    ggs_vocab v = {0};
    ct_tmp_dir(dir);
    ct_put_text(p, dir, "v.txt", "alpha 10\n  beta\t3 extra\r\ngamma");
    ck_assert_int_eq(ggs_vocab_read(&v, p), GGS_OK);
    ck_assert_uint_eq(v.size, 3);
    ck_assert_str_eq(v.word[0], "alpha");
    ck_assert_str_eq(v.word[1], "beta");
    ck_assert_str_eq(v.word[2], "gamma");
    ggs_vocab_free(&v);
    ck_assert_ptr_null(v.word);
    ggs_vocab_free(NULL);
    ct_put_text(p, dir, "v.txt", "a\n\nb\n");
    ck_assert_int_eq(ggs_vocab_read(&v, p), GGS_EINVAL);
    ct_message(p, "line 2 is empty", NULL);
    ct_put_text(p, dir, "v.txt", "a\n \t\n");
    ck_assert_int_eq(ggs_vocab_read(&v, p), GGS_EINVAL);
    ct_message(p, "line 2 is empty", NULL);
    ct_put_text(p, dir, "v.txt", "a\nb\nc\nb 2\na\n");
    ck_assert_int_eq(ggs_vocab_read(&v, p), GGS_EINVAL);
    ct_message(p, "line 4 repeats the word 'b' of line 2", NULL);
    ct_put(p, dir, "v.txt", "a\nb\0c\n", 6);
    ck_assert_int_eq(ggs_vocab_read(&v, p), GGS_EINVAL);
    ct_message(p, "line 2", "NUL", NULL);
    ct_put_text(p, dir, "v.txt", "");
    ck_assert_int_eq(ggs_vocab_read(&v, p), GGS_EINVAL);
    ct_message(p, "holds no word", NULL);
    snprintf(p, sizeof p, "%s/none.txt", dir);
    ck_assert_int_eq(ggs_vocab_read(&v, p), GGS_EIO);
    ct_message(p, "No such file", NULL);
    ck_assert_ptr_null(v.word);            /* untouched by every failure */
    ct_remove(dir);
}
END_TEST
#line 2375 "book/33-corpus.nw"
START_TEST(test_open_dir)
{
    char dir[CT_DIR], p[CT_PATH], v1[CT_PATH];
    ggs_bow tr, te;
    ggs_vocab v;
    ct_tmp_dir(dir);
    ct_put_text(p, dir, "vocab.new", "apple 5\nbanana 3\ncherry 1\n");
    ct_put_text(p, dir, "train.feat", "0 1:2 3:1\n1 2:1\n");
    ct_put_text(p, dir, "test.feat", "0 3:4\n");
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, dir, NULL, 0), GGS_OK);
    ck_assert_uint_eq(v.size, 3);
    ck_assert_uint_eq(tr.ndocs, 2);
    ck_assert_uint_eq(tr.vocab, 3);
    ck_assert_uint_eq(te.ndocs, 1);
    ck_assert_uint_eq(te.word[0], 2);
    ck_assert_str_eq(v.word[te.word[0]], "cherry");
    ggs_bow_free(&tr);
    ggs_bow_free(&te);
    ggs_vocab_free(&v);
    snprintf(p, sizeof p, "%s/vocab.new", dir);
    ck_assert_int_eq(unlink(p), 0);
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, dir, NULL, 0), GGS_EINVAL);
    ct_message(dir, "no vocabulary", NULL);
    ct_put_text(v1, dir, "fruit.vocab", "apple\nbanana\ncherry\n");
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, dir, NULL, 0), GGS_OK);
    ck_assert_uint_eq(v.size, 3);
    ggs_bow_free(&tr);
    ggs_bow_free(&te);
    ggs_vocab_free(&v);
    ct_put_text(p, dir, "other.vocab", "apple\nbanana\n");
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, dir, NULL, 0), GGS_EINVAL);
    ct_message(dir, "several vocabularies", NULL);
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, dir, p, 0), GGS_EINVAL);
    ct_message("train.feat' line 1, token 3 ('3:1')", "outside the vocabulary of 2 words",
               "other.vocab', 2 words)", NULL);
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, dir, v1, 0), GGS_OK);
    ggs_bow_free(&tr);
    ggs_bow_free(&te);
    ggs_vocab_free(&v);
    snprintf(p, sizeof p, "%s/test.feat", dir);
    ck_assert_int_eq(unlink(p), 0);
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, &v, dir, v1, 0), GGS_EIO);
    ct_message(p, "No such file", NULL);
    ck_assert_int_eq(ggs_bow_open_dir(&tr, &te, NULL, dir, v1, 0), GGS_EINVAL);
    ct_remove(dir);
}
END_TEST
#line 2640 "book/33-corpus.nw"
START_TEST(test_corpus_command)
{
    char dir[CT_DIR], in[CT_SUB], stop[CT_PATH], out[CT_SUB], out2[CT_SUB];
    static const char *const files[] = {"train.feat", "test.feat", "vocab.new",
                                        "train.files", "test.files"};
    static const char *const seeds[] = {"1", "2", "5"}, *const seeds1[] = {"1", "5", "10"};
    ct_tmp_dir(dir);
    ct_folder(in, stop, dir);
    for (int s = 0; s < 3; s++) {
        snprintf(out, sizeof out, "%s/out%d", dir, s);
        ck_assert_msg(ct_run("--in", in, "--out", out, "--stopwords", stop, "--vocab-size",
                             "4", "--test-fraction", "0.3", "--seed", seeds[s], NULL) == 0,
                      "seed %s: %s", seeds[s], ct_err);
        ck_assert_msg(strstr(ct_out, "7 files under") != NULL, "%s", ct_out);
        ct_check_output(out, 4);
    }
    for (int s = 0; s < 3; s++) {
        snprintf(out, sizeof out, "%s/all%d", dir, s);
        ck_assert_int_eq(ct_run("--in", in, "--out", out, "--stopwords", stop, "--vocab-size",
                                "64", "--test-fraction", "0.001", "--seed", seeds1[s], NULL), 0);
        ct_check_output(out, 64);
    }
    for (size_t d = 0; d < CT_NDOCS; d++)
        ck_assert_msg(ct_trained[d] > 0 || ct_docs[d].word[0] == NULL,
                      "document %s was never a training document", ct_docs[d].path);
    snprintf(out, sizeof out, "%s/out0", dir);
    snprintf(out2, sizeof out2, "%s/again", dir);
    ck_assert_int_eq(ct_run("--in", in, "--out", out2, "--stopwords", stop, "--vocab-size",
                            "4", "--test-fraction=0.3", "--seed=1", NULL), 0);
    for (int f = 0; f < 5; f++) {
        char a[CT_PATH], b[CT_PATH], ta[65536], tb[65536];
        FILE *fa, *fb;
        snprintf(a, sizeof a, "%s/%s", out, files[f]);
        snprintf(b, sizeof b, "%s/%s", out2, files[f]);
        ck_assert((fa = fopen(a, "r")) != NULL && (fb = fopen(b, "r")) != NULL);
        ggs_test_slurp(ta, sizeof ta, fa);
        ggs_test_slurp(tb, sizeof tb, fb);
        ck_assert_str_eq(ta, tb);
        if (f == 0)
            ck_assert(strncmp(ta, "0 ", 2) == 0 && strstr(ta, "\n0 ") != NULL);
    }
    ct_remove(dir);
}
END_TEST
#line 2688 "book/33-corpus.nw"
START_TEST(test_corpus_clamped_split)
{
    char dir[CT_DIR], in[CT_SUB], stop[CT_PATH], out[CT_SUB];
    char lines[CT_NDOCS][256], p[CT_PATH];
    ct_tmp_dir(dir);
    ct_folder(in, stop, dir);
    snprintf(out, sizeof out, "%s/out", dir);
    ck_assert_msg(ct_run("--in", in, "--out", out, "--stopwords", stop, "--test-fraction",
                         "0.001", "--seed", "3", NULL) == 0, "%s", ct_err);
    snprintf(p, sizeof p, "%s/test.files", out);
    ck_assert_uint_eq(ct_lines(lines, CT_NDOCS, p), 1);
    ck_assert_msg(ct_run("--in", in, "--out", out, "--stopwords", stop, "--test-fraction",
                         "0.999", "--seed", "4", "--min-length", "1", NULL) == 0, "%s", ct_err);
    snprintf(p, sizeof p, "%s/train.files", out);
    ck_assert_uint_eq(ct_lines(lines, CT_NDOCS, p), 1);
    ct_remove(dir);
}
END_TEST
#line 2709 "book/33-corpus.nw"
START_TEST(test_corpus_usage)
{
    ck_assert_int_eq(ct_run("--in", "x", "--bogus", "--help", NULL), 0);
    ck_assert(strstr(ct_out, "usage: gengs corpus") != NULL);
    ck_assert_int_eq(ct_run(NULL), 2);
    ck_assert(strstr(ct_err, "--in DIR and --out DIR are required") != NULL);
    ck_assert(strstr(ct_err, "gengs corpus --help") != NULL);
    ck_assert_int_eq(ct_run("--in", "x", NULL), 2);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--vocab-size", "0", NULL), 2);
    ck_assert(strstr(ct_err, "--vocab-size = '0'") != NULL);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--vocab-size", "2k", NULL), 2);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--test-fraction", "1", NULL), 2);
    ck_assert(strstr(ct_err, "--test-fraction = '1'") != NULL);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--test-fraction", "0", NULL), 2);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--test-fraction", "nan", NULL), 2);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--test-fraction", "", NULL), 2);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--min-length", "31", NULL), 2);
    ck_assert(strstr(ct_err, "--min-length = '31'") != NULL);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--seed", "-1", NULL), 2);
    ck_assert_int_eq(ct_run("--in", "x", "--out", "y", "--bogus", "1", NULL), 2);
    ck_assert(strstr(ct_err, "unknown option '--bogus'") != NULL);
    ck_assert_int_eq(ct_run("--in", "x", "stray", NULL), 2);
    ck_assert(strstr(ct_err, "unexpected argument 'stray'") != NULL);
    ck_assert_int_eq(ct_run("--out", "y", "--in", NULL), 2);
    ck_assert(strstr(ct_err, "option --in needs a value") != NULL);
}
END_TEST
#line 2743 "book/33-corpus.nw"
START_TEST(test_corpus_runtime_errors)
{
    char dir[CT_DIR], in[CT_SUB], stop[CT_PATH], out[CT_SUB], p[CT_PATH], home[CT_PATH];
    ct_tmp_dir(dir);
    ct_folder(in, stop, dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(p, sizeof p, "%s/nowhere", dir);
    ck_assert_int_eq(ct_run("--in", p, "--out", out, "--stopwords", stop, NULL), 1);
    ck_assert(strstr(ct_err, p) != NULL && strstr(ct_err, "gengs: error: cannot open") != NULL);
    ck_assert_int_eq(ct_run("--in", in, "--out", out, "--stopwords", p, NULL), 1);
    ck_assert(strstr(ct_err, p) != NULL && strstr(ct_err, "No such file") != NULL);
    ct_put_text(p, dir, "dup.txt", "the\nof\nthe\n");
    ck_assert_int_eq(ct_run("--in", in, "--out", out, "--stopwords", p, NULL), 1);
    ck_assert(strstr(ct_err, "line 3 repeats the word 'the' of line 1") != NULL);
    ct_put_text(p, dir, "one/only.txt", "apple\n");
    snprintf(p, sizeof p, "%s/one", dir);
    ck_assert_int_eq(ct_run("--in", p, "--out", out, "--stopwords", stop, NULL), 1);
    ck_assert(strstr(ct_err, "holds 1 regular file(s)") != NULL);
    snprintf(p, sizeof p, "%s/stop.txt/sub", dir);
    ck_assert_int_eq(ct_run("--in", in, "--out", p, "--stopwords", stop, NULL), 1);
    ck_assert(strstr(ct_err, "cannot create the directory") != NULL);
    ck_assert_ptr_nonnull(getcwd(home, sizeof home));
    ck_assert_int_eq(chdir(dir), 0);
    ck_assert_int_eq(ct_run("--in", "in", "--out", "out", NULL), 1);
    ck_assert(strstr(ct_err, "'build/data/stopwords-en.txt'") != NULL
              && strstr(ct_err, "make corpus-data") != NULL);
    ct_put_text(p, dir, "build/data/stopwords-en.txt", "the\n");
    ck_assert_msg(ct_run("--in", "in", "--out", "out", NULL) == 0, "%s", ct_err);
    ck_assert_int_eq(chdir(home), 0);
    ct_remove(dir);
}
END_TEST

#line 2020 "book/33-corpus.nw"
Suite *make_corpus_suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *core = tcase_create("Core");
    TCase *errors = tcase_create("Errors");
    TCase *command = tcase_create("Command");
    
#line 2777 "book/33-corpus.nw"
tcase_add_test(core, test_bow_read_nvdm);
tcase_add_test(core, test_bow_read_ldac);
tcase_add_test(core, test_bow_long_line);
tcase_add_test(core, test_vocab_read);
tcase_add_test(core, test_open_dir);
tcase_add_loop_test(errors, test_bow_malformed_table, 0, (int)N_BAD_BOW);
tcase_add_test(errors, test_bow_empty_missing);
tcase_add_test(command, test_corpus_command);
tcase_add_test(command, test_corpus_clamped_split);
tcase_add_test(command, test_corpus_usage);
tcase_add_test(command, test_corpus_runtime_errors);
#line 2027 "book/33-corpus.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, errors);
    suite_add_tcase(s, command);
    return s;
}
