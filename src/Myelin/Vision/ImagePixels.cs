namespace Myelin.Vision;

/// <summary>
/// An image as 8-bit samples, row by row: one byte per pixel (grey) or three (red, green, blue), what the PNG
/// and SVG encoders write. Made from a tensor by <see cref="From"/>, which checks its shape and values.
/// </summary>
internal sealed class ImagePixels
{
    ImagePixels(int width, int height, int channels, byte[] samples)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Samples = samples;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>1 for grey, 3 for RGB.</summary>
    public int Channels { get; }

    /// <summary>Height·Width·Channels samples, row-major, the channels of a pixel next to each other.</summary>
    public byte[] Samples { get; }

    /// <summary>
    /// The pixels of <paramref name="image"/>: grey [H, W] or [1, H, W], or colour [3, H, W], with values in
    /// [0, 1] (values outside are clamped), each enlarged to a <paramref name="scale"/>×<paramref name="scale"/> block.
    /// </summary>
    /// <param name="image">The image tensor (Float32 or Float64).</param>
    /// <param name="scale">How many output pixels each image pixel becomes along each side (1 or more).</param>
    /// <param name="who">The calling method, for error messages.</param>
    /// <exception cref="ArgumentException">The shape or dtype is not an image's, or a value is NaN.</exception>
    public static ImagePixels From(Tensor image, int scale, string who)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (scale < 1)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"{who}: the scale must be at least 1, got {scale}.");
        if (!image.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{who}: expected a Float32 or Float64 image with values in [0, 1], got {image.DType}; convert it with image.To(DType.Float32) / 255 or similar.",
                nameof(image));
        int channels;
        if (image.Rank == 2) channels = 1;
        else if (image.Rank == 3 && image.Shape[0] is 1 or 3) channels = image.Shape[0];
        else
            throw new ArgumentException(
                $"{who}: expected a grey image [H, W] or [1, H, W], or a colour image [3, H, W], got shape {Format(image)}." +
                (image.Rank == 4 && image.Shape[0] == 1 ? " Remove the batch dimension with image[0]." : "") +
                (image.Rank == 3 ? " To see every channel of a feature map, tile them with ImageGrid.FeatureMaps." : ""),
                nameof(image));
        int height = image.Shape[^2], width = image.Shape[^1];
        if (height == 0 || width == 0)
            throw new ArgumentException($"{who}: the image {Format(image)} has no pixels.", nameof(image));
        long outputPixels = (long)height * width * scale * scale;
        if (outputPixels * channels > Array.MaxLength / 2)
            throw new ArgumentException($"{who}: the image {Format(image)} enlarged {scale} times is too large to encode.", nameof(scale));

        // Channel-last order: [H, W, C], the order PNG and SVG list samples in.
        var values = (channels == 1 ? image.Reshape(height, width) : image.Permute(1, 2, 0)).ToArray<double>();
        int outWidth = width * scale, outHeight = height * scale;
        var samples = new byte[outWidth * outHeight * channels];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    double value = values[(y * width + x) * channels + c];
                    if (double.IsNaN(value))
                        throw new ArgumentException(
                            $"{who}: the image {Format(image)} has NaN at row {y}, column {x}{(channels == 3 ? $", channel {c}" : "")}.", nameof(image));
                    byte sample = (byte)Math.Round(Math.Clamp(value, 0, 1) * 255, MidpointRounding.AwayFromZero);
                    for (int dy = 0; dy < scale; dy++)
                    {
                        int row = (y * scale + dy) * outWidth;
                        for (int dx = 0; dx < scale; dx++)
                            samples[(row + x * scale + dx) * channels + c] = sample;
                    }
                }
        return new ImagePixels(outWidth, outHeight, channels, samples);
    }

    static string Format(Tensor t) => "[" + string.Join(", ", t.Shape) + "]";
}
