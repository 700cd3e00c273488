namespace Myelin.NN;

/// <summary>
/// Binary cross-entropy of probabilities, ℓᵢ = −wᵢ·[yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)], each log
/// clamped at −100 as in PyTorch. For logits use <see cref="BCEWithLogitsLoss"/>, which is more
/// accurate. See <see cref="F.BCELoss"/>.
/// <para>Shape: input (probabilities) [*], target [*] (the same shape), weight broadcastable to [*];
/// output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class BCELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional rescaling of each element's loss, broadcast to the input's shape.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) : base("BCELoss", reduction)
    {
        if (weight is not null) LossChecks.RequireFloat(weight, Name, "weight");
        Weight = weight;
    }

    /// <summary>The optional per-element weight.</summary>
    public Tensor? Weight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.BCELoss(input, target, Weight, Reduction);
}
