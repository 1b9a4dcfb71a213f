#line 261 "book/33-corpus.nw"
/**
 * @file gengs-corpus.h
 * @brief Bag-of-words corpora (compressed sparse rows) and vocabularies.
 *
 * Generated from book/33-corpus.nw by notangle; do not edit.
 */
#ifndef GENGS_CORPUS_H
#define GENGS_CORPUS_H
#include <stddef.h>
#include <stdio.h>
#include "gengs-core.h"

#ifdef __cplusplus
extern "C" {
#endif

#line 125 "book/33-corpus.nw"
/** A bag-of-words corpus: D documents over a vocabulary of V words, in compressed
    sparse rows.  Each row lists a document's distinct words in increasing order. */
typedef struct ggs_bow {
    size_t ndocs;      /**< D */
    size_t vocab;      /**< V */
    size_t nnz;        /**< number of (document, word) pairs */
    size_t *row;       /**< (D + 1) offsets into word[] and count[]; row[0] = 0 */
    uint32_t *word;    /**< (nnz) word ids in [0, V), increasing within a row */
    uint32_t *count;   /**< (nnz) counts, each >= 1 */
    uint64_t *length;  /**< (D) total count N_d of each document */
} ggs_bow;

/**
 * @brief Read a bag-of-words file: one document per line, an optional first
 * token without a colon (a label or a term count; ignored), then id:count pairs.
 *
 * Ids are 1-based unless @p zero_based.  Duplicate ids in a line are summed.
 * Empty lines are empty documents.  An id outside [0, V) after the shift is
 * an error.  Lines may be of any length.  Cost: one pass over the file and a
 * sort of each line's pairs.
 * @param c          on success, the corpus (free with ggs_bow_free()); untouched on error
 * @param path       the file
 * @param vocab      the vocabulary size V, 1 <= V <= 2^32 - 1
 * @param zero_based nonzero for 0-based ids (LDA-C), zero for 1-based ids (NVDM)
 * @return GGS_OK; GGS_EINVAL for a malformed line or an empty file (the
 *         message names the file, the line and the token); GGS_EIO for a file
 *         that cannot be opened or read; GGS_ENOMEM.
 */
int ggs_bow_read(ggs_bow *c, const char *path, size_t vocab, int zero_based);

/**
 * @brief Free the arrays of a corpus and zero it; a zeroed corpus (or NULL) is allowed.
 * @param c the corpus
 */
void ggs_bow_free(ggs_bow *c);
#line 172 "book/33-corpus.nw"
/** A vocabulary: V words, one per line in the file (extra whitespace-separated
    columns ignored; an empty line or duplicate word is an error naming the line). */
typedef struct ggs_vocab {
    size_t size;   /**< V */
    char **word;   /**< (V) the words, each NUL-terminated, pointing into text */
    char *text;    /**< the words one after the other, each with its NUL */
} ggs_vocab;

/**
 * @brief Read a vocabulary: the first whitespace-separated column of each line.
 * @param v    on success, the vocabulary (free with ggs_vocab_free()); untouched on error
 * @param path the file
 * @return GGS_OK; GGS_EINVAL for an empty line, a duplicate word or no word
 *         at all (the message names the file and the line); GGS_EIO for a file
 *         that cannot be opened or read; GGS_ENOMEM.
 */
int ggs_vocab_read(ggs_vocab *v, const char *path);

/**
 * @brief Free a vocabulary and zero it; a zeroed vocabulary (or NULL) is allowed.
 * @param v the vocabulary
 */
void ggs_vocab_free(ggs_vocab *v);
#line 208 "book/33-corpus.nw"
/**
 * @brief Read DIR/train.feat, DIR/test.feat and the vocabulary, checking ids against it.
 *
 * The vocabulary is @p vocab_path when it is not NULL (a path as given, not
 * relative to @p dir), else DIR/vocab.new when it exists, else the one file
 * DIR/ *.vocab (none or several is an error).
 * @param train      on success, the training corpus
 * @param test       on success, the test corpus
 * @param v          on success, the vocabulary; V = v->size for both corpora
 * @param dir        the directory
 * @param vocab_path the vocabulary file, or NULL to find it in @p dir
 * @param zero_based nonzero for 0-based ids, as for ggs_bow_read()
 * @return GGS_OK, or the status of the first failure (outputs untouched).
 */
int ggs_bow_open_dir(ggs_bow *train, ggs_bow *test, ggs_vocab *v, const char *dir,
                     const char *vocab_path, int zero_based);

#line 279 "book/33-corpus.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_CORPUS_H */
