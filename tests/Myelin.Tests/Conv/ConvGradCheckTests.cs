using Myelin.NN;

namespace Myelin.Tests.Conv;

/// <summary>
/// Float64 finite-difference checks of every convolution and pooling layer: through the module (gradient of the
/// input) and through the functional form with the weight and bias as inputs too, over strides, padding,
/// dilation, groups and the asymmetric cases ("same" with even kernels, ceil mode, output padding).
/// </summary>
public class ConvGradCheckTests
{
    static Tensor Input(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed), DType.Float64);

    /// <summary>Distinct, well-separated values, so max pooling has no ties and no near-ties for the finite differences.</summary>
    static Tensor Distinct(int seed, params int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        var order = new Generator((ulong)seed).Permutation(count);
        return Tensor.FromArray(order.Select(i => i * 0.1 - count * 0.05).ToArray(), shape);
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(1, 2, 2, 1)]
    [InlineData(2, 1, 1, 2)]
    [InlineData(2, 2, 2, 2)]
    public void Conv2dFunctionalWithWeightAndBias(int stride, int padding, int dilation, int groups)
    {
        GradCheck.Assert(t => F.Conv2d(t[0], t[1], t[2], stride, padding, dilation, groups),
            [Input(1, 2, 4, 6, 5).RequireGrad(), Input(2, 4, 4 / groups, 3, 2).RequireGrad(), Input(3, 4).RequireGrad()]);
    }

    [Fact]
    public void Conv2dRectangularSettingsWithoutBias()
    {
        GradCheck.Assert(t => F.Conv2d(t[0], t[1], null, stride: (2, 1), padding: (0, 2), dilation: (1, 2)),
            [Input(4, 1, 2, 6, 5).RequireGrad(), Input(5, 3, 2, 2, 3).RequireGrad()]);
    }

    [Fact]
    public void Conv2dSamePaddingWithAnEvenKernel()
    {
        GradCheck.Assert(t => F.Conv2d(t[0], t[1], t[2], padding: "same", dilation: (1, 2)),
            [Input(6, 2, 2, 4, 5).RequireGrad(), Input(7, 3, 2, 4, 2).RequireGrad(), Input(8, 3).RequireGrad()]);
    }

    [Fact]
    public void Conv2dModule()
    {
        var layer = new Conv2d(3, 4, 3, stride: 2, padding: 1, generator: new Generator(9), dtype: DType.Float64);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(10, 2, 3, 5, 6).RequireGrad()]);
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 1, 2, 2)]
    public void Conv1dFunctionalWithWeightAndBias(int stride, int padding, int dilation, int groups)
    {
        GradCheck.Assert(t => F.Conv1d(t[0], t[1], t[2], stride, padding, dilation, groups),
            [Input(11, 2, 4, 9).RequireGrad(), Input(12, 4, 4 / groups, 3).RequireGrad(), Input(13, 4).RequireGrad()]);
    }

    [Fact]
    public void Conv1dModuleWithSamePadding()
    {
        var layer = new Conv1d(2, 3, 4, padding: "same", generator: new Generator(14), dtype: DType.Float64);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(15, 2, 2, 7).RequireGrad()]);
    }

    [Theory]
    [InlineData(1, 0, 0, 1, 1)]
    [InlineData(2, 1, 1, 1, 1)]
    [InlineData(2, 0, 1, 2, 2)]
    [InlineData(1, 1, 1, 2, 1)]
    public void ConvTranspose2dFunctionalWithWeightAndBias(int stride, int padding, int outputPadding, int dilation, int groups)
    {
        GradCheck.Assert(t => F.ConvTranspose2d(t[0], t[1], t[2], stride, padding, outputPadding, groups, dilation),
            [Input(16, 2, 4, 3, 4).RequireGrad(), Input(17, 4, 4 / groups, 3, 2).RequireGrad(), Input(18, 4).RequireGrad()]);
    }

    [Fact]
    public void ConvTranspose2dModule()
    {
        var layer = new ConvTranspose2d(2, 3, (3, 2), stride: (2, 3), padding: (1, 0), outputPadding: (1, 2),
            generator: new Generator(19), dtype: DType.Float64);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(20, 2, 2, 3, 3).RequireGrad()]);
    }

    [Fact]
    public void MaxPool2dWithPaddingDilationAndCeilMode()
    {
        GradCheck.Assert(t => F.MaxPool2d(t[0], 2), [Distinct(21, 2, 2, 4, 6).RequireGrad()]);
        GradCheck.Assert(t => F.MaxPool2d(t[0], 3, stride: 2, padding: 1), [Distinct(22, 1, 2, 7, 6).RequireGrad()]);
        GradCheck.Assert(t => F.MaxPool2d(t[0], 3, stride: 2, ceilMode: true), [Distinct(23, 1, 2, 6, 8).RequireGrad()]);
        GradCheck.Assert(t => F.MaxPool2d(t[0], (2, 3), stride: (1, 2), padding: 1, dilation: (2, 1)), [Distinct(24, 1, 1, 6, 7).RequireGrad()]);
        var layer = new MaxPool2d(2, stride: 1);
        GradCheck.Assert(t => layer.Forward(t[0]), [Distinct(25, 2, 1, 4, 4).RequireGrad()]);
    }

    [Fact]
    public void AvgPool2dIncludingAndExcludingPadding()
    {
        GradCheck.Assert(t => F.AvgPool2d(t[0], 2), [Input(26, 2, 2, 4, 6).RequireGrad()]);
        GradCheck.Assert(t => F.AvgPool2d(t[0], 3, stride: 2, padding: 1), [Input(27, 1, 2, 7, 6).RequireGrad()]);
        GradCheck.Assert(t => F.AvgPool2d(t[0], 3, stride: 2, padding: 1, countIncludePad: false), [Input(28, 1, 2, 7, 6).RequireGrad()]);
        GradCheck.Assert(t => F.AvgPool2d(t[0], (2, 3), stride: 2, padding: 1, ceilMode: true, countIncludePad: false),
            [Input(29, 1, 2, 6, 8).RequireGrad()]);
        var layer = new AvgPool2d(2, stride: 1, divisorOverride: 3);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(30, 1, 2, 4, 4).RequireGrad()]);
    }

    [Fact]
    public void AdaptiveAvgPool2dWithNonDivisibleSizes()
    {
        GradCheck.Assert(t => F.AdaptiveAvgPool2d(t[0], (3, 2)), [Input(31, 2, 2, 7, 5).RequireGrad()]);
        GradCheck.Assert(t => F.AdaptiveAvgPool2d(t[0], (4, 5)), [Input(32, 1, 2, 3, 3).RequireGrad()]);
        var layer = new AdaptiveAvgPool2d(1);
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(33, 2, 3, 3, 4).RequireGrad()]);
    }

    [Fact]
    public void BatchNorm2dInTrainingAndEvaluationMode()
    {
        var layer = new BatchNorm2d(3, dtype: DType.Float64);
        Init.Normal(layer.Weight!, 1, 0.5, new Generator(34));
        Init.Normal(layer.Bias!, 0, 0.5, new Generator(35));
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(36, 3, 3, 2, 2).RequireGrad()]);
        layer.Eval();
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(37, 2, 3, 2, 3).RequireGrad()]);
    }

    [Fact]
    public void BatchNorm2dWeightAndBias()
    {
        GradCheck.Assert(t => F.BatchNorm(t[0], null, null, t[1], t[2], training: true),
            [Input(38, 3, 2, 2, 3).RequireGrad(), Input(39, 2).RequireGrad(), Input(40, 2).RequireGrad()]);
    }

    [Fact]
    public void Dropout2dWithAFixedMask()
    {
        // A fresh generator with the same seed on every call keeps the mask fixed while the input is perturbed.
        GradCheck.Assert(t => F.Dropout2d(t[0], 0.5, training: true, generator: new Generator(41)), [Input(42, 3, 4, 2, 2).RequireGrad()]);
    }

    [Fact]
    public void UpsampleNearest()
    {
        GradCheck.Assert(t => new Upsample(scaleFactor: 2).Forward(t[0]), [Input(43, 1, 2, 2, 3).RequireGrad()]);
        GradCheck.Assert(t => F.Interpolate(t[0], scaleFactor: 1.5), [Input(44, 1, 1, 4, 5).RequireGrad()]);
        GradCheck.Assert(t => F.Interpolate(t[0], size: (2, 5)), [Input(45, 1, 2, 5, 3).RequireGrad()]);
    }

    [Fact]
    public void UnfoldAndFoldFunctional()
    {
        GradCheck.Assert(t => F.Unfold(t[0], (2, 3), dilation: (2, 1), padding: (1, 2), stride: (1, 2)), [Input(46, 2, 2, 5, 6).RequireGrad()]);
        GradCheck.Assert(t => F.Fold(t[0], (4, 5), 2, stride: 1), [Input(47, 2, 8, 12).RequireGrad()]);
    }

    [Fact]
    public void SecondDerivativeOfConv2dWithRespectToTheInput()
    {
        // Unfold and Fold differentiate into each other, so gradients of gradients work. With y = Wx linear,
        // L = ‖Wx‖² has gradient 2WᵀWx and Hessian 2WᵀW, so the Hessian times v equals the gradient at x = v.
        var weight = Input(48, 2, 2, 2, 2);
        Tensor Loss(Tensor x) => F.Conv2d(x, weight, padding: 1, stride: 2).Square().Sum();
        var x = Input(49, 1, 2, 3, 3).RequireGrad();
        var v = Input(50, 1, 2, 3, 3);
        var gradient = Autograd.Grad(Loss(x), x, createGraph: true);
        (gradient * v).Sum().Backward();
        var vLeaf = v.Clone().RequireGrad();
        var expected = Autograd.Grad(Loss(vLeaf), vLeaf);
        Myelin.Tests.NN.TensorAssert.Close(expected, x.Grad, 1e-10, 1e-12, "Hessian-vector product");
    }
}
