namespace Myelin.Training;

/// <summary>
/// The coefficient of determination R² = 1 − SS_res / SS_tot: the fraction of the targets' variance
/// that the predictions explain. 1 is perfect, 0 is no better than predicting the mean, and it can
/// be negative. Higher is better.
/// </summary>
/// <remarks>
/// <para>Shape: output and target with the same number of samples and values: [N] (one output) or
/// [N, K] (K outputs; R² is computed per output and averaged, scikit-learn's
/// <c>uniform_average</c>). An [N, 1] output pairs with an [N] target.</para>
/// <para>Accumulated exactly over batches: per output, the residual sum of squares and the
/// targets' count, mean and sum of squared deviations (merged with Chan's formula, which stays
/// accurate when the mean is large), so the result equals R² over all samples at once.</para>
/// <para>As in scikit-learn, an output whose targets are all equal scores 1 if it is predicted
/// exactly and 0 otherwise. With fewer than two samples the result is NaN.</para>
/// </remarks>
public sealed class R2Score : Metric
{
    long count;
    double[] targetMean = [];
    double[] targetSquaredDeviations = [];
    double[] residualSquares = [];

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name in logs; "r2" by default.</param>
    public R2Score(string name = "r2") : base(name) { }

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override void Reset()
    {
        count = 0;
        targetMean = [];
        targetSquaredDeviations = [];
        residualSquares = [];
    }

    /// <inheritdoc/>
    protected override void UpdateCore(Tensor output, Tensor target)
    {
        var (predicted, actual, outputs) = RegressionPairs.Read(nameof(R2Score), output, target);
        int n = output.Size(0);
        if (n == 0) return;
        if (count == 0)
        {
            targetMean = new double[outputs];
            targetSquaredDeviations = new double[outputs];
            residualSquares = new double[outputs];
        }
        else if (outputs != targetMean.Length)
            throw new ArgumentException(
                $"R2Score: this batch has {outputs} output(s) per sample (outputs {Layout.Format(output.Shape.AsSpan())}) but earlier batches had {targetMean.Length}.");

        for (int k = 0; k < outputs; k++)
        {
            // The batch's own mean and squared deviations, then Chan's merge with the running ones.
            double batchMean = 0;
            for (int i = 0; i < n; i++) batchMean += actual[i * outputs + k];
            batchMean /= n;
            double batchDeviations = 0, residuals = 0;
            for (int i = 0; i < n; i++)
            {
                double y = actual[i * outputs + k];
                batchDeviations += (y - batchMean) * (y - batchMean);
                double error = predicted[i * outputs + k] - y;
                residuals += error * error;
            }
            double delta = batchMean - targetMean[k];
            long merged = count + n;
            targetSquaredDeviations[k] += batchDeviations + delta * delta * count * n / merged;
            targetMean[k] += delta * n / merged;
            residualSquares[k] += residuals;
        }
        count += n;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (count < 2) return double.NaN;
        double sum = 0;
        for (int k = 0; k < targetMean.Length; k++)
            sum += targetSquaredDeviations[k] == 0
                ? (residualSquares[k] == 0 ? 1 : 0)
                : 1 - residualSquares[k] / targetSquaredDeviations[k];
        return sum / targetMean.Length;
    }
}
