namespace Myelin.Training;

/// <summary>
/// Turns a batch of classifier outputs and targets into a predicted and a true class per sample,
/// the rule shared by every classification metric.
/// </summary>
/// <remarks>
/// Outputs [N, C] with C ≥ 2 predict the column with the largest value (the first on a tie);
/// targets are class indices [N] or class probabilities / one-hot rows [N, C] (their largest
/// column). A single output column, [N] or [N, 1], is a binary classifier: class 1 where the
/// output exceeds the threshold of <see cref="BinaryOutputs"/>; its targets must be 0 or 1.
/// </remarks>
internal static class ClassPredictions
{
    /// <summary>The predicted and true class of each sample, and the number of classes the output describes.</summary>
    public static (long[] Predicted, long[] Actual, int NumClasses) From(string metric, Tensor output, Tensor target, BinaryOutputs binaryOutputs)
    {
        if (output.Rank is 0 or > 2 || target.Rank is 0 or > 2 || output.Size(0) != target.Size(0)
            || (output.Rank == 2 && output.Size(1) > 1 && target.Rank == 2 && target.Size(1) != output.Size(1))
            || (IsBinary(output) && target.Rank == 2 && target.Size(1) != 1))
            throw ShapeError(metric, output, target);

        if (IsBinary(output))
        {
            double threshold = binaryOutputs == BinaryOutputs.Probabilities ? 0.5 : 0.0;
            var scores = output.ToArray<double>();
            var predicted = new long[scores.Length];
            for (int i = 0; i < scores.Length; i++) predicted[i] = scores[i] > threshold ? 1 : 0;
            return (predicted, ClassIndices(metric, target, 2, binary: true), 2);
        }

        int classes = output.Size(1);
        var argMax = output.ArgMax(1).ToArray<long>();
        var actual = target.Rank == 2 ? target.ArgMax(1).ToArray<long>() : ClassIndices(metric, target, classes, binary: false);
        return (argMax, actual, classes);
    }

    /// <summary>
    /// Checks that <paramref name="labels"/> (any dtype, [N] or [N, 1]) hold whole numbers in
    /// [0, classes) — or just ≥ 0 when <paramref name="classes"/> is null — and returns them.
    /// </summary>
    public static long[] ClassIndices(string metric, Tensor labels, int? classes, bool binary)
    {
        var values = labels.ToArray<double>();
        var result = new long[values.Length];
        double limit = classes ?? double.PositiveInfinity;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v >= 0 && v < limit && Math.Floor(v) == v))
                throw new ArgumentException(
                    binary ? $"{metric}: target {Format(v)} at sample {i} is not 0 or 1; a single output column is a binary classifier."
                    : classes is int c ? $"{metric}: label {Format(v)} at sample {i} is not a class index in 0 … {c - 1} (there are {c} classes)."
                    : $"{metric}: label {Format(v)} at sample {i} is not a class index (a whole number ≥ 0).");
            result[i] = (long)v;
        }
        return result;
    }

    static bool IsBinary(Tensor output) => output.Rank == 1 || output.Size(1) == 1;

    static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    static ArgumentException ShapeError(string metric, Tensor output, Tensor target) => new(
        $"{metric}: expected outputs [N, C] with class-index targets [N] or class-probability targets [N, C], " +
        $"or a single output column [N] or [N, 1] with 0/1 targets; got outputs {Layout.Format(output.Shape.AsSpan())} and targets {Layout.Format(target.Shape.AsSpan())}.");
}
