namespace Myelin.Cli.Metrics;

/// <summary>
/// How well predicted classes match the true ones: the confusion matrix and the accuracy and macro-averaged
/// precision, recall and F1 computed from it (scikit-learn's definitions; a class with no predicted or no
/// true samples contributes 0 to the precision or recall average, as with <c>zero_division=0</c>).
/// </summary>
internal sealed class ClassificationReport
{
    /// <summary>Counts the pairs (true class, predicted class) of <paramref name="actual"/> and <paramref name="predicted"/>.</summary>
    /// <param name="actual">The true class of each sample, in [0, <paramref name="numClasses"/>).</param>
    /// <param name="predicted">The predicted class of each sample.</param>
    /// <param name="numClasses">K, the number of classes.</param>
    public ClassificationReport(ReadOnlySpan<long> actual, ReadOnlySpan<long> predicted, int numClasses)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"ClassificationReport: {actual.Length} labels but {predicted.Length} predictions.");
        Confusion = new long[numClasses, numClasses];
        for (int i = 0; i < actual.Length; i++) Confusion[actual[i], predicted[i]]++;
        Count = actual.Length;
    }

    /// <summary>Confusion[t, p] counts the samples of true class t predicted as class p. Shape: [K, K].</summary>
    public long[,] Confusion { get; }

    /// <summary>The number of samples.</summary>
    public long Count { get; }

    /// <summary>K, the number of classes.</summary>
    public int NumClasses => Confusion.GetLength(0);

    /// <summary>The fraction of samples predicted correctly (the trace over the total).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int k = 0; k < NumClasses; k++) correct += Confusion[k, k];
            return Count == 0 ? 0 : (double)correct / Count;
        }
    }

    /// <summary>Of the samples predicted as class <paramref name="k"/>, the fraction that are; 0 when none is.</summary>
    public double Precision(int k)
    {
        long predicted = 0;
        for (int t = 0; t < NumClasses; t++) predicted += Confusion[t, k];
        return predicted == 0 ? 0 : (double)Confusion[k, k] / predicted;
    }

    /// <summary>Of the samples of class <paramref name="k"/>, the fraction predicted as it; 0 when the class has none.</summary>
    public double Recall(int k)
    {
        long actual = 0;
        for (int p = 0; p < NumClasses; p++) actual += Confusion[k, p];
        return actual == 0 ? 0 : (double)Confusion[k, k] / actual;
    }

    /// <summary>The harmonic mean of precision and recall of class <paramref name="k"/>; 0 when both are 0.</summary>
    public double F1(int k)
    {
        double p = Precision(k), r = Recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision => Macro(Precision);

    /// <summary>The unweighted mean of the per-class recalls.</summary>
    public double MacroRecall => Macro(Recall);

    /// <summary>The unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Macro(F1);

    double Macro(Func<int, double> perClass) =>
        NumClasses == 0 ? 0 : Enumerable.Range(0, NumClasses).Average(perClass);
}
