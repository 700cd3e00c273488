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

    public static JsonElement Model()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("model.json")));
        return doc.RootElement.GetProperty("model").Clone();
    }

    static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "NN", file);

    static Dictionary<string, LayerCase> LoadLayers()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("layers.json")));
        var result = new Dictionary<string, LayerCase>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            result[name] = new LayerCase
            {
                Name = name,
                Layer = c.GetProperty("layer").GetString()!,
                Config = c.GetProperty("config").Clone(),
                Training = c.GetProperty("mode").GetString() == "train",
                State = DecodeDictionary(c.GetProperty("state")),
                Input = Decode(c.GetProperty("input")),
                Output = Decode(c.GetProperty("output")),
                GradOutput = Decode(c.GetProperty("grad_output")),
                InputGrad = Decode(c.GetProperty("input_grad")),
                ParamGrads = DecodeDictionary(c.GetProperty("param_grads")),
                StateAfter = DecodeDictionary(c.GetProperty("state_after")),
            };
        }
        return result;
    }

    public static Dictionary<string, Tensor> DecodeDictionary(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => Decode(p.Value));

    public static Tensor Decode(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data");
        // FromArray with an empty shape gives a 1-D tensor; the Reshape restores 0-d values.
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => Tensor.FromArray(data.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray(), shape).Reshape(shape),
            "float64" => Tensor.FromArray(data.EnumerateArray().Select(x => x.GetDouble()).ToArray(), shape).Reshape(shape),
            "int64" => Tensor.FromArray(data.EnumerateArray().Select(x => x.GetInt64()).ToArray(), shape).Reshape(shape),
            var other => throw new InvalidDataException($"NN fixtures: unknown dtype {other}"),
        };
    }
}
