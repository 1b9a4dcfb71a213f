#line 305 "book/29-pool.nw"
/* Generated from book/29-pool.nw; do not edit. */
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include "gengs-pool.h"
#include "gengs-core.h"
#include "gengs-internal.h"

void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

#line 382 "book/29-pool.nw"
enum { POOL_SPINS = 50 };      /* yielding polls before a helper sleeps */

struct pool {
    pthread_mutex_t lock;      /* guards sleepers and the condition variable */
    pthread_cond_t wake;       /* a new generation (or quit) for sleeping helpers */
    atomic_uint gen;           /* generation: incremented to publish a job */
    atomic_int pending;        /* helpers that have not finished the job */
    atomic_int busy;           /* a caller is using the pool, or resizing it */
    int sleepers;              /* helpers waiting on wake */
    atomic_int nthreads;       /* kernel threads, the caller included; written when busy */
    int quit;                  /* helpers must return */
    unsigned gen0;             /* the generation when the helpers were started */
    ggs_nn_task task;          /* the job: task(ctx, lo, hi) for each part */
    void *ctx;
    size_t count, grain;
    int parts;                 /* ranges of the job, <= nthreads */
    pthread_t tid[GGS_NN_MAX_THREADS];   /* helpers 1 .. nthreads - 1 */
    int index[GGS_NN_MAX_THREADS];       /* their part numbers */
};

static struct pool pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0,
                            1, 0, 0, NULL, NULL, 0, 1, 1, { 0 }, { 0 } };
static _Thread_local int in_pool_task;   /* nonzero on helpers and inside a task */

/* Run part p of the current job. */
static void pool_run_part(int p)
{
    size_t units = (pool.count + pool.grain - 1) / pool.grain, parts = (size_t)pool.parts;
    size_t lo = units * (size_t)p / parts * pool.grain;
    size_t hi = units * (size_t)(p + 1) / parts * pool.grain;
    if (p < pool.parts && lo < pool.count)
        pool.task(pool.ctx, lo, hi < pool.count ? hi : pool.count);
}
#line 417 "book/29-pool.nw"
static void *pool_helper(void *arg)
{
    int w = *(const int *)arg;
    unsigned seen = pool.gen0;   /* not the current generation: a job may be out already */
    in_pool_task = 1;
    for (;;) {
        unsigned g;
        int polls = 0;
        
#line 435 "book/29-pool.nw"
/* wait until the pool's generation differs from seen */
while ((g = atomic_load_explicit(&pool.gen, memory_order_acquire)) == seen) {
    if (++polls < POOL_SPINS) {
        sched_yield();
        continue;
    }
    pthread_mutex_lock(&pool.lock);
    pool.sleepers++;
    while (atomic_load_explicit(&pool.gen, memory_order_acquire) == seen)
        pthread_cond_wait(&pool.wake, &pool.lock);
    pool.sleepers--;
    pthread_mutex_unlock(&pool.lock);
}
#line 426 "book/29-pool.nw"
        seen = g;
        if (pool.quit)
            return NULL;
        pool_run_part(w);
        atomic_fetch_sub_explicit(&pool.pending, 1, memory_order_release);
    }
}
#line 451 "book/29-pool.nw"
static void pool_publish(void)
{
    pthread_mutex_lock(&pool.lock);
    atomic_fetch_add_explicit(&pool.gen, 1, memory_order_release);
    if (pool.sleepers > 0)
        pthread_cond_broadcast(&pool.wake);
    pthread_mutex_unlock(&pool.lock);
}

void ggs_nn_parallel(ggs_nn_task task, void *ctx, size_t count, size_t grain)
{
    size_t units;
    int T;
    if (grain < 1)
        grain = 1;
    units = (count + grain - 1) / grain;
    if (atomic_load_explicit(&pool.nthreads, memory_order_relaxed) < 2 || count / grain < 2
        || in_pool_task || atomic_exchange_explicit(&pool.busy, 1, memory_order_acquire)) {
        task(ctx, 0, count);
        return;
    }
    
#line 494 "book/29-pool.nw"
/* run the job on the caller if the pool shrank to one thread before it was taken */
T = atomic_load_explicit(&pool.nthreads, memory_order_relaxed);
if (T < 2) {
    atomic_store_explicit(&pool.busy, 0, memory_order_release);
    task(ctx, 0, count);
    return;
}
#line 473 "book/29-pool.nw"
    pool.task = task;
    pool.ctx = ctx;
    pool.count = count;
    pool.grain = grain;
    pool.parts = units < (size_t)T ? (int)units : T;
    atomic_store_explicit(&pool.pending, T - 1, memory_order_relaxed);
    pool_publish();
    in_pool_task = 1;
    pool_run_part(0);
    in_pool_task = 0;
    for (int polls = 0; atomic_load_explicit(&pool.pending, memory_order_acquire) != 0;)
        if (++polls > 64)
            sched_yield();
    atomic_store_explicit(&pool.busy, 0, memory_order_release);
}
#line 526 "book/29-pool.nw"
static void pool_stop(void)
{
    int T = atomic_load_explicit(&pool.nthreads, memory_order_relaxed);
    if (T < 2)
        return;
    pool.quit = 1;
    pool_publish();
    for (int w = 1; w < T; w++)
        pthread_join(pool.tid[w], NULL);
    pool.quit = 0;
    atomic_store_explicit(&pool.nthreads, 1, memory_order_relaxed);
}

/* Stop the helpers and start n - 1 new ones; the caller holds busy. */
static int pool_resize(int n)
{
    if (n == atomic_load_explicit(&pool.nthreads, memory_order_relaxed))
        return GGS_OK;
    pool_stop();
    pool.gen0 = atomic_load_explicit(&pool.gen, memory_order_relaxed);
    for (int w = 1; w < n; w++) {
        int rc;
        pool.index[w] = w;
        if ((rc = pthread_create(&pool.tid[w], NULL, pool_helper, &pool.index[w])) != 0)
            return ggs_error(GGS_ENOMEM, "ggs_nn_set_kernel_threads",
                             "cannot start kernel thread %d of %d: %s", w + 1, n, strerror(rc));
        atomic_store_explicit(&pool.nthreads, w + 1, memory_order_relaxed);
    }
    return GGS_OK;
}

int ggs_nn_set_kernel_threads(int n)
{
    int rc;
    if (n < 1 || n > GGS_NN_MAX_THREADS)
        return ggs_error(GGS_EINVAL, __func__, "n = %d threads (need 1..%d)", n,
                         GGS_NN_MAX_THREADS);
    
#line 592 "book/29-pool.nw"
/* refuse to resize the pool while a job runs on it */
if (atomic_exchange_explicit(&pool.busy, 1, memory_order_acquire))
    return ggs_error(GGS_EINVAL, __func__,
                     "cannot change the kernel threads to %d while a job runs on them "
                     "(or another thread changes them)", n);
#line 564 "book/29-pool.nw"
    rc = pool_resize(n);
    atomic_store_explicit(&pool.busy, 0, memory_order_release);
    return rc;
}

int ggs_nn_kernel_threads(void)
{
    return atomic_load_explicit(&pool.nthreads, memory_order_relaxed);
}

int ggs_nn_set_threads(int n)
{
    int rc;
    if (n < 1 || n > GGS_NN_MAX_THREADS)
        return ggs_error(GGS_EINVAL, __func__, "n = %d threads (need 1..%d)", n,
                         GGS_NN_MAX_THREADS);
    if ((rc = ggs_nn_set_kernel_threads(n)) != GGS_OK)
        return rc;
    openblas_set_num_threads(n);
    return GGS_OK;
}

int ggs_nn_threads(void)
{
    return openblas_get_num_threads();
}
#line 599 "book/29-pool.nw"
enum { ZERO_GRAIN = 65536 };

static void zero_task(void *ctx, size_t lo, size_t hi)
{
    memset((unsigned char *)ctx + lo, 0, hi - lo);
}

void ggs_nn_zero(void *p, size_t bytes)
{
    ggs_nn_parallel(zero_task, p, bytes, ZERO_GRAIN);
}
