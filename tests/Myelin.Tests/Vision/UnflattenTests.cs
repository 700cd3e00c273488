using Myelin.NN;
using Myelin.Tests.NN;
using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class UnflattenTests
{
    [Fact]
    public void SplitsOneDimensionIntoSeveral()
    {
        var x = Tensor.Arange(0, 2 * 12, dtype: DType.Float32).Reshape(2, 12);
        var y = new Unflatten(1, 3, 2, 2).Forward(x);
        Assert.Equal([2, 3, 2, 2], y.Shape.ToArray());
        Assert.Equal(x.ToArray(), y.ToArray());
        Assert.Equal([4, 3, 2], new Unflatten(-1, 3, 2).Forward(Tensor.Zeros(4, 6)).Shape.ToArray());
        TensorAssert.Equal(x, new Flatten().Forward(y));
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("Unflatten(dim=1, unflattened_size=(1, 28, 28))", new Unflatten(1, 1, 28, 28).ToString());
        Assert.Equal("Unflatten(dim=0, unflattened_size=(5,))", new Unflatten(0, 5).ToString());
    }

    [Fact]
    public void PassesAFloat64GradientCheck()
    {
        var layer = new Unflatten(1, 2, 3);
        GradCheck.Assert(t => layer.Forward(t[0]) * Tensor.Arange(1, 7, dtype: DType.Float64).Reshape(2, 3),
            [Tensor.Randn([4, 6], new Generator(1), DType.Float64).RequireGrad()]);
    }

    [Fact]
    public void SizesThatDoNotFitAreRejectedNamingTheLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => new Unflatten(1, 1, 28, 28).Forward(Tensor.Zeros(2, 64)));
        Assert.Equal("Unflatten(dim=1, unflattened_size=(1, 28, 28)): dimension 1 of the input of shape [2, 64] has size 64, but the sizes (1, 28, 28) multiply to 784.", error.Message);
        Assert.Contains("has no dimension 2", Assert.Throws<ArgumentException>(() => new Unflatten(2, 2).Forward(Tensor.Zeros(2, 2))).Message);
        Assert.Throws<ArgumentException>(() => new Unflatten(1));
        Assert.Throws<ArgumentException>(() => new Unflatten(1, 0, 4));
    }
}
