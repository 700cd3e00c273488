using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Myelin.Training;

/// <summary>
/// Appends one line per epoch with its logged values to a CSV or JSON Lines file (Keras's
/// <c>CSVLogger</c>). Each line is written and the file closed at the end of its epoch, so the
/// file is complete up to the last finished epoch even if training is interrupted.
/// </summary>
/// <remarks>
/// <para>CSV: a header "epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds" (the columns of the
/// first epoch), then the values with round-trip precision in the invariant culture; a value an
/// epoch lacks is left empty. JSON Lines: <c>{"epoch":1,"loss":0.52,…,"skipped_batches":0}</c>.</para>
/// <para>Without <c>append</c> the file is emptied when training begins. With <c>append</c> lines
/// are added to an existing file; a CSV file's header must then match this run's columns.</para>
/// </remarks>
public sealed class MetricsLogger : Callback
{
    string[]? columns;

    /// <summary>Creates the logger.</summary>
    /// <param name="path">The file to write; its directory is created if missing.</param>
    /// <param name="format">CSV (the default) or JSON Lines.</param>
    /// <param name="append">Add to an existing file instead of starting it afresh at each fit.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An unknown format.</exception>
    public MetricsLogger(string path, MetricsLogFormat format = MetricsLogFormat.Csv, bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Enum.IsDefined(format))
            throw new ArgumentOutOfRangeException(nameof(format), format, "MetricsLogger: unknown format.");
        Path = path;
        Format = format;
        Append = append;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The file format.</summary>
    public MetricsLogFormat Format { get; }

    /// <summary>Whether lines are added to an existing file.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        columns = null;
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (!Append) File.WriteAllText(Path, "");
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        string text = Format == MetricsLogFormat.Csv ? CsvLines(logs) : JsonLine(logs);
        File.AppendAllText(Path, text);
    }

    string CsvLines(EpochLogs logs)
    {
        var text = new StringBuilder();
        if (columns is null)
        {
            columns = logs.Keys.Prepend("epoch").ToArray();
            string header = string.Join(",", columns);
            string? existing = File.Exists(Path) ? File.ReadLines(Path).FirstOrDefault() : null;
            if (string.IsNullOrEmpty(existing)) text.Append(header).Append('\n');
            else if (existing != header)
                throw new InvalidOperationException(
                    $"MetricsLogger: '{Path}' has the columns '{existing}', but this run logs '{header}'; write to a new file or pass append: false.");
        }
        for (int i = 0; i < columns.Length; i++)
        {
            if (i > 0) text.Append(',');
            if (i == 0) text.Append(logs.Epoch.ToString(CultureInfo.InvariantCulture));
            else if (logs.TryGetValue(columns[i], out double value)) text.Append(LogNames.FormatExact(value));
        }
        return text.Append('\n').ToString();
    }

    static string JsonLine(EpochLogs logs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", logs.Epoch);
            foreach (var name in logs.Keys)
            {
                double value = logs[name];
                if (double.IsFinite(value)) json.WriteNumber(name, value);
                else json.WriteNull(name);
            }
            json.WriteNumber("skipped_batches", logs.SkippedBatches);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
