#line 7293 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <png.h>
#include <gsl/gsl_cdf.h>
#include "check-gengs.h"

#define VAE_TOL 1e-9          /* batched kernel against the library, double */
#define VAE_TOLF 2e-5         /* float kernel against double, relative to max(1, |x|) */
#define VAE_FD_STEP 1e-6      /* central-difference step along the direction */
#define VAE_FD_TOL 1e-6       /* relative error of the directional derivative */

#line 7346 "book/20-vae.nw"
typedef struct vae_case {
    const char *prior;
    double a[2];
} vae_case;

static const vae_case CASES[] = {
    { "poisson:2", { -20, 0 } }, { "poisson:2", { 0.3, 0 } }, { "poisson:2", { 2.5, 0 } },
    { "poisson:2", { 15, 0 } }, { "poisson:2", { 40, 0 } },
    { "geometric:0.25", { -9, 0 } }, { "geometric:0.25", { -0.4, 0 } },
    { "geometric:0.25", { 1.2, 0 } }, { "geometric:0.25", { 12, 0 } },
    { "negbin:3,0.5", { 1.1, 0.2 } }, { "negbin:3,0.5", { 2.5, 1.5 } },
    { "negbin:3,0.5", { -1.5, 1.0 } }, { "negbin:3,0.5", { 4.0, -2.0 } },
    { "negbin:3,0.5", { -6.9, -11.5 } }, { "negbin:5,0.7", { 0.0, 3.0 } }
};
enum { NCASES = sizeof CASES / sizeof CASES[0], VN = 12 };

static double sp(double a) { return a > 0 ? a + log1p(exp(-a)) : log1p(exp(a)); }
static double sg(double a) { return 1 / (1 + exp(-a)); }

/* the natural parameters of a case, and d theta / d a */
static void natural(ggs_dist *d, double *dth, const ggs_dist *prior, const double *a)
{
    switch (prior->family) {
    case GGS_POISSON:
        ck_assert_int_eq(ggs_dist_poisson(d, GGS_LATENT_RATE_MIN + sp(a[0])), GGS_OK);
        dth[0] = sg(a[0]);
        break;
    case GGS_GEOMETRIC:
        ck_assert_int_eq(ggs_dist_geometric(d, sg(a[0])), GGS_OK);
        dth[0] = sg(a[0]) * sg(-a[0]);
        break;
    case GGS_NEGBIN:
        ck_assert_int_eq(ggs_dist_negbin(d, GGS_LATENT_RATE_MIN + sp(a[0]), sg(a[1])), GGS_OK);
        dth[0] = sg(a[0]);
        dth[1] = sg(a[1]) * sg(-a[1]);
        break;
    default:
        ck_abort_msg("%s is not a latent family", ggs_family_name(prior->family));
    }
}

static int close_to(double x, double ref, double tol)
{
    return fabs(x - ref) <= tol * fmax(1.0, fabs(ref));
}
#line 7759 "book/20-vae.nw"
static ggs_vae_config small_config(const char *prior, int implicit, size_t batch)
{
    ggs_vae_config c = ggs_vae_default_config();
    ck_assert_int_eq(ggs_dist_parse(&c.prior, prior), GGS_OK);
    c.implicit = implicit;
    c.n = 10;
    c.D = 9;
    c.K = 3;
    c.nhidden = 1;
    c.hidden[0] = 6;
    c.act = GGS_NN_TANH;
    c.batch = batch;
    return c;
}

static void random_images(double *x, size_t count, gsl_rng *r)
{
    for (size_t i = 0; i < count; i++)
        x[i] = ggs_uniform_pos(r) < 0.4 ? 1.0 : 0.0;
}

/* the loss at params + h v, with the noise replayed from q0 */
static double loss_at(ggs_vae *m, const double *p0, const double *v, double h, const double *x,
                      size_t rows, const ggs_noise *q0)
{
    double *p = ggs_vae_params(m);
    ggs_vae_stats st = { 0 };
    ggs_noise q = *q0;
    for (size_t i = 0; i < ggs_vae_nparams(m); i++)
        p[i] = p0[i] + h * v[i];
    ck_assert_int_eq(ggs_vae_loss(m, &st, x, rows, 0.6, &q, 0), GGS_OK);
    return (st.recon + st.kl) / (double)rows;
}

/* The relaxed objective of m on 4 random images: its gradient along a random direction
   v (*gv = gradient . v) and the same derivative by a central difference with step h,
   of second order (fourth = 0) or fourth order (fourth = 1), in *fd. */
static void directional_derivatives(double *gv, double *fd, ggs_vae *m, gsl_rng *r, double h,
                                    int fourth)
{
    size_t N = ggs_vae_nparams(m);
    double x[4 * 9], *p0 = malloc(N * sizeof *p0), *v = malloc(N * sizeof *v);
    ggs_noise q0, q;
    ggs_vae_stats st = { 0 };
    ck_assert(p0 != NULL && v != NULL);
    memcpy(p0, ggs_vae_params(m), N * sizeof *p0);
    for (size_t i = 0; i < N; i++)
        v[i] = 2 * ggs_uniform_pos(r) - 1;
    random_images(x, 4 * 9, r);
    ggs_noise_seed(&q0, 5);
    q = q0;
    ck_assert_int_eq(ggs_vae_loss(m, &st, x, 4, 0.6, &q, 1), GGS_OK);
    *gv = 0;
    for (size_t i = 0; i < N; i++)
        *gv += ggs_vae_grads(m)[i] * v[i];
    if (fourth)
        *fd = (loss_at(m, p0, v, -2 * h, x, 4, &q0) - 8 * loss_at(m, p0, v, -h, x, 4, &q0)
               + 8 * loss_at(m, p0, v, h, x, 4, &q0) - loss_at(m, p0, v, 2 * h, x, 4, &q0))
              / (12 * h);
    else
        *fd = (loss_at(m, p0, v, h, x, 4, &q0) - loss_at(m, p0, v, -h, x, 4, &q0)) / (2 * h);
    free(p0);
    free(v);
}
#line 7881 "book/20-vae.nw"
/* the tiny model of the RF* test: its parameters, read in the library's layout */
enum { RF_D = 3, RF_H = 3, RF_K = 2, RF_N = 4, RF_S = 3, RF_IMG = 2 };

/* exact expected loss of the tiny model (implicit or explicit Poisson), long double: the
   negative ELBO, or with vimco > 0 the negative vimco-sample importance-weighted bound */
static long double rf_expected(const double *p, int implicit, const double *x,
                               const long double *logprior, int vimco)
{
    size_t P = implicit ? RF_N : 1;
    const double *W1 = p, *b1 = W1 + RF_D * RF_H, *W2 = b1 + RF_H, *b2 = W2 + RF_K * P * RF_H;
    const double *W3 = b2 + RF_K * P, *b3 = W3 + RF_H * RF_K, *W4 = b3 + RF_H,
                 *b4 = W4 + RF_D * RF_H;
    long double E = 0;
    for (int i = 0; i < RF_IMG; i++) {
        const double *xi = x + i * RF_D;
        long double h[RF_H], a[RF_K * RF_N], lq[RF_K][RF_N];
        for (int j = 0; j < RF_H; j++) {          /* binary input: W1 is (D, H) */
            h[j] = b1[j];
            for (int d = 0; d < RF_D; d++)
                h[j] += xi[d] * (long double)W1[d * RF_H + j];
            h[j] = tanhl(h[j]);
        }
        for (size_t o = 0; o < RF_K * P; o++) {
            a[o] = b2[o];
            for (int j = 0; j < RF_H; j++)
                a[o] += (long double)W2[o * RF_H + j] * h[j];
        }
        for (int k = 0; k < RF_K; k++) {
            long double mx = -INFINITY, sum = 0, tail = 1, kl = 0;
            if (implicit) {
                for (int j = 0; j < RF_N; j++)
                    mx = fmaxl(mx, a[k * RF_N + j]);
                for (int j = 0; j < RF_N; j++)
                    sum += expl(a[k * RF_N + j] - mx);
                for (int j = 0; j < RF_N; j++)
                    lq[k][j] = a[k * RF_N + j] - mx - logl(sum);
            } else {                            /* lambda = 1e-6 + softplus(a) */
                long double lam = GGS_LATENT_RATE_MIN + log1pl(expl(a[k])), pj = expl(-lam);
                for (int j = 0; j < RF_N - 1; j++) {
                    lq[k][j] = logl(pj);
                    tail -= pj;
                    pj *= lam / (j + 1);
                }
                lq[k][RF_N - 1] = logl(tail);
            }
            for (int j = 0; j < RF_N; j++)
                kl += expl(lq[k][j]) * (lq[k][j] - logprior[j]);
            if (!vimco)
                E += kl;
        }
        long double qz[RF_N * RF_N], lw[RF_N * RF_N];
        for (int z0 = 0; z0 < RF_N; z0++)            /* the 16 joint outcomes */
            for (int z1 = 0; z1 < RF_N; z1++) {
                long double z[RF_K] = { z0, z1 }, u[RF_H], f = 0;
                for (int j = 0; j < RF_H; j++) {
                    u[j] = b3[j];
                    for (int k = 0; k < RF_K; k++)
                        u[j] += (long double)W3[j * RF_K + k] * z[k];
                    u[j] = tanhl(u[j]);
                }
                for (int d = 0; d < RF_D; d++) {
                    long double l = b4[d];
                    for (int j = 0; j < RF_H; j++)
                        l += (long double)W4[d * RF_H + j] * u[j];
                    /* -log sigma(l) = softplus(-l), -log(1 - sigma(l)) = softplus(l) */
                    f += xi[d] > 0 ? log1pl(expl(-l)) : log1pl(expl(l));
                }
                qz[z0 * RF_N + z1] = expl(lq[0][z0] + lq[1][z1]);
                lw[z0 * RF_N + z1] = -f + logprior[z0] - lq[0][z0] + logprior[z1] - lq[1][z1];
                if (!vimco)
                    E += qz[z0 * RF_N + z1] * f;
            }
        if (vimco == 3)                              /* E over three samples' 16^3 outcomes */
            for (int o1 = 0; o1 < RF_N * RF_N; o1++)
                for (int o2 = 0; o2 < RF_N * RF_N; o2++)
                    for (int o3 = 0; o3 < RF_N * RF_N; o3++) {
                        long double mx = fmaxl(lw[o1], fmaxl(lw[o2], lw[o3]));
                        long double L = mx + logl((expl(lw[o1] - mx) + expl(lw[o2] - mx)
                                                   + expl(lw[o3] - mx)) / 3);
                        E -= qz[o1] * qz[o2] * qz[o3] * L;
                    }
    }
    return E / RF_IMG;
}
#line 8494 "book/20-vae.nw"
enum { VAE_THREAD_STEPS = 4 };

/* The configuration of the thread test: big enough that every job is split. */
static ggs_vae_config thread_config(const char *prior, int implicit)
{
    ggs_vae_config c = ggs_vae_default_config();
    ck_assert_int_eq(ggs_dist_parse(&c.prior, prior), GGS_OK);
    c.implicit = implicit;
    c.n = 16;
    c.D = 196;
    c.K = 16;
    c.hidden[0] = 128;
    c.hidden[1] = 64;
    c.batch = 64;
    return c;
}

/* Train and evaluate on kt kernel threads (one BLAS thread); the checkpoint's
   bytes (malloc'd, *len of them), the loss sums and the final generator. */
static unsigned char *train_on_threads(const ggs_vae_config *c, int kt, long *len,
                                       ggs_vae_stats *st, ggs_noise *qend)
{
    ggs_vaef *m = ggs_vae_allocf(c, 7);
    gsl_rng *r = ggs_rng_new(8);
    float *x = malloc(c->batch * c->D * sizeof *x);
    FILE *f = tmpfile();
    unsigned char *bytes;
    ck_assert(m != NULL && r != NULL && x != NULL && f != NULL);
    ck_assert_int_eq(ggs_nn_set_threads(1), GGS_OK);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(kt), GGS_OK);
    ck_assert_int_eq(ggs_nn_kernel_threads(), kt);
    ggs_noise_seed(qend, 9);
    memset(st, 0, sizeof *st);
    for (int s = 0; s < VAE_THREAD_STEPS; s++) {
        for (size_t i = 0; i < c->batch * c->D; i++)
            x[i] = ggs_uniform_pos(r) < 0.3 ? 1.0f : 0.0f;
        ck_assert_int_eq(ggs_vae_stepf(m, st, x, 0.7, qend), GGS_OK);
    }
    ck_assert_int_eq(ggs_vae_evaluatef(m, st, x, c->batch, 0.7, 2, 3, qend), GGS_OK);
    ck_assert_int_eq(ggs_vae_savef(f, m), GGS_OK);
    *len = ftell(f);
    bytes = malloc((size_t)*len);
    rewind(f);
    ck_assert(bytes != NULL && (long)fread(bytes, 1, (size_t)*len, f) == *len);
    fclose(f);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
    ggs_vae_freef(m);
    ggs_rng_free(r);
    free(x);
    return bytes;
}
#line 8619 "book/20-vae.nw"
#define VAE_TEST_PATH 4096
static char vae_out[20000], vae_err[20000];

static void tmp_dir(char *dir, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, size, "%s/gengs-vae-XXXXXX", base != NULL && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* rm -r of a directory of files and directories of files */
static void tmp_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[VAE_TEST_PATH];
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) != 0)
            tmp_remove(p);
    }
    closedir(d);
    rmdir(dir);
}

/* run "vae WORDS..." with words separated by single spaces */
static int run(const char *fmt, ...)
{
    char line[2048], *argv[80];
    int argc = 0, rc;
    va_list ap;
    FILE *out = tmpfile(), *err = tmpfile();
    ck_assert(out != NULL && err != NULL);
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *w = strtok(line, " "); w != NULL && argc < 79; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    rc = ggs_vae_main(argc, argv, out, err);
    ggs_test_slurp(vae_out, sizeof vae_out, out);
    ggs_test_slurp(vae_err, sizeof vae_err, err);
    return rc;
}

/* write an IDX file of n images of side x side bytes: two kinds of pattern */
static void write_images(const char *path, unsigned n, unsigned side, unsigned long seed)
{
    FILE *f = fopen(path, "wb");
    gsl_rng *r = ggs_rng_new(seed);
    unsigned char h[16] = { 0, 0, 8, 3 };
    ck_assert_ptr_nonnull(f);
    h[7] = (unsigned char)n;
    h[6] = (unsigned char)(n >> 8);
    h[11] = h[15] = (unsigned char)side;
    ck_assert_uint_eq(fwrite(h, 1, 16, f), 16);
    for (unsigned i = 0; i < n; i++)
        for (unsigned p = 0; p < side * side; p++) {
            int on = (i % 2 == 0) ? p % side < side / 2 : p / side < side / 2;
            if (ggs_uniform_pos(r) < 0.05)
                on = !on;
            fputc(on ? 255 : 0, f);
        }
    fclose(f);
    ggs_rng_free(r);
}

/* a data directory for --data idx */
static void make_data(char *dir, size_t size)
{
    char p[VAE_TEST_PATH];
    tmp_dir(dir, size);
    snprintf(p, sizeof p, "%s/train-images-idx3-ubyte", dir);
    write_images(p, 64, 6, 1);
    snprintf(p, sizeof p, "%s/test-images-idx3-ubyte", dir);
    write_images(p, 16, 6, 2);
}

/* the common options of the command tests: a tiny model, 4 steps an epoch */
#define SMALL "vae --data idx --data-dir %s --hidden 12 --latent 3 --batch 16 --seed 4 " \
              "--anneal-every 1 --anneal-rate 0.05"

/* the bytes of a file; returns the length */
static size_t read_file(unsigned char *buf, size_t size, const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t got;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    got = fread(buf, 1, size, f);
    fclose(f);
    return got;
}

/* the CSV without its two time columns (seconds, images/s) */
static void csv_without_times(char *dst, size_t size, const char *path)
{
    unsigned char raw[20000];
    size_t len = read_file(raw, sizeof raw - 1, path), o = 0;
    int field = 0;
    raw[len] = '\0';
    for (size_t i = 0; i < len && o + 1 < size; i++) {
        if (raw[i] == '\n')
            field = 0;
        else if (raw[i] == ',')
            field++;
        if (field < 11 || raw[i] == '\n')
            dst[o++] = (char)raw[i];
    }
    dst[o] = '\0';
}
#line 7395 "book/20-vae.nw"
START_TEST(test_explicit_against_library)
{
    for (int c = 0; c < NCASES; c++) {
        ggs_dist prior, d;
        double th[2], dth[2], dthr[2], lq[VN], jac[VN * 2], kl, dkl[2] = { 0, 0 };
        double ref[VN], refd[VN * 2], lp[VN], dlq[VN] = { 0 }, klr, dklr[2] = { 0, 0 };
        size_t P;
        ck_assert_int_eq(ggs_dist_parse(&prior, CASES[c].prior), GGS_OK);
        P = ggs_latent_nparam(prior.family);
        ck_assert_int_eq(ggs_truncated_logpmf(lp, &prior, 0, VN), GGS_OK);
        ck_assert_int_eq(ggs_latent_explicit(th, dth, lq, jac, &kl, dkl, CASES[c].a,
                                             prior.family, 0, lp, 1, VN), GGS_OK);
        natural(&d, dthr, &prior, CASES[c].a);
        ck_assert_int_eq(ggs_truncated_logpmf(ref, &d, 0, VN), GGS_OK);
        ck_assert_int_eq(ggs_truncated_dlogpmf(refd, &d, 0, VN), GGS_OK);
        for (size_t j = 0; j < P; j++) {
            ck_assert(close_to(th[j], d.theta[j], VAE_TOL));
            ck_assert(close_to(dth[j], dthr[j], VAE_TOL));
        }
        for (size_t k = 0; k < VN; k++) {
            ck_assert_msg(close_to(lq[k], ref[k], VAE_TOL), "%s case %d k %zu: %.17g vs %.17g",
                          CASES[c].prior, c, k, lq[k], ref[k]);
            for (size_t j = 0; j < P; j++)
                ck_assert_msg(close_to(jac[k * P + j], refd[k * P + j] * dthr[j], 1e-7),
                              "%s case %d k %zu j %zu: %.17g vs %.17g", CASES[c].prior, c, k, j,
                              jac[k * P + j], refd[k * P + j] * dthr[j]);
        }
        ck_assert_int_eq(ggs_kl_forward(&klr, ref, lp, VN), GGS_OK);
        ck_assert(close_to(kl, klr, VAE_TOL));
        ggs_kl_backward(dlq, NULL, 1.0, ref, lp, VN);
        ggs_latent_chain(dklr, dlq, jac, 1, VN, P);
        for (size_t j = 0; j < P; j++)
            ck_assert_msg(close_to(dkl[j], dklr[j], 1e-7), "%s case %d: dkl %.17g vs %.17g",
                          CASES[c].prior, c, dkl[j], dklr[j]);
    }
}
END_TEST
#line 7439 "book/20-vae.nw"
#define VAE_GENERIC_TOL 1e-10    /* descriptor row against fast row */

START_TEST(test_generic_row_against_fast)
{
    for (int c = 0; c < NCASES; c++) {
        ggs_dist prior;
        double th[2], dth[2], lq[VN], jac[VN * 2], gth[2], gdth[2], glq[VN], gjac[VN * 2];
        double lp[VN];
        const ggs_family_desc *fd;
        size_t P;
        ck_assert_int_eq(ggs_dist_parse(&prior, CASES[c].prior), GGS_OK);
        fd = ggs_dist_descriptor(&prior);
        P = fd->nlink;
        ck_assert_int_eq(ggs_truncated_logpmf(lp, &prior, 0, VN), GGS_OK);
        ck_assert_int_eq(ggs_latent_explicit(th, dth, lq, jac, NULL, NULL, CASES[c].a,
                                             prior.family, 0, lp, 1, VN), GGS_OK);
        ck_assert_int_eq(ggs_latent_generic_row(gth, gdth, glq, gjac, CASES[c].a, fd, 0, VN),
                         0);
        for (size_t j = 0; j < P; j++)
            ck_assert(th[j] == gth[j] && dth[j] == gdth[j]);
        for (size_t k = 0; k < VN; k++) {
            ck_assert_msg(close_to(glq[k], lq[k], VAE_GENERIC_TOL), "%s case %d k %zu: "
                          "%.17g vs %.17g", CASES[c].prior, c, k, glq[k], lq[k]);
            for (size_t j = 0; j < P; j++)
                ck_assert_msg(close_to(gjac[k * P + j], jac[k * P + j], VAE_GENERIC_TOL),
                              "%s case %d k %zu j %zu: %.17g vs %.17g", CASES[c].prior, c, k,
                              j, gjac[k * P + j], jac[k * P + j]);
        }
    }
}
END_TEST
#line 7483 "book/20-vae.nw"
START_TEST(test_generic_rows_ztpoisson)
{
    static const double as[] = { -20, -2, 0.3, 2.5, 15 };
    static const struct { const char *prior; long lo; } W[] = {
        { "ztpoisson:2", 1 }, { "ztpoisson:2", 3 }, { "poisson:3.12", 2 }
    };
    enum { NA = sizeof as / sizeof as[0] };
    const double h = 1e-3;
    for (size_t w = 0; w < sizeof W / sizeof W[0]; w++) {
        ggs_dist prior, d;
        double lp[VN], th[NA], dth[NA], lq[NA * VN], jac[NA * VN], kl[NA], dkl[NA];
        float lqf[NA * VN], af[NA];
        ck_assert_int_eq(ggs_dist_parse(&prior, W[w].prior), GGS_OK);
        ck_assert_int_eq(ggs_truncated_logpmf(lp, &prior, W[w].lo, VN), GGS_OK);
        ck_assert_int_eq(ggs_latent_explicit(th, dth, lq, jac, kl, dkl, as, prior.family,
                                             W[w].lo, lp, NA, VN), GGS_OK);
        for (int i = 0; i < NA; i++)
            af[i] = (float)as[i];
        ck_assert_int_eq(ggs_latent_explicitf(NULL, NULL, lqf, NULL, NULL, NULL, af,
                                              prior.family, W[w].lo, lp, NA, VN), GGS_OK);
        for (int i = 0; i < NA; i++) {
            double lam = GGS_LATENT_RATE_MIN + sp(as[i]), ref[VN], refd[VN], klr;
            ck_assert(close_to(th[i], lam, 1e-15) && close_to(dth[i], sg(as[i]), 1e-15));
            d = prior;
            d.theta[0] = lam;   /* the same family at the row's rate */
            ck_assert_int_eq(ggs_truncated_logpmf(ref, &d, W[w].lo, VN), GGS_OK);
            ck_assert_int_eq(ggs_truncated_dlogpmf(refd, &d, W[w].lo, VN), GGS_OK);
            for (size_t k = 0; k < VN; k++) {
                ck_assert_msg(lq[i * VN + k] == ref[k], "%s lo %ld a %g k %zu: %.17g vs %.17g",
                              W[w].prior, W[w].lo, as[i], k, lq[i * VN + k], ref[k]);
                ck_assert(close_to(jac[i * VN + k], refd[k] * sg(as[i]), 1e-15));
                ck_assert(close_to(lqf[i * VN + k], ref[k], VAE_TOLF));
            }
            ck_assert_int_eq(ggs_kl_forward(&klr, ref, lp, VN), GGS_OK);
            ck_assert_msg(close_to(kl[i], klr, VAE_TOL), "kl %.17g vs %.17g", kl[i], klr);
        }
        if (prior.family != GGS_ZTPOISSON)
            continue;
        for (int i = 0; i < NA; i++) {
            static const double off[4] = { -2, -1, 1, 2 };
            double lqh[4][VN], klh[4], fd;
            for (int s = 0; s < 4; s++) {
                double ah = as[i] + off[s] * h;
                ck_assert_int_eq(ggs_latent_explicit(NULL, NULL, lqh[s], NULL, &klh[s], NULL,
                                                     &ah, GGS_ZTPOISSON, W[w].lo, lp, 1, VN),
                                 GGS_OK);
            }
            for (size_t k = 0; k < VN; k++) {
                fd = (lqh[0][k] - 8 * lqh[1][k] + 8 * lqh[2][k] - lqh[3][k]) / (12 * h);
                ck_assert_msg(close_to(jac[i * VN + k], fd, 1e-8), "lo %ld a %g k %zu: jac "
                              "%.17g, difference %.17g", W[w].lo, as[i], k, jac[i * VN + k],
                              fd);
            }
            fd = (klh[0] - 8 * klh[1] + 8 * klh[2] - klh[3]) / (12 * h);
            ck_assert_msg(close_to(dkl[i], fd, 1e-8), "lo %ld a %g: dkl %.17g, difference "
                          "%.17g", W[w].lo, as[i], dkl[i], fd);
        }
    }
}
END_TEST
#line 7553 "book/20-vae.nw"
START_TEST(test_poisson_kl_closed_form)
{
    static const size_t ns[4] = { 2, 3, 16, 60 };
    static const double lam0s[2] = { 2, 3.5 };
    double a[9] = { -20, -2, 0.3, 0, 2.5, 4.2, 15, 40, 70 }, lp[60], lq[9 * 60];
    double th[9], dth[9], kl[9], dkl[9], lam[9], dlam[9], klc[9], dklc[9];
    float af[9], lamf[9], dlamf[9], klf[9], dklf[9];
    for (int t = 0; t < 8; t++) {
        size_t n = ns[t / 2];
        ggs_dist prior;
        ck_assert_int_eq(ggs_dist_poisson(&prior, lam0s[t % 2]), GGS_OK);
        a[3] = log(expm1(lam0s[t % 2] - GGS_LATENT_RATE_MIN));   /* lambda = lambda0 */
        ck_assert_int_eq(ggs_truncated_logpmf(lp, &prior, 0, n), GGS_OK);
        ck_assert_int_eq(ggs_latent_explicit(th, dth, lq, NULL, kl, dkl, a, GGS_POISSON, 0, lp,
                                             9, n), GGS_OK);
        ck_assert_int_eq(ggs_latent_poisson_kl(lam, dlam, klc, dklc, a, &prior, 9, n), GGS_OK);
        for (int i = 0; i < 9; i++) {
            ck_assert(lam[i] == th[i] && dlam[i] == dth[i]);
            ck_assert_msg(close_to(klc[i], kl[i], 1e-12) && close_to(dklc[i], dkl[i], 1e-12),
                          "n %zu lambda0 %g lambda %g: kl %.17g vs %.17g, dkl %.17g vs %.17g",
                          n, lam0s[t % 2], lam[i], klc[i], kl[i], dklc[i], dkl[i]);
            af[i] = (float)a[i];
        }
        ck_assert_int_eq(ggs_latent_poisson_klf(lamf, dlamf, klf, dklf, af, &prior, 9, n),
                         GGS_OK);
        ck_assert_int_eq(ggs_latent_poisson_kl(lam, dlam, klc, dklc, a, &prior, 9, n), GGS_OK);
        for (int i = 0; i < 9; i++)
            if ((double)af[i] == a[i])
                ck_assert(lamf[i] == (float)lam[i] && klf[i] == (float)klc[i]
                          && dklf[i] == (float)dklc[i] && dlamf[i] == (float)dlam[i]);
    }
}
END_TEST
#line 7590 "book/20-vae.nw"
START_TEST(test_implicit_against_library)
{
    enum { R = 5 };
    gsl_rng *r = ggs_rng_new(11);
    ggs_dist prior;
    double a[R * VN], lq[R * VN], q[R * VN], kl[R], w[R * VN], da[R * VN] = { 0 }, lp[VN];
    ck_assert_int_eq(ggs_dist_parse(&prior, "negbin:5,0.7"), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(lp, &prior, 0, VN), GGS_OK);
    for (int i = 0; i < R * VN; i++) {
        a[i] = 6 * ggs_uniform_pos(r) - 3;
        w[i] = ggs_uniform_pos(r) - 0.5;
    }
    ck_assert_int_eq(ggs_latent_implicit(lq, q, kl, a, lp, R, VN), GGS_OK);
    ggs_latent_implicit_backward(da, w, lq, q, kl, lp, 0.37, R, VN);
    for (int b = 0; b < R; b++) {
        double ref[VN], klr, dlq[VN], dar[VN] = { 0 };
        ck_assert_int_eq(ggs_log_softmax_forward(ref, a + b * VN, VN), GGS_OK);
        ck_assert_int_eq(ggs_kl_forward(&klr, ref, lp, VN), GGS_OK);
        ck_assert(close_to(kl[b], klr, VAE_TOL));
        memcpy(dlq, w + b * VN, sizeof dlq);
        ggs_kl_backward(dlq, NULL, 0.37, ref, lp, VN);
        ggs_log_softmax_backward(dar, dlq, ref, VN);
        for (int k = 0; k < VN; k++) {
            ck_assert(close_to(lq[b * VN + k], ref[k], VAE_TOL));
            ck_assert(close_to(q[b * VN + k], exp(ref[k]), VAE_TOL));
            ck_assert(close_to(da[b * VN + k], dar[k], VAE_TOL));
        }
    }
    ggs_rng_free(r);
}
END_TEST
#line 7625 "book/20-vae.nw"
START_TEST(test_gengs_batch_against_library)
{
    enum { R = 7 };
    gsl_rng *r = ggs_rng_new(12);
    double lq[R * VN], g[R * VN], z[R], y[R * VN], dz[R], d[R * VN], c[VN], zh[R], zm[R];
    const double tau = 0.37;
    for (int k = 0; k < VN; k++)
        c[k] = k;
    for (int i = 0; i < R * VN; i++) {
        lq[i] = -5 * ggs_uniform_pos(r);
        d[i] = 0.25;
    }
    ggs_gumbel_fill(g, R * VN, r);
    for (int b = 0; b < R; b++)
        dz[b] = ggs_uniform_pos(r) - 0.5;
    ck_assert_int_eq(ggs_gengs_batch_forward(z, y, lq, g, tau, R, VN), GGS_OK);
    ggs_gengs_batch_backward(d, dz, z, y, tau, R, VN);
    ggs_gengs_batch_hard(zh, y, R, VN);
    ggs_gumbel_max_batch(zm, lq, g, R, VN);
    for (int b = 0; b < R; b++) {
        double zr, yr[VN], dr[VN];
        for (int k = 0; k < VN; k++)
            dr[k] = 0.25;
        ck_assert_int_eq(ggs_gengs_forward(&zr, yr, lq + b * VN, g + b * VN, c, tau, VN),
                         GGS_OK);
        ggs_gengs_backward(dr, dz[b], zr, yr, c, tau, VN);
        ck_assert(close_to(z[b], zr, VAE_TOL));
        for (int k = 0; k < VN; k++) {
            ck_assert(close_to(y[b * VN + k], yr[k], VAE_TOL));
            ck_assert(close_to(d[b * VN + k], dr[k], VAE_TOL));
        }
        ck_assert(zh[b] == ggs_gengs_hard(yr, c, VN));
        ck_assert(zm[b] == (double)ggs_gumbel_max(lq + b * VN, g + b * VN, VN));
    }
    ck_assert_int_eq(ggs_gengs_batch_forward(z, y, lq, g, 0.0, R, VN), GGS_EDOM);
    ggs_rng_free(r);
}
END_TEST
#line 7667 "book/20-vae.nw"
START_TEST(test_float_kernels)
{
    enum { R = 6 };
    gsl_rng *r = ggs_rng_new(13);
    ggs_dist prior;
    double a[R * VN], lq[R * VN], q[R * VN], kl[R], g[R * VN], z[R], y[R * VN], lp[VN];
    double ae[R * 2], lqe[R * VN], jac[R * VN * 2], kle[R], dkl[R * 2];
    float af[R * VN], lqf[R * VN], qf[R * VN], klf[R], gf[R * VN], zf[R], yf[R * VN];
    float aef[R * 2], lqef[R * VN], jacf[R * VN * 2], klef[R], dklf[R * 2];
    ck_assert_int_eq(ggs_dist_parse(&prior, "negbin:3,0.5"), GGS_OK);
    ck_assert_int_eq(ggs_truncated_logpmf(lp, &prior, 0, VN), GGS_OK);
    for (int i = 0; i < R * VN; i++) {
        af[i] = (float)(6 * ggs_uniform_pos(r) - 3);
        a[i] = af[i];
    }
    for (int i = 0; i < R * 2; i++) {
        aef[i] = (float)(4 * ggs_uniform_pos(r) - 2);
        ae[i] = aef[i];
    }
    for (int i = 0; i < R * VN; i++)
        g[i] = gf[i] = (float)(-log(-log(ggs_uniform_pos(r))));
    ck_assert_int_eq(ggs_latent_implicit(lq, q, kl, a, lp, R, VN), GGS_OK);
    ck_assert_int_eq(ggs_latent_implicitf(lqf, qf, klf, af, lp, R, VN), GGS_OK);
    ck_assert_int_eq(ggs_gengs_batch_forward(z, y, lq, g, 0.5, R, VN), GGS_OK);
    ck_assert_int_eq(ggs_gengs_batch_forwardf(zf, yf, lqf, gf, 0.5, R, VN), GGS_OK);
    ck_assert_int_eq(ggs_latent_explicit(NULL, NULL, lqe, jac, kle, dkl, ae, GGS_NEGBIN, 0, lp,
                                         R, VN), GGS_OK);
    ck_assert_int_eq(ggs_latent_explicitf(NULL, NULL, lqef, jacf, klef, dklf, aef, GGS_NEGBIN,
                                          0, lp, R, VN), GGS_OK);
    for (int i = 0; i < R * VN; i++) {
        ck_assert(close_to(lqf[i], lq[i], VAE_TOLF) && close_to(qf[i], q[i], VAE_TOLF));
        ck_assert(close_to(yf[i], y[i], VAE_TOLF) && close_to(lqef[i], lqe[i], VAE_TOLF));
    }
    for (int b = 0; b < R; b++)
        ck_assert(close_to(klf[b], kl[b], VAE_TOLF) && close_to(zf[b], z[b], VAE_TOLF)
                  && close_to(klef[b], kle[b], VAE_TOLF));
    ggs_rng_free(r);
}
END_TEST
#line 7709 "book/20-vae.nw"
START_TEST(test_kernel_errors)
{
    double a[4] = { 0, NAN, 0, 0 }, lq[4 * VN], q[4 * VN], lp[VN] = { 0 };
    ggs_dist g, pois;
    ck_assert_int_eq(ggs_latent_nparam(GGS_BINOMIAL), 0);
    ck_assert_int_eq(ggs_latent_explicit(NULL, NULL, lq, NULL, NULL, NULL, a, GGS_BINOMIAL, 0,
                                         lp, 1, VN), GGS_EINVAL);
    ck_assert_int_eq(ggs_latent_explicit(NULL, NULL, lq, NULL, NULL, NULL, a, GGS_POISSON, 0,
                                         lp, 1, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_latent_explicit(NULL, NULL, lq, NULL, NULL, NULL, a, GGS_POISSON, 0,
                                         lp, 2, VN), GGS_EDOM);
    ck_assert(strstr(ggs_last_error(), "row 1") != NULL);
    ck_assert_int_eq(ggs_latent_explicit(NULL, NULL, lq, NULL, NULL, NULL, a, GGS_ZTPOISSON,
                                         0, lp, 1, VN), GGS_EINVAL);   /* 0 is outside */
    ck_assert_msg(strstr(ggs_last_error(), "support of ztpoisson") != NULL, "%s",
                  ggs_last_error());
    a[2] = 1e20;   /* a rate above GGS_LAMBDA_MAX, which the constructor refuses */
    ck_assert_int_eq(ggs_latent_explicit(NULL, NULL, lq, NULL, NULL, NULL, a + 2,
                                         GGS_ZTPOISSON, 1, lp, 1, VN), GGS_EDOM);
    ck_assert_msg(strstr(ggs_last_error(), "outside the domain of ztpoisson") != NULL, "%s",
                  ggs_last_error());
    a[2] = 0;
    ck_assert_int_eq(ggs_latent_implicit(lq, q, NULL, a, lp, 1, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_latent_implicit(lq, q, NULL, a, lp, 1, 4), GGS_EDOM);
    ck_assert_int_eq(ggs_dist_geometric(&g, 0.5), GGS_OK);
    ck_assert_int_eq(ggs_dist_poisson(&pois, 2), GGS_OK);
    ck_assert_int_eq(ggs_latent_poisson_kl(lq, q, lq + 4, q + 4, a, &g, 1, VN), GGS_EINVAL);
    ck_assert(strstr(ggs_last_error(), "Poisson") != NULL);
    ck_assert_int_eq(ggs_latent_poisson_kl(lq, q, lq + 4, q + 4, a, NULL, 1, VN), GGS_EINVAL);
    ck_assert_int_eq(ggs_latent_poisson_kl(lq, q, lq + 4, q + 4, a, &pois, 1, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_latent_poisson_kl(lq, q, lq + 4, q + 4, a, &pois, 4, VN), GGS_EDOM);
    ck_assert(strstr(ggs_last_error(), "row 1") != NULL);
}
END_TEST
#line 7825 "book/20-vae.nw"
START_TEST(test_objective_gradient)
{
    static const char *priors[3] = { "poisson:2", "geometric:0.25", "negbin:3,0.5" };
    for (int t = 0; t < 6; t++) {
        ggs_vae_config c = small_config(priors[t % 3], t / 3, 4);
        ggs_vae *m;
        c.shards = 1 + (size_t)t % 3;
        c.standardize = t % 2;
        m = ggs_vae_alloc(&c, 7 + (unsigned long)t);
        gsl_rng *r = ggs_rng_new(100 + (unsigned long)t);
        double gv, fd;
        ck_assert_ptr_nonnull(m);
        directional_derivatives(&gv, &fd, m, r, VAE_FD_STEP, 0);
        ck_assert_msg(fabs(fd - gv) <= VAE_FD_TOL * fmax(1.0, fabs(gv)),
                      "%s %s: directional derivative %.12g, gradient . v = %.12g",
                      priors[t % 3], t / 3 ? "implicit" : "explicit", fd, gv);
        ggs_rng_free(r);
        ggs_vae_free(m);
    }
}
END_TEST
#line 7967 "book/20-vae.nw"
START_TEST(test_score_estimators_unbiased)
{
    const double x[RF_IMG * RF_D] = { 1, 0, 1, 0, 1, 1 };
    long double logprior[RF_N], tail = 1, pj = expl(-2.0L);
    for (int j = 0; j < RF_N - 1; j++) {
        logprior[j] = logl(pj);
        tail -= pj;
        pj *= 2.0L / (j + 1);
    }
    logprior[RF_N - 1] = logl(tail);
    static const int ests[7] = { GGS_VAE_RFSTAR, GGS_VAE_MUPROP, GGS_VAE_NVIL, GGS_VAE_VIMCO,
                                 GGS_VAE_REBAR, GGS_VAE_RELAX, GGS_VAE_STORB };
    static const char *names[7] = { "RF*", "MuProp", "NVIL", "VIMCO", "REBAR", "RELAX",
                                    "StoRB*" };
    for (int t = 0; t < 14; t++) {
        int implicit = t % 2, est = ests[t / 2];
        size_t nb = est == GGS_VAE_NVIL ? RF_D * GGS_VAE_NVIL_HIDDEN + 2 * GGS_VAE_NVIL_HIDDEN + 1
                    : est == GGS_VAE_RELAX ? 1 + GGS_VAE_RELAX_HIDDEN * (RF_K + 2)
                    : 0;   /* the baseline network's or r_rho's parameters */
        ggs_vae_config c = small_config("poisson:2", implicit, RF_IMG * RF_S);
        ggs_vae *m;
        double xr[RF_IMG * RF_S * RF_D], *p, *mean, *m2, h = 1e-3;
        size_t N;
        const int M = 20000;
        ggs_noise q;
        c.D = RF_D;
        c.K = RF_K;
        c.n = RF_N;
        c.hidden[0] = RF_H;
        c.shards = 2;
        c.estimator = est;
        c.samples = RF_S;        /* RF*, StoRB*: three rows of each image; MuProp: six rows */
        m = ggs_vae_alloc(&c, 11 + (unsigned long)implicit);
        ck_assert_ptr_nonnull(m);
        N = ggs_vae_nparams(m);
        ck_assert_uint_eq(N, RF_D * RF_H + RF_H + RF_K * (implicit ? RF_N : 1) * (RF_H + 1)
                             + RF_H * RF_K + RF_H + RF_D * RF_H + RF_D + nb);
        p = ggs_vae_params(m);
        for (size_t i = 0; i < N; i++)        /* biases too, so no gradient is zero by luck */
            p[i] += 0.3 * sin(1.0 + (double)i);
        for (int r = 0; r < RF_IMG * RF_S; r++)
            memcpy(xr + r * RF_D, x + r / RF_S * RF_D, sizeof x[0] * RF_D);
        mean = calloc(N, sizeof *mean);
        m2 = calloc(N, sizeof *m2);
        ck_assert(mean != NULL && m2 != NULL);
        ggs_noise_seed(&q, 31);
        for (int it = 1; it <= M; it++) {          /* Welford's running mean and variance */
            ggs_vae_stats st = { 0 };
            ck_assert_int_eq(ggs_vae_loss(m, &st, xr, RF_IMG * RF_S, 0.6, &q, 1), GGS_OK);
            for (size_t i = 0; i < N; i++) {
                double g = ggs_vae_grads(m)[i], d = g - mean[i];
                mean[i] += d / it;
                m2[i] += d * (g - mean[i]);
            }
        }
        for (size_t i = 0; i < N - nb; i++) {      /* the encoder's and decoder's */
            double keep = p[i], se = sqrt(m2[i] / (M - 1) / M), exact;
            long double e[4];
            for (int j = 0; j < 4; j++) {           /* at +h, -h, +2h, -2h */
                p[i] = keep + (j & 1 ? -1 : 1) * (j < 2 ? h : 2 * h);
                e[j] = rf_expected(p, implicit, x, logprior, est == GGS_VAE_VIMCO ? RF_S : 0);
            }
            p[i] = keep;
            exact = (double)((8 * (e[0] - e[1]) - (e[2] - e[3])) / (12 * h));
            ck_assert_msg(fabs(mean[i] - exact) <= fmax(4.9 * se, 1e-9),
                          "%s, %s: parameter %zu of %zu: mean %.9g (standard error %.3g), "
                          "exact %.9g", names[t / 2],
                          implicit ? "implicit" : "explicit", i, N, mean[i], se, exact);
        }
        free(mean);
        free(m2);
        ggs_vae_free(m);
    }
}
END_TEST
#line 8050 "book/20-vae.nw"
START_TEST(test_vimco_far_apart)
{
    ggs_vae_config c = small_config("poisson:2", 1, 32);
    ggs_vae *m;
    ggs_vae_stats st = { 0 };
    ggs_noise q;
    double x[32 * 9];
    gsl_rng *r = ggs_rng_new(5);
    c.estimator = GGS_VAE_VIMCO;
    c.samples = 4;
    m = ggs_vae_alloc(&c, 3);
    ck_assert_ptr_nonnull(m);
    random_images(x, 8 * 9, r);
    for (int row = 31; row >= 0; row--)             /* eight images, four rows each */
        memmove(x + row * 9, x + (row / 4) * 9, 9 * sizeof x[0]);
    for (size_t i = 0; i < ggs_vae_nparams(m); i++)  /* decoder weights times 3000 */
        if (i >= ggs_vae_nparams(m) / 2)
            ggs_vae_params(m)[i] *= 3000;
    ggs_noise_seed(&q, 2);
    ck_assert_int_eq(ggs_vae_loss(m, &st, x, 32, 1.0, &q, 1), GGS_OK);
    for (size_t i = 0; i < ggs_vae_nparams(m); i++) {
        double g = ggs_vae_grads(m)[i];
        ck_assert_msg(isfinite(g), "gradient %zu = %g", i, g);
    }
    ck_assert_msg(st.recon / 32 > 1000, "the weights are not far apart: -log p(x | z) %g",
                  st.recon / 32);
    ggs_vae_free(m);
    ggs_rng_free(r);
}
END_TEST
#line 8097 "book/20-vae.nw"
START_TEST(test_relax_rho_gradient)
{
    for (int implicit = 0; implicit < 2; implicit++) {
        ggs_vae_config c = small_config(implicit ? "geometric:0.25" : "poisson:2", implicit, 4);
        ggs_vae *m;
        gsl_rng *r = ggs_rng_new(40 + (unsigned long)implicit);
        double x[4 * 9], *p, *v, *g, gv = 0, V[4], fd, h = 1e-3;
        size_t N, NP = 1 + GGS_VAE_RELAX_HIDDEN * (3 + 2), r0;
        ggs_noise q0;
        c.estimator = GGS_VAE_RELAX;
        c.shards = 2;
        c.standardize = implicit;
        m = ggs_vae_alloc(&c, 17);
        ck_assert_ptr_nonnull(m);
        N = ggs_vae_nparams(m);
        r0 = N - NP;                               /* rho follows the decoder */
        p = ggs_vae_params(m);
        v = malloc(NP * sizeof *v);
        g = malloc(NP * sizeof *g);
        ck_assert(v != NULL && g != NULL);
        for (size_t i = 0; i < N; i++)
            p[i] += 0.3 * sin(2.0 + (double)i);
        for (size_t i = 0; i < NP; i++)
            v[i] = 2 * ggs_uniform_pos(r) - 1;
        random_images(x, 4 * 9, r);
        ggs_noise_seed(&q0, 6);
        for (int j = -1; j < 4; j++) {             /* the gradient, then +h, -h, +2h, -2h */
            double t = j < 0 ? 0 : (j & 1 ? -1 : 1) * (j < 2 ? h : 2 * h);
            ggs_vae_stats st = { 0 };
            ggs_noise q = q0;
            for (size_t i = 0; i < NP; i++)
                p[r0 + i] += t * v[i];
            ck_assert_int_eq(ggs_vae_loss(m, &st, x, 4, 0.6, &q, 1), GGS_OK);
            for (size_t i = 0; i < NP; i++)
                p[r0 + i] -= t * v[i];
            if (j < 0)
                memcpy(g, ggs_vae_grads(m) + r0, NP * sizeof *g);
            else
                V[j] = ggs_vae_relax_objective(m);
        }
        for (size_t i = 0; i < NP; i++)
            gv += g[i] * v[i];
        fd = (8 * (V[0] - V[1]) - (V[2] - V[3])) / (12 * h);
        ck_assert_msg(V[0] > 0 && fabs(gv) > 1e-6 * V[0], "V = %g, gradient . v = %g", V[0],
                      gv);
        ck_assert_msg(fabs(fd - gv) <= 1e-6 * fmax(fabs(gv), 1e-3 * V[0]),
                      "%s: dV/drho . v = %.12g, differences %.12g",
                      implicit ? "implicit" : "explicit", gv, fd);
        free(v);
        free(g);
        ggs_rng_free(r);
        ggs_vae_free(m);
    }
}
END_TEST
#line 8165 "book/20-vae.nw"
enum { VAE_SHORT_STEPS = 1000 };   /* Adam steps of the short RELAX and StoRB* runs */

START_TEST(test_relax_storb_loss_falls)
{
    static const int ests[2] = { GGS_VAE_RELAX, GGS_VAE_STORB };
    for (int e = 0; e < 2; e++) {
        ggs_vae_config c = small_config("poisson:2", 1, 32);
        ggs_vaef *m;
        gsl_rng *r = ggs_rng_new(3);
        float x[32 * 9];
        ggs_noise q;
        double first = 0, last = 0, h = 0;
        c.act = GGS_NN_RELU;
        c.hidden[0] = 16;
        c.adam.lr = 3e-3;
        c.estimator = ests[e];
        c.samples = 2;
        m = ggs_vae_allocf(&c, 1);
        ck_assert_ptr_nonnull(m);
        for (int b = 0; b < 32; b++)
            for (int d = 0; d < 9; d++) {
                int img = ests[e] == GGS_VAE_STORB ? b / 2 : b;   /* two rows per image */
                int on = (d % 3 < 2) == (img % 2 == 0);
                x[b * 9 + d] = (float)(ggs_uniform_pos(r) < 0.1 ? !on : on);
            }
        if (ests[e] == GGS_VAE_STORB)
            for (int b = 1; b < 32; b += 2)
                memcpy(x + b * 9, x + (b - 1) * 9, 9 * sizeof x[0]);
        ggs_noise_seed(&q, 9);
        for (int s = 0; s < VAE_SHORT_STEPS; s++) {
            ggs_vae_stats st = { 0 };
            ck_assert_int_eq(ggs_vae_stepf(m, &st, x, 1.0, &q), GGS_OK);
            if (s == 0)
                first = (st.recon + st.kl) / 32;
            if (s >= VAE_SHORT_STEPS - 10)
                last += (st.recon + st.kl) / 32 / 10;
        }
        for (int d = 0; d < 9; d++) {
            double p = 0;
            for (int b = 0; b < 32; b++)
                p += x[b * 9 + d] / 32.0;
            if (p > 0 && p < 1)
                h -= p * log(p) + (1 - p) * log1p(-p);
        }
        ck_assert_msg(last < first && last < h - 1.0,
                      "%s: loss %g -> %g, latent-free bound %g",
                      e ? "StoRB*" : "RELAX", first, last, h);
        ggs_vae_freef(m);
        ggs_rng_free(r);
    }
}
END_TEST
#line 8252 "book/20-vae.nw"
START_TEST(test_loss_falls)
{
    ggs_vae_config c = small_config("poisson:2", 1, 32);
    ggs_vaef *m;
    gsl_rng *r = ggs_rng_new(3);
    float x[32 * 9];
    ggs_noise q;
    double first = 0, last = 0, h = 0, dk[20], dmean = 0, dvar = 0;
    const int R = 20;
    c.act = GGS_NN_RELU;
    c.hidden[0] = 16;
    c.adam.lr = 3e-3;
    m = ggs_vae_allocf(&c, 1);
    ck_assert_ptr_nonnull(m);
    for (int b = 0; b < 32; b++)
        for (int d = 0; d < 9; d++) {
            int on = (d % 3 < 2) == (b % 2 == 0);
            x[b * 9 + d] = (float)(ggs_uniform_pos(r) < 0.1 ? !on : on);
        }
    ggs_noise_seed(&q, 9);
    for (int s = 0; s < 300; s++) {
        ggs_vae_stats st = { 0 };
        ck_assert_int_eq(ggs_vae_stepf(m, &st, x, 1.0, &q), GGS_OK);
        if (s == 0)
            first = (st.recon + st.kl) / 32;
        if (s >= 290)
            last += (st.recon + st.kl) / 32 / 10;
    }
    for (int d = 0; d < 9; d++) {
        double p = 0;
        for (int b = 0; b < 32; b++)
            p += x[b * 9 + d] / 32.0;
        if (p > 0 && p < 1)
            h -= p * log(p) + (1 - p) * log1p(-p);
    }
    ck_assert_msg(last < first && last < h - 1.0, "loss %g -> %g, latent-free bound %g", first,
                  last, h);
    for (int k = 0; k < R; k++) {
        ggs_vae_stats ev = { 0 };
        ck_assert_int_eq(ggs_vae_evaluatef(m, &ev, x, 32, 0.5, 2, 64, &q), GGS_OK);
        ck_assert(isfinite(ev.recon) && isfinite(ev.recon_relaxed) && isfinite(ev.iw));
        dk[k] = ev.iw / 32 - (ev.recon + ev.kl) / 32;
        dmean += dk[k] / R;
    }
    for (int k = 0; k < R; k++)
        dvar += (dk[k] - dmean) * (dk[k] - dmean) / (R - 1);
    ck_assert_msg(dmean <= gsl_cdf_tdist_Pinv(0.999, R - 1) * sqrt(dvar / R),
                  "importance-weighted minus ELBO figure: mean %g, sd %g over %d evaluations",
                  dmean, sqrt(dvar), R);
    ggs_vae_freef(m);
    ggs_rng_free(r);
}
END_TEST
#line 8313 "book/20-vae.nw"
START_TEST(test_ztpoisson_gradient)
{
    const double h = 1e-3;
    ggs_vae_config bad = small_config("ztpoisson:2", 0, 4);   /* lo = 0: outside */
    ck_assert_ptr_null(ggs_vae_alloc(&bad, 1));
    ck_assert_msg(strstr(ggs_last_error(), "leaves the support") != NULL, "%s",
                  ggs_last_error());
    for (int t = 0; t < 4; t++) {
        ggs_vae_config c = small_config("ztpoisson:2", t / 2, 4);
        ggs_vae *m;
        gsl_rng *r = ggs_rng_new(200 + (unsigned long)t);
        double gv, fd;
        c.lo = 1;
        c.standardize = t % 2;
        c.shards = 2;
        m = ggs_vae_alloc(&c, 17 + (unsigned long)t);
        ck_assert_ptr_nonnull(m);
        directional_derivatives(&gv, &fd, m, r, h, 1);
        ck_assert_msg(fabs(fd - gv) <= VAE_FD_TOL * fmax(1.0, fabs(gv)),
                      "ztpoisson %s, standardize %d: directional derivative %.12g, "
                      "gradient . v = %.12g", t / 2 ? "implicit" : "explicit", t % 2, fd, gv);
        ggs_rng_free(r);
        ggs_vae_free(m);
    }
}
END_TEST
#line 8352 "book/20-vae.nw"
START_TEST(test_ztpoisson_prior_trains)
{
    for (int implicit = 0; implicit < 2; implicit++) {
        ggs_vae_config c = small_config("ztpoisson:2", implicit, 32);
        ggs_vaef *mf;
        ggs_vae *m;
        gsl_rng *r = ggs_rng_new(3);
        float x[32 * 9];
        double xd[32 * 9], px[32 * 9], first = 0, last = 0, hb = 0, *p;
        const size_t H = 16, K = 3, D = 9;
        ggs_noise q;
        c.lo = 1;
        c.act = GGS_NN_RELU;
        c.hidden[0] = H;
        c.adam.lr = 3e-3;
        mf = ggs_vae_allocf(&c, 1);
        ck_assert_ptr_nonnull(mf);
        for (int b = 0; b < 32; b++)
            for (size_t d = 0; d < D; d++) {
                int on = (d % 3 < 2) == (b % 2 == 0);
                x[b * D + d] = (float)(ggs_uniform_pos(r) < 0.1 ? !on : on);
                xd[b * D + d] = x[b * D + d];
            }
        ggs_noise_seed(&q, 9);
        for (int s = 0; s < 300; s++) {
            ggs_vae_stats st = { 0 };
            ck_assert_int_eq(ggs_vae_stepf(mf, &st, x, 1.0, &q), GGS_OK);
            if (s == 0)
                first = (st.recon + st.kl) / 32;
            if (s >= 290)
                last += (st.recon + st.kl) / 32 / 10;
        }
        for (size_t d = 0; d < D; d++) {
            double pd = 0;
            for (int b = 0; b < 32; b++)
                pd += x[b * D + d] / 32.0;
            if (pd > 0 && pd < 1)
                hb -= pd * log(pd) + (1 - pd) * log1p(-pd);
        }
        ck_assert_msg(last < first && last < hb - 1.0, "%s: loss %g -> %g, latent-free bound "
                      "%g", implicit ? "implicit" : "explicit", first, last, hb);
        ggs_vae_freef(mf);
        c.act = GGS_NN_TANH;                  /* the decoder logit 1e3 tanh(1e-3 sum z) */
        m = ggs_vae_alloc(&c, 1);
        ck_assert_ptr_nonnull(m);
        p = ggs_vae_params(m) + ggs_vae_nparams(m) - (H * K + H + D * H + D);
        memset(p, 0, (H * K + H + D * H + D) * sizeof *p);
        for (size_t k = 0; k < K; k++)
            p[k] = 1e-3;                      /* W3: (H, K), row 0 */
        for (size_t d = 0; d < D; d++)
            p[H * K + H + d * H] = 1e3;       /* W4: (D, H), column 0 */
        ck_assert_int_eq(ggs_vae_sample_prior(m, px, 32, &q), GGS_OK);
        for (size_t i = 0; i < 32 * D; i++)
            ck_assert_msg(px[i] >= 1 / (1 + exp(-(3 - 1e-5))), "prior sample %zu: pixel "
                          "probability %.17g, a value below 1 reached the decoder", i / D,
                          px[i]);
        ck_assert_int_eq(ggs_vae_reconstruct(m, px, xd, 32, &q), GGS_OK);
        for (size_t i = 0; i < 32 * D; i++)
            ck_assert_msg(px[i] >= 1 / (1 + exp(-(3 - 1e-5))), "reconstruction %zu: pixel "
                          "probability %.17g", i / D, px[i]);
        ggs_vae_free(m);
        ggs_rng_free(r);
    }
}
END_TEST
#line 8419 "book/20-vae.nw"
START_TEST(test_model_errors)
{
    ggs_vae_config c = small_config("binomial:10,0.5", 1, 4);
    ggs_vae_stats st = { 0 };
    double x[4 * 9] = { 0 };
    ggs_noise q;
    ggs_vae *m;
    ck_assert_ptr_null(ggs_vae_alloc(&c, 1));
    c = small_config("poisson:2", 0, 4);
    c.n = 1;
    ck_assert_ptr_null(ggs_vae_alloc(&c, 1));
    c.n = 10;
    c.nhidden = 0;
    ck_assert_ptr_null(ggs_vae_alloc(&c, 1));
    c.nhidden = 1;
    c.shards = 0;
    ck_assert_ptr_null(ggs_vae_alloc(&c, 1));
    ck_assert_msg(strstr(ggs_last_error(), "shards = 0") != NULL, "%s", ggs_last_error());
    c.shards = GGS_VAE_MAX_SHARDS + 1;
    ck_assert_ptr_null(ggs_vae_alloc(&c, 1));
    c.shards = 2;
    m = ggs_vae_alloc(&c, 1);
    ck_assert_ptr_nonnull(m);
    ggs_noise_seed(&q, 1);
    ck_assert_int_eq(ggs_vae_loss(m, &st, x, 5, 1.0, &q, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_vae_loss(m, &st, x, 0, 1.0, &q, 1), GGS_EINVAL);
    ck_assert_int_eq(ggs_vae_loss(m, &st, x, 4, -1.0, &q, 1), GGS_EDOM);
    ck_assert_int_eq(ggs_vae_evaluate(m, &st, x, 4, 1.0, 0, 0, &q), GGS_EINVAL);
    ggs_vae_params(m)[ggs_vae_nparams(m) - 1] = NAN;   /* a bias every row reads */
    ck_assert_int_ne(ggs_vae_step(m, &st, x, 1.0, &q), GGS_OK);
    ck_assert(isnan(ggs_vae_params(m)[ggs_vae_nparams(m) - 1]));   /* Adam did not run */
    ggs_vae_params(m)[ggs_vae_nparams(m) - 1] = 0;
    x[5] = 0.5;                               /* not a binary image */
    ck_assert_int_eq(ggs_vae_loss(m, &st, x, 4, 1.0, &q, 0), GGS_EINVAL);
    ck_assert_msg(strstr(ggs_last_error(), "X[0][5] = 0.5") != NULL, "%s", ggs_last_error());
    ggs_vae_free(m);
}
END_TEST
#line 8547 "book/20-vae.nw"
START_TEST(test_threads_change_no_bit)
{
    static const char *priors[4] = { "poisson:2", "poisson:2", "negbin:3,0.5", "poisson:2" };
    static const int implicit[4] = { 1, 0, 0, 1 };
    static const int ests[7] = { GGS_VAE_RFSTAR, GGS_VAE_MUPROP, GGS_VAE_NVIL, GGS_VAE_VIMCO,
                                 GGS_VAE_REBAR, GGS_VAE_RELAX, GGS_VAE_STORB };
    for (int t = 0; t < 15; t++) {
        ggs_vae_config c = thread_config(priors[t % 4], implicit[t % 4]);
        ggs_vae_stats s1, s2;
        ggs_noise q1, q2;
        long n1, n2;
        unsigned char *b1, *b2;
        c.straight_through = t < 8 && t % 4 == 3;
        c.adam.clip = t % 4 == 2 ? 1.0 : 0.0;
        c.shards = t < 4 ? 1 : 3;
        if (t >= 8) {                   /* the other estimators, with 4 samples per image */
            c.estimator = ests[t - 8];
            c.samples = 4;
        }
        b1 = train_on_threads(&c, 1, &n1, &s1, &q1);
        b2 = train_on_threads(&c, 2, &n2, &s2, &q2);
        ck_assert_int_eq(n1, n2);
        ck_assert_msg(memcmp(b1, b2, (size_t)n1) == 0, "configuration %d: checkpoints differ", t);
        ck_assert(s1.recon == s2.recon && s1.kl == s2.kl && s1.iw == s2.iw
                  && s1.recon_relaxed == s2.recon_relaxed && s1.count == s2.count);
        ck_assert(memcmp(&q1, &q2, sizeof q1) == 0);
        free(b1);
        free(b2);
    }
}
END_TEST

START_TEST(test_threads_noise_and_first_error)
{
    enum { COUNT = 20003, ROWS = 1024, N = 16 };
    static float g1[COUNT], g2[COUNT], a[ROWS * N], lq[ROWS * N], q[ROWS * N], kl[ROWS];
    ggs_noise q1, q2;
    double lp[N];
    ggs_noise_seed(&q1, 5);
    q2 = q1;
    ggs_noise_gumbelf(g1, COUNT, &q1);
    ck_assert_int_eq(ggs_nn_set_kernel_threads(2), GGS_OK);
    ggs_noise_gumbelf(g2, COUNT, &q2);
    ck_assert(memcmp(g1, g2, sizeof g1) == 0 && memcmp(&q1, &q2, sizeof q1) == 0);
    for (int k = 0; k < N; k++)
        lp[k] = -log((double)N);
    for (int i = 0; i < ROWS * N; i++)
        a[i] = (float)(i % 7) * 0.25f;
    a[900 * N + 5] = HUGE_VALF;      /* the later bad row, in the second half */
    a[700 * N + 3] = NAN;            /* the first bad row */
    ck_assert_int_eq(ggs_latent_implicitf(lq, q, kl, a, lp, ROWS, N), GGS_EDOM);
    ck_assert_msg(strstr(ggs_last_error(), "a[row 700, 3]") != NULL, "%s", ggs_last_error());
    ck_assert_msg(strstr(ggs_last_error(), "ggs_latent_implicitf") != NULL, "%s",
                  ggs_last_error());
    a[600] = NAN;                    /* explicit: rows of one parameter */
    ck_assert_int_eq(ggs_latent_explicitf(NULL, NULL, lq, NULL, NULL, NULL, a,
                                          GGS_POISSON, 0, lp, ROWS, N), GGS_EDOM);
    ck_assert_msg(strstr(ggs_last_error(), "a[row 600, 0]") != NULL, "%s", ggs_last_error());
    ck_assert_msg(strstr(ggs_last_error(), "ggs_latent_explicitf") != NULL, "%s",
                  ggs_last_error());
    ck_assert_int_eq(ggs_nn_set_kernel_threads(1), GGS_OK);
}
END_TEST
#line 8738 "book/20-vae.nw"
START_TEST(test_command_runs)
{
    char data[VAE_TEST_PATH], out[VAE_TEST_PATH + 8], p[VAE_TEST_PATH + 64], csv[20000];
    double first, last;
    int lines = 0;
    png_image im;
    make_data(data, sizeof data);
    snprintf(out, sizeof out, "%s/run", data);
    ck_assert_msg(run(SMALL " --epochs 3 --out %s --iw-samples 8", data, out) == 0, "%s",
                  vae_err);
    snprintf(p, sizeof p, "%s/log.csv", out);
    csv_without_times(csv, sizeof csv, p);
    for (char *c = csv; *c; c++)
        lines += *c == '\n';
    ck_assert_int_eq(lines, 4);
    ck_assert_msg(strncmp(csv, "epoch,step,tau,train_nelbo_relaxed,train_recon_relaxed,"
                          "train_kl,test_nelbo,test_recon,test_kl,test_nelbo_relaxed,", 100) == 0,
                  "%s", csv);
    ck_assert(sscanf(strchr(csv, '\n') + 1, "1,%*d,%*g,%*g,%*g,%*g,%lg", &first) == 1);
    ck_assert(sscanf(strstr(csv, "\n3,") + 1, "3,%*d,%*g,%*g,%*g,%*g,%lg", &last) == 1);
    ck_assert_msg(last < first, "test NELBO %g -> %g", first, last);
    ck_assert(strstr(vae_out, "epoch 3/3") != NULL);
    ck_assert_msg(strstr(vae_out, "train (relaxed) ") != NULL
                  && strstr(vae_out, "relaxed (not a bound) ") != NULL, "%s", vae_out);
    snprintf(p, sizeof p, "%s/reconstructions.png", out);
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    ck_assert(png_image_begin_read_from_file(&im, p));
    ck_assert_uint_eq(im.width, 2 + 8 * (6 + 2));
    ck_assert_uint_eq(im.height, 2 + 2 * 2 * (6 + 2));
    png_image_free(&im);
    snprintf(p, sizeof p, "%s/samples.png", out);
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    ck_assert(png_image_begin_read_from_file(&im, p));
    ck_assert_uint_eq(im.height, 2 + 2 * (6 + 2));
    png_image_free(&im);
    tmp_remove(data);
}
END_TEST
#line 8786 "book/20-vae.nw"
START_TEST(test_resume_equals_uninterrupted)
{
    static unsigned char a[1 << 20], b[1 << 20];
    static char ca[20000], cb[20000];
    char data[VAE_TEST_PATH], d[3][VAE_TEST_PATH + 8], p[VAE_TEST_PATH + 64];
    size_t la, lb;
    make_data(data, sizeof data);
    for (int i = 0; i < 3; i++)
        snprintf(d[i], sizeof d[i], "%s/%c", data, 'A' + i);
#define OPTS SMALL " --binarize dynamic --inference explicit --prior negbin:3,0.5 --out %s"
    ck_assert_msg(run(OPTS " --epochs 2", data, d[0]) == 0, "%s", vae_err);
    ck_assert_msg(run(OPTS " --epochs 1", data, d[1]) == 0, "%s", vae_err);
    ck_assert_msg(run(OPTS " --epochs 2 --resume", data, d[1]) == 0, "%s", vae_err);
    ck_assert_int_eq(run(OPTS " --epochs 2 --stop-after 6", data, d[2]), 130);
    ck_assert(strstr(vae_err, "interrupted") != NULL);
    ck_assert_msg(run(OPTS " --epochs 2 --resume", data, d[2]) == 0, "%s", vae_err);
#undef OPTS
    snprintf(p, sizeof p, "%s/checkpoint.bin", d[0]);
    la = read_file(a, sizeof a, p);
    ck_assert(la > 1000 && la < sizeof a);
    for (int i = 1; i < 3; i++) {
        snprintf(p, sizeof p, "%s/checkpoint.bin", d[i]);
        lb = read_file(b, sizeof b, p);
        ck_assert_msg(la == lb && memcmp(a, b, la) == 0, "checkpoint %c differs from A",
                      'A' + i);
        snprintf(p, sizeof p, "%s/log.csv", d[0]);
        csv_without_times(ca, sizeof ca, p);
        snprintf(p, sizeof p, "%s/log.csv", d[i]);
        csv_without_times(cb, sizeof cb, p);
        ck_assert_msg(strcmp(ca, cb) == 0, "log %c differs:\n%s\nvs\n%s", 'A' + i, ca, cb);
    }
    tmp_remove(data);
}
END_TEST
#line 8827 "book/20-vae.nw"
START_TEST(test_ztpoisson_command)
{
    static unsigned char ck[1 << 20];
    char data[VAE_TEST_PATH], out[VAE_TEST_PATH + 8], p[VAE_TEST_PATH + 64], csv[20000];
    static const char *const mode[2] = { "explicit", "implicit" };
    make_data(data, sizeof data);
    for (int i = 0; i < 2; i++) {
        double first, last;
        size_t len;
        snprintf(out, sizeof out, "%s/%c", data, 'Z' - i);
        ck_assert_msg(run(SMALL " --prior ztpoisson:2 --inference %s --epochs 2 --out %s",
                          data, mode[i], out) == 0, "%s", vae_err);
        ck_assert_msg(run(SMALL " --prior ztpoisson:2 --inference %s --epochs 4 --resume "
                          "--out %s", data, mode[i], out) == 0, "%s", vae_err);
        snprintf(p, sizeof p, "%s/log.csv", out);
        csv_without_times(csv, sizeof csv, p);
        ck_assert(sscanf(strchr(csv, '\n') + 1, "1,%*d,%*g,%lg", &first) == 1);
        ck_assert(sscanf(strstr(csv, "\n4,") + 1, "4,%*d,%*g,%lg", &last) == 1);
        ck_assert_msg(last < first, "%s: training loss (relaxed) %g -> %g", mode[i], first,
                      last);
        snprintf(p, sizeof p, "%s/checkpoint.bin", out);
        len = read_file(ck, sizeof ck - 1, p);
        ck[len] = '\0';
        ck_assert(len > 16 && strstr((const char *)ck + 16, " start=1") != NULL);
    }
    tmp_remove(data);
}
END_TEST

#line 8863 "book/20-vae.nw"
static void check_resumed_equals_whole(const char *data, const char *opts, int t)
{
    static unsigned char a[1 << 20], b[1 << 20];
    static char ca[20000], cb[20000];
    char d[2][VAE_TEST_PATH + 16], p[VAE_TEST_PATH + 64];
    size_t la, lb;
    for (int i = 0; i < 2; i++)
        snprintf(d[i], sizeof d[i], "%s/%c%d", data, 'A' + i, t);
#define OPTS SMALL " %s --shards 2 --out %s"
    ck_assert_msg(run(OPTS " --epochs 2", data, opts, d[0]) == 0, "%s: %s", opts, vae_err);
    ck_assert_msg(strstr(vae_out, "train (discrete) ") != NULL
                  && strstr(vae_out, "train (relaxed)") == NULL, "%s: %s", opts, vae_out);
    ck_assert_int_eq(run(OPTS " --epochs 2 --stop-after 6", data, opts, d[1]), 130);
    ck_assert_msg(run(OPTS " --epochs 2 --resume", data, opts, d[1]) == 0, "%s: %s", opts,
                  vae_err);
#undef OPTS
    snprintf(p, sizeof p, "%s/checkpoint.bin", d[0]);
    la = read_file(a, sizeof a, p);
    snprintf(p, sizeof p, "%s/checkpoint.bin", d[1]);
    lb = read_file(b, sizeof b, p);
    ck_assert_msg(la > 1000 && la == lb && memcmp(a, b, la) == 0, "%s: checkpoints differ",
                  opts);
    snprintf(p, sizeof p, "%s/log.csv", d[0]);
    csv_without_times(ca, sizeof ca, p);
    snprintf(p, sizeof p, "%s/log.csv", d[1]);
    csv_without_times(cb, sizeof cb, p);
    ck_assert_msg(strcmp(ca, cb) == 0, "%s: logs differ:\n%s\nvs\n%s", opts, ca, cb);
    ck_assert_msg(strncmp(ca, "epoch,step,tau,train_nelbo_discrete,train_recon_discrete,", 57)
                  == 0, "%s: %s", opts, ca);
}
#line 8899 "book/20-vae.nw"
START_TEST(test_rfstar_command)
{
    static const char *other[][2] = {
        { "M", "--estimator muprop" }, { "N", "--estimator nvil" },
        { "V", "--estimator vimco --samples 4" }, { "R", "--estimator rebar" }
    };
    char data[VAE_TEST_PATH], p[VAE_TEST_PATH + 64];
    make_data(data, sizeof data);
    check_resumed_equals_whole(data, "--estimator rf* --samples 3", 0);
    snprintf(p, sizeof p, "%s/B0", data);
    ck_assert_int_eq(run(SMALL " --epochs 3 --resume --out %s", data, p), 1);
    ck_assert_msg(strstr(vae_err, "estimator=rf*") != NULL, "%s", vae_err);
    for (size_t k = 0; k < sizeof other / sizeof other[0]; k++) {
        snprintf(p, sizeof p, "%s/%s", data, other[k][0]);
        ck_assert_msg(run(SMALL " %s --epochs 1 --out %s", data, other[k][1], p) == 0,
                      "%s: %s", other[k][1], vae_err);
        ck_assert_msg(strstr(vae_out, "train (discrete) ") != NULL, "%s: %s", other[k][1],
                      vae_out);
    }
    tmp_remove(data);
}
END_TEST
#line 8926 "book/20-vae.nw"
START_TEST(test_relax_storb_command)
{
    char data[VAE_TEST_PATH], p[VAE_TEST_PATH + 64];
    make_data(data, sizeof data);
    check_resumed_equals_whole(data, "--estimator relax", 1);
    check_resumed_equals_whole(data, "--estimator storb* --samples 3", 2);
    snprintf(p, sizeof p, "%s/S", data);
    ck_assert_int_eq(run(SMALL " --estimator storb --out %s", data, p), 2);
    ck_assert_msg(strstr(vae_err, "--estimator = 'storb' is StoRB without") != NULL
                  && strstr(vae_err, "write storb*") != NULL, "%s", vae_err);
    ck_assert_int_eq(run(SMALL " --estimator frob --out %s", data, p), 2);
    ck_assert_msg(strstr(vae_err, "storb*") != NULL && strstr(vae_err, " storb,") == NULL
                  && strstr(vae_err, " storb ") == NULL, "%s", vae_err);
    ck_assert_int_eq(run(SMALL " --estimator relax --samples 3 --out %s", data, p), 2);
    tmp_remove(data);
}
END_TEST
#line 8950 "book/20-vae.nw"
START_TEST(test_nan_stops_and_keeps_checkpoint)
{
    static unsigned char a[1 << 20], b[1 << 20];
    char data[VAE_TEST_PATH], d1[VAE_TEST_PATH + 8], d2[VAE_TEST_PATH + 8];
    char p[VAE_TEST_PATH + 64];
    size_t la, lb;
    make_data(data, sizeof data);
    snprintf(d1, sizeof d1, "%s/one", data);
    snprintf(d2, sizeof d2, "%s/nan", data);
    ck_assert_int_eq(run(SMALL " --epochs 1 --out %s", data, d1), 0);
    ck_assert_int_eq(run(SMALL " --epochs 3 --out %s --nan-after 6", data, d2), 1);
    ck_assert_msg(strstr(vae_err, "epoch 2, step 7") != NULL
                  && strstr(vae_err, "not finite") != NULL
                  && strstr(vae_err, "is kept") != NULL, "%s", vae_err);
    snprintf(p, sizeof p, "%s/checkpoint.bin", d1);
    la = read_file(a, sizeof a, p);
    snprintf(p, sizeof p, "%s/checkpoint.bin", d2);
    lb = read_file(b, sizeof b, p);
    ck_assert(la == lb && memcmp(a, b, la) == 0);
    snprintf(d2, sizeof d2, "%s/nan1", data);
    ck_assert_int_eq(run(SMALL " --epochs 3 --out %s --nan-after 2", data, d2), 1);
    ck_assert_msg(strstr(vae_err, "epoch 1, step 3") != NULL
                  && strstr(vae_err, "no checkpoint was written") != NULL
                  && strstr(vae_err, "is kept") == NULL, "%s", vae_err);
    snprintf(p, sizeof p, "%s/checkpoint.bin", d2);
    ck_assert_int_ne(access(p, F_OK), 0);
    tmp_remove(data);
}
END_TEST
#line 8982 "book/20-vae.nw"
START_TEST(test_usage_errors)
{
    static const char *bad[] = {
        "vae --bogus 1", "vae --epochs", "vae --epochs 0", "vae --epochs 1x",
        "vae --prior binomial:10,0.5", "vae --prior poisson:-1", "vae --n 1", "vae --n 5000",
        "vae --inference maybe", "vae --hidden 5,,3", "vae --hidden 1,2,3,4,5",
        "vae --tau0 0.5 --tau-min 0.7", "vae --data idx", "vae --data cifar", "vae --lr -1",
        "vae --binarize maybe", "vae --batch 0", "vae stray", "vae --threads 0",
        "vae --shards 0", "vae --shards 9", "vae --data binarized-mnist",
        "vae --data omniglot", "vae --estimator rf", "vae --samples 3",
        "vae --estimator rf* --samples 1", "vae --estimator rf* --straight-through",
        "vae --estimator rf* --samples 4 --batch 30000", "vae --estimator muprop --samples 3",
        "vae --estimator muprop --straight-through", "vae --estimator nvil --samples 2",
        "vae --estimator vimco --samples 65"
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(run("%s", bad[i]) == 2, "'%s' did not exit 2: %s", bad[i], vae_err);
        ck_assert_msg(strncmp(vae_err, "gengs: error: ", 14) == 0, "%s", vae_err);
    }
    ck_assert_int_eq(run("vae --help"), 0);
    ck_assert(strstr(vae_out, "--iw-samples") != NULL && strstr(vae_out, "--resume") != NULL);
    ck_assert(strstr(vae_out, "relaxed (not a bound)") != NULL);
    ck_assert(strstr(vae_out, "make data") != NULL && strstr(vae_out, "shared") == NULL);
}
END_TEST
#line 9013 "book/20-vae.nw"
static void write_bytes(const char *path, const unsigned char *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, len, f), len);
    fclose(f);
}

START_TEST(test_data_errors)
{
    char data[VAE_TEST_PATH], p[VAE_TEST_PATH + 64], out[VAE_TEST_PATH + 8];
    unsigned char bad_magic[16] = { 1, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2 };
    unsigned char huge[16] = { 0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                               0xff, 0xff, 0xff, 0xff };
    unsigned char trunc[20] = { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4 };
    gzFile gz;
    make_data(data, sizeof data);
    snprintf(out, sizeof out, "%s/out", data);
    snprintf(p, sizeof p, "%s/missing", data);
    ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s", p, out), 1);
    ck_assert_msg(strstr(vae_err, "missing") != NULL, "%s", vae_err);
    snprintf(p, sizeof p, "%s/test-images-idx3-ubyte", data);
    unlink(p);
    ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s", data, out), 1);
    ck_assert_msg(strstr(vae_err, "test-images-idx3-ubyte' (nor '") != NULL
                  && strstr(vae_err, "test-images-idx3-ubyte.gz')") != NULL, "%s", vae_err);
    write_bytes(p, bad_magic, sizeof bad_magic);
    ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s", data, out), 1);
    ck_assert_msg(strstr(vae_err, "test-images") != NULL, "%s", vae_err);
    write_bytes(p, trunc, sizeof trunc);
    ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s", data, out), 1);
    ck_assert_msg(strstr(vae_err, "truncated") != NULL, "%s", vae_err);
    write_bytes(p, huge, sizeof huge);
    ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s", data, out), 1);
    ck_assert_msg(strstr(vae_err, "test-images") != NULL, "%s", vae_err);
    unlink(p);
    snprintf(p, sizeof p, "%s/test-images-idx3-ubyte.gz", data);
    gz = gzopen(p, "wb");
    ck_assert_ptr_nonnull(gz);
    gzwrite(gz, trunc, sizeof trunc);
    gzclose(gz);
    {   /* damage a byte of the compressed stream */
        unsigned char buf[256];
        size_t len = read_file(buf, sizeof buf, p);
        buf[len - 6] ^= 0xff;
        write_bytes(p, buf, len);
    }
    ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s", data, out), 1);
    ck_assert_msg(strstr(vae_err, "test-images-idx3-ubyte.gz") != NULL, "%s", vae_err);
    write_images(p, 16, 6, 2);   /* plain bytes under the .gz name: recompress them */
    {
        unsigned char buf[16 + 16 * 36 + 64];
        size_t len = read_file(buf, sizeof buf, p);
        ck_assert_uint_eq(len, 16 + 16 * 36);
        gz = gzopen(p, "wb0");
        ck_assert_ptr_nonnull(gz);
        ck_assert_int_eq(gzwrite(gz, buf, (unsigned)len), (int)len);
        ck_assert_int_eq(gzclose(gz), Z_OK);
        ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s --epochs 1 --hidden 4 "
                             "--latent 2 --batch 16", data, out), 0);
        tmp_remove(out);
        len = read_file(buf, sizeof buf, p);
        write_bytes(p, buf, len - 8);   /* every data byte, no trailer */
    }
    ck_assert_int_eq(run("vae --data idx --data-dir %s --out %s", data, out), 1);
    ck_assert_msg(strstr(vae_err, "test-images-idx3-ubyte.gz") != NULL
                  && strstr(vae_err, "truncated gzip stream") != NULL, "%s", vae_err);
    ck_assert_int_ne(access(out, F_OK), 0);   /* nothing was written */
    tmp_remove(data);
}
END_TEST
#line 9092 "book/20-vae.nw"
/* write an IDX label file of n byte labels (i mod 10) */
static void write_labels(const char *path, unsigned n)
{
    FILE *f = fopen(path, "wb");
    unsigned char h[8] = { 0, 0, 8, 1, 0, 0, (unsigned char)(n >> 8), (unsigned char)n };
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(h, 1, 8, f), 8);
    for (unsigned i = 0; i < n; i++)
        fputc((int)(i % 10), f);
    fclose(f);
}

START_TEST(test_default_data)
{
    char home[VAE_TEST_PATH], dir[VAE_TEST_PATH];
    ck_assert_ptr_nonnull(getcwd(home, sizeof home));
    tmp_dir(dir, sizeof dir);
    ck_assert_int_eq(chdir(dir), 0);
    ck_assert_int_eq(run("vae --epochs 1"), 1);
    ck_assert_msg(strstr(vae_err, "'build/data/mnist'") != NULL
                  && strstr(vae_err, "make data") != NULL, "%s", vae_err);
    ck_assert_int_ne(access("vae-out", F_OK), 0);
    ck_assert_int_eq(ggs_mkdirs("build/data/mnist"), 0);
    write_images("build/data/mnist/train-images-idx3-ubyte", 64, 6, 1);
    write_labels("build/data/mnist/train-labels-idx1-ubyte", 64);
    write_images("build/data/mnist/t10k-images-idx3-ubyte", 16, 6, 2);
    write_labels("build/data/mnist/t10k-labels-idx1-ubyte", 16);
    ck_assert_msg(run("vae --epochs 1 --hidden 4 --latent 2 --batch 16") == 0, "%s", vae_err);
    ck_assert_msg(strstr(vae_out, "epoch 1/1") != NULL, "%s", vae_out);
    ck_assert_int_eq(access("vae-out/checkpoint.bin", F_OK), 0);
    ck_assert_int_eq(chdir(home), 0);
    tmp_remove(dir);
}
END_TEST
#line 9132 "book/20-vae.nw"
START_TEST(test_checkpoint_errors)
{
    static unsigned char buf[1 << 20];
    char data[VAE_TEST_PATH], out[VAE_TEST_PATH + 8], p[VAE_TEST_PATH + 64];
    size_t len;
    make_data(data, sizeof data);
    snprintf(out, sizeof out, "%s/run", data);
    ck_assert_int_eq(run(SMALL " --epochs 1 --out %s --resume", data, out), 1);
    ck_assert_int_eq(run(SMALL " --epochs 1 --out %s", data, out), 0);
    ck_assert_int_eq(run(SMALL " --epochs 2 --out %s", data, out), 1);
    ck_assert(strstr(vae_err, "--resume") != NULL);
    ck_assert_int_eq(run(SMALL " --epochs 2 --out %s --resume --lr 0.01", data, out), 1);
    ck_assert(strstr(vae_err, "other settings") != NULL);
    ck_assert_msg(strstr(vae_err, "  lr: checkpoint 0.001, this run 0.01\n") != NULL, "%s",
                  vae_err);
    ck_assert_int_eq(run(SMALL " --epochs 2 --out %s --resume --lr 0.002 --seed 7", data, out),
                     1);
    ck_assert_msg(strstr(vae_err, "  lr: checkpoint 0.001, this run 0.002\n"
                                  "  seed: checkpoint 4, this run 7\n") != NULL, "%s", vae_err);
    snprintf(p, sizeof p, "%s/checkpoint.bin", out);
    len = read_file(buf, sizeof buf, p);
    buf[200] ^= 1;
    write_bytes(p, buf, len);
    ck_assert_int_eq(run(SMALL " --epochs 2 --out %s --resume", data, out), 1);
    ck_assert_msg(strstr(vae_err, "corrupt") != NULL, "%s", vae_err);
    buf[200] ^= 1;
    write_bytes(p, buf, len - 100);
    ck_assert_int_eq(run(SMALL " --epochs 2 --out %s --resume", data, out), 1);
    ck_assert_msg(strstr(vae_err, "truncated") != NULL, "%s", vae_err);
    write_bytes(p, buf, 300);
    ck_assert_int_eq(run(SMALL " --epochs 2 --out %s --resume", data, out), 1);
    ck_assert_msg(strstr(vae_err, "truncated") != NULL, "%s", vae_err);
    write_bytes(p, buf, len);
    ck_assert_int_eq(run(SMALL " --epochs 2 --out %s --resume", data, out), 0);
    tmp_remove(data);
}
END_TEST
#line 9177 "book/20-vae.nw"
START_TEST(test_png_writer)
{
    char dir[VAE_TEST_PATH], p[VAE_TEST_PATH + 64];
    const uint8_t pix[6] = { 0, 50, 100, 150, 200, 255 };
    uint8_t back[6], sig[8];
    png_image im;
    tmp_dir(dir, sizeof dir);
    snprintf(p, sizeof p, "%s/a.png", dir);
    ck_assert_int_eq(ggs_png_write_gray(p, pix, 3, 2), GGS_OK);
    ck_assert_uint_eq(read_file(sig, 8, p), 8);
    ck_assert(memcmp(sig, "\211PNG\r\n\032\n", 8) == 0);
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    ck_assert(png_image_begin_read_from_file(&im, p));
    ck_assert(im.width == 3 && im.height == 2);
    im.format = PNG_FORMAT_GRAY;
    ck_assert(png_image_finish_read(&im, NULL, back, 3, NULL));
    ck_assert(memcmp(back, pix, 6) == 0);
    ck_assert_int_eq(ggs_png_write_gray(p, pix, 0, 2), GGS_EINVAL);
    snprintf(p, sizeof p, "%s/no/such/dir/a.png", dir);
    ck_assert_int_eq(ggs_png_write_gray(p, pix, 3, 2), GGS_EIO);
    ck_assert(strstr(ggs_last_error(), "no/such") != NULL);
    snprintf(p, sizeof p, "%s/sub", dir);                 /* a directory in the way */
    ck_assert_int_eq(mkdir(p, 0700), 0);
    ck_assert_int_eq(ggs_png_write_gray(p, pix, 3, 2), GGS_EIO);
    ck_assert(strstr(ggs_last_error(), "cannot write") != NULL);
    ck_assert(access(p, F_OK) == 0 && rmdir(p) == 0);     /* still a directory */
    tmp_remove(dir);
}
END_TEST

START_TEST(test_atomic_full_disk)
{
    char dir[VAE_TEST_PATH], tmp[VAE_TEST_PATH + 64], p[VAE_TEST_PATH + 64];
    FILE *f;
    tmp_dir(dir, sizeof dir);
    snprintf(p, sizeof p, "%s/a.bin", dir);
    f = ggs_atomic_open(tmp, sizeof tmp, p);                /* creates a.bin.tmp */
    ck_assert_ptr_nonnull(f);
    fclose(f);
    f = fopen("/dev/full", "w");
    ck_assert_ptr_nonnull(f);
    fputs("every write to /dev/full fails", f);
    ck_assert_int_eq(ggs_atomic_commit(f, tmp, p), GGS_EIO);
    ck_assert_msg(strstr(ggs_last_error(), "No space") != NULL, "%s", ggs_last_error());
    ck_assert(access(tmp, F_OK) != 0 && access(p, F_OK) != 0);
    ck_assert_str_eq(ggs_strerror(GGS_EIO), "input/output error");
    tmp_remove(dir);
}
END_TEST

#line 7317 "book/20-vae.nw"
Suite *make_vae_suite(void)
{
    Suite *s = suite_create("vae");
    TCase *core = tcase_create("Core"), *model = tcase_create("Model");
    TCase *cmd = tcase_create("Command"), *errors = tcase_create("Errors");
    
#line 9229 "book/20-vae.nw"
tcase_add_test(core, test_explicit_against_library);
tcase_add_test(core, test_generic_row_against_fast);
tcase_add_test(core, test_generic_rows_ztpoisson);
tcase_add_test(core, test_poisson_kl_closed_form);
tcase_add_test(core, test_implicit_against_library);
tcase_add_test(core, test_gengs_batch_against_library);
tcase_add_test(core, test_float_kernels);
tcase_add_test(errors, test_kernel_errors);
tcase_add_test(model, test_objective_gradient);
tcase_add_test(model, test_score_estimators_unbiased);
tcase_add_test(model, test_vimco_far_apart);
tcase_add_test(model, test_loss_falls);
tcase_add_test(model, test_relax_rho_gradient);
tcase_add_test(model, test_relax_storb_loss_falls);
tcase_add_test(model, test_ztpoisson_gradient);
tcase_add_test(model, test_ztpoisson_prior_trains);
tcase_add_test(model, test_threads_change_no_bit);
tcase_add_test(errors, test_threads_noise_and_first_error);
tcase_add_test(errors, test_model_errors);
tcase_add_test(cmd, test_command_runs);
tcase_add_test(cmd, test_resume_equals_uninterrupted);
tcase_add_test(cmd, test_rfstar_command);
tcase_add_test(cmd, test_relax_storb_command);
tcase_add_test(cmd, test_ztpoisson_command);
tcase_add_test(cmd, test_nan_stops_and_keeps_checkpoint);
tcase_add_test(errors, test_usage_errors);
tcase_add_test(errors, test_data_errors);
tcase_add_test(cmd, test_default_data);
tcase_add_test(errors, test_checkpoint_errors);
tcase_add_test(cmd, test_png_writer);
tcase_add_test(cmd, test_atomic_full_disk);
#line 7323 "book/20-vae.nw"
    suite_add_tcase(s, core);
    suite_add_tcase(s, model);
    suite_add_tcase(s, cmd);
    suite_add_tcase(s, errors);
    return s;
}
