#!/usr/bin/env python3
"""Generates PyTorch reference values for the op table in tests/Myelin.Tests/Ops/OpTableTests.cs.

Each case names an op (the same names appear in the C# table), its inputs and attributes. For each
case the script draws the inputs from a fixed seed, runs the op in float32 in PyTorch, draws a random
upstream gradient and records the gradients of every input that requires one.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_op_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/ops.json
"""
import json
import os

import torch

torch.manual_seed(1234)


def inp(shape, kind="randn", grad=True, low=0, high=5):
    return {"shape": list(shape), "kind": kind, "grad": grad, "low": low, "high": high}


def I(shape, low, high):
    return inp(shape, "int", grad=False, low=low, high=high)


# op name -> function(inputs, attrs) returning a tensor
OPS = {
    "add": lambda x, a: x[0] + x[1],
    "sub": lambda x, a: x[0] - x[1],
    "mul": lambda x, a: x[0] * x[1],
    "div": lambda x, a: x[0] / x[1],
    "pow": lambda x, a: torch.pow(x[0], x[1]),
    "pow_scalar": lambda x, a: torch.pow(x[0], a["p"]),
    "maximum": lambda x, a: torch.maximum(x[0], x[1]),
    "minimum": lambda x, a: torch.minimum(x[0], x[1]),
    "add_scalar": lambda x, a: x[0] + a["s"],
    "rsub_scalar": lambda x, a: a["s"] - x[0],
    "mul_scalar": lambda x, a: x[0] * a["s"],
    "rdiv_scalar": lambda x, a: a["s"] / x[0],
    "neg": lambda x, a: -x[0],
    "abs": lambda x, a: torch.abs(x[0]),
    "exp": lambda x, a: torch.exp(x[0]),
    "log": lambda x, a: torch.log(x[0]),
    "sqrt": lambda x, a: torch.sqrt(x[0]),
    "rsqrt": lambda x, a: torch.rsqrt(x[0]),
    "sin": lambda x, a: torch.sin(x[0]),
    "cos": lambda x, a: torch.cos(x[0]),
    "tanh": lambda x, a: torch.tanh(x[0]),
    "sigmoid": lambda x, a: torch.sigmoid(x[0]),
    "relu": lambda x, a: torch.relu(x[0]),
    "leaky_relu": lambda x, a: torch.nn.functional.leaky_relu(x[0], a["slope"]),
    "erf": lambda x, a: torch.erf(x[0]),
    "gelu": lambda x, a: torch.nn.functional.gelu(x[0]),
    "gelu_tanh": lambda x, a: torch.nn.functional.gelu(x[0], approximate="tanh"),
    "square": lambda x, a: torch.square(x[0]),
    "reciprocal": lambda x, a: torch.reciprocal(x[0]),
    "clamp": lambda x, a: torch.clamp(x[0], a["min"], a["max"]),
    "where": lambda x, a: torch.where(x[0] > 0, x[1], x[2]),
    "sum": lambda x, a: x[0].sum() if a.get("axes") is None else x[0].sum(dim=a["axes"], keepdim=a.get("keep", False)),
    "mean": lambda x, a: x[0].mean() if a.get("axes") is None else x[0].mean(dim=a["axes"], keepdim=a.get("keep", False)),
    "max": lambda x, a: x[0].amax() if a.get("axes") is None else x[0].amax(dim=a["axes"], keepdim=a.get("keep", False)),
    "min": lambda x, a: x[0].amin() if a.get("axes") is None else x[0].amin(dim=a["axes"], keepdim=a.get("keep", False)),
    "var": lambda x, a: x[0].var(dim=a["axes"], correction=a.get("correction", 1), keepdim=a.get("keep", False)),
    "std": lambda x, a: x[0].std(dim=a["axes"], correction=a.get("correction", 1), keepdim=a.get("keep", False)),
    "logsumexp": lambda x, a: torch.logsumexp(x[0], dim=a["axes"], keepdim=a.get("keep", False)),
    "softmax": lambda x, a: torch.softmax(x[0], dim=a["axis"]),
    "log_softmax": lambda x, a: torch.log_softmax(x[0], dim=a["axis"]),
    "matmul": lambda x, a: torch.matmul(x[0], x[1]),
    "linear": lambda x, a: torch.nn.functional.linear(x[0], x[1], x[2] if len(x) > 2 else None),
    "reshape": lambda x, a: x[0].reshape(a["shape"]),
    "permute": lambda x, a: x[0].permute(a["dims"]),
    "transpose": lambda x, a: x[0].transpose(a["d0"], a["d1"]),
    "expand": lambda x, a: x[0].expand(a["shape"]),
    "slice": lambda x, a: x[0].narrow(a["dim"], 0, x[0].shape[a["dim"]])[tuple([slice(None)] * (a["dim"] % x[0].dim()) + [slice(a["start"], a["end"], a["step"])])],
    "narrow": lambda x, a: x[0].narrow(a["dim"], a["start"], a["length"]),
    "select": lambda x, a: x[0].select(a["dim"], a["index"]),
    "squeeze": lambda x, a: x[0].squeeze(a["dim"]),
    "unsqueeze": lambda x, a: x[0].unsqueeze(a["dim"]),
    "flatten": lambda x, a: x[0].flatten(a["start"], a["end"]),
    "cat": lambda x, a: torch.cat(list(x), dim=a["dim"]),
    "stack": lambda x, a: torch.stack(list(x), dim=a["dim"]),
    "split": lambda x, a: torch.split(x[0], a["size"], dim=a["dim"])[a["piece"]],
    "chunk": lambda x, a: torch.chunk(x[0], a["chunks"], dim=a["dim"])[a["piece"]],
    "pad": lambda x, a: torch.nn.functional.pad(x[0], a["pads"], value=a["value"]),
    "gather": lambda x, a: torch.gather(x[0], a["dim"], x[1]),
    "scatter_add": lambda x, a: x[0].scatter_add(a["dim"], x[1], x[2]),
    "index_select": lambda x, a: torch.index_select(x[0], a["dim"], x[1]),
    "index_add": lambda x, a: x[0].index_add(a["dim"], x[1], x[2]),
    "clone": lambda x, a: x[0].clone(),
    "to_float64": lambda x, a: x[0].double(),
    "mse_like": lambda x, a: ((x[0] - x[1]) ** 2).mean(),
    "unfold": lambda x, a: torch.nn.functional.unfold(x[0], a["kernel"], dilation=a["dilation"], padding=a["padding"], stride=a["stride"]),
    "fold": lambda x, a: torch.nn.functional.fold(x[0], a["output"], a["kernel"], dilation=a["dilation"], padding=a["padding"], stride=a["stride"]),
    "conv2d": lambda x, a: torch.nn.functional.conv2d(x[0], x[1], x[2] if len(x) > 2 else None, stride=a["stride"], padding=a["padding"],
                                                      dilation=a["dilation"], groups=a["groups"]),
    "max_pool2d": lambda x, a: torch.nn.functional.max_pool2d(x[0], a["kernel"], a["stride"], a["padding"], a["dilation"], ceil_mode=a["ceil"]),
}

POS = "positive"
CASES = [
    ("add_same", "add", [inp([3, 4]), inp([3, 4])], {}),
    ("add_row_broadcast", "add", [inp([3, 4]), inp([4])], {}),
    ("add_both_broadcast", "add", [inp([2, 1, 4]), inp([3, 1])], {}),
    ("add_scalar_tensor", "add", [inp([]), inp([3])], {}),
    ("add_single", "add", [inp([1]), inp([1])], {}),
    ("add_empty", "add", [inp([0, 3]), inp([3])], {}),
    ("sub_broadcast", "sub", [inp([3, 1]), inp([1, 4])], {}),
    ("mul_broadcast", "mul", [inp([2, 3, 4]), inp([3, 1])], {}),
    ("div_broadcast", "div", [inp([3, 4]), inp([4], POS)], {}),
    ("pow_tensor", "pow", [inp([3, 4], POS), inp([3, 4])], {}),
    ("pow_scalar", "pow_scalar", [inp([3, 4], POS)], {"p": 2.5}),
    ("maximum", "maximum", [inp([3, 4]), inp([4])], {}),
    ("minimum", "minimum", [inp([3, 4]), inp([3, 1])], {}),
    ("add_scalar", "add_scalar", [inp([2, 3])], {"s": 1.5}),
    ("rsub_scalar", "rsub_scalar", [inp([2, 3])], {"s": 2.0}),
    ("mul_scalar", "mul_scalar", [inp([2, 3])], {"s": -3.0}),
    ("rdiv_scalar", "rdiv_scalar", [inp([2, 3], POS)], {"s": 2.0}),
    ("neg", "neg", [inp([3, 4])], {}),
    ("abs", "abs", [inp([3, 4])], {}),
    ("exp", "exp", [inp([3, 4])], {}),
    ("log", "log", [inp([3, 4], POS)], {}),
    ("sqrt", "sqrt", [inp([3, 4], POS)], {}),
    ("rsqrt", "rsqrt", [inp([3, 4], POS)], {}),
    ("sin", "sin", [inp([3, 4])], {}),
    ("cos", "cos", [inp([3, 4])], {}),
    ("tanh", "tanh", [inp([3, 4])], {}),
    ("sigmoid", "sigmoid", [inp([3, 4])], {}),
    ("relu", "relu", [inp([3, 4])], {}),
    ("leaky_relu", "leaky_relu", [inp([3, 4])], {"slope": 0.1}),
    ("erf", "erf", [inp([3, 4])], {}),
    ("gelu", "gelu", [inp([3, 4])], {}),
    ("gelu_tanh", "gelu_tanh", [inp([3, 4])], {}),
    ("square", "square", [inp([3, 4])], {}),
    ("reciprocal", "reciprocal", [inp([3, 4], POS)], {}),
    ("clamp", "clamp", [inp([3, 4])], {"min": -0.5, "max": 0.5}),
    ("where", "where", [inp([3, 4], grad=False), inp([3, 4]), inp([4])], {}),
    ("sum_all", "sum", [inp([3, 4])], {}),
    ("sum_axis1", "sum", [inp([3, 4])], {"axes": [1]}),
    ("sum_axes02_keep", "sum", [inp([2, 3, 4])], {"axes": [0, 2], "keep": True}),
    ("sum_empty", "sum", [inp([0, 3])], {"axes": [0]}),
    ("sum_scalar", "sum", [inp([])], {}),
    ("mean_all", "mean", [inp([3, 4])], {}),
    ("mean_axis0", "mean", [inp([3, 4])], {"axes": [0]}),
    ("max_all", "max", [inp([3, 4])], {}),
    ("max_axis1", "max", [inp([3, 4])], {"axes": [1]}),
    ("min_axis0_keep", "min", [inp([3, 4])], {"axes": [0], "keep": True}),
    ("var_axis1", "var", [inp([3, 5])], {"axes": [1]}),
    ("var_all_biased", "var", [inp([3, 5])], {"axes": [0, 1], "correction": 0}),
    ("std_axis0", "std", [inp([4, 3])], {"axes": [0]}),
    ("logsumexp_axis1", "logsumexp", [inp([3, 5])], {"axes": [1]}),
    ("softmax_axis1", "softmax", [inp([3, 5])], {"axis": 1}),
    ("softmax_axis0", "softmax", [inp([3, 5])], {"axis": 0}),
    ("softmax_3d_middle", "softmax", [inp([2, 3, 4])], {"axis": 1}),
    ("log_softmax_axis1", "log_softmax", [inp([3, 5])], {"axis": 1}),
    ("log_softmax_axis0", "log_softmax", [inp([4, 3])], {"axis": 0}),
    ("softmax_large", "softmax", [inp([2, 2], "large")], {"axis": 1}),
    ("log_softmax_large", "log_softmax", [inp([2, 2], "large")], {"axis": 1}),
    ("matmul_2d", "matmul", [inp([3, 4]), inp([4, 5])], {}),
    ("matmul_vec_mat", "matmul", [inp([4]), inp([4, 5])], {}),
    ("matmul_mat_vec", "matmul", [inp([3, 4]), inp([4])], {}),
    ("matmul_vec_vec", "matmul", [inp([4]), inp([4])], {}),
    ("matmul_batched_shared", "matmul", [inp([2, 3, 4]), inp([4, 5])], {}),
    ("matmul_batched", "matmul", [inp([2, 3, 4]), inp([2, 4, 5])], {}),
    ("matmul_batch_broadcast", "matmul", [inp([2, 1, 3, 4]), inp([3, 4, 2])], {}),
    ("linear_bias", "linear", [inp([5, 4]), inp([3, 4]), inp([3])], {}),
    ("linear_no_bias", "linear", [inp([5, 4]), inp([3, 4])], {}),
    ("linear_3d_input", "linear", [inp([2, 5, 4]), inp([3, 4]), inp([3])], {}),
    ("reshape", "reshape", [inp([2, 3, 4])], {"shape": [4, -1]}),
    ("permute", "permute", [inp([2, 3, 4])], {"dims": [2, 0, 1]}),
    ("transpose", "transpose", [inp([2, 3, 4])], {"d0": 0, "d1": 2}),
    ("expand", "expand", [inp([3, 1])], {"shape": [2, 3, 4]}),
    ("slice_step", "slice", [inp([4, 7])], {"dim": 1, "start": 1, "end": 6, "step": 2}),
    ("narrow", "narrow", [inp([4, 5])], {"dim": 0, "start": 1, "length": 2}),
    ("select", "select", [inp([4, 5])], {"dim": 1, "index": -1}),
    ("squeeze", "squeeze", [inp([3, 1, 4])], {"dim": 1}),
    ("unsqueeze", "unsqueeze", [inp([3, 4])], {"dim": -1}),
    ("flatten", "flatten", [inp([2, 3, 4])], {"start": 1, "end": 2}),
    ("cat", "cat", [inp([2, 3]), inp([4, 3])], {"dim": 0}),
    ("cat_dim1", "cat", [inp([2, 3]), inp([2, 1]), inp([2, 2])], {"dim": 1}),
    ("stack", "stack", [inp([2, 3]), inp([2, 3])], {"dim": 1}),
    ("split", "split", [inp([5, 3])], {"size": 2, "dim": 0, "piece": 2}),
    ("chunk", "chunk", [inp([3, 6])], {"chunks": 3, "dim": 1, "piece": 1}),
    ("pad", "pad", [inp([2, 3, 4])], {"pads": [1, 2, 0, 1], "value": 0.5}),
    ("gather", "gather", [inp([3, 5]), I([3, 2], 0, 5)], {"dim": 1}),
    ("gather_dim0", "gather", [inp([4, 3]), I([2, 3], 0, 4)], {"dim": 0}),
    ("scatter_add", "scatter_add", [inp([3, 5]), I([3, 4], 0, 5), inp([3, 4])], {"dim": 1}),
    ("index_select", "index_select", [inp([5, 3]), I([4], 0, 5)], {"dim": 0}),
    ("index_select_dim1", "index_select", [inp([2, 5, 3]), I([6], 0, 5)], {"dim": 1}),
    ("index_add", "index_add", [inp([5, 3]), I([4], 0, 5), inp([4, 3])], {"dim": 0}),
    ("clone", "clone", [inp([3, 4])], {}),
    ("to_float64", "to_float64", [inp([3, 4])], {}),
    ("mse_like", "mse_like", [inp([4, 3]), inp([4, 3], grad=False)], {}),
    ("unfold", "unfold", [inp([2, 3, 4, 5])], {"kernel": [2, 3], "dilation": [1, 1], "padding": [0, 0], "stride": [1, 1]}),
    ("unfold_strided_padded", "unfold", [inp([2, 2, 5, 6])], {"kernel": [3, 2], "dilation": [1, 2], "padding": [1, 2], "stride": [2, 3]}),
    ("unfold_dilated", "unfold", [inp([1, 2, 7, 6])], {"kernel": [3, 3], "dilation": [2, 2], "padding": [1, 0], "stride": [1, 1]}),
    ("fold", "fold", [inp([2, 12, 6])], {"output": [3, 4], "kernel": [2, 2], "dilation": [1, 1], "padding": [0, 0], "stride": [1, 1]}),
    ("fold_strided_padded", "fold", [inp([1, 12, 9])], {"output": [5, 6], "kernel": [3, 2], "dilation": [1, 2], "padding": [1, 2], "stride": [2, 3]}),
    ("conv2d", "conv2d", [inp([2, 3, 5, 6]), inp([4, 3, 3, 2]), inp([4])], {"stride": [1, 2], "padding": [1, 0], "dilation": [1, 1], "groups": 1}),
    ("conv2d_groups_dilated", "conv2d", [inp([1, 4, 7, 6]), inp([6, 2, 2, 3])], {"stride": [2, 1], "padding": [2, 1], "dilation": [2, 1], "groups": 2}),
    ("conv2d_pointwise", "conv2d", [inp([2, 4, 3, 5]), inp([3, 4, 1, 1]), inp([3])], {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "groups": 1}),
    ("max_pool2d", "max_pool2d", [inp([2, 3, 6, 10])], {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1], "ceil": False}),
    ("max_pool2d_padded_ceil", "max_pool2d", [inp([1, 2, 7, 9])], {"kernel": [3, 3], "stride": [2, 2], "padding": [1, 1], "dilation": [1, 1], "ceil": True}),
    ("max_pool2d_dilated", "max_pool2d", [inp([1, 2, 7, 8])], {"kernel": [2, 3], "stride": [1, 2], "padding": [1, 1], "dilation": [2, 1], "ceil": False}),
]


def make_input(spec):
    shape = spec["shape"]
    kind = spec["kind"]
    if kind == "randn":
        t = torch.randn(shape)
        # keep away from kinks (|x| small) so finite differences and ties behave
        t = torch.where(t.abs() < 0.05, t.sign() * 0.05 + t, t)
    elif kind == "positive":
        t = torch.rand(shape) * 1.5 + 0.5
    elif kind == "large":
        t = torch.tensor([[1000.0, 1001.0], [-1000.0, 50.0]])
    elif kind == "int":
        return torch.randint(spec["low"], spec["high"], shape, dtype=torch.int64)
    else:
        raise ValueError(kind)
    return t.float().requires_grad_(spec["grad"])


def encode(t):
    t = t.detach()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": t.reshape(-1).tolist()}


def main():
    out = []
    for name, op, specs, attrs in CASES:
        inputs = [make_input(s) for s in specs]
        result = OPS[op](inputs, attrs)
        entry = {"name": name, "op": op, "attrs": attrs, "inputs": [], "output": encode(result)}
        for spec, t in zip(specs, inputs):
            e = encode(t)
            e["requires_grad"] = bool(spec["grad"])
            entry["inputs"].append(e)
        needs = [t for t in inputs if t.requires_grad]
        if needs and result.numel() > 0:
            grad_out = torch.randn(result.shape, dtype=result.dtype)
            grads = torch.autograd.grad(result, needs, grad_out, allow_unused=True)
            entry["grad_output"] = encode(grad_out)
            it = iter(grads)
            entry["grads"] = [encode(next(it)) if t.requires_grad else None for t in inputs]
        out.append(entry)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "Myelin.Tests", "Fixtures", "ops.json")
    with open(path, "w") as f:
        json.dump({"generator": "tools/make_op_fixtures.py", "torch": torch.__version__, "cases": out}, f, indent=None, separators=(",", ":"))
    print(f"wrote {len(out)} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
