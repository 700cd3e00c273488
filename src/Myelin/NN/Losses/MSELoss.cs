namespace Myelin.NN;

/// <summary>
/// Mean squared error, ℓᵢ = (xᵢ − yᵢ)², the usual regression loss. See <see cref="F.MSELoss"/>.
/// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class MSELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public MSELoss(Reduction reduction = Reduction.Mean) : base("MSELoss", reduction) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.MSELoss(input, target, Reduction);
}
