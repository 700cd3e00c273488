#!/usr/bin/env python3
"""PyTorch reference fixtures for Myelin's model files (tests/Myelin.Tests/IO/Model*.cs).

Builds a small torch.nn.Sequential that uses every kind of standard layer Myelin's model descriptions
know with parameters or settings that matter (Linear with and without bias, BatchNorm1d with running
statistics, LayerNorm, Dropout, GELU, a nested Sequential, LogSoftmax), gives every parameter and
buffer random values, and writes in tests/Myelin.Tests/Fixtures/IO/:

  torch_sequential.safetensors  the state dict, as safetensors.torch.save_file writes it: PyTorch's
                                key names, metadata {"format": "pt"} and no model description
  torch_sequential.json         print(model); the state-dict keys in order; the Myelin description of
                                the same architecture, written here by hand from the torch modules; and,
                                in evaluation mode, a fixed input, the output, a fixed upstream gradient,
                                and the gradients of the input and of every parameter

The tests build the model from the description, load the PyTorch weights and compare.

With --check FILE the script goes the other way: it reads a model file written by Myelin's
Model.Save, builds the torch model from the description inside it, loads the weights strictly and
prints the model, to confirm that PyTorch reads Myelin's files.

Run with the Python that has PyTorch:  /usr/bin/python3 tools/make_model_file_fixtures.py [--check FILE]
"""
import json
import os
import struct
import sys

import torch
import torch.nn as nn

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "tests", "Myelin.Tests", "Fixtures", "IO")

CODES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}
TORCH_DTYPES = {code: dtype for dtype, code in CODES.items()}


def encode(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


# ---- safetensors, by hand (the safetensors package is not installed) -------------------------------

def write_safetensors(path, tensors, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, tensor in tensors.items():
        data = tensor.detach().contiguous().numpy().tobytes()
        header[name] = {"dtype": CODES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    metadata = header.pop("__metadata__", None) or {}
    data = raw[8 + length:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = TORCH_DTYPES[entry["dtype"]]
        flat = torch.frombuffer(bytearray(data[begin:end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"]).clone()
    return tensors, metadata


# ---- Myelin's model description of torch modules, and back ----------------------------------------

def describe(m):
    def dtype_of(t):
        return "float64" if t.dtype == torch.float64 else "float32"

    if isinstance(m, nn.Sequential):
        return {"type": "Sequential", "layers": [describe(c) for c in m]}
    if isinstance(m, nn.Linear):
        return {"type": "Linear", "in_features": m.in_features, "out_features": m.out_features,
                "bias": m.bias is not None, "dtype": dtype_of(m.weight)}
    if isinstance(m, nn.BatchNorm1d):
        d = {"type": "BatchNorm1d", "num_features": m.num_features, "eps": m.eps, "momentum": m.momentum,
             "affine": m.affine, "track_running_stats": m.track_running_stats}
        tensor = m.weight if m.affine else m.running_mean
        if tensor is not None:
            d["dtype"] = dtype_of(tensor)
        return d
    if isinstance(m, nn.LayerNorm):
        d = {"type": "LayerNorm", "normalized_shape": list(m.normalized_shape), "eps": m.eps,
             "elementwise_affine": m.elementwise_affine}
        if m.elementwise_affine:
            d["dtype"] = dtype_of(m.weight)
        return d
    if isinstance(m, nn.Dropout):
        return {"type": "Dropout", "p": m.p}
    if isinstance(m, nn.GELU):
        return {"type": "GELU", "approximate": m.approximate}
    if isinstance(m, nn.LogSoftmax):
        return {"type": "LogSoftmax", "dim": m.dim}
    if isinstance(m, nn.ReLU):
        return {"type": "ReLU"}
    raise TypeError(f"no description for {type(m).__name__}")


def build(d):
    dtype = torch.float64 if d.get("dtype") == "float64" else torch.float32
    kind = d["type"]
    simple = {"ReLU": nn.ReLU, "Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh, "SiLU": nn.SiLU, "Identity": nn.Identity}
    if kind in simple:
        return simple[kind]()
    if kind == "Sequential":
        return nn.Sequential(*[build(c) for c in d["layers"]])
    if kind == "Linear":
        return nn.Linear(d["in_features"], d["out_features"], bias=d["bias"], dtype=dtype)
    if kind == "BatchNorm1d":
        return nn.BatchNorm1d(d["num_features"], eps=d["eps"], momentum=d["momentum"], affine=d["affine"],
                              track_running_stats=d["track_running_stats"], dtype=dtype)
    if kind == "LayerNorm":
        return nn.LayerNorm(d["normalized_shape"], eps=d["eps"], elementwise_affine=d["elementwise_affine"], dtype=dtype)
    if kind == "Dropout":
        return nn.Dropout(d["p"])
    if kind == "Flatten":
        return nn.Flatten(d["start_dim"], d["end_dim"])
    if kind == "Step":
        raise TypeError("PyTorch has no Step module")
    if kind == "LeakyReLU":
        return nn.LeakyReLU(d["negative_slope"])
    if kind == "ELU":
        return nn.ELU(d["alpha"])
    if kind == "GELU":
        return nn.GELU(approximate=d["approximate"])
    if kind == "Softplus":
        return nn.Softplus(d["beta"], d["threshold"])
    if kind in ("Softmax", "LogSoftmax"):
        return getattr(nn, kind)(dim=d["dim"])
    raise TypeError(f"unknown layer type {kind}")


def check(path):
    tensors, metadata = read_safetensors(path)
    description = json.loads(metadata["myelin.model"])
    assert description["format"] == "myelin-model" and description["version"] == 1
    model = build(description["model"])
    model.load_state_dict(tensors, strict=True)
    model.eval()
    print(model)
    print("metadata:", {k: v for k, v in metadata.items() if k != "myelin.model"})
    print("loaded", len(tensors), "tensors strictly")


# ---- the fixture ------------------------------------------------------------------------------------

def make_model():
    torch.manual_seed(31)
    model = nn.Sequential(
        nn.Linear(4, 8),
        nn.BatchNorm1d(8),
        nn.ReLU(),
        nn.Dropout(0.25),
        nn.Linear(8, 6, bias=False),
        nn.LayerNorm(6, eps=1e-4),
        nn.GELU(approximate="tanh"),
        nn.Sequential(nn.Linear(6, 3), nn.LogSoftmax(dim=1)),
    )
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.randn_like(p) * 0.5 + (1.0 if name.endswith("weight") and p.dim() == 1 else 0.0))
        bn = model[1]
        bn.running_mean.copy_(torch.randn(8) * 0.3)
        bn.running_var.copy_(torch.rand(8) + 0.5)
        bn.num_batches_tracked.fill_(7)
    return model.eval()


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
        return
    os.makedirs(OUT_DIR, exist_ok=True)
    model = make_model()
    state = model.state_dict()
    write_safetensors(os.path.join(OUT_DIR, "torch_sequential.safetensors"), state, {"format": "pt"})

    x = torch.randn(5, 4, requires_grad=True)
    y = model(x)
    upstream = torch.randn_like(y)
    y.backward(upstream)

    fixture = {
        "repr": str(model),
        "keys": list(state.keys()),
        "description": {"format": "myelin-model", "version": 1, "model": describe(model)},
        "input": encode(x),
        "output": encode(y),
        "upstream": encode(upstream),
        "input_grad": encode(x.grad),
        "parameter_grads": {name: encode(p.grad) for name, p in model.named_parameters()},
    }
    with open(os.path.join(OUT_DIR, "torch_sequential.json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
