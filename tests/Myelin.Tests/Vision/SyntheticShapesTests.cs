using Myelin.Tests.NN;
using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class SyntheticShapesTests
{
    [Fact]
    public void DrawFillsThePixelsWhoseCentresAreInside()
    {
        // A square of radius 2 centred at (4, 4): pixel centres 2.5 … 5.5 are inside, i.e. rows and columns 2 … 5.
        var square = SyntheticShapes.Draw(ShapeKind.Square, 8, 4, 4, 2).ToArray();
        Assert.Equal(16, square.Sum());
        Assert.Equal(1f, square[2 * 8 + 2]);
        Assert.Equal(1f, square[5 * 8 + 5]);
        Assert.Equal(0f, square[6 * 8 + 5]);

        // The triangle narrows to its apex: one pixel in its top row, its full width at the bottom.
        var triangle = SyntheticShapes.Draw(ShapeKind.Triangle, 9, 4.5, 4.5, 4).ToArray();
        int Row(int r) => (int)triangle.Skip(r * 9).Take(9).Sum();
        Assert.Equal(1, Row(1));
        Assert.Equal(7, Row(7));
        Assert.True(Row(4) > Row(2));

        var circle = SyntheticShapes.Draw(ShapeKind.Circle, 16, 8, 8, 5).ToArray();
        Assert.InRange(circle.Sum(), 0.9 * Math.PI * 25, 1.1 * Math.PI * 25);
    }

    [Fact]
    public void SegmentationMasksLabelTheShapesPixelsAndTheSameSeedRepeats()
    {
        var set = SyntheticShapes.Segmentation(20, 16, maxShapes: 2, noise: 0, generator: new Generator(3));
        Assert.Equal([20, 1, 16, 16], set.Images.Shape.ToArray());
        Assert.Equal([20, 16, 16], set.Masks.Shape.ToArray());
        Assert.Equal(DType.Int64, set.Masks.DType);
        var images = set.Images.ToArray();
        var masks = set.Masks.ToArray<long>();
        Assert.All(masks, m => Assert.InRange(m, 0, 3));
        Assert.Equal([1L, 2L, 3L], masks.Where(m => m > 0).Distinct().Order());
        // Without noise, shape pixels are at least 0.6 and the background at most 0.3.
        for (int i = 0; i < masks.Length; i++)
            Assert.True(masks[i] > 0 ? images[i] >= 0.6f : images[i] <= 0.3f, $"pixel {i}: class {masks[i]}, value {images[i]}");

        var again = SyntheticShapes.Segmentation(20, 16, maxShapes: 2, noise: 0, generator: new Generator(3));
        TensorAssert.Equal(set.Images, again.Images);
        TensorAssert.Equal(set.Masks, again.Masks);
    }

    [Fact]
    public void LocalizationBoxesAreTightAroundTheShape()
    {
        var set = SyntheticShapes.Localization(30, 16, noise: 0, generator: new Generator(4));
        Assert.Equal([30, 4], set.Boxes.Shape.ToArray());
        var images = set.Images.ToArray();
        var boxes = set.Boxes.ToArray();
        for (int n = 0; n < 30; n++)
        {
            var shape = Enumerable.Range(0, 256).Where(i => images[n * 256 + i] >= 0.6f).ToList();
            Assert.Equal(shape.Min(i => i % 16) / 16f, boxes[4 * n]);
            Assert.Equal(shape.Min(i => i / 16) / 16f, boxes[4 * n + 1]);
            Assert.Equal((shape.Max(i => i % 16) + 1) / 16f, boxes[4 * n + 2]);
            Assert.Equal((shape.Max(i => i / 16) + 1) / 16f, boxes[4 * n + 3]);
        }
        var targets = set.Targets();
        Assert.Equal([30, 5], targets.Shape.ToArray());
        Assert.Equal(set.Labels.ToArray(), targets.Select(1, 0).ToArray());
        Assert.Equal(3, set.Labels.ToArray<long>().Distinct().Count());
    }

    [Fact]
    public void NoiseIsAddedWithTheGivenStandardDeviation()
    {
        // The background of an image is one level plus the noise, so its spread within the image is the noise's.
        var set = SyntheticShapes.Segmentation(50, 16, noise: 0.2, generator: new Generator(5));
        var images = set.Images.ToArray();
        var masks = set.Masks.ToArray<long>();
        double squares = 0;
        int count = 0;
        for (int n = 0; n < 50; n++)
        {
            var background = Enumerable.Range(n * 256, 256).Where(i => masks[i] == 0).Select(i => (double)images[i]).ToList();
            double mean = background.Average();
            squares += background.Sum(v => (v - mean) * (v - mean));
            count += background.Count - 1;
        }
        Assert.InRange(Math.Sqrt(squares / count), 0.19, 0.21);
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShapes.Segmentation(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShapes.Segmentation(5, size: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShapes.Segmentation(5, maxShapes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShapes.Localization(5, noise: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShapes.Draw((ShapeKind)7, 8, 4, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShapes.Draw(ShapeKind.Circle, 8, 4, 4, 0));
    }
}
