using System.Collections.Immutable;
using System.Text.Json;

namespace Myelin.IO;

/// <summary>
/// Turns the JSON header of a safetensors file into a <see cref="SafeTensorsHeader"/>, enforcing
/// every rule of the format: a JSON object; unique names; known dtypes; non-negative integer
/// shapes; data_offsets [begin, end] with begin ≤ end and end − begin = elements × element size;
/// byte ranges that, sorted by begin, tile the data buffer exactly; string metadata values.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    public const string MetadataKey = "__metadata__";

    /// <param name="json">The header bytes (UTF-8 JSON, possibly padded with trailing spaces).</param>
    /// <param name="dataLength">How many bytes follow the header in the file.</param>
    /// <param name="file">The file name for error messages, or null.</param>
    public static SafeTensorsHeader Parse(ReadOnlyMemory<byte> json, long dataLength, string? file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(file, null, $"the header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException(file, null,
                    $"the header must be a JSON object mapping tensor names to entries, but it is a JSON {Describe(root.ValueKind)}.");

            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                string name = ReadName(property, file);
                if (!seen.Add(name))
                    throw new SafeTensorsFormatException(file, name == MetadataKey ? null : name,
                        $"the header lists the key '{name}' more than once.");
                if (name == MetadataKey)
                    ReadMetadata(property.Value, metadata, file);
                else
                    entries.Add(ReadEntry(name, property.Value, dataLength, file));
            }

            CheckRangesTileTheData(entries, dataLength, file);
            return new SafeTensorsHeader(entries, metadata, json.Length, dataLength);
        }
    }

    static string ReadName(JsonProperty property, string? file)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            // Raised for names that are not valid UTF-8.
            throw new SafeTensorsFormatException(file, null, $"the header holds a key that is not valid UTF-8 ({e.Message})", e);
        }
    }

    static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string? file)
    {
        // The reference implementation accepts "__metadata__": null as "no metadata".
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(file, null,
                $"'{MetadataKey}' must be a JSON object of strings, but it is a JSON {Describe(value.ValueKind)}.");
        foreach (JsonProperty item in value.EnumerateObject())
        {
            string key = ReadName(item, file);
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsFormatException(file, null,
                    $"metadata value '{key}' must be a string, but it is a JSON {Describe(item.Value.ValueKind)}.");
            if (!metadata.TryAdd(key, ReadString(item.Value, file, null)))
                throw new SafeTensorsFormatException(file, null, $"metadata key '{key}' appears more than once.");
        }
    }

    static SafeTensorsEntry ReadEntry(string name, JsonElement value, long dataLength, string? file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(file, name,
                $"the entry must be a JSON object with dtype, shape and data_offsets, but it is a JSON {Describe(value.ValueKind)}.");

        SafeTensorsDType dtype = ReadDType(name, Field(name, value, "dtype", file), file);
        ImmutableArray<int> shape = ReadShape(name, Field(name, value, "shape", file), file);
        (long begin, long end) = ReadOffsets(name, Field(name, value, "data_offsets", file), file);

        if (end > dataLength)
            throw new SafeTensorsFormatException(file, name,
                $"data_offsets [{begin}, {end}] reach past the end of the data buffer, which holds {dataLength} bytes.");

        // Count in 128 bits and stop once past the data length, so hostile shapes cannot overflow.
        UInt128 needed = shape.Contains(0) ? 0 : (UInt128)dtype.SizeOf();
        bool exact = true;
        foreach (int d in shape)
        {
            if (needed > (UInt128)dataLength)
            {
                exact = false;
                break;
            }
            needed *= (uint)d;
        }
        if (!exact || needed != (UInt128)(end - begin))
        {
            string size = exact ? $"{needed} bytes" : $"more than the {dataLength} bytes of the data buffer";
            throw new SafeTensorsFormatException(file, name,
                $"shape [{string.Join(", ", shape)}] of {dtype.Code()} needs {size}, but data_offsets [{begin}, {end}] span {end - begin}.");
        }
        return new SafeTensorsEntry(name, dtype, shape, begin, end);
    }

    static JsonElement Field(string name, JsonElement entry, string field, string? file) =>
        entry.TryGetProperty(field, out JsonElement value) ? value
            : throw new SafeTensorsFormatException(file, name, $"the entry has no \"{field}\" field.");

    static SafeTensorsDType ReadDType(string name, JsonElement value, string? file)
    {
        if (value.ValueKind != JsonValueKind.String)
            throw new SafeTensorsFormatException(file, name, $"dtype must be a string, but it is a JSON {Describe(value.ValueKind)}.");
        string code = ReadString(value, file, name);
        if (!SafeTensorsDTypeInfo.TryParse(code, out SafeTensorsDType dtype))
            throw new SafeTensorsFormatException(file, name,
                $"unknown dtype \"{code}\" (known: {string.Join(", ", Enum.GetValues<SafeTensorsDType>().Select(d => d.Code()))}).");
        return dtype;
    }

    static ImmutableArray<int> ReadShape(string name, JsonElement value, string? file)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException(file, name, $"shape must be a JSON array of integers, but it is a JSON {Describe(value.ValueKind)}.");
        var shape = ImmutableArray.CreateBuilder<int>(value.GetArrayLength());
        foreach (JsonElement dim in value.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out long size))
                throw new SafeTensorsFormatException(file, name, $"shape holds {dim.GetRawText()}, which is not an integer.");
            if (size < 0)
                throw new SafeTensorsFormatException(file, name, $"shape holds the negative size {size}.");
            if (size > int.MaxValue)
                throw new SafeTensorsFormatException(file, name, $"shape holds the size {size}, larger than {int.MaxValue}, the largest dimension Myelin supports.");
            shape.Add((int)size);
        }
        return shape.MoveToImmutable();
    }

    static (long Begin, long End) ReadOffsets(string name, JsonElement value, string? file)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
            throw new SafeTensorsFormatException(file, name,
                $"data_offsets must be a JSON array of two integers [begin, end], but it is {Abbreviate(value.GetRawText())}.");
        long begin = ReadOffset(name, value[0], file);
        long end = ReadOffset(name, value[1], file);
        if (begin > end)
            throw new SafeTensorsFormatException(file, name, $"data_offsets [{begin}, {end}] begin after they end.");
        return (begin, end);
    }

    static long ReadOffset(string name, JsonElement value, string? file)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long offset) || offset < 0)
            throw new SafeTensorsFormatException(file, name,
                $"data_offsets hold {Abbreviate(value.GetRawText())}, which is not a non-negative integer byte offset.");
        return offset;
    }

    /// <summary>The byte ranges, sorted by begin, must follow one another from 0 to the end of the data: no gap, no overlap, nothing left over.</summary>
    static void CheckRangesTileTheData(List<SafeTensorsEntry> entries, long dataLength, string? file)
    {
        var byOffset = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long expected = 0;
        SafeTensorsEntry? previous = null;
        foreach (var entry in byOffset)
        {
            if (entry.Begin > expected)
                throw new SafeTensorsFormatException(file, entry.Name, previous is null
                    ? $"its data begins at byte {entry.Begin}, leaving bytes 0..{entry.Begin} of the data buffer unused (a gap before the first tensor)."
                    : $"its data begins at byte {entry.Begin}, leaving bytes {expected}..{entry.Begin} unused after tensor '{previous.Name}' (a gap between tensors).");
            if (entry.Begin < expected)
                throw new SafeTensorsFormatException(file, entry.Name,
                    $"its data_offsets [{entry.Begin}, {entry.End}] overlap tensor '{previous!.Name}' at [{previous.Begin}, {previous.End}].");
            expected = entry.End;
            previous = entry;
        }
        if (expected != dataLength)
            throw new SafeTensorsFormatException(file, previous?.Name, previous is null
                ? $"the header lists no tensors, yet {dataLength} bytes of data follow it."
                : $"the tensors' data ends at byte {expected} of the data buffer, but the file holds {dataLength} bytes of data after the header ({dataLength - expected} bytes left over).");
    }

    static string ReadString(JsonElement value, string? file, string? name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new SafeTensorsFormatException(file, name, $"the header holds a string that is not valid UTF-8 ({e.Message})", e);
        }
    }

    static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    static string Abbreviate(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
