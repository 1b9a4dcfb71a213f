#line 853 "book/31-nn.nw"
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

#line 937 "book/31-nn.nw"
enum { ADD_GRAIN = 16384 };
#line 1172 "book/31-nn.nw"
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
#line 1372 "book/31-nn.nw"
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
#line 1777 "book/31-nn.nw"
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
#line 2002 "book/31-nn.nw"
enum { MLP_ADD, MLP_REPLACE, MLP_DELTAS };   /* what a backward pass does to the grads */
#line 2129 "book/31-nn.nw"
enum { WEIGHTS_GRAIN = 16384 };   /* weights per unit of a weight-gradient job */
enum { WEIGHTS_ROWS = 64 };       /* rows of W per block: the same calls on any threads */
#line 2316 "book/31-nn.nw"
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
#line 2713 "book/31-nn.nw"
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
#line 2771 "book/31-nn.nw"
static int ckpt_read(FILE *f, struct ckpt_header *hd, void **buf, size_t count,
                     size_t real_size, int want_state, const char *func)
{
    uint64_t h = GGS_FNV1A_INIT, stored;
    size_t bytes, got;
    *buf = NULL;
    
#line 2800 "book/31-nn.nw"
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
#line 2778 "book/31-nn.nw"
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

#line 875 "book/31-nn.nw"
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
#define FAST_TANH ggs_fast_tanh
#include "nn-real.inc"
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
#undef FAST_TANH

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
#define FAST_TANH ggs_fast_tanhf
#include "nn-real.inc"
/** @endcond */
