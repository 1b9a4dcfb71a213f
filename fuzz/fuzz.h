#line 132 "book/91-fuzz.nw"
/* Generated from book/91-fuzz.nw; do not edit. */
#ifndef GENGS_FUZZ_H
#define GENGS_FUZZ_H
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gengs.h"
#include "cmdline.h"
#include "cli.h"

/* Abort with a message when a promise of the library is broken. */
#define FUZZ_REQUIRE(cond, ...) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "fuzz: broken promise: " __VA_ARGS__); \
            fputc('\n', stderr); \
            abort(); \
        } \
    } while (0)

#line 163 "book/91-fuzz.nw"
/* The name of this process's scratch directory (empty until created). */
static inline char *fuzz_dir_name(void)
{
    static char dir[256];
    return dir;
}

/* Remove a file, or a directory and everything in it. */
static inline void fuzz_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char p[1024];
    if (d == NULL) {
        remove(path);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (remove(p) != 0)
            fuzz_remove_tree(p);
    }
    closedir(d);
    rmdir(path);
}

static inline void fuzz_cleanup(void)
{
    if (fuzz_dir_name()[0] != '\0')
        fuzz_remove_tree(fuzz_dir_name());
}

/* The scratch directory, created at the first call and removed at exit. */
static inline const char *fuzz_scratch(void)
{
    char *dir = fuzz_dir_name();
    if (dir[0] == '\0') {
        const char *t = getenv("TMPDIR");
        snprintf(dir, 256, "%s/gengs-fuzz-XXXXXX", t != NULL && t[0] != '\0' ? t : "/tmp");
        FUZZ_REQUIRE(mkdtemp(dir) != NULL, "cannot create the scratch directory %s", dir);
        atexit(fuzz_cleanup);
    }
    return dir;
}

/* Write n bytes into the file path (replacing it). */
static inline void fuzz_write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    FUZZ_REQUIRE(f != NULL, "cannot create %s", path);
    FUZZ_REQUIRE(fwrite(p, 1, n, f) == n && fclose(f) == 0, "cannot write %s", path);
}

/* The contents of the file path in a new block, its length in *n. */
static inline unsigned char *fuzz_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0, got;
    FUZZ_REQUIRE(f != NULL, "cannot open %s", path);
    do {
        if (len == cap) {
            cap = cap ? 2 * cap : 65536;
            buf = realloc(buf, cap);
            FUZZ_REQUIRE(buf != NULL, "out of memory reading %s", path);
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    *n = len;
    return buf;
}
#line 242 "book/91-fuzz.nw"
/* 64-bit FNV-1a of n bytes. */
static inline uint64_t fuzz_fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}
#line 260 "book/91-fuzz.nw"
/* Write an IDX file of n (<= 255) images of 6 x 6 pixels into path. */
static inline void fuzz_tiny_images(const char *path, unsigned n, unsigned salt)
{
    unsigned char file[16 + 255 * 36] = { 0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 6 };
    file[7] = (unsigned char)n;
    for (unsigned i = 0; i < n; i++)
        for (unsigned p = 0; p < 36; p++) {
            int on = i % 2 == 0 ? p % 6 < 3 : p / 6 < 3;
            if ((i * 37 + p * 11 + salt) % 23 == 0)
                on = !on;
            file[16 + 36 * i + p] = on ? 255 : 0;
        }
    fuzz_write_file(path, file, 16 + 36 * (size_t)n);
}

/* Write the tiny data set into dir. */
static inline void fuzz_tiny_data(const char *dir)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/train-images-idx3-ubyte", dir);
    fuzz_tiny_images(p, 64, 1);
    snprintf(p, sizeof p, "%s/test-images-idx3-ubyte", dir);
    fuzz_tiny_images(p, 16, 2);
}

/* Train one epoch on the data in dir into dir/run (resume: continue the run
   there); messages go to sink.  The command's exit status. */
static inline int fuzz_tiny_vae(const char *dir, int resume, FILE *sink)
{
    char data[1024], out[1040];
    char *argv[] = { "vae", "--data", "idx", "--data-dir", data, "--hidden", "12",
                     "--latent", "3", "--batch", "16", "--seed", "4", "--epochs", "1",
                     "--out", out, "--resume", NULL };
    int argc = resume ? 18 : 17;
    snprintf(data, sizeof data, "%s", dir);
    snprintf(out, sizeof out, "%s/run", dir);
    argv[argc] = NULL;
    return ggs_vae_main(argc, argv, sink, sink);
}
#line 158 "book/91-fuzz.nw"
#endif
