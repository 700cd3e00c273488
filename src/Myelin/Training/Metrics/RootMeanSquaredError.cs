namespace Myelin.Training;

/// <summary>
/// The square root of the mean squared difference between predictions and targets, over all
/// samples and outputs: √(Σ(ŷ − y)² / count). In the targets' units; lower is better.
/// </summary>
/// <remarks>
/// <para>Shape: output and target with the same number of samples and values, e.g. [N] or [N, K] (an [N, 1] output pairs with an [N] target).</para>
/// <para>The squares are summed over all batches before the root is taken, so the result is the
/// RMSE of all samples, not a mean of per-batch RMSEs.</para>
/// </remarks>
public sealed class RootMeanSquaredError : Metric
{
    double sumSquared;
    long count;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name in logs; "rmse" by default.</param>
    public RootMeanSquaredError(string name = "rmse") : base(name) { }

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    public override void Reset() => (sumSquared, count) = (0, 0);

    /// <inheritdoc/>
    protected override void UpdateCore(Tensor output, Tensor target)
    {
        var (predicted, actual, _) = RegressionPairs.Read(nameof(RootMeanSquaredError), output, target);
        for (int i = 0; i < predicted.Length; i++)
        {
            double error = predicted[i] - actual[i];
            sumSquared += error * error;
        }
        count += predicted.Length;
    }

    /// <inheritdoc/>
    public override double Result() => count == 0 ? double.NaN : Math.Sqrt(sumSquared / count);
}
