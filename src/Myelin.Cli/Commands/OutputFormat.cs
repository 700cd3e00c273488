namespace Myelin.Cli.Commands;

/// <summary>How <c>myelin predict</c> writes its predictions (<c>--format</c>).</summary>
public enum OutputFormat
{
    /// <summary>A table for people to read.</summary>
    Table,

    /// <summary>Comma-separated values with a header: row, prediction, probability and one probability column per class.</summary>
    Csv,

    /// <summary>A JSON array with one object per row.</summary>
    Json,
}
