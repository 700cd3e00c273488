using Myelin.NN;

namespace Myelin.Training;

/// <summary>
/// Stops training when a monitored value has stopped improving for <see cref="Patience"/> epochs
/// (Keras's <c>EarlyStopping</c>), and optionally puts back the weights of the best epoch.
/// </summary>
/// <remarks>
/// <para>After each epoch the monitored value is compared with the best so far: it improves when
/// it is lower (<see cref="MonitorMode.Min"/>) or higher (<see cref="MonitorMode.Max"/>) by more
/// than <see cref="MinDelta"/>. After <see cref="Patience"/> epochs in a row without improvement
/// (with patience 0: the first such epoch) training stops, and the history's
/// <see cref="History.StoppedReason"/> is <see cref="StopReason.EarlyStopping"/>. A NaN value
/// never improves.</para>
/// <para>With <see cref="RestoreBestWeights"/> a copy of the model's state dict (parameters and
/// buffers) is taken at every improvement and loaded back when training ends, whether it stopped
/// early, ran all its epochs or was cancelled.</para>
/// <para>The mode <see cref="MonitorMode.Auto"/> minimises losses and metrics whose
/// <see cref="Metric.HigherIsBetter"/> is false, and maximises the other metrics.</para>
/// </remarks>
public sealed class EarlyStopping : Callback
{
    readonly MonitoredValue monitored;
    Dictionary<string, Tensor>? bestWeights;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The logged value to watch, e.g. "val_loss", "val_accuracy", "loss".</param>
    /// <param name="patience">Epochs without improvement to wait before stopping (≥ 0).</param>
    /// <param name="minDelta">The smallest change that counts as an improvement (≥ 0).</param>
    /// <param name="mode">Whether the value should go down or up; <see cref="MonitorMode.Auto"/> decides from its name.</param>
    /// <param name="restoreBestWeights">Load the weights of the best epoch back into the model when training ends.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative patience or minDelta, or an unknown mode.</exception>
    public EarlyStopping(string monitor = LogNames.ValidationLoss, int patience = 0, double minDelta = 0,
        MonitorMode mode = MonitorMode.Auto, bool restoreBestWeights = false)
    {
        if (patience < 0)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, $"EarlyStopping: patience must be ≥ 0, got {patience}.");
        monitored = new MonitoredValue(nameof(EarlyStopping), monitor, mode, minDelta);
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>The logged value watched.</summary>
    public string Monitor => monitored.Name;

    /// <summary>Epochs without improvement to wait before stopping.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the value should go down or up (resolved from the name once training has begun).</summary>
    public MonitorMode Mode => monitored.Mode;

    /// <summary>Whether the best epoch's weights are loaded back when training ends.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The best monitored value of the current or last fit.</summary>
    public double Best => monitored.Best;

    /// <summary>The epoch of <see cref="Best"/> (from 1), or 0 before any.</summary>
    public int BestEpoch => monitored.BestEpoch;

    /// <summary>The epoch after which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        monitored.Start(context);
        bestWeights = null;
        StoppedEpoch = 0;
        Wait = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        double value = monitored.Read(logs);
        if (monitored.Improve(value, logs.Epoch))
        {
            Wait = 0;
            if (RestoreBestWeights) bestWeights = Snapshot(context.Model);
            return;
        }
        Wait++;
        if (Wait < Patience) return;
        StoppedEpoch = logs.Epoch;
        context.RequestStop(StopReason.EarlyStopping,
            $"EarlyStopping: {Monitor} did not improve by more than {LogNames.Format(MinDelta)} for {Wait} epoch(s); " +
            (BestEpoch > 0 ? $"the best was {LogNames.Format(Best)} at epoch {BestEpoch}" : "it never had a comparable value") +
            (RestoreBestWeights && bestWeights is not null ? ", whose weights were restored." : "."));
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBestWeights && bestWeights is not null) context.Model.LoadStateDict(bestWeights);
    }

    static Dictionary<string, Tensor> Snapshot(Module model)
    {
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in model.StateDict()) copy[key] = tensor.Clone();
        return copy;
    }
}
