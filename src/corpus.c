#line 37 "book/13-corpus.nw"
/* TEMPORARY stubs of book/13-corpus.nw, replaced when that chapter is merged. */
#include <stdio.h>
#include <stdlib.h>
#include "gengs.h"
int ggs_bow_read(ggs_bow *c, const char *path, size_t vocab, int zero_based)
{
    (void)c; (void)vocab; (void)zero_based;
    return ggs_error(GGS_EINVAL, "ggs_bow_read", "'%s': the corpus reader is not built in", path);
}
void ggs_bow_free(ggs_bow *c) { (void)c; }
int ggs_vocab_read(ggs_vocab *v, const char *path)
{
    (void)v;
    return ggs_error(GGS_EINVAL, "ggs_vocab_read", "'%s': the corpus reader is not built in", path);
}
void ggs_vocab_free(ggs_vocab *v) { (void)v; }
int ggs_bow_open_dir(ggs_bow *train, ggs_bow *test, ggs_vocab *v, const char *dir,
                     const char *vocab_path, int zero_based)
{
    (void)train; (void)test; (void)v; (void)vocab_path; (void)zero_based;
    return ggs_error(GGS_EINVAL, "ggs_bow_open_dir", "'%s': the corpus reader is not built in",
                     dir);
}
