namespace Myelin.NN;

/// <summary>
/// Huber loss: with dᵢ = xᵢ − yᵢ, ℓᵢ = ½dᵢ² when |dᵢ| &lt; δ, else δ·(|dᵢ| − ½δ). Quadratic near
/// the target, linear far from it, so outliers pull less than with MSE. See <see cref="F.HuberLoss"/>.
/// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class HuberLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">δ &gt; 0: where the loss turns from quadratic to linear.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive.</exception>
    public HuberLoss(double delta = 1, Reduction reduction = Reduction.Mean) : base("HuberLoss", reduction)
    {
        F.CheckHuberDelta(delta);
        Delta = delta;
    }

    /// <summary>δ: where the loss turns from quadratic to linear.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.HuberLoss(input, target, Delta, Reduction);
}
