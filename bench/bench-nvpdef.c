#line 69 "book/35-nvpdef-speed.nw"
/* Generated from book/35-nvpdef-speed.nw; do not edit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <cblas.h>
#include "gengs.h"

enum { BB = 64, VV = 1995, HH = 500, KK = 50, NN = 20, NDOCS = 11314 };
enum { LEN_MIN = 100, LEN_SPAN = 101 };   /* document lengths 100..200 */
enum { WINDOWS = 5 };                     /* timing windows per measurement */
static const double MIN_SECONDS = 0.6, ZIPF_S = 1.0;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void fail(const char *what)
{
    fprintf(stderr, "bench-nvpdef: error: %s: %s\n", what, ggs_last_error());
    exit(EXIT_FAILURE);
}

#line 105 "book/35-nvpdef-speed.nw"
static void corpus_make(ggs_bow *c, gsl_rng *r)
{
    double *cdf = malloc(VV * sizeof *cdf), s = 0;
    uint32_t *tally = calloc(VV, sizeof *tally);
    size_t cap = (size_t)NDOCS * (LEN_MIN + LEN_SPAN);
    c->ndocs = NDOCS;
    c->vocab = VV;
    c->nnz = 0;
    c->row = malloc((NDOCS + 1) * sizeof *c->row);
    c->word = malloc(cap * sizeof *c->word);
    c->count = malloc(cap * sizeof *c->count);
    c->length = malloc(NDOCS * sizeof *c->length);
    if (cdf == NULL || tally == NULL || c->row == NULL || c->word == NULL || c->count == NULL
        || c->length == NULL)
        fail("out of memory");
    for (int w = 0; w < VV; w++)
        cdf[w] = s += pow(w + 1.0, -ZIPF_S);
    for (int w = 0; w < VV; w++)
        cdf[w] /= s;
    c->row[0] = 0;
    for (size_t d = 0; d < NDOCS; d++) {
        size_t len = LEN_MIN + gsl_rng_uniform_int(r, LEN_SPAN);
        for (size_t i = 0; i < len; i++) {
            double u = gsl_rng_uniform(r);
            size_t lo = 0, hi = VV - 1;        /* the first w with cdf[w] > u */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cdf[mid] > u)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            tally[lo]++;
        }
        for (size_t w = 0; w < VV; w++)
            if (tally[w] > 0) {
                c->word[c->nnz] = (uint32_t)w;
                c->count[c->nnz++] = tally[w];
                tally[w] = 0;
            }
        c->row[d + 1] = c->nnz;
        c->length[d] = len;
    }
    free(cdf);
    free(tally);
}

static void corpus_free(ggs_bow *c)
{
    free(c->row);
    free(c->word);
    free(c->count);
    free(c->length);
}
#line 163 "book/35-nvpdef-speed.nw"
struct run {
    const char *name;
    int single;               /* 1: the single-precision model */
    ggs_nvpdef *m;            /* the model in double (single = 0) */
    ggs_nvpdeff *mf;          /* or in float (single = 1) */
    const ggs_bow *c;
    gsl_rng *r;
    ggs_noise q;
    size_t order[NDOCS];
    size_t pos;
    size_t P;                 /* encoder outputs per topic */
    double *a, *b, *W;        /* the operands of the products alone, zero */
    float *af, *bf, *Wf;      /* the same in float */
};

static void train_step(struct run *u)
{
    ggs_nvpdef_stats st = { 0, 0, 0, 0 };
    if (u->pos + BB > NDOCS) {            /* a new epoch: Fisher and Yates's shuffle */
        for (size_t i = NDOCS - 1; i > 0; i--) {
            size_t j = gsl_rng_uniform_int(u->r, i + 1), t = u->order[i];
            u->order[i] = u->order[j];
            u->order[j] = t;
        }
        u->pos = 0;
    }
    if ((u->single ? ggs_nvpdef_stepf(u->mf, &st, u->c, u->order + u->pos, BB, 1.0, &u->q)
                   : ggs_nvpdef_step(u->m, &st, u->c, u->order + u->pos, BB, 1.0, &u->q))
        != GGS_OK)
        fail(u->name);
    u->pos += BB;
}

static double time_window(struct run *u)
{
    long calls = 0;
    double t0, t;
    train_step(u);
    t0 = now();
    do {
        train_step(u);
        calls++;
        t = now() - t0;
    } while (t < MIN_SECONDS);
    return t / (double)calls;
}

static void run_init(struct run *u, int model, int single, const ggs_bow *c,
                     unsigned long seed)
{
    size_t nw = (size_t)HH * KK * NN + (size_t)KK * VV;
    static const char *names[3] = { "NVPDEF explicit", "NVPDEF implicit", "NVDM" };
    ggs_nvpdef_config cfg = ggs_nvpdef_default_config();
    cfg.model = model == 2 ? GGS_NVPDEF_GAUSSIAN : GGS_NVPDEF_POISSON;
    cfg.implicit = model == 1;
    cfg.n = NN;
    cfg.V = VV;
    cfg.H = HH;
    cfg.K = KK;
    cfg.batch = BB;
    u->name = names[model];
    u->single = single;
    u->c = c;
    u->pos = NDOCS;                  /* shuffle before the first step */
    if (single ? (u->mf = ggs_nvpdef_allocf(&cfg, seed)) == NULL
               : (u->m = ggs_nvpdef_alloc(&cfg, seed)) == NULL)
        fail("setup");
    if ((u->r = ggs_rng_new(seed)) == NULL)
        fail("setup");
    for (size_t d = 0; d < NDOCS; d++)
        u->order[d] = d;
    ggs_noise_seed(&u->q, seed);
    u->P = model == 2 ? 2 : model == 1 ? NN : 1;
    u->a = calloc((size_t)BB * VV, sizeof(double));
    u->b = calloc((size_t)BB * VV, sizeof(double));
    u->W = calloc(nw, sizeof(double));
    u->af = calloc((size_t)BB * VV, sizeof(float));
    u->bf = calloc((size_t)BB * VV, sizeof(float));
    u->Wf = calloc(nw, sizeof(float));
    if (u->a == NULL || u->b == NULL || u->W == NULL || u->af == NULL || u->bf == NULL
        || u->Wf == NULL)
        fail("setup");
}

static void run_free(struct run *u)
{
    ggs_nvpdef_free(u->m);
    ggs_nvpdef_freef(u->mf);
    ggs_rng_free(u->r);
    free(u->a);
    free(u->b);
    free(u->W);
    free(u->af);
    free(u->bf);
    free(u->Wf);
}
#line 268 "book/35-nvpdef-speed.nw"
static void gemm_layer(struct run *u, int nin, int nout)
{
    if (u->single) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, BB, nout, nin, 1, u->af, nin,
                    u->Wf, nin, 0, u->bf, nout);
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, nout, nin, BB, 1, u->bf, nout,
                    u->af, nin, 1, u->Wf, nin);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, BB, nin, nout, 1, u->bf, nout,
                    u->Wf, nin, 0, u->af, nin);
        return;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, BB, nout, nin, 1, u->a, nin, u->W,
                nin, 0, u->b, nout);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, nout, nin, BB, 1, u->b, nout, u->a,
                nin, 1, u->W, nin);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, BB, nin, nout, 1, u->b, nout, u->W,
                nin, 0, u->a, nin);
}

static void gemm_step(struct run *u)
{
    gemm_layer(u, HH, HH);
    gemm_layer(u, HH, (int)u->P * KK);
    gemm_layer(u, KK, VV);
}

static double time_gemm_window(struct run *u)
{
    long calls = 0;
    double t0, t;
    gemm_step(u);
    t0 = now();
    do {
        gemm_step(u);
        calls++;
        t = now() - t0;
    } while (t < MIN_SECONDS);
    return t / (double)calls;
}
#line 311 "book/35-nvpdef-speed.nw"
int main(int argc, char **argv)
{
    static const char *args[3] = { "explicit", "implicit", "nvdm" };
    static const char *precs[2] = { "double", "float" };
    static struct run runs[3][2];
    double best[3][2][2], gemm[3][2][2], tokens = 0;   /* [model][precision][threads] */
    int first = 0, last = 2, p0 = 0, p1 = 1;
    ggs_bow c;
    gsl_rng *r = ggs_rng_new(20240607);
    struct rusage ru;
    if (argc > 3 || r == NULL) {
        fprintf(stderr, "usage: bench-nvpdef [explicit|implicit|nvdm [double|float]]\n");
        return 2;
    }
    for (int i = 0; argc >= 2 && i < 3; i++)
        if (strcmp(argv[1], args[i]) == 0)
            first = last = i;
    for (int i = 0; argc == 3 && i < 2; i++)
        if (strcmp(argv[2], precs[i]) == 0)
            p0 = p1 = i;
    if ((argc >= 2 && strcmp(argv[1], args[first]) != 0)
        || (argc == 3 && strcmp(argv[2], precs[p0]) != 0)) {
        fprintf(stderr, "bench-nvpdef: error: unknown model '%s' (explicit, implicit or "
                "nvdm) or precision '%s' (double or float)\n", argv[1],
                argc == 3 ? argv[2] : "");
        return 2;
    }
    corpus_make(&c, r);
    for (size_t d = 0; d < NDOCS; d++)
        tokens += (double)c.length[d];
    printf("topic models, V = %d, H = %d, K = %d, n = %d, batch %d, in double and in float;\n"
           "a step = forward + backward + Adam; synthetic corpus: %d documents, %.1f tokens "
           "and %.1f distinct words per document\n\n", VV, HH, KK, NN, BB, NDOCS,
           tokens / NDOCS, (double)c.nnz / NDOCS);
    for (int i = first; i <= last; i++)
        for (int p = p0; p <= p1; p++) {
            run_init(&runs[i][p], i, p, &c, 1);
            for (int t = 0; t < 2; t++)
                best[i][p][t] = gemm[i][p][t] = 1e300;
        }
    for (int w = 0; w < WINDOWS; w++)
        for (int i = first; i <= last; i++)
            for (int t = 0; t < 2; t++)
                for (int p = p0; p <= p1; p++) {
                    double s;
                    if (ggs_nn_set_threads(t + 1) != GGS_OK)
                        fail("threads");
                    s = time_window(&runs[i][p]);
                    best[i][p][t] = s < best[i][p][t] ? s : best[i][p][t];
                    s = time_gemm_window(&runs[i][p]);
                    gemm[i][p][t] = s < gemm[i][p][t] ? s : gemm[i][p][t];
                }
    printf("model             threads  precision  docs/s  ms/step  GEMM-only ms  step / GEMM"
           "  float / double\n");
    for (int i = first; i <= last; i++)
        for (int t = 0; t < 2; t++)
            for (int p = p0; p <= p1; p++) {
                printf("%-16s  %7d  %9s  %6.0f  %7.2f  %12.2f  %11.2f", runs[i][p].name, t + 1,
                       precs[p], BB / best[i][p][t], 1e3 * best[i][p][t],
                       1e3 * gemm[i][p][t], best[i][p][t] / gemm[i][p][t]);
                if (p == 1 && p0 == 0)
                    printf("  %14.2f", best[i][0][t] / best[i][1][t]);
                printf("\n");
            }
    getrusage(RUSAGE_SELF, &ru);
    printf("\npeak resident memory: %.1f MiB\n", (double)ru.ru_maxrss / 1024);
    for (int i = first; i <= last; i++)
        for (int p = p0; p <= p1; p++)
            run_free(&runs[i][p]);
    corpus_free(&c);
    ggs_rng_free(r);
    return EXIT_SUCCESS;
}
