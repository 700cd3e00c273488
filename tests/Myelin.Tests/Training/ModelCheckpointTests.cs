using Myelin.IO;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>ModelCheckpoint writes safetensors files that load back into the same model.</summary>
public class ModelCheckpointTests
{
    static Trainer NewTrainer(out Sequential model, params Metric[] metrics)
    {
        model = TrainingTestData.SmallClassifier(4);
        return new Trainer(model, new Adam(model.Parameters(), lr: 1e-2), Losses.CrossEntropy,
            new TrainerOptions { ShuffleSeed = 3, Metrics = metrics });
    }

    static History Fit(Trainer trainer, int epochs, params Callback[] callbacks) =>
        trainer.Fit(TrainingTestData.Blobs(12, seed: 1), TrainingTestData.Blobs(6, seed: 2), epochs, batchSize: 4, callbacks: callbacks);

    [Fact]
    public void SavesEveryNthEpochToFilesThatLoadBackToIdenticalOutputs()
    {
        using var directory = new TempDirectory();
        var trainer = NewTrainer(out var model);
        var recorder = new RecordingCallback();
        var checkpoint = new ModelCheckpoint(Path.Combine(directory.Path, "run", "model-{epoch:D2}.safetensors"), everyNEpochs: 2);

        Fit(trainer, epochs: 5, recorder, checkpoint);

        Assert.Equal([Path.Combine("run", "model-02.safetensors"), Path.Combine("run", "model-04.safetensors")], directory.FileNames());
        Assert.Equal(2, checkpoint.SavedFiles.Count);

        var inputs = TrainingTestData.Blobs(7, seed: 5).Features;
        for (int i = 0; i < 2; i++)
        {
            int epoch = 2 * (i + 1);
            var restored = TrainingTestData.SmallClassifier(99);
            restored.LoadStateDict(SafeTensors.Load(checkpoint.SavedFiles[i]));
            TrainingTestData.AssertSameWeights(recorder.WeightsAtEpochEnd[epoch - 1], restored);

            var original = TrainingTestData.SmallClassifier(99);
            original.LoadStateDict(recorder.WeightsAtEpochEnd[epoch - 1]);
            Myelin.Tests.NN.TensorAssert.Equal(new Trainer(original, new SGD(original.Parameters(), lr: 0), Losses.CrossEntropy).Predict(inputs),
                new Trainer(restored, new SGD(restored.Parameters(), lr: 0), Losses.CrossEntropy).Predict(inputs));

            var metadata = SafeTensors.Read(checkpoint.SavedFiles[i]).Metadata;
            Assert.Equal(epoch.ToString(), metadata["epoch"]);
            Assert.True(metadata.ContainsKey("val_loss"));
        }
    }

    [Fact]
    public void SaveBestOnlyWritesOnImprovementAndFillsValuesIntoTheName()
    {
        using var directory = new TempDirectory();
        var trainer = NewTrainer(out _, new ScriptedValidationMetric("score", higherIsBetter: true, 0.5, 0.75, 0.6, 0.8125, 0.7));
        var checkpoint = new ModelCheckpoint(directory.File("best-{epoch}-{val_score:F2}.safetensors"), monitor: "val_score", saveBestOnly: true);

        Fit(trainer, epochs: 5, checkpoint);

        Assert.Equal(["best-1-0.50.safetensors", "best-2-0.75.safetensors", "best-4-0.81.safetensors"], directory.FileNames());
        Assert.Equal(0.8125, checkpoint.Best);
    }

    [Fact]
    public void AFixedPathIsReplacedAtEachSave()
    {
        using var directory = new TempDirectory();
        var trainer = NewTrainer(out var model);
        var checkpoint = new ModelCheckpoint(directory.File("latest.safetensors"));

        Fit(trainer, epochs: 3, checkpoint);

        Assert.Equal(["latest.safetensors"], directory.FileNames());
        Assert.Equal(3, checkpoint.SavedFiles.Count);
        var restored = TrainingTestData.SmallClassifier(7);
        restored.LoadStateDict(SafeTensors.Load(directory.File("latest.safetensors")));
        TrainingTestData.AssertSameWeights(TrainingTestData.Snapshot(model), restored);
    }

    [Fact]
    public void BadPathsAreReported()
    {
        Assert.Contains("never closed", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("model-{epoch.safetensors")).Message);
        Assert.Contains("closes nothing", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("model-}.safetensors")).Message);
        Assert.Contains("not a valid format", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("model-{epoch:D1000000000}.safetensors")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelCheckpoint("model.safetensors", everyNEpochs: 0));

        using var directory = new TempDirectory();
        var trainer = NewTrainer(out _);
        var e = Assert.Throws<InvalidOperationException>(() => Fit(trainer, 1, new ModelCheckpoint(directory.File("m-{val_acc}.safetensors"))));
        Assert.Contains("{val_acc}", e.Message);
        Assert.Contains("val_loss", e.Message);
        Assert.Empty(directory.FileNames());
    }
}
