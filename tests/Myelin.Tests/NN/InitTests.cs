using Myelin.NN;

namespace Myelin.Tests.NN;

public class InitTests
{
    static (double Mean, double Std, double Min, double Max) Stats(Tensor t)
    {
        var v = t.ToArray<double>();
        double mean = v.Average();
        double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length);
        return (mean, std, v.Min(), v.Max());
    }

    [Fact]
    public void ConstantsFillInPlace()
    {
        var t = Tensor.Randn(3, 4).RequireGrad();
        Assert.Same(t, Init.Zeros(t));
        Assert.All(t.ToArray(), v => Assert.Equal(0f, v));
        Init.Ones(t);
        Assert.All(t.ToArray(), v => Assert.Equal(1f, v));
        Init.Constant(t, 2.5);
        Assert.All(t.ToArray(), v => Assert.Equal(2.5f, v));
        Assert.True(t.RequiresGrad);
    }

    [Fact]
    public void UniformStaysInRangeWithTheRightMoments()
    {
        var t = Init.Uniform(Tensor.Zeros(200, 200), -2, 3, new Generator(1));
        var (mean, std, min, max) = Stats(t);
        Assert.True(min >= -2 && max < 3);
        Assert.Equal(0.5, mean, 0.05);
        Assert.Equal(5 / Math.Sqrt(12), std, 0.03);
    }

    [Fact]
    public void NormalHasTheRequestedMoments()
    {
        var t = Init.Normal(Tensor.Zeros([200, 200], DType.Float64), 1.5, 0.5, new Generator(2));
        var (mean, std, _, _) = Stats(t);
        Assert.Equal(1.5, mean, 0.01);
        Assert.Equal(0.5, std, 0.01);
    }

    [Fact]
    public void XavierUniformBoundAndStd()
    {
        // fanIn = 300, fanOut = 200: bound = √(6 / 500).
        var t = Init.XavierUniform(Tensor.Zeros(200, 300), generator: new Generator(3));
        double bound = Math.Sqrt(6.0 / 500);
        var (mean, std, min, max) = Stats(t);
        Assert.True(min >= -bound && max <= bound);
        Assert.True(max > 0.99 * bound && min < -0.99 * bound);
        Assert.Equal(0, mean, 0.002);
        Assert.Equal(bound / Math.Sqrt(3), std, 0.002);
    }

    [Fact]
    public void XavierNormalStdWithGain()
    {
        var t = Init.XavierNormal(Tensor.Zeros(200, 300), gain: 2, generator: new Generator(4));
        Assert.Equal(2 * Math.Sqrt(2.0 / 500), Stats(t).Std, 0.002);
    }

    [Fact]
    public void KaimingNormalStdForReLU()
    {
        // std = √2 / √fanIn with fanIn = 100·3·3 for a conv weight [64, 100, 3, 3].
        var t = Init.KaimingNormal(Tensor.Zeros(64, 100, 3, 3), nonlinearity: Nonlinearity.ReLU, generator: new Generator(5));
        Assert.Equal(Math.Sqrt(2.0 / 900), Stats(t).Std, 0.001);
    }

    [Fact]
    public void KaimingUniformFanOutBound()
    {
        var t = Init.KaimingUniform(Tensor.Zeros(50, 400), mode: FanMode.FanOut, nonlinearity: Nonlinearity.ReLU, generator: new Generator(6));
        double bound = Math.Sqrt(3) * Math.Sqrt(2) / Math.Sqrt(50);
        var (_, std, min, max) = Stats(t);
        Assert.True(min >= -bound && max <= bound);
        Assert.Equal(bound / Math.Sqrt(3), std, 0.005);
    }

    [Fact]
    public void LinearDefaultInitIsUniformOneOverSqrtFanIn()
    {
        var layer = new Linear(400, 300, generator: new Generator(7));
        double bound = 1 / Math.Sqrt(400);
        var (_, std, min, max) = Stats(layer.Weight);
        Assert.True(min >= -bound && max <= bound);
        Assert.True(max > 0.99 * bound);
        Assert.Equal(bound / Math.Sqrt(3), std, 0.001);
        var bias = Stats(layer.Bias!);
        Assert.True(bias.Min >= -bound && bias.Max <= bound);
    }

    [Fact]
    public void LinearInitIsReproducibleWithAGenerator()
    {
        Assert.Equal(new Linear(5, 3, generator: new Generator(8)).Weight.ToArray(), new Linear(5, 3, generator: new Generator(8)).Weight.ToArray());
        Assert.NotEqual(new Linear(5, 3, generator: new Generator(8)).Weight.ToArray(), new Linear(5, 3, generator: new Generator(9)).Weight.ToArray());
    }

    [Theory]
    [InlineData(6, 4)]
    [InlineData(4, 6)]
    [InlineData(5, 5)]
    public void OrthogonalGivesOrthonormalRowsOrColumns(int rows, int columns)
    {
        var w = Init.Orthogonal(Tensor.Zeros([rows, columns], DType.Float64), gain: 1, generator: new Generator(10));
        // Tall: WᵀW = I; wide: WWᵀ = I.
        var product = rows >= columns ? w.T.MatMul(w) : w.MatMul(w.T);
        int n = Math.Min(rows, columns);
        TensorAssert.Close(Tensor.Eye(n, dtype: DType.Float64), product, 0, 1e-12, "orthogonality");
    }

    [Fact]
    public void OrthogonalScalesByGainAndFlattensTrailingDimensions()
    {
        var w = Init.Orthogonal(Tensor.Zeros(4, 2, 3), gain: 2, generator: new Generator(11));
        var flat = w.Reshape(4, 6);
        TensorAssert.Close(Tensor.Eye(4) * 4, flat.MatMul(flat.T), 0, 1e-5, "orthogonality with gain 2");
    }

    [Fact]
    public void SmallRandomZeroesBiasesAndShrinksWeights()
    {
        var model = new Sequential(new Linear(100, 100), new ReLU(), new Linear(100, 10));
        Init.SmallRandom(model, new Generator(12));
        Assert.All(model.NamedParameters().Where(p => p.Name.EndsWith("bias")), p => Assert.All(p.Parameter.ToArray(), v => Assert.Equal(0f, v)));
        Assert.Equal(0.01, Stats(((Linear)model[0]).Weight).Std, 0.0005);
        Assert.Equal(0.01, Stats(Init.SmallRandom(Tensor.Zeros(100, 100), new Generator(13))).Std, 0.0005);
    }

    [Fact]
    public void GainTableMatchesPyTorch()
    {
        Assert.Equal(1, Init.CalculateGain(Nonlinearity.Linear));
        Assert.Equal(1, Init.CalculateGain(Nonlinearity.Conv2d));
        Assert.Equal(1, Init.CalculateGain(Nonlinearity.Sigmoid));
        Assert.Equal(5.0 / 3, Init.CalculateGain(Nonlinearity.Tanh));
        Assert.Equal(Math.Sqrt(2), Init.CalculateGain(Nonlinearity.ReLU));
        Assert.Equal(Math.Sqrt(2 / (1 + 0.01 * 0.01)), Init.CalculateGain(Nonlinearity.LeakyReLU));
        Assert.Equal(Math.Sqrt(2 / 1.04), Init.CalculateGain(Nonlinearity.LeakyReLU, 0.2), 12);
        Assert.Equal(0.75, Init.CalculateGain(Nonlinearity.SELU));
    }

    [Fact]
    public void FansFollowPyTorch()
    {
        Assert.Equal((3, 5), Init.CalculateFanInAndFanOut(Tensor.Zeros(5, 3)));
        Assert.Equal((3 * 9, 16 * 9), Init.CalculateFanInAndFanOut(Tensor.Zeros(16, 3, 3, 3)));
    }

    [Fact]
    public void BadInputsAreRejectedClearly()
    {
        Assert.Contains("fewer than 2 dimensions", Assert.Throws<ArgumentException>(() => Init.XavierUniform(Tensor.Zeros(5))).Message);
        Assert.Contains("fewer than 2 dimensions", Assert.Throws<ArgumentException>(() => Init.KaimingNormal(Tensor.Zeros(5))).Message);
        Assert.Contains("2 or more dimensions", Assert.Throws<ArgumentException>(() => Init.Orthogonal(Tensor.Zeros(5))).Message);
        Assert.Contains("Int64", Assert.Throws<ArgumentException>(() => Init.Uniform(Tensor.Zeros([3], DType.Int64))).Message);
        Assert.Contains("std must be non-negative", Assert.Throws<ArgumentException>(() => Init.Normal(Tensor.Zeros(3), 0, -1)).Message);
        Assert.Contains("must be at least", Assert.Throws<ArgumentException>(() => Init.Uniform(Tensor.Zeros(3), 1, 0)).Message);
    }

    [Fact]
    public void InitializersWorkOnParametersWhileGradientsAreRecorded()
    {
        var layer = new Linear(3, 3);
        Init.XavierNormal(layer.Weight, generator: new Generator(14));
        Init.Zeros(layer.Bias!);
        Assert.True(layer.Weight.IsLeaf && layer.Weight.RequiresGrad);
        Assert.All(layer.Bias!.ToArray(), v => Assert.Equal(0f, v));
    }
}
