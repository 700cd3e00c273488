namespace Myelin.Training;

/// <summary>
/// Tracks the best value of one logged quantity for callbacks that act on improvement
/// (<see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>).
/// </summary>
internal sealed class MonitoredValue
{
    readonly string owner;
    readonly MonitorMode requestedMode;
    readonly double minDelta;

    public MonitoredValue(string owner, string name, MonitorMode mode, double minDelta)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{owner}: unknown monitor mode.");
        if (!(minDelta >= 0 && double.IsFinite(minDelta)))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"{owner}: minDelta must be a finite number ≥ 0, got {minDelta}.");
        this.owner = owner;
        Name = name;
        requestedMode = mode;
        this.minDelta = minDelta;
        Mode = mode;
    }

    /// <summary>The name of the monitored value, e.g. "val_loss".</summary>
    public string Name { get; }

    /// <summary>The mode in use: the requested one, or the one resolved from the name at the start of training.</summary>
    public MonitorMode Mode { get; private set; }

    /// <summary>The best value so far (±∞ before the first epoch).</summary>
    public double Best { get; private set; }

    /// <summary>The epoch of <see cref="Best"/>, or 0 before any improvement.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Resolves the mode and forgets the best value; called when training begins.</summary>
    public void Start(TrainingContext context)
    {
        Mode = requestedMode == MonitorMode.Auto ? Resolve(context) : requestedMode;
        Best = Mode == MonitorMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        BestEpoch = 0;
        if (Name.StartsWith(LogNames.ValidationPrefix, StringComparison.Ordinal) && !context.HasValidation)
            throw new InvalidOperationException(
                $"{owner}: monitors '{Name}', but Fit was called without validation data; pass validation data or monitor a training value such as '{LogNames.Loss}'.");
    }

    /// <summary>The monitored value in <paramref name="logs"/>.</summary>
    /// <exception cref="InvalidOperationException">The logs have no such value.</exception>
    public double Read(EpochLogs logs) => logs.TryGetValue(Name, out double value) ? value
        : throw new InvalidOperationException($"{owner}: monitors '{Name}', which is not among the logged values ({string.Join(", ", logs.Keys)}).");

    /// <summary>Records <paramref name="value"/> of <paramref name="epoch"/>; true if it beats the best by more than minDelta (NaN never does).</summary>
    public bool Improve(double value, int epoch)
    {
        bool better = Mode == MonitorMode.Min ? value < Best - minDelta : value > Best + minDelta;
        if (!better) return false;
        Best = value;
        BestEpoch = epoch;
        return true;
    }

    MonitorMode Resolve(TrainingContext context)
    {
        string baseName = Name.StartsWith(LogNames.ValidationPrefix, StringComparison.Ordinal) ? Name[LogNames.ValidationPrefix.Length..] : Name;
        if (baseName == LogNames.Loss) return MonitorMode.Min;
        foreach (var metric in context.Trainer.Options.Metrics)
            if (metric.Name == baseName) return metric.HigherIsBetter ? MonitorMode.Max : MonitorMode.Min;
        throw new InvalidOperationException(
            $"{owner}: cannot tell whether '{Name}' should go up or down: it is neither a loss nor one of the trainer's metrics " +
            $"({string.Join(", ", context.Trainer.Options.Metrics.Select(m => m.Name).DefaultIfEmpty("none"))}). Pass mode: MonitorMode.Min or MonitorMode.Max.");
    }
}
