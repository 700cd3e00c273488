namespace Myelin.Learn;

/// <summary>The result of <see cref="ScalarMlpComparison.CompareGradients"/>.</summary>
/// <param name="ScalarLoss">The loss computed with <see cref="Scalar.Value"/>s.</param>
/// <param name="TensorLoss">The loss computed with tensors (Float64).</param>
/// <param name="MaxGradientDifference">The largest absolute difference between corresponding parameter gradients.</param>
/// <param name="ParametersCompared">How many parameters (weights and biases) were compared.</param>
public sealed record ScalarGradientComparison(double ScalarLoss, double TensorLoss, double MaxGradientDifference, int ParametersCompared);
