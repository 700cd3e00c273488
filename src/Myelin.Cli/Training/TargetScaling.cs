using Myelin.Cli.Display;

namespace Myelin.Cli.Training;

/// <summary>
/// Standardises a regression target with the training split's mean and standard deviation, so that the
/// network learns numbers near 0 whatever the target's units; predictions are mapped back with <see cref="Inverse"/>.
/// </summary>
/// <param name="Mean">The training targets' mean.</param>
/// <param name="Std">The training targets' population standard deviation (1 when the target is constant).</param>
internal readonly record struct TargetScaling(double Mean, double Std)
{
    /// <summary>The statistics of training targets [N].</summary>
    /// <exception cref="CliException">A target is NaN or infinite.</exception>
    public static TargetScaling Fit(Tensor targets)
    {
        var values = targets.ToArray();
        double mean = 0, squares = 0;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) throw new CliException($"the regression target has a non-finite value ({Numbers.RoundTrip(v)}).");
            mean += v;
        }
        mean /= values.Length;
        foreach (float v in values) squares += (v - mean) * (v - mean);
        double std = Math.Sqrt(squares / values.Length);
        return new TargetScaling(mean, std > 0 ? std : 1);
    }

    /// <summary>Standardised targets as a column. Shape: [N] → [N, 1], the network's output shape.</summary>
    public Tensor Transform(Tensor targets) => ((targets - Mean) / Std).Reshape(-1, 1);

    /// <summary>Network outputs back in the target's units. Shape: [N] → [N].</summary>
    public Tensor Inverse(Tensor outputs) => outputs * Std + Mean;
}
