namespace Myelin.Vision;

/// <summary>
/// Generated images of circles, squares and triangles on noisy backgrounds, for learning tasks beyond
/// classification: segmentation (a class for every pixel) and localization (the class and box of an object).
/// The same generator state gives the same images.
/// </summary>
/// <remarks>
/// Each image has a random background level in [0, 0.3]; each shape a random size, position and intensity in
/// [0.6, 1]; then Gaussian noise of standard deviation <c>noise</c> is added to every pixel. A shape's extent is
/// set by its radius r: a disc of radius r, a square of side 2r, a triangle 2r tall and 2r wide at its base. A
/// pixel belongs to a shape when its centre lies inside it.
/// </remarks>
public static class SyntheticShapes
{
    /// <summary>
    /// A single noiseless shape: 1 inside, 0 outside. Shape: [size, size], Float32.
    /// </summary>
    /// <param name="kind">The shape.</param>
    /// <param name="size">The image's height and width, S.</param>
    /// <param name="centerRow">The shape's centre, in pixels from the top edge (pixel centres are at 0.5, 1.5, …).</param>
    /// <param name="centerColumn">The shape's centre, in pixels from the left edge.</param>
    /// <param name="radius">Half the shape's height and width, in pixels.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size or radius is not positive, or the kind is unknown.</exception>
    public static Tensor Draw(ShapeKind kind, int size, double centerRow, double centerColumn, double radius)
    {
        CheckKind(kind, "SyntheticShapes.Draw");
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, $"SyntheticShapes.Draw: size must be positive, got {size}.");
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, $"SyntheticShapes.Draw: radius must be positive, got {radius}.");
        var pixels = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                pixels[y * size + x] = Inside(kind, y + 0.5 - centerRow, x + 0.5 - centerColumn, radius) ? 1 : 0;
        return Tensor.FromArray(pixels, size, size);
    }

    /// <summary>
    /// Images with one to <paramref name="maxShapes"/> shapes each (not overlapping) and the class of every pixel.
    /// Shape: images [N, 1, S, S], masks [N, S, S].
    /// </summary>
    /// <param name="count">N, the number of images.</param>
    /// <param name="size">S, the height and width of each image (at least 8).</param>
    /// <param name="maxShapes">The most shapes per image (at least 1).</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to every pixel.</param>
    /// <param name="generator">The source of randomness; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count, size or noise level is out of range.</exception>
    public static ShapeSegmentationSet Segmentation(int count, int size = 16, int maxShapes = 2, double noise = 0.1, Generator? generator = null)
    {
        const string who = "SyntheticShapes.Segmentation";
        CheckSettings(who, count, size, noise);
        if (maxShapes < 1)
            throw new ArgumentOutOfRangeException(nameof(maxShapes), maxShapes, $"{who}: maxShapes must be at least 1, got {maxShapes}.");
        generator ??= Generator.Default;
        var images = new float[count * size * size];
        var masks = new long[count * size * size];
        for (int n = 0; n < count; n++)
        {
            var image = images.AsSpan(n * size * size, size * size);
            var mask = masks.AsSpan(n * size * size, size * size);
            double background = 0.3 * generator.NextDouble();
            image.Fill((float)background);
            int shapes = 1 + generator.NextInt(maxShapes);
            for (int s = 0; s < shapes; s++)
            {
                var kind = (ShapeKind)generator.NextInt(3);
                double intensity = 0.6 + 0.4 * generator.NextDouble();
                // A few tries for a place that does not touch the shapes already drawn; otherwise the image has fewer shapes.
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    var (row, column, radius) = Placement(size, generator);
                    if (!Fits(mask, size, kind, row, column, radius)) continue;
                    foreach (int at in Pixels(size, kind, row, column, radius))
                    {
                        image[at] = (float)intensity;
                        mask[at] = 1 + (int)kind;
                    }
                    break;
                }
            }
            AddNoise(image, noise, generator);
        }
        return new ShapeSegmentationSet(Tensor.FromArray(images, count, 1, size, size), Tensor.FromArray(masks, count, size, size));
    }

    /// <summary>
    /// Images with one shape each, its kind and its bounding box. Shape: images [N, 1, S, S], labels [N], boxes [N, 4].
    /// </summary>
    /// <param name="count">N, the number of images.</param>
    /// <param name="size">S, the height and width of each image (at least 8).</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to every pixel.</param>
    /// <param name="generator">The source of randomness; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count, size or noise level is out of range.</exception>
    public static ShapeLocalizationSet Localization(int count, int size = 16, double noise = 0.1, Generator? generator = null)
    {
        const string who = "SyntheticShapes.Localization";
        CheckSettings(who, count, size, noise);
        generator ??= Generator.Default;
        var images = new float[count * size * size];
        var labels = new long[count];
        var boxes = new float[count * 4];
        for (int n = 0; n < count; n++)
        {
            var image = images.AsSpan(n * size * size, size * size);
            image.Fill((float)(0.3 * generator.NextDouble()));
            var kind = (ShapeKind)generator.NextInt(3);
            float intensity = (float)(0.6 + 0.4 * generator.NextDouble());
            var (row, column, radius) = Placement(size, generator);
            int top = size, left = size, bottom = -1, right = -1;
            foreach (int at in Pixels(size, kind, row, column, radius))
            {
                image[at] = intensity;
                int y = at / size, x = at % size;
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
                left = Math.Min(left, x);
                right = Math.Max(right, x);
            }
            labels[n] = (int)kind;
            boxes[4 * n] = (float)left / size;
            boxes[4 * n + 1] = (float)top / size;
            boxes[4 * n + 2] = (float)(right + 1) / size;
            boxes[4 * n + 3] = (float)(bottom + 1) / size;
            AddNoise(image, noise, generator);
        }
        return new ShapeLocalizationSet(Tensor.FromArray(images, count, 1, size, size), Tensor.FromArray(labels, count), Tensor.FromArray(boxes, count, 4));
    }

    /// <summary>
    /// A random centre and radius: the radius between 15% and 30% of the image size, the centre far enough from
    /// the edges for the whole shape to fit.
    /// </summary>
    static (double Row, double Column, double Radius) Placement(int size, Generator generator)
    {
        double radius = size * (0.15 + 0.15 * generator.NextDouble());
        double row = radius + (size - 2 * radius) * generator.NextDouble();
        double column = radius + (size - 2 * radius) * generator.NextDouble();
        return (row, column, radius);
    }

    /// <summary>True when the shape and a one-pixel margin around it cover only background pixels of <paramref name="mask"/>.</summary>
    static bool Fits(Span<long> mask, int size, ShapeKind kind, double row, double column, double radius)
    {
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (mask[y * size + x] != 0 && Inside(kind, y + 0.5 - row, x + 0.5 - column, radius + 1)) return false;
        return true;
    }

    /// <summary>The row-major indices of the pixels whose centres are inside the shape.</summary>
    static List<int> Pixels(int size, ShapeKind kind, double row, double column, double radius)
    {
        var pixels = new List<int>();
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (Inside(kind, y + 0.5 - row, x + 0.5 - column, radius)) pixels.Add(y * size + x);
        return pixels;
    }

    /// <summary>Whether the point (dy, dx) from the shape's centre is inside a shape of radius r.</summary>
    static bool Inside(ShapeKind kind, double dy, double dx, double r) => kind switch
    {
        ShapeKind.Circle => dy * dy + dx * dx <= r * r,
        ShapeKind.Square => Math.Abs(dy) <= r && Math.Abs(dx) <= r,
        // The apex at dy = −r, the base (2r wide) at dy = +r: half the width grows linearly from 0 to r.
        _ => dy >= -r && dy <= r && Math.Abs(dx) <= (dy + r) / 2,
    };

    static void AddNoise(Span<float> image, double noise, Generator generator)
    {
        if (noise == 0) return;
        for (int i = 0; i < image.Length; i++) image[i] += (float)(noise * generator.NextNormal());
    }

    static void CheckSettings(string who, int count, int size, double noise)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"{who}: count must be at least 1, got {count}.");
        if (size < 8) throw new ArgumentOutOfRangeException(nameof(size), size, $"{who}: size must be at least 8 pixels, got {size}.");
        if (!(noise >= 0) || double.IsInfinity(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"{who}: noise must be a standard deviation ≥ 0, got {noise}.");
    }

    static void CheckKind(ShapeKind kind, string who)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{who}: unknown shape kind {(int)kind}.");
    }
}
