namespace Myelin.IO;

/// <summary>
/// The parsed and validated header of a safetensors file: every tensor's name, dtype, shape and
/// byte range, and the free-form string metadata. Read one with <see cref="SafeTensors.ReadHeader(string)"/>
/// to list a file's contents without loading its data.
/// </summary>
public sealed class SafeTensorsHeader
{
    readonly Dictionary<string, SafeTensorsEntry> byName;

    /// <summary>Creates a header from already validated parts.</summary>
    /// <param name="entries">The tensors, in the order the header lists them.</param>
    /// <param name="metadata">The "__metadata__" map (empty when the file has none).</param>
    /// <param name="headerLength">The length in bytes of the JSON header, padding included.</param>
    /// <param name="dataLength">The length in bytes of the data buffer after the header.</param>
    internal SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata,
        long headerLength, long dataLength)
    {
        Entries = entries;
        Metadata = metadata;
        HeaderLength = headerLength;
        DataLength = dataLength;
        byName = new Dictionary<string, SafeTensorsEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries) byName.Add(entry.Name, entry);
    }

    /// <summary>The tensors, in the order the header lists them.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The "__metadata__" map of the file (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The length in bytes of the JSON header, padding included (the number stored in the file's first 8 bytes).</summary>
    public long HeaderLength { get; }

    /// <summary>The length in bytes of the data buffer that follows the header.</summary>
    public long DataLength { get; }

    /// <summary>The entry of the tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public SafeTensorsEntry this[string name] =>
        byName.TryGetValue(name, out var entry) ? entry
            : throw new KeyNotFoundException($"The safetensors header has no tensor named '{name}'.");

    /// <summary>Finds the entry of the tensor called <paramref name="name"/>; false when there is none.</summary>
    public bool TryGetEntry(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SafeTensorsEntry entry) =>
        byName.TryGetValue(name, out entry);
}
