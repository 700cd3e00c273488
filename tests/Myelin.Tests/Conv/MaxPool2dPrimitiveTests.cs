using System.Text.Json;
using Myelin.Backends.Cpu;
using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Conv;

/// <summary>
/// The fused max-pooling primitive (maximum and its position in one pass): PyTorch's choice among tied maxima
/// and NaN (Fixtures/Conv/max_pool_ties.json), agreement with the composite unfold-then-max it replaced, the
/// vector path for 2×2 windows against a plain row-major scan, and second derivatives.
/// </summary>
public class MaxPool2dPrimitiveTests
{
    sealed record TieCase(string Name, Size2d Kernel, Size2d? Stride, Size2d Padding, Size2d Dilation, bool CeilMode,
        double[] Input, int[] Shape, double[] Output, long[] Indices, double[] GradOutput, double[] InputGrad)
    {
        public override string ToString() => Name;
    }

    static readonly Lazy<Dictionary<string, TieCase>> tieCases = new(LoadTieCases);

    public static IEnumerable<object[]> TieCaseNames() => tieCases.Value.Keys.Select(n => new object[] { n });

    /// <summary>Reads max_pool_ties.json; NaN is stored as the string "NaN" (JSON has no NaN).</summary>
    static Dictionary<string, TieCase> LoadTieCases()
    {
        static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetDouble();
        static double[] Values(JsonElement e) => e.GetProperty("data").EnumerateArray().Select(Number).ToArray();
        static Size2d Pair(JsonElement e) => (e[0].GetInt32(), e[1].GetInt32());
        var result = new Dictionary<string, TieCase>();
        foreach (var c in FixtureReader.Load("Conv", "max_pool_ties.json").GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            var input = c.GetProperty("input");
            result[name] = new TieCase(name, Pair(c.GetProperty("kernel")),
                c.GetProperty("stride").ValueKind == JsonValueKind.Null ? null : Pair(c.GetProperty("stride")),
                Pair(c.GetProperty("padding")), Pair(c.GetProperty("dilation")), c.GetProperty("ceil_mode").GetBoolean(),
                Values(input), FixtureReader.Shape(input),
                Values(c.GetProperty("output")), c.GetProperty("indices").GetProperty("data").EnumerateArray().Select(x => x.GetInt64()).ToArray(),
                Values(c.GetProperty("grad_output")), Values(c.GetProperty("input_grad")));
        }
        return result;
    }

    static void AssertSameValues(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"{what}[{i}]: expected NaN, got {actual[i]}");
            else Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(TieCaseNames))]
    public void TiedMaximaAndNaNFollowPyTorch(string name)
    {
        var c = tieCases.Value[name];
        // Float32 takes the vector path for 2×2 windows, Float64 the scalar one: both must choose as PyTorch does.
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Tensor.FromArray(c.Input, c.Shape).To(dtype).RequireGrad();
            var y = F.MaxPool2d(x, c.Kernel, c.Stride, c.Padding, c.Dilation, c.CeilMode);
            AssertSameValues(c.Output, y.ToArray<double>(), 0, $"{name} {dtype} output");
            var indices = y.GradFn!.Inputs[1];
            Assert.Equal(c.Indices, indices.To(DType.Int64).ToArray<long>());
            y.Backward(Tensor.FromArray(c.GradOutput, [.. y.Shape]).To(dtype));
            AssertSameValues(c.InputGrad, x.Grad!.ToArray<double>(), 1e-6, $"{name} {dtype} input gradient");
        }
    }

    /// <summary>The composite the primitive replaced: unfold with −∞ padding, then the maximum over each window.</summary>
    static Tensor Composite(Tensor x, Size2d kernel, Size2d stride, Size2d padding, Size2d dilation, bool ceilMode)
    {
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        int outHeight = ConvChecks.PoolingOutputSize(h, kernel.Height, padding.Height, stride.Height, dilation.Height, ceilMode);
        int outWidth = ConvChecks.PoolingOutputSize(w, kernel.Width, padding.Width, stride.Width, dilation.Width, ceilMode);
        var geometry = new UnfoldGeometry(1, h, w, kernel.Height, kernel.Width, dilation.Height, dilation.Width,
            padding.Height, padding.Width, stride.Height, stride.Width, outHeight, outWidth);
        return x.Reshape(n * c, 1, h, w).UnfoldBlocks(geometry, double.NegativeInfinity).Max(1).Reshape(n, c, outHeight, outWidth);
    }

    /// <summary>Distinct values in random order, so no window has a tie.</summary>
    static Tensor Distinct(int seed, DType dtype, params int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        var order = new Generator((ulong)seed).Permutation(count);
        return Tensor.FromArray(order.Select(i => i * 0.25 - count * 0.1).ToArray(), shape).To(dtype);
    }

    [Theory]
    [InlineData(2, 2, 0, 1, false, 9, 21)]
    [InlineData(3, 2, 1, 1, false, 7, 9)]
    [InlineData(2, 2, 0, 1, true, 7, 9)]
    [InlineData(3, 1, 1, 2, false, 8, 7)]
    [InlineData(2, 3, 1, 1, true, 10, 11)]
    public void EqualsTheUnfoldMaxComposite(int kernel, int stride, int padding, int dilation, bool ceilMode, int height, int width)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Distinct(height * width, dtype, 3, 2, height, width).RequireGrad();
            var reference = x.Detach().RequireGrad();
            var fused = F.MaxPool2d(x, kernel, stride, padding, dilation, ceilMode);
            var composite = Composite(reference, kernel, stride, padding, dilation, ceilMode);
            TensorAssert.Equal(composite, fused);
            var upstream = Tensor.Randn([.. fused.Shape], new Generator(5), dtype);
            fused.Backward(upstream);
            composite.Backward(upstream);
            TensorAssert.Close(reference.Grad!, x.Grad, 1e-6, 1e-6, $"gradient ({dtype})");
        }
    }

    [Fact]
    public void TwoByTwoWindowsMatchARowMajorScanForEveryWidth()
    {
        // Small integers give ties in most windows; the widths cover fewer windows per row than one vector,
        // exact multiples, and a short last group that overlaps the one before it.
        for (int width = 2; width <= 37; width++)
        {
            int height = 6;
            var values = Tensor.RandInt(0, 3, [2, 1, height, width], new Generator((ulong)width)).To(DType.Float32);
            var pooled = F.MaxPool2d(values.RequireGrad(), 2);
            var indices = pooled.GradFn!.Inputs[1].ToArray<int>();
            var data = values.ToArray<float>();
            int outHeight = height / 2, outWidth = width / 2, o = 0;
            for (int plane = 0; plane < 2; plane++)
                for (int oh = 0; oh < outHeight; oh++)
                    for (int ow = 0; ow < outWidth; ow++, o++)
                    {
                        int best = 2 * oh * width + 2 * ow;
                        foreach (int candidate in new[] { best + 1, best + width, best + width + 1 })
                            if (data[plane * height * width + candidate] > data[plane * height * width + best]) best = candidate;
                        Assert.True(best == indices[o], $"width {width}, plane {plane}, window ({oh}, {ow}): index {indices[o]}, expected {best}");
                    }
        }
    }

    [Fact]
    public void SecondDerivativeMatchesTheComposite()
    {
        // L = Σ maxpool(x)²: ∂L/∂x = 2·y at each window's maximum, so the Hessian times v is 2·v at those positions.
        var v = Tensor.Randn([2, 2, 6, 8], new Generator(7), DType.Float64);
        Tensor HessianTimesV(Func<Tensor, Tensor> pool)
        {
            var x = Distinct(11, DType.Float64, 2, 2, 6, 8).RequireGrad();
            var gradient = Autograd.Grad(pool(x).Square().Sum(), x, createGraph: true);
            (gradient * v).Sum().Backward();
            return x.Grad!;
        }
        var fused = HessianTimesV(x => F.MaxPool2d(x, 3, stride: 2, padding: 1));
        var composite = HessianTimesV(x => Composite(x, 3, 2, 1, 1, false));
        TensorAssert.Close(composite, fused, 1e-12, 1e-12, "Hessian-vector product");
        Assert.True(fused.Abs().Sum().Item() > 0);
    }

    [Fact]
    public void AWindowWhollyInThePaddingGivesMinusInfinityAndNoGradient()
    {
        // Taps at rows and columns −1 and 3 of a 3×3 image: none inside. PyTorch also gives −∞ and a zero gradient.
        var x = Tensor.Arange(0, 9, dtype: DType.Float64).Reshape(1, 1, 3, 3).RequireGrad();
        var y = F.MaxPool2d(x, 2, padding: 1, dilation: 4);
        Assert.Equal(new[] { double.NegativeInfinity }, y.ToArray<double>());
        var gradient = Autograd.Grad(y.Sum(), x, createGraph: true);
        Assert.All(gradient.ToArray<double>(), g => Assert.Equal(0.0, g));
        y = F.MaxPool2d(x, 2, padding: 1, dilation: 4);
        y.Sum().Backward();
        Assert.All(x.Grad!.ToArray<double>(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void AnEmptyBatchPoolsToAnEmptyOutput()
    {
        var x = Tensor.Zeros(0, 3, 4, 4).RequireGrad();
        var y = F.MaxPool2d(x, 2);
        Assert.Equal([0, 3, 2, 2], y.Shape.ToArray());
        y.Sum().Backward();
        Assert.Equal([0, 3, 4, 4], x.Grad!.Shape.ToArray());
    }
}
