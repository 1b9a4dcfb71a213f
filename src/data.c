#line 437 "book/32-data.nw"
/* Generated from book/32-data.nw; do not edit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "gengs-data.h"
#include "gengs-internal.h"

#line 460 "book/32-data.nw"
/* Bytes asked of inflate per call (its avail_out is an unsigned int). */
#define DATA_GZ_CHUNK (1u << 30)
/* The reader's input buffer, in bytes. */
#define DATA_GZ_BUFFER (128u * 1024u)
/* Longest path a loader builds, including the terminating zero. */
#define DATA_PATH_MAX 4096
#line 472 "book/32-data.nw"
/* the offset of a payload placed after n bytes of header, aligned for any type */
static size_t data_align(size_t n)
{
    size_t a = _Alignof(max_align_t);
    return (n + a - 1) / a * a;
}

/* *p = a * b, returning 0 (and leaving *p) when the product overflows size_t */
static int data_mul(size_t *p, size_t a, size_t b)
{
    if (b != 0 && a > SIZE_MAX / b)
        return 0;
    *p = a * b;
    return 1;
}

/* the big-endian 32-bit number at b */
static uint32_t data_be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3];
}
#line 504 "book/32-data.nw"
/* an open input file: plain bytes, or gzip members inflated on the fly */
struct data_in {
    FILE *f;
    const char *path;
    int gzip;                          /* 1: gzip members; 0: plain bytes */
    int end;                           /* the clean end of the data was reached */
    unsigned long long consumed;       /* bytes read from the file so far */
    z_stream z;                        /* next_in, avail_in: the unread input */
    unsigned char buf[DATA_GZ_BUFFER]; /* the input buffer */
};

/* move the unread input to the front of the buffer and top it up from the file */
static int data_fill(struct data_in *in, const char *what, const char *func)
{
    size_t have = in->z.avail_in, n;
    if (have > 0 && in->z.next_in != in->buf)
        memmove(in->buf, in->z.next_in, have);
    in->z.next_in = in->buf;
    errno = 0;
    n = fread(in->buf + have, 1, sizeof in->buf - have, in->f);
    if (n < sizeof in->buf - have && ferror(in->f))
        return ggs_error(GGS_EIO, func, "'%s': cannot read the %s: %s", in->path, what,
                         errno ? strerror(errno) : "read error");
    in->z.avail_in = (uInt)(have + n);
    in->consumed += n;
    return GGS_OK;
}
#line 539 "book/32-data.nw"
static int data_in_open(struct data_in **out, const char *path, const char *func)
{
    struct data_in *in;
    int status;
    if (path == NULL)
        return ggs_error(GGS_EINVAL, func, "the file name is NULL");
    in = malloc(sizeof *in);
    if (in == NULL)
        return ggs_error(GGS_ENOMEM, func, "'%s': cannot allocate %zu bytes", path, sizeof *in);
    memset(&in->z, 0, sizeof in->z);   /* zalloc, zfree, opaque: zlib's defaults */
    in->path = path;
    in->gzip = 0;
    in->end = 0;
    in->consumed = 0;
    in->z.next_in = in->buf;
    errno = 0;
    in->f = fopen(path, "rb");
    if (in->f == NULL) {
        status = ggs_error(GGS_EIO, func, "cannot open '%s': %s", path,
                           errno ? strerror(errno) : "unknown error");
        free(in);
        return status;
    }
    status = data_fill(in, "header (magic number)", func);
    if (status == GGS_OK && in->z.avail_in >= 2 && in->buf[0] == 0x1f && in->buf[1] == 0x8b) {
        in->gzip = 1;
        if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK) {
            in->gzip = 0;
            status = ggs_error(GGS_ENOMEM, func, "'%s': zlib cannot set up inflate", path);
        }
    }
    if (status != GGS_OK) {
        fclose(in->f);
        free(in);
        return status;
    }
    *out = in;
    return GGS_OK;
}

/* close the file and free the reader; in may be NULL */
static void data_in_close(struct data_in *in)
{
    if (in == NULL)
        return;
    if (in->gzip)
        inflateEnd(&in->z);
    fclose(in->f);  /* a file opened for reading: nothing to flush, nothing to lose */
    free(in);
}
#line 595 "book/32-data.nw"
/* after the end of a gzip member: the clean end, another member, or an error */
static int data_next_member(struct data_in *in, const char *what, const char *func)
{
    unsigned long long end, more;
    size_t n;
    if (in->z.avail_in < 2) {
        int status = data_fill(in, what, func);
        if (status != GGS_OK)
            return status;
    }
    if (in->z.avail_in == 0) {
        in->end = 1;
        return GGS_OK;
    }
    if (in->z.avail_in >= 2 && in->z.next_in[0] == 0x1f && in->z.next_in[1] == 0x8b) {
        inflateReset(&in->z);   /* RFC 1952: members are concatenated */
        return GGS_OK;
    }
    end = in->consumed - in->z.avail_in;
    more = in->z.avail_in;
    while ((n = fread(in->buf, 1, sizeof in->buf, in->f)) > 0)
        more += n;
    return ggs_error(GGS_EINVAL, func, "'%s': trailing garbage after the gzip stream: %llu "
                     "byte(s) follow the end of its last member at byte %llu", in->path,
                     more, end);
}
#line 633 "book/32-data.nw"
/* read up to len bytes of `what' into buf; *got < len only at the clean end */
static int data_read(struct data_in *in, void *buf, size_t len, size_t *got,
                     const char *what, const char *func)
{
    unsigned char *p = buf;
    *got = 0;
    if (!in->gzip) {
        
#line 662 "book/32-data.nw"
/* read up to len plain bytes */
{
    size_t n = in->z.avail_in < len ? in->z.avail_in : len;
    memcpy(p, in->z.next_in, n);
    in->z.next_in += n;
    in->z.avail_in -= (uInt)n;
    *got = n;
    if (*got < len) {
        errno = 0;
        *got += fread(p + *got, 1, len - *got, in->f);
        if (*got < len && ferror(in->f))
            return ggs_error(GGS_EIO, func, "'%s': cannot read the %s: %s", in->path, what,
                             errno ? strerror(errno) : "read error");
    }
}
#line 641 "book/32-data.nw"
        return GGS_OK;
    }
    while (*got < len && !in->end) {
        
#line 679 "book/32-data.nw"
/* inflate the next part of the gzip stream into p + *got */
uInt room;
int ret;
if (in->z.avail_in == 0) {
    int status = data_fill(in, what, func);
    if (status != GGS_OK)
        return status;
    if (in->z.avail_in == 0)
        return ggs_error(GGS_EINVAL, func, "'%s': truncated gzip stream: the file ends "
                         "inside a gzip member, before the end of its deflate data or its "
                         "8-byte trailer (CRC-32 and length), while reading the %s",
                         in->path, what);
}
room = len - *got > DATA_GZ_CHUNK ? DATA_GZ_CHUNK : (uInt)(len - *got);
in->z.next_out = p + *got;
in->z.avail_out = room;
ret = inflate(&in->z, Z_NO_FLUSH);
*got += room - in->z.avail_out;
if (ret == Z_STREAM_END) {
    int status = data_next_member(in, what, func);
    if (status != GGS_OK)
        return status;
} else if (ret == Z_MEM_ERROR) {
    return ggs_error(GGS_ENOMEM, func, "'%s': zlib is out of memory", in->path);
} else if (ret != Z_OK && ret != Z_BUF_ERROR) {
    return ggs_error(GGS_EINVAL, func, "'%s': corrupt gzip stream in the %s (zlib: %s)",
                     in->path, what, in->z.msg != NULL ? in->z.msg : "unknown error");
}
#line 645 "book/32-data.nw"
    }
    return GGS_OK;
}

/* read exactly len bytes of `what' into buf */
static int data_read_exact(struct data_in *in, void *buf, size_t len, const char *what,
                           const char *func)
{
    size_t got;
    int status = data_read(in, buf, len, &got, what, func);
    if (status == GGS_OK && got < len)
        status = ggs_error(GGS_EINVAL, func, "'%s': truncated %s: %zu of %zu bytes", in->path,
                           what, got, len);
    return status;
}
#line 716 "book/32-data.nw"
/* an IDX header, as read and checked by idx_read_header */
struct idx_header {
    int type;                       /* element type code */
    int ndim;                       /* 1..GGS_IDX_MAX_DIMS */
    size_t dims[GGS_IDX_MAX_DIMS];  /* unused ones are 1 */
    size_t count;                   /* product of dims */
    size_t elsize;                  /* bytes per element */
};

/* bytes per element of an IDX type code; 0 for an unknown code */
static size_t idx_elsize(int type)
{
    switch (type) {
    case GGS_IDX_U8: case GGS_IDX_I8: return 1;
    case GGS_IDX_I16: return 2;
    case GGS_IDX_I32: case GGS_IDX_F32: return 4;
    case GGS_IDX_F64: return 8;
    default: return 0;
    }
}

/* "60000 x 28 x 28" for a message */
static const char *idx_dims_text(char *s, size_t len, const size_t *dims, int ndim)
{
    size_t used = 0;
    s[0] = '\0';
    for (int i = 0; i < ndim && used < len; i++) {
        int n = snprintf(s + used, len - used, "%s%zu", i ? " x " : "", dims[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return s;
}
#line 755 "book/32-data.nw"
static int idx_read_header(struct idx_header *h, struct data_in *in, const char *func)
{
    const char *path = in->path;
    unsigned char b[4 * GGS_IDX_MAX_DIMS];
    int status;
    
#line 769 "book/32-data.nw"
/* read the magic number and check its four bytes */
status = data_read_exact(in, b, 4, "header (magic number)", func);
if (status != GGS_OK)
    return status;
if (b[0] != 0 || b[1] != 0)
    return ggs_error(GGS_EINVAL, func, "'%s': bad magic number %02x %02x %02x %02x: an IDX "
                     "file starts with two zero bytes", path, b[0], b[1], b[2], b[3]);
h->type = b[2];
h->elsize = idx_elsize(h->type);
if (h->elsize == 0)
    return ggs_error(GGS_EINVAL, func, "'%s': unknown IDX type code 0x%02x (known: 0x08, "
                     "0x09, 0x0b, 0x0c, 0x0d, 0x0e)", path, b[2]);
h->ndim = b[3];
if (h->ndim < 1 || h->ndim > GGS_IDX_MAX_DIMS)
    return ggs_error(GGS_EINVAL, func, "'%s': %d dimensions in the magic number (this "
                     "reader accepts 1 to %d)", path, h->ndim, GGS_IDX_MAX_DIMS);
#line 761 "book/32-data.nw"
    
#line 791 "book/32-data.nw"
/* read the dimensions and check their product */
{
    size_t want = 4 * (size_t)h->ndim;
    uint64_t bytes = h->elsize;
    status = data_read_exact(in, b, want, "header (dimensions)", func);
    if (status != GGS_OK)
        return status;
    for (int i = 0; i < GGS_IDX_MAX_DIMS; i++)
        h->dims[i] = i < h->ndim ? data_be32(b + 4 * i) : 1;
    for (int i = 0; i < h->ndim; i++) {
        char text[128];
        if (h->dims[i] == 0)
            return ggs_error(GGS_EINVAL, func, "'%s': dimension %d of %s is 0", path, i,
                             idx_dims_text(text, sizeof text, h->dims, h->ndim));
        bytes *= h->dims[i];  /* at most 2^31 * (2^32 - 1): no overflow */
        if (bytes > GGS_IDX_MAX_BYTES)
            return ggs_error(GGS_EINVAL, func, "'%s': the dimensions %s (elements of %zu bytes) "
                             "need more than GGS_IDX_MAX_BYTES = %u bytes", path,
                             idx_dims_text(text, sizeof text, h->dims, h->ndim), h->elsize,
                             GGS_IDX_MAX_BYTES);
    }
    h->count = (size_t)(bytes / h->elsize);
}
#line 762 "book/32-data.nw"
    return GGS_OK;
}
#line 826 "book/32-data.nw"
#define DATA_DEFLATE_MAX_RATIO 1032u
static int idx_check_size(struct data_in *in, const struct idx_header *h, const char *func)
{
    struct stat st;
    unsigned long long want = (unsigned long long)h->count * h->elsize, have;
    unsigned long long hdr = 4 + 4 * (unsigned long long)h->ndim;  /* magic and dimensions */
    if (fstat(fileno(in->f), &st) != 0 || !S_ISREG(st.st_mode))
        return GGS_OK;    /* a pipe or device: the reader will find out */
    have = st.st_size > 0 ? (unsigned long long)st.st_size : 0;
    if (!in->gzip && have < hdr + want)
        return ggs_error(GGS_EINVAL, func, "'%s': truncated data: the header announces %llu "
                         "bytes, but the file has only %llu after its header", in->path,
                         want, have > hdr ? have - hdr : 0);
    if (in->gzip && want > DATA_DEFLATE_MAX_RATIO * have)
        return ggs_error(GGS_EINVAL, func, "'%s': the header announces %llu bytes of data, more "
                         "than a gzip file of %llu bytes can hold (damaged?)", in->path, want,
                         have);
    return GGS_OK;
}
#line 849 "book/32-data.nw"
static int idx_open(struct data_in **out, struct idx_header *h, const char *path,
                    const char *func)
{
    struct data_in *in = NULL;
    int status = data_in_open(&in, path, func);
    if (status != GGS_OK)
        return status;
    status = idx_read_header(h, in, func);
    if (status == GGS_OK)
        status = idx_check_size(in, h, func);
    if (status != GGS_OK) {
        data_in_close(in);
        return status;
    }
    *out = in;
    return GGS_OK;
}

#line 875 "book/32-data.nw"
static int idx_read_data(void *data, struct data_in *in, const struct idx_header *h,
                         const char *func)
{
    const char *path = in->path;
    size_t want = h->count * h->elsize;
    int status = data_read_exact(in, data, want, "data", func);
    if (status != GGS_OK)
        return status;
    
#line 896 "book/32-data.nw"
/* make sure that nothing follows the data */
{
    unsigned char extra[256];
    size_t more = 0, n;
    do {
        status = data_read(in, extra, sizeof extra, &n, "data", func);
        if (status != GGS_OK)
            return status;
        more += n;
    } while (n == sizeof extra);
    if (more > 0)
        return ggs_error(GGS_EINVAL, func, "'%s': trailing garbage: %zu byte(s) follow the %zu "
                         "bytes of data that the header describes", path, more, want);
}
#line 884 "book/32-data.nw"
    
#line 916 "book/32-data.nw"
/* convert big-endian elements to host order */
if (h->elsize > 1) {
    unsigned char *p = data;
    for (size_t i = 0; i < h->count; i++, p += h->elsize) {
        if (h->elsize == 2) {
            uint16_t v = (uint16_t)((unsigned)p[0] << 8 | p[1]);
            memcpy(p, &v, 2);
        } else if (h->elsize == 4) {
            uint32_t v = data_be32(p);
            memcpy(p, &v, 4);
        } else {
            uint64_t v = (uint64_t)data_be32(p) << 32 | data_be32(p + 4);
            memcpy(p, &v, 8);
        }
    }
}
#line 885 "book/32-data.nw"
    return GGS_OK;
}
#line 1097 "book/32-data.nw"
/* copy example i of src to example j of dst (pixels, and labels when both have them) */
static void data_copy_example(ggs_dataset *dst, size_t j, const ggs_dataset *src, size_t i)
{
    memcpy(dst->x + j * dst->d, src->x + i * src->d, src->d);
    if (dst->y != NULL && src->y != NULL)
        dst->y[j] = src->y[i];
}
#line 1253 "book/32-data.nw"
/* the overlap, in units of 1/n_out input pixels, of output i and input k along one axis */
static uint64_t area_overlap(size_t i, size_t k, size_t n_in, size_t n_out)
{
    size_t lo = i * n_in > k * n_out ? i * n_in : k * n_out;
    size_t hi = (i + 1) * n_in < (k + 1) * n_out ? (i + 1) * n_in : (k + 1) * n_out;
    return hi > lo ? hi - lo : 0;
}

/* the exact weighted sum of output pixel (i, j): sum of A_ik A_jl x_kl */
static uint64_t area_sum(const uint8_t *in, size_t in_rows, size_t in_cols,
                         size_t out_rows, size_t out_cols, size_t i, size_t j)
{
    size_t k0 = i * in_rows / out_rows, k1 = ((i + 1) * in_rows + out_rows - 1) / out_rows;
    size_t l0 = j * in_cols / out_cols, l1 = ((j + 1) * in_cols + out_cols - 1) / out_cols;
    uint64_t sum = 0;
    for (size_t k = k0; k < k1; k++) {
        uint64_t wr = area_overlap(i, k, in_rows, out_rows);
        for (size_t l = l0; l < l1; l++)
            sum += wr * area_overlap(j, l, in_cols, out_cols) * in[k * in_cols + l];
    }
    return sum;
}

/* check the sizes of a downsampling: nonzero, shrinking, products representable */
static int area_check(const char *func, size_t out_rows, size_t out_cols,
                      size_t in_rows, size_t in_cols)
{
    size_t p;
    if (out_rows == 0 || out_cols == 0 || in_rows == 0 || in_cols == 0
        || out_rows > in_rows || out_cols > in_cols)
        return ggs_error(GGS_EINVAL, func, "cannot downsample %zu x %zu to %zu x %zu (sizes "
                         "must be >= 1, and area averaging only shrinks)",
                         in_rows, in_cols, out_rows, out_cols);
    if (!data_mul(&p, in_rows + 1, out_rows) || !data_mul(&p, in_cols + 1, out_cols)
        || !data_mul(&p, in_rows, in_cols))
        return ggs_error(GGS_EINVAL, func, "sizes %zu x %zu to %zu x %zu are too large",
                         in_rows, in_cols, out_rows, out_cols);
    return GGS_OK;
}
#line 1469 "book/32-data.nw"
/* dir/name in buf, or dir/name.gz when only that exists */
static int data_path(char *buf, const char *dir, const char *name, const char *func)
{
    int n, errnum;
    if (dir == NULL)
        return ggs_error(GGS_EINVAL, func, "the directory is NULL");
    n = snprintf(buf, DATA_PATH_MAX, "%s/%s", dir, name);
    if (n < 0 || (size_t)n + sizeof ".gz" > DATA_PATH_MAX)
        return ggs_error(GGS_EINVAL, func, "the path '%s/%s' is too long", dir, name);
    if (access(buf, F_OK) != 0) {
        errnum = errno;
        memcpy(buf + n, ".gz", sizeof ".gz");
        if (access(buf, F_OK) != 0) {
            buf[n] = '\0';
            return ggs_error(GGS_EIO, func, "cannot open '%s' (nor '%s.gz'): %s", buf, buf,
                             strerror(errnum));
        }
    }
    return GGS_OK;
}

/* load dir/<images> and, unless labels is NULL, dir/<labels> */
static int data_load_pair(ggs_dataset **out, const char *dir, const char *images,
                          const char *labels, const char *func)
{
    char pi[DATA_PATH_MAX], pl[DATA_PATH_MAX];
    int status = data_path(pi, dir, images, func);
    if (status == GGS_OK && labels != NULL)
        status = data_path(pl, dir, labels, func);
    if (status != GGS_OK)
        return status;
    return ggs_dataset_load(out, pi, labels != NULL ? pl : NULL);
}
#line 1537 "book/32-data.nw"
/* load dir/<name>, check that its pixels are 0 or 1, and scale them to 0 or 255 */
static int data_load_binary(ggs_dataset **out, const char *dir, const char *name,
                            const char *func)
{
    ggs_dataset *ds;
    int status = data_load_pair(&ds, dir, name, NULL, func);
    if (status != GGS_OK)
        return status;
    for (size_t i = 0; i < ds->n * ds->d; i++) {
        if (ds->x[i] > 1) {
            status = ggs_error(GGS_EINVAL, func, "'%s/%s': pixel %zu of image %zu is %d, but a "
                               "binarized data set has only 0 and 1", dir, name,
                               i % ds->d, i / ds->d, ds->x[i]);
            ggs_dataset_free(ds);
            return status;
        }
        ds->x[i] = (uint8_t)(255 * ds->x[i]);
    }
    *out = ds;
    return GGS_OK;
}
#line 1609 "book/32-data.nw"
/* load dir/<part>-images and -labels and downsample them to 28 x 28 */
static int omniglot_part(ggs_dataset **out, const char *dir, const char *part, const char *func)
{
    char images[64], labels[64];
    ggs_dataset *big;
    int status;
    snprintf(images, sizeof images, "%s-images-idx3-ubyte", part);
    snprintf(labels, sizeof labels, "%s-labels-idx1-ubyte", part);
    status = data_load_pair(&big, dir, images, labels, func);
    if (status != GGS_OK)
        return status;
    status = ggs_dataset_downsample(out, big, GGS_OMNIGLOT_SIDE, GGS_OMNIGLOT_SIDE);
    ggs_dataset_free(big);
    return status;
}

/* a followed by b, b's labels shifted past a's largest label (both sets have labels) */
static int data_concat(ggs_dataset **out, const ggs_dataset *a, const ggs_dataset *b)
{
    ggs_dataset *o;
    int32_t shift = 0;
    int status = ggs_dataset_new(&o, a->n + b->n, a->rows, a->cols, 1);
    if (status != GGS_OK)
        return status;
    for (size_t i = 0; i < a->n; i++)
        if (a->y[i] >= shift)
            shift = a->y[i] + 1;
    for (size_t i = 0; i < a->n; i++)
        data_copy_example(o, i, a, i);
    for (size_t i = 0; i < b->n; i++) {
        data_copy_example(o, a->n + i, b, i);
        o->y[a->n + i] = b->y[i] + shift;
    }
    *out = o;
    return GGS_OK;
}
#line 939 "book/32-data.nw"
int ggs_idx_read(ggs_idx **out, const char *path)
{
    static const char func[] = "ggs_idx_read";
    size_t off = data_align(sizeof(ggs_idx));
    struct idx_header h;
    ggs_idx *idx;
    struct data_in *in;
    int status;
    if (out == NULL)
        return ggs_error(GGS_EINVAL, func, "out is NULL");
    status = idx_open(&in, &h, path, func);
    if (status != GGS_OK)
        return status;
    idx = malloc(off + h.count * h.elsize);  /* at most 2^31 + off bytes */
    if (idx == NULL) {
        data_in_close(in);
        return ggs_error(GGS_ENOMEM, func, "'%s': cannot allocate %zu bytes", path,
                         off + h.count * h.elsize);
    }
    idx->data = (unsigned char *)idx + off;
    status = idx_read_data(idx->data, in, &h, func);
    data_in_close(in);
    if (status != GGS_OK) {
        free(idx);
        return status;
    }
    idx->type = h.type;
    idx->ndim = h.ndim;
    memcpy(idx->dims, h.dims, sizeof idx->dims);
    idx->count = h.count;
    idx->elsize = h.elsize;
    *out = idx;
    return GGS_OK;
}

void ggs_idx_free(ggs_idx *idx)
{
    free(idx);
}
#line 992 "book/32-data.nw"
int ggs_dataset_new(ggs_dataset **out, size_t n, size_t rows, size_t cols,
                    int with_labels)
{
    static const char func[] = "ggs_dataset_new";
    size_t head = data_align(sizeof(ggs_dataset)), d, nx, ny, total;
    ggs_dataset *ds;
    if (out == NULL)
        return ggs_error(GGS_EINVAL, func, "out is NULL");
    if (n == 0 || rows == 0 || cols == 0)
        return ggs_error(GGS_EINVAL, func, "n = %zu, rows = %zu, cols = %zu: all must be >= 1",
                         n, rows, cols);
    ny = with_labels ? n : 0;
    if (!data_mul(&d, rows, cols) || !data_mul(&nx, n, d) || !data_mul(&ny, ny, sizeof(int32_t))
        || nx > SIZE_MAX - head - ny)
        return ggs_error(GGS_EINVAL, func, "%zu images of %zu x %zu do not fit in memory",
                         n, rows, cols);
    total = head + ny + nx;
    ds = calloc(1, total);
    if (ds == NULL)
        return ggs_error(GGS_ENOMEM, func, "cannot allocate %zu bytes", total);
    ds->n = n;
    ds->rows = rows;
    ds->cols = cols;
    ds->d = d;
    ds->y = with_labels ? (int32_t *)((unsigned char *)ds + head) : NULL;
    ds->x = (uint8_t *)ds + head + ny;
    *out = ds;
    return GGS_OK;
}

void ggs_dataset_free(ggs_dataset *ds)
{
    free(ds);
}
#line 1034 "book/32-data.nw"
int ggs_dataset_load(ggs_dataset **out, const char *images, const char *labels)
{
    static const char func[] = "ggs_dataset_load";
    struct data_in *gi = NULL, *gl = NULL;
    struct idx_header hi, hl;
    ggs_dataset *ds = NULL;
    int status;
    if (out == NULL)
        return ggs_error(GGS_EINVAL, func, "out is NULL");
    status = idx_open(&gi, &hi, images, func);
    if (status == GGS_OK && (hi.type != GGS_IDX_U8 || hi.ndim != 3))
        status = ggs_error(GGS_EINVAL, func, "'%s': images must be unsigned bytes (type 0x08) "
                           "with 3 dimensions, not type 0x%02x with %d", images, hi.type, hi.ndim);
    if (status == GGS_OK && labels != NULL) {
        
#line 1068 "book/32-data.nw"
/* open the label file and check it against the images */
status = idx_open(&gl, &hl, labels, func);
if (status == GGS_OK && ((hl.type != GGS_IDX_U8 && hl.type != GGS_IDX_I32) || hl.ndim != 1))
    status = ggs_error(GGS_EINVAL, func, "'%s': labels must be type 0x08 or 0x0c with 1 "
                       "dimension, not type 0x%02x with %d", labels, hl.type, hl.ndim);
if (status == GGS_OK && hl.dims[0] != hi.dims[0])
    status = ggs_error(GGS_EINVAL, func, "'%s' has %zu images but '%s' has %zu labels",
                       images, hi.dims[0], labels, hl.dims[0]);
#line 1049 "book/32-data.nw"
    }
    if (status == GGS_OK)
        status = ggs_dataset_new(&ds, hi.dims[0], hi.dims[1], hi.dims[2], labels != NULL);
    if (status == GGS_OK)
        status = idx_read_data(ds->x, gi, &hi, func);
    if (status == GGS_OK && labels != NULL) {
        
#line 1078 "book/32-data.nw"
/* read the labels into ds->y */
if (hl.type == GGS_IDX_I32) {
    status = idx_read_data(ds->y, gl, &hl, func);
} else {
    uint8_t *tmp = malloc(ds->n);
    if (tmp == NULL)
        status = ggs_error(GGS_ENOMEM, func, "cannot allocate %zu bytes", ds->n);
    else
        status = idx_read_data(tmp, gl, &hl, func);
    if (status == GGS_OK)
        for (size_t i = 0; i < ds->n; i++)
            ds->y[i] = tmp[i];
    free(tmp);
}
#line 1056 "book/32-data.nw"
    }
    data_in_close(gi);
    data_in_close(gl);
    if (status != GGS_OK) {
        ggs_dataset_free(ds);
        return status;
    }
    *out = ds;
    return GGS_OK;
}
#line 1120 "book/32-data.nw"
int ggs_dataset_split(ggs_dataset **first, ggs_dataset **second,
                      const ggs_dataset *ds, size_t n_first, unsigned long seed)
{
    static const char func[] = "ggs_dataset_split";
    ggs_dataset *a = NULL, *b = NULL;
    size_t *perm = NULL;
    unsigned char *chosen = NULL;
    gsl_rng *r = NULL;
    int status = GGS_OK;
    if (first == NULL || second == NULL || ds == NULL)
        return ggs_error(GGS_EINVAL, func, "an argument is NULL");
    if (n_first == 0 || n_first >= ds->n)
        return ggs_error(GGS_EINVAL, func, "n_first = %zu must be in 1..%zu (N = %zu)",
                         n_first, ds->n - 1, ds->n);
    perm = malloc(ds->n * sizeof *perm);
    chosen = calloc(ds->n, 1);
    r = gsl_rng_alloc(gsl_rng_mt19937);
    if (perm == NULL || chosen == NULL || r == NULL)
        status = ggs_error(GGS_ENOMEM, func, "cannot allocate the permutation of %zu", ds->n);
    if (status == GGS_OK)
        status = ggs_dataset_new(&a, n_first, ds->rows, ds->cols, ds->y != NULL);
    if (status == GGS_OK)
        status = ggs_dataset_new(&b, ds->n - n_first, ds->rows, ds->cols, ds->y != NULL);
    if (status == GGS_OK) {
        
#line 1161 "book/32-data.nw"
/* draw a seeded permutation and mark its first n_first entries */
gsl_rng_set(r, seed);
for (size_t i = 0; i < ds->n; i++)
    perm[i] = i;
for (size_t i = ds->n - 1; i > 0; i--) {
    size_t j = (size_t)gsl_rng_uniform_int(r, (unsigned long)i + 1);
    size_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
}
for (size_t i = 0; i < n_first; i++)
    chosen[perm[i]] = 1;
#line 1145 "book/32-data.nw"
        
#line 1175 "book/32-data.nw"
/* copy the marked examples to a and the others to b */
{
    size_t ia = 0, ib = 0;
    for (size_t i = 0; i < ds->n; i++) {
        if (chosen[i])
            data_copy_example(a, ia++, ds, i);
        else
            data_copy_example(b, ib++, ds, i);
    }
}
#line 1146 "book/32-data.nw"
    }
    free(perm);
    free(chosen);
    gsl_rng_free(r);
    if (status != GGS_OK) {
        ggs_dataset_free(a);
        ggs_dataset_free(b);
        return status;
    }
    *first = a;
    *second = b;
    return GGS_OK;
}
#line 1299 "book/32-data.nw"
int ggs_image_downsample(float *out, const uint8_t *in, size_t out_rows,
                         size_t out_cols, size_t in_rows, size_t in_cols)
{
    static const char func[] = "ggs_image_downsample";
    double q = (double)in_rows * (double)in_cols;
    int status;
    if (out == NULL || in == NULL)
        return ggs_error(GGS_EINVAL, func, "an image pointer is NULL");
    status = area_check(func, out_rows, out_cols, in_rows, in_cols);
    if (status != GGS_OK)
        return status;
    for (size_t i = 0; i < out_rows; i++)
        for (size_t j = 0; j < out_cols; j++)
            out[i * out_cols + j] =
                (float)((double)area_sum(in, in_rows, in_cols, out_rows, out_cols, i, j) / q);
    return GGS_OK;
}

int ggs_dataset_downsample(ggs_dataset **out, const ggs_dataset *ds, size_t rows,
                           size_t cols)
{
    static const char func[] = "ggs_dataset_downsample";
    ggs_dataset *o;
    uint64_t q;
    int status;
    if (out == NULL || ds == NULL)
        return ggs_error(GGS_EINVAL, func, "an argument is NULL");
    status = area_check(func, rows, cols, ds->rows, ds->cols);
    if (status == GGS_OK)
        status = ggs_dataset_new(&o, ds->n, rows, cols, ds->y != NULL);
    if (status != GGS_OK)
        return status;
    q = (uint64_t)ds->rows * ds->cols;
    for (size_t e = 0; e < ds->n; e++) {
        const uint8_t *in = ds->x + e * ds->d;
        for (size_t i = 0; i < rows; i++)
            for (size_t j = 0; j < cols; j++) {
                uint64_t s = area_sum(in, ds->rows, ds->cols, rows, cols, i, j);
                o->x[e * o->d + i * cols + j] = (uint8_t)((2 * s + q) / (2 * q));
            }
        if (ds->y != NULL)
            o->y[e] = ds->y[e];
    }
    *out = o;
    return GGS_OK;
}
#line 1405 "book/32-data.nw"
enum { DATA_RUN = 16 };   /* pixels per vectorized run of the static threshold */

/* q[0..DATA_RUN) = the threshold of p[0..DATA_RUN) */
static void data_threshold_run(float *restrict q, const uint8_t *restrict p)
{
    for (size_t j = 0; j < DATA_RUN; j++)
        q[j] = p[j] > GGS_BINARIZE_THRESHOLD ? 1.0f : 0.0f;
}

int ggs_data_batch(float *x, const ggs_dataset *ds, const size_t *idx, size_t b,
                   int mode, gsl_rng *r)
{
    static const char func[] = "ggs_data_batch";
    if (x == NULL || ds == NULL || (idx == NULL && b > 0))
        return ggs_error(GGS_EINVAL, func, "an argument is NULL");
    if (mode != GGS_BINARIZE_NONE && mode != GGS_BINARIZE_STATIC && mode != GGS_BINARIZE_DYNAMIC)
        return ggs_error(GGS_EINVAL, func, "mode = %d is not a binarization (0, 1 or 2)", mode);
    if (mode == GGS_BINARIZE_DYNAMIC && r == NULL)
        return ggs_error(GGS_EINVAL, func, "dynamic binarization needs a generator, r is NULL");
    for (size_t i = 0; i < b; i++)
        if (idx[i] >= ds->n)
            return ggs_error(GGS_EINVAL, func, "idx[%zu] = %zu is out of range (N = %zu)",
                             i, idx[i], ds->n);
    for (size_t i = 0; i < b; i++) {
        const uint8_t *p = ds->x + idx[i] * ds->d;  /* (D) */
        float *q = x + i * ds->d;                   /* (D) */
        
#line 1437 "book/32-data.nw"
/* fill row q from the pixels p as mode says */
switch (mode) {
case GGS_BINARIZE_STATIC: {
    size_t j = 0;
    for (; j + DATA_RUN <= ds->d; j += DATA_RUN)
        data_threshold_run(q + j, p + j);
    for (; j < ds->d; j++)
        q[j] = p[j] > GGS_BINARIZE_THRESHOLD ? 1.0f : 0.0f;
    break;
}
case GGS_BINARIZE_DYNAMIC:
    for (size_t j = 0; j < ds->d; j++)
        q[j] = gsl_rng_uniform(r) < p[j] / 255.0 ? 1.0f : 0.0f;
    break;
default:
    for (size_t j = 0; j < ds->d; j++)
        q[j] = p[j] / 255.0f;
    break;
}
#line 1432 "book/32-data.nw"
    }
    return GGS_OK;
}
#line 1510 "book/32-data.nw"
int ggs_mnist_load(ggs_dataset **train, ggs_dataset **test, const char *dir)
{
    static const char func[] = "ggs_mnist_load";
    ggs_dataset *a = NULL, *b = NULL;
    int status;
    if (train == NULL || test == NULL)
        return ggs_error(GGS_EINVAL, func, "an output is NULL");
    status = data_load_pair(&a, dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", func);
    if (status == GGS_OK)
        status = data_load_pair(&b, dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", func);
    if (status != GGS_OK) {
        ggs_dataset_free(a);
        return status;
    }
    *train = a;
    *test = b;
    return GGS_OK;
}
#line 1560 "book/32-data.nw"
int ggs_binarized_mnist_load(ggs_dataset **train, ggs_dataset **valid,
                             ggs_dataset **test, const char *dir)
{
    static const char func[] = "ggs_binarized_mnist_load";
    ggs_dataset *a = NULL, *b = NULL, *c = NULL;
    int status;
    if (train == NULL || valid == NULL || test == NULL)
        return ggs_error(GGS_EINVAL, func, "an output is NULL");
    status = data_load_binary(&a, dir, "train-images-idx3-ubyte", func);
    if (status == GGS_OK)
        status = data_load_binary(&b, dir, "valid-images-idx3-ubyte", func);
    if (status == GGS_OK)
        status = data_load_binary(&c, dir, "test-images-idx3-ubyte", func);
    if (status != GGS_OK) {
        ggs_dataset_free(a);
        ggs_dataset_free(b);
        return status;
    }
    *train = a;
    *valid = b;
    *test = c;
    return GGS_OK;
}
#line 1651 "book/32-data.nw"
int ggs_omniglot_load(ggs_dataset **train, ggs_dataset **test, const char *dir,
                      unsigned long seed)
{
    static const char func[] = "ggs_omniglot_load";
    ggs_dataset *bg = NULL, *ev = NULL, *all = NULL;
    int status;
    if (train == NULL || test == NULL)
        return ggs_error(GGS_EINVAL, func, "an output is NULL");
    status = omniglot_part(&bg, dir, "background", func);
    if (status == GGS_OK)
        status = omniglot_part(&ev, dir, "evaluation", func);
    if (status == GGS_OK)
        status = data_concat(&all, bg, ev);
    if (status == GGS_OK)
        status = ggs_dataset_split(train, test, all, 3 * all->n / 4, seed);
    ggs_dataset_free(bg);
    ggs_dataset_free(ev);
    ggs_dataset_free(all);
    return status;
}
