using System.Text.Json;

namespace Myelin.Tests.NN;

/// <summary>Reads the fixtures written by tools/make_nn_fixtures.py.</summary>
public static class NNFixtures
{
    static readonly Lazy<Dictionary<string, LayerFixtureCase>> layers = new(() => LayerFixtureCase.Load("NN", "layers.json"));

    public static IReadOnlyDictionary<string, LayerFixtureCase> Layers => layers.Value;

    public static IEnumerable<object[]> LayerNames() => Layers.Keys.Select(n => new object[] { n });

    public static JsonElement Model() => FixtureReader.Load("NN", "model.json").GetProperty("model");
}
