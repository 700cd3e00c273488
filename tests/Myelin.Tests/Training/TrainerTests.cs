using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>Fit's history, Evaluate and Predict, modes, reproducibility, schedules and bad arguments.</summary>
public class TrainerTests
{
    static Trainer BlobsTrainer(out Sequential model, double lr = 0.1, TrainerOptions? options = null, ulong seed = 3)
    {
        model = TrainingTestData.SmallClassifier(seed);
        return new Trainer(model, new SGD(model.Parameters(), lr: lr), Losses.CrossEntropy,
            options ?? new TrainerOptions { Metrics = [new Accuracy()], ShuffleSeed = 5 });
    }

    [Fact]
    public void HistoryRecordsEveryEpochByName()
    {
        var trainer = BlobsTrainer(out _);
        var validation = TrainingTestData.Blobs(12, seed: 2);

        var history = trainer.Fit(TrainingTestData.Blobs(30, seed: 1), validation, epochs: 3, batchSize: 8);

        Assert.Equal(3, history.Epochs);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds"], history.Keys);
        Assert.Equal([1, 2, 3], history.Records.Select(r => r.Epoch));
        Assert.Equal(StopReason.Completed, history.StoppedReason);
        Assert.False(history.StoppedEarly);
        Assert.Null(history.StopMessage);
        Assert.Equal([0.1, 0.1, 0.1], history["lr"]);
        Assert.All(history["seconds"], s => Assert.True(s >= 0));
        Assert.All(history["accuracy"], a => Assert.InRange(a, 0, 1));
        Assert.Equal(history.Records[2].ValidationLoss, history["val_loss"][2]);
        Assert.Same(history.Records[2], history.Last);

        // The last validation values are those of the final weights.
        var evaluation = trainer.Evaluate(validation);
        Assert.Equal(evaluation.Loss, history["val_loss"][2], 6);
        Assert.Equal(evaluation["accuracy"], history["val_accuracy"][2]);

        var e = Assert.Throws<KeyNotFoundException>(() => history["val_acc"]);
        Assert.Contains("val_accuracy", e.Message);

        var table = history.ToString().Split('\n');
        Assert.Equal(4, table.Length);
        Assert.StartsWith("epoch  loss", table[0]);
        Assert.Contains("val_accuracy", table[0]);
        Assert.StartsWith("    1  ", table[1]);
    }

    [Fact]
    public void EpochLossIsTheSampleWeightedMeanOverBatchesOfUnequalSize()
    {
        // With a learning rate of 0 the weights stay put, so the epoch's loss must equal the loss
        // over all 10 samples at once, although the batches hold 4, 4 and 2 samples.
        var trainer = BlobsTrainer(out _, lr: 0);
        var data = TrainingTestData.Blobs(10, seed: 4);

        var history = trainer.Fit(data, epochs: 1, batchSize: 4);

        Assert.Equal(trainer.Evaluate(data).Loss, history["loss"][0], 6);
        Assert.Equal(trainer.Evaluate(data)["accuracy"], history["accuracy"][0]);
        Assert.Equal(["loss", "accuracy", "lr", "seconds"], history.Keys);
        Assert.Null(history.Records[0].ValidationLoss);
    }

    [Fact]
    public void EvaluateRunsInEvalModeWithoutAGraphAndRestoresModes()
    {
        var generator = new Generator(9);
        var dropout = new Dropout(0.5);
        var model = new Sequential(new Linear(4, 8, generator: generator), dropout, new Linear(8, 3, generator: generator));
        var trainer = new Trainer(model, new SGD(model.Parameters(), lr: 0.1), Losses.CrossEntropy, new TrainerOptions { Metrics = [new Accuracy()] });
        var data = TrainingTestData.Blobs(20, seed: 6);
        var features = data.Features;
        var labels = data.Targets;

        model.Train();
        dropout.Eval();   // a submodule deliberately kept in eval mode must stay so
        var result = trainer.Evaluate(data, batchSize: 6);

        Assert.True(model.IsTraining);
        Assert.False(dropout.IsTraining);
        model.Eval();
        using (Autograd.NoGrad())
        {
            var logits = model.Forward(features);
            Assert.Equal(F.CrossEntropy(logits, labels).Item(), result.Loss, 6);
            Assert.Equal(new Accuracy().Compute(logits, labels), result["accuracy"]);
        }
        Assert.Equal(20, result.Samples);
        Assert.Equal(result.Loss, result["loss"]);
        Assert.Equal(["accuracy"], result.Metrics.Keys);
        Assert.StartsWith("loss ", result.ToString());
        Assert.Throws<KeyNotFoundException>(() => result["f1"]);
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void PredictEqualsForwardUnderNoGradInEvalMode()
    {
        var trainer = BlobsTrainer(out var model);
        var data = TrainingTestData.Blobs(20, seed: 7);
        var inputs = data.Features;

        model.Train();
        var predicted = trainer.Predict(inputs, batchSize: 7);
        Assert.True(model.IsTraining);
        Assert.False(predicted.RequiresGrad);
        Assert.Equal([20, 3], predicted.Shape.ToArray());

        model.Eval();
        Tensor expected;
        using (Autograd.NoGrad()) expected = model.Forward(inputs);
        Myelin.Tests.NN.TensorAssert.Close(expected, predicted, 1e-6, 1e-7, "Predict(tensor)");
        Myelin.Tests.NN.TensorAssert.Close(expected, trainer.Predict(data, batchSize: 6), 1e-6, 1e-7, "Predict(dataset)");
        Myelin.Tests.NN.TensorAssert.Close(expected, trainer.Predict(inputs), 1e-6, 1e-7, "Predict in one batch");
    }

    static Dictionary<string, Tensor> TrainDigits(int shuffleSeed)
    {
        var (train, validation, _) = TrainingTestData.Digits;
        var model = TrainingTestData.DigitsMlp(seed: 4, hidden: 16);
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 1e-2), Losses.CrossEntropy,
            new TrainerOptions { ShuffleSeed = shuffleSeed, GradientClipNorm = 5 });
        trainer.Fit(train, validation, epochs: 2, batchSize: 64);
        return TrainingTestData.Snapshot(model);
    }

    [Fact]
    public void TheSameSeedGivesIdenticalWeights()
    {
        var first = TrainDigits(shuffleSeed: 11);
        var second = TrainDigits(shuffleSeed: 11);
        var otherSeed = TrainDigits(shuffleSeed: 12);

        Assert.True(TrainingTestData.SameWeights(first, second), "two runs with the same seed differ");
        Assert.False(TrainingTestData.SameWeights(first, otherSeed), "the shuffle seed should change the run");
    }

    [Fact]
    public void LaterFitsContinueTheShuffleSequence()
    {
        // Two fits of one epoch see the same orders as one fit of two epochs.
        var data = TrainingTestData.Blobs(24, seed: 8);
        var once = BlobsTrainer(out var onceModel);
        once.Fit(data, epochs: 2, batchSize: 5);
        var twice = BlobsTrainer(out var twiceModel);
        twice.Fit(data, epochs: 1, batchSize: 5);
        twice.Fit(data, epochs: 1, batchSize: 5);

        TrainingTestData.AssertSameWeights(TrainingTestData.Snapshot(onceModel), twiceModel);
    }

    [Fact]
    public void AShuffleGeneratorActsLikeItsSeed()
    {
        var data = TrainingTestData.Blobs(24, seed: 8);
        var seeded = BlobsTrainer(out var seededModel, options: new TrainerOptions { ShuffleSeed = 21 });
        seeded.Fit(data, epochs: 2, batchSize: 5);
        var generator = new Generator(21);
        var withGenerator = BlobsTrainer(out var generatorModel, options: new TrainerOptions { ShuffleGenerator = generator });
        withGenerator.Fit(data, epochs: 2, batchSize: 5);

        TrainingTestData.AssertSameWeights(TrainingTestData.Snapshot(seededModel), generatorModel);
        Assert.Throws<ArgumentException>(() => BlobsTrainer(out _, options: new TrainerOptions { ShuffleSeed = 1, ShuffleGenerator = generator }));
    }

    [Fact]
    public void ValidationFractionHoldsOutTheLastSamples()
    {
        var data = TrainingTestData.Blobs(10, seed: 9);
        var trainer = BlobsTrainer(out _);
        var recorder = new RecordingCallback();

        var history = trainer.Fit(data, validationFraction: 0.3, epochs: 1, batchSize: 4, callbacks: [recorder]);

        Assert.Equal(2, recorder.Batches.Count);                        // 7 training samples: 4 + 3
        Assert.Equal(7, recorder.Batches[^1].Samples);
        var heldOut = new Subset(data, [7, 8, 9]);
        Assert.Equal(trainer.Evaluate(heldOut).Loss, history["val_loss"][0], 6);

        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data, validationFraction: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data, validationFraction: 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(TrainingTestData.Blobs(1, seed: 1), validationFraction: 0.5));
    }

    [Fact]
    public void ModelTrainsInTrainModeAndIsLeftInItsOriginalMode()
    {
        var trainer = BlobsTrainer(out var model);
        var recorder = new RecordingCallback();
        model.Eval();

        trainer.Fit(TrainingTestData.Blobs(12, seed: 1), TrainingTestData.Blobs(6, seed: 2), epochs: 2, batchSize: 4, callbacks: [recorder]);

        Assert.All(recorder.TrainingModeAtBatchEnd, Assert.True);
        Assert.False(model.IsTraining);
    }

    [Fact]
    public void EpochSchedulerFromOptionsSetsEachEpochsRate()
    {
        var model = TrainingTestData.SmallClassifier(1);
        var optimizer = new SGD(model.Parameters(), lr: 0.2);
        var trainer = new Trainer(model, optimizer, Losses.CrossEntropy,
            new TrainerOptions { Scheduler = new StepLR(optimizer, stepSize: 1, gamma: 0.5) });

        var history = trainer.Fit(TrainingTestData.Blobs(8, seed: 1), epochs: 3, batchSize: 4);

        Assert.Equal([0.2, 0.1, 0.05], history["lr"]);
        Assert.Equal(0.025, optimizer.LearningRate, 12);
    }

    [Fact]
    public void BatchSchedulerStepsAfterEveryBatch()
    {
        var model = TrainingTestData.SmallClassifier(1);
        var optimizer = new SGD(model.Parameters(), lr: 0.1);
        var schedule = new OneCycleLR(optimizer, maxLr: 0.5, totalSteps: 3 * 4);
        var trainer = new Trainer(model, optimizer, Losses.CrossEntropy,
            new TrainerOptions { Scheduler = schedule, SchedulerInterval = ScheduleInterval.Batch });

        var history = trainer.Fit(TrainingTestData.Blobs(15, seed: 1), epochs: 3, batchSize: 4);   // 4 batches an epoch

        Assert.Equal(12, schedule.LastEpoch);
        Assert.Equal(schedule.LearningRateAt(4, 0), history["lr"][1], 12);
        Assert.Equal(schedule.LearningRateAt(8, 0), history["lr"][2], 12);
    }

    [Fact]
    public void BadOptionsAndArgumentsAreNamed()
    {
        var model = TrainingTestData.SmallClassifier(1);
        var optimizer = new SGD(model.Parameters(), lr: 0.1);
        var otherOptimizer = new SGD(TrainingTestData.SmallClassifier(2).Parameters(), lr: 0.1);

        Exception e = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions { BatchSize = 0 }));
        Assert.Contains("BatchSize", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions { GradientClipNorm = -1 }));
        Assert.Contains("GradientClipNorm", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions { Metrics = [new Accuracy(), new Accuracy()] }));
        Assert.Contains("two metrics are named 'accuracy'", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions { Metrics = [new Accuracy(name: "loss")] }));
        Assert.Contains("'loss'", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions { Scheduler = new StepLR(otherOptimizer, 1) }));
        Assert.Contains("different optimizer", e.Message);

        var trainer = new Trainer(model, optimizer, Losses.CrossEntropy);
        var data = TrainingTestData.Blobs(8, seed: 1);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data, epochs: 0));
        Assert.Contains("epochs", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data, batchSize: 0));
        e = Assert.Throws<ArgumentException>(() => trainer.Fit(new Subset(data, [])));
        Assert.Contains("training set is empty", e.Message);
        e = Assert.Throws<ArgumentException>(() => trainer.Fit(data, callbacks: [null!]));
        Assert.Contains("callback 0 is null", e.Message);
        Assert.Throws<ArgumentException>(() => trainer.Evaluate(new Subset(data, [])));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Predict(data, batchSize: 0));
        Assert.Throws<ArgumentException>(() => trainer.Predict(Tensor.Scalar(1)));

        var perSample = new Trainer(model, optimizer, new CrossEntropyLoss(reduction: Reduction.None));
        e = Assert.Throws<InvalidOperationException>(() => perSample.Fit(data));
        Assert.Contains("CrossEntropyLoss returned a tensor of shape [8]", e.Message);
        Assert.Contains("Reduction.Mean", e.Message);
    }
}
