namespace Myelin.Learn;

/// <summary>One test house and the price a <see cref="HousePrices"/> model predicted for it.</summary>
/// <param name="Size">Floor area in m².</param>
/// <param name="Rooms">Number of rooms.</param>
/// <param name="Age">Age in years.</param>
/// <param name="Actual">The sale price.</param>
/// <param name="Predicted">The model's price.</param>
public sealed record HousePrediction(double Size, double Rooms, double Age, double Actual, double Predicted);
