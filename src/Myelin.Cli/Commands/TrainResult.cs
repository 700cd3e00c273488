namespace Myelin.Cli.Commands;

/// <summary>What <c>myelin train</c> produced.</summary>
/// <param name="ModelPath">The saved model file.</param>
/// <param name="EpochsRun">The epochs completed.</param>
/// <param name="BestEpoch">The epoch whose weights were saved.</param>
/// <param name="TestLoss">The loss on the test split (cross-entropy, or the mean squared error in the target's units), or null without one.</param>
/// <param name="TestAccuracy">The accuracy on the test split (classification), or null.</param>
/// <param name="TestRootMeanSquaredError">The RMSE on the test split in the target's units (regression), or null.</param>
public sealed record TrainResult(
    string ModelPath,
    int EpochsRun,
    int BestEpoch,
    double? TestLoss,
    double? TestAccuracy,
    double? TestRootMeanSquaredError);
