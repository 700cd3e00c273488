namespace Myelin.Data;

/// <summary>
/// Small generated data sets for trying models and watching decision boundaries form: spirals,
/// moons, circles, XOR and a noisy sine. Each is deterministic given the generator's state, so
/// <c>new Generator(seed)</c> gives the same data on every run and machine.
/// </summary>
/// <remarks>
/// Points come grouped by class (all of class 0, then class 1, …; XOR cycles through its four
/// corners); shuffle before splitting. Noise is Gaussian with standard deviation <c>noise</c>,
/// computed in double precision and stored as Float32. With no generator,
/// <see cref="Generator.Default"/> is used (seed it with <see cref="Generator.ManualSeed"/>).
/// </remarks>
public static class Synthetic
{
    /// <summary>
    /// Interleaved spiral arms, one per class (the classic example a linear model cannot fit):
    /// for class k and i = 0 … n−1, radius r = i/(n−1) and angle t = 4k + 4i/(n−1) + noise·𝒩(0,1);
    /// the point is (r sin t, r cos t).
    /// </summary>
    /// <param name="samplesPerClass">Points per arm n (at least 1).</param>
    /// <param name="classes">Number of arms (at least 1).</param>
    /// <param name="noise">Standard deviation of the noise added to the angle (radians, at least 0).</param>
    /// <param name="generator">The random source; null for <see cref="Generator.Default"/>.</param>
    /// <returns>Features Float32 [n·classes, 2] inside the unit disc; labels Int64 [n·classes], n of each class; class names "0" ….</returns>
    public static LabeledData Spiral(int samplesPerClass, int classes = 3, double noise = 0.2, Generator? generator = null)
    {
        CheckPositive(samplesPerClass, nameof(samplesPerClass), "Spiral");
        CheckPositive(classes, nameof(classes), "Spiral");
        CheckNoise(noise, "Spiral");
        var random = generator ?? Generator.Default;
        int total = CheckedCount((long)samplesPerClass * classes, nameof(samplesPerClass), "Spiral");
        var points = new float[2 * total];
        var labels = new long[total];
        double step = samplesPerClass > 1 ? 1.0 / (samplesPerClass - 1) : 0.0;
        for (int k = 0; k < classes; k++)
            for (int i = 0; i < samplesPerClass; i++)
            {
                int row = k * samplesPerClass + i;
                double radius = i * step;
                double angle = 4.0 * k + 4.0 * i * step + noise * random.NextNormal();
                points[2 * row] = (float)(radius * Math.Sin(angle));
                points[2 * row + 1] = (float)(radius * Math.Cos(angle));
                labels[row] = k;
            }
        return Result(points, labels, total, classes);
    }

    /// <summary>
    /// Two interleaving half circles (as scikit-learn's <c>make_moons</c>): class 0 is the upper
    /// arc (cos θ, sin θ), class 1 the lower arc (1 − cos θ, 0.5 − sin θ), θ evenly spaced in [0, π],
    /// each coordinate plus noise·𝒩(0,1).
    /// </summary>
    /// <param name="samples">Total points (at least 1): ⌊samples/2⌋ of class 0, the rest of class 1.</param>
    /// <param name="noise">Standard deviation of the noise on each coordinate (at least 0).</param>
    /// <param name="generator">The random source; null for <see cref="Generator.Default"/>.</param>
    /// <returns>Features Float32 [samples, 2]; labels Int64 [samples] in {0, 1}; class names "0", "1".</returns>
    public static LabeledData Moons(int samples, double noise = 0.1, Generator? generator = null)
    {
        CheckPositive(samples, nameof(samples), "Moons");
        CheckedCount(samples, nameof(samples), "Moons");
        CheckNoise(noise, "Moons");
        var random = generator ?? Generator.Default;
        var points = new float[2 * samples];
        var labels = new long[samples];
        int outer = samples / 2, inner = samples - outer;
        for (int row = 0; row < samples; row++)
        {
            bool isOuter = row < outer;
            int i = isOuter ? row : row - outer, n = isOuter ? outer : inner;
            double theta = n > 1 ? Math.PI * i / (n - 1) : 0.0;
            double x = isOuter ? Math.Cos(theta) : 1.0 - Math.Cos(theta);
            double y = isOuter ? Math.Sin(theta) : 0.5 - Math.Sin(theta);
            points[2 * row] = (float)(x + noise * random.NextNormal());
            points[2 * row + 1] = (float)(y + noise * random.NextNormal());
            labels[row] = isOuter ? 0 : 1;
        }
        return Result(points, labels, samples, 2);
    }

    /// <summary>
    /// A circle inside a larger one (as scikit-learn's <c>make_circles</c>): class 0 on the unit
    /// circle, class 1 on a circle of radius <paramref name="factor"/>, angles evenly spaced in
    /// [0, 2π), each coordinate plus noise·𝒩(0,1).
    /// </summary>
    /// <param name="samples">Total points (at least 1): ⌊samples/2⌋ on the outer circle, the rest on the inner.</param>
    /// <param name="noise">Standard deviation of the noise on each coordinate (at least 0).</param>
    /// <param name="factor">Inner radius relative to the outer, in [0, 1).</param>
    /// <param name="generator">The random source; null for <see cref="Generator.Default"/>.</param>
    /// <returns>Features Float32 [samples, 2]; labels Int64 [samples] in {0, 1}; class names "0", "1".</returns>
    public static LabeledData Circles(int samples, double noise = 0.05, double factor = 0.5, Generator? generator = null)
    {
        CheckPositive(samples, nameof(samples), "Circles");
        CheckedCount(samples, nameof(samples), "Circles");
        CheckNoise(noise, "Circles");
        if (!(factor >= 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"Circles: factor must be in [0, 1), got {factor}.");
        var random = generator ?? Generator.Default;
        var points = new float[2 * samples];
        var labels = new long[samples];
        int outer = samples / 2, inner = samples - outer;
        for (int row = 0; row < samples; row++)
        {
            bool isOuter = row < outer;
            int i = isOuter ? row : row - outer, n = isOuter ? outer : inner;
            double angle = 2.0 * Math.PI * i / n;
            double radius = isOuter ? 1.0 : factor;
            points[2 * row] = (float)(radius * Math.Cos(angle) + noise * random.NextNormal());
            points[2 * row + 1] = (float)(radius * Math.Sin(angle) + noise * random.NextNormal());
            labels[row] = isOuter ? 0 : 1;
        }
        return Result(points, labels, samples, 2);
    }

    /// <summary>
    /// The XOR problem: sample i sits at corner i mod 4 of the truth table (0,0)→0, (0,1)→1,
    /// (1,0)→1, (1,1)→0, each coordinate plus noise·𝒩(0,1). With <c>samples: 4, noise: 0</c>
    /// it is exactly the four points of the textbook table.
    /// </summary>
    /// <param name="samples">Total points (at least 1).</param>
    /// <param name="noise">Standard deviation of the noise on each coordinate (at least 0); 0 gives exact corners.</param>
    /// <param name="generator">The random source; null for <see cref="Generator.Default"/>.</param>
    /// <returns>Features Float32 [samples, 2]; labels Int64 [samples] in {0, 1} (the XOR of the corner's coordinates); class names "0", "1".</returns>
    public static LabeledData Xor(int samples, double noise = 0.1, Generator? generator = null)
    {
        CheckPositive(samples, nameof(samples), "Xor");
        CheckedCount(samples, nameof(samples), "Xor");
        CheckNoise(noise, "Xor");
        var random = generator ?? Generator.Default;
        var points = new float[2 * samples];
        var labels = new long[samples];
        for (int row = 0; row < samples; row++)
        {
            int a = (row >> 1) & 1, b = row & 1; // corners in truth-table order 00, 01, 10, 11
            points[2 * row] = (float)(a + (noise > 0 ? noise * random.NextNormal() : 0.0));
            points[2 * row + 1] = (float)(b + (noise > 0 ? noise * random.NextNormal() : 0.0));
            labels[row] = a ^ b;
        }
        return Result(points, labels, samples, 2);
    }

    /// <summary>
    /// A regression task: x uniform in [−π, π), target y = sin x + noise·𝒩(0,1).
    /// </summary>
    /// <param name="samples">Number of points (at least 1).</param>
    /// <param name="noise">Standard deviation of the noise on the target (at least 0).</param>
    /// <param name="generator">The random source; null for <see cref="Generator.Default"/>.</param>
    /// <returns>Features Float32 [samples, 1] (x); labels Float32 [samples, 1] (y); no class names.</returns>
    public static LabeledData NoisySine(int samples, double noise = 0.1, Generator? generator = null)
    {
        CheckPositive(samples, nameof(samples), "NoisySine");
        CheckNoise(noise, "NoisySine");
        var random = generator ?? Generator.Default;
        var xs = new float[samples];
        var ys = new float[samples];
        for (int i = 0; i < samples; i++)
        {
            double x = Math.PI * (2.0 * random.NextDouble() - 1.0);
            xs[i] = (float)x;
            ys[i] = (float)(Math.Sin(x) + noise * random.NextNormal());
        }
        return new LabeledData(DataTensors.Float32(xs, samples, 1), DataTensors.Float32(ys, samples, 1), []);
    }

    static LabeledData Result(float[] points, long[] labels, int count, int classes)
    {
        var names = new string[classes];
        for (int k = 0; k < classes; k++) names[k] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new LabeledData(DataTensors.Float32(points, count, 2), DataTensors.Int64(labels, count), names);
    }

    static void CheckPositive(int value, string name, string method)
    {
        if (value < 1)
            throw new ArgumentOutOfRangeException(name, value, $"{method}: {name} must be at least 1, got {value}.");
    }

    static void CheckNoise(double noise, string method)
    {
        if (!(noise >= 0) || double.IsInfinity(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"{method}: noise must be a finite number at least 0, got {noise}.");
    }

    /// <summary>Two coordinates per sample must fit in one array.</summary>
    static int CheckedCount(long count, string name, string method) => count <= Array.MaxLength / 2
        ? (int)count
        : throw new ArgumentOutOfRangeException(name, count, $"{method}: {count} samples are too many for one tensor.");
}
