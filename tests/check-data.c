#line 1827 "book/32-data.nw"
/* Generated from book/32-data.nw; do not edit. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <gsl/gsl_cdf.h>
#include "check-gengs.h"

#line 1866 "book/32-data.nw"
#define SENTINEL ((void *)&sentinel_object)
static int sentinel_object;
#define TEST_PATH_MAX 4096
#define TEST_DIR_MAX 1024

/* a fresh temporary directory in dir */
static void tmp_dir(char *dir)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, TEST_DIR_MAX, "%s/gengs-data-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* remove the directory dir and the files in it */
static void tmp_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[TEST_PATH_MAX];
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        ck_assert_int_eq(unlink(p), 0);
    }
    closedir(d);
    ck_assert_int_eq(rmdir(dir), 0);
}

/* write len bytes to dir/name, gzip-compressed when gz is nonzero; the path goes to path */
static void put_file(char *path, const char *dir, const char *name,
                     const unsigned char *b, size_t len, int gz)
{
    snprintf(path, TEST_PATH_MAX, "%s/%s", dir, name);
    if (gz) {
        gzFile f = gzopen(path, "wb9");
        ck_assert_ptr_nonnull(f);
        if (len > 0)
            ck_assert_int_eq(gzwrite(f, b, (unsigned)len), (int)len);
        ck_assert_int_eq(gzclose(f), Z_OK);
    } else {
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(b, 1, len, f), len);
        ck_assert_int_eq(fclose(f), 0);
    }
}

/* the whole of a file, in a malloc'd buffer */
static unsigned char *get_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b;
    long n;
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    b = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void put_be32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

/* an IDX file in b: header for type and dims, then len payload bytes (already big-endian) */
static size_t idx_bytes(unsigned char *b, int type, int ndim, const uint32_t *dims,
                        const void *payload, size_t len)
{
    size_t o = 4;
    b[0] = 0;
    b[1] = 0;
    b[2] = (unsigned char)type;
    b[3] = (unsigned char)ndim;
    for (int i = 0; i < ndim; i++, o += 4)
        put_be32(b + o, dims[i]);
    if (len > 0)
        memcpy(b + o, payload, len);
    return o + len;
}

/* write an IDX uint8 image file of n x rows x cols from px to dir/name */
static void put_images(char *path, const char *dir, const char *name, const uint8_t *px,
                       uint32_t n, uint32_t rows, uint32_t cols, int gz)
{
    uint32_t dims[3] = {n, rows, cols};
    size_t len = (size_t)n * rows * cols;
    unsigned char *b = malloc(16 + len);
    ck_assert_ptr_nonnull(b);
    put_file(path, dir, name, b, idx_bytes(b, GGS_IDX_U8, 3, dims, px, len), gz);
    free(b);
}

/* write an IDX int32 label file of n labels to dir/name */
static void put_labels32(char *path, const char *dir, const char *name, const int32_t *y,
                         uint32_t n, int gz)
{
    unsigned char *b = malloc(8 + 4 * (size_t)n);
    ck_assert_ptr_nonnull(b);
    b[0] = 0;
    b[1] = 0;
    b[2] = GGS_IDX_I32;
    b[3] = 1;
    put_be32(b + 4, n);
    for (uint32_t i = 0; i < n; i++)
        put_be32(b + 8 + 4 * i, (uint32_t)y[i]);
    put_file(path, dir, name, b, 8 + 4 * (size_t)n, gz);
    free(b);
}

/* assert that the last error names path and contains word */
static void assert_message(const char *path, const char *word)
{
    const char *m = ggs_last_error();
    ck_assert_msg(strstr(m, path) != NULL, "message '%s' does not name '%s'", m, path);
    ck_assert_msg(strstr(m, word) != NULL, "message '%s' does not say '%s'", m, word);
}
#line 2145 "book/32-data.nw"
/* a malformed IDX file and a word its error message must contain */
struct bad_idx {
    const char *what;          /* the defect */
    unsigned char bytes[32];
    size_t len;
    const char *word;
};

static const struct bad_idx bad_idx[] = {
    {"wrong magic", {1, 0, 8, 1, 0, 0, 0, 1, 7}, 9, "magic"},
    {"an HTML page", {0x3c, 0x21, 0x44, 0x4f, 0x43, 0x54, 0x59, 0x50, 0x45}, 9, "magic"},
    {"wrong type code 0x07", {0, 0, 7, 1, 0, 0, 0, 1, 7}, 9, "type code"},
    {"wrong type code 0x0a", {0, 0, 0x0a, 1, 0, 0, 0, 1, 7}, 9, "type code"},
    {"ndim 0", {0, 0, 8, 0, 0, 0, 0, 1, 7}, 9, "dimensions"},
    {"ndim 5", {0, 0, 8, 5, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 7},
     25, "dimensions"},
    {"zero dimension", {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 0}, 12, "is 0"},
    {"2^48 bytes", {0, 0, 8, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0}, 16, "more than"},
    {"product overflows 64 bits", {0, 0, 0x0e, 4, 255, 255, 255, 255, 255, 255, 255, 255,
     255, 255, 255, 255, 255, 255, 255, 255}, 20, "more than"},
    {"4 bytes over the limit", {0, 0, 0x0c, 1, 0x20, 0, 0, 1}, 8, "more than"},
    {"empty file", {0}, 0, "truncated header"},
    {"truncated magic", {0, 0, 8}, 3, "truncated header"},
    {"truncated dimensions", {0, 0, 8, 3, 0, 0, 0, 2, 0, 0}, 10, "truncated header"},
    {"truncated data", {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5}, 17, "truncated data"},
    {"truncated int32 data", {0, 0, 0x0c, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0}, 14, "truncated data"},
    {"trailing garbage", {0, 0, 8, 1, 0, 0, 0, 2, 9, 9, 9}, 11, "trailing garbage"},
    {"1 GiB announced by 8 bytes", {0, 0, 8, 1, 0x40, 0, 0, 0}, 8, "announces"},
};
#define N_BAD_IDX (sizeof bad_idx / sizeof bad_idx[0])
#line 2266 "book/32-data.nw"
/* write b as a gzip file of stored (uncompressed) deflate blocks; the path goes to path */
static void put_stored_gzip(char *path, const char *dir, const char *name,
                            const unsigned char *b, size_t len)
{
    gzFile f;
    snprintf(path, TEST_PATH_MAX, "%s/%s", dir, name);
    f = gzopen(path, "wb0");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(gzwrite(f, b, (unsigned)len), (int)len);
    ck_assert_int_eq(gzclose(f), Z_OK);
}

/* both readers refuse dir/name (holding len bytes z) with a message naming it and word */
static void assert_refused(const char *dir, const char *name, const unsigned char *z,
                           size_t len, const char *word)
{
    char path[TEST_PATH_MAX];
    ggs_idx *idx = SENTINEL;
    ggs_dataset *ds = SENTINEL;
    put_file(path, dir, name, z, len, 0);
    ck_assert_msg(ggs_idx_read(&idx, path) == GGS_EINVAL, "%s accepted", name);
    ck_assert_ptr_eq(idx, SENTINEL);
    assert_message(path, word);
    ck_assert_msg(ggs_dataset_load(&ds, path, NULL) == GGS_EINVAL, "%s accepted", name);
    ck_assert_ptr_eq(ds, SENTINEL);
    assert_message(path, word);
}
#line 2582 "book/32-data.nw"
/* split a 1000-example data set labelled by index with seed; check and return the parts */
static void split_1000(ggs_dataset **a, ggs_dataset **b, unsigned long seed)
{
    ggs_dataset *ds;
    unsigned char seen[1000] = {0};
    ck_assert_int_eq(ggs_dataset_new(&ds, 1000, 1, 2, 1), GGS_OK);
    for (int i = 0; i < 1000; i++) {
        ds->y[i] = i;
        ds->x[2 * i] = (uint8_t)(i % 251);
    }
    ck_assert_int_eq(ggs_dataset_split(a, b, ds, 750, seed), GGS_OK);
    ck_assert_uint_eq((*a)->n, 750);
    ck_assert_uint_eq((*b)->n, 250);
    ck_assert_uint_eq((*a)->d, 2);
    for (int part = 0; part < 2; part++) {
        const ggs_dataset *p = part ? *b : *a;
        for (size_t i = 0; i < p->n; i++) {
            int32_t y = p->y[i];
            ck_assert(y >= 0 && y < 1000);
            ck_assert(i == 0 || y > p->y[i - 1]);
            ck_assert_uint_eq(p->x[2 * i], (uint8_t)(y % 251));
            ck_assert_uint_eq(seen[y], 0);
            seen[y] = 1;
        }
    }
    for (int i = 0; i < 1000; i++)
        ck_assert_uint_eq(seen[i], 1);
    ggs_dataset_free(ds);
}
#line 2676 "book/32-data.nw"
/* a data set of one 16 x 16 image whose pixel j has intensity j */
static ggs_dataset *all_levels(void)
{
    ggs_dataset *ds;
    ck_assert_int_eq(ggs_dataset_new(&ds, 1, 16, 16, 0), GGS_OK);
    for (int j = 0; j < 256; j++)
        ds->x[j] = (uint8_t)j;
    return ds;
}
#line 2002 "book/32-data.nw"
START_TEST(test_idx_roundtrip_all_types)
{
    char dir[TEST_DIR_MAX], path[TEST_PATH_MAX];
    const int types[6] = {GGS_IDX_U8, GGS_IDX_I8, GGS_IDX_I16, GGS_IDX_I32,
                          GGS_IDX_F32, GGS_IDX_F64};
    const size_t size[6] = {1, 1, 2, 4, 4, 8};
    const uint32_t dims[3] = {2, 3, 1};
    tmp_dir(dir);
    for (int gz = 0; gz < 2; gz++)
        for (int t = 0; t < 6; t++) {
            unsigned char payload[6 * 8], b[64];
            ggs_idx *idx = SENTINEL;
            
#line 2037 "book/32-data.nw"
/* fill payload with six big-endian elements of type t */
for (int i = 0; i < 6; i++) {
    const int32_t iv[6] = {-2, -1, 0, 1, INT32_MAX, INT32_MIN};
    const double dv[6] = {0.1, -2.5e300, 0.0, 1.0, -3.75, 1e-310};
    unsigned char *p = payload + i * size[t];
    if (types[t] == GGS_IDX_U8 || types[t] == GGS_IDX_I8) {
        p[0] = (unsigned char)(i * 37 + 200);
    } else if (types[t] == GGS_IDX_I16) {
        p[0] = (unsigned char)((uint16_t)iv[i] >> 8);
        p[1] = (unsigned char)(uint16_t)iv[i];
    } else if (types[t] == GGS_IDX_I32) {
        put_be32(p, (uint32_t)iv[i]);
    } else if (types[t] == GGS_IDX_F32) {
        float f = (float)dv[i == 1 ? 4 : i];
        uint32_t u;
        memcpy(&u, &f, 4);
        put_be32(p, u);
    } else {
        uint64_t u;
        memcpy(&u, &dv[i], 8);
        put_be32(p, (uint32_t)(u >> 32));
        put_be32(p + 4, (uint32_t)u);
    }
}
#line 2015 "book/32-data.nw"
            put_file(path, dir, gz ? "a.gz" : "a", b,
                     idx_bytes(b, types[t], 3, dims, payload, 6 * size[t]), gz);
            ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_OK);
            ck_assert_int_eq(idx->type, types[t]);
            ck_assert_int_eq(idx->ndim, 3);
            ck_assert_uint_eq(idx->dims[0], 2);
            ck_assert_uint_eq(idx->dims[1], 3);
            ck_assert_uint_eq(idx->dims[2], 1);
            ck_assert_uint_eq(idx->dims[3], 1);
            ck_assert_uint_eq(idx->count, 6);
            ck_assert_uint_eq(idx->elsize, size[t]);
            
#line 2063 "book/32-data.nw"
/* check the six elements of type t in idx->data */
for (int i = 0; i < 6; i++) {
    const int32_t iv[6] = {-2, -1, 0, 1, INT32_MAX, INT32_MIN};
    const double dv[6] = {0.1, -2.5e300, 0.0, 1.0, -3.75, 1e-310};
    switch (types[t]) {
    case GGS_IDX_U8:
        ck_assert_uint_eq(((uint8_t *)idx->data)[i], (uint8_t)(i * 37 + 200));
        break;
    case GGS_IDX_I8:
        ck_assert_int_eq(((int8_t *)idx->data)[i], (int8_t)(uint8_t)(i * 37 + 200));
        break;
    case GGS_IDX_I16:
        ck_assert_int_eq(((int16_t *)idx->data)[i], (int16_t)iv[i]);
        break;
    case GGS_IDX_I32:
        ck_assert_int_eq(((int32_t *)idx->data)[i], iv[i]);
        break;
    case GGS_IDX_F32:
        ck_assert(((float *)idx->data)[i] == (float)dv[i == 1 ? 4 : i]);
        break;
    default:
        ck_assert(((double *)idx->data)[i] == dv[i]);
        break;
    }
}
#line 2027 "book/32-data.nw"
            ggs_idx_free(idx);
        }
    tmp_remove(dir);
}
END_TEST
#line 2093 "book/32-data.nw"
START_TEST(test_dataset_load_pairs)
{
    char dir[TEST_DIR_MAX], pi[TEST_PATH_MAX], pl[TEST_PATH_MAX];
    uint8_t px[5 * 3 * 4];
    const int32_t y[5] = {7, -1, 1622, 0, 3};
    tmp_dir(dir);
    for (size_t i = 0; i < sizeof px; i++)
        px[i] = (uint8_t)(i * 29 + 3);
    for (int gz = 0; gz < 2; gz++) {
        ggs_dataset *ds = NULL;
        unsigned char b[64];
        const uint32_t n = 5;
        uint8_t y8[5] = {9, 0, 255, 1, 4};
        put_images(pi, dir, gz ? "im.gz" : "im", px, 5, 3, 4, gz);
        put_labels32(pl, dir, gz ? "l32.gz" : "l32", y, 5, gz);
        ck_assert_int_eq(ggs_dataset_load(&ds, pi, pl), GGS_OK);
        ck_assert_uint_eq(ds->n, 5);
        ck_assert_uint_eq(ds->rows, 3);
        ck_assert_uint_eq(ds->cols, 4);
        ck_assert_uint_eq(ds->d, 12);
        ck_assert_mem_eq(ds->x, px, sizeof px);
        ck_assert_ptr_nonnull(ds->y);
        for (int i = 0; i < 5; i++)
            ck_assert_int_eq(ds->y[i], y[i]);
        ggs_dataset_free(ds);
        put_file(pl, dir, gz ? "l8.gz" : "l8", b, idx_bytes(b, GGS_IDX_U8, 1, &n, y8, 5), gz);
        ck_assert_int_eq(ggs_dataset_load(&ds, pi, pl), GGS_OK);
        for (int i = 0; i < 5; i++)
            ck_assert_int_eq(ds->y[i], y8[i]);
        ggs_dataset_free(ds);
        ck_assert_int_eq(ggs_dataset_load(&ds, pi, NULL), GGS_OK);
        ck_assert_ptr_null(ds->y);
        ck_assert_mem_eq(ds->x, px, sizeof px);
        ggs_dataset_free(ds);
    }
    tmp_remove(dir);
}
END_TEST
#line 2180 "book/32-data.nw"
START_TEST(test_idx_malformed_table)
{
    const struct bad_idx *c = &bad_idx[_i / 2];
    char dir[TEST_DIR_MAX], path[TEST_PATH_MAX];
    ggs_idx *idx = SENTINEL;
    ggs_dataset *ds = SENTINEL;
    tmp_dir(dir);
    put_file(path, dir, "bad", c->bytes, c->len, _i % 2);
    ck_assert_msg(ggs_idx_read(&idx, path) == GGS_EINVAL, "%s accepted", c->what);
    ck_assert_ptr_eq(idx, SENTINEL);
    assert_message(path, c->word);
    ck_assert_int_eq(ggs_dataset_load(&ds, path, NULL), GGS_EINVAL);
    ck_assert_ptr_eq(ds, SENTINEL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), path));
    tmp_remove(dir);
}
END_TEST
#line 2206 "book/32-data.nw"
START_TEST(test_gzip_corrupt_truncated_trailing)
{
    char dir[TEST_DIR_MAX], path[TEST_PATH_MAX];
    const uint32_t dims[3] = {2, 100, 100};
    unsigned char *b = malloc(16 + 20002), *z;
    uint32_t s = 12345;
    size_t len, zlen;
    ggs_idx *idx = SENTINEL;
    ck_assert_ptr_nonnull(b);
    tmp_dir(dir);
    for (size_t i = 0; i < 20002; i++) {
        s = s * 1103515245u + 12345u;
        b[16 + i] = (unsigned char)(s >> 23);
    }
    len = idx_bytes(b, GGS_IDX_U8, 3, dims, b + 16, 20000);
    put_file(path, dir, "good.gz", b, len, 1);
    ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_OK);
    ggs_idx_free(idx);
    idx = SENTINEL;
    z = get_file(path, &zlen);
    ck_assert_uint_gt(zlen, 1000);
    for (size_t i = zlen / 2; i < zlen / 2 + 3; i++)
        z[i] ^= 0xff;
    put_file(path, dir, "flipped.gz", z, zlen, 0);
    ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_EINVAL);
    ck_assert_ptr_eq(idx, SENTINEL);
    assert_message(path, "gzip");
    for (size_t i = zlen / 2; i < zlen / 2 + 3; i++)
        z[i] ^= 0xff;
    put_file(path, dir, "cut.gz", z, zlen - 100, 0);
    ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_EINVAL);
    ck_assert_ptr_eq(idx, SENTINEL);
    assert_message(path, "gzip");
    put_file(path, dir, "long.gz", b, len + 2, 1);
    ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_EINVAL);
    ck_assert_ptr_eq(idx, SENTINEL);
    assert_message(path, "2 byte(s) follow");
    free(z);
    free(b);
    tmp_remove(dir);
}
END_TEST
#line 2295 "book/32-data.nw"
START_TEST(test_gzip_trailer_and_tail)
{
    char dir[TEST_DIR_MAX], path[TEST_PATH_MAX];
    const uint32_t dims[3] = {3, 50, 50};
    const size_t nb = 16 + 3 * 50 * 50;
    unsigned char *b = malloc(nb), *z, *t;
    const unsigned char *at;
    size_t len, zlen, flip;
    ggs_idx *idx = NULL;
    uint32_t s = 777;
    ck_assert_ptr_nonnull(b);
    tmp_dir(dir);
    for (size_t i = 16; i < nb; i++) {
        s = s * 1103515245u + 12345u;
        b[i] = (unsigned char)(s >> 23);
    }
    len = idx_bytes(b, GGS_IDX_U8, 3, dims, b + 16, nb - 16);
    put_stored_gzip(path, dir, "good.gz", b, len);
    ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_OK);
    ck_assert_mem_eq(idx->data, b + 16, nb - 16);
    ggs_idx_free(idx);
    z = get_file(path, &zlen);
    t = malloc(zlen + 8);
    ck_assert_ptr_nonnull(t);
    
#line 2331 "book/32-data.nw"
/* flip a data byte inside a stored block and expect a CRC error */
at = NULL;
for (size_t i = 0; at == NULL && i + 64 <= zlen; i++)
    if (memcmp(z + i, b, 64) == 0)
        at = z + i;
ck_assert_msg(at != NULL, "the IDX bytes are not stored verbatim");
flip = (size_t)(at - z) + 1000;
ck_assert_uint_lt(flip + 64, zlen);
ck_assert_mem_eq(z + flip, b + 1000, 64);
memcpy(t, z, zlen);
t[flip] ^= 0x01;
assert_refused(dir, "flipped.gz", t, zlen, "incorrect data check");
assert_message(dir, "corrupt gzip stream");
#line 2320 "book/32-data.nw"
    
#line 2346 "book/32-data.nw"
/* cut the trailer and expect a truncated gzip stream */
assert_refused(dir, "cut8.gz", z, zlen - 8, "truncated gzip stream");
assert_refused(dir, "cut4.gz", z, zlen - 4, "truncated gzip stream");
assert_refused(dir, "cut1.gz", z, zlen - 1, "truncated gzip stream");
#line 2321 "book/32-data.nw"
    
#line 2352 "book/32-data.nw"
/* append tails to the member and expect each to be refused */
memcpy(t, z, zlen);
memcpy(t + zlen, "junk!", 5);
assert_refused(dir, "text.gz", t, zlen + 5, "trailing garbage after the gzip stream");
assert_message(dir, "5 byte(s) follow");
t[zlen] = 0x1f;
assert_refused(dir, "lone1f.gz", t, zlen + 1, "trailing garbage after the gzip stream");
memset(t + zlen, 0, 4);
assert_refused(dir, "zeros.gz", t, zlen + 4, "4 byte(s) follow");
t[zlen] = 0x1f;
t[zlen + 1] = 0x8b;
assert_refused(dir, "signature.gz", t, zlen + 2, "truncated gzip stream");
#line 2322 "book/32-data.nw"
    
#line 2366 "book/32-data.nw"
/* split the IDX bytes into two members and expect them to read as one */
{
    unsigned char *z1, *z2, *both;
    size_t n1, n2;
    put_stored_gzip(path, dir, "part1.gz", b, 5000);
    z1 = get_file(path, &n1);
    put_stored_gzip(path, dir, "part2.gz", b + 5000, len - 5000);
    z2 = get_file(path, &n2);
    both = malloc(n1 + n2);
    ck_assert_ptr_nonnull(both);
    memcpy(both, z1, n1);
    memcpy(both + n1, z2, n2);
    put_file(path, dir, "two-members.gz", both, n1 + n2, 0);
    idx = NULL;
    ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_OK);
    ck_assert_uint_eq(idx->count, nb - 16);
    ck_assert_mem_eq(idx->data, b + 16, nb - 16);
    ggs_idx_free(idx);
    free(both);
    free(z2);
    free(z1);
}
#line 2323 "book/32-data.nw"
    free(t);
    free(z);
    free(b);
    tmp_remove(dir);
}
END_TEST
#line 2393 "book/32-data.nw"
START_TEST(test_missing_file)
{
    char dir[TEST_DIR_MAX], path[TEST_PATH_MAX];
    ggs_idx *idx = SENTINEL;
    ggs_dataset *ds = SENTINEL;
    tmp_dir(dir);
    snprintf(path, sizeof path, "%s/no-such-file", dir);
    ck_assert_int_eq(ggs_idx_read(&idx, path), GGS_EIO);
    assert_message(path, "cannot open");
    ck_assert_int_eq(ggs_dataset_load(&ds, path, NULL), GGS_EIO);
    assert_message(path, "No such file");
    ck_assert_int_eq(ggs_idx_read(&idx, dir), GGS_EIO);
    assert_message(dir, "cannot read");
    ck_assert_int_eq(ggs_idx_read(&idx, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_idx_read(NULL, path), GGS_EINVAL);
    ck_assert_ptr_eq(idx, SENTINEL);
    ck_assert_ptr_eq(ds, SENTINEL);
    tmp_remove(dir);
}
END_TEST
#line 2419 "book/32-data.nw"
START_TEST(test_dataset_load_mismatch)
{
    char dir[TEST_DIR_MAX], pi[TEST_PATH_MAX], pl[TEST_PATH_MAX];
    const uint8_t px[3 * 2 * 2] = {0};
    const int32_t y[4] = {1, 2, 3, 4};
    unsigned char b[64];
    const uint32_t d2[2] = {3, 1};
    ggs_dataset *ds = SENTINEL;
    tmp_dir(dir);
    put_images(pi, dir, "im", px, 3, 2, 2, 0);
    put_labels32(pl, dir, "l4", y, 4, 1);
    ck_assert_int_eq(ggs_dataset_load(&ds, pi, pl), GGS_EINVAL);
    assert_message(pl, "has 3 images but");
    assert_message(pi, "has 4 labels");
    put_file(pl, dir, "l2d", b, idx_bytes(b, GGS_IDX_U8, 2, d2, px, 3), 0);
    ck_assert_int_eq(ggs_dataset_load(&ds, pi, pl), GGS_EINVAL);
    assert_message(pl, "labels must be");
    put_file(pl, dir, "lf", b, idx_bytes(b, GGS_IDX_F32, 1, d2, px, 12), 0);
    ck_assert_int_eq(ggs_dataset_load(&ds, pi, pl), GGS_EINVAL);
    assert_message(pl, "labels must be");
    put_file(pi, dir, "i32", b, idx_bytes(b, GGS_IDX_I32, 1, d2, px, 12), 0);
    ck_assert_int_eq(ggs_dataset_load(&ds, pi, NULL), GGS_EINVAL);
    assert_message(pi, "images must be");
    snprintf(pl, sizeof pl, "%s/none", dir);
    put_images(pi, dir, "im", px, 3, 2, 2, 0);
    ck_assert_int_eq(ggs_dataset_load(&ds, pi, pl), GGS_EIO);
    assert_message(pl, "cannot open");
    ck_assert_int_eq(ggs_dataset_load(NULL, pi, NULL), GGS_EINVAL);
    ck_assert_ptr_eq(ds, SENTINEL);
    tmp_remove(dir);
}
END_TEST
#line 2467 "book/32-data.nw"
START_TEST(test_downsample_hand_cases)
{
    uint8_t in[25], row[105] = {0};
    float out[28];
    const float want[4] = {8.8f, 11.2f, 32.8f, 35.2f};
    for (int k = 0; k < 5; k++)
        for (int l = 0; l < 5; l++)
            in[5 * k + l] = (uint8_t)(10 * k + l);
    ck_assert_int_eq(ggs_image_downsample(out, in, 2, 2, 5, 5), GGS_OK);
    for (int i = 0; i < 4; i++)
        ck_assert_float_eq_tol(out[i], want[i], 1e-5);
    row[3] = 255;
    ck_assert_int_eq(ggs_image_downsample(out, row, 1, 28, 1, 105), GGS_OK);
    ck_assert_float_eq_tol(out[0], 51.0f, 1e-5);
    ck_assert_float_eq_tol(out[1], 17.0f, 1e-5);
    for (int j = 2; j < 28; j++)
        ck_assert_float_eq(out[j], 0.0f);
    row[3] = 0;
    row[7] = 255;
    ck_assert_int_eq(ggs_image_downsample(out, row, 1, 28, 1, 105), GGS_OK);
    ck_assert_float_eq(out[0], 0.0f);
    ck_assert_float_eq_tol(out[1], 34.0f, 1e-5);
    ck_assert_float_eq_tol(out[2], 34.0f, 1e-5);
}
END_TEST
#line 2500 "book/32-data.nw"
START_TEST(test_downsample_properties)
{
    uint8_t *in = malloc(105 * 105);
    float out[28 * 28];
    double mass_in = 0, mass_out = 0;
    uint32_t s = 99;
    ck_assert_ptr_nonnull(in);
    memset(in, 200, 105 * 105);
    ck_assert_int_eq(ggs_image_downsample(out, in, 28, 28, 105, 105), GGS_OK);
    for (int i = 0; i < 28 * 28; i++)
        ck_assert_float_eq(out[i], 200.0f);
    for (int i = 0; i < 105 * 105; i++) {
        s = s * 1664525u + 1013904223u;
        in[i] = (uint8_t)(s >> 24);
        mass_in += in[i];
    }
    ck_assert_int_eq(ggs_image_downsample(out, in, 28, 28, 105, 105), GGS_OK);
    for (int i = 0; i < 28 * 28; i++)
        mass_out += out[i];
    ck_assert_double_le(fabs(mass_out * (105.0 * 105.0) / (28.0 * 28.0) - mass_in),
                        1e-6 * mass_in);
    ck_assert_int_eq(ggs_image_downsample(out, in, 7, 28, 105, 105), GGS_OK);
    mass_out = 0;
    for (int i = 0; i < 7 * 28; i++)
        mass_out += out[i];
    ck_assert_double_le(fabs(mass_out * (105.0 * 105.0) / (7.0 * 28.0) - mass_in),
                        1e-6 * mass_in);
    free(in);
}
END_TEST
#line 2535 "book/32-data.nw"
START_TEST(test_dataset_downsample)
{
    ggs_dataset *ds, *o = SENTINEL;
    float f[4] = {-1, -1, -1, -1};
    ck_assert_int_eq(ggs_dataset_new(&ds, 2, 5, 5, 1), GGS_OK);
    for (int k = 0; k < 25; k++) {
        ds->x[k] = (uint8_t)(10 * (k / 5) + k % 5);
        ds->x[25 + k] = 255;
    }
    ds->y[0] = 4;
    ds->y[1] = 9;
    ck_assert_int_eq(ggs_dataset_downsample(&o, ds, 2, 2), GGS_OK);
    ck_assert_uint_eq(o->d, 4);
    ck_assert_uint_eq(o->x[0], 9);   /* 8.8 */
    ck_assert_uint_eq(o->x[1], 11);  /* 11.2 */
    ck_assert_uint_eq(o->x[2], 33);  /* 32.8 */
    ck_assert_uint_eq(o->x[3], 35);  /* 35.2 */
    for (int i = 4; i < 8; i++)
        ck_assert_uint_eq(o->x[i], 255);
    ck_assert_int_eq(o->y[1], 9);
    ggs_dataset_free(o);
    o = SENTINEL;
    ck_assert_int_eq(ggs_dataset_downsample(&o, ds, 6, 2), GGS_EINVAL);
    ck_assert_int_eq(ggs_dataset_downsample(&o, ds, 2, 0), GGS_EINVAL);
    ck_assert_ptr_eq(o, SENTINEL);
    ck_assert_int_eq(ggs_image_downsample(f, ds->x, 2, 6, 5, 5), GGS_EINVAL);
    ck_assert_int_eq(ggs_image_downsample(f, ds->x, 0, 2, 5, 5), GGS_EINVAL);
    ck_assert_int_eq(ggs_image_downsample(f, NULL, 2, 2, 5, 5), GGS_EINVAL);
    ck_assert_int_eq(ggs_image_downsample(f, ds->x, 2, 2, SIZE_MAX, 5), GGS_EINVAL);
    for (int i = 0; i < 4; i++)
        ck_assert_float_eq(f[i], -1.0f);
    ggs_dataset_free(ds);
}
END_TEST
#line 2613 "book/32-data.nw"
START_TEST(test_split_sizes_disjoint_deterministic)
{
    ggs_dataset *a1, *b1, *a2, *b2, *a3, *b3;
    split_1000(&a1, &b1, 42);
    split_1000(&a2, &b2, 42);
    split_1000(&a3, &b3, 43);
    ck_assert_mem_eq(a1->y, a2->y, 750 * sizeof(int32_t));
    ck_assert_mem_eq(b1->y, b2->y, 250 * sizeof(int32_t));
    ck_assert(memcmp(a1->y, a3->y, 750 * sizeof(int32_t)) != 0);
    ggs_dataset_free(a1); ggs_dataset_free(b1);
    ggs_dataset_free(a2); ggs_dataset_free(b2);
    ggs_dataset_free(a3); ggs_dataset_free(b3);
}
END_TEST

START_TEST(test_split_errors)
{
    ggs_dataset *ds, *a = SENTINEL, *b = SENTINEL;
    ck_assert_int_eq(ggs_dataset_new(&ds, 10, 2, 2, 0), GGS_OK);
    ck_assert_int_eq(ggs_dataset_split(&a, &b, ds, 0, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_dataset_split(&a, &b, ds, 10, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_dataset_split(&a, NULL, ds, 5, 1), GGS_EINVAL);
    ck_assert_ptr_eq(a, SENTINEL);
    ck_assert_ptr_eq(b, SENTINEL);
    ck_assert_int_eq(ggs_dataset_split(&a, &b, ds, 9, 1), GGS_OK);
    ck_assert_ptr_null(a->y);
    ck_assert_uint_eq(b->n, 1);
    ggs_dataset_free(a);
    ggs_dataset_free(b);
    ggs_dataset_free(ds);
}
END_TEST
#line 2649 "book/32-data.nw"
START_TEST(test_dataset_new_limits)
{
    ggs_dataset *ds = SENTINEL;
    ck_assert_int_eq(ggs_dataset_new(&ds, 0, 28, 28, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_dataset_new(&ds, 1, 0, 28, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_dataset_new(&ds, SIZE_MAX / 2, 28, 28, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_dataset_new(&ds, 2, SIZE_MAX / 2, 3, 0), GGS_EINVAL);
    ck_assert_int_eq(ggs_dataset_new(NULL, 1, 1, 1, 0), GGS_EINVAL);
    ck_assert_ptr_eq(ds, SENTINEL);
    ck_assert_int_eq(ggs_dataset_new(&ds, 3, 2, 2, 1), GGS_OK);
    for (int i = 0; i < 12; i++)
        ck_assert_uint_eq(ds->x[i], 0);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(ds->y[i], 0);
    ck_assert_uint_eq((uintptr_t)ds->y % _Alignof(int32_t), 0);
    ggs_dataset_free(ds);
    ggs_dataset_free(NULL);
    ggs_idx_free(NULL);
}
END_TEST
#line 2687 "book/32-data.nw"
START_TEST(test_binarize_none_and_static)
{
    ggs_dataset *ds = all_levels();
    const size_t idx[2] = {0, 0};
    float x[2 * 256];
    ck_assert_int_eq(ggs_data_batch(x, ds, idx, 2, GGS_BINARIZE_NONE, NULL), GGS_OK);
    for (int j = 0; j < 512; j++)
        ck_assert_float_eq(x[j], (float)(j % 256) / 255.0f);
    ck_assert_int_eq(ggs_data_batch(x, ds, idx, 2, GGS_BINARIZE_STATIC, NULL), GGS_OK);
    for (int j = 0; j < 512; j++)
        ck_assert_float_eq(x[j], j % 256 > 127 ? 1.0f : 0.0f);
    ggs_dataset_free(ds);
    /* a row of 25 pixels: one vectorized run of 16, then 9 one at a time */
    ck_assert_int_eq(ggs_dataset_new(&ds, 1, 5, 5, 0), GGS_OK);
    for (int j = 0; j < 25; j++)
        ds->x[j] = (uint8_t)(j % 2 ? 128 - j % 3 : 127 + j % 5);
    ck_assert_int_eq(ggs_data_batch(x, ds, idx, 1, GGS_BINARIZE_STATIC, NULL), GGS_OK);
    for (int j = 0; j < 25; j++)
        ck_assert_float_eq(x[j], ds->x[j] > 127 ? 1.0f : 0.0f);
    ggs_dataset_free(ds);
}
END_TEST
#line 2722 "book/32-data.nw"
/* family-wise false-alarm probability of the dynamic binarization test */
#define DYN_ALPHA 1e-4
#define DYN_BATCH 40
#define DYN_ROUNDS 100

START_TEST(test_binarize_dynamic_mean)
{
    ggs_dataset *ds = all_levels();
    size_t idx[DYN_BATCH] = {0};
    float *x = malloc(DYN_BATCH * 256 * sizeof *x);
    unsigned count[256] = {0};
    const unsigned n = DYN_BATCH * DYN_ROUNDS;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(r);
    gsl_rng_set(r, 20240611);
    for (int t = 0; t < DYN_ROUNDS; t++) {
        ck_assert_int_eq(ggs_data_batch(x, ds, idx, DYN_BATCH, GGS_BINARIZE_DYNAMIC, r), GGS_OK);
        for (int j = 0; j < DYN_BATCH * 256; j++) {
            ck_assert(x[j] == 0.0f || x[j] == 1.0f);
            count[j % 256] += x[j] == 1.0f;
        }
    }
    ck_assert_uint_eq(count[0], 0);
    ck_assert_uint_eq(count[255], n);
    for (int v = 1; v < 255; v++) {
        double p = v / 255.0;
        double lo = gsl_cdf_binomial_P(count[v], p, n);
        double hi = count[v] == 0 ? 1.0 : gsl_cdf_binomial_Q(count[v] - 1, p, n);
        ck_assert_msg(lo >= DYN_ALPHA / 508 && hi >= DYN_ALPHA / 508,
                      "level %d: %u ones in %u draws, p = %g", v, count[v], n, p);
    }
    free(x);
    gsl_rng_free(r);
    ggs_dataset_free(ds);
}
END_TEST
#line 2764 "book/32-data.nw"
START_TEST(test_batch_errors)
{
    ggs_dataset *ds = all_levels();
    const size_t idx[2] = {0, 1};
    float x[2 * 256];
    for (int j = 0; j < 512; j++)
        x[j] = -7.0f;
    ck_assert_int_eq(ggs_data_batch(x, ds, idx, 2, GGS_BINARIZE_NONE, NULL), GGS_EINVAL);
    ck_assert_ptr_nonnull(strstr(ggs_last_error(), "idx[1] = 1"));
    ck_assert_int_eq(ggs_data_batch(x, ds, idx, 1, 3, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_data_batch(x, ds, idx, 1, GGS_BINARIZE_DYNAMIC, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_data_batch(x, NULL, idx, 1, GGS_BINARIZE_NONE, NULL), GGS_EINVAL);
    ck_assert_int_eq(ggs_data_batch(x, ds, NULL, 1, GGS_BINARIZE_NONE, NULL), GGS_EINVAL);
    for (int j = 0; j < 512; j++)
        ck_assert_float_eq(x[j], -7.0f);
    ck_assert_int_eq(ggs_data_batch(x, ds, NULL, 0, GGS_BINARIZE_NONE, NULL), GGS_OK);
    ggs_dataset_free(ds);
}
END_TEST
#line 2801 "book/32-data.nw"
START_TEST(test_mnist_and_binarized_loaders)
{
    char dir[TEST_DIR_MAX], dir2[TEST_DIR_MAX], p[TEST_PATH_MAX];
    uint8_t px[5 * 16];
    unsigned char b[64];
    const uint32_t n3 = 3, n2 = 2;
    const uint8_t y[5] = {5, 0, 4, 1, 9};
    ggs_dataset *tr = SENTINEL, *va = SENTINEL, *te = SENTINEL;
    tmp_dir(dir);
    tmp_dir(dir2);
    for (int i = 0; i < 5 * 16; i++)
        px[i] = (uint8_t)(i * 7);
    put_images(p, dir, "train-images-idx3-ubyte", px, 3, 4, 4, 0);
    put_file(p, dir, "train-labels-idx1-ubyte", b, idx_bytes(b, GGS_IDX_U8, 1, &n3, y, 3), 0);
    put_images(p, dir, "t10k-images-idx3-ubyte", px + 48, 2, 4, 4, 0);
    ck_assert_int_eq(ggs_mnist_load(&tr, &te, dir), GGS_EIO);
    assert_message(dir, "t10k-labels-idx1-ubyte' (nor '");
    assert_message("t10k-labels-idx1-ubyte.gz')", "No such file");
    ck_assert_ptr_eq(tr, SENTINEL);
    put_file(p, dir, "t10k-labels-idx1-ubyte", b, idx_bytes(b, GGS_IDX_U8, 1, &n2, y + 3, 2), 0);
    ck_assert_int_eq(ggs_mnist_load(&tr, &te, dir), GGS_OK);
    ck_assert_uint_eq(tr->n, 3);
    ck_assert_uint_eq(te->n, 2);
    ck_assert_mem_eq(te->x, px + 48, 32);
    ck_assert_int_eq(te->y[1], 9);
    ggs_dataset_free(tr);
    ggs_dataset_free(te);
    tr = te = SENTINEL;
    for (int i = 0; i < 5 * 16; i++)
        px[i] = (uint8_t)((i * 5 / 3) % 2);
    put_images(p, dir2, "train-images-idx3-ubyte.gz", px, 2, 4, 4, 1);
    put_images(p, dir2, "valid-images-idx3-ubyte.gz", px + 32, 1, 4, 4, 1);
    px[64 + 6] = 2;
    put_images(p, dir2, "test-images-idx3-ubyte.gz", px + 64, 1, 4, 4, 1);
    ck_assert_int_eq(ggs_binarized_mnist_load(&tr, &va, &te, dir2), GGS_EINVAL);
    assert_message("pixel 6 of image 0 is 2", "test-images");
    ck_assert_ptr_eq(tr, SENTINEL);
    ck_assert_ptr_eq(va, SENTINEL);
    px[64 + 6] = 1;
    put_images(p, dir2, "test-images-idx3-ubyte.gz", px + 64, 1, 4, 4, 1);
    ck_assert_int_eq(ggs_binarized_mnist_load(&tr, &va, &te, dir2), GGS_OK);
    ck_assert_uint_eq(tr->n, 2);
    ck_assert_ptr_null(tr->y);
    for (int i = 0; i < 32; i++)
        ck_assert_uint_eq(tr->x[i], 255u * px[i]);
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(te->x[i], 255u * px[64 + i]);
    ggs_dataset_free(tr);
    ggs_dataset_free(va);
    ggs_dataset_free(te);
    ck_assert_int_eq(ggs_mnist_load(NULL, &te, dir), GGS_EINVAL);
    ck_assert_int_eq(ggs_binarized_mnist_load(&tr, &va, NULL, dir), GGS_EINVAL);
    ck_assert_int_eq(ggs_mnist_load(&tr, &te, NULL), GGS_EINVAL);
    tmp_remove(dir);
    tmp_remove(dir2);
}
END_TEST
#line 2860 "book/32-data.nw"
START_TEST(test_omniglot_loader)
{
    char dir[TEST_DIR_MAX], p[TEST_PATH_MAX];
    const size_t side = 105, d = 105 * 105;
    uint8_t *px = calloc(12 * d, 1);
    const int32_t y[12] = {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1};
    unsigned seen[12] = {0};
    ggs_dataset *tr = SENTINEL, *te = SENTINEL;
    ck_assert_ptr_nonnull(px);
    tmp_dir(dir);
    for (size_t i = 0; i < 12; i++)
        for (size_t k = 0; k < 15 * (i / 4 + 1); k++)
            memset(px + i * d + k * side, 255, 15 * (i % 4 + 1));
    put_images(p, dir, "background-images-idx3-ubyte.gz", px, 8, 105, 105, 1);
    put_labels32(p, dir, "background-labels-idx1-ubyte.gz", y, 8, 1);
    put_images(p, dir, "evaluation-images-idx3-ubyte.gz", px + 8 * d, 4, 105, 105, 1);
    ck_assert_int_eq(ggs_omniglot_load(&tr, &te, dir, GGS_OMNIGLOT_SEED), GGS_EIO);
    assert_message(dir, "evaluation-labels");
    ck_assert_ptr_eq(tr, SENTINEL);
    put_labels32(p, dir, "evaluation-labels-idx1-ubyte.gz", y + 8, 4, 1);
    ck_assert_int_eq(ggs_omniglot_load(&tr, &te, dir, GGS_OMNIGLOT_SEED), GGS_OK);
    ck_assert_uint_eq(tr->n, 9);
    ck_assert_uint_eq(te->n, 3);
    ck_assert_uint_eq(tr->rows, GGS_OMNIGLOT_SIDE);
    ck_assert_uint_eq(te->cols, GGS_OMNIGLOT_SIDE);
    for (int part = 0; part < 2; part++) {
        const ggs_dataset *s = part ? te : tr;
        for (size_t e = 0; e < s->n; e++) {
            
#line 2901 "book/32-data.nw"
/* identify OMNIGLOT test image e of s and check it */
const uint8_t *x = s->x + e * s->d;
size_t a = 0, b = 0, i;
while (a < 28 && x[a * 28] == 255)
    a++;
while (b < 28 && x[b] == 255)
    b++;
ck_assert(a % 4 == 0 && b % 4 == 0 && a >= 4 && b >= 4);
i = (a / 4 - 1) * 4 + (b / 4 - 1);
ck_assert_uint_lt(i, 12);
seen[i]++;
for (size_t k = 0; k < 28; k++)
    for (size_t l = 0; l < 28; l++)
        ck_assert_uint_eq(x[k * 28 + l], k < a && l < b ? 255 : 0);
ck_assert_int_eq(s->y[e], i < 8 ? y[i] : y[i] + 2);
#line 2889 "book/32-data.nw"
        }
    }
    for (int i = 0; i < 12; i++)
        ck_assert_uint_eq(seen[i], 1);
    ggs_dataset_free(tr);
    ggs_dataset_free(te);
    free(px);
    tmp_remove(dir);
}
END_TEST

#line 1841 "book/32-data.nw"
Suite *make_data_suite(void)
{
    Suite *s = suite_create("data");
    TCase *core = tcase_create("Core");
    TCase *limits = tcase_create("Limits");
    TCase *errors = tcase_create("Errors");
    
#line 2920 "book/32-data.nw"
tcase_add_test(core, test_idx_roundtrip_all_types);
tcase_add_test(core, test_dataset_load_pairs);
tcase_add_test(core, test_downsample_hand_cases);
tcase_add_test(core, test_downsample_properties);
tcase_add_test(core, test_dataset_downsample);
tcase_add_test(core, test_split_sizes_disjoint_deterministic);
tcase_add_test(core, test_binarize_none_and_static);
tcase_add_test(core, test_binarize_dynamic_mean);
tcase_add_test(core, test_mnist_and_binarized_loaders);
tcase_add_test(core, test_omniglot_loader);
tcase_add_test(limits, test_dataset_new_limits);
tcase_add_test(limits, test_split_errors);
tcase_add_loop_test(errors, test_idx_malformed_table, 0, (int)(2 * N_BAD_IDX));
tcase_add_test(errors, test_gzip_corrupt_truncated_trailing);
tcase_add_test(errors, test_gzip_trailer_and_tail);
tcase_add_test(errors, test_missing_file);
tcase_add_test(errors, test_dataset_load_mismatch);
tcase_add_test(errors, test_batch_errors);
#line 1848 "book/32-data.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    suite_add_tcase(s, errors);
    return s;
}
