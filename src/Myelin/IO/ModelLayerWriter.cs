using System.Text.Json;
using Myelin.NN;

namespace Myelin.IO;

/// <summary>
/// Writes the settings of one layer into its JSON object in a model description, for the describe
/// function a layer type gives to <see cref="ModelDescription.Register{TModule}"/>. The object's
/// <c>"type"</c> field is written already; each call adds one field.
/// </summary>
/// <remarks>
/// Field names follow PyTorch's constructor arguments (<c>in_features</c>, <c>negative_slope</c>), so a
/// description reads like the PyTorch code that builds the same model. Every field written here must be
/// read back by the layer's build function: unread fields are an error when the description is built.
/// </remarks>
public sealed class ModelLayerWriter
{
    readonly Utf8JsonWriter json;
    readonly Module module;
    readonly HashSet<string> written = new(StringComparer.Ordinal) { ModelDescription.TypeField };

    internal ModelLayerWriter(Utf8JsonWriter json, Module module, string modulePath)
    {
        this.json = json;
        this.module = module;
        ModulePath = modulePath;
    }

    /// <summary>The dotted name of the module being described, as in its state-dict keys ("" for the whole model).</summary>
    public string ModulePath { get; }

    /// <summary>Writes an integer field.</summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    public void Write(string name, int value)
    {
        Start(name);
        json.WriteNumber(name, value);
    }

    /// <summary>
    /// Writes a real-number field. JSON has no infinities or NaN, so those are written as the strings
    /// "inf", "-inf" and "nan", which <see cref="ModelLayerReader.GetDouble"/> reads back.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    public void Write(string name, double value)
    {
        Start(name);
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteString(name, double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf");
    }

    /// <summary>Writes a real-number field that may be null (written as JSON null).</summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    public void Write(string name, double? value)
    {
        if (value is double number)
        {
            Write(name, number);
            return;
        }
        Start(name);
        json.WriteNull(name);
    }

    /// <summary>Writes a true/false field.</summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    public void Write(string name, bool value)
    {
        Start(name);
        json.WriteBoolean(name, value);
    }

    /// <summary>Writes a string field.</summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    public void Write(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Start(name);
        json.WriteString(name, value);
    }

    /// <summary>Writes a field holding a list of integers, such as a shape.</summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    public void Write(string name, IReadOnlyList<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Start(name);
        json.WriteStartArray(name);
        foreach (int value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    /// <summary>
    /// Writes the <c>"dtype"</c> field ("float32" or "float64"): the type of the layer's parameters,
    /// read back by <see cref="ModelLayerReader.GetDType"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The dtype is not floating-point, or the field was written already.</exception>
    public void WriteDType(DType dtype)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"ModelLayerWriter: a layer's dtype must be Float32 or Float64, got {dtype}.", nameof(dtype));
        Write(ModelDescription.DTypeField, ModelDescription.DTypeName(dtype));
    }

    /// <summary>Writes a field holding the description of the child module <paramref name="child"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    /// <exception cref="NotSupportedException">The child (or one of its descendants) is of a type that is not registered.</exception>
    public void WriteModule(string name, Module child)
    {
        ArgumentNullException.ThrowIfNull(child);
        Start(name);
        json.WritePropertyName(name);
        ModelDescription.WriteLayer(json, child, ChildPath(child, name));
    }

    /// <summary>Writes a field holding a list of child module descriptions, in order (what <see cref="Sequential"/> uses).</summary>
    /// <exception cref="ArgumentException">The name is empty, "type", or already written for this layer.</exception>
    /// <exception cref="NotSupportedException">A child (or one of its descendants) is of a type that is not registered.</exception>
    public void WriteModules(string name, IEnumerable<Module> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        Start(name);
        json.WriteStartArray(name);
        int index = 0;
        foreach (var child in children)
        {
            ArgumentNullException.ThrowIfNull(child, nameof(children));
            ModelDescription.WriteLayer(json, child, ChildPath(child, $"{name}[{index}]"));
            index++;
        }
        json.WriteEndArray();
    }

    void Start(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!written.Add(name))
            throw new ArgumentException(
                name == ModelDescription.TypeField
                    ? $"ModelLayerWriter: the field name \"{name}\" is reserved for the layer type."
                    : $"ModelLayerWriter: the field \"{name}\" was already written for {module.GetType().Name}.",
                nameof(name));
    }

    /// <summary>The child's state-dict prefix when it is a registered child, for error messages; else a field-based name.</summary>
    string ChildPath(Module child, string fallback)
    {
        string childName = fallback;
        foreach (var (registered, candidate) in module.NamedChildren())
        {
            if (ReferenceEquals(candidate, child))
            {
                childName = registered;
                break;
            }
        }
        return ModulePath.Length == 0 ? childName : ModulePath + "." + childName;
    }
}
