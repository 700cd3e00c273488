#!/usr/bin/env python3
"""Generates PyTorch reference values for the layer tests in tests/Myelin.Tests/NN/.

Each case builds one torch.nn layer with fixed (seeded) parameters and buffers, runs it in float32 in
training or evaluation mode on a fixed input, backpropagates a fixed upstream gradient and records the
output, the gradient of the input and of every parameter, and the buffers after the step (running
statistics). The C# tests build the same layer, load the recorded state dict by its PyTorch key names,
and compare.

A second section records a small composite model: its state-dict keys (in order), its printed form
and one forward pass, to check key names, LoadStateDict interoperability and ToString.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_nn_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/NN/layers.json and tests/Myelin.Tests/Fixtures/NN/model.json
"""
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(2024)


def encode(t):
    t = t.detach()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": t.reshape(-1).tolist()}


def randn_away_from_zero(*shape, scale=1.0):
    # Keep inputs off the kinks of ReLU-like functions so both sides agree on the branch.
    t = torch.randn(*shape) * scale
    return torch.where(t.abs() < 0.05, t.sign() * 0.05 + t, t)


def randomize(module):
    """Replaces default parameters (ones/zeros for norms) with random values so they matter."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            p.copy_(torch.randn_like(p) * 0.5 + (1.0 if name == "weight" and not isinstance(module, nn.Linear) else 0.0))
    return module


# name, layer kind (the C# factory key), constructor config, module factory, input, mode, setup
def cases():
    out = []

    def add(name, layer, config, module, x, mode="train", setup=None):
        out.append((name, layer, config, module, x, mode, setup))

    add("linear", "Linear", {"in": 5, "out": 3, "bias": True}, nn.Linear(5, 3), torch.randn(4, 5))
    add("linear_nobias", "Linear", {"in": 5, "out": 3, "bias": False}, nn.Linear(5, 3, bias=False), torch.randn(4, 5))
    add("linear_3d", "Linear", {"in": 4, "out": 2, "bias": True}, nn.Linear(4, 2), torch.randn(2, 3, 4))
    add("linear_1d", "Linear", {"in": 4, "out": 3, "bias": True}, nn.Linear(4, 3), torch.randn(4))

    add("batchnorm1d_train_2d", "BatchNorm1d", {"features": 4}, randomize(nn.BatchNorm1d(4)), torch.randn(6, 4) * 2 + 1)
    add("batchnorm1d_train_3d", "BatchNorm1d", {"features": 3}, randomize(nn.BatchNorm1d(3)), torch.randn(4, 3, 5))

    def stats(module):
        with torch.no_grad():
            module.running_mean.copy_(torch.randn_like(module.running_mean))
            module.running_var.copy_(torch.rand_like(module.running_var) + 0.5)
            module.num_batches_tracked.fill_(7)

    add("batchnorm1d_train_with_stats", "BatchNorm1d", {"features": 4}, randomize(nn.BatchNorm1d(4)), torch.randn(5, 4), setup=stats)
    add("batchnorm1d_eval_2d", "BatchNorm1d", {"features": 4}, randomize(nn.BatchNorm1d(4)), torch.randn(5, 4), mode="eval", setup=stats)
    add("batchnorm1d_eval_3d", "BatchNorm1d", {"features": 3}, randomize(nn.BatchNorm1d(3)), torch.randn(2, 3, 4), mode="eval", setup=stats)
    add("batchnorm1d_momentum_none", "BatchNorm1d", {"features": 3, "momentum": None},
        randomize(nn.BatchNorm1d(3, momentum=None)), torch.randn(6, 3), setup=stats)
    add("batchnorm1d_momentum_0_3_noaffine", "BatchNorm1d", {"features": 3, "momentum": 0.3, "affine": False},
        nn.BatchNorm1d(3, momentum=0.3, affine=False), torch.randn(6, 3), setup=stats)
    add("batchnorm1d_no_running_stats_eval", "BatchNorm1d", {"features": 3, "track_running_stats": False},
        randomize(nn.BatchNorm1d(3, track_running_stats=False)), torch.randn(5, 3), mode="eval")

    add("layernorm", "LayerNorm", {"shape": [5]}, randomize(nn.LayerNorm(5)), torch.randn(3, 5) * 3 + 2)
    add("layernorm_2d", "LayerNorm", {"shape": [3, 4], "eps": 1e-3}, randomize(nn.LayerNorm([3, 4], eps=1e-3)), torch.randn(2, 3, 4))
    add("layernorm_noaffine", "LayerNorm", {"shape": [6], "affine": False}, nn.LayerNorm(6, elementwise_affine=False), torch.randn(2, 6))

    x = lambda: randn_away_from_zero(3, 5, scale=2.0)
    add("sigmoid", "Sigmoid", {}, nn.Sigmoid(), x())
    add("tanh", "Tanh", {}, nn.Tanh(), x())
    add("relu", "ReLU", {}, nn.ReLU(), x())
    add("leaky_relu", "LeakyReLU", {"slope": 0.1}, nn.LeakyReLU(0.1), x())
    add("elu", "ELU", {"alpha": 1.0}, nn.ELU(), x())
    add("elu_alpha", "ELU", {"alpha": 0.5}, nn.ELU(alpha=0.5), x())
    add("gelu", "GELU", {"approximate": "none"}, nn.GELU(), x())
    add("gelu_tanh", "GELU", {"approximate": "tanh"}, nn.GELU(approximate="tanh"), x())
    add("silu", "SiLU", {}, nn.SiLU(), x())
    add("softplus", "Softplus", {"beta": 1.0, "threshold": 20.0}, nn.Softplus(),
        torch.cat([randn_away_from_zero(10, scale=3.0), torch.tensor([-30.0, -21.0, -19.5, 19.5, 20.5, 35.0])]))
    add("softplus_beta", "Softplus", {"beta": 2.0, "threshold": 5.0}, nn.Softplus(beta=2.0, threshold=5.0),
        randn_away_from_zero(3, 6, scale=4.0))
    add("softmax", "Softmax", {"dim": 1}, nn.Softmax(dim=1), torch.randn(3, 5) * 2)
    add("softmax_dim0", "Softmax", {"dim": 0}, nn.Softmax(dim=0), torch.randn(4, 3))
    add("log_softmax", "LogSoftmax", {"dim": -1}, nn.LogSoftmax(dim=-1), torch.randn(2, 3, 4) * 2)
    add("identity", "Identity", {}, nn.Identity(), torch.randn(2, 3))
    add("flatten", "Flatten", {"start": 1, "end": -1}, nn.Flatten(), torch.randn(2, 3, 2, 2))
    add("flatten_middle", "Flatten", {"start": 1, "end": 2}, nn.Flatten(1, 2), torch.randn(2, 3, 2, 2))
    return out


def make_case(name, layer, config, module, x, mode, setup):
    if setup is not None:
        setup(module)
    module.train(mode == "train")
    state_before = {k: encode(v) for k, v in module.state_dict().items()}
    x = x.float().requires_grad_(True)
    y = module(x)
    grad_out = torch.randn(y.shape)
    y.backward(grad_out)
    entry = {
        "name": name, "layer": layer, "config": config, "mode": mode,
        "state": state_before, "input": encode(x), "output": encode(y),
        "grad_output": encode(grad_out), "input_grad": encode(x.grad),
        "param_grads": {k: encode(p.grad) for k, p in module.named_parameters()},
        "state_after": {k: encode(v) for k, v in module.state_dict().items()},
    }
    return entry


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU())
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        return self.head(self.features(x))


def make_model():
    net = Net()
    randomize(net.features[1])
    with torch.no_grad():
        net.features[1].running_mean.copy_(torch.randn(8) * 0.1)
        net.features[1].running_var.copy_(torch.rand(8) + 0.5)
        net.features[1].num_batches_tracked.fill_(3)
    net.eval()
    x = torch.randn(5, 4)
    with torch.no_grad():
        y = net(x)
    return {
        "keys": list(net.state_dict().keys()),
        "parameter_names": [n for n, _ in net.named_parameters()],
        "repr": repr(net),
        "num_parameters": sum(p.numel() for p in net.parameters()),
        "state": {k: encode(v) for k, v in net.state_dict().items()},
        "input": encode(x),
        "eval_output": encode(y),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(here, "..", "tests", "Myelin.Tests", "Fixtures", "NN")
    os.makedirs(folder, exist_ok=True)
    layers = [make_case(*c) for c in cases()]
    with open(os.path.join(folder, "layers.json"), "w") as f:
        json.dump({"generator": "tools/make_nn_fixtures.py", "torch": torch.__version__, "cases": layers}, f,
                  indent=None, separators=(",", ":"))
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump({"generator": "tools/make_nn_fixtures.py", "torch": torch.__version__, "model": make_model()}, f,
                  indent=None, separators=(",", ":"))
    print(f"wrote {len(layers)} layer cases and 1 model to {os.path.normpath(folder)}")


if __name__ == "__main__":
    main()
