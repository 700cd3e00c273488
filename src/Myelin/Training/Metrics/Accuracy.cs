namespace Myelin.Training;

/// <summary>
/// The fraction of samples whose predicted class is the true class.
/// </summary>
/// <remarks>
/// <para>Shape: output [N, C] (logits, log-probabilities or probabilities; the largest column is
/// the prediction) with target [N] (class indices, Int64 or Int32) or [N, C] (one-hot or
/// probabilities; the largest column is the true class). Or, for a binary classifier, output [N]
/// or [N, 1] with target [N] or [N, 1] holding 0 or 1: the prediction is 1 where the output is
/// above 0 (<see cref="BinaryOutputs.Logits"/>, the default) or above 0.5
/// (<see cref="BinaryOutputs.Probabilities"/>).</para>
/// <para>Accumulates correct and total counts, so the result over batches of any sizes is the
/// accuracy over all their samples.</para>
/// </remarks>
public sealed class Accuracy : Metric
{
    long correct;
    long total;

    /// <summary>Creates an accuracy metric.</summary>
    /// <param name="binaryOutputs">What a single output column holds, which sets the threshold (0 for logits, 0.5 for probabilities).</param>
    /// <param name="name">The name in logs; "accuracy" by default.</param>
    public Accuracy(BinaryOutputs binaryOutputs = BinaryOutputs.Logits, string name = "accuracy") : base(name)
    {
        if (!Enum.IsDefined(binaryOutputs))
            throw new ArgumentOutOfRangeException(nameof(binaryOutputs), binaryOutputs, "Accuracy: unknown BinaryOutputs value.");
        BinaryOutputs = binaryOutputs;
    }

    /// <summary>What a single output column holds: logits (threshold 0) or probabilities (threshold 0.5).</summary>
    public BinaryOutputs BinaryOutputs { get; }

    /// <summary>The number of correctly classified samples so far.</summary>
    public long Correct => correct;

    /// <summary>The number of samples so far.</summary>
    public long Total => total;

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override void Reset() => (correct, total) = (0, 0);

    /// <inheritdoc/>
    protected override void UpdateCore(Tensor output, Tensor target)
    {
        var (predicted, actual, _) = ClassPredictions.From(nameof(Accuracy), output, target, BinaryOutputs);
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == actual[i]) correct++;
        total += predicted.Length;
    }

    /// <inheritdoc/>
    public override double Result() => total == 0 ? double.NaN : (double)correct / total;
}
