#line 1937 "book/20-vae.nw"
/**
 * @file gengs-vae.h
 * @brief The GenGS variational autoencoder, in double and single precision.
 *
 * Generated from book/20-vae.nw by notangle; do not edit.
 */
#ifndef GENGS_VAE_H
#define GENGS_VAE_H
#include <stdio.h>
#include "gengs-core.h"
#include "gengs-latent.h"
#include "gengs-layer.h"
#include "gengs-nn.h"

#ifdef __cplusplus
extern "C" {
#endif

#line 1703 "book/20-vae.nw"
/** @brief Largest number of hidden layers of the encoder (the decoder mirrors it). */
#define GGS_VAE_MAX_HIDDEN 4
/** @brief Largest number of shards a batch is cut into (ggs_vae_config::shards). */
#define GGS_VAE_MAX_SHARDS 8

/** How the gradient of the reconstruction term reaches the encoder (ggs_vae_config::estimator). */
enum ggs_vae_estimator {
    GGS_VAE_GENGS = 0,  /**< GenGS: through the relaxed sample (with straight_through, the
                             decoder sees its argmax) */
    GGS_VAE_RFSTAR,     /**< REINFORCE with the leave-one-out baseline (RF*): discrete
                             samples, ggs_vae_config::samples of them per image, unbiased */
    GGS_VAE_MUPROP,     /**< MuProp: REINFORCE with the first-order Taylor expansion of
                             the decoder's loss at the mean as control variate, unbiased */
    GGS_VAE_NVIL,       /**< NVIL: REINFORCE with a learned input-dependent baseline, a
                             network of GGS_VAE_NVIL_HIDDEN tanh units, unbiased */
    GGS_VAE_VIMCO,      /**< VIMCO: the ggs_vae_config::samples-sample importance-weighted
                             bound, its gradient with leave-one-out learning signals,
                             unbiased for that bound (not for the ELBO) */
    GGS_VAE_REBAR,      /**< REBAR with eta = 1 and the relaxation's temperature tau: the
                             GenGS relaxation of the sample and of a conditional sample
                             as control variate, unbiased */
    GGS_VAE_RELAX,      /**< RELAX: REBAR's control variate plus a learned network r_rho of
                             the K relaxed values (GGS_VAE_RELAX_HIDDEN tanh units, its
                             parameters after the decoder's), rho descending the squared
                             estimate, unbiased */
    GGS_VAE_STORB       /**< StoRB*: one joint outcome z* ~ q summed exactly, the others
                             sampled from q given z != z*, with the leave-one-out baseline;
                             ggs_vae_config::samples rows per image (z* first), unbiased */
};
/** @brief Hidden units of NVIL's baseline network (its parameters follow the decoder's). */
#define GGS_VAE_NVIL_HIDDEN 100
/** @brief Most samples per image of VIMCO (ggs_vae_config::samples). */
#define GGS_VAE_MAX_VIMCO 64
/** @brief Hidden units of RELAX's network r_rho (its parameters follow the decoder's). */
#define GGS_VAE_RELAX_HIDDEN 16

/** The configuration of a VAE; ggs_vae_default_config() fills the paper-like defaults. */
typedef struct ggs_vae_config {
    ggs_dist prior;                     /**< prior: a family with a latent link */
    size_t n;                           /**< truncation level: n categories */
    long lo;                            /**< the window's first value: the categories
                                             are the values {lo, ..., lo+n-1} */
    int implicit;                       /**< nonzero: implicit inference (n logits each) */
    int straight_through;               /**< nonzero: the decoder sees c[argmax y] */
    int estimator;                      /**< enum ggs_vae_estimator (default GGS_VAE_GENGS) */
    size_t samples;                     /**< RF*, VIMCO and StoRB*: samples per image,
                                             >= 2; the rows of a batch come in groups of
                                             this many copies of one image (ignored by
                                             the other estimators) */
    int standardize;                    /**< nonzero: the decoder sees (z - mean) / sd,
                                             the truncated prior's mean and sd */
    size_t D;                           /**< pixels per image */
    size_t K;                           /**< latent dimensions */
    size_t nhidden;                     /**< hidden layers, 1..GGS_VAE_MAX_HIDDEN */
    size_t hidden[GGS_VAE_MAX_HIDDEN];  /**< encoder widths; the decoder uses them reversed */
    int act;                            /**< hidden activation, enum ggs_nn_act */
    size_t batch;                       /**< largest batch B */
    size_t shards;                      /**< a batch is computed in this many independent
                                             parts, 1..GGS_VAE_MAX_SHARDS, run in parallel
                                             on the kernel threads; results depend on it,
                                             not on the number of threads */
    ggs_adam_config adam;               /**< the optimizer */
} ggs_vae_config;

/** Sums over examples of the quantities of the objective (divide by count). */
typedef struct ggs_vae_stats {
    double recon;          /**< -log p(x | z): relaxed z in training, discrete in evaluation */
    double kl;             /**< KL(q(z | x) || p(z)), summed over the K dimensions */
    double recon_relaxed;  /**< evaluation: -log p(x | z) with relaxed z at the given tau */
    double iw;             /**< evaluation: the importance-weighted estimate of -log p(x) */
    size_t count;          /**< number of examples */
} ggs_vae_stats;

/** A VAE in double precision (opaque). */
typedef struct ggs_vae ggs_vae;
/** A VAE in single precision (opaque). */
typedef struct ggs_vaef ggs_vaef;

/**
 * @brief The default configuration: poisson:2 prior, n = 16, implicit
 * inference, D = 784, K = 64, hidden 512,256 with ReLU, B = 128, 2 shards,
 * Adam 1e-3.
 * @return the configuration
 */
ggs_vae_config ggs_vae_default_config(void);

/**
 * @brief Create a VAE and initialize its parameters from @p seed (ggs_mlp_init()
 * with a gsl_rng_mt19937: encoder first, then decoder).
 * @param c the configuration (copied)
 * @param seed the seed of the initial weights
 * @return the model, or NULL with a message (GGS_EINVAL, GGS_EDOM, GGS_ENOMEM).
 */
ggs_vae *ggs_vae_alloc(const ggs_vae_config *c, unsigned long seed);
/** @brief Free a VAE; NULL is allowed. @param m the model */
void ggs_vae_free(ggs_vae *m);
/** @brief Number of parameters (encoder then decoder). @param m the model @return N */
size_t ggs_vae_nparams(const ggs_vae *m);
/** @brief The parameter block (encoder then decoder). @param m the model @return the block */
double *ggs_vae_params(ggs_vae *m);
/** @brief The gradient block: of the last ggs_vae_loss() with backward, or of
 *  the last ggs_vae_step().
 *  @param m the model @return the block */
double *ggs_vae_grads(ggs_vae *m);

/**
 * @brief The training objective on a batch: with relaxed (GenGS) samples at
 * temperature @p tau, L = (1/rows) sum_b [-log p(x_b | z_b) + sum_k KL_bk].
 * With @p backward nonzero the gradient dL/dparams replaces the gradient
 * block.  The noise is drawn from @p q (copy it first to replay it).
 * @param m the model
 * @param st in/out: recon and kl sums are added, count += rows
 * @param x (rows, D) pixels, each 0 or 1 (the encoder's input is binary)
 * @param rows number of examples, 1..B
 * @param tau temperature, finite and > 0
 * @param q the noise generator
 * @param backward nonzero to compute the gradient
 * @return GGS_OK, GGS_EINVAL (rows, a pixel not 0 or 1), GGS_EDOM (tau, or an encoder
 *         output), GGS_ERANGE (loss)
 */
int ggs_vae_loss(ggs_vae *m, ggs_vae_stats *st, const double *x, size_t rows, double tau,
                 ggs_noise *q, int backward);

/**
 * @brief One training step: ggs_vae_loss() with backward on B examples, then Adam.
 * @param m the model
 * @param st in/out, as for ggs_vae_loss()
 * @param x (B, D) pixels, each 0 or 1
 * @param tau temperature
 * @param q the noise generator
 * @return as ggs_vae_loss(), or GGS_ERANGE from Adam (non-finite gradient);
 *         the parameters are unchanged on any error.
 */
int ggs_vae_step(ggs_vae *m, ggs_vae_stats *st, const double *x, double tau, ggs_noise *q);

/**
 * @brief Evaluate on a batch: the exact KL; the reconstruction term with
 * discrete (Gumbel-Max) samples, which with the KL gives the ELBO of the
 * discrete model; the same with relaxed samples at @p tau (same noise); and,
 * with @p iw_samples > 0, the importance-weighted estimate of -log p(x).
 * @param m the model
 * @param st in/out: sums added (recon, recon_relaxed, iw averaged over samples)
 * @param x (rows, D) pixels, each 0 or 1
 * @param rows 1..B
 * @param tau temperature of the relaxed samples
 * @param samples samples per example for the ELBO, >= 1
 * @param iw_samples samples of the importance-weighted estimate, 0 for none
 * @param q the noise generator
 * @return as ggs_vae_loss()
 */
int ggs_vae_evaluate(ggs_vae *m, ggs_vae_stats *st, const double *x, size_t rows, double tau,
                     size_t samples, size_t iw_samples, ggs_noise *q);

/**
 * @brief Reconstructions: encode, draw discrete z (Gumbel-Max), decode to
 * pixel probabilities sigmoid(logits).
 * @param m the model @param p output (rows, D) @param x (rows, D)
 * @param rows 1..B @param q the noise generator
 * @return as ggs_vae_loss()
 */
int ggs_vae_reconstruct(ggs_vae *m, double *p, const double *x, size_t rows, ggs_noise *q);

/**
 * @brief Samples of the generative model: z from the truncated prior
 * (Gumbel-Max), decoded to pixel probabilities.
 * @param m the model @param p output (rows, D) @param rows 1..B @param q the noise generator
 * @return GGS_OK or GGS_EINVAL (rows)
 */
int ggs_vae_sample_prior(ggs_vae *m, double *p, size_t rows, ggs_noise *q);

/**
 * @brief RELAX: the quantity that r_rho's parameters descend, the sum over the rows of
 * the last ggs_vae_loss() with backward of the squared estimate of dL/d log q (the
 * log-probabilities taken as free variables, weight 1/rows included); 0 for the
 * other estimators and before the first such call.
 * @param m the model
 * @return the sum
 */
double ggs_vae_relax_objective(const ggs_vae *m);

/** @brief Save parameters and Adam state (ggs_nn_save()). @param f file @param m the model
 *  @return as ggs_nn_save() */
int ggs_vae_save(FILE *f, const ggs_vae *m);
/** @brief Load what ggs_vae_save() wrote. @param f file @param m the model
 *  @return as ggs_nn_load() */
int ggs_vae_load(FILE *f, ggs_vae *m);

/** @brief Single-precision ggs_vae_alloc(). @param c configuration @param seed seed
 *  @return the model or NULL */
ggs_vaef *ggs_vae_allocf(const ggs_vae_config *c, unsigned long seed);
/** @brief Single-precision ggs_vae_free(). @param m the model or NULL */
void ggs_vae_freef(ggs_vaef *m);
/** @brief Single-precision ggs_vae_nparams(). @param m the model @return N */
size_t ggs_vae_nparamsf(const ggs_vaef *m);
/** @brief Single-precision ggs_vae_params(). @param m the model @return the block */
float *ggs_vae_paramsf(ggs_vaef *m);
/** @brief Single-precision ggs_vae_grads(). @param m the model @return the block */
float *ggs_vae_gradsf(ggs_vaef *m);
/** @brief Single-precision ggs_vae_loss(). @param m the model @param st in/out
 *  @param x (rows, D) @param rows 1..B @param tau temperature @param q noise
 *  @param backward nonzero for the gradient @return as ggs_vae_loss() */
int ggs_vae_lossf(ggs_vaef *m, ggs_vae_stats *st, const float *x, size_t rows, double tau,
                  ggs_noise *q, int backward);
/** @brief Single-precision ggs_vae_step(). @param m the model @param st in/out
 *  @param x (B, D) @param tau temperature @param q noise @return as ggs_vae_step() */
int ggs_vae_stepf(ggs_vaef *m, ggs_vae_stats *st, const float *x, double tau, ggs_noise *q);
/** @brief Single-precision ggs_vae_evaluate(). @param m the model @param st in/out
 *  @param x (rows, D) @param rows 1..B @param tau temperature @param samples >= 1
 *  @param iw_samples >= 0 @param q noise @return as ggs_vae_evaluate() */
int ggs_vae_evaluatef(ggs_vaef *m, ggs_vae_stats *st, const float *x, size_t rows, double tau,
                      size_t samples, size_t iw_samples, ggs_noise *q);
/** @brief Single-precision ggs_vae_reconstruct(). @param m the model @param p output
 *  (rows, D) @param x (rows, D) @param rows 1..B @param q noise
 *  @return as ggs_vae_reconstruct() */
int ggs_vae_reconstructf(ggs_vaef *m, float *p, const float *x, size_t rows, ggs_noise *q);
/** @brief Single-precision ggs_vae_sample_prior(). @param m the model @param p output
 *  (rows, D) @param rows 1..B @param q noise @return as ggs_vae_sample_prior() */
int ggs_vae_sample_priorf(ggs_vaef *m, float *p, size_t rows, ggs_noise *q);
/** @brief Single-precision ggs_vae_relax_objective(). @param m the model @return the sum */
double ggs_vae_relax_objectivef(const ggs_vaef *m);
/** @brief Single-precision ggs_vae_save(). @param f file @param m the model
 *  @return as ggs_nn_savef() */
int ggs_vae_savef(FILE *f, const ggs_vaef *m);
/** @brief Single-precision ggs_vae_load(). @param f file @param m the model
 *  @return as ggs_nn_loadf() */
int ggs_vae_loadf(FILE *f, ggs_vaef *m);

#line 1957 "book/20-vae.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_VAE_H */
