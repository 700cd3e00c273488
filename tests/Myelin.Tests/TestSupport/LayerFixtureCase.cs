using System.Text.Json;

namespace Myelin.Tests;

/// <summary>
/// One case of a layer fixture (Fixtures/NN/layers.json, Fixtures/Conv/layers.json): a layer with fixed state,
/// an input, and PyTorch's output, gradients and state after one forward step.
/// </summary>
public sealed class LayerFixtureCase
{
    public required string Name { get; init; }
    public required string Layer { get; init; }
    public required JsonElement Config { get; init; }
    public required bool Training { get; init; }
    /// <summary>PyTorch's printed form of the layer, where the fixture records it.</summary>
    public string? Repr { get; init; }
    public required Dictionary<string, Tensor> State { get; init; }
    public required Tensor Input { get; init; }
    public required Tensor Output { get; init; }
    public required Tensor GradOutput { get; init; }
    public required Tensor InputGrad { get; init; }
    public required Dictionary<string, Tensor> ParamGrads { get; init; }
    public required Dictionary<string, Tensor> StateAfter { get; init; }

    public override string ToString() => Name;

    /// <summary>The cases of a layer fixture file, by name.</summary>
    public static Dictionary<string, LayerFixtureCase> Load(params string[] pathBelowFixtures) =>
        FixtureReader.Cases(FixtureReader.Load(pathBelowFixtures), (name, c) => new LayerFixtureCase
        {
            Name = name,
            Layer = c.GetProperty("layer").GetString()!,
            Config = c.GetProperty("config"),
            Training = c.GetProperty("mode").GetString() == "train",
            Repr = c.TryGetProperty("repr", out var repr) ? repr.GetString() : null,
            State = FixtureReader.DecodeDictionary(c.GetProperty("state")),
            Input = FixtureReader.Decode(c.GetProperty("input")),
            Output = FixtureReader.Decode(c.GetProperty("output")),
            GradOutput = FixtureReader.Decode(c.GetProperty("grad_output")),
            InputGrad = FixtureReader.Decode(c.GetProperty("input_grad")),
            ParamGrads = FixtureReader.DecodeDictionary(c.GetProperty("param_grads")),
            StateAfter = FixtureReader.DecodeDictionary(c.GetProperty("state_after")),
        });
}
