using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Conv;

/// <summary>Parameter names and shapes, PyTorch's initialisation, size conversions, summaries, and pooling details.</summary>
public class ConvModuleTests
{
    [Fact]
    public void ParametersHavePyTorchNamesAndShapes()
    {
        var conv = new Conv2d(4, 6, (3, 2), groups: 2);
        Assert.Equal(["weight", "bias"], conv.StateDict().Keys);
        Assert.Equal([6, 2, 3, 2], conv.Weight.Shape.ToArray());
        Assert.Equal([6], conv.Bias!.Shape.ToArray());

        var transposed = new ConvTranspose2d(4, 6, 3, groups: 2, bias: false);
        Assert.Equal(["weight"], transposed.StateDict().Keys);
        Assert.Equal([4, 3, 3, 3], transposed.Weight.Shape.ToArray());
        Assert.Null(transposed.Bias);

        Assert.Equal([5, 3, 4], new Conv1d(3, 5, 4).Weight.Shape.ToArray());
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], new BatchNorm2d(3).StateDict().Keys);
        Assert.Empty(new MaxPool2d(2).StateDict());
    }

    [Fact]
    public void InitialisationUsesPyTorchsBoundsAndIsReproducible()
    {
        // Kaiming uniform with a = √5: U(−1/√fanIn, 1/√fanIn), fanIn = in/groups·kh·kw; the bias from the same range.
        var conv = new Conv2d(8, 16, 3, groups: 2, generator: new Generator(1));
        double bound = 1 / Math.Sqrt(4 * 9);
        Assert.All(conv.Weight.ToArray<float>(), w => Assert.InRange(Math.Abs(w), 0, bound));
        Assert.All(conv.Bias!.ToArray<float>(), b => Assert.InRange(Math.Abs(b), 0, bound));
        // Spread over most of the range, not collapsed to zero.
        Assert.True(conv.Weight.Abs().Max().Item() > 0.8 * bound);

        // ConvTranspose2d's fanIn comes from weight dimension 1 (out/groups) times the kernel, as in PyTorch.
        var transposed = new ConvTranspose2d(16, 4, 2, generator: new Generator(2));
        double transposedBound = 1 / Math.Sqrt(4 * 4);
        Assert.All(transposed.Weight.ToArray<float>(), w => Assert.InRange(Math.Abs(w), 0, transposedBound));
        Assert.True(transposed.Weight.Abs().Max().Item() > 0.8 * transposedBound);

        var again = new Conv2d(8, 16, 3, groups: 2, generator: new Generator(1));
        TensorAssert.Equal(conv.Weight, again.Weight);
        TensorAssert.Equal(conv.Bias, again.Bias!);
    }

    [Fact]
    public void SizesConvertFromNumbersAndPairs()
    {
        Size2d square = 3;
        Size2d rectangle = (3, 5);
        Assert.Equal((3, 3), square.ToTuple());
        Assert.Equal((3, 5), rectangle.ToTuple());
        Assert.Equal("3", square.ToString());
        Assert.Equal("(3, 5)", rectangle.ToString());

        ConvPadding same = "same";
        ConvPadding explicitPadding = (1, 2);
        Assert.Equal("same", same.Mode);
        Assert.Equal((1, 2), (explicitPadding.Height, explicitPadding.Width));
        Assert.Null(explicitPadding.Mode);
        Assert.Equal("valid", ConvPadding.Valid.Mode);
    }

    [Fact]
    public void SamePaddingKeepsTheSizeAndValidPaddingShrinksIt()
    {
        var x = Tensor.Randn(2, 3, 7, 6);
        Assert.Equal([2, 4, 7, 6], new Conv2d(3, 4, (4, 3), padding: "same", dilation: 2).Forward(x).Shape.ToArray());
        Assert.Equal([2, 4, 4, 4], new Conv2d(3, 4, (4, 3), padding: "valid").Forward(x).Shape.ToArray());
        Assert.Equal([2, 4, 9], new Conv1d(3, 4, 6, padding: "same").Forward(Tensor.Randn(2, 3, 9)).Shape.ToArray());
    }

    [Fact]
    public void SummaryShowsTheShapeAfterEachLayer()
    {
        var model = new Sequential(
            new Conv2d(1, 8, 3, padding: 1), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
            new Conv2d(8, 16, 3, padding: 1), new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(), new Linear(16, 10));
        var summary = model.Summary(4, 1, 28, 28);
        Assert.Contains("[4, 8, 28, 28]", summary);
        Assert.Contains("[4, 8, 14, 14]", summary);
        Assert.Contains("[4, 16, 1, 1]", summary);
        Assert.Contains("Total params: " + model.NumParameters().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), summary);
    }

    [Fact]
    public void MaxPool2dGivesTheGradientOfTiedMaximaToTheFirst()
    {
        // As in PyTorch: the first maximum in row-major order takes the whole gradient.
        var x = Tensor.FromArray(new float[] { 1, 3, 3, 3, 2, 2, 0, 2 }, 1, 1, 2, 4).RequireGrad();
        F.MaxPool2d(x, 2).Sum().Backward();
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 0, 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void MaxPool2dNeverPicksThePadding()
    {
        var x = Tensor.Full([1, 1, 2, 2], -5);
        Assert.All(F.MaxPool2d(x, 3, stride: 1, padding: 1).ToArray<float>(), v => Assert.Equal(-5f, v));
    }

    [Fact]
    public void AvgPool2dCountsPaddingOnlyWhenAsked()
    {
        var x = Tensor.Ones(1, 1, 2, 2);
        // The window around the top-left pixel covers 4 input pixels out of 9.
        Assert.Equal(4f / 9, F.AvgPool2d(x, 3, stride: 1, padding: 1).ToArray<float>()[0], 6);
        Assert.Equal(1f, F.AvgPool2d(x, 3, stride: 1, padding: 1, countIncludePad: false).ToArray<float>()[0], 6);
    }

    [Fact]
    public void UpsampleRepeatsPixels()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, new Upsample(scaleFactor: 2).Forward(x).ToArray<float>());
        Assert.Equal(new float[] { 1, 1, 2, 3, 3, 4 }, F.Interpolate(x, size: (2, 3)).ToArray<float>());
    }

    [Fact]
    public void Dropout2dZeroesWholeChannelsAndScalesTheRest()
    {
        var x = Tensor.Ones(16, 8, 3, 3);
        var dropped = new Dropout2d(0.5, new Generator(3)).Forward(x);
        var values = dropped.ToArray<float>();
        int zeroChannels = 0;
        for (int channel = 0; channel < 16 * 8; channel++)
        {
            var pixels = values.AsSpan(channel * 9, 9).ToArray();
            Assert.True(pixels.All(v => v == 0) || pixels.All(v => v == 2), $"channel {channel} is partly dropped: {string.Join(", ", pixels)}");
            if (pixels[0] == 0) zeroChannels++;
        }
        // 128 channels at p = 0.5: far from none or all.
        Assert.InRange(zeroChannels, 32, 96);

        var layer = new Dropout2d(0.5);
        layer.Eval();
        Assert.Same(x, layer.Forward(x));
        Assert.Same(x, F.Dropout2d(x, 0));
    }
}
