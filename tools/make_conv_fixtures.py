#!/usr/bin/env python3
"""Generates PyTorch reference values for the convolution and pooling tests in tests/Myelin.Tests/Conv/.

Each case builds one torch.nn layer with fixed (seeded) parameters and buffers, runs it in float32 in
training or evaluation mode on a fixed input, backpropagates a random upstream gradient and records the
output, the gradient of the input and of every parameter, and the state after the step (running
statistics). The C# tests build the same layer from "config", load the recorded state dict by its PyTorch
key names, and compare. "repr" is PyTorch's printed form of the layer.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_conv_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/Conv/layers.json
"""
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(31)


def encode(t):
    t = t.detach()
    data = t.reshape(-1).tolist()
    if t.dtype == torch.float32:
        data = [float(f"{v:.9g}") for v in data]  # 9 significant digits give back the same float32, in less text
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def pair(v):
    return list(v) if isinstance(v, (tuple, list)) else [v, v]


def conv2d(cin, cout, kernel, stride=1, padding=0, dilation=1, groups=1, bias=True):
    config = {"in": cin, "out": cout, "kernel": pair(kernel), "stride": pair(stride),
              "padding": padding if isinstance(padding, str) else pair(padding),
              "dilation": pair(dilation), "groups": groups, "bias": bias}
    return "Conv2d", config, nn.Conv2d(cin, cout, kernel, stride, padding, dilation, groups, bias)


def conv1d(cin, cout, kernel, stride=1, padding=0, dilation=1, groups=1, bias=True):
    config = {"in": cin, "out": cout, "kernel": kernel, "stride": stride, "padding": padding,
              "dilation": dilation, "groups": groups, "bias": bias}
    return "Conv1d", config, nn.Conv1d(cin, cout, kernel, stride, padding, dilation, groups, bias)


def conv_transpose2d(cin, cout, kernel, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1):
    config = {"in": cin, "out": cout, "kernel": pair(kernel), "stride": pair(stride), "padding": pair(padding),
              "output_padding": pair(output_padding), "groups": groups, "bias": bias, "dilation": pair(dilation)}
    return "ConvTranspose2d", config, nn.ConvTranspose2d(cin, cout, kernel, stride, padding, output_padding, groups, bias, dilation)


def max_pool2d(kernel, stride=None, padding=0, dilation=1, ceil_mode=False):
    config = {"kernel": kernel, "stride": stride, "padding": padding, "dilation": dilation, "ceil_mode": ceil_mode}
    return "MaxPool2d", config, nn.MaxPool2d(kernel, stride, padding, dilation, ceil_mode=ceil_mode)


def avg_pool2d(kernel, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None):
    config = {"kernel": kernel, "stride": stride, "padding": padding, "ceil_mode": ceil_mode,
              "count_include_pad": count_include_pad, "divisor_override": divisor_override}
    return "AvgPool2d", config, nn.AvgPool2d(kernel, stride, padding, ceil_mode, count_include_pad, divisor_override)


def adaptive_avg_pool2d(size):
    return "AdaptiveAvgPool2d", {"output_size": size}, nn.AdaptiveAvgPool2d(size)


def batch_norm2d(features, momentum=0.1, affine=True, track_running_stats=True):
    config = {"features": features, "momentum": momentum, "affine": affine, "track_running_stats": track_running_stats}
    return "BatchNorm2d", config, nn.BatchNorm2d(features, momentum=momentum, affine=affine, track_running_stats=track_running_stats)


def upsample(size=None, scale_factor=None):
    config = {"size": size, "scale_factor": scale_factor}
    return "Upsample", config, nn.Upsample(size=size, scale_factor=scale_factor, mode="nearest")


def randomize_norm(module):
    with torch.no_grad():
        if module.affine:
            module.weight.copy_(torch.randn_like(module.weight) * 0.5 + 1.0)
            module.bias.copy_(torch.randn_like(module.bias) * 0.5)
    return module


def set_stats(module):
    with torch.no_grad():
        module.running_mean.copy_(torch.randn_like(module.running_mean))
        module.running_var.copy_(torch.rand_like(module.running_var) + 0.5)
        module.num_batches_tracked.fill_(7)


# Pooling and upsampling settings are recorded as given (an int or a pair, stride None for the default),
# because the layers print them back that way.
def cases():
    out = []

    def add(name, spec, shape, mode="train", setup=None):
        layer, config, module = spec
        out.append((name, layer, config, module, torch.randn(*shape), mode, setup))

    add("conv2d_basic", conv2d(3, 4, 3), [2, 3, 6, 5])
    add("conv2d_padding", conv2d(2, 3, 3, padding=1), [2, 2, 5, 5])
    add("conv2d_stride_rect", conv2d(3, 4, (3, 2), stride=(2, 1), padding=(1, 0)), [2, 3, 7, 6])
    add("conv2d_dilation", conv2d(2, 3, 3, padding=2, dilation=2), [1, 2, 7, 8])
    add("conv2d_groups", conv2d(4, 6, 3, padding=1, groups=2), [2, 4, 5, 4])
    add("conv2d_depthwise_strided", conv2d(3, 3, 3, stride=2, groups=3), [2, 3, 7, 7])
    add("conv2d_no_bias", conv2d(2, 3, 2, stride=(1, 2), bias=False), [2, 2, 4, 6])
    add("conv2d_same_even_kernel", conv2d(2, 3, (4, 2), padding="same", dilation=(1, 2)), [2, 2, 5, 6])
    add("conv2d_same_odd_kernel", conv2d(2, 2, 3, padding="same"), [1, 2, 4, 5])
    add("conv2d_valid", conv2d(2, 3, (2, 3), padding="valid"), [2, 2, 4, 5])
    add("conv2d_1x1", conv2d(4, 2, 1), [3, 4, 3, 3])
    add("conv2d_everything", conv2d(4, 6, (3, 2), stride=(2, 3), padding=(2, 1), dilation=(2, 1), groups=2), [2, 4, 9, 8])

    add("conv1d_basic", conv1d(3, 4, 3), [2, 3, 8])
    add("conv1d_stride_padding", conv1d(2, 4, 3, stride=2, padding=1), [2, 2, 9])
    add("conv1d_same_even", conv1d(2, 3, 4, padding="same"), [2, 2, 7])
    add("conv1d_groups_dilation", conv1d(4, 4, 2, dilation=3, groups=2, bias=False), [2, 4, 10])

    add("conv_transpose2d_basic", conv_transpose2d(3, 2, 3), [2, 3, 4, 3])
    add("conv_transpose2d_stride_output_padding", conv_transpose2d(2, 3, 3, stride=2, padding=1, output_padding=1), [2, 2, 4, 5])
    add("conv_transpose2d_everything", conv_transpose2d(4, 6, (3, 2), stride=(2, 3), padding=(1, 0), output_padding=(0, 2),
                                                        groups=2, dilation=(2, 1)), [2, 4, 3, 4])
    add("conv_transpose2d_dilation_output_padding", conv_transpose2d(2, 2, 2, padding=1, output_padding=1, dilation=2, bias=False),
        [1, 2, 4, 4])

    add("maxpool2d_2", max_pool2d(2), [2, 3, 6, 6])
    add("maxpool2d_odd_input", max_pool2d(2), [2, 2, 7, 5])
    add("maxpool2d_3_stride2_padding1", max_pool2d(3, 2, 1), [2, 2, 7, 6])
    add("maxpool2d_ceil", max_pool2d(3, 2, ceil_mode=True), [2, 2, 8, 7])
    add("maxpool2d_ceil_padding", max_pool2d(2, 2, 1, ceil_mode=True), [1, 2, 5, 6])
    add("maxpool2d_dilation_rect", max_pool2d((2, 3), (1, 2), (1, 1), dilation=(2, 1)), [2, 2, 6, 7])

    add("avgpool2d_2", avg_pool2d(2), [2, 3, 6, 6])
    add("avgpool2d_padding_include", avg_pool2d(3, 2, 1), [2, 2, 7, 6])
    add("avgpool2d_padding_exclude", avg_pool2d(3, 2, 1, count_include_pad=False), [2, 2, 7, 6])
    add("avgpool2d_ceil_include", avg_pool2d(3, 2, 1, ceil_mode=True), [1, 2, 6, 8])
    add("avgpool2d_ceil_exclude", avg_pool2d((2, 3), (2, 2), (1, 1), ceil_mode=True, count_include_pad=False), [1, 2, 6, 8])
    add("avgpool2d_divisor_override", avg_pool2d(2, 1, divisor_override=3), [1, 2, 4, 4])

    add("adaptive_avg_pool2d_non_divisible", adaptive_avg_pool2d((3, 2)), [2, 3, 7, 5])
    add("adaptive_avg_pool2d_global", adaptive_avg_pool2d(1), [2, 3, 4, 5])
    add("adaptive_avg_pool2d_larger_output", adaptive_avg_pool2d((4, 5)), [1, 2, 3, 3])

    add("batchnorm2d_train", (lambda s: (s[0], s[1], randomize_norm(s[2])))(batch_norm2d(3)), [4, 3, 3, 2])
    add("batchnorm2d_train_with_stats", (lambda s: (s[0], s[1], randomize_norm(s[2])))(batch_norm2d(3)), [2, 3, 4, 4], setup=set_stats)
    add("batchnorm2d_eval", (lambda s: (s[0], s[1], randomize_norm(s[2])))(batch_norm2d(3)), [2, 3, 3, 3], mode="eval", setup=set_stats)
    add("batchnorm2d_momentum_none", (lambda s: (s[0], s[1], randomize_norm(s[2])))(batch_norm2d(2, momentum=None)), [3, 2, 2, 3],
        setup=set_stats)
    add("batchnorm2d_no_affine", batch_norm2d(2, momentum=0.3, affine=False), [3, 2, 3, 2], setup=set_stats)
    add("batchnorm2d_no_running_stats_eval", (lambda s: (s[0], s[1], randomize_norm(s[2])))(batch_norm2d(2, track_running_stats=False)),
        [2, 2, 3, 3], mode="eval")

    add("upsample_scale2", upsample(scale_factor=2), [2, 2, 3, 4])
    add("upsample_scale3", upsample(scale_factor=3), [1, 2, 2, 3])
    add("upsample_scale1_5", upsample(scale_factor=1.5), [1, 2, 4, 5])
    add("upsample_size", upsample(size=(5, 7)), [1, 2, 3, 4])
    add("upsample_downsample", upsample(scale_factor=0.5), [1, 1, 6, 5])
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
    return {
        "name": name, "layer": layer, "config": config, "mode": mode, "repr": repr(module),
        "state": state_before, "input": encode(x), "output": encode(y),
        "grad_output": encode(grad_out), "input_grad": encode(x.grad),
        "param_grads": {k: encode(p.grad) for k, p in module.named_parameters()},
        "state_after": {k: encode(v) for k, v in module.state_dict().items()},
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(here, "..", "tests", "Myelin.Tests", "Fixtures", "Conv")
    os.makedirs(folder, exist_ok=True)
    layers = [make_case(*c) for c in cases()]
    with open(os.path.join(folder, "layers.json"), "w") as f:
        json.dump({"generator": "tools/make_conv_fixtures.py", "torch": torch.__version__, "cases": layers}, f,
                  indent=None, separators=(",", ":"))
    print(f"wrote {len(layers)} layer cases to {os.path.normpath(folder)}")


if __name__ == "__main__":
    main()
