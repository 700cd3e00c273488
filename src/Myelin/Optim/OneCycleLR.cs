namespace Myelin.Optim;

/// <summary>
/// The 1cycle policy (Smith and Topin, "Super-Convergence", 2017): the learning rate rises from
/// maxLr / divFactor to maxLr over the first pctStart of the steps, then falls to
/// maxLr / (divFactor · finalDivFactor); PyTorch's <c>torch.optim.lr_scheduler.OneCycleLR</c>.
/// Step it after every batch, <c>totalSteps</c> times in all.
/// </summary>
/// <remarks>
/// With <c>threePhase</c> the rate comes back down to its start symmetrically before the final
/// descent to the minimum. The schedule sets each group's
/// <see cref="ParameterGroup.InitialLearningRate"/> to maxLr / divFactor, as PyTorch does.
/// Only the learning rate is cycled; momentum and Adam's beta1 are left as they are (PyTorch's
/// <c>cycle_momentum=False</c>).
/// </remarks>
public sealed class OneCycleLR : LRScheduler
{
    readonly double[] maxLearningRates;
    readonly double[] minLearningRates;
    readonly (double EndStep, Func<int, double> StartLr, Func<int, double> EndLr)[] phases;

    /// <summary>Creates the schedule with one peak rate for all groups and sets the epoch-0 rate (maxLr / divFactor).</summary>
    /// <param name="optimizer">The optimizer whose learning rates to set.</param>
    /// <param name="maxLr">The peak learning rate (finite, ≥ 0).</param>
    /// <param name="totalSteps">The number of steps in the cycle (≥ 1).</param>
    /// <param name="pctStart">The fraction of the steps spent rising, in [0, 1].</param>
    /// <param name="anneal">Cosine or linear annealing within each phase.</param>
    /// <param name="divFactor">The starting rate is maxLr / divFactor (&gt; 0).</param>
    /// <param name="finalDivFactor">The final rate is the starting rate / finalDivFactor (&gt; 0).</param>
    /// <param name="threePhase">Come back down to the starting rate before the final descent.</param>
    /// <exception cref="ArgumentException">An invalid setting, or phases too short to be distinct (pctStart · totalSteps must exceed 1).</exception>
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart = 0.3, AnnealStrategy anneal = AnnealStrategy.Cos,
        double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false)
        : this(optimizer, Repeat(optimizer, maxLr), totalSteps, pctStart, anneal, divFactor, finalDivFactor, threePhase) { }

    /// <summary>Creates the schedule with a peak rate per group and sets the epoch-0 rates.</summary>
    /// <param name="optimizer">The optimizer whose learning rates to set.</param>
    /// <param name="maxLrs">The peak learning rate of each group (finite, ≥ 0).</param>
    /// <param name="totalSteps">The number of steps in the cycle (≥ 1).</param>
    /// <param name="pctStart">The fraction of the steps spent rising, in [0, 1].</param>
    /// <param name="anneal">Cosine or linear annealing within each phase.</param>
    /// <param name="divFactor">The starting rate is maxLr / divFactor (&gt; 0).</param>
    /// <param name="finalDivFactor">The final rate is the starting rate / finalDivFactor (&gt; 0).</param>
    /// <param name="threePhase">Come back down to the starting rate before the final descent.</param>
    /// <exception cref="ArgumentException">An invalid setting, a count of peak rates that differs from the number of groups, or phases too short to be distinct.</exception>
    public OneCycleLR(Optimizer optimizer, IReadOnlyList<double> maxLrs, int totalSteps, double pctStart = 0.3, AnnealStrategy anneal = AnnealStrategy.Cos,
        double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false)
        : base(optimizer, InitialRates(optimizer, maxLrs, totalSteps, pctStart, anneal, divFactor, finalDivFactor, threePhase))
    {
        TotalSteps = totalSteps;
        PctStart = pctStart;
        Anneal = anneal;
        maxLearningRates = maxLrs.ToArray();
        minLearningRates = BaseLearningRates.Select(initial => initial / finalDivFactor).ToArray();

        Func<int, double> initial = g => BaseLearningRates[g], max = g => maxLearningRates[g], min = g => minLearningRates[g];
        var ends = PhaseEnds(totalSteps, pctStart, threePhase);
        phases = threePhase
            ? [(ends[0], initial, max), (ends[1], max, initial), (ends[2], initial, min)]
            : [(ends[0], initial, max), (ends[1], max, min)];
        Start();
    }

    /// <summary>The number of steps in the cycle.</summary>
    public int TotalSteps { get; }

    /// <summary>The fraction of the steps spent rising.</summary>
    public double PctStart { get; }

    /// <summary>How the rate moves within a phase.</summary>
    public AnnealStrategy Anneal { get; }

    /// <summary>The peak learning rate of each group.</summary>
    public IReadOnlyList<double> MaxLearningRates => maxLearningRates;

    /// <summary>The final learning rate of each group.</summary>
    public IReadOnlyList<double> MinLearningRates => minLearningRates;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException"><paramref name="epoch"/> is past <see cref="TotalSteps"/>.</exception>
    public override double LearningRateAt(int epoch, int groupIndex)
    {
        CheckEpoch(epoch);
        double start = 0;
        for (int i = 0; i < phases.Length; i++)
        {
            var (end, startLr, endLr) = phases[i];
            if (epoch <= end || i == phases.Length - 1)
            {
                double pct = (epoch - start) / (end - start);
                return Anneal == AnnealStrategy.Cos
                    ? AnnealCos(startLr(groupIndex), endLr(groupIndex), pct)
                    : AnnealLinear(startLr(groupIndex), endLr(groupIndex), pct);
            }
            start = end;
        }
        throw new InvalidOperationException("OneCycleLR: unreachable.");
    }

    /// <inheritdoc/>
    protected override void CheckEpoch(int epoch)
    {
        if (epoch > TotalSteps)
            throw new InvalidOperationException(
                $"OneCycleLR: tried to step {epoch + 1} times, but the schedule has {TotalSteps} steps (totalSteps).");
    }

    static double AnnealCos(double start, double end, double pct) => end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1);

    static double AnnealLinear(double start, double end, double pct) => (end - start) * pct + start;

    static double[] Repeat(Optimizer optimizer, double maxLr)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return Enumerable.Repeat(maxLr, optimizer.ParameterGroups.Count).ToArray();
    }

    /// <summary>The step at which each phase ends, computed as PyTorch does (possibly fractional).</summary>
    static double[] PhaseEnds(int totalSteps, double pctStart, bool threePhase) => threePhase
        ? [pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1]
        : [pctStart * totalSteps - 1, totalSteps - 1];

    /// <summary>Checks every setting before the base constructor touches the optimizer; returns maxLr / divFactor per group.</summary>
    static double[] InitialRates(Optimizer optimizer, IReadOnlyList<double> maxLrs, int totalSteps, double pctStart, AnnealStrategy anneal,
        double divFactor, double finalDivFactor, bool threePhase)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(maxLrs);
        if (maxLrs.Count != optimizer.ParameterGroups.Count)
            throw new ArgumentException($"OneCycleLR: got {maxLrs.Count} peak learning rates for {optimizer.ParameterGroups.Count} parameter group(s).", nameof(maxLrs));
        foreach (double maxLr in maxLrs)
            if (!(maxLr >= 0 && double.IsFinite(maxLr)))
                throw new ArgumentOutOfRangeException(nameof(maxLrs), maxLr, $"OneCycleLR: the peak learning rate must be a finite number ≥ 0, got {maxLr}.");
        if (totalSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, $"OneCycleLR: totalSteps must be ≥ 1, got {totalSteps}.");
        if (!(pctStart >= 0 && pctStart <= 1))
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, $"OneCycleLR: pctStart must be in [0, 1], got {pctStart}.");
        if (anneal is not (AnnealStrategy.Cos or AnnealStrategy.Linear))
            throw new ArgumentOutOfRangeException(nameof(anneal), anneal, "OneCycleLR: unknown anneal strategy.");
        if (!(divFactor > 0 && double.IsFinite(divFactor)))
            throw new ArgumentOutOfRangeException(nameof(divFactor), divFactor, $"OneCycleLR: divFactor must be a finite number > 0, got {divFactor}.");
        if (!(finalDivFactor > 0 && double.IsFinite(finalDivFactor)))
            throw new ArgumentOutOfRangeException(nameof(finalDivFactor), finalDivFactor, $"OneCycleLR: finalDivFactor must be a finite number > 0, got {finalDivFactor}.");

        double previous = 0;
        foreach (double end in PhaseEnds(totalSteps, pctStart, threePhase))
        {
            if (!(end > previous))
                throw new ArgumentException(
                    $"OneCycleLR: with totalSteps {totalSteps} and pctStart {pctStart} a phase would be empty (it would end at step {end}, " +
                    $"not after step {previous}); use more steps or a pctStart that gives every phase at least one step.");
            previous = end;
        }
        return maxLrs.Select(maxLr => maxLr / divFactor).ToArray();
    }
}
