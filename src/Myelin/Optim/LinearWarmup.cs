namespace Myelin.Optim;

/// <summary>
/// Raises the learning rate linearly from startFactor · base to the base rate over
/// <c>warmupSteps</c> steps, then hands over to another schedule (or keeps the base rate).
/// The same as PyTorch's <c>LinearLR(start_factor, total_iters=warmupSteps)</c> followed by the
/// other schedule through <c>SequentialLR(milestones=[warmupSteps])</c>.
/// </summary>
/// <remarks>
/// lr(t) = base · (startFactor + (1 − startFactor) · t / warmupSteps) for t &lt; warmupSteps, then
/// the next schedule's lr(t − warmupSteps). Build the next schedule first, on the same optimizer,
/// and step only the warm-up:
/// <code>
/// var schedule = new LinearWarmup(optimizer, warmupSteps: 5, startFactor: 0.1,
///     then: new CosineAnnealingLR(optimizer, tMax: 95));
/// </code>
/// </remarks>
public sealed class LinearWarmup : LRScheduler
{
    /// <summary>Creates the warm-up and sets the epoch-0 rate (startFactor · base).</summary>
    /// <param name="optimizer">The optimizer whose learning rates to set.</param>
    /// <param name="warmupSteps">The number of warm-up steps (≥ 1).</param>
    /// <param name="startFactor">The fraction of the base rate to start from, in [0, 1].</param>
    /// <param name="then">The schedule that takes over after the warm-up, built on the same optimizer; null keeps the base rate.</param>
    /// <exception cref="ArgumentException">An invalid setting, or <paramref name="then"/> drives another optimizer.</exception>
    public LinearWarmup(Optimizer optimizer, int warmupSteps, double startFactor = 1.0 / 3, LRScheduler? then = null) : base(optimizer)
    {
        if (warmupSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"LinearWarmup: warmupSteps must be ≥ 1, got {warmupSteps}.");
        if (!(startFactor >= 0 && startFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, $"LinearWarmup: startFactor must be in [0, 1], got {startFactor}.");
        if (then is not null && !ReferenceEquals(then.Optimizer, optimizer))
            throw new ArgumentException("LinearWarmup: the schedule to hand over to ('then') must be built on the same optimizer.", nameof(then));
        if (then is not null && then.BaseLearningRates.Count != BaseLearningRates.Count)
            throw new ArgumentException("LinearWarmup: the schedule to hand over to ('then') was built before parameter groups were added.", nameof(then));
        WarmupSteps = warmupSteps;
        StartFactor = startFactor;
        Then = then;
        Start();
    }

    /// <summary>The number of warm-up steps.</summary>
    public int WarmupSteps { get; }

    /// <summary>The fraction of the base rate the warm-up starts from.</summary>
    public double StartFactor { get; }

    /// <summary>The schedule that takes over after the warm-up, or null.</summary>
    public LRScheduler? Then { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch, int groupIndex)
    {
        if (epoch < WarmupSteps)
            return BaseLearningRates[groupIndex] * (StartFactor + (1 - StartFactor) * epoch / WarmupSteps);
        return Then is null ? BaseLearningRates[groupIndex] : Then.LearningRateAt(epoch - WarmupSteps, groupIndex);
    }

    /// <inheritdoc/>
    protected override void CheckEpoch(int epoch)
    {
        if (Then is not null && epoch >= WarmupSteps) Then.EnsureDefinedAt(epoch - WarmupSteps);
    }

    /// <summary>Keeps the next schedule's epoch in step (at 0 during the warm-up), so its own state stays meaningful.</summary>
    internal override void OnEpochChanged(int epoch) => Then?.Follow(Math.Max(0, epoch - WarmupSteps));

    internal override void WriteState(Dictionary<string, Tensor> into, string prefix)
    {
        base.WriteState(into, prefix);
        Then?.WriteState(into, prefix + "then.");
    }

    internal override Action ReadState(IReadOnlyDictionary<string, Tensor> stateDict, string prefix, HashSet<string> used)
    {
        var commitThen = Then?.ReadState(stateDict, prefix + "then.", used);
        var commitWarmup = base.ReadState(stateDict, prefix, used);
        return () =>
        {
            commitThen?.Invoke();
            commitWarmup();
        };
    }
}
