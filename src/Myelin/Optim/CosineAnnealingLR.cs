namespace Myelin.Optim;

/// <summary>
/// Anneals the learning rate from its base value to <c>etaMin</c> along half a cosine over
/// <c>tMax</c> epochs (the annealing of SGDR, without restarts); PyTorch's
/// <c>torch.optim.lr_scheduler.CosineAnnealingLR</c>, in its closed form:
/// lr(t) = etaMin + (base − etaMin) · (1 + cos(π·t / tMax)) / 2.
/// Past <c>tMax</c> the cosine continues, so the rate climbs back towards the base.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Creates the schedule and sets the epoch-0 rate (the base rate).</summary>
    /// <param name="optimizer">The optimizer whose learning rates to set.</param>
    /// <param name="tMax">Epochs from the base rate to the minimum (≥ 1).</param>
    /// <param name="etaMin">The minimum learning rate (finite, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An invalid tMax or etaMin.</exception>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0) : base(optimizer)
    {
        if (tMax < 1)
            throw new ArgumentOutOfRangeException(nameof(tMax), tMax, $"CosineAnnealingLR: tMax must be ≥ 1, got {tMax}.");
        if (!(etaMin >= 0 && double.IsFinite(etaMin)))
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, $"CosineAnnealingLR: etaMin must be a finite number ≥ 0, got {etaMin}.");
        TMax = tMax;
        EtaMin = etaMin;
        Start();
    }

    /// <summary>Epochs from the base rate to the minimum.</summary>
    public int TMax { get; }

    /// <summary>The minimum learning rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch, int groupIndex) =>
        EtaMin + (BaseLearningRates[groupIndex] - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;
}
