using System.Text.Json;

namespace Myelin.Tests.Training;

/// <summary>Reads the PyTorch reference values written by tools/make_training_fixtures.py.</summary>
public static class TrainingFixtures
{
    static readonly Lazy<JsonElement> fit = new(() => Load("fit.json"));
    static readonly Lazy<JsonElement> metrics = new(() => Load("metrics.json"));

    public static JsonElement Fit => fit.Value;
    public static JsonElement Metrics => metrics.Value;

    static JsonElement Load(string name) => FixtureReader.Load("Training", name);

    public static JsonElement Case(string name) =>
        Fit.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A tensor from {"shape": [...], "data": [...]}.</summary>
    public static Tensor Decode(JsonElement e, DType dtype) => FixtureReader.Decode(e, dtype);

    public static Dictionary<string, Tensor> DecodeState(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => Decode(p.Value, DType.Float32));

    /// <summary>Per-class values with null for classes that are absent; null becomes NaN.</summary>
    public static double[] DoublesOrNaN(JsonElement array) =>
        array.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? double.NaN : x.GetDouble()).ToArray();

    public static void AssertClose(double expected, double actual, double relative, string what)
    {
        double tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):E2}, tolerance {tolerance:E2})");
    }
}
