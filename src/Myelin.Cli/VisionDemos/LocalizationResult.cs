namespace Myelin.Cli.VisionDemos;

/// <summary>How the localization network did on held-out images.</summary>
/// <param name="Accuracy">The fraction of test images whose shape was classified correctly.</param>
/// <param name="MeanIoU">The intersection over union of predicted and true boxes, averaged over the test images.</param>
/// <param name="TestImages">The number of held-out images.</param>
/// <param name="Files">The PNG files written.</param>
public sealed record LocalizationResult(double Accuracy, double MeanIoU, int TestImages, IReadOnlyList<string> Files);
