using Myelin.IO;
using Myelin.NN;
using ModelFile = Myelin.IO.Model;

namespace Myelin.Tests.IO.Model;

public class ModelFileTests : IDisposable
{
    readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    static Sequential TrainedModel(ulong seed, DType dtype = DType.Float32) =>
        ModelTestModels.Randomize(ModelTestModels.EveryLayer(new Generator(seed), dtype, includeStep: false),
            ModelTestModels.InputShape(6), new Generator(seed + 100));

    [Fact]
    public void SaveThenLoadGivesTheSameModelAndOutputsBitForBit()
    {
        var model = TrainedModel(1);
        var input = Tensor.Randn(ModelTestModels.InputShape(5), new Generator(3));
        model.Eval();
        var expected = model.Forward(input);
        string path = scratch.File("model.safetensors");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        Assert.Equal(model.ToString(), loaded.ToString());
        ModelTestModels.AssertSameState(model, loaded);
        ModelTestModels.AssertBitwiseEqual(expected, loaded.Forward(input), "output");
    }

    [Fact]
    public void ALoadedModelIsInEvaluationMode()
    {
        string path = scratch.File("model.safetensors");
        ModelFile.Save(TrainedModel(2).Train(), path);

        var loaded = ModelFile.Load(path);

        Assert.All(loaded.Modules(), m => Assert.False(m.IsTraining));
        // Dropout is off and batch norm uses running statistics: two passes agree.
        var input = Tensor.Randn(ModelTestModels.InputShape(4), new Generator(4));
        ModelTestModels.AssertBitwiseEqual(loaded.Forward(input), loaded.Forward(input), "second pass");
    }

    [Fact]
    public void AFloat64ModelStaysFloat64AndPassesAGradientCheck()
    {
        var model = TrainedModel(5, DType.Float64);
        string path = scratch.File("model64.safetensors");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        ModelTestModels.AssertSameState(model, loaded);
        var input = Tensor.Randn(ModelTestModels.InputShape(3), new Generator(6), DType.Float64);
        GradCheck.Assert(inputs => loaded.Forward(inputs[0]).Sum(), [input.RequireGrad()]);
    }

    [Fact]
    public void TheFileIsSafetensorsWithStateDictKeysAndTheDescriptionInItsMetadata()
    {
        var model = TrainedModel(7);
        string path = scratch.File("model.safetensors");

        ModelFile.Save(model, path);
        var file = SafeTensors.Read(path);

        Assert.Equal(model.StateDict().Keys, file.Tensors.Keys);
        Assert.Equal(ModelDescription.FromModule(model).ToJson(), file.Metadata[ModelFile.DescriptionKey]);
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void UserMetadataComesBackWithoutTheLibrarysEntries()
    {
        string path = scratch.File("model.safetensors");
        var metadata = new Dictionary<string, string>
        {
            ["classes"] = "setosa,versicolor,virginica",
            ["scaler"] = """{"mean":[5.8,3.0],"std":[0.8,0.4]}""",
            ["task"] = "classification",
        };

        ModelFile.Save(new Sequential(new Linear(2, 3), new Softmax(1)), path, metadata);
        var read = ModelFile.LoadMetadata(path);

        Assert.Equal(metadata["classes"], read["classes"]);
        Assert.Equal(metadata["scaler"], read["scaler"]);
        Assert.Equal("classification", read["task"]);
        Assert.Equal("pt", read["format"]);
        Assert.DoesNotContain(read.Keys, k => k.StartsWith("myelin.", StringComparison.Ordinal));
    }

    [Fact]
    public void UserMetadataMayReplaceTheFormatEntry()
    {
        string path = scratch.File("model.safetensors");

        ModelFile.Save(new Linear(2, 2), path, new Dictionary<string, string> { ["format"] = "myelin" });

        Assert.Equal("myelin", ModelFile.LoadMetadata(path)["format"]);
    }

    [Fact]
    public void LoadDescriptionReadsTheArchitectureAlone()
    {
        var model = TrainedModel(8);
        string path = scratch.File("model.safetensors");
        ModelFile.Save(model, path);

        var description = ModelFile.LoadDescription(path);

        Assert.Equal(ModelDescription.FromModule(model).ToJson(), description.ToJson());
    }

    [Fact]
    public void AReservedMetadataKeyIsRejectedBeforeAnythingIsWritten()
    {
        string path = scratch.File("model.safetensors");

        var error = Assert.Throws<ArgumentException>(() =>
            ModelFile.Save(new Linear(2, 2), path, new Dictionary<string, string> { ["myelin.model"] = "{}" }));

        Assert.Contains("'myelin.model'", error.Message);
        Assert.Contains("reserved", error.Message);
        Assert.Empty(scratch.Entries());
    }

    [Fact]
    public void SavingAnUndescribableModelFailsAndLeavesThePreviousFileWhole()
    {
        string path = scratch.File("model.safetensors");
        var good = TrainedModel(9);
        ModelFile.Save(good, path);

        var error = Assert.Throws<NotSupportedException>(() => ModelFile.Save(new Sequential(new Linear(6, 6), new Doubler()), path));

        Assert.Contains("Doubler", error.Message);
        ModelTestModels.AssertSameState(good, ModelFile.Load(path));
        Assert.Equal(["model.safetensors"], scratch.Entries());
    }

    [Fact]
    public void AStateDictFileWithoutADescriptionGivesAClearError()
    {
        string path = scratch.File("weights.safetensors");
        SafeTensors.Save(path, new Linear(3, 2).StateDict(), new Dictionary<string, string> { ["format"] = "pt" });

        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains("no model description", error.Message);
        Assert.Contains("Build the architecture in code", error.Message);
        Assert.Contains("LoadWeights", error.Message);
        Assert.Equal(path, error.FilePath);
        Assert.Throws<ModelFormatException>(() => ModelFile.LoadDescription(path));
    }

    [Fact]
    public void ACheckpointIsNotAModelFile()
    {
        string path = scratch.File("run.ckpt");
        Checkpoint.Save(path, new Linear(2, 2), null, null, epoch: 1, step: 10, generator: null);

        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));

        Assert.Contains("training checkpoint", error.Message);
        Assert.Contains("Checkpoint.Load", error.Message);
    }

    [Fact]
    public void AnInvalidDescriptionInAFileNamesTheFileAndThePlace()
    {
        string path = scratch.File("broken.safetensors");
        const string description = """{"format":"myelin-model","version":1,"model":{"type":"Sequential","layers":[{"type":"Lineer"}]}}""";
        SafeTensors.Save(path, new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["myelin.model"] = description });

        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));

        Assert.StartsWith($"{path}: model.layers[0]: unknown layer type \"Lineer\"", error.Message);
        Assert.Equal(path, error.FilePath);
        Assert.Equal("model.layers[0]", error.JsonPath);
    }

    [Fact]
    public void WeightsThatDoNotFitTheDescriptionAreNamed()
    {
        string path = scratch.File("mismatch.safetensors");
        var description = ModelDescription.FromModule(new Sequential(new Linear(4, 3)));
        SafeTensors.Save(path, new Sequential(new Linear(4, 2)).StateDict(),
            new Dictionary<string, string> { ["myelin.model"] = description.ToJson() });

        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));

        Assert.Contains("do not fit the model description", error.Message);
        Assert.Contains("0.weight", error.Message);
        Assert.Contains("[2, 4]", error.Message);
        Assert.IsType<StateDictMismatchException>(error.InnerException);
    }

    [Fact]
    public void MissingWeightsAreAnErrorNotLeftAtTheirInitialValues()
    {
        string path = scratch.File("partial.safetensors");
        var model = new Sequential(new Linear(4, 3));
        var state = model.StateDict();
        state.Remove("0.bias");
        SafeTensors.Save(path, state, new Dictionary<string, string> { ["myelin.model"] = ModelDescription.FromModule(model).ToJson() });

        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));

        Assert.Contains("Missing key(s): \"0.bias\"", error.Message);
    }

    [Fact]
    public void ACorruptFileIsASafetensorsError()
    {
        string path = scratch.File("corrupt.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Throws<SafeTensorsFormatException>(() => ModelFile.Load(path));
    }

    [Fact]
    public void ModuleSaveWritesADescriptionWhenTheModelHasOne()
    {
        var model = TrainedModel(10);
        string path = scratch.File("model.safetensors");

        model.Save(path, new Dictionary<string, string> { ["task"] = "regression" });
        var loaded = ModelFile.Load(path);

        ModelTestModels.AssertSameState(model, loaded);
        Assert.Equal("regression", ModelFile.LoadMetadata(path)["task"]);
    }

    [Fact]
    public void ModuleSaveWritesWeightsAloneForACustomModuleAndLoadWeightsRestoresThem()
    {
        var model = new Sequential(new Linear(3, 3, generator: new Generator(1)), new Doubler());
        string path = scratch.File("custom.safetensors");

        model.Save(path);
        var copy = new Sequential(new Linear(3, 3, generator: new Generator(2)), new Doubler());
        var result = copy.LoadWeights(path);

        Assert.True(result.IsExactMatch);
        ModelTestModels.AssertSameState(model, copy);
        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));
        Assert.Contains("no model description", error.Message);
    }

    [Fact]
    public void LoadWeightsLeavesTheModeAsItWas()
    {
        string path = scratch.File("model.safetensors");
        ModelFile.Save(TrainedModel(11), path);
        var model = ModelTestModels.EveryLayer(new Generator(12), includeStep: false);

        model.LoadWeights(path);

        Assert.True(model.IsTraining);
    }

    [Fact]
    public void LoadWeightsIsStrictByDefaultAndNamesTheFile()
    {
        string path = scratch.File("model.safetensors");
        ModelFile.Save(new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2)), path);
        var smaller = new Sequential(new Linear(4, 3));

        var error = Assert.Throws<StateDictMismatchException>(() => smaller.LoadWeights(path));
        var lenient = smaller.LoadWeights(path, strict: false);

        Assert.Contains(path, error.Message);
        Assert.Equal(["2.weight", "2.bias"], error.UnexpectedKeys);
        Assert.Equal(["2.weight", "2.bias"], lenient.UnexpectedKeys);
        Assert.Empty(lenient.MissingKeys);
    }

    [Fact]
    public void LoadWeightsReadsTheModelPartOfACheckpoint()
    {
        var model = TrainedModel(13);
        string path = scratch.File("run.ckpt");
        Checkpoint.Save(path, model, null, null, epoch: 3, step: 30, generator: new Generator(1));
        var copy = ModelTestModels.EveryLayer(new Generator(14), includeStep: false);

        copy.LoadWeights(path);

        ModelTestModels.AssertSameState(model, copy);
    }
}
