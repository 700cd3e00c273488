namespace Myelin.Training;

/// <summary>
/// The fraction of samples whose true class is among the <see cref="K"/> highest-scoring classes
/// (ImageNet's "top-5 accuracy"). With K = 1 it is <see cref="Accuracy"/>.
/// </summary>
/// <remarks>
/// <para>Shape: output [N, C] with target [N] (class indices).</para>
/// <para>A sample counts as correct when fewer than K classes score strictly higher than its
/// true class, so ties are resolved in the sample's favour.</para>
/// </remarks>
public sealed class TopKAccuracy : Metric
{
    long correct;
    long total;

    /// <summary>Creates a top-K accuracy metric.</summary>
    /// <param name="k">How many of the best-scoring classes may contain the true class (≥ 1).</param>
    /// <param name="name">The name in logs; "top_{k}_accuracy" by default (e.g. "top_5_accuracy").</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public TopKAccuracy(int k = 5, string? name = null) : base(name ?? $"top_{CheckK(k)}_accuracy")
    {
        CheckK(k);
        K = k;
    }

    /// <summary>How many of the best-scoring classes may contain the true class.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    static int CheckK(int k) => k >= 1 ? k
        : throw new ArgumentOutOfRangeException(nameof(k), k, $"TopKAccuracy: k must be at least 1, got {k}.");

    /// <inheritdoc/>
    public override void Reset() => (correct, total) = (0, 0);

    /// <inheritdoc/>
    protected override void UpdateCore(Tensor output, Tensor target)
    {
        if (output.Rank != 2 || target.Rank != 1 || output.Size(0) != target.Size(0))
            throw new ArgumentException(
                $"TopKAccuracy: expected outputs [N, C] and class-index targets [N]; got outputs {Layout.Format(output.Shape.AsSpan())} and targets {Layout.Format(target.Shape.AsSpan())}.");
        int n = output.Size(0), classes = output.Size(1);
        var labels = ClassPredictions.ClassIndices(nameof(TopKAccuracy), target, classes, binary: false);
        var scores = output.ToArray<double>();
        for (int i = 0; i < n; i++)
        {
            var row = scores.AsSpan(i * classes, classes);
            double trueScore = row[(int)labels[i]];
            int higher = 0;
            foreach (double s in row)
                if (s > trueScore) higher++;
            // A NaN score is never a correct prediction.
            if (higher < K && !double.IsNaN(trueScore)) correct++;
        }
        total += n;
    }

    /// <inheritdoc/>
    public override double Result() => total == 0 ? double.NaN : (double)correct / total;
}
