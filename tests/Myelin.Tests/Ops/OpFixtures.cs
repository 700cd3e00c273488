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

    static Dictionary<string, OpCase> Load() =>
        FixtureReader.Cases(FixtureReader.Load("ops.json"), (name, c) =>
        {
            var inputs = c.GetProperty("inputs").EnumerateArray().ToArray();
            var grads = c.TryGetProperty("grads", out var g)
                ? g.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : FixtureReader.Decode(e)).ToArray()
                : null;
            return new OpCase
            {
                Name = name,
                Op = c.GetProperty("op").GetString()!,
                Attrs = c.GetProperty("attrs"),
                Inputs = inputs.Select(FixtureReader.Decode).ToArray(),
                RequiresGrad = inputs.Select(e => e.GetProperty("requires_grad").GetBoolean()).ToArray(),
                Output = FixtureReader.Decode(c.GetProperty("output")),
                GradOutput = c.TryGetProperty("grad_output", out var go) ? FixtureReader.Decode(go) : null,
                Grads = grads,
            };
        });
}
