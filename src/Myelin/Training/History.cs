using System.Text;

namespace Myelin.Training;

/// <summary>
/// What <see cref="Trainer"/>.Fit recorded: one <see cref="EpochLogs"/> per completed epoch, and
/// why training stopped. <c>history["val_accuracy"]</c> gives a value's series over the epochs.
/// </summary>
/// <remarks>
/// An epoch that was interrupted by cancellation is not recorded; <see cref="Epochs"/> counts the
/// epochs that finished, including their validation.
/// </remarks>
public sealed class History
{
    readonly List<EpochLogs> records = [];

    /// <summary>The logs of each completed epoch, in order.</summary>
    public IReadOnlyList<EpochLogs> Records => records;

    /// <summary>The number of completed epochs.</summary>
    public int Epochs => records.Count;

    /// <summary>The value names recorded in any epoch, in the order first seen ("loss", "accuracy", "val_loss", …).</summary>
    public IReadOnlyList<string> Keys => records.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Why training ended: <see cref="StopReason.Completed"/> when every requested epoch ran.</summary>
    public StopReason StoppedReason { get; private set; } = StopReason.Completed;

    /// <summary>Whether training ended before the requested number of epochs (early stopping, a callback's request or cancellation).</summary>
    public bool StoppedEarly => StoppedReason != StopReason.Completed;

    /// <summary>A sentence saying why training stopped early, or null when it completed.</summary>
    public string? StopMessage { get; private set; }

    /// <summary>
    /// The series of the value named <paramref name="name"/>, one entry per epoch (NaN for an epoch
    /// that lacks it); empty when no epoch was recorded.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No epoch recorded that value; the message lists the names there are.</exception>
    public double[] this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            if (records.Count > 0 && !records.Any(r => r.Contains(name)))
                throw new KeyNotFoundException($"History: no value named '{name}'; the names are {string.Join(", ", Keys)}.");
            return records.Select(r => r.TryGetValue(name, out double v) ? v : double.NaN).ToArray();
        }
    }

    /// <summary>Whether any epoch recorded a value named <paramref name="name"/>.</summary>
    public bool Contains(string name) => records.Any(r => r.Contains(name));

    /// <summary>The logs of the last completed epoch, or null when none completed.</summary>
    public EpochLogs? Last => records.Count == 0 ? null : records[^1];

    internal void Add(EpochLogs logs) => records.Add(logs);

    internal void Stop(StopReason reason, string message)
    {
        StoppedReason = reason;
        StopMessage = message;
    }

    /// <summary>
    /// A table with one row per epoch and one column per value, then the stop reason if training
    /// stopped early:
    /// <code>
    /// epoch  loss      accuracy  val_loss  val_accuracy  lr     seconds
    ///     1  0.812345  0.761     0.41234   0.89          0.001  0.0521
    /// </code>
    /// </summary>
    public override string ToString()
    {
        if (records.Count == 0)
            return StoppedEarly ? $"History: no epoch completed. Stopped: {StopMessage}" : "History: no epoch completed.";
        var keys = Keys;
        var columns = new List<string[]> { records.Select(r => r.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend("epoch").ToArray() };
        foreach (var key in keys)
            columns.Add(records.Select(r => r.TryGetValue(key, out double v) ? LogNames.Format(v) : "-").Prepend(key).ToArray());
        var widths = columns.Select(c => c.Max(s => s.Length)).ToArray();

        var text = new StringBuilder();
        for (int row = 0; row <= records.Count; row++)
        {
            if (row > 0) text.AppendLine();
            for (int c = 0; c < columns.Count; c++)
            {
                string cell = columns[c][row];
                // Epoch numbers right-aligned, values left-aligned under their names.
                text.Append(c == 0 ? cell.PadLeft(widths[c]) : "  " + (c == columns.Count - 1 ? cell : cell.PadRight(widths[c])));
            }
        }
        if (StoppedEarly) text.AppendLine().Append("Stopped: ").Append(StopMessage);
        return text.ToString();
    }
}
