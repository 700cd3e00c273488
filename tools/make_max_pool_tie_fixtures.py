#!/usr/bin/env python3
"""Generates PyTorch reference values for max pooling where windows hold tied maxima or NaN, for
tests/Myelin.Tests/Conv/MaxPool2dPrimitiveTests.cs.

Inputs are small integers (so most windows have ties), some with NaN mixed in. For each case the script
records the output, the index PyTorch's max_pool2d(return_indices=True) chose in each window (ih·W + iw in
the window's plane) and the gradient of the input for a random upstream gradient: PyTorch gives each
window's gradient to the first maximum in row-major order, or to the last NaN.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_max_pool_tie_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/Conv/max_pool_ties.json
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(57)


def encode(t):
    t = t.detach()
    data = t.reshape(-1).tolist()
    if t.dtype == torch.float32:
        # JSON has no NaN: it is written as the string "NaN".
        data = ["NaN" if v != v else float(f"{v:.9g}") for v in data]
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def ties(shape, values=3, nan_fraction=0.0):
    x = torch.randint(0, values, shape).float()
    if nan_fraction > 0:
        x[torch.rand(shape) < nan_fraction] = float("nan")
    return x


# name, input, kernel, stride, padding, dilation, ceil_mode
CASES = [
    ("two_by_two_ties", ties([2, 3, 8, 22]), 2, None, 0, 1, False),
    ("two_by_two_narrow_ties", ties([2, 2, 6, 10]), 2, None, 0, 1, False),
    ("two_by_two_odd_size_ties", ties([1, 2, 7, 17]), 2, None, 0, 1, False),
    ("two_by_two_nan", ties([2, 2, 6, 20], nan_fraction=0.15), 2, None, 0, 1, False),
    ("all_equal", torch.full([1, 2, 6, 18], 1.5), 2, None, 0, 1, False),
    ("overlapping_windows_ties", ties([1, 2, 6, 7]), 2, 1, 0, 1, False),
    ("padded_strided_ties", ties([2, 2, 7, 9]), 3, 2, 1, 1, False),
    ("ceil_mode_ties", ties([1, 2, 7, 9]), 2, 2, 0, 1, True),
    ("dilated_nan", ties([1, 2, 7, 8], nan_fraction=0.1), (2, 3), (1, 2), 1, (2, 1), False),
]


def main():
    out = []
    for name, x, kernel, stride, padding, dilation, ceil_mode in CASES:
        x = x.clone().requires_grad_(True)
        y, indices = F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode=ceil_mode, return_indices=True)
        grad_output = torch.randn(y.shape)
        y.backward(grad_output)
        as_pair = lambda v: list(v) if isinstance(v, (tuple, list)) else [v, v]
        out.append({
            "name": name,
            "kernel": as_pair(kernel),
            "stride": None if stride is None else as_pair(stride),
            "padding": as_pair(padding),
            "dilation": as_pair(dilation),
            "ceil_mode": ceil_mode,
            "input": encode(x),
            "output": encode(y),
            "indices": encode(indices),
            "grad_output": encode(grad_output),
            "input_grad": encode(x.grad),
        })
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "Myelin.Tests", "Fixtures", "Conv", "max_pool_ties.json")
    with open(path, "w") as f:
        json.dump({"generator": "tools/make_max_pool_tie_fixtures.py", "torch": torch.__version__, "cases": out}, f,
                  indent=None, separators=(",", ":"))
    print(f"wrote {len(out)} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
