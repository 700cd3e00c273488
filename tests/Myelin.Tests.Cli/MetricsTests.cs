using Myelin.Cli.Metrics;

namespace Myelin.Tests.Cli;

public sealed class MetricsTests
{
    [Fact]
    public void ClassificationReportMatchesHandComputedValues()
    {
        // true:      0 0 0 1 1 2
        // predicted: 0 1 0 1 2 2
        long[] actual = [0, 0, 0, 1, 1, 2];
        long[] predicted = [0, 1, 0, 1, 2, 2];
        var report = new ClassificationReport(actual, predicted, 3);
        Assert.Equal(new long[,] { { 2, 1, 0 }, { 0, 1, 1 }, { 0, 0, 1 } }, report.Confusion);
        Assert.Equal(4.0 / 6, report.Accuracy, 12);
        // precision: 2/2, 1/2, 1/2; recall: 2/3, 1/2, 1/1 (scikit-learn: precision_score(average='macro') = 0.6667)
        Assert.Equal((1 + 0.5 + 0.5) / 3, report.MacroPrecision, 12);
        Assert.Equal((2.0 / 3 + 0.5 + 1) / 3, report.MacroRecall, 12);
        double f1 = (2 * 1 * (2.0 / 3) / (1 + 2.0 / 3) + 0.5 + 2 * 0.5 / 1.5) / 3;
        Assert.Equal(f1, report.MacroF1, 12);
    }

    [Fact]
    public void AClassThatIsNeverPredictedCountsAsZeroPrecision()
    {
        var report = new ClassificationReport(new long[] { 0, 1 }, new long[] { 0, 0 }, 2);
        Assert.Equal(0.5, report.Precision(0));
        Assert.Equal(0, report.Precision(1));
        Assert.Equal(0, report.Recall(1));
        Assert.Equal(0, report.F1(1));
    }

    [Fact]
    public void RegressionReportMatchesHandComputedValues()
    {
        float[] actual = [1, 2, 3, 4];
        float[] predicted = [1.5f, 2, 2, 4];
        var report = new RegressionReport(actual, predicted);
        Assert.Equal((0.5 + 0 + 1 + 0) / 4, report.MeanAbsoluteError, 12);
        Assert.Equal(Math.Sqrt((0.25 + 1) / 4), report.RootMeanSquaredError, 12);
        Assert.Equal(1 - 1.25 / 5, report.RSquared, 12);   // SS_tot = 2.25 + 0.25 + 0.25 + 2.25
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new ClassificationReport(new long[2], new long[3], 2));
        Assert.Throws<ArgumentException>(() => new RegressionReport(new float[2], new float[1]));
    }
}
