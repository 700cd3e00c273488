using Myelin.Data;

namespace Myelin.Vision;

/// <summary>
/// Data augmentation for image classification: each time a sample is read, its image is shifted by a random
/// whole number of pixels (up to <see cref="MaxShift"/> in each direction, the uncovered border filled with
/// <see cref="FillValue"/>) and, with probability ½, mirrored left to right. The targets pass through unchanged. Training on
/// it shows the network a slightly different version of every image in every epoch, which reduces
/// overfitting; evaluate on the original data.
/// </summary>
/// <remarks>
/// Shape: the source's inputs are images [C, H, W] or the same pixels flattened, [C·H·W] (as in tables of pixel
/// features); they come out in the same shape. The transforms are drawn from the generator in the order the
/// samples are read, so a seeded generator and a seeded shuffle repeat a run exactly.
/// </remarks>
/// <example><code>
/// var train = new RandomShiftFlipDataset(images.ToDataset(), channels: 1, height: 28, width: 28, maxShift: 2,
///     generator: new Generator(1));
/// trainer.Fit(train, validation, epochs: 15);
/// </code></example>
public sealed class RandomShiftFlipDataset : IBatchDataset
{
    readonly IBatchDataset source;
    readonly Generator generator;
    readonly object gate = new();

    /// <summary>Wraps <paramref name="source"/>.</summary>
    /// <param name="source">The samples; each input is one image of <paramref name="channels"/>·<paramref name="height"/>·<paramref name="width"/> values.</param>
    /// <param name="channels">C, the image's channels.</param>
    /// <param name="height">H, the image's rows.</param>
    /// <param name="width">W, the image's columns.</param>
    /// <param name="maxShift">The largest shift, in pixels, along each axis (0 for none).</param>
    /// <param name="horizontalFlip">Whether to mirror half of the images left to right.</param>
    /// <param name="generator">Draws the shifts and flips; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="fillValue">
    /// The value of the pixels a shift uncovers: the background's. 0 for raw images on black; for standardised
    /// images the standardised value of black, −mean / std.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the shift is negative or not smaller than the image.</exception>
    public RandomShiftFlipDataset(IBatchDataset source, int channels, int height, int width, int maxShift = 2, bool horizontalFlip = true,
        Generator? generator = null, double fillValue = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        const string who = "RandomShiftFlipDataset";
        if (channels < 1 || height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(channels), $"{who}: the image shape [{channels}, {height}, {width}] must be positive.");
        if (maxShift < 0 || maxShift >= Math.Min(height, width))
            throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift,
                $"{who}: maxShift must be at least 0 and smaller than the image ({height}×{width}), got {maxShift}.");
        this.source = source;
        Channels = channels;
        Height = height;
        Width = width;
        MaxShift = maxShift;
        HorizontalFlip = horizontalFlip;
        FillValue = fillValue;
        this.generator = generator ?? Generator.Default;
    }

    /// <summary>C, the image's channels.</summary>
    public int Channels { get; }

    /// <summary>H, the image's rows.</summary>
    public int Height { get; }

    /// <summary>W, the image's columns.</summary>
    public int Width { get; }

    /// <summary>The largest shift along each axis, in pixels.</summary>
    public int MaxShift { get; }

    /// <summary>Whether half of the images are mirrored left to right.</summary>
    public bool HorizontalFlip { get; }

    /// <summary>The value of the pixels a shift uncovers.</summary>
    public double FillValue { get; }

    /// <inheritdoc/>
    public int Count => source.Count;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The source's input is not one image of the given shape.</exception>
    public (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            var (input, target) = source[index];
            return (Augment(input, 1), target);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The source's inputs are not images of the given shape.</exception>
    public (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
    {
        var (inputs, targets) = source.GetBatch(indices);
        return (Augment(inputs, indices.Length), targets);
    }

    /// <summary>Shifts and flips each of the <paramref name="count"/> images in <paramref name="images"/>; same shape out.</summary>
    Tensor Augment(Tensor images, int count)
    {
        int imageSize = Channels * Height * Width;
        if (images.NumElements != count * imageSize || !images.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"RandomShiftFlipDataset: expected {count} floating-point image{(count == 1 ? "" : "s")} of [{Channels}, {Height}, {Width}] values, " +
                $"got a {images.DType} input of shape [{string.Join(", ", images.Shape)}].");
        var pixels = images.ToArray<double>();
        var result = new double[pixels.Length];
        Array.Fill(result, FillValue);
        for (int n = 0; n < count; n++)
        {
            int dy, dx;
            bool flip;
            lock (gate)
            {
                dy = MaxShift == 0 ? 0 : generator.NextInt(2 * MaxShift + 1) - MaxShift;
                dx = MaxShift == 0 ? 0 : generator.NextInt(2 * MaxShift + 1) - MaxShift;
                flip = HorizontalFlip && generator.NextDouble() < 0.5;
            }
            int offset = n * imageSize;
            for (int c = 0; c < Channels; c++)
                for (int y = 0; y < Height; y++)
                {
                    int fromY = y - dy;
                    if (fromY < 0 || fromY >= Height) continue;
                    for (int x = 0; x < Width; x++)
                    {
                        int shifted = x - dx;
                        if (shifted < 0 || shifted >= Width) continue;
                        int fromX = flip ? Width - 1 - shifted : shifted;
                        result[offset + (c * Height + y) * Width + x] = pixels[offset + (c * Height + fromY) * Width + fromX];
                    }
                }
        }
        var augmented = Tensor.FromArray(result, [.. images.Shape]);
        return images.DType == DType.Float64 ? augmented : augmented.To(images.DType);
    }
}
