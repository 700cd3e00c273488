namespace Myelin.NN;

/// <summary>
/// log(softmax(x)) along a dimension, computed stably; pairs with the negative log-likelihood loss.
/// Shape: any, unchanged.
/// </summary>
public sealed class LogSoftmax : Module
{
    /// <summary>Creates the layer acting along dimension <paramref name="dim"/> (negative counts from the end, e.g. −1 for the last).</summary>
    public LogSoftmax(int dim) => Dim = dim;

    /// <summary>The dimension normalised over.</summary>
    public int Dim { get; }

    /// <summary>Applies the function along <see cref="Dim"/>.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.LogSoftmax(input, Dim));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"dim={Dim}";
}
