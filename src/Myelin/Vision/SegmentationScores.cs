namespace Myelin.Vision;

/// <summary>
/// How well predicted pixel classes match the true ones: pixel accuracy and intersection over union (IoU,
/// the Jaccard index) per class and averaged over the classes (mean IoU), the standard segmentation scores.
/// </summary>
/// <remarks>
/// Both take class indices, not scores: for logits [N, K, H, W] pass <c>logits.ArgMax(1)</c>. The IoU of class k
/// is |predicted k ∩ true k| / |predicted k ∪ true k| over all pixels of all images. A class that appears in
/// neither has no IoU (NaN) and is left out of the mean, as in torchmetrics and scikit-learn's jaccard_score.
/// </remarks>
public static class SegmentationScores
{
    /// <summary>The fraction of pixels whose predicted class is the true one. Shape: predicted and target [*], the same shape.</summary>
    /// <param name="predicted">Predicted class indices (an integer tensor).</param>
    /// <param name="target">True class indices.</param>
    /// <exception cref="ArgumentException">The shapes differ, a tensor is not integer, or they are empty.</exception>
    public static double PixelAccuracy(Tensor predicted, Tensor target)
    {
        var (p, t) = Read("SegmentationScores.PixelAccuracy", predicted, target, numClasses: null);
        int correct = 0;
        for (int i = 0; i < p.Length; i++)
            if (p[i] == t[i]) correct++;
        return (double)correct / p.Length;
    }

    /// <summary>
    /// The IoU of each class 0 … <paramref name="numClasses"/> − 1; NaN for a class neither tensor contains.
    /// Shape: predicted and target [*], the same shape → an array of numClasses values.
    /// </summary>
    /// <param name="predicted">Predicted class indices (an integer tensor).</param>
    /// <param name="target">True class indices.</param>
    /// <param name="numClasses">K, the number of classes.</param>
    /// <exception cref="ArgumentException">The shapes differ, a tensor is not integer or empty, or a value is not a class in [0, K).</exception>
    public static double[] IoUPerClass(Tensor predicted, Tensor target, int numClasses)
    {
        var (p, t) = Read("SegmentationScores.IoUPerClass", predicted, target, numClasses);
        var intersection = new long[numClasses];
        var union = new long[numClasses];
        for (int i = 0; i < p.Length; i++)
        {
            union[p[i]]++;
            if (p[i] == t[i]) intersection[p[i]]++;
            else union[t[i]]++;
        }
        var iou = new double[numClasses];
        for (int k = 0; k < numClasses; k++) iou[k] = union[k] == 0 ? double.NaN : (double)intersection[k] / union[k];
        return iou;
    }

    /// <summary>
    /// The mean of <see cref="IoUPerClass"/> over the classes present in the prediction or the target.
    /// Shape: predicted and target [*], the same shape.
    /// </summary>
    /// <param name="predicted">Predicted class indices (an integer tensor).</param>
    /// <param name="target">True class indices.</param>
    /// <param name="numClasses">K, the number of classes.</param>
    /// <exception cref="ArgumentException">The shapes differ, a tensor is not integer or empty, or a value is not a class in [0, K).</exception>
    public static double MeanIoU(Tensor predicted, Tensor target, int numClasses) =>
        IoUPerClass(predicted, target, numClasses).Where(v => !double.IsNaN(v)).Average();

    static (long[] Predicted, long[] Target) Read(string who, Tensor predicted, Tensor target, int? numClasses)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        if (numClasses is int k && k < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), k, $"{who}: numClasses must be at least 1, got {k}.");
        if (!predicted.DType.IsInteger() || !target.DType.IsInteger())
            throw new ArgumentException(
                $"{who}: expected class indices (integer tensors), got {predicted.DType} predictions and a {target.DType} target; for scores [N, K, H, W] pass scores.ArgMax(1).");
        if (!predicted.Shape.SequenceEqual(target.Shape))
            throw new ArgumentException(
                $"{who}: the predictions [{string.Join(", ", predicted.Shape)}] and the target [{string.Join(", ", target.Shape)}] must have the same shape.");
        if (predicted.NumElements == 0) throw new ArgumentException($"{who}: there are no pixels to score.");
        var p = predicted.ToArray<long>();
        var t = target.ToArray<long>();
        if (numClasses is int classes)
        {
            foreach (var (values, name) in new[] { (p, "prediction"), (t, "target") })
                for (int i = 0; i < values.Length; i++)
                    if (values[i] < 0 || values[i] >= classes)
                        throw new ArgumentException($"{who}: the {name} holds {values[i]} at flat position {i}, which is not a class in [0, {classes}).");
        }
        return (p, t);
    }
}
