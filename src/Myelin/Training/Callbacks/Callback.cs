namespace Myelin.Training;

/// <summary>
/// Code that runs at fixed points of <see cref="Trainer"/>.Fit: override the methods you need.
/// Every method receives the <see cref="TrainingContext"/>, through which a callback reaches the
/// model and optimizer and can ask training to stop.
/// </summary>
/// <remarks>
/// <para>The order within a fit: <see cref="OnTrainBegin"/>; then per epoch
/// <see cref="OnEpochBegin"/>, <see cref="OnBatchEnd"/> after every training batch, and
/// <see cref="OnEpochEnd"/> once the epoch's training and validation values are known; finally
/// <see cref="OnTrainEnd"/> — also after early stopping and cancellation, but not when an
/// exception ends training. Callbacks run in the order given, on the thread that called Fit.</para>
/// <para>Epochs and batches are numbered from 1.</para>
/// </remarks>
public abstract class Callback
{
    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin(TrainingContext context) { }

    /// <summary>Called once after the last epoch, when training completed or was stopped.</summary>
    public virtual void OnTrainEnd(TrainingContext context) { }

    /// <summary>Called at the start of epoch <paramref name="epoch"/> (numbered from 1).</summary>
    public virtual void OnEpochBegin(TrainingContext context, int epoch) { }

    /// <summary>
    /// Called at the end of each epoch with its values (already added to
    /// <see cref="TrainingContext.History"/>). Call <see cref="TrainingContext.RequestStop(string)"/> to end
    /// training after this epoch.
    /// </summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochLogs logs) { }

    /// <summary>Called after every training batch (after the optimizer step).</summary>
    public virtual void OnBatchEnd(TrainingContext context, TrainingProgress progress) { }
}
