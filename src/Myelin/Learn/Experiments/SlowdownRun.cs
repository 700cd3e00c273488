namespace Myelin.Learn;

/// <summary>One training run of <see cref="LearningSlowdown"/>.</summary>
/// <param name="LossName">"mean squared error" or "cross-entropy".</param>
/// <param name="Losses">The loss before each step.</param>
/// <param name="Outputs">The neuron's output before each step.</param>
public sealed record SlowdownRun(string LossName, IReadOnlyList<double> Losses, IReadOnlyList<double> Outputs)
{
    /// <summary>The fraction of the starting loss that remains before step <paramref name="epoch"/> (1 = no progress).</summary>
    /// <param name="epoch">A step index.</param>
    public double RelativeLoss(int epoch) => Losses[epoch] / Losses[0];
}
