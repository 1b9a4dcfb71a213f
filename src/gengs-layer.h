#line 423 "book/30-layer.nw"
/**
 * @file gengs-layer.h
 * @brief The fast Poisson GenGS layer and its vectorized noise generator.
 *
 * Generated from book/30-layer.nw by notangle; do not edit.
 */
#ifndef GENGS_LAYER_H
#define GENGS_LAYER_H
#include <stddef.h>
#include <stdint.h>
#include "gengs-core.h"

#ifdef __cplusplus
extern "C" {
#endif

#line 167 "book/30-layer.nw"
/** Number of interleaved streams in a ggs_noise (and rows in a block of the layer). */
#define GGS_NOISE_LANES 8

/**
 * A fast, seedable noise generator: GGS_NOISE_LANES independent xoshiro256+
 * streams stepped together, so that a compiler can keep them in vector
 * registers.  A plain value: copy it to save and replay a stream.
 */
typedef struct ggs_noise {
    uint64_t s[4][GGS_NOISE_LANES];  /**< (4, lanes): word j of the state of lane l */
} ggs_noise;

/**
 * @brief Seed a generator: the 32 state words are consecutive outputs of
 * splitmix64 started at @p seed.  Equal seeds give equal streams.
 * @param q the generator
 * @param seed any value
 */
void ggs_noise_seed(ggs_noise *q, uint64_t seed);

/**
 * @brief Seed a generator from a GSL generator (two draws of @p r).
 * @param q the generator
 * @param r a GSL generator, for instance from ggs_rng_new()
 */
void ggs_noise_seed_rng(ggs_noise *q, gsl_rng *r);

/**
 * @brief Jump every lane of @p q ahead by 2^128 steps (the jump polynomial
 * of xoshiro256, Blackman and Vigna).  The streams that start at q,
 * jump(q), jump(jump(q)), ... do not overlap within 2^128 steps each: the
 * VAE gives one to each shard of a batch.  Cost: 256 steps.
 * @param q the generator
 */
void ggs_noise_jump(ggs_noise *q);

/**
 * @brief Fill @p u with uniform draws on the open interval (0, 1):
 * u = (k + 1/2) 2^-52 with k the top 52 bits of a xoshiro256+ output, so
 * 2^-53 <= u <= 1 - 2^-53.  Cost: well under 1 ns per draw.
 * @param u output (count)
 * @param count number of draws
 * @param q the generator, advanced by ceil(count / GGS_NOISE_LANES) steps
 */
void ggs_noise_uniform(double *u, size_t count, ggs_noise *q);

/**
 * @brief Single-precision ggs_noise_uniform(): u = (k + 1/2) 2^-23 with k the
 * top 23 bits of an output, so 2^-24 <= u <= 1 - 2^-24.
 * @param u output (count)
 * @param count number of draws
 * @param q the generator, advanced by ceil(count / GGS_NOISE_LANES) steps
 */
void ggs_noise_uniformf(float *u, size_t count, ggs_noise *q);

/**
 * @brief Fill @p g with standard Gumbel draws g = -log(-log u), u from
 * ggs_noise_uniform(), so -3.6037 <= g <= 36.7368.  Long fills are shared
 * among the kernel threads (ggs_nn_set_kernel_threads()); the draws and the
 * generator's final state do not depend on their number.
 * @param g output (count)
 * @param count number of draws
 * @param q the generator, advanced by ceil(count / GGS_NOISE_LANES) steps
 */
void ggs_noise_gumbel(double *g, size_t count, ggs_noise *q);

/**
 * @brief Single-precision ggs_noise_gumbel(): u from ggs_noise_uniformf(),
 * so -2.8116 <= g <= 16.6356.
 * @param g output (count)
 * @param count number of draws
 * @param q the generator, advanced by ceil(count / GGS_NOISE_LANES) steps
 */
void ggs_noise_gumbelf(float *g, size_t count, ggs_noise *q);
#line 250 "book/30-layer.nw"
/**
 * @brief y_i = log x_i, vectorizable, with error at most 1 ulp.
 * Defined for finite x > 0, subnormals included; other inputs give
 * unspecified values.  @p y may equal @p x.
 * @param y output (count)
 * @param x input (count)
 * @param count number of values
 */
void ggs_fast_log(double *y, const double *x, size_t count);

/**
 * @brief Single-precision ggs_fast_log(), error at most 1 ulp of float.
 * @param y output (count)
 * @param x input (count), finite and > 0
 * @param count number of values
 */
void ggs_fast_logf(float *y, const float *x, size_t count);

/**
 * @brief y_i = exp x_i, vectorizable, with relative error at most 2 ulp
 * where the result is a normal number.  Defined for x <= 709 (-Inf
 * included); returns 0 for x < log(DBL_MIN) = -708.40 and NaN for NaN.
 * @param y output (count)
 * @param x input (count)
 * @param count number of values
 */
void ggs_fast_exp(double *y, const double *x, size_t count);

/**
 * @brief Single-precision ggs_fast_exp(): defined for x <= 88, returns 0 for
 * x < log(FLT_MIN) = -87.34, error at most 2 ulp of float.
 * @param y output (count)
 * @param x input (count)
 * @param count number of values
 */
void ggs_fast_expf(float *y, const float *x, size_t count);

/**
 * @brief y_i = tanh x_i, vectorizable, with error at most 3 ulp.  Defined for
 * every x: +-Inf give +-1, NaN gives NaN, -0 gives -0.  @p y may equal @p x.
 * @param y output (count)
 * @param x input (count)
 * @param count number of values
 */
void ggs_fast_tanh(double *y, const double *x, size_t count);

/**
 * @brief Single-precision ggs_fast_tanh(), error at most 3 ulp of float.
 * @param y output (count)
 * @param x input (count)
 * @param count number of values
 */
void ggs_fast_tanhf(float *y, const float *x, size_t count);
#line 322 "book/30-layer.nw"
/** A batched Poisson GenGS layer in double precision (opaque). */
typedef struct ggs_layer ggs_layer;
/** A batched Poisson GenGS layer in single precision (opaque). */
typedef struct ggs_layerf ggs_layerf;

/**
 * @brief Create a layer for (B, K) rates and truncation window {0, ..., n-1}.
 * Allocates about (2 n + 5) B K doubles, once.
 * @param B batch size, >= 1
 * @param K latent dimensions, >= 1
 * @param n categories, n >= 2
 * @return the layer, or NULL with GGS_EINVAL (bad or overflowing sizes) or
 *         GGS_ENOMEM recorded.  Free it with ggs_layer_free().
 */
ggs_layer *ggs_layer_alloc(size_t B, size_t K, size_t n);

/** @brief Free a layer; NULL is allowed. @param L the layer */
void ggs_layer_free(ggs_layer *L);

/**
 * @brief Forward pass: for every rate lambda[b, k], the truncated Poisson
 * log-pmf on {0..n-1} (tail on the last category), y = softmax((logpi + g) / tau)
 * and z[b, k] = sum_j j y_j.
 *
 * With @p q non-NULL, fresh Gumbel noise is drawn from @p q (row r = b K + k
 * gets its noise from lane r % GGS_NOISE_LANES); with @p q NULL the noise of
 * the previous forward pass (or of ggs_layer_import_noise()) is used again,
 * which holds the noise fixed for finite-difference checks.  The layer keeps
 * y, z and d log pi_{n-1} / d lambda for ggs_layer_backward().  The blocks of
 * eight draws are shared among the kernel threads (ggs_nn_set_kernel_threads());
 * the results, noise included, do not depend on their number.
 * Cost: about 110 ns per draw for n = 20 on an x86-64 core with AVX-512
 * (400 ns with AVX2 only); no allocation.
 * @param L the layer
 * @param z output (B, K): the relaxed values, in [0, n-1]
 * @param lambda (B, K) rates, finite and > 0
 * @param tau temperature, finite and > 0
 * @param q generator for fresh noise, or NULL to reuse the stored noise
 * @return GGS_OK; GGS_EDOM (a rate or tau) or GGS_EINVAL (NULL pointer, or
 *         @p q NULL with no stored noise), with @p z and @p L untouched.
 */
int ggs_layer_forward(ggs_layer *L, double *z, const double *lambda, double tau,
                      ggs_noise *q);

/**
 * @brief Backward pass of the last forward pass:
 * dlambda[b,k] += dz[b,k] / tau * sum_j y_j (j - z) d log pi_j / d lambda.
 * @param L the layer
 * @param dlambda in/out (B, K): accumulated gradient with respect to the rates
 * @param dz (B, K): gradient of the loss with respect to z
 * @return GGS_OK, or GGS_EINVAL (NULL pointer, or no forward pass yet).
 */
int ggs_layer_backward(ggs_layer *L, double *dlambda, const double *dz);

/**
 * @brief Copy the state of the last forward pass into row-major arrays.
 * Any of the outputs may be NULL.
 * @param L the layer
 * @param logpi output (B, K, n): the truncated log-pmf
 * @param y output (B, K, n): the relaxed one-hot vectors
 * @param g output (B, K, n): the Gumbel noise
 * @return GGS_OK, or GGS_EINVAL when @p logpi or @p y is requested before a
 *         forward pass or @p g before any noise exists.
 */
int ggs_layer_export(ggs_layer *L, double *logpi, double *y, double *g);

/**
 * @brief Give the layer noise of the caller's choosing; the next forward
 * pass with q = NULL uses it.
 * @param L the layer
 * @param g (B, K, n) row-major noise, finite
 * @return GGS_OK, or GGS_EDOM (a non-finite value; the layer is untouched).
 */
int ggs_layer_import_noise(ggs_layer *L, const double *g);

/** @brief Single-precision ggs_layer_alloc(). @param B batch size @param K latent
 *  dimensions @param n categories, >= 2 @return the layer or NULL */
ggs_layerf *ggs_layer_allocf(size_t B, size_t K, size_t n);
/** @brief Free a single-precision layer; NULL is allowed. @param L the layer */
void ggs_layer_freef(ggs_layerf *L);
/** @brief Single-precision ggs_layer_forward(); about 65 ns per draw for n = 20 with AVX2.
 *  @param L the layer @param z output (B, K) @param lambda (B, K) rates
 *  @param tau temperature @param q generator, or NULL to reuse the noise
 *  @return as ggs_layer_forward() */
int ggs_layer_forwardf(ggs_layerf *L, float *z, const float *lambda, double tau,
                       ggs_noise *q);
/** @brief Single-precision ggs_layer_backward().
 *  @param L the layer @param dlambda in/out (B, K) @param dz (B, K)
 *  @return as ggs_layer_backward() */
int ggs_layer_backwardf(ggs_layerf *L, float *dlambda, const float *dz);
/** @brief Single-precision ggs_layer_export().
 *  @param L the layer @param logpi output (B, K, n) or NULL @param y output (B, K, n)
 *  or NULL @param g output (B, K, n) or NULL @return as ggs_layer_export() */
int ggs_layer_exportf(ggs_layerf *L, float *logpi, float *y, float *g);
/** @brief Single-precision ggs_layer_import_noise().
 *  @param L the layer @param g (B, K, n) noise @return as ggs_layer_import_noise() */
int ggs_layer_import_noisef(ggs_layerf *L, const float *g);

#line 441 "book/30-layer.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_LAYER_H */
