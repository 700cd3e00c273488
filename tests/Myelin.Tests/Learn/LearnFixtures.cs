using System.Text.Json;

namespace Myelin.Tests.Learn;

/// <summary>Reads Fixtures/Learn/learn.json, written by tools/make_learn_fixtures.py with PyTorch.</summary>
internal static class LearnFixtures
{
    static readonly Lazy<JsonElement> root = new(() => FixtureReader.Load("Learn", "learn.json"));

    public static JsonElement Section(string name) => root.Value.GetProperty(name);

    public static double[] Doubles(JsonElement element) => element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>Asserts |actual − expected| ≤ relative·|expected| + absolute for every element.</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, double absolute = 1e-12)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= relative * Math.Abs(expected[i]) + absolute,
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
