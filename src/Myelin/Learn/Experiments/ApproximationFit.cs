namespace Myelin.Learn;

/// <summary>One fit of <see cref="UniversalApproximation"/>.</summary>
/// <param name="HiddenNeurons">The width of the hidden layer.</param>
/// <param name="MeanSquaredError">The mean squared error of the fit on the sampled points.</param>
/// <param name="X">The sampled points of [−π, π].</param>
/// <param name="Target">sin(x) at those points.</param>
/// <param name="Prediction">The network's output at those points.</param>
public sealed record ApproximationFit(int HiddenNeurons, double MeanSquaredError, IReadOnlyList<double> X, IReadOnlyList<double> Target, IReadOnlyList<double> Prediction);
