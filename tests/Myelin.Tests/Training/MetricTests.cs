using Myelin.Training;

namespace Myelin.Tests.Training;

/// <summary>Metrics against values worked out by hand, accumulation rules and error messages.</summary>
public class MetricTests
{
    static Tensor Labels(params long[] values) => Tensor.FromArray(values);

    /// <summary>Logits [N, classes] whose largest column is <paramref name="predicted"/>[i].</summary>
    static Tensor LogitsPredicting(int classes, params long[] predicted) =>
        Labels(predicted).OneHot(classes) * 3.0 - 1.0;

    [Fact]
    public void ConfusionMatrixCountsRowsAsTrueClasses()
    {
        // actual 0 → predicted 0; actual 1 → 1, 2, 1; actual 2 → 2, 0, 2.
        var matrix = new ConfusionMatrix(numClasses: 3);
        matrix.UpdateFromLabels(predicted: Labels(0, 1, 2, 2, 1, 0, 2), actual: Labels(0, 1, 1, 2, 1, 2, 2));

        Assert.Equal(new long[] { 1, 0, 0, 0, 2, 1, 1, 0, 2 }, matrix.Matrix.ToArray<long>());
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(7, matrix.Total);
        Assert.Equal(3, matrix.Support(1));
        Assert.Equal(2, matrix.PredictedCount(0));
        Assert.Equal(5.0 / 7, matrix.Accuracy(), 12);
        Assert.Equal(
            "true \\ pred  0  1  2\n" +
            "          0  1  0  0\n" +
            "          1  0  2  1\n" +
            "          2  1  0  2",
            matrix.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ConfusionMatrixPrintsClassNamesAndWideCounts()
    {
        var matrix = new ConfusionMatrix(numClasses: 2, classNames: ["cat", "dog"]);
        matrix.UpdateFromLabels(Labels(Enumerable.Repeat(0L, 120).Append(1).ToArray()), Labels(Enumerable.Repeat(0L, 121).ToArray()));
        Assert.Equal(
            "true \\ pred  cat  dog\n" +
            "        cat  120    1\n" +
            "        dog    0    0",
            matrix.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ConfusionMatrixFromOutputsMatchesFromLabelsAndAccumulates()
    {
        var fromOutputs = new ConfusionMatrix();
        fromOutputs.Update(LogitsPredicting(3, 0, 1, 2), Labels(0, 2, 2));
        fromOutputs.Update(LogitsPredicting(3, 1), Labels(1));
        var fromLabels = new ConfusionMatrix();
        fromLabels.UpdateFromLabels(Labels(0, 1, 2, 1), Labels(0, 2, 2, 1));

        Assert.Equal(3, fromOutputs.NumClasses);
        Assert.Equal(fromLabels.Matrix.ToArray<long>(), fromOutputs.Matrix.ToArray<long>());
        fromOutputs.Reset();
        Assert.Equal(0, fromOutputs.Total);
        Assert.Equal(0, fromOutputs.NumClasses);
    }

    [Fact]
    public void MacroScoresWithAClassNeverPredicted()
    {
        // True 0 0 1 1 2 2, predicted 0 0 1 1 1 1; a fourth column (class 3) never occurs at all.
        //   class 0: TP 2, FP 0, FN 0 → P 1,   R 1, F1 1
        //   class 1: TP 2, FP 2, FN 0 → P 1/2, R 1, F1 2·2/(2·2 + 2 + 0) = 2/3
        //   class 2: TP 0, FP 0, FN 2 → P 0 (never predicted: 0/0 counts as 0), R 0, F1 0
        //   class 3: absent from both → left out of the averages
        var logits = LogitsPredicting(4, 0, 0, 1, 1, 1, 1);
        var labels = Labels(0, 0, 1, 1, 2, 2);

        var f1 = new F1Score();
        Assert.Equal(5.0 / 9, f1.Compute(logits, labels), 12);
        var perClass = f1.PerClass();
        Assert.Equal(new[] { 1, 2.0 / 3, 0 }, perClass[..3]);
        Assert.True(double.IsNaN(perClass[3]));

        Assert.Equal(0.5, new Precision().Compute(logits, labels), 12);
        Assert.Equal(2.0 / 3, new Recall().Compute(logits, labels), 12);
        var precision = new Precision();
        precision.Update(logits, labels);
        Assert.Equal(new[] { 1, 0.5, 0 }, precision.PerClass()[..3]);
    }

    [Fact]
    public void BinaryScoresCoverBothClassesAndPerClassGivesThePositiveOne()
    {
        // Logits > 0 predict 1: predicted 1 1 0 0, true 1 0 0 0.
        var precision = new Precision();
        precision.Update(Tensor.FromArray([2f, 0.5f, -1f, -3f], 4, 1), Labels(1, 0, 0, 0));
        Assert.Equal(0.5, precision.PerClass()[1], 12);      // positive class: 1 of 2 predictions right
        Assert.Equal(1.0, precision.PerClass()[0], 12);      // negative class: 2 of 2
        Assert.Equal(0.75, precision.Result(), 12);
    }

    [Fact]
    public void AccuracyAccumulatesCountsNotBatchRatios()
    {
        var accuracy = new Accuracy();
        accuracy.Update(LogitsPredicting(3, 2), Labels(2));                 // 1 of 1
        accuracy.Update(LogitsPredicting(3, 0, 1, 2), Labels(0, 2, 1));     // 1 of 3
        Assert.Equal(0.5, accuracy.Result(), 12);                           // 2 of 4, not (1 + 1/3) / 2
        Assert.Equal(2, accuracy.Correct);
        Assert.Equal(4, accuracy.Total);
        accuracy.Reset();
        Assert.True(double.IsNaN(accuracy.Result()));
    }

    [Fact]
    public void AccuracyThresholdDependsOnTheBinaryOutputKind()
    {
        var outputs = Tensor.FromArray([0.3f, 0.6f, -0.2f]);
        var targets = Tensor.FromArray([1f, 1f, 0f]);
        Assert.Equal(1.0, new Accuracy(BinaryOutputs.Logits).Compute(outputs, targets), 12);             // > 0: 1 1 0
        Assert.Equal(2.0 / 3, new Accuracy(BinaryOutputs.Probabilities).Compute(outputs, targets), 12); // > 0.5: 0 1 0
        Assert.Equal(2.0 / 3, new Accuracy(BinaryOutputs.Probabilities).Compute(outputs.Unsqueeze(1), targets.Unsqueeze(1)), 12);
    }

    [Fact]
    public void AccuracyAcceptsOneHotAndInt32Targets()
    {
        var logits = LogitsPredicting(3, 0, 1, 2, 2);
        Assert.Equal(0.75, new Accuracy().Compute(logits, Labels(0, 1, 2, 0).OneHot(3)), 12);
        Assert.Equal(0.75, new Accuracy().Compute(logits, Labels(0, 1, 2, 0).To(DType.Int32)), 12);
    }

    [Fact]
    public void TopKAccuracyCountsTheTrueClassAmongTheBestK()
    {
        var logits = Tensor.FromArray(new float[,] { { 0.1f, 0.5f, 0.4f }, { 0.9f, 0.05f, 0.05f }, { 0.2f, 0.3f, 0.5f } });
        var labels = Labels(2, 1, 0);
        // Sample 0: one class scores higher than the true one; sample 1: one (the tie does not
        // count against it); sample 2: two.
        Assert.Equal(2.0 / 3, new TopKAccuracy(2).Compute(logits, labels), 12);
        Assert.Equal(0.0, new TopKAccuracy(1).Compute(logits, labels), 12);
        Assert.Equal(1.0, new TopKAccuracy(3).Compute(logits, labels), 12);
        Assert.Equal("top_2_accuracy", new TopKAccuracy(2).Name);
    }

    [Fact]
    public void RegressionMetricsByHand()
    {
        // y = 1 2 3 4, ŷ = 1 2 3 5: one error of 1. SS_res = 1; mean 2.5, SS_tot = 5.
        var prediction = Tensor.FromArray([1f, 2f, 3f, 5f], 4, 1);
        var target = Tensor.FromArray([1f, 2f, 3f, 4f]);
        Assert.Equal(0.25, new MeanAbsoluteError().Compute(prediction, target), 12);
        Assert.Equal(0.5, new RootMeanSquaredError().Compute(prediction, target), 12);
        Assert.Equal(0.8, new R2Score().Compute(prediction, target), 12);

        var r2 = new R2Score();
        r2.Update(prediction.Narrow(0, 0, 3), target.Narrow(0, 0, 3));
        r2.Update(prediction.Narrow(0, 3, 1), target.Narrow(0, 3, 1));
        Assert.Equal(0.8, r2.Result(), 12);

        var rmse = new RootMeanSquaredError();
        rmse.Update(prediction.Narrow(0, 0, 3), target.Narrow(0, 0, 3));   // RMSE 0 over 3
        rmse.Update(prediction.Narrow(0, 3, 1), target.Narrow(0, 3, 1));   // RMSE 1 over 1
        Assert.Equal(0.5, rmse.Result(), 12);                               // √(1/4), not (0 + 1) / 2
    }

    [Fact]
    public void R2EdgeCasesFollowScikitLearn()
    {
        var constant = Tensor.FromArray([2f, 2f, 2f]);
        Assert.Equal(1.0, new R2Score().Compute(constant, constant));
        Assert.Equal(0.0, new R2Score().Compute(Tensor.FromArray([2f, 2f, 3f]), constant));
        Assert.True(double.IsNaN(new R2Score().Compute(Tensor.FromArray([1f]), Tensor.FromArray([2f]))));
        Assert.True(new R2Score().Compute(Tensor.FromArray([3f, 2f, 1f]), Tensor.FromArray([1f, 2f, 3f])) < 0);
    }

    [Fact]
    public void MetricsDoNotRecordGraphs()
    {
        var logits = Tensor.Randn(4, 3).RequireGrad();
        var accuracy = new Accuracy();
        accuracy.Update(logits * 2.0, Labels(0, 1, 2, 0));
        Assert.Null(logits.Grad);
        Assert.False(double.IsNaN(accuracy.Result()));
    }

    [Fact]
    public void NamesAndDirections()
    {
        Assert.Equal(["accuracy", "precision", "recall", "f1", "mae", "rmse", "r2"],
            new Metric[] { new Accuracy(), new Precision(), new Recall(), new F1Score(), new MeanAbsoluteError(), new RootMeanSquaredError(), new R2Score() }.Select(m => m.Name));
        Assert.True(new Accuracy().HigherIsBetter);
        Assert.True(new R2Score().HigherIsBetter);
        Assert.False(new MeanAbsoluteError().HigherIsBetter);
        Assert.False(new RootMeanSquaredError().HigherIsBetter);
        Assert.Equal("acc", new Accuracy(name: "acc").Name);
    }

    [Fact]
    public void BadInputsNameTheMetricAndShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Accuracy().Compute(Tensor.Zeros(4, 3), Labels(0, 1, 2, 0, 1)));
        Assert.Contains("Accuracy", e.Message);
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[5]", e.Message);

        e = Assert.Throws<ArgumentException>(() => new Accuracy().Compute(Tensor.Zeros(2, 3), Labels(0, 3)));
        Assert.Contains("label 3 at sample 1 is not a class index in 0 … 2", e.Message);

        e = Assert.Throws<ArgumentException>(() => new F1Score().Compute(Tensor.Zeros(2, 1), Labels(0, 2)));
        Assert.Contains("F1Score", e.Message);
        Assert.Contains("not 0 or 1", e.Message);

        e = Assert.Throws<ArgumentException>(() => new MeanAbsoluteError().Compute(Tensor.Zeros(4, 2), Tensor.Zeros(4)));
        Assert.Contains("MeanAbsoluteError", e.Message);
        Assert.Contains("[4, 2]", e.Message);

        e = Assert.Throws<ArgumentException>(() => new TopKAccuracy(2).Compute(Tensor.Zeros(4), Labels(0, 1, 1, 0)));
        Assert.Contains("TopKAccuracy", e.Message);

        e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(Tensor.Zeros(2, 4), Labels(0, 1), numClasses: 3));
        Assert.Contains("4 classes", e.Message);

        var r2 = new R2Score();
        r2.Update(Tensor.Zeros(3, 2), Tensor.Ones(3, 2));
        e = Assert.Throws<ArgumentException>(() => r2.Update(Tensor.Zeros(3), Tensor.Ones(3)));
        Assert.Contains("earlier batches had 2", e.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKAccuracy(0));
        Assert.Throws<ArgumentException>(() => new Accuracy(name: "val_accuracy"));
        Assert.Throws<ArgumentException>(() => new Accuracy(name: "my accuracy"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(numClasses: 0));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(numClasses: 3, classNames: ["a", "b"]));
        var huge = new ConfusionMatrix();
        e = Assert.Throws<ArgumentException>(() => huge.UpdateFromLabels(Labels(100_000), Labels(0)));
        Assert.Contains("pass numClasses", e.Message);
    }
}
