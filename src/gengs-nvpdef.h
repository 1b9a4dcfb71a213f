#line 756 "book/21-nvpdef.nw"
/**
 * @file gengs-nvpdef.h
 * @brief Poisson topic models (NVPDEF, stacked NVPDEF) and their Gaussian baseline.
 *
 * Generated from book/21-nvpdef.nw by notangle; do not edit.
 */
#ifndef GENGS_NVPDEF_H
#define GENGS_NVPDEF_H
#include <stdio.h>
#include "gengs-core.h"
#include "gengs-latent.h"
#include "gengs-layer.h"
#include "gengs-nn.h"
#include "gengs-corpus.h"

#ifdef __cplusplus
extern "C" {
#endif

#line 427 "book/21-nvpdef.nw"
/** The latent variable of a topic model (ggs_nvpdef_config::model). */
enum ggs_nvpdef_model {
    GGS_NVPDEF_POISSON = 0,  /**< NVPDEF: K truncated Poisson counts, trained by GenGS */
    GGS_NVPDEF_GAUSSIAN = 1, /**< NVDM: K Gaussian coordinates, reparameterized */
    GGS_NVPDEF_STACKED = 2   /**< two Poisson layers: K2 counts above K, both by GenGS */
};

/** @brief Largest window start (ggs_nvpdef_config::lo): every value is exact in float. */
#define GGS_NVPDEF_MAX_LO 8388608L

/** The configuration of a topic model; ggs_nvpdef_default_config() fills it. */
typedef struct ggs_nvpdef_config {
    int model;            /**< enum ggs_nvpdef_model */
    int implicit;         /**< Poisson only: n logits per topic instead of one rate */
    double prior_rate;    /**< Poisson only: the prior's rate lambda0, finite and > 0 */
    size_t n;             /**< Poisson only: n categories, 2..GGS_LATENT_MAX_N */
    long lo;              /**< Poisson only: the window's first value, 0 (the default, the
                               support's start) to GGS_NVPDEF_MAX_LO; the categories are
                               the values {lo, ..., lo+n-1}, the first holding P(X <= lo) */
    size_t V;             /**< vocabulary size, >= 1 */
    size_t H;             /**< width of both hidden layers of the encoder, >= 1 */
    size_t K;             /**< topics (latent dimensions), >= 1 */
    size_t K2;            /**< stacked only: the upper layer's topics, >= 1 */
    size_t batch;         /**< largest batch B, >= 1 */
    int act;              /**< hidden activation: GGS_NN_RELU or GGS_NN_TANH */
    ggs_adam_config adam; /**< the optimizer */
    int straight_through; /**< Poisson and stacked only: training's decoder and lower
                               prior see the Gumbel-Max counts, the gradient is GenGS's */
} ggs_nvpdef_config;

/** Sums over documents of the terms of the objective (divide by count or words). */
typedef struct ggs_nvpdef_stats {
    double nll;    /**< -log p(x | z): relaxed z in training (straight-through: the
                        discrete counts) */
    double kl;     /**< KL(q(z | x) || p(z)), summed over the K topics (stacked: the
                        two layers' terms, the lower one at the sampled upper counts) */
    double words;  /**< sum of the documents' lengths N_d */
    size_t count;  /**< number of documents */
} ggs_nvpdef_stats;

/** A topic model: NVPDEF, stacked NVPDEF or NVDM (opaque). */
typedef struct ggs_nvpdef ggs_nvpdef;

/**
 * @brief The default configuration: NVPDEF, explicit inference, prior rate 1,
 * n = 16, V = 2000, H = 500, K = 50 (and K2 = 20, used by the stacked model
 * only), B = 64, tanh, Adam 5e-4.
 * @return the configuration
 */
ggs_nvpdef_config ggs_nvpdef_default_config(void);

/**
 * @brief Create a model and initialize its weights from @p seed (a
 * gsl_rng_mt19937: the first layer, uniform on +-sqrt(6 / V); the two dense
 * layers by ggs_mlp_init(); the decoder, uniform on +-sqrt(6 / (K + V));
 * biases 0; stacked: then W2 uniform on +-sqrt(6 / (K + K2)) and every
 * b2 = log(exp(prior_rate) - 1), so that softplus(b2) = prior_rate).
 * @param c the configuration (copied)
 * @param seed the seed of the weights
 * @return the model, or NULL with a message (GGS_EINVAL, GGS_EDOM, GGS_ENOMEM)
 */
ggs_nvpdef *ggs_nvpdef_alloc(const ggs_nvpdef_config *c, unsigned long seed);
/** @brief Free a model; NULL is allowed. @param m the model */
void ggs_nvpdef_free(ggs_nvpdef *m);
/** @brief Number of parameters. @param m the model @return the count */
size_t ggs_nvpdef_nparams(const ggs_nvpdef *m);
/** @brief The parameter block: W1 (V, H), b1 (H), the two dense layers
 *  (ggs_mlp_params() layout), decoder W (V, K), decoder b (V), and for the
 *  stacked model W2 (K, K2), b2 (K), the link of the lower layer's rates.
 *  @param m the model @return the block */
double *ggs_nvpdef_params(ggs_nvpdef *m);
/** @brief The gradient block of the last ggs_nvpdef_loss() with backward or
 *  ggs_nvpdef_step(), laid out like the parameters.
 *  @param m the model @return the block */
double *ggs_nvpdef_grads(ggs_nvpdef *m);

/**
 * @brief The training objective on a batch: with one relaxed GenGS sample at
 * temperature @p tau (NVPDEF) or one Gaussian sample (NVDM),
 * L = (1/rows) sum_d [-log p(x_d | z_d) + sum_k KL_dk].  With @p backward
 * nonzero, dL/dparams replaces the gradient block.  The noise comes from @p q.
 * With ggs_nvpdef_config::straight_through, z_d is the Gumbel-Max value of the
 * same noise (the argmax of the relaxed vector), L is a one-sample estimate of
 * the negative ELBO, and the gradient is the straight-through one: the
 * decoder's (and the lower prior's) gradient in z, taken at the discrete
 * counts, is carried back along the relaxed sample.
 * @param m the model
 * @param st in/out: nll, kl and words are added, count += rows
 * @param c the corpus (its vocabulary must be the model's V)
 * @param docs (rows) indices of documents of @p c
 * @param rows 1..B
 * @param tau temperature, finite and > 0 (not used by NVDM, but checked)
 * @param q the noise generator
 * @param backward nonzero to compute the gradient
 * @return GGS_OK, GGS_EINVAL (rows, a document index, vocabulary), GGS_EDOM
 *         (tau, an encoder output), GGS_ERANGE (loss)
 */
int ggs_nvpdef_loss(ggs_nvpdef *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                    const size_t *docs, size_t rows, double tau, ggs_noise *q, int backward);

/**
 * @brief One training step: ggs_nvpdef_loss() with backward, then Adam.
 * @param m the model @param st in/out @param c the corpus @param docs (rows)
 * @param rows 1..B @param tau temperature @param q the noise generator
 * @return as ggs_nvpdef_loss(), or GGS_ERANGE from Adam; the parameters are
 *         unchanged on any error
 */
int ggs_nvpdef_step(ggs_nvpdef *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                    const size_t *docs, size_t rows, double tau, ggs_noise *q);

/**
 * @brief Evaluate a batch, document by document: the negative ELBO with
 * @p samples exact samples (NVPDEF: Gumbel-Max draws of the discrete
 * posterior; NVDM: Gaussian draws) and the exact KL; and, for NVPDEF, the
 * same with the relaxed samples of the same noise at @p tau (relaxed, not a
 * bound; NaN for NVDM).
 * @param nelbo output (rows): -ELBO_d, an upper bound estimate of -log p(x_d)
 * @param nelbo_relaxed output (rows), or NULL
 * @param kl output (rows): the KL term of each document, or NULL
 * @param m the model @param c the corpus @param docs (rows) @param rows 1..B
 * @param tau temperature of the relaxed samples
 * @param samples samples per document, >= 1
 * @param q the noise generator
 * @return as ggs_nvpdef_loss(), GGS_EINVAL for samples = 0
 */
int ggs_nvpdef_evaluate(double *nelbo, double *nelbo_relaxed, double *kl, ggs_nvpdef *m,
                        const ggs_bow *c, const size_t *docs, size_t rows, double tau,
                        size_t samples, ggs_noise *q);

/**
 * @brief The @p T words with the largest decoder weights of each topic,
 * largest first (ties: the smaller word id first).  Cost O(K V T).
 * @param top output (K, T) word ids
 * @param m the model
 * @param T words per topic, 1..V
 * @return GGS_OK or GGS_EINVAL (T)
 */
int ggs_nvpdef_top_words(uint32_t *top, const ggs_nvpdef *m, size_t T);

/** @brief Save parameters and Adam state (ggs_nn_save()). @param f file
 *  @param m the model @return as ggs_nn_save() */
int ggs_nvpdef_save(FILE *f, const ggs_nvpdef *m);
/** @brief Load what ggs_nvpdef_save() wrote. @param f file @param m the model
 *  @return as ggs_nn_load() */
int ggs_nvpdef_load(FILE *f, ggs_nvpdef *m);
#line 575 "book/21-nvpdef.nw"
/**
 * @brief The first layer on word counts:
 * Y[r, :] = b + sum over the words w of document docs[r] of count_w W[w, :].
 * Cost O(H) per (document, word) pair.  Y is untouched on error.
 * @param Y output (rows, H)
 * @param W weights (V, H), row w for word w
 * @param b bias (H), or NULL for none
 * @param c the corpus, with c->vocab = V
 * @param docs (rows) document indices, each < c->ndocs
 * @param rows number of documents
 * @param H output width
 * @return GGS_OK or GGS_EINVAL (a document index, naming it)
 */
int ggs_nvpdef_sparse_forward(double *Y, const double *W, const double *b, const ggs_bow *c,
                              const size_t *docs, size_t rows, size_t H);
/**
 * @brief Backward of ggs_nvpdef_sparse_forward(): dW[w, :] += count_w dY[r, :]
 * for every word of document docs[r], db += dY[r, :].  The indices must have
 * been checked by the forward pass.
 * @param dW in/out (V, H) @param db in/out (H), or NULL
 * @param dY (rows, H) @param c the corpus @param docs (rows)
 * @param rows number of documents @param H output width
 */
void ggs_nvpdef_sparse_backward(double *dW, double *db, const double *dY, const ggs_bow *c,
                                const size_t *docs, size_t rows, size_t H);
/**
 * @brief Softmax log-likelihood of word counts:
 * ll[r] = sum_w x_w l[r, w] - N_d lse[r], lse[r] = logsumexp(l[r, :]), d = docs[r],
 * N_d = c->length[d]; the largest logit is subtracted before exponentiating.
 * @param ll output (rows)
 * @param lse output (rows), the log-sum-exp of each row for the backward pass, or NULL
 * @param logits (rows, V)
 * @param c the corpus (vocabulary V) @param docs (rows), checked by the caller
 * @param rows number of documents @param V vocabulary
 */
void ggs_nvpdef_softmax_loglik_forward(double *ll, double *lse, const double *logits,
                                       const ggs_bow *c, const size_t *docs, size_t rows,
                                       size_t V);
/**
 * @brief Backward: dlogits[r, w] += dll[r] (x_w - N_d exp(l[r, w] - lse[r])).
 * @param dlogits in/out (rows, V) @param dll (rows)
 * @param lse (rows), written by the forward pass on the same logits (a different
 *        array gives a wrong gradient: it cannot be checked)
 * @param logits (rows, V)
 * @param c the corpus @param docs (rows) @param rows number of documents
 * @param V vocabulary
 */
void ggs_nvpdef_softmax_loglik_backward(double *dlogits, const double *dll, const double *lse,
                                        const double *logits, const ggs_bow *c,
                                        const size_t *docs, size_t rows, size_t V);
/**
 * @brief Perplexities from negative ELBOs: per document
 * exp(mean_d(nelbo_d / N_d)) and per corpus exp(sum_d nelbo_d / sum_d N_d),
 * over the documents with N_d > 0 (the others are skipped).  A NaN in
 * @p nelbo gives NaN results.
 * @param doc output: the per-document perplexity
 * @param corpus output: the corpus perplexity
 * @param used output: number of documents used, or NULL
 * @param nelbo (count) negative ELBOs
 * @param len (count) document lengths N_d
 * @param count number of documents
 * @return GGS_OK, or GGS_EINVAL when no document has a word (outputs untouched)
 */
int ggs_nvpdef_perplexity(double *doc, double *corpus, size_t *used, const double *nelbo,
                          const uint64_t *len, size_t count);
#line 644 "book/21-nvpdef.nw"
/** The gradient paths of the stacked model (ggs_nvpdef_scale_path()). */
enum ggs_nvpdef_path {
    GGS_NVPDEF_PATH_DECODER = 0,           /**< likelihood to the decoder's W, b */
    GGS_NVPDEF_PATH_RECON = 1,             /**< likelihood through the lower sample */
    GGS_NVPDEF_PATH_KL1_POSTERIOR = 2,     /**< lower KL through q(z1 | x) */
    GGS_NVPDEF_PATH_KL1_PRIOR_WEIGHTS = 3, /**< lower KL through its prior to W2, b2 */
    GGS_NVPDEF_PATH_KL1_UPPER_SAMPLE = 4,  /**< lower KL through the relaxed z2 */
    GGS_NVPDEF_PATH_KL2 = 5,               /**< upper KL through q(z2 | x) */
    GGS_NVPDEF_NPATHS = 6                  /**< number of paths */
};

/**
 * @brief A testing aid: multiply one gradient path of the stacked model by
 * @p scale in every later backward pass (1 restores it; a new model has all
 * at 1, and scaling by 1 changes no bit).  With 0 the gradient is that of
 * a loss without the path, so a gradient check must then fail.
 * @param m a stacked model
 * @param path an enum ggs_nvpdef_path below GGS_NVPDEF_NPATHS
 * @param scale finite
 * @return GGS_OK, or GGS_EINVAL (not a stacked model, path, scale)
 */
int ggs_nvpdef_scale_path(ggs_nvpdef *m, int path, double scale);
#line 679 "book/21-nvpdef.nw"
/** The single-precision topic model (the functions ending in f). */
typedef struct ggs_nvpdeff ggs_nvpdeff;

/** @brief Single-precision ggs_nvpdef_alloc(). @param c configuration @param seed seed
 *  @return the model or NULL */
ggs_nvpdeff *ggs_nvpdef_allocf(const ggs_nvpdef_config *c, unsigned long seed);
/** @brief Single-precision ggs_nvpdef_free(). @param m the model or NULL */
void ggs_nvpdef_freef(ggs_nvpdeff *m);
/** @brief Single-precision ggs_nvpdef_nparams(). @param m the model @return N */
size_t ggs_nvpdef_nparamsf(const ggs_nvpdeff *m);
/** @brief Single-precision ggs_nvpdef_params(). @param m the model @return the block */
float *ggs_nvpdef_paramsf(ggs_nvpdeff *m);
/** @brief Single-precision ggs_nvpdef_grads(). @param m the model @return the block */
float *ggs_nvpdef_gradsf(ggs_nvpdeff *m);
/** @brief Single-precision ggs_nvpdef_loss(). @param m the model @param st in/out
 *  @param c the corpus @param docs (rows) @param rows 1..B @param tau temperature
 *  @param q noise @param backward nonzero for the gradient
 *  @return as ggs_nvpdef_loss() */
int ggs_nvpdef_lossf(ggs_nvpdeff *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                     const size_t *docs, size_t rows, double tau, ggs_noise *q, int backward);
/** @brief Single-precision ggs_nvpdef_step(). @param m the model @param st in/out
 *  @param c the corpus @param docs (rows) @param rows 1..B @param tau temperature
 *  @param q noise @return as ggs_nvpdef_step() */
int ggs_nvpdef_stepf(ggs_nvpdeff *m, ggs_nvpdef_stats *st, const ggs_bow *c,
                     const size_t *docs, size_t rows, double tau, ggs_noise *q);
/** @brief Single-precision ggs_nvpdef_evaluate(); its outputs are in double.
 *  @param nelbo output (rows) @param nelbo_relaxed output (rows) or NULL
 *  @param kl output (rows) or NULL @param m the model @param c the corpus
 *  @param docs (rows) @param rows 1..B @param tau temperature @param samples >= 1
 *  @param q noise @return as ggs_nvpdef_evaluate() */
int ggs_nvpdef_evaluatef(double *nelbo, double *nelbo_relaxed, double *kl, ggs_nvpdeff *m,
                         const ggs_bow *c, const size_t *docs, size_t rows, double tau,
                         size_t samples, ggs_noise *q);
/** @brief Single-precision ggs_nvpdef_top_words(). @param top output (K, T)
 *  @param m the model @param T 1..V @return as ggs_nvpdef_top_words() */
int ggs_nvpdef_top_wordsf(uint32_t *top, const ggs_nvpdeff *m, size_t T);
/** @brief Single-precision ggs_nvpdef_save(). @param f file @param m the model
 *  @return as ggs_nn_savef() */
int ggs_nvpdef_savef(FILE *f, const ggs_nvpdeff *m);
/** @brief Single-precision ggs_nvpdef_load(); a double checkpoint is refused.
 *  @param f file @param m the model @return as ggs_nn_loadf() */
int ggs_nvpdef_loadf(FILE *f, ggs_nvpdeff *m);
/** @brief Single-precision ggs_nvpdef_scale_path(). @param m a stacked model
 *  @param path the path @param scale finite @return as ggs_nvpdef_scale_path() */
int ggs_nvpdef_scale_pathf(ggs_nvpdeff *m, int path, double scale);
/** @brief Single-precision ggs_nvpdef_sparse_forward(); the sums over a document's
 *  words are formed in double. @param Y output (rows, H) @param W (V, H) @param b (H)
 *  or NULL @param c the corpus @param docs (rows) @param rows documents @param H width
 *  @return as ggs_nvpdef_sparse_forward() */
int ggs_nvpdef_sparse_forwardf(float *Y, const float *W, const float *b, const ggs_bow *c,
                               const size_t *docs, size_t rows, size_t H);
/** @brief Single-precision ggs_nvpdef_sparse_backward(). @param dW in/out (V, H)
 *  @param db in/out (H) or NULL @param dY (rows, H) @param c the corpus
 *  @param docs (rows) @param rows documents @param H width */
void ggs_nvpdef_sparse_backwardf(float *dW, float *db, const float *dY, const ggs_bow *c,
                                 const size_t *docs, size_t rows, size_t H);
/** @brief Single-precision ggs_nvpdef_softmax_loglik_forward(): float logits, the
 *  log-likelihood formed and returned in double. @param ll output (rows)
 *  @param lse output (rows), in double, or NULL @param logits (rows, V)
 *  @param c the corpus @param docs (rows) @param rows documents @param V vocabulary */
void ggs_nvpdef_softmax_loglik_forwardf(double *ll, double *lse, const float *logits,
                                        const ggs_bow *c, const size_t *docs, size_t rows,
                                        size_t V);
/** @brief Single-precision ggs_nvpdef_softmax_loglik_backward(). @param dlogits
 *  in/out (rows, V) @param dll (rows), in double @param lse (rows), the forward
 *  pass's @param logits (rows, V) @param c the corpus @param docs (rows)
 *  @param rows documents @param V vocabulary */
void ggs_nvpdef_softmax_loglik_backwardf(float *dlogits, const double *dll, const double *lse,
                                         const float *logits, const ggs_bow *c,
                                         const size_t *docs, size_t rows, size_t V);

#line 777 "book/21-nvpdef.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_NVPDEF_H */
