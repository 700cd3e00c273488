using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>A regression on synthetic house prices, with errors reported in currency.</summary>
internal sealed class HousePricesDemo : Demo
{
    public override string Name => "house-prices";

    public override string Summary => "regression: predict house prices from size, rooms and age; errors in currency";

    public override int Run(DemoContext context)
    {
        context.Line("Synthetic houses: price = 50,000 + 3,000·size + 10,000·rooms − 1,000·age + noise (σ = 15,000).");
        HousePriceReport report = HousePrices.Train();
        context.Line($"A 3 → 16 → 1 ReLU network, mean squared error on standardised values, {report.TrainingLoss.Count} epochs of Adam;");
        context.Line($"{report.TrainCount} houses to train on, {report.TestCount} held out.");
        context.Line($"Training loss (standardised units): {report.TrainingLoss[0]:F3} → {report.TrainingLoss[^1]:F3}");
        context.Line();
        context.Line("  size (m²)  rooms  age (years)      actual   predicted       error");
        foreach (HousePrediction house in report.Examples)
            context.Line($"  {house.Size,9:F0}  {house.Rooms,5:F0}  {house.Age,11:F0}  {Money(house.Actual),10}  {Money(house.Predicted),10}  {Money(house.Predicted - house.Actual),10}");
        context.Line();
        context.Line($"On the held-out houses the model is off by {Money(report.MeanAbsoluteError)} on average (mean absolute error),");
        context.Line($"root mean squared error {Money(report.RootMeanSquaredError)}. The true formula itself is off by {Money(report.NoiseFloor)}:");
        context.Line("that part of the price is noise no model can predict from these three features.");
        return report.MeanAbsoluteError < 1.25 * report.NoiseFloor ? 0 : 1;
    }

    static string Money(double amount) => (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("N0");
}
