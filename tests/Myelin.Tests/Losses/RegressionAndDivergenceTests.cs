using Myelin.NN;

namespace Myelin.Tests.Losses;

public class RegressionAndDivergenceTests
{
    [Fact]
    public void MSEAndL1ComputeTheirFormulas()
    {
        var x = Tensor.FromArray([1f, 2f, 4f], 3);
        var y = Tensor.FromArray([0f, 2f, 1f], 3);
        LossAssert.Close((1 + 0 + 9) / 3.0, F.MSELoss(x, y), 1e-7, "MSE");
        LossAssert.Close(1 + 0 + 3, F.L1Loss(x, y, Reduction.Sum), 1e-7, "L1");
    }

    [Fact]
    public void HuberIsQuadraticInsideDeltaAndLinearOutside()
    {
        var x = Tensor.FromArray([0.5, 3.0, -2.0], 3);
        var loss = F.HuberLoss(x, Tensor.Zeros([3], DType.Float64), delta: 1.5, reduction: Reduction.None).ToArray<double>();
        Assert.Equal(0.5 * 0.25, loss[0], 12);
        Assert.Equal(1.5 * (3 - 0.75), loss[1], 12);
        Assert.Equal(1.5 * (2 - 0.75), loss[2], 12);
        // smooth L1 is Huber divided by β
        var smooth = F.SmoothL1Loss(x, Tensor.Zeros([3], DType.Float64), beta: 1.5, reduction: Reduction.None).ToArray<double>();
        for (int i = 0; i < 3; i++) Assert.Equal(loss[i] / 1.5, smooth[i], 12);
    }

    [Fact]
    public void KLDivBatchMeanIsSumOverBatchSize()
    {
        var logQ = Tensor.Randn([4, 3], new Generator(2), DType.Float64).LogSoftmax(1);
        var p = Tensor.Randn([4, 3], new Generator(3), DType.Float64).Softmax(1);
        var sum = F.KLDivLoss(logQ, p, Reduction.Sum).Item();
        Assert.Equal(sum / 4, F.KLDivLoss(logQ, p, Reduction.BatchMean).Item(), 12);
        Assert.Equal(sum / 12, F.KLDivLoss(logQ, p, Reduction.Mean).Item(), 12);
        Assert.Equal(sum / 4, F.KLDivLoss(logQ, p.Log(), Reduction.BatchMean, logTarget: true).Item(), 12);
        Assert.Equal(sum / 4, Myelin.NN.Losses.KLDivergence.Forward(logQ, p).Item(), 12);
        // the divergence of a distribution from itself is 0
        Assert.Equal(0, F.KLDivLoss(p.Log(), p, Reduction.Sum).Item(), 12);
    }

    [Fact]
    public void MeanOfAnEmptyBatchIsZero()
    {
        var empty = Tensor.Zeros(0, 3);
        Assert.Equal(0, F.MSELoss(empty, empty).Item());
        Assert.Equal(0, F.CrossEntropy(empty, Tensor.Zeros([0], DType.Int64)).Item());
        Assert.Equal(0, F.CrossEntropy(empty, empty).Item());
    }

    [Fact]
    public void L2PenaltyIsLambdaTimesTheSumOfSquares()
    {
        var w = Tensor.FromArray(new[,] { { 1.0, -2.0 }, { 0.5, 3.0 } }).RequireGrad();
        var b = Tensor.FromArray([4.0], 1).RequireGrad();
        var penalty = F.L2Penalty([w, b], 0.1);
        Assert.Equal(0.1 * (1 + 4 + 0.25 + 9 + 16), penalty.Item(), 12);
        penalty.Backward();
        // d(λ·Σw²)/dw = 2λw
        LossAssert.Close(w.Detach() * 0.2, w.Grad!, 1e-12, 0, "penalty gradient");
        LossAssert.Close(b.Detach() * 0.2, b.Grad!, 1e-12, 0, "penalty gradient (bias)");
        Assert.Equal(0, F.L2Penalty([], 0.1).Item());
        GradCheck.Assert(x => F.L2Penalty(x, 0.3), [w.Detach().Clone().RequireGrad(), b.Detach().Clone().RequireGrad()]);
    }

    [Fact]
    public void GradientsFlowIntoRegressionTargets()
    {
        var x = Tensor.FromArray([1.0, 2.0], 2);
        var y = Tensor.FromArray([0.0, 4.0], 2).RequireGrad();
        F.MSELoss(x, y, Reduction.Sum).Backward();
        // d(x − y)²/dy = −2(x − y)
        LossAssert.Close(Tensor.FromArray([-2.0, 4.0], 2), y.Grad!, 1e-12, 0, "target gradient");
    }

    [Fact]
    public void ReadyMadeLossesHaveDefaultOptions()
    {
        Assert.IsType<MSELoss>(Myelin.NN.Losses.MSE);
        Assert.Equal(Reduction.Mean, Myelin.NN.Losses.CrossEntropy.Reduction);
        Assert.Null(Myelin.NN.Losses.CrossEntropy.Weight);
        Assert.Equal(-100, Myelin.NN.Losses.NLL.IgnoreIndex);
        Assert.Equal(1, Myelin.NN.Losses.Huber.Delta);
        Assert.Equal(Reduction.BatchMean, Myelin.NN.Losses.KLDivergence.Reduction);
        Assert.Same(Myelin.NN.Losses.BinaryCrossEntropyWithLogits, Myelin.NN.Losses.BinaryCrossEntropyWithLogits);
        Func<Tensor, Tensor, Tensor> asDelegate = Myelin.NN.Losses.MSE.Forward;
        Assert.Equal(1, asDelegate(Tensor.Ones(2), Tensor.Zeros(2)).Item());
        Loss[] all = [Myelin.NN.Losses.L1, Myelin.NN.Losses.SmoothL1, Myelin.NN.Losses.BinaryCrossEntropy,
            Myelin.NN.Losses.BinaryCrossEntropyFromProbabilities];
        Assert.Equal(["L1Loss", "SmoothL1Loss", "BCELoss", "BinaryCrossEntropyFromProbabilities"], all.Select(l => l.Name));
    }
}
