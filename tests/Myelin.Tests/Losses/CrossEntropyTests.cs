using Myelin.NN;

namespace Myelin.Tests.Losses;

public class CrossEntropyTests
{
    static readonly Tensor Logits = Tensor.FromArray(new float[,]
    {
        { 0.2f, -1.3f, 2.1f, 0.5f },
        { 1.7f, 0.3f, -0.4f, -2.2f },
        { -0.6f, 0.9f, 0.1f, 1.4f },
    });

    static readonly Tensor Labels = Tensor.FromArray([2L, 0L, 1L], 3);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void OneHotTargetsEqualClassIndices(double labelSmoothing)
    {
        var fromIndices = Logits.Clone().RequireGrad();
        var fromOneHot = Logits.Clone().RequireGrad();
        var a = F.CrossEntropy(fromIndices, Labels, labelSmoothing: labelSmoothing);
        var b = F.CrossEntropy(fromOneHot, Labels.OneHot(4), labelSmoothing: labelSmoothing);
        LossAssert.Close(a, b, 1e-6, 0, "one-hot vs indices");
        a.Backward();
        b.Backward();
        LossAssert.Close(fromIndices.Grad!, fromOneHot.Grad!, 1e-5, 1e-7, "gradients");
    }

    [Fact]
    public void IsMinusLogSoftmaxOfTheTrueClass()
    {
        var loss = F.CrossEntropy(Logits, Labels, reduction: Reduction.None).ToArray<double>();
        var logits = Logits.ToArray<double>();
        long[] labels = [2, 0, 1];
        for (int i = 0; i < 3; i++)
        {
            var row = logits.AsSpan(i * 4, 4).ToArray();
            double logSumExp = Math.Log(row.Sum(Math.Exp));
            Assert.Equal(logSumExp - row[labels[i]], loss[i], 5);
        }
    }

    [Fact]
    public void NLLOfLogSoftmaxEqualsCrossEntropy()
    {
        var weight = Tensor.FromArray([1f, 2f, 0.5f, 1.5f], 4);
        var ce = F.CrossEntropy(Logits, Labels, weight);
        var nll = F.NLLLoss(Logits.LogSoftmax(1), Labels, weight);
        LossAssert.Close(ce, nll, 1e-6, 0, "NLL ∘ LogSoftmax vs cross-entropy");
    }

    [Fact]
    public void Int32TargetsWorkLikeInt64()
    {
        var int64 = F.CrossEntropy(Logits, Labels, reduction: Reduction.None);
        var int32 = F.CrossEntropy(Logits, Labels.To(DType.Int32), reduction: Reduction.None);
        LossAssert.Close(int64, int32, 0, 0, "Int32 targets");
    }

    [Fact]
    public void AllIgnoredBatchGivesZeroLossAndZeroGradientsNotNaN()
    {
        var logits = Logits.Clone().RequireGrad();
        var allIgnored = Tensor.Full([3], -100, DType.Int64);
        var loss = F.CrossEntropy(logits, allIgnored);
        Assert.Equal(0, loss.Item());
        loss.Backward();
        Assert.All(logits.Grad!.ToArray<double>(), g => Assert.Equal(0, g));

        var weighted = F.CrossEntropy(Logits, allIgnored, weight: Tensor.Ones(4), labelSmoothing: 0.1);
        Assert.Equal(0, weighted.Item());
    }

    [Fact]
    public void IgnoredPositionsAreZeroAndDoNotCountInTheMean()
    {
        var targets = Tensor.FromArray([2L, -100L, 1L], 3);
        var perSample = F.CrossEntropy(Logits, targets, reduction: Reduction.None).ToArray<double>();
        Assert.Equal(0, perSample[1]);
        var mean = F.CrossEntropy(Logits, targets).Item();
        Assert.Equal((perSample[0] + perSample[2]) / 2, mean, 6);
    }

    [Fact]
    public void WeightedMeanDividesByTheTargetsWeights()
    {
        var weight = Tensor.FromArray([0.5f, 2f, 3f, 1f], 4);
        var perSample = F.CrossEntropy(Logits, Labels, weight, reduction: Reduction.None).ToArray<double>();
        var mean = F.CrossEntropy(Logits, Labels, weight).Item();
        // targets 2, 0, 1 → weights 3, 0.5, 2
        Assert.Equal(perSample.Sum() / (3 + 0.5 + 2), mean, 6);
    }

    [Fact]
    public void SingleSampleWithoutBatchDimension()
    {
        var single = F.CrossEntropy(Logits[0], Tensor.Scalar(2, DType.Int64), reduction: Reduction.None);
        Assert.Equal(0, single.Rank);
        var batched = F.CrossEntropy(Logits, Labels, reduction: Reduction.None);
        Assert.Equal(batched.ToArray<double>()[0], single.Item(), 6);
        var probabilities = F.CrossEntropy(Logits[0], Labels.OneHot(4)[0], reduction: Reduction.None);
        Assert.Equal(single.Item(), probabilities.Item(), 6);
    }

    [Fact]
    public void KeepsTheLogitsDType()
    {
        var weight64 = Tensor.FromArray([1.0, 2.0, 1.0, 1.0], 4);
        Assert.Equal(DType.Float32, F.CrossEntropy(Logits, Labels, weight64).DType);
        Assert.Equal(DType.Float32, F.CrossEntropy(Logits, Labels.OneHot(4, DType.Float64)).DType);
        Assert.Equal(DType.Float64, F.CrossEntropy(Logits.To(DType.Float64), Labels, Tensor.Ones(4)).DType);
    }

    [Fact]
    public void SpatialInputsAreClassifiedPerPosition()
    {
        // [N, C, L] equals classifying each of the N·L positions as its own row
        var logits = Tensor.Randn([2, 3, 4], new Generator(5));
        var targets = Tensor.RandInt(0, 3, [2, 4], new Generator(6));
        var spatial = F.CrossEntropy(logits, targets, reduction: Reduction.None);
        var rows = F.CrossEntropy(logits.Permute(0, 2, 1).Reshape(-1, 3), targets.Reshape(-1), reduction: Reduction.None);
        LossAssert.Close(rows.Reshape(2, 4), spatial, 1e-6, 1e-7, "[N, C, L] vs rows");
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void PassesGradCheckWithEveryOption(Reduction reduction)
    {
        var logits = Tensor.Randn([4, 3, 2], new Generator(11), DType.Float64).RequireGrad();
        var targets = Tensor.FromArray(new long[,] { { 0, 2 }, { -100, 1 }, { 1, 1 }, { 2, -100 } });
        var weight = Tensor.FromArray([0.3, 1.2, 2.0], 3);
        GradCheck.Assert(x => F.CrossEntropy(x[0], targets, weight, labelSmoothing: 0.2, reduction: reduction), [logits]);
        var probabilities = Tensor.Rand([4, 3, 2], new Generator(12), DType.Float64).RequireGrad();
        GradCheck.Assert(x => F.CrossEntropy(x[0], x[1].Softmax(1), weight, labelSmoothing: 0.1, reduction: reduction), [logits, probabilities]);
    }

    [Fact]
    public void ClassAndFunctionAgree()
    {
        var weight = Tensor.FromArray([1f, 2f, 0.5f, 1.5f], 4);
        var loss = new CrossEntropyLoss(weight, ignoreIndex: 0, labelSmoothing: 0.05, reduction: Reduction.Sum);
        LossAssert.Close(F.CrossEntropy(Logits, Labels, weight, 0, 0.05, Reduction.Sum), loss.Forward(Logits, Labels), 0, 0, "class vs function");
        Assert.Equal("CrossEntropyLoss(reduction: Sum)", loss.ToString());
    }
}
