#!/usr/bin/env python3
"""Generates PyTorch reference values for the data pipeline tests in tests/Myelin.Tests/Data/.

- scalers: a small float32 feature table (one constant column) with train and test rows; the
  standard scaler (population std, 1 for constant columns, as scikit-learn does) and the min-max
  scaler onto [-1, 2], fitted on the train rows and applied to both; and the gradient of
  sum(upstream * transform(test)) with respect to the test rows.
- loader: batch shapes of torch.utils.data.DataLoader over a TensorDataset, with and without
  drop_last, and the part sizes of torch.utils.data.random_split for fractional lengths.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_data_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/Data/scalers.json, tests/Myelin.Tests/Fixtures/Data/loader.json
"""
import json
import os

import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(2024)
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "Myelin.Tests", "Fixtures", "Data")


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def scalers():
    train = (torch.randn(8, 3) * torch.tensor([2.0, 0.5, 1.0]) + torch.tensor([5.0, -1.0, 0.0])).float()
    train[:, 2] = 3.25  # a constant feature
    test = (torch.randn(4, 3) * 2 + 1).float()
    upstream = torch.randn(4, 3).float()

    mean = train.mean(0)
    std = train.std(0, unbiased=False)
    std = torch.where(train.amax(0) == train.amin(0), torch.ones_like(std), std)

    def standard(x):
        return (x - mean) / std

    low, high = -1.0, 2.0
    data_min, data_max = train.amin(0), train.amax(0)
    data_range = torch.where(data_max == data_min, torch.ones_like(data_max), data_max - data_min)
    scale = (high - low) / data_range

    def min_max(x):
        return (x - data_min) * scale + low

    def grad_of(transform):
        x = test.clone().requires_grad_(True)
        (transform(x) * upstream).sum().backward()
        return flat(x.grad)

    return {
        "shape_train": list(train.shape),
        "shape_test": list(test.shape),
        "train": flat(train),
        "test": flat(test),
        "upstream": flat(upstream),
        "standard": {
            "mean": flat(mean),
            "std": flat(std),
            "train_out": flat(standard(train)),
            "test_out": flat(standard(test)),
            "test_grad": grad_of(standard),
        },
        "min_max": {
            "range": [low, high],
            "data_min": flat(data_min),
            "data_max": flat(data_max),
            "train_out": flat(min_max(train)),
            "test_out": flat(min_max(test)),
            "test_grad": grad_of(min_max),
        },
    }


def loader():
    n = 10
    data = TensorDataset(torch.arange(n * 3, dtype=torch.float32).reshape(n, 3), torch.arange(n))
    cases = []
    for batch_size in (1, 3, 4, 10, 12):
        for drop_last in (False, True):
            batches = list(DataLoader(data, batch_size=batch_size, drop_last=drop_last))
            cases.append({
                "batch_size": batch_size,
                "drop_last": drop_last,
                "input_shapes": [list(x.shape) for x, _ in batches],
                "target_shapes": [list(y.shape) for _, y in batches],
                "first_targets": [int(v) for v in batches[0][1].tolist()] if batches else [],
            })
    splits = []
    for count, fractions in ((11, [0.5, 0.3, 0.2]), (10, [0.34, 0.33, 0.33]), (7, [0.25, 0.25, 0.25, 0.25]), (5, [1.0, 0.0])):
        parts = random_split(range(count), fractions, generator=torch.Generator().manual_seed(0))
        splits.append({"count": count, "fractions": fractions, "lengths": [len(p) for p in parts]})
    return {"samples": n, "batches": cases, "random_split": splits}


os.makedirs(OUT, exist_ok=True)
for name, content in (("scalers.json", scalers()), ("loader.json", loader())):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(content, f, indent=1)
        f.write("\n")
    print("wrote", os.path.join(OUT, name))
