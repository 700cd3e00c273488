using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Cli.Training;

/// <summary>Everything one training run needs.</summary>
/// <param name="Model">The network to train. Shape: [N, F] → [N, K] (or [N, 1] for regression).</param>
/// <param name="Optimizer">The optimizer over the model's parameters.</param>
/// <param name="Loss">The loss to minimise, reducing a batch to its mean.</param>
/// <param name="Train">The training samples: prepared features [F] and targets.</param>
/// <param name="Validation">The validation samples, or null.</param>
/// <param name="Epochs">The most passes over the training data.</param>
/// <param name="BatchSize">Samples per optimizer step.</param>
/// <param name="Patience">Epochs without improvement of the monitored loss before stopping; 0 turns early stopping off.</param>
/// <param name="Seed">Seed of the shuffling order.</param>
/// <param name="MeasureAccuracy">True for classification: report the fraction of correct argmax predictions.</param>
/// <param name="Schedule">A learning-rate schedule over the optimizer, stepped after every batch, or null for a constant rate.</param>
internal sealed record TrainingJob(
    Module Model,
    Optimizer Optimizer,
    Loss Loss,
    IDataset Train,
    IDataset? Validation,
    int Epochs,
    int BatchSize,
    int Patience,
    int Seed,
    bool MeasureAccuracy,
    LRScheduler? Schedule = null);
