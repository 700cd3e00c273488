using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Myelin.NN;

namespace Myelin.IO;

/// <summary>
/// The architecture of a model as JSON: which layers, in what order, with what settings, but no
/// weights. A model file (<see cref="Model.Save"/>) stores it beside the weights so that
/// <see cref="Model.Load"/> can rebuild the model without its code.
/// </summary>
/// <remarks>
/// <para>
/// A description covers models built from registered layer types: <see cref="Sequential"/> (nested
/// too), <see cref="Linear"/>, <see cref="BatchNorm1d"/>, <see cref="LayerNorm"/>, <see cref="Dropout"/>,
/// <see cref="Flatten"/>, <see cref="Identity"/> and the activation modules, each with all its settings.
/// Other layer types add themselves with <see cref="Register{TModule}"/>. A custom module whose
/// <see cref="Module.Forward"/> is its own code cannot be described: save its weights and build it in code.
/// </para>
/// <para>The JSON, for <c>new Sequential(new Linear(4, 8), new ReLU())</c>:</para>
/// <code>
/// {"format": "myelin-model", "version": 1,
///  "model": {"type": "Sequential", "layers": [
///    {"type": "Linear", "in_features": 4, "out_features": 8, "bias": true, "dtype": "float32"},
///    {"type": "ReLU"}]}}
/// </code>
/// <para>
/// Field names are PyTorch's constructor arguments. Reading is strict: an unknown layer type, a missing,
/// mistyped, repeated or unknown field is a <see cref="ModelFormatException"/> that names it and its
/// place, such as <c>model.layers[2]</c>. The optional <c>"dtype"</c> field gives the parameters'
/// type (float32 when absent).
/// </para>
/// </remarks>
public sealed class ModelDescription
{
    /// <summary>The value of the top-level <c>"format"</c> field.</summary>
    public const string FormatName = "myelin-model";

    /// <summary>The value of the top-level <c>"version"</c> field this version writes and reads.</summary>
    public const int FormatVersion = 1;

    internal const string TypeField = "type";
    internal const string DTypeField = "dtype";
    const string RootPath = "model";

    static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly JsonWriterOptions IndentedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>The whole description as compact JSON.</summary>
    readonly string json;

    ModelDescription(string json) => this.json = json;

    /// <summary>The names of the layer types a description can hold, standard and registered, in registration order.</summary>
    public static IReadOnlyList<string> LayerTypes => ModelLayerRegistry.Names;

    /// <summary>Describes the architecture of <paramref name="module"/> (its layers and their settings; not its weights).</summary>
    /// <exception cref="NotSupportedException">
    /// The module or one of its descendants is of a type that is not registered; the message names it and its place.
    /// </exception>
    public static ModelDescription FromModule(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", FormatVersion);
            writer.WritePropertyName(RootPath);
            WriteLayer(writer, module, "");
            writer.WriteEndObject();
        }
        return new ModelDescription(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The description of <paramref name="module"/>, or null when a module in it is of an unregistered type.</summary>
    internal static ModelDescription? TryFromModule(Module module) =>
        module.Modules().All(m => ModelLayerRegistry.Find(m) is not null) ? FromModule(module) : null;

    /// <summary>
    /// Reads a description from JSON text and checks its header: an object with
    /// <c>"format": "myelin-model"</c>, <c>"version": 1</c> and a <c>"model"</c> object. The layers
    /// themselves are checked by <see cref="Build"/>.
    /// </summary>
    /// <exception cref="ModelFormatException">The text is not JSON, or the header is missing or wrong.</exception>
    public static ModelDescription FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new ModelFormatException(null, null, $"a model description must be a JSON object, got {Kind(root)}.");

        if (!root.TryGetProperty("format", out var format))
            throw new ModelFormatException(null, null, $"not a model description: the field \"format\" is missing (expected \"{FormatName}\").");
        if (format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
            throw new ModelFormatException(null, "format", $"not a model description: expected \"{FormatName}\", got {format.GetRawText()}.");

        if (!root.TryGetProperty("version", out var version))
            throw new ModelFormatException(null, null, $"the field \"version\" is missing (expected {FormatVersion}).");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number) || number < 1)
            throw new ModelFormatException(null, "version", $"expected a positive integer, got {version.GetRawText()}.");
        if (number > FormatVersion)
            throw new ModelFormatException(null, "version",
                $"the description has version {number}, but this version of Myelin reads version {FormatVersion}; update Myelin to read it.");

        if (!root.TryGetProperty(RootPath, out var model))
            throw new ModelFormatException(null, null, $"the field \"{RootPath}\" (the model's layers) is missing.");
        if (model.ValueKind != JsonValueKind.Object)
            throw new ModelFormatException(null, RootPath, $"expected a layer object, got {Kind(model)}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("format" or "version" or RootPath))
                throw new ModelFormatException(null, null, $"unknown field \"{property.Name}\" (a description has \"format\", \"version\" and \"{RootPath}\").");
            if (!seen.Add(property.Name))
                throw new ModelFormatException(null, null, $"the field \"{property.Name}\" is given more than once.");
        }

        // Keep a compact copy: the same JSON whatever the original's layout.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions)) root.WriteTo(writer);
        return new ModelDescription(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// Creates the described model, with freshly initialised parameters (as the layers' constructors make
    /// them) in training mode. Load weights into it with <see cref="Module.LoadStateDict"/>.
    /// </summary>
    /// <param name="generator">Draws the initial parameter values; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ModelFormatException">
    /// A layer's type is unknown, a field is missing, mistyped, repeated or unknown, or a setting is out of
    /// range; the message names the layer's place, such as <c>model.layers[2]</c>.
    /// </exception>
    public Module Build(Generator? generator = null)
    {
        using var document = Parse(json);
        return BuildLayer(document.RootElement.GetProperty(RootPath), RootPath, generator);
    }

    /// <summary>The description as JSON text, compact or indented for reading.</summary>
    public string ToJson(bool indented = false)
    {
        if (!indented) return json;
        using var document = Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, IndentedOptions)) document.RootElement.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The description as indented JSON.</summary>
    public override string ToString() => ToJson(indented: true);

    /// <summary>
    /// Makes a layer type describable, so models using it can be saved with their architecture and
    /// loaded without their code. Registering the same name and type again replaces the functions.
    /// </summary>
    /// <typeparam name="TModule">The module class (matched exactly; subclasses need their own entry).</typeparam>
    /// <param name="typeName">The value of the "type" field, such as "Conv2d".</param>
    /// <param name="describe">
    /// Writes the module's settings with the writer's methods, e.g. <c>w.Write("in_channels", m.InChannels)</c>.
    /// Child modules are written with <see cref="ModelLayerWriter.WriteModule"/>.
    /// </param>
    /// <param name="build">
    /// Creates the module from the settings, e.g. <c>r =&gt; new Conv2d(r.GetInt32("in_channels"), …, r.Generator)</c>.
    /// It must read every field that <paramref name="describe"/> writes.
    /// </param>
    /// <example><code>
    /// ModelDescription.Register&lt;Scale&gt;("Scale",
    ///     (m, w) =&gt; w.Write("size", m.Size),
    ///     r =&gt; new Scale(r.GetInt32("size")));
    /// </code></example>
    /// <exception cref="ArgumentException">The name is empty, or registered for another type, or the type is registered under another name.</exception>
    public static void Register<TModule>(string typeName, Action<TModule, ModelLayerWriter> describe, Func<ModelLayerReader, TModule> build)
        where TModule : Module
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(build);
        ModelLayerRegistry.Register(ModelLayerType.For(typeName, describe, build));
    }

    /// <summary>Writes the layer object of <paramref name="module"/>: its "type", then its settings.</summary>
    internal static void WriteLayer(Utf8JsonWriter writer, Module module, string modulePath)
    {
        var entry = ModelLayerRegistry.Find(module) ?? throw new NotSupportedException(
            $"ModelDescription: cannot describe {(modulePath.Length == 0 ? "the model" : $"the module '{modulePath}'")}: " +
            $"{module.GetType().Name} is not a layer type that model descriptions know " +
            $"(they know {string.Join(", ", ModelLayerRegistry.Names)}). " +
            "Register it with ModelDescription.Register, or save the weights alone (SafeTensors.Save(path, model.StateDict())) " +
            "and build the architecture in code before loading them.");
        writer.WriteStartObject();
        writer.WriteString(TypeField, entry.Name);
        entry.Describe(module, new ModelLayerWriter(writer, module, modulePath));
        writer.WriteEndObject();
    }

    /// <summary>Builds the module described by the layer object <paramref name="layer"/> at <paramref name="path"/>.</summary>
    internal static Module BuildLayer(JsonElement layer, string path, Generator? generator)
    {
        if (layer.ValueKind != JsonValueKind.Object)
            throw new ModelFormatException(null, path, $"expected a layer object with a \"{TypeField}\" field, got {Kind(layer)}.");
        if (!layer.TryGetProperty(TypeField, out var typeElement))
            throw new ModelFormatException(null, path, $"the layer has no \"{TypeField}\" field.");
        if (typeElement.ValueKind != JsonValueKind.String)
            throw new ModelFormatException(null, path, $"the layer's \"{TypeField}\" must be a string, got {typeElement.GetRawText()}.");
        string typeName = typeElement.GetString()!;
        var entry = ModelLayerRegistry.Find(typeName) ?? throw new ModelFormatException(null, path,
            $"unknown layer type \"{typeName}\". Known types: {string.Join(", ", ModelLayerRegistry.Names)}. " +
            "A layer type of your own must be registered with ModelDescription.Register before the description is built.");

        var reader = new ModelLayerReader(layer, path, typeName, generator);
        Module module;
        try
        {
            module = entry.Build(reader);
        }
        catch (ArgumentException e)
        {
            // A constructor rejected a setting (a negative size, a probability above 1): name the place.
            throw new ModelFormatException(null, path, e.Message, e);
        }
        if (module is null || module.GetType() != entry.ModuleType)
            throw new ModelFormatException(null, path,
                $"the build function registered for \"{typeName}\" returned {(module is null ? "null" : module.GetType().Name)}, not a {entry.ModuleType.Name}.");
        reader.CheckEveryFieldRead();
        return module;
    }

    internal static string DTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only Float32 and Float64 name parameter types."),
    };

    internal static DType? ParseDTypeName(string name) => name switch
    {
        "float32" => DType.Float32,
        "float64" => DType.Float64,
        _ => null,
    };

    static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(null, null, $"the model description is not valid JSON: {e.Message}", e);
        }
    }

    static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };
}
