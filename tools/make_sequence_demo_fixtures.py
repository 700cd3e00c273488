#!/usr/bin/env python3
"""Generates PyTorch reference values for the sequence-demo models in tests/Myelin.Tests/SequenceDemos/.

Each case builds, in PyTorch, the same model as a class of Myelin.Examples (CharLSTM, SineForecaster,
AttentionWordClassifier, MinibatchStdDev, the GAN losses) with fixed, seeded parameters, runs it in float32 on
fixed inputs, backpropagates a loss (or fixed upstream gradients) and records the outputs, the loss and the
gradients of the floating-point inputs and of every parameter. The C# tests build the Myelin model, load the
recorded state dict by its PyTorch key names, and compare.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_sequence_demo_fixtures.py
Writes: tests/Myelin.Tests/Fixtures/SequenceDemos/models.json
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(11)


def encode(t):
    t = t.detach()
    data = t.reshape(-1).tolist()
    if t.is_floating_point():
        # 9 significant digits restore a float32 exactly and keep the file small.
        data = [float(f"{x:.9g}") for x in data]
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def randomize(module, scale=0.5):
    """Random values for every parameter, so that biases (zeros by default in attention) matter."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * scale)
    return module


def record(name, config, module, inputs, outputs, loss_name, loss):
    """Backpropagates loss (a scalar) and records everything."""
    loss.backward()
    return {
        "name": name,
        "config": config,
        "state": {k: encode(v) for k, v in module.state_dict().items()} if module is not None else {},
        "inputs": {k: encode(v) for k, v in inputs.items()},
        "outputs": {**{k: encode(v) for k, v in outputs.items()}, loss_name: encode(loss)},
        "input_grads": {k: encode(v.grad) for k, v in inputs.items() if v.grad is not None},
        "param_grads": {k: encode(p.grad) for k, p in module.named_parameters()} if module is not None else {},
    }


class CharLSTM(nn.Module):
    def __init__(self, vocab, embedding_dim, hidden, num_layers):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden, num_layers, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, tokens):
        return self.head(self.lstm(self.embedding(tokens))[0])


def char_lstm_case():
    vocab, embedding_dim, hidden, layers = 7, 4, 5, 2
    model = randomize(CharLSTM(vocab, embedding_dim, hidden, layers))
    with torch.no_grad():
        model.embedding.weight[0].zero_()          # the padding row, as after construction
    # Framed words <s> … </s> padded with 0: "cab", "a", "dcba" in a vocabulary <pad> <s> </s> a b c d.
    tokens = torch.tensor([[1, 5, 3, 4, 2, 0], [1, 3, 2, 0, 0, 0], [1, 6, 5, 4, 3, 2]])
    logits = model(tokens[:, :-1])
    # The loss of CharLanguageModelTraining.Loss: mean cross-entropy of every next token, padding ignored.
    loss = F.cross_entropy(logits.reshape(-1, vocab), tokens[:, 1:].reshape(-1), ignore_index=0)
    config = {"vocab_size": vocab, "embedding_dim": embedding_dim, "hidden_size": hidden, "num_layers": layers}
    return record("char_lstm", config, model, {"tokens": tokens}, {"logits": logits}, "loss", loss)


class SineForecaster(nn.Module):
    def __init__(self, kind, hidden):
        super().__init__()
        self.rnn = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind](1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, windows):
        return self.head(self.rnn(windows)[0][:, -1])


def forecaster_case(kind):
    hidden = 4
    model = randomize(SineForecaster(kind, hidden))
    windows = torch.randn(3, 5, 1).requires_grad_(True)
    target = torch.randn(3, 1)
    prediction = model(windows)
    loss = F.mse_loss(prediction, target)
    config = {"kind": kind, "hidden_size": hidden}
    return record(f"sine_forecaster_{kind.lower()}", config, model, {"windows": windows, "target": target},
                  {"prediction": prediction}, "loss", loss)


def sinusoids(length, d_model):
    """The table of the PyTorch tutorial: sin on even features, cos on odd ones."""
    position = torch.arange(length).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(length, d_model)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe


class AttentionWordClassifier(nn.Module):
    def __init__(self, vocab, embed_dim, heads, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed_dim, padding_idx=0)
        self.attention = nn.MultiheadAttention(embed_dim, heads, batch_first=True)
        self.classifier = nn.Sequential(nn.Linear(embed_dim, embed_dim), nn.ReLU(), nn.Linear(embed_dim, classes))

    def forward(self, tokens):
        x = self.embedding(tokens) + sinusoids(tokens.shape[1], self.embedding.embedding_dim)
        attended, weights = self.attention(x, x, x, key_padding_mask=(tokens == 0))
        h = x + attended
        keep = (tokens != 0).float().unsqueeze(2)
        return self.classifier((h * keep).sum(1) / keep.sum(1)), weights


def attention_classifier_case():
    vocab, embed_dim, heads, classes = 7, 8, 2, 2
    model = randomize(AttentionWordClassifier(vocab, embed_dim, heads, classes))
    with torch.no_grad():
        model.embedding.weight[0].zero_()
    tokens = torch.tensor([[3, 4, 5, 0, 0], [6, 3, 3, 4, 5], [5, 0, 0, 0, 0]])
    labels = torch.tensor([1, 0, 1])
    logits, weights = model(tokens)
    loss = F.cross_entropy(logits, labels)
    config = {"vocab_size": vocab, "embed_dim": embed_dim, "num_heads": heads, "num_classes": classes}
    return record("attention_classifier", config, model, {"tokens": tokens, "labels": labels},
                  {"logits": logits, "weights": weights}, "loss", loss)


def minibatch_std_case():
    x = torch.randn(4, 3).requires_grad_(True)
    out = torch.cat([x, (x.var(0, unbiased=False) + 1e-8).sqrt().mean().expand(x.shape[0], 1)], 1)
    upstream = torch.randn(out.shape)
    loss = (out * upstream).sum()
    return record("minibatch_std", {}, None, {"input": x, "upstream": upstream}, {"output": out}, "loss", loss)


def gan_losses_case():
    real = torch.randn(4, 1).mul(2).requires_grad_(True)
    fake = torch.randn(5, 1).mul(2).requires_grad_(True)
    d_loss = F.binary_cross_entropy_with_logits(real, torch.ones_like(real)) + \
        F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake))
    g_loss = F.binary_cross_entropy_with_logits(fake, torch.ones_like(fake))
    # Both losses in one backward pass: the recorded gradients are of d_loss + g_loss.
    return record("gan_losses", {}, None, {"real_logits": real, "fake_logits": fake},
                  {"discriminator_loss": d_loss, "generator_loss": g_loss}, "total", d_loss + g_loss)


def main():
    cases = [char_lstm_case()] + [forecaster_case(k) for k in ("RNN", "LSTM", "GRU")] + \
        [attention_classifier_case(), minibatch_std_case(), gan_losses_case()]
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "Myelin.Tests", "Fixtures", "SequenceDemos", "models.json")
    with open(path, "w") as f:
        json.dump({"generator": "tools/make_sequence_demo_fixtures.py", "torch": torch.__version__, "cases": cases}, f)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
