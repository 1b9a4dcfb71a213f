#line 852 "book/31-nn.nw"
/* Generated from book/31-nn.nw; do not edit. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <cblas.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "gengs-nn.h"
#include "gengs-layer.h"
#include "gengs-internal.h"

enum { NN_CHUNK = 256 };   /* elements per chunk of the exp/log kernels */
enum { NN_PAR_GRAIN = 16 * NN_CHUNK };   /* elements per unit of a parallel job */

#line 926 "book/31-nn.nw"
enum { ADD_GRAIN = 16384 };
#line 1162 "book/31-nn.nw"
/* Check the sizes of a dense layer; elt is the size of one real. */
static int dense_check_sizes(size_t B, size_t nin, size_t nout, size_t elt, const char *func)
{
    size_t lim = SIZE_MAX / elt;
    if (B < 1 || nin < 1 || nout < 1)
        return ggs_error(GGS_EINVAL, func, "B = %zu, nin = %zu, nout = %zu (need >= 1)",
                         B, nin, nout);
    if (B > INT_MAX || nin > INT_MAX || nout > INT_MAX)
        return ggs_error(GGS_EINVAL, func,
                         "B = %zu, nin = %zu, nout = %zu (CBLAS needs <= INT_MAX = %d)",
                         B, nin, nout, INT_MAX);
    if (B * nin > lim || B * nout > lim || nout * nin > lim)
        return ggs_error(GGS_EINVAL, func,
                         "B = %zu, nin = %zu, nout = %zu: an array of that size overflows",
                         B, nin, nout);
    return GGS_OK;
}
#line 1362 "book/31-nn.nw"
enum { BIN_SLAB_BYTES = 256 };   /* bytes of an output row summed in registers */
#define BIN_SLAB (BIN_SLAB_BYTES / sizeof(real))   /* reals per slab */

/* The ones of a binary input, indexed by rows and by columns, both lists ascending. */
struct bin_index {
    uint32_t *on;          /* (B ni) column numbers of the ones, row after row */
    uint32_t *rows_of;     /* (B ni) row numbers of the ones, column after column */
    size_t *row_start;     /* (B + 1) row r's ones: on[row_start[r] .. row_start[r + 1]) */
    size_t *col_start;     /* (ni + 1) column p's: rows_of[col_start[p] .. col_start[p + 1]) */
    size_t *cursor;        /* (ni) scratch of the column sort */
};

/* Bytes of the index of B rows of ni inputs (0 when that overflows). */
static size_t bin_index_bytes(size_t B, size_t ni)
{
    size_t lim = SIZE_MAX / 4;
    if (B > lim / 2 / ni || (B + 2 * ni + 1) > lim / sizeof(size_t))
        return 0;
    return 2 * B * ni * sizeof(uint32_t) + (B + 2 * ni + 2) * sizeof(size_t);
}

/* Point ix into a block of bin_index_bytes(B, ni) bytes. */
static void bin_index_walk(struct bin_index *ix, void *block, size_t B, size_t ni)
{
    ix->row_start = block;
    ix->col_start = ix->row_start + B + 1;
    ix->cursor = ix->col_start + ni + 1;
    ix->on = (uint32_t *)(ix->cursor + ni);
    ix->rows_of = ix->on + B * ni;
}

/* The column lists from the row lists: count, start, then place the rows in order. */
static void bin_index_columns(struct bin_index *ix, size_t rows, size_t ni)
{
    size_t nnz = ix->row_start[rows];
    memset(ix->col_start, 0, (ni + 1) * sizeof(size_t));
    for (size_t k = 0; k < nnz; k++)
        ix->col_start[ix->on[k] + 1]++;
    for (size_t p = 0; p < ni; p++)
        ix->col_start[p + 1] += ix->col_start[p];
    memcpy(ix->cursor, ix->col_start, ni * sizeof(size_t));
    for (size_t r = 0; r < rows; r++)
        for (size_t k = ix->row_start[r]; k < ix->row_start[r + 1]; k++)
            ix->rows_of[ix->cursor[ix->on[k]]++] = (uint32_t)r;
}
#line 1767 "book/31-nn.nw"
/* Check a description; on success *nparams is its parameter count. */
static int mlp_check_spec(size_t *nparams, const ggs_mlp_spec *spec, size_t nspec,
                          const char *func)
{
    size_t total = 0;
    if (spec == NULL || nspec < 2 || nspec > 65537)
        return ggs_error(GGS_EINVAL, func, "nspec = %zu entries (need 2..65537 and a list)",
                         nspec);
    if (spec[0].act != GGS_NN_IDENTITY && spec[0].act != GGS_NN_BINARY_INPUT)
        return ggs_error(GGS_EINVAL, func, "spec[0].act = %d: the input entry takes no "
                         "activation (use GGS_NN_IDENTITY, or GGS_NN_BINARY_INPUT for an "
                         "input of zeros and ones)", spec[0].act);
    for (size_t l = 0; l < nspec; l++) {
        size_t w = spec[l].size, per;
        if (w < 1 || w > INT_MAX)
            return ggs_error(GGS_EINVAL, func, "spec[%zu].size = %zu (need 1..INT_MAX)", l, w);
        if (l > 0 && (spec[l].act < GGS_NN_IDENTITY || spec[l].act > GGS_NN_SIGMOID))
            return ggs_error(GGS_EINVAL, func, "spec[%zu].act = %d is not an activation",
                             l, spec[l].act);
        if (l == 0)
            continue;
        per = w * (spec[l - 1].size + 1);            /* < 2^62: no overflow */
        if (total > SIZE_MAX / sizeof(double) - per)
            return ggs_error(GGS_EINVAL, func, "the parameters overflow at layer %zu", l);
        total += per;
    }
    *nparams = total;
    return GGS_OK;
}

int ggs_mlp_count(size_t *nparams, const ggs_mlp_spec *spec, size_t nspec)
{
    size_t n;
    int rc;
    if (nparams == NULL)
        return ggs_error(GGS_EINVAL, __func__, "nparams is NULL");
    if ((rc = mlp_check_spec(&n, spec, nspec, __func__)) != GGS_OK)
        return rc;
    *nparams = n;
    return GGS_OK;
}
#line 1992 "book/31-nn.nw"
enum { MLP_ADD, MLP_REPLACE, MLP_DELTAS };   /* what a backward pass does to the grads */
#line 2119 "book/31-nn.nw"
enum { WEIGHTS_GRAIN = 16384 };   /* weights per unit of a weight-gradient job */
enum { WEIGHTS_ROWS = 64 };       /* rows of W per block: the same calls on any threads */
#line 2306 "book/31-nn.nw"
enum { ADAM_BLOCK = 256, ADAM_GRAIN = 64 };   /* parameters per block, blocks per unit */
#define DOT_SLICE ((size_t)1073741824)   /* 2^30: BLAS lengths are int */

/* y = sqrt(x) for ADAM_BLOCK floats x >= 0; y may equal x. */
static void sqrt_block_float(float *y, const float *x)
{
#if defined(__SSE2__)
    for (size_t i = 0; i < ADAM_BLOCK; i += 4)
        _mm_storeu_ps(y + i, _mm_sqrt_ps(_mm_loadu_ps(x + i)));
#else
    for (size_t i = 0; i < ADAM_BLOCK; i++)
        y[i] = sqrtf(x[i]);
#endif
}

/* y = sqrt(x) for ADAM_BLOCK doubles x >= 0; y may equal x. */
static void sqrt_block_double(double *y, const double *x)
{
#if defined(__SSE2__)
    for (size_t i = 0; i < ADAM_BLOCK; i += 2)
        _mm_storeu_pd(y + i, _mm_sqrt_pd(_mm_loadu_pd(x + i)));
#else
    for (size_t i = 0; i < ADAM_BLOCK; i++)
        y[i] = sqrt(x[i]);
#endif
}

ggs_adam_config ggs_adam_defaults(void)
{
    ggs_adam_config c = { 1e-3, 0.9, 0.999, 1e-8, 0.0 };
    return c;
}

/* Check a configuration. */
static int adam_check_config(const ggs_adam_config *c, const char *func)
{
    int rc;
    if (c == NULL)
        return ggs_error(GGS_EINVAL, func, "cfg is NULL");
    if ((rc = ggs_check_range(c->lr, "lr", func, 0, 0, HUGE_VAL, 0)) != GGS_OK
        || (rc = ggs_check_range(c->beta1, "beta1", func, 0, 1, 1, 0)) != GGS_OK
        || (rc = ggs_check_range(c->beta2, "beta2", func, 0, 1, 1, 0)) != GGS_OK
        || (rc = ggs_check_range(c->eps, "eps", func, 0, 0, HUGE_VAL, 0)) != GGS_OK
        || (rc = ggs_check_range(c->clip, "clip", func, 0, 1, HUGE_VAL, 0)) != GGS_OK)
        return rc;
    return GGS_OK;
}
#line 2703 "book/31-nn.nw"
#define CKPT_MAGIC "gengs-nn"
#define CKPT_VERSION 1u
#define CKPT_BYTE_ORDER 0x01020304u
#define FNV_PRIME UINT64_C(0x100000001b3)

uint64_t ggs_fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) {
        h ^= c[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* Write n bytes and hash them; 0 on success. */
static int put(FILE *f, uint64_t *h, const void *p, size_t n)
{
    *h = ggs_fnv1a(*h, p, n);
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

/* Read n bytes and hash them; the number of bytes read. */
static size_t get(FILE *f, uint64_t *h, void *p, size_t n)
{
    size_t got = fread(p, 1, n, f);
    *h = ggs_fnv1a(*h, p, got);
    return got;
}

/* The header of a checkpoint section. */
struct ckpt_header {
    char magic[8];
    uint32_t version, order, real_size, has_state;
    uint64_t count, t;
};

static int ckpt_write(FILE *f, const struct ckpt_header *hd, const void *params,
                      const void *m, const void *v, const char *func)
{
    uint64_t h = GGS_FNV1A_INIT;
    size_t bytes = (size_t)hd->count * hd->real_size;
    int bad = put(f, &h, hd->magic, 8) || put(f, &h, &hd->version, 4)
              || put(f, &h, &hd->order, 4) || put(f, &h, &hd->real_size, 4)
              || put(f, &h, &hd->has_state, 4) || put(f, &h, &hd->count, 8)
              || put(f, &h, &hd->t, 8) || put(f, &h, params, bytes);
    if (!bad && hd->has_state)
        bad = put(f, &h, m, bytes) || put(f, &h, v, bytes);
    if (!bad)
        bad = fwrite(&h, 1, 8, f) != 8;
    if (bad)
        return ggs_error(GGS_EIO, func, "write error: %s", strerror(errno));
    return GGS_OK;
}
#line 2761 "book/31-nn.nw"
static int ckpt_read(FILE *f, struct ckpt_header *hd, void **buf, size_t count,
                     size_t real_size, int want_state, const char *func)
{
    uint64_t h = GGS_FNV1A_INIT, stored;
    size_t bytes, got;
    *buf = NULL;
    
#line 2790 "book/31-nn.nw"
/* read the header of a checkpoint section and check its fields */
if (get(f, &h, hd->magic, 8) != 8 || get(f, &h, &hd->version, 4) != 4
    || get(f, &h, &hd->order, 4) != 4 || get(f, &h, &hd->real_size, 4) != 4
    || get(f, &h, &hd->has_state, 4) != 4 || get(f, &h, &hd->count, 8) != 8
    || get(f, &h, &hd->t, 8) != 8) {
    if (ferror(f))   /* the system failed to read, rather than the file ending early */
        return ggs_error(GGS_EIO, func, "read error: %s", strerror(errno));
    return ggs_error(GGS_EINVAL, func, "truncated checkpoint: the header is incomplete");
}
if (memcmp(hd->magic, CKPT_MAGIC, 8) != 0)
    return ggs_error(GGS_EINVAL, func, "not a gengs checkpoint (bad magic)");
if (hd->version != CKPT_VERSION)
    return ggs_error(GGS_EINVAL, func, "checkpoint version %u (this library reads %u)",
                     (unsigned)hd->version, CKPT_VERSION);
if (hd->order != CKPT_BYTE_ORDER)
    return ggs_error(GGS_EINVAL, func, "checkpoint written with the other byte order");
if (hd->real_size != real_size)
    return ggs_error(GGS_EINVAL, func, "checkpoint holds %u-byte reals, expected %zu",
                     (unsigned)hd->real_size, real_size);
if (hd->has_state > 1 || (want_state && !hd->has_state))
    return ggs_error(GGS_EINVAL, func, "checkpoint has no optimizer state to restore");
if (hd->count != count)
    return ggs_error(GGS_EINVAL, func, "checkpoint has %llu parameters, expected %zu",
                     (unsigned long long)hd->count, count);
#line 2768 "book/31-nn.nw"
    bytes = count * real_size * (hd->has_state ? 3 : 1);
    if ((*buf = malloc(bytes)) == NULL)
        return ggs_error(GGS_ENOMEM, func, "out of memory (%zu bytes)", bytes);
    got = get(f, &h, *buf, bytes);
    if (got < bytes || fread(&stored, 1, 8, f) != 8) {
        free(*buf);
        *buf = NULL;
        if (ferror(f))   /* the system failed to read, rather than the file ending early */
            return ggs_error(GGS_EIO, func, "read error: %s", strerror(errno));
        return ggs_error(GGS_EINVAL, func, "truncated checkpoint: %zu of %zu payload bytes "
                         "and the checksum expected", got, bytes);
    }
    if (stored != h) {
        free(*buf);
        *buf = NULL;
        return ggs_error(GGS_EINVAL, func, "corrupt checkpoint: checksum %016llx, "
                         "computed %016llx", (unsigned long long)stored, (unsigned long long)h);
    }
    return GGS_OK;
}

#line 874 "book/31-nn.nw"
/** @cond GGS_TEMPLATE (Doxygen cannot read the NAME() macros; the header documents these) */
/* ---- double precision ---------------------------------------------- */
#define real double
#define NAME(x) x
#define GEMM cblas_dgemm
#define AXPY cblas_daxpy
#define SELF_DOT(n, x) cblas_ddot(n, x, 1, x, 1)
#define SQRT_BLOCK sqrt_block_double
#define FAST_EXP ggs_fast_exp
#define FAST_LOG ggs_fast_log
#define FABS fabs
#define UREAL uint64_t
#define EXPM1 expm1
#define TANH tanh
#line 929 "book/31-nn.nw"
struct NAME(add_job) {
    real *y;
    const real *x;
};

GGS_HOT static void NAME(add_range)(real *restrict y, const real *restrict x, size_t count)
{
    for (size_t i = 0; i < count; i++)
        y[i] += x[i];
}

static void NAME(add_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(add_job) *j = ctx;
    NAME(add_range)(j->y + lo, j->x + lo, hi - lo);
}

void NAME(ggs_nn_add)(real *y, const real *x, size_t count)
{
    struct NAME(add_job) j = { y, x };
    ggs_nn_parallel(NAME(add_task), &j, count, ADD_GRAIN);
}
#line 968 "book/31-nn.nw"
/* cond ? a : b, without a branch on cond. */
static real NAME(pick)(int cond, real a, real b)
{
    UREAL ua, ub, mask = -(UREAL)(cond != 0);
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    ua = (ua & mask) | (ub & ~mask);
    memcpy(&a, &ua, sizeof a);
    return a;
}
#line 1008 "book/31-nn.nw"
/* y = softplus(z) = max(z, 0) + log1p(exp(-|z|)) for m <= NN_CHUNK values; y may equal z. */
static void NAME(softplus_chunk)(real *y, const real *z, size_t m)
{
    real e[NN_CHUNK], u[NN_CHUNK], lu[NN_CHUNK];
    if (m == 0)
        return;
    for (size_t j = 0; j < m; j++)
        e[j] = -FABS(z[j]);
    FAST_EXP(e, e, m);
    for (size_t j = 0; j < m; j++)
        u[j] = 1 + e[j];
    FAST_LOG(lu, u, m);
    /* log1p(e) = log(u) + (e - (u - 1)) / u, the correction exact to rounding */
    for (size_t j = 0; j < m; j++)
        y[j] = NAME(pick)(z[j] < 0, 0, z[j]) + (lu[j] + (e[j] - (u[j] - 1)) / u[j]);
}

/* y = sigmoid(z) = (z >= 0 ? 1 : e) / (1 + e), e = exp(-|z|), for m <= NN_CHUNK values. */
static void NAME(sigmoid_chunk)(real *y, const real *z, size_t m)
{
    real e[NN_CHUNK];
    if (m == 0)
        return;
    for (size_t j = 0; j < m; j++)
        e[j] = -FABS(z[j]);
    FAST_EXP(e, e, m);
    for (size_t j = 0; j < m; j++)
        y[j] = NAME(pick)(z[j] >= 0, 1, e[j]) / (1 + e[j]);
}

#line 1046 "book/31-nn.nw"
void NAME(ggs_nn_relu_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i++)
        Y[i] = NAME(pick)(X[i] < 0, 0, X[i]);
}

void NAME(ggs_nn_relu_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += NAME(pick)(Y[i] > 0, dY[i], 0);
}

void NAME(ggs_nn_tanh_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i++)
        Y[i] = TANH(X[i]);
}

void NAME(ggs_nn_tanh_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += dY[i] * (1 - Y[i] * Y[i]);
}

void NAME(ggs_nn_softplus_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i += NN_CHUNK)
        NAME(softplus_chunk)(Y + i, X + i, count - i < NN_CHUNK ? count - i : NN_CHUNK);
}

void NAME(ggs_nn_softplus_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += dY[i] * -EXPM1(-Y[i]);
}

void NAME(ggs_nn_sigmoid_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i += NN_CHUNK)
        NAME(sigmoid_chunk)(Y + i, X + i, count - i < NN_CHUNK ? count - i : NN_CHUNK);
}

void NAME(ggs_nn_sigmoid_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += dY[i] * Y[i] * (1 - Y[i]);
}
#line 1099 "book/31-nn.nw"
static void NAME(act_forward_range)(real *Y, const real *X, int act, size_t count)
{
    switch (act) {
    case GGS_NN_RELU:     NAME(ggs_nn_relu_forward)(Y, X, count); break;
    case GGS_NN_TANH:     NAME(ggs_nn_tanh_forward)(Y, X, count); break;
    case GGS_NN_SOFTPLUS: NAME(ggs_nn_softplus_forward)(Y, X, count); break;
    case GGS_NN_SIGMOID:  NAME(ggs_nn_sigmoid_forward)(Y, X, count); break;
    default:              if (Y != X) memcpy(Y, X, count * sizeof(real)); break;
    }
}

static void NAME(act_backward_range)(real *dX, const real *dY, const real *Y, int act,
                                     size_t count)
{
    switch (act) {
    case GGS_NN_RELU:     NAME(ggs_nn_relu_backward)(dX, dY, Y, count); break;
    case GGS_NN_TANH:     NAME(ggs_nn_tanh_backward)(dX, dY, Y, count); break;
    case GGS_NN_SOFTPLUS: NAME(ggs_nn_softplus_backward)(dX, dY, Y, count); break;
    case GGS_NN_SIGMOID:  NAME(ggs_nn_sigmoid_backward)(dX, dY, Y, count); break;
    default:              AXPY((int)count, 1, dY, 1, dX, 1); break;
    }
}
#line 1126 "book/31-nn.nw"
struct NAME(act_job) {
    real *out;             /* (count) Y forward, dX backward */
    const real *in;        /* (count) X forward, dY backward */
    const real *Y;         /* (count) backward: the forward output */
    int act, backward;
};

static void NAME(act_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(act_job) *j = ctx;
    if (j->backward)
        NAME(act_backward_range)(j->out + lo, j->in + lo, j->Y + lo, j->act, hi - lo);
    else
        NAME(act_forward_range)(j->out + lo, j->in + lo, j->act, hi - lo);
}

static void NAME(act_forward)(real *Y, const real *X, int act, size_t count)
{
    struct NAME(act_job) j = { Y, X, NULL, act, 0 };
    ggs_nn_parallel(NAME(act_task), &j, count, NN_PAR_GRAIN);
}

static void NAME(act_backward)(real *dX, const real *dY, const real *Y, int act, size_t count)
{
    struct NAME(act_job) j = { dX, dY, Y, act, 1 };
    ggs_nn_parallel(NAME(act_task), &j, count, NN_PAR_GRAIN);
}
#line 1186 "book/31-nn.nw"
struct NAME(bias_job) {
    real *Y;               /* (B, nout) forward: every row gets b */
    real *db;              /* (nout) backward: column sums of dY are added */
    const real *b, *dY;    /* (nout), (B, nout) */
    size_t B, nout;
    int replace;           /* backward: db := the sums instead of db += */
};

/* Rows [r0, r1) of Y := b. */
static void NAME(bias_copy_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(bias_job) *j = ctx;
    for (size_t r = r0; r < r1; r++)
        memcpy(j->Y + r * j->nout, j->b, j->nout * sizeof(real));
}

/* Columns [c0, c1) of db += sum over rows of dY (db := with replace), the rows in order. */
static void NAME(bias_sum_task)(void *ctx, size_t c0, size_t c1)
{
    const struct NAME(bias_job) *j = ctx;
    if (j->replace)
        for (size_t c = c0; c < c1; c++)
            j->db[c] = 0;
    for (size_t r = 0; r < j->B; r++) {
        const real *g = j->dY + r * j->nout;
        for (size_t c = c0; c < c1; c++)
            j->db[c] += g[c];
    }
}

/* Y (B, nout) = X (B, nin) W^T + b; sizes already checked. */
static void NAME(dense_forward)(real *Y, const real *X, const real *W, const real *b,
                                size_t B, size_t nin, size_t nout)
{
    struct NAME(bias_job) j = { Y, NULL, b, NULL, B, nout, 0 };
    if (b != NULL)
        ggs_nn_parallel(NAME(bias_copy_task), &j, B, (NN_PAR_GRAIN + nout - 1) / nout);
    GEMM(CblasRowMajor, CblasNoTrans, CblasTrans, (int)B, (int)nout, (int)nin,
         1, X, (int)nin, W, (int)nin, b != NULL ? 1 : 0, Y, (int)nout);
}
#line 1248 "book/31-nn.nw"
/* dX += dY W, dW += dY^T X, db += sum over rows of dY (dW, db := with replace);
   sizes already checked. */
static void NAME(dense_backward)(real *dX, real *dW, real *db, const real *dY, const real *X,
                                 const real *W, size_t B, size_t nin, size_t nout, int replace)
{
    if (dX != NULL)
        GEMM(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)B, (int)nin, (int)nout,
             1, dY, (int)nout, W, (int)nin, 1, dX, (int)nin);
    if (dW != NULL)
        GEMM(CblasRowMajor, CblasTrans, CblasNoTrans, (int)nout, (int)nin, (int)B,
             1, dY, (int)nout, X, (int)nin, replace ? 0 : 1, dW, (int)nin);
    if (db != NULL) {
        struct NAME(bias_job) j = { NULL, db, NULL, dY, B, nout, replace };
        ggs_nn_parallel(NAME(bias_sum_task), &j, nout,
                        B * 64 >= NN_PAR_GRAIN ? 64 : (NN_PAR_GRAIN + B - 1) / B);
    }
}

int NAME(ggs_nn_dense_forward)(real *Y, const real *X, const real *W, const real *b,
                               size_t B, size_t nin, size_t nout)
{
    int rc;
    if (Y == NULL || X == NULL || W == NULL)
        return ggs_error(GGS_EINVAL, __func__, "Y, X or W is NULL");
    if ((rc = dense_check_sizes(B, nin, nout, sizeof(real), __func__)) != GGS_OK)
        return rc;
    NAME(dense_forward)(Y, X, W, b, B, nin, nout);
    return GGS_OK;
}

int NAME(ggs_nn_dense_backward)(real *dX, real *dW, real *db, const real *dY, const real *X,
                                const real *W, size_t B, size_t nin, size_t nout)
{
    int rc;
    if (dY == NULL || X == NULL || W == NULL)
        return ggs_error(GGS_EINVAL, __func__, "dY, X or W is NULL");
    if ((rc = dense_check_sizes(B, nin, nout, sizeof(real), __func__)) != GGS_OK)
        return rc;
    NAME(dense_backward)(dX, dW, db, dY, X, W, B, nin, nout, 0);
    return GGS_OK;
}
#line 1412 "book/31-nn.nw"
/* The row lists of the ones of X (rows, ni); GGS_EINVAL naming the first entry not 0 or 1. */
static int NAME(bin_index_build)(struct bin_index *ix, const real *X, size_t rows, size_t ni,
                                 const char *func)
{
    size_t c = 0;
    for (size_t r = 0; r < rows; r++) {
        const real *x = X + r * ni;
        int bad = 0;
        ix->row_start[r] = c;
        for (size_t p = 0; p < ni; p++) {
            ix->on[c] = (uint32_t)p;
            c += x[p] == 1;
            bad |= (x[p] != 0) & (x[p] != 1);
        }
        if (bad)
            for (size_t p = 0; p < ni; p++)
                if (x[p] != 0 && x[p] != 1)
                    return ggs_error(GGS_EINVAL, func, "X[%zu][%zu] = %g: the network's input "
                                     "is binary (GGS_NN_BINARY_INPUT) and takes only 0 or 1",
                                     r, p, (double)x[p]);
    }
    ix->row_start[rows] = c;
    return GGS_OK;
}
#line 1443 "book/31-nn.nw"
/* y[0..w) = init (or 0) + sum over k of M[ix[k] ld + 0..w), for w <= BIN_SLAB. */
static void NAME(bin_part_sum)(real *y, const real *init, const real *M, size_t ld,
                               const uint32_t *ix, size_t n, size_t w)
{
    real acc[BIN_SLAB];
    for (size_t j = 0; j < w; j++)
        acc[j] = init != NULL ? init[j] : 0;
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < w; j++)
            acc[j] += M[(size_t)ix[k] * ld + j];
    memcpy(y, acc, w * sizeof(real));
}

#if defined(__GNUC__)
typedef real NAME(bin_vec) __attribute__((vector_size(BIN_SLAB_BYTES / 8)));

/* The same for a whole slab, w = BIN_SLAB, in eight vector registers. */
GGS_HOT static void NAME(bin_slab_sum)(real *y, const real *init, const real *M, size_t ld,
                                      const uint32_t *ix, size_t n)
{
    enum { V = BIN_SLAB_BYTES / 8 / sizeof(real) };   /* reals per vector */
    NAME(bin_vec) acc[8], t;
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++) {
        if (init != NULL)
            memcpy(&acc[j], init + j * V, sizeof t);
        else
            acc[j] = (NAME(bin_vec)){ 0 };
    }
    for (size_t k = 0; k < n; k++) {
        const real *m = M + (size_t)ix[k] * ld;
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++) {
            memcpy(&t, m + j * V, sizeof t);
            acc[j] += t;
        }
    }
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++)
        memcpy(y + j * V, &acc[j], sizeof t);
}
#else
static void NAME(bin_slab_sum)(real *y, const real *init, const real *M, size_t ld,
                               const uint32_t *ix, size_t n)
{
    NAME(bin_part_sum)(y, init, M, ld, ix, n, BIN_SLAB);
}
#endif
#line 1495 "book/31-nn.nw"
struct NAME(bin_forward_job) {
    real *Z;                        /* (rows, no) */
    const struct bin_index *ix;
    const real *WT, *b;             /* (ni, no), (no) or NULL */
    size_t rows, no;
};

static void NAME(bin_forward_task)(void *ctx, size_t s0, size_t s1)
{
    const struct NAME(bin_forward_job) *j = ctx;
    for (size_t s = s0; s < s1; s++) {
        size_t o = s * BIN_SLAB, w = j->no - o < BIN_SLAB ? j->no - o : BIN_SLAB;
        for (size_t r = 0; r < j->rows; r++) {
            const uint32_t *on = j->ix->on + j->ix->row_start[r];
            size_t n = j->ix->row_start[r + 1] - j->ix->row_start[r];
            real *z = j->Z + r * j->no + o;
            const real *init = j->b != NULL ? j->b + o : NULL;
            if (w == BIN_SLAB)
                NAME(bin_slab_sum)(z, init, j->WT + o, j->no, on, n);
            else
                NAME(bin_part_sum)(z, init, j->WT + o, j->no, on, n, w);
        }
    }
}

/* Z (rows, no) = X WT + b for the binary X indexed in ix. */
static void NAME(bin_forward)(real *Z, const struct bin_index *ix, const real *WT,
                              const real *b, size_t rows, size_t no)
{
    struct NAME(bin_forward_job) j = { Z, ix, WT, b, rows, no };
    size_t slabs = (no + BIN_SLAB - 1) / BIN_SLAB, per = ix->row_start[rows] * BIN_SLAB + 1;
    ggs_nn_parallel(NAME(bin_forward_task), &j, slabs,
                    per >= NN_PAR_GRAIN ? 1 : (NN_PAR_GRAIN + per - 1) / per);
}
#line 1538 "book/31-nn.nw"
/* dWT[p][o0..o1) (ld no) := (or += with add) sum over s, then over the rows r of column p of
   network s, of G_s[r][o0..o1). */
static void NAME(bin_weights_cols)(real *dWT, const real *const *G,
                                   const struct bin_index *const *ix, size_t S, size_t ni,
                                   size_t no, size_t o0, size_t o1, int add)
{
    real sum[BIN_SLAB];
    for (size_t o = o0; o < o1; o += BIN_SLAB) {
        size_t w = o1 - o < BIN_SLAB ? o1 - o : BIN_SLAB;
        for (size_t p = 0; p < ni; p++) {
            real *d = dWT + p * no + o;
            for (size_t s = 0; s < S; s++) {
                const uint32_t *rows = ix[s]->rows_of + ix[s]->col_start[p];
                size_t n = ix[s]->col_start[p + 1] - ix[s]->col_start[p];
                const real *init = s > 0 ? sum : add ? d : NULL;
                if (w == BIN_SLAB)
                    NAME(bin_slab_sum)(sum, init, G[s] + o, no, rows, n);
                else
                    NAME(bin_part_sum)(sum, init, G[s] + o, no, rows, n, w);
            }
            memcpy(d, sum, w * sizeof(real));
        }
    }
}

struct NAME(bin_weights_job) {
    real *dWT;                      /* (ni, no) */
    const real *G;                  /* (rows, no) */
    const struct bin_index *ix;
    size_t ni, no;
    int add;
};

static void NAME(bin_weights_task)(void *ctx, size_t s0, size_t s1)
{
    const struct NAME(bin_weights_job) *j = ctx;
    size_t o1 = s1 * BIN_SLAB < j->no ? s1 * BIN_SLAB : j->no;
    NAME(bin_weights_cols)(j->dWT, &j->G, &j->ix, 1, j->ni, j->no, s0 * BIN_SLAB, o1, j->add);
}

/* dX += G WT^T (when dX is not NULL); dWT and db := (+= unless replace) the weight and
   bias sums (each when not NULL). */
static void NAME(bin_backward)(real *dX, real *dWT, real *db, const real *G,
                               const struct bin_index *ix, const real *WT, size_t rows,
                               size_t ni, size_t no, int replace)
{
    if (dX != NULL)
        GEMM(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)ni, (int)no,
             1, G, (int)no, WT, (int)no, 1, dX, (int)ni);
    if (dWT != NULL) {
        struct NAME(bin_weights_job) j = { dWT, G, ix, ni, no, !replace };
        ggs_nn_parallel(NAME(bin_weights_task), &j, (no + BIN_SLAB - 1) / BIN_SLAB, 1);
    }
    NAME(dense_backward)(NULL, NULL, db, G, NULL, NULL, rows, ni, no, replace);
}
#line 1605 "book/31-nn.nw"
struct NAME(bern_job) {
    real *ll;              /* (B) forward output */
    real *dlogits;         /* (B, D) backward output */
    const real *dll, *x, *logits;   /* (B), (B, D), (B, D) */
    size_t D;
};

/* Rows [r0, r1) of the forward pass. */
static void NAME(bern_forward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(bern_job) *j = ctx;
    const real *x = j->x, *logits = j->logits;
    real *ll = j->ll, sp[NN_CHUNK];
    size_t D = j->D;
    for (size_t r = r0; r < r1; r++) {
        const real *xr = x + r * D, *lr = logits + r * D;
        double s = 0;
        for (size_t d0 = 0; d0 < D; d0 += NN_CHUNK) {
            size_t m = D - d0 < NN_CHUNK ? D - d0 : NN_CHUNK;
            NAME(softplus_chunk)(sp, lr + d0, m);
            for (size_t k = 0; k < m; k++)
                s += (double)(xr[d0 + k] * lr[d0 + k] - sp[k]);
        }
        ll[r] = (real)s;
    }
}

/* Rows [r0, r1) of the backward pass. */
static void NAME(bern_backward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(bern_job) *j = ctx;
    const real *x = j->x, *logits = j->logits, *dll = j->dll;
    real *dlogits = j->dlogits, sg[NN_CHUNK];
    size_t D = j->D;
    for (size_t r = r0; r < r1; r++) {
        const real *xr = x + r * D, *lr = logits + r * D;
        real *gr = dlogits + r * D, g = dll[r];
        for (size_t d0 = 0; d0 < D; d0 += NN_CHUNK) {
            size_t m = D - d0 < NN_CHUNK ? D - d0 : NN_CHUNK;
            NAME(sigmoid_chunk)(sg, lr + d0, m);
            for (size_t k = 0; k < m; k++)
                gr[d0 + k] += g * (xr[d0 + k] - sg[k]);
        }
    }
}

void NAME(ggs_nn_bernoulli_forward)(real *ll, const real *x, const real *logits,
                                    size_t B, size_t D)
{
    struct NAME(bern_job) j = { ll, NULL, NULL, x, logits, D };
    ggs_nn_parallel(NAME(bern_forward_task), &j, B, D > 0 ? (NN_PAR_GRAIN + D - 1) / D : B);
}

void NAME(ggs_nn_bernoulli_backward)(real *dlogits, const real *dll, const real *x,
                                     const real *logits, size_t B, size_t D)
{
    struct NAME(bern_job) j = { NULL, dlogits, dll, x, logits, D };
    ggs_nn_parallel(NAME(bern_backward_task), &j, B, D > 0 ? (NN_PAR_GRAIN + D - 1) / D : B);
}
#line 1668 "book/31-nn.nw"
int NAME(ggs_nn_check_finite)(size_t *index, const real *x, size_t count, const char *name)
{
    size_t i = 0;
    while (i < count && isfinite(x[i]))
        i++;
    if (index != NULL)
        *index = i;
    if (i == count)
        return GGS_OK;
    return ggs_error(GGS_ERANGE, __func__, "%s[%zu] = %g is not finite",
                     name != NULL ? name : "x", i, (double)x[i]);
}
#line 1691 "book/31-nn.nw"
struct NAME(mlp_layer) {
    size_t nin, nout;      /* I and O */
    int act;               /* enum ggs_nn_act after the product */
    real *W;               /* (O, I) in params; (I, O) for layer 0 of a binary input */
    real *b;               /* (O) in params */
    real *dW;              /* (O, I) in grads, laid out as W */
    real *db;              /* (O) in grads */
    real *A;               /* (B, O) in acts: output, activation applied in place */
    real *dA;              /* (B, O) in acts: dL/dA; NULL for the last layer */
    real *dZ;              /* (B, O) in acts: dL/dZ before the activation; NULL for identity */
};

struct NAME(ggs_mlp) {
    size_t B;              /* rows the activation block is sized for */
    size_t rows;           /* rows of the last forward pass; 0 before the first */
    size_t nlayers;        /* dense layers: nspec - 1 */
    size_t nparams;        /* reals in params and in grads */
    size_t nacts;          /* reals in acts */
    size_t ngrad_acts;     /* reals of acts from dA of layer 0 on: zeroed by backward */
    real *params;          /* (nparams) W_1, b_1, W_2, b_2, ... */
    real *grads;           /* (nparams) same layout */
    real *acts;            /* (nacts) A_1 .. A_L, then dA and dZ of each layer */
    int own_blocks;        /* params and grads were allocated here */
    const real *X;         /* (rows, I_1) input of the last ggs_mlp_backward_deltas */
    const real *dY;        /* (rows, O_L) its output gradient; NULL: none since forward */
    int binary;            /* entry 0 is GGS_NN_BINARY_INPUT: W_1 is (I, O), bin is used */
    struct bin_index bin;  /* the ones of the last forward input, in index */
    void *index;           /* the block of bin: bin_index_bytes(B, I_1) bytes, or NULL */
    struct NAME(mlp_layer) *layer;  /* (nlayers) */
    ggs_mlp_spec *spec;    /* (nlayers + 1) the description */
};
#line 1727 "book/31-nn.nw"
/* Reserve count reals at *off in base (NULL: only count); round to align reals. */
static real *NAME(take)(real *base, size_t *off, size_t count, size_t align)
{
    real *p = base != NULL ? base + *off : NULL;
    *off += (count + align - 1) / align * align;
    return p;
}

/* Set the layer pointers of M into its blocks (or only size them when they are NULL). */
static void NAME(mlp_walk)(struct NAME(ggs_mlp) *M)
{
    size_t p = 0, a = 0, line = 64 / sizeof(real), L = M->nlayers;
    for (size_t l = 0; l < L; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        size_t wb = p;
        y->nin = M->spec[l].size;
        y->nout = M->spec[l + 1].size;
        y->act = M->spec[l + 1].act;
        y->W = NAME(take)(M->params, &p, y->nout * y->nin, 1);
        y->b = NAME(take)(M->params, &p, y->nout, 1);
        y->dW = M->grads != NULL ? M->grads + wb : NULL;
        y->db = M->grads != NULL ? M->grads + wb + y->nout * y->nin : NULL;
        y->A = NAME(take)(M->acts, &a, M->B * y->nout, line);
    }
    M->ngrad_acts = a;
    for (size_t l = 0; l < L; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        y->dA = l + 1 < L ? NAME(take)(M->acts, &a, M->B * y->nout, line) : NULL;
        y->dZ = y->act != GGS_NN_IDENTITY ? NAME(take)(M->acts, &a, M->B * y->nout, line) : NULL;
    }
    M->ngrad_acts = a - M->ngrad_acts;
    M->nparams = p;
    M->nacts = a;
}
#line 1812 "book/31-nn.nw"
struct NAME(ggs_mlp) *NAME(ggs_mlp_alloc)(size_t B, const ggs_mlp_spec *spec, size_t nspec,
                                          real *params, real *grads)
{
    struct NAME(ggs_mlp) *M;
    size_t np, widths = 0;
    
#line 1844 "book/31-nn.nw"
/* check the arguments of a new network */
if (mlp_check_spec(&np, spec, nspec, __func__) != GGS_OK)
    return NULL;
if (B < 1 || B > INT_MAX) {
    ggs_error(GGS_EINVAL, __func__, "B = %zu (need 1..INT_MAX)", B);
    return NULL;
}
if ((params == NULL) != (grads == NULL)) {
    ggs_error(GGS_EINVAL, __func__, "pass both params and grads, or neither");
    return NULL;
}
for (size_t l = 1; l < nspec; l++)
    widths += spec[l].size + 64;                 /* widths plus alignment padding */
if (widths > SIZE_MAX / sizeof(real) / 3 / B) {
    ggs_error(GGS_EINVAL, __func__, "B = %zu: the activation block overflows", B);
    return NULL;
}
if (spec[0].act == GGS_NN_BINARY_INPUT && bin_index_bytes(B, spec[0].size) == 0) {
    ggs_error(GGS_EINVAL, __func__, "B = %zu, I = %zu: the index of a binary input overflows",
              B, spec[0].size);
    return NULL;
}
#line 1818 "book/31-nn.nw"
    M = calloc(1, sizeof *M);
    if (M == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    M->B = B;
    M->nlayers = nspec - 1;
    M->layer = calloc(M->nlayers, sizeof *M->layer);
    M->spec = malloc(nspec * sizeof *M->spec);
    if (M->layer != NULL && M->spec != NULL) {
        memcpy(M->spec, spec, nspec * sizeof *spec);
        NAME(mlp_walk)(M);   /* blocks still NULL: only sizes */
        
#line 1868 "book/31-nn.nw"
/* allocate the blocks of a new network */
M->acts = aligned_alloc(64, (M->nacts * sizeof(real) + 63) / 64 * 64);
if (spec[0].act == GGS_NN_BINARY_INPUT) {
    M->binary = 1;
    M->index = malloc(bin_index_bytes(B, spec[0].size));
    if (M->index != NULL)
        bin_index_walk(&M->bin, M->index, B, spec[0].size);
}
if (params != NULL) {
    M->params = params;
    M->grads = grads;
} else {
    M->own_blocks = 1;
    M->params = calloc(M->nparams, sizeof(real));
    M->grads = calloc(M->nparams, sizeof(real));
}
#line 1831 "book/31-nn.nw"
    }
    if (M->layer == NULL || M->spec == NULL || M->acts == NULL || M->params == NULL
        || M->grads == NULL || (M->binary && M->index == NULL)) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu activations, %zu parameters)",
                  M->nacts, M->nparams);
        NAME(ggs_mlp_free)(M);
        return NULL;
    }
    NAME(mlp_walk)(M);
    return M;
}
#line 1886 "book/31-nn.nw"
void NAME(ggs_mlp_free)(struct NAME(ggs_mlp) *M)
{
    if (M == NULL)
        return;
    if (M->own_blocks) {
        free(M->params);
        free(M->grads);
    }
    free(M->acts);
    free(M->index);
    free(M->layer);
    free(M->spec);
    free(M);
}

size_t NAME(ggs_mlp_nparams)(const struct NAME(ggs_mlp) *M)
{
    return M->nparams;
}

real *NAME(ggs_mlp_params)(struct NAME(ggs_mlp) *M)
{
    return M->params;
}

real *NAME(ggs_mlp_grads)(struct NAME(ggs_mlp) *M)
{
    return M->grads;
}

const real *NAME(ggs_mlp_output)(const struct NAME(ggs_mlp) *M)
{
    return M->layer[M->nlayers - 1].A;
}
#line 1932 "book/31-nn.nw"
int NAME(ggs_mlp_init)(struct NAME(ggs_mlp) *M, gsl_rng *r)
{
    if (M == NULL || r == NULL)
        return ggs_error(GGS_EINVAL, __func__, "M or r is NULL");
    for (size_t l = 0; l < M->nlayers; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        double fan = y->act == GGS_NN_RELU ? (double)y->nin : (double)(y->nin + y->nout);
        double a = sqrt(6.0 / fan);
        int T = l == 0 && M->binary;   /* stored transposed, drawn in the same order */
        for (size_t j = 0; j < y->nout * y->nin; j++)
            y->W[T ? j % y->nin * y->nout + j / y->nin : j]
                = (real)(a * (2 * gsl_rng_uniform(r) - 1));
        memset(y->b, 0, y->nout * sizeof(real));
    }
    return GGS_OK;
}
#line 1953 "book/31-nn.nw"
int NAME(ggs_mlp_forward)(struct NAME(ggs_mlp) *M, const real *X, size_t rows)
{
    if (M == NULL || X == NULL)
        return ggs_error(GGS_EINVAL, __func__, "M or X is NULL");
    if (rows < 1 || rows > M->B)
        return ggs_error(GGS_EINVAL, __func__, "rows = %zu (need 1..B = %zu)", rows, M->B);
    for (size_t l = 0; l < M->nlayers; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        const real *in = l == 0 ? X : M->layer[l - 1].A;
        if (l == 0 && M->binary) {
            int rc = NAME(bin_index_build)(&M->bin, X, rows, y->nin, __func__);
            if (rc != GGS_OK) {
                M->rows = 0;   /* nothing to differentiate */
                return rc;
            }
            NAME(bin_forward)(y->A, &M->bin, y->W, y->b, rows, y->nout);
        } else
            NAME(dense_forward)(y->A, in, y->W, y->b, rows, y->nin, y->nout);
        NAME(act_forward)(y->A, y->A, y->act, rows * y->nout);
    }
    M->rows = rows;
    M->dY = NULL;
    return GGS_OK;
}
#line 1995 "book/31-nn.nw"
static int NAME(mlp_backward)(struct NAME(ggs_mlp) *M, real *dX, const real *X, const real *dY,
                              int mode, const char *func)
{
    int weights = mode != MLP_DELTAS;
    const real *g;
    size_t rows;
    if (M == NULL || X == NULL || dY == NULL)
        return ggs_error(GGS_EINVAL, func, "M, X or dY is NULL");
    if (M->rows == 0)
        return ggs_error(GGS_EINVAL, func, "no forward pass to differentiate");
    rows = M->rows;
    if (M->binary)   /* the weight gradient's index; a forward pass alone needs none */
        bin_index_columns(&M->bin, rows, M->layer[0].nin);
    ggs_nn_zero(M->acts + (M->nacts - M->ngrad_acts), M->ngrad_acts * sizeof(real));
    g = dY;
    for (size_t l = M->nlayers; l-- > 0;) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        const real *in = l == 0 ? X : M->layer[l - 1].A;
        real *din = l == 0 ? dX : M->layer[l - 1].dA;
        
#line 2046 "book/31-nn.nw"
/* turn g into the gradient before the activation of layer l */
if (y->act != GGS_NN_IDENTITY) {
    NAME(act_backward)(y->dZ, g, y->A, y->act, rows * y->nout);
    g = y->dZ;
}
#line 2015 "book/31-nn.nw"
        if (l == 0 && M->binary)
            NAME(bin_backward)(din, weights ? y->dW : NULL, weights ? y->db : NULL, g, &M->bin,
                               y->W, rows, y->nin, y->nout, mode == MLP_REPLACE);
        else
            NAME(dense_backward)(din, weights ? y->dW : NULL, weights ? y->db : NULL, g, in,
                                 y->W, rows, y->nin, y->nout, mode == MLP_REPLACE);
        g = din;
    }
    M->X = X;
    M->dY = weights ? NULL : dY;
    return GGS_OK;
}

int NAME(ggs_mlp_backward)(struct NAME(ggs_mlp) *M, real *dX, const real *X, const real *dY)
{
    return NAME(mlp_backward)(M, dX, X, dY, MLP_ADD, __func__);
}

int NAME(ggs_mlp_backward_replace)(struct NAME(ggs_mlp) *M, real *dX, const real *X,
                                   const real *dY)
{
    return NAME(mlp_backward)(M, dX, X, dY, MLP_REPLACE, __func__);
}

int NAME(ggs_mlp_backward_deltas)(struct NAME(ggs_mlp) *M, real *dX, const real *X,
                                  const real *dY)
{
    return NAME(mlp_backward)(M, dX, X, dY, MLP_DELTAS, __func__);
}
#line 2123 "book/31-nn.nw"
struct NAME(weights_job) {
    NAME(ggs_mlp) *const *Ms;   /* (S) the networks; Ms[0]'s gradient block is written */
    size_t S;
    size_t width0;              /* what a row of layer 1 weighs in the numbering: I_1, or
                                   less for a binary input (see below) */
};

/* sum += g for NN_CHUNK values (a constant trip count and restrict: vectorized) */
GGS_HOT static void NAME(add_chunk)(real *restrict sum, const real *restrict g)
{
    for (size_t k = 0; k < NN_CHUNK; k++)
        sum[k] += g[k];
}

/* db[c0..c1) := the column sums over rows [0, B) of G (ld columns), each in row order;
   with add, the sums are added to db instead. */
static void NAME(column_sums)(real *db, const real *G, size_t B, size_t ld, size_t c0,
                              size_t c1, int add)
{
    real sum[NN_CHUNK];
    for (size_t a = c0; a < c1; a += NN_CHUNK) {
        size_t w = c1 - a < NN_CHUNK ? c1 - a : NN_CHUNK;
        memset(sum, 0, sizeof sum);
        for (size_t r = 0; r < B; r++)
            if (w == NN_CHUNK)
                NAME(add_chunk)(sum, G + r * ld + a);
            else
                for (size_t k = 0; k < w; k++)
                    sum[k] += G[r * ld + a + k];
        for (size_t k = 0; k < w; k++)
            db[a + k] = add ? db[a + k] + sum[k] : sum[k];
    }
}

/* dL/dZ of layer l as the first half left it: dZ, dA for an identity layer, the caller's
   dY for an identity last layer. */
static const real *NAME(first_half_grad)(const struct NAME(ggs_mlp) *M, size_t l)
{
    const struct NAME(mlp_layer) *y = &M->layer[l];
    return y->act != GGS_NN_IDENTITY ? y->dZ : l + 1 < M->nlayers ? y->dA : M->dY;
}

/* Rows [r0, r1) of layer l's weight and bias gradients, summed over the networks. */
static void NAME(weights_rows)(const struct NAME(weights_job) *j, size_t l, size_t r0,
                               size_t r1)
{
    const struct NAME(mlp_layer) *out = &j->Ms[0]->layer[l];
    if (l == 0 && j->Ms[0]->binary) {
        
#line 2244 "book/31-nn.nw"
const real *G[GGS_MLP_MAX_SUM];
const struct bin_index *ix[GGS_MLP_MAX_SUM];
for (size_t s = 0; s < j->S; s++) {
    const struct NAME(ggs_mlp) *M = j->Ms[s];
    G[s] = NAME(first_half_grad)(M, 0);
    ix[s] = &M->bin;
    NAME(column_sums)(out->db, G[s], M->rows, out->nout, r0, r1, s > 0);
}
NAME(bin_weights_cols)(out->dW, G, ix, j->S, out->nin, out->nout, r0, r1, 0);
#line 2172 "book/31-nn.nw"
        return;
    }
    for (size_t s = 0; s < j->S; s++) {
        const struct NAME(ggs_mlp) *M = j->Ms[s];
        const struct NAME(mlp_layer) *y = &M->layer[l];
        const real *in = l == 0 ? M->X : M->layer[l - 1].A;
        const real *g = NAME(first_half_grad)(M, l);
        GEMM(CblasRowMajor, CblasTrans, CblasNoTrans, (int)(r1 - r0), (int)y->nin,
             (int)M->rows, 1, g + r0, (int)y->nout, in, (int)y->nin, s == 0 ? 0 : 1,
             out->dW + r0 * y->nin, (int)y->nin);
        NAME(column_sums)(out->db, g, M->rows, y->nout, r0, r1, s > 0);
    }
}

/* The blocks of WEIGHTS_ROWS rows whose first weight is in [w0, w1), the weights of all
   layers numbered in order. */
static void NAME(weights_task)(void *ctx, size_t w0, size_t w1)
{
    const struct NAME(weights_job) *j = ctx;
    size_t off = 0;
    for (size_t l = 0; l < j->Ms[0]->nlayers; l++) {
        size_t ni = l == 0 ? j->width0 : j->Ms[0]->layer[l].nin, no = j->Ms[0]->layer[l].nout;
        for (size_t r0 = 0; r0 < no; r0 += WEIGHTS_ROWS) {
            size_t first = off + r0 * ni;
            if (first >= w0 && first < w1)
                NAME(weights_rows)(j, l, r0, no - r0 < WEIGHTS_ROWS ? no : r0 + WEIGHTS_ROWS);
        }
        off += no * ni;
    }
}

int NAME(ggs_mlp_backward_weights)(NAME(ggs_mlp) *const *Ms, size_t S)
{
    struct NAME(weights_job) j = { Ms, S, 0 };
    size_t count = 0;
    
#line 2256 "book/31-nn.nw"
/* check the networks of a weight-gradient pass */
if (Ms == NULL || S < 1 || S > GGS_MLP_MAX_SUM)
    return ggs_error(GGS_EINVAL, __func__, "Ms is NULL or S = %zu (need 1..%d)", S,
                     GGS_MLP_MAX_SUM);
for (size_t s = 0; s < S; s++) {
    const struct NAME(ggs_mlp) *M = Ms[s];
    if (M == NULL)
        return ggs_error(GGS_EINVAL, __func__, "Ms[%zu] is NULL", s);
    if (M->nlayers != Ms[0]->nlayers || M->grads != Ms[0]->grads || M->binary != Ms[0]->binary)
        return ggs_error(GGS_EINVAL, __func__, "network %zu has other layers, another kind "
                         "of input or another gradient block than network 0", s);
    for (size_t l = 0; l < M->nlayers; l++)
        if (M->layer[l].nin != Ms[0]->layer[l].nin || M->layer[l].nout != Ms[0]->layer[l].nout
            || M->layer[l].act != Ms[0]->layer[l].act)
            return ggs_error(GGS_EINVAL, __func__, "network %zu: layer %zu differs from "
                             "network 0's", s, l + 1);
    if (M->dY == NULL)
        return ggs_error(GGS_EINVAL, __func__, "network %zu: no ggs_mlp_backward_deltas since "
                         "its last forward pass", s);
}
#line 2208 "book/31-nn.nw"
    
#line 2229 "book/31-nn.nw"
/* weigh a row of the first layer */
j.width0 = Ms[0]->layer[0].nin;
if (Ms[0]->binary) {
    size_t ones = 0, rows = 0;
    for (size_t s = 0; s < S; s++) {
        ones += Ms[s]->bin.row_start[Ms[s]->rows];
        rows += Ms[s]->rows;
    }
    if (3 * ones / rows + 1 < j.width0)
        j.width0 = 3 * ones / rows + 1;
}
#line 2209 "book/31-nn.nw"
    for (size_t l = 0; l < Ms[0]->nlayers; l++)
        count += Ms[0]->layer[l].nout * (l == 0 ? j.width0 : Ms[0]->layer[l].nin);
    if (ggs_nn_threads() > 1)
        NAME(weights_task)(&j, 0, count);
    else
        ggs_nn_parallel(NAME(weights_task), &j, count, WEIGHTS_GRAIN);
    return GGS_OK;
}
#line 2355 "book/31-nn.nw"
struct NAME(ggs_adam) {
    size_t count;          /* N, parameters */
    uint64_t t;            /* steps taken */
    ggs_adam_config cfg;
    real *m;               /* (N) first moment, in mem */
    real *v;               /* (N) second moment, in mem */
    real *mem;             /* (2, N): m then v */
};

struct NAME(ggs_adam) *NAME(ggs_adam_alloc)(size_t count, const ggs_adam_config *cfg)
{
    struct NAME(ggs_adam) *A;
    if (adam_check_config(cfg, __func__) != GGS_OK)
        return NULL;
    if (count < 1 || count > SIZE_MAX / 2 / sizeof(real)) {
        ggs_error(GGS_EINVAL, __func__, "count = %zu (need >= 1, no overflow)", count);
        return NULL;
    }
    A = calloc(1, sizeof *A);
    if (A == NULL || (A->mem = calloc(2 * count, sizeof(real))) == NULL) {
        free(A);
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters)", count);
        return NULL;
    }
    A->count = count;
    A->cfg = *cfg;
    A->m = A->mem;
    A->v = A->mem + count;
    return A;
}

void NAME(ggs_adam_free)(struct NAME(ggs_adam) *A)
{
    if (A == NULL)
        return;
    free(A->mem);
    free(A);
}

uint64_t NAME(ggs_adam_steps)(const struct NAME(ggs_adam) *A)
{
    return A->t;
}
#line 2402 "book/31-nn.nw"
struct NAME(adam_coef) { real s, b1, b2, omb1, omb2, a, c, eps; };

/* Update ADAM_BLOCK parameters p with gradients g and moments m, v. */
GGS_HOT static void NAME(adam_block)(real *restrict p, const real *restrict g, real *restrict m,
                             real *restrict v, const struct NAME(adam_coef) *k)
{
    real root[ADAM_BLOCK];
    for (size_t i = 0; i < ADAM_BLOCK; i++) {
        real gi = k->s * g[i];
        m[i] = k->b1 * m[i] + k->omb1 * gi;
        v[i] = k->b2 * v[i] + k->omb2 * gi * gi;
        root[i] = k->c * v[i];
    }
    SQRT_BLOCK(root, root);
    for (size_t i = 0; i < ADAM_BLOCK; i++)
        p[i] -= k->a * m[i] / (root[i] + k->eps);
}
#line 2432 "book/31-nn.nw"
struct NAME(adam_job) {
    real *p, *m, *v;       /* (full) parameters and moments */
    const real *const *gs; /* (S) pointers to the (full) gradient blocks */
    size_t S;
    const struct NAME(adam_coef) *k;
    atomic_int bad;        /* finiteness scan: some block holds a non-finite value */
};

/* g = a + b, and g += b, for ADAM_BLOCK values */
GGS_HOT static void NAME(add2_block)(real *restrict g, const real *restrict a,
                                    const real *restrict b)
{
    for (size_t e = 0; e < ADAM_BLOCK; e++)
        g[e] = a[e] + b[e];
}

GGS_HOT static void NAME(add_block)(real *restrict g, const real *restrict b)
{
    for (size_t e = 0; e < ADAM_BLOCK; e++)
        g[e] += b[e];
}

/* Element i of the sum of the S blocks, added in the same order (the scalar paths). */
static real NAME(sum_at)(const real *const *gs, size_t S, size_t i)
{
    real x = gs[0][i];
    for (size_t s = 1; s < S; s++)
        x += gs[s][i];
    return x;
}

/* The ADAM_BLOCK gradients at i: gs[0] + i itself when S = 1, else their sum in g. */
static const real *NAME(sum_block)(real *g, const real *const *gs, size_t S, size_t i)
{
    if (S == 1)
        return gs[0] + i;
    NAME(add2_block)(g, gs[0] + i, gs[1] + i);
    for (size_t s = 2; s < S; s++)
        NAME(add_block)(g, gs[s] + i);
    return g;
}

/* Full blocks [i0, i1) (in parameters) of the update. */
static void NAME(adam_task)(void *ctx, size_t i0, size_t i1)
{
    const struct NAME(adam_job) *j = ctx;
    real g[ADAM_BLOCK];
    for (size_t i = i0; i < i1; i += ADAM_BLOCK)
        NAME(adam_block)(j->p + i, NAME(sum_block)(g, j->gs, j->S, i), j->m + i, j->v + i,
                         j->k);
}
#line 2506 "book/31-nn.nw"
/* 1 if one of the ADAM_BLOCK values g is NaN or infinite. */
GGS_HOT static int NAME(block_not_finite)(const real *restrict g)
{
    UREAL inf_bits, top = 0, u;
    real inf = (real)HUGE_VAL;
    memcpy(&inf_bits, &inf, sizeof inf_bits);
    for (size_t i = 0; i < ADAM_BLOCK; i++) {
        memcpy(&u, g + i, sizeof u);
        u &= (UREAL)-1 >> 1;               /* clear the sign bit */
        top = u > top ? u : top;
    }
    return top >= inf_bits;
}

static void NAME(finite_task)(void *ctx, size_t i0, size_t i1)
{
    struct NAME(adam_job) *j = ctx;
    real g[ADAM_BLOCK];
    int bad = 0;
    for (size_t i = i0; i < i1 && !bad; i += ADAM_BLOCK)
        bad = NAME(block_not_finite)(NAME(sum_block)(g, j->gs, j->S, i));
    if (bad)               /* only ever set to 1: the order of the writes does not matter */
        atomic_store_explicit(&j->bad, 1, memory_order_relaxed);
}
#line 2540 "book/31-nn.nw"
static int NAME(adam_run)(struct NAME(ggs_adam) *A, real *params, const real *const *gs,
                          size_t S, double *gnorm, const char *func)
{
    struct NAME(adam_coef) k;
    struct NAME(adam_job) job = { params, A->m, A->v, gs, S, &k, 0 };
    double ss = 0, norm = 0, t;
    size_t n = A->count, full = n / ADAM_BLOCK * ADAM_BLOCK;
    if (A->cfg.clip > 0 || gnorm != NULL) {
        for (size_t i = 0; i < n; i += DOT_SLICE)
            ss += SELF_DOT((int)(n - i < DOT_SLICE ? n - i : DOT_SLICE), gs[0] + i);
        norm = sqrt(ss);
    } else {
        ggs_nn_parallel(NAME(finite_task), &job, full, ADAM_GRAIN * ADAM_BLOCK);
        norm = atomic_load_explicit(&job.bad, memory_order_relaxed) ? HUGE_VAL : 0;
        for (size_t i = full; i < n; i++)
            if (!isfinite(NAME(sum_at)(gs, S, i)))
                norm = HUGE_VAL;
    }
    if (!isfinite(norm)) {
        
#line 2603 "book/31-nn.nw"
/* refuse the step, naming the first non-finite gradient */
for (size_t i = 0; i < n; i++) {
    real x = NAME(sum_at)(gs, S, i);
    if (!isfinite(x)) {
        if (S == 1)
            return ggs_error(GGS_ERANGE, func, "grads[%zu] = %g is not finite; no step taken",
                             i, (double)x);
        return ggs_error(GGS_ERANGE, func, "the sum of the %zu gradient blocks at [%zu] = %g "
                         "is not finite; no step taken", S, i, (double)x);
    }
}
return ggs_error(GGS_ERANGE, func, "the gradient norm overflows");
#line 2560 "book/31-nn.nw"
    }
    
#line 2625 "book/31-nn.nw"
/* compute the coefficients of Adam step t */
A->t++;
t = (double)A->t;
k.s = (real)(A->cfg.clip > 0 && norm > A->cfg.clip ? A->cfg.clip / norm : 1.0);
k.b1 = (real)A->cfg.beta1;
k.b2 = (real)A->cfg.beta2;
k.omb1 = (real)(1 - A->cfg.beta1);
k.omb2 = (real)(1 - A->cfg.beta2);
k.a = (real)(A->cfg.lr / (1 - pow(A->cfg.beta1, t)));
k.c = (real)(1 / (1 - pow(A->cfg.beta2, t)));
k.eps = (real)A->cfg.eps;
#line 2562 "book/31-nn.nw"
    ggs_nn_parallel(NAME(adam_task), &job, full, ADAM_GRAIN * ADAM_BLOCK);
    if (full < n) {
        
#line 2638 "book/31-nn.nw"
/* update the last partial block through padded copies */
real p[ADAM_BLOCK] = { 0 }, g[ADAM_BLOCK] = { 0 }, m[ADAM_BLOCK] = { 0 }, v[ADAM_BLOCK] = { 0 };
size_t rest = n - full;
memcpy(p, params + full, rest * sizeof(real));
for (size_t i = 0; i < rest; i++)
    g[i] = NAME(sum_at)(gs, S, full + i);
memcpy(m, A->m + full, rest * sizeof(real));
memcpy(v, A->v + full, rest * sizeof(real));
NAME(adam_block)(p, g, m, v, &k);
memcpy(params + full, p, rest * sizeof(real));
memcpy(A->m + full, m, rest * sizeof(real));
memcpy(A->v + full, v, rest * sizeof(real));
#line 2565 "book/31-nn.nw"
    }
    if (gnorm != NULL)
        *gnorm = norm;
    return GGS_OK;
}

int NAME(ggs_adam_step)(struct NAME(ggs_adam) *A, real *params, const real *grads, double *gnorm)
{
    if (A == NULL || params == NULL || grads == NULL)
        return ggs_error(GGS_EINVAL, __func__, "A, params or grads is NULL");
    return NAME(adam_run)(A, params, &grads, 1, gnorm, __func__);
}
#line 2580 "book/31-nn.nw"
int NAME(ggs_adam_step_sum)(struct NAME(ggs_adam) *A, real *params, real *const *grads,
                            size_t S, double *gnorm)
{
    const real *gs[GGS_ADAM_MAX_SUM];
    if (A == NULL || params == NULL || grads == NULL)
        return ggs_error(GGS_EINVAL, __func__, "A, params or grads is NULL");
    if (S < 1 || S > GGS_ADAM_MAX_SUM)
        return ggs_error(GGS_EINVAL, __func__, "S = %zu blocks (must be in [1, %d])", S,
                         GGS_ADAM_MAX_SUM);
    for (size_t s = 0; s < S; s++)
        if ((gs[s] = grads[s]) == NULL)
            return ggs_error(GGS_EINVAL, __func__, "grads[%zu] is NULL", s);
    if (A->cfg.clip > 0 || gnorm != NULL) {
        for (size_t s = 1; s < S; s++)
            NAME(ggs_nn_add)(grads[0], grads[s], A->count);
        S = 1;
    }
    return NAME(adam_run)(A, params, gs, S, gnorm, __func__);
}
#line 2816 "book/31-nn.nw"
int NAME(ggs_nn_save)(FILE *f, const real *params, size_t count, const struct NAME(ggs_adam) *A)
{
    struct ckpt_header hd = { CKPT_MAGIC, CKPT_VERSION, CKPT_BYTE_ORDER, sizeof(real), 0, 0, 0 };
    if (f == NULL || params == NULL)
        return ggs_error(GGS_EINVAL, __func__, "f or params is NULL");
    if (count < 1 || count > SIZE_MAX / 3 / sizeof(real) || (A != NULL && A->count != count))
        return ggs_error(GGS_EINVAL, __func__, "count = %zu (Adam state: %zu)", count,
                         A != NULL ? A->count : count);
    hd.has_state = A != NULL;
    hd.count = count;
    hd.t = A != NULL ? A->t : 0;
    return ckpt_write(f, &hd, params, A != NULL ? A->m : NULL, A != NULL ? A->v : NULL,
                      __func__);
}

int NAME(ggs_nn_load)(FILE *f, real *params, size_t count, struct NAME(ggs_adam) *A)
{
    struct ckpt_header hd;
    void *buf;
    int rc;
    if (f == NULL || params == NULL)
        return ggs_error(GGS_EINVAL, __func__, "f or params is NULL");
    if (count < 1 || count > SIZE_MAX / 3 / sizeof(real) || (A != NULL && A->count != count))
        return ggs_error(GGS_EINVAL, __func__, "count = %zu (Adam state: %zu)", count,
                         A != NULL ? A->count : count);
    rc = ckpt_read(f, &hd, &buf, count, sizeof(real), A != NULL, __func__);
    if (rc != GGS_OK)
        return rc;
    memcpy(params, buf, count * sizeof(real));
    if (A != NULL) {
        memcpy(A->mem, (real *)buf + count, 2 * count * sizeof(real));
        A->t = hd.t;
    }
    free(buf);
    return GGS_OK;
}
#line 889 "book/31-nn.nw"
#undef real
#undef NAME
#undef GEMM
#undef AXPY
#undef SELF_DOT
#undef SQRT_BLOCK
#undef FAST_EXP
#undef FAST_LOG
#undef FABS
#undef UREAL
#undef EXPM1
#undef TANH

/* ---- single precision ---------------------------------------------- */
#define real float
#define NAME(x) x##f
#define GEMM cblas_sgemm
#define AXPY cblas_saxpy
#define SELF_DOT(n, x) cblas_dsdot(n, x, 1, x, 1)
#define SQRT_BLOCK sqrt_block_float
#define FAST_EXP ggs_fast_expf
#define FAST_LOG ggs_fast_logf
#define FABS fabsf
#define UREAL uint32_t
#define EXPM1 expm1f
#define TANH tanhf
#line 929 "book/31-nn.nw"
struct NAME(add_job) {
    real *y;
    const real *x;
};

GGS_HOT static void NAME(add_range)(real *restrict y, const real *restrict x, size_t count)
{
    for (size_t i = 0; i < count; i++)
        y[i] += x[i];
}

static void NAME(add_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(add_job) *j = ctx;
    NAME(add_range)(j->y + lo, j->x + lo, hi - lo);
}

void NAME(ggs_nn_add)(real *y, const real *x, size_t count)
{
    struct NAME(add_job) j = { y, x };
    ggs_nn_parallel(NAME(add_task), &j, count, ADD_GRAIN);
}
#line 968 "book/31-nn.nw"
/* cond ? a : b, without a branch on cond. */
static real NAME(pick)(int cond, real a, real b)
{
    UREAL ua, ub, mask = -(UREAL)(cond != 0);
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    ua = (ua & mask) | (ub & ~mask);
    memcpy(&a, &ua, sizeof a);
    return a;
}
#line 1008 "book/31-nn.nw"
/* y = softplus(z) = max(z, 0) + log1p(exp(-|z|)) for m <= NN_CHUNK values; y may equal z. */
static void NAME(softplus_chunk)(real *y, const real *z, size_t m)
{
    real e[NN_CHUNK], u[NN_CHUNK], lu[NN_CHUNK];
    if (m == 0)
        return;
    for (size_t j = 0; j < m; j++)
        e[j] = -FABS(z[j]);
    FAST_EXP(e, e, m);
    for (size_t j = 0; j < m; j++)
        u[j] = 1 + e[j];
    FAST_LOG(lu, u, m);
    /* log1p(e) = log(u) + (e - (u - 1)) / u, the correction exact to rounding */
    for (size_t j = 0; j < m; j++)
        y[j] = NAME(pick)(z[j] < 0, 0, z[j]) + (lu[j] + (e[j] - (u[j] - 1)) / u[j]);
}

/* y = sigmoid(z) = (z >= 0 ? 1 : e) / (1 + e), e = exp(-|z|), for m <= NN_CHUNK values. */
static void NAME(sigmoid_chunk)(real *y, const real *z, size_t m)
{
    real e[NN_CHUNK];
    if (m == 0)
        return;
    for (size_t j = 0; j < m; j++)
        e[j] = -FABS(z[j]);
    FAST_EXP(e, e, m);
    for (size_t j = 0; j < m; j++)
        y[j] = NAME(pick)(z[j] >= 0, 1, e[j]) / (1 + e[j]);
}

#line 1046 "book/31-nn.nw"
void NAME(ggs_nn_relu_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i++)
        Y[i] = NAME(pick)(X[i] < 0, 0, X[i]);
}

void NAME(ggs_nn_relu_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += NAME(pick)(Y[i] > 0, dY[i], 0);
}

void NAME(ggs_nn_tanh_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i++)
        Y[i] = TANH(X[i]);
}

void NAME(ggs_nn_tanh_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += dY[i] * (1 - Y[i] * Y[i]);
}

void NAME(ggs_nn_softplus_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i += NN_CHUNK)
        NAME(softplus_chunk)(Y + i, X + i, count - i < NN_CHUNK ? count - i : NN_CHUNK);
}

void NAME(ggs_nn_softplus_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += dY[i] * -EXPM1(-Y[i]);
}

void NAME(ggs_nn_sigmoid_forward)(real *Y, const real *X, size_t count)
{
    for (size_t i = 0; i < count; i += NN_CHUNK)
        NAME(sigmoid_chunk)(Y + i, X + i, count - i < NN_CHUNK ? count - i : NN_CHUNK);
}

void NAME(ggs_nn_sigmoid_backward)(real *dX, const real *dY, const real *Y, size_t count)
{
    for (size_t i = 0; i < count; i++)
        dX[i] += dY[i] * Y[i] * (1 - Y[i]);
}
#line 1099 "book/31-nn.nw"
static void NAME(act_forward_range)(real *Y, const real *X, int act, size_t count)
{
    switch (act) {
    case GGS_NN_RELU:     NAME(ggs_nn_relu_forward)(Y, X, count); break;
    case GGS_NN_TANH:     NAME(ggs_nn_tanh_forward)(Y, X, count); break;
    case GGS_NN_SOFTPLUS: NAME(ggs_nn_softplus_forward)(Y, X, count); break;
    case GGS_NN_SIGMOID:  NAME(ggs_nn_sigmoid_forward)(Y, X, count); break;
    default:              if (Y != X) memcpy(Y, X, count * sizeof(real)); break;
    }
}

static void NAME(act_backward_range)(real *dX, const real *dY, const real *Y, int act,
                                     size_t count)
{
    switch (act) {
    case GGS_NN_RELU:     NAME(ggs_nn_relu_backward)(dX, dY, Y, count); break;
    case GGS_NN_TANH:     NAME(ggs_nn_tanh_backward)(dX, dY, Y, count); break;
    case GGS_NN_SOFTPLUS: NAME(ggs_nn_softplus_backward)(dX, dY, Y, count); break;
    case GGS_NN_SIGMOID:  NAME(ggs_nn_sigmoid_backward)(dX, dY, Y, count); break;
    default:              AXPY((int)count, 1, dY, 1, dX, 1); break;
    }
}
#line 1126 "book/31-nn.nw"
struct NAME(act_job) {
    real *out;             /* (count) Y forward, dX backward */
    const real *in;        /* (count) X forward, dY backward */
    const real *Y;         /* (count) backward: the forward output */
    int act, backward;
};

static void NAME(act_task)(void *ctx, size_t lo, size_t hi)
{
    const struct NAME(act_job) *j = ctx;
    if (j->backward)
        NAME(act_backward_range)(j->out + lo, j->in + lo, j->Y + lo, j->act, hi - lo);
    else
        NAME(act_forward_range)(j->out + lo, j->in + lo, j->act, hi - lo);
}

static void NAME(act_forward)(real *Y, const real *X, int act, size_t count)
{
    struct NAME(act_job) j = { Y, X, NULL, act, 0 };
    ggs_nn_parallel(NAME(act_task), &j, count, NN_PAR_GRAIN);
}

static void NAME(act_backward)(real *dX, const real *dY, const real *Y, int act, size_t count)
{
    struct NAME(act_job) j = { dX, dY, Y, act, 1 };
    ggs_nn_parallel(NAME(act_task), &j, count, NN_PAR_GRAIN);
}
#line 1186 "book/31-nn.nw"
struct NAME(bias_job) {
    real *Y;               /* (B, nout) forward: every row gets b */
    real *db;              /* (nout) backward: column sums of dY are added */
    const real *b, *dY;    /* (nout), (B, nout) */
    size_t B, nout;
    int replace;           /* backward: db := the sums instead of db += */
};

/* Rows [r0, r1) of Y := b. */
static void NAME(bias_copy_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(bias_job) *j = ctx;
    for (size_t r = r0; r < r1; r++)
        memcpy(j->Y + r * j->nout, j->b, j->nout * sizeof(real));
}

/* Columns [c0, c1) of db += sum over rows of dY (db := with replace), the rows in order. */
static void NAME(bias_sum_task)(void *ctx, size_t c0, size_t c1)
{
    const struct NAME(bias_job) *j = ctx;
    if (j->replace)
        for (size_t c = c0; c < c1; c++)
            j->db[c] = 0;
    for (size_t r = 0; r < j->B; r++) {
        const real *g = j->dY + r * j->nout;
        for (size_t c = c0; c < c1; c++)
            j->db[c] += g[c];
    }
}

/* Y (B, nout) = X (B, nin) W^T + b; sizes already checked. */
static void NAME(dense_forward)(real *Y, const real *X, const real *W, const real *b,
                                size_t B, size_t nin, size_t nout)
{
    struct NAME(bias_job) j = { Y, NULL, b, NULL, B, nout, 0 };
    if (b != NULL)
        ggs_nn_parallel(NAME(bias_copy_task), &j, B, (NN_PAR_GRAIN + nout - 1) / nout);
    GEMM(CblasRowMajor, CblasNoTrans, CblasTrans, (int)B, (int)nout, (int)nin,
         1, X, (int)nin, W, (int)nin, b != NULL ? 1 : 0, Y, (int)nout);
}
#line 1248 "book/31-nn.nw"
/* dX += dY W, dW += dY^T X, db += sum over rows of dY (dW, db := with replace);
   sizes already checked. */
static void NAME(dense_backward)(real *dX, real *dW, real *db, const real *dY, const real *X,
                                 const real *W, size_t B, size_t nin, size_t nout, int replace)
{
    if (dX != NULL)
        GEMM(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)B, (int)nin, (int)nout,
             1, dY, (int)nout, W, (int)nin, 1, dX, (int)nin);
    if (dW != NULL)
        GEMM(CblasRowMajor, CblasTrans, CblasNoTrans, (int)nout, (int)nin, (int)B,
             1, dY, (int)nout, X, (int)nin, replace ? 0 : 1, dW, (int)nin);
    if (db != NULL) {
        struct NAME(bias_job) j = { NULL, db, NULL, dY, B, nout, replace };
        ggs_nn_parallel(NAME(bias_sum_task), &j, nout,
                        B * 64 >= NN_PAR_GRAIN ? 64 : (NN_PAR_GRAIN + B - 1) / B);
    }
}

int NAME(ggs_nn_dense_forward)(real *Y, const real *X, const real *W, const real *b,
                               size_t B, size_t nin, size_t nout)
{
    int rc;
    if (Y == NULL || X == NULL || W == NULL)
        return ggs_error(GGS_EINVAL, __func__, "Y, X or W is NULL");
    if ((rc = dense_check_sizes(B, nin, nout, sizeof(real), __func__)) != GGS_OK)
        return rc;
    NAME(dense_forward)(Y, X, W, b, B, nin, nout);
    return GGS_OK;
}

int NAME(ggs_nn_dense_backward)(real *dX, real *dW, real *db, const real *dY, const real *X,
                                const real *W, size_t B, size_t nin, size_t nout)
{
    int rc;
    if (dY == NULL || X == NULL || W == NULL)
        return ggs_error(GGS_EINVAL, __func__, "dY, X or W is NULL");
    if ((rc = dense_check_sizes(B, nin, nout, sizeof(real), __func__)) != GGS_OK)
        return rc;
    NAME(dense_backward)(dX, dW, db, dY, X, W, B, nin, nout, 0);
    return GGS_OK;
}
#line 1412 "book/31-nn.nw"
/* The row lists of the ones of X (rows, ni); GGS_EINVAL naming the first entry not 0 or 1. */
static int NAME(bin_index_build)(struct bin_index *ix, const real *X, size_t rows, size_t ni,
                                 const char *func)
{
    size_t c = 0;
    for (size_t r = 0; r < rows; r++) {
        const real *x = X + r * ni;
        int bad = 0;
        ix->row_start[r] = c;
        for (size_t p = 0; p < ni; p++) {
            ix->on[c] = (uint32_t)p;
            c += x[p] == 1;
            bad |= (x[p] != 0) & (x[p] != 1);
        }
        if (bad)
            for (size_t p = 0; p < ni; p++)
                if (x[p] != 0 && x[p] != 1)
                    return ggs_error(GGS_EINVAL, func, "X[%zu][%zu] = %g: the network's input "
                                     "is binary (GGS_NN_BINARY_INPUT) and takes only 0 or 1",
                                     r, p, (double)x[p]);
    }
    ix->row_start[rows] = c;
    return GGS_OK;
}
#line 1443 "book/31-nn.nw"
/* y[0..w) = init (or 0) + sum over k of M[ix[k] ld + 0..w), for w <= BIN_SLAB. */
static void NAME(bin_part_sum)(real *y, const real *init, const real *M, size_t ld,
                               const uint32_t *ix, size_t n, size_t w)
{
    real acc[BIN_SLAB];
    for (size_t j = 0; j < w; j++)
        acc[j] = init != NULL ? init[j] : 0;
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < w; j++)
            acc[j] += M[(size_t)ix[k] * ld + j];
    memcpy(y, acc, w * sizeof(real));
}

#if defined(__GNUC__)
typedef real NAME(bin_vec) __attribute__((vector_size(BIN_SLAB_BYTES / 8)));

/* The same for a whole slab, w = BIN_SLAB, in eight vector registers. */
GGS_HOT static void NAME(bin_slab_sum)(real *y, const real *init, const real *M, size_t ld,
                                      const uint32_t *ix, size_t n)
{
    enum { V = BIN_SLAB_BYTES / 8 / sizeof(real) };   /* reals per vector */
    NAME(bin_vec) acc[8], t;
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++) {
        if (init != NULL)
            memcpy(&acc[j], init + j * V, sizeof t);
        else
            acc[j] = (NAME(bin_vec)){ 0 };
    }
    for (size_t k = 0; k < n; k++) {
        const real *m = M + (size_t)ix[k] * ld;
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++) {
            memcpy(&t, m + j * V, sizeof t);
            acc[j] += t;
        }
    }
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++)
        memcpy(y + j * V, &acc[j], sizeof t);
}
#else
static void NAME(bin_slab_sum)(real *y, const real *init, const real *M, size_t ld,
                               const uint32_t *ix, size_t n)
{
    NAME(bin_part_sum)(y, init, M, ld, ix, n, BIN_SLAB);
}
#endif
#line 1495 "book/31-nn.nw"
struct NAME(bin_forward_job) {
    real *Z;                        /* (rows, no) */
    const struct bin_index *ix;
    const real *WT, *b;             /* (ni, no), (no) or NULL */
    size_t rows, no;
};

static void NAME(bin_forward_task)(void *ctx, size_t s0, size_t s1)
{
    const struct NAME(bin_forward_job) *j = ctx;
    for (size_t s = s0; s < s1; s++) {
        size_t o = s * BIN_SLAB, w = j->no - o < BIN_SLAB ? j->no - o : BIN_SLAB;
        for (size_t r = 0; r < j->rows; r++) {
            const uint32_t *on = j->ix->on + j->ix->row_start[r];
            size_t n = j->ix->row_start[r + 1] - j->ix->row_start[r];
            real *z = j->Z + r * j->no + o;
            const real *init = j->b != NULL ? j->b + o : NULL;
            if (w == BIN_SLAB)
                NAME(bin_slab_sum)(z, init, j->WT + o, j->no, on, n);
            else
                NAME(bin_part_sum)(z, init, j->WT + o, j->no, on, n, w);
        }
    }
}

/* Z (rows, no) = X WT + b for the binary X indexed in ix. */
static void NAME(bin_forward)(real *Z, const struct bin_index *ix, const real *WT,
                              const real *b, size_t rows, size_t no)
{
    struct NAME(bin_forward_job) j = { Z, ix, WT, b, rows, no };
    size_t slabs = (no + BIN_SLAB - 1) / BIN_SLAB, per = ix->row_start[rows] * BIN_SLAB + 1;
    ggs_nn_parallel(NAME(bin_forward_task), &j, slabs,
                    per >= NN_PAR_GRAIN ? 1 : (NN_PAR_GRAIN + per - 1) / per);
}
#line 1538 "book/31-nn.nw"
/* dWT[p][o0..o1) (ld no) := (or += with add) sum over s, then over the rows r of column p of
   network s, of G_s[r][o0..o1). */
static void NAME(bin_weights_cols)(real *dWT, const real *const *G,
                                   const struct bin_index *const *ix, size_t S, size_t ni,
                                   size_t no, size_t o0, size_t o1, int add)
{
    real sum[BIN_SLAB];
    for (size_t o = o0; o < o1; o += BIN_SLAB) {
        size_t w = o1 - o < BIN_SLAB ? o1 - o : BIN_SLAB;
        for (size_t p = 0; p < ni; p++) {
            real *d = dWT + p * no + o;
            for (size_t s = 0; s < S; s++) {
                const uint32_t *rows = ix[s]->rows_of + ix[s]->col_start[p];
                size_t n = ix[s]->col_start[p + 1] - ix[s]->col_start[p];
                const real *init = s > 0 ? sum : add ? d : NULL;
                if (w == BIN_SLAB)
                    NAME(bin_slab_sum)(sum, init, G[s] + o, no, rows, n);
                else
                    NAME(bin_part_sum)(sum, init, G[s] + o, no, rows, n, w);
            }
            memcpy(d, sum, w * sizeof(real));
        }
    }
}

struct NAME(bin_weights_job) {
    real *dWT;                      /* (ni, no) */
    const real *G;                  /* (rows, no) */
    const struct bin_index *ix;
    size_t ni, no;
    int add;
};

static void NAME(bin_weights_task)(void *ctx, size_t s0, size_t s1)
{
    const struct NAME(bin_weights_job) *j = ctx;
    size_t o1 = s1 * BIN_SLAB < j->no ? s1 * BIN_SLAB : j->no;
    NAME(bin_weights_cols)(j->dWT, &j->G, &j->ix, 1, j->ni, j->no, s0 * BIN_SLAB, o1, j->add);
}

/* dX += G WT^T (when dX is not NULL); dWT and db := (+= unless replace) the weight and
   bias sums (each when not NULL). */
static void NAME(bin_backward)(real *dX, real *dWT, real *db, const real *G,
                               const struct bin_index *ix, const real *WT, size_t rows,
                               size_t ni, size_t no, int replace)
{
    if (dX != NULL)
        GEMM(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)ni, (int)no,
             1, G, (int)no, WT, (int)no, 1, dX, (int)ni);
    if (dWT != NULL) {
        struct NAME(bin_weights_job) j = { dWT, G, ix, ni, no, !replace };
        ggs_nn_parallel(NAME(bin_weights_task), &j, (no + BIN_SLAB - 1) / BIN_SLAB, 1);
    }
    NAME(dense_backward)(NULL, NULL, db, G, NULL, NULL, rows, ni, no, replace);
}
#line 1605 "book/31-nn.nw"
struct NAME(bern_job) {
    real *ll;              /* (B) forward output */
    real *dlogits;         /* (B, D) backward output */
    const real *dll, *x, *logits;   /* (B), (B, D), (B, D) */
    size_t D;
};

/* Rows [r0, r1) of the forward pass. */
static void NAME(bern_forward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(bern_job) *j = ctx;
    const real *x = j->x, *logits = j->logits;
    real *ll = j->ll, sp[NN_CHUNK];
    size_t D = j->D;
    for (size_t r = r0; r < r1; r++) {
        const real *xr = x + r * D, *lr = logits + r * D;
        double s = 0;
        for (size_t d0 = 0; d0 < D; d0 += NN_CHUNK) {
            size_t m = D - d0 < NN_CHUNK ? D - d0 : NN_CHUNK;
            NAME(softplus_chunk)(sp, lr + d0, m);
            for (size_t k = 0; k < m; k++)
                s += (double)(xr[d0 + k] * lr[d0 + k] - sp[k]);
        }
        ll[r] = (real)s;
    }
}

/* Rows [r0, r1) of the backward pass. */
static void NAME(bern_backward_task)(void *ctx, size_t r0, size_t r1)
{
    const struct NAME(bern_job) *j = ctx;
    const real *x = j->x, *logits = j->logits, *dll = j->dll;
    real *dlogits = j->dlogits, sg[NN_CHUNK];
    size_t D = j->D;
    for (size_t r = r0; r < r1; r++) {
        const real *xr = x + r * D, *lr = logits + r * D;
        real *gr = dlogits + r * D, g = dll[r];
        for (size_t d0 = 0; d0 < D; d0 += NN_CHUNK) {
            size_t m = D - d0 < NN_CHUNK ? D - d0 : NN_CHUNK;
            NAME(sigmoid_chunk)(sg, lr + d0, m);
            for (size_t k = 0; k < m; k++)
                gr[d0 + k] += g * (xr[d0 + k] - sg[k]);
        }
    }
}

void NAME(ggs_nn_bernoulli_forward)(real *ll, const real *x, const real *logits,
                                    size_t B, size_t D)
{
    struct NAME(bern_job) j = { ll, NULL, NULL, x, logits, D };
    ggs_nn_parallel(NAME(bern_forward_task), &j, B, D > 0 ? (NN_PAR_GRAIN + D - 1) / D : B);
}

void NAME(ggs_nn_bernoulli_backward)(real *dlogits, const real *dll, const real *x,
                                     const real *logits, size_t B, size_t D)
{
    struct NAME(bern_job) j = { NULL, dlogits, dll, x, logits, D };
    ggs_nn_parallel(NAME(bern_backward_task), &j, B, D > 0 ? (NN_PAR_GRAIN + D - 1) / D : B);
}
#line 1668 "book/31-nn.nw"
int NAME(ggs_nn_check_finite)(size_t *index, const real *x, size_t count, const char *name)
{
    size_t i = 0;
    while (i < count && isfinite(x[i]))
        i++;
    if (index != NULL)
        *index = i;
    if (i == count)
        return GGS_OK;
    return ggs_error(GGS_ERANGE, __func__, "%s[%zu] = %g is not finite",
                     name != NULL ? name : "x", i, (double)x[i]);
}
#line 1691 "book/31-nn.nw"
struct NAME(mlp_layer) {
    size_t nin, nout;      /* I and O */
    int act;               /* enum ggs_nn_act after the product */
    real *W;               /* (O, I) in params; (I, O) for layer 0 of a binary input */
    real *b;               /* (O) in params */
    real *dW;              /* (O, I) in grads, laid out as W */
    real *db;              /* (O) in grads */
    real *A;               /* (B, O) in acts: output, activation applied in place */
    real *dA;              /* (B, O) in acts: dL/dA; NULL for the last layer */
    real *dZ;              /* (B, O) in acts: dL/dZ before the activation; NULL for identity */
};

struct NAME(ggs_mlp) {
    size_t B;              /* rows the activation block is sized for */
    size_t rows;           /* rows of the last forward pass; 0 before the first */
    size_t nlayers;        /* dense layers: nspec - 1 */
    size_t nparams;        /* reals in params and in grads */
    size_t nacts;          /* reals in acts */
    size_t ngrad_acts;     /* reals of acts from dA of layer 0 on: zeroed by backward */
    real *params;          /* (nparams) W_1, b_1, W_2, b_2, ... */
    real *grads;           /* (nparams) same layout */
    real *acts;            /* (nacts) A_1 .. A_L, then dA and dZ of each layer */
    int own_blocks;        /* params and grads were allocated here */
    const real *X;         /* (rows, I_1) input of the last ggs_mlp_backward_deltas */
    const real *dY;        /* (rows, O_L) its output gradient; NULL: none since forward */
    int binary;            /* entry 0 is GGS_NN_BINARY_INPUT: W_1 is (I, O), bin is used */
    struct bin_index bin;  /* the ones of the last forward input, in index */
    void *index;           /* the block of bin: bin_index_bytes(B, I_1) bytes, or NULL */
    struct NAME(mlp_layer) *layer;  /* (nlayers) */
    ggs_mlp_spec *spec;    /* (nlayers + 1) the description */
};
#line 1727 "book/31-nn.nw"
/* Reserve count reals at *off in base (NULL: only count); round to align reals. */
static real *NAME(take)(real *base, size_t *off, size_t count, size_t align)
{
    real *p = base != NULL ? base + *off : NULL;
    *off += (count + align - 1) / align * align;
    return p;
}

/* Set the layer pointers of M into its blocks (or only size them when they are NULL). */
static void NAME(mlp_walk)(struct NAME(ggs_mlp) *M)
{
    size_t p = 0, a = 0, line = 64 / sizeof(real), L = M->nlayers;
    for (size_t l = 0; l < L; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        size_t wb = p;
        y->nin = M->spec[l].size;
        y->nout = M->spec[l + 1].size;
        y->act = M->spec[l + 1].act;
        y->W = NAME(take)(M->params, &p, y->nout * y->nin, 1);
        y->b = NAME(take)(M->params, &p, y->nout, 1);
        y->dW = M->grads != NULL ? M->grads + wb : NULL;
        y->db = M->grads != NULL ? M->grads + wb + y->nout * y->nin : NULL;
        y->A = NAME(take)(M->acts, &a, M->B * y->nout, line);
    }
    M->ngrad_acts = a;
    for (size_t l = 0; l < L; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        y->dA = l + 1 < L ? NAME(take)(M->acts, &a, M->B * y->nout, line) : NULL;
        y->dZ = y->act != GGS_NN_IDENTITY ? NAME(take)(M->acts, &a, M->B * y->nout, line) : NULL;
    }
    M->ngrad_acts = a - M->ngrad_acts;
    M->nparams = p;
    M->nacts = a;
}
#line 1812 "book/31-nn.nw"
struct NAME(ggs_mlp) *NAME(ggs_mlp_alloc)(size_t B, const ggs_mlp_spec *spec, size_t nspec,
                                          real *params, real *grads)
{
    struct NAME(ggs_mlp) *M;
    size_t np, widths = 0;
    
#line 1844 "book/31-nn.nw"
/* check the arguments of a new network */
if (mlp_check_spec(&np, spec, nspec, __func__) != GGS_OK)
    return NULL;
if (B < 1 || B > INT_MAX) {
    ggs_error(GGS_EINVAL, __func__, "B = %zu (need 1..INT_MAX)", B);
    return NULL;
}
if ((params == NULL) != (grads == NULL)) {
    ggs_error(GGS_EINVAL, __func__, "pass both params and grads, or neither");
    return NULL;
}
for (size_t l = 1; l < nspec; l++)
    widths += spec[l].size + 64;                 /* widths plus alignment padding */
if (widths > SIZE_MAX / sizeof(real) / 3 / B) {
    ggs_error(GGS_EINVAL, __func__, "B = %zu: the activation block overflows", B);
    return NULL;
}
if (spec[0].act == GGS_NN_BINARY_INPUT && bin_index_bytes(B, spec[0].size) == 0) {
    ggs_error(GGS_EINVAL, __func__, "B = %zu, I = %zu: the index of a binary input overflows",
              B, spec[0].size);
    return NULL;
}
#line 1818 "book/31-nn.nw"
    M = calloc(1, sizeof *M);
    if (M == NULL) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory");
        return NULL;
    }
    M->B = B;
    M->nlayers = nspec - 1;
    M->layer = calloc(M->nlayers, sizeof *M->layer);
    M->spec = malloc(nspec * sizeof *M->spec);
    if (M->layer != NULL && M->spec != NULL) {
        memcpy(M->spec, spec, nspec * sizeof *spec);
        NAME(mlp_walk)(M);   /* blocks still NULL: only sizes */
        
#line 1868 "book/31-nn.nw"
/* allocate the blocks of a new network */
M->acts = aligned_alloc(64, (M->nacts * sizeof(real) + 63) / 64 * 64);
if (spec[0].act == GGS_NN_BINARY_INPUT) {
    M->binary = 1;
    M->index = malloc(bin_index_bytes(B, spec[0].size));
    if (M->index != NULL)
        bin_index_walk(&M->bin, M->index, B, spec[0].size);
}
if (params != NULL) {
    M->params = params;
    M->grads = grads;
} else {
    M->own_blocks = 1;
    M->params = calloc(M->nparams, sizeof(real));
    M->grads = calloc(M->nparams, sizeof(real));
}
#line 1831 "book/31-nn.nw"
    }
    if (M->layer == NULL || M->spec == NULL || M->acts == NULL || M->params == NULL
        || M->grads == NULL || (M->binary && M->index == NULL)) {
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu activations, %zu parameters)",
                  M->nacts, M->nparams);
        NAME(ggs_mlp_free)(M);
        return NULL;
    }
    NAME(mlp_walk)(M);
    return M;
}
#line 1886 "book/31-nn.nw"
void NAME(ggs_mlp_free)(struct NAME(ggs_mlp) *M)
{
    if (M == NULL)
        return;
    if (M->own_blocks) {
        free(M->params);
        free(M->grads);
    }
    free(M->acts);
    free(M->index);
    free(M->layer);
    free(M->spec);
    free(M);
}

size_t NAME(ggs_mlp_nparams)(const struct NAME(ggs_mlp) *M)
{
    return M->nparams;
}

real *NAME(ggs_mlp_params)(struct NAME(ggs_mlp) *M)
{
    return M->params;
}

real *NAME(ggs_mlp_grads)(struct NAME(ggs_mlp) *M)
{
    return M->grads;
}

const real *NAME(ggs_mlp_output)(const struct NAME(ggs_mlp) *M)
{
    return M->layer[M->nlayers - 1].A;
}
#line 1932 "book/31-nn.nw"
int NAME(ggs_mlp_init)(struct NAME(ggs_mlp) *M, gsl_rng *r)
{
    if (M == NULL || r == NULL)
        return ggs_error(GGS_EINVAL, __func__, "M or r is NULL");
    for (size_t l = 0; l < M->nlayers; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        double fan = y->act == GGS_NN_RELU ? (double)y->nin : (double)(y->nin + y->nout);
        double a = sqrt(6.0 / fan);
        int T = l == 0 && M->binary;   /* stored transposed, drawn in the same order */
        for (size_t j = 0; j < y->nout * y->nin; j++)
            y->W[T ? j % y->nin * y->nout + j / y->nin : j]
                = (real)(a * (2 * gsl_rng_uniform(r) - 1));
        memset(y->b, 0, y->nout * sizeof(real));
    }
    return GGS_OK;
}
#line 1953 "book/31-nn.nw"
int NAME(ggs_mlp_forward)(struct NAME(ggs_mlp) *M, const real *X, size_t rows)
{
    if (M == NULL || X == NULL)
        return ggs_error(GGS_EINVAL, __func__, "M or X is NULL");
    if (rows < 1 || rows > M->B)
        return ggs_error(GGS_EINVAL, __func__, "rows = %zu (need 1..B = %zu)", rows, M->B);
    for (size_t l = 0; l < M->nlayers; l++) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        const real *in = l == 0 ? X : M->layer[l - 1].A;
        if (l == 0 && M->binary) {
            int rc = NAME(bin_index_build)(&M->bin, X, rows, y->nin, __func__);
            if (rc != GGS_OK) {
                M->rows = 0;   /* nothing to differentiate */
                return rc;
            }
            NAME(bin_forward)(y->A, &M->bin, y->W, y->b, rows, y->nout);
        } else
            NAME(dense_forward)(y->A, in, y->W, y->b, rows, y->nin, y->nout);
        NAME(act_forward)(y->A, y->A, y->act, rows * y->nout);
    }
    M->rows = rows;
    M->dY = NULL;
    return GGS_OK;
}
#line 1995 "book/31-nn.nw"
static int NAME(mlp_backward)(struct NAME(ggs_mlp) *M, real *dX, const real *X, const real *dY,
                              int mode, const char *func)
{
    int weights = mode != MLP_DELTAS;
    const real *g;
    size_t rows;
    if (M == NULL || X == NULL || dY == NULL)
        return ggs_error(GGS_EINVAL, func, "M, X or dY is NULL");
    if (M->rows == 0)
        return ggs_error(GGS_EINVAL, func, "no forward pass to differentiate");
    rows = M->rows;
    if (M->binary)   /* the weight gradient's index; a forward pass alone needs none */
        bin_index_columns(&M->bin, rows, M->layer[0].nin);
    ggs_nn_zero(M->acts + (M->nacts - M->ngrad_acts), M->ngrad_acts * sizeof(real));
    g = dY;
    for (size_t l = M->nlayers; l-- > 0;) {
        struct NAME(mlp_layer) *y = &M->layer[l];
        const real *in = l == 0 ? X : M->layer[l - 1].A;
        real *din = l == 0 ? dX : M->layer[l - 1].dA;
        
#line 2046 "book/31-nn.nw"
/* turn g into the gradient before the activation of layer l */
if (y->act != GGS_NN_IDENTITY) {
    NAME(act_backward)(y->dZ, g, y->A, y->act, rows * y->nout);
    g = y->dZ;
}
#line 2015 "book/31-nn.nw"
        if (l == 0 && M->binary)
            NAME(bin_backward)(din, weights ? y->dW : NULL, weights ? y->db : NULL, g, &M->bin,
                               y->W, rows, y->nin, y->nout, mode == MLP_REPLACE);
        else
            NAME(dense_backward)(din, weights ? y->dW : NULL, weights ? y->db : NULL, g, in,
                                 y->W, rows, y->nin, y->nout, mode == MLP_REPLACE);
        g = din;
    }
    M->X = X;
    M->dY = weights ? NULL : dY;
    return GGS_OK;
}

int NAME(ggs_mlp_backward)(struct NAME(ggs_mlp) *M, real *dX, const real *X, const real *dY)
{
    return NAME(mlp_backward)(M, dX, X, dY, MLP_ADD, __func__);
}

int NAME(ggs_mlp_backward_replace)(struct NAME(ggs_mlp) *M, real *dX, const real *X,
                                   const real *dY)
{
    return NAME(mlp_backward)(M, dX, X, dY, MLP_REPLACE, __func__);
}

int NAME(ggs_mlp_backward_deltas)(struct NAME(ggs_mlp) *M, real *dX, const real *X,
                                  const real *dY)
{
    return NAME(mlp_backward)(M, dX, X, dY, MLP_DELTAS, __func__);
}
#line 2123 "book/31-nn.nw"
struct NAME(weights_job) {
    NAME(ggs_mlp) *const *Ms;   /* (S) the networks; Ms[0]'s gradient block is written */
    size_t S;
    size_t width0;              /* what a row of layer 1 weighs in the numbering: I_1, or
                                   less for a binary input (see below) */
};

/* sum += g for NN_CHUNK values (a constant trip count and restrict: vectorized) */
GGS_HOT static void NAME(add_chunk)(real *restrict sum, const real *restrict g)
{
    for (size_t k = 0; k < NN_CHUNK; k++)
        sum[k] += g[k];
}

/* db[c0..c1) := the column sums over rows [0, B) of G (ld columns), each in row order;
   with add, the sums are added to db instead. */
static void NAME(column_sums)(real *db, const real *G, size_t B, size_t ld, size_t c0,
                              size_t c1, int add)
{
    real sum[NN_CHUNK];
    for (size_t a = c0; a < c1; a += NN_CHUNK) {
        size_t w = c1 - a < NN_CHUNK ? c1 - a : NN_CHUNK;
        memset(sum, 0, sizeof sum);
        for (size_t r = 0; r < B; r++)
            if (w == NN_CHUNK)
                NAME(add_chunk)(sum, G + r * ld + a);
            else
                for (size_t k = 0; k < w; k++)
                    sum[k] += G[r * ld + a + k];
        for (size_t k = 0; k < w; k++)
            db[a + k] = add ? db[a + k] + sum[k] : sum[k];
    }
}

/* dL/dZ of layer l as the first half left it: dZ, dA for an identity layer, the caller's
   dY for an identity last layer. */
static const real *NAME(first_half_grad)(const struct NAME(ggs_mlp) *M, size_t l)
{
    const struct NAME(mlp_layer) *y = &M->layer[l];
    return y->act != GGS_NN_IDENTITY ? y->dZ : l + 1 < M->nlayers ? y->dA : M->dY;
}

/* Rows [r0, r1) of layer l's weight and bias gradients, summed over the networks. */
static void NAME(weights_rows)(const struct NAME(weights_job) *j, size_t l, size_t r0,
                               size_t r1)
{
    const struct NAME(mlp_layer) *out = &j->Ms[0]->layer[l];
    if (l == 0 && j->Ms[0]->binary) {
        
#line 2244 "book/31-nn.nw"
const real *G[GGS_MLP_MAX_SUM];
const struct bin_index *ix[GGS_MLP_MAX_SUM];
for (size_t s = 0; s < j->S; s++) {
    const struct NAME(ggs_mlp) *M = j->Ms[s];
    G[s] = NAME(first_half_grad)(M, 0);
    ix[s] = &M->bin;
    NAME(column_sums)(out->db, G[s], M->rows, out->nout, r0, r1, s > 0);
}
NAME(bin_weights_cols)(out->dW, G, ix, j->S, out->nin, out->nout, r0, r1, 0);
#line 2172 "book/31-nn.nw"
        return;
    }
    for (size_t s = 0; s < j->S; s++) {
        const struct NAME(ggs_mlp) *M = j->Ms[s];
        const struct NAME(mlp_layer) *y = &M->layer[l];
        const real *in = l == 0 ? M->X : M->layer[l - 1].A;
        const real *g = NAME(first_half_grad)(M, l);
        GEMM(CblasRowMajor, CblasTrans, CblasNoTrans, (int)(r1 - r0), (int)y->nin,
             (int)M->rows, 1, g + r0, (int)y->nout, in, (int)y->nin, s == 0 ? 0 : 1,
             out->dW + r0 * y->nin, (int)y->nin);
        NAME(column_sums)(out->db, g, M->rows, y->nout, r0, r1, s > 0);
    }
}

/* The blocks of WEIGHTS_ROWS rows whose first weight is in [w0, w1), the weights of all
   layers numbered in order. */
static void NAME(weights_task)(void *ctx, size_t w0, size_t w1)
{
    const struct NAME(weights_job) *j = ctx;
    size_t off = 0;
    for (size_t l = 0; l < j->Ms[0]->nlayers; l++) {
        size_t ni = l == 0 ? j->width0 : j->Ms[0]->layer[l].nin, no = j->Ms[0]->layer[l].nout;
        for (size_t r0 = 0; r0 < no; r0 += WEIGHTS_ROWS) {
            size_t first = off + r0 * ni;
            if (first >= w0 && first < w1)
                NAME(weights_rows)(j, l, r0, no - r0 < WEIGHTS_ROWS ? no : r0 + WEIGHTS_ROWS);
        }
        off += no * ni;
    }
}

int NAME(ggs_mlp_backward_weights)(NAME(ggs_mlp) *const *Ms, size_t S)
{
    struct NAME(weights_job) j = { Ms, S, 0 };
    size_t count = 0;
    
#line 2256 "book/31-nn.nw"
/* check the networks of a weight-gradient pass */
if (Ms == NULL || S < 1 || S > GGS_MLP_MAX_SUM)
    return ggs_error(GGS_EINVAL, __func__, "Ms is NULL or S = %zu (need 1..%d)", S,
                     GGS_MLP_MAX_SUM);
for (size_t s = 0; s < S; s++) {
    const struct NAME(ggs_mlp) *M = Ms[s];
    if (M == NULL)
        return ggs_error(GGS_EINVAL, __func__, "Ms[%zu] is NULL", s);
    if (M->nlayers != Ms[0]->nlayers || M->grads != Ms[0]->grads || M->binary != Ms[0]->binary)
        return ggs_error(GGS_EINVAL, __func__, "network %zu has other layers, another kind "
                         "of input or another gradient block than network 0", s);
    for (size_t l = 0; l < M->nlayers; l++)
        if (M->layer[l].nin != Ms[0]->layer[l].nin || M->layer[l].nout != Ms[0]->layer[l].nout
            || M->layer[l].act != Ms[0]->layer[l].act)
            return ggs_error(GGS_EINVAL, __func__, "network %zu: layer %zu differs from "
                             "network 0's", s, l + 1);
    if (M->dY == NULL)
        return ggs_error(GGS_EINVAL, __func__, "network %zu: no ggs_mlp_backward_deltas since "
                         "its last forward pass", s);
}
#line 2208 "book/31-nn.nw"
    
#line 2229 "book/31-nn.nw"
/* weigh a row of the first layer */
j.width0 = Ms[0]->layer[0].nin;
if (Ms[0]->binary) {
    size_t ones = 0, rows = 0;
    for (size_t s = 0; s < S; s++) {
        ones += Ms[s]->bin.row_start[Ms[s]->rows];
        rows += Ms[s]->rows;
    }
    if (3 * ones / rows + 1 < j.width0)
        j.width0 = 3 * ones / rows + 1;
}
#line 2209 "book/31-nn.nw"
    for (size_t l = 0; l < Ms[0]->nlayers; l++)
        count += Ms[0]->layer[l].nout * (l == 0 ? j.width0 : Ms[0]->layer[l].nin);
    if (ggs_nn_threads() > 1)
        NAME(weights_task)(&j, 0, count);
    else
        ggs_nn_parallel(NAME(weights_task), &j, count, WEIGHTS_GRAIN);
    return GGS_OK;
}
#line 2355 "book/31-nn.nw"
struct NAME(ggs_adam) {
    size_t count;          /* N, parameters */
    uint64_t t;            /* steps taken */
    ggs_adam_config cfg;
    real *m;               /* (N) first moment, in mem */
    real *v;               /* (N) second moment, in mem */
    real *mem;             /* (2, N): m then v */
};

struct NAME(ggs_adam) *NAME(ggs_adam_alloc)(size_t count, const ggs_adam_config *cfg)
{
    struct NAME(ggs_adam) *A;
    if (adam_check_config(cfg, __func__) != GGS_OK)
        return NULL;
    if (count < 1 || count > SIZE_MAX / 2 / sizeof(real)) {
        ggs_error(GGS_EINVAL, __func__, "count = %zu (need >= 1, no overflow)", count);
        return NULL;
    }
    A = calloc(1, sizeof *A);
    if (A == NULL || (A->mem = calloc(2 * count, sizeof(real))) == NULL) {
        free(A);
        ggs_error(GGS_ENOMEM, __func__, "out of memory (%zu parameters)", count);
        return NULL;
    }
    A->count = count;
    A->cfg = *cfg;
    A->m = A->mem;
    A->v = A->mem + count;
    return A;
}

void NAME(ggs_adam_free)(struct NAME(ggs_adam) *A)
{
    if (A == NULL)
        return;
    free(A->mem);
    free(A);
}

uint64_t NAME(ggs_adam_steps)(const struct NAME(ggs_adam) *A)
{
    return A->t;
}
#line 2402 "book/31-nn.nw"
struct NAME(adam_coef) { real s, b1, b2, omb1, omb2, a, c, eps; };

/* Update ADAM_BLOCK parameters p with gradients g and moments m, v. */
GGS_HOT static void NAME(adam_block)(real *restrict p, const real *restrict g, real *restrict m,
                             real *restrict v, const struct NAME(adam_coef) *k)
{
    real root[ADAM_BLOCK];
    for (size_t i = 0; i < ADAM_BLOCK; i++) {
        real gi = k->s * g[i];
        m[i] = k->b1 * m[i] + k->omb1 * gi;
        v[i] = k->b2 * v[i] + k->omb2 * gi * gi;
        root[i] = k->c * v[i];
    }
    SQRT_BLOCK(root, root);
    for (size_t i = 0; i < ADAM_BLOCK; i++)
        p[i] -= k->a * m[i] / (root[i] + k->eps);
}
#line 2432 "book/31-nn.nw"
struct NAME(adam_job) {
    real *p, *m, *v;       /* (full) parameters and moments */
    const real *const *gs; /* (S) pointers to the (full) gradient blocks */
    size_t S;
    const struct NAME(adam_coef) *k;
    atomic_int bad;        /* finiteness scan: some block holds a non-finite value */
};

/* g = a + b, and g += b, for ADAM_BLOCK values */
GGS_HOT static void NAME(add2_block)(real *restrict g, const real *restrict a,
                                    const real *restrict b)
{
    for (size_t e = 0; e < ADAM_BLOCK; e++)
        g[e] = a[e] + b[e];
}

GGS_HOT static void NAME(add_block)(real *restrict g, const real *restrict b)
{
    for (size_t e = 0; e < ADAM_BLOCK; e++)
        g[e] += b[e];
}

/* Element i of the sum of the S blocks, added in the same order (the scalar paths). */
static real NAME(sum_at)(const real *const *gs, size_t S, size_t i)
{
    real x = gs[0][i];
    for (size_t s = 1; s < S; s++)
        x += gs[s][i];
    return x;
}

/* The ADAM_BLOCK gradients at i: gs[0] + i itself when S = 1, else their sum in g. */
static const real *NAME(sum_block)(real *g, const real *const *gs, size_t S, size_t i)
{
    if (S == 1)
        return gs[0] + i;
    NAME(add2_block)(g, gs[0] + i, gs[1] + i);
    for (size_t s = 2; s < S; s++)
        NAME(add_block)(g, gs[s] + i);
    return g;
}

/* Full blocks [i0, i1) (in parameters) of the update. */
static void NAME(adam_task)(void *ctx, size_t i0, size_t i1)
{
    const struct NAME(adam_job) *j = ctx;
    real g[ADAM_BLOCK];
    for (size_t i = i0; i < i1; i += ADAM_BLOCK)
        NAME(adam_block)(j->p + i, NAME(sum_block)(g, j->gs, j->S, i), j->m + i, j->v + i,
                         j->k);
}
#line 2506 "book/31-nn.nw"
/* 1 if one of the ADAM_BLOCK values g is NaN or infinite. */
GGS_HOT static int NAME(block_not_finite)(const real *restrict g)
{
    UREAL inf_bits, top = 0, u;
    real inf = (real)HUGE_VAL;
    memcpy(&inf_bits, &inf, sizeof inf_bits);
    for (size_t i = 0; i < ADAM_BLOCK; i++) {
        memcpy(&u, g + i, sizeof u);
        u &= (UREAL)-1 >> 1;               /* clear the sign bit */
        top = u > top ? u : top;
    }
    return top >= inf_bits;
}

static void NAME(finite_task)(void *ctx, size_t i0, size_t i1)
{
    struct NAME(adam_job) *j = ctx;
    real g[ADAM_BLOCK];
    int bad = 0;
    for (size_t i = i0; i < i1 && !bad; i += ADAM_BLOCK)
        bad = NAME(block_not_finite)(NAME(sum_block)(g, j->gs, j->S, i));
    if (bad)               /* only ever set to 1: the order of the writes does not matter */
        atomic_store_explicit(&j->bad, 1, memory_order_relaxed);
}
#line 2540 "book/31-nn.nw"
static int NAME(adam_run)(struct NAME(ggs_adam) *A, real *params, const real *const *gs,
                          size_t S, double *gnorm, const char *func)
{
    struct NAME(adam_coef) k;
    struct NAME(adam_job) job = { params, A->m, A->v, gs, S, &k, 0 };
    double ss = 0, norm = 0, t;
    size_t n = A->count, full = n / ADAM_BLOCK * ADAM_BLOCK;
    if (A->cfg.clip > 0 || gnorm != NULL) {
        for (size_t i = 0; i < n; i += DOT_SLICE)
            ss += SELF_DOT((int)(n - i < DOT_SLICE ? n - i : DOT_SLICE), gs[0] + i);
        norm = sqrt(ss);
    } else {
        ggs_nn_parallel(NAME(finite_task), &job, full, ADAM_GRAIN * ADAM_BLOCK);
        norm = atomic_load_explicit(&job.bad, memory_order_relaxed) ? HUGE_VAL : 0;
        for (size_t i = full; i < n; i++)
            if (!isfinite(NAME(sum_at)(gs, S, i)))
                norm = HUGE_VAL;
    }
    if (!isfinite(norm)) {
        
#line 2603 "book/31-nn.nw"
/* refuse the step, naming the first non-finite gradient */
for (size_t i = 0; i < n; i++) {
    real x = NAME(sum_at)(gs, S, i);
    if (!isfinite(x)) {
        if (S == 1)
            return ggs_error(GGS_ERANGE, func, "grads[%zu] = %g is not finite; no step taken",
                             i, (double)x);
        return ggs_error(GGS_ERANGE, func, "the sum of the %zu gradient blocks at [%zu] = %g "
                         "is not finite; no step taken", S, i, (double)x);
    }
}
return ggs_error(GGS_ERANGE, func, "the gradient norm overflows");
#line 2560 "book/31-nn.nw"
    }
    
#line 2625 "book/31-nn.nw"
/* compute the coefficients of Adam step t */
A->t++;
t = (double)A->t;
k.s = (real)(A->cfg.clip > 0 && norm > A->cfg.clip ? A->cfg.clip / norm : 1.0);
k.b1 = (real)A->cfg.beta1;
k.b2 = (real)A->cfg.beta2;
k.omb1 = (real)(1 - A->cfg.beta1);
k.omb2 = (real)(1 - A->cfg.beta2);
k.a = (real)(A->cfg.lr / (1 - pow(A->cfg.beta1, t)));
k.c = (real)(1 / (1 - pow(A->cfg.beta2, t)));
k.eps = (real)A->cfg.eps;
#line 2562 "book/31-nn.nw"
    ggs_nn_parallel(NAME(adam_task), &job, full, ADAM_GRAIN * ADAM_BLOCK);
    if (full < n) {
        
#line 2638 "book/31-nn.nw"
/* update the last partial block through padded copies */
real p[ADAM_BLOCK] = { 0 }, g[ADAM_BLOCK] = { 0 }, m[ADAM_BLOCK] = { 0 }, v[ADAM_BLOCK] = { 0 };
size_t rest = n - full;
memcpy(p, params + full, rest * sizeof(real));
for (size_t i = 0; i < rest; i++)
    g[i] = NAME(sum_at)(gs, S, full + i);
memcpy(m, A->m + full, rest * sizeof(real));
memcpy(v, A->v + full, rest * sizeof(real));
NAME(adam_block)(p, g, m, v, &k);
memcpy(params + full, p, rest * sizeof(real));
memcpy(A->m + full, m, rest * sizeof(real));
memcpy(A->v + full, v, rest * sizeof(real));
#line 2565 "book/31-nn.nw"
    }
    if (gnorm != NULL)
        *gnorm = norm;
    return GGS_OK;
}

int NAME(ggs_adam_step)(struct NAME(ggs_adam) *A, real *params, const real *grads, double *gnorm)
{
    if (A == NULL || params == NULL || grads == NULL)
        return ggs_error(GGS_EINVAL, __func__, "A, params or grads is NULL");
    return NAME(adam_run)(A, params, &grads, 1, gnorm, __func__);
}
#line 2580 "book/31-nn.nw"
int NAME(ggs_adam_step_sum)(struct NAME(ggs_adam) *A, real *params, real *const *grads,
                            size_t S, double *gnorm)
{
    const real *gs[GGS_ADAM_MAX_SUM];
    if (A == NULL || params == NULL || grads == NULL)
        return ggs_error(GGS_EINVAL, __func__, "A, params or grads is NULL");
    if (S < 1 || S > GGS_ADAM_MAX_SUM)
        return ggs_error(GGS_EINVAL, __func__, "S = %zu blocks (must be in [1, %d])", S,
                         GGS_ADAM_MAX_SUM);
    for (size_t s = 0; s < S; s++)
        if ((gs[s] = grads[s]) == NULL)
            return ggs_error(GGS_EINVAL, __func__, "grads[%zu] is NULL", s);
    if (A->cfg.clip > 0 || gnorm != NULL) {
        for (size_t s = 1; s < S; s++)
            NAME(ggs_nn_add)(grads[0], grads[s], A->count);
        S = 1;
    }
    return NAME(adam_run)(A, params, gs, S, gnorm, __func__);
}
#line 2816 "book/31-nn.nw"
int NAME(ggs_nn_save)(FILE *f, const real *params, size_t count, const struct NAME(ggs_adam) *A)
{
    struct ckpt_header hd = { CKPT_MAGIC, CKPT_VERSION, CKPT_BYTE_ORDER, sizeof(real), 0, 0, 0 };
    if (f == NULL || params == NULL)
        return ggs_error(GGS_EINVAL, __func__, "f or params is NULL");
    if (count < 1 || count > SIZE_MAX / 3 / sizeof(real) || (A != NULL && A->count != count))
        return ggs_error(GGS_EINVAL, __func__, "count = %zu (Adam state: %zu)", count,
                         A != NULL ? A->count : count);
    hd.has_state = A != NULL;
    hd.count = count;
    hd.t = A != NULL ? A->t : 0;
    return ckpt_write(f, &hd, params, A != NULL ? A->m : NULL, A != NULL ? A->v : NULL,
                      __func__);
}

int NAME(ggs_nn_load)(FILE *f, real *params, size_t count, struct NAME(ggs_adam) *A)
{
    struct ckpt_header hd;
    void *buf;
    int rc;
    if (f == NULL || params == NULL)
        return ggs_error(GGS_EINVAL, __func__, "f or params is NULL");
    if (count < 1 || count > SIZE_MAX / 3 / sizeof(real) || (A != NULL && A->count != count))
        return ggs_error(GGS_EINVAL, __func__, "count = %zu (Adam state: %zu)", count,
                         A != NULL ? A->count : count);
    rc = ckpt_read(f, &hd, &buf, count, sizeof(real), A != NULL, __func__);
    if (rc != GGS_OK)
        return rc;
    memcpy(params, buf, count * sizeof(real));
    if (A != NULL) {
        memcpy(A->mem, (real *)buf + count, 2 * count * sizeof(real));
        A->t = hd.t;
    }
    free(buf);
    return GGS_OK;
}
#line 916 "book/31-nn.nw"
/** @endcond */
