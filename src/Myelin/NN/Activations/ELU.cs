namespace Myelin.NN;

/// <summary>
/// The exponential linear unit: x for x &gt; 0 and α(eˣ − 1) otherwise, elementwise; smooth, with negative outputs down to −α.
/// Shape: any, unchanged.
/// </summary>
public sealed class ELU : Module
{
    /// <summary>Creates the activation with saturation value <paramref name="alpha"/>.</summary>
    public ELU(double alpha = 1.0) => Alpha = alpha;

    /// <summary>α: negative inputs saturate at −α.</summary>
    public double Alpha { get; }

    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.ELU(input, Alpha));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"alpha={ReprFormat.Float(Alpha)}";
}
