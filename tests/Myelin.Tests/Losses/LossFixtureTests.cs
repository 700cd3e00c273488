namespace Myelin.Tests.Losses;

/// <summary>
/// Every case of the PyTorch fixture is checked for forward values (1e-5 relative) and input and
/// target gradients (1e-4), through the functional form and the class form, with non-contiguous
/// tensors, and with a float64 finite-difference gradient check.
/// </summary>
public class LossFixtureTests
{
    public static IEnumerable<object[]> Cases => LossFixtures.Names();

    static (Tensor Input, Tensor Target) Fresh(LossCase c, Func<Tensor, Tensor>? transform = null)
    {
        var input = transform?.Invoke(c.Input) ?? c.Input.Clone();
        var target = transform?.Invoke(c.Target) ?? c.Target.Clone();
        if (c.InputGrad is not null) input.RequiresGrad = true;
        if (c.TargetGrad is not null) target.RequiresGrad = true;
        return (input, target);
    }

    static void CheckGradients(LossCase c, Tensor input, Tensor target, Tensor output, string how)
    {
        if (c.GradOutput is null) return;
        output.Backward(c.GradOutput);
        if (c.InputGrad is { } inputGrad) LossAssert.Close(inputGrad, input.Grad!, 1e-4, 1e-5, $"{c.Name} input gradient ({how})");
        if (c.TargetGrad is { } targetGrad) LossAssert.Close(targetGrad, target.Grad!, 1e-4, 1e-5, $"{c.Name} target gradient ({how})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FunctionalFormMatchesPyTorch(string name)
    {
        var c = LossFixtures.Cases[name];
        var (input, target) = Fresh(c);
        var output = LossFixtures.RunFunctional(c, input, target, c.Weight, c.PosWeight);
        Assert.Equal(DType.Float32, output.DType);
        LossAssert.Close(c.Output, output, 1e-5, 1e-6, $"{name} forward");
        CheckGradients(c, input, target, output, "functional");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClassFormMatchesPyTorch(string name)
    {
        var c = LossFixtures.Cases[name];
        var (input, target) = Fresh(c);
        var output = LossFixtures.MakeLoss(c).Forward(input, target);
        LossAssert.Close(c.Output, output, 1e-5, 1e-6, $"{name} forward (class)");
        CheckGradients(c, input, target, output, "class");
    }

    /// <summary>Same data seen through a stride-2 view of a bigger tensor.</summary>
    static Tensor NonContiguous(Tensor t)
    {
        if (t.Rank == 0) return t.Clone();
        var doubled = Tensor.Cat([t.Unsqueeze(-1), Tensor.ZerosLike(t).Unsqueeze(-1)], -1).Flatten(-2);
        return doubled.Slice(-1, 0, doubled.Size(-1), 2);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NonContiguousTensorsGiveTheSameResults(string name)
    {
        var c = LossFixtures.Cases[name];
        var (input, target) = Fresh(c, NonContiguous);
        var output = LossFixtures.RunFunctional(c, input, target, c.Weight is null ? null : NonContiguous(c.Weight), c.PosWeight);
        LossAssert.Close(c.Output, output, 1e-5, 1e-6, $"{name} forward (non-contiguous)");
        CheckGradients(c, input, target, output, "non-contiguous");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PassesFloat64GradCheck(string name)
    {
        var c = LossFixtures.Cases[name];
        if (c.InputGrad is null && c.TargetGrad is null) return;
        static Tensor Wide(Tensor t) => t.DType == DType.Float32 ? t.To(DType.Float64) : t.Clone();
        var input = Wide(c.Input).RequireGrad(c.InputGrad is not null);
        var target = Wide(c.Target).RequireGrad(c.TargetGrad is not null);
        Tensor? weight = c.Weight is null ? null : Wide(c.Weight), posWeight = c.PosWeight is null ? null : Wide(c.PosWeight);
        var result = GradCheck.Check(x => LossFixtures.RunFunctional(c, x[0], x[1], weight, posWeight), [input, target]);
        Assert.True(result.Passed, $"{name}: {result.Message}");
    }

    [Fact]
    public void FixtureCoversEveryLossAndReduction()
    {
        var covered = LossFixtures.Cases.Values.Select(c => (c.Loss, c.Reduction)).ToHashSet();
        foreach (var loss in new[] { "mse", "l1", "huber", "smooth_l1", "bce", "bce_with_logits", "cross_entropy", "nll", "kl_div" })
            foreach (var reduction in new[] { Myelin.NN.Reduction.Mean, Myelin.NN.Reduction.Sum, Myelin.NN.Reduction.None })
                Assert.Contains((loss, reduction), covered);
        Assert.Contains(("kl_div", Myelin.NN.Reduction.BatchMean), covered);
    }
}
