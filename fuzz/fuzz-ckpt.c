#line 681 "book/91-fuzz.nw"
/* Generated from book/91-fuzz.nw; do not edit. */
#include "fuzz.h"

static FILE *sink;
static char ckpt_path[1100], log_path[1100];
static unsigned char *log_csv;       /* the log of the one-epoch run */
static size_t log_len;
static size_t header_len;            /* bytes before the model's section */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = fuzz_scratch();
    unsigned char *ck;
    size_t ck_len;
    FUZZ_REQUIRE((sink = fopen("/dev/null", "w")) != NULL, "cannot open /dev/null");
    fuzz_tiny_data(dir);
    FUZZ_REQUIRE(fuzz_tiny_vae(dir, 0, sink) == 0, "the tiny training run failed");
    snprintf(ckpt_path, sizeof ckpt_path, "%s/run/checkpoint.bin", dir);
    snprintf(log_path, sizeof log_path, "%s/run/log.csv", dir);
    log_csv = fuzz_read_file(log_path, &log_len);
    ck = fuzz_read_file(ckpt_path, &ck_len);
    for (header_len = 8; header_len + 8 <= ck_len; header_len++)
        if (memcmp(ck + header_len, "gengs-nn", 8) == 0)
            break;
    FUZZ_REQUIRE(header_len + 8 <= ck_len, "no model section in the checkpoint");
    free(ck);
    return 0;
}

#line 733 "book/91-fuzz.nw"
/* Recompute the header's hash and the model section's checksum in place. */
static void repair_hashes(unsigned char *f, size_t size)
{
    uint32_t real_size, has_state;
    uint64_t h, count;
    size_t end;
    if (size < header_len)
        return;
    h = fuzz_fnv1a(f, header_len - 8);
    memcpy(f + header_len - 8, &h, 8);
    if (size - header_len < 40)
        return;
    memcpy(&real_size, f + header_len + 16, 4);
    memcpy(&has_state, f + header_len + 20, 4);
    memcpy(&count, f + header_len + 24, 8);
    if (real_size > 8 || has_state > 1 || count > size)
        return;
    end = header_len + 40 + (size_t)count * real_size * (has_state ? 3 : 1);
    if (end > size || size - end < 8)
        return;
    h = fuzz_fnv1a(f + header_len, end - header_len);
    memcpy(f + end, &h, 8);
}

#line 712 "book/91-fuzz.nw"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *f = malloc(size + 1);
    int rc;
    FUZZ_REQUIRE(f != NULL, "out of memory");
    memcpy(f, data, size);
    repair_hashes(f, size);
    fuzz_write_file(log_path, log_csv, log_len);
    fuzz_write_file(ckpt_path, f, size);
    free(f);
    rc = fuzz_tiny_vae(fuzz_scratch(), 1, sink);
    FUZZ_REQUIRE(rc == 0 || rc == 1, "gengs vae --resume exited with status %d", rc);
    return 0;
}
