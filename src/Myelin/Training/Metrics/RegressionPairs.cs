namespace Myelin.Training;

/// <summary>Reads a batch of regression outputs and targets as flat arrays, checking that they pair up.</summary>
internal static class RegressionPairs
{
    /// <summary>
    /// The values of <paramref name="output"/> and <paramref name="target"/> in row-major order and
    /// the number of values per sample. The two must hold the same number of elements with the same
    /// first dimension, so [N, 1] pairs with [N] (a common mismatch that would otherwise broadcast).
    /// </summary>
    public static (double[] Predicted, double[] Actual, int PerSample) Read(string metric, Tensor output, Tensor target)
    {
        if (output.Rank == 0 || target.Rank == 0 || output.Size(0) != target.Size(0) || output.NumElements != target.NumElements)
            throw new ArgumentException(
                $"{metric}: expected outputs and targets with the same number of samples and values, e.g. [N] or [N, K] for both; " +
                $"got outputs {Layout.Format(output.Shape.AsSpan())} and targets {Layout.Format(target.Shape.AsSpan())}.");
        int n = output.Size(0);
        int perSample = n == 0 ? 0 : output.NumElements / n;
        return (output.ToArray<double>(), target.ToArray<double>(), perSample);
    }
}
