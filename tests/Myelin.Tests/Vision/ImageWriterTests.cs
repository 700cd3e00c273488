using System.Text.RegularExpressions;
using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class ImageWriterTests
{
    static Tensor Gradient(int height, int width)
    {
        var values = new float[height * width];
        for (int i = 0; i < values.Length; i++) values[i] = i / (float)(values.Length - 1);
        return Tensor.FromArray(values, height, width);
    }

    [Fact]
    public void PngStartsWithTheSignatureAndHasIhdrIdatIendChunksInOrder()
    {
        var png = ImageWriter.EncodePng(Gradient(3, 5));
        Assert.Equal(PngFile.Signature, png[..8]);
        Assert.Equal(["IHDR", "IDAT", "IEND"], PngFile.Chunks(png).Select(c => c.Type));
        Assert.Empty(PngFile.Chunks(png)[2].Data);
    }

    [Theory]
    [InlineData(new[] { 3, 5 }, 1, 5, 3, 0)]
    [InlineData(new[] { 1, 4, 7 }, 1, 7, 4, 0)]
    [InlineData(new[] { 3, 2, 6 }, 1, 6, 2, 2)]
    [InlineData(new[] { 3, 2, 6 }, 4, 24, 8, 2)]
    public void IhdrGivesTheWidthHeightAndColourType(int[] shape, int scale, int width, int height, int colourType)
    {
        var png = ImageWriter.EncodePng(Tensor.Zeros(shape), scale);
        var header = PngFile.Header(png);
        Assert.Equal((width, height, 8, colourType), header);
        var ihdr = PngFile.Chunks(png)[0].Data;
        Assert.Equal([0, 0, 0], ihdr[10..13]);   // deflate, adaptive filtering, no interlace
    }

    [Fact]
    public void EveryChunkCarriesTheCrcOfItsTypeAndData()
    {
        var png = ImageWriter.EncodePng(Tensor.Rand([3, 9, 11], new Generator(4)));
        foreach (var chunk in PngFile.Chunks(png))
            Assert.Equal(PngFile.ExpectedCrc(chunk), chunk.StoredCrc);
        // The IEND chunk is the same in every PNG file: its CRC is AE 42 60 82.
        Assert.Equal(0xAE426082u, PngFile.Chunks(png)[^1].StoredCrc);
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(Crc32.Compute("IENDdata"u8), Crc32.Append(Crc32.Compute("IEND"u8), "data"u8));
    }

    [Fact]
    public void GreyPixelsRoundTripThroughTheCompressedData()
    {
        var image = Gradient(4, 6);
        var samples = PngFile.Samples(ImageWriter.EncodePng(image));
        var expected = image.ToArray().Select(v => (byte)Math.Round(v * 255, MidpointRounding.AwayFromZero)).ToArray();
        Assert.Equal(expected, samples);
        Assert.Equal(0, samples[0]);
        Assert.Equal(255, samples[^1]);
    }

    [Fact]
    public void ColourPlanesAreInterleavedPerPixel()
    {
        // Red, green and blue planes of a 1×2 image: pixel 0 is (1, 0, 0.5), pixel 1 is (0, 1, 0.2).
        var image = Tensor.FromArray(new float[] { 1, 0, 0, 1, 0.5f, 0.2f }, 3, 1, 2);
        Assert.Equal([255, 0, 128, 0, 255, 51], PngFile.Samples(ImageWriter.EncodePng(image)));
    }

    [Fact]
    public void ValuesOutsideTheUnitRangeAreClampedAndScaleRepeatsPixels()
    {
        var image = Tensor.FromArray(new double[] { -3, 2 }, 1, 2);
        var samples = PngFile.Samples(ImageWriter.EncodePng(image, scale: 2));
        Assert.Equal([0, 0, 255, 255, 0, 0, 255, 255], samples);
    }

    [Fact]
    public void SavePngWritesTheSameBytesAsEncodePng()
    {
        string path = Path.Combine(Path.GetTempPath(), $"myelin-png-{Guid.NewGuid():N}.png");
        try
        {
            var image = Gradient(5, 5);
            ImageWriter.SavePng(image, path, scale: 3);
            Assert.Equal(ImageWriter.EncodePng(image, 3), File.ReadAllBytes(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SvgHasTheDisplayedSizeAndOneRectanglePerRunOfEqualPixels()
    {
        // Row 0: black, black, white; row 1: white, white, white.
        var image = Tensor.FromArray(new float[] { 0, 0, 1, 1, 1, 1 }, 2, 3);
        string svg = ImageWriter.EncodeSvg(image, scale: 10);
        Assert.Contains("width=\"30\" height=\"20\" viewBox=\"0 0 3 2\"", svg);
        var rects = Regex.Matches(svg, "<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"1\" fill=\"(#[0-9a-f]{6})\"/>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value)).ToList();
        Assert.Equal([("0", "0", "2", "#000000"), ("2", "0", "1", "#ffffff"), ("0", "1", "3", "#ffffff")], rects);
        Assert.EndsWith("</svg>\n", svg);
    }

    [Fact]
    public void SvgColoursComeFromTheThreePlanes()
    {
        var image = Tensor.FromArray(new float[] { 1, 0, 0 }, 3, 1, 1);
        Assert.Contains("fill=\"#ff0000\"", ImageWriter.EncodeSvg(image));
    }

    [Theory]
    [InlineData(new[] { 1, 1, 4, 4 }, "Remove the batch dimension")]
    [InlineData(new[] { 2, 4, 4 }, "ImageGrid.FeatureMaps")]
    [InlineData(new[] { 8 }, "got shape [8]")]
    [InlineData(new[] { 0, 4 }, "has no pixels")]
    public void ShapesThatAreNotImagesAreRejectedWithTheReason(int[] shape, string hint)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageWriter.EncodePng(Tensor.Zeros(shape)));
        Assert.StartsWith("ImageWriter.EncodePng:", error.Message);
        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public void NaNIntegerImagesAndBadScalesAreRejected()
    {
        var nan = Assert.Throws<ArgumentException>(() => ImageWriter.EncodeSvg(Tensor.FromArray(new float[] { 0, float.NaN }, 1, 2)));
        Assert.Contains("NaN at row 0, column 1", nan.Message);
        var integer = Assert.Throws<ArgumentException>(() => ImageWriter.EncodePng(Tensor.Zeros([2, 2], DType.Int64)));
        Assert.Contains("Int64", integer.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageWriter.EncodePng(Tensor.Zeros(2, 2), scale: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageWriter.EncodeSvg(Tensor.Zeros(2, 2), scale: 0));
    }
}
