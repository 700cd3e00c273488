using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Training;

/// <summary>
/// What callbacks see of a running <see cref="Trainer"/>.Fit call: the trainer, model and
/// optimizer, the plan (epochs, batches), the history so far, and a way to stop.
/// </summary>
public sealed class TrainingContext
{
    internal TrainingContext(Trainer trainer, int epochs, int batchesPerEpoch, bool hasValidation, History history)
    {
        Trainer = trainer;
        Epochs = epochs;
        BatchesPerEpoch = batchesPerEpoch;
        HasValidation = hasValidation;
        History = history;
    }

    /// <summary>The trainer running the fit.</summary>
    public Trainer Trainer { get; }

    /// <summary>The model being trained.</summary>
    public Module Model => Trainer.Model;

    /// <summary>The optimizer updating the model.</summary>
    public Optimizer Optimizer => Trainer.Optimizer;

    /// <summary>The number of epochs requested.</summary>
    public int Epochs { get; }

    /// <summary>The number of training batches per epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Whether each epoch is followed by a validation pass (so "val_…" values exist).</summary>
    public bool HasValidation { get; }

    /// <summary>The epochs recorded so far.</summary>
    public History History { get; }

    /// <summary>Whether a stop has been requested; training ends after the current epoch's callbacks.</summary>
    public bool StopRequested => PendingStop is not null;

    internal (StopReason Reason, string Message)? PendingStop { get; private set; }

    /// <summary>
    /// Asks the trainer to stop after the current epoch (after every callback's
    /// <see cref="Callback.OnEpochEnd"/> has run). The history's <see cref="History.StoppedReason"/>
    /// becomes <see cref="StopReason.Requested"/> with <paramref name="message"/>. The first request wins.
    /// </summary>
    public void RequestStop(string message) => RequestStop(StopReason.Requested, message);

    internal void RequestStop(StopReason reason, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        PendingStop ??= (reason, message);
    }
}
