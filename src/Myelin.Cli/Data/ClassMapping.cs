using Myelin.Data;

namespace Myelin.Cli.Data;

/// <summary>Renumbers class labels so that they index a given list of class names.</summary>
internal static class ClassMapping
{
    /// <summary>
    /// The same samples with labels that index <paramref name="classNames"/>: a sample of class "7" gets the
    /// position of "7" in that list. Used to evaluate a model on a CSV file whose classes were numbered on
    /// their own.
    /// </summary>
    /// <exception cref="CliException">A class of the data is not in <paramref name="classNames"/>.</exception>
    public static LabeledData ToClasses(LabeledData data, IReadOnlyList<string> classNames, string source)
    {
        var target = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < classNames.Count; i++) target.TryAdd(classNames[i], i);
        var map = new long[data.NumClasses];
        for (int i = 0; i < map.Length; i++)
        {
            if (!target.TryGetValue(data.ClassNames[i], out map[i]))
                throw new CliException(
                    $"{source} has the class label '{data.ClassNames[i]}', which is not one of the model's classes ({string.Join(", ", classNames)}).");
        }
        var labels = data.Labels.ToArray<long>();
        for (int i = 0; i < labels.Length; i++) labels[i] = map[labels[i]];
        return new LabeledData(data.Features, Tensor.FromArray(labels, labels.Length), classNames);
    }
}
