namespace Myelin.Training;

/// <summary>
/// Of the samples of a class, the fraction predicted as that class: TP / (TP + FN), per class and macro-averaged.
/// </summary>
/// <remarks>
/// Shape: output [N, C] with target [N] or [N, C], or a binary output [N] / [N, 1] with 0/1
/// targets. See <see cref="ClassificationScore"/> for the averaging and zero-division rules.
/// </remarks>
public sealed class Recall : ClassificationScore
{
    /// <summary>Creates the metric.</summary>
    /// <param name="numClasses">The number of classes, or null to take it from the outputs.</param>
    /// <param name="binaryOutputs">What a single output column holds, which sets the threshold (0 for logits, 0.5 for probabilities).</param>
    /// <param name="name">The name in logs; "recall" by default.</param>
    public Recall(int? numClasses = null, BinaryOutputs binaryOutputs = BinaryOutputs.Logits, string name = "recall")
        : base(name, numClasses, binaryOutputs) { }

    /// <inheritdoc/>
    protected override double ClassScore(ConfusionMatrix matrix, int c) => matrix.Recall(c);
}
