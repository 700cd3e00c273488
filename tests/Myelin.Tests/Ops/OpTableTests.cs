namespace Myelin.Tests.Ops;

/// <summary>
/// Every row of the op table is checked five ways: forward values against PyTorch (float32,
/// 1e-5 relative), gradients against PyTorch (1e-4), the same results from non-contiguous
/// inputs, a float64 finite-difference gradient check, and no graph under NoGrad.
/// </summary>
public class OpTableTests
{
    public static IEnumerable<object[]> Cases => OpFixtures.Names();

    static Tensor Run(OpCase c, Tensor[] inputs) => OpTable.Ops[c.Op](inputs, c.Attrs);

    static Tensor[] FreshInputs(OpCase c, Func<Tensor, Tensor>? transform = null) =>
        c.Inputs.Select((t, i) =>
        {
            var copy = transform?.Invoke(t) ?? t.Clone();
            if (c.RequiresGrad[i]) copy.RequiresGrad = true;
            return copy;
        }).ToArray();

    internal static void AssertClose(Tensor expected, Tensor actual, double rtol, double atol, string what)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape {string.Join(",", actual.Shape)} but PyTorch gives {string.Join(",", expected.Shape)}");
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i])) { Assert.True(double.IsNaN(a[i]), $"{what}[{i}]: expected NaN, got {a[i]}"); continue; }
            Assert.True(Math.Abs(e[i] - a[i]) <= atol + rtol * Math.Abs(e[i]), $"{what}[{i}]: expected {e[i]:G9}, got {a[i]:G9}");
        }
    }

    [Fact]
    public void EveryFixtureOpHasARow() =>
        Assert.All(OpFixtures.Cases.Values, c => Assert.True(OpTable.Ops.ContainsKey(c.Op), $"no op-table row for '{c.Op}'"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = OpFixtures.Cases[name];
        var output = Run(c, FreshInputs(c));
        Assert.Equal(c.Output.DType, output.DType);
        AssertClose(c.Output, output, 1e-5, 1e-6, $"{name} forward");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = OpFixtures.Cases[name];
        if (c.Grads is null) return; // no differentiable input, or an empty output
        var inputs = FreshInputs(c);
        Run(c, inputs).Backward(c.GradOutput!);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (c.Grads[i] is not { } expected) { Assert.Null(inputs[i].Grad); continue; }
            Assert.NotNull(inputs[i].Grad);
            AssertClose(expected, inputs[i].Grad!, 1e-4, 1e-5, $"{name} grad of input {i}");
        }
    }

    /// <summary>Same data laid out with stride 2 in the last dimension: a view of a bigger tensor.</summary>
    static Tensor NonContiguous(Tensor t)
    {
        if (t.Rank == 0 || t.NumElements == 0) return t.Clone();
        var doubled = Tensor.Cat([t.Unsqueeze(-1), Tensor.ZerosLike(t).Unsqueeze(-1)], -1).Flatten(-2);
        var view = doubled.Slice(-1, 0, doubled.Size(-1), 2);
        Assert.False(view.IsContiguous && t.Size(-1) > 1);
        return view;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NonContiguousInputsGiveTheSameResults(string name)
    {
        var c = OpFixtures.Cases[name];
        var inputs = FreshInputs(c, NonContiguous);
        var output = Run(c, inputs);
        AssertClose(c.Output, output, 1e-5, 1e-6, $"{name} forward (non-contiguous)");
        if (c.Grads is null) return;
        output.Backward(c.GradOutput!);
        for (int i = 0; i < inputs.Length; i++)
            if (c.Grads[i] is { } expected)
                AssertClose(expected, inputs[i].Grad!, 1e-4, 1e-5, $"{name} grad {i} (non-contiguous)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PassesFloat64GradCheck(string name)
    {
        var c = OpFixtures.Cases[name];
        if (!c.RequiresGrad.Any(r => r) || c.Output.NumElements == 0) return;
        var inputs = c.Inputs.Select((t, i) =>
        {
            var x = t.DType == DType.Float32 ? t.To(DType.Float64) : t.Clone();
            if (c.RequiresGrad[i]) x.RequiresGrad = true;
            return x;
        }).ToArray();
        var result = GradCheck.Check(x => Run(c, x), inputs);
        Assert.True(result.Passed, $"{name}: {result.Message}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RecordsNoGraphUnderNoGrad(string name)
    {
        var c = OpFixtures.Cases[name];
        var inputs = FreshInputs(c);
        Tensor output;
        using (Autograd.NoGrad()) output = Run(c, inputs);
        Assert.False(output.RequiresGrad);
        Assert.True(output.IsLeaf);
        AssertClose(c.Output, output, 1e-5, 1e-6, $"{name} forward under NoGrad");
    }
}
