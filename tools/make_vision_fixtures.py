#!/usr/bin/env python3
"""Generates PyTorch reference values for the vision tests in tests/Myelin.Tests/Vision/.

"feature_maps": a small CNN (convolution, batch normalisation in evaluation mode, ReLU, max pooling, a second
convolution, flatten, linear) with fixed (seeded) parameters and running statistics, an input batch, and the
output of every layer, recorded with forward hooks. The C# test builds the same Sequential, loads the state dict
by its PyTorch key names and compares FeatureMaps.Capture with these outputs.

"localization_loss": the joint loss cross_entropy(out[:, :K], class) + w * smooth_l1_loss(out[:, K:], box, beta)
for a fixed output and target, with its gradient with respect to the output.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_vision_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/Vision/vision.json
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)


def encode(t):
    t = t.detach()
    data = t.reshape(-1).tolist()
    if t.dtype == torch.float32:
        data = [float(f"{v:.9g}") for v in data]  # 9 significant digits give back the same float32
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def feature_maps_case():
    model = nn.Sequential(
        nn.Conv2d(1, 3, 3, padding=1),
        nn.BatchNorm2d(3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(3, 2, 3),
        nn.Flatten(),
        nn.Linear(2 * 2 * 2, 4),
    )
    with torch.no_grad():
        bn = model[1]
        bn.weight.copy_(torch.rand(3) + 0.5)
        bn.bias.copy_(torch.randn(3) * 0.1)
        bn.running_mean.copy_(torch.randn(3) * 0.2)
        bn.running_var.copy_(torch.rand(3) + 0.5)
        bn.num_batches_tracked.fill_(5)
    model.eval()
    x = torch.randn(2, 1, 8, 8)
    outputs = {}
    for name, module in model.named_children():
        module.register_forward_hook(lambda m, i, o, name=name: outputs.__setitem__(name, o.detach().clone()))
    final = model(x)
    return {
        "state": {k: encode(v) for k, v in model.state_dict().items()},
        "input": encode(x),
        "layers": {k: encode(v) for k, v in outputs.items()},
        "output": encode(final),
    }


def localization_loss_case():
    classes, box_weight, beta = 3, 2.0, 0.1
    out = torch.randn(4, classes + 4, requires_grad=True)
    labels = torch.tensor([0, 2, 1, 2])
    boxes = torch.rand(4, 4) * 0.5
    boxes[:, 2:] += boxes[:, :2] + 0.1  # x1 > x0, y1 > y0
    target = torch.cat([labels.float().unsqueeze(1), boxes], 1)
    loss = F.cross_entropy(out[:, :classes], labels) + box_weight * F.smooth_l1_loss(out[:, classes:], boxes, beta=beta)
    loss.backward()
    return {
        "num_classes": classes, "box_weight": box_weight, "beta": beta,
        "input": encode(out), "target": encode(target), "loss": float(loss), "input_grad": encode(out.grad),
    }


def main():
    root = os.path.join(os.path.dirname(__file__), "..", "tests", "Myelin.Tests", "Fixtures", "Vision")
    os.makedirs(root, exist_ok=True)
    fixture = {"generator": "tools/make_vision_fixtures.py", "torch": torch.__version__, "feature_maps": feature_maps_case(), "localization_loss": localization_loss_case()}
    with open(os.path.join(root, "vision.json"), "w") as f:
        json.dump(fixture, f)
        f.write("\n")


if __name__ == "__main__":
    main()
