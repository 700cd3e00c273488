using Myelin.Learn;
using Myelin.NN;

namespace Myelin.Tests.Learn;

public class ActivationCurveTests
{
    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("ReLU")]
    [InlineData("leaky ReLU")]
    public void ValuesAndAutogradDerivativesMatchPyTorch(string name)
    {
        var fixture = LearnFixtures.Section("activations");
        double[] z = LearnFixtures.Doubles(fixture.GetProperty("z"));
        ActivationCurve curve = ActivationCurve.Compute(name, z);

        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty(name).GetProperty("values")), curve.Values, 1e-12);
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty(name).GetProperty("derivatives")), curve.Derivatives, 1e-12);
    }

    [Fact]
    public void StepHasZeroSlopeAndLinearHasSlopeOne()
    {
        ActivationCurve step = ActivationCurve.Compute("step", [-1, -0.1, 0.1, 1]);
        Assert.Equal([0.0, 0, 1, 1], step.Values);
        Assert.All(step.Derivatives, d => Assert.Equal(0, d));
        ActivationCurve linear = ActivationCurve.Compute("LINEAR", [-3, 2]);
        Assert.Equal("linear", linear.Name);
        Assert.Equal([-3.0, 2], linear.Values);
        Assert.Equal([1.0, 1], linear.Derivatives);
    }

    [Fact]
    public void SigmoidSlopeIsAtMostAQuarter()
    {
        ActivationCurve sigmoid = ActivationCurve.ComputeAll().Single(c => c.Name == "sigmoid");
        Assert.Equal(0.25, sigmoid.Derivatives.Max(), 3);
        // The autograd slope equals σ(z)(1 − σ(z)) at every point.
        for (int i = 0; i < sigmoid.X.Count; i++)
            Assert.Equal(sigmoid.Values[i] * (1 - sigmoid.Values[i]), sigmoid.Derivatives[i], 12);
    }

    [Fact]
    public void ChartsDrawEveryActivation()
    {
        SvgChart[] charts = ActivationCurve.Charts(ActivationCurve.ComputeAll(points: 41));
        Assert.Equal(2, charts.Length);
        Assert.All(charts, c => Assert.Equal(ActivationCurve.Names, c.Series.Select(s => s.Name)));
        Assert.Contains("unknown activation 'swish'", Assert.Throws<ArgumentException>(() => ActivationCurve.Compute("swish", [0])).Message);
    }

    [Fact]
    public void SoftmaxOfHugeScoresIsFiniteAndMatchesPyTorch()
    {
        var fixture = LearnFixtures.Section("softmax");
        Tensor logits = Tensor.FromArray(new[] { 1000f, 1001f }, 1, 2);
        double[] probabilities = logits.Softmax(1).ToArray().Select(p => (double)p).ToArray();

        Assert.All(probabilities, p => Assert.True(double.IsFinite(p)));
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("probabilities")), probabilities, 1e-5);
        Assert.Equal(Math.Exp(-1) / (1 + Math.Exp(-1)), probabilities[0], 6);

        double byIndex = F.CrossEntropy(logits, Tensor.FromArray(new long[] { 1 }, 1)).Item();
        double byOneHot = F.CrossEntropy(logits, Tensor.FromArray(new[] { 0f, 1f }, 1, 2)).Item();
        Assert.Equal(byIndex, byOneHot, 6);
        Assert.Equal(fixture.GetProperty("ce_index").GetDouble(), byIndex, 5);

        Tensor batch = Tensor.FromArray(new float[,] { { 2, 1, 0.1f }, { 0.5f, 2.5f, 0.3f }, { -1, 0, 3 } });
        Tensor labels = Tensor.FromArray(new long[] { 0, 1, 2 }, 3);
        Assert.Equal(fixture.GetProperty("batch_ce").GetDouble(), F.CrossEntropy(batch, labels).Item(), 5);
        Assert.Equal(fixture.GetProperty("batch_ce_one_hot").GetDouble(), F.CrossEntropy(batch, labels.OneHot(3)).Item(), 5);
    }
}
