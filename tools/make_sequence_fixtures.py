#!/usr/bin/env python3
"""Generates PyTorch reference values for the sequence-layer tests in tests/Myelin.Tests/Sequence/.

Each case builds one torch.nn layer (recurrent cells and layers, embedding, multi-head attention, transformer
encoder blocks) with fixed, seeded parameters, runs it in float32 on fixed inputs, backpropagates fixed upstream
gradients into every floating-point output and records the outputs, the gradients of the floating-point inputs
and of every parameter. The C# tests build the same layer, load the recorded state dict by its PyTorch key
names, and compare. Dropout is 0 everywhere, so training mode is deterministic.

A last entry records the sinusoidal positional-encoding table of the PyTorch tutorial (d_model 6, 7 positions).

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_sequence_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/Sequence/layers.json
"""
import json
import math
import os

import torch
import torch.nn as nn

torch.manual_seed(7)


def encode(t):
    t = t.detach()
    data = t.reshape(-1).tolist()
    if t.is_floating_point():
        # 9 significant digits restore a float32 exactly and keep the file small.
        data = [float(f"{x:.9g}") for x in data]
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def randomize_all(module, scale=0.5):
    """Random values for every parameter, so that biases and norm weights (zeros/ones by default) matter."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            base = 1.0 if name.endswith("norm1.weight") or name.endswith("norm2.weight") or name == "norm.weight" else 0.0
            p.copy_(torch.randn_like(p) * scale + base)
    return module


def run(name, kind, config, module, inputs, call, masks=None):
    """inputs: dict of tensors (floating ones get gradients); call(module, inputs) -> dict of outputs."""
    module.train()
    state = {k: encode(v) for k, v in module.state_dict().items()}
    inputs = {k: (v.float().requires_grad_(True) if v.is_floating_point() else v) for k, v in inputs.items()}
    outputs = call(module, inputs)
    upstream = {k: torch.randn(v.shape) for k, v in outputs.items() if v is not None}
    total = sum((outputs[k] * g).sum() for k, g in upstream.items())
    total.backward()
    return {
        "name": name, "kind": kind, "config": config,
        "state": state,
        "inputs": {k: encode(v) for k, v in inputs.items()},
        "masks": {k: encode(v) for k, v in (masks or {}).items()},
        "outputs": {k: encode(v) for k, v in outputs.items() if v is not None},
        "upstream": {k: encode(v) for k, v in upstream.items()},
        "input_grads": {k: encode(v.grad) for k, v in inputs.items() if v.is_floating_point()},
        "param_grads": {k: encode(p.grad) for k, p in module.named_parameters()},
    }


def recurrent_cases():
    out = []

    def rnn_like(name, kind, cls, config, seq_len=5, batch=2, with_state=True, **kwargs):
        module = cls(config["input_size"], config["hidden_size"], num_layers=config.get("num_layers", 1),
                     bias=config.get("bias", True), batch_first=config.get("batch_first", False),
                     bidirectional=config.get("bidirectional", False), **kwargs)
        d = 2 if config.get("bidirectional", False) else 1
        layers = config.get("num_layers", 1)
        shape = (batch, seq_len, config["input_size"]) if config.get("batch_first", False) else (seq_len, batch, config["input_size"])
        inputs = {"input": torch.randn(*shape)}
        if with_state:
            inputs["h0"] = torch.randn(layers * d, batch, config["hidden_size"]) * 0.5
            if kind == "LSTM":
                inputs["c0"] = torch.randn(layers * d, batch, config["hidden_size"]) * 0.5

        def call(m, x):
            if kind == "LSTM":
                state = (x["h0"], x["c0"]) if with_state else None
                y, (h, c) = m(x["input"], state)
                return {"output": y, "h_n": h, "c_n": c}
            y, h = m(x["input"], x["h0"] if with_state else None)
            return {"output": y, "h_n": h}

        out.append(run(name, kind, config, module, inputs, call))

    rnn_like("rnn_tanh", "RNN", nn.RNN, {"input_size": 3, "hidden_size": 4})
    rnn_like("rnn_relu_2layers_bidirectional", "RNN", nn.RNN,
             {"input_size": 3, "hidden_size": 4, "num_layers": 2, "bidirectional": True, "nonlinearity": "relu"},
             nonlinearity="relu")
    rnn_like("rnn_relu_no_bias_batch_first", "RNN", nn.RNN,
             {"input_size": 3, "hidden_size": 4, "bias": False, "batch_first": True, "nonlinearity": "relu"},
             with_state=False, nonlinearity="relu")
    rnn_like("lstm", "LSTM", nn.LSTM, {"input_size": 3, "hidden_size": 4})
    rnn_like("lstm_2layers_bidirectional_batch_first", "LSTM", nn.LSTM,
             {"input_size": 3, "hidden_size": 4, "num_layers": 2, "bidirectional": True, "batch_first": True})
    rnn_like("lstm_no_state", "LSTM", nn.LSTM, {"input_size": 2, "hidden_size": 3, "num_layers": 2}, seq_len=4, batch=3,
             with_state=False)
    rnn_like("gru", "GRU", nn.GRU, {"input_size": 3, "hidden_size": 4})
    rnn_like("gru_2layers_bidirectional", "GRU", nn.GRU,
             {"input_size": 3, "hidden_size": 4, "num_layers": 2, "bidirectional": True})
    rnn_like("gru_no_bias_batch_first", "GRU", nn.GRU,
             {"input_size": 3, "hidden_size": 4, "bias": False, "batch_first": True}, with_state=False)

    def cell(name, kind, cls, config, **kwargs):
        module = cls(config["input_size"], config["hidden_size"], bias=config.get("bias", True), **kwargs)
        inputs = {"input": torch.randn(3, config["input_size"]), "hx": torch.randn(3, config["hidden_size"]) * 0.5}
        if kind == "LSTMCell":
            inputs["cx"] = torch.randn(3, config["hidden_size"]) * 0.5

        def call(m, x):
            if kind == "LSTMCell":
                h, c = m(x["input"], (x["hx"], x["cx"]))
                return {"h": h, "c": c}
            return {"h": m(x["input"], x["hx"])}

        out.append(run(name, kind, config, module, inputs, call))

    cell("rnn_cell_tanh", "RNNCell", nn.RNNCell, {"input_size": 3, "hidden_size": 4})
    cell("rnn_cell_relu", "RNNCell", nn.RNNCell, {"input_size": 3, "hidden_size": 4, "nonlinearity": "relu"}, nonlinearity="relu")
    cell("lstm_cell", "LSTMCell", nn.LSTMCell, {"input_size": 3, "hidden_size": 4})
    cell("gru_cell", "GRUCell", nn.GRUCell, {"input_size": 3, "hidden_size": 4})
    cell("gru_cell_no_bias", "GRUCell", nn.GRUCell, {"input_size": 3, "hidden_size": 4, "bias": False})
    return out


def embedding_cases():
    module = nn.Embedding(6, 3, padding_idx=0)
    idx = torch.tensor([[1, 0, 4, 4], [5, 2, 0, 3]])
    case = run("embedding_padding", "Embedding", {"num": 6, "dim": 3, "padding_idx": 0}, module, {"input": idx},
               lambda m, x: {"output": m(x["input"])})
    plain = nn.Embedding(5, 2)
    case2 = run("embedding", "Embedding", {"num": 5, "dim": 2}, plain, {"input": torch.tensor([3, 3, 0, 4])},
                lambda m, x: {"output": m(x["input"])})
    return [case, case2]


def attention_cases():
    out = []
    E, H = 8, 2

    def mha(name, config, L, S, N, self_attention, key_padding=None, attn_mask=None, need_weights=True, average=True):
        module = randomize_all(nn.MultiheadAttention(config["embed_dim"], config["num_heads"], bias=config.get("bias", True),
                                                     batch_first=config.get("batch_first", False)))
        bf = config.get("batch_first", False)
        shape = lambda length: (N, length, E) if bf else (length, N, E)
        if self_attention:
            inputs = {"query": torch.randn(*shape(L))}
        else:
            inputs = {"query": torch.randn(*shape(L)), "key": torch.randn(*shape(S)), "value": torch.randn(*shape(S))}
        masks = {}
        if key_padding is not None:
            masks["key_padding_mask"] = key_padding
        if attn_mask is not None:
            masks["attn_mask"] = attn_mask
        config = dict(config, self_attention=self_attention, need_weights=need_weights, average_attn_weights=average)

        def call(m, x):
            q = x["query"]
            k = q if self_attention else x["key"]
            v = q if self_attention else x["value"]
            y, w = m(q, k, v, key_padding_mask=key_padding, need_weights=need_weights, attn_mask=attn_mask,
                     average_attn_weights=average)
            return {"output": y, "weights": w}

        out.append(run(name, "MultiheadAttention", config, module, inputs, call, masks))

    causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
    padding = torch.tensor([[False, False, False, True], [False, False, True, True]])
    mha("mha_self_causal_padding", {"embed_dim": E, "num_heads": H}, 4, 4, 2, True, key_padding=padding, attn_mask=causal)
    mha("mha_cross_per_head_weights_batch_first", {"embed_dim": E, "num_heads": H, "batch_first": True}, 3, 5, 2, False,
        key_padding=torch.tensor([[False, False, False, False, True], [False, True, False, False, False]]), average=False)
    mha("mha_float_mask_no_bias", {"embed_dim": E, "num_heads": 4, "bias": False}, 3, 3, 2, True,
        attn_mask=torch.randn(3, 3), need_weights=False)
    mha("mha_per_head_bool_mask", {"embed_dim": E, "num_heads": H}, 3, 4, 2, False,
        attn_mask=torch.tensor([[[False, True, False, False]] * 3, [[False, False, True, True]] * 3,
                                [[True, False, False, False]] * 3, [[False, False, False, True]] * 3]))
    return out


def transformer_cases():
    out = []

    def layer(name, config, src_shape, mask=None, padding=None):
        module = randomize_all(nn.TransformerEncoderLayer(config["d_model"], config["nhead"], config["dim_feedforward"], dropout=0.0,
                                                          activation=config["activation"], batch_first=config["batch_first"],
                                                          norm_first=config["norm_first"]), scale=0.3)
        masks = {}
        if mask is not None:
            masks["src_mask"] = mask
        if padding is not None:
            masks["src_key_padding_mask"] = padding
        out.append(run(name, "TransformerEncoderLayer", config, module, {"src": torch.randn(*src_shape)},
                       lambda m, x: {"output": m(x["src"], src_mask=mask, src_key_padding_mask=padding)}, masks))

    causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
    layer("encoder_layer_post_norm_relu", {"d_model": 8, "nhead": 2, "dim_feedforward": 16, "activation": "relu",
                                            "batch_first": False, "norm_first": False}, (4, 2, 8), mask=causal,
          padding=torch.tensor([[False, False, False, True], [False, False, False, False]]))
    layer("encoder_layer_pre_norm_gelu", {"d_model": 8, "nhead": 4, "dim_feedforward": 12, "activation": "gelu",
                                           "batch_first": True, "norm_first": True}, (2, 5, 8),
          padding=torch.tensor([[False, False, False, False, True], [False, False, True, True, True]]))

    base = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
    encoder = randomize_all(nn.TransformerEncoder(base, 2, norm=nn.LayerNorm(8), enable_nested_tensor=False), scale=0.3)
    causal5 = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
    out.append(run("encoder_2layers_final_norm", "TransformerEncoder",
                   {"d_model": 8, "nhead": 2, "dim_feedforward": 16, "activation": "gelu", "batch_first": True,
                    "norm_first": True, "num_layers": 2}, encoder, {"src": torch.randn(2, 5, 8)},
                   lambda m, x: {"output": m(x["src"], mask=causal5)}, {"mask": causal5}))
    return out


def positional_encoding(d_model, length):
    # The PyTorch tutorial's construction.
    position = torch.arange(length).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(length, d_model)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(here, "..", "tests", "Myelin.Tests", "Fixtures", "Sequence")
    os.makedirs(folder, exist_ok=True)
    cases = recurrent_cases() + embedding_cases() + attention_cases() + transformer_cases()
    with open(os.path.join(folder, "layers.json"), "w") as f:
        json.dump({"generator": "tools/make_sequence_fixtures.py", "torch": torch.__version__, "cases": cases,
                   "positional_encoding": encode(positional_encoding(6, 7))}, f, indent=None, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(folder)}")


if __name__ == "__main__":
    main()
