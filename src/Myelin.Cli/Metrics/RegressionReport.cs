namespace Myelin.Cli.Metrics;

/// <summary>How close predicted numbers are to the true ones: MAE, RMSE and the coefficient of determination R².</summary>
internal sealed class RegressionReport
{
    /// <summary>Compares <paramref name="predicted"/> with <paramref name="actual"/>, in double precision.</summary>
    public RegressionReport(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"RegressionReport: {actual.Length} targets but {predicted.Length} predictions.");
        Count = actual.Length;
        double mean = 0;
        for (int i = 0; i < actual.Length; i++) mean += actual[i];
        mean /= Math.Max(1, actual.Length);
        double absolute = 0, squared = 0, total = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double error = (double)predicted[i] - actual[i];
            absolute += Math.Abs(error);
            squared += error * error;
            total += ((double)actual[i] - mean) * ((double)actual[i] - mean);
        }
        MeanAbsoluteError = Count == 0 ? 0 : absolute / Count;
        MeanSquaredError = Count == 0 ? 0 : squared / Count;
        // R² = 1 − SS_res / SS_tot; scikit-learn gives 0 for constant targets predicted imperfectly and 1 for a perfect fit.
        RSquared = total > 0 ? 1 - squared / total : squared == 0 ? 1 : 0;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The mean of |prediction − target|.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>The mean of (prediction − target)².</summary>
    public double MeanSquaredError { get; }

    /// <summary>The square root of <see cref="MeanSquaredError"/>, in the target's units.</summary>
    public double RootMeanSquaredError => Math.Sqrt(MeanSquaredError);

    /// <summary>1 − (residual sum of squares)/(total sum of squares): 1 for a perfect fit, 0 for predicting the mean.</summary>
    public double RSquared { get; }
}
