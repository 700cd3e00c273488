using Myelin.NN;

namespace Myelin.Examples;

/// <summary>
/// Appends one feature to every sample: how much the batch varies, the standard deviation of each feature over
/// the batch averaged over the features (Karras et al., "Progressive Growing of GANs", 2018). Put first in a GAN's
/// discriminator, it lets the discriminator see that a generator's batch is too uniform, which pushes the
/// generator away from making the same sample again and again (mode collapse).
/// Shape: [N, F] → [N, F + 1].
/// </summary>
/// <remarks>
/// The value is mean_f √(var_n(x[n, f]) + 1e-8) with the population variance (divided by N); 1e-8 keeps the square
/// root differentiable when all samples agree. It has no parameters. In PyTorch:
/// <c>torch.cat([x, (x.var(0, unbiased=False) + 1e-8).sqrt().mean().expand(x.shape[0], 1)], 1)</c>.
/// </remarks>
public sealed class MinibatchStdDev : Module
{
    /// <summary>Added to the variance before the square root.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>Appends the batch's spread as a last feature. Shape: [N, F] → [N, F + 1].</summary>
    /// <exception cref="ArgumentException">The input is not [N, F] floating-point with N ≥ 1.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Size(0) == 0 || !input.DType.IsFloatingPoint())
            throw new ArgumentException($"MinibatchStdDev: expected a floating-point batch [N, F] with N ≥ 1, got {input.DType} {FormatShape(input.Shape)}.");
        var spread = (input.Var(0, correction: 0) + Epsilon).Sqrt().Mean();        // a scalar
        var column = spread.Reshape(1, 1).Expand(input.Size(0), 1);
        return RecordOutput(Tensor.Cat([input, column], 1));
    }
}
