using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml.Linq;
using Myelin.Learn;

namespace Myelin.Tests.Learn;

public class ImageWriterTests
{
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void ChartIsWellFormedSvgWithOneLinePerSeries()
    {
        var chart = new SvgChart("Loss <&> curves") { XLabel = "epoch", YLabel = "loss" };
        chart.AddLine("training", [0, 1, 2, 3], [1, 0.5, 0.25, 0.125]).AddLine("validation", [0, 1, 2, 3], [1, 0.6, 0.5, 0.55], dashed: true);
        chart.AddPoints("samples", [0.5, 1.5], [0.7, 0.3]);

        XDocument document = XDocument.Parse(chart.ToSvg(500, 300));
        XElement svg = document.Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("500", svg.Attribute("width")!.Value);
        Assert.Equal(2, svg.Descendants(Svg + "polyline").Count());
        Assert.Single(svg.Descendants(Svg + "polyline"), p => p.Attribute("stroke-dasharray") is not null);
        Assert.Equal(2, svg.Descendants(Svg + "circle").Count());
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Loss <&> curves", texts);
        Assert.Contains("training", texts);
        Assert.Contains("epoch", texts);
        Assert.Equal(3, chart.Series.Count);
    }

    [Fact]
    public void LinesBreakAtValuesThatCannotBeDrawn()
    {
        var chart = new SvgChart { LogY = true };
        chart.AddLine("norms", [1, 2, 3, 4, 5, 6], [1e-5, 1e-3, 0, 1e-1, double.NaN, 10]);
        XElement svg = XDocument.Parse(chart.ToSvg()).Root!;
        // 1e-5, 1e-3 | 0 dropped | 1e-1 alone | NaN | 10 alone: one piece of two points, single points are not lines.
        Assert.Single(svg.Descendants(Svg + "polyline"));
        var labels = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("1e-5", labels);
        Assert.Contains("1e1", labels);
    }

    [Fact]
    public void ChartsSideBySideShareOneDocument()
    {
        var left = new SvgChart("left").AddLine("a", [0, 1], [0, 1]);
        var right = new SvgChart("right").AddLine("b", [0, 1], [1, 0]);
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "nested", "both.svg");
        SvgChart.SaveSideBySide(path, [left, right], 300, 200);

        XElement svg = XDocument.Load(path).Root!;
        Assert.Equal("600", svg.Attribute("width")!.Value);
        Assert.Equal(2, svg.Descendants(Svg + "clipPath").Select(c => c.Attribute("id")!.Value).Distinct().Count());
    }

    [Fact]
    public void ChartRejectsBadInput()
    {
        var chart = new SvgChart();
        Assert.Contains("series 'x' has 3 x values but 2 y values",
            Assert.Throws<ArgumentException>(() => chart.AddLine("x", [1, 2, 3], [1, 2])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => chart.ToSvg(50, 50));
        Assert.Throws<ArgumentException>(() => SvgChart.SideBySide([]));
        Assert.NotNull(XDocument.Parse(chart.ToSvg()).Root);   // an empty chart still draws its axes
    }

    [Fact]
    public void PngStartsWithTheSignatureAndRoundTripsSizeAndPixels()
    {
        const int width = 5, height = 3;
        byte[] rgb = Enumerable.Range(0, width * height * 3).Select(i => (byte)(i * 7)).ToArray();
        byte[] png = PngWriter.Encode(width, height, rgb);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal((width, height), PngWriter.ReadSize(png));

        var chunks = ReadChunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.Equal([8, 2, 0, 0, 0], chunks[0].Data[8..]);   // 8 bits, RGB, deflate, filter 0, no interlace
        Assert.Empty(chunks[2].Data);

        // Decompress the rows: each is a filter byte 0 followed by the pixels.
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        byte[] raw = inflated.ToArray();
        Assert.Equal(height * (1 + 3 * width), raw.Length);
        for (int row = 0; row < height; row++)
        {
            Assert.Equal(0, raw[row * (1 + 3 * width)]);
            Assert.Equal(rgb[(row * 3 * width)..((row + 1) * 3 * width)], raw[(row * (1 + 3 * width) + 1)..((row + 1) * (1 + 3 * width))]);
        }
    }

    [Fact]
    public void EveryChunkEndsWithTheCrcOfItsTypeAndData()
    {
        byte[] png = PngWriter.Encode(2, 2, new byte[12]);
        // The IEND chunk is always the same 12 bytes; its CRC is the well-known AE 42 60 82.
        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
        foreach (var chunk in ReadChunks(png))
            Assert.Equal(ReferenceCrc([.. chunk.Type.Select(c => (byte)c), .. chunk.Data]), chunk.Crc);
    }

    [Fact]
    public void PngFileIsWrittenAndBadInputRejected()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "sub", "image.png");
        PngWriter.Save(path, 4, 2, new byte[24]);
        Assert.Equal((4, 2), PngWriter.ReadSize(File.ReadAllBytes(path)));

        Assert.Contains("needs 24 bytes (3 per pixel), got 23", Assert.Throws<ArgumentException>(() => PngWriter.Encode(4, 2, new byte[23])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Encode(0, 2, []));
        Assert.Throws<InvalidDataException>(() => PngWriter.ReadSize(new byte[30]));
    }

    static List<(string Type, byte[] Data, uint Crc)> ReadChunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (int offset = 8; offset < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            byte[] data = png[(offset + 8)..(offset + 8 + length)];
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            chunks.Add((type, data, crc));
            offset += 12 + length;
        }
        return chunks;
    }

    // The CRC-32 of the PNG specification, bit by bit.
    static uint ReferenceCrc(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
