#line 5853 "book/20-vae.nw"
# Generated from book/20-vae.nw; do not edit.
# The PyTorch reference of bench-vae: python3 bench/pytorch-vae.py TORCH_THREADS
# (OPENBLAS_NUM_THREADS in the environment sets the threads of the products).
import os, sys, time
import torch
import torch.nn.functional as F

K, N, B, D, H1, H2, NTRAIN = 64, 16, 128, 784, 512, 256, 50000
MIN_SECONDS, WINDOWS, LAM0 = 0.6, 5, 2.0

#line 5872 "book/20-vae.nw"
def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def truncated_poisson_log_pmf(lam):
    k = torch.arange(N - 1, dtype=lam.dtype)
    head = k * torch.log(lam.unsqueeze(-1)) - lam.unsqueeze(-1) - torch.lgamma(k + 1)
    tail = torch.log(torch.special.gammainc(torch.full_like(lam, N - 1.0), lam))
    return torch.cat([head, tail.unsqueeze(-1)], dim=-1)


class VAE(torch.nn.Module):
    def __init__(self, implicit):
        super().__init__()
        self.implicit = implicit
        self.enc = mlp([D, H1, H2, K * N if implicit else K])
        self.dec = mlp([K, H2, H1, D])
        self.c = torch.arange(N, dtype=torch.float32)
        self.logp = truncated_poisson_log_pmf(torch.tensor(LAM0))

    def loss(self, x, tau):
        a = self.enc(x)
        if self.implicit:
            logq = F.log_softmax(a.view(-1, K, N), dim=-1)
        else:
            logq = truncated_poisson_log_pmf(F.softplus(a) + 1e-6)
        u = torch.rand_like(logq).clamp_(1e-20, 1.0)
        y = F.softmax((logq - torch.log(-torch.log(u))) / tau, dim=-1)
        logits = self.dec(y @ self.c)
        rec = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
        kl = (logq.exp() * (logq - self.logp)).sum()
        return (rec + kl) / x.shape[0]
#line 5913 "book/20-vae.nw"
def window(step):
    step()
    calls, t0 = 0, time.perf_counter()
    while True:
        step()
        calls += 1
        t = time.perf_counter() - t0
        if t >= MIN_SECONDS:
            return t / calls


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    data = (torch.rand(NTRAIN, D) < 0.13).to(torch.uint8) * 255
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "all cores")
    for implicit in (True, False):
        m = VAE(implicit)
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)

        def step():
            x = (data[torch.randint(0, NTRAIN, (B,))] > 127).to(torch.float32)
            opt.zero_grad(set_to_none=True)
            m.loss(x, 1.0).backward()
            opt.step()
        best = min(window(step) for _ in range(WINDOWS))
        print("PyTorch %s  %-8s  BLAS threads %-9s  torch threads %d  %6.0f img/s"
              % (torch.__version__, "implicit" if implicit else "explicit", blas, threads,
                 B / best))
        sys.stdout.flush()


main()
