namespace Myelin.Vision;

/// <summary>
/// Images of shapes with a class for every pixel, made by <see cref="SyntheticShapes.Segmentation"/>.
/// Class 0 is the background and class 1 + k the shape <see cref="ShapeKind"/> k (1 circle, 2 square, 3 triangle).
/// </summary>
/// <param name="Images">Float32 [N, 1, S, S], intensities around [0, 1] with noise.</param>
/// <param name="Masks">Int64 [N, S, S], the class of each pixel.</param>
public sealed record ShapeSegmentationSet(Tensor Images, Tensor Masks)
{
    /// <summary>The pixel class names: background, circle, square, triangle.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["background", "circle", "square", "triangle"];

    /// <summary>The number of images, N.</summary>
    public int Count => Images.Shape[0];
}
