using System.Text.Json;
using Myelin.IO;
using Myelin.NN;
using Myelin.Tests.NN;
using ModelFile = Myelin.IO.Model;

namespace Myelin.Tests.IO.Model;

/// <summary>
/// Interoperability with PyTorch, from the fixtures of tools/make_model_file_fixtures.py: a state dict
/// saved by PyTorch loads into the model its description builds, and gives PyTorch's outputs and gradients.
/// </summary>
public class ModelTorchFixtureTests : IDisposable
{
    static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "IO");
    static readonly string WeightsPath = Path.Combine(FixtureDirectory, "torch_sequential.safetensors");

    readonly ScratchDirectory scratch = new();
    readonly JsonElement fixture;

    public ModelTorchFixtureTests()
    {
        fixture = FixtureReader.Load("IO", "torch_sequential.json");
    }

    public void Dispose() => scratch.Dispose();

    static Tensor Decode(JsonElement e) => FixtureReader.Decode(e, DType.Float32);

    /// <summary>The model built from the fixture's description, with PyTorch's weights, in evaluation mode.</summary>
    Module TorchModel()
    {
        var model = ModelDescription.FromJson(fixture.GetProperty("description").GetRawText()).Build();
        model.LoadWeights(WeightsPath);
        model.Eval();
        return model;
    }

    [Fact]
    public void TheDescriptionBuildsPyTorchsArchitectureWithItsKeys()
    {
        var model = ModelDescription.FromJson(fixture.GetProperty("description").GetRawText()).Build();

        // Myelin's Dropout has no in-place option, so it does not print one.
        string expected = fixture.GetProperty("repr").GetString()!.Replace(", inplace=False", "");
        Assert.Equal(expected, model.ToString());
        Assert.Equal(fixture.GetProperty("keys").EnumerateArray().Select(k => k.GetString()), model.StateDict().Keys);
    }

    [Fact]
    public void PyTorchWeightsGivePyTorchsOutputsAndGradients()
    {
        var model = TorchModel();
        var input = Decode(fixture.GetProperty("input")).RequireGrad();

        var output = model.Forward(input);
        output.Backward(Decode(fixture.GetProperty("upstream")));

        TensorAssert.Close(Decode(fixture.GetProperty("output")), output, rtol: 1e-5, atol: 1e-6, "output");
        TensorAssert.Close(Decode(fixture.GetProperty("input_grad")), input.Grad, rtol: 1e-4, atol: 1e-5, "input gradient");
        var parameters = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var entry in fixture.GetProperty("parameter_grads").EnumerateObject())
            TensorAssert.Close(Decode(entry.Value), parameters[entry.Name].Grad, rtol: 1e-4, atol: 1e-5, $"gradient of {entry.Name}");
    }

    [Fact]
    public void APyTorchStateDictFileCannotBeLoadedWithoutItsArchitecture()
    {
        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(WeightsPath));

        Assert.Contains("torch_sequential.safetensors: the file holds weights but no model description", error.Message);
        Assert.Contains("model.LoadWeights(path)", error.Message);
    }

    [Fact]
    public void AModelWithPyTorchWeightsSavesAndLoadsAsAMyelinModelFile()
    {
        var model = TorchModel();
        var input = Decode(fixture.GetProperty("input"));
        string path = scratch.File("converted.safetensors");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        ModelTestModels.AssertSameState(model, loaded);
        ModelTestModels.AssertBitwiseEqual(model.Forward(input), loaded.Forward(input), "output");
        Assert.Equal(SafeTensors.Load(WeightsPath).Keys, SafeTensors.Load(path).Keys);
    }
}
