using Myelin.Training;
using static Myelin.Tests.Training.TrainingFixtures;

namespace Myelin.Tests.Training;

/// <summary>
/// Metrics against values computed by PyTorch from their definitions, on the whole data at once
/// and accumulated over batches of unequal sizes (which must give the same result).
/// </summary>
public class MetricFixtureTests
{
    static readonly System.Text.Json.JsonElement Multiclass = Metrics.GetProperty("multiclass");
    static readonly System.Text.Json.JsonElement Binary = Metrics.GetProperty("binary");
    static readonly System.Text.Json.JsonElement Regression = Metrics.GetProperty("regression");

    static double Accumulate(Metric metric, Tensor output, Tensor target, int[] batchSizes)
    {
        metric.Reset();
        int start = 0;
        foreach (int size in batchSizes)
        {
            metric.Update(output.Narrow(0, start, size), target.Narrow(0, start, size));
            start += size;
        }
        Assert.Equal(output.Size(0), start);
        return metric.Result();
    }

    static int[] BatchSizes(System.Text.Json.JsonElement e) => e.GetProperty("batch_sizes").EnumerateArray().Select(x => x.GetInt32()).ToArray();

    static (Tensor Logits, Tensor Labels) MulticlassData() =>
        (Decode(Multiclass.GetProperty("logits"), DType.Float32), Decode(Multiclass.GetProperty("labels"), DType.Int64));

    static (Tensor Prediction, Tensor Target) RegressionData() =>
        (Decode(Regression.GetProperty("prediction"), DType.Float32), Decode(Regression.GetProperty("target"), DType.Float32));

    /// <summary>The metric over all the data at once, and accumulated over the fixture's batches, both give the expected value.</summary>
    static void AssertWholeAndBatched(string kind, double expected, Tensor output, Tensor target, int[] batchSizes, double relative)
    {
        AssertClose(expected, Create(kind).Compute(output, target), relative, $"{kind} at once");
        AssertClose(expected, Accumulate(Create(kind), output, target, batchSizes), relative, $"{kind} over batches");
    }

    public static TheoryData<string, string> ClassificationMetrics => new()
    {
        { "accuracy", "accuracy" },
        { "top2", "top2_accuracy" },
        { "precision", "precision_macro" },
        { "recall", "recall_macro" },
        { "f1", "f1_macro" },
    };

    static Metric Create(string kind) => kind switch
    {
        "accuracy" => new Accuracy(),
        "top2" => new TopKAccuracy(2),
        "precision" => new Precision(),
        "recall" => new Recall(),
        "f1" => new F1Score(),
        "mae" => new MeanAbsoluteError(),
        "rmse" => new RootMeanSquaredError(),
        "r2" => new R2Score(),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(ClassificationMetrics))]
    public void ClassificationMetricMatchesPyTorchWholeAndBatched(string kind, string key)
    {
        var (logits, labels) = MulticlassData();
        AssertWholeAndBatched(kind, Multiclass.GetProperty(key).GetDouble(), logits, labels, BatchSizes(Multiclass), 1e-12);
    }

    [Fact]
    public void ConfusionMatrixAndPerClassScoresMatchPyTorch()
    {
        var (logits, labels) = MulticlassData();

        var matrix = ConfusionMatrix.Compute(logits, labels);
        var expected = Decode(Multiclass.GetProperty("confusion_matrix"), DType.Int64);
        Assert.Equal(DType.Int64, matrix.Matrix.DType);
        Assert.Equal(expected.ToArray<long>(), matrix.Matrix.ToArray<long>());
        Assert.Equal(new[] { 5, 5 }, matrix.Matrix.Shape.ToArray());

        foreach (var (metric, key) in new (ClassificationScore, string)[] { (new Precision(), "precision_per_class"), (new Recall(), "recall_per_class"), (new F1Score(), "f1_per_class") })
        {
            Accumulate(metric, logits, labels, BatchSizes(Multiclass));
            var want = DoublesOrNaN(Multiclass.GetProperty(key));
            var got = metric.PerClass();
            Assert.Equal(want.Length, got.Length);
            for (int c = 0; c < want.Length; c++)
                if (double.IsNaN(want[c])) Assert.True(double.IsNaN(got[c]), $"{key}[{c}] should be NaN (class absent), got {got[c]}");
                else AssertClose(want[c], got[c], 1e-12, $"{key}[{c}]");
        }
    }

    [Fact]
    public void BinaryAccuracyUsesTheThresholdOfItsOutputKind()
    {
        var logits = Decode(Binary.GetProperty("logits"), DType.Float32);
        var probabilities = Decode(Binary.GetProperty("probabilities"), DType.Float32);
        var labels = Decode(Binary.GetProperty("labels"), DType.Int64);

        AssertClose(Binary.GetProperty("accuracy_logits").GetDouble(), new Accuracy().Compute(logits, labels), 1e-12, "logits [N, 1]");
        AssertClose(Binary.GetProperty("accuracy_probabilities").GetDouble(),
            new Accuracy(BinaryOutputs.Probabilities).Compute(probabilities, labels), 1e-12, "probabilities [N]");

        var scores = Binary.GetProperty("logits_scores");
        AssertClose(scores.GetProperty("f1_macro").GetDouble(), new F1Score().Compute(logits, labels), 1e-12, "binary F1");
        Assert.Equal(Decode(scores.GetProperty("confusion_matrix"), DType.Int64).ToArray<long>(),
            ConfusionMatrix.Compute(logits, labels).Matrix.ToArray<long>());
    }

    [Theory]
    [InlineData("mae", "mae")]
    [InlineData("rmse", "rmse")]
    [InlineData("r2", "r2")]
    public void RegressionMetricMatchesPyTorchWholeAndBatched(string kind, string key)
    {
        var (prediction, target) = RegressionData();
        AssertWholeAndBatched(kind, Regression.GetProperty(key).GetDouble(), prediction, target, BatchSizes(Regression), 1e-9);
    }

    [Fact]
    public void R2OfEachOutputMatchesPyTorch()
    {
        var (prediction, target) = RegressionData();
        var perOutput = Regression.GetProperty("r2_per_output").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (int k = 0; k < perOutput.Length; k++)
            AssertClose(perOutput[k], Accumulate(new R2Score(), prediction.Select(1, k), target.Select(1, k), BatchSizes(Regression)), 1e-9, $"R² of output {k}");
    }
}
