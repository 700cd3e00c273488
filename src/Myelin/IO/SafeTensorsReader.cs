using System.Buffers.Binary;

namespace Myelin.IO;

/// <summary>
/// Reads safetensors data from a stream: the 8-byte header length, the JSON header, then each
/// tensor's bytes. Sizes are checked against the stream's length before anything is allocated,
/// so a hostile header cannot make the reader allocate more than the file holds.
/// </summary>
internal static class SafeTensorsReader
{
    /// <summary>Bytes read from the stream at a time; a multiple of every element size.</summary>
    const int ChunkBytes = 1 << 20;

    /// <summary>Reads and validates the header of a seekable stream, leaving it positioned at the start of the data.</summary>
    public static SafeTensorsHeader ReadHeader(Stream stream, string? file)
    {
        long available = stream.Length - stream.Position;
        if (available < 8)
            throw new SafeTensorsFormatException(file, null,
                $"the file holds {available} bytes, too few for the 8-byte header length that begins every safetensors file.");

        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long rest = available - 8;
        if (headerLength > (ulong)rest)
            throw new SafeTensorsFormatException(file, null,
                $"the first 8 bytes give a header length of {headerLength} bytes, but only {rest} bytes follow them (the file is truncated or is not safetensors).");
        if (headerLength > SafeTensors.MaxHeaderLength)
            throw new SafeTensorsFormatException(file, null,
                $"the header length is {headerLength} bytes, more than the limit of {SafeTensors.MaxHeaderLength} bytes.");

        var json = new byte[headerLength];
        ReadFully(stream, json, file, null);
        return SafeTensorsHeaderParser.Parse(json, rest - (long)headerLength, file);
    }

    /// <summary>Reads the header and every tensor from the stream's current position to its end.</summary>
    public static SafeTensorsFile Read(Stream stream, string? file)
    {
        if (!stream.CanSeek)
        {
            // Without a length to check against, buffer the stream first: memory then grows only with bytes that really arrive.
            var buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
            stream = buffered;
        }

        SafeTensorsHeader header = ReadHeader(stream, file);
        var chunk = new byte[(int)Math.Min(ChunkBytes, (header.DataLength + 7) / 8 * 8)];
        var loaded = new Dictionary<string, Tensor>(header.Entries.Count, StringComparer.Ordinal);
        // The byte ranges tile the data buffer, so visiting them by offset reads the stream front to back.
        foreach (SafeTensorsEntry entry in header.Entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
            loaded.Add(entry.Name, ReadTensor(stream, entry, chunk, file));

        var inHeaderOrder = new Dictionary<string, Tensor>(loaded.Count, StringComparer.Ordinal);
        foreach (SafeTensorsEntry entry in header.Entries) inHeaderOrder.Add(entry.Name, loaded[entry.Name]);
        return new SafeTensorsFile(header, inHeaderOrder);
    }

    static Tensor ReadTensor(Stream stream, SafeTensorsEntry entry, byte[] chunk, string? file)
    {
        long count = entry.NumElements;
        if (count > Array.MaxLength)
            throw new NotSupportedException(
                $"{file ?? "safetensors data"}: tensor '{entry.Name}' has {count} elements, more than the {Array.MaxLength} a Myelin tensor can hold.");

        int size = entry.DType.SizeOf();
        var storage = Storage.Allocate(entry.DType.LoadsAs(), (int)count);
        int perChunk = chunk.Length / size;
        for (int done = 0; done < count;)
        {
            int n = (int)Math.Min(perChunk, count - done);
            Span<byte> raw = chunk.AsSpan(0, n * size);
            ReadFully(stream, raw, file, entry.Name);
            SafeTensorsElementDecoder.Decode(entry.DType, raw, storage.Data, done, file, entry.Name);
            done += n;
        }
        return new Tensor(storage, entry.Shape.ToArray());
    }

    static void ReadFully(Stream stream, Span<byte> buffer, string? file, string? name)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            // Only possible when the file shrinks while being read: its length was checked up front.
            throw new SafeTensorsFormatException(file, name, "the file ended before all of its data could be read.", e);
        }
    }
}
