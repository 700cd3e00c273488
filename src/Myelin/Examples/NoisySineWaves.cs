namespace Myelin.Examples;

/// <summary>
/// Synthetic forecasting data: sine waves a·sin(2π·t/period + phase) with Gaussian noise added to every value. Each
/// wave draws its amplitude from [0.5, 1.5], its period from [<see cref="MinPeriod"/>, <see cref="MaxPeriod"/>]
/// steps and its phase from [0, 2π), so a forecaster must read the wave's speed and position from the window.
/// </summary>
public static class NoisySineWaves
{
    /// <summary>The shortest period, in steps.</summary>
    public const double MinPeriod = 10;

    /// <summary>The longest period, in steps.</summary>
    public const double MaxPeriod = 30;

    /// <summary>
    /// One random wave of <paramref name="length"/> steps, without and with noise of standard deviation
    /// <paramref name="noise"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is not positive or the noise is negative.</exception>
    public static (double[] Clean, double[] Noisy) Wave(int length, double noise, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"NoisySineWaves: the length must be positive, got {length}.");
        if (!(noise >= 0)) throw new ArgumentOutOfRangeException(nameof(noise), $"NoisySineWaves: the noise must be a non-negative standard deviation, got {noise}.");
        double amplitude = 0.5 + generator.NextDouble();
        double period = MinPeriod + (MaxPeriod - MinPeriod) * generator.NextDouble();
        double phase = 2 * Math.PI * generator.NextDouble();
        var clean = new double[length];
        var noisy = new double[length];
        for (int t = 0; t < length; t++)
        {
            clean[t] = amplitude * Math.Sin(2 * Math.PI * t / period + phase);
            noisy[t] = clean[t] + noise * generator.NextNormal();
        }
        return (clean, noisy);
    }

    /// <summary>
    /// <paramref name="count"/> training examples, each from its own wave: a window of <paramref name="windowLength"/>
    /// noisy values and the noisy value that follows it.
    /// Shape: windows Float32 [count, windowLength, 1], next Float32 [count, 1].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or length is not positive, or the noise is negative.</exception>
    public static (Tensor Windows, Tensor Next) Windows(int count, int windowLength, double noise, Generator generator)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"NoisySineWaves: the count must be positive, got {count}.");
        if (windowLength <= 0) throw new ArgumentOutOfRangeException(nameof(windowLength), $"NoisySineWaves: the window length must be positive, got {windowLength}.");
        var windows = new float[count * windowLength];
        var next = new float[count];
        for (int i = 0; i < count; i++)
        {
            var (_, noisy) = Wave(windowLength + 1, noise, generator);
            for (int t = 0; t < windowLength; t++) windows[i * windowLength + t] = (float)noisy[t];
            next[i] = (float)noisy[windowLength];
        }
        return (Tensor.FromArray(windows, count, windowLength, 1), Tensor.FromArray(next, count, 1));
    }

    /// <summary>
    /// The mean squared error of the "repeat the last value" forecast, the baseline a forecaster must beat.
    /// Shape: windows [N, W, 1] or [N, W], next [N, 1] → a number.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not match.</exception>
    public static double RepeatLastMse(Tensor windows, Tensor next)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(next);
        if (windows.Rank is not (2 or 3) || next.Rank != 2 || next.Size(1) != 1 || windows.Size(0) != next.Size(0))
            throw new ArgumentException(
                $"NoisySineWaves.RepeatLastMse: expected windows [N, W, 1] and next values [N, 1], got {NN.Module.FormatShape(windows.Shape)} and {NN.Module.FormatShape(next.Shape)}.");
        var last = windows.Reshape(windows.Size(0), windows.Size(1)).Narrow(1, windows.Size(1) - 1, 1);
        return (last - next).Square().Mean().Item();
    }
}
