using System.Text.Json;
using Myelin.Tests.Sequence;

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

    static Dictionary<string, DemoFixtureCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "SequenceDemos", "models.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new Dictionary<string, DemoFixtureCase>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            result[name] = new DemoFixtureCase
            {
                Name = name,
                Config = c.GetProperty("config").Clone(),
                State = Decode(c, "state"),
                Inputs = Decode(c, "inputs"),
                Outputs = Decode(c, "outputs"),
                InputGrads = Decode(c, "input_grads"),
                ParamGrads = Decode(c, "param_grads"),
            };
        }
        return result;
    }

    static Dictionary<string, Tensor> Decode(JsonElement c, string property) =>
        c.GetProperty(property).EnumerateObject().ToDictionary(p => p.Name, p => SequenceFixtures.Decode(p.Value));
}
