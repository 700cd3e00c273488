using Myelin.NN;

namespace Myelin.Tests.NN;

public class ActivationTests
{
    static readonly Tensor Sample = Tensor.FromArray(new[] { -2.0, -0.5, 0.0, 0.5, 2.0 });

    [Fact]
    public void StepFiresAtAndAboveTheThreshold()
    {
        Assert.Equal(new[] { 0.0, 0, 1, 1, 1 }, new Step().Forward(Sample).ToArray<double>());
        Assert.Equal(new[] { 0.0, 0, 0, 1, 1 }, new Step(0.5).Forward(Sample).ToArray<double>());
        Assert.Equal(DType.Float64, F.Step(Sample).DType);
    }

    [Fact]
    public void StepRefusesToTrainByGradientAndSaysWhy()
    {
        var step = new Step();
        var x = Sample.Detach().RequireGrad();
        var error = Assert.Throws<InvalidOperationException>(() => step.Forward(x));
        Assert.Contains("Step:", error.Message);
        Assert.Contains("Sigmoid", error.Message);
        Assert.Contains("NoGrad", error.Message);
    }

    [Fact]
    public void StepRunsInEvaluationModeOrWithoutGradients()
    {
        var step = new Step();
        var x = Sample.Detach().RequireGrad();
        using (Autograd.NoGrad()) Assert.Equal(3, step.Forward(x).Sum().Item());
        step.Eval();
        var y = step.Forward(x);
        Assert.False(y.RequiresGrad); // the step passes no gradient
        Assert.Equal(3, y.Sum().Item());
    }

    [Fact]
    public void ActivationsHaveTheirTextbookValues()
    {
        double[] x = [-2.0, -0.5, 0.0, 0.5, 2.0];
        double Sig(double v) => 1 / (1 + Math.Exp(-v));
        TensorAssert.Close(Tensor.FromArray(x.Select(Sig).ToArray()), new Sigmoid().Forward(Sample), 1e-12, 0, "sigmoid");
        TensorAssert.Close(Tensor.FromArray(x.Select(Math.Tanh).ToArray()), new Tanh().Forward(Sample), 1e-12, 0, "tanh");
        TensorAssert.Close(Tensor.FromArray(x.Select(v => Math.Max(v, 0)).ToArray()), new ReLU().Forward(Sample), 0, 0, "relu");
        TensorAssert.Close(Tensor.FromArray(x.Select(v => v >= 0 ? v : 0.1 * v).ToArray()), new LeakyReLU(0.1).Forward(Sample), 1e-12, 0, "leaky relu");
        TensorAssert.Close(Tensor.FromArray(x.Select(v => v > 0 ? v : 0.5 * (Math.Exp(v) - 1)).ToArray()), new ELU(0.5).Forward(Sample), 1e-12, 0, "elu");
        TensorAssert.Close(Tensor.FromArray(x.Select(v => v * Sig(v)).ToArray()), new SiLU().Forward(Sample), 1e-12, 0, "silu");
        TensorAssert.Close(Tensor.FromArray(x.Select(v => Math.Log(1 + Math.Exp(v))).ToArray()), new Softplus().Forward(Sample), 1e-12, 0, "softplus");
    }

    [Fact]
    public void SoftplusIsAccurateFarFromZeroInFloat32()
    {
        var x = Tensor.FromArray(new[] { -30f, -15f, 15f, 25f });
        var y = F.Softplus(x).ToArray<double>();
        Assert.Equal(DType.Float32, F.Softplus(x).DType);
        Assert.Equal(Math.Exp(-30), y[0], Math.Exp(-30) * 1e-6);
        Assert.Equal(Math.Log(1 + Math.Exp(-15)), y[1], 1e-12);
        Assert.Equal(15 + Math.Log(1 + Math.Exp(-15)), y[2], 1e-5);
        Assert.Equal(25, y[3]); // above the threshold the input passes through
    }

    [Fact]
    public void SoftmaxRowsSumToOne()
    {
        var y = new Softmax(1).Forward(Tensor.Randn([3, 5], new Generator(1)));
        TensorAssert.Close(Tensor.Ones(3), y.Sum(1), 0, 1e-6, "row sums");
        var logY = new LogSoftmax(1).Forward(Tensor.Randn([3, 5], new Generator(1)));
        TensorAssert.Close(y.Log(), logY, 1e-5, 1e-6, "log softmax");
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        Assert.Contains("\"none\" or \"tanh\"", Assert.Throws<ArgumentException>(() => new GELU("exact")).Message);
        Assert.Contains("\"none\" or \"tanh\"", Assert.Throws<ArgumentException>(() => F.GELU(Sample, "fast")).Message);
        Assert.Contains("beta must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus(0)).Message);
        Assert.Contains("out of range", Assert.Throws<ArgumentOutOfRangeException>(() => new Softmax(2).Forward(Tensor.Ones(2, 2))).Message);
    }
}
