using Myelin.Backends.Cpu;
using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Conv;

/// <summary>
/// The fused convolution primitive (im2col and GEMM one image at a time) against the composite it replaced
/// (unfold the whole batch, one batched matrix product, add the bias): values, all three gradients, the
/// paths for groups, asymmetric "same" padding and 1×1 kernels, second derivatives, and results that do
/// not depend on the thread count.
/// </summary>
public class Conv2dPrimitiveTests
{
    static Tensor Random(int seed, DType dtype, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed), dtype);

    /// <summary>One convolution setting; "same" padding is given as its leading padding plus the output size.</summary>
    sealed record Setting(int Batch, int InChannels, int OutChannels, int Height, int Width, Size2d Kernel, Size2d Stride,
        ConvPadding Padding, Size2d Dilation, int Groups, bool Bias);

    static readonly Dictionary<string, Setting> Settings = new()
    {
        ["plain"] = new(3, 2, 4, 6, 5, 3, 1, 0, 1, 1, true),
        ["padded"] = new(2, 3, 5, 7, 6, 3, 1, 1, 1, 1, true),
        ["strided_dilated"] = new(2, 2, 3, 9, 8, (3, 2), (2, 3), (1, 2), (2, 1), 1, false),
        ["groups"] = new(2, 4, 6, 6, 7, (3, 2), 2, 1, (1, 2), 2, true),
        ["depthwise"] = new(3, 3, 3, 5, 5, 3, 1, 1, 1, 3, true),
        ["same_even_kernel"] = new(2, 2, 3, 5, 6, (4, 2), 1, "same", (1, 2), 1, true),
        ["pointwise"] = new(3, 4, 5, 4, 3, 1, 1, 0, 1, 1, true),
        ["pointwise_groups"] = new(2, 4, 6, 3, 5, 1, 1, 0, 1, 2, false),
        ["pointwise_strided"] = new(2, 3, 2, 5, 5, 1, 2, 0, 1, 1, true),
    };

    public static IEnumerable<object[]> SettingNames() => Settings.Keys.Select(k => new object[] { k });

    /// <summary>The composite the primitive replaced, on the same geometry F.Conv2d builds.</summary>
    static Tensor Composite(Tensor x, Tensor weight, Tensor? bias, Setting s)
    {
        var (top, left) = ConvChecks.LeadingPadding(s.Padding, s.Kernel, s.Dilation);
        int outHeight = s.Padding.Mode == "same" ? s.Height
            : UnfoldGeometry.BlockCount(s.Height, s.Kernel.Height, s.Dilation.Height, top, s.Stride.Height);
        int outWidth = s.Padding.Mode == "same" ? s.Width
            : UnfoldGeometry.BlockCount(s.Width, s.Kernel.Width, s.Dilation.Width, left, s.Stride.Width);
        var geometry = new UnfoldGeometry(s.InChannels, s.Height, s.Width, s.Kernel.Height, s.Kernel.Width, s.Dilation.Height,
            s.Dilation.Width, top, left, s.Stride.Height, s.Stride.Width, outHeight, outWidth);
        var columns = x.UnfoldBlocks(geometry, 0);
        int batch = x.Size(0), blocks = geometry.Blocks, outChannels = weight.Size(0);
        var output = weight.Reshape(s.Groups, outChannels / s.Groups, -1)
            .MatMul(columns.Reshape(batch, s.Groups, -1, blocks))
            .Reshape(batch, outChannels, outHeight, outWidth);
        return bias is null ? output : output + bias.Reshape(outChannels, 1, 1);
    }

    static Tensor[] Inputs(Setting s, DType dtype, int seed) =>
    [
        Random(seed, dtype, s.Batch, s.InChannels, s.Height, s.Width).RequireGrad(),
        Random(seed + 1, dtype, s.OutChannels, s.InChannels / s.Groups, s.Kernel.Height, s.Kernel.Width).RequireGrad(),
        Random(seed + 2, dtype, s.OutChannels).RequireGrad(),
    ];

    static Tensor Fused(Tensor[] t, Setting s) =>
        F.Conv2d(t[0], t[1], s.Bias ? t[2] : null, s.Stride, s.Padding, s.Dilation, s.Groups);

    /// <summary>Runs forward and backward with a fixed upstream gradient; returns the output and the gradients.</summary>
    static Tensor?[] ForwardAndBackward(Func<Tensor[], Tensor> conv, Tensor[] inputs, int seed)
    {
        var output = conv(inputs);
        output.Backward(Random(seed, output.DType, [.. output.Shape]));
        return [output.Detach(), inputs[0].Grad, inputs[1].Grad, inputs[2].Grad];
    }

    static Tensor[] Fresh(Tensor[] inputs) => inputs.Select(t => t.Detach().Clone().RequireGrad()).ToArray();

    [Theory]
    [MemberData(nameof(SettingNames))]
    public void EqualsTheUnfoldCompositeInFloat64(string name)
    {
        var s = Settings[name];
        var inputs = Inputs(s, DType.Float64, 1);
        var fused = ForwardAndBackward(t => Fused(t, s), inputs, 9);
        var composite = ForwardAndBackward(t => Composite(t[0], t[1], s.Bias ? t[2] : null, s), Fresh(inputs), 9);
        string[] what = ["output", "input gradient", "weight gradient", "bias gradient"];
        for (int i = 0; i < what.Length; i++)
        {
            if (composite[i] is null) { Assert.Null(fused[i]); continue; }
            TensorAssert.Close(composite[i]!, fused[i], 1e-12, 1e-12, $"{name}: {what[i]}");
        }
    }

    [Fact]
    public void EqualsTheCompositeInFloat32OnABatchSplitIntoUnevenChunks()
    {
        // 37 images: more than the 16 chunks the weight gradient is summed in, and not a multiple of them.
        var s = new Setting(37, 3, 8, 10, 11, 3, 1, 1, 1, 1, true);
        var inputs = Inputs(s, DType.Float32, 20);
        var fused = ForwardAndBackward(t => Fused(t, s), inputs, 21);
        var composite = ForwardAndBackward(t => Composite(t[0], t[1], t[2], s), Fresh(inputs), 21);
        TensorAssert.Close(composite[0]!, fused[0], 1e-5, 1e-5, "output");
        for (int i = 1; i < 4; i++) TensorAssert.Close(composite[i]!, fused[i], 1e-4, 1e-4, $"gradient {i}");
    }

    [Fact]
    public void WeightAndBiasGradientsWithoutAnInputGradient()
    {
        // The first layer of a network: the images need no gradient, so none is computed.
        var s = Settings["padded"];
        var inputs = Inputs(s, DType.Float64, 30);
        inputs[0] = inputs[0].Detach();
        var fused = ForwardAndBackward(t => Fused(t, s), inputs, 31);
        var reference = Fresh(inputs);
        reference[0] = reference[0].Detach();
        var composite = ForwardAndBackward(t => Composite(t[0], t[1], t[2], s), reference, 31);
        Assert.Null(fused[1]);
        TensorAssert.Close(composite[2]!, fused[2], 1e-12, 1e-12, "weight gradient");
        TensorAssert.Close(composite[3]!, fused[3], 1e-12, 1e-12, "bias gradient");
    }

    [Fact]
    public void GradientsAreTheSameForEveryThreadCount()
    {
        var s = new Setting(40, 4, 16, 12, 12, 3, 1, 1, 1, 1, true);
        var inputs = Inputs(s, DType.Float32, 40);
        int saved = Threading.MaxThreads;
        try
        {
            Tensor?[]? first = null;
            foreach (int threads in new[] { 1, 2, 3, 4 })
            {
                Threading.MaxThreads = threads;
                var results = ForwardAndBackward(t => Fused(t, s), Fresh(inputs), 41);
                first ??= results;
                for (int i = 0; i < results.Length; i++) TensorAssert.Equal(first[i]!, results[i]!);
            }
        }
        finally
        {
            Threading.MaxThreads = saved;
        }
    }

    [Fact]
    public void SecondDerivativesMatchTheComposite()
    {
        // The gradient of a weight gradient reaches the input and the weight: (∂²L/∂W∂x)·V and (∂²L/∂W²)·V.
        var s = Settings["groups"];
        var v = Random(50, DType.Float64, s.OutChannels, s.InChannels / s.Groups, s.Kernel.Height, s.Kernel.Width);
        Tensor?[] Mixed(Func<Tensor[], Tensor> conv, Tensor[] inputs)
        {
            var weightGradient = Autograd.Grad(conv(inputs).Square().Sum(), inputs[1], createGraph: true);
            (weightGradient * v).Sum().Backward();
            return [inputs[0].Grad, inputs[1].Grad, inputs[2].Grad];
        }
        var inputs = Inputs(s, DType.Float64, 51);
        var fused = Mixed(t => Fused(t, s), inputs);
        var composite = Mixed(t => Composite(t[0], t[1], t[2], s), Fresh(inputs));
        for (int i = 0; i < 3; i++) TensorAssert.Close(composite[i]!, fused[i], 1e-10, 1e-10, $"second derivative of input {i}");
    }

    [Fact]
    public void AnEmptyBatchGivesAnEmptyOutputAndZeroWeightGradients()
    {
        var x = Tensor.Zeros(0, 2, 5, 5);
        var layer = new Conv2d(2, 3, 3, padding: 1);
        var output = layer.Forward(x);
        Assert.Equal([0, 3, 5, 5], output.Shape.ToArray());
        output.Sum().Backward();
        Assert.All(layer.Weight.Grad!.ToArray<float>(), g => Assert.Equal(0f, g));
        Assert.All(layer.Bias!.Grad!.ToArray<float>(), g => Assert.Equal(0f, g));
    }
}
