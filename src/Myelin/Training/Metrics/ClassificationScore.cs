namespace Myelin.Training;

/// <summary>
/// The base of per-class scores computed from a <see cref="Training.ConfusionMatrix"/>
/// (<see cref="Precision"/>, <see cref="Recall"/>, <see cref="F1Score"/>): <see cref="PerClass"/>
/// gives each class's score and <see cref="Metric.Result"/> their macro average.
/// </summary>
/// <remarks>
/// <para>Shape: the outputs and targets of <see cref="Accuracy"/> — output [N, C] with target [N]
/// or [N, C], or a binary output [N] / [N, 1] with 0/1 targets (two classes, 0 and 1).</para>
/// <para>The macro average is the unweighted mean over the classes that occur among the true or
/// the predicted classes (scikit-learn's rule when no label list is given); classes that occur in
/// neither are left out. A score whose denominator is 0 — precision of a class never predicted,
/// recall of a class that never occurs — counts as 0 (scikit-learn's <c>zero_division=0</c>).</para>
/// <para>For a binary classifier the macro average covers both classes; the score of the positive
/// class alone is <c>PerClass()[1]</c>.</para>
/// </remarks>
public abstract class ClassificationScore : Metric
{
    /// <summary>Creates the score with its confusion matrix.</summary>
    /// <param name="name">The name in logs.</param>
    /// <param name="numClasses">The number of classes, or null to take it from the outputs.</param>
    /// <param name="binaryOutputs">What a single output column holds, which sets the threshold.</param>
    protected ClassificationScore(string name, int? numClasses, BinaryOutputs binaryOutputs) : base(name)
    {
        ConfusionMatrix = new ConfusionMatrix(numClasses, binaryOutputs);
    }

    /// <summary>The counts accumulated since the last <see cref="Reset"/>.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <summary>The score of class <paramref name="c"/> from the matrix.</summary>
    protected abstract double ClassScore(ConfusionMatrix matrix, int c);

    /// <inheritdoc/>
    public override void Reset() => ConfusionMatrix.Reset();

    /// <inheritdoc/>
    protected override void UpdateCore(Tensor output, Tensor target)
    {
        ConfusionMatrix.Update(output, target, GetType().Name);
    }

    /// <summary>Each class's score; NaN for a class that occurs neither among the true nor the predicted classes.</summary>
    public double[] PerClass()
    {
        var scores = new double[ConfusionMatrix.NumClasses];
        for (int c = 0; c < scores.Length; c++)
            scores[c] = ConfusionMatrix.IsPresent(c) ? ClassScore(ConfusionMatrix, c) : double.NaN;
        return scores;
    }

    /// <summary>The macro average: the mean of <see cref="PerClass"/> over the classes present; NaN before any sample.</summary>
    public override double Result()
    {
        double sum = 0;
        int present = 0;
        foreach (double score in PerClass())
        {
            if (double.IsNaN(score)) continue;
            sum += score;
            present++;
        }
        return present == 0 ? double.NaN : sum / present;
    }
}
