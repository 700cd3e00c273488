#!/usr/bin/env python3
"""PyTorch twin of bench/Myelin.Bench: the same workloads (see BENCH.md), the same method, the
same JSON-lines output with "impl":"pytorch".

    /usr/bin/python3 bench/pytorch_bench.py --workload NAME|all --threads N [--seconds S] [--data DIR]

Needs Debian's python3-torch (and libopenblas0-pthread for OpenBLAS). The thread count also
limits OpenBLAS's own pool, which torch.set_num_threads does not reach.
"""
import argparse
import ctypes
import ctypes.util
import gzip
import json
import os
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def limit_openblas(threads):
    for name in ("openblas", "openblas64_", "openblaso", "openblasp"):
        path = ctypes.util.find_library(name)
        if not path:
            continue
        try:
            lib = ctypes.CDLL(path)
            for fn in ("openblas_set_num_threads", "openblas_set_num_threads64_"):
                if hasattr(lib, fn):
                    getattr(lib, fn)(threads)
                    return True
        except OSError:
            pass
    return False


def median_seconds_per_call(call, seconds):
    # Same warm-up as the Myelin runner: at least a third of the measuring time and 30 calls.
    start = time.perf_counter()
    warmup = max(0.5, seconds / 3)
    n = 0
    per_call = 0.0
    while n < 30 or time.perf_counter() - start < warmup:
        t0 = time.perf_counter()
        call()
        per_call = time.perf_counter() - t0
        n += 1
        if time.perf_counter() - start > 4 * warmup and n >= 3:
            break
    chunks = 7
    per_chunk = max(1, int(seconds / chunks / max(per_call, 1e-9)))
    times = []
    for _ in range(chunks):
        t0 = time.perf_counter()
        for _ in range(per_chunk):
            call()
        times.append((time.perf_counter() - t0) / per_chunk)
    times.sort()
    return times[chunks // 2]


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


def train_step(model, opt, loss_fn, x, y):
    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return step


class LstmModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(64, 128, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1])


class TransformerModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(128, 4, 512, dropout=0.0, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc(self.layer(x).mean(dim=1))


def timed(name, seconds, call, metric, unit, to_value):
    s = median_seconds_per_call(call, seconds)
    return [(metric, to_value(s), unit)]


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def fashion(data_dir, train):
    prefix = "train" if train else "t10k"
    def find(kind):
        for suffix in ("-ubyte.gz", "-ubyte"):
            p = os.path.join(data_dir, f"{prefix}-{kind}{suffix}")
            if os.path.exists(p):
                return p
        raise FileNotFoundError(f"{prefix}-{kind}-ubyte(.gz) in {data_dir}")
    x = read_idx(find("images-idx3")).float().div(255).unsqueeze(1)
    y = read_idx(find("labels-idx1")).long()
    return x, y


def fmnist_run(model, opt, batch, epochs, data_dir, flatten, seed):
    x, y = fashion(data_dir, True)
    xt, yt = fashion(data_dir, False)
    if flatten:
        x, xt = x.flatten(1), xt.flatten(1)
    g = torch.Generator().manual_seed(seed)
    t0 = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    train_seconds = time.perf_counter() - t0
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    return [("test_accuracy", acc, "fraction"), ("train_seconds", train_seconds, "s")]


def run(name, seconds, data_dir, seed=1):
    torch.manual_seed(seed)
    if name.startswith("gemm-"):
        n = int(name.split("-")[1])
        a, b = torch.randn(n, n), torch.randn(n, n)
        return timed(name, seconds, lambda: torch.mm(a, b), "gflops", "GFLOP/s", lambda s: 2 * n ** 3 / s / 1e9)
    if name == "mlp-train":
        m = mlp()
        x, y = torch.randn(128, 784), torch.randint(0, 10, (128,))
        opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
        return timed(name, seconds, train_step(m, opt, F.cross_entropy, x, y), "samples_per_s", "samples/s", lambda s: 128 / s)
    if name == "mlp-infer-1":
        m = mlp().eval()
        x = torch.randn(1, 784)
        def call():
            with torch.no_grad():
                m(x)
        return timed(name, seconds, call, "latency_us", "us", lambda s: s * 1e6)
    if name == "tiny-mlp-step":
        m = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))
        x, y = torch.randn(1, 2), torch.randn(1, 1)
        opt = torch.optim.SGD(m.parameters(), lr=0.01)
        return timed(name, seconds, train_step(m, opt, F.mse_loss, x, y), "steps_per_s", "steps/s", lambda s: 1 / s)
    if name == "cnn-train":
        m = cnn()
        x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        return timed(name, seconds, train_step(m, opt, F.cross_entropy, x, y), "samples_per_s", "samples/s", lambda s: 64 / s)
    if name == "lstm-train":
        m = LstmModel()
        x, y = torch.randn(32, 32, 64), torch.randint(0, 10, (32,))
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        return timed(name, seconds, train_step(m, opt, F.cross_entropy, x, y), "sequences_per_s", "sequences/s", lambda s: 32 / s)
    if name == "transformer-train":
        m = TransformerModel()
        x, y = torch.randn(16, 64, 128), torch.randint(0, 10, (16,))
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        return timed(name, seconds, train_step(m, opt, F.cross_entropy, x, y), "samples_per_s", "samples/s", lambda s: 16 / s)
    if name == "fmnist-mlp-5ep":
        m = mlp()
        return fmnist_run(m, torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9), 128, 5, data_dir, True, seed)
    if name == "fmnist-cnn-3ep":
        m = cnn()
        return fmnist_run(m, torch.optim.Adam(m.parameters(), lr=1e-3), 64, 3, data_dir, False, seed)
    raise SystemExit(f"unknown workload {name}")


WORKLOADS = ["gemm-256", "gemm-512", "gemm-1024", "gemm-2048", "mlp-train", "mlp-infer-1", "tiny-mlp-step",
             "cnn-train", "lstm-train", "transformer-train", "fmnist-mlp-5ep", "fmnist-cnn-3ep"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workload", required=True)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--seed", type=int, default=1, help="seeds the weights and shuffling of the Fashion-MNIST runs")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    limit_openblas(args.threads)
    names = WORKLOADS if args.workload == "all" else [args.workload]
    for name in names:
        print(f"{name}: running", file=sys.stderr)
        for metric, value, unit in run(name, args.seconds, args.data, args.seed):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
            print(json.dumps({"workload": name, "impl": "pytorch", "threads": args.threads, "metric": metric,
                              "value": round(value, 3), "unit": unit, "peak_rss_mb": round(peak, 1)}), flush=True)


if __name__ == "__main__":
    main()
