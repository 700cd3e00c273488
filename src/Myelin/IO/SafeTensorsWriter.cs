using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Myelin.IO;

/// <summary>
/// Lays tensors out in the safetensors format and writes them: the 8-byte header length, the
/// compact JSON header padded with spaces to a multiple of 8 bytes, then the raw little-endian data.
/// </summary>
/// <remarks>
/// The header lists tensors in the order given. The data is ordered widest element first (8-byte
/// types, then 4-byte, then bools), keeping the given order within each width: with the header
/// padded to 8 bytes this aligns every tensor's data to its element size, which memory-mapping
/// readers rely on. Any order is valid safetensors as long as the ranges follow one another.
/// </remarks>
internal sealed class SafeTensorsWriter
{
    const int ChunkBytes = 1 << 20;

    readonly byte[] header;
    readonly List<Tensor> dataOrder;

    SafeTensorsWriter(byte[] header, List<Tensor> dataOrder)
    {
        this.header = header;
        this.dataOrder = dataOrder;
    }

    /// <summary>Checks the tensors and metadata and builds the header; nothing is written yet.</summary>
    /// <exception cref="ArgumentException">A name is null, repeated or reserved, a tensor is not contiguous, or a metadata value is null.</exception>
    public static SafeTensorsWriter Prepare(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var named = new List<KeyValuePair<string, Tensor>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (name is null)
                throw new ArgumentException("SafeTensors: a tensor name is null.", nameof(tensors));
            if (name == SafeTensorsHeaderParser.MetadataKey)
                throw new ArgumentException($"SafeTensors: '{name}' is reserved for the metadata and cannot name a tensor.", nameof(tensors));
            if (!seen.Add(name))
                throw new ArgumentException($"SafeTensors: the name '{name}' is given to more than one tensor.", nameof(tensors));
            if (tensor is null)
                throw new ArgumentException($"SafeTensors: tensor '{name}' is null.", nameof(tensors));
            // A tensor without elements has no data to lay out, whatever its strides.
            if (tensor.NumElements > 0 && !tensor.IsContiguous)
                throw new ArgumentException(
                    $"SafeTensors: tensor '{name}' is not contiguous (shape {Layout.Format(tensor.shape)}, strides {Layout.Format(tensor.strides)}); save a contiguous copy of it.",
                    nameof(tensors));
            named.Add(new(name, tensor));
        }
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (key is null || value is null)
                    throw new ArgumentException($"SafeTensors: metadata entry '{key}' has a null key or value.", nameof(metadata));
            }
        }

        // OrderByDescending is stable, so tensors of one width keep the order given.
        var dataOrder = named.OrderByDescending(t => t.Value.DType.SizeOf()).ToList();
        var ranges = new Dictionary<string, (long Begin, long End)>(StringComparer.Ordinal);
        long position = 0;
        foreach (var (name, tensor) in dataOrder)
        {
            long length = (long)tensor.NumElements * tensor.DType.SizeOf();
            ranges.Add(name, (position, position + length));
            position += length;
        }

        return new SafeTensorsWriter(BuildHeader(named, ranges, metadata), dataOrder.Select(t => t.Value).ToList());
    }

    /// <summary>The total number of bytes <see cref="WriteTo"/> writes.</summary>
    public long Length => 8 + header.Length + dataOrder.Sum(t => (long)t.NumElements * t.DType.SizeOf());

    /// <summary>Writes the file's bytes to <paramref name="stream"/> at its current position.</summary>
    public void WriteTo(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        byte[] buffer = new byte[ChunkBytes];
        foreach (Tensor tensor in dataOrder)
        {
            if (tensor.NumElements == 0) continue;
            switch (tensor.DType)
            {
                case DType.Float32: WriteLittleEndian<float>(stream, tensor.Span<float>(), buffer); break;
                case DType.Float64: WriteLittleEndian<double>(stream, tensor.Span<double>(), buffer); break;
                case DType.Int32: WriteLittleEndian<int>(stream, tensor.Span<int>(), buffer); break;
                case DType.Int64: WriteLittleEndian<long>(stream, tensor.Span<long>(), buffer); break;
                case DType.Bool: WriteBool(stream, tensor.Span<bool>(), buffer); break;
                default: throw new NotSupportedException($"SafeTensors: cannot write tensors of dtype {tensor.DType}.");
            }
        }
    }

    static byte[] BuildHeader(List<KeyValuePair<string, Tensor>> named, Dictionary<string, (long Begin, long End)> ranges,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        // The header is never embedded in HTML, so non-ASCII names may be written as plain UTF-8.
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(SafeTensorsHeaderParser.MetadataKey);
                foreach (var (key, value) in metadata) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            foreach (var (name, tensor) in named)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", SafeTensorsDTypeInfo.FromDType(tensor.DType).Code());
                writer.WriteStartArray("shape");
                foreach (int d in tensor.shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(ranges[name].Begin);
                writer.WriteNumberValue(ranges[name].End);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }

        // Pad with spaces (valid trailing JSON whitespace) so the data starts at a multiple of 8 bytes.
        int padded = (json.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        return header;
    }

    static void WriteLittleEndian<T>(Stream stream, ReadOnlySpan<T> values, byte[] buffer) where T : unmanaged
    {
        int perChunk = buffer.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        for (int start = 0; start < values.Length; start += perChunk)
        {
            ReadOnlySpan<T> part = values.Slice(start, Math.Min(perChunk, values.Length - start));
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(part);
            if (!BitConverter.IsLittleEndian)
            {
                // Swap a copy, never the tensor itself.
                bytes.CopyTo(buffer);
                LittleEndian.FromNative(MemoryMarshal.Cast<byte, T>(buffer.AsSpan(0, bytes.Length)));
                bytes = buffer.AsSpan(0, bytes.Length);
            }
            stream.Write(bytes);
        }
    }

    static void WriteBool(Stream stream, ReadOnlySpan<bool> values, byte[] buffer)
    {
        for (int start = 0; start < values.Length; start += buffer.Length)
        {
            int n = Math.Min(buffer.Length, values.Length - start);
            // Written element by element so that the file holds exactly 0 or 1 whatever the bool's in-memory byte.
            for (int i = 0; i < n; i++) buffer[i] = values[start + i] ? (byte)1 : (byte)0;
            stream.Write(buffer, 0, n);
        }
    }
}
