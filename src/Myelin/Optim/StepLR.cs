namespace Myelin.Optim;

/// <summary>
/// Multiplies the learning rate by <c>gamma</c> every <c>stepSize</c> epochs; PyTorch's
/// <c>torch.optim.lr_scheduler.StepLR</c>: lr(t) = base · gamma^⌊t / stepSize⌋.
/// </summary>
public sealed class StepLR : LRScheduler
{
    /// <summary>Creates the schedule and sets the epoch-0 rate (the base rate).</summary>
    /// <param name="optimizer">The optimizer whose learning rates to set.</param>
    /// <param name="stepSize">Epochs between decays (≥ 1).</param>
    /// <param name="gamma">The factor applied at each decay (finite, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An invalid step size or gamma.</exception>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        if (stepSize < 1)
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"StepLR: the step size must be ≥ 1, got {stepSize}.");
        if (!(gamma >= 0 && double.IsFinite(gamma)))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"StepLR: gamma must be a finite number ≥ 0, got {gamma}.");
        StepSize = stepSize;
        Gamma = gamma;
        Start();
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch, int groupIndex) =>
        BaseLearningRates[groupIndex] * Math.Pow(Gamma, epoch / StepSize);
}
