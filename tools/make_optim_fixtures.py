#!/usr/bin/env python3
"""Generates PyTorch reference values for the tests of Myelin.Optim.

Writes tests/Myelin.Tests/Fixtures/Optim/:
  optimizers.json  a fixed least-squares problem (weight [4, 3], bias [3]) and, for each optimizer
                   configuration, the parameter values after each of the first 10 steps, once with
                   float32 parameters and once with float64 parameters
  schedulers.json  the learning rates of a two-group SGD optimizer over 30 scheduler steps for
                   each schedule (the first entry is the rate right after construction)
  clipping.json    gradients before and after torch.nn.utils.clip_grad_norm_ / clip_grad_value_,
                   and the total norm returned

The problem: loss = mean((x @ weight + bias - target) ** 2) with x [5, 4] and target [5, 3]; the
gradients are recomputed by autograd before every step. Option names in the JSON are Myelin's
state-dict names (lr, weight_decay, beta1, beta2, ...); the script maps them to PyTorch's keywords.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_optim_fixtures.py
"""
import json
import os
import warnings

import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "tests", "Myelin.Tests", "Fixtures", "Optim")
STEPS = 10
SCHEDULE_STEPS = 30


def values(tensor):
    """Flattened values, widened exactly to Python floats."""
    return tensor.detach().double().flatten().tolist()


def encoded(tensor):
    return {"shape": list(tensor.shape), "data": values(tensor)}


# ---------------------------------------------------------------------------------------------
# Optimizers

def make_problem():
    g = torch.Generator().manual_seed(2024)
    # Rounded to a few decimals so the fixture stays readable; float32 holds them as-is.
    def draw(*shape, scale=1.0):
        return (torch.randn(*shape, generator=g) * scale * 100).round() / 100
    return {
        "x": draw(5, 4),
        "target": draw(5, 3),
        "weight": draw(4, 3, scale=0.5),
        "bias": draw(3, scale=0.5),
    }


def torch_kwargs(kind, options):
    """Myelin option names -> the keyword arguments of the torch.optim class."""
    kwargs = {}
    for name, value in options.items():
        if name in ("beta1", "beta2"):
            continue
        kwargs[name] = value
    if "beta1" in options or "beta2" in options:
        kwargs["betas"] = (options.get("beta1", 0.9), options.get("beta2", 0.999))
    return kwargs


OPTIMIZER_CLASSES = {
    "SGD": torch.optim.SGD,
    "Adam": torch.optim.Adam,
    "AdamW": torch.optim.AdamW,
    "RMSprop": torch.optim.RMSprop,
    "Adagrad": torch.optim.Adagrad,
}

# name, optimizer, default options, parameter groups (None: one group with every parameter)
OPTIMIZER_CASES = [
    ("sgd_plain", "SGD", {"lr": 0.1}, None),
    ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}, None),
    ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}, None),
    ("sgd_dampening", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.3}, None),
    ("sgd_weight_decay", "SGD", {"lr": 0.05, "momentum": 0.5, "weight_decay": 0.1}, None),
    ("adam", "Adam", {"lr": 0.05}, None),
    ("adam_betas_weight_decay", "Adam", {"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.1, "eps": 1e-6}, None),
    ("adam_amsgrad", "Adam", {"lr": 0.05, "beta2": 0.9, "amsgrad": True}, None),
    ("adamw", "AdamW", {"lr": 0.05, "weight_decay": 0.1}, None),
    ("adamw_amsgrad", "AdamW", {"lr": 0.05, "weight_decay": 0.05, "amsgrad": True}, None),
    ("rmsprop", "RMSprop", {"lr": 0.01}, None),
    ("rmsprop_centered", "RMSprop", {"lr": 0.01, "alpha": 0.9, "centered": True}, None),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.01}, None),
    ("rmsprop_centered_momentum", "RMSprop", {"lr": 0.005, "momentum": 0.5, "centered": True, "eps": 1e-4}, None),
    ("adagrad", "Adagrad", {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1}, None),
    ("adagrad_weight_decay", "Adagrad", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("sgd_two_groups", "SGD", {"lr": 0.05, "momentum": 0.9},
     [{"params": ["weight"], "options": {}}, {"params": ["bias"], "options": {"lr": 0.2, "momentum": 0.5}}]),
    ("adam_two_groups", "Adam", {"lr": 0.05},
     [{"params": ["weight"], "options": {"weight_decay": 0.1}}, {"params": ["bias"], "options": {"lr": 0.01, "beta1": 0.5}}]),
]


def trajectory(problem, kind, options, groups, dtype):
    params = {name: problem[name].to(dtype).clone().requires_grad_(True) for name in ("weight", "bias")}
    x, target = problem["x"].to(dtype), problem["target"].to(dtype)
    if groups is None:
        torch_groups = [{"params": [params["weight"], params["bias"]]}]
    else:
        torch_groups = []
        for group in groups:
            entry = {"params": [params[n] for n in group["params"]]}
            entry.update(torch_kwargs(kind, group["options"]))
            if "beta1" in group["options"] or "beta2" in group["options"]:
                entry["betas"] = (group["options"].get("beta1", options.get("beta1", 0.9)),
                                  group["options"].get("beta2", options.get("beta2", 0.999)))
            torch_groups.append(entry)
    optimizer = OPTIMIZER_CLASSES[kind](torch_groups, **torch_kwargs(kind, options))
    steps = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = ((x @ params["weight"] + params["bias"] - target) ** 2).mean()
        loss.backward()
        optimizer.step()
        steps.append(values(params["weight"]) + values(params["bias"]))
    return steps


def optimizer_fixture():
    problem = make_problem()
    cases = []
    for name, kind, options, groups in OPTIMIZER_CASES:
        cases.append({
            "name": name,
            "optimizer": kind,
            "options": options,
            "groups": groups,
            "float32": trajectory(problem, kind, options, groups, torch.float32),
            "float64": trajectory(problem, kind, options, groups, torch.float64),
        })
    return {
        "problem": {name: encoded(tensor) for name, tensor in problem.items()},
        "steps": STEPS,
        "cases": cases,
    }


# ---------------------------------------------------------------------------------------------
# Learning-rate schedules

BASE_LRS = [0.1, 0.02]

# A scripted validation metric: improves, stalls, improves a little, stalls for long.
PLATEAU_METRICS = [1.0, 0.9, 0.85, 0.86, 0.85, 0.849, 0.84, 0.84, 0.84, 0.83,
                   0.83, 0.9, 0.82, 0.82, 0.82, 0.82, 0.819, 0.7, 0.7, 0.71,
                   0.72, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.68, 0.5, 0.5]
PLATEAU_ACCURACY = [0.1, 0.2, 0.25, 0.3, 0.3, 0.31, 0.5, 0.5, 0.45, 0.55,
                    0.6, 0.6, 0.6, 0.61, 0.62, 0.8, 0.8, 0.8, 0.8, 0.8,
                    0.85, 0.85, 0.85, 0.9, 0.9, 0.91, 0.92, 0.92, 0.92, 0.92]

# name, Myelin-side description (read by the tests), function building the torch scheduler
SCHEDULE_CASES = [
    ("step_lr", {"kind": "StepLR", "step_size": 7, "gamma": 0.5},
     lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    ("multistep_lr", {"kind": "MultiStepLR", "milestones": [5, 12, 12, 20], "gamma": 0.3},
     lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[5, 12, 12, 20], gamma=0.3)),
    ("exponential_lr", {"kind": "ExponentialLR", "gamma": 0.9},
     lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    ("cosine_annealing", {"kind": "CosineAnnealingLR", "t_max": 10, "eta_min": 0.001},
     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
    ("cosine_annealing_full", {"kind": "CosineAnnealingLR", "t_max": 30, "eta_min": 0.0},
     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=30)),
    ("one_cycle", {"kind": "OneCycleLR", "max_lr": 0.5, "total_steps": 30},
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.5, total_steps=30, cycle_momentum=False)),
    ("one_cycle_linear_three_phase",
     {"kind": "OneCycleLR", "max_lr": 0.3, "total_steps": 31, "pct_start": 0.25, "anneal": "linear",
      "div_factor": 10.0, "final_div_factor": 100.0, "three_phase": True},
     lambda o: torch.optim.lr_scheduler.OneCycleLR(
         o, max_lr=0.3, total_steps=31, pct_start=0.25, anneal_strategy="linear", div_factor=10.0,
         final_div_factor=100.0, three_phase=True, cycle_momentum=False)),
    ("warmup_only", {"kind": "LinearWarmup", "warmup_steps": 6, "start_factor": 0.2},
     lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.2, total_iters=6)),
    ("warmup_then_cosine",
     {"kind": "LinearWarmup", "warmup_steps": 5, "start_factor": 0.1,
      "then": {"kind": "CosineAnnealingLR", "t_max": 25, "eta_min": 0.001}},
     lambda o: torch.optim.lr_scheduler.SequentialLR(o, [
         torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=5),
         torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=25, eta_min=0.001)], milestones=[5])),
    ("warmup_then_step",
     {"kind": "LinearWarmup", "warmup_steps": 4, "start_factor": 0.25,
      "then": {"kind": "StepLR", "step_size": 5, "gamma": 0.5}},
     lambda o: torch.optim.lr_scheduler.SequentialLR(o, [
         torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, total_iters=4),
         torch.optim.lr_scheduler.StepLR(o, step_size=5, gamma=0.5)], milestones=[4])),
    ("warmup_then_exponential",
     {"kind": "LinearWarmup", "warmup_steps": 3, "start_factor": 0.5,
      "then": {"kind": "ExponentialLR", "gamma": 0.95}},
     lambda o: torch.optim.lr_scheduler.SequentialLR(o, [
         torch.optim.lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=3),
         torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.95)], milestones=[3])),
    ("plateau_min",
     {"kind": "ReduceLROnPlateau", "mode": "min", "factor": 0.5, "patience": 2, "threshold": 0.01,
      "cooldown": 1, "min_lr": 0.005, "metrics": PLATEAU_METRICS},
     lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
         o, mode="min", factor=0.5, patience=2, threshold=0.01, cooldown=1, min_lr=0.005)),
    ("plateau_max_abs",
     {"kind": "ReduceLROnPlateau", "mode": "max", "factor": 0.3, "patience": 1, "threshold": 0.05,
      "threshold_mode": "abs", "metrics": PLATEAU_ACCURACY},
     lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
         o, mode="max", factor=0.3, patience=1, threshold=0.05, threshold_mode="abs")),
    ("plateau_defaults", {"kind": "ReduceLROnPlateau", "metrics": [1.0] * SCHEDULE_STEPS},
     lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o)),
]


def schedule(description, make):
    weight = torch.zeros(2, requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([{"params": [weight], "lr": BASE_LRS[0]},
                                 {"params": [bias], "lr": BASE_LRS[1]}], lr=BASE_LRS[0])
    scheduler = make(optimizer)
    lrs = [[group["lr"] for group in optimizer.param_groups]]
    for step in range(SCHEDULE_STEPS):
        optimizer.step()
        if description["kind"] == "ReduceLROnPlateau":
            scheduler.step(description["metrics"][step])
        else:
            scheduler.step()
        lrs.append([group["lr"] for group in optimizer.param_groups])
    return lrs


def scheduler_fixture():
    cases = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SequentialLR's step(0) warns about the epoch argument
        for name, description, make in SCHEDULE_CASES:
            cases.append({"name": name, "scheduler": description, "lrs": schedule(description, make)})
    return {"base_lrs": BASE_LRS, "steps": SCHEDULE_STEPS, "cases": cases}


# ---------------------------------------------------------------------------------------------
# Gradient clipping

def clipping_grads(dtype):
    g = torch.Generator().manual_seed(7)
    return [torch.randn(4, 3, generator=g).to(dtype),
            (torch.randn(3, generator=g) * 3).to(dtype),
            (torch.randn(2, 2, generator=g) * 0.1).to(dtype)]


# name, function(parameters) -> returned total norm (None for clip-by-value), dtype, which have grads
CLIP_CASES = [
    ("norm2_clipped", lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm=1.0), {"max_norm": 1.0, "norm_type": 2.0}),
    ("norm2_not_clipped", lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm=100.0), {"max_norm": 100.0, "norm_type": 2.0}),
    ("norm1", lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm=2.0, norm_type=1.0), {"max_norm": 2.0, "norm_type": 1.0}),
    ("norm_inf", lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm=0.5, norm_type=float("inf")), {"max_norm": 0.5, "norm_type": "inf"}),
    ("norm3", lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm=1.5, norm_type=3.0), {"max_norm": 1.5, "norm_type": 3.0}),
    ("value", lambda ps: torch.nn.utils.clip_grad_value_(ps, clip_value=0.5), {"clip_value": 0.5}),
]


def clipping_case(name, clip, args, dtype, missing_grad):
    grads = clipping_grads(dtype)
    params = [torch.zeros_like(grad, requires_grad=True) for grad in grads]
    for i, (p, grad) in enumerate(zip(params, grads)):
        p.grad = None if i == missing_grad else grad.clone()
    total = clip(params)
    return {
        "name": name + ("_float64" if dtype == torch.float64 else "") + ("_missing_grad" if missing_grad is not None else ""),
        "dtype": "float64" if dtype == torch.float64 else "float32",
        "args": args,
        "grads": [None if i == missing_grad else encoded(grad) for i, grad in enumerate(grads)],
        "clipped": [None if p.grad is None else encoded(p.grad) for p in params],
        "total_norm": None if total is None else float(total),
    }


def clipping_fixture():
    cases = []
    for name, clip, args in CLIP_CASES:
        cases.append(clipping_case(name, clip, args, torch.float32, None))
    cases.append(clipping_case("norm2_clipped", CLIP_CASES[0][1], CLIP_CASES[0][2], torch.float64, None))
    cases.append(clipping_case("norm2_clipped", CLIP_CASES[0][1], CLIP_CASES[0][2], torch.float32, 1))
    return {"cases": cases}


def write(name, content):
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        json.dump(content, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", os.path.normpath(path))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write("optimizers.json", optimizer_fixture())
    write("schedulers.json", scheduler_fixture())
    write("clipping.json", clipping_fixture())


if __name__ == "__main__":
    main()
