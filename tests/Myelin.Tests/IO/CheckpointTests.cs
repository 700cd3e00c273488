using Myelin.IO;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Tests.IO.Model;

public class CheckpointTests : IDisposable
{
    readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>A run trained for one epoch and saved at <paramref name="path"/> with every part: optimizer, scheduler, generator.</summary>
    static CheckpointTrainingRun TrainOneEpochAndSave(string path, string optimizer = "sgd")
    {
        var run = new CheckpointTrainingRun(optimizer, initSeed: 1, generatorSeed: 2);
        run.TrainEpoch();
        Checkpoint.Save(path, run.Model, run.Optimizer, run.Scheduler, epoch: 1, step: run.Step, run.Generator);
        return run;
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void ResumingFromACheckpointReproducesTheUninterruptedRunBitForBit(string optimizer)
    {
        var straight = new CheckpointTrainingRun(optimizer, initSeed: 1, generatorSeed: 99);
        for (int epoch = 0; epoch < 4; epoch++) straight.TrainEpoch();

        string path = scratch.File("run.ckpt.safetensors");
        var first = new CheckpointTrainingRun(optimizer, initSeed: 1, generatorSeed: 99);
        for (int epoch = 0; epoch < 2; epoch++) first.TrainEpoch();
        Checkpoint.Save(path, first.Model, first.Optimizer, first.Scheduler, epoch: 2, step: first.Step, first.Generator);

        // Everything fresh and different: only the checkpoint carries the run over.
        var resumed = new CheckpointTrainingRun(optimizer, initSeed: 7, generatorSeed: 12345);
        var (startEpoch, step, extra) = Checkpoint.Load(path, resumed.Model, resumed.Optimizer, resumed.Scheduler, resumed.Generator);
        resumed.Step = step;
        for (int epoch = startEpoch; epoch < 4; epoch++) resumed.TrainEpoch();

        Assert.Equal(2, startEpoch);
        Assert.Empty(extra);
        ModelTestModels.AssertSameState(straight.Model, resumed.Model);
        Assert.Equal(straight.Step, resumed.Step);
        Assert.Equal(straight.Optimizer.LearningRate, resumed.Optimizer.LearningRate);
        Assert.Equal(straight.Scheduler.LastEpoch, resumed.Scheduler.LastEpoch);
        Assert.Equal(straight.Generator.GetState(), resumed.Generator.GetState());
        var expectedState = straight.Optimizer.StateDict();
        var actualState = resumed.Optimizer.StateDict();
        Assert.Equal(expectedState.Keys, actualState.Keys);
        foreach (var (key, tensor) in expectedState) ModelTestModels.AssertBitwiseEqual(tensor, actualState[key], key);
    }

    [Fact]
    public void ASaveThatFailsMidwayLeavesThePreviousCheckpointIntactAndLoadable()
    {
        string path = scratch.File("run.ckpt.safetensors");
        var run = TrainOneEpochAndSave(path);
        byte[] good = File.ReadAllBytes(path);
        var snapshot = new CheckpointTrainingRun("sgd", initSeed: 3, generatorSeed: 4);
        Checkpoint.Load(path, snapshot.Model);

        run.TrainEpoch();
        CheckpointFailingStream? failing = null;
        var error = Assert.Throws<IOException>(() => Checkpoint.SaveThrough(path, run.Model, run.Optimizer, run.Scheduler, 2, run.Step,
            run.Generator, null, stream => failing = new CheckpointFailingStream(stream, failAfter: good.Length / 2)));

        Assert.Contains("simulated failure", error.Message);
        Assert.True(failing!.Written > 0);
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal(["run.ckpt.safetensors"], scratch.Entries());
        var restored = new CheckpointTrainingRun("sgd", initSeed: 5, generatorSeed: 6);
        var info = Checkpoint.Load(path, restored.Model, restored.Optimizer, restored.Scheduler, restored.Generator);
        Assert.Equal(1, info.Epoch);
        ModelTestModels.AssertSameState(snapshot.Model, restored.Model);
    }

    [Fact]
    public void ALeftoverTemporaryFileFromAKilledSaveDoesNotDisturbLoading()
    {
        string path = scratch.File("run.ckpt.safetensors");
        var model = new Sequential(new Linear(3, 2, generator: new Generator(1)));
        Checkpoint.Save(path, model, null, null, epoch: 5, step: 50, generator: null);
        File.WriteAllBytes(path + ".0123456789abcdef.tmp", [1, 2, 3]);
        var copy = new Sequential(new Linear(3, 2, generator: new Generator(2)));

        var info = Checkpoint.Load(path, copy);

        Assert.Equal(5, info.Epoch);
        ModelTestModels.AssertSameState(model, copy);
    }

    [Fact]
    public void EpochStepAndExtraStringsComeBack()
    {
        string path = scratch.File("run.ckpt.safetensors");
        var extra = new Dictionary<string, string> { ["best_accuracy"] = "0.973", ["run"] = "digits-3" };

        Checkpoint.Save(path, new Linear(2, 2), null, null, epoch: 17, step: 5_000_000_000, generator: null, extra);
        var info = Checkpoint.ReadInfo(path);
        var loaded = Checkpoint.Load(path, new Linear(2, 2));

        Assert.Equal(17, info.Epoch);
        Assert.Equal(5_000_000_000, info.Step);
        Assert.Equal(extra, info.Extra);
        Assert.Equal(info.Epoch, loaded.Epoch);
        Assert.Equal(info.Step, loaded.Step);
        Assert.Equal(extra, loaded.Extra);
    }

    [Fact]
    public void TheFileHoldsPrefixedStateDictsAndReadableMetadata()
    {
        string path = scratch.File("run.ckpt.safetensors");
        var run = TrainOneEpochAndSave(path, "adam");

        var file = SafeTensors.Read(path);

        Assert.Equal(run.Model.StateDict().Keys.Select(k => "model." + k), file.Tensors.Keys.Where(k => k.StartsWith("model.", StringComparison.Ordinal)));
        Assert.Contains("optimizer.state.0.exp_avg", file.Tensors.Keys);
        Assert.Contains("scheduler.last_epoch", file.Tensors.Keys);
        Assert.Equal("1", file.Metadata["myelin.checkpoint"]);
        Assert.Equal("Adam", file.Metadata["myelin.optimizer"]);
        Assert.Equal("StepLR", file.Metadata["myelin.scheduler"]);
        Assert.Equal(string.Join(",", run.Generator.GetState().Select(w => w.ToString("x16"))), file.Metadata["myelin.generator"]);
    }

    [Fact]
    public void LoadingOnlyTheModelIgnoresTheOtherParts()
    {
        string path = scratch.File("run.ckpt.safetensors");
        var run = TrainOneEpochAndSave(path);
        var fresh = new CheckpointTrainingRun("sgd", initSeed: 3, generatorSeed: 4);
        var generatorBefore = fresh.Generator.GetState();

        Checkpoint.Load(path, fresh.Model);

        ModelTestModels.AssertSameState(run.Model, fresh.Model);
        Assert.Equal(generatorBefore, fresh.Generator.GetState());
        Assert.DoesNotContain(fresh.Optimizer.StateDict().Keys, k => k.StartsWith("state.", StringComparison.Ordinal));
    }

    [Fact]
    public void APartTheCheckpointLacksIsAnError()
    {
        string path = scratch.File("model-only.ckpt");
        var run = new CheckpointTrainingRun("sgd", initSeed: 1, generatorSeed: 2);
        Checkpoint.Save(path, run.Model, null, null, epoch: 0, step: 0, generator: null);

        var optimizer = Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, run.Model, run.Optimizer));
        var scheduler = Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, run.Model, scheduler: run.Scheduler));
        var generator = Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, run.Model, generator: run.Generator));

        Assert.Contains("holds no optimizer state", optimizer.Message);
        Assert.Contains("pass null for the optimizer", optimizer.Message);
        Assert.Contains("holds no scheduler state", scheduler.Message);
        Assert.Contains("holds no generator state", generator.Message);
    }

    [Fact]
    public void AnOptimizerOfAnotherTypeIsNamed()
    {
        string path = scratch.File("run.ckpt");
        var run = TrainOneEpochAndSave(path);
        var other = new CheckpointTrainingRun("adam", initSeed: 1, generatorSeed: 2);

        var error = Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, other.Model, other.Optimizer));

        Assert.Contains("holds optimizer state saved from SGD; it cannot be loaded into Adam", error.Message);
    }

    [Fact]
    public void AnOptimizerOverOtherParametersDoesNotFit()
    {
        string path = scratch.File("run.ckpt");
        var run = new CheckpointTrainingRun("sgd", initSeed: 1, generatorSeed: 2);
        run.TrainEpoch();
        Checkpoint.Save(path, run.Model, run.Optimizer, null, epoch: 1, step: run.Step, generator: null);
        var model = run.Model;
        var partial = new SGD(model.Parameters().Take(2), lr: 0.1, momentum: 0.9);

        var error = Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, model, partial));

        Assert.Contains("the optimizer state in", error.Message);
        Assert.Contains("does not fit", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void AModelThatDoesNotFitIsNamedWithTheFile()
    {
        string path = scratch.File("run.ckpt");
        Checkpoint.Save(path, new Sequential(new Linear(4, 3)), null, null, epoch: 1, step: 1, generator: null);

        var error = Assert.Throws<StateDictMismatchException>(() => Checkpoint.Load(path, new Sequential(new Linear(4, 2))));

        Assert.Contains($"from checkpoint '{path}'", error.Message);
        Assert.Contains("0.weight", error.Message);
    }

    [Fact]
    public void AModelFileIsNotACheckpoint()
    {
        string path = scratch.File("model.safetensors");
        Myelin.IO.Model.Save(new Linear(2, 2), path);

        var error = Assert.Throws<ModelFormatException>(() => Checkpoint.Load(path, new Linear(2, 2)));

        Assert.Contains("not a Myelin checkpoint", error.Message);
        Assert.Contains("Model.Load", error.Message);
        Assert.Throws<ModelFormatException>(() => Checkpoint.ReadInfo(path));
    }

    [Theory]
    [InlineData("myelin.checkpoint", "2", "format version \"2\"")]
    [InlineData("myelin.epoch", "-1", "\"myelin.epoch\" must be an integer from 0 to 2147483647, got \"-1\"")]
    [InlineData("myelin.epoch", "3000000000", "\"myelin.epoch\" must be an integer")]
    [InlineData("myelin.step", "ten", "\"myelin.step\" must be an integer")]
    [InlineData("myelin.step", null, "no \"myelin.step\" entry")]
    [InlineData("myelin.generator", "1,2,3", "must hold 6 hexadecimal 64-bit words")]
    [InlineData("myelin.generator", "0,0,0,0,0,0", "all-zero generator state")]
    [InlineData("myelin.generator", "1,2,3,4,5,zz", "must hold 6 hexadecimal 64-bit words")]
    public void MalformedMetadataIsNamed(string key, string? value, string expected)
    {
        string path = scratch.File("broken.ckpt");
        var model = new Linear(2, 2);
        var metadata = new Dictionary<string, string>
        {
            ["myelin.checkpoint"] = "1", ["myelin.epoch"] = "1", ["myelin.step"] = "1", ["myelin.generator"] = "1,2,3,4,0,0",
        };
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;
        SafeTensors.Save(path, model.StateDict().ToDictionary(e => "model." + e.Key, e => e.Value), metadata);

        var error = Assert.Throws<ModelFormatException>(() => Checkpoint.Load(path, model, generator: new Generator(1)));

        Assert.Contains(expected, error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void ATensorOutsideThePartsIsRejected()
    {
        string path = scratch.File("odd.ckpt");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["weights"] = Tensor.Zeros(2) },
            new Dictionary<string, string> { ["myelin.checkpoint"] = "1", ["myelin.epoch"] = "0", ["myelin.step"] = "0" });

        var error = Assert.Throws<ModelFormatException>(() => Checkpoint.Load(path, new Identity()));

        Assert.Contains("'weights' belongs to no part of a checkpoint", error.Message);
    }

    [Fact]
    public void BadArgumentsToSaveAreRejectedBeforeAnythingIsWritten()
    {
        string path = scratch.File("run.ckpt");
        var model = new Linear(2, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => Checkpoint.Save(path, model, null, null, epoch: -1, step: 0, generator: null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Checkpoint.Save(path, model, null, null, epoch: 0, step: -5, generator: null));
        var reserved = Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, model, null, null, 0, 0, null,
            new Dictionary<string, string> { ["myelin.epoch"] = "9" }));

        Assert.Contains("reserved", reserved.Message);
        Assert.Empty(scratch.Entries());
    }
}
