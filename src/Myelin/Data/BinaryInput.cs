using System.IO.Compression;

namespace Myelin.Data;

/// <summary>
/// A binary file or stream being parsed: reads exact byte counts, tracks the offset for error
/// messages, decompresses gzip transparently (detected by the magic bytes 1f 8b), and reads a
/// payload whose size a header claims without trusting that claim to allocate memory.
/// </summary>
internal sealed class BinaryInput : IDisposable
{
    /// <summary>Chunk size for payloads of unknown length: memory grows with the bytes actually delivered.</summary>
    const int InitialChunk = 1 << 20;

    readonly Stream stream;
    readonly long? knownLength;

    BinaryInput(Stream stream, string name, bool isGzip, long? knownLength)
    {
        this.stream = stream;
        Name = name;
        IsGzip = isGzip;
        this.knownLength = knownLength;
    }

    /// <summary>The file name or stream label used in error messages.</summary>
    public string Name { get; }

    /// <summary>True when the data is gzip-compressed and being decompressed on the fly.</summary>
    public bool IsGzip { get; }

    /// <summary>Bytes consumed so far (after decompression).</summary>
    public long Position { get; private set; }

    /// <summary>Bytes left after <see cref="Position"/>, when the total length is known in advance (uncompressed, seekable input).</summary>
    public long? Remaining => knownLength - Position;

    /// <summary>Opens a file, or throws <see cref="FileNotFoundException"/> naming it.</summary>
    public static BinaryInput OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: file not found.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return FromStream(file, path, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a readable stream; the data starts at the stream's current position.</summary>
    public static BinaryInput FromStream(Stream source, string name, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.CanRead) throw new ArgumentException($"{name}: the stream is not readable.", nameof(source));
        Span<byte> magic = stackalloc byte[2];
        int got = source.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        bool isGzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        Stream replay = new PrefixedStream(magic[..got].ToArray(), source, leaveOpen);
        if (isGzip)
            return new BinaryInput(new GZipStream(replay, CompressionMode.Decompress), name, true, null);
        long? length = source.CanSeek ? source.Length - source.Position + got : null;
        return new BinaryInput(replay, name, false, length);
    }

    /// <summary>Fills <paramref name="destination"/> or throws a truncation error naming <paramref name="what"/>.</summary>
    public void ReadExactly(Span<byte> destination, string what)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            int n = ReadSome(destination[filled..]);
            if (n == 0)
                throw Error($"the data ends after {Position} bytes, in the middle of {what} ({destination.Length - filled} more bytes needed).");
            filled += n;
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes into a new array, or throws naming <paramref name="what"/>.</summary>
    public byte[] ReadBytes(int count, string what)
    {
        if (Remaining is { } left && left < count)
            throw Error($"the data ends after {Position + left} bytes, in the middle of {what} ({count} bytes needed).");
        var bytes = new byte[count];
        ReadExactly(bytes, what);
        return bytes;
    }

    /// <summary>
    /// Reads the rest of the data, which a header says is <paramref name="expectedBytes"/> long,
    /// and checks that nothing follows it. When the length is known the claim is checked before
    /// allocating; otherwise memory grows in chunks as bytes arrive, so a header that lies about
    /// a huge size fails with a truncation error instead of a huge allocation.
    /// </summary>
    public byte[] ReadPayload(long expectedBytes, string what)
    {
        if (expectedBytes > Array.MaxLength)
            throw Error($"the header describes {expectedBytes} bytes of {what}, more than the largest array .NET can hold ({Array.MaxLength} bytes).");
        if (Remaining is { } left)
        {
            if (left != expectedBytes)
                throw Error(left < expectedBytes
                    ? $"the header describes {expectedBytes} bytes of {what}, but only {left} bytes follow (truncated file?)."
                    : $"the header describes {expectedBytes} bytes of {what}, but {left} bytes follow ({left - expectedBytes} unexpected extra bytes).");
            var exact = new byte[expectedBytes];
            ReadExactly(exact, what);
            return exact;
        }

        var buffer = new byte[Math.Min(expectedBytes, InitialChunk)];
        long start = Position;
        int filled = 0;
        while (filled < expectedBytes)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(expectedBytes, 2L * buffer.Length));
            int n = ReadSome(buffer.AsSpan(filled));
            if (n == 0)
                throw Error($"the header describes {expectedBytes} bytes of {what} starting at byte {start}, but the data ends after {filled} of them (truncated file?).");
            filled += n;
        }
        Span<byte> probe = stackalloc byte[1];
        if (ReadSome(probe) != 0)
            throw Error($"unexpected data after the {expectedBytes} bytes of {what} the header describes.");
        return buffer;
    }

    /// <summary>A format error at the current offset.</summary>
    public DataFormatException Error(string reason) => new(Name, reason, byteOffset: Position);

    int ReadSome(Span<byte> destination)
    {
        int n;
        try
        {
            n = stream.Read(destination);
        }
        catch (InvalidDataException e)
        {
            // GZipStream reports corrupt compressed data this way; say where and which file.
            throw Error($"the gzip data is corrupt ({e.Message}).");
        }
        Position += n;
        return n;
    }

    public void Dispose() => stream.Dispose();
}
