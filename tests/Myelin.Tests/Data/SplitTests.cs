using System.Text.Json;
using Myelin.Data;

namespace Myelin.Tests.Data;

public class SplitTests
{
    /// <summary>Features [n, 1] holding each sample's id, labels id mod classes: rows can be traced after a split.</summary>
    static (Tensor Features, Tensor Labels) Numbered(int n, int classes = 3) =>
        (Tensor.Arange(0, n, 1, DType.Float32).Reshape(n, 1), Tensor.FromArray(Enumerable.Range(0, n).Select(i => (long)(i % classes)).ToArray(), n));

    static int[] Ids(LabeledData part) => part.Features.ToArray().Select(v => (int)v).ToArray();

    static int[] ClassCounts(LabeledData part, int classes)
    {
        var counts = new int[classes];
        foreach (long label in part.Labels.ToArray<long>()) counts[label]++;
        return counts;
    }

    [Fact]
    public void RandomSplitByLengthsIsADisjointCoverAndReproducible()
    {
        var data = LoaderTestData.Numbered(20);
        var parts = Splits.RandomSplit(data, [12, 5, 3], new Generator(4));
        Assert.Equal([12, 5, 3], parts.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 20), parts.SelectMany(p => p.Indices).Order());
        Assert.All(parts, p => Assert.Same(data, p.Dataset));

        var again = Splits.RandomSplit(data, [12, 5, 3], new Generator(4));
        Assert.Equal(parts.Select(p => p.Indices.ToArray()), again.Select(p => p.Indices.ToArray()));
        var other = Splits.RandomSplit(data, [12, 5, 3], new Generator(5));
        Assert.NotEqual(parts[0].Indices, other[0].Indices);
    }

    [Fact]
    public void RandomSplitByFractionsGivesPyTorchsSizes()
    {
        foreach (var item in FixtureReader.Load("Data", "loader.json").GetProperty("random_split").EnumerateArray())
        {
            int count = item.GetProperty("count").GetInt32();
            double[] fractions = item.GetProperty("fractions").EnumerateArray().Select(f => f.GetDouble()).ToArray();
            int[] lengths = item.GetProperty("lengths").EnumerateArray().Select(l => l.GetInt32()).ToArray();
            var parts = Splits.RandomSplit(LoaderTestData.Numbered(count), fractions, new Generator(0));
            Assert.Equal(lengths, parts.Select(p => p.Count));
            Assert.Equal(Enumerable.Range(0, count), parts.SelectMany(p => p.Indices).Order());
        }
    }

    [Fact]
    public void RandomSplitRejectsBadLengthsAndFractions()
    {
        var data = LoaderTestData.Numbered(10);
        var sum = Assert.Throws<ArgumentException>(() => Splits.RandomSplit(data, [6, 3]));
        Assert.Contains("the lengths [6, 3] add up to 9, but the data set has 10 samples", sum.Message);
        Assert.Throws<ArgumentException>(() => Splits.RandomSplit(data, [11, -1]));
        Assert.Throws<ArgumentException>(() => Splits.RandomSplit(data, Array.Empty<int>()));

        var fractions = Assert.Throws<ArgumentException>(() => Splits.RandomSplit(data, [0.5, 0.4]));
        Assert.Contains("add up to 0.9, not 1", fractions.Message);
        var outside = Assert.Throws<ArgumentException>(() => Splits.RandomSplit(data, [1.5, -0.5]));
        Assert.Contains("each fraction must be in [0, 1]", outside.Message);
        Assert.Throws<ArgumentException>(() => Splits.RandomSplit(data, [double.NaN, 1.0]));
    }

    [Fact]
    public void TrainValidationTestSplitSizesAreDisjointAndKeepRowsWithLabels()
    {
        var (features, labels) = Numbered(100);
        var (train, validation, test) = Splits.TrainValidationTestSplit(features, labels, 0.15, 0.25, seed: 8);
        Assert.Equal([60, 15, 25], new[] { train.Count, validation.Count, test.Count });
        Assert.Equal(Enumerable.Range(0, 100), Ids(train).Concat(Ids(validation)).Concat(Ids(test)).Order());
        foreach (var part in new[] { train, validation, test })
        {
            var ids = Ids(part);
            var partLabels = part.Labels.ToArray<long>();
            for (int i = 0; i < ids.Length; i++) Assert.Equal(ids[i] % 3, partLabels[i]);
            Assert.Equal(["0", "1", "2"], part.ClassNames); // integer labels get the CSV reader's names
        }
        Assert.NotEqual(Enumerable.Range(0, 60), Ids(train)); // shuffled, not cut in file order
    }

    [Fact]
    public void SplitsAreReproducibleBySeed()
    {
        var iris = Datasets.Iris();
        var a = Splits.TrainValidationTestSplit(iris, 0.2, 0.2, seed: 3);
        var b = Splits.TrainValidationTestSplit(iris, 0.2, 0.2, seed: 3);
        var c = Splits.TrainValidationTestSplit(iris, 0.2, 0.2, seed: 4);
        Assert.Equal(a.Train.Features.ToArray(), b.Train.Features.ToArray());
        Assert.Equal(a.Test.Labels.ToArray<long>(), b.Test.Labels.ToArray<long>());
        Assert.NotEqual(a.Train.Features.ToArray(), c.Train.Features.ToArray());
        Assert.Equal(iris.ClassNames, a.Validation.ClassNames);

        var (train, test) = Splits.TrainTestSplit(iris, 0.3, seed: 3, stratify: true);
        var (train2, _) = Splits.TrainTestSplit(iris, 0.3, seed: 3, stratify: true);
        Assert.Equal([105, 45], new[] { train.Count, test.Count });
        Assert.Equal(train.Features.ToArray(), train2.Features.ToArray());
    }

    [Fact]
    public void StratifiedSplitOfIrisKeepsAThirdOfEachClassInEveryPart()
    {
        var iris = Datasets.Iris();
        var (train, validation, test) = Splits.TrainValidationTestSplit(iris, 0.2, 0.2, seed: 1, stratify: true);
        Assert.Equal([30, 30, 30], ClassCounts(train, 3));
        Assert.Equal([10, 10, 10], ClassCounts(validation, 3));
        Assert.Equal([10, 10, 10], ClassCounts(test, 3));
        // Classes are mixed within a part, not left in blocks.
        Assert.NotEqual(train.Labels.ToArray<long>().Order(), train.Labels.ToArray<long>());
    }

    [Fact]
    public void StratifiedSplitKeepsUnevenClassProportionsWithinRounding()
    {
        var wine = Datasets.Wine();  // classes of 59, 71 and 48
        int[] whole = ClassCounts(wine, 3);
        var (train, validation, test) = Splits.TrainValidationTestSplit(wine, 0.15, 0.25, seed: 2, stratify: true);
        var parts = new[] { (train, 0.6), (validation, 0.15), (test, 0.25) };
        foreach (var (part, fraction) in parts)
        {
            int[] counts = ClassCounts(part, 3);
            for (int c = 0; c < 3; c++) Assert.InRange(counts[c], fraction * whole[c] - 1, fraction * whole[c] + 1);
        }
        Assert.Equal(178, train.Count + validation.Count + test.Count);
    }

    [Fact]
    public void BadFractionsAreRejected()
    {
        var (features, labels) = Numbered(30);
        var tooBig = Assert.Throws<ArgumentOutOfRangeException>(() => Splits.TrainValidationTestSplit(features, labels, 1.0, 0, seed: 1));
        Assert.Contains("validationFraction must be in [0, 1), got 1", tooBig.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Splits.TrainValidationTestSplit(features, labels, 0.1, -0.1, seed: 1));
        Assert.Contains("testFraction", negative.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.TrainTestSplit(features, labels, double.NaN, seed: 1));
        var sum = Assert.Throws<ArgumentException>(() => Splits.TrainValidationTestSplit(features, labels, 0.5, 0.5, seed: 1));
        Assert.Contains("validationFraction + testFraction must be below 1", sum.Message);
        Assert.Contains("0.5 + 0.5 = 1", sum.Message);
    }

    [Fact]
    public void MismatchedOrUnsuitableInputsAreRejected()
    {
        var mismatch = Assert.Throws<ArgumentException>(() =>
            Splits.TrainTestSplit(Tensor.Zeros(10, 2), Tensor.Zeros([9], DType.Int64), 0.2, seed: 1));
        Assert.Contains("features [10, 2] and labels [9]", mismatch.Message);

        var regression = Assert.Throws<ArgumentException>(() =>
            Splits.TrainTestSplit(Tensor.Zeros(10, 2), Tensor.Zeros(10, 1), 0.2, seed: 1, stratify: true));
        Assert.Contains("stratify needs integer class labels of shape [N]", regression.Message);
        Assert.Contains("Float32 [10, 1]", regression.Message);

        var tooFew = Assert.Throws<ArgumentException>(() =>
            Splits.TrainTestSplit(Tensor.Zeros(1, 2), Tensor.Zeros([1], DType.Int64), 0.5, seed: 1));
        Assert.Contains("no sample is left for training", tooFew.Message);
    }

    [Fact]
    public void RegressionTargetsSplitWithoutClassNames()
    {
        var sine = Synthetic.NoisySine(40, 0.1, new Generator(1));
        var (train, test) = Splits.TrainTestSplit(sine.Features, sine.Labels, 0.25, seed: 1);
        Assert.Equal([30, 1], train.Labels.Shape.ToArray());
        Assert.Equal(10, test.Count);
        Assert.Empty(train.ClassNames);
    }
}
