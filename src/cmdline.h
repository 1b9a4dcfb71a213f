#line 225 "book/34-command.nw"
/* Generated from book/34-command.nw; do not edit. */
#ifndef GENGS_CMDLINE_H
#define GENGS_CMDLINE_H
#include <stdio.h>
#include "gengs-corpus.h"

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

/* the subcommands, each defined in its chapter */
#line 3989 "book/20-vae.nw"
/**
 * @brief The command `gengs vae`: train and evaluate a GenGS VAE.
 * `gengs vae --help` lists the options.  Writes OUT/log.csv (one line per
 * epoch), OUT/checkpoint.bin (atomically, every epoch and on SIGINT),
 * OUT/reconstructions.png and OUT/samples.png.
 * @param argc number of arguments, argv[0] being "vae"
 * @param argv the arguments
 * @param out where results go (one line per epoch)
 * @param err where messages and the progress line go
 * @return 0 on success, 1 on a runtime error (data, files, a non-finite
 *         loss), 2 on a usage error, 130 after SIGINT (checkpoint written).
 */
int ggs_vae_main(int argc, char **argv, FILE *out, FILE *err);
#line 1826 "book/21-nvpdef.nw"
/**
 * @brief The command `gengs nvpdef`: read a corpus directory (ggs_bow_open_dir())
 * and call ggs_nvpdef_run().  `gengs nvpdef --help` lists the options.
 * @param argc number of arguments, argv[0] being "nvpdef"
 * @param argv the arguments
 * @param out results (one line per epoch) @param err messages
 * @return 0, 1 (runtime error), 2 (usage error), 130 (SIGINT, checkpoint written)
 */
int ggs_nvpdef_main(int argc, char **argv, FILE *out, FILE *err);
/**
 * @brief Train and evaluate a topic model on corpora in memory, with the
 * options of `gengs nvpdef` (the data options are accepted and ignored).
 * Writes OUT/log.csv, OUT/checkpoint.bin, OUT/best.bin and OUT/topics.txt.
 * @param argc number of arguments @param argv the arguments
 * @param train the training corpus (the validation split comes from it)
 * @param test the test corpus, same vocabulary
 * @param vocab the words, for topics.txt, or NULL (word ids are written)
 * @param out results @param err messages
 * @return as ggs_nvpdef_main()
 */
int ggs_nvpdef_run(int argc, char **argv, const ggs_bow *train, const ggs_bow *test,
                   const ggs_vocab *vocab, FILE *out, FILE *err);
#line 272 "book/22-estimators.nw"
/**
 * @brief The command `gengs synth`; `gengs synth --help` describes it.
 * @param argc number of arguments, argv[0] being "synth"
 * @param argv the arguments
 * @param out results @param err messages
 * @return 0, 1 (runtime error) or 2 (usage error)
 */
int ggs_synth_main(int argc, char **argv, FILE *out, FILE *err);
#line 235 "book/33-corpus.nw"
/** @brief Where `gengs corpus` looks for its stop words unless told (relative to
    the current directory; `make corpus-data` puts them there). */
#define GGS_CORPUS_STOPWORDS "build/data/stopwords-en.txt"

/** @brief Longest word, in letters, that `gengs corpus` keeps. */
#define GGS_CORPUS_MAX_WORD 30

/**
 * @brief The command `gengs corpus`: a bag-of-words corpus from a folder of text files.
 * `gengs corpus --help` lists the options.  Writes OUT/train.feat, OUT/test.feat
 * (NVDM format, label 0), OUT/vocab.new and OUT/{train,test}.files.
 * @param argc number of arguments, argv[0] being "corpus"
 * @param argv the arguments
 * @param out  where the summary goes
 * @param err  where messages go
 * @return 0 on success, 1 on a runtime error (files, an empty corpus), 2 on a usage error.
 */
int ggs_corpus_main(int argc, char **argv, FILE *out, FILE *err);
#line 261 "book/34-command.nw"
#endif
