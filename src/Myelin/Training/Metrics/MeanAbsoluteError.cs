namespace Myelin.Training;

/// <summary>
/// The mean absolute difference between predictions and targets, over all samples and outputs:
/// Σ|ŷ − y| / count. Lower is better.
/// </summary>
/// <remarks>Shape: output and target with the same number of samples and values, e.g. [N] or [N, K] (an [N, 1] output pairs with an [N] target).</remarks>
public sealed class MeanAbsoluteError : Metric
{
    double sumAbsolute;
    long count;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name in logs; "mae" by default.</param>
    public MeanAbsoluteError(string name = "mae") : base(name) { }

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    public override void Reset() => (sumAbsolute, count) = (0, 0);

    /// <inheritdoc/>
    protected override void UpdateCore(Tensor output, Tensor target)
    {
        var (predicted, actual, _) = RegressionPairs.Read(nameof(MeanAbsoluteError), output, target);
        for (int i = 0; i < predicted.Length; i++) sumAbsolute += Math.Abs(predicted[i] - actual[i]);
        count += predicted.Length;
    }

    /// <inheritdoc/>
    public override double Result() => count == 0 ? double.NaN : sumAbsolute / count;
}
