using System.Text.Json;
namespace Myelin.Tests.Sequence;

/// <summary>One case of Fixtures/Sequence/layers.json: a layer with fixed state, inputs, and PyTorch's results.</summary>
public sealed class SequenceCase
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required JsonElement Config { get; init; }
    public required Dictionary<string, Tensor> State { get; init; }
    public required Dictionary<string, Tensor> Inputs { get; init; }
    public required Dictionary<string, Tensor> Masks { get; init; }
    public required Dictionary<string, Tensor> Outputs { get; init; }
    public required Dictionary<string, Tensor> Upstream { get; init; }
    public required Dictionary<string, Tensor> InputGrads { get; init; }
    public required Dictionary<string, Tensor> ParamGrads { get; init; }

    public int Int(string key, int fallback = 0) => Config.TryGetProperty(key, out var v) ? v.GetInt32() : fallback;
    public bool Bool(string key, bool fallback = false) => Config.TryGetProperty(key, out var v) ? v.GetBoolean() : fallback;
    public string Text(string key, string fallback = "") => Config.TryGetProperty(key, out var v) ? v.GetString()! : fallback;
    public Tensor? Mask(string key) => Masks.GetValueOrDefault(key);

    public override string ToString() => Name;
}

/// <summary>Reads the fixtures written by tools/make_sequence_fixtures.py.</summary>
public static class SequenceFixtures
{
    static readonly Lazy<(Dictionary<string, SequenceCase> Cases, Tensor PositionalEncoding)> file = new(Load);

    public static IReadOnlyDictionary<string, SequenceCase> Cases => file.Value.Cases;

    public static Tensor PositionalEncoding => file.Value.PositionalEncoding;

    public static IEnumerable<object[]> Names(params string[] kinds) =>
        Cases.Values.Where(c => kinds.Contains(c.Kind)).Select(c => new object[] { c.Name });

    static (Dictionary<string, SequenceCase>, Tensor) Load()
    {
        var root = FixtureReader.Load("Sequence", "layers.json");
        var cases = FixtureReader.Cases(root, (name, c) => new SequenceCase
        {
            Name = name,
            Kind = c.GetProperty("kind").GetString()!,
            Config = c.GetProperty("config"),
            State = DecodeOptional(c, "state"),
            Inputs = DecodeOptional(c, "inputs"),
            Masks = DecodeOptional(c, "masks"),
            Outputs = DecodeOptional(c, "outputs"),
            Upstream = DecodeOptional(c, "upstream"),
            InputGrads = DecodeOptional(c, "input_grads"),
            ParamGrads = DecodeOptional(c, "param_grads"),
        });
        return (cases, FixtureReader.Decode(root.GetProperty("positional_encoding")));
    }

    // Cases leave out what their kind does not have (masks, upstream gradients).
    static Dictionary<string, Tensor> DecodeOptional(JsonElement c, string property) =>
        c.TryGetProperty(property, out var e) ? FixtureReader.DecodeDictionary(e) : [];
}
