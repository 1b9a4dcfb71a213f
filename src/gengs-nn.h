#line 819 "book/31-nn.nw"
/**
 * @file gengs-nn.h
 * @brief Dense networks, Adam and checkpoint sections (the kernel threads: gengs-pool.h).
 *
 * Generated from book/31-nn.nw by notangle; do not edit.
 */
#ifndef GENGS_NN_H
#define GENGS_NN_H
#include <stddef.h>
#include <stdio.h>
#include "gengs-core.h"
#include "gengs-pool.h"

#ifdef __cplusplus
extern "C" {
#endif

#line 285 "book/31-nn.nw"
/** Activation functions of a network layer (see ggs_mlp_spec). */
enum ggs_nn_act {
    GGS_NN_IDENTITY = 0, /**< y = z */
    GGS_NN_RELU = 1,     /**< y = max(z, 0) */
    GGS_NN_TANH = 2,     /**< y = tanh z */
    GGS_NN_SOFTPLUS = 3, /**< y = log(1 + e^z), computed stably */
    GGS_NN_SIGMOID = 4,  /**< y = 1 / (1 + e^-z), computed stably */
    GGS_NN_BINARY_INPUT = 5 /**< entry 0 of a network only: every input is 0 or 1 */
};

/** @brief ReLU: Y = max(X, 0), NaN kept. @param Y output (count), may equal X
 *  @param X input (count) @param count number of elements */
void ggs_nn_relu_forward(double *Y, const double *X, size_t count);
/** @brief ReLU backward: dX += dY [Y > 0]. @param dX in/out (count)
 *  @param dY gradient with respect to Y (count) @param Y forward output (count)
 *  @param count number of elements */
void ggs_nn_relu_backward(double *dX, const double *dY, const double *Y, size_t count);
/** @brief tanh: Y = tanh X. @param Y output (count), may equal X
 *  @param X input (count) @param count number of elements */
void ggs_nn_tanh_forward(double *Y, const double *X, size_t count);
/** @brief tanh backward: dX += dY (1 - Y^2). @param dX in/out (count)
 *  @param dY gradient with respect to Y (count) @param Y forward output (count)
 *  @param count number of elements */
void ggs_nn_tanh_backward(double *dX, const double *dY, const double *Y, size_t count);
/** @brief Softplus: Y = max(X, 0) + log1p(exp(-|X|)). @param Y output (count),
 *  may equal X @param X input (count) @param count number of elements */
void ggs_nn_softplus_forward(double *Y, const double *X, size_t count);
/** @brief Softplus backward: dX += dY sigmoid(X) = dY (-expm1(-Y)).
 *  @param dX in/out (count) @param dY gradient with respect to Y (count)
 *  @param Y forward output (count) @param count number of elements */
void ggs_nn_softplus_backward(double *dX, const double *dY, const double *Y, size_t count);
/** @brief Sigmoid: Y = 1 / (1 + exp(-X)), split at 0 so that exp never overflows.
 *  @param Y output (count), may equal X @param X input (count) @param count number of elements */
void ggs_nn_sigmoid_forward(double *Y, const double *X, size_t count);
/** @brief Sigmoid backward: dX += dY Y (1 - Y). @param dX in/out (count)
 *  @param dY gradient with respect to Y (count) @param Y forward output (count)
 *  @param count number of elements */
void ggs_nn_sigmoid_backward(double *dX, const double *dY, const double *Y, size_t count);

/** @brief Single-precision ggs_nn_relu_forward(). @param Y output (count)
 *  @param X input (count) @param count number of elements */
void ggs_nn_relu_forwardf(float *Y, const float *X, size_t count);
/** @brief Single-precision ggs_nn_relu_backward(). @param dX in/out (count)
 *  @param dY (count) @param Y forward output (count) @param count number of elements */
void ggs_nn_relu_backwardf(float *dX, const float *dY, const float *Y, size_t count);
/** @brief Single-precision ggs_nn_tanh_forward(). @param Y output (count)
 *  @param X input (count) @param count number of elements */
void ggs_nn_tanh_forwardf(float *Y, const float *X, size_t count);
/** @brief Single-precision ggs_nn_tanh_backward(). @param dX in/out (count)
 *  @param dY (count) @param Y forward output (count) @param count number of elements */
void ggs_nn_tanh_backwardf(float *dX, const float *dY, const float *Y, size_t count);
/** @brief Single-precision ggs_nn_softplus_forward(). @param Y output (count)
 *  @param X input (count) @param count number of elements */
void ggs_nn_softplus_forwardf(float *Y, const float *X, size_t count);
/** @brief Single-precision ggs_nn_softplus_backward(). @param dX in/out (count)
 *  @param dY (count) @param Y forward output (count) @param count number of elements */
void ggs_nn_softplus_backwardf(float *dX, const float *dY, const float *Y, size_t count);
/** @brief Single-precision ggs_nn_sigmoid_forward(). @param Y output (count)
 *  @param X input (count) @param count number of elements */
void ggs_nn_sigmoid_forwardf(float *Y, const float *X, size_t count);
/** @brief Single-precision ggs_nn_sigmoid_backward(). @param dX in/out (count)
 *  @param dY (count) @param Y forward output (count) @param count number of elements */
void ggs_nn_sigmoid_backwardf(float *dX, const float *dY, const float *Y, size_t count);
#line 357 "book/31-nn.nw"
/**
 * @brief Dense layer: Y (B, O) = X (B, I) W^T + b, with W (O, I) row-major.
 *
 * One cblas_dgemm of 2 B I O flops, after copying the bias into every row.
 * @param Y output (B, nout)
 * @param X input (B, nin)
 * @param W weights (nout, nin): row o holds the weights into output o
 * @param b bias (nout), or NULL for none
 * @param B rows (batch size), 1..INT_MAX
 * @param nin input width I, 1..INT_MAX
 * @param nout output width O, 1..INT_MAX
 * @return GGS_OK, or GGS_EINVAL (NULL array, bad size; Y untouched).
 */
int ggs_nn_dense_forward(double *Y, const double *X, const double *W, const double *b,
                         size_t B, size_t nin, size_t nout);

/**
 * @brief Dense layer backward: dX += dY W, dW += dY^T X, db += column sums of dY.
 *
 * Two cblas_dgemm (one when @p dX is NULL) and B daxpy.  Adds into the
 * gradients; the caller zeroes them once per step.
 * @param dX in/out (B, nin), or NULL when the input needs no gradient
 * @param dW in/out (nout, nin), or NULL
 * @param db in/out (nout), or NULL
 * @param dY gradient with respect to Y (B, nout)
 * @param X the forward input (B, nin)
 * @param W weights (nout, nin)
 * @param B rows, 1..INT_MAX
 * @param nin input width, 1..INT_MAX
 * @param nout output width, 1..INT_MAX
 * @return GGS_OK, or GGS_EINVAL (NULL input array, bad size; outputs untouched).
 */
int ggs_nn_dense_backward(double *dX, double *dW, double *db, const double *dY,
                          const double *X, const double *W, size_t B, size_t nin, size_t nout);

/** @brief Single-precision ggs_nn_dense_forward() (cblas_sgemm).
 *  @param Y output (B, nout) @param X input (B, nin) @param W weights (nout, nin)
 *  @param b bias (nout) or NULL @param B rows @param nin input width
 *  @param nout output width @return as ggs_nn_dense_forward() */
int ggs_nn_dense_forwardf(float *Y, const float *X, const float *W, const float *b,
                          size_t B, size_t nin, size_t nout);
/** @brief Single-precision ggs_nn_dense_backward().
 *  @param dX in/out (B, nin) or NULL @param dW in/out (nout, nin) or NULL
 *  @param db in/out (nout) or NULL @param dY (B, nout) @param X (B, nin)
 *  @param W (nout, nin) @param B rows @param nin input width @param nout output width
 *  @return as ggs_nn_dense_backward() */
int ggs_nn_dense_backwardf(float *dX, float *dW, float *db, const float *dY,
                           const float *X, const float *W, size_t B, size_t nin, size_t nout);
#line 419 "book/31-nn.nw"
/**
 * @brief Bernoulli log-likelihood on logits:
 * ll[b] = sum_d x[b,d] l[b,d] - softplus(l[b,d]).
 * @param ll output (B): log p(x_b | l_b)
 * @param x pixels (B, D), in [0, 1]
 * @param logits (B, D)
 * @param B rows
 * @param D pixels per row
 */
void ggs_nn_bernoulli_forward(double *ll, const double *x, const double *logits,
                              size_t B, size_t D);
/**
 * @brief Backward of ggs_nn_bernoulli_forward():
 * dlogits[b,d] += dll[b] (x[b,d] - sigmoid(l[b,d])).
 * @param dlogits in/out (B, D)
 * @param dll gradient of the loss with respect to ll (B)
 * @param x pixels (B, D)
 * @param logits (B, D)
 * @param B rows
 * @param D pixels per row
 */
void ggs_nn_bernoulli_backward(double *dlogits, const double *dll, const double *x,
                               const double *logits, size_t B, size_t D);
/** @brief Single-precision ggs_nn_bernoulli_forward() (sums in double).
 *  @param ll output (B) @param x (B, D) @param logits (B, D) @param B rows
 *  @param D pixels per row */
void ggs_nn_bernoulli_forwardf(float *ll, const float *x, const float *logits,
                               size_t B, size_t D);
/** @brief Single-precision ggs_nn_bernoulli_backward().
 *  @param dlogits in/out (B, D) @param dll (B) @param x (B, D) @param logits (B, D)
 *  @param B rows @param D pixels per row */
void ggs_nn_bernoulli_backwardf(float *dlogits, const float *dll, const float *x,
                                const float *logits, size_t B, size_t D);
#line 476 "book/31-nn.nw"
/** One entry of a network description: a width and the activation after it. */
typedef struct ggs_mlp_spec {
    size_t size; /**< entry 0: input width; entry l >= 1: output width of layer l */
    int act;     /**< enum ggs_nn_act applied after layer l; entry 0: GGS_NN_IDENTITY,
                      or GGS_NN_BINARY_INPUT for an input of zeros and ones */
} ggs_mlp_spec;

/** A multilayer perceptron in double precision (opaque). */
typedef struct ggs_mlp ggs_mlp;
/** A multilayer perceptron in single precision (opaque). */
typedef struct ggs_mlpf ggs_mlpf;

/**
 * @brief Check a network description and count its parameters.
 * @param nparams output: sum over layers of O (I + 1)
 * @param spec the description, @p nspec entries (input first)
 * @param nspec number of entries, >= 2
 * @return GGS_OK, or GGS_EINVAL with a message (bad width, activation or
 *         count, overflow); @p nparams untouched on error.
 */
int ggs_mlp_count(size_t *nparams, const ggs_mlp_spec *spec, size_t nspec);

/**
 * @brief Create a network for batches of up to @p B rows.
 *
 * Parameters and gradients live in @p params and @p grads when they are not
 * NULL (ggs_mlp_count() reals each, not freed by the network); otherwise the
 * network allocates them, zeroed.  The activation block is always the
 * network's own.  Parameters are not initialized: see ggs_mlp_init().
 * @param B largest batch size, 1..INT_MAX
 * @param spec the description (copied), @p nspec entries
 * @param nspec number of entries, >= 2
 * @param params parameter block, or NULL
 * @param grads gradient block, or NULL (both NULL or both non-NULL)
 * @return the network, or NULL with a message (GGS_EINVAL or GGS_ENOMEM).
 */
ggs_mlp *ggs_mlp_alloc(size_t B, const ggs_mlp_spec *spec, size_t nspec,
                       double *params, double *grads);
/** @brief Free a network (and the blocks it allocated); NULL is allowed.
 *  @param M the network */
void ggs_mlp_free(ggs_mlp *M);
/** @brief Number of parameters (and of gradients). @param M the network
 *  @return the length of ggs_mlp_params() */
size_t ggs_mlp_nparams(const ggs_mlp *M);
/** @brief The parameter block: W_1 (O, I), b_1 (O), W_2, b_2, ...; W_1 is
 *  (I, O) instead when entry 0 is GGS_NN_BINARY_INPUT.
 *  @param M the network @return the block */
double *ggs_mlp_params(ggs_mlp *M);
/** @brief The gradient block, laid out like the parameters.
 *  @param M the network @return the block */
double *ggs_mlp_grads(ggs_mlp *M);
/** @brief The output of the last forward pass, (rows, width of the last entry).
 *  @param M the network @return a pointer into the activation block */
const double *ggs_mlp_output(const ggs_mlp *M);

/**
 * @brief Initialize the parameters: biases 0; weights uniform on (-a, a) with
 * a = sqrt(6 / I) (He) for a layer followed by a ReLU and
 * a = sqrt(6 / (I + O)) (Glorot) otherwise, drawn in the order of the block.
 * @param M the network
 * @param r a GSL generator (seed it for reproducible weights)
 * @return GGS_OK, or GGS_EINVAL (NULL argument).
 */
int ggs_mlp_init(ggs_mlp *M, gsl_rng *r);

/**
 * @brief Forward pass of @p rows examples.
 * @param M the network
 * @param X input (rows, width of entry 0)
 * @param rows number of examples, 1..B
 * @return GGS_OK, or GGS_EINVAL (NULL argument, bad @p rows, or, for a
 *         binary-input network, an input that is not 0 or 1: the message
 *         names its row, column and value, and the outputs are unspecified).
 */
int ggs_mlp_forward(ggs_mlp *M, const double *X, size_t rows);

/**
 * @brief Backward pass of the last forward pass: adds into the gradient
 * block, and into @p dX when it is not NULL.
 * @param M the network
 * @param dX in/out (rows, width of entry 0), or NULL
 * @param X the input of the forward pass (rows, width of entry 0)
 * @param dY gradient with respect to the output (rows, width of the last entry)
 * @return GGS_OK, or GGS_EINVAL (NULL argument, no forward pass yet).
 */
int ggs_mlp_backward(ggs_mlp *M, double *dX, const double *X, const double *dY);

/**
 * @brief As ggs_mlp_backward(), but the network's part of the gradient
 * block is overwritten with this pass's gradient instead of added to (it
 * need not be zeroed, and may hold anything, NaN included); @p dX is still
 * added to.
 * @param M the network @param dX in/out, or NULL @param X the forward input
 * @param dY gradient with respect to the output
 * @return as ggs_mlp_backward()
 */
int ggs_mlp_backward_replace(ggs_mlp *M, double *dX, const double *X, const double *dY);

/**
 * @brief The first half of a backward pass: as ggs_mlp_backward(), but the
 * gradient block is not touched.  The network keeps what the second half,
 * ggs_mlp_backward_weights(), needs: its activations, its own gradient
 * arrays, and the pointers @p X and @p dY, whose arrays must stay as they
 * are until then.
 * @param M the network @param dX in/out (rows, width of entry 0), or NULL
 * @param X the input of the forward pass @param dY gradient with respect to
 * the output (rows, width of the last entry)
 * @return as ggs_mlp_backward()
 */
int ggs_mlp_backward_deltas(ggs_mlp *M, double *dX, const double *X, const double *dY);

/**
 * @brief The second half of a backward pass, for @p S networks at once:
 * the gradient block of @p Ms[0] is overwritten (as by
 * ggs_mlp_backward_replace()) with the sum over s of the parameter
 * gradients of network @p Ms[s]'s last ggs_mlp_backward_deltas(), each
 * entry summed over the rows of network 0, then network 1's rows added,
 * and so on (a binary first layer: one running sum over the rows of all
 * networks in turn).  The networks must have the same layers, the same
 * kind of input and the same gradient block (their parameter blocks are
 * not read).  The products are done in
 * fixed blocks of output rows, which the kernel threads share (the results
 * do not depend on their number), or which one thread calls in turn when
 * OpenBLAS has more than one thread (OpenBLAS then splits each).
 * @param Ms (S) the networks @param S 1..GGS_MLP_MAX_SUM
 * @return GGS_OK, or GGS_EINVAL (NULL argument, bad S, different layers,
 * inputs or gradient blocks, a network with no ggs_mlp_backward_deltas()
 * since its last forward pass).
 */
int ggs_mlp_backward_weights(ggs_mlp *const *Ms, size_t S);

/** Most networks whose gradients ggs_mlp_backward_weights() adds. */
#define GGS_MLP_MAX_SUM 64

/** @brief Single-precision ggs_mlp_alloc(). @param B largest batch
 *  @param spec description @param nspec entries @param params block or NULL
 *  @param grads block or NULL @return the network or NULL */
ggs_mlpf *ggs_mlp_allocf(size_t B, const ggs_mlp_spec *spec, size_t nspec,
                         float *params, float *grads);
/** @brief Single-precision ggs_mlp_free(). @param M the network or NULL */
void ggs_mlp_freef(ggs_mlpf *M);
/** @brief Single-precision ggs_mlp_nparams(). @param M the network
 *  @return number of parameters */
size_t ggs_mlp_nparamsf(const ggs_mlpf *M);
/** @brief Single-precision ggs_mlp_params(). @param M the network @return the block */
float *ggs_mlp_paramsf(ggs_mlpf *M);
/** @brief Single-precision ggs_mlp_grads(). @param M the network @return the block */
float *ggs_mlp_gradsf(ggs_mlpf *M);
/** @brief Single-precision ggs_mlp_output(). @param M the network
 *  @return the output (rows, width of the last entry) */
const float *ggs_mlp_outputf(const ggs_mlpf *M);
/** @brief Single-precision ggs_mlp_init() (same draws as the double variant).
 *  @param M the network @param r GSL generator @return as ggs_mlp_init() */
int ggs_mlp_initf(ggs_mlpf *M, gsl_rng *r);
/** @brief Single-precision ggs_mlp_forward(). @param M the network
 *  @param X input (rows, width of entry 0) @param rows 1..B @return as ggs_mlp_forward() */
int ggs_mlp_forwardf(ggs_mlpf *M, const float *X, size_t rows);
/** @brief Single-precision ggs_mlp_backward(). @param M the network
 *  @param dX in/out or NULL @param X forward input @param dY output gradient
 *  @return as ggs_mlp_backward() */
int ggs_mlp_backwardf(ggs_mlpf *M, float *dX, const float *X, const float *dY);
/** @brief Single-precision ggs_mlp_backward_replace(). @param M the network
 *  @param dX in/out or NULL @param X forward input @param dY output gradient
 *  @return as ggs_mlp_backward() */
int ggs_mlp_backward_replacef(ggs_mlpf *M, float *dX, const float *X, const float *dY);
/** @brief Single-precision ggs_mlp_backward_deltas(). @param M the network
 *  @param dX in/out or NULL @param X forward input @param dY output gradient
 *  @return as ggs_mlp_backward() */
int ggs_mlp_backward_deltasf(ggs_mlpf *M, float *dX, const float *X, const float *dY);
/** @brief Single-precision ggs_mlp_backward_weights(). @param Ms (S) the networks
 *  @param S 1..GGS_MLP_MAX_SUM @return as ggs_mlp_backward_weights() */
int ggs_mlp_backward_weightsf(ggs_mlpf *const *Ms, size_t S);
#line 663 "book/31-nn.nw"
/** Hyperparameters of Adam; ggs_adam_defaults() gives the usual ones. */
typedef struct ggs_adam_config {
    double lr;    /**< step size alpha, > 0 (default 1e-3) */
    double beta1; /**< decay of the first moment, in [0, 1) (default 0.9) */
    double beta2; /**< decay of the second moment, in [0, 1) (default 0.999) */
    double eps;   /**< added to the root of the second moment, > 0 (default 1e-8) */
    double clip;  /**< largest global gradient norm; 0 = no clipping (default 0) */
} ggs_adam_config;

/** Adam state in double precision (opaque). */
typedef struct ggs_adam ggs_adam;
/** Adam state in single precision (opaque). */
typedef struct ggs_adamf ggs_adamf;

/** @brief The default configuration (1e-3, 0.9, 0.999, 1e-8, no clipping).
 *  @return the configuration */
ggs_adam_config ggs_adam_defaults(void);

/**
 * @brief Create Adam state for @p count parameters, m = v = 0, t = 0.
 * @param count number of parameters, >= 1
 * @param cfg the hyperparameters (copied)
 * @return the state, or NULL with a message (GGS_EINVAL, GGS_EDOM, GGS_ENOMEM).
 */
ggs_adam *ggs_adam_alloc(size_t count, const ggs_adam_config *cfg);
/** @brief Free Adam state; NULL is allowed. @param A the state */
void ggs_adam_free(ggs_adam *A);
/** @brief The number of steps taken (t). @param A the state @return t */
uint64_t ggs_adam_steps(const ggs_adam *A);

/**
 * @brief One Adam step with bias correction, after clipping the gradient by
 * its global norm if the configuration asks for it.
 * @param A the state (count parameters)
 * @param params in/out (count)
 * @param grads (count), not modified
 * @param gnorm output: the norm of @p grads before clipping, or NULL
 * @return GGS_OK, GGS_EINVAL (NULL argument), or GGS_ERANGE (the norm is not
 *         finite; nothing changed, the message names the first bad entry).
 */
int ggs_adam_step(ggs_adam *A, double *params, const double *grads, double *gnorm);

/** @brief Largest number of gradient blocks ggs_adam_step_sum() adds. */
#define GGS_ADAM_MAX_SUM 64

/**
 * @brief One Adam step on the sum of S gradient blocks,
 * g = ((grads[0] + grads[1]) + grads[2]) + ..., element by element.
 *
 * The same step, bit for bit, as adding the blocks into grads[0] in that
 * order (ggs_nn_add()) and calling ggs_adam_step(), but without clipping or
 * @p gnorm the sum is never stored: a first pass checks that it is finite,
 * a second steps with it, and grads[0] is left as it was.  With clipping or
 * @p gnorm, the norm needs the sum first: the blocks are then added into
 * grads[0], which afterwards holds the sum, and an ordinary step follows.
 * @param A the state (count parameters)
 * @param params in/out (count)
 * @param grads (S) pointers to gradient blocks of count each
 * @param S number of blocks, 1 <= S <= GGS_ADAM_MAX_SUM
 * @param gnorm output: the norm of the sum before clipping, or NULL
 * @return as ggs_adam_step(), and GGS_EINVAL for S out of range or a NULL block
 */
int ggs_adam_step_sum(ggs_adam *A, double *params, double *const *grads, size_t S,
                      double *gnorm);

/** @brief Single-precision ggs_adam_alloc(). @param count parameters
 *  @param cfg hyperparameters @return the state or NULL */
ggs_adamf *ggs_adam_allocf(size_t count, const ggs_adam_config *cfg);
/** @brief Single-precision ggs_adam_free(). @param A the state or NULL */
void ggs_adam_freef(ggs_adamf *A);
/** @brief Single-precision ggs_adam_steps(). @param A the state @return t */
uint64_t ggs_adam_stepsf(const ggs_adamf *A);
/** @brief Single-precision ggs_adam_step(). @param A the state @param params in/out
 *  @param grads gradients @param gnorm output or NULL @return as ggs_adam_step() */
int ggs_adam_stepf(ggs_adamf *A, float *params, const float *grads, double *gnorm);
/** @brief Single-precision ggs_adam_step_sum(). @param A the state @param params in/out
 *  @param grads (S) gradient blocks @param S number of blocks @param gnorm output or NULL
 *  @return as ggs_adam_step_sum() */
int ggs_adam_step_sumf(ggs_adamf *A, float *params, float *const *grads, size_t S,
                       double *gnorm);
#line 753 "book/31-nn.nw"
/**
 * @brief Write a checkpoint section: header, @p params, Adam's t, m and v
 * (when @p A is not NULL), checksum.
 * @param f a file open for binary writing
 * @param params the parameter block (count)
 * @param count its length, >= 1
 * @param A Adam state for @p count parameters, or NULL
 * @return GGS_OK, GGS_EINVAL (NULL argument, count mismatch) or GGS_EIO (a
 *         write failed; the message gives the system's reason).
 */
int ggs_nn_save(FILE *f, const double *params, size_t count, const ggs_adam *A);
/**
 * @brief Read a checkpoint section written by ggs_nn_save().
 * @param f a file open for binary reading
 * @param params output (count), untouched on error
 * @param count expected number of parameters
 * @param A Adam state to restore, or NULL to skip a stored state; a section
 *          without a state cannot restore one
 * @return GGS_OK, GGS_EINVAL (not a checkpoint, wrong version, precision or
 *         size, truncated, checksum mismatch; the message says which),
 *         GGS_EIO (a read failed) or GGS_ENOMEM.
 */
int ggs_nn_load(FILE *f, double *params, size_t count, ggs_adam *A);
/** @brief Single-precision ggs_nn_save(). @param f file @param params block
 *  @param count length @param A state or NULL @return as ggs_nn_save() */
int ggs_nn_savef(FILE *f, const float *params, size_t count, const ggs_adamf *A);
/** @brief Single-precision ggs_nn_load(). @param f file @param params output
 *  @param count length @param A state or NULL @return as ggs_nn_load() */
int ggs_nn_loadf(FILE *f, float *params, size_t count, ggs_adamf *A);
#line 788 "book/31-nn.nw"
/**
 * @brief y += x, element by element, on the kernel threads.  Each element
 * is one addition, so the result does not depend on their number.
 * @param y in/out (count)
 * @param x (count); must not overlap @p y
 * @param count number of elements
 */
void ggs_nn_add(double *y, const double *x, size_t count);
/** @brief Single-precision ggs_nn_add(). @param y in/out (count) @param x (count)
 *  @param count number of elements */
void ggs_nn_addf(float *y, const float *x, size_t count);

/**
 * @brief Find the first non-finite value (NaN or +-Inf) of a block.
 * @param index output: its index, or @p count when all are finite; may be NULL
 * @param x the block (count)
 * @param count its length
 * @param name the block's name, for the message ("params")
 * @return GGS_OK, or GGS_ERANGE with a message "name[i] = nan is not finite".
 */
int ggs_nn_check_finite(size_t *index, const double *x, size_t count, const char *name);
/** @brief Single-precision ggs_nn_check_finite(). @param index output or NULL
 *  @param x block (count) @param count length @param name for the message
 *  @return as ggs_nn_check_finite() */
int ggs_nn_check_finitef(size_t *index, const float *x, size_t count, const char *name);

#line 838 "book/31-nn.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_NN_H */
