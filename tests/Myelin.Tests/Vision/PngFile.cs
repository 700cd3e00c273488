using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Myelin.Tests.Vision;

/// <summary>One chunk of a PNG file as read back: its type, data and stored checksum.</summary>
public sealed record PngChunk(string Type, byte[] Data, uint StoredCrc);

/// <summary>
/// An independent reader for the PNG files the tests check: splits the chunks, recomputes each CRC bit by bit
/// (no table, unlike the encoder), and inflates the image data back to rows of samples.
/// </summary>
public static class PngFile
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static List<PngChunk> Chunks(byte[] png)
    {
        Assert.Equal(Signature, png[..8]);
        var chunks = new List<PngChunk>();
        int at = 8;
        while (at < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            byte[] data = png[(at + 8)..(at + 8 + length)];
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            chunks.Add(new PngChunk(type, data, crc));
            at += 12 + length;
        }
        Assert.Equal(png.Length, at);
        return chunks;
    }

    /// <summary>CRC-32 (polynomial 0xEDB88320, reflected) computed one bit at a time.</summary>
    public static uint BitwiseCrc(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>The CRC a chunk should carry: over its type and its data.</summary>
    public static uint ExpectedCrc(PngChunk chunk) => BitwiseCrc([.. Encoding.ASCII.GetBytes(chunk.Type), .. chunk.Data]);

    /// <summary>Width, height, bit depth and colour type from the IHDR chunk.</summary>
    public static (int Width, int Height, int BitDepth, int ColourType) Header(byte[] png)
    {
        var header = Chunks(png)[0];
        Assert.Equal("IHDR", header.Type);
        Assert.Equal(13, header.Data.Length);
        return (BinaryPrimitives.ReadInt32BigEndian(header.Data), BinaryPrimitives.ReadInt32BigEndian(header.Data.AsSpan(4)), header.Data[8], header.Data[9]);
    }

    /// <summary>The samples row by row (filter bytes checked to be 0 and removed).</summary>
    public static byte[] Samples(byte[] png)
    {
        var (width, height, _, colourType) = Header(png);
        int channels = colourType == 2 ? 3 : 1;
        var compressed = Chunks(png).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        int rowBytes = width * channels;
        Assert.Equal(height * (rowBytes + 1), raw.Length);
        var samples = new byte[height * rowBytes];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * (rowBytes + 1)]);
            Array.Copy(raw, y * (rowBytes + 1) + 1, samples, y * rowBytes, rowBytes);
        }
        return samples;
    }
}
