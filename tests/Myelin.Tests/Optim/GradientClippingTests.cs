using System.Text.Json;
using Myelin.Optim;

namespace Myelin.Tests.Optim;

public class GradientClippingTests
{
    public static IEnumerable<object[]> Cases => OptimFixtures.CaseNames(OptimFixtures.Clipping);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClippingMatchesPyTorch(string name)
    {
        var @case = OptimFixtures.Case(OptimFixtures.Clipping, name);
        var dtype = @case.GetProperty("dtype").GetString() == "float64" ? DType.Float64 : DType.Float32;
        var grads = @case.GetProperty("grads").EnumerateArray().ToArray();
        var parameters = grads.Select(g => g.ValueKind == JsonValueKind.Null
            ? Tensor.Zeros([2], dtype).RequireGrad()
            : Tensor.ZerosLike(OptimFixtures.Decode(g, dtype)).RequireGrad()).ToArray();
        for (int i = 0; i < grads.Length; i++)
            if (grads[i].ValueKind != JsonValueKind.Null) parameters[i].Grad = OptimFixtures.Decode(grads[i], dtype);

        var args = @case.GetProperty("args");
        if (args.TryGetProperty("clip_value", out var clipValue))
            GradientClipping.ClipGradValue(parameters, clipValue.GetDouble());
        else
        {
            var normType = args.GetProperty("norm_type");
            double order = normType.ValueKind == JsonValueKind.String ? double.PositiveInfinity : normType.GetDouble();
            double total = GradientClipping.ClipGradNorm(parameters, args.GetProperty("max_norm").GetDouble(), order);
            OptimFixtures.AssertClose([@case.GetProperty("total_norm").GetDouble()], [total], 1e-5, 0, $"{name} total norm");
        }

        var clipped = @case.GetProperty("clipped").EnumerateArray().ToArray();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (clipped[i].ValueKind == JsonValueKind.Null)
            {
                Assert.Null(parameters[i].Grad);
                continue;
            }
            Assert.Equal(dtype, parameters[i].Grad!.DType);
            OptimFixtures.AssertClose(OptimFixtures.Doubles(clipped[i].GetProperty("data")), parameters[i].Grad!.ToArray<double>(), 1e-5, 1e-7, $"{name} gradient {i}");
        }
    }

    [Fact]
    public void ClipGradNormReturnsZeroWhenNoParameterHasAGradient()
    {
        var p = Tensor.Zeros(3).RequireGrad();
        Assert.Equal(0, GradientClipping.ClipGradNorm([p], 1.0));
        Assert.Null(p.Grad);
    }

    [Fact]
    public void ANonFiniteNormThrowsWhenAskedTo()
    {
        var p = Tensor.Zeros(3).RequireGrad();
        p.Grad = Tensor.FromArray([1f, float.NaN, 2f]);
        var e = Assert.Throws<InvalidOperationException>(() => GradientClipping.ClipGradNorm([p], 1.0, errorIfNonfinite: true));
        Assert.Contains("ClipGradNorm: the total norm of order 2 of the gradients of 1 parameter(s) is NaN", e.Message);
        Assert.Equal(2f, p.Grad!.ToArray()[2]);

        p.Grad = Tensor.FromArray([1f, float.PositiveInfinity, 2f]);
        e = Assert.Throws<InvalidOperationException>(() => GradientClipping.ClipGradNorm([p], 1.0, 1, errorIfNonfinite: true));
        Assert.Contains("of order 1 of the gradients of 1 parameter(s) is Infinity", e.Message);
    }

    [Fact]
    public void ANonFiniteNormScalesLikePyTorchWhenNotAskedToThrow()
    {
        var p = Tensor.Zeros(2).RequireGrad();
        p.Grad = Tensor.FromArray([1f, float.NaN]);
        Assert.True(double.IsNaN(GradientClipping.ClipGradNorm([p], 1.0)));
        Assert.All(p.Grad!.ToArray(), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void GradientsBelowTheLimitAreLeftExactlyAsTheyWere()
    {
        var p = Tensor.Zeros(2).RequireGrad();
        var grad = Tensor.FromArray([0.3f, 0.4f]);
        p.Grad = grad;
        Assert.Equal(0.5, GradientClipping.ClipGradNorm([p], 1.0), 1e-6);
        Assert.Same(grad, p.Grad);
        Assert.Equal([0.3f, 0.4f], p.Grad!.ToArray());
    }

    [Fact]
    public void ABroadcastGradientIsReplacedNotWrittenThrough()
    {
        var p = Tensor.Zeros(2, 3).RequireGrad();
        var row = Tensor.FromArray([3f, 4f, 12f]);
        p.Grad = row.Expand(2, 3);
        GradientClipping.ClipGradNorm([p], 1.0);
        GradientClipping.ClipGradValue([p], 0.01);
        Assert.Equal([3f, 4f, 12f], row.ToArray());
        Assert.All(p.Grad!.ToArray(), v => Assert.True(v <= 0.01f));
    }

    [Fact]
    public void LargeFloat32GradientsKeepTheirPrecision()
    {
        var p = Tensor.Zeros(100_000).RequireGrad();
        p.Grad = Tensor.Full([100_000], 0.1);
        double total = GradientClipping.ClipGradNorm([p], double.PositiveInfinity);
        Assert.Equal(Math.Sqrt(100_000 * (double)0.1f * 0.1f), total, 3e-6);
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        var p = Tensor.Zeros(2).RequireGrad();
        p.Grad = Tensor.Ones(2);
        Assert.Contains("ClipGradNorm: maxNorm must be ≥ 0, got -1",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradNorm([p], -1)).Message);
        Assert.Contains("ClipGradNorm: the norm order must be > 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradNorm([p], 1, normType: 0)).Message);
        Assert.Contains("ClipGradValue: the clip value must be ≥ 0, got NaN",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradValue([p], double.NaN)).Message);
        Assert.Throws<ArgumentException>(() => GradientClipping.ClipGradNorm([p, null!], 1));
        Assert.Equal([1f, 1f], p.Grad!.ToArray());
    }
}
