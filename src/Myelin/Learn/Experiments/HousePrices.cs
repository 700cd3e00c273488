using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Learn;

/// <summary>
/// Regression end to end on a synthetic housing market: size (m²), rooms and age (years) decide the
/// price, plus noise the features cannot explain. Features and prices are standardised for training;
/// errors are reported back in the price's own units (currency).
/// </summary>
/// <remarks>
/// <code>price = 50,000 + 3,000·size + 10,000·rooms − 1,000·age + 𝒩(0, 15,000²)</code>
/// The noise sets the floor: even the true formula is off by about 12,000 on average (the mean absolute
/// value of the noise, 15,000·√(2/π)).
/// </remarks>
public static class HousePrices
{
    /// <summary>The standard deviation of the price noise.</summary>
    public const double NoiseStd = 15_000;

    /// <summary>The feature names, in column order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = ["size (m²)", "rooms", "age (years)"];

    /// <summary>The noise-free price of a house.</summary>
    /// <param name="size">Floor area in m².</param>
    /// <param name="rooms">Number of rooms.</param>
    /// <param name="age">Age in years.</param>
    public static double TruePrice(double size, double rooms, double age) => 50_000 + 3_000 * size + 10_000 * rooms - 1_000 * age;

    /// <summary>Draws houses: size uniform in [40, 200) m², rooms about one per 30 m² (1 to 8), age uniform in [0, 80) years.</summary>
    /// <param name="count">How many houses (at least 1).</param>
    /// <param name="generator">The random source; null for <see cref="Generator.Default"/>.</param>
    /// <returns>Features Float32 [count, 3] and prices Float32 [count, 1]; no class names (regression).</returns>
    public static LabeledData Generate(int count, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = generator ?? Generator.Default;
        var features = new float[count * 3];
        var prices = new float[count];
        for (int i = 0; i < count; i++)
        {
            double size = 40 + 160 * random.NextDouble();
            double rooms = Math.Clamp(Math.Round(size / 30 + random.NextNormal() * 0.7), 1, 8);
            double age = 80 * random.NextDouble();
            features[3 * i] = (float)size;
            features[3 * i + 1] = (float)rooms;
            features[3 * i + 2] = (float)age;
            prices[i] = (float)(TruePrice(size, rooms, age) + NoiseStd * random.NextNormal());
        }
        return new LabeledData(Tensor.FromArray(features, count, 3), Tensor.FromArray(prices, count, 1), []);
    }

    /// <summary>
    /// Generates 600 houses, holds out a quarter for testing, trains a small network
    /// (3 → 16 → 1, ReLU, Adam, mean squared error on standardised values) and measures the test errors in currency.
    /// </summary>
    /// <param name="seed">Seeds the data, the split and the weights.</param>
    /// <param name="epochs">Training epochs.</param>
    public static HousePriceReport Train(ulong seed = 11, int epochs = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        LabeledData houses = Generate(600, new Generator(seed));
        var (train, test) = Splits.TrainTestSplit(houses.Features, houses.Labels, 0.25, seed: (int)(seed % int.MaxValue));

        // Standardise inputs and the target with the training split's statistics only.
        var featureScaler = new StandardScaler().Fit(train.Features);
        var priceScaler = new StandardScaler().Fit(train.Labels);
        var trainSet = new TensorDataset(featureScaler.Transform(train.Features), priceScaler.Transform(train.Labels));

        var generator = new Generator(seed + 1);
        var model = new Sequential(new Linear(3, 16, generator: generator), new ReLU(), new Linear(16, 1, generator: generator));
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 0.01), Losses.MSE,
            new TrainerOptions { BatchSize = 32, ShuffleSeed = (int)(seed % int.MaxValue) });
        History history = trainer.Fit(trainSet, epochs: epochs);

        float[] predicted = priceScaler.InverseTransform(trainer.Predict(featureScaler.Transform(test.Features))).ToArray();
        float[] actual = test.Labels.ToArray();
        float[] features = test.Features.ToArray();
        double mae = predicted.Zip(actual, (p, a) => Math.Abs((double)p - a)).Average();
        double rmse = Math.Sqrt(predicted.Zip(actual, (p, a) => ((double)p - a) * ((double)p - a)).Average());
        double formulaMae = Enumerable.Range(0, actual.Length)
            .Average(i => Math.Abs(TruePrice(features[3 * i], features[3 * i + 1], features[3 * i + 2]) - actual[i]));
        var examples = Enumerable.Range(0, Math.Min(5, actual.Length))
            .Select(i => new HousePrediction(features[3 * i], features[3 * i + 1], features[3 * i + 2], actual[i], predicted[i]))
            .ToArray();
        return new HousePriceReport(train.Count, test.Count, history["loss"], mae, rmse, formulaMae, examples);
    }
}
