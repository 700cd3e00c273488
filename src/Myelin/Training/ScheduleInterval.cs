namespace Myelin.Training;

/// <summary>How often a learning-rate schedule advances during training.</summary>
public enum ScheduleInterval
{
    /// <summary>Once at the end of every epoch (StepLR, CosineAnnealingLR over epochs, …).</summary>
    Epoch,

    /// <summary>After every optimizer step (OneCycleLR, warm-up over batches).</summary>
    Batch,
}
