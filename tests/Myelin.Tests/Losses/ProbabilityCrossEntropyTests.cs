using Myelin.NN;

namespace Myelin.Tests.Losses;

/// <summary>The Keras-style losses on softmax and sigmoid outputs, which clip probabilities to [1e-7, 1 − 1e-7].</summary>
public class ProbabilityCrossEntropyTests
{
    static readonly Tensor Probabilities = Tensor.FromArray(new double[,]
    {
        { 0.0, 1.0, 0.0 },
        { 0.2, 0.5, 0.3 },
        { 1.0, 0.0, 0.0 },
    });

    static double Clip(double p) => Math.Clamp(p, F.ProbabilityEpsilon, 1 - F.ProbabilityEpsilon);

    [Fact]
    public void EqualsMinusLogOfTheClippedTrueClassProbability()
    {
        var labels = Tensor.FromArray([0L, 2L, 0L], 3);
        var perSample = F.CrossEntropyFromProbabilities(Probabilities, labels, Reduction.None).ToArray<double>();
        Assert.Equal(-Math.Log(Clip(0.0)), perSample[0], 9);   // p = 0 → −log 1e-7 ≈ 16.1, not ∞
        Assert.Equal(-Math.Log(0.3), perSample[1], 9);
        Assert.Equal(-Math.Log(Clip(1.0)), perSample[2], 12);  // p = 1 → ≈ 1e-7
        var mean = F.CrossEntropyFromProbabilities(Probabilities, labels).Item();
        Assert.Equal(perSample.Average(), mean, 12);
    }

    [Fact]
    public void OneHotTargetsEqualClassIndices()
    {
        var labels = Tensor.FromArray([1L, 1L, 2L], 3);
        var fromIndices = F.CrossEntropyFromProbabilities(Probabilities, labels, Reduction.None);
        var fromOneHot = F.CrossEntropyFromProbabilities(Probabilities, labels.OneHot(3, DType.Float64), Reduction.None);
        LossAssert.Close(fromIndices, fromOneHot, 1e-12, 0, "one-hot vs indices");
    }

    [Fact]
    public void MatchesCrossEntropyOnLogitsAwayFromTheClip()
    {
        var logits = Tensor.Randn([5, 4], new Generator(3));
        var labels = Tensor.RandInt(0, 4, [5], new Generator(4));
        LossAssert.Close(F.CrossEntropy(logits, labels), F.CrossEntropyFromProbabilities(logits.Softmax(1), labels), 1e-5, 0, "softmax + log vs log-softmax");
    }

    [Fact]
    public void BinaryFormEqualsTheClippedFormula()
    {
        var p = Tensor.FromArray([0.0, 1.0, 0.25, 1.0], 4);
        var y = Tensor.FromArray([1.0, 0.0, 1.0, 1.0], 4);
        var loss = F.BinaryCrossEntropyFromProbabilities(p, y, Reduction.None).ToArray<double>();
        double[] expected = [-Math.Log(Clip(0)), -Math.Log(1 - Clip(1)), -Math.Log(0.25), -Math.Log(Clip(1))];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], loss[i], 9);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void PassGradCheck(Reduction reduction)
    {
        var logits = Tensor.Randn([4, 3], new Generator(8), DType.Float64).RequireGrad();
        var labels = Tensor.FromArray([0L, 2L, 1L, 1L], 4);
        GradCheck.Assert(x => F.CrossEntropyFromProbabilities(x[0].Softmax(1), labels, reduction), [logits]);
        var soft = Tensor.Rand([4, 3], new Generator(9), DType.Float64);
        GradCheck.Assert(x => F.CrossEntropyFromProbabilities(x[0].Softmax(1), soft, reduction), [logits]);
        var targets = Tensor.Rand([4, 3], new Generator(10), DType.Float64);
        GradCheck.Assert(x => F.BinaryCrossEntropyFromProbabilities(x[0].Sigmoid(), x[1], reduction), [logits, targets.RequireGrad()]);
    }

    [Fact]
    public void ClassesAgreeWithFunctions()
    {
        var labels = Tensor.FromArray([1L, 1L, 2L], 3);
        LossAssert.Close(F.CrossEntropyFromProbabilities(Probabilities, labels),
            Myelin.NN.Losses.CrossEntropyFromProbabilities.Forward(Probabilities, labels), 0, 0, "categorical");
        var y = Tensor.FromArray([1.0, 0.0, 1.0, 1.0], 4);
        var p = Tensor.FromArray([0.9, 0.2, 0.4, 0.6], 4);
        LossAssert.Close(F.BinaryCrossEntropyFromProbabilities(p, y, Reduction.Sum),
            new BinaryCrossEntropyFromProbabilitiesLoss(Reduction.Sum).Forward(p, y), 0, 0, "binary");
    }
}
