#line 425 "book/35-nvpdef-speed.nw"
# Generated from book/35-nvpdef-speed.nw; do not edit.
# The PyTorch reference of bench-nvpdef:
#   python3 bench/pytorch-nvpdef.py TORCH_THREADS [explicit|implicit|nvdm]
# (OPENBLAS_NUM_THREADS in the environment sets the threads of the products).
import os, resource, sys, time
import torch
import torch.nn.functional as F

B, V, H, K, N, NDOCS = 64, 1995, 500, 50, 20, 11314
LEN_MIN, LEN_SPAN, ZIPF_S = 100, 101, 1.0
MIN_SECONDS, WINDOWS, LAM0, LR, TAU = 0.6, 5, 1.0, 5e-4, 1.0

#line 444 "book/35-nvpdef-speed.nw"
def make_corpus(gen):
    p = torch.arange(1, V + 1, dtype=torch.float64).pow(-ZIPF_S)
    lengths = LEN_MIN + torch.randint(0, LEN_SPAN, (NDOCS,), generator=gen)
    words, counts, row = [], [], [0]
    for d in range(NDOCS):
        tokens = torch.multinomial(p, int(lengths[d]), replacement=True, generator=gen)
        w, c = torch.unique(tokens, return_counts=True)
        words.append(w)
        counts.append(c)
        row.append(row[-1] + len(w))
    return (torch.tensor(row), torch.cat(words), torch.cat(counts).to(torch.float32),
            lengths)


def dense_batch(corpus, docs):
    row, words, counts, _ = corpus
    starts, ends = row[docs], row[docs + 1]
    sizes = ends - starts
    idx = torch.cat([torch.arange(int(s), int(e)) for s, e in zip(starts, ends)])
    r = torch.repeat_interleave(torch.arange(len(docs)), sizes)
    x = torch.zeros(len(docs), V)
    x[r, words[idx]] = counts[idx]
    return x
#line 469 "book/35-nvpdef-speed.nw"
def truncated_poisson_log_pmf(lam):
    k = torch.arange(N - 1, dtype=lam.dtype)
    head = k * torch.log(lam.unsqueeze(-1)) - lam.unsqueeze(-1) - torch.lgamma(k + 1)
    tail = torch.log(torch.special.gammainc(torch.full_like(lam, N - 1.0), lam))
    return torch.cat([head, tail.unsqueeze(-1)], dim=-1)


class TopicModel(torch.nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind
        P = (1, N, 2)[kind]
        self.enc = torch.nn.Sequential(
            torch.nn.Linear(V, H), torch.nn.Tanh(), torch.nn.Linear(H, H), torch.nn.Tanh(),
            torch.nn.Linear(H, K * P))
        self.dec = torch.nn.Linear(K, V)
        self.c = torch.arange(N, dtype=torch.float32)
        self.logp = truncated_poisson_log_pmf(torch.tensor(LAM0))

    def loss(self, x, tau):
        a = self.enc(x)
        if self.kind == 2:
            mu, logsd = a[:, :K], a[:, K:]
            z = mu + torch.exp(logsd) * torch.randn_like(mu)
            kl = 0.5 * (mu * mu + torch.exp(2 * logsd) - 1 - 2 * logsd).sum()
        else:
            if self.kind == 1:
                logq = F.log_softmax(a.view(-1, K, N), dim=-1)
            else:
                logq = truncated_poisson_log_pmf(F.softplus(a) + 1e-6)
            u = torch.rand_like(logq).clamp_(1e-20, 1.0)
            y = F.softmax((logq - torch.log(-torch.log(u))) / tau, dim=-1)
            z = y @ self.c
            kl = (logq.exp() * (logq - self.logp)).sum()
        ll = (x * F.log_softmax(self.dec(z), dim=-1)).sum()
        return (kl - ll) / x.shape[0]
#line 508 "book/35-nvpdef-speed.nw"
def window(step):
    step()
    calls, t0 = 0, time.perf_counter()
    while True:
        step()
        calls += 1
        t = time.perf_counter() - t0
        if t >= MIN_SECONDS:
            return t / calls


class Run:
    def __init__(self, kind, corpus):
        self.m = TopicModel(kind)
        self.opt = torch.optim.Adam(self.m.parameters(), lr=LR)
        self.corpus = corpus
        self.order, self.pos = None, NDOCS

    def step(self):
        if self.pos + B > NDOCS:
            self.order, self.pos = torch.randperm(NDOCS), 0
        x = dense_batch(self.corpus, self.order[self.pos:self.pos + B])
        self.pos += B
        self.opt.zero_grad(set_to_none=True)
        self.m.loss(x, TAU).backward()
        self.opt.step()


def main():
    names = ("explicit", "implicit", "nvdm")
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    kinds = [names.index(sys.argv[2])] if len(sys.argv) > 2 else [0, 1, 2]
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    corpus = make_corpus(torch.Generator().manual_seed(20240607))
    runs = {k: Run(k, corpus) for k in kinds}
    best = {k: float("inf") for k in kinds}
    for _ in range(WINDOWS):
        for k in kinds:
            best[k] = min(best[k], window(runs[k].step))
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "all cores")
    for k in kinds:
        print("PyTorch %s  %-8s  BLAS threads %-9s  torch threads %d  %6.0f docs/s  %6.2f "
              "ms/step" % (torch.__version__, names[k], blas, threads, B / best[k],
                           1e3 * best[k]))
    print("peak resident memory: %.1f MiB (%.1f tokens, %.1f distinct words per document)"
          % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
             float(corpus[3].float().mean()), len(corpus[1]) / NDOCS))
    sys.stdout.flush()


main()
