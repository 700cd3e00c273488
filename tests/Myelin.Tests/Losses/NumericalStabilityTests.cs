using Myelin.NN;

namespace Myelin.Tests.Losses;

/// <summary>Saturated probabilities and huge logits give finite, correct losses and gradients.</summary>
public class NumericalStabilityTests
{
    [Fact]
    public void BCEAtProbabilityZeroAndOneIsFinite()
    {
        var p = Tensor.FromArray([0f, 1f, 0f, 1f], 4).RequireGrad();
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], 4);
        var loss = F.BCELoss(p, y, reduction: Reduction.None);
        // right answers cost 0, wrong ones hit the clamp: −log 0 → 100
        LossAssert.Close(Tensor.FromArray([0f, 0f, 100f, 100f], 4), loss, 0, 1e-6, "BCE at p = 0, 1");
        loss.Sum().Backward();
        LossAssert.AllFinite(p.Grad!, "BCE gradient at p = 0, 1");
    }

    [Fact]
    public void BCENearZeroIsFiniteAndFollowsTheClamp()
    {
        var p = Tensor.FromArray([1e-45f, 1e-30f], 2).RequireGrad();
        var loss = F.BCELoss(p, Tensor.Ones(2), reduction: Reduction.None);
        var values = loss.ToArray<double>();
        Assert.Equal(100, values[0], 3);
        Assert.Equal(-Math.Log(1e-30), values[1], 3);
        loss.Sum().Backward();
        LossAssert.AllFinite(p.Grad!, "BCE gradient near 0");
    }

    [Fact]
    public void BCEWithLogitsAtPlusMinus1000IsFiniteAndCorrect()
    {
        var x = Tensor.FromArray([1000f, 1000f, -1000f, -1000f], 4).RequireGrad();
        var y = Tensor.FromArray([1f, 0f, 0f, 1f], 4);
        var loss = F.BCEWithLogitsLoss(x, y, reduction: Reduction.None);
        LossAssert.Close(Tensor.FromArray([0f, 1000f, 0f, 1000f], 4), loss, 1e-6, 0, "BCE-with-logits at ±1000");
        loss.Sum().Backward();
        // dℓ/dx = σ(x) − y
        LossAssert.Close(Tensor.FromArray([0f, 1f, 0f, -1f], 4), x.Grad!, 0, 1e-6, "BCE-with-logits gradient at ±1000");
    }

    [Fact]
    public void BCEWithLogitsGradientAtZeroLogitIsSigmoidMinusTarget()
    {
        // A max/abs formulation picks one-sided derivatives at x = 0 that do not cancel; the loss must not.
        var x = Tensor.Zeros(3).RequireGrad();
        var y = Tensor.FromArray([0f, 1f, 0.25f], 3);
        F.BCEWithLogitsLoss(x, y, reduction: Reduction.Sum).Backward();
        LossAssert.Close(Tensor.FromArray([0.5f, -0.5f, 0.25f], 3), x.Grad!, 0, 1e-7, "gradient at x = 0");
        var x64 = Tensor.Zeros([3], DType.Float64).RequireGrad();
        GradCheck.Assert(t => F.BCEWithLogitsLoss(t[0], t[1], posWeight: Tensor.FromArray([2.0, 0.5, 1.0], 3)), [x64, y.To(DType.Float64)]);
    }

    [Fact]
    public void CrossEntropyOfLogits1000And1001IsFiniteAndCorrect()
    {
        var logits = Tensor.FromArray(new float[,] { { 1000, 1001 } }).RequireGrad();
        var loss = F.CrossEntropy(logits, Tensor.FromArray([1L], 1));
        LossAssert.Close(Math.Log(1 + Math.Exp(-1)), loss, 1e-6, "cross-entropy of [1000, 1001]");
        loss.Backward();
        // softmax − one-hot
        double p0 = 1 / (1 + Math.E);
        LossAssert.Close(Tensor.FromArray(new[,] { { p0, -p0 } }), logits.Grad!, 1e-5, 1e-7, "gradient");
    }

    [Fact]
    public void CrossEntropyOfVeryWrongHugeLogitsIsFinite()
    {
        var logits = Tensor.FromArray(new float[,] { { -1e30f, 1e30f } }).RequireGrad();
        var loss = F.CrossEntropy(logits, Tensor.FromArray([0L], 1));
        LossAssert.AllFinite(loss, "loss");
        loss.Backward();
        LossAssert.AllFinite(logits.Grad!, "gradient");
    }

    [Fact]
    public void KLDivWithZeroTargetProbabilitiesHasFiniteGradients()
    {
        var logQ = Tensor.FromArray(new[,] { { -1.0, -0.5 }, { -2.0, -0.2 } }).RequireGrad();
        var target = Tensor.FromArray(new[,] { { 0.0, 1.0 }, { 0.5, 0.5 } }).RequireGrad();
        var loss = F.KLDivLoss(logQ, target, Reduction.Sum);
        // 0·(log 0 − x) counts as 0
        double expected = 1.0 * (0 + 0.5) + 0.5 * (Math.Log(0.5) + 2.0) + 0.5 * (Math.Log(0.5) + 0.2);
        LossAssert.Close(expected, loss, 1e-12, "KL with a zero target");
        loss.Backward();
        LossAssert.AllFinite(logQ.Grad!, "input gradient");
        LossAssert.AllFinite(target.Grad!, "target gradient");
    }
}
