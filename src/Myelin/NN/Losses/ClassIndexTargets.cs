namespace Myelin.NN;

/// <summary>
/// Class-index targets, read once and checked against the scores they index. For scores
/// [N, C, d1, …] the target must be [N, d1, …] and every value a class in [0, C) or the ignore
/// index. Ignored positions are replaced by class 0 so that a gather stays in range; the
/// <see cref="Ignored"/> mask then removes their contribution.
/// </summary>
internal sealed class ClassIndexTargets
{
    ClassIndexTargets(Tensor indices, Tensor? ignored, int counted)
    {
        Indices = indices;
        Ignored = ignored;
        Counted = counted;
    }

    /// <summary>Int64 class indices in the target's shape, ignored positions set to 0.</summary>
    public Tensor Indices { get; }

    /// <summary>Bool, true where the target is the ignore index; null when nothing is ignored.</summary>
    public Tensor? Ignored { get; }

    /// <summary>How many positions are not ignored.</summary>
    public int Counted { get; }

    public static ClassIndexTargets Read(Tensor scores, Tensor target, long? ignoreIndex, string loss, string scoresRole)
    {
        CheckShape(scores, target, loss, scoresRole);
        int classes = scores.shape[1];
        var indices = target.To(DType.Int64);
        if (!indices.IsContiguous) indices = indices.Contiguous();
        ReadOnlySpan<long> values = indices.Span<long>();

        long[]? safe = null;
        bool[]? ignored = null;
        int counted = values.Length;
        for (int i = 0; i < values.Length; i++)
        {
            long value = values[i];
            if (value == ignoreIndex)
            {
                safe ??= values.ToArray();
                ignored ??= new bool[values.Length];
                safe[i] = 0;
                ignored[i] = true;
                counted--;
            }
            else if (value < 0 || value >= classes)
            {
                string orIgnored = ignoreIndex is long skip ? $" nor the ignore index {skip}" : "";
                throw new ArgumentException(
                    $"{loss}: target value {value} at position {LossChecks.Position(i, target.shape)} is not a class index in [0, {classes}){orIgnored}.");
            }
        }
        if (safe is null) return new ClassIndexTargets(indices, null, counted);
        var shape = (int[])target.shape.Clone();
        return new ClassIndexTargets(Tensor.FromArray(safe, shape).Reshape(shape), Tensor.FromArray(ignored!, shape).Reshape(shape), counted);
    }

    static void CheckShape(Tensor scores, Tensor target, string loss, string scoresRole)
    {
        int[] expected = [scores.shape[0], .. scores.shape.AsSpan(2)];
        string s = LossChecks.Format(scores), t = LossChecks.Format(target);
        if (target.Rank != expected.Length)
            throw new ArgumentException($"{loss}: a class-index target for {scoresRole} {s} must have shape {Layout.Format(expected)}, got {t}.");
        if (target.shape[0] != expected[0])
            throw new ArgumentException($"{loss}: {scoresRole} {s} and target {t} disagree on the batch size ({expected[0]} vs {target.shape[0]}).");
        if (!Layout.SameShape(target.shape, expected))
            throw new ArgumentException($"{loss}: {scoresRole} {s} and target {t} disagree on the dimensions after the class dimension; the target must be {Layout.Format(expected)}.");
    }
}
