namespace Myelin.Tests.Core;

public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var w = Tensor.FromArray(new[] { 1f, 2f, 3f }).RequireGrad();
        (w * 2).Sum().Backward();
        (w * w).Sum().Backward();
        // d/dw (2w) = 2, then d/dw (w²) = 2w is added on top.
        Assert.Equal(new[] { 4f, 6f, 8f }, w.Grad!.ToArray());
    }

    [Fact]
    public void TensorUsedTwiceGetsBothContributions()
    {
        var x = Tensor.Scalar(3).RequireGrad();
        var y = x * x + x; // dy/dx = 2x + 1 = 7
        y.Backward();
        Assert.Equal(7.0, x.Grad!.Item(), 6);
    }

    [Fact]
    public void ChainRuleThroughSeveralOps()
    {
        // f = sigmoid(w·x + b); df/dw = σ'(z)·x with z = 0.5
        var x = Tensor.FromArray(new[] { 1.0, 2.0 });
        var w = Tensor.FromArray(new[] { 0.5, -0.25 }).RequireGrad();
        var b = Tensor.Scalar(0.5, DType.Float64).RequireGrad();
        var f = ((w * x).Sum() + b).Sigmoid();
        f.Backward();
        double s = 1 / (1 + Math.Exp(-0.5));
        Assert.Equal(s * (1 - s) * 1.0, w.Grad!.ToArray<double>()[0], 12);
        Assert.Equal(s * (1 - s) * 2.0, w.Grad!.ToArray<double>()[1], 12);
        Assert.Equal(s * (1 - s), b.Grad!.Item(), 12);
    }

    [Fact]
    public void DetachStopsGradients()
    {
        var x = Tensor.Scalar(2).RequireGrad();
        var y = x * x.Detach(); // only the first factor carries gradient: dy/dx = 2
        y.Backward();
        Assert.Equal(2.0, x.Grad!.Item(), 6);
        Assert.False(x.Detach().RequiresGrad);
    }

    [Fact]
    public void NoGradRecordsNothingAndRestoresOnDispose()
    {
        var x = Tensor.Ones(2).RequireGrad();
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            var y = x * 3;
            Assert.False(y.RequiresGrad);
            using (Autograd.EnableGrad()) Assert.True((x * 3).RequiresGrad);
        }
        Assert.True(Autograd.IsGradEnabled);
        Assert.True((x * 3).RequiresGrad);
    }

    [Fact]
    public void AutogradGradReturnsGradientsWithoutTouchingGrad()
    {
        var a = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var b = Tensor.FromArray(new[] { 3.0, 4.0 }).RequireGrad();
        var hidden = a * b;
        var loss = (hidden * hidden).Sum();
        var grads = Autograd.Grad([loss], [a, hidden]);
        Assert.Equal(new[] { 2 * 3.0 * 3 * 1, 2 * 4.0 * 4 * 2 }, grads[0]!.ToArray<double>()); // 2ab·b
        Assert.Equal(new[] { 6.0, 16.0 }, grads[1]!.ToArray<double>());                      // 2·hidden
        Assert.Null(a.Grad);
        Assert.Null(b.Grad);
    }

    [Fact]
    public void AutogradGradReportsUnusedInputs()
    {
        var a = Tensor.Scalar(1).RequireGrad();
        var unused = Tensor.Scalar(1).RequireGrad();
        var y = a * 2;
        var ex = Assert.Throws<InvalidOperationException>(() => Autograd.Grad([y], [a, unused], retainGraph: true));
        Assert.Contains("not used", ex.Message);
        Assert.Null(Autograd.Grad([y], [a, unused], allowUnused: true)[1]);
    }

    [Fact]
    public void SecondDerivativeWithCreateGraph()
    {
        var x = Tensor.Scalar(2.0, DType.Float64).RequireGrad();
        var y = x * x * x;                                   // y = x³
        var dy = Autograd.Grad(y, x, createGraph: true);     // 3x² = 12
        Assert.Equal(12.0, dy.Item(), 12);
        var d2y = Autograd.Grad(dy, x);                      // 6x = 12
        Assert.Equal(12.0, d2y.Item(), 12);
    }

    [Fact]
    public void FusedAndCompositeReluGradientsAgree()
    {
        // Without createGraph the engine uses the fused kernel; with it, the composite rule.
        var x = Tensor.FromArray(new[] { -2.0, -0.5, 0.5, 3.0, 0.0, 1.0, -1.0, 2.0, 4.0, -4.0 }).RequireGrad();
        var weights = Tensor.Arange(1, 11, 1, DType.Float64);
        var fused = Autograd.Grad((x.ReLU() * weights).Sum(), x);
        var composite = Autograd.Grad((x.ReLU() * weights).Sum(), x, createGraph: true);
        Assert.Equal(fused.ToArray<double>(), composite.ToArray<double>());
        Assert.Equal(new[] { 0.0, 0, 3, 4, 0, 6, 0, 8, 9, 0 }, fused.ToArray<double>());
    }

    [Fact]
    public void ManySlicesOfOneTensorAccumulateCorrectly()
    {
        // Rows of a leaf and of a computed tensor, used one by one like RNN time steps.
        var leaf = Tensor.Arange(0, 12, 1, DType.Float64).Reshape(4, 3).RequireGrad();
        var computed = leaf * 2;
        Tensor total = Tensor.Scalar(0, DType.Float64);
        for (int t = 0; t < 4; t++) total = total + (leaf[t] * (t + 1)).Sum() + (computed[t] * computed[t]).Sum();
        total = total + leaf.Narrow(0, 1, 2).Sum(); // an overlapping slice
        total.Backward(null, retainGraph: true);
        var expected = new double[12];
        for (int i = 0; i < 12; i++)
        {
            int row = i / 3;
            expected[i] = (row + 1) + 2 * 2 * (2.0 * i) + (row is 1 or 2 ? 1 : 0);
        }
        Assert.Equal(expected, leaf.Grad!.ToArray<double>());
        var viaGrad = Autograd.Grad((computed[1] * computed[3]).Sum() + computed[1].Sum(), leaf);
        var manual = new double[12];
        for (int j = 0; j < 3; j++)
        {
            manual[3 + j] = 2 * (2.0 * (9 + j)) + 2;
            manual[9 + j] = 2 * (2.0 * (3 + j));
        }
        Assert.Equal(manual, viaGrad.ToArray<double>());
    }

    [Fact]
    public void DeepChainDoesNotOverflowTheStack()
    {
        var x = Tensor.Scalar(1).RequireGrad();
        var y = x;
        for (int i = 0; i < 10_000; i++) y = y * 1.0001 + 0.0;
        y.Backward();
        Assert.Equal(Math.Pow(1.0001, 10_000), x.Grad!.Item(), 2);
    }

    [Fact]
    public void SecondBackwardOnReleasedGraphThrows()
    {
        var x = Tensor.Scalar(1).RequireGrad();
        var y = (x * 2).Exp();
        y.Backward();
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("already freed", ex.Message);
        Assert.Contains("retainGraph", ex.Message);
    }

    [Fact]
    public void RetainGraphAllowsASecondBackward()
    {
        var x = Tensor.Scalar(1).RequireGrad();
        var y = (x * 2).Exp();
        y.Backward(null, retainGraph: true);
        y.Backward();
        Assert.Equal(2 * 2 * Math.Exp(2), x.Grad!.Item(), 4);
    }

    [Fact]
    public void BackwardOnNonScalarWithoutGradientThrows()
    {
        var x = Tensor.Ones(2, 3).RequireGrad();
        var ex = Assert.Throws<InvalidOperationException>(() => (x * 2).Backward());
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("scalar", ex.Message);
    }

    [Fact]
    public void BackwardWithExplicitGradientOnNonScalar()
    {
        var x = Tensor.Ones(2, 2).RequireGrad();
        (x * 3).Backward(Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2));
        Assert.Equal(new[] { 3f, 6f, 9f, 12f }, x.Grad!.ToArray());
        var wrong = Assert.Throws<ArgumentException>(() => (x * 3).Backward(Tensor.Ones(3)));
        Assert.Contains("[3]", wrong.Message);
    }

    [Fact]
    public void BackwardOnTensorWithoutGradientsExplains()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => (Tensor.Ones(1) * 2).Sum().Backward());
        Assert.Contains("does not require gradients", ex.Message);
    }

    [Fact]
    public void InPlaceChangeOfSavedTensorIsDetected()
    {
        var w = Tensor.FromArray(new[] { 1f, 2f }).RequireGrad();
        var x = Tensor.FromArray(new[] { 3f, 4f });
        var y = (w * x).Sum();
        x.Fill(0); // Mul saved x for the gradient of w
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("modified in place", ex.Message);
        Assert.Contains("Mul", ex.Message);
    }

    [Fact]
    public void InPlaceOnTensorRequiringGradIsRefusedOutsideNoGrad()
    {
        var w = Tensor.Ones(2).RequireGrad();
        Assert.Throws<InvalidOperationException>(() => w.Fill(3));
        using (Autograd.NoGrad()) w.AddInPlace(Tensor.Ones(2), -0.5);
        Assert.Equal(new[] { 0.5f, 0.5f }, w.ToArray());
    }

    [Fact]
    public void RetainGradKeepsNonLeafGradient()
    {
        var x = Tensor.FromArray(new[] { 1f, 2f }).RequireGrad();
        var h = (x * 3).RetainGrad();
        (h * h).Sum().Backward();
        Assert.Equal(new[] { 6f, 12f }, h.Grad!.ToArray());
        Assert.Equal(new[] { 18f, 36f }, x.Grad!.ToArray());
    }

    [Fact]
    public void RequiresGradOnlyOnFloatLeaves()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor.Arange(3).RequiresGrad = true);
        var x = Tensor.Ones(2).RequireGrad();
        Assert.Throws<InvalidOperationException>(() => (x * 2).RequiresGrad = false);
    }

    [Fact]
    public void BroadcastGradientsAreSummedBackToInputShape()
    {
        var bias = Tensor.Zeros(3).RequireGrad();
        var x = Tensor.Ones(4, 3);
        (x + bias).Sum().Backward();
        Assert.Equal(new[] { 4f, 4f, 4f }, bias.Grad!.ToArray());
        var column = Tensor.Zeros(4, 1).RequireGrad();
        (x * column + column).Sum().Backward();
        // Each entry of the column is broadcast over 3 columns in both terms: Σⱼ x[i, j] + Σⱼ 1 = 6.
        Assert.Equal(new[] { 6f, 6f, 6f, 6f }, column.Grad!.ToArray());
    }

    [Fact]
    public void GradCheckReportsWrongGradients()
    {
        // x·detach(x) computes x² but its recorded gradient is x, not 2x: the check must catch that.
        var x = Tensor.FromArray(new[] { 1.5, -0.5 }).RequireGrad();
        var result = GradCheck.Check(t => t[0] * t[0].Detach(), [x]);
        Assert.False(result.Passed);
        Assert.Contains("input 0", result.Message);
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(t => t[0] * t[0].Detach(), [x]));
        Assert.True(GradCheck.Check(t => t[0] * t[0], [x]).Passed);
    }

    [Fact]
    public void GradCheckRequiresFloat64()
    {
        var x = Tensor.Ones(2).RequireGrad();
        Assert.Throws<ArgumentException>(() => GradCheck.Check(t => t[0] * 2, [x]));
    }
}
