namespace Myelin.Optim;

/// <summary>
/// Lowers the learning rate when a validation metric stops improving; PyTorch's
/// <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>. Call <see cref="Step"/> once per epoch
/// with the metric.
/// </summary>
/// <remarks>
/// A metric counts as an improvement when it beats the best so far by more than the threshold
/// (relative or absolute). After more than <c>patience</c> epochs in a row without improvement
/// every group's rate is multiplied by <c>factor</c> (but not below <c>minLr</c>, and not at all
/// when the change would be smaller than <c>eps</c>), and the next <c>cooldown</c> epochs do not
/// count as bad. Unlike <see cref="LRScheduler"/>s this schedule depends on the metric, so it
/// changes the groups' current rates rather than computing them from the epoch.
/// </remarks>
public sealed class ReduceLROnPlateau
{
    /// <summary>Attaches the schedule to <paramref name="optimizer"/>; the learning rates are left as they are.</summary>
    /// <param name="optimizer">The optimizer whose learning rates to lower.</param>
    /// <param name="mode">Whether lower (<see cref="PlateauMode.Min"/>, a loss) or higher (<see cref="PlateauMode.Max"/>, an accuracy) is better.</param>
    /// <param name="factor">The factor applied to the rates on a plateau, in [0, 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before lowering the rates (≥ 0).</param>
    /// <param name="threshold">How much better than the best a metric must be to count as an improvement (finite, ≥ 0).</param>
    /// <param name="thresholdMode">Whether the threshold is a fraction of the best value or an amount.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted (≥ 0).</param>
    /// <param name="minLr">The lowest learning rate the schedule sets (finite, ≥ 0).</param>
    /// <param name="eps">Reductions smaller than this are skipped (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An invalid setting.</exception>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Relative, int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (mode is not (PlateauMode.Min or PlateauMode.Max))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "ReduceLROnPlateau: unknown mode.");
        if (!(factor >= 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceLROnPlateau: factor must be in [0, 1), got {factor}.");
        if (patience < 0)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, $"ReduceLROnPlateau: patience must be ≥ 0, got {patience}.");
        if (!(threshold >= 0 && double.IsFinite(threshold)))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"ReduceLROnPlateau: threshold must be a finite number ≥ 0, got {threshold}.");
        if (thresholdMode is not (ThresholdMode.Relative or ThresholdMode.Absolute))
            throw new ArgumentOutOfRangeException(nameof(thresholdMode), thresholdMode, "ReduceLROnPlateau: unknown threshold mode.");
        if (cooldown < 0)
            throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, $"ReduceLROnPlateau: cooldown must be ≥ 0, got {cooldown}.");
        if (!(minLr >= 0 && double.IsFinite(minLr)))
            throw new ArgumentOutOfRangeException(nameof(minLr), minLr, $"ReduceLROnPlateau: minLr must be a finite number ≥ 0, got {minLr}.");
        if (!(eps >= 0 && double.IsFinite(eps)))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"ReduceLROnPlateau: eps must be a finite number ≥ 0, got {eps}.");

        Optimizer = optimizer;
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        MinLearningRate = minLr;
        Eps = eps;
        Best = WorstValue;
    }

    /// <summary>The optimizer whose learning rates this schedule lowers.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Whether lower or higher metrics are better.</summary>
    public PlateauMode Mode { get; }

    /// <summary>The factor applied to the rates on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated before lowering the rates.</summary>
    public int Patience { get; }

    /// <summary>How much better than the best a metric must be to count as an improvement.</summary>
    public double Threshold { get; }

    /// <summary>Whether <see cref="Threshold"/> is relative or absolute.</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The lowest learning rate the schedule sets.</summary>
    public double MinLearningRate { get; }

    /// <summary>Reductions smaller than this are skipped.</summary>
    public double Eps { get; }

    /// <summary>The best metric seen so far (+∞ in <see cref="PlateauMode.Min"/> before the first step, −∞ in <see cref="PlateauMode.Max"/>).</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement, not counting the cooldown.</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Epochs of cooldown left.</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>True while bad epochs are not being counted after a reduction.</summary>
    public bool InCooldown => CooldownCounter > 0;

    /// <summary>The number of steps taken.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The first group's current learning rate.</summary>
    public double CurrentLearningRate => Optimizer.LearningRate;

    /// <summary>Every group's current learning rate.</summary>
    public IReadOnlyList<double> CurrentLearningRates =>
        Optimizer.ParameterGroups.Select(group => group.Get(ParameterGroup.LearningRateKey)).ToArray();

    double WorstValue => Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>Records one epoch's <paramref name="metric"/> and lowers the learning rates if it ends a plateau.</summary>
    /// <exception cref="ArgumentException">The metric is NaN.</exception>
    public void Step(double metric)
    {
        if (double.IsNaN(metric))
            throw new ArgumentException("ReduceLROnPlateau: the metric is NaN; the model has probably diverged.", nameof(metric));
        LastEpoch++;
        if (IsBetter(metric, Best))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else NumBadEpochs++;

        if (InCooldown)
        {
            CooldownCounter--;
            NumBadEpochs = 0;
        }

        if (NumBadEpochs > Patience)
        {
            ReduceLearningRates();
            CooldownCounter = Cooldown;
            NumBadEpochs = 0;
        }
    }

    bool IsBetter(double value, double best) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Relative) => value < best * (1 - Threshold),
        (PlateauMode.Min, ThresholdMode.Absolute) => value < best - Threshold,
        (PlateauMode.Max, ThresholdMode.Relative) => value > best * (Threshold + 1),
        _ => value > best + Threshold,
    };

    void ReduceLearningRates()
    {
        foreach (var group in Optimizer.ParameterGroups)
        {
            double old = group.Get(ParameterGroup.LearningRateKey);
            double lowered = Math.Max(old * Factor, MinLearningRate);
            if (old - lowered > Eps) group.LearningRate = lowered;
        }
    }

    /// <summary>
    /// The schedule's progress: <c>best</c> (Float64), <c>num_bad_epochs</c>, <c>cooldown_counter</c>
    /// and <c>last_epoch</c> (Int64). The learning rates themselves live in the optimizer's state dict.
    /// </summary>
    public Dictionary<string, Tensor> StateDict() => new(StringComparer.Ordinal)
    {
        ["best"] = StateDictEntries.Float64(Best),
        ["num_bad_epochs"] = StateDictEntries.Int64(NumBadEpochs),
        ["cooldown_counter"] = StateDictEntries.Int64(CooldownCounter),
        ["last_epoch"] = StateDictEntries.Int64(LastEpoch),
    };

    /// <summary>Restores the progress saved by <see cref="StateDict"/>. Nothing changes unless the whole dict is valid.</summary>
    /// <exception cref="ArgumentException">A key is missing or unexpected, or a value is out of range.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        const string context = "ReduceLROnPlateau.LoadStateDict";
        double best = StateDictEntries.ReadDouble(stateDict, "best", context);
        if (double.IsNaN(best))
            throw new ArgumentException($"{context}: 'best' is NaN.", nameof(stateDict));
        int badEpochs = ReadCount(stateDict, "num_bad_epochs", context);
        int cooldownCounter = ReadCount(stateDict, "cooldown_counter", context);
        int lastEpoch = ReadCount(stateDict, "last_epoch", context);
        foreach (var key in stateDict.Keys)
            if (key is not ("best" or "num_bad_epochs" or "cooldown_counter" or "last_epoch"))
                throw new ArgumentException($"{context}: unexpected entry '{key}'.", nameof(stateDict));

        Best = best;
        NumBadEpochs = badEpochs;
        CooldownCounter = cooldownCounter;
        LastEpoch = lastEpoch;
    }

    static int ReadCount(IReadOnlyDictionary<string, Tensor> stateDict, string key, string context)
    {
        long value = StateDictEntries.ReadLong(stateDict, key, context);
        if (value < 0 || value > int.MaxValue)
            throw new ArgumentException($"{context}: '{key}' must be between 0 and {int.MaxValue}, got {value}.", nameof(stateDict));
        return (int)value;
    }
}
