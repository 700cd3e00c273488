namespace Myelin.Training;

/// <summary>
/// Of the samples predicted as a class, the fraction that truly are of that class: TP / (TP + FP), per class and macro-averaged.
/// </summary>
/// <remarks>
/// Shape: output [N, C] with target [N] or [N, C], or a binary output [N] / [N, 1] with 0/1
/// targets. See <see cref="ClassificationScore"/> for the averaging and zero-division rules.
/// </remarks>
public sealed class Precision : ClassificationScore
{
    /// <summary>Creates the metric.</summary>
    /// <param name="numClasses">The number of classes, or null to take it from the outputs.</param>
    /// <param name="binaryOutputs">What a single output column holds, which sets the threshold (0 for logits, 0.5 for probabilities).</param>
    /// <param name="name">The name in logs; "precision" by default.</param>
    public Precision(int? numClasses = null, BinaryOutputs binaryOutputs = BinaryOutputs.Logits, string name = "precision")
        : base(name, numClasses, binaryOutputs) { }

    /// <inheritdoc/>
    protected override double ClassScore(ConfusionMatrix matrix, int c) => matrix.Precision(c);
}
