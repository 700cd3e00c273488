#!/usr/bin/env python3
"""Generates PyTorch reference values for the loss tests in tests/Myelin.Tests/Losses.

Each case names a loss (the same names appear in LossFixtureTests.cs), its options and its
tensors. The script draws the tensors from a fixed seed in float32, runs the loss in PyTorch,
draws an upstream gradient (1 for a scalar loss) and records the gradient of the input, and of
the target where the loss is differentiable in it.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_loss_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/Losses/losses.json
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20240611)

REDUCTIONS = ["mean", "sum", "none"]


def randn(*shape, scale=1.0):
    return torch.randn(*shape) * scale


def probabilities(*shape):
    # away from 0 and 1 so the logs are well inside their range
    return torch.rand(*shape) * 0.9 + 0.05


def softmax_rows(*shape):
    return torch.softmax(torch.randn(*shape), dim=1)


def labels(shape, classes):
    return torch.randint(0, classes, shape, dtype=torch.int64)


def call(loss, x, y, o):
    r = o.get("reduction", "mean")
    w = o.get("weight")
    if loss == "mse":
        return F.mse_loss(x, y, reduction=r)
    if loss == "l1":
        return F.l1_loss(x, y, reduction=r)
    if loss == "huber":
        return F.huber_loss(x, y, reduction=r, delta=o["delta"])
    if loss == "smooth_l1":
        return F.smooth_l1_loss(x, y, reduction=r, beta=o["beta"])
    if loss == "bce":
        return F.binary_cross_entropy(x, y, weight=w, reduction=r)
    if loss == "bce_with_logits":
        return F.binary_cross_entropy_with_logits(x, y, weight=w, pos_weight=o.get("pos_weight"), reduction=r)
    if loss == "cross_entropy":
        return F.cross_entropy(x, y, weight=w, ignore_index=o.get("ignore_index", -100),
                               label_smoothing=o.get("label_smoothing", 0.0), reduction=r)
    if loss == "nll":
        return F.nll_loss(x, y, weight=w, ignore_index=o.get("ignore_index", -100), reduction=r)
    if loss == "kl_div":
        return F.kl_div(x, y, reduction=r, log_target=o.get("log_target", False))
    raise ValueError(loss)


# (name, loss, input, target, options, target requires grad, record input gradient)
CASES = []


def add(name, loss, x, y, options=None, target_grad=False, input_grad=True):
    CASES.append((name, loss, x, y, options or {}, target_grad, input_grad))


def each_reduction(name, loss, make, options=None, target_grad=False, reductions=REDUCTIONS):
    for r in reductions:
        x, y = make()
        add(f"{name}_{r}", loss, x, y, dict(options or {}, reduction=r), target_grad)


def main_cases():
    each_reduction("mse", "mse", lambda: (randn(4, 3), randn(4, 3)), target_grad=True)
    each_reduction("l1", "l1", lambda: (randn(4, 3), randn(4, 3)), target_grad=True)
    each_reduction("huber", "huber", lambda: (randn(4, 3, scale=2), randn(4, 3)), {"delta": 1.0}, target_grad=True)
    add("huber_delta_half", "huber", randn(5, 2, scale=2), randn(5, 2), {"delta": 0.5, "reduction": "mean"}, True)
    each_reduction("smooth_l1", "smooth_l1", lambda: (randn(4, 3, scale=2), randn(4, 3)), {"beta": 1.0}, target_grad=True)
    add("smooth_l1_beta_half", "smooth_l1", randn(5, 2, scale=2), randn(5, 2), {"beta": 0.5, "reduction": "sum"}, True)
    add("smooth_l1_beta_zero", "smooth_l1", randn(5, 2), randn(5, 2), {"beta": 0.0, "reduction": "mean"}, True)

    each_reduction("bce", "bce", lambda: (probabilities(4, 3), torch.randint(0, 2, (4, 3)).float()))
    add("bce_soft_targets", "bce", probabilities(6), torch.rand(6), {"reduction": "mean"})
    add("bce_weight", "bce", probabilities(4, 3), torch.randint(0, 2, (4, 3)).float(),
        {"reduction": "mean", "weight": torch.rand(3) + 0.5})
    # p = 0 and p = 1, right and wrong: the clamped log keeps the loss finite (100 when wrong)
    add("bce_saturated", "bce", torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5]), torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0]),
        {"reduction": "none"}, input_grad=False)

    each_reduction("bce_with_logits", "bce_with_logits", lambda: (randn(4, 3, scale=2), torch.randint(0, 2, (4, 3)).float()))
    add("bce_with_logits_soft_targets", "bce_with_logits", randn(6), torch.rand(6), {"reduction": "mean"}, True)
    add("bce_with_logits_weight", "bce_with_logits", randn(4, 3), torch.randint(0, 2, (4, 3)).float(),
        {"reduction": "sum", "weight": torch.rand(4, 1) + 0.5})
    add("bce_with_logits_pos_weight", "bce_with_logits", randn(4, 3), torch.randint(0, 2, (4, 3)).float(),
        {"reduction": "mean", "pos_weight": torch.tensor([0.5, 2.0, 3.0])})
    add("bce_with_logits_both_weights", "bce_with_logits", randn(4, 3), torch.rand(4, 3),
        {"reduction": "none", "weight": torch.rand(3) + 0.5, "pos_weight": torch.tensor([1.5, 0.25, 2.0])}, True)
    add("bce_with_logits_extreme", "bce_with_logits", torch.tensor([1000.0, 1000.0, -1000.0, -1000.0, 0.0, 0.0, 30.0, -30.0]),
        torch.tensor([1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]), {"reduction": "none"})

    each_reduction("cross_entropy", "cross_entropy", lambda: (randn(5, 4), labels((5,), 4)))
    each_reduction("cross_entropy_weight", "cross_entropy", lambda: (randn(6, 4), labels((6,), 4)),
                   {"weight": torch.tensor([0.2, 1.0, 2.5, 0.7])})
    each_reduction("cross_entropy_ignore", "cross_entropy",
                   lambda: (randn(6, 4), torch.tensor([1, -100, 3, 0, -100, 2])))
    each_reduction("cross_entropy_weight_ignore", "cross_entropy",
                   lambda: (randn(6, 4), torch.tensor([1, -100, 3, 0, 3, 2])), {"weight": torch.tensor([0.2, 1.0, 2.5, 0.7])})
    add("cross_entropy_ignore_valid_class", "cross_entropy", randn(6, 4), torch.tensor([1, 2, 3, 0, 2, 2]),
        {"reduction": "mean", "ignore_index": 2})
    each_reduction("cross_entropy_smoothing", "cross_entropy", lambda: (randn(5, 4), labels((5,), 4)),
                   {"label_smoothing": 0.1})
    each_reduction("cross_entropy_smoothing_weight_ignore", "cross_entropy",
                   lambda: (randn(6, 4), torch.tensor([1, -100, 3, 0, 3, 2])),
                   {"weight": torch.tensor([0.2, 1.0, 2.5, 0.7]), "label_smoothing": 0.2})
    each_reduction("cross_entropy_probabilities", "cross_entropy", lambda: (randn(5, 4), softmax_rows(5, 4)))
    each_reduction("cross_entropy_probabilities_weight_smoothing", "cross_entropy", lambda: (randn(5, 4), softmax_rows(5, 4)),
                   {"weight": torch.tensor([0.2, 1.0, 2.5, 0.7]), "label_smoothing": 0.15})
    each_reduction("cross_entropy_spatial", "cross_entropy", lambda: (randn(2, 4, 3), labels((2, 3), 4)))
    add("cross_entropy_spatial_2d_weight_ignore_smoothing", "cross_entropy", randn(2, 3, 2, 2),
        torch.tensor([[[0, 2], [-100, 1]], [[2, 2], [1, -100]]]),
        {"reduction": "mean", "weight": torch.tensor([0.5, 1.5, 1.0]), "label_smoothing": 0.1})
    add("cross_entropy_spatial_probabilities", "cross_entropy", randn(2, 3, 4), softmax_rows(2, 3, 4), {"reduction": "mean"})
    add("cross_entropy_single_sample", "cross_entropy", randn(5), torch.tensor(3), {"reduction": "mean"})
    add("cross_entropy_large_logits", "cross_entropy", torch.tensor([[1000.0, 1001.0], [-1000.0, 1000.0]]),
        torch.tensor([1, 0]), {"reduction": "none"})

    log_probs = lambda *s: torch.log_softmax(torch.randn(*s), dim=1)
    each_reduction("nll", "nll", lambda: (log_probs(5, 4), labels((5,), 4)))
    each_reduction("nll_weight_ignore", "nll", lambda: (log_probs(6, 4), torch.tensor([1, -100, 3, 0, 3, 2])),
                   {"weight": torch.tensor([0.2, 1.0, 2.5, 0.7])})
    add("nll_spatial", "nll", log_probs(2, 4, 3), labels((2, 3), 4), {"reduction": "mean"})

    def kl_inputs():
        target = softmax_rows(3, 4)
        target[0, 1] = 0.0  # a zero-probability class contributes 0
        return log_probs(3, 4), target
    each_reduction("kl_div", "kl_div", kl_inputs, target_grad=False, reductions=REDUCTIONS + ["batchmean"])
    add("kl_div_log_target", "kl_div", log_probs(3, 4), log_probs(3, 4), {"reduction": "batchmean", "log_target": True}, True)
    add("kl_div_target_grad", "kl_div", log_probs(3, 4), softmax_rows(3, 4), {"reduction": "sum"}, True)


def encode(t):
    t = t.detach()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": t.reshape(-1).tolist()}


def main():
    main_cases()
    out = []
    for name, loss, x, y, options, target_grad, input_grad in CASES:
        x = x.clone().requires_grad_(input_grad)
        y = y.clone().requires_grad_(target_grad)
        result = call(loss, x, y, options)
        entry = {"name": name, "loss": loss, "input": encode(x), "target": encode(y), "output": encode(result),
                 "options": {k: (encode(v) if torch.is_tensor(v) else v) for k, v in options.items()}}
        needs = [t for t in (x, y) if t.requires_grad]
        if needs:
            grad_out = torch.ones_like(result) if result.dim() == 0 else torch.randn(result.shape)
            grads = torch.autograd.grad(result, needs, grad_out)
            entry["grad_output"] = encode(grad_out)
            it = iter(grads)
            if x.requires_grad:
                entry["input_grad"] = encode(next(it))
            if y.requires_grad:
                entry["target_grad"] = encode(next(it))
        out.append(entry)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "Myelin.Tests", "Fixtures", "Losses", "losses.json")
    with open(path, "w") as f:
        json.dump({"generator": "tools/make_loss_fixtures.py", "torch": torch.__version__, "cases": out}, f,
                  indent=None, separators=(",", ":"))
    print(f"wrote {len(out)} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
