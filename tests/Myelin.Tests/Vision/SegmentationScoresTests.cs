using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class SegmentationScoresTests
{
    // Six pixels of two images; classes 0 … 3.
    static readonly Tensor Target = Tensor.FromArray(new long[] { 0, 0, 1, 1, 2, 2 }, 2, 3);
    static readonly Tensor Predicted = Tensor.FromArray(new long[] { 0, 1, 1, 1, 0, 2 }, 2, 3);

    [Fact]
    public void PixelAccuracyIsTheShareOfCorrectPixels()
    {
        Assert.Equal(4.0 / 6, SegmentationScores.PixelAccuracy(Predicted, Target), 12);
        Assert.Equal(1.0, SegmentationScores.PixelAccuracy(Target, Target));
    }

    [Fact]
    public void IoUIsIntersectionOverUnionPerClassAndAbsentClassesAreLeftOutOfTheMean()
    {
        var iou = SegmentationScores.IoUPerClass(Predicted, Target, numClasses: 4);
        // Class 0: predicted {0, 4}, true {0, 1}: 1 shared of 3. Class 1: predicted {1, 2, 3}, true {2, 3}: 2 of 3.
        // Class 2: predicted {5}, true {4, 5}: 1 of 2. Class 3 appears in neither.
        Assert.Equal(1.0 / 3, iou[0], 12);
        Assert.Equal(2.0 / 3, iou[1], 12);
        Assert.Equal(0.5, iou[2], 12);
        Assert.True(double.IsNaN(iou[3]));
        Assert.Equal((1.0 / 3 + 2.0 / 3 + 0.5) / 3, SegmentationScores.MeanIoU(Predicted, Target, 4), 12);
    }

    [Fact]
    public void ScoresOfLogitsNeedArgMaxAndMatchingShapes()
    {
        var logits = Tensor.Randn([2, 4, 3, 3], new Generator(1));
        var error = Assert.Throws<ArgumentException>(() => SegmentationScores.PixelAccuracy(logits, Target));
        Assert.Contains("scores.ArgMax(1)", error.Message);
        Assert.Contains("same shape", Assert.Throws<ArgumentException>(() => SegmentationScores.PixelAccuracy(Tensor.Zeros([2, 2], DType.Int64), Target)).Message);
        Assert.Contains("not a class in [0, 2)", Assert.Throws<ArgumentException>(() => SegmentationScores.MeanIoU(Predicted, Target, 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationScores.IoUPerClass(Predicted, Target, 0));
    }
}
