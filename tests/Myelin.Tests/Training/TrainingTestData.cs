using Myelin.Data;
using Myelin.NN;

namespace Myelin.Tests.Training;

/// <summary>Small data sets and models shared by the training tests.</summary>
internal static class TrainingTestData
{
    static readonly Lazy<(TensorDataset Train, TensorDataset Validation, TensorDataset Test)> digits = new(() =>
    {
        var (train, validation, test) = Splits.TrainValidationTestSplit(Datasets.Digits(), 0.15, 0.15, seed: 42, stratify: true);
        var scaler = new StandardScaler().Fit(train.Features);
        return (new TensorDataset(scaler.Transform(train.Features), train.Labels),
                new TensorDataset(scaler.Transform(validation.Features), validation.Labels),
                new TensorDataset(scaler.Transform(test.Features), test.Labels));
    });

    /// <summary>Digits split 70/15/15 (stratified, seed 42) and standardised with the training split's statistics.</summary>
    public static (TensorDataset Train, TensorDataset Validation, TensorDataset Test) Digits => digits.Value;

    /// <summary>64 → hidden → 10 with ReLU, initialised from <paramref name="seed"/>.</summary>
    public static Sequential DigitsMlp(ulong seed, int hidden = 32)
    {
        var generator = new Generator(seed);
        return new Sequential(new Linear(64, hidden, generator: generator), new ReLU(), new Linear(hidden, 10, generator: generator));
    }

    /// <summary>Three Gaussian blobs in 4 dimensions: features Float32 [n, 4], labels Int64 [n] in 0 … 2.</summary>
    public static TensorDataset Blobs(int n, ulong seed)
    {
        var generator = new Generator(seed);
        var labels = Tensor.RandInt(0, 3, [n], generator);
        var centres = Tensor.FromArray(new float[,] { { 2, 0, 0, 1 }, { 0, 2, 0, -1 }, { 0, 0, 2, 0 } });
        var features = centres.IndexSelect(0, labels) + Tensor.Randn([n, 4], generator) * 0.5;
        return new TensorDataset(features, labels);
    }

    /// <summary>4 → 8 → 3 with Tanh, initialised from <paramref name="seed"/>.</summary>
    public static Sequential SmallClassifier(ulong seed)
    {
        var generator = new Generator(seed);
        return new Sequential(new Linear(4, 8, generator: generator), new Tanh(), new Linear(8, 3, generator: generator));
    }

    /// <summary>Every state-dict entry copied, for comparing weights across time.</summary>
    public static Dictionary<string, Tensor> Snapshot(Module model) =>
        model.StateDict().ToDictionary(e => e.Key, e => e.Value.Clone());

    public static void AssertSameWeights(IReadOnlyDictionary<string, Tensor> expected, Module model)
    {
        var actual = model.StateDict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, tensor) in expected)
            Assert.True(tensor.ToArray<double>().SequenceEqual(actual[key].ToArray<double>()), $"'{key}' differs");
    }

    public static bool SameWeights(IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b) =>
        a.All(e => e.Value.ToArray<double>().SequenceEqual(b[e.Key].ToArray<double>()));
}
