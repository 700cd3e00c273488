namespace Myelin.Learn;

/// <summary>One training run of <see cref="LearningRateExperiment"/>.</summary>
/// <param name="LearningRate">The step size used.</param>
/// <param name="Losses">The training loss before training (epoch 0), then after each completed epoch.</param>
/// <param name="Diverged">True when the loss grew instead of shrinking, or became infinite or NaN.</param>
/// <param name="DivergedAtEpoch">The epoch at which divergence was detected, or null.</param>
/// <param name="Reason">How divergence was detected (the trainer's non-finite-loss error, or the loss growing), or null.</param>
public sealed record LearningRateRun(double LearningRate, IReadOnlyList<double> Losses, bool Diverged, int? DivergedAtEpoch, string? Reason);
