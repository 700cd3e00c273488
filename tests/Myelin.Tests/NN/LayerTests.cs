using Myelin.NN;

namespace Myelin.Tests.NN;

public class LayerTests
{
    [Fact]
    public void LinearMapsLeadingDimensionsThrough()
    {
        var layer = new Linear(4, 3);
        Assert.Equal([3, 4], layer.Weight.Shape.ToArray());
        Assert.Equal([3], layer.Bias!.Shape.ToArray());
        Assert.Equal([2, 5, 3], layer.Forward(Tensor.Ones(2, 5, 4)).Shape.ToArray());
        Assert.Equal([3], layer.Forward(Tensor.Ones(4)).Shape.ToArray());
        Assert.Null(new Linear(4, 3, bias: false).Bias);
        Assert.Single(new Linear(4, 3, bias: false).Parameters());
    }

    [Fact]
    public void LinearComputesXWTransposePlusB()
    {
        var layer = new Linear(2, 2);
        layer.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray(new[] { 1f, 2f, 3f, 4f }, 2, 2),
            ["bias"] = Tensor.FromArray(new[] { 0.5f, -0.5f }),
        });
        // [1, 1]·Wᵀ = [1 + 2, 3 + 4]
        Assert.Equal(new[] { 3.5f, 6.5f }, layer.Forward(Tensor.FromArray(new[] { 1f, 1f }, 1, 2)).ToArray());
    }

    [Fact]
    public void LinearFloat64()
    {
        var layer = new Linear(3, 2, dtype: DType.Float64);
        Assert.Equal(DType.Float64, layer.Weight.DType);
        Assert.Equal(DType.Float64, layer.Forward(Tensor.Ones([1, 3], DType.Float64)).DType);
    }

    [Fact]
    public void LinearWrongInputNamesTheLayerAndBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Linear(64, 32).Forward(Tensor.Zeros(8, 10)));
        Assert.Equal("Linear(in_features=64, out_features=32): expected input with last dimension 64, got shape [8, 10].", error.Message);
        Assert.Contains("got shape []", Assert.Throws<ArgumentException>(() => new Linear(1, 1).Forward(Tensor.Scalar(1))).Message);
        Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 3)).Message);
    }

    [Fact]
    public void FunctionalLinearChecksItsArguments()
    {
        Assert.Contains("weight must be 2-D", Assert.Throws<ArgumentException>(() => F.Linear(Tensor.Ones(2, 3), Tensor.Ones(3))).Message);
        Assert.Contains("expected input with last dimension 3 (weight shape [2, 3]), got shape [2, 4]",
            Assert.Throws<ArgumentException>(() => F.Linear(Tensor.Ones(2, 4), Tensor.Ones(2, 3))).Message);
        Assert.Contains("bias must have shape [2]",
            Assert.Throws<ArgumentException>(() => F.Linear(Tensor.Ones(2, 3), Tensor.Ones(2, 3), Tensor.Ones(3))).Message);
    }

    [Fact]
    public void BatchNorm1dTrainingNormalisesEachChannel()
    {
        var layer = new BatchNorm1d(3);
        var x = Tensor.Randn([64, 3], new Generator(1)) * 5 + 2;
        var y = layer.Forward(x);
        TensorAssert.Close(Tensor.Zeros(3), y.Mean(0), 0, 1e-5, "channel means");
        TensorAssert.Close(Tensor.Ones(3), y.Var(0, correction: 0), 0, 1e-3, "channel variances");
        Assert.Equal(1, layer.NumBatchesTracked!.Item<long>());
        // running = 0.9·initial + 0.1·batch (unbiased variance for running_var)
        TensorAssert.Close(x.Mean(0) * 0.1, layer.RunningMean!, 1e-5, 1e-6, "running mean");
        TensorAssert.Close(x.Var(0) * 0.1 + 0.9, layer.RunningVar!, 1e-5, 1e-6, "running var");
    }

    [Fact]
    public void BatchNorm1dEvaluationUsesRunningStatistics()
    {
        var layer = new BatchNorm1d(2);
        layer.Eval();
        var x = Tensor.FromArray(new[] { 1f, 2f, 3f, 4f }, 2, 2);
        // Fresh statistics (mean 0, variance 1): y = x / √(1 + eps)
        TensorAssert.Close(x / Math.Sqrt(1 + 1e-5), layer.Forward(x), 1e-6, 0, "eval output");
        Assert.Equal(0, layer.NumBatchesTracked!.Item<long>());
        Assert.Equal(new[] { 0f, 0f }, layer.RunningMean!.ToArray());
        // A single sample is fine in evaluation mode.
        Assert.Equal([1, 2], layer.Forward(Tensor.Ones(1, 2)).Shape.ToArray());
    }

    [Fact]
    public void BatchNorm1dCumulativeAverageWithoutMomentum()
    {
        var layer = new BatchNorm1d(1, momentum: null);
        layer.Forward(Tensor.FromArray(new[] { 1f, 3f }, 2, 1));  // batch mean 2
        layer.Forward(Tensor.FromArray(new[] { 5f, 7f }, 2, 1));  // batch mean 6
        Assert.Equal(4f, layer.RunningMean!.Item<float>(), 5);    // (2 + 6) / 2
        Assert.Equal(2, layer.NumBatchesTracked!.Item<long>());
    }

    [Fact]
    public void BatchNorm1dNamesAndBuffers()
    {
        var layer = new BatchNorm1d(4);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], layer.StateDict().Keys);
        Assert.Equal(["weight", "bias"], layer.NamedParameters().Select(p => p.Name));
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], new BatchNorm1d(4, affine: false).StateDict().Keys);
        Assert.Empty(new BatchNorm1d(4, trackRunningStats: false).NamedBuffers());
    }

    [Fact]
    public void BatchNorm1dBadInputNamesTheLayer()
    {
        var layer = new BatchNorm1d(8);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(4, 5)));
        Assert.Equal("BatchNorm1d(8): expected input of shape [N, 8] or [N, 8, L], got [4, 5].", error.Message);
        Assert.Contains("got [2, 8, 3, 3]", Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(2, 8, 3, 3))).Message);
        var single = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(1, 8)));
        Assert.Contains("BatchNorm1d(8): expected more than 1 value per channel", single.Message);
        Assert.Equal(0, layer.NumBatchesTracked!.Item<long>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm1d(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm1d(3, momentum: 1.5));
    }

    [Fact]
    public void FunctionalBatchNormChecksStatisticShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => F.BatchNorm(Tensor.Ones(4, 3), Tensor.Zeros(2), Tensor.Ones(2)));
        Assert.Contains("runningMean must have shape [3]", error.Message);
        Assert.Contains("at least 2 dimensions", Assert.Throws<ArgumentException>(() => F.BatchNorm(Tensor.Ones(4), null, null, training: true)).Message);
        Assert.Contains("both", Assert.Throws<ArgumentException>(() => F.BatchNorm(Tensor.Ones(4, 3), Tensor.Zeros(3), null)).Message);
    }

    [Fact]
    public void LayerNormNormalisesEachSample()
    {
        var layer = new LayerNorm(6);
        var x = Tensor.Randn([4, 6], new Generator(2)) * 3 + 1;
        var y = layer.Forward(x);
        TensorAssert.Close(Tensor.Zeros(4), y.Mean(1), 0, 1e-5, "sample means");
        TensorAssert.Close(Tensor.Ones(4), y.Var(1, correction: 0), 0, 1e-3, "sample variances");
        layer.Eval();
        Assert.Equal(y.ToArray(), layer.Forward(x).ToArray());
    }

    [Fact]
    public void LayerNormBadInputNamesTheLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => new LayerNorm([3, 4]).Forward(Tensor.Zeros(2, 4, 3)));
        Assert.Equal("LayerNorm((3, 4)): expected input with trailing dimensions [3, 4], got shape [2, 4, 3].", error.Message);
        Assert.Throws<ArgumentException>(() => new LayerNorm(Array.Empty<int>()));
        Assert.Contains("weight must have shape [4]",
            Assert.Throws<ArgumentException>(() => F.LayerNorm(Tensor.Ones(2, 4), [4], Tensor.Ones(3))).Message);
    }

    [Fact]
    public void FlattenMergesTheRequestedDimensions()
    {
        Assert.Equal([2, 12], new Flatten().Forward(Tensor.Zeros(2, 3, 4)).Shape.ToArray());
        Assert.Equal([6, 4], new Flatten(0, 1).Forward(Tensor.Zeros(2, 3, 4)).Shape.ToArray());
        var error = Assert.Throws<ArgumentException>(() => new Flatten(2).Forward(Tensor.Zeros(5, 4)));
        Assert.Contains("Flatten(start_dim=2, end_dim=-1): cannot flatten an input of shape [5, 4]", error.Message);
    }

    [Fact]
    public void IdentityReturnsItsInput()
    {
        var x = Tensor.Ones(2);
        Assert.Same(x, new Identity().Forward(x));
    }
}
