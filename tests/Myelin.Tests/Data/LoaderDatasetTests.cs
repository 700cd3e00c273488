using Myelin.Data;

namespace Myelin.Tests.Data;

public class LoaderDatasetTests
{
    [Fact]
    public void TensorDatasetServesRowsAsViews()
    {
        var data = LoaderTestData.Numbered(4);
        Assert.Equal(4, data.Count);
        var (x, y) = data[2];
        Assert.Equal([6f, 7, 8], x.ToArray());
        Assert.Empty(y.Shape);
        Assert.Equal(2L, y.Item<long>());
        Assert.Same(data.Features, data.Features);
        Assert.Equal([4, 3], data.Features.Shape.ToArray());
    }

    [Fact]
    public void GetBatchEqualsStackingTheSamples()
    {
        // A transposed (non-contiguous) feature tensor and two-dimensional targets.
        var features = Tensor.Arange(0, 24, 1, DType.Float32).Reshape(3, 8).T;   // [8, 3]
        var targets = Tensor.Arange(0, 16, 1, DType.Float64).Reshape(8, 2);
        var data = new TensorDataset(features, targets);
        int[] indices = [5, 0, 7, 5];
        var (x, y) = data.GetBatch(indices);
        var (sx, sy) = Collate.Stack(indices.Select(i => data[i]).ToList());
        Assert.Equal([4, 3], x.Shape.ToArray());
        Assert.Equal([4, 2], y.Shape.ToArray());
        Assert.Equal(sx.ToArray(), x.ToArray());
        Assert.Equal(sy.ToArray<double>(), y.ToArray<double>());
        Assert.Equal([5f, 13, 21], x[0].ToArray());
    }

    [Fact]
    public void TensorDatasetRejectsMismatchedFirstDimensions()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(10, 3), Tensor.Zeros([9], DType.Int64)));
        Assert.Contains("features [10, 3] and targets [9]", error.Message);
        Assert.Contains("10 ≠ 9", error.Message);

        var scalar = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Scalar(1), Tensor.Zeros(1)));
        Assert.Contains("first dimension", scalar.Message);
    }

    [Fact]
    public void TensorDatasetRejectsIndicesOutsideIt()
    {
        var data = LoaderTestData.Numbered(4);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data[4]);
        Assert.Contains("index 4 is outside the 4 samples", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => data[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.GetBatch([0, -1])); // no wrap-around as in Python
    }

    [Fact]
    public void SubsetMapsIndicesAndBatchesThroughTheUnderlyingDataset()
    {
        var data = LoaderTestData.Numbered(10);
        int[] picked = [7, 2, 9];
        var subset = new Subset(data, picked);
        picked[0] = 0; // the subset keeps its own copy
        Assert.Equal(3, subset.Count);
        Assert.Equal([7, 2, 9], subset.Indices);
        Assert.Equal(2L, subset[1].Target.Item<long>());
        Assert.Equal([9L, 7], subset.GetBatch([2, 0]).Target.ToArray<long>());

        var perSample = new Subset(new PerSampleDataset(10), [4, 1]);
        var (x, y) = perSample.GetBatch([1, 0]);
        Assert.Equal([1f, -1, 4, -4], x.ToArray());
        Assert.Equal([1L, 4], y.ToArray<long>());

        var loaded = new DataLoader(subset, batchSize: 2).ToList();
        Assert.Equal([[7L, 2], [9L]], loaded.Select(b => b.Target.ToArray<long>()).ToList());
    }

    [Fact]
    public void SubsetRejectsIndicesOutsideTheDataset()
    {
        var data = LoaderTestData.Numbered(5);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Subset(data, [0, 5]));
        Assert.Contains("index 5 at position 1 is outside the data set's 5 samples", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subset(data, [-1]));
        var subset = new Subset(data, [1, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => subset[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => subset.GetBatch([3]));
    }
}
