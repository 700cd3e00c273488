using System.Globalization;
using System.Text;

namespace Myelin.Training;

/// <summary>
/// Counts, for every pair of classes, how many samples of the true class (row) were predicted as
/// the other class (column). The diagonal holds the correct predictions.
/// </summary>
/// <remarks>
/// <para>Shape: <see cref="Update(Tensor, Tensor)"/> takes the same outputs and targets as <see cref="Accuracy"/>
/// (output [N, C] with target [N] or [N, C], or a binary output [N] / [N, 1] with 0/1 targets,
/// two classes); <see cref="UpdateFromLabels"/> takes predicted and true class indices [N].
/// <see cref="Matrix"/> is Int64 [C, C], rows = true class, columns = predicted class
/// (scikit-learn's and torchmetrics' convention).</para>
/// <para>Without <c>numClasses</c> the number of classes is taken from the first batch's output
/// columns; with labels it grows to the largest label seen.</para>
/// </remarks>
public sealed class ConfusionMatrix
{
    const int MaxInferredClasses = 4096;

    readonly bool fixedClasses;
    long[,] counts;

    /// <summary>Creates an empty confusion matrix.</summary>
    /// <param name="numClasses">The number of classes, or null to take it from the data.</param>
    /// <param name="binaryOutputs">What a single output column holds, which sets the threshold (0 for logits, 0.5 for probabilities).</param>
    /// <param name="classNames">Names printed by <see cref="ToString"/> instead of the class numbers; one per class.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The number of class names differs from <paramref name="numClasses"/>.</exception>
    public ConfusionMatrix(int? numClasses = null, BinaryOutputs binaryOutputs = BinaryOutputs.Logits, IReadOnlyList<string>? classNames = null)
    {
        if (numClasses is < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"ConfusionMatrix: numClasses must be at least 1, got {numClasses}.");
        if (!Enum.IsDefined(binaryOutputs))
            throw new ArgumentOutOfRangeException(nameof(binaryOutputs), binaryOutputs, "ConfusionMatrix: unknown BinaryOutputs value.");
        if (classNames is not null && numClasses is int n && classNames.Count != n)
            throw new ArgumentException($"ConfusionMatrix: got {classNames.Count} class names for {n} classes.", nameof(classNames));
        fixedClasses = numClasses is not null;
        counts = new long[numClasses ?? 0, numClasses ?? 0];
        BinaryOutputs = binaryOutputs;
        ClassNames = classNames?.ToArray();
    }

    /// <summary>What a single output column holds: logits (threshold 0) or probabilities (threshold 0.5).</summary>
    public BinaryOutputs BinaryOutputs { get; }

    /// <summary>The class names given to the constructor, or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The number of classes: fixed by the constructor, or known from the data so far (0 before any).</summary>
    public int NumClasses => counts.GetLength(0);

    /// <summary>The number of samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>How many samples of class <paramref name="trueClass"/> were predicted as <paramref name="predictedClass"/>.</summary>
    public long this[int trueClass, int predictedClass]
    {
        get
        {
            CheckClass(trueClass, nameof(trueClass));
            CheckClass(predictedClass, nameof(predictedClass));
            return counts[trueClass, predictedClass];
        }
    }

    /// <summary>The counts as an Int64 tensor [C, C]: rows are true classes, columns predicted classes. A copy.</summary>
    public Tensor Matrix
    {
        get
        {
            int c = NumClasses;
            var data = new long[c * c];
            for (int i = 0; i < c; i++)
                for (int j = 0; j < c; j++) data[i * c + j] = counts[i, j];
            return Tensor.FromArray(data, c, c);
        }
    }

    /// <summary>Forgets all counts (a fixed number of classes is kept; an inferred one is forgotten too).</summary>
    public void Reset()
    {
        counts = fixedClasses ? new long[NumClasses, NumClasses] : new long[0, 0];
        Total = 0;
    }

    /// <summary>Counts one batch of model outputs against their targets (see the remarks for shapes).</summary>
    /// <exception cref="ArgumentException">The shapes do not fit, a target is not a class index, or the number of classes differs from before.</exception>
    public void Update(Tensor output, Tensor target) => Update(output, target, nameof(ConfusionMatrix));

    /// <summary>Counts one batch; errors name <paramref name="context"/> (the metric built on this matrix).</summary>
    internal void Update(Tensor output, Tensor target, string context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        using var noGrad = Autograd.NoGrad();
        var (predicted, actual, classes) = ClassPredictions.From(context, output.Detach(), target.Detach(), BinaryOutputs);
        if (NumClasses != 0 && classes != NumClasses)
            throw new ArgumentException(
                $"{context}: the output describes {classes} classes (shape {Layout.Format(output.Shape.AsSpan())}) but {NumClasses} were expected.");
        Add(predicted, actual, classes);
    }

    /// <summary>Counts predicted class indices against true class indices, both [N] (any integer or whole-number dtype).</summary>
    /// <exception cref="ArgumentException">The shapes differ, a value is not a class index, or a label is beyond a fixed number of classes.</exception>
    public void UpdateFromLabels(Tensor predicted, Tensor actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Rank != 1 || actual.Rank != 1 || predicted.Size(0) != actual.Size(0))
            throw new ArgumentException(
                $"ConfusionMatrix.UpdateFromLabels: expected predicted and true labels of the same shape [N]; got {Layout.Format(predicted.Shape.AsSpan())} and {Layout.Format(actual.Shape.AsSpan())}.");
        int? limit = fixedClasses ? NumClasses : null;
        var p = ClassPredictions.ClassIndices("ConfusionMatrix.UpdateFromLabels (predicted)", predicted, limit, binary: false);
        var a = ClassPredictions.ClassIndices("ConfusionMatrix.UpdateFromLabels (actual)", actual, limit, binary: false);
        long largest = -1;
        for (int i = 0; i < p.Length; i++) largest = Math.Max(largest, Math.Max(p[i], a[i]));
        // The matrix has C² cells: guard against a stray huge label allocating gigabytes.
        if (largest >= MaxInferredClasses)
            throw new ArgumentException(
                $"ConfusionMatrix.UpdateFromLabels: label {largest} would make a {largest + 1}×{largest + 1} matrix; pass numClasses to the constructor for more than {MaxInferredClasses} classes.");
        Add(p, a, Math.Max(NumClasses, (int)(largest + 1)));
    }

    void Add(long[] predicted, long[] actual, int classes)
    {
        if (classes > NumClasses)
        {
            var grown = new long[classes, classes];
            for (int i = 0; i < NumClasses; i++)
                for (int j = 0; j < NumClasses; j++) grown[i, j] = counts[i, j];
            counts = grown;
        }
        for (int i = 0; i < predicted.Length; i++) counts[actual[i], predicted[i]]++;
        Total += predicted.Length;
    }

    /// <summary>The number of samples whose true class is <paramref name="c"/> (the row sum).</summary>
    public long Support(int c)
    {
        CheckClass(c, nameof(c));
        long sum = 0;
        for (int j = 0; j < NumClasses; j++) sum += counts[c, j];
        return sum;
    }

    /// <summary>The number of samples predicted as class <paramref name="c"/> (the column sum).</summary>
    public long PredictedCount(int c)
    {
        CheckClass(c, nameof(c));
        long sum = 0;
        for (int i = 0; i < NumClasses; i++) sum += counts[i, c];
        return sum;
    }

    /// <summary>Whether class <paramref name="c"/> occurs among the true or the predicted classes.</summary>
    public bool IsPresent(int c) => Support(c) + PredictedCount(c) > 0;

    /// <summary>
    /// Of the samples predicted as <paramref name="c"/>, the fraction that are <paramref name="c"/>:
    /// TP / (TP + FP); 0 when the class is never predicted.
    /// </summary>
    public double Precision(int c) => Ratio(this[c, c], PredictedCount(c));

    /// <summary>Of the samples of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/>: TP / (TP + FN); 0 when the class never occurs.</summary>
    public double Recall(int c) => Ratio(this[c, c], Support(c));

    /// <summary>The harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN); 0 when TP is 0.</summary>
    public double F1(int c) => Ratio(2 * this[c, c], Support(c) + PredictedCount(c));

    /// <summary>The fraction of all samples on the diagonal; NaN before any sample.</summary>
    public double Accuracy()
    {
        long diagonal = 0;
        for (int i = 0; i < NumClasses; i++) diagonal += counts[i, i];
        return Total == 0 ? double.NaN : (double)diagonal / Total;
    }

    /// <summary>The confusion matrix of <paramref name="output"/> against <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit or a target is not a class index.</exception>
    public static ConfusionMatrix Compute(Tensor output, Tensor target, int? numClasses = null, BinaryOutputs binaryOutputs = BinaryOutputs.Logits)
    {
        var matrix = new ConfusionMatrix(numClasses, binaryOutputs);
        matrix.Update(output, target);
        return matrix;
    }

    static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    void CheckClass(int c, string name)
    {
        if ((uint)c >= (uint)NumClasses)
            throw new ArgumentOutOfRangeException(name, c, $"ConfusionMatrix: class {c} is outside 0 … {NumClasses - 1}.");
    }

    /// <summary>
    /// The matrix as a table, rows = true class, columns = predicted class, labelled with the class
    /// names or numbers:
    /// <code>
    /// true \ pred  0  1  2
    ///           0  5  1  0
    ///           1  0  3  2
    ///           2  0  0  4
    /// </code>
    /// </summary>
    public override string ToString()
    {
        int c = NumClasses;
        if (c == 0) return "ConfusionMatrix (empty)";
        var labels = Enumerable.Range(0, c)
            .Select(i => ClassNames is not null && i < ClassNames.Count ? ClassNames[i] : i.ToString(CultureInfo.InvariantCulture))
            .ToArray();
        const string corner = "true \\ pred";
        int firstWidth = Math.Max(corner.Length, labels.Max(l => l.Length));
        var widths = new int[c];
        for (int j = 0; j < c; j++)
        {
            widths[j] = labels[j].Length;
            for (int i = 0; i < c; i++)
                widths[j] = Math.Max(widths[j], counts[i, j].ToString(CultureInfo.InvariantCulture).Length);
        }

        var text = new StringBuilder();
        text.Append(corner.PadLeft(firstWidth));
        for (int j = 0; j < c; j++) text.Append("  ").Append(labels[j].PadLeft(widths[j]));
        for (int i = 0; i < c; i++)
        {
            text.AppendLine().Append(labels[i].PadLeft(firstWidth));
            for (int j = 0; j < c; j++)
                text.Append("  ").Append(counts[i, j].ToString(CultureInfo.InvariantCulture).PadLeft(widths[j]));
        }
        return text.ToString();
    }
}
