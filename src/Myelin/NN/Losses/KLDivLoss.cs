namespace Myelin.NN;

/// <summary>
/// Kullback–Leibler divergence with the input holding log-probabilities: ℓᵢ = yᵢ·(log yᵢ − xᵢ).
/// Use <see cref="Reduction.BatchMean"/> for the true divergence per sample; Mean (PyTorch's
/// default) also divides by the number of classes. See <see cref="F.KLDivLoss"/>.
/// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class KLDivLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum, None or BatchMean.</param>
    /// <param name="logTarget">Whether the target holds log-probabilities.</param>
    public KLDivLoss(Reduction reduction = Reduction.Mean, bool logTarget = false) : base("KLDivLoss", reduction, allowsBatchMean: true)
    {
        LogTarget = logTarget;
    }

    /// <summary>Whether the target holds log-probabilities.</summary>
    public bool LogTarget { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.KLDivLoss(input, target, Reduction, LogTarget);
}
