namespace Myelin.IO;

/// <summary>
/// The whole contents of a safetensors file: its tensors, in the order the header lists them,
/// and its string metadata. Produced by <see cref="SafeTensors.Read(string)"/>.
/// </summary>
public sealed class SafeTensorsFile
{
    readonly Dictionary<string, Tensor> tensors;

    internal SafeTensorsFile(SafeTensorsHeader header, Dictionary<string, Tensor> tensors)
    {
        Header = header;
        this.tensors = tensors;
    }

    /// <summary>The parsed header: each tensor's file dtype, shape and byte range.</summary>
    public SafeTensorsHeader Header { get; }

    /// <summary>The free-form "__metadata__" strings (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata => Header.Metadata;

    /// <summary>The tensors by name; enumeration follows the order of the header.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => tensors;

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file has no tensor of that name.</exception>
    public Tensor this[string name] =>
        tensors.TryGetValue(name, out var tensor) ? tensor
            : throw new KeyNotFoundException($"The safetensors file has no tensor named '{name}'.");
}
