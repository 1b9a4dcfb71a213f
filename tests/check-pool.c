#line 637 "book/29-pool.nw"
/* Generated from book/29-pool.nw; do not edit. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "check-gengs.h"

#line 669 "book/29-pool.nw"
enum { PAR_COUNT = 1000, PAR_GRAIN = 7 };

struct par_record {
    int hits[PAR_COUNT];           /* how often each item was processed */
    size_t lo[8], hi[8];           /* the ranges, in the order the tasks ran */
    pthread_t who[8];              /* the thread of each task */
    int calls;
    pthread_mutex_t lock;
};

static void par_task(void *ctx, size_t lo, size_t hi)
{
    struct par_record *p = ctx;
    for (size_t i = lo; i < hi; i++)
        p->hits[i]++;                /* disjoint ranges: no two tasks touch an item */
    pthread_mutex_lock(&p->lock);
    if (p->calls < 8) {
        p->lo[p->calls] = lo;
        p->hi[p->calls] = hi;
        p->who[p->calls] = pthread_self();
    }
    p->calls++;
    pthread_mutex_unlock(&p->lock);
}

/* A task that starts a job of its own: it must run on its own thread, serially. */
static void par_nested_task(void *ctx, size_t lo, size_t hi)
{
    struct par_record *p = ctx;
    if (lo == 0)
        ggs_nn_parallel(par_task, p, PAR_COUNT, PAR_GRAIN);
}

static void par_run(struct par_record *p, ggs_nn_task task, size_t count, size_t grain)
{
    memset(p->hits, 0, sizeof p->hits);
    p->calls = 0;
    ggs_nn_parallel(task, p, count, grain);
}

START_TEST(test_parallel_covers_each_item_once)
{
    static struct par_record p = { .lock = PTHREAD_MUTEX_INITIALIZER };
    ck_assert_int_eq(ggs_nn_set_kernel_threads(0), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(GGS_NN_MAX_THREADS + 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_set_threads(GGS_NN_MAX_THREADS + 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_nn_kernel_threads(), 1);
    for (int threads = 1; threads <= 3; threads++) {
        ck_assert_int_eq(ggs_nn_set_kernel_threads(threads), GGS_OK);
        par_run(&p, par_task, PAR_COUNT, PAR_GRAIN);
        ck_assert_int_eq(p.calls, threads);
        for (int i = 0; i < PAR_COUNT; i++)
            ck_assert_int_eq(p.hits[i], 1);
        for (int c = 0; c < p.calls; c++) {
            ck_assert_uint_eq(p.lo[c] % PAR_GRAIN, 0);
            ck_assert(p.hi[c] == PAR_COUNT || p.hi[c] % PAR_GRAIN == 0);
        }
        if (threads > 1)           /* some range ran on another thread */
            ck_assert(!pthread_equal(p.who[0], p.who[1]) || !pthread_equal(p.who[0], p.who[2]));
        par_run(&p, par_task, 2 * PAR_GRAIN - 1, PAR_GRAIN);   /* one unit: no split */
        ck_assert(p.calls == 1 && p.lo[0] == 0 && p.hi[0] == 2 * PAR_GRAIN - 1);
        ck_assert(pthread_equal(p.who[0], pthread_self()));
        par_run(&p, par_nested_task, 2 * PAR_COUNT, PAR_GRAIN); /* nested: serial */
        ck_assert(p.calls == 1 && p.lo[0] == 0 && p.hi[0] == PAR_COUNT);
        ck_assert_int_eq(p.hits[PAR_COUNT - 1], 1);
    }
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
    ck_assert_int_eq(ggs_nn_kernel_threads(), 1);
}
END_TEST
#line 750 "book/29-pool.nw"
struct resize_record {
    struct par_record par;
    int inside_rc, outside_rc[2];
    char inside_msg[256], outside_msg[256];
};

static void *resize_from_outside(void *arg)
{
    struct resize_record *r = arg;
    r->outside_rc[0] = ggs_nn_set_threads(1);
    r->outside_rc[1] = ggs_nn_set_kernel_threads(3);
    snprintf(r->outside_msg, sizeof r->outside_msg, "%s", ggs_last_error());
    return NULL;
}

static void resize_task(void *ctx, size_t lo, size_t hi)
{
    struct resize_record *r = ctx;
    par_task(&r->par, lo, hi);
    if (lo == 0) {                 /* the first range: on the caller, inside the job */
        pthread_t t;
        r->inside_rc = ggs_nn_set_kernel_threads(1);
        snprintf(r->inside_msg, sizeof r->inside_msg, "%s", ggs_last_error());
        ck_assert_int_eq(pthread_create(&t, NULL, resize_from_outside, r), 0);
        ck_assert_int_eq(pthread_join(t, NULL), 0);
    }
}

START_TEST(test_resize_during_a_job_is_refused)
{
    static struct resize_record r = { .par.lock = PTHREAD_MUTEX_INITIALIZER };
    int blas = ggs_nn_threads();
    ck_assert_int_eq(ggs_nn_set_kernel_threads(2), GGS_OK);
    memset(r.par.hits, 0, sizeof r.par.hits);
    ggs_nn_parallel(resize_task, &r, PAR_COUNT, PAR_GRAIN);
    ck_assert_int_eq(r.par.calls, 2);
    for (int i = 0; i < PAR_COUNT; i++)
        ck_assert_int_eq(r.par.hits[i], 1);
    ck_assert_int_eq(r.inside_rc, GGS_EINVAL);
    ck_assert_int_eq(r.outside_rc[0], GGS_EINVAL);
    ck_assert_int_eq(r.outside_rc[1], GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(r.inside_msg, "to 1 while a job runs"));
    ck_assert_ptr_nonnull(strstr(r.outside_msg, "to 3 while a job runs"));
    ck_assert_int_eq(ggs_nn_kernel_threads(), 2);
    ck_assert_int_eq(ggs_nn_threads(), blas);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);   /* after the job: allowed */
    ck_assert_int_eq(ggs_nn_kernel_threads(), 1);
}
END_TEST

#line 645 "book/29-pool.nw"
Suite *make_pool_suite(void)
{
    Suite *s = suite_create("pool");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_parallel_covers_each_item_once);
    tcase_add_test(core, test_resize_during_a_job_is_refused);
    suite_add_tcase(s, core);
    return s;
}
