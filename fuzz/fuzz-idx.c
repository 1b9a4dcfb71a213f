#line 336 "book/91-fuzz.nw"
/* Generated from book/91-fuzz.nw; do not edit. */
#include <zlib.h>
#include "fuzz.h"

/* AddressSanitizer: an allocation above 24 MiB fails, returning NULL. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1:max_allocation_size_mb=24";
}

#line 404 "book/91-fuzz.nw"
/* Compress n bytes into a gzip stream in out (size bytes); its length, 0 on failure. */
static size_t gzip_pack(unsigned char *out, size_t size, const unsigned char *in, size_t n)
{
    z_stream z;
    size_t len;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 9 + 16, 1, Z_DEFAULT_STRATEGY)
        != Z_OK)
        return 0;
    z.next_in = (unsigned char *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)size;
    len = deflate(&z, Z_FINISH) == Z_STREAM_END ? size - z.avail_out : 0;
    deflateEnd(&z);
    return len;
}

#line 349 "book/91-fuzz.nw"
/* The element size of an IDX type code, or 0 for an unknown code. */
static size_t idx_elsize(int type)
{
    switch (type) {
    case GGS_IDX_U8: case GGS_IDX_I8: return 1;
    case GGS_IDX_I16: return 2;
    case GGS_IDX_I32: case GGS_IDX_F32: return 4;
    case GGS_IDX_F64: return 8;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[1024];
    const unsigned char *body;
    size_t n;
    int gzip, raw_gzip;
    ggs_idx *idx = NULL;
    if (size < 1 || size > 4097)         /* gzip_pack's buffer holds 4096 bytes, packed */
        return 0;
    body = data + 1;
    n = size - 1;
    if (path[0] == '\0')
        snprintf(path, sizeof path, "%s/input.idx", fuzz_scratch());
    gzip = data[0] & 1;
    raw_gzip = !gzip && n >= 2 && body[0] == 0x1f && body[1] == 0x8b;
    
#line 388 "book/91-fuzz.nw"
/* write the input as a plain or a gzip-compressed file */
if (gzip) {
    static unsigned char packed[2 * 4096 + 64];
    size_t len = gzip_pack(packed, sizeof packed, body, n);
    FUZZ_REQUIRE(len > 0, "deflate failed on %zu bytes", n);
    fuzz_write_file(path, packed, len);
} else {
    fuzz_write_file(path, body, n);
}
#line 377 "book/91-fuzz.nw"
    if (ggs_idx_read(&idx, path) == GGS_OK) {
        
#line 424 "book/91-fuzz.nw"
/* check that the accepted file is described correctly */
{
    size_t es = idx_elsize(idx->type), count = 1, head;
    FUZZ_REQUIRE(es != 0 && es == idx->elsize, "type 0x%02x, element size %zu", idx->type,
                 idx->elsize);
    FUZZ_REQUIRE(idx->ndim >= 1 && idx->ndim <= GGS_IDX_MAX_DIMS, "ndim = %d", idx->ndim);
    for (int k = 0; k < GGS_IDX_MAX_DIMS; k++)
        count *= k < idx->ndim ? idx->dims[k] : 1;
    FUZZ_REQUIRE(count == idx->count, "count %zu, product of dims %zu", idx->count, count);
    head = 4 + 4 * (size_t)idx->ndim;
    if (!raw_gzip) {
        const unsigned char *e = body + head;
        FUZZ_REQUIRE(n == head + count * es, "%zu bytes, header and data %zu", n,
                     head + count * es);
        FUZZ_REQUIRE(body[0] == 0 && body[1] == 0 && body[2] == idx->type
                     && body[3] == idx->ndim, "header %02x %02x %02x %02x", body[0], body[1],
                     body[2], body[3]);
        for (size_t i = 0; i < count; i++, e += es) {
            const unsigned char *q = (const unsigned char *)idx->data + i * es;
            uint64_t want = 0, got;
            uint32_t g4;
            uint16_t g2;
            for (size_t b = 0; b < es; b++)
                want = want * 256 + e[b];
            if (es == 1)
                got = q[0];
            else if (es == 2)
                got = (memcpy(&g2, q, 2), g2);
            else if (es == 4)
                got = (memcpy(&g4, q, 4), g4);
            else
                memcpy(&got, q, 8);
            FUZZ_REQUIRE(got == want, "element %zu: %llx, in the file %llx", i,
                         (unsigned long long)got, (unsigned long long)want);
        }
    } else {
        volatile unsigned char sum = 0;          /* touch every byte of the block */
        for (size_t i = 0; i < count * es; i++)
            sum ^= ((const unsigned char *)idx->data)[i];
        (void)sum;
    }
}
#line 379 "book/91-fuzz.nw"
        ggs_idx_free(idx);
    } else {
        FUZZ_REQUIRE(strstr(ggs_last_error(), path) != NULL,
                     "the message '%s' does not name the file", ggs_last_error());
    }
    return 0;
}
