using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class BoundingBoxesTests
{
    [Fact]
    public void IoUOfKnownPairs()
    {
        var a = Tensor.FromArray(new float[]
        {
            0, 0, 2, 2,        // same box: 1
            0, 0, 2, 2,        // shifted by 1 in x: overlap 2, union 6
            0, 0, 1, 1,        // disjoint: 0
            0, 0, 4, 4,        // contains a 2×2 box: 4 / 16
            1, 1, 1, 3,        // zero width against itself: 0, not 0/0
        }, 5, 4);
        var b = Tensor.FromArray(new float[] { 0, 0, 2, 2, 1, 0, 3, 2, 2, 2, 3, 3, 1, 1, 3, 3, 1, 1, 1, 3 }, 5, 4);
        var iou = BoundingBoxes.IoU(a, b).ToArray();
        Assert.Equal([1f, 2f / 6, 0f, 0.25f, 0f], iou);
    }

    [Fact]
    public void IoUPassesAFloat64GradientCheckWhereTheBoxesOverlap()
    {
        var a = Tensor.FromArray(new double[] { 0.1, 0.2, 0.6, 0.7, 0.3, 0.3, 0.9, 0.8 }, 2, 4).RequireGrad();
        var b = Tensor.FromArray(new double[] { 0.2, 0.1, 0.7, 0.65, 0.25, 0.4, 0.8, 0.9 }, 2, 4).RequireGrad();
        GradCheck.Assert(t => BoundingBoxes.IoU(t[0], t[1]), [a, b]);
    }

    [Fact]
    public void ShapesOtherThanNByFourAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BoundingBoxes.IoU(Tensor.Zeros(3, 4), Tensor.Zeros(2, 4)));
        Assert.Contains("got [3, 4] and [2, 4]", error.Message);
        Assert.Throws<ArgumentException>(() => BoundingBoxes.IoU(Tensor.Zeros(3), Tensor.Zeros(3)));
        Assert.Throws<ArgumentException>(() => BoundingBoxes.IoU(Tensor.Zeros([1, 4], DType.Int64), Tensor.Zeros([1, 4], DType.Int64)));
    }
}
