namespace Myelin.Vision;

/// <summary>
/// Images with one shape each, its class and its bounding box, made by <see cref="SyntheticShapes.Localization"/>.
/// </summary>
/// <param name="Images">Float32 [N, 1, S, S], intensities around [0, 1] with noise.</param>
/// <param name="Labels">Int64 [N], the <see cref="ShapeKind"/> of each image's shape (0 circle, 1 square, 2 triangle).</param>
/// <param name="Boxes">
/// Float32 [N, 4]: the tight box around the shape's pixels as (x0, y0, x1, y1), divided by the image size S,
/// so 0 is the left (top) edge of the image and 1 the right (bottom) edge; x1 and y1 are the far edges of the last
/// column and row the shape covers.
/// </param>
public sealed record ShapeLocalizationSet(Tensor Images, Tensor Labels, Tensor Boxes)
{
    /// <summary>The class names, in the order of <see cref="ShapeKind"/>: circle, square, triangle.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["circle", "square", "triangle"];

    /// <summary>The number of images, N.</summary>
    public int Count => Images.Shape[0];

    /// <summary>
    /// The targets <see cref="LocalizationLoss"/> takes: the class index and the box of each image side by side.
    /// Shape: [N, 5] (class, x0, y0, x1, y1), Float32.
    /// </summary>
    public Tensor Targets() => Tensor.Cat([Labels.To(DType.Float32).Unsqueeze(1), Boxes], 1);
}
