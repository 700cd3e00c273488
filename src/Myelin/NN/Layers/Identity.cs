namespace Myelin.NN;

/// <summary>
/// Returns its input unchanged: a placeholder, e.g. to switch a layer off without changing the model's structure.
/// Shape: any, unchanged.
/// </summary>
public sealed class Identity : Module
{
    /// <summary>Returns <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(input);
}
