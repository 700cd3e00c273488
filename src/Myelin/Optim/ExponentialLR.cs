namespace Myelin.Optim;

/// <summary>
/// Multiplies the learning rate by <c>gamma</c> every epoch; PyTorch's
/// <c>torch.optim.lr_scheduler.ExponentialLR</c>: lr(t) = base · gamma^t.
/// </summary>
public sealed class ExponentialLR : LRScheduler
{
    /// <summary>Creates the schedule and sets the epoch-0 rate (the base rate).</summary>
    /// <param name="optimizer">The optimizer whose learning rates to set.</param>
    /// <param name="gamma">The factor applied each epoch (finite, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An invalid gamma.</exception>
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        if (!(gamma >= 0 && double.IsFinite(gamma)))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"ExponentialLR: gamma must be a finite number ≥ 0, got {gamma}.");
        Gamma = gamma;
        Start();
    }

    /// <summary>The factor applied each epoch.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch, int groupIndex) => BaseLearningRates[groupIndex] * Math.Pow(Gamma, epoch);
}
