#line 670 "book/00-preface.nw"
/* Generated from book/00-preface.nw; do not edit. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check-gengs.h"

START_TEST(test_mkdirs)
{
    char base[] = "/tmp/gengs-mkdirs-XXXXXX", path[256], file[256];
    struct stat st;
    ck_assert_ptr_nonnull(mkdtemp(base));
    snprintf(path, sizeof path, "%s/a/b/c", base);
    ck_assert_int_eq(ggs_mkdirs(path), 0);
    ck_assert(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    ck_assert_int_eq(ggs_mkdirs(path), 0);              /* it exists: fine */
    ck_assert_int_eq(ggs_mkdirs(""), -1);
    ck_assert_int_eq(errno, ENAMETOOLONG);
    snprintf(file, sizeof file, "%s/f", base);
    FILE *f = fopen(file, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/f/g", base);
    ck_assert_int_eq(ggs_mkdirs(path), -1);             /* a file in the way */
    remove(file);
    snprintf(path, sizeof path, "%s/a/b/c", base);
    rmdir(path);
    snprintf(path, sizeof path, "%s/a/b", base);
    rmdir(path);
    snprintf(path, sizeof path, "%s/a", base);
    rmdir(path);
    rmdir(base);
}
END_TEST

/* record an error on another thread and keep a copy of its message */
static void *fail_elsewhere(void *msg)
{
    ggs_error(GGS_EDOM, "worker", "x = %d is out of range", 7);
    snprintf(msg, 512, "%s", ggs_last_error());
    return NULL;
}

START_TEST(test_error_restore)
{
    char msg[512];
    pthread_t t;
    ggs_error(GGS_EINVAL, "main", "first");
    ck_assert_int_eq(pthread_create(&t, NULL, fail_elsewhere, msg), 0);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    ck_assert_str_eq(ggs_last_error(), "main: first");   /* thread-local */
    ck_assert_str_eq(msg, "worker: x = 7 is out of range");
    ck_assert_int_eq(ggs_error_restore(GGS_EDOM, msg), GGS_EDOM);
    ck_assert_str_eq(ggs_last_error(), msg);
}
END_TEST

Suite *make_util_suite(void)
{
    Suite *s = suite_create("util");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_mkdirs);
    tcase_add_test(core, test_error_restore);
    suite_add_tcase(s, core);
    return s;
}
