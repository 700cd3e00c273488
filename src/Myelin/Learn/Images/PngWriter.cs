using System.Buffers.Binary;

namespace Myelin.Learn;

/// <summary>
/// Writes 8-bit RGB images as PNG files, the smallest way that every image viewer reads: the PNG
/// signature, an IHDR chunk (size and pixel format), one IDAT chunk (the zlib-compressed rows, each
/// preceded by filter type 0) and IEND. Every chunk ends with a CRC-32 of its type and data.
/// </summary>
public static class PngWriter
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => Vision.PngEncoder.Signature;

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

        Vision.PngEncoder.Write(stream, width, height, channels: 3, rgb);
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
}
