#line 400 "book/00-preface.nw"
/**
 * @file gengs-internal.h
 * @brief What the library's files share and its users should not call
 *        (not installed).
 *
 * Generated from the book (book/00-preface.nw and the chapters) by notangle;
 * do not edit.
 */
#ifndef GENGS_INTERNAL_H
#define GENGS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "gengs-core.h"

#line 460 "book/00-preface.nw"
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
#line 1004 "book/20-vae.nw"
/**
 * @brief One row of explicit inference from the family's descriptor alone: the
 * link, the checked constructor, the truncated log-pmf on {lo, ..., lo+n-1} and
 * its derivatives in a (chain rule through the link).  Cost: that of
 * ggs_truncated_logpmf() and ggs_truncated_dlogpmf().
 * @param theta output (P) @param dtheta output (P) d theta_j / d a_j
 * @param lq output (n) @param dl output (n, P) d lq / d a
 * @param a (P) the unconstrained reals @param fd a descriptor with a link
 * @param lo the window's first value @param n categories, n >= 2
 * @return 0, or -1 if the constructor refuses the parameters or the window
 *         leaves the support (a message is recorded)
 */
int ggs_latent_generic_row(double *theta, double *dtheta, double *lq, double *dl,
                           const double *a, const ggs_family_desc *fd, long lo, size_t n);
#line 3842 "book/20-vae.nw"
/**
 * @brief Open a temporary file next to @p path for an atomic replacement.
 * @param tmp     output: the temporary file's name (path + ".tmp")
 * @param tmpsize size of @p tmp
 * @param path    the file to be replaced
 * @return the open file (mode "wb"), or NULL with a message recorded: the name
 *         is too long (status GGS_EINVAL) or the file cannot be created (GGS_EIO).
 */
FILE *ggs_atomic_open(char *tmp, size_t tmpsize, const char *path);

/**
 * @brief Finish an atomic replacement: flush and fsync @p f, close it, rename
 * @p tmp to @p path and fsync the directory.  On any failure the temporary
 * file is removed and @p path is left as it was.
 * @param f    the file from ggs_atomic_open()
 * @param tmp  its name
 * @param path the file to replace
 * @return GGS_OK, or GGS_EIO with the system's reason recorded.
 */
int ggs_atomic_commit(FILE *f, const char *tmp, const char *path);

/**
 * @brief Write an 8-bit grayscale PNG, atomically.
 * @param path   the file
 * @param pix    (height, width) intensities, 0 = black
 * @param width  image width, 1 <= width <= 2^20
 * @param height image height, 1 <= height <= 2^20
 * @return GGS_OK, GGS_EINVAL (bad size, a name too long) or GGS_EIO (the file
 *         cannot be created or written).
 */
int ggs_png_write_gray(const char *path, const uint8_t *pix, size_t width, size_t height);
#line 521 "book/30-layer.nw"
/** Compile a hot function for several x86-64 levels and pick one at load time
    (GCC on x86-64 Linux; define GGS_NO_CLONES to compile it once). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(GGS_NO_CLONES)
#define GGS_HOT __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define GGS_HOT
#endif
#line 2700 "book/31-nn.nw"
/** The 64-bit FNV-1a offset basis: the hash of no bytes, where a hash starts. */
#define GGS_FNV1A_INIT UINT64_C(0xcbf29ce484222325)
/**
 * @brief The 64-bit FNV-1a hash @p h extended by @p n bytes at @p p.
 * Cost: one exclusive-or and one multiplication per byte.
 * @param h the hash of the bytes before (GGS_FNV1A_INIT for none)
 * @param p the bytes
 * @param n their number
 * @return the hash of the bytes before followed by these
 */
uint64_t ggs_fnv1a(uint64_t h, const void *p, size_t n);
#line 325 "book/33-corpus.nw"
/**
 * @brief Grow an array by doubling its capacity (at least 16 elements).
 * Cost: one realloc() when it grows; O(n) copies over n appends.
 * @param p      the array (NULL for none yet)
 * @param cap    its capacity in elements; updated when it grows
 * @param need   the number of elements it must hold
 * @param elsize the size of an element, in bytes
 * @return p itself when need <= *cap, else the grown block; NULL when the size
 *         overflows or memory runs out (p is then unchanged, valid, the caller's).
 */
void *ggs_grow(void *p, size_t *cap, size_t need, size_t elsize);
#line 826 "book/33-corpus.nw"
/**
 * @brief The path "dir/name", of any length.
 * @param dir  the directory
 * @param name the name inside it
 * @return a new block (the caller frees it), or NULL when out of memory.
 */
char *ggs_path_join(const char *dir, const char *name);
#line 416 "book/00-preface.nw"
#endif /* GENGS_INTERNAL_H */
