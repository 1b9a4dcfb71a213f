#line 480 "book/91-fuzz.nw"
/* Generated from book/91-fuzz.nw; do not edit. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char spec[4096], text[4096], again[4096];
    ggs_dist d, e;
    int len;
    if (size >= sizeof spec)
        return 0;
    memcpy(spec, data, size);
    spec[size] = '\0';
    if (ggs_dist_parse(&d, spec) != GGS_OK) {
        FUZZ_REQUIRE(ggs_last_error()[0] != '\0', "a refusal without a message");
        return 0;
    }
    len = ggs_dist_format(text, sizeof text, &d);
    FUZZ_REQUIRE(len > 0 && (size_t)len < sizeof text, "format gave length %d", len);
    FUZZ_REQUIRE(ggs_dist_parse(&e, text) == GGS_OK, "'%s' formats as '%s', which does "
                 "not parse: %s", spec, text, ggs_last_error());
    FUZZ_REQUIRE(e.family == d.family && e.trials == d.trials && e.nparam == d.nparam
                 && memcmp(e.theta, d.theta, d.nparam * sizeof d.theta[0]) == 0,
                 "'%s' -> '%s' parses to another distribution", spec, text);
    ggs_dist_format(again, sizeof again, &e);
    FUZZ_REQUIRE(strcmp(text, again) == 0, "'%s' formats as '%s'", text, again);
    return 0;
}
