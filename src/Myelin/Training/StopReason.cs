namespace Myelin.Training;

/// <summary>Why a <see cref="Trainer.Fit(Myelin.Data.IDataset, Myelin.Data.IDataset?, int, int?, IEnumerable{Callback}?, IProgress{TrainingProgress}?, CancellationToken)"/> call ended.</summary>
public enum StopReason
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,

    /// <summary>An <see cref="EarlyStopping"/> callback stopped training because the monitored value stopped improving.</summary>
    EarlyStopping,

    /// <summary>A callback called <see cref="TrainingContext.RequestStop(string)"/>.</summary>
    Requested,

    /// <summary>The cancellation token was cancelled; training stopped after the current batch.</summary>
    Cancelled,
}
