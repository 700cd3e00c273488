namespace Myelin.Learn;

/// <summary>The held-out results of <see cref="NineDetector.Train"/>.</summary>
/// <param name="TrainCount">Images used for training.</param>
/// <param name="TestCount">Images held out.</param>
/// <param name="TruePositives">9s called 9.</param>
/// <param name="FalsePositives">Other digits called 9.</param>
/// <param name="FalseNegatives">9s missed.</param>
/// <param name="TrueNegatives">Other digits correctly rejected.</param>
/// <param name="Precision">TP / (TP + FP): of the images called 9, the fraction that are (from the library's <c>Precision</c> metric).</param>
/// <param name="Recall">TP / (TP + FN): of the real 9s, the fraction found (from the library's <c>Recall</c> metric).</param>
public sealed record NineDetectorReport(
    int TrainCount, int TestCount, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives,
    double Precision, double Recall)
{
    /// <summary>The fraction of held-out images classified correctly.</summary>
    public double Accuracy => (double)(TruePositives + TrueNegatives) / TestCount;
}
