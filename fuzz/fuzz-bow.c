#line 772 "book/91-fuzz.nw"
/* Generated from book/91-fuzz.nw; do not edit. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[1024];
    size_t lines = 0, vocab;
    int zero_based;
    ggs_bow c;
    if (size < 1)
        return 0;
    if (path[0] == '\0')
        snprintf(path, sizeof path, "%s/input.feat", fuzz_scratch());
    zero_based = data[0] & 1;
    vocab = (size_t)(data[0] >> 1) + 1;
    fuzz_write_file(path, data + 1, size - 1);
    for (size_t i = 1; i < size; i++)
        lines += data[i] == '\n';
    lines += size > 1 && data[size - 1] != '\n';
    if (ggs_bow_read(&c, path, vocab, zero_based) == GGS_OK) {
        
#line 802 "book/91-fuzz.nw"
/* check the promises of an accepted corpus */
FUZZ_REQUIRE(c.ndocs == lines, "%zu documents for %zu lines", c.ndocs, lines);
FUZZ_REQUIRE(c.vocab == vocab && c.row[0] == 0 && c.row[c.ndocs] == c.nnz,
             "vocab %zu (passed %zu), row[0] %zu, row[D] %zu, nnz %zu", c.vocab, vocab,
             c.row[0], c.row[c.ndocs], c.nnz);
for (size_t d = 0; d < c.ndocs; d++) {
    uint64_t len = 0;
    FUZZ_REQUIRE(c.row[d] <= c.row[d + 1], "row %zu decreases", d);
    for (size_t j = c.row[d]; j < c.row[d + 1]; j++) {
        FUZZ_REQUIRE(c.word[j] < vocab, "id %u >= V = %zu", c.word[j], vocab);
        FUZZ_REQUIRE(j == c.row[d] || c.word[j - 1] < c.word[j], "ids not increasing");
        FUZZ_REQUIRE(c.count[j] >= 1, "a count of 0");
        len += c.count[j];
    }
    FUZZ_REQUIRE(len == c.length[d], "length %llu, counts sum to %llu",
                 (unsigned long long)c.length[d], (unsigned long long)len);
}
#line 793 "book/91-fuzz.nw"
        ggs_bow_free(&c);
    } else {
        FUZZ_REQUIRE(strstr(ggs_last_error(), path) != NULL,
                     "the message '%s' does not name the file", ggs_last_error());
    }
    return 0;
}
