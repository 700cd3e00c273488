namespace Myelin.NN;

/// <summary>
/// Cross-entropy of logits against class indices or class probabilities, the loss of
/// classifiers: ℓᵢ = −w[yᵢ]·log softmax(xᵢ)[yᵢ], with PyTorch's class weights, ignore index and
/// label smoothing. See <see cref="F.CrossEntropy"/> for the exact formulas.
/// <para>Shape: input (logits) [N, C] or [N, C, d1, …] (or [C]); target [N] / [N, d1, …] of class
/// indices, or class probabilities of the input's shape; weight [C]; output a scalar, or
/// [N] / [N, d1, …] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional per-class weight [C].</param>
    /// <param name="ignoreIndex">A target value that does not count (index targets only).</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread evenly over all classes.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">The weight is not a floating-point vector.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public CrossEntropyLoss(Tensor? weight = null, long ignoreIndex = -100, double labelSmoothing = 0,
        Reduction reduction = Reduction.Mean) : base("CrossEntropyLoss", reduction)
    {
        LossChecks.CheckLabelSmoothing(labelSmoothing, Name);
        CheckClassWeight(weight, Name);
        Weight = weight;
        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
    }

    internal static void CheckClassWeight(Tensor? weight, string loss)
    {
        if (weight is null) return;
        LossChecks.RequireFloat(weight, loss, "weight");
        if (weight.Rank != 1)
            throw new ArgumentException($"{loss}: weight {LossChecks.Format(weight)} must be a vector with one value per class.");
    }

    /// <summary>The optional per-class weight [C].</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value that does not count.</summary>
    public long IgnoreIndex { get; }

    /// <summary>ε: the share of the target spread evenly over all classes.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        F.CrossEntropy(input, target, Weight, IgnoreIndex, LabelSmoothing, Reduction);
}
