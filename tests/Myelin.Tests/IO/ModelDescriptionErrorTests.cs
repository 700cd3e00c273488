using Myelin.IO;

namespace Myelin.Tests.IO.Model;

/// <summary>Malformed descriptions give a <see cref="ModelFormatException"/> that names the fault and where it is.</summary>
public class ModelDescriptionErrorTests
{
    /// <summary>A valid header around <paramref name="model"/>, the JSON of the root layer.</summary>
    static string Wrap(string model) => $$"""{"format": "myelin-model", "version": 1, "model": {{model}}}""";

    static string Layers(params string[] layers) => Wrap($$"""{"type": "Sequential", "layers": [{{string.Join(", ", layers)}}]}""");

    static ModelFormatException Fails(string json) =>
        Assert.Throws<ModelFormatException>(() => ModelDescription.FromJson(json).Build());

    [Theory]
    [InlineData("{\"format\": \"myelin-model\", ", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object, got an array")]
    [InlineData("{\"version\": 1, \"model\": {\"type\": \"ReLU\"}}", "\"format\" is missing (expected \"myelin-model\")")]
    [InlineData("{\"format\": \"onnx\", \"version\": 1, \"model\": {\"type\": \"ReLU\"}}", "format: not a model description: expected \"myelin-model\", got \"onnx\"")]
    [InlineData("{\"format\": \"myelin-model\", \"model\": {\"type\": \"ReLU\"}}", "\"version\" is missing")]
    [InlineData("{\"format\": \"myelin-model\", \"version\": \"1\", \"model\": {\"type\": \"ReLU\"}}", "version: expected a positive integer, got \"1\"")]
    [InlineData("{\"format\": \"myelin-model\", \"version\": 2, \"model\": {\"type\": \"ReLU\"}}", "version 2, but this version of Myelin reads version 1")]
    [InlineData("{\"format\": \"myelin-model\", \"version\": 1}", "the field \"model\" (the model's layers) is missing")]
    [InlineData("{\"format\": \"myelin-model\", \"version\": 1, \"model\": [ ]}", "model: expected a layer object, got an array")]
    [InlineData("{\"format\": \"myelin-model\", \"version\": 1, \"model\": {\"type\": \"ReLU\"}, \"weights\": 1}", "unknown field \"weights\"")]
    [InlineData("{\"format\": \"myelin-model\", \"format\": \"myelin-model\", \"version\": 1, \"model\": {\"type\": \"ReLU\"}}", "\"format\" is given more than once")]
    public void AMalformedHeaderIsRejectedByFromJson(string json, string expected)
    {
        var error = Assert.Throws<ModelFormatException>(() => ModelDescription.FromJson(json));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AnUnknownLayerTypeIsNamedWithItsPathAndTheKnownTypes()
    {
        var error = Fails(Layers("""{"type": "ReLU"}""", """{"type": "Conv3d", "in_channels": 3}"""));

        Assert.StartsWith("model.layers[1]: unknown layer type \"Conv3d\"", error.Message);
        Assert.Contains("Linear", error.Message);
        Assert.Contains("ModelDescription.Register", error.Message);
        Assert.Equal("model.layers[1]", error.JsonPath);
        Assert.Null(error.FilePath);
    }

    [Fact]
    public void AMissingFieldIsNamedWithItsLayerAndPath()
    {
        var error = Fails(Layers("""{"type": "Linear", "out_features": 3, "bias": true}"""));

        Assert.Equal("model.layers[0]: Linear: missing field \"in_features\".", error.Message);
    }

    [Fact]
    public void AFaultDeepInNestedSequentialsHasItsFullPath()
    {
        var error = Fails(Layers("""{"type": "ReLU"}""",
            """{"type": "Sequential", "layers": [{"type": "Tanh"}, {"type": "Dropout"}]}"""));

        Assert.Equal("model.layers[1].layers[1]: Dropout: missing field \"p\".", error.Message);
    }

    [Theory]
    [InlineData("""{"type": "Linear", "in_features": "4", "out_features": 3, "bias": true}""", "Linear: field \"in_features\" must be an integer, got the string \"4\"")]
    [InlineData("""{"type": "Linear", "in_features": 4.5, "out_features": 3, "bias": true}""", "Linear: field \"in_features\" must be an integer, got the number 4.5")]
    [InlineData("""{"type": "Linear", "in_features": 4, "out_features": 3, "bias": 1}""", "Linear: field \"bias\" must be true or false, got the number 1")]
    [InlineData("""{"type": "Linear", "in_features": 4, "out_features": 3, "bias": true, "dtype": "float16"}""", "Linear: field \"dtype\" must be \"float32\" or \"float64\", got \"float16\"")]
    [InlineData("""{"type": "Dropout", "p": "half"}""", "Dropout: field \"p\" must be a number, got the string \"half\"")]
    [InlineData("""{"type": "BatchNorm1d", "num_features": 4, "eps": 1e-5, "momentum": [], "affine": true, "track_running_stats": true}""", "BatchNorm1d: field \"momentum\" must be a number, got an array")]
    [InlineData("""{"type": "LayerNorm", "normalized_shape": [4, "x"], "eps": 1e-5, "elementwise_affine": true}""", "LayerNorm: field \"normalized_shape\" must be an array of integers, but element 1 is the string \"x\"")]
    [InlineData("""{"type": "LayerNorm", "normalized_shape": 4, "eps": 1e-5, "elementwise_affine": true}""", "LayerNorm: field \"normalized_shape\" must be an array of integers, got the number 4")]
    [InlineData("""{"type": "GELU", "approximate": null}""", "GELU: field \"approximate\" must be a string, got null")]
    [InlineData("""{"type": "Sequential", "layers": {}}""", "Sequential: field \"layers\" must be an array of layers, got an object")]
    public void AFieldOfTheWrongKindIsNamed(string layer, string expected)
    {
        var error = Fails(Layers(layer));

        Assert.Equal($"model.layers[0]: {expected}.", error.Message);
    }

    [Fact]
    public void AnUnknownFieldIsNamedWithTheKnownOnes()
    {
        var error = Fails(Layers("""{"type": "Linear", "in_feature": 4, "in_features": 4, "out_features": 3, "bias": true}"""));

        Assert.StartsWith("model.layers[0]: Linear: unknown field \"in_feature\"", error.Message);
        Assert.Contains("\"in_features\", \"out_features\", \"bias\", \"dtype\"", error.Message);
    }

    [Fact]
    public void ASettingForALayerWithoutSettingsIsUnknown()
    {
        var error = Fails(Layers("""{"type": "ReLU", "inplace": false}"""));

        Assert.Equal("model.layers[0]: ReLU: unknown field \"inplace\"; ReLU has no settings.", error.Message);
    }

    [Fact]
    public void ARepeatedFieldIsRejected()
    {
        var error = Fails(Layers("""{"type": "Dropout", "p": 0.1, "p": 0.9}"""));

        Assert.Equal("model.layers[0]: Dropout: field \"p\" is given more than once.", error.Message);
    }

    [Theory]
    [InlineData("""1""", "model.layers[0]: expected a layer object with a \"type\" field, got a number.")]
    [InlineData("""{"in_features": 4}""", "model.layers[0]: the layer has no \"type\" field.")]
    [InlineData("""{"type": 7}""", "model.layers[0]: the layer's \"type\" must be a string, got 7.")]
    public void ALayerWithoutATypeIsRejected(string layer, string expected)
    {
        Assert.Equal(expected, Fails(Layers(layer)).Message);
    }

    [Theory]
    [InlineData("""{"type": "Linear", "in_features": -4, "out_features": 3, "bias": true}""", "in_features and out_features must be positive")]
    [InlineData("""{"type": "Dropout", "p": 1.5}""", "Dropout")]
    [InlineData("""{"type": "GELU", "approximate": "fast"}""", "approximate must be \"none\" or \"tanh\"")]
    [InlineData("""{"type": "Softplus", "beta": 0, "threshold": 20}""", "beta must be positive")]
    public void ASettingTheLayerRejectsIsReportedWithItsPath(string layer, string expected)
    {
        var error = Fails(Layers(layer));

        Assert.StartsWith("model.layers[0]: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.IsAssignableFrom<ArgumentException>(error.InnerException);
    }
}
