using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>The order of callback events, progress reports, stop requests and cancellation.</summary>
public class CallbackOrderTests
{
    static Trainer NewTrainer(out Sequential model, out Optimizer optimizer)
    {
        model = TrainingTestData.SmallClassifier(2);
        optimizer = new Adam(model.Parameters(), lr: 1e-2);
        return new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions { ShuffleSeed = 1, Metrics = [new Accuracy()] });
    }

    [Fact]
    public void EventsArriveInOrderAndProgressIsReportedPerBatch()
    {
        var trainer = NewTrainer(out _, out _);
        var recorder = new RecordingCallback();
        var progress = new SynchronousProgress<TrainingProgress>();

        var history = trainer.Fit(TrainingTestData.Blobs(10, seed: 1), epochs: 2, batchSize: 4, callbacks: [recorder], progress: progress);

        Assert.Equal([
            "train begin",
            "epoch 1 begin", "batch 1.1", "batch 1.2", "batch 1.3", "epoch 1 end",
            "epoch 2 begin", "batch 2.1", "batch 2.2", "batch 2.3", "epoch 2 end",
            "train end (Completed)"], recorder.Events);
        Assert.Equal(recorder.Batches, progress.Reports);

        var last = progress.Reports[2];
        Assert.Equal((1, 2, 3, 3, 10L), (last.Epoch, last.Epochs, last.Batch, last.BatchesPerEpoch, last.Samples));
        Assert.Equal(history["loss"][0], last.RunningLoss, 12);
        Assert.Equal(1.0, last.EpochFraction);
        Assert.Equal(0.5, last.OverallFraction);
        Assert.Equal([4L, 8, 10], progress.Reports.Take(3).Select(p => p.Samples));
        Assert.All(progress.Reports, p => Assert.True(double.IsFinite(p.BatchLoss) && p.SamplesPerSecond >= 0));
        Assert.StartsWith("epoch 1/2, batch 1/3, loss ", progress.Reports[0].ToString());
    }

    [Fact]
    public void ACallbackCanStopTraining()
    {
        var trainer = NewTrainer(out _, out _);
        var recorder = new RecordingCallback { StopAtEpoch = 2 };

        var history = trainer.Fit(TrainingTestData.Blobs(8, seed: 1), epochs: 5, batchSize: 4, callbacks: [recorder]);

        Assert.Equal(2, history.Epochs);
        Assert.Equal(StopReason.Requested, history.StoppedReason);
        Assert.True(history.StoppedEarly);
        Assert.Equal("stop requested at epoch 2", history.StopMessage);
        Assert.Equal("train end (Requested)", recorder.Events[^1]);
        Assert.EndsWith("Stopped: stop requested at epoch 2", history.ToString());
    }

    [Fact]
    public void AStopRequestedInTheLastEpochLeavesTheRunComplete()
    {
        var trainer = NewTrainer(out _, out _);
        var history = trainer.Fit(TrainingTestData.Blobs(8, seed: 1), epochs: 2, batchSize: 4, callbacks: [new RecordingCallback { StopAtEpoch = 2 }]);
        Assert.Equal(StopReason.Completed, history.StoppedReason);
    }

    [Fact]
    public void CancellationStopsAfterTheCurrentBatchWithoutAnException()
    {
        var trainer = NewTrainer(out var model, out var optimizer);
        using var source = new CancellationTokenSource();
        var recorder = new RecordingCallback { CancelAt = (source, 5) };    // 3 batches an epoch: during epoch 2

        var history = trainer.Fit(TrainingTestData.Blobs(10, seed: 1), TrainingTestData.Blobs(4, seed: 2), epochs: 4, batchSize: 4,
            callbacks: [recorder], cancellationToken: source.Token);

        Assert.Equal(5, recorder.Batches.Count);
        Assert.Equal(5, optimizer.GetState(model.Parameters().First())!.Step);   // exactly five updates
        Assert.Equal(1, history.Epochs);                                          // the interrupted epoch is not recorded
        Assert.Equal(StopReason.Cancelled, history.StoppedReason);
        Assert.Contains("epoch 2, after 2 of 3 batches", history.StopMessage);
        Assert.Equal("train end (Cancelled)", recorder.Events[^1]);
        Assert.DoesNotContain("epoch 2 end", recorder.Events);
    }

    [Fact]
    public void AnAlreadyCancelledTokenTrainsNothing()
    {
        var trainer = NewTrainer(out var model, out var optimizer);
        var before = TrainingTestData.Snapshot(model);
        var recorder = new RecordingCallback();

        var history = trainer.Fit(TrainingTestData.Blobs(10, seed: 1), epochs: 3, callbacks: [recorder], cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(0, history.Epochs);
        Assert.Equal(StopReason.Cancelled, history.StoppedReason);
        Assert.Empty(recorder.Batches);
        Assert.Equal(["train begin", "train end (Cancelled)"], recorder.Events);
        TrainingTestData.AssertSameWeights(before, model);
        Assert.Empty(history["loss"]);
        Assert.StartsWith("History: no epoch completed.", history.ToString());
    }
}
