namespace Myelin.NN;

/// <summary>
/// Smooth L1 loss: with dᵢ = xᵢ − yᵢ, ℓᵢ = ½dᵢ²/β when |dᵢ| &lt; β, else |dᵢ| − ½β (Huber loss
/// divided by β). See <see cref="F.SmoothL1Loss"/>.
/// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class SmoothL1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="beta">β ≥ 0: where the loss turns from quadratic to linear (0 gives L1).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative.</exception>
    public SmoothL1Loss(double beta = 1, Reduction reduction = Reduction.Mean) : base("SmoothL1Loss", reduction)
    {
        F.CheckSmoothL1Beta(beta);
        Beta = beta;
    }

    /// <summary>β: where the loss turns from quadratic to linear.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.SmoothL1Loss(input, target, Beta, Reduction);
}
