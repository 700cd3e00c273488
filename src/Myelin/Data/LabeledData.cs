namespace Myelin.Data;

/// <summary>
/// A data set held in memory: one row of <see cref="Features"/> per sample and its
/// <see cref="Labels"/>. Returned by the built-in data sets (<see cref="Datasets"/>), the
/// synthetic generators (<see cref="Synthetic"/>) and <see cref="CsvData.ToLabeledData"/>.
/// </summary>
/// <param name="Features">Float32 [N, …]: [N, F] for tables, [N, 1, 28, 28] or [N, 784] for MNIST images.</param>
/// <param name="Labels">Int64 [N] class indices in 0 … ClassNames.Count − 1 for classification; Float32 targets (e.g. [N, 1]) for regression.</param>
/// <param name="ClassNames">The name of each class, index i naming label i; empty for regression.</param>
public sealed record LabeledData(Tensor Features, Tensor Labels, IReadOnlyList<string> ClassNames)
{
    /// <summary>The number of samples N (the first dimension of <see cref="Features"/>).</summary>
    public int Count => Features.Shape[0];

    /// <summary>The number of classes (0 for regression).</summary>
    public int NumClasses => ClassNames.Count;

    /// <summary>
    /// The samples as a <see cref="TensorDataset"/> over the same tensors (nothing is copied), ready
    /// for a <see cref="DataLoader"/>: <c>new DataLoader(data.ToDataset(), batchSize: 32, shuffle: true)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Features and labels have different first dimensions.</exception>
    public TensorDataset ToDataset() => new(Features, Labels);
}
