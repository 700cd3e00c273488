using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>LearningRateSchedulerCallback with epoch schedules and ReduceLROnPlateau.</summary>
public class SchedulerCallbackTests
{
    [Fact]
    public void ReduceLROnPlateauGetsTheMonitoredValue()
    {
        var model = TrainingTestData.SmallClassifier(6);
        var optimizer = new SGD(model.Parameters(), lr: 0.4);
        var trainer = new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions
        {
            ShuffleSeed = 1,
            Metrics = [new ScriptedValidationMetric("score", higherIsBetter: true, 0.5, 0.6, 0.6, 0.7, 0.7)],
        });
        var plateau = new ReduceLROnPlateau(optimizer, PlateauMode.Max, factor: 0.5, patience: 0);

        var history = trainer.Fit(TrainingTestData.Blobs(8, seed: 1), TrainingTestData.Blobs(4, seed: 2), epochs: 5, batchSize: 4,
            callbacks: [new LearningRateSchedulerCallback(plateau, monitor: "val_score")]);

        // Epochs 3 and 5 do not improve, so the rate halves after each of them.
        Assert.Equal([0.4, 0.4, 0.4, 0.2, 0.2], history["lr"]);
        Assert.Equal(0.1, optimizer.LearningRate, 12);
        Assert.Equal(0.7, plateau.Best);
    }

    [Fact]
    public void EpochScheduleStepsOncePerEpoch()
    {
        var model = TrainingTestData.SmallClassifier(6);
        var optimizer = new SGD(model.Parameters(), lr: 1);
        var schedule = new ExponentialLR(optimizer, gamma: 0.1);
        var trainer = new Trainer(model, optimizer, Losses.CrossEntropy);

        var history = trainer.Fit(TrainingTestData.Blobs(8, seed: 1), epochs: 3, batchSize: 2, callbacks: [new LearningRateSchedulerCallback(schedule)]);

        Assert.Equal(3, schedule.LastEpoch);
        Assert.Equal(new[] { 1, 0.1, 0.01 }, history["lr"].Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void MismatchesAreReported()
    {
        var model = TrainingTestData.SmallClassifier(6);
        var trainer = new Trainer(model, new SGD(model.Parameters(), lr: 0.1), Losses.CrossEntropy);
        var other = new SGD(TrainingTestData.SmallClassifier(7).Parameters(), lr: 0.1);
        var data = TrainingTestData.Blobs(8, seed: 1);

        var e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data, callbacks: [new LearningRateSchedulerCallback(new StepLR(other, 1))]));
        Assert.Contains("different optimizer", e.Message);

        e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data,
            callbacks: [new LearningRateSchedulerCallback(new ReduceLROnPlateau(trainer.Optimizer))]));
        Assert.Contains("without validation data", e.Message);
    }
}
