using System.Globalization;

namespace Myelin.Data;

/// <summary>
/// Divides data sets into disjoint parts at random: <see cref="RandomSplit(IDataset, int[], Generator?)"/>
/// (PyTorch's <c>random_split</c>) for any <see cref="IDataset"/>, and train/validation/test splits
/// of tensors (scikit-learn's <c>train_test_split</c>), optionally stratified by class.
/// </summary>
/// <remarks>
/// Every split is drawn from a <see cref="Generator"/>, so the same seed gives the same parts on
/// every run and platform. The train/validation/test splits return <see cref="LabeledData"/>
/// with copied tensors, so a scaler can be fitted on <c>Train.Features</c> alone.
/// </remarks>
public static class Splits
{
    /// <summary>
    /// Splits <paramref name="dataset"/> into disjoint random subsets of the given sizes, which
    /// together hold every sample once.
    /// </summary>
    /// <param name="dataset">The data set to divide.</param>
    /// <param name="lengths">The size of each part; they must add up to the number of samples.</param>
    /// <param name="generator">Source of the random order; <see cref="Generator.Default"/> when null.</param>
    /// <exception cref="ArgumentException">No lengths, a negative length, or lengths that do not add up to the data set's size.</exception>
    public static Subset[] RandomSplit(IDataset dataset, int[] lengths, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Length == 0)
            throw new ArgumentException("RandomSplit: give at least one length.", nameof(lengths));
        long total = 0;
        foreach (int length in lengths)
        {
            if (length < 0)
                throw new ArgumentException($"RandomSplit: lengths must not be negative, got [{string.Join(", ", lengths)}].", nameof(lengths));
            total += length;
        }
        if (total != dataset.Count)
            throw new ArgumentException(
                $"RandomSplit: the lengths [{string.Join(", ", lengths)}] add up to {total}, but the data set has {dataset.Count} samples.",
                nameof(lengths));
        int[] order = (generator ?? Generator.Default).Permutation(dataset.Count);
        var parts = new Subset[lengths.Length];
        int start = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            parts[i] = new Subset(dataset, order[start..(start + lengths[i])]);
            start += lengths[i];
        }
        return parts;
    }

    /// <summary>
    /// Splits <paramref name="dataset"/> into disjoint random subsets holding the given fractions of
    /// its samples. As in PyTorch, part i gets ⌊fraction·N⌋ samples and the samples left over by
    /// rounding down go one each to the first parts.
    /// </summary>
    /// <param name="dataset">The data set to divide.</param>
    /// <param name="fractions">The share of each part, each in [0, 1], adding up to 1 (e.g. [0.8, 0.2]).</param>
    /// <param name="generator">Source of the random order; <see cref="Generator.Default"/> when null.</param>
    /// <exception cref="ArgumentException">No fractions, a fraction outside [0, 1], or fractions that do not add up to 1.</exception>
    public static Subset[] RandomSplit(IDataset dataset, double[] fractions, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(fractions);
        if (fractions.Length == 0)
            throw new ArgumentException("RandomSplit: give at least one fraction.", nameof(fractions));
        string listed = string.Join(", ", fractions.Select(f => f.ToString(CultureInfo.InvariantCulture)));
        if (fractions.Any(f => !(f >= 0 && f <= 1)))
            throw new ArgumentException($"RandomSplit: each fraction must be in [0, 1], got [{listed}].", nameof(fractions));
        double sum = fractions.Sum();
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException(
                $"RandomSplit: the fractions [{listed}] add up to {sum.ToString(CultureInfo.InvariantCulture)}, not 1.", nameof(fractions));
        int n = dataset.Count;
        var lengths = fractions.Select(f => (int)Math.Floor(f * n)).ToArray();
        int remainder = n - lengths.Sum();
        for (int i = 0; i < remainder; i++) lengths[i % lengths.Length]++;
        return RandomSplit(dataset, lengths, generator);
    }

    /// <summary>
    /// Splits labelled data into a training and a test part at random, reproducibly by
    /// <paramref name="seed"/>. See <see cref="TrainValidationTestSplit(LabeledData, double, double, int, bool)"/>.
    /// </summary>
    /// <param name="data">The samples to divide.</param>
    /// <param name="testFraction">The share of samples for testing, in [0, 1).</param>
    /// <param name="seed">Seed of the random order.</param>
    /// <param name="stratify">Keep the class proportions in both parts (integer class labels of shape [N]).</param>
    /// <returns>The two parts, each keeping <see cref="LabeledData.ClassNames"/>.</returns>
    /// <exception cref="ArgumentException">A bad fraction, mismatched sizes, too few samples, or stratifying by non-class labels.</exception>
    public static (LabeledData Train, LabeledData Test) TrainTestSplit(LabeledData data, double testFraction, int seed, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = SplitLabeled(data.Features, data.Labels, data.ClassNames, [testFraction], ["testFraction"], seed, stratify, "TrainTestSplit");
        return (parts[0], parts[1]);
    }

    /// <summary>Splits features and labels into a training and a test part; see <see cref="TrainTestSplit(LabeledData, double, int, bool)"/>.</summary>
    /// <param name="features">Shape: [N, …].</param>
    /// <param name="labels">Shape: [N, …]; Int64 or Int32 [N] class indices to stratify.</param>
    /// <param name="testFraction">The share of samples for testing, in [0, 1).</param>
    /// <param name="seed">Seed of the random order.</param>
    /// <param name="stratify">Keep the class proportions in both parts.</param>
    /// <returns>The two parts. Class names are "0" … the largest label for integer labels of shape [N], empty otherwise.</returns>
    /// <exception cref="ArgumentException">A bad fraction, mismatched sizes, too few samples, or stratifying by non-class labels.</exception>
    public static (LabeledData Train, LabeledData Test) TrainTestSplit(Tensor features, Tensor labels, double testFraction, int seed, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var parts = SplitLabeled(features, labels, null, [testFraction], ["testFraction"], seed, stratify, "TrainTestSplit");
        return (parts[0], parts[1]);
    }

    /// <summary>
    /// Splits labelled data into training, validation and test parts at random, reproducibly by
    /// <paramref name="seed"/>: the validation and test parts get round(fraction·N) samples, the
    /// training part the rest. Samples within each part are in random order.
    /// </summary>
    /// <remarks>
    /// With <paramref name="stratify"/>, each class is divided on its own (round(fraction·Nc) of
    /// its Nc samples to validation and to test), so every part keeps the class proportions of the
    /// whole up to rounding; part sizes can then differ by a few samples from the unstratified ones.
    /// The tensors of the parts are copies (gathered rows).
    /// </remarks>
    /// <param name="data">The samples to divide.</param>
    /// <param name="validationFraction">The share for validation, in [0, 1).</param>
    /// <param name="testFraction">The share for testing, in [0, 1); the two shares must add up to less than 1.</param>
    /// <param name="seed">Seed of the random order.</param>
    /// <param name="stratify">Keep the class proportions in every part (integer class labels of shape [N]).</param>
    /// <returns>The three parts, each keeping <see cref="LabeledData.ClassNames"/>.</returns>
    /// <exception cref="ArgumentException">A bad fraction, mismatched sizes, too few samples, or stratifying by non-class labels.</exception>
    public static (LabeledData Train, LabeledData Validation, LabeledData Test) TrainValidationTestSplit(
        LabeledData data, double validationFraction, double testFraction, int seed, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = SplitLabeled(data.Features, data.Labels, data.ClassNames, [validationFraction, testFraction],
            ["validationFraction", "testFraction"], seed, stratify, "TrainValidationTestSplit");
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>Splits features and labels into training, validation and test parts; see
    /// <see cref="TrainValidationTestSplit(LabeledData, double, double, int, bool)"/>.</summary>
    /// <param name="features">Shape: [N, …].</param>
    /// <param name="labels">Shape: [N, …]; Int64 or Int32 [N] class indices to stratify.</param>
    /// <param name="validationFraction">The share for validation, in [0, 1).</param>
    /// <param name="testFraction">The share for testing, in [0, 1); the two shares must add up to less than 1.</param>
    /// <param name="seed">Seed of the random order.</param>
    /// <param name="stratify">Keep the class proportions in every part.</param>
    /// <returns>The three parts. Class names are "0" … the largest label for integer labels of shape [N], empty otherwise.</returns>
    /// <exception cref="ArgumentException">A bad fraction, mismatched sizes, too few samples, or stratifying by non-class labels.</exception>
    public static (LabeledData Train, LabeledData Validation, LabeledData Test) TrainValidationTestSplit(
        Tensor features, Tensor labels, double validationFraction, double testFraction, int seed, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var parts = SplitLabeled(features, labels, null, [validationFraction, testFraction],
            ["validationFraction", "testFraction"], seed, stratify, "TrainValidationTestSplit");
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>Checks the arguments, draws the parts' indices and gathers their rows: training first, then one part per fraction.</summary>
    static LabeledData[] SplitLabeled(Tensor features, Tensor labels, IReadOnlyList<string>? classNames,
        double[] fractions, string[] fractionNames, int seed, bool stratify, string method)
    {
        CheckFractions(fractions, fractionNames, method);
        if (features.Rank == 0 || labels.Rank == 0 || features.Shape[0] != labels.Shape[0])
            throw new ArgumentException(
                $"{method}: features {Layout.Format(features.Shape.AsSpan())} and labels {Layout.Format(labels.Shape.AsSpan())} "
                + "must have the same first dimension (the number of samples).");
        long[]? classes = stratify ? ClassLabels(labels, method) : null;
        classNames ??= DefaultClassNames(labels);

        var generator = new Generator(unchecked((ulong)seed));
        int[][] parts = classes is null
            ? PartitionShuffled(Enumerable.Range(0, features.Shape[0]).ToArray(), fractions, generator)
            : PartitionByClass(classes, fractions, generator);
        if (parts[0].Length == 0)
            throw new ArgumentException(
                $"{method}: with {features.Shape[0]} samples and held-out fractions {string.Join(" + ", fractions.Select(f => f.ToString(CultureInfo.InvariantCulture)))}, "
                + "no sample is left for training; use more data or smaller fractions.");

        return parts.Select(indices =>
        {
            var index = Tensor.FromArray(indices.Select(i => (long)i).ToArray(), indices.Length);
            return new LabeledData(features.IndexSelect(0, index), labels.IndexSelect(0, index), classNames);
        }).ToArray();
    }

    static void CheckFractions(double[] fractions, string[] names, string method)
    {
        for (int i = 0; i < fractions.Length; i++)
            if (!(fractions[i] >= 0 && fractions[i] < 1))
                throw new ArgumentOutOfRangeException(names[i], fractions[i],
                    $"{method}: {names[i]} must be in [0, 1), got {fractions[i].ToString(CultureInfo.InvariantCulture)}.");
        double sum = fractions.Sum();
        if (!(sum < 1))
            throw new ArgumentException(
                $"{method}: {string.Join(" + ", names)} must be below 1 so that samples remain for training, got "
                + $"{string.Join(" + ", fractions.Select(f => f.ToString(CultureInfo.InvariantCulture)))} = {sum.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>The class of each sample, for stratifying; refuses labels that are not one integer class per sample.</summary>
    static long[] ClassLabels(Tensor labels, string method)
    {
        if (labels.Rank != 1 || labels.DType is not (DType.Int64 or DType.Int32))
            throw new ArgumentException(
                $"{method}: stratify needs integer class labels of shape [N] (Int64 or Int32), got {labels.DType} {Layout.Format(labels.Shape.AsSpan())}.");
        return labels.To(DType.Int64).ToArray<long>();
    }

    /// <summary>"0" … the largest label for integer class labels of shape [N], as the CSV reader names them; none otherwise.</summary>
    static IReadOnlyList<string> DefaultClassNames(Tensor labels)
    {
        if (labels.Rank != 1 || labels.DType is not (DType.Int64 or DType.Int32) || labels.NumElements == 0) return [];
        long[] values = labels.To(DType.Int64).ToArray<long>();
        if (values.Min() < 0) return [];
        return Enumerable.Range(0, (int)values.Max() + 1).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>
    /// Shuffles <paramref name="indices"/> and cuts them into a training part (the rest) and one
    /// part of round(fraction·n) for each fraction.
    /// </summary>
    static int[][] PartitionShuffled(int[] indices, double[] fractions, Generator generator)
    {
        generator.Shuffle<int>(indices);
        int n = indices.Length;
        var heldOut = new int[fractions.Length];
        int remaining = n;
        for (int i = 0; i < fractions.Length; i++)
        {
            heldOut[i] = Math.Min((int)Math.Round(fractions[i] * n, MidpointRounding.AwayFromZero), remaining);
            remaining -= heldOut[i];
        }
        var parts = new int[fractions.Length + 1][];
        parts[0] = indices[..remaining];
        int start = remaining;
        for (int i = 0; i < fractions.Length; i++)
        {
            parts[i + 1] = indices[start..(start + heldOut[i])];
            start += heldOut[i];
        }
        return parts;
    }

    /// <summary>Partitions each class on its own, then joins the classes' pieces and shuffles each part so classes are mixed.</summary>
    static int[][] PartitionByClass(long[] classes, double[] fractions, Generator generator)
    {
        var members = new SortedDictionary<long, List<int>>();
        for (int i = 0; i < classes.Length; i++)
        {
            if (!members.TryGetValue(classes[i], out var list)) members[classes[i]] = list = [];
            list.Add(i);
        }
        var parts = new List<int>[fractions.Length + 1];
        for (int p = 0; p < parts.Length; p++) parts[p] = [];
        foreach (var list in members.Values)
        {
            var pieces = PartitionShuffled(list.ToArray(), fractions, generator);
            for (int p = 0; p < parts.Length; p++) parts[p].AddRange(pieces[p]);
        }
        return parts.Select(part =>
        {
            var indices = part.ToArray();
            generator.Shuffle<int>(indices);
            return indices;
        }).ToArray();
    }
}
