namespace Myelin.NN;

/// <summary>
/// The hyperbolic tangent, elementwise; squashes to (−1, 1).
/// Shape: any, unchanged.
/// </summary>
public sealed class Tanh : Module
{
    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.Tanh(input));
}
