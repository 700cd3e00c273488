using System.Text.Json;
using Myelin.NN;

namespace Myelin.Tests.NN;

/// <summary>
/// Each layer against PyTorch (Fixtures/NN/layers.json): the layer is built with the same settings,
/// its state loaded by PyTorch's key names, then the output, the input and parameter gradients and the
/// buffers after the step (running statistics) are compared in Float32.
/// </summary>
public class LayerFixtureTests
{
    public static IEnumerable<object[]> Cases() => NNFixtures.LayerNames();

    /// <summary>Builds the Myelin layer that matches a fixture's "layer" and "config".</summary>
    public static Module Build(string layer, JsonElement config, DType dtype = DType.Float32)
    {
        double Number(string key, double fallback) => config.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        bool Flag(string key, bool fallback) => config.TryGetProperty(key, out var v) ? v.GetBoolean() : fallback;
        return layer switch
        {
            "Linear" => new Linear(config.GetProperty("in").GetInt32(), config.GetProperty("out").GetInt32(), Flag("bias", true), dtype: dtype),
            "BatchNorm1d" => new BatchNorm1d(config.GetProperty("features").GetInt32(),
                momentum: config.TryGetProperty("momentum", out var m) ? (m.ValueKind == JsonValueKind.Null ? null : m.GetDouble()) : 0.1,
                affine: Flag("affine", true), trackRunningStats: Flag("track_running_stats", true), dtype: dtype),
            "LayerNorm" => new LayerNorm(config.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                eps: Number("eps", 1e-5), elementwiseAffine: Flag("affine", true), dtype: dtype),
            "Sigmoid" => new Sigmoid(),
            "Tanh" => new Tanh(),
            "ReLU" => new ReLU(),
            "LeakyReLU" => new LeakyReLU(Number("slope", 0.01)),
            "ELU" => new ELU(Number("alpha", 1)),
            "GELU" => new GELU(config.GetProperty("approximate").GetString()!),
            "SiLU" => new SiLU(),
            "Softplus" => new Softplus(Number("beta", 1), Number("threshold", 20)),
            "Softmax" => new Softmax(config.GetProperty("dim").GetInt32()),
            "LogSoftmax" => new LogSoftmax(config.GetProperty("dim").GetInt32()),
            "Identity" => new Identity(),
            "Flatten" => new Flatten(config.GetProperty("start").GetInt32(), config.GetProperty("end").GetInt32()),
            _ => throw new InvalidDataException($"no factory for layer {layer}"),
        };
    }

    static Module BuildLoaded(LayerFixtureCase c) => LayerFixtureAssert.Loaded(Build(c.Layer, c.Config), c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = NNFixtures.Layers[name];
        LayerFixtureAssert.ForwardMatches(BuildLoaded(c), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = NNFixtures.Layers[name];
        LayerFixtureAssert.GradientsMatch(BuildLoaded(c), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuffersAfterOneStepMatchPyTorch(string name)
    {
        var c = NNFixtures.Layers[name];
        LayerFixtureAssert.StateAfterOneStepMatches(BuildLoaded(c), c);
    }
}
