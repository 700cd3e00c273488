using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>A NaN or infinite loss stops training with a helpful exception, or is skipped on request.</summary>
public class NonFiniteLossTests
{
    /// <summary>12 regression samples whose 10th target is NaN: with batches of 4 in order, batch 3 has a NaN loss.</summary>
    static TensorDataset DataWithNaNTarget()
    {
        var generator = new Generator(1);
        var features = Tensor.Randn([12, 3], generator);
        var targets = Tensor.Randn([12, 1], generator).ToArray();
        targets[9] = float.NaN;
        return new TensorDataset(features, Tensor.FromArray(targets, 12, 1));
    }

    static Trainer RegressionTrainer(out Linear model, NonFiniteLossAction action, double lr = 0.01)
    {
        model = new Linear(3, 1, generator: new Generator(2));
        return new Trainer(model, new SGD(model.Parameters(), lr: lr), Losses.MSE,
            new TrainerOptions { Shuffle = false, NonFiniteLoss = action, Metrics = [new MeanAbsoluteError()] });
    }

    [Fact]
    public void ANaNLossThrowsNamingTheEpochBatchAndCauses()
    {
        var trainer = RegressionTrainer(out var model, NonFiniteLossAction.Throw);
        var recorder = new RecordingCallback();

        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(DataWithNaNTarget(), epochs: 2, batchSize: 4, callbacks: [recorder]));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(3, e.Batch);
        Assert.True(double.IsNaN(e.Loss));
        Assert.StartsWith("Trainer.Fit: the loss is NaN at epoch 1, batch 3 of 3.", e.Message);
        Assert.Contains("learning rate that is too high (it is 0.01", e.Message);
        Assert.Contains("StandardScaler", e.Message);
        Assert.Contains("log of zero", e.Message);
        Assert.Contains("NonFiniteLossAction.SkipBatch", e.Message);
        Assert.Equal(2, recorder.Batches.Count);
        Assert.True(model.Weight.AllFinite());   // the bad batch made no step
    }

    [Fact]
    public void AHugeLearningRateIsCaught()
    {
        var (train, _, _) = TrainingTestData.Digits;
        var model = TrainingTestData.DigitsMlp(seed: 2);
        var trainer = new Trainer(model, new SGD(model.Parameters(), lr: 1e10), Losses.CrossEntropy, new TrainerOptions { ShuffleSeed = 1 });

        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(train, epochs: 1, batchSize: 64));

        Assert.Equal(1, e.Epoch);
        Assert.InRange(e.Batch, 2, train.Count / 64 + 1);
        Assert.Contains("(it is 1E+10; try 10 times smaller)", e.Message);
    }

    [Fact]
    public void SkipBatchLeavesTheBadBatchOutAndContinues()
    {
        var trainer = RegressionTrainer(out var model, NonFiniteLossAction.SkipBatch);
        var data = DataWithNaNTarget();
        var recorder = new RecordingCallback();

        var history = trainer.Fit(data, epochs: 2, batchSize: 4, callbacks: [recorder]);

        Assert.Equal(2, history.Epochs);
        Assert.All(history.Records, r => Assert.Equal(1, r.SkippedBatches));
        Assert.All(history["loss"], l => Assert.True(double.IsFinite(l)));
        Assert.All(history["mae"], m => Assert.True(double.IsFinite(m)));
        Assert.True(model.Weight.AllFinite());
        Assert.Equal(4, trainer.Optimizer.GetState(model.Weight)!.Step);         // 2 good batches × 2 epochs
        Assert.True(double.IsNaN(recorder.Batches[2].BatchLoss));
        Assert.Contains("1 batch(es) skipped", history.Records[0].ToString());

        // The epoch's loss covers the 8 good samples only.
        var firstEightOnly = new Subset(data, Enumerable.Range(0, 8).ToArray());
        var replay = RegressionTrainer(out _, NonFiniteLossAction.Throw);
        Assert.Equal(replay.Fit(firstEightOnly, epochs: 1, batchSize: 4)["loss"][0], history["loss"][0], 12);
    }
}
