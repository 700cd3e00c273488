#!/usr/bin/env python3
"""Runs each workload in Myelin and in PyTorch, one process per workload and implementation, and
prints a table of both figures and the ratio Myelin / PyTorch.

    /usr/bin/python3 bench/compare.py [--workloads gemm-512,mlp-train,...] [--threads 1,2] [--seconds 3] [--repeat 1]

For throughput metrics a ratio above 1 means Myelin is faster; for latency_us and train_seconds
a ratio below 1 means Myelin is faster. PyTorch runs with OMP_WAIT_POLICY=PASSIVE and its
OpenBLAS pool limited to the same thread count (see BENCH.md).

With --repeat N each workload runs N times per implementation, alternating Myelin and PyTorch,
and each keeps its best figure (highest throughput, lowest latency or time): on a shared or
virtual machine that filters out runs slowed by other tenants, for both sides alike.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LOWER_IS_BETTER = {"latency_us", "train_seconds"}


def run(cmd, env=None):
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        return []
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def best(kept, fresh):
    """Per metric, the better of the figures kept so far and a fresh run's (peak memory: the largest seen)."""
    if not kept:
        return fresh
    merged = []
    for old in kept:
        new = next((x for x in fresh if x["metric"] == old["metric"]), None)
        if new is None:
            merged.append(old)
            continue
        lower = old["metric"] in LOWER_IS_BETTER
        winner = dict(min(old, new, key=lambda x: x["value"]) if lower else max(old, new, key=lambda x: x["value"]))
        winner["peak_rss_mb"] = max(old["peak_rss_mb"], new["peak_rss_mb"])
        merged.append(winner)
    return merged


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workloads", default="gemm-256,gemm-512,gemm-1024,gemm-2048,mlp-train,mlp-infer-1,tiny-mlp-step")
    p.add_argument("--threads", default="1,2")
    p.add_argument("--seconds", default="3")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--repeat", type=int, default=1, help="runs per workload and implementation; the best is kept")
    args = p.parse_args()

    subprocess.run(["dotnet", "build", "-c", "Release", "bench/Myelin.Bench"], cwd=ROOT, check=True, capture_output=True)
    bench_dll = os.path.join(ROOT, "bench", "Myelin.Bench", "bin", "Release", "net10.0", "Myelin.Bench.dll")
    torch_env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    rows = []
    for threads in args.threads.split(","):
        for workload in args.workloads.split(","):
            common = ["--workload", workload, "--threads", threads, "--seconds", args.seconds, "--data", args.data]
            mine, theirs = [], []
            for _ in range(max(1, args.repeat)):
                mine = best(mine, run(["dotnet", bench_dll] + common))
                theirs = best(theirs, run(["/usr/bin/python3", os.path.join(HERE, "pytorch_bench.py")] + common, torch_env))
            for m in mine:
                t = next((x for x in theirs if x["metric"] == m["metric"]), None)
                ratio = m["value"] / t["value"] if t and t["value"] else float("nan")
                rows.append((workload, threads, m["metric"], m["value"], t["value"] if t else float("nan"), ratio,
                             m["peak_rss_mb"], t["peak_rss_mb"] if t else float("nan")))
                print(f"{workload:>18} t={threads} {m['metric']:>15}: myelin {m['value']:>12.3f}  pytorch {rows[-1][4]:>12.3f}  ratio {ratio:6.3f}", file=sys.stderr)

    print("| workload | threads | metric | Myelin | PyTorch | Myelin ÷ PyTorch | peak RSS MB (Myelin / PyTorch) |")
    print("|---|---|---|---|---|---|---|")
    for w, th, metric, mv, tv, ratio, mr, tr in rows:
        better = " (lower is better)" if metric in LOWER_IS_BETTER else ""
        print(f"| {w} | {th} | {metric}{better} | {mv:.3f} | {tv:.3f} | {ratio:.3f} | {mr:.0f} / {tr:.0f} |")


if __name__ == "__main__":
    main()
