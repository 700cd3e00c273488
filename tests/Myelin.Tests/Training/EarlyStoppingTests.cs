using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>EarlyStopping driven by a scripted validation metric.</summary>
public class EarlyStoppingTests
{
    static Trainer NewTrainer(Metric metric, out Sequential model)
    {
        model = TrainingTestData.SmallClassifier(3);
        return new Trainer(model, new SGD(model.Parameters(), lr: 0.05), Losses.CrossEntropy,
            new TrainerOptions { ShuffleSeed = 2, Metrics = [metric] });
    }

    static History Fit(Trainer trainer, int epochs, params Callback[] callbacks) =>
        trainer.Fit(TrainingTestData.Blobs(12, seed: 1), TrainingTestData.Blobs(6, seed: 2), epochs, batchSize: 4, callbacks: callbacks);

    [Fact]
    public void StopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights()
    {
        // Best at epoch 3; epochs 4, 5 and 6 do not beat it; with patience 3 training stops after 6.
        var trainer = NewTrainer(new ScriptedValidationMetric("score", higherIsBetter: true, 0.5, 0.7, 0.9, 0.8, 0.85, 0.6, 0.95, 0.99), out var model);
        var recorder = new RecordingCallback();
        var stopping = new EarlyStopping("val_score", patience: 3, restoreBestWeights: true);

        var history = Fit(trainer, epochs: 8, recorder, stopping);

        Assert.Equal(6, history.Epochs);
        Assert.Equal(StopReason.EarlyStopping, history.StoppedReason);
        Assert.Equal(MonitorMode.Max, stopping.Mode);
        Assert.Equal(3, stopping.BestEpoch);
        Assert.Equal(0.9, stopping.Best);
        Assert.Equal(6, stopping.StoppedEpoch);
        Assert.Contains("val_score did not improve", history.StopMessage);
        Assert.Contains("0.9 at epoch 3", history.StopMessage);
        Assert.Contains("restored", history.StopMessage);

        TrainingTestData.AssertSameWeights(recorder.WeightsAtEpochEnd[2], model);
        Assert.False(TrainingTestData.SameWeights(recorder.WeightsAtEpochEnd[5], TrainingTestData.Snapshot(model)));
    }

    [Fact]
    public void WithoutRestoreTheFinalWeightsStay()
    {
        var trainer = NewTrainer(new ScriptedValidationMetric("score", higherIsBetter: true, 0.5, 0.4, 0.3), out var model);
        var recorder = new RecordingCallback();

        var history = Fit(trainer, epochs: 3, recorder, new EarlyStopping("val_score", patience: 0));

        Assert.Equal(2, history.Epochs);   // patience 0: the first epoch without improvement stops
        TrainingTestData.AssertSameWeights(recorder.WeightsAtEpochEnd[1], model);
    }

    [Fact]
    public void RestoresTheBestWeightsAlsoWhenAllEpochsRan()
    {
        var trainer = NewTrainer(new ScriptedValidationMetric("error", higherIsBetter: false, 3, 1, 2), out var model);
        var recorder = new RecordingCallback();

        var history = Fit(trainer, epochs: 3, recorder, new EarlyStopping("val_error", patience: 5, restoreBestWeights: true));

        Assert.Equal(StopReason.Completed, history.StoppedReason);
        TrainingTestData.AssertSameWeights(recorder.WeightsAtEpochEnd[1], model);
    }

    [Fact]
    public void ChangesSmallerThanMinDeltaAreNotImprovements()
    {
        var trainer = NewTrainer(new ScriptedValidationMetric("error", higherIsBetter: false, 1.0, 0.95, 0.92, 0.5), out _);
        var stopping = new EarlyStopping("val_error", patience: 2, minDelta: 0.1);

        var history = Fit(trainer, epochs: 4, stopping);

        Assert.Equal(3, history.Epochs);
        Assert.Equal(MonitorMode.Min, stopping.Mode);
        Assert.Equal(1.0, stopping.Best);
    }

    [Fact]
    public void MonitorsValidationLossByDefault()
    {
        var trainer = NewTrainer(new Accuracy(), out _);
        var stopping = new EarlyStopping(patience: 100);
        var history = Fit(trainer, epochs: 3, stopping);

        Assert.Equal("val_loss", stopping.Monitor);
        Assert.Equal(MonitorMode.Min, stopping.Mode);
        Assert.Equal(history["val_loss"].Min(), stopping.Best);
    }

    [Fact]
    public void BadMonitorsAreReported()
    {
        var trainer = NewTrainer(new Accuracy(), out _);
        var data = TrainingTestData.Blobs(8, seed: 1);

        var e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data, callbacks: [new EarlyStopping()]));
        Assert.Contains("without validation data", e.Message);

        e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data, callbacks: [new EarlyStopping("lss")]));
        Assert.Contains("cannot tell whether 'lss'", e.Message);

        e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data, callbacks: [new EarlyStopping("lss", mode: MonitorMode.Min)]));
        Assert.Contains("'lss', which is not among the logged values (loss, accuracy, lr, seconds)", e.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(minDelta: -0.1));
    }
}
