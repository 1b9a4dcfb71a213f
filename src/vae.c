#line 4008 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "gengs-vae.h"
#include "gengs-data.h"
#include "gengs-internal.h"
#include "cmdline.h"

#line 4031 "book/20-vae.nw"
#define VAE_EXIT_RUNTIME 1
#define VAE_EXIT_USAGE 2
#define VAE_EXIT_INTERRUPTED 130        /* 128 + SIGINT, the shell's convention */
#define VAE_PRIOR_EPS 1e-6              /* prior mass outside the default window */
#define VAE_MIN_N 16                    /* ... and its smallest size */
#define VAE_RFSTAR_SAMPLES 2            /* rf* and storb*: samples per image unless --samples */
#define VAE_VIMCO_SAMPLES 5             /* vimco: samples per image unless --samples */
#define VAE_PATH_MAX 4096
#define VAE_GRID_COLS 8                 /* images per row of the PNG grids */
#define VAE_GRID_PAIRS 32               /* test images in the reconstruction grid */
#define VAE_GRID_SAMPLES 64             /* prior samples in the sample grid */
#define VAE_GRID_PAD 2                  /* pixels between the images of a grid */
#define VAE_GRID_BACKGROUND 96          /* gray level of the padding */
#define VAE_TEST_BINARIZE_SEED 20200305UL  /* fixed binarization of the test set */
#define VAE_PROGRESS_SECONDS 0.25       /* refresh period of the progress line */
#define VAE_CKPT_MAGIC "GGSVAE\0\1"
#define VAE_CKPT_VERSION 2u             /* 2: the encoder's first layer transposed */
#define VAE_CONFIG_MAX 1024             /* longest configuration string */
#line 4214 "book/20-vae.nw"
#define VAE_GENGS_ST (-1)               /* --estimator gengs-st, before the checks */
#line 4450 "book/20-vae.nw"
#define VAE_DEFAULT_MNIST "build/data/mnist"   /* where 'make data' puts MNIST */
#line 4847 "book/20-vae.nw"
#define VAE_CSV_HEADER "epoch,step,tau,train_nelbo_%s,train_recon_%s,train_kl," \
    "test_nelbo,test_recon,test_kl,test_nelbo_relaxed,test_iw_nll,seconds,images_per_s\n"
#line 4056 "book/20-vae.nw"
typedef struct vae_opts {
    ggs_vae_config cfg;          /* prior, n, inference, sizes, Adam */
    int n_auto;                  /* --n auto (the default) */
    const char *data;            /* mnist | binarized-mnist | omniglot | idx */
    const char *data_dir;        /* --data-dir, or NULL for the data set's default */
    int binarize;                /* GGS_BINARIZE_STATIC or GGS_BINARIZE_DYNAMIC */
    int have_binarize;
    unsigned long epochs;
    double tau0, tau_min, anneal_rate;
    unsigned long anneal_every;
    unsigned long threads;
    unsigned long seed;
    const char *out;             /* output directory */
    int resume;
    unsigned long eval_samples, iw_samples;
    size_t images;               /* images per step: --batch (cfg.batch is rows: images
                                    times cfg.samples for RF*) */
    int have_samples;            /* --samples given */
    unsigned long max_train, max_test;   /* 0: all */
    unsigned long stop_after, nan_after; /* testing: simulated Ctrl-C, injected NaN */
} vae_opts;
#line 4217 "book/20-vae.nw"
/* the values of --data (vae_opts keeps the word) */
static const ggs_cmd_choice vae_data_sets[] = {
    { "mnist", 0 }, { "binarized-mnist", 1 }, { "omniglot", 2 }, { "idx", 3 }, { NULL, 0 }
};

/* the values of --estimator */
static const ggs_cmd_choice vae_estimators[] = {
    { "gengs", GGS_VAE_GENGS },
    { "gengs-st", VAE_GENGS_ST },
    { "rf*", GGS_VAE_RFSTAR },
    { "rfstar", GGS_VAE_RFSTAR },
    { "muprop", GGS_VAE_MUPROP },
    { "nvil", GGS_VAE_NVIL },
    { "vimco", GGS_VAE_VIMCO },
    { "rebar", GGS_VAE_REBAR },
    { "relax", GGS_VAE_RELAX },
    { "storb*", GGS_VAE_STORB },
    { "storbstar", GGS_VAE_STORB },
    { NULL, 0 }
};
/* the words of --estimator that are refused, and why */
static const ggs_cmd_refusal vae_refused_estimators[] = {
    { "storb", "is StoRB without the baseline, which the VAE does not have; write storb*" },
    { NULL, NULL }
};
#line 4527 "book/20-vae.nw"
typedef struct vae_run {
    vae_opts *o;
    ggs_dataset *train, *test;
    ggs_vaef *m;
    ggs_anneal anneal;
    gsl_rng *rng;              /* data order and dynamic binarization */
    ggs_noise noise;           /* the training noise */
    uint64_t epoch;            /* epochs completed */
    uint64_t step;             /* steps taken, over all epochs */
    uint64_t pos;              /* batches done in the current epoch */
    uint64_t steps_per_epoch;  /* floor(N / B): a last partial batch is dropped */
    size_t *perm;              /* (N) the order of the current epoch */
    ggs_vae_stats ep;          /* training sums of the current epoch */
    float *x;                  /* (B, D) a batch of pixels */
    float *pix;                /* (B, D) decoded images */
    uint8_t *grid;             /* the PNG grids */
    size_t *idx;               /* (B) example indices */
    unsigned char *ck;         /* (ck_bytes) the checkpoint's header, assembled */
    size_t ck_bytes;
    char config[VAE_CONFIG_MAX];          /* the settings a checkpoint must match */
    char dir[VAE_PATH_MAX], ckpt[VAE_PATH_MAX], csv[VAE_PATH_MAX];
    char recon_png[VAE_PATH_MAX], samples_png[VAE_PATH_MAX];
} vae_run;
#line 4079 "book/20-vae.nw"
static const char vae_help[] =
    "usage: gengs vae [OPTIONS]\n"
    "\n"
    "Train a VAE whose K latent dimensions each follow a truncated discrete prior,\n"
    "with the GenGS estimator, on binary images; report the test negative ELBO\n"
    "(discrete samples) and its relaxed (not a bound) counterpart.\n"
    "\n"
    "data:\n"
    "  --data SET          mnist (default: the full MNIST that 'make data' fetches),\n"
    "                      binarized-mnist (Larochelle's), omniglot or idx\n"
    "  --data-dir DIR      where the files are; default build/data/mnist for mnist\n"
    "                      (run 'make data' in the source tree); the others need\n"
    "                      it (see README.md for the paper's data sets); idx: DIR\n"
    "                      holds {train,test}-images-idx3-ubyte[.gz]\n"
    "  --binarize MODE     static (threshold 127) or dynamic (a fresh Bernoulli draw\n"
    "                      per pixel and epoch; the test set is drawn once); default\n"
    "                      static for binarized-mnist and idx, dynamic otherwise\n"
    "  --max-train N       use the first N training images (0: all)\n"
    "  --max-test N        use the first N test images (0: all)\n"
    "model:\n"
    "  --prior DIST        poisson:L, geometric:P or negbin:R,P (failures before the\n"
    "                      R-th success); the paper's NegBin(3,.5) and NegBin(5,.3)\n"
    "                      are negbin:3,0.5 and negbin:5,0.7 (default poisson:2);\n"
    "                      also ztpoisson:L, any family with a latent link\n"
    "  --inference MODE    implicit (n logits per dimension, default) or explicit\n"
    "                      (the distribution's parameters)\n"
    "  --n N|auto          categories {s..s+N-1}, s the start of the prior's support\n"
    "                      (0, or 1 for ztpoisson); auto (default): the smallest N whose\n"
    "                      prior mass outside is <= 1e-6, at least 16\n"
    "  --latent K          latent dimensions (default 64)\n"
    "  --hidden H1,H2,...  encoder widths, decoder reversed (default 512,256)\n"
    "  --straight-through  the decoder sees the discrete argmax (gradient: relaxed);\n"
    "                      the same as --estimator gengs-st\n"
    "  --estimator NAME    the gradient through the latent sample: gengs (default),\n"
    "                      gengs-st (straight-through GenGS), or rf* (also rfstar:\n"
    "                      REINFORCE with the leave-one-out baseline, discrete\n"
    "                      samples, unbiased), muprop (REINFORCE with a\n"
    "                      Taylor-expansion control variate, unbiased), or nvil\n"
    "                      (REINFORCE with a learned baseline network, unbiased),\n"
    "                      vimco (the --samples-sample importance-weighted\n"
    "                      bound, leave-one-out signals), or rebar (GenGS as the\n"
    "                      control variate of REINFORCE, unbiased), relax (rebar\n"
    "                      plus a learned control-variate network, unbiased), or\n"
    "                      storb* (also storbstar: one joint outcome summed\n"
    "                      exactly, the others sampled, leave-one-out baseline,\n"
    "                      unbiased)\n"
    "  --samples S         rf*, vimco and storb*: samples per image, >= 2 (default\n"
    "                      2 for rf* and storb*, 5 for vimco); a step computes\n"
    "                      --batch times S rows\n"
    "  --standardize       the decoder sees (z - mean) / sd of the truncated prior\n"
    "                      instead of the raw counts\n";
static const char vae_help_training[] =
    "training:\n"
    "  --epochs E          default 100\n"
    "  --batch B           default 128\n"
    "  --shards S          compute each batch in S parts, in parallel on the\n"
    "                      threads, and add their gradients (default 2, at most 8);\n"
    "                      results depend on S, never on --threads\n"
    "  --lr LR             Adam step size (default 1e-3)\n"
    "  --clip C            clip the gradient norm at C (default 0: no clipping)\n"
    "  --tau0 T            initial temperature (default 1)\n"
    "  --tau-min T         final temperature (default 0.5)\n"
    "  --anneal-rate R     tau = max(tau-min, tau0 exp(-R s)) (default 3e-5)\n"
    "  --anneal-every S    s = S floor(step / S) (default 1000)\n"
    "  --seed S            seed of weights, data order and noise (default 1)\n"
    "  --threads T         threads that run the shards (default 1); with\n"
    "                      --shards 1, threads of the matrix products and of the\n"
    "                      other kernels\n"
    "output:\n"
    "  --out DIR           log.csv, checkpoint.bin, reconstructions.png, samples.png\n"
    "                      (default vae-out)\n"
    "  --resume            continue the run in --out from its checkpoint, with the\n"
    "                      same options (--epochs may grow)\n"
    "  --eval-samples S    samples per test image for the test NELBO and its\n"
    "                      relaxed (not a bound) counterpart (default 1)\n"
    "  --iw-samples S      also estimate -log p(x) by importance sampling with S\n"
    "                      samples (default 0: no)\n"
    "testing:\n"
    "  --stop-after N      behave as if Ctrl-C came after N steps of this run\n"
    "  --nan-after N       poison a parameter (the decoder's last bias) with NaN after\n"
    "                      N steps of this run\n"
    "\n"
    "Each epoch prints and logs three figures: the training objective, relaxed (not\n"
    "a bound; with gengs-st and the score-function estimators, whose decoder sees\n"
    "discrete samples, the discrete training NELBO); the test NELBO with discrete\n"
    "samples, an upper bound on -log p(x); and the test objective with relaxed\n"
    "samples, relaxed (not a bound).\n"
    "\n"
    "Ctrl-C writes a checkpoint and exits with status 130; a NaN or infinite loss\n"
    "stops with status 1 and leaves the checkpoint of the last finished epoch, if\n"
    "there is one, as it was.  Exit status: 0 success, 1 runtime error, 2 usage\n"
    "error.\n";
#line 4183 "book/20-vae.nw"
static int vae_grouped(const vae_opts *o)
{
    return o->cfg.estimator == GGS_VAE_RFSTAR || o->cfg.estimator == GGS_VAE_VIMCO
           || o->cfg.estimator == GGS_VAE_STORB;
}
#line 4202 "book/20-vae.nw"
/* the first value of the prior's support: the window {lo, ..., lo+n-1} starts there */
static long vae_window_start(const ggs_dist *prior)
{
    long lo, hi;
    ggs_dist_support(&lo, &hi, prior);
    return lo;
}
#line 4245 "book/20-vae.nw"
static int vae_hidden(void *dest, const char *s, char *why, size_t size)
{
    ggs_vae_config *c = dest;
    size_t hidden[GGS_VAE_MAX_HIDDEN], h = 0;
    const char *p = s;
    while (*p != '\0') {
        char *end;
        unsigned long v;
        if (*p < '0' || *p > '9' || h == GGS_VAE_MAX_HIDDEN)
            break;
        errno = 0;
        v = strtoul(p, &end, 10);
        if (errno == ERANGE || v < 1 || v > 1000000 || (*end != ',' && *end != '\0'))
            break;
        hidden[h++] = (size_t)v;
        p = *end == ',' ? end + 1 : end;
        if (*end == ',' && *p == '\0')
            break;
    }
    if (*p != '\0' || h == 0) {
        snprintf(why, size, "must be 1 to %d widths like 512,256", GGS_VAE_MAX_HIDDEN);
        return 0;
    }
    memcpy(c->hidden, hidden, h * sizeof hidden[0]);
    c->nhidden = h;
    return 1;
}
#line 4276 "book/20-vae.nw"
static int vae_prior(void *dest, const char *s, char *why, size_t size)
{
    ggs_dist d;
    if (ggs_dist_parse(&d, s) != GGS_OK) {
        snprintf(why, size, "is not a valid prior: %s", ggs_cmd_libmsg());
        return 0;
    }
    if (ggs_latent_nparam(d.family) == 0) {
        snprintf(why, size, "has a family with no latent link (the VAE takes poisson, "
                 "geometric, negbin, ztpoisson)");
        return 0;
    }
    ((ggs_vae_config *)dest)->prior = d;
    ((ggs_vae_config *)dest)->lo = vae_window_start(&d);
    return 1;
}

/* --n auto or N */
static int vae_n(void *dest, const char *v, char *why, size_t size)
{
    vae_opts *o = dest;
    unsigned long u;
    if (strcmp(v, "auto") == 0) {
        o->n_auto = 1;
        return 1;
    }
    if (!ggs_cmd_ulong(&u, v) || u < 2 || u > GGS_LATENT_MAX_N) {
        snprintf(why, size, "must be auto or an integer in [2, %d]", GGS_LATENT_MAX_N);
        return 0;
    }
    o->cfg.n = (size_t)u;
    o->n_auto = 0;
    return 1;
}
#line 4312 "book/20-vae.nw"
static int vae_parse(vae_opts *o, int argc, char **argv, FILE *err)
{
    static const ggs_cmd_choice binarize[] = {
        { "static", GGS_BINARIZE_STATIC }, { "dynamic", GGS_BINARIZE_DYNAMIC }, { NULL, 0 }
    };
    static const ggs_cmd_choice inference[] = { { "explicit", 0 }, { "implicit", 1 },
                                                { NULL, 0 } };
    int data = 0, rc;
    memset(o, 0, sizeof *o);
    o->cfg = ggs_vae_default_config();
    o->n_auto = 1;
    o->epochs = 100;
    o->tau0 = 1;
    o->tau_min = 0.5;
    o->anneal_rate = 3e-5;
    o->anneal_every = 1000;
    o->threads = 1;
    o->seed = 1;
    o->out = "vae-out";
    o->eval_samples = 1;
    
#line 4341 "book/20-vae.nw"
/* the table of gengs vae's options */
ggs_cmd_option table[] = {
    /* data */
    { GGS_CMD_OPTION("--data", GGS_CMD_CHOICE, &data, NULL), .choices = vae_data_sets },
    { GGS_CMD_OPTION("--data-dir", GGS_CMD_STRING, &o->data_dir, NULL) },
    { GGS_CMD_OPTION("--binarize", GGS_CMD_CHOICE, &o->binarize, &o->have_binarize),
      .choices = binarize },
    { GGS_CMD_OPTION("--max-train", GGS_CMD_ULONG, &o->max_train, NULL) },
    { GGS_CMD_OPTION("--max-test", GGS_CMD_ULONG, &o->max_test, NULL) },
    /* model */
    { GGS_CMD_OPTION("--prior", GGS_CMD_CUSTOM, &o->cfg, NULL), .read = vae_prior },
    { GGS_CMD_OPTION("--inference", GGS_CMD_CHOICE, &o->cfg.implicit, NULL),
      .choices = inference },
    { GGS_CMD_OPTION("--n", GGS_CMD_CUSTOM, o, NULL), .read = vae_n },
    { GGS_CMD_OPTION("--latent", GGS_CMD_SIZE, &o->cfg.K, NULL), .min = 1, .max = 100000 },
    { GGS_CMD_OPTION("--hidden", GGS_CMD_CUSTOM, &o->cfg, NULL), .read = vae_hidden },
    { GGS_CMD_OPTION("--straight-through", GGS_CMD_FLAG, &o->cfg.straight_through, NULL) },
    { GGS_CMD_OPTION("--estimator", GGS_CMD_CHOICE, &o->cfg.estimator, NULL),
      .choices = vae_estimators, .refused = vae_refused_estimators },
    { GGS_CMD_OPTION("--samples", GGS_CMD_SIZE, &o->cfg.samples, &o->have_samples),
      .min = 2, .max = 1000 },
    { GGS_CMD_OPTION("--standardize", GGS_CMD_FLAG, &o->cfg.standardize, NULL) },
    /* training */
    { GGS_CMD_OPTION("--epochs", GGS_CMD_ULONG, &o->epochs, NULL), .min = 1 },
    { GGS_CMD_OPTION("--batch", GGS_CMD_SIZE, &o->cfg.batch, NULL), .min = 1, .max = 100000 },
    { GGS_CMD_OPTION("--shards", GGS_CMD_SIZE, &o->cfg.shards, NULL), .min = 1,
      .max = GGS_VAE_MAX_SHARDS },
    { GGS_CMD_OPTION("--lr", GGS_CMD_REAL, &o->cfg.adam.lr, NULL), .lo = 0,
      .bounds = GGS_CMD_LO_OPEN },
    { GGS_CMD_OPTION("--clip", GGS_CMD_REAL, &o->cfg.adam.clip, NULL), .lo = 0,
      .bounds = GGS_CMD_LO_CLOSED },
    GGS_CMD_TEMPERATURE_ROWS(&o->tau0, &o->tau_min, &o->anneal_rate),
    { GGS_CMD_OPTION("--anneal-every", GGS_CMD_ULONG, &o->anneal_every, NULL), .min = 1,
      .max = LONG_MAX },
    { GGS_CMD_OPTION("--seed", GGS_CMD_ULONG, &o->seed, NULL) },
    { GGS_CMD_OPTION("--threads", GGS_CMD_ULONG, &o->threads, NULL), .min = 1, .max = 256 },
    /* output */
    { GGS_CMD_OPTION("--out", GGS_CMD_STRING, &o->out, NULL), .maxlen = VAE_PATH_MAX - 64 },
    { GGS_CMD_OPTION("--resume", GGS_CMD_FLAG, &o->resume, NULL) },
    { GGS_CMD_OPTION("--eval-samples", GGS_CMD_ULONG, &o->eval_samples, NULL), .min = 1 },
    { GGS_CMD_OPTION("--iw-samples", GGS_CMD_ULONG, &o->iw_samples, NULL) },
    /* testing */
    { GGS_CMD_OPTION("--stop-after", GGS_CMD_ULONG, &o->stop_after, NULL), .min = 1 },
    { GGS_CMD_OPTION("--nan-after", GGS_CMD_ULONG, &o->nan_after, NULL) },
    GGS_CMD_END
};
#line 4333 "book/20-vae.nw"
    if ((rc = ggs_cmd_parse(table, "vae", argc, argv, NULL, 0, err)) != 0)
        return rc;
    o->data = ggs_cmd_choice_word(vae_data_sets, data);
    
#line 4392 "book/20-vae.nw"
/* check the options that depend on each other */
if (o->cfg.estimator == VAE_GENGS_ST) {
    o->cfg.estimator = GGS_VAE_GENGS;
    o->cfg.straight_through = 1;
}
if (o->cfg.estimator != GGS_VAE_GENGS && o->cfg.straight_through)
    return ggs_cmd_usage(err, "vae", "--straight-through is a variant of GenGS only");
if (o->have_samples && !vae_grouped(o))
    return ggs_cmd_usage(err, "vae", "--samples applies to --estimator rf*, vimco and storb* "
                         "only");
if (o->cfg.estimator == GGS_VAE_VIMCO && o->cfg.samples > GGS_VAE_MAX_VIMCO)
    return ggs_cmd_usage(err, "vae", "--samples = %zu: vimco takes at most %d", o->cfg.samples,
                         GGS_VAE_MAX_VIMCO);
o->images = o->cfg.batch;
if (vae_grouped(o)) {                           /* the model's rows: images times samples */
    if (!o->have_samples)
        o->cfg.samples = o->cfg.estimator == GGS_VAE_VIMCO ? VAE_VIMCO_SAMPLES
                                                           : VAE_RFSTAR_SAMPLES;
    if (o->cfg.batch > 100000 / o->cfg.samples)
        return ggs_cmd_usage(err, "vae", "--batch %zu times --samples %zu exceeds 100000 rows",
                             o->cfg.batch, o->cfg.samples);
    o->cfg.batch *= o->cfg.samples;
}
if (o->tau_min > o->tau0)
    return ggs_cmd_usage(err, "vae", "--tau-min = %g exceeds --tau0 = %g", o->tau_min, o->tau0);
if (strcmp(o->data, "mnist") != 0 && o->data_dir == NULL)
    return ggs_cmd_usage(err, "vae", "--data %s needs --data-dir DIR", o->data);
if (!o->have_binarize)
    o->binarize = strcmp(o->data, "mnist") == 0 || strcmp(o->data, "omniglot") == 0
                  ? GGS_BINARIZE_DYNAMIC : GGS_BINARIZE_STATIC;
if (o->n_auto) {
    ggs_window w = { o->cfg.lo, 2 };
    if (ggs_window_auto(&w, &o->cfg.prior, VAE_PRIOR_EPS, 1) != GGS_OK
        || w.n > GGS_LATENT_MAX_N)
        return ggs_cmd_usage(err, "vae",
                             "--prior: no window of at most %d categories holds all but "
                         "%g of the prior; give --n", GGS_LATENT_MAX_N, VAE_PRIOR_EPS);
    o->cfg.n = w.n < VAE_MIN_N ? VAE_MIN_N : w.n;
}
#line 4337 "book/20-vae.nw"
    return 0;
}
#line 4453 "book/20-vae.nw"
/* dir/name if it exists, else dir/name.gz; if neither exists, an error naming both */
static int vae_idx_path(char *p, size_t size, const char *dir, const char *name, FILE *err)
{
    int errnum;
    snprintf(p, size, "%s/%s", dir, name);
    if (access(p, F_OK) == 0)
        return 0;
    errnum = errno;
    snprintf(p, size, "%s/%s.gz", dir, name);
    if (access(p, F_OK) == 0)
        return 0;
    fprintf(err, "gengs: error: --data idx: cannot open '%s/%s' (nor '%s/%s.gz'): %s\n", dir,
            name, dir, name, strerror(errnum));
    return VAE_EXIT_RUNTIME;
}

static int vae_load_data(ggs_dataset **train, ggs_dataset **test, const vae_opts *o, FILE *err)
{
    const char *dir = o->data_dir;
    int rc;
    if (dir == NULL) {   /* --data mnist: the parser demands --data-dir for the others */
        char probe[VAE_PATH_MAX];
        dir = VAE_DEFAULT_MNIST;
        snprintf(probe, sizeof probe, "%s/train-images-idx3-ubyte", dir);
        if (access(probe, F_OK) != 0) {
            fprintf(err, "gengs: error: no MNIST in '%s' (the default data, relative to the "
                    "current directory): run 'make data' in the source tree of gengs to "
                    "fetch it, or give --data-dir DIR (see 'gengs vae --help')\n", dir);
            return VAE_EXIT_RUNTIME;
        }
    }
    if (strcmp(o->data, "mnist") == 0) {
        rc = ggs_mnist_load(train, test, dir);
    } else if (strcmp(o->data, "omniglot") == 0) {
        rc = ggs_omniglot_load(train, test, dir, GGS_OMNIGLOT_SEED);
    } else if (strcmp(o->data, "binarized-mnist") == 0) {
        ggs_dataset *valid = NULL;
        rc = ggs_binarized_mnist_load(train, &valid, test, dir);
        ggs_dataset_free(valid);
    } else {
        char a[VAE_PATH_MAX], b[VAE_PATH_MAX];
        if ((rc = vae_idx_path(a, sizeof a, dir, "train-images-idx3-ubyte", err)) != 0
            || (rc = vae_idx_path(b, sizeof b, dir, "test-images-idx3-ubyte", err)) != 0)
            return rc;
        rc = ggs_dataset_load(train, a, NULL);
        if (rc == GGS_OK && (rc = ggs_dataset_load(test, b, NULL)) != GGS_OK)
            ggs_dataset_free(*train);
    }
    if (rc != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return VAE_EXIT_RUNTIME;
    }
    if ((*train)->d != (*test)->d) {
        fprintf(err, "gengs: error: training images have %zu pixels, test images %zu\n",
                (*train)->d, (*test)->d);
        ggs_dataset_free(*train);
        ggs_dataset_free(*test);
        return VAE_EXIT_RUNTIME;
    }
    if (o->max_train > 0 && o->max_train < (*train)->n)
        (*train)->n = o->max_train;   /* the first N: the block stays as allocated */
    if (o->max_test > 0 && o->max_test < (*test)->n)
        (*test)->n = o->max_test;
    return 0;
}
#line 4567 "book/20-vae.nw"
static void vae_config_string(vae_run *u)
{
    const vae_opts *o = u->o;
    const ggs_vae_config *c = &o->cfg;
    char prior[128], hidden[128] = "", est[64] = "";
    size_t used = 0;
    ggs_dist_format(prior, sizeof prior, &c->prior);
    if (c->estimator == GGS_VAE_RFSTAR)
        snprintf(est, sizeof est, " estimator=rf* samples=%zu", c->samples);
    else if (c->estimator == GGS_VAE_MUPROP)
        snprintf(est, sizeof est, " estimator=muprop");
    else if (c->estimator == GGS_VAE_NVIL)
        snprintf(est, sizeof est, " estimator=nvil");
    else if (c->estimator == GGS_VAE_VIMCO)
        snprintf(est, sizeof est, " estimator=vimco samples=%zu", c->samples);
    else if (c->estimator == GGS_VAE_REBAR)
        snprintf(est, sizeof est, " estimator=rebar");
    else if (c->estimator == GGS_VAE_RELAX)
        snprintf(est, sizeof est, " estimator=relax");
    else if (c->estimator == GGS_VAE_STORB)
        snprintf(est, sizeof est, " estimator=storb* samples=%zu", c->samples);
    for (size_t l = 0; l < c->nhidden; l++)
        used += (size_t)snprintf(hidden + used, sizeof hidden - used, "%s%zu", l ? "," : "",
                                 c->hidden[l]);
    snprintf(u->config, sizeof u->config,
             "data=%s ntrain=%zu ntest=%zu d=%zu binarize=%d prior=%s n=%zu inference=%s "
             "st=%d latent=%zu hidden=%s batch=%zu shards=%zu lr=%.17g clip=%.17g tau0=%.17g "
             "taumin=%.17g rate=%.17g every=%lu seed=%lu%s%s",
             o->data, u->train->n, u->test->n, u->train->d, o->binarize, prior, c->n,
             c->implicit ? "implicit" : "explicit", c->straight_through, c->K, hidden,
             c->batch, c->shards, c->adam.lr, c->adam.clip, o->tau0, o->tau_min, o->anneal_rate,
             o->anneal_every, o->seed, c->standardize ? " standardize=1" : "", est);
    if (c->lo != 0)     /* a window from 0 adds nothing: earlier checkpoints stay valid */
        snprintf(u->config + strlen(u->config), sizeof u->config - strlen(u->config),
                 " start=%ld", c->lo);
}

#line 4635 "book/20-vae.nw"
/* Append len bytes at *off of the header buffer. */
static void vae_put(unsigned char *buf, size_t *off, const void *p, size_t len)
{
    if (buf != NULL)
        memcpy(buf + *off, p, len);
    *off += len;
}

/* Assemble the header (or, with buf NULL, only measure it). */
static size_t vae_header(vae_run *u, unsigned char *buf)
{
    size_t off = 0, S = gsl_rng_size(u->rng);
    uint32_t ver = VAE_CKPT_VERSION, L = (uint32_t)strlen(u->config);
    uint64_t N = u->train->n, ss = S, cnt = u->ep.count, h;
    vae_put(buf, &off, VAE_CKPT_MAGIC, 8);
    vae_put(buf, &off, &ver, 4);
    vae_put(buf, &off, &L, 4);
    vae_put(buf, &off, u->config, L);
    vae_put(buf, &off, &u->epoch, 8);
    vae_put(buf, &off, &u->step, 8);
    vae_put(buf, &off, &u->pos, 8);
    vae_put(buf, &off, &N, 8);
    vae_put(buf, &off, &u->ep.recon, 8);
    vae_put(buf, &off, &u->ep.kl, 8);
    vae_put(buf, &off, &cnt, 8);
    vae_put(buf, &off, &ss, 8);
    vae_put(buf, &off, gsl_rng_state(u->rng), S);
    vae_put(buf, &off, &u->noise, sizeof u->noise);
    for (size_t i = 0; i < N; i++) {
        uint64_t v = u->perm[i];
        vae_put(buf, &off, &v, 8);
    }
    h = buf != NULL ? ggs_fnv1a(GGS_FNV1A_INIT, buf, off) : 0;
    vae_put(buf, &off, &h, 8);
    return off;
}
#line 4673 "book/20-vae.nw"
static int vae_checkpoint(vae_run *u, FILE *err)
{
    char tmp[VAE_PATH_MAX + 8];
    FILE *f = ggs_atomic_open(tmp, sizeof tmp, u->ckpt);
    size_t len = vae_header(u, u->ck);
    if (f == NULL) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return VAE_EXIT_RUNTIME;
    }
    if (fwrite(u->ck, 1, len, f) != len || ggs_vae_savef(f, u->m) != GGS_OK) {
        fclose(f);
        remove(tmp);
        fprintf(err, "gengs: error: cannot write the checkpoint '%s'\n", u->ckpt);
        return VAE_EXIT_RUNTIME;
    }
    if (ggs_atomic_commit(f, tmp, u->ckpt) != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return VAE_EXIT_RUNTIME;
    }
    return 0;
}
#line 4702 "book/20-vae.nw"
static int vae_ckpt_fail(FILE *f, FILE *err, const char *path, const char *why)
{
    if (f != NULL)
        fclose(f);
    fprintf(err, "gengs: error: cannot resume from '%s': %s\n", path, why);
    return VAE_EXIT_RUNTIME;
}

/* The value of the setting key (kl bytes) in the string s, its length in *vl; or NULL. */
static const char *vae_setting(const char *s, const char *key, size_t kl, size_t *vl)
{
    while (*s != '\0') {
        size_t tl = strcspn(s, " ");
        if (tl > kl && s[kl] == '=' && strncmp(s, key, kl) == 0) {
            *vl = tl - kl - 1;
            return s + kl + 1;
        }
        s += tl;
        s += *s == ' ';
    }
    return NULL;
}

/* Print the settings of a whose value in b differs or is missing ("ours" says which is a). */
static void vae_settings_diff(FILE *err, const char *a, const char *b, int ours)
{
    while (*a != '\0') {
        size_t tl = strcspn(a, " "), kl = strcspn(a, "="), vl = 0;
        const char *v = vae_setting(b, a, kl < tl ? kl : tl, &vl), *av = a + kl + 1;
        if (kl < tl && (v == NULL || vl != tl - kl - 1 || strncmp(v, av, vl) != 0)) {
            if (ours)
                fprintf(err, "  %.*s: checkpoint %.*s, this run %.*s\n", (int)kl, a,
                        v != NULL ? (int)vl : 6, v != NULL ? v : "(none)", (int)(tl - kl - 1),
                        av);
            else if (v == NULL)
                fprintf(err, "  %.*s: checkpoint %.*s, this run (none)\n", (int)kl, a,
                        (int)(tl - kl - 1), av);
        }
        a += tl;
        a += *a == ' ';
    }
}

/* theirs: the checkpoint's configuration string, NUL-terminated */
static int vae_other_settings(const vae_run *u, const char *theirs, FILE *err)
{
    fprintf(err, "gengs: error: the checkpoint '%s' was written with other settings than "
            "these:\n", u->ckpt);
    vae_settings_diff(err, u->config, theirs, 1);
    vae_settings_diff(err, theirs, u->config, 0);
    fprintf(err, "  (checkpoint: %s)\n  (this run:   %s)\n", theirs, u->config);
    return VAE_EXIT_RUNTIME;
}

static int vae_restore(vae_run *u, FILE *err)
{
    FILE *f = fopen(u->ckpt, "rb");
    unsigned char *b = u->ck;
    size_t len = vae_header(u, NULL), S = gsl_rng_size(u->rng), off;
    uint32_t L;
    uint64_t h, N, cnt, ss;
    if (f == NULL)
        return vae_ckpt_fail(f, err, u->ckpt, strerror(errno));
    if (fread(b, 1, 16, f) != 16 || memcmp(b, VAE_CKPT_MAGIC, 8) != 0)
        return vae_ckpt_fail(f, err, u->ckpt, "not a gengs vae checkpoint (bad magic)");
    memcpy(&L, b + 12, 4);
    if (memcmp(b + 8, &(uint32_t){ VAE_CKPT_VERSION }, 4) != 0) {
        uint32_t v;
        char why[160];
        memcpy(&v, b + 8, 4);
        snprintf(why, sizeof why, "checkpoint version %u, but this gengs reads version %u "
                 "only (version 1 stored the encoder's first layer untransposed)", (unsigned)v,
                 VAE_CKPT_VERSION);
        return vae_ckpt_fail(f, err, u->ckpt, why);
    }
    if (L != strlen(u->config)) {
        char theirs[VAE_CONFIG_MAX];
        size_t got = fread(theirs, 1, L < sizeof theirs ? L : sizeof theirs - 1, f);
        theirs[got] = '\0';
        fclose(f);
        return vae_other_settings(u, theirs, err);
    }
    if (fread(b + 16, 1, len - 16, f) != len - 16)
        return vae_ckpt_fail(f, err, u->ckpt, "the file is truncated");
    memcpy(&h, b + len - 8, 8);
    if (h != ggs_fnv1a(GGS_FNV1A_INIT, b, len - 8))
        return vae_ckpt_fail(f, err, u->ckpt, "checksum mismatch: the file is corrupt");
    if (memcmp(b + 16, u->config, L) != 0) {
        char theirs[VAE_CONFIG_MAX];
        memcpy(theirs, b + 16, L);   /* L = strlen(u->config) < VAE_CONFIG_MAX */
        theirs[L] = '\0';
        fclose(f);
        return vae_other_settings(u, theirs, err);
    }
    
#line 4807 "book/20-vae.nw"
/* copy the checked header into the run */
off = 16 + L;
memcpy(&u->epoch, b + off, 8);
memcpy(&u->step, b + off + 8, 8);
memcpy(&u->pos, b + off + 16, 8);
memcpy(&N, b + off + 24, 8);
memcpy(&u->ep.recon, b + off + 32, 8);
memcpy(&u->ep.kl, b + off + 40, 8);
memcpy(&cnt, b + off + 48, 8);
memcpy(&ss, b + off + 56, 8);
off += 64;
if (N != u->train->n || ss != S || u->pos > u->steps_per_epoch)
    return vae_ckpt_fail(f, err, u->ckpt, "inconsistent header");
u->ep.count = (size_t)cnt;
memcpy(gsl_rng_state(u->rng), b + off, S);
off += S;
memcpy(&u->noise, b + off, sizeof u->noise);
off += sizeof u->noise;
for (size_t i = 0; i < N; i++) {
    uint64_t v;
    memcpy(&v, b + off + 8 * i, 8);
    if (v >= N)
        return vae_ckpt_fail(f, err, u->ckpt, "inconsistent permutation");
    u->perm[i] = (size_t)v;
}
#line 4797 "book/20-vae.nw"
    if (ggs_vae_loadf(f, u->m) != GGS_OK) {
        char why[600];
        snprintf(why, sizeof why, "%s", ggs_cmd_libmsg());
        return vae_ckpt_fail(f, err, u->ckpt, why);
    }
    fclose(f);
    return 0;
}
#line 4851 "book/20-vae.nw"
/* what the training figures are: "discrete" when the decoder sees discrete samples */
static const char *vae_train_kind(const vae_opts *o)
{
    return o->cfg.straight_through || o->cfg.estimator != GGS_VAE_GENGS ? "discrete"
                                                                         : "relaxed";
}

static int vae_csv_reset(vae_run *u, FILE *err)
{
    char tmp[VAE_PATH_MAX + 8], line[1024];
    FILE *in = u->o->resume ? fopen(u->csv, "r") : NULL;
    FILE *f = ggs_atomic_open(tmp, sizeof tmp, u->csv);
    if (f == NULL) {
        if (in != NULL)
            fclose(in);
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return VAE_EXIT_RUNTIME;
    }
    fprintf(f, VAE_CSV_HEADER, vae_train_kind(u->o), vae_train_kind(u->o));
    while (in != NULL && fgets(line, sizeof line, in) != NULL) {
        size_t len = strlen(line);
        unsigned long e;
        char *end;
        if (line[0] < '0' || line[0] > '9' || len == 0 || line[len - 1] != '\n')
            continue;
        e = strtoul(line, &end, 10);
        if (*end == ',' && e >= 1 && e <= u->epoch)
            fputs(line, f);
    }
    if (in != NULL)
        fclose(in);
    if (ggs_atomic_commit(f, tmp, u->csv) != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return VAE_EXIT_RUNTIME;
    }
    return 0;
}

static int vae_csv_append(vae_run *u, const char *line, FILE *err)
{
    FILE *f = fopen(u->csv, "a");
    if (f == NULL || fputs(line, f) == EOF || fflush(f) != 0 || fsync(fileno(f)) != 0) {
        fprintf(err, "gengs: error: cannot append to '%s': %s\n", u->csv, strerror(errno));
        if (f != NULL)
            fclose(f);
        return VAE_EXIT_RUNTIME;
    }
    fclose(f);
    return 0;
}
#line 4912 "book/20-vae.nw"
static void vae_eval_noise(ggs_noise *q, const vae_run *u, uint64_t salt)
{
    uint64_t s = (uint64_t)u->o->seed * UINT64_C(0x9e3779b97f4a7c15);
    ggs_noise_seed(q, s + u->epoch * 7919 + salt);
}

static int vae_evaluate(ggs_vae_stats *st, vae_run *u, double tau, FILE *err)
{
    size_t N = u->test->n, B = u->o->cfg.batch;
    gsl_rng *r = ggs_rng_new(VAE_TEST_BINARIZE_SEED);
    ggs_noise q;
    if (r == NULL) {
        fprintf(err, "gengs: error: out of memory\n");
        return VAE_EXIT_RUNTIME;
    }
    vae_eval_noise(&q, u, 1);
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < N; i += B) {
        size_t rows = N - i < B ? N - i : B;
        for (size_t j = 0; j < rows; j++)
            u->idx[j] = i + j;
        if (ggs_data_batch(u->x, u->test, u->idx, rows, u->o->binarize, r) != GGS_OK
            || ggs_vae_evaluatef(u->m, st, u->x, rows, tau, u->o->eval_samples,
                                 u->o->iw_samples, &q) != GGS_OK) {
            fprintf(err, "gengs: error: evaluation after epoch %llu: %s\n",
                    (unsigned long long)u->epoch, ggs_cmd_libmsg());
            ggs_rng_free(r);
            return VAE_EXIT_RUNTIME;
        }
    }
    ggs_rng_free(r);
    return 0;
}
#line 4949 "book/20-vae.nw"
static void vae_grid_put(uint8_t *grid, size_t gw, const float *img, size_t h, size_t w,
                         size_t slot, size_t cols)
{
    size_t r0 = VAE_GRID_PAD + slot / cols * (h + VAE_GRID_PAD);
    size_t c0 = VAE_GRID_PAD + slot % cols * (w + VAE_GRID_PAD);
    for (size_t i = 0; i < h; i++)
        for (size_t j = 0; j < w; j++) {
            float p = img[i * w + j];
            p = p < 0 ? 0 : p > 1 ? 1 : p;
            grid[(r0 + i) * gw + c0 + j] = (uint8_t)lrintf(255 * p);
        }
}
#line 4967 "book/20-vae.nw"
static int vae_pictures(vae_run *u, FILE *err)
{
    size_t h = u->test->rows, w = u->test->cols, B = u->o->cfg.batch, D = h * w;
    size_t cols = VAE_GRID_COLS, pairs = VAE_GRID_PAIRS, ns = VAE_GRID_SAMPLES;
    size_t gw = VAE_GRID_PAD + cols * (w + VAE_GRID_PAD), gh;
    gsl_rng *r = ggs_rng_new(VAE_TEST_BINARIZE_SEED);
    ggs_noise q;
    int rc = r == NULL ? GGS_ENOMEM : GGS_OK;
    pairs = pairs < B ? pairs : B;
    pairs = pairs < u->test->n ? pairs : u->test->n;
    ns = ns < B ? ns : B;
    vae_eval_noise(&q, u, 2);
    /* reconstructions: pairs of rows, originals above */
    gh = VAE_GRID_PAD + 2 * ((pairs + cols - 1) / cols) * (h + VAE_GRID_PAD);
    memset(u->grid, VAE_GRID_BACKGROUND, gw * gh);
    for (size_t j = 0; j < pairs; j++)
        u->idx[j] = j * (u->test->n / pairs);   /* spread over the set, which may be sorted */
    if (rc == GGS_OK)
        rc = ggs_data_batch(u->x, u->test, u->idx, pairs, u->o->binarize, r);
    if (rc == GGS_OK && (rc = ggs_vae_reconstructf(u->m, u->pix, u->x, pairs, &q)) == GGS_OK) {
        for (size_t j = 0; j < pairs; j++) {
            size_t slot = (j / cols) * 2 * cols + j % cols;
            vae_grid_put(u->grid, gw, u->x + j * D, h, w, slot, cols);
            vae_grid_put(u->grid, gw, u->pix + j * D, h, w, slot + cols, cols);
        }
        rc = ggs_png_write_gray(u->recon_png, u->grid, gw, gh);
    }
    /* samples from the prior */
    if (rc == GGS_OK && (rc = ggs_vae_sample_priorf(u->m, u->pix, ns, &q)) == GGS_OK) {
        gh = VAE_GRID_PAD + ((ns + cols - 1) / cols) * (h + VAE_GRID_PAD);
        memset(u->grid, VAE_GRID_BACKGROUND, gw * gh);
        for (size_t j = 0; j < ns; j++)
            vae_grid_put(u->grid, gw, u->pix + j * D, h, w, j, cols);
        rc = ggs_png_write_gray(u->samples_png, u->grid, gw, gh);
    }
    ggs_rng_free(r);
    if (rc != GGS_OK) {
        fprintf(err, "gengs: error: %s\n", rc == GGS_ENOMEM ? "out of memory" : ggs_cmd_libmsg());
        return VAE_EXIT_RUNTIME;
    }
    return 0;
}
#line 5021 "book/20-vae.nw"
static volatile sig_atomic_t vae_interrupted;

static void vae_on_sigint(int sig)
{
    (void)sig;
    vae_interrupted = 1;
}

static double vae_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#line 5046 "book/20-vae.nw"
static int vae_prepare(vae_run *u, FILE *err);
static int vae_train(vae_run *u, FILE *out, FILE *err);

int ggs_vae_main(int argc, char **argv, FILE *out, FILE *err)
{
    vae_opts o;
    vae_run u;
    struct sigaction sa, old;
    int rc;
    if (ggs_cmd_wants_help(argc, argv, 1))
            return fputs(vae_help, out), fputs(vae_help_training, out), 0;
    if ((rc = vae_parse(&o, argc, argv, err)) != 0)
        return rc;
    memset(&u, 0, sizeof u);
    u.o = &o;
    if ((rc = vae_load_data(&u.train, &u.test, &o, err)) != 0)
        return rc;
    rc = vae_prepare(&u, err);
    if (rc == 0) {
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = vae_on_sigint;
        sigemptyset(&sa.sa_mask);
        vae_interrupted = 0;
        sigaction(SIGINT, &sa, &old);
        rc = vae_train(&u, out, err);
        sigaction(SIGINT, &old, NULL);
    }
    
#line 5078 "book/20-vae.nw"
/* free everything a run owns */
ggs_vae_freef(u.m);
gsl_rng_free(u.rng);
ggs_dataset_free(u.train);
ggs_dataset_free(u.test);
free(u.perm);
free(u.x);
free(u.pix);
free(u.grid);
free(u.idx);
free(u.ck);
#line 5074 "book/20-vae.nw"
    return rc;
}
#line 5093 "book/20-vae.nw"
static int vae_prepare(vae_run *u, FILE *err)
{
    vae_opts *o = u->o;
    size_t B = o->cfg.batch, I = o->images, D = u->train->d, N = u->train->n;
    size_t gw = VAE_GRID_PAD + VAE_GRID_COLS * (u->train->cols + VAE_GRID_PAD);
    size_t gh = VAE_GRID_PAD + 2 * (VAE_GRID_SAMPLES / VAE_GRID_COLS)
                               * (u->train->rows + VAE_GRID_PAD);
    o->cfg.D = D;
    if (I > N)
        return ggs_cmd_usage(err, "vae", "--batch %zu exceeds the %zu training images", I, N);
    if (ggs_anneal_init(&u->anneal, GGS_ANNEAL_EXP, o->tau0, o->tau_min, o->anneal_rate,
                        (long)o->anneal_every) != GGS_OK)
        return ggs_cmd_usage(err, "vae", "%s", ggs_cmd_libmsg());
    if (ggs_nn_set_threads(o->cfg.shards > 1 ? 1 : (int)o->threads) != GGS_OK
        || ggs_nn_set_kernel_threads((int)o->threads) != GGS_OK)
        return ggs_cmd_usage(err, "vae", "%s", ggs_cmd_libmsg());
    u->steps_per_epoch = N / I;
    if ((u->m = ggs_vae_allocf(&o->cfg, o->seed)) == NULL) {
        fprintf(err, "gengs: error: %s\n", ggs_cmd_libmsg());
        return VAE_EXIT_RUNTIME;
    }
    u->rng = ggs_rng_new(o->seed);
    ggs_noise_seed(&u->noise, (uint64_t)o->seed);
    vae_config_string(u);
    u->perm = malloc(N * sizeof *u->perm);
    u->x = malloc(B * D * sizeof *u->x);
    u->pix = malloc(B * D * sizeof *u->pix);
    u->grid = malloc(gw * gh);
    u->idx = malloc(B * sizeof *u->idx);
    u->ck_bytes = u->rng != NULL ? vae_header(u, NULL) : 0;
    u->ck = malloc(u->ck_bytes + 16);
    if (u->rng == NULL || u->perm == NULL || u->x == NULL || u->pix == NULL
        || u->grid == NULL || u->idx == NULL || u->ck == NULL) {
        fprintf(err, "gengs: error: out of memory\n");
        return VAE_EXIT_RUNTIME;
    }
    for (size_t i = 0; i < N; i++)
        u->perm[i] = i;
    
#line 5137 "book/20-vae.nw"
/* set up the output directory of a new or resumed run */
snprintf(u->dir, sizeof u->dir, "%s", o->out);
snprintf(u->ckpt, sizeof u->ckpt, "%s/checkpoint.bin", o->out);
snprintf(u->csv, sizeof u->csv, "%s/log.csv", o->out);
snprintf(u->recon_png, sizeof u->recon_png, "%s/reconstructions.png", o->out);
snprintf(u->samples_png, sizeof u->samples_png, "%s/samples.png", o->out);
if (o->resume) {
    int rc = vae_restore(u, err);
    if (rc != 0)
        return rc;
} else {
    if (access(u->ckpt, F_OK) == 0) {
        fprintf(err, "gengs: error: '%s' already holds a run (%s); continue it with "
                "--resume or choose another --out\n", o->out, u->ckpt);
        return VAE_EXIT_RUNTIME;
    }
    if (ggs_mkdirs(o->out) != 0) {
        fprintf(err, "gengs: error: cannot create the directory '%s': %s\n", o->out,
                strerror(errno));
        return VAE_EXIT_RUNTIME;
    }
}
return vae_csv_reset(u, err);
#line 5132 "book/20-vae.nw"
    return 0;
}
#line 5166 "book/20-vae.nw"
static void vae_repeat(float *x, size_t B, size_t S, size_t D)
{
    for (size_t b = B; b-- > 0;)
        for (size_t s = S; s-- > 0;)
            memmove(x + (b * S + s) * D, x + b * D, D * sizeof *x);
}
#line 5183 "book/20-vae.nw"
static int vae_train(vae_run *u, FILE *out, FILE *err)
{
    vae_opts *o = u->o;
    size_t B = o->images, N = u->train->n;
    uint64_t run_steps = 0, total = o->epochs * u->steps_per_epoch;
    int tty = isatty(fileno(err));
    double t_epoch = vae_now(), t_shown = 0, t_start = vae_now();
    uint64_t step0 = u->step;
    if (u->epoch >= o->epochs)
        fprintf(out, "the run in '%s' has done its %llu epochs already\n", o->out,
                (unsigned long long)u->epoch);
    while (u->epoch < o->epochs) {
        for (;;) {
            
#line 5214 "book/20-vae.nw"
/* stop cleanly if Ctrl-C came */
if (vae_interrupted) {
    int rc = vae_checkpoint(u, err);
    if (tty)
        fputc('\n', err);
    if (rc == 0)
        fprintf(err, "gengs: interrupted at epoch %llu, step %llu; checkpoint '%s' written; "
                "continue with --resume\n", (unsigned long long)u->epoch + 1,
                (unsigned long long)u->step, u->ckpt);
    return rc != 0 ? rc : VAE_EXIT_INTERRUPTED;
}
#line 5197 "book/20-vae.nw"
            if (u->pos == u->steps_per_epoch)
                break;
            if (u->pos == 0) {
                
#line 5227 "book/20-vae.nw"
/* start an epoch: shuffle the data and clear the sums */
for (size_t i = N - 1; i > 0; i--) {
    size_t j = (size_t)gsl_rng_uniform_int(u->rng, (unsigned long)i + 1), t = u->perm[i];
    u->perm[i] = u->perm[j];
    u->perm[j] = t;
}
memset(&u->ep, 0, sizeof u->ep);
t_epoch = vae_now();
#line 5201 "book/20-vae.nw"
            }
            
#line 5237 "book/20-vae.nw"
/* take one training step */
double tau = ggs_anneal_tau(&u->anneal, (long)u->step);
int rc;
for (size_t j = 0; j < B; j++)
    u->idx[j] = u->perm[u->pos * B + j];
if (o->nan_after > 0 && run_steps == o->nan_after)   /* the decoder's last bias */
    ggs_vae_paramsf(u->m)[ggs_vae_nparamsf(u->m) - 1] = NAN;
rc = ggs_data_batch(u->x, u->train, u->idx, B, o->binarize, u->rng);
if (rc == GGS_OK && vae_grouped(o))
    vae_repeat(u->x, B, o->cfg.samples, u->train->d);
if (rc == GGS_OK)
    rc = ggs_vae_stepf(u->m, &u->ep, u->x, tau, &u->noise);
if (rc != GGS_OK) {
    if (tty)
        fputc('\n', err);
    if (access(u->ckpt, F_OK) == 0)
        fprintf(err, "gengs: error: training stopped at epoch %llu, step %llu: %s; the last "
                "good checkpoint '%s' is kept\n", (unsigned long long)u->epoch + 1,
                (unsigned long long)u->step + 1, ggs_cmd_libmsg(), u->ckpt);
    else
        fprintf(err, "gengs: error: training stopped at epoch %llu, step %llu: %s; no "
                "checkpoint was written (none is written before the end of the first "
                "epoch)\n", (unsigned long long)u->epoch + 1, (unsigned long long)u->step + 1,
                ggs_cmd_libmsg());
    return VAE_EXIT_RUNTIME;
}
u->pos++;
u->step++;
run_steps++;
if (o->stop_after > 0 && run_steps == o->stop_after)
    raise(SIGINT);
#line 5203 "book/20-vae.nw"
            
#line 5270 "book/20-vae.nw"
/* show the progress line on a terminal */
if (tty && vae_now() - t_shown > VAE_PROGRESS_SECONDS) {
    double el = vae_now() - t_start, rate = (double)(u->step - step0) / el;
    double eta = rate > 0 ? (double)(total - u->step) / rate : 0;
    t_shown = vae_now();
    fprintf(err, "\repoch %llu/%lu  step %llu/%llu  %s loss %.2f  %.0f img/s  "
            "ETA %02d:%02d:%02d ",
            (unsigned long long)u->epoch + 1, o->epochs, (unsigned long long)u->pos,
            (unsigned long long)u->steps_per_epoch, vae_train_kind(o),
            (u->ep.recon + u->ep.kl) / (double)u->ep.count, rate * (double)B,
            (int)(eta / 3600), (int)fmod(eta / 60, 60), (int)fmod(eta, 60));
    fflush(err);
}
#line 5204 "book/20-vae.nw"
        }
        u->epoch++;
        u->pos = 0;
        
#line 5286 "book/20-vae.nw"
/* end an epoch: evaluate, log, draw, checkpoint */
{
    double secs = vae_now() - t_epoch, tau = ggs_anneal_tau(&u->anneal, (long)u->step - 1);
    double cnt = (double)u->ep.count;   /* rows: images times samples for rf* */
    double ips = secs > 0 ? cnt * (double)o->images / (double)o->cfg.batch / secs : 0;
    ggs_vae_stats ts;
    char line[1024], iw[64] = "";
    int rc = vae_evaluate(&ts, u, tau, err);
    double tn = (double)ts.count;
    if (rc != 0)
        return rc;
    snprintf(line, sizeof line,
             "%llu,%llu,%.6g,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.1f\n",
             (unsigned long long)u->epoch, (unsigned long long)u->step, tau,
             (u->ep.recon + u->ep.kl) / cnt, u->ep.recon / cnt, u->ep.kl / cnt,
             (ts.recon + ts.kl) / tn, ts.recon / tn, ts.kl / tn,
             (ts.recon_relaxed + ts.kl) / tn,
             o->iw_samples > 0 ? ts.iw / tn : NAN, secs, ips);
    if (o->iw_samples > 0)
        snprintf(iw, sizeof iw, "  -log p(x) ~ %.2f", ts.iw / tn);
    if (tty)
        fprintf(err, "\r%70s\r", "");
    fprintf(out, "epoch %llu/%lu  tau %.3f  train (%s) %.2f  test NELBO %.2f (recon "
            "%.2f, KL %.2f; relaxed (not a bound) %.2f)%s  %.1f s  %.0f img/s\n",
            (unsigned long long)u->epoch, o->epochs, tau, vae_train_kind(o),
            (u->ep.recon + u->ep.kl) / cnt, (ts.recon + ts.kl) / tn, ts.recon / tn, ts.kl / tn,
            (ts.recon_relaxed + ts.kl) / tn, iw, secs, ips);
    fflush(out);
    if ((rc = vae_csv_append(u, line, err)) != 0 || (rc = vae_pictures(u, err)) != 0
        || (rc = vae_checkpoint(u, err)) != 0)
        return rc;
}
#line 5208 "book/20-vae.nw"
        t_epoch = vae_now();
    }
    return 0;
}
