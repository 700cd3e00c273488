namespace Myelin.NN;

/// <summary>
/// Negative log-likelihood of class indices for inputs that are log-probabilities:
/// ℓᵢ = −w[yᵢ]·x[i, yᵢ]. After LogSoftmax it equals <see cref="CrossEntropyLoss"/>.
/// See <see cref="F.NLLLoss"/>.
/// <para>Shape: input [N, C] or [N, C, d1, …] (or [C]); target [N] / [N, d1, …] (or a scalar);
/// weight [C]; output a scalar, or the target's shape with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class NLLLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional per-class weight [C].</param>
    /// <param name="ignoreIndex">A target value that does not count.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">The weight is not a floating-point vector.</exception>
    public NLLLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) : base("NLLLoss", reduction)
    {
        CrossEntropyLoss.CheckClassWeight(weight, Name);
        Weight = weight;
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The optional per-class weight [C].</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value that does not count.</summary>
    public long IgnoreIndex { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.NLLLoss(input, target, Weight, IgnoreIndex, Reduction);
}
