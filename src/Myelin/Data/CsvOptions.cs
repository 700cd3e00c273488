namespace Myelin.Data;

/// <summary>Whether a CSV file starts with a row of column names.</summary>
public enum CsvHeader
{
    /// <summary>The first non-blank line is a header when any of its fields is not a number.</summary>
    Auto,
    /// <summary>The first non-blank line is a header.</summary>
    Present,
    /// <summary>Every line is data.</summary>
    Absent,
}

/// <summary>How the label column of a CSV file is read.</summary>
public enum CsvLabelKind
{
    /// <summary>Whole numbers 0, 1, 2, … (written as <c>3</c> or <c>3.0</c>), giving an Int64 label tensor.</summary>
    ClassIndex,
    /// <summary>Text such as <c>setosa</c>, numbered 0, 1, 2, … in sorted (ordinal) order of the names, giving an Int64 label tensor.</summary>
    ClassName,
    /// <summary>Real-valued targets, giving a Float32 label tensor.</summary>
    Regression,
}

/// <summary>
/// Options for <see cref="Csv.Read(string, CsvOptions?)"/>. By default the delimiter is a comma,
/// the header is detected, and there is no label column (every column is a feature).
/// </summary>
/// <example><code>
/// var data = Csv.Read("iris.csv", new CsvOptions { LabelColumnName = "species", LabelKind = CsvLabelKind.ClassName });
/// </code></example>
public sealed record CsvOptions
{
    /// <summary>The field separator (default ','). Fields may be quoted with double quotes; <c>""</c> inside quotes is a literal quote.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first non-blank line holds column names (default: detect).</summary>
    public CsvHeader Header { get; init; } = CsvHeader.Auto;

    /// <summary>The label column by 0-based index; negative values count from the end (-1 is the last column). Null for none.</summary>
    public int? LabelColumn { get; init; }

    /// <summary>The label column by its header name (requires a header). Null for none.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>How label values are read (default: whole-number class indices).</summary>
    public CsvLabelKind LabelKind { get; init; } = CsvLabelKind.ClassIndex;

    /// <summary>True when a label column is chosen by index or by name.</summary>
    public bool HasLabel => LabelColumn is not null || LabelColumnName is not null;

    internal void Validate()
    {
        if (LabelColumn is not null && LabelColumnName is not null)
            throw new ArgumentException("CsvOptions: choose the label column by index (LabelColumn) or by name (LabelColumnName), not both.");
        if (LabelColumnName is not null && Header == CsvHeader.Absent)
            throw new ArgumentException($"CsvOptions: the label column is chosen by name ('{LabelColumnName}') but Header is Absent, so there are no names.");
        if (Delimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"CsvOptions: {(Delimiter == '"' ? "a double quote" : "a line break")} cannot be the delimiter.");
    }
}
