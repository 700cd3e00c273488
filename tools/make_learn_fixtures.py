#!/usr/bin/env python3
"""Generates PyTorch reference values for the textbook examples tested in tests/Myelin.Tests/Learn/.

Sections:
  exam          the exam network (2 -> 2 -> 1, sigmoid) with the textbook weights: hidden values, output,
                MSE loss against target 1 and the gradient of every parameter (float32)
  chain_rule    L = (a*b + c)*f with a=2, b=-3, c=10, f=-2: value and gradients (float64)
  tanh_neuron   o = tanh(x1*w1 + x2*w2 + b): value and gradients (float64)
  activations   sigmoid, tanh, relu, leaky relu (slope 0.1) and their autograd derivatives (float64)
  softmax       softmax of [1000, 1001]; cross-entropy with a class index and a one-hot target, and a batch
  slowdown      one sigmoid neuron (w=2, b=2, x=1, y=0), SGD lr 0.15, MSE and BCE: loss and output per step
  deep_network  a 5-layer sigmoid network with seeded weights: per-layer weight-gradient norms (float64)

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_learn_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/Learn/learn.json
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)


def values(t):
    return t.detach().reshape(-1).tolist()


def exam():
    model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.2, 0.3], [0.1, 0.4]]))
        model[0].bias.copy_(torch.tensor([0.5, 0.1]))
        model[2].weight.copy_(torch.tensor([[0.6, 0.8]]))
        model[2].bias.copy_(torch.tensor([0.2]))
    x = torch.tensor([[3.0, 7.0]])
    hidden = torch.sigmoid(model[0](x))
    output = model(x)
    loss = F.mse_loss(output, torch.tensor([[1.0]]))
    loss.backward()
    return {
        "input": values(x),
        "hidden_sums": values(model[0](x)),
        "hidden": values(hidden),
        "output_sum": values(model[2](hidden)),
        "output": values(output),
        "loss": loss.item(),
        "grads": {name: values(p.grad) for name, p in model.named_parameters()},
    }


def chain_rule():
    a, b, c, f = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (2.0, -3.0, 10.0, -2.0))
    e = a * b
    e.retain_grad()
    d = e + c
    d.retain_grad()
    L = d * f
    L.backward()
    return {"L": L.item(), "grads": {"a": a.grad.item(), "b": b.grad.item(), "c": c.grad.item(),
                                     "d": d.grad.item(), "e": e.grad.item(), "f": f.grad.item()}}


def tanh_neuron():
    names = ["x1", "x2", "w1", "w2", "b"]
    leaves = {n: torch.tensor(v, dtype=torch.float64, requires_grad=True)
              for n, v in zip(names, [2.0, 0.0, -3.0, 1.0, 6.8813735870195432])}
    n = leaves["x1"] * leaves["w1"] + leaves["x2"] * leaves["w2"] + leaves["b"]
    o = torch.tanh(n)
    o.backward()
    return {"n": n.item(), "o": o.item(), "grads": {k: v.grad.item() for k, v in leaves.items()}}


def activations():
    z = [-2.0, -1.0, -0.5, 0.5, 1.0, 2.0]
    out = {"z": z}
    for name, fn in [("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("ReLU", torch.relu),
                     ("leaky ReLU", lambda t: F.leaky_relu(t, 0.1))]:
        t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
        y = fn(t)
        y.sum().backward()
        out[name] = {"values": values(y), "derivatives": values(t.grad)}
    return out


def softmax():
    logits = torch.tensor([[1000.0, 1001.0]])
    batch = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [-1.0, 0.0, 3.0]])
    labels = torch.tensor([0, 1, 2])
    return {
        "probabilities": values(torch.softmax(logits, dim=1)),
        "ce_index": F.cross_entropy(logits, torch.tensor([1])).item(),
        "ce_one_hot": F.cross_entropy(logits, torch.tensor([[0.0, 1.0]])).item(),
        "batch_ce": F.cross_entropy(batch, labels).item(),
        "batch_ce_one_hot": F.cross_entropy(batch, F.one_hot(labels, 3).double().float()).item(),
    }


def slowdown(loss_fn, steps=50):
    w = torch.tensor([[2.0]], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
    x = torch.tensor([[1.0]], dtype=torch.float64)
    y = torch.tensor([[0.0]], dtype=torch.float64)
    optimizer = torch.optim.SGD([w, b], lr=0.15)
    losses, outputs = [], []
    for _ in range(steps):
        a = torch.sigmoid(x @ w.T + b)
        loss = loss_fn(a, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        outputs.append(a.item())
    return {"losses": losses, "outputs": outputs}


def deep_network():
    width, depth = 6, 5
    layers = []
    for i in range(depth):
        layers.append(nn.Linear(width, 1 if i == depth - 1 else width).double())
        if i < depth - 1:
            layers.append(nn.Sigmoid())
    model = nn.Sequential(*layers)
    x = torch.randn(8, width, dtype=torch.float64)
    y = torch.randn(8, 1, dtype=torch.float64)
    F.mse_loss(model(x), y).backward()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    return {
        "width": width,
        "weights": [values(m.weight) for m in linears],
        "biases": [values(m.bias) for m in linears],
        "input": values(x),
        "target": values(y),
        "norms": [m.weight.grad.norm().item() for m in linears],
    }


def main():
    fixture = {
        "exam": exam(),
        "chain_rule": chain_rule(),
        "tanh_neuron": tanh_neuron(),
        "activations": activations(),
        "softmax": softmax(),
        "slowdown": {"mse": slowdown(F.mse_loss), "cross_entropy": slowdown(F.binary_cross_entropy)},
        "deep_network": deep_network(),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "Myelin.Tests", "Fixtures", "Learn", "learn.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as file:
        json.dump(fixture, file, indent=1)
        file.write("\n")
    print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
