using Myelin.NN;

namespace Myelin.Tests.Conv;

/// <summary>Bad input gets an exception that names the layer (or function), the shapes and what was expected.</summary>
public class ConvErrorTests
{
    static void AssertMessage(Exception e, params string[] parts)
    {
        foreach (var part in parts) Assert.Contains(part, e.Message);
    }

    [Fact]
    public void Conv2dGivenImagesWithoutAChannelDimensionExplainsTheFix()
    {
        var layer = new Conv2d(1, 4, 3);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(8, 5, 5)));
        AssertMessage(e, "Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1))", "4-D input [N, C, H, W]", "3-D shape [8, 5, 5]", "Unsqueeze(1)", "Unsqueeze(0)");
        e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(5, 5)));
        AssertMessage(e, "2-D shape [5, 5]", "Reshape(1, 1, H, W)");
    }

    [Fact]
    public void Conv2dChannelMismatchSaysExpectedAndActual()
    {
        var layer = new Conv2d(3, 8, 3, padding: 1);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(2, 1, 6, 6)));
        AssertMessage(e, "Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))", "expected input with 3 channels", "got 1", "[2, 1, 6, 6]");
        var grouped = new Conv2d(4, 4, 1, groups: 2);
        e = Assert.Throws<ArgumentException>(() => grouped.Forward(Tensor.Zeros(1, 2, 3, 3)));
        AssertMessage(e, "expected input with 4 channels", "got 2");
    }

    [Fact]
    public void KernelLargerThanThePaddedInputIsReported()
    {
        var layer = new Conv2d(1, 1, 5, padding: 1);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(1, 1, 2, 6)));
        AssertMessage(e, "Conv2d(1, 1, kernel_size=(5, 5)", "kernel (5, 5)", "spans 5×5, larger than the padded input 4×8 in height", "[1, 1, 2, 6]");
        e = Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros(1, 1, 4, 4), Tensor.Zeros(1, 1, 3, 3), dilation: 2));
        AssertMessage(e, "Conv2d:", "spans 5×5", "larger than the padded input 4×4 in height and width");
        var conv1d = new Conv1d(1, 1, 4);
        e = Assert.Throws<ArgumentException>(() => conv1d.Forward(Tensor.Zeros(1, 1, 3)));
        AssertMessage(e, "Conv1d(1, 1, kernel_size=(4,), stride=(1,))", "longer than the padded input 3");
    }

    [Fact]
    public void ConstructorsRejectInconsistentSettings()
    {
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, groups: 2)), "Conv2d", "in_channels (3) must be divisible by groups (2)");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(4, 3, 3, groups: 2)), "out_channels (3) must be divisible by groups (2)");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(0, 3, 3)), "in_channels and out_channels must be positive");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(1, 3, (3, 0))), "kernel_size must be positive", "(3, 0)");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(1, 3, 3, stride: 0)), "stride must be positive");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(1, 3, 3, padding: -1)), "padding must be non-negative");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(1, 3, 3, stride: 2, padding: "same")), "padding=\"same\" needs stride 1");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv2d(1, 3, 3, padding: "full")), "\"same\" or \"valid\"", "\"full\"");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Conv1d(1, 3, 3, padding: (1, 2))), "Conv1d", "one number");
        AssertMessage(Assert.Throws<ArgumentException>(() => new ConvTranspose2d(2, 2, 3, stride: 2, outputPadding: 2)),
            "ConvTranspose2d", "output_padding (2, 2) must be smaller than either stride (2, 2) or dilation (1, 1)");
        AssertMessage(Assert.Throws<ArgumentException>(() => new MaxPool2d(3, padding: 2)), "MaxPool2d", "at most half of the kernel size");
        AssertMessage(Assert.Throws<ArgumentException>(() => new AvgPool2d(2, divisorOverride: 0)), "AvgPool2d", "divisor_override must not be zero");
        AssertMessage(Assert.Throws<ArgumentException>(() => new AdaptiveAvgPool2d((0, 2))), "AdaptiveAvgPool2d", "output_size must be positive");
        AssertMessage(Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2d(0)), "BatchNorm2d", "num_features");
        AssertMessage(Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout2d(1.0)), "Dropout2d", "[0, 1)");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Upsample(size: 4, scaleFactor: 2)), "Upsample", "exactly one of size and scaleFactor");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Upsample()), "exactly one");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Upsample(scaleFactor: 2, mode: "bilinear")), "\"bilinear\" is not supported");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Upsample(scaleFactor: -1)), "scaleFactor must be positive");
    }

    [Fact]
    public void FunctionalConvolutionChecksWeightAndBiasShapes()
    {
        var x = Tensor.Zeros(1, 2, 5, 5);
        AssertMessage(Assert.Throws<ArgumentException>(() => F.Conv2d(x, Tensor.Zeros(3, 2, 3))), "Conv2d: the weight must be 4-D", "[3, 2, 3]");
        AssertMessage(Assert.Throws<ArgumentException>(() => F.Conv2d(x, Tensor.Zeros(3, 2, 3, 3), Tensor.Zeros(2))),
            "bias must have shape [3]", "got [2]");
        AssertMessage(Assert.Throws<ArgumentException>(() => F.Conv2d(x, Tensor.Zeros(3, 1, 3, 3), groups: 2)),
            "out_channels (3) must be divisible by groups (2)");
        AssertMessage(Assert.Throws<ArgumentException>(() => F.Conv2d(x.To(DType.Int64), Tensor.Zeros(3, 2, 3, 3))), "Conv2d", "Int64");
        AssertMessage(Assert.Throws<ArgumentException>(() => F.Conv1d(Tensor.Zeros(4, 10), Tensor.Zeros(2, 1, 3))),
            "Conv1d: expected a 3-D input [N, C, L]", "[4, 10]", "Unsqueeze(1)");
        AssertMessage(Assert.Throws<ArgumentException>(() => F.Conv1d(Tensor.Zeros(1, 2, 10), Tensor.Zeros(2, 2, 3, 3))),
            "the weight must be 3-D");
    }

    [Fact]
    public void ConvTranspose2dChecksChannelsAndOutputSize()
    {
        var layer = new ConvTranspose2d(4, 2, 3);
        AssertMessage(Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(1, 2, 3, 3))),
            "ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(1, 1))", "expected input with 4 channels", "got 2");
        AssertMessage(Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(4, 3, 3))), "4-D input");
        AssertMessage(Assert.Throws<ArgumentException>(() => F.ConvTranspose2d(Tensor.Zeros(1, 1, 1, 1), Tensor.Zeros(1, 1, 1, 1), padding: 1)),
            "output size would be -1×-1");
    }

    [Fact]
    public void PoolingChecksRankAndWindowSize()
    {
        AssertMessage(Assert.Throws<ArgumentException>(() => new MaxPool2d(2).Forward(Tensor.Zeros(3, 4, 4))),
            "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", "4-D input", "[3, 4, 4]");
        AssertMessage(Assert.Throws<ArgumentException>(() => new MaxPool2d(3).Forward(Tensor.Zeros(1, 1, 2, 5))),
            "window (3, 3)", "larger than the padded input 2×5 in height");
        AssertMessage(Assert.Throws<ArgumentException>(() => new AvgPool2d(4).Forward(Tensor.Zeros(1, 1, 3, 8))),
            "AvgPool2d(kernel_size=4, stride=4, padding=0)", "larger than the padded input 3×8 in height");
        AssertMessage(Assert.Throws<ArgumentException>(() => new AdaptiveAvgPool2d(2).Forward(Tensor.Zeros(1, 1, 0, 3))),
            "AdaptiveAvgPool2d(output_size=2)", "must be non-zero");
        AssertMessage(Assert.Throws<ArgumentException>(() => F.MaxPool2d(Tensor.Zeros(1, 1, 4, 4), 0)), "MaxPool2d: kernel_size must be positive");
    }

    [Fact]
    public void BatchNorm2dChecksRankChannelsAndBatchSize()
    {
        var layer = new BatchNorm2d(3);
        AssertMessage(Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(2, 3, 4))), "BatchNorm2d(3)", "4-D input", "[2, 3, 4]");
        AssertMessage(Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(2, 4, 2, 2))), "expected input with 3 channels", "got 4");
        AssertMessage(Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(1, 3, 1, 1))), "more than 1 value per channel");
    }

    [Fact]
    public void DropoutAndUpsampleCheckTheirInput()
    {
        AssertMessage(Assert.Throws<ArgumentException>(() => new Dropout2d().Forward(Tensor.Zeros(2, 3, 4))), "Dropout2d(p=0.5)", "4-D input");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Upsample(scaleFactor: 2).Forward(Tensor.Zeros(2, 3))),
            "Upsample(scale_factor=2.0, mode=nearest)", "4-D input");
        AssertMessage(Assert.Throws<ArgumentException>(() => new Upsample(scaleFactor: 0.2).Forward(Tensor.Zeros(1, 1, 4, 4))),
            "output size 0×0");
    }

    [Fact]
    public void UnfoldAndFoldCheckShapesAndSettings()
    {
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).Unfold((2, 2), (1, 1), (0, 0), (1, 1))),
            "Unfold: expected a 4-D input [N, C, H, W]", "[2, 3, 4]");
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 1, 3, 3).Unfold((4, 2), (1, 1), (0, 0), (1, 1))),
            "Unfold: the kernel (4, 2)", "does not fit in the padded input (3, 3)");
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 1, 3, 3).Unfold((2, 2), (0, 1), (0, 0), (1, 1))),
            "dilation must be positive");
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 1, 3, 3).Unfold((2, 2), (1, 1), (-1, 0), (1, 1))),
            "padding must be non-negative");
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 1, 3, 3).To(DType.Int32).Unfold((2, 2), (1, 1), (0, 0), (1, 1))),
            "Unfold", "Int32");
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 8, 5).Fold((3, 3), (2, 2), (1, 1), (0, 0), (1, 1))),
            "Fold:", "2×2 = 4 block positions", "L = 5");
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 6, 4).Fold((3, 3), (2, 2), (1, 1), (0, 0), (1, 1))),
            "multiple of kh·kw = 4");
        AssertMessage(Assert.Throws<ArgumentException>(() => Tensor.Zeros(8, 4).Fold((3, 3), (2, 2), (1, 1), (0, 0), (1, 1))),
            "Fold: expected a 3-D input");
    }
}
