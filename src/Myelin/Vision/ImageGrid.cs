namespace Myelin.Vision;

/// <summary>
/// Lays many small images out in one grid image, normalising their values to intensities in [0, 1]: the
/// channels of a feature map, the kernels of a convolution, a batch of inputs or predictions. The result goes
/// to <see cref="ImageWriter"/>.
/// </summary>
/// <remarks>
/// Tiles are placed row by row, left to right, with <c>padding</c> pixels of <c>padValue</c> between them and
/// around the grid (like torchvision's <c>make_grid</c>). The grid is a new Float32 tensor, not part of any
/// autograd graph.
/// </remarks>
/// <example><code>
/// var maps = FeatureMaps.Capture(model, image, "1")["1"];                  // [1, 8, 28, 28]
/// ImageWriter.SavePng(ImageGrid.FeatureMaps(maps), "relu1.png", scale: 4);
/// ImageWriter.SavePng(ImageGrid.Filters(conv.Weight), "conv1.png", scale: 16);
/// </code></example>
public static class ImageGrid
{
    /// <summary>
    /// Tiles the images <paramref name="tiles"/> into one grid image.
    /// Shape: [T, h, w] or [T, 1, h, w] (grey) → [H, W]; [T, 3, h, w] (colour) → [3, H, W], with
    /// H = rows·(h + padding) + padding, W = columns·(w + padding) + padding and rows = ⌈T / columns⌉.
    /// </summary>
    /// <param name="tiles">The images, any floating-point values.</param>
    /// <param name="columns">Tiles per row; null for ⌈√T⌉, a square-ish grid.</param>
    /// <param name="padding">Pixels between tiles and around the grid (0 or more).</param>
    /// <param name="normalization">How values become intensities.</param>
    /// <param name="padValue">The intensity of the padding, in [0, 1] (1 is white).</param>
    /// <exception cref="ArgumentException">The shape is not a stack of images, the tensor is not floating-point or holds NaN or infinity, or a setting is out of range.</exception>
    public static Tensor Tile(Tensor tiles, int? columns = null, int padding = 1,
        GridNormalization normalization = GridNormalization.PerTile, double padValue = 1)
    {
        const string who = "ImageGrid.Tile";
        ArgumentNullException.ThrowIfNull(tiles);
        int channels = tiles.Rank == 4 ? tiles.Shape[1] : 1;
        if (!(tiles.Rank == 3 || (tiles.Rank == 4 && channels is 1 or 3)))
            throw new ArgumentException(
                $"{who}: expected grey tiles [T, h, w] or [T, 1, h, w], or colour tiles [T, 3, h, w], got shape {Format(tiles)}.", nameof(tiles));
        return Build(who, tiles, channels, columns, padding, normalization, padValue);
    }

    /// <summary>
    /// The channels of a feature map side by side, each a grey tile: what each filter of a layer responds to.
    /// Shape: [C, H, W] or [1, C, H, W] → [Hgrid, Wgrid] (see <see cref="Tile"/>).
    /// </summary>
    /// <param name="maps">One sample's activations, e.g. a convolution's output for one image.</param>
    /// <param name="columns">Tiles per row; null for ⌈√C⌉.</param>
    /// <param name="padding">Pixels between tiles and around the grid.</param>
    /// <param name="normalization">How activations become intensities; each channel on its own by default.</param>
    /// <exception cref="ArgumentException">The shape is not one sample's feature map, or a setting is out of range.</exception>
    public static Tensor FeatureMaps(Tensor maps, int? columns = null, int padding = 1, GridNormalization normalization = GridNormalization.PerTile)
    {
        const string who = "ImageGrid.FeatureMaps";
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Rank == 4 && maps.Shape[0] == 1) maps = maps[0];
        if (maps.Rank != 3)
            throw new ArgumentException(
                $"{who}: expected one sample's feature maps [C, H, W] or [1, C, H, W], got shape {Format(maps)}" +
                (maps.Rank == 4 ? $"; pick one sample with maps[i] (or maps.Narrow(0, i, 1))." : "."), nameof(maps));
        return Build(who, maps, 1, columns, padding, normalization, 1);
    }

    /// <summary>
    /// The kernels of a convolution weight as a grid. With 3 input channels each filter is one colour tile; with
    /// 1 input channel one grey tile; otherwise row o shows filter o's kernel for each input channel, one grey
    /// tile per input channel.
    /// Shape: [out, in, kh, kw] → [3, H, W] (in = 3), else [H, W].
    /// </summary>
    /// <param name="weight">A <c>Conv2d.Weight</c>.</param>
    /// <param name="padding">Pixels between tiles and around the grid.</param>
    /// <param name="normalization">How weights become intensities; by default zero is mid-grey (see <see cref="GridNormalization.Symmetric"/>).</param>
    /// <exception cref="ArgumentException">The shape is not a 2-D convolution weight, or a setting is out of range.</exception>
    public static Tensor Filters(Tensor weight, int padding = 1, GridNormalization normalization = GridNormalization.Symmetric)
    {
        const string who = "ImageGrid.Filters";
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 4)
            throw new ArgumentException($"{who}: expected a convolution weight [out, in, kh, kw], got shape {Format(weight)}.", nameof(weight));
        int outChannels = weight.Shape[0], inChannels = weight.Shape[1], kh = weight.Shape[2], kw = weight.Shape[3];
        return inChannels switch
        {
            3 => Build(who, weight, 3, null, padding, normalization, 1),
            1 => Build(who, weight.Reshape(outChannels, kh, kw), 1, null, padding, normalization, 1),
            _ => Build(who, weight.Reshape(outChannels * inChannels, kh, kw), 1, inChannels, padding, normalization, 1),
        };
    }

    /// <summary>Lays out tiles [T, C·h·w] (C = <paramref name="channels"/>), normalised, into a grid [C, H, W] (C = 1 squeezed).</summary>
    static Tensor Build(string who, Tensor tiles, int channels, int? columns, int padding, GridNormalization normalization, double padValue)
    {
        if (!tiles.DType.IsFloatingPoint())
            throw new ArgumentException($"{who}: expected floating-point values, got {tiles.DType}; convert with To(DType.Float32).", nameof(tiles));
        int count = tiles.Shape[0], height = tiles.Shape[^2], width = tiles.Shape[^1];
        if (count == 0 || height == 0 || width == 0)
            throw new ArgumentException($"{who}: the tiles {Format(tiles)} are empty.", nameof(tiles));
        if (columns is int c && c < 1)
            throw new ArgumentOutOfRangeException(nameof(columns), c, $"{who}: columns must be at least 1, got {c}.");
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{who}: padding must be 0 or more, got {padding}.");
        if (!(padValue >= 0 && padValue <= 1))
            throw new ArgumentOutOfRangeException(nameof(padValue), padValue, $"{who}: padValue must be an intensity in [0, 1], got {padValue}.");
        if (!Enum.IsDefined(normalization))
            throw new ArgumentOutOfRangeException(nameof(normalization), normalization, $"{who}: unknown normalization.");

        int tileSize = channels * height * width;
        var values = tiles.ToArray<double>();
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{who}: tile {i / tileSize} of {Format(tiles)} holds {values[i]}; only finite values can be shown.", nameof(tiles));
        Normalize(values, tileSize, normalization);

        int cols = Math.Min(columns ?? (int)Math.Ceiling(Math.Sqrt(count)), count);
        int rows = (count + cols - 1) / cols;
        int gridHeight = rows * (height + padding) + padding, gridWidth = cols * (width + padding) + padding;
        var grid = new float[channels * gridHeight * gridWidth];
        Array.Fill(grid, (float)padValue);
        for (int t = 0; t < count; t++)
        {
            int top = padding + t / cols * (height + padding), left = padding + t % cols * (width + padding);
            for (int ch = 0; ch < channels; ch++)
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                        grid[(ch * gridHeight + top + y) * gridWidth + left + x] = (float)values[t * tileSize + (ch * height + y) * width + x];
        }
        return channels == 1 ? Tensor.FromArray(grid, gridHeight, gridWidth) : Tensor.FromArray(grid, channels, gridHeight, gridWidth);
    }

    /// <summary>Maps the values of consecutive tiles of <paramref name="tileSize"/> elements to [0, 1] in place.</summary>
    static void Normalize(double[] values, int tileSize, GridNormalization normalization)
    {
        switch (normalization)
        {
            case GridNormalization.PerTile:
                for (int start = 0; start < values.Length; start += tileSize) MinMax(values.AsSpan(start, tileSize));
                break;
            case GridNormalization.Global:
                MinMax(values);
                break;
            case GridNormalization.Symmetric:
                double largest = 0;
                foreach (double v in values) largest = Math.Max(largest, Math.Abs(v));
                for (int i = 0; i < values.Length; i++) values[i] = largest == 0 ? 0.5 : 0.5 + 0.5 * values[i] / largest;
                break;
        }
    }

    /// <summary>Maps the smallest value to 0 and the largest to 1 (all 0 when they are equal).</summary>
    static void MinMax(Span<double> values)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double v in values)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }
        double range = high - low;
        for (int i = 0; i < values.Length; i++) values[i] = range > 0 ? (values[i] - low) / range : 0;
    }

    static string Format(Tensor t) => "[" + string.Join(", ", t.Shape) + "]";
}
