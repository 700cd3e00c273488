namespace Myelin.Learn;

/// <summary>The result of <see cref="HousePrices.Train"/>, with errors in currency.</summary>
/// <param name="TrainCount">Houses used for training.</param>
/// <param name="TestCount">Houses held out for testing.</param>
/// <param name="TrainingLoss">The training loss (on standardised prices) per epoch.</param>
/// <param name="MeanAbsoluteError">The average of |predicted − actual| on the test houses.</param>
/// <param name="RootMeanSquaredError">√(mean of (predicted − actual)²) on the test houses.</param>
/// <param name="NoiseFloor">The mean absolute error of the true formula itself on the test houses: no model can do much better.</param>
/// <param name="Examples">A few test houses with their predictions.</param>
public sealed record HousePriceReport(
    int TrainCount, int TestCount, IReadOnlyList<double> TrainingLoss,
    double MeanAbsoluteError, double RootMeanSquaredError, double NoiseFloor, IReadOnlyList<HousePrediction> Examples);
