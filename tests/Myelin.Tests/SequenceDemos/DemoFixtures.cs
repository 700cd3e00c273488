using System.Text.Json;

namespace Myelin.Tests.SequenceDemos;

/// <summary>One case of Fixtures/SequenceDemos/models.json: a model with fixed state, its inputs, and PyTorch's results.</summary>
public sealed class DemoFixtureCase
{
    public required string Name { get; init; }
    public required JsonElement Config { get; init; }
    public required Dictionary<string, Tensor> State { get; init; }
    public required Dictionary<string, Tensor> Inputs { get; init; }
    public required Dictionary<string, Tensor> Outputs { get; init; }
    public required Dictionary<string, Tensor> InputGrads { get; init; }
    public required Dictionary<string, Tensor> ParamGrads { get; init; }

    public int Int(string key) => Config.GetProperty(key).GetInt32();
    public string Text(string key) => Config.GetProperty(key).GetString()!;

    public override string ToString() => Name;
}

/// <summary>Reads the fixtures written by tools/make_sequence_demo_fixtures.py.</summary>
public static class DemoFixtures
{
    static readonly Lazy<Dictionary<string, DemoFixtureCase>> cases = new(Load);

    public static DemoFixtureCase Get(string name) => cases.Value[name];

    public static IEnumerable<string> Names => cases.Value.Keys;

    static Dictionary<string, DemoFixtureCase> Load() =>
        FixtureReader.Cases(FixtureReader.Load("SequenceDemos", "models.json"), (name, c) => new DemoFixtureCase
        {
            Name = name,
            Config = c.GetProperty("config"),
            State = FixtureReader.DecodeDictionary(c.GetProperty("state")),
            Inputs = FixtureReader.DecodeDictionary(c.GetProperty("inputs")),
            Outputs = FixtureReader.DecodeDictionary(c.GetProperty("outputs")),
            InputGrads = FixtureReader.DecodeDictionary(c.GetProperty("input_grads")),
            ParamGrads = FixtureReader.DecodeDictionary(c.GetProperty("param_grads")),
        });
}
