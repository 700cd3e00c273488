"""Reference values for Myelin.Training, written by PyTorch.

Writes tests/Myelin.Tests/Fixtures/Training/:
  fit.json      short training runs written out as plain PyTorch loops, each the loop that
                Trainer.Fit runs without shuffling: per batch zero_grad, forward, loss, backward,
                optional clip_grad_norm_, step; the epoch's loss is the mean of the batch losses
                weighted by batch size; metrics are taken on each batch's outputs before its step;
                validation runs in eval mode under no_grad after the epoch; a StepLR schedule steps
                after each epoch. Records each epoch's values, the final parameters and the final
                model's outputs on the validation inputs.
  metrics.json  classification and regression metrics on fixed data, computed from their
                definitions with torch operations (confusion matrix by bincount, macro averages
                over the classes present among true or predicted labels, R2 per output averaged).

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_training_fixtures.py
"""
import json
import os

import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "tests", "Myelin.Tests", "Fixtures", "Training")


def values(tensor):
    """Flattened values, widened exactly to Python floats."""
    return tensor.detach().double().flatten().tolist()


def encoded(tensor):
    return {"shape": list(tensor.shape), "data": values(tensor)}


def rounded(generator, *shape, scale=1.0, offset=0.0):
    # Two decimals keep the fixture readable; float32 holds the inputs as written.
    return (torch.randn(*shape, generator=generator) * scale * 100).round() / 100 + offset


# ---------------------------------------------------------------------------------------------
# Fit

def accuracy_counts(output, target):
    return int((output.argmax(dim=1) == target).sum()), len(target)


def regression_sums(output, target):
    error = output - target
    return {"abs": float(error.abs().sum()), "sq": float((error ** 2).sum()), "n": error.numel()}


def run_fit(name, kind, clip, use_schedule, optimizer_name, epochs=3, batch_size=4):
    g = torch.Generator().manual_seed(11 if kind == "classification" else 12)
    in_features, hidden = 4, 8
    out_features = 3 if kind == "classification" else 2
    model = torch.nn.Sequential(torch.nn.Linear(in_features, hidden), torch.nn.Tanh(),
                                torch.nn.Linear(hidden, out_features))
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(rounded(g, *p.shape, scale=0.5))
    initial = {k: encoded(v) for k, v in model.state_dict().items()}

    x_train, x_val = rounded(g, 10, in_features), rounded(g, 6, in_features)
    if kind == "classification":
        y_train = torch.randint(0, out_features, (10,), generator=g)
        y_val = torch.randint(0, out_features, (6,), generator=g)
        loss_fn = torch.nn.CrossEntropyLoss()
    else:
        y_train, y_val = rounded(g, 10, out_features), rounded(g, 6, out_features)
        loss_fn = torch.nn.MSELoss()

    if optimizer_name == "SGD":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5) if use_schedule else None

    history = []
    for epoch in range(epochs):
        model.train()
        lr = optimizer.param_groups[0]["lr"]
        loss_sum, samples, correct, reg = 0.0, 0, 0, {"abs": 0.0, "sq": 0.0, "n": 0}
        for start in range(0, len(x_train), batch_size):
            x, y = x_train[start:start + batch_size], y_train[start:start + batch_size]
            optimizer.zero_grad()
            output = model(x)
            loss = loss_fn(output, y)
            loss.backward()
            if clip is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=clip)
            optimizer.step()
            loss_sum += float(loss) * len(x)
            samples += len(x)
            if kind == "classification":
                correct += accuracy_counts(output.detach(), y)[0]
            else:
                for key, value in regression_sums(output.detach(), y).items():
                    reg[key] += value
        record = {"loss": loss_sum / samples, "lr": lr}
        if kind == "classification":
            record["accuracy"] = correct / samples
        else:
            record["mae"] = reg["abs"] / reg["n"]
            record["rmse"] = (reg["sq"] / reg["n"]) ** 0.5
        model.eval()
        with torch.no_grad():
            output = model(x_val)
            record["val_loss"] = float(loss_fn(output, y_val))
            if kind == "classification":
                record["val_accuracy"] = accuracy_counts(output, y_val)[0] / len(y_val)
            else:
                sums = regression_sums(output, y_val)
                record["val_mae"] = sums["abs"] / sums["n"]
                record["val_rmse"] = (sums["sq"] / sums["n"]) ** 0.5
        history.append(record)
        if schedule is not None:
            schedule.step()

    model.eval()
    with torch.no_grad():
        predictions = model(x_val)
    return {
        "name": name,
        "kind": kind,
        "optimizer": optimizer_name,
        "clip_norm": clip,
        "step_lr": use_schedule,
        "epochs": epochs,
        "batch_size": batch_size,
        "initial_state": initial,
        "x_train": encoded(x_train), "y_train": encoded(y_train),
        "x_val": encoded(x_val), "y_val": encoded(y_val),
        "history": history,
        "final_state": {k: encoded(v) for k, v in model.state_dict().items()},
        "val_predictions": encoded(predictions),
    }


def fit_fixture():
    return {"cases": [
        run_fit("classification_sgd_clip_steplr", "classification", clip=0.5, use_schedule=True, optimizer_name="SGD"),
        run_fit("regression_adam", "regression", clip=None, use_schedule=False, optimizer_name="Adam"),
    ]}


# ---------------------------------------------------------------------------------------------
# Metrics

def class_scores(predicted, actual, classes):
    matrix = torch.bincount(actual * classes + predicted, minlength=classes * classes).reshape(classes, classes)
    tp = matrix.diag().double()
    predicted_count = matrix.sum(dim=0).double()
    support = matrix.sum(dim=1).double()

    def ratio(a, b):
        return torch.where(b > 0, a / b.clamp(min=1), torch.zeros_like(a))

    precision = ratio(tp, predicted_count)
    recall = ratio(tp, support)
    f1 = ratio(2 * tp, predicted_count + support)
    present = (predicted_count + support) > 0
    return {
        "confusion_matrix": encoded(matrix),
        "precision_per_class": [float(v) if p else None for v, p in zip(precision, present)],
        "recall_per_class": [float(v) if p else None for v, p in zip(recall, present)],
        "f1_per_class": [float(v) if p else None for v, p in zip(f1, present)],
        "precision_macro": float(precision[present].mean()),
        "recall_macro": float(recall[present].mean()),
        "f1_macro": float(f1[present].mean()),
        "accuracy": float((predicted == actual).double().mean()),
    }


def metrics_fixture():
    g = torch.Generator().manual_seed(5)
    # Five classes: class 3 is never predicted (its logit is pushed down), class 4 never occurs
    # at all, so the macro averages must cover classes 0-3 only.
    logits = rounded(g, 23, 5)
    logits[:, 3] -= 10
    logits[:, 4] -= 10
    labels = torch.randint(0, 4, (23,), generator=g)
    labels[:4] = 3
    multiclass = {
        "logits": encoded(logits),
        "labels": encoded(labels),
        "batch_sizes": [5, 10, 8],
        "top2_accuracy": float((logits.topk(2, dim=1).indices == labels[:, None]).any(dim=1).double().mean()),
        **class_scores(logits.argmax(dim=1), labels, 5),
    }

    logit_column = rounded(g, 15, 1)
    probabilities = torch.rand(15, generator=g)
    binary_labels = torch.randint(0, 2, (15,), generator=g)
    binary = {
        "logits": encoded(logit_column),
        "probabilities": encoded(probabilities),
        "labels": encoded(binary_labels),
        "accuracy_logits": float(((logit_column[:, 0] > 0).long() == binary_labels).double().mean()),
        "accuracy_probabilities": float(((probabilities > 0.5).long() == binary_labels).double().mean()),
        "logits_scores": class_scores((logit_column[:, 0] > 0).long(), binary_labels, 2),
    }

    # Targets far from zero: a naive sum-of-squares R2 loses digits here in float32.
    target = rounded(g, 17, 2, scale=2.0, offset=1000.0)
    prediction = target + rounded(g, 17, 2, scale=0.7)
    # The metrics are computed in float64 from the float32 values the test reads.
    p, t = prediction.double(), target.double()
    residual = ((p - t) ** 2).sum(dim=0)
    total = ((t - t.mean(dim=0)) ** 2).sum(dim=0)
    regression = {
        "prediction": encoded(prediction),
        "target": encoded(target),
        "batch_sizes": [3, 9, 5],
        "mae": float((p - t).abs().mean()),
        "rmse": float(((p - t) ** 2).mean().sqrt()),
        "r2_per_output": values(1 - residual / total),
        "r2": float((1 - residual / total).mean()),
    }
    return {"multiclass": multiclass, "binary": binary, "regression": regression}


def write(name, content):
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        json.dump(content, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", os.path.normpath(path))


def main():
    torch.set_default_dtype(torch.float32)
    os.makedirs(OUT_DIR, exist_ok=True)
    write("fit.json", fit_fixture())
    write("metrics.json", metrics_fixture())


if __name__ == "__main__":
    main()
