namespace Myelin.Training;

/// <summary>What a <see cref="Trainer"/> does when a training batch's loss is NaN or infinite.</summary>
public enum NonFiniteLossAction
{
    /// <summary>Stop with a <see cref="NonFiniteLossException"/> naming the epoch and batch (the default).</summary>
    Throw,

    /// <summary>Skip the batch: no backward pass and no optimizer step; the epoch's loss and metrics leave it out and <see cref="EpochLogs.SkippedBatches"/> counts it.</summary>
    SkipBatch,
}
