using Myelin.Training;

namespace Myelin.Tests.Training;

/// <summary>Records every callback event, the weights at each epoch end, and can stop or cancel on cue.</summary>
internal sealed class RecordingCallback : Callback
{
    public List<string> Events { get; } = [];
    public List<TrainingProgress> Batches { get; } = [];
    public List<Dictionary<string, Tensor>> WeightsAtEpochEnd { get; } = [];
    public List<bool> TrainingModeAtBatchEnd { get; } = [];

    /// <summary>Cancel this source once this many batches (over all epochs) have finished.</summary>
    public (CancellationTokenSource Source, int AfterBatches)? CancelAt { get; init; }

    /// <summary>Request a stop at the end of this epoch.</summary>
    public int? StopAtEpoch { get; init; }

    public override void OnTrainBegin(TrainingContext context) => Events.Add("train begin");

    public override void OnTrainEnd(TrainingContext context) => Events.Add($"train end ({context.History.StoppedReason})");

    public override void OnEpochBegin(TrainingContext context, int epoch) => Events.Add($"epoch {epoch} begin");

    public override void OnBatchEnd(TrainingContext context, TrainingProgress progress)
    {
        Events.Add($"batch {progress.Epoch}.{progress.Batch}");
        Batches.Add(progress);
        TrainingModeAtBatchEnd.Add(context.Model.IsTraining);
        if (CancelAt is { } cancel && Batches.Count == cancel.AfterBatches) cancel.Source.Cancel();
    }

    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        Events.Add($"epoch {logs.Epoch} end");
        WeightsAtEpochEnd.Add(TrainingTestData.Snapshot(context.Model));
        if (logs.Epoch == StopAtEpoch) context.RequestStop($"stop requested at epoch {logs.Epoch}");
    }
}
