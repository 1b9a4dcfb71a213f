#line 1870 "book/21-nvpdef.nw"
/* Generated from book/21-nvpdef.nw; do not edit. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "gengs-nvpdef.h"
#include "gengs-internal.h"
#include "cmdline.h"

#line 1890 "book/21-nvpdef.nw"
#define NVP_EXIT_RUNTIME 1
#define NVP_EXIT_USAGE 2
#define NVP_EXIT_INTERRUPTED 130
#define NVP_PATH_MAX 4096
#define NVP_CONFIG_MAX 1024
#define NVP_TOP_WORDS 10                        /* words per topic in topics.txt */
#define NVP_DEFAULT_DATA "build/data/spam-assassin"   /* where 'make corpus-data' puts it */
#define NVP_CKPT_MAGIC "GGSNVPD\1"
#define NVP_CKPT_VERSION 1u
#define NVP_DEFAULT_SINGLE 1                    /* --precision float: the faster */
#define NVP_SPLIT_SALT 0x5eedUL                 /* the validation split's own generator */
#define NVP_CSV_HEADER "epoch,step,tau,train_nelbo_relaxed,valid_ppl_doc,test_ppl_doc," \
    "test_ppl_corpus,test_ppl_doc_relaxed,test_kl,seconds,docs_per_s\n"
#define NVP_CSV_HEADER_ST "epoch,step,tau,train_nelbo_discrete,valid_ppl_doc,test_ppl_doc," \
    "test_ppl_corpus,test_ppl_doc_relaxed,test_kl,seconds,docs_per_s\n"
#line 1922 "book/21-nvpdef.nw"
typedef struct nvp_opts {
    ggs_nvpdef_config cfg;
    const char *model;           /* nvpdef | stacked | nvdm */
    const char *data_dir, *vocab_path;
    int zero_based;
    unsigned long epochs, seed, threads, samples, test_every, stop_after, nan_after;
    double valid;                /* >= 1: a count of documents; in (0, 1): a fraction */
    double tau0, tau_min, anneal_rate;
    const char *out;
    int resume;
    int single;                  /* --precision float */
    int have_inference;          /* --inference was given */
} nvp_opts;
#line 2118 "book/21-nvpdef.nw"
typedef struct nvp_run {
    nvp_opts *o;
    const ggs_bow *train, *test;
    const ggs_vocab *vocab;
    ggs_nvpdef *m;             /* the model in double, or NULL */
    ggs_nvpdeff *mf;           /* the model in float (--precision float), or NULL */
    ggs_anneal anneal;
    gsl_rng *rng;              /* the order of the training documents */
    ggs_noise noise;           /* the training noise */
    uint64_t epoch, step, pos, steps_per_epoch;
    size_t *perm;              /* (ntr) training documents, in the order of the epoch */
    size_t ntr;
    size_t *va, nva;           /* validation documents (of train) */
    size_t *te, nte;           /* test documents */
    size_t empty_train, empty_test;
    size_t *idx;               /* (B) */
    ggs_nvpdef_stats ep;       /* training sums of the epoch in progress */
    double best_valid;         /* lowest validation ppl_doc so far (HUGE_VAL: none) */
    uint64_t best_epoch;
    double *e1, *e2;           /* (max(nva, nte)) per-document -ELBO, exact and relaxed */
    double *kl;                /* (max(nva, nte)) per-document KL */
    uint64_t *len;             /* (max(nva, nte)) their lengths */
    uint32_t *top;             /* (K, NVP_TOP_WORDS) */
    unsigned char *ck;         /* the checkpoint's header, assembled */
    char config[NVP_CONFIG_MAX];
    char ckpt[NVP_PATH_MAX], best[NVP_PATH_MAX], csv[NVP_PATH_MAX], topics[NVP_PATH_MAX];
} nvp_run;
#line 1937 "book/21-nvpdef.nw"
static const char nvp_help[] =
    "usage: gengs nvpdef [OPTIONS]\n"
    "\n"
    "Train a neural variational topic model on word counts and report test\n"
    "perplexities: NVPDEF (Poisson topic counts, trained with GenGS), the stacked\n"
    "NVPDEF (a second Poisson layer above the topics) or NVDM (a Gaussian latent\n"
    "vector).\n"
    "\n"
    "data:\n"
    "  --data-dir DIR      the corpus directory (default build/data/spam-assassin,\n"
    "                      made by 'make corpus-data' in the source tree)\n"
    "  --vocab FILE        the vocabulary file, if not the directory's own\n"
    "  --zero-based        word ids in the files start at 0 (default: at 1)\n"
    "  --valid N|F         validation documents held out of the training set with\n"
    "                      the seed: a count N >= 1 or a fraction 0 < F < 1\n"
    "                      (default 0.1)\n"
    "model:\n"
    "  --model M           nvpdef (default), stacked (--topics2 counts above the\n"
    "                      --topics ones, both trained with GenGS) or nvdm\n"
    "  --topics K          topics, the latent dimensions (default 50)\n"
    "  --topics2 K2        stacked: counts of the upper layer (default 20)\n"
    "  --hidden H          width of the encoder's two hidden layers (default 500)\n"
    "  --activation A      the encoder's hidden activation: tanh (default) or relu\n"
    "  --inference MODE    nvpdef: implicit (n logits per topic, default) or\n"
    "                      explicit (a Poisson rate per topic); stacked: explicit\n"
    "                      only (its default)\n"
    "  --prior-rate L      nvpdef: the Poisson prior's rate (default 1)\n"
    "  --n N               nvpdef: topic counts {0..N-1} (default 16)\n"
    "  --straight-through  nvpdef, stacked: training's decoder sees the discrete\n"
    "                      (Gumbel-Max) counts, the gradient is the relaxed\n"
    "                      sample's; the training figure is then a discrete\n"
    "                      one-sample -ELBO (train_nelbo_discrete)\n"
    "training:\n"
    "  --epochs E          default 50\n"
    "  --batch B           default 64\n"
    "  --lr LR             Adam step size (default 5e-4)\n"
    "  --tau0 T            initial temperature (default 1)\n"
    "  --tau-min T         final temperature (default 0.5)\n"
    "  --anneal-rate R     tau = max(tau-min, tau0 exp(-R step)) (default 3e-5)\n"
    "  --seed S            seed of weights, split, order and noise (default 1)\n"
    "  --threads T         threads of the matrix products (default 1)\n"
    "  --precision P       float (default: faster) or double: the arithmetic of the\n"
    "                      model, its training and its checkpoints\n"
    "  --samples S         samples per document of the evaluation (default 20)\n"
    "  --test-every N      evaluate the test set after every Nth epoch, after\n"
    "                      each new best validation figure and after the last\n"
    "                      epoch; other lines of log.csv leave it empty\n"
    "                      (default 1: after every epoch)\n"
    "output:\n"
    "  --out DIR           log.csv, checkpoint.bin, best.bin, topics.txt\n"
    "                      (default nvpdef-out)\n"
    "  --resume            continue the run in --out, with the same options\n"
    "                      (--epochs may grow)\n"
    "testing:\n"
    "  --stop-after N      behave as if Ctrl-C came after N steps of this run\n"
    "  --nan-after N       poison the decoder's last bias with NaN after N steps\n"
    "\n"
    "Perplexities use the ELBO in place of log p(x), so they are upper bounds,\n"
    "computed with discrete (exact) samples; the columns named _relaxed use the\n"
    "relaxed samples and are relaxed (not a bound).  ppl_doc is exp(mean over\n"
    "documents of -ELBO/N_d), the figure of NVDM and of the GenGS paper;\n"
    "ppl_corpus is exp(sum -ELBO / sum N_d).  Documents without words are left out.\n"
    "\n"
    "Ctrl-C writes a checkpoint and exits with status 130; a NaN or infinite loss\n"
    "stops with status 1 and keeps the last good checkpoint.  Exit status: 0\n"
    "success, 1 runtime error, 2 usage error.\n";
#line 2008 "book/21-nvpdef.nw"
static const ggs_cmd_choice nvp_models[] = {
    { "nvpdef", GGS_NVPDEF_POISSON }, { "stacked", GGS_NVPDEF_STACKED },
    { "nvdm", GGS_NVPDEF_GAUSSIAN }, { NULL, 0 }
};

/* --valid N|F: a count of documents >= 1, or a fraction in (0, 1) */
static int nvp_valid(void *dest, const char *v, char *why, size_t size)
{
    double d;
    if (!ggs_cmd_double(&d, v) || !(d > 0) || (d >= 1 && d != floor(d)) || d > 1e9) {
        snprintf(why, size, "must be a count >= 1 or a fraction in (0, 1)");
        return 0;
    }
    *(double *)dest = d;
    return 1;
}

static int nvp_parse(nvp_opts *o, int argc, char **argv, FILE *err)
{
    static const ggs_cmd_choice act[] = { { "relu", GGS_NN_RELU }, { "tanh", GGS_NN_TANH },
                                          { NULL, 0 } };
    static const ggs_cmd_choice inference[] = { { "explicit", 0 }, { "implicit", 1 },
                                                { NULL, 0 } };
    static const ggs_cmd_choice precision[] = { { "float", 1 }, { "double", 0 },
                                                { NULL, 0 } };
    int rc;
    memset(o, 0, sizeof *o);
    o->cfg = ggs_nvpdef_default_config();
    o->cfg.implicit = 1;         /* NVPDEF's default; the other models' is explicit */
    o->epochs = 50;
    o->seed = 1;
    o->threads = 1;
    o->samples = 20;
    o->test_every = 1;
    o->valid = 0.1;
    o->tau0 = 1;
    o->tau_min = 0.5;
    o->anneal_rate = 3e-5;
    o->out = "nvpdef-out";
    o->single = NVP_DEFAULT_SINGLE;
    
#line 2069 "book/21-nvpdef.nw"
/* the table of the topic model's options */
ggs_cmd_option table[] = {
    /* data */
    { GGS_CMD_OPTION("--data-dir", GGS_CMD_STRING, &o->data_dir, NULL) },
    { GGS_CMD_OPTION("--vocab", GGS_CMD_STRING, &o->vocab_path, NULL) },
    { GGS_CMD_OPTION("--zero-based", GGS_CMD_FLAG, &o->zero_based, NULL) },
    { GGS_CMD_OPTION("--valid", GGS_CMD_CUSTOM, &o->valid, NULL), .read = nvp_valid },
    /* model */
    { GGS_CMD_OPTION("--model", GGS_CMD_CHOICE, &o->cfg.model, NULL), .choices = nvp_models },
    { GGS_CMD_OPTION("--topics", GGS_CMD_SIZE, &o->cfg.K, NULL), .min = 1, .max = 100000 },
    { GGS_CMD_OPTION("--topics2", GGS_CMD_SIZE, &o->cfg.K2, NULL), .min = 1, .max = 100000 },
    { GGS_CMD_OPTION("--hidden", GGS_CMD_SIZE, &o->cfg.H, NULL), .min = 1, .max = 1000000 },
    { GGS_CMD_OPTION("--activation", GGS_CMD_CHOICE, &o->cfg.act, NULL), .choices = act },
    { GGS_CMD_OPTION("--inference", GGS_CMD_CHOICE, &o->cfg.implicit, &o->have_inference),
      .choices = inference },
    { GGS_CMD_OPTION("--prior-rate", GGS_CMD_REAL, &o->cfg.prior_rate, NULL), .lo = 0,
      .bounds = GGS_CMD_LO_OPEN },
    { GGS_CMD_OPTION("--n", GGS_CMD_SIZE, &o->cfg.n, NULL), .min = 2,
      .max = GGS_LATENT_MAX_N },
    { GGS_CMD_OPTION("--straight-through", GGS_CMD_FLAG, &o->cfg.straight_through, NULL) },
    /* training */
    { GGS_CMD_OPTION("--epochs", GGS_CMD_ULONG, &o->epochs, NULL), .min = 1, .max = 1000000 },
    { GGS_CMD_OPTION("--batch", GGS_CMD_SIZE, &o->cfg.batch, NULL), .min = 1, .max = 100000 },
    { GGS_CMD_OPTION("--lr", GGS_CMD_REAL, &o->cfg.adam.lr, NULL), .lo = 0,
      .bounds = GGS_CMD_LO_OPEN },
    GGS_CMD_TEMPERATURE_ROWS(&o->tau0, &o->tau_min, &o->anneal_rate),
    { GGS_CMD_OPTION("--seed", GGS_CMD_ULONG, &o->seed, NULL) },
    { GGS_CMD_OPTION("--threads", GGS_CMD_ULONG, &o->threads, NULL), .min = 1, .max = 256 },
    { GGS_CMD_OPTION("--precision", GGS_CMD_CHOICE, &o->single, NULL), .choices = precision },
    { GGS_CMD_OPTION("--samples", GGS_CMD_ULONG, &o->samples, NULL), .min = 1,
      .max = 100000 },
    { GGS_CMD_OPTION("--test-every", GGS_CMD_ULONG, &o->test_every, NULL), .min = 1 },
    /* output */
    { GGS_CMD_OPTION("--out", GGS_CMD_STRING, &o->out, NULL), .maxlen = NVP_PATH_MAX - 64 },
    { GGS_CMD_OPTION("--resume", GGS_CMD_FLAG, &o->resume, NULL) },
    /* testing */
    { GGS_CMD_OPTION("--stop-after", GGS_CMD_ULONG, &o->stop_after, NULL), .min = 1 },
    { GGS_CMD_OPTION("--nan-after", GGS_CMD_ULONG, &o->nan_after, NULL) },
    GGS_CMD_END
};
#line 2049 "book/21-nvpdef.nw"
    if ((rc = ggs_cmd_parse(table, "nvpdef", argc, argv, NULL, 0, err)) != 0)
        return rc;
    o->model = ggs_cmd_choice_word(nvp_models, o->cfg.model);
    if (!o->have_inference && o->cfg.model != GGS_NVPDEF_POISSON)
        o->cfg.implicit = 0;
    if (o->tau_min > o->tau0)
        return ggs_cmd_usage(err, "nvpdef",
                             "--tau-min = %g exceeds --tau0 = %g", o->tau_min, o->tau0);
    if (o->cfg.model == GGS_NVPDEF_GAUSSIAN && o->have_inference)
        return ggs_cmd_usage(err, "nvpdef", "--inference applies to --model nvpdef and "
                             "stacked, not nvdm (its posterior is a Gaussian)");
    if (o->cfg.model == GGS_NVPDEF_STACKED && o->cfg.implicit)
        return ggs_cmd_usage(err, "nvpdef", "--model stacked takes --inference explicit only");
    if (o->cfg.model == GGS_NVPDEF_GAUSSIAN && o->cfg.straight_through)
        return ggs_cmd_usage(err, "nvpdef", "--straight-through applies to --model nvpdef "
                             "and stacked, not nvdm (its Gaussian sample is exact)");
    return 0;
}
#line 2152 "book/21-nvpdef.nw"
static int nvp_split(nvp_run *u, FILE *err)
{
    const ggs_bow *c = u->train;
    size_t N = 0, nva, B = u->o->cfg.batch;
    size_t *all = malloc((c->ndocs + 1) * sizeof *all);
    gsl_rng *r = ggs_rng_new(u->o->seed ^ NVP_SPLIT_SALT);
    char *isva = calloc(c->ndocs + 1, 1);
    if (all == NULL || r == NULL || isva == NULL) {
        free(all);
        free(isva);
        ggs_rng_free(r);
        fprintf(err, "gengs: error: out of memory\n");
        return NVP_EXIT_RUNTIME;
    }
    for (size_t d = 0; d < c->ndocs; d++)
        if (c->length[d] > 0)
            all[N++] = d;
    u->empty_train = c->ndocs - N;
    nva = u->o->valid < 1 ? (size_t)floor(u->o->valid * (double)N) : (size_t)u->o->valid;
    if (nva < 1 || N < nva + B) {
        free(all);
        free(isva);
        ggs_rng_free(r);
        return ggs_cmd_usage(err, "nvpdef",
                             "--valid %g takes %zu of the %zu training documents with "
                         "words, which must leave at least one validation document and "
                         "a batch (%zu) to train on", u->o->valid, nva, N, B);
    }
    for (size_t i = N - 1; i > 0; i--) {
        size_t j = (size_t)gsl_rng_uniform_int(r, (unsigned long)i + 1), t = all[i];
        all[i] = all[j];
        all[j] = t;
    }
    u->va = malloc(nva * sizeof *u->va);
    u->perm = malloc((N - nva) * sizeof *u->perm);
    if (u->va != NULL && u->perm != NULL) {
        memcpy(u->va, all, nva * sizeof *all);
        for (size_t i = 0; i < nva; i++)
            isva[all[i]] = 1;
        u->nva = nva;
        for (size_t d = 0; d < c->ndocs; d++)
            if (c->length[d] > 0 && !isva[d])
                u->perm[u->ntr++] = d;
    }
    free(all);
    free(isva);
    ggs_rng_free(r);
    if (u->va == NULL || u->perm == NULL) {
        fprintf(err, "gengs: error: out of memory\n");
        return NVP_EXIT_RUNTIME;
    }
    return 0;
}

static int nvp_test_docs(nvp_run *u, FILE *err)
{
    const ggs_bow *c = u->test;
    if ((u->te = malloc((c->ndocs + 1) * sizeof *u->te)) == NULL) {
        fprintf(err, "gengs: error: out of memory\n");
        return NVP_EXIT_RUNTIME;
    }
    for (size_t d = 0; d < c->ndocs; d++)
        if (c->length[d] > 0)
            u->te[u->nte++] = d;
    u->empty_test = c->ndocs - u->nte;
    if (u->nte == 0) {
        fprintf(err, "gengs: error: none of the %zu test documents has a word\n", c->ndocs);
        return NVP_EXIT_RUNTIME;
    }
    return 0;
}
#line 2228 "book/21-nvpdef.nw"
static int nvp_model_save(FILE *f, const nvp_run *u)
{
    return u->mf != NULL ? ggs_nvpdef_savef(f, u->mf) : ggs_nvpdef_save(f, u->m);
}

static int nvp_model_load(FILE *f, nvp_run *u)
{
    return u->mf != NULL ? ggs_nvpdef_loadf(f, u->mf) : ggs_nvpdef_load(f, u->m);
}

static int nvp_model_evaluate(nvp_run *u, double *e1, double *e2, double *kl,
                              const ggs_bow *c, const size_t *docs, size_t rows, double tau,
                              ggs_noise *q)
{
    if (u->mf != NULL)
        return ggs_nvpdef_evaluatef(e1, e2, kl, u->mf, c, docs, rows, tau, u->o->samples, q);
    return ggs_nvpdef_evaluate(e1, e2, kl, u->m, c, docs, rows, tau, u->o->samples, q);
}

static void nvp_model_poison(nvp_run *u)
{
    const ggs_nvpdef_config *c = &u->o->cfg;
    size_t back = 1 + (c->model == GGS_NVPDEF_STACKED ? c->K * c->K2 + c->K : 0);
    if (u->mf != NULL)
        ggs_nvpdef_paramsf(u->mf)[ggs_nvpdef_nparamsf(u->mf) - back] = NAN;
    else
        ggs_nvpdef_params(u->m)[ggs_nvpdef_nparams(u->m) - back] = NAN;
}
#line 2265 "book/21-nvpdef.nw"
static void nvp_config_string(nvp_run *u)
{
    const nvp_opts *o = u->o;
    const ggs_nvpdef_config *c = &o->cfg;
    snprintf(u->config, sizeof u->config,
             "model=%s inference=%s topics=%zu hidden=%zu n=%zu prior_rate=%.17g vocab=%zu "
             "docs=%zu,%zu,%zu,%zu batch=%zu lr=%.17g tau0=%.17g taumin=%.17g rate=%.17g "
             "seed=%lu",
             o->model, c->implicit ? "implicit" : "explicit", c->K, c->H, c->n, c->prior_rate,
             c->V, u->train->ndocs, u->ntr, u->nva, u->test->ndocs, c->batch, c->adam.lr,
             o->tau0, o->tau_min, o->anneal_rate, o->seed);
    if (c->model == GGS_NVPDEF_STACKED) {   /* the other models' strings stay as they were */
        size_t len = strlen(u->config);
        snprintf(u->config + len, sizeof u->config - len, " topics2=%zu", c->K2);
    }
    if (c->act != GGS_NN_RELU) {            /* so do those of ReLU encoders */
        size_t len = strlen(u->config);
        snprintf(u->config + len, sizeof u->config - len, " activation=tanh");
    }
    if (c->straight_through) {              /* and those of relaxed training */
        size_t len = strlen(u->config);
        snprintf(u->config + len, sizeof u->config - len, " straight_through=1");
    }
    if (o->single) {                        /* and those of double precision */
        size_t len = strlen(u->config);
        snprintf(u->config + len, sizeof u->config - len, " precision=float");
    }
}
#line 2307 "book/21-nvpdef.nw"
static void nvp_put(unsigned char *buf, size_t *off, const void *p, size_t len)
{
    if (buf != NULL)
        memcpy(buf + *off, p, len);
    *off += len;
}

static size_t nvp_header(nvp_run *u, unsigned char *buf)
{
    size_t off = 0, S = gsl_rng_size(u->rng);
    uint32_t ver = NVP_CKPT_VERSION, L = (uint32_t)strlen(u->config);
    uint64_t N = u->ntr, ss = S, cnt = u->ep.count, h;
    nvp_put(buf, &off, NVP_CKPT_MAGIC, 8);
    nvp_put(buf, &off, &ver, 4);
    nvp_put(buf, &off, &L, 4);
    nvp_put(buf, &off, u->config, L);
    nvp_put(buf, &off, &u->epoch, 8);
    nvp_put(buf, &off, &u->step, 8);
    nvp_put(buf, &off, &u->pos, 8);
    nvp_put(buf, &off, &N, 8);
    nvp_put(buf, &off, &u->ep.nll, 8);
    nvp_put(buf, &off, &u->ep.kl, 8);
    nvp_put(buf, &off, &u->ep.words, 8);
    nvp_put(buf, &off, &cnt, 8);
    nvp_put(buf, &off, &u->best_valid, 8);
    nvp_put(buf, &off, &u->best_epoch, 8);
    nvp_put(buf, &off, &ss, 8);
    nvp_put(buf, &off, gsl_rng_state(u->rng), S);
    nvp_put(buf, &off, &u->noise, sizeof u->noise);
    for (size_t i = 0; i < N; i++) {
        uint64_t v = u->perm[i];
        nvp_put(buf, &off, &v, 8);
    }
    h = buf != NULL ? ggs_fnv1a(GGS_FNV1A_INIT, buf, off) : 0;
    nvp_put(buf, &off, &h, 8);
    return off;
}

static int nvp_checkpoint(nvp_run *u, const char *path, FILE *err)
{
    char tmp[NVP_PATH_MAX + 8];
    FILE *f = ggs_atomic_open(tmp, sizeof tmp, path);
    size_t len = nvp_header(u, u->ck);
    if (f == NULL) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    if (fwrite(u->ck, 1, len, f) != len || nvp_model_save(f, u) != GGS_OK) {
        fclose(f);
        remove(tmp);
        fprintf(err, "gengs: error: cannot write the checkpoint '%s'\n", path);
        return NVP_EXIT_RUNTIME;
    }
    if (ggs_atomic_commit(f, tmp, path) != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    return 0;
}
#line 2369 "book/21-nvpdef.nw"
static int nvp_ckpt_fail(FILE *f, FILE *err, const char *path, const char *why)
{
    if (f != NULL)
        fclose(f);
    fprintf(err, "gengs: error: cannot resume from '%s': %s\n", path, why);
    return NVP_EXIT_RUNTIME;
}

static int nvp_restore(nvp_run *u, FILE *err)
{
    FILE *f = fopen(u->ckpt, "rb");
    unsigned char *b = u->ck;
    size_t len = nvp_header(u, NULL), S = gsl_rng_size(u->rng), off;
    uint32_t L, ver;
    uint64_t h, N, cnt, ss;
    if (f == NULL)
        return nvp_ckpt_fail(f, err, u->ckpt, strerror(errno));
    if (fread(b, 1, 16, f) != 16 || memcmp(b, NVP_CKPT_MAGIC, 8) != 0)
        return nvp_ckpt_fail(f, err, u->ckpt, "not a gengs nvpdef checkpoint (bad magic)");
    memcpy(&ver, b + 8, 4);
    memcpy(&L, b + 12, 4);
    if (ver != NVP_CKPT_VERSION)
        return nvp_ckpt_fail(f, err, u->ckpt, "unknown checkpoint version");
    if (L != strlen(u->config) || fread(b + 16, 1, len - 16, f) != len - 16
        || memcmp(b + 16, u->config, L) != 0) {
        char theirs[NVP_CONFIG_MAX];
        size_t got;
        if (L < sizeof theirs && L == strlen(u->config) && memcmp(b + 16, u->config, L) != 0)
            memcpy(theirs, b + 16, L), got = L;
        else if (L < sizeof theirs && fseek(f, 16, SEEK_SET) == 0)
            got = fread(theirs, 1, L, f);
        else
            got = 0;
        theirs[got] = '\0';
        fclose(f);
        fprintf(err, "gengs: error: the checkpoint '%s' was written with other settings "
                "than these, or is truncated:\n  (checkpoint: %s)\n  (this run:   %s)\n",
                u->ckpt, theirs, u->config);
        if (got > 0 && (strstr(theirs, " precision=float") != NULL) != u->o->single)
            fprintf(err, "  (the checkpoint holds the model in %s precision, this run asks "
                    "for --precision %s)\n", u->o->single ? "double" : "single",
                    u->o->single ? "float" : "double");
        return NVP_EXIT_RUNTIME;
    }
    memcpy(&h, b + len - 8, 8);
    if (h != ggs_fnv1a(GGS_FNV1A_INIT, b, len - 8))
        return nvp_ckpt_fail(f, err, u->ckpt, "checksum mismatch: the file is corrupt");
    
#line 2427 "book/21-nvpdef.nw"
/* copy the checked header into the topic model's run */
off = 16 + L;
memcpy(&u->epoch, b + off, 8);
memcpy(&u->step, b + off + 8, 8);
memcpy(&u->pos, b + off + 16, 8);
memcpy(&N, b + off + 24, 8);
memcpy(&u->ep.nll, b + off + 32, 8);
memcpy(&u->ep.kl, b + off + 40, 8);
memcpy(&u->ep.words, b + off + 48, 8);
memcpy(&cnt, b + off + 56, 8);
memcpy(&u->best_valid, b + off + 64, 8);
memcpy(&u->best_epoch, b + off + 72, 8);
memcpy(&ss, b + off + 80, 8);
off += 88;
if (N != u->ntr || ss != S || u->pos > u->steps_per_epoch)
    return nvp_ckpt_fail(f, err, u->ckpt, "inconsistent header");
u->ep.count = (size_t)cnt;
memcpy(gsl_rng_state(u->rng), b + off, S);
off += S;
memcpy(&u->noise, b + off, sizeof u->noise);
off += sizeof u->noise;
for (size_t i = 0; i < N; i++) {
    uint64_t v;
    memcpy(&v, b + off + 8 * i, 8);
    if (v >= u->train->ndocs || u->train->length[v] == 0)
        return nvp_ckpt_fail(f, err, u->ckpt, "inconsistent document order");
    u->perm[i] = (size_t)v;
}
#line 2417 "book/21-nvpdef.nw"
    if (nvp_model_load(f, u) != GGS_OK) {
        char why[600];
        snprintf(why, sizeof why, "%s", ggs_cmd_libmsg());
        return nvp_ckpt_fail(f, err, u->ckpt, why);
    }
    fclose(f);
    return 0;
}
#line 2463 "book/21-nvpdef.nw"
static int nvp_csv_reset(nvp_run *u, FILE *err)
{
    char tmp[NVP_PATH_MAX + 8], line[1024];
    FILE *in = u->o->resume ? fopen(u->csv, "r") : NULL;
    FILE *f = ggs_atomic_open(tmp, sizeof tmp, u->csv);
    if (f == NULL) {
        if (in != NULL)
            fclose(in);
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    fputs(u->o->cfg.straight_through ? NVP_CSV_HEADER_ST : NVP_CSV_HEADER, f);
    while (in != NULL && fgets(line, sizeof line, in) != NULL) {
        size_t len = strlen(line);
        unsigned long e;
        char *end;
        if (len == 0 || line[0] < '0' || line[0] > '9' || line[len - 1] != '\n')
            continue;
        e = strtoul(line, &end, 10);
        if (*end == ',' && e >= 1 && e <= u->epoch)
            fputs(line, f);
    }
    if (in != NULL)
        fclose(in);
    if (ggs_atomic_commit(f, tmp, u->csv) != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    return 0;
}

static int nvp_csv_append(nvp_run *u, const char *line, FILE *err)
{
    FILE *f = fopen(u->csv, "a");
    if (f == NULL || fputs(line, f) == EOF || fflush(f) != 0 || fsync(fileno(f)) != 0) {
        fprintf(err, "gengs: error: cannot append to '%s': %s\n", u->csv, strerror(errno));
        if (f != NULL)
            fclose(f);
        return NVP_EXIT_RUNTIME;
    }
    fclose(f);
    return 0;
}

static int nvp_write_topics(nvp_run *u, FILE *err)
{
    char tmp[NVP_PATH_MAX + 8];
    size_t K = u->o->cfg.K, T = NVP_TOP_WORDS < u->o->cfg.V ? NVP_TOP_WORDS : u->o->cfg.V;
    FILE *f;
    if (u->mf != NULL)
        ggs_nvpdef_top_wordsf(u->top, u->mf, T);
    else
        ggs_nvpdef_top_words(u->top, u->m, T);
    if ((f = ggs_atomic_open(tmp, sizeof tmp, u->topics)) == NULL) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    for (size_t k = 0; k < K; k++) {
        fprintf(f, "topic %zu:", k);
        for (size_t j = 0; j < T; j++) {
            uint32_t w = u->top[k * T + j];
            if (u->vocab != NULL && w < u->vocab->size)
                fprintf(f, " %s", u->vocab->word[w]);
            else
                fprintf(f, " %u", (unsigned)w);
        }
        fputc('\n', f);
    }
    if (ggs_atomic_commit(f, tmp, u->topics) != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    return 0;
}
#line 2550 "book/21-nvpdef.nw"
typedef struct nvp_eval {
    double ppl_doc, ppl_corpus, ppl_doc_relaxed, ppl_corpus_relaxed, kl;
} nvp_eval;

static int nvp_evaluate(nvp_eval *ev, nvp_run *u, const ggs_bow *c, const size_t *docs,
                        size_t N, double tau, uint64_t salt, int relaxed, FILE *err)
{
    size_t B = u->o->cfg.batch;
    double kl = 0;
    ggs_noise q;
    ggs_noise_seed(&q, (uint64_t)u->o->seed * UINT64_C(0x9e3779b97f4a7c15) + u->epoch * 7919
                           + salt);
    for (size_t i = 0; i < N; i += B) {
        size_t rows = N - i < B ? N - i : B;
        if (nvp_model_evaluate(u, u->e1 + i, relaxed ? u->e2 + i : NULL, u->kl + i, c,
                               docs + i, rows, tau, &q) != GGS_OK) {
            fprintf(err, "gengs: error: evaluation after epoch %llu: %s\n",
                    (unsigned long long)u->epoch, ggs_cmd_libmsg());
            return NVP_EXIT_RUNTIME;
        }
        for (size_t j = 0; j < rows; j++)
            u->len[i + j] = c->length[docs[i + j]];
    }
    for (size_t i = 0; i < N; i++)
        kl += u->kl[i];
    ev->kl = kl / (double)N;
    ev->ppl_doc_relaxed = ev->ppl_corpus_relaxed = NAN;
    if (ggs_nvpdef_perplexity(&ev->ppl_doc, &ev->ppl_corpus, NULL, u->e1, u->len, N) != GGS_OK
        || (relaxed && ggs_nvpdef_perplexity(&ev->ppl_doc_relaxed, &ev->ppl_corpus_relaxed,
                                             NULL, u->e2, u->len, N) != GGS_OK)) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    return 0;
}
#line 2590 "book/21-nvpdef.nw"
static volatile sig_atomic_t nvp_interrupted;

static void nvp_on_sigint(int sig)
{
    (void)sig;
    nvp_interrupted = 1;
}

static double nvp_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int nvp_prepare(nvp_run *u, FILE *err);
static int nvp_train(nvp_run *u, FILE *out, FILE *err);

static int nvp_run_parsed(nvp_opts *o, const ggs_bow *train, const ggs_bow *test,
                          const ggs_vocab *vocab, FILE *out, FILE *err)
{
    nvp_run u;
    struct sigaction sa, old;
    int rc;
    memset(&u, 0, sizeof u);
    u.o = o;
    u.train = train;
    u.test = test;
    u.vocab = vocab;
    rc = nvp_prepare(&u, err);
    if (rc == 0) {
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = nvp_on_sigint;
        sigemptyset(&sa.sa_mask);
        nvp_interrupted = 0;
        sigaction(SIGINT, &sa, &old);
        rc = nvp_train(&u, out, err);
        sigaction(SIGINT, &old, NULL);
    }
    ggs_nvpdef_free(u.m);
    ggs_nvpdef_freef(u.mf);
    ggs_rng_free(u.rng);
    free(u.perm);
    free(u.va);
    free(u.te);
    free(u.idx);
    free(u.e1);
    free(u.e2);
    free(u.kl);
    free(u.len);
    free(u.top);
    free(u.ck);
    return rc;
}

int ggs_nvpdef_run(int argc, char **argv, const ggs_bow *train, const ggs_bow *test,
                   const ggs_vocab *vocab, FILE *out, FILE *err)
{
    nvp_opts o;
    int rc;
    if (ggs_cmd_wants_help(argc, argv, 1))
            return fputs(nvp_help, out), 0;
    if ((rc = nvp_parse(&o, argc, argv, err)) != 0)
        return rc;
    return nvp_run_parsed(&o, train, test, vocab, out, err);
}
#line 2659 "book/21-nvpdef.nw"
int ggs_nvpdef_main(int argc, char **argv, FILE *out, FILE *err)
{
    nvp_opts o;
    ggs_bow train, test;
    ggs_vocab vocab;
    const char *dir;
    int rc;
    if (ggs_cmd_wants_help(argc, argv, 1))
            return fputs(nvp_help, out), 0;
    if ((rc = nvp_parse(&o, argc, argv, err)) != 0)
        return rc;
    dir = o.data_dir != NULL ? o.data_dir : NVP_DEFAULT_DATA;
    if (o.data_dir == NULL && access(dir, F_OK) != 0) {
        fprintf(err, "gengs: error: no corpus in '%s' (the default data, relative to the "
                "current directory): run 'make corpus-data' in the source tree of gengs to "
                "make it, or give --data-dir DIR (see 'gengs nvpdef --help')\n", dir);
        return NVP_EXIT_RUNTIME;
    }
    memset(&train, 0, sizeof train);
    memset(&test, 0, sizeof test);
    memset(&vocab, 0, sizeof vocab);
    if (ggs_bow_open_dir(&train, &test, &vocab, dir, o.vocab_path, o.zero_based) != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    rc = nvp_run_parsed(&o, &train, &test, vocab.size > 0 ? &vocab : NULL, out, err);
    ggs_bow_free(&train);
    ggs_bow_free(&test);
    ggs_vocab_free(&vocab);
    return rc;
}
#line 2695 "book/21-nvpdef.nw"
static int nvp_prepare(nvp_run *u, FILE *err)
{
    nvp_opts *o = u->o;
    size_t B = o->cfg.batch, M;
    int rc;
    if (u->train->vocab != u->test->vocab) {
        fprintf(err, "gengs: error: the training corpus has a vocabulary of %zu words, the "
                "test corpus %zu\n", u->train->vocab, u->test->vocab);
        return NVP_EXIT_RUNTIME;
    }
    o->cfg.V = u->train->vocab;
    if ((rc = nvp_split(u, err)) != 0 || (rc = nvp_test_docs(u, err)) != 0)
        return rc;
    if (ggs_anneal_init(&u->anneal, GGS_ANNEAL_EXP, o->tau0, o->tau_min, o->anneal_rate, 1)
        != GGS_OK || ggs_nn_set_threads((int)o->threads) != GGS_OK)
        return ggs_cmd_usage(err, "nvpdef", "%s", ggs_cmd_libmsg());
    u->steps_per_epoch = u->ntr / B;
    if (o->single ? (u->mf = ggs_nvpdef_allocf(&o->cfg, o->seed)) == NULL
                  : (u->m = ggs_nvpdef_alloc(&o->cfg, o->seed)) == NULL) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    u->rng = ggs_rng_new(o->seed);
    ggs_noise_seed(&u->noise, (uint64_t)o->seed);
    u->best_valid = HUGE_VAL;
    nvp_config_string(u);
    M = u->nva > u->nte ? u->nva : u->nte;
    u->idx = malloc(B * sizeof *u->idx);
    u->e1 = malloc(M * sizeof *u->e1);
    u->e2 = malloc(M * sizeof *u->e2);
    u->kl = malloc(M * sizeof *u->kl);
    u->len = malloc(M * sizeof *u->len);
    u->top = malloc(o->cfg.K * NVP_TOP_WORDS * sizeof *u->top);
    u->ck = u->rng != NULL ? malloc(nvp_header(u, NULL) + 16) : NULL;
    if (u->rng == NULL || u->idx == NULL || u->e1 == NULL || u->e2 == NULL || u->kl == NULL
        || u->len == NULL || u->top == NULL || u->ck == NULL) {
        fprintf(err, "gengs: error: out of memory\n");
        return NVP_EXIT_RUNTIME;
    }
    
#line 2739 "book/21-nvpdef.nw"
/* set up the output directory of a topic model's run */
snprintf(u->ckpt, sizeof u->ckpt, "%s/checkpoint.bin", o->out);
snprintf(u->best, sizeof u->best, "%s/best.bin", o->out);
snprintf(u->csv, sizeof u->csv, "%s/log.csv", o->out);
snprintf(u->topics, sizeof u->topics, "%s/topics.txt", o->out);
if (o->resume) {
    if ((rc = nvp_restore(u, err)) != 0)
        return rc;
} else {
    if (access(u->ckpt, F_OK) == 0) {
        fprintf(err, "gengs: error: '%s' already holds a run (%s); continue it with "
                "--resume or choose another --out\n", o->out, u->ckpt);
        return NVP_EXIT_RUNTIME;
    }
    if (ggs_mkdirs(o->out) != 0) {
        fprintf(err, "gengs: error: cannot create the directory '%s': %s\n", o->out,
                strerror(errno));
        return NVP_EXIT_RUNTIME;
    }
}
if (u->epoch == 0 && u->pos == 0)
    fprintf(err, "gengs: %zu training, %zu validation, %zu test documents; %zu training "
            "and %zu test documents without words left out\n", u->ntr, u->nva, u->nte,
            u->empty_train, u->empty_test);
#line 2735 "book/21-nvpdef.nw"
    return nvp_csv_reset(u, err);
}
#line 2768 "book/21-nvpdef.nw"
static int nvp_train(nvp_run *u, FILE *out, FILE *err)
{
    nvp_opts *o = u->o;
    size_t B = o->cfg.batch;
    uint64_t run_steps = 0;
    double t_epoch = nvp_now();
    if (u->epoch >= o->epochs)
        fprintf(out, "the run in '%s' has done its %llu epochs already\n", o->out,
                (unsigned long long)u->epoch);
    while (u->epoch < o->epochs) {
        for (;;) {
            
#line 2803 "book/21-nvpdef.nw"
/* stop the topic model cleanly if Ctrl-C came */
if (nvp_interrupted) {
    int rc = nvp_checkpoint(u, u->ckpt, err);
    if (rc == 0)
        fprintf(err, "gengs: interrupted at epoch %llu, step %llu; checkpoint '%s' written; "
                "continue with --resume\n", (unsigned long long)u->epoch + 1,
                (unsigned long long)u->step, u->ckpt);
    return rc != 0 ? rc : NVP_EXIT_INTERRUPTED;
}
#line 2780 "book/21-nvpdef.nw"
            if (u->pos == u->steps_per_epoch)
                break;
            if (u->pos == 0) {
                for (size_t i = u->ntr - 1; i > 0; i--) {   /* Fisher-Yates */
                    size_t j = (size_t)gsl_rng_uniform_int(u->rng, (unsigned long)i + 1);
                    size_t t = u->perm[i];
                    u->perm[i] = u->perm[j];
                    u->perm[j] = t;
                }
                memset(&u->ep, 0, sizeof u->ep);
                t_epoch = nvp_now();
            }
            
#line 2815 "book/21-nvpdef.nw"
/* take one training step of the topic model */
{
    double tau = ggs_anneal_tau(&u->anneal, (long)u->step);
    int rc;
    if (o->nan_after > 0 && run_steps == o->nan_after)
        nvp_model_poison(u);
    rc = u->mf != NULL
         ? ggs_nvpdef_stepf(u->mf, &u->ep, u->train, u->perm + u->pos * B, B, tau, &u->noise)
         : ggs_nvpdef_step(u->m, &u->ep, u->train, u->perm + u->pos * B, B, tau, &u->noise);
    if (rc != GGS_OK) {
        if (access(u->ckpt, F_OK) == 0)
            fprintf(err, "gengs: error: training stopped at epoch %llu, step %llu: %s; the "
                    "last good checkpoint '%s' is kept\n", (unsigned long long)u->epoch + 1,
                    (unsigned long long)u->step + 1, ggs_cmd_libmsg(), u->ckpt);
        else
            fprintf(err, "gengs: error: training stopped at epoch %llu, step %llu: %s; no "
                    "checkpoint was written (none is written before the end of the first "
                    "epoch)\n", (unsigned long long)u->epoch + 1,
                    (unsigned long long)u->step + 1, ggs_cmd_libmsg());
        return NVP_EXIT_RUNTIME;
    }
    u->pos++;
    u->step++;
    run_steps++;
    if (o->stop_after > 0 && run_steps == o->stop_after)
        raise(SIGINT);
}
#line 2793 "book/21-nvpdef.nw"
        }
        u->epoch++;
        u->pos = 0;
        
#line 2844 "book/21-nvpdef.nw"
/* end a topic model's epoch: evaluate, log, write topics and checkpoints */
{
    double secs = nvp_now() - t_epoch, tau = ggs_anneal_tau(&u->anneal, (long)u->step - 1);
    double cnt = (double)u->ep.count, dps = secs > 0 ? cnt / secs : 0;
    int nvdm = o->cfg.model == GGS_NVPDEF_GAUSSIAN;
    nvp_eval va, te;
    char line[1024], test[160], tcsv[160];
    int rc, best, tested;
    if ((rc = nvp_evaluate(&va, u, u->train, u->va, u->nva, tau, 1, 0, err)) != 0)
        return rc;
    best = va.ppl_doc < u->best_valid;
    tested = best || u->epoch % o->test_every == 0 || u->epoch == o->epochs;
    if (tested && (rc = nvp_evaluate(&te, u, u->test, u->te, u->nte, tau, 2, 1, err)) != 0)
        return rc;
    
#line 2884 "book/21-nvpdef.nw"
/* format the test figures of the epoch, or say that they were not computed */
if (!tested) {
    snprintf(tcsv, sizeof tcsv, ",,,");
    snprintf(test, sizeof test, "(test not evaluated this epoch)");
} else {
    char relaxed[64];
    snprintf(tcsv, sizeof tcsv, "%.4f,%.4f,%.4f,%.4f", te.ppl_doc, te.ppl_corpus,
             te.ppl_doc_relaxed, te.kl);
    if (nvdm)
        snprintf(relaxed, sizeof relaxed, "no relaxed figure: Gaussian latent");
    else
        snprintf(relaxed, sizeof relaxed, "relaxed (not a bound) %.1f", te.ppl_doc_relaxed);
    snprintf(test, sizeof test, "test ppl %.1f (corpus %.1f; %s)", te.ppl_doc, te.ppl_corpus,
             relaxed);
}
#line 2859 "book/21-nvpdef.nw"
    snprintf(line, sizeof line, "%llu,%llu,%.6g,%.4f,%.4f,%s,%.3f,%.1f\n",
             (unsigned long long)u->epoch, (unsigned long long)u->step, tau,
             (u->ep.nll + u->ep.kl) / cnt, va.ppl_doc, tcsv, secs, dps);
    fprintf(out, "epoch %llu/%lu  tau %.3f  train %s %.2f  valid ppl %.1f%s  %s  %.1f s  "
            "%.0f docs/s\n", (unsigned long long)u->epoch, o->epochs, tau,
            nvdm ? "nelbo" : o->cfg.straight_through ? "nelbo (discrete)" : "(relaxed)",
            (u->ep.nll + u->ep.kl) / cnt, va.ppl_doc,
            best ? " (best)" : "", test, secs, dps);
    fflush(out);
    if (best) {
        u->best_valid = va.ppl_doc;
        u->best_epoch = u->epoch;
    }
    if ((rc = nvp_csv_append(u, line, err)) != 0 || (rc = nvp_write_topics(u, err)) != 0
        || (rc = nvp_checkpoint(u, u->ckpt, err)) != 0
        || (best && (rc = nvp_checkpoint(u, u->best, err)) != 0))
        return rc;
}
#line 2797 "book/21-nvpdef.nw"
        t_epoch = nvp_now();
    }
    return 0;
}
