namespace Myelin.NN;

/// <summary>
/// The rectified linear unit max(0, x), elementwise.
/// Shape: any, unchanged.
/// </summary>
public sealed class ReLU : Module
{
    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.ReLU(input));
}
