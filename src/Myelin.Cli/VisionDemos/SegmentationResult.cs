namespace Myelin.Cli.VisionDemos;

/// <summary>How the segmentation network did on held-out images.</summary>
/// <param name="PixelAccuracy">The fraction of test pixels given their true class.</param>
/// <param name="MeanIoU">The intersection over union averaged over the classes.</param>
/// <param name="IoUPerClass">The IoU of each class: background, circle, square, triangle.</param>
/// <param name="TestImages">The number of held-out images.</param>
/// <param name="Files">The PNG files written.</param>
public sealed record SegmentationResult(double PixelAccuracy, double MeanIoU, IReadOnlyList<double> IoUPerClass, int TestImages, IReadOnlyList<string> Files);
