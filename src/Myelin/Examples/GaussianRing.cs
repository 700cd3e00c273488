namespace Myelin.Examples;

/// <summary>
/// The standard toy distribution for generative adversarial networks: <see cref="Modes"/> Gaussian blobs of
/// standard deviation <see cref="Std"/> whose centres sit evenly on a circle of radius <see cref="Radius"/>.
/// A generator that collapses onto a few blobs ("mode collapse") is easy to see and to count with
/// <see cref="Coverage"/>.
/// </summary>
public sealed class GaussianRing
{
    /// <summary>Creates the distribution.</summary>
    /// <param name="modes">The number of blobs.</param>
    /// <param name="radius">The circle's radius.</param>
    /// <param name="std">Each blob's standard deviation σ (both coordinates).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive.</exception>
    public GaussianRing(int modes = 8, double radius = 2, double std = 0.05)
    {
        if (modes <= 0) throw new ArgumentOutOfRangeException(nameof(modes), $"GaussianRing: the number of modes must be positive, got {modes}.");
        if (!(radius > 0) || !(std > 0))
            throw new ArgumentOutOfRangeException(nameof(radius), $"GaussianRing: the radius and standard deviation must be positive, got {radius} and {std}.");
        Modes = modes;
        Radius = radius;
        Std = std;
    }

    /// <summary>The number of blobs.</summary>
    public int Modes { get; }

    /// <summary>The circle's radius.</summary>
    public double Radius { get; }

    /// <summary>Each blob's standard deviation σ.</summary>
    public double Std { get; }

    /// <summary>The centre of blob <paramref name="mode"/>, at angle 2π·mode/Modes.</summary>
    public (double X, double Y) Center(int mode)
    {
        double angle = 2 * Math.PI * mode / Modes;
        return (Radius * Math.Cos(angle), Radius * Math.Sin(angle));
    }

    /// <summary>Draws points: a blob chosen uniformly, then Gaussian noise around its centre. Shape: Float32 [count, 2].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public Tensor Sample(int count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"GaussianRing: the sample count must be positive, got {count}.");
        var points = new float[2 * count];
        for (int i = 0; i < count; i++)
        {
            var (x, y) = Center(generator.NextInt(Modes));
            points[2 * i] = (float)(x + Std * generator.NextNormal());
            points[2 * i + 1] = (float)(y + Std * generator.NextNormal());
        }
        return Tensor.FromArray(points, count, 2);
    }

    /// <summary>
    /// How well <paramref name="samples"/> cover the blobs. Each point belongs to its nearest centre if it lies
    /// within <paramref name="sigmas"/>·σ of it, and is "off the ring" otherwise; a blob counts as covered when it
    /// holds at least <paramref name="minimumShare"/> of all points (1% by default, an eighth of the 12.5% a perfect
    /// generator puts in each of 8 blobs).
    /// Shape: samples [N, 2].
    /// </summary>
    /// <exception cref="ArgumentException">The samples are not [N, 2] with N ≥ 1.</exception>
    public ModeCoverage Coverage(Tensor samples, double sigmas = 3, double minimumShare = 0.01)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Rank != 2 || samples.Size(1) != 2 || samples.Size(0) == 0)
            throw new ArgumentException($"GaussianRing.Coverage: expected points [N, 2], got {NN.Module.FormatShape(samples.Shape)}.", nameof(samples));
        var points = samples.To(DType.Float64).Contiguous().ToArray<double>();
        int count = samples.Size(0);
        var perMode = new int[Modes];
        int near = 0;
        double limit = sigmas * Std;
        for (int i = 0; i < count; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1];
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int m = 0; m < Modes; m++)
            {
                var (cx, cy) = Center(m);
                double distance = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                if (distance < bestDistance) (best, bestDistance) = (m, distance);
            }
            if (bestDistance <= limit)
            {
                perMode[best]++;
                near++;
            }
        }
        int covered = perMode.Count(n => n > 0 && n >= minimumShare * count);
        return new ModeCoverage(covered, Modes, (double)near / count, perMode);
    }
}
