using Myelin.NN;

namespace Myelin.Tests.NN;

public class DropoutTests
{
    [Fact]
    public void KeptElementsAreScaledAndTheRestZeroed()
    {
        var x = Tensor.Full([40, 50], 2.0);
        var y = new Dropout(0.25, new Generator(1)).Forward(x).ToArray();
        // Every element is either dropped (0) or kept and scaled by 1/(1 − p).
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 2 / 0.75) < 1e-6, $"unexpected value {v}"));
        double dropped = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(dropped, 0.21, 0.29);
    }

    [Fact]
    public void MeanIsPreservedOnAverage()
    {
        var x = Tensor.Rand([200, 100], new Generator(2));
        var y = F.Dropout(x, 0.5, training: true, generator: new Generator(3));
        Assert.Equal(x.Mean().Item(), y.Mean().Item(), 0.02);
    }

    [Fact]
    public void ZeroProbabilityIsTheIdentity()
    {
        var x = Tensor.Randn([4, 4], new Generator(4));
        Assert.Equal(x.ToArray(), new Dropout(0).Forward(x).ToArray());
    }

    [Fact]
    public void EvaluationModeIsTheIdentity()
    {
        var layer = new Dropout(0.9);
        layer.Eval();
        var x = Tensor.Randn([4, 4], new Generator(5));
        Assert.Same(x, layer.Forward(x));
        Assert.Same(x, F.Dropout(x, 0.9, training: false));
    }

    [Fact]
    public void SameSeedGivesTheSameMask()
    {
        var x = Tensor.Ones(10, 10);
        var a = new Dropout(0.5, new Generator(6)).Forward(x).ToArray();
        var b = new Dropout(0.5, new Generator(6)).Forward(x).ToArray();
        var c = new Dropout(0.5, new Generator(7)).Forward(x).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void GradientFlowsOnlyThroughKeptElements()
    {
        var x = Tensor.Ones(8, 8).RequireGrad();
        var y = F.Dropout(x, 0.5, generator: new Generator(8));
        y.Sum().Backward();
        Assert.Equal(y.ToArray(), x.Grad!.ToArray()); // d(x·mask·2)/dx = mask·2 = y when x = 1
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideTheRangeIsRejected(double p)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p));
        Assert.Contains("Dropout: the drop probability p must be in [0, 1)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Dropout(Tensor.Ones(2), p));
    }
}
