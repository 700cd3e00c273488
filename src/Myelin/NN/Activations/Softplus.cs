namespace Myelin.NN;

/// <summary>
/// Softplus log(1 + e^(βx)) / β, elementwise: a smooth ReLU. Where βx exceeds <see cref="Threshold"/> the output is x
/// (the two agree to rounding there). Shape: any, unchanged.
/// </summary>
public sealed class Softplus : Module
{
    /// <summary>Creates the activation.</summary>
    /// <param name="beta">β: larger values give a sharper bend (must be positive).</param>
    /// <param name="threshold">Above this value of βx the output is the input itself.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is not positive.</exception>
    public Softplus(double beta = 1.0, double threshold = 20.0)
    {
        if (!(beta > 0)) throw new ArgumentOutOfRangeException(nameof(beta), $"Softplus: beta must be positive, got {beta}.");
        Beta = beta;
        Threshold = threshold;
    }

    /// <summary>β, the sharpness.</summary>
    public double Beta { get; }

    /// <summary>The value of βx above which the layer is linear.</summary>
    public double Threshold { get; }

    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.Softplus(input, Beta, Threshold));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"beta={ReprFormat.Float(Beta)}, threshold={ReprFormat.Float(Threshold)}";
}
