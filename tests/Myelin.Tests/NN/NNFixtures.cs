using System.Text.Json;

namespace Myelin.Tests.NN;

/// <summary>One case of Fixtures/NN/layers.json: a layer with fixed state, an input, and PyTorch's results.</summary>
public sealed class LayerCase
{
    public required string Name { get; init; }
    public required string Layer { get; init; }
    public required JsonElement Config { get; init; }
    public required bool Training { get; init; }
    public required Dictionary<string, Tensor> State { get; init; }
    public required Tensor Input { get; init; }
    public required Tensor Output { get; init; }
    public required Tensor GradOutput { get; init; }
    public required Tensor InputGrad { get; init; }
    public required Dictionary<string, Tensor> ParamGrads { get; init; }
    public required Dictionary<string, Tensor> StateAfter { get; init; }

    public override string ToString() => Name;
}

/// <summary>Reads the fixtures written by tools/make_nn_fixtures.py.</summary>
public static class NNFixtures
{
    static readonly Lazy<Dictionary<string, LayerCase>> layers = new(LoadLayers);

    public static IReadOnlyDictionary<string, LayerCase> Layers => layers.Value;

    public static IEnumerable<object[]> LayerNames() => Layers.Keys.Select(n => new object[] { n });

    public static JsonElement Model() => FixtureReader.Load("NN", "model.json").GetProperty("model");

    static Dictionary<string, LayerCase> LoadLayers() =>
        FixtureReader.Cases(FixtureReader.Load("NN", "layers.json"), (name, c) => new LayerCase
        {
            Name = name,
            Layer = c.GetProperty("layer").GetString()!,
            Config = c.GetProperty("config"),
            Training = c.GetProperty("mode").GetString() == "train",
            State = FixtureReader.DecodeDictionary(c.GetProperty("state")),
            Input = FixtureReader.Decode(c.GetProperty("input")),
            Output = FixtureReader.Decode(c.GetProperty("output")),
            GradOutput = FixtureReader.Decode(c.GetProperty("grad_output")),
            InputGrad = FixtureReader.Decode(c.GetProperty("input_grad")),
            ParamGrads = FixtureReader.DecodeDictionary(c.GetProperty("param_grads")),
            StateAfter = FixtureReader.DecodeDictionary(c.GetProperty("state_after")),
        });
}
