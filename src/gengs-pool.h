#line 275 "book/29-pool.nw"
/**
 * @file gengs-pool.h
 * @brief The kernel threads: a small pool that shares a job's ranges out.
 *
 * Generated from book/29-pool.nw by notangle; do not edit.
 */
#ifndef GENGS_POOL_H
#define GENGS_POOL_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#line 212 "book/29-pool.nw"
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

#line 291 "book/29-pool.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_POOL_H */
