#line 667 "book/20-vae.nw"
/**
 * @file gengs-latent.h
 * @brief Batched latent kernels: truncated log-pmfs, GenGS, Gumbel-Max and KL
 *        divergences over whole minibatches.
 *
 * Generated from book/20-vae.nw by notangle; do not edit.
 */
#ifndef GENGS_LATENT_H
#define GENGS_LATENT_H
#include "gengs-core.h"

#ifdef __cplusplus
extern "C" {
#endif

#line 461 "book/20-vae.nw"
/** @brief Largest truncation level n the batched latent kernels accept. */
#define GGS_LATENT_MAX_N 1024

/** @brief The floor added to softplus for a rate or a negative binomial r
 *  (the links of the family descriptors use it). */
#define GGS_LATENT_RATE_MIN GGS_LINK_RATE_MIN

/**
 * @brief Number of encoder outputs per latent dimension in explicit inference:
 * the family descriptor's nlink (1 for Poisson, geometric and the zero-truncated
 * Poisson, 2 for the negative binomial).
 * @param family the latent family
 * @return P, or 0 for a family without a latent link (or not a family)
 */
size_t ggs_latent_nparam(ggs_family family);

/**
 * @brief Explicit inference, batched: from unconstrained encoder outputs @p a
 * to the parameters, the truncated log-pmf on the window {lo, ..., lo+n-1}
 * (tails on the end categories), its derivatives, and the KL divergence to a
 * truncated prior on the same window.
 *
 * The link is the family descriptor's (ggs_family_desc::link): Poisson lambda =
 * GGS_LATENT_RATE_MIN + softplus(a_0); geometric p = sigmoid(a_0); negative
 * binomial r = GGS_LATENT_RATE_MIN + softplus(a_0), p = sigmoid(a_1) (ours counts
 * failures: negbin:r,p).  Poisson, geometric and negative binomial rows with
 * lo = 0 have kernels of their own; every other row is computed from the
 * descriptor and the truncated pmf of Chapter 3.  Computed in double
 * precision row by row.  Any output except @p logq may be NULL.
 * @param theta  output (rows, P): lambda, p, or (r, p)
 * @param dtheta output (rows, P): d theta_j / d a_j
 * @param logq   output (rows, n): the truncated log-pmf
 * @param dlogq  output (rows, n, P): d logq / d a
 * @param kl     output (rows): KL(logq || logprior), tail term included
 * @param dkl    output (rows, P): d kl / d a
 * @param a      (rows, P) encoder outputs, finite
 * @param family a family whose descriptor has a link (nlink > 0)
 * @param lo     the window's first value, inside the family's support
 * @param logprior (n) the prior's truncated log-pmf on the window, finite
 * @param rows   number of latent draws, B K
 * @param n      categories, 2 <= n <= GGS_LATENT_MAX_N
 * @return GGS_OK, GGS_EINVAL (family, window, n), GGS_EDOM (a non-finite a, or
 *         one whose parameters the family's constructor refuses)
 */
int ggs_latent_explicit(double *theta, double *dtheta, double *logq, double *dlogq,
                        double *kl, double *dkl, const double *a, ggs_family family, long lo,
                        const double *logprior, size_t rows, size_t n);

/**
 * @brief Chain rule of explicit inference: da[r, j] += sum_k dlogq[r, k] jac[r, k, j].
 * @param da    in/out (rows, P)
 * @param dlogq (rows, n) gradient with respect to the log-pmf
 * @param jac   (rows, n, P) from ggs_latent_explicit()
 * @param rows  number of rows @param n categories @param P parameters per row
 */
void ggs_latent_chain(double *da, const double *dlogq, const double *jac, size_t rows,
                      size_t n, size_t P);

/**
 * @brief Explicit Poisson inference without the log-pmf: the rates, their
 * derivatives, and the KL divergence to a truncated Poisson prior and its
 * derivative, in closed form (what the batched Poisson layer of src/layer.c needs).
 *
 * Equals ggs_latent_explicit() for the Poisson family with logprior the
 * prior's truncated log-pmf, to rounding, at O(1) cost per row instead of
 * O(n) while lambda < n - 1 (the tail series costs what it did).
 * @param lambda  output (rows): GGS_LATENT_RATE_MIN + softplus(a)
 * @param dlambda output (rows): d lambda / d a = sigmoid(a)
 * @param kl      output (rows): KL(TPois(lambda, n) || TPois(lambda0, n))
 * @param dkl     output (rows): d kl / d a
 * @param a       (rows) encoder outputs, finite
 * @param prior   a Poisson distribution (lambda0)
 * @param rows    number of latent draws, B K
 * @param n       categories, 2 <= n <= GGS_LATENT_MAX_N
 * @return GGS_OK, GGS_EINVAL (prior not Poisson, n), GGS_EDOM (a non-finite a)
 */
int ggs_latent_poisson_kl(double *lambda, double *dlambda, double *kl, double *dkl,
                          const double *a, const ggs_dist *prior, size_t rows, size_t n);

/**
 * @brief Implicit inference, batched: logq = log-softmax(a) row by row,
 * q = exp(logq), and kl = KL(q || prior) with the prior's truncated log-pmf.
 * The largest logit is subtracted before exponentiating.
 * @param logq  output (rows, n)
 * @param q     output (rows, n)
 * @param kl    output (rows), or NULL
 * @param a     (rows, n) logits, finite
 * @param logprior (n) the prior's truncated log-pmf, finite
 * @param rows  number of rows @param n categories, 2 <= n <= GGS_LATENT_MAX_N
 * @return GGS_OK, GGS_EINVAL (n), GGS_EDOM (a non-finite logit)
 */
int ggs_latent_implicit(double *logq, double *q, double *kl, const double *a,
                        const double *logprior, size_t rows, size_t n);

/**
 * @brief Backward of ggs_latent_implicit() for the loss
 * L = (terms through logq) + wkl sum_r kl_r:
 * da += dlogq - q sum(dlogq) + wkl q (logq - logprior - kl), row by row.
 * @param da    in/out (rows, n)
 * @param dlogq (rows, n) gradient of the sample path with respect to logq, or NULL
 * @param logq  (rows, n) @param q (rows, n) @param kl (rows) from the forward pass
 * @param logprior (n) @param wkl weight of the KL terms in the loss
 * @param rows  number of rows @param n categories
 */
void ggs_latent_implicit_backward(double *da, const double *dlogq, const double *logq,
                                  const double *q, const double *kl, const double *logprior,
                                  double wkl, size_t rows, size_t n);

/**
 * @brief GenGS forward, batched, with outcomes c_k = k:
 * y = softmax((logq + g) / tau) and z = sum_k k y_k, row by row.  The largest
 * argument is subtracted before the scaling by 1/tau (clamped to the largest
 * finite number).
 * @param z    output (rows)
 * @param y    output (rows, n), kept for the backward pass
 * @param logq (rows, n) log-probabilities, finite
 * @param g    (rows, n) Gumbel noise, kept by the caller
 * @param tau  temperature, finite and > 0
 * @param rows number of rows @param n categories
 * @return GGS_OK or GGS_EDOM (tau)
 */
int ggs_gengs_batch_forward(double *z, double *y, const double *logq, const double *g,
                            double tau, size_t rows, size_t n);

/**
 * @brief GenGS backward, batched: dlogq[r, k] += dz[r] / tau y[r, k] (k - z[r]).
 * @param dlogq in/out (rows, n)
 * @param dz   (rows) gradient of the loss with respect to z
 * @param z    (rows) @param y (rows, n) from the forward pass
 * @param tau  the forward temperature
 * @param rows number of rows @param n categories
 */
void ggs_gengs_batch_backward(double *dlogq, const double *dz, const double *z,
                              const double *y, double tau, size_t rows, size_t n);

/**
 * @brief Straight-through values: z[r] = argmax_k y[r, k] (the Gumbel-Max value
 * of the same noise); the backward pass is ggs_gengs_batch_backward() with the
 * relaxed z.
 * @param z output (rows) @param y (rows, n) @param rows number of rows @param n categories
 */
void ggs_gengs_batch_hard(double *z, const double *y, size_t rows, size_t n);

/**
 * @brief Exact draws of the truncated distributions (Theorem 3):
 * z[r] = argmax_k (logq[r, k] + g[r, k]).
 * @param z output (rows) @param logq (rows, n) @param g (rows, n) Gumbel noise
 * @param rows number of rows @param n categories
 */
void ggs_gumbel_max_batch(double *z, const double *logq, const double *g, size_t rows,
                          size_t n);

/** @brief Single-precision ggs_latent_explicit() (computed in double, stored as float).
 *  @param theta output (rows, P) or NULL @param dtheta output (rows, P) or NULL
 *  @param logq output (rows, n) @param dlogq output (rows, n, P) or NULL
 *  @param kl output (rows) or NULL @param dkl output (rows, P) or NULL
 *  @param a (rows, P) @param family the family @param lo the window's first value
 *  @param logprior (n) @param rows rows @param n categories
 *  @return as ggs_latent_explicit() */
int ggs_latent_explicitf(float *theta, float *dtheta, float *logq, float *dlogq, float *kl,
                         float *dkl, const float *a, ggs_family family, long lo,
                         const double *logprior, size_t rows, size_t n);
/** @brief Single-precision ggs_latent_poisson_kl() (computed in double, stored as float).
 *  @param lambda output (rows) @param dlambda output (rows) @param kl output (rows)
 *  @param dkl output (rows) @param a (rows) @param prior a Poisson distribution
 *  @param rows rows @param n categories @return as ggs_latent_poisson_kl() */
int ggs_latent_poisson_klf(float *lambda, float *dlambda, float *kl, float *dkl,
                           const float *a, const ggs_dist *prior, size_t rows, size_t n);
/** @brief Single-precision ggs_latent_chain(). @param da in/out (rows, P)
 *  @param dlogq (rows, n) @param jac (rows, n, P) @param rows rows @param n categories
 *  @param P parameters per row */
void ggs_latent_chainf(float *da, const float *dlogq, const float *jac, size_t rows,
                       size_t n, size_t P);
/** @brief Single-precision ggs_latent_implicit(). @param logq output (rows, n)
 *  @param q output (rows, n) @param kl output (rows) or NULL @param a (rows, n)
 *  @param logprior (n) @param rows rows @param n categories
 *  @return as ggs_latent_implicit() */
int ggs_latent_implicitf(float *logq, float *q, float *kl, const float *a,
                         const double *logprior, size_t rows, size_t n);
/** @brief Single-precision ggs_latent_implicit_backward(). @param da in/out (rows, n)
 *  @param dlogq (rows, n) or NULL @param logq (rows, n) @param q (rows, n) @param kl (rows)
 *  @param logprior (n) @param wkl KL weight @param rows rows @param n categories */
void ggs_latent_implicit_backwardf(float *da, const float *dlogq, const float *logq,
                                   const float *q, const float *kl, const double *logprior,
                                   double wkl, size_t rows, size_t n);
/** @brief Single-precision ggs_gengs_batch_forward(). @param z output (rows)
 *  @param y output (rows, n) @param logq (rows, n) @param g (rows, n) @param tau temperature
 *  @param rows rows @param n categories @return as ggs_gengs_batch_forward() */
int ggs_gengs_batch_forwardf(float *z, float *y, const float *logq, const float *g,
                             double tau, size_t rows, size_t n);
/** @brief Single-precision ggs_gengs_batch_backward(). @param dlogq in/out (rows, n)
 *  @param dz (rows) @param z (rows) @param y (rows, n) @param tau temperature
 *  @param rows rows @param n categories */
void ggs_gengs_batch_backwardf(float *dlogq, const float *dz, const float *z, const float *y,
                               double tau, size_t rows, size_t n);
/** @brief Single-precision ggs_gengs_batch_hard(). @param z output (rows)
 *  @param y (rows, n) @param rows rows @param n categories */
void ggs_gengs_batch_hardf(float *z, const float *y, size_t rows, size_t n);
/** @brief Single-precision ggs_gumbel_max_batch(). @param z output (rows)
 *  @param logq (rows, n) @param g (rows, n) @param rows rows @param n categories */
void ggs_gumbel_max_batchf(float *z, const float *logq, const float *g, size_t rows, size_t n);

#line 684 "book/20-vae.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_LATENT_H */
