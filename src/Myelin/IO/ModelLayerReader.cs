using System.Globalization;
using System.Text.Json;
using Myelin.NN;

namespace Myelin.IO;

/// <summary>
/// Reads the settings of one layer from its JSON object in a model description, for the build function
/// a layer type gives to <see cref="ModelDescription.Register{TModule}"/>. Every getter checks that the
/// field is present and of the right kind, and otherwise throws a <see cref="ModelFormatException"/>
/// naming the layer, its place in the description (<see cref="JsonPath"/>) and the field.
/// </summary>
/// <remarks>
/// Every field of the object must be read: once the layer is built, a field nobody asked for (a typo
/// such as "in_feature", or a setting this version does not know) is an error.
/// </remarks>
public sealed class ModelLayerReader
{
    readonly JsonElement layer;
    readonly HashSet<string> read = new(StringComparer.Ordinal) { ModelDescription.TypeField };

    internal ModelLayerReader(JsonElement layer, string jsonPath, string typeName, Generator? generator)
    {
        this.layer = layer;
        JsonPath = jsonPath;
        TypeName = typeName;
        Generator = generator;
    }

    /// <summary>The layer's type name, the value of its <c>"type"</c> field.</summary>
    public string TypeName { get; }

    /// <summary>Where the layer is in the description, such as <c>model.layers[2]</c>.</summary>
    public string JsonPath { get; }

    /// <summary>
    /// The generator that layers draw their initial parameter values from (null means
    /// <see cref="Myelin.Generator.Default"/>). Pass it to the layer's constructor.
    /// </summary>
    public Generator? Generator { get; }

    /// <summary>True when the layer's object has a field named <paramref name="name"/>, for optional settings.</summary>
    public bool Contains(string name) => layer.TryGetProperty(name, out _);

    /// <summary>An integer field.</summary>
    /// <exception cref="ModelFormatException">The field is missing or not an integer that fits in 32 bits.</exception>
    public int GetInt32(string name)
    {
        var value = Require(name);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)) return number;
        throw WrongKind(name, value, "an integer");
    }

    /// <summary>A real-number field: a JSON number, or one of the strings "inf", "-inf" and "nan".</summary>
    /// <exception cref="ModelFormatException">The field is missing or not a number.</exception>
    public double GetDouble(string name) => ReadDouble(name, Require(name));

    /// <summary>A real-number field that may be null.</summary>
    /// <exception cref="ModelFormatException">The field is missing or neither a number nor null.</exception>
    public double? GetNullableDouble(string name)
    {
        var value = Require(name);
        return value.ValueKind == JsonValueKind.Null ? null : ReadDouble(name, value);
    }

    /// <summary>A true/false field.</summary>
    /// <exception cref="ModelFormatException">The field is missing or not true or false.</exception>
    public bool GetBoolean(string name)
    {
        var value = Require(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongKind(name, value, "true or false"),
        };
    }

    /// <summary>A string field.</summary>
    /// <exception cref="ModelFormatException">The field is missing or not a string.</exception>
    public string GetString(string name)
    {
        var value = Require(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongKind(name, value, "a string");
    }

    /// <summary>A field holding a list of integers, such as a shape.</summary>
    /// <exception cref="ModelFormatException">The field is missing or not an array of 32-bit integers.</exception>
    public int[] GetInt32Array(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.Array) throw WrongKind(name, value, "an array of integers");
        var result = new int[value.GetArrayLength()];
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out result[index]))
                throw Error($"{TypeName}: field \"{name}\" must be an array of integers, but element {index} is {Describe(item)}.");
            index++;
        }
        return result;
    }

    /// <summary>
    /// The optional <c>"dtype"</c> field, "float32" or "float64": the type of the layer's parameters.
    /// Float32 when the field is absent.
    /// </summary>
    /// <exception cref="ModelFormatException">The field is present but not one of the two names.</exception>
    public DType GetDType()
    {
        read.Add(ModelDescription.DTypeField);
        if (!Contains(ModelDescription.DTypeField)) return DType.Float32;
        string name = GetString(ModelDescription.DTypeField);
        return ModelDescription.ParseDTypeName(name)
            ?? throw Error($"{TypeName}: field \"{ModelDescription.DTypeField}\" must be \"float32\" or \"float64\", got \"{name}\".");
    }

    /// <summary>Builds the child module described by the field <paramref name="name"/>.</summary>
    /// <exception cref="ModelFormatException">The field is missing, or the child's description is invalid.</exception>
    public Module BuildModule(string name) => ModelDescription.BuildLayer(Require(name), $"{JsonPath}.{name}", Generator);

    /// <summary>Builds the list of child modules described by the array field <paramref name="name"/>, in order.</summary>
    /// <exception cref="ModelFormatException">The field is missing or not an array, or a child's description is invalid.</exception>
    public IReadOnlyList<Module> BuildModules(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.Array) throw WrongKind(name, value, "an array of layers");
        var modules = new List<Module>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
            modules.Add(ModelDescription.BuildLayer(item, $"{JsonPath}.{name}[{modules.Count}]", Generator));
        return modules;
    }

    /// <summary>
    /// An exception naming this layer's place in the description and <paramref name="problem"/>, for a
    /// build function that finds a setting it cannot accept: <c>throw reader.Error("…")</c>.
    /// </summary>
    public ModelFormatException Error(string problem, Exception? innerException = null) =>
        new(null, JsonPath, problem, innerException);

    /// <summary>Throws when the object has a field that was never read, or a field given twice.</summary>
    internal void CheckEveryFieldRead()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in layer.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                throw Error($"{TypeName}: field \"{property.Name}\" is given more than once.");
            if (!read.Contains(property.Name))
                throw Error($"{TypeName}: unknown field \"{property.Name}\"" +
                    (read.Count > 1 ? $"; the fields of {TypeName} are {string.Join(", ", read.Where(f => f != ModelDescription.TypeField).Select(f => $"\"{f}\""))}." : $"; {TypeName} has no settings."));
        }
    }

    JsonElement Require(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        read.Add(name);
        return layer.TryGetProperty(name, out var value)
            ? value
            : throw Error($"{TypeName}: missing field \"{name}\".");
    }

    double ReadDouble(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString())
            {
                case "inf": return double.PositiveInfinity;
                case "-inf": return double.NegativeInfinity;
                case "nan": return double.NaN;
            }
        }
        throw WrongKind(name, value, "a number");
    }

    ModelFormatException WrongKind(string name, JsonElement value, string expected) =>
        Error($"{TypeName}: field \"{name}\" must be {expected}, got {Describe(value)}.");

    static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
