namespace Myelin.NN;

/// <summary>
/// Mean absolute error, ℓᵢ = |xᵢ − yᵢ|. See <see cref="F.L1Loss"/>.
/// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class L1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public L1Loss(Reduction reduction = Reduction.Mean) : base("L1Loss", reduction) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.L1Loss(input, target, Reduction);
}
