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
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sequence", "layers.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new Dictionary<string, SequenceCase>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            cases[name] = new SequenceCase
            {
                Name = name,
                Kind = c.GetProperty("kind").GetString()!,
                Config = c.GetProperty("config").Clone(),
                State = Decode(c, "state"),
                Inputs = Decode(c, "inputs"),
                Masks = Decode(c, "masks"),
                Outputs = Decode(c, "outputs"),
                Upstream = Decode(c, "upstream"),
                InputGrads = Decode(c, "input_grads"),
                ParamGrads = Decode(c, "param_grads"),
            };
        }
        return (cases, Decode(doc.RootElement.GetProperty("positional_encoding")));
    }

    static Dictionary<string, Tensor> Decode(JsonElement c, string property) =>
        c.TryGetProperty(property, out var e) ? e.EnumerateObject().ToDictionary(p => p.Name, p => Decode(p.Value)) : [];

    public static Tensor Decode(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray();
        // FromArray with an empty shape gives a 1-D tensor; the Reshape restores 0-d values.
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => Tensor.FromArray(data.Select(x => (float)x.GetDouble()).ToArray(), shape).Reshape(shape),
            "float64" => Tensor.FromArray(data.Select(x => x.GetDouble()).ToArray(), shape).Reshape(shape),
            "int64" => Tensor.FromArray(data.Select(x => x.GetInt64()).ToArray(), shape).Reshape(shape),
            "bool" => Tensor.FromArray(data.Select(x => x.GetBoolean()).ToArray(), shape).Reshape(shape),
            var other => throw new InvalidDataException($"Sequence fixtures: unknown dtype {other}"),
        };
    }
}
