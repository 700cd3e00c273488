namespace Myelin.Data;

/// <summary>The numeric contents of a CSV file, as returned by <see cref="Csv.Read(string, CsvOptions?)"/>.</summary>
/// <param name="Features">Float32 [rows, featureColumns]: every column except the label column, in file order.</param>
/// <param name="Labels">
/// The label column, or null when none was chosen: Int64 [rows] for <see cref="CsvLabelKind.ClassIndex"/>
/// and <see cref="CsvLabelKind.ClassName"/>, Float32 [rows] for <see cref="CsvLabelKind.Regression"/>.
/// </param>
/// <param name="FeatureNames">One name per feature column: the header's names, or the 0-based column positions as text ("0", "1", …) without a header.</param>
/// <param name="LabelName">The label column's name (header name or position as text), or null.</param>
/// <param name="ClassNames">
/// For <see cref="CsvLabelKind.ClassName"/> the distinct label texts, index i naming class i; for
/// <see cref="CsvLabelKind.ClassIndex"/> "0" … the largest label; empty otherwise.
/// </param>
public sealed record CsvData(Tensor Features, Tensor? Labels, IReadOnlyList<string> FeatureNames, string? LabelName, IReadOnlyList<string> ClassNames)
{
    /// <summary>The number of data rows (the first dimension of <see cref="Features"/>).</summary>
    public int Rows => Features.Shape[0];

    /// <summary>Features and labels as a <see cref="LabeledData"/>, for training.</summary>
    /// <exception cref="InvalidOperationException">The file was read without a label column.</exception>
    public LabeledData ToLabeledData() => Labels is null
        ? throw new InvalidOperationException("CsvData.ToLabeledData: the CSV was read without a label column; set CsvOptions.LabelColumn or LabelColumnName.")
        : new LabeledData(Features, Labels, ClassNames);
}
