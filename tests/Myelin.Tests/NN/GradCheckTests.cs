using Myelin.NN;

namespace Myelin.Tests.NN;

/// <summary>
/// Float64 finite-difference checks: every layer through its module (gradient of the input) and through
/// its functional form with the parameters as inputs too (the modules call exactly these functions).
/// </summary>
public class GradCheckTests
{
    static Tensor Input(int seed, params int[] shape)
    {
        // Values kept away from 0, where ReLU-like functions have a kink.
        var x = Tensor.Randn(shape, new Generator((ulong)seed), DType.Float64);
        return Tensor.Where(x.Abs().Lt(0.1), x.Sign() * 0.1 + x, x);
    }

    static Tensor Random(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed), DType.Float64);

    [Fact]
    public void LinearModule()
    {
        var layer = new Linear(4, 3, generator: new Generator(1), dtype: DType.Float64);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(2, 5, 4).RequireGrad()]);
    }

    [Fact]
    public void LinearFunctionalWithParameters()
    {
        GradCheck.Assert(t => F.Linear(t[0], t[1], t[2]),
            [Input(3, 2, 3, 4).RequireGrad(), Random(4, 5, 4).RequireGrad(), Random(5, 5).RequireGrad()]);
        GradCheck.Assert(t => F.Linear(t[0], t[1]), [Input(6, 4).RequireGrad(), Random(7, 2, 4).RequireGrad()]);
    }

    [Fact]
    public void LayerNormModule()
    {
        var layer = new LayerNorm([2, 3], dtype: DType.Float64);
        Init.Normal(layer.Weight!, 1, 0.5, new Generator(8));
        Init.Normal(layer.Bias!, 0, 0.5, new Generator(9));
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(10, 2, 2, 3).RequireGrad()]);
    }

    [Fact]
    public void LayerNormFunctionalWithParameters()
    {
        GradCheck.Assert(t => F.LayerNorm(t[0], [4], t[1], t[2]),
            [Input(11, 3, 4).RequireGrad(), Random(12, 4).RequireGrad(), Random(13, 4).RequireGrad()]);
    }

    [Fact]
    public void BatchNorm1dModuleInTrainingMode()
    {
        var layer = new BatchNorm1d(3, dtype: DType.Float64);
        Init.Normal(layer.Weight!, 1, 0.5, new Generator(14));
        Init.Normal(layer.Bias!, 0, 0.5, new Generator(15));
        Assert.True(layer.IsTraining);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(16, 4, 3).RequireGrad()]);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(17, 2, 3, 3).RequireGrad()]);
    }

    [Fact]
    public void BatchNorm1dModuleInEvaluationMode()
    {
        var layer = new BatchNorm1d(3, dtype: DType.Float64);
        layer.Forward(Input(18, 6, 3)); // gives the running statistics non-trivial values
        layer.Eval();
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(19, 4, 3).RequireGrad()]);
    }

    [Fact]
    public void BatchNormFunctionalWithParameters()
    {
        GradCheck.Assert(t => F.BatchNorm(t[0], null, null, t[1], t[2], training: true),
            [Input(20, 5, 3, 2).RequireGrad(), Random(21, 3).RequireGrad(), Random(22, 3).RequireGrad()]);
        var runningMean = Random(23, 3);
        var runningVar = Random(24, 3).Abs() + 0.5;
        GradCheck.Assert(t => F.BatchNorm(t[0], runningMean, runningVar, t[1], t[2], training: false),
            [Input(25, 4, 3).RequireGrad(), Random(26, 3).RequireGrad(), Random(27, 3).RequireGrad()]);
    }

    public static IEnumerable<object[]> Activations() =>
    [
        [new Sigmoid()], [new Tanh()], [new ReLU()], [new LeakyReLU(0.2)], [new ELU()], [new ELU(0.7)],
        [new GELU()], [new GELU("tanh")], [new SiLU()], [new Softplus()], [new Softplus(2, 5)],
        [new Softmax(1)], [new Softmax(0)], [new LogSoftmax(-1)], [new Identity()], [new Flatten()],
    ];

    [Theory]
    [MemberData(nameof(Activations))]
    public void ActivationModule(Module activation)
    {
        var x = (Input(30, 3, 4) * 2).Detach();
        GradCheck.Assert(t => activation.Forward(t[0]), [x.RequireGrad()]);
    }

    [Fact]
    public void SoftplusAcrossItsBranches()
    {
        // Very negative (exponential branch), negative, positive, near and beyond the threshold.
        var x = Tensor.FromArray(new[] { -40.0, -25, -19, -3, -0.5, 0.5, 3, 19, 21, 30 });
        GradCheck.Assert(t => F.Softplus(t[0]), [x.RequireGrad()]);
        GradCheck.Assert(t => F.Softplus(t[0], beta: 3, threshold: 4), [x.Detach().RequireGrad()]);
    }

    [Fact]
    public void EluAtLargeInputsHasFiniteGradient()
    {
        var x = Tensor.FromArray(new[] { 800.0, -800 }).RequireGrad();
        F.ELU(x).Sum().Backward();
        Assert.Equal(new[] { 1.0, 0.0 }, x.Grad!.ToArray<double>());
    }

    [Fact]
    public void DropoutWithFixedMask()
    {
        // A fresh generator with the same seed on every call draws the same mask.
        GradCheck.Assert(t => F.Dropout(t[0], 0.3, training: true, generator: new Generator(31)), [Input(32, 4, 5).RequireGrad()]);
        GradCheck.Assert(t => new Dropout(0.4, new Generator(33)).Forward(t[0]), [Input(34, 3, 3).RequireGrad()]);
    }
}
