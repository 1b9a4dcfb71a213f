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
#line 399 "book/34-command.nw"
/** The kinds of value an option takes (see ggs_cmd_option). */
typedef enum ggs_cmd_kind {
    GGS_CMD_FLAG,     /**< no value: *(int *)dest = 1 */
    GGS_CMD_ULONG,    /**< unsigned long in [min, max] (max 0: no upper bound) */
    GGS_CMD_SIZE,     /**< size_t in [min, max], as GGS_CMD_ULONG */
    GGS_CMD_LONG,     /**< long, with an optional sign */
    GGS_CMD_REAL,     /**< finite double within the bounds of the row */
    GGS_CMD_CHOICE,   /**< one word of choices: *(int *)dest = its value */
    GGS_CMD_STRING,   /**< *(const char **)dest = the value; 1..maxlen characters if maxlen */
    GGS_CMD_CUSTOM    /**< the row's function reads the value */
} ggs_cmd_kind;

/** Bounds of a GGS_CMD_REAL row, or-ed together; 0 for none. */
enum ggs_cmd_bound {
    GGS_CMD_LO_OPEN = 1,      /**< x > lo */
    GGS_CMD_LO_CLOSED = 2,    /**< x >= lo */
    GGS_CMD_HI_OPEN = 4,      /**< x < hi */
    GGS_CMD_HI_CLOSED = 8     /**< x <= hi */
};

/** One word of a GGS_CMD_CHOICE option and the value it stands for; a list ends with
    a NULL word. */
typedef struct ggs_cmd_choice {
    const char *word;   /**< the word, or NULL at the end of a list */
    int value;          /**< the value it stands for */
} ggs_cmd_choice;

/** A word that a GGS_CMD_CHOICE option knows but refuses, and why; a list ends with a
    NULL word. */
typedef struct ggs_cmd_refusal {
    const char *word;   /**< the word, or NULL at the end of a list */
    const char *why;    /**< the end of the message: "is ...; write ..." */
} ggs_cmd_refusal;

/** The function of a GGS_CMD_CUSTOM row: read @p value into @p dest and return 1, or
    return 0 with the end of the sentence "--name = 'value' ..." in @p why (@p size
    bytes), leaving @p dest as it was. */
typedef int (*ggs_cmd_reader)(void *dest, const char *value, char *why, size_t size);

/** One option of a subcommand: a row of the table that ggs_cmd_parse reads. */
typedef struct ggs_cmd_option {
    const char *name;               /**< "--epochs"; NULL ends the table */
    ggs_cmd_kind kind;              /**< the kind of its value */
    void *dest;                     /**< where the value goes; its type is the kind's */
    int *given;                     /**< set to 1 when the option is given, or NULL */
    unsigned long min;              /**< GGS_CMD_ULONG, GGS_CMD_SIZE: the smallest value */
    unsigned long max;              /**< ... and the largest (0: no upper bound) */
    double lo;                      /**< GGS_CMD_REAL: the lower bound ... */
    double hi;                      /**< ... the upper bound ... */
    int bounds;                     /**< ... and which of them hold (enum ggs_cmd_bound) */
    const ggs_cmd_choice *choices;  /**< GGS_CMD_CHOICE: the words accepted ... */
    const ggs_cmd_refusal *refused; /**< ... and the words refused (NULL: none) */
    size_t maxlen;                  /**< GGS_CMD_STRING: 0, any text */
    ggs_cmd_reader read;            /**< GGS_CMD_CUSTOM */
} ggs_cmd_option;

/** The first four fields of a row, as designated initializers: a row reads
    { GGS_CMD_OPTION("--lr", GGS_CMD_REAL, &lr, NULL), .lo = 0, .bounds = GGS_CMD_LO_OPEN }. */
#define GGS_CMD_OPTION(NAME, KIND, DEST, GIVEN) \
    .name = (NAME), .kind = (KIND), .dest = (DEST), .given = (GIVEN)
/** The row that ends a table. */
#define GGS_CMD_END { .name = NULL }
/** The three rows of the temperature schedule tau = max(tau_min, tau0 exp(-rate step))
    that both trainers read: --tau0 and --tau-min > 0, --anneal-rate >= 0, into the
    doubles at TAU0, TAU_MIN and RATE. */
#define GGS_CMD_TEMPERATURE_ROWS(TAU0, TAU_MIN, RATE) \
    { GGS_CMD_OPTION("--tau0", GGS_CMD_REAL, (TAU0), NULL), .lo = 0, \
      .bounds = GGS_CMD_LO_OPEN }, \
    { GGS_CMD_OPTION("--tau-min", GGS_CMD_REAL, (TAU_MIN), NULL), .lo = 0, \
      .bounds = GGS_CMD_LO_OPEN }, \
    { GGS_CMD_OPTION("--anneal-rate", GGS_CMD_REAL, (RATE), NULL), .lo = 0, \
      .bounds = GGS_CMD_LO_CLOSED }

/**
 * @brief Read the options of subcommand @p cmd from argv[1..argc-1] into the
 * destinations of @p table.
 * @param table the options, ended by a row whose name is NULL
 * @param cmd the subcommand's name, for messages
 * @param argc number of arguments, argv[0] (the subcommand's name) included
 * @param argv the arguments
 * @param operands receives, in order, the arguments that are not options (may be
 *        NULL when max_operands is 0)
 * @param max_operands how many of them the subcommand takes (0: none)
 * @param err where a message goes
 * @return 0, or 2 (a usage error, with its message printed)
 */
int ggs_cmd_parse(const ggs_cmd_option *table, const char *cmd, int argc, char **argv,
                  const char **operands, size_t max_operands, FILE *err);

/**
 * @brief The first word of @p choices that stands for @p value, or NULL if none does.
 * @param choices a list ended by a NULL word
 * @param value the value
 * @return the word (a pointer into the list), or NULL
 */
const char *ggs_cmd_choice_word(const ggs_cmd_choice *choices, int value);

/**
 * @brief Whether any of argv[first..argc-1] is --help or -h, wherever it stands.
 * @param argc argument count @param argv the arguments
 * @param first the first argument to look at (after the subcommand's name)
 * @return 1 or 0
 */
int ggs_cmd_wants_help(int argc, char **argv, int first);

#line 255 "book/34-command.nw"
/* the subcommands, each defined in its chapter */
#line 3988 "book/20-vae.nw"
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
#line 1842 "book/21-nvpdef.nw"
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
#line 257 "book/34-command.nw"
#endif
