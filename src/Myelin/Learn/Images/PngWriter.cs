using System.Buffers.Binary;
using System.IO.Compression;

namespace Myelin.Learn;

/// <summary>
/// Writes 8-bit RGB images as PNG files, the smallest way that every image viewer reads: the PNG
/// signature, an IHDR chunk (size and pixel format), one IDAT chunk (the zlib-compressed rows, each
/// preceded by filter type 0) and IEND. Every chunk ends with a CRC-32 of its type and data.
/// </summary>
public static class PngWriter
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes an image as PNG bytes.</summary>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="rgb">The pixels row by row from the top left, three bytes (red, green, blue) each: width·height·3 bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below one.</exception>
    /// <exception cref="ArgumentException">The pixel data has the wrong length.</exception>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        using var stream = new MemoryStream();
        Write(stream, width, height, rgb);
        return stream.ToArray();
    }

    /// <summary>Writes an image to a PNG file, creating its directory if needed.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="rgb">The pixels, three bytes each, row by row.</param>
    public static void Save(string path, int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] png = Encode(width, height, rgb);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllBytes(path, png);
    }

    /// <summary>Writes an image as PNG to a stream.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="rgb">The pixels, three bytes each, row by row.</param>
    public static void Write(Stream stream, int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        long expected = 3L * width * height;
        if (rgb.Length != expected)
            throw new ArgumentException(
                $"PngWriter: a {width} × {height} RGB image needs {expected} bytes (3 per pixel), got {rgb.Length}.", nameof(rgb));

        stream.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;   // bits per channel
        header[9] = 2;   // colour type 2: RGB
        header[10] = 0;  // compression: deflate
        header[11] = 0;  // filter method 0
        header[12] = 0;  // no interlacing
        WriteChunk(stream, "IHDR", header);

        // Each row starts with its filter type; 0 means the bytes are stored as they are.
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            int rowBytes = 3 * width;
            for (int row = 0; row < height; row++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb.Slice(row * rowBytes, rowBytes));
            }
        }
        WriteChunk(stream, "IDAT", compressed.ToArray());
        WriteChunk(stream, "IEND", []);
    }

    /// <summary>Reads the width and height from the start of a PNG file (its IHDR chunk).</summary>
    /// <param name="png">At least the first 24 bytes of the file.</param>
    /// <exception cref="InvalidDataException">The bytes do not start with the PNG signature and an IHDR chunk.</exception>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<byte> png)
    {
        if (png.Length < 24 || !png[..8].SequenceEqual(Signature))
            throw new InvalidDataException("PngWriter.ReadSize: the data does not start with the PNG signature.");
        if (!png.Slice(12, 4).SequenceEqual("IHDR"u8))
            throw new InvalidDataException("PngWriter.ReadSize: the first chunk is not IHDR.");
        return (BinaryPrimitives.ReadInt32BigEndian(png.Slice(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.Slice(20, 4)));
    }

    // A chunk: data length (big-endian), 4-letter type, data, CRC-32 of type and data.
    static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        Span<byte> typeBytes = stackalloc byte[4];
        for (int i = 0; i < 4; i++) typeBytes[i] = (byte)type[i];
        stream.Write(typeBytes);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(data, Crc32.Compute(typeBytes)));
        stream.Write(word);
    }
}
