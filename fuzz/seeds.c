#line 830 "book/91-fuzz.nw"
/* Generated from book/91-fuzz.nw; do not edit. */
#include <errno.h>
#include <sys/stat.h>
#include "fuzz.h"

static const char *seed_root;

/* Write one seed: n bytes into ROOT/harness/name. */
static void seed(const char *harness, const char *name, const void *p, size_t n)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", seed_root, harness);
    FUZZ_REQUIRE(mkdir(path, 0755) == 0 || errno == EEXIST, "cannot create %s", path);
    snprintf(path, sizeof path, "%s/%s/%s", seed_root, harness, name);
    fuzz_write_file(path, p, n);
}

static void seed_text(const char *harness, const char *name, const char *text)
{
    seed(harness, name, text, strlen(text));
}

#line 877 "book/91-fuzz.nw"
/* An IDX file of the given type and dims (ndim of them) into buf; its length. */
static size_t idx_file(unsigned char *buf, int type, const unsigned *dims, int ndim)
{
    size_t es = type == GGS_IDX_F64 ? 8 : type == GGS_IDX_I32 || type == GGS_IDX_F32 ? 4
              : type == GGS_IDX_I16 ? 2 : 1;
    size_t n = 1, len = 1;
    buf[len++] = 0;
    buf[len++] = 0;
    buf[len++] = (unsigned char)type;
    buf[len++] = (unsigned char)ndim;
    for (int k = 0; k < ndim; k++) {
        unsigned char be[4] = { 0, 0, (unsigned char)(dims[k] / 256), (unsigned char)dims[k] };
        memcpy(buf + len, be, 4);
        len += 4;
        n *= dims[k];
    }
    for (size_t i = 0; i < n * es; i++)
        buf[len++] = (unsigned char)(i * 7 + 1);
    return len;
}

static void idx_seeds(void)
{
    static const struct { const char *name; int type; unsigned dims[3]; int ndim; } t[] = {
        { "u8-images", GGS_IDX_U8, { 3, 4, 4 }, 3 },
        { "i8-vector", GGS_IDX_I8, { 9 }, 1 },
        { "i16-matrix", GGS_IDX_I16, { 2, 3 }, 2 },
        { "i32-labels", GGS_IDX_I32, { 5 }, 1 },
        { "f32-matrix", GGS_IDX_F32, { 3, 2 }, 2 },
        { "f64-cube", GGS_IDX_F64, { 2, 2, 2 }, 3 },
    };
    unsigned char buf[1024];
    char name[64];
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
        for (int gz = 0; gz < 2; gz++) {
            size_t len = idx_file(buf, t[k].type, t[k].dims, t[k].ndim);
            buf[0] = (unsigned char)gz;
            snprintf(name, sizeof name, "%s%s", t[k].name, gz ? "-gz" : "");
            seed("fuzz-idx", name, buf, len);
        }
}
#line 920 "book/91-fuzz.nw"
static void dist_seeds(void)
{
    seed_text("fuzz-dist", "poisson", "poisson:2.5");
    seed_text("fuzz-dist", "binomial", "binomial:10,0.3");
    seed_text("fuzz-dist", "geometric", "geometric:0.25");
    seed_text("fuzz-dist", "negbin", "negbin:2.5,0.4");
    seed_text("fuzz-dist", "categorical", "categorical:0.2,0.3,0.5");
    seed_text("fuzz-dist", "multinomial", "multinomial:3,0.5,0.25,0.25");
}

static void cli_seeds(void)
{
    seed_text("fuzz-cli", "help", "--help");
    seed_text("fuzz-cli", "pmf-auto", "pmf\npoisson:2.5");
    seed_text("fuzz-cli", "pmf-window", "pmf\nbinomial:10,0.3\n--left\n2\n--n\n5");
    seed_text("fuzz-cli", "pmf-eps", "pmf\nnegbin:2,0.5\n--eps=1e-6\n--left=1");
    seed_text("fuzz-cli", "pmf-categorical", "pmf\ncategorical:0.2,0.8");
    seed_text("fuzz-cli", "pmf-multinomial", "pmf\nmultinomial:3,0.2,0.3,0.5");
    seed_text("fuzz-cli", "sample-grad",
              "sample\ngeometric:0.3\n--n\n6\n--tau\n0.5\n--count\n3\n--seed\n1\n--grad");
    seed_text("fuzz-cli", "sample-hard",
              "sample\ncategorical:0.2,0.8\n--tau=1\n--count=2\n--seed=3\n--hard");
    seed_text("fuzz-cli", "sample-exact",
              "sample\nmultinomial:2,0.5,0.5\n--exact\n--count\n2\n--seed\n9");
    seed_text("fuzz-cli", "sample-gumbel",
              "sample\npoisson:2\n--n\n4\n--tau\n0.5\n--gumbel\n0.5,-0.3,1.2,0.1\n--grad");
}
#line 950 "book/91-fuzz.nw"
static void ckpt_seed(void)
{
    FILE *sink = fopen("/dev/null", "w");
    char path[1100];
    unsigned char *ck;
    size_t len;
    FUZZ_REQUIRE(sink != NULL, "cannot open /dev/null");
    fuzz_tiny_data(fuzz_scratch());
    FUZZ_REQUIRE(fuzz_tiny_vae(fuzz_scratch(), 0, sink) == 0, "the tiny training run failed");
    snprintf(path, sizeof path, "%s/run/checkpoint.bin", fuzz_scratch());
    ck = fuzz_read_file(path, &len);
    seed("fuzz-ckpt", "one-epoch", ck, len);
    free(ck);
    fclose(sink);
}
#line 972 "book/91-fuzz.nw"
static void bow_seeds(void)
{
    static const char nvdm[] = "\x1e" "3 1:2 7:1 12:4\n\n5\n0 9:1 2:3 9:4 1:1\r\n12:1\t3:2";
    static const char ldac[] = "\x19" "3 0:2 6:1 11:4\n1 0:1\n2 5:1 12:3\n";
    seed("fuzz-bow", "nvdm", nvdm, sizeof nvdm - 1);
    seed("fuzz-bow", "ldac", ldac, sizeof ldac - 1);
}

#line 857 "book/91-fuzz.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: seeds DIR\n");
        return 2;
    }
    seed_root = argv[1];
    FUZZ_REQUIRE(mkdir(seed_root, 0755) == 0 || errno == EEXIST, "cannot create %s",
                 seed_root);
    idx_seeds();
    dist_seeds();
    cli_seeds();
    ckpt_seed();
    bow_seeds();
    return 0;
}
