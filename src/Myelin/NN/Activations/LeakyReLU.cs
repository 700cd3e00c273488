namespace Myelin.NN;

/// <summary>
/// x for x ≥ 0 and <see cref="NegativeSlope"/>·x below, elementwise: a ReLU that keeps a small gradient for negative inputs.
/// Shape: any, unchanged.
/// </summary>
public sealed class LeakyReLU : Module
{
    /// <summary>Creates the activation with slope <paramref name="negativeSlope"/> for negative inputs.</summary>
    public LeakyReLU(double negativeSlope = 0.01) => NegativeSlope = negativeSlope;

    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.LeakyReLU(input, NegativeSlope));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"negative_slope={ReprFormat.Float(NegativeSlope)}";
}
