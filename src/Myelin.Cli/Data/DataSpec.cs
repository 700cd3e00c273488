namespace Myelin.Cli.Data;

/// <summary>
/// Where a command's data comes from: a built-in data set by name, or a CSV file with a label column.
/// Exactly one of <see cref="DataSetName"/> and <see cref="CsvPath"/> is set.
/// </summary>
/// <param name="DataSetName">A name from <see cref="DataSetNames"/>, or null for a CSV file.</param>
/// <param name="CsvPath">The CSV file, or null for a built-in data set.</param>
/// <param name="LabelColumn">The CSV's label column, by name or 0-based index (negative counts from the end); null for the last column.</param>
/// <param name="Task">Classification or regression (CSV only; the built-in data sets are classification).</param>
/// <param name="DataDirectory">The folder of the Fashion-MNIST files.</param>
public sealed record DataSpec(
    string? DataSetName,
    string? CsvPath,
    string? LabelColumn = null,
    TaskKind Task = TaskKind.Classification,
    string DataDirectory = DataSetNames.DefaultFashionMnistDirectory)
{
    /// <summary>A short name for messages and default file names: the data set's name or the CSV file's name.</summary>
    public string DisplayName => DataSetName ?? Path.GetFileName(CsvPath) ?? "data";
}
