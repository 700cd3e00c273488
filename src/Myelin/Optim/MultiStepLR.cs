namespace Myelin.Optim;

/// <summary>
/// Multiplies the learning rate by <c>gamma</c> at each milestone epoch; PyTorch's
/// <c>torch.optim.lr_scheduler.MultiStepLR</c>: lr(t) = base · gamma^(number of milestones ≤ t).
/// A milestone listed twice decays twice.
/// </summary>
public sealed class MultiStepLR : LRScheduler
{
    readonly int[] milestones;

    /// <summary>Creates the schedule and sets the epoch-0 rate.</summary>
    /// <param name="optimizer">The optimizer whose learning rates to set.</param>
    /// <param name="milestones">The epochs at which to decay (≥ 1; any order).</param>
    /// <param name="gamma">The factor applied at each milestone (finite, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A milestone below 1, or an invalid gamma.</exception>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        this.milestones = milestones.Order().ToArray();
        if (this.milestones.Length > 0 && this.milestones[0] < 1)
            throw new ArgumentOutOfRangeException(nameof(milestones), this.milestones[0], $"MultiStepLR: milestones must be ≥ 1, got {this.milestones[0]}.");
        if (!(gamma >= 0 && double.IsFinite(gamma)))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"MultiStepLR: gamma must be a finite number ≥ 0, got {gamma}.");
        Gamma = gamma;
        Start();
    }

    /// <summary>The milestone epochs, sorted.</summary>
    public IReadOnlyList<int> Milestones => milestones;

    /// <summary>The factor applied at each milestone.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch, int groupIndex)
    {
        int passed = 0;
        while (passed < milestones.Length && milestones[passed] <= epoch) passed++;
        return BaseLearningRates[groupIndex] * Math.Pow(Gamma, passed);
    }
}
