namespace Myelin.NN;

/// <summary>
/// The sigmoid linear unit (swish) x·σ(x), elementwise.
/// Shape: any, unchanged.
/// </summary>
public sealed class SiLU : Module
{
    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.SiLU(input));
}
