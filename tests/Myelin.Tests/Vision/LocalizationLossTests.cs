using System.Text.Json;
using Myelin.NN;
using Myelin.Tests.NN;
using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class LocalizationLossTests
{
    [Fact]
    public void MatchesPyTorchCrossEntropyPlusWeightedSmoothL1()
    {
        var fixture = FixtureReader.Load("Vision", "vision.json").GetProperty("localization_loss");
        var loss = new LocalizationLoss(fixture.GetProperty("num_classes").GetInt32(), fixture.GetProperty("box_weight").GetDouble(), fixture.GetProperty("beta").GetDouble());
        var input = FixtureReader.Decode(fixture.GetProperty("input")).RequireGrad();
        var target = FixtureReader.Decode(fixture.GetProperty("target"));

        var value = loss.Forward(input, target);
        value.Backward();

        double expected = fixture.GetProperty("loss").GetDouble();
        Assert.True(Math.Abs(value.Item() - expected) <= 1e-5 * Math.Abs(expected), $"loss {value.Item()}, PyTorch {expected}");
        TensorAssert.Close(FixtureReader.Decode(fixture.GetProperty("input_grad")), input.Grad, rtol: 1e-4, atol: 1e-6, "input gradient");
    }

    [Fact]
    public void EqualsItsTwoPartsComputedSeparately()
    {
        var output = Tensor.Randn([5, 6], new Generator(1));
        var targets = Tensor.FromArray(new float[] { 1, 0.1f, 0.2f, 0.5f, 0.6f, 0, 0, 0, 1, 1, 1, 0.3f, 0.3f, 0.4f, 0.9f, 0, 0.5f, 0.5f, 0.6f, 0.6f, 1, 0, 0.1f, 0.2f, 0.3f }, 5, 5);
        var labels = Tensor.FromArray(new long[] { 1, 0, 1, 0, 1 }, 5);
        double expected = F.CrossEntropy(output.Narrow(1, 0, 2), labels).Item() + 3 * F.SmoothL1Loss(output.Narrow(1, 2, 4), targets.Narrow(1, 1, 4), 0.2).Item();
        Assert.Equal(expected, new LocalizationLoss(2, boxWeight: 3, beta: 0.2).Forward(output, targets).Item(), 5);
    }

    [Fact]
    public void PassesAFloat64GradientCheck()
    {
        var loss = new LocalizationLoss(3, boxWeight: 2, beta: 0.5);
        var targets = Tensor.FromArray(new double[] { 2, 0.1, 0.1, 0.5, 0.6, 0, 0.3, 0.2, 0.9, 0.8, 1, 0, 0, 0.4, 0.4 }, 3, 5);
        GradCheck.Assert(t => loss.Forward(t[0], targets), [Tensor.Randn([3, 7], new Generator(2), DType.Float64).RequireGrad()]);
    }

    [Fact]
    public void WrongShapesAndClassesAreRejectedNamingTheLoss()
    {
        var loss = new LocalizationLoss(3);
        var good = Tensor.FromArray(new float[] { 1, 0, 0, 1, 1 }, 1, 5);
        Assert.Equal("LocalizationLoss: expected the input [N, 7] (3 class logits and 4 box coordinates), got [1, 6].",
            Assert.Throws<ArgumentException>(() => loss.Forward(Tensor.Zeros(1, 6), good)).Message);
        Assert.Contains("expected the target [1, 5]", Assert.Throws<ArgumentException>(() => loss.Forward(Tensor.Zeros(1, 7), Tensor.Zeros(1, 4))).Message);
        Assert.Contains("the class of sample 0 is 3", Assert.Throws<ArgumentException>(() => loss.Forward(Tensor.Zeros(1, 7), Tensor.FromArray(new float[] { 3, 0, 0, 1, 1 }, 1, 5))).Message);
        Assert.Contains("is 0.5", Assert.Throws<ArgumentException>(() => loss.Forward(Tensor.Zeros(1, 7), Tensor.FromArray(new float[] { 0.5f, 0, 0, 1, 1 }, 1, 5))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalizationLoss(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalizationLoss(2, boxWeight: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalizationLoss(2, beta: double.NaN));
    }
}
