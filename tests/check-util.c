#line 404 "book/00-preface.nw"
/* Generated from book/00-preface.nw; do not edit. */
#include <errno.h>
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

Suite *make_util_suite(void)
{
    Suite *s = suite_create("util");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_mkdirs);
    suite_add_tcase(s, core);
    return s;
}
