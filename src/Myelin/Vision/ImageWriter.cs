namespace Myelin.Vision;

/// <summary>
/// Saves an image tensor as a PNG or SVG file, to look at what a network sees: inputs, feature maps, filters,
/// predicted masks. Values are intensities in [0, 1] (0 black, 1 white; values outside are clamped), so
/// normalise raw activations first, for example with <see cref="ImageGrid"/>.
/// </summary>
/// <remarks>
/// <para>Shape: a grey image [H, W] or [1, H, W], or a colour image [3, H, W] (red, green, blue planes, as
/// PyTorch and torchvision store them). Float32 or Float64.</para>
/// <para>
/// The PNG encoder is minimal and self-contained: 8 bits per sample, grey or RGB, rows unfiltered and
/// compressed with <see cref="System.IO.Compression.ZLibStream"/>. The SVG holds one rectangle per run of equal
/// pixels in a row and stays sharp when zoomed.
/// </para>
/// </remarks>
/// <example><code>
/// ImageWriter.SavePng(images[0], "input.png", scale: 8);                // a [1, 28, 28] image, 224×224 pixels
/// ImageWriter.SavePng(ImageGrid.FeatureMaps(maps[0]), "maps.png", scale: 4);
/// </code></example>
public static class ImageWriter
{
    /// <summary>Writes <paramref name="image"/> as a PNG file at <paramref name="path"/> (replacing it).</summary>
    /// <param name="image">Grey [H, W] or [1, H, W], or colour [3, H, W]; values in [0, 1].</param>
    /// <param name="path">The file to write.</param>
    /// <param name="scale">Each pixel becomes a scale×scale block, to enlarge small images (1 or more).</param>
    /// <exception cref="ArgumentException">The tensor is not an image (shape or dtype), or holds NaN.</exception>
    public static void SavePng(Tensor image, string path, int scale = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pixels = ImagePixels.From(image, scale, "ImageWriter.SavePng");
        using var file = File.Create(path);
        PngEncoder.Write(pixels, file);
    }

    /// <summary>The PNG file of <paramref name="image"/> as bytes.</summary>
    /// <param name="image">Grey [H, W] or [1, H, W], or colour [3, H, W]; values in [0, 1].</param>
    /// <param name="scale">Each pixel becomes a scale×scale block (1 or more).</param>
    /// <exception cref="ArgumentException">The tensor is not an image (shape or dtype), or holds NaN.</exception>
    public static byte[] EncodePng(Tensor image, int scale = 1)
    {
        var pixels = ImagePixels.From(image, scale, "ImageWriter.EncodePng");
        using var buffer = new MemoryStream();
        PngEncoder.Write(pixels, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> as an SVG file at <paramref name="path"/> (replacing it).</summary>
    /// <param name="image">Grey [H, W] or [1, H, W], or colour [3, H, W]; values in [0, 1].</param>
    /// <param name="path">The file to write.</param>
    /// <param name="scale">The displayed size of one pixel, in SVG user units (1 or more).</param>
    /// <exception cref="ArgumentException">The tensor is not an image (shape or dtype), or holds NaN.</exception>
    public static void SaveSvg(Tensor image, string path, int scale = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, Svg(image, scale, "ImageWriter.SaveSvg"));
    }

    /// <summary>The SVG document of <paramref name="image"/>.</summary>
    /// <param name="image">Grey [H, W] or [1, H, W], or colour [3, H, W]; values in [0, 1].</param>
    /// <param name="scale">The displayed size of one pixel, in SVG user units (1 or more).</param>
    /// <exception cref="ArgumentException">The tensor is not an image (shape or dtype), or holds NaN.</exception>
    public static string EncodeSvg(Tensor image, int scale = 1) => Svg(image, scale, "ImageWriter.EncodeSvg");

    static string Svg(Tensor image, int scale, string who)
    {
        if (scale < 1)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"{who}: the scale must be at least 1, got {scale}.");
        // The SVG scales through its displayed size, so the pixels are read at their own size.
        return SvgEncoder.Encode(ImagePixels.From(image, 1, who), scale);
    }
}
