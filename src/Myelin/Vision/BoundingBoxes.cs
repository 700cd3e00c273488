namespace Myelin.Vision;

/// <summary>Operations on axis-aligned boxes given as corners (x0, y0, x1, y1), with x0 ≤ x1 and y0 ≤ y1.</summary>
public static class BoundingBoxes
{
    /// <summary>
    /// The intersection over union of each pair of boxes: the area they share divided by the area they cover
    /// together, 1 for identical boxes and 0 for disjoint ones. A box with x1 &lt; x0 or y1 &lt; y0 counts as empty.
    /// Composed of tensor operations, so it is differentiable where the boxes overlap.
    /// Shape: boxes [N, 4] and [N, 4] → [N].
    /// </summary>
    /// <param name="boxes">Boxes (x0, y0, x1, y1), floating-point.</param>
    /// <param name="others">The boxes to compare with, pair by pair.</param>
    /// <exception cref="ArgumentException">The shapes are not both [N, 4], or the tensors are not floating-point.</exception>
    public static Tensor IoU(Tensor boxes, Tensor others)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(others);
        if (boxes.Rank != 2 || boxes.Shape[1] != 4 || !boxes.Shape.SequenceEqual(others.Shape))
            throw new ArgumentException(
                $"BoundingBoxes.IoU: expected two [N, 4] tensors of boxes (x0, y0, x1, y1), got [{string.Join(", ", boxes.Shape)}] and [{string.Join(", ", others.Shape)}].");
        if (!boxes.DType.IsFloatingPoint() || !others.DType.IsFloatingPoint())
            throw new ArgumentException($"BoundingBoxes.IoU: boxes must be floating-point, got {boxes.DType} and {others.DType}.");

        Tensor Column(Tensor t, int i) => t.Select(1, i);
        var width = (Column(boxes, 2).Minimum(Column(others, 2)) - Column(boxes, 0).Maximum(Column(others, 0))).ReLU();
        var height = (Column(boxes, 3).Minimum(Column(others, 3)) - Column(boxes, 1).Maximum(Column(others, 1))).ReLU();
        var intersection = width * height;
        var union = Area(boxes) + Area(others) - intersection;
        // Two empty boxes share nothing: IoU 0 rather than 0/0.
        return Tensor.Where(union.Gt(0), intersection / union.Maximum(Tensor.FullLike(union, 1e-12)), Tensor.ZerosLike(union));

        Tensor Area(Tensor t) => (Column(t, 2) - Column(t, 0)).ReLU() * (Column(t, 3) - Column(t, 1)).ReLU();
    }
}
