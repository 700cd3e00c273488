namespace Myelin.Learn;

/// <summary>One training run of <see cref="Overfitting"/>.</summary>
/// <param name="Name">Which run: "no regularisation", "L2 (weight decay)" or "early stopping".</param>
/// <param name="TrainingLoss">The training loss after each epoch.</param>
/// <param name="ValidationLoss">The validation loss after each epoch.</param>
/// <param name="EpochsRun">How many epochs ran (fewer than asked when early stopping stopped the run).</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss, counted from 1.</param>
/// <param name="FinalValidationLoss">The validation loss of the weights the run ends with (for early stopping: the best epoch's, restored).</param>
public sealed record OverfittingRun(
    string Name, IReadOnlyList<double> TrainingLoss, IReadOnlyList<double> ValidationLoss,
    int EpochsRun, int BestEpoch, double FinalValidationLoss);
