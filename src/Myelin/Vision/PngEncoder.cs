using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Myelin.Vision;

/// <summary>
/// A minimal PNG encoder: 8-bit grey or RGB, no interlacing, every row with filter type 0 (none). The file is
/// the 8-byte signature and three chunks: IHDR (size and pixel format), IDAT (the rows, zlib-compressed) and
/// IEND. Each chunk is its length (4 bytes, big-endian), its type (4 ASCII letters), its data and the CRC-32 of
/// type and data.
/// </summary>
internal static class PngEncoder
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>IHDR colour types.</summary>
    const byte Greyscale = 0, Truecolour = 2;

    /// <summary>Writes <paramref name="pixels"/> as a PNG file to <paramref name="output"/>.</summary>
    public static void Write(ImagePixels pixels, Stream output) =>
        Write(output, pixels.Width, pixels.Height, pixels.Channels, pixels.Samples);

    /// <summary>
    /// Writes a <paramref name="width"/>×<paramref name="height"/> image as a PNG file to <paramref name="output"/>:
    /// <paramref name="samples"/> holds the rows from the top, <paramref name="channels"/> bytes a pixel
    /// (1: grey, 3: red, green, blue). The caller has checked the sizes.
    /// </summary>
    public static void Write(Stream output, int width, int height, int channels, ReadOnlySpan<byte> samples)
    {
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                                             // bits per sample
        header[9] = channels == 1 ? Greyscale : Truecolour;
        header[10] = 0;                                            // compression: deflate
        header[11] = 0;                                            // filtering: adaptive (each row starts with its filter type)
        header[12] = 0;                                            // no interlacing
        WriteChunk(output, "IHDR", header);

        WriteChunk(output, "IDAT", Compress(width * channels, height, samples));
        WriteChunk(output, "IEND", []);
    }

    /// <summary>The rows, each preceded by filter type 0, as one zlib stream.</summary>
    static byte[] Compress(int rowBytes, int height, ReadOnlySpan<byte> samples)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(samples.Slice(y * rowBytes, rowBytes));
            }
        }
        return compressed.ToArray();
    }

    static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        output.Write(word);
    }
}
