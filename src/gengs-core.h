#line 344 "book/00-preface.nw"
/**
 * @file gengs-core.h
 * @brief The core of gengs: truncated discrete distributions, Gumbel-Max,
 *        Gumbel-Softmax and the Generalized Gumbel-Softmax estimator.
 *
 * Generated from the book (book/00-preface.nw to book/06-kl.nw) by notangle;
 * do not edit.
 */
#ifndef GENGS_CORE_H
#define GENGS_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#ifdef __cplusplus
extern "C" {
#endif

#line 435 "book/00-preface.nw"
/** Status codes returned by the library's checked functions. */
enum ggs_status {
    GGS_OK = 0,      /**< success */
    GGS_EDOM = 1,    /**< a parameter is outside its domain (or NaN/Inf) */
    GGS_EINVAL = 2,  /**< a malformed request: bad string, sizes, sums, file contents */
    GGS_ENOMEM = 3,  /**< memory could not be allocated */
    GGS_ERANGE = 4,  /**< a result is not representable */
    GGS_EIO = 5      /**< a file could not be opened, read, written, synced or renamed */
};
#line 507 "book/00-preface.nw"
/**
 * @brief The message of the last error recorded on this thread.
 * @return a string owned by the library; "" if no error was recorded.
 */
const char *ggs_last_error(void);

/**
 * @brief A one-line description of a status code.
 * @param status one of enum ggs_status
 * @return a static string; "unknown status" for other values.
 */
const char *ggs_strerror(int status);
#line 616 "book/00-preface.nw"
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
#line 2307 "book/02-discrete.nw"
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
    size_t nlink;          /**< unconstrained reals of the latent link (0: no link) */
    /** the latent link: theta_j = f_j(a_j) from nlink unconstrained reals a, inside
     *  the family's domain wherever it can be represented, and dtheta_j = f_j'(a_j);
     *  NULL (and nlink = 0) for a family that is not a latent prior */
    void (*link)(double *theta, double *dtheta, const double *a);
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

/** @brief Most unconstrained reals of a latent link (ggs_family_desc::nlink). */
#define GGS_LINK_MAX 2
/** @brief The floor added to softplus by the links of a rate or a negative binomial r. */
#define GGS_LINK_RATE_MIN 1e-6

#line 701 "book/02-discrete.nw"
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

#line 2311 "book/02-discrete.nw"
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

#line 372 "book/00-preface.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_CORE_H */
