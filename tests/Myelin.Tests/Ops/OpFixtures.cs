using System.Text.Json;

namespace Myelin.Tests.Ops;

/// <summary>One row of Fixtures/ops.json: inputs, attributes and PyTorch's outputs and gradients.</summary>
public sealed class OpCase
{
    public required string Name { get; init; }
    public required string Op { get; init; }
    public required JsonElement Attrs { get; init; }
    public required Tensor[] Inputs { get; init; }
    public required bool[] RequiresGrad { get; init; }
    public required Tensor Output { get; init; }
    public Tensor? GradOutput { get; init; }
    public Tensor?[]? Grads { get; init; }
}

public static class OpFixtures
{
    static readonly Lazy<Dictionary<string, OpCase>> cases = new(Load);

    public static IReadOnlyDictionary<string, OpCase> Cases => cases.Value;

    public static IEnumerable<object[]> Names() => Cases.Keys.Select(n => new object[] { n });

    static Dictionary<string, OpCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ops.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new Dictionary<string, OpCase>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var inputs = c.GetProperty("inputs").EnumerateArray().ToArray();
            var grads = c.TryGetProperty("grads", out var g)
                ? g.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : Decode(e)).ToArray()
                : null;
            var name = c.GetProperty("name").GetString()!;
            result[name] = new OpCase
            {
                Name = name,
                Op = c.GetProperty("op").GetString()!,
                Attrs = c.GetProperty("attrs").Clone(),
                Inputs = inputs.Select(Decode).ToArray(),
                RequiresGrad = inputs.Select(e => e.GetProperty("requires_grad").GetBoolean()).ToArray(),
                Output = Decode(c.GetProperty("output")),
                GradOutput = c.TryGetProperty("grad_output", out var go) ? Decode(go) : null,
                Grads = grads,
            };
        }
        return result;
    }

    public static Tensor Decode(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var data = e.GetProperty("data");
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => Tensor.FromArray(data.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray(), shape).Reshape(shape),
            "float64" => Tensor.FromArray(data.EnumerateArray().Select(x => x.GetDouble()).ToArray(), shape).Reshape(shape),
            "int64" => Tensor.FromArray(data.EnumerateArray().Select(x => x.GetInt64()).ToArray(), shape).Reshape(shape),
            var other => throw new InvalidDataException($"ops.json: unknown dtype {other}"),
        };
    }
}
