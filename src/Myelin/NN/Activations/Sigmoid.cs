namespace Myelin.NN;

/// <summary>
/// The logistic sigmoid σ(x) = 1 / (1 + e⁻ˣ), elementwise; squashes to (0, 1).
/// Shape: any, unchanged.
/// </summary>
public sealed class Sigmoid : Module
{
    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.Sigmoid(input));
}
