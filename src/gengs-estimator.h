#line 80 "book/22-estimators.nw"
/**
 * @file gengs-estimator.h
 * @brief Gradient estimators for E[f(Z)], Z truncated discrete (generated from
 *        book/22-estimators.nw; do not edit).
 */
#ifndef GENGS_ESTIMATOR_H
#define GENGS_ESTIMATOR_H
#include <stdio.h>
#include "gengs-core.h"

#line 95 "book/22-estimators.nw"
/**
 * The problem every estimator solves: the gradient with respect to the real
 * parameters theta of J_n(theta) = sum_k pi_k(theta) f(c_k), f(z) = sum_i |z - t_i|^2,
 * pi the truncation of dist to the window {m, ..., m+n-1}, or, for a multinomial, its
 * pmf on its n compositions, whose outcomes c_k are vectors of D counts.  Read-only
 * for the estimators; ggs_estim_problem_init() fills it.
 */
typedef struct ggs_estim_problem {
    ggs_dist dist;     /**< the distribution at theta */
    long m;            /**< left end of the window (0 for a multinomial) */
    size_t n;          /**< categories, >= 2 (a multinomial's: its compositions) */
    size_t P;          /**< real parameters: dist.nparam, or a multinomial's C - 1 free
                            probabilities p_1..p_{C-1} (p_C = 1 - their sum) */
    size_t D;          /**< coordinates of an outcome: 1, or a multinomial's C */
    size_t nt;         /**< targets, >= 1 */
    double *t;         /**< (nt, D) the targets t_i, row i */
    double *c;         /**< (n, D) outcome values, row k: c_k = m + k, or composition k */
    double *cT;        /**< (D, n) the same values by coordinate (c itself when D = 1) */
    double *logpi;     /**< (n) truncated log-pmf */
    double *pi;        /**< (n) truncated pmf */
    double *dlogpi;    /**< (n, P) d log pi_k / d theta_j, row k */
    double *block;     /**< the one allocation that holds the arrays above */
} ggs_estim_problem;
#line 127 "book/22-estimators.nw"
/** The settings of one estimate. */
typedef struct ggs_estim_options {
    size_t samples;  /**< K, draws per estimate, >= the estimator's min_samples */
    double tau;      /**< temperature of a relaxed estimator, finite and > 0 */
    double *state;   /**< (state_size of the estimator) what a learning estimator
                          remembers between estimates, zeroed before the first;
                          NULL for an estimator without state */
} ggs_estim_options;
#line 145 "book/22-estimators.nw"
/**
 * One gradient estimate.  Writes grad[0..P-1]; uses work, of
 * ggs_estim_work_size() doubles; draws from r.
 */
typedef int (*ggs_estimate_fn)(double *grad, const ggs_estim_problem *pb,
                               const ggs_estim_options *o, gsl_rng *r, double *work);

/** A gradient estimator (a const descriptor in the table of ggs_estimator_at()). */
typedef struct ggs_estimator {
    const char *name;        /**< its name on the command line ("rf-star") */
    const char *summary;     /**< one line: what it is */
    const char *cost;        /**< one line: its cost per estimate */
    int unbiased;            /**< 1 if E[estimate] = grad J_n exactly */
    int relaxed;             /**< 1 if it uses the temperature tau */
    size_t min_samples;      /**< fewest draws K it accepts */
    size_t default_samples;  /**< K when the user gives none */
    ggs_estimate_fn estimate;  /**< the estimate; call it through ggs_estimate() */
    size_t max_samples;      /**< most draws K it accepts, 0 for no limit */
    size_t state_size;       /**< doubles of memory between estimates (o->state), or 0 */
    size_t max_dim;          /**< most outcome coordinates D it accepts, 0 for no limit */
} ggs_estimator;
#line 172 "book/22-estimators.nw"
/** The most counts n C in the table of compositions of a multinomial problem (n
    compositions of C counts each), which bounds its memory to a few 10^6 doubles. */
#define GGS_ESTIM_MAX_COMPOSITIONS 1000000UL

/**
 * @brief Prepare a problem: copy d and the targets, compute c, log pi, pi and
 * d log pi / d theta on the window {m, ..., m+n-1}, or on the compositions of a
 * multinomial (Section "A vector outcome").  Cost O(n (P + D)) and one allocation
 * of (3 + P + 2 D) n + nt D doubles at most.
 * @param pb output (untouched on error)
 * @param d the distribution at theta
 * @param m left end of the window; 0 for a multinomial
 * @param n categories, 2 <= n <= 10^7; for a multinomial exactly
 *        ggs_estim_compositions(d)
 * @param t (nt, D) targets, finite: numbers, or for a multinomial of C categories
 *        vectors of C numbers, one after the other
 * @param nt number of targets, >= 1
 * @return GGS_OK, GGS_EINVAL (window, nt = 0), GGS_EDOM (a target
 *         not finite, or a log-pmf that is NaN), GGS_ENOMEM
 */
int ggs_estim_problem_init(ggs_estim_problem *pb, const ggs_dist *d, long m, size_t n,
                           const double *t, size_t nt);

/**
 * @brief Move a problem to the distribution @p d (same family, trials and number of
 * parameters as the problem's), keeping its window and targets: recompute log pi, pi
 * and d log pi / d theta in place.  Cost O(n P); no allocation.
 * @param pb the problem, from ggs_estim_problem_init()
 * @param d the distribution at the new theta
 * @return GGS_OK, GGS_EINVAL (another family, trials or P; pb untouched) or GGS_EDOM
 *         (a log-pmf that is NaN, or 0 on every category: pb's tables are then
 *         unspecified, and it may only be freed or updated again)
 */
int ggs_estim_problem_update(ggs_estim_problem *pb, const ggs_dist *d);

/** @brief Free a problem's tables and zero it; a zeroed problem is allowed.
 *  @param pb the problem */
void ggs_estim_problem_free(ggs_estim_problem *pb);

/** @brief The loss f(z) = sum_i |z - t_i|^2, O(nt D). @param pb the problem
 *  @param z (D) the value @return f(z) */
double ggs_estim_loss(const ggs_estim_problem *pb, const double *z);

/** @brief The gradient f'(z) = 2 sum_i (z - t_i), O(nt D). @param df output (D)
 *  @param pb the problem @param z (D) the value */
void ggs_estim_dloss(double *df, const ggs_estim_problem *pb, const double *z);

/** @brief Doubles of work space an estimate needs: 5 n + 2 K + 2 D P.
 *  @param pb the problem @param samples K @return the count */
size_t ggs_estim_work_size(const ggs_estim_problem *pb, size_t samples);

/** @brief The number of compositions of a multinomial's N trials into its C
 *  categories, binomial(N + C - 1, C - 1): the categories of its problem.  O(C).
 *  @param d a multinomial distribution
 *  @return the count n, or 0 if @p d is not a multinomial or n C exceeds
 *          GGS_ESTIM_MAX_COMPOSITIONS */
size_t ggs_estim_compositions(const ggs_dist *d);

/**
 * @brief One estimate of grad J_n(theta) by estimator @p e.
 * @param grad output (P), untouched when the settings are refused
 * @param e the estimator
 * @param pb the problem
 * @param o the settings: e->min_samples <= samples <= e->max_samples (when that is
 *          not 0); tau finite and > 0 when e->relaxed (not read otherwise); state
 *          non-NULL when e->state_size > 0 (the estimator updates it)
 * @param r the generator
 * @param work (ggs_estim_work_size(pb, o->samples)) scratch
 * @return GGS_OK, GGS_EINVAL (samples, state, or an outcome of more than
 *         e->max_dim coordinates), GGS_EDOM (tau); a relaxed estimator
 *         passes on an error of ggs_gengs_forward(), which a problem from
 *         ggs_estim_problem_init() and a checked tau exclude
 */
int ggs_estimate(double *grad, const ggs_estimator *e, const ggs_estim_problem *pb,
                 const ggs_estim_options *o, gsl_rng *r, double *work);

/** @brief Number of estimators in the table. @return the count */
size_t ggs_estimator_count(void);

/** @brief The i-th estimator of the table, in the order of the book.
 *  @param i index < ggs_estimator_count() @return the descriptor, or NULL */
const ggs_estimator *ggs_estimator_at(size_t i);

/** @brief The estimator called @p name. @param name its name
 *  @return the descriptor, or NULL for an unknown name */
const ggs_estimator *ggs_estimator_find(const char *name);

/**
 * @brief The closed-form gradient of the untruncated J(theta) = E sum_i (Z - t_i)^2,
 * from the mean and variance of the family: Poisson, binomial, geometric and
 * negative binomial.
 * @param grad output (P), untouched on error
 * @param d the distribution at theta
 * @param t (nt) targets @param nt number of targets, >= 1
 * @return GGS_OK, or GGS_EINVAL for a family without a closed form here
 *         (categorical, multinomial) or nt = 0
 */
int ggs_estim_closed_form(double *grad, const ggs_dist *d, const double *t, size_t nt);
#line 92 "book/22-estimators.nw"
#endif
