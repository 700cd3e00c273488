using System.Text.Json;
using Myelin.Data;
using Myelin.IO;

namespace Myelin.Tests.Data;

public class ScalerTests
{
    /// <summary>The PyTorch reference of tools/make_data_fixtures.py: train [8, 3] (feature 2 constant) and test [4, 3].</summary>
    sealed class Reference
    {
        public Tensor Train = null!, Test = null!, Upstream = null!;
        public JsonElement Standard, MinMax;

        public static Reference Load()
        {
            var root = FixtureReader.Load("Data", "scalers.json");
            return new Reference
            {
                Train = Tensor.FromArray(Floats(root.GetProperty("train")), Ints(root.GetProperty("shape_train"))),
                Test = Tensor.FromArray(Floats(root.GetProperty("test")), Ints(root.GetProperty("shape_test"))),
                Upstream = Tensor.FromArray(Floats(root.GetProperty("upstream")), Ints(root.GetProperty("shape_test"))),
                Standard = root.GetProperty("standard"),
                MinMax = root.GetProperty("min_max"),
            };
        }
    }

    static float[] Floats(JsonElement values) => values.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    static int[] Ints(JsonElement values) => values.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>Float32 comparison: relative tolerance, with an absolute floor of the same size for values near zero.</summary>
    static void Close(float[] expected, Tensor actual, double tolerance)
    {
        float[] values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {values[i]}");
    }

    static Tensor GradientOfWeightedSum(Func<Tensor, Tensor> transform, Tensor input, Tensor upstream)
    {
        var x = input.Clone().RequireGrad();
        (transform(x) * upstream).Sum().Backward();
        return x.Grad!;
    }

    [Fact]
    public void StandardScalerMatchesPyTorch()
    {
        var reference = Reference.Load();
        var scaler = new StandardScaler().Fit(reference.Train);
        Close(Floats(reference.Standard.GetProperty("mean")), scaler.Mean, 1e-5);
        Close(Floats(reference.Standard.GetProperty("std")), scaler.Std, 1e-5);
        Close(Floats(reference.Standard.GetProperty("train_out")), scaler.Transform(reference.Train), 1e-5);
        Close(Floats(reference.Standard.GetProperty("test_out")), scaler.Transform(reference.Test), 1e-5);
        Close(Floats(reference.Standard.GetProperty("test_grad")), GradientOfWeightedSum(scaler.Transform, reference.Test, reference.Upstream), 1e-4);
        Assert.Equal(1f, scaler.Std.ToArray()[2]); // the constant feature
        Assert.Equal(DType.Float32, scaler.Mean.DType);
    }

    [Fact]
    public void MinMaxScalerMatchesPyTorch()
    {
        var reference = Reference.Load();
        double[] range = reference.MinMax.GetProperty("range").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var scaler = new MinMaxScaler(range[0], range[1]).Fit(reference.Train);
        Close(Floats(reference.MinMax.GetProperty("data_min")), scaler.DataMin, 1e-5);
        Close(Floats(reference.MinMax.GetProperty("data_max")), scaler.DataMax, 1e-5);
        Close(Floats(reference.MinMax.GetProperty("train_out")), scaler.Transform(reference.Train), 1e-5);
        Close(Floats(reference.MinMax.GetProperty("test_out")), scaler.Transform(reference.Test), 1e-5);
        Close(Floats(reference.MinMax.GetProperty("test_grad")), GradientOfWeightedSum(scaler.Transform, reference.Test, reference.Upstream), 1e-4);
    }

    [Fact]
    public void StandardisedTrainingDataHasMeanZeroAndStdOne()
    {
        var wine = Datasets.Wine();
        var scaled = new StandardScaler().FitTransform(wine.Features);
        Assert.Equal([178, 13], scaled.Shape.ToArray());
        foreach (float mean in scaled.Mean(0).ToArray()) Assert.InRange(mean, -1e-5f, 1e-5f);
        foreach (float std in scaled.Std(0, correction: 0).ToArray()) Assert.InRange(std, 1 - 1e-5f, 1 + 1e-5f);
    }

    [Fact]
    public void InverseTransformRecoversTheInput()
    {
        var data = Datasets.BreastCancer().Features;   // features from 1e-3 to 4e3
        var standard = new StandardScaler().Fit(data);
        var minMax = new MinMaxScaler(-1, 1).Fit(data);
        float[] original = data.ToArray();
        foreach (var roundTrip in new[] { standard.InverseTransform(standard.Transform(data)), minMax.InverseTransform(minMax.Transform(data)) })
        {
            float[] values = roundTrip.ToArray();
            for (int i = 0; i < values.Length; i++)
                Assert.True(Math.Abs(values[i] - original[i]) <= 1e-5 * Math.Max(1, Math.Abs(original[i])), $"element {i}: {original[i]} → {values[i]}");
        }
    }

    [Fact]
    public void TestDataIsScaledWithTheTrainingStatistics()
    {
        var (train, _, test) = Splits.TrainValidationTestSplit(Datasets.Iris(), 0.2, 0.3, seed: 5);
        var scaler = new StandardScaler().Fit(train.Features);
        float[] mean = scaler.Mean.ToArray(), std = scaler.Std.ToArray();

        var scaledTest = scaler.Transform(test.Features);
        Assert.Equal(mean, scaler.Mean.ToArray()); // transforming does not refit
        float[] x = test.Features.ToArray(), y = scaledTest.ToArray();
        for (int i = 0; i < y.Length; i++) Assert.Equal((x[i] - mean[i % 4]) / std[i % 4], y[i], 1e-5f);

        // The test split's own statistics differ, so its standardised mean is not exactly zero.
        float[] testMeans = scaledTest.Mean(0).ToArray();
        Assert.Contains(testMeans, m => Math.Abs(m) > 1e-3);
        var minMax = new MinMaxScaler().Fit(train.Features);
        Assert.Equal(train.Features.Min(0).ToArray(), minMax.DataMin.ToArray());
    }

    [Fact]
    public void ConstantFeaturesMapToZeroOrRangeMinWithoutDividingByZero()
    {
        var features = Tensor.FromArray(new float[] { 0.1f, 1, 0.1f, 2, 0.1f, 6 }, 3, 2);
        var standard = new StandardScaler();
        var scaled = standard.FitTransform(features).ToArray();
        Assert.Equal([0f, 0f, 0f], new[] { scaled[0], scaled[2], scaled[4] });
        Assert.Equal(1f, standard.Std.ToArray()[0]);
        Assert.Equal(0.1f, standard.Mean.ToArray()[0]);

        var minMax = new MinMaxScaler(2, 5);
        var ranged = minMax.FitTransform(features).ToArray();
        Assert.Equal([2f, 2f, 2f], new[] { ranged[0], ranged[2], ranged[4] });
        Assert.Equal([2f, 2.6f, 5f], new[] { ranged[1], ranged[3], ranged[5] });

        var single = new StandardScaler().FitTransform(Tensor.FromArray(new float[] { 3, 4 }, 1, 2));
        Assert.Equal([0f, 0f], single.ToArray());
    }

    [Fact]
    public void TransformsPassTheFloat64GradientCheck()
    {
        var train = Tensor.Randn([6, 3], new Generator(1), DType.Float64);
        var input = Tensor.Randn([4, 3], new Generator(2), DType.Float64).RequireGrad();
        var standard = new StandardScaler().Fit(train);
        var minMax = new MinMaxScaler(-2, 3).Fit(train);
        Assert.Equal(DType.Float64, standard.Mean.DType);
        GradCheck.Assert(x => standard.Transform(x[0]), [input]);
        GradCheck.Assert(x => standard.InverseTransform(x[0]), [input]);
        GradCheck.Assert(x => minMax.Transform(x[0]), [input]);
        GradCheck.Assert(x => minMax.InverseTransform(x[0]), [input]);
    }

    [Fact]
    public void IntegerFeaturesAreScaledAsFloat32()
    {
        var pixels = Tensor.FromArray(new int[] { 0, 255, 51, 0 }, 2, 2);
        var scaler = new MinMaxScaler().Fit(pixels);
        var scaled = scaler.Transform(pixels);
        Assert.Equal(DType.Float32, scaled.DType);
        Assert.Equal([0f, 1, 1, 0], scaled.ToArray());
    }

    [Fact]
    public void TransformAcceptsASingleSampleOrABatchOfSequences()
    {
        var scaler = new StandardScaler().Fit(Tensor.FromArray(new float[] { 0, 10, 2, 30 }, 2, 2));
        Assert.Equal([1f, 1], scaler.Transform(Tensor.FromArray(new float[] { 2, 30 }, 2)).ToArray());
        Assert.Equal([5, 7, 2], scaler.Transform(Tensor.Zeros(5, 7, 2)).Shape.ToArray());
    }

    [Fact]
    public void StateDictRoundTripsThroughASafetensorsFile()
    {
        var features = Datasets.Wine().Features;
        var standard = new StandardScaler().Fit(features);
        var minMax = new MinMaxScaler(-1, 1).Fit(features);
        var state = standard.StateDict("scaler.").Concat(minMax.StateDict("range.")).ToDictionary();
        Assert.Equal(["range.data_max", "range.data_min", "range.feature_range", "scaler.mean", "scaler.std"], state.Keys.Order());

        var loaded = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(state))).Tensors;
        var standard2 = new StandardScaler();
        Assert.False(standard2.IsFitted);
        standard2.LoadStateDict(loaded, "scaler.");
        var minMax2 = new MinMaxScaler();
        minMax2.LoadStateDict(loaded, "range.");
        Assert.True(standard2.IsFitted);
        Assert.Equal(-1, minMax2.RangeMin);
        Assert.Equal(1, minMax2.RangeMax);
        Assert.Equal(standard.Transform(features).ToArray(), standard2.Transform(features).ToArray());
        Assert.Equal(minMax.Transform(features).ToArray(), minMax2.Transform(features).ToArray());

        // The exported tensors are copies: changing them does not change the scaler.
        var exported = standard.StateDict();
        using (Autograd.NoGrad()) exported["mean"].Fill(100);
        Assert.NotEqual(100f, standard.Mean.ToArray()[0]);
    }

    [Fact]
    public void UsingAnUnfittedScalerIsAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StandardScaler().Transform(Tensor.Zeros(2, 2)));
        Assert.Contains("has not been fitted; call Fit", error.Message);
        Assert.Throws<InvalidOperationException>(() => new MinMaxScaler().InverseTransform(Tensor.Zeros(2, 2)));
        Assert.Throws<InvalidOperationException>(() => new StandardScaler().StateDict());
    }

    [Fact]
    public void TransformWithTheWrongFeatureCountNamesBothShapes()
    {
        var standard = new StandardScaler().Fit(Tensor.Zeros(5, 4));
        var error = Assert.Throws<ArgumentException>(() => standard.Transform(Tensor.Zeros(5, 3)));
        Assert.Contains("StandardScaler.Transform: expected features [N, 4] (the scaler was fitted on 4 features), got [5, 3]", error.Message);
        var minMax = new MinMaxScaler().Fit(Tensor.Zeros(5, 4));
        var inverse = Assert.Throws<ArgumentException>(() => minMax.InverseTransform(Tensor.Zeros(2, 4, 5)));
        Assert.Contains("MinMaxScaler.InverseTransform", inverse.Message);
        Assert.Throws<ArgumentException>(() => standard.Transform(Tensor.Scalar(1)));
    }

    [Fact]
    public void FittingRejectsBadFeatures()
    {
        var rank1 = Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(Tensor.Zeros(5)));
        Assert.Contains("expected features of shape [N, F]", rank1.Message);
        var empty = Assert.Throws<ArgumentException>(() => new MinMaxScaler().Fit(Tensor.Zeros(0, 3)));
        Assert.Contains("at least one sample", empty.Message);
        var nan = Assert.Throws<ArgumentException>(() =>
            new StandardScaler().Fit(Tensor.FromArray(new float[] { 1, 2, 3, float.NaN }, 2, 2)));
        Assert.Contains("sample 1, feature 1 is NaN", nan.Message);
        var range = Assert.Throws<ArgumentException>(() => new MinMaxScaler(1, 1));
        Assert.Contains("finite min < max, got [1, 1]", range.Message);
    }

    [Fact]
    public void LoadingABadStateIsAnError()
    {
        var mean = Tensor.Zeros(3);
        var missing = Assert.Throws<KeyNotFoundException>(() =>
            new StandardScaler().LoadStateDict(new Dictionary<string, Tensor> { ["mean"] = mean }));
        Assert.Contains("no entry 'std'", missing.Message);
        var lengths = Assert.Throws<ArgumentException>(() =>
            new StandardScaler().LoadStateDict(new Dictionary<string, Tensor> { ["mean"] = mean, ["std"] = Tensor.Ones(2) }));
        Assert.Contains("'mean' has 3 features but 'std' has 2", lengths.Message);
        var zero = Assert.Throws<ArgumentException>(() =>
            new StandardScaler().LoadStateDict(new Dictionary<string, Tensor> { ["mean"] = mean, ["std"] = Tensor.Zeros(3) }));
        Assert.Contains("must be positive", zero.Message);
        var inverted = Assert.Throws<ArgumentException>(() => new MinMaxScaler().LoadStateDict(new Dictionary<string, Tensor>
        {
            ["data_min"] = Tensor.Ones(2),
            ["data_max"] = Tensor.Zeros(2),
            ["feature_range"] = Tensor.FromArray(new float[] { 0, 1 }, 2),
        }));
        Assert.Contains("feature 0 has data_min 1 above data_max 0", inverted.Message);
        var integers = Assert.Throws<ArgumentException>(() =>
            new StandardScaler().LoadStateDict(new Dictionary<string, Tensor> { ["mean"] = Tensor.Zeros([3], DType.Int64), ["std"] = Tensor.Ones(3) }));
        Assert.Contains("Float32 or Float64 vector", integers.Message);
    }
}
