using Myelin.Cli.VisionDemos;
using Myelin.Vision;

namespace Myelin.Tests.Cli;

public sealed class VisionDemoTests
{
    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void TheCatalogListsTheThreeDemos()
    {
        Assert.Equal(["feature-maps", "segmentation", "localization"], VisionDemoCatalog.List.Select(d => d.Name));
        Assert.All(VisionDemoCatalog.List, d => Assert.False(string.IsNullOrWhiteSpace(d.Summary)));
    }

    [Fact]
    public void FeatureMapsDemoWritesPngFilesAndSaysWhatTheFiltersRespondTo()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        int exitCode = VisionDemoCatalog.Run("feature-maps", ["--out", directory.Path], output);

        Assert.Equal(0, exitCode);
        string text = output.ToString();
        Assert.Contains("Sobel x: left edge 4, right edge -4, top edge 0, inside 0, outside 0", text);
        Assert.Contains("Sobel y: top edge 4, bottom edge -4, left edge 0, inside 0, outside 0", text);
        Assert.Matches(@"(\d+) of 1024 pixels have a flat 3×3 neighbourhood; both filters give exactly 0 at \1 of them", text);
        string[] expected = ["filters.png", "square.png", "square-feature-maps.png", "digit.png", "digit-feature-maps.png", "digit-edges.png"];
        foreach (var name in expected)
            Assert.Equal(PngSignature, File.ReadAllBytes(directory.File(name))[..8]);
    }

    [Fact]
    public void SobelFiltersRespondToEdgesAcrossTheirDirectionOnly()
    {
        var sobel = FeatureMapsDemo.SobelFilters();
        // A vertical step: columns 0…3 dark (0), columns 4…7 bright (1).
        var step = Tensor.FromArray(Enumerable.Range(0, 64).Select(i => i % 8 >= 4 ? 1f : 0f).ToArray(), 1, 1, 8, 8);
        Tensor maps;
        using (Autograd.NoGrad()) maps = sobel.Forward(step);
        var gx = maps[0][0];
        var gy = maps[0][1];
        for (int row = 1; row < 7; row++)   // away from the zero padding at the top and bottom
        {
            Assert.Equal([0f, 0f, 0f, 4f, 4f, 0f, 0f], gx[row].ToArray()[..7]);
            Assert.All(gy[row].ToArray()[..7], v => Assert.Equal(0f, v));
        }

        // The square of the demo: +4 just inside its left edge, −4 inside its right edge, 0 inside and far outside.
        var square = SyntheticShapes.Draw(ShapeKind.Square, 32, 16, 16, 8).Reshape(1, 1, 32, 32);
        using (Autograd.NoGrad()) maps = sobel.Forward(square);
        Assert.Equal(4f, maps[0][0][16][8].Item<float>());
        Assert.Equal(4f, maps[0][0][16][7].Item<float>());
        Assert.Equal(-4f, maps[0][0][16][23].Item<float>());
        Assert.Equal(0f, maps[0][0][16][16].Item<float>());
        Assert.Equal(0f, maps[0][0][8][16].Item<float>());    // the top edge is horizontal: no response from Sobel x
        Assert.Equal(4f, maps[0][1][8][16].Item<float>());
        Assert.Equal(-4f, maps[0][1][23][16].Item<float>());
        Assert.Equal(0f, maps[0].Abs().Narrow(1, 0, 5).Sum().Item<float>());
    }

    [Fact]
    public void SegmentationDemoLabelsHeldOutPixelsAccurately()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var result = SegmentationDemo.Run(new DemoArguments(directory.Path, Seed: 1), output);

        Assert.True(result.PixelAccuracy >= 0.9, $"pixel accuracy {result.PixelAccuracy}\n{output}");
        Assert.True(result.MeanIoU >= 0.6, $"mean IoU {result.MeanIoU}\n{output}");
        Assert.Equal(4, result.IoUPerClass.Count);
        Assert.Equal(PngSignature, File.ReadAllBytes(Assert.Single(result.Files))[..8]);
        Assert.Contains("pixel accuracy", output.ToString());
        Assert.Contains("epoch 8/8", output.ToString());
    }

    [Fact]
    public void LocalizationDemoClassifiesAndLocatesHeldOutShapes()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var result = LocalizationDemo.Run(new DemoArguments(directory.Path, Seed: 1), output);

        Assert.True(result.Accuracy >= 0.9, $"accuracy {result.Accuracy}\n{output}");
        Assert.True(result.MeanIoU >= 0.6, $"mean box IoU {result.MeanIoU}\n{output}");
        Assert.Equal(PngSignature, File.ReadAllBytes(Assert.Single(result.Files))[..8]);
        Assert.Contains("mean box IoU", output.ToString());
    }

    [Theory]
    [InlineData("segmentations", new string[0], "unknown demo 'segmentations'; the vision demos are feature-maps, segmentation, localization.")]
    [InlineData("feature-maps", new[] { "--output", "x" }, "unknown option '--output'")]
    [InlineData("feature-maps", new[] { "--out" }, "--out needs a value.")]
    [InlineData("feature-maps", new[] { "--seed", "one" }, "--seed: 'one' is not a whole number.")]
    public void UsageErrorsExitWithCodeTwoAndOneLine(string name, string[] args, string message)
    {
        var output = new StringWriter();
        Assert.Equal(2, VisionDemoCatalog.Run(name, args, output));
        string text = output.ToString();
        Assert.StartsWith("myelin demo: ", text);
        Assert.Contains(message, text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AnOutputFolderThatCannotBeCreatedIsARuntimeError()
    {
        using var directory = new TempDirectory();
        string file = directory.File("taken");
        File.WriteAllText(file, "a file, not a folder");
        var output = new StringWriter();
        Assert.Equal(1, VisionDemoCatalog.Run("feature-maps", ["--out", file], output));
        Assert.Contains("cannot write the pictures", output.ToString());
    }
}
