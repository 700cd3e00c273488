#!/usr/bin/env python3
"""Writes the safetensors reference fixture for Myelin's tests.

Produces, in tests/Myelin.Tests/Fixtures/safetensors/:
  torch_reference.safetensors  a few named tensors created by PyTorch with fixed values
  torch_reference.json         for each tensor: dtype, shape and its values flattened
                               (half-precision and small integer types given as the exact
                               float32 / integer values Myelin widens them to)

Uses the `safetensors` package when installed; otherwise writes the format by hand exactly as
the reference writer does: 8-byte little-endian header length, compact JSON header padded with
spaces to a multiple of 8 bytes, then the data ordered by element size (largest first) and name.

Run with the Python that has PyTorch:  /usr/bin/python3 tools/make_safetensors_fixture.py
"""
import json
import os
import struct

import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "tests", "Myelin.Tests", "Fixtures", "safetensors")

DTYPE_CODES = {
    torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
    torch.uint8: "U8", torch.bool: "BOOL",
}


def make_tensors():
    torch.manual_seed(1234)
    return {
        # A small model's state dict, as torch.nn.Linear would hold it.
        "fc.weight": torch.randn(3, 4, dtype=torch.float32),
        "fc.bias": torch.tensor([0.5, -1.25, 3.0e-8], dtype=torch.float32),
        "labels": torch.tensor([0, 7, -3, 2**63 - 1, -2**63], dtype=torch.int64),
        "steps": torch.tensor(42, dtype=torch.int64),  # a scalar, shape []
        "empty": torch.zeros(0, 5, dtype=torch.float32),
        "precise": torch.tensor([[1.0 / 3.0, -2.5e-300], [1e300, 0.0]], dtype=torch.float64),
        "counts": torch.tensor([[1, -2], [2**31 - 1, -2**31]], dtype=torch.int32),
        "mask": torch.tensor([True, False, True], dtype=torch.bool),
        # Types Myelin widens on load.
        "half": torch.tensor([1.0, -0.5, 65504.0, 6.0e-8, 0.1], dtype=torch.float16),
        "brain": torch.tensor([1.0, -3.140625, 1.0e38, 0.1], dtype=torch.bfloat16),
        "bytes": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
        "signed_bytes": torch.tensor([-128, -1, 0, 127], dtype=torch.int8),
        "shorts": torch.tensor([-32768, -1, 0, 32767], dtype=torch.int16),
    }


METADATA = {"format": "pt", "source": "tools/make_safetensors_fixture.py"}


def raw_bytes(tensor):
    tensor = tensor.contiguous()
    if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16; reinterpret the bits
        tensor = tensor.view(torch.int16)
    data = tensor.numpy().tobytes()
    assert struct.pack("=H", 1) == struct.pack("<H", 1), "this writer assumes a little-endian machine"
    return data


def write_by_hand(path, tensors, metadata):
    # Like the reference writer: largest elements first, then by name, so every tensor is aligned.
    order = sorted(tensors.items(), key=lambda kv: (-kv[1].element_size(), kv[0]))
    header = {"__metadata__": metadata}
    offset = 0
    for name, tensor in order:
        length = tensor.numel() * tensor.element_size()
        header[name] = {"dtype": DTYPE_CODES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + length]}
        offset += length
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)))
        f.write(header_bytes)
        for _, tensor in order:
            f.write(raw_bytes(tensor))


def expected_values(tensors):
    expected = {}
    for name, tensor in tensors.items():
        if tensor.dtype.is_floating_point:
            values = tensor.double().flatten().tolist()  # exact: every float type widens exactly
        elif tensor.dtype == torch.bool:
            values = tensor.flatten().tolist()
        else:
            values = tensor.long().flatten().tolist()
        expected[name] = {"dtype": DTYPE_CODES[tensor.dtype], "shape": list(tensor.shape), "values": values}
    return expected


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    tensors = make_tensors()
    path = os.path.join(OUT_DIR, "torch_reference.safetensors")
    try:
        from safetensors.torch import save_file
        save_file(tensors, path, metadata=METADATA)
    except ImportError:
        write_by_hand(path, tensors, METADATA)
    with open(os.path.join(OUT_DIR, "torch_reference.json"), "w") as f:
        json.dump({"metadata": METADATA, "tensors": expected_values(tensors)}, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
