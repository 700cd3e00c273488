using System.Text.Json;

namespace Myelin.Tests;

/// <summary>
/// Reads the JSON fixtures under Fixtures/ (written by the generator scripts in tools/) and decodes the
/// tensors they hold: {"shape": [...], "data": [...]} with an optional "dtype".
/// </summary>
public static class FixtureReader
{
    /// <summary>The root of a fixture file, by its path below Fixtures/ (e.g. "NN", "layers.json").</summary>
    public static JsonElement Load(params string[] pathBelowFixtures)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "Fixtures", .. pathBelowFixtures]);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        // A clone outlives the document, so callers can keep elements around.
        return document.RootElement.Clone();
    }

    /// <summary>The "cases" array of a fixture root, each built into a value and keyed by its "name".</summary>
    public static Dictionary<string, T> Cases<T>(JsonElement root, Func<string, JsonElement, T> build)
    {
        var result = new Dictionary<string, T>();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            result[name] = build(name, c);
        }
        return result;
    }

    /// <summary>The "shape" array of an encoded tensor.</summary>
    public static int[] Shape(JsonElement e) => e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();

    /// <summary>A tensor in the dtype its "dtype" field names (float32, float64, int64 or bool).</summary>
    public static Tensor Decode(JsonElement e)
    {
        var shape = Shape(e);
        var data = e.GetProperty("data").EnumerateArray();
        // FromArray with an empty shape gives a 1-D tensor; the Reshape restores 0-d values.
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => Tensor.FromArray(data.Select(x => (float)x.GetDouble()).ToArray(), shape).Reshape(shape),
            "float64" => Tensor.FromArray(data.Select(x => x.GetDouble()).ToArray(), shape).Reshape(shape),
            "int64" => Tensor.FromArray(data.Select(x => x.GetInt64()).ToArray(), shape).Reshape(shape),
            "bool" => Tensor.FromArray(data.Select(x => x.GetBoolean()).ToArray(), shape).Reshape(shape),
            var other => throw new InvalidDataException($"fixture tensor: unknown dtype {other}"),
        };
    }

    /// <summary>A tensor stored without a "dtype": its numbers read as doubles, converted to <paramref name="dtype"/>.</summary>
    public static Tensor Decode(JsonElement e, DType dtype)
    {
        var shape = Shape(e);
        var data = e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length).To(dtype).Reshape(shape);
    }

    /// <summary>An object of encoded tensors (a state dict, a set of gradients) by name.</summary>
    public static Dictionary<string, Tensor> DecodeDictionary(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => Decode(p.Value));
}
