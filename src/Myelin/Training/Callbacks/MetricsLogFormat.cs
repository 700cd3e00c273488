namespace Myelin.Training;

/// <summary>The file format of a <see cref="MetricsLogger"/>.</summary>
public enum MetricsLogFormat
{
    /// <summary>Comma-separated values: a header line "epoch,loss,…", then one line per epoch.</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per epoch, <c>{"epoch":1,"loss":0.52,…}</c>; non-finite values are written as null.</summary>
    JsonLines,
}
