namespace Myelin.NN;

/// <summary>
/// Softmax along a dimension, e^xᵢ / Σⱼ e^xⱼ: turns scores into probabilities that sum to 1 along that dimension.
/// Shape: any, unchanged.
/// </summary>
public sealed class Softmax : Module
{
    /// <summary>Creates the layer acting along dimension <paramref name="dim"/> (negative counts from the end, e.g. −1 for the last).</summary>
    public Softmax(int dim) => Dim = dim;

    /// <summary>The dimension normalised over.</summary>
    public int Dim { get; }

    /// <summary>Applies the function along <see cref="Dim"/>.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.Softmax(input, Dim));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"dim={Dim}";
}
