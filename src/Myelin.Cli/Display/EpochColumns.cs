using Myelin.Cli.Training;

namespace Myelin.Cli.Display;

/// <summary>Which measurements an epoch line or table row shows: accuracy only for classification, validation only with validation data.</summary>
/// <param name="Accuracy">Show the training and validation accuracy.</param>
/// <param name="Validation">Show the validation loss (and accuracy).</param>
internal readonly record struct EpochColumns(bool Accuracy, bool Validation)
{
    /// <summary>The column headers of the epoch table.</summary>
    public string[] Headers()
    {
        var headers = new List<string> { "Epoch", "Loss" };
        if (Accuracy) headers.Add("Accuracy");
        if (Validation) headers.Add("Val loss");
        if (Validation && Accuracy) headers.Add("Val accuracy");
        headers.Add("Time");
        return headers.ToArray();
    }

    /// <summary>The cells of one epoch's row.</summary>
    public string[] Cells(EpochRecord record, int epochs)
    {
        var cells = new List<string> { $"{record.Epoch}/{epochs}", Numbers.Fixed(record.Loss) };
        if (Accuracy) cells.Add(Percent(record.Accuracy));
        if (Validation) cells.Add(record.ValidationLoss is double v ? Numbers.Fixed(v) : "-");
        if (Validation && Accuracy) cells.Add(Percent(record.ValidationAccuracy));
        cells.Add(Numbers.Seconds(record.Duration));
        return cells.ToArray();
    }

    /// <summary>One epoch as a plain log line: "epoch 3/30  loss 0.1234  accuracy 96.10%  val_loss …  time 0.12 s".</summary>
    public string Line(EpochRecord record, int epochs)
    {
        var parts = new List<string> { $"epoch {record.Epoch}/{epochs}", $"loss {Numbers.Fixed(record.Loss)}" };
        if (Accuracy) parts.Add($"accuracy {Percent(record.Accuracy)}");
        if (Validation) parts.Add($"val_loss {(record.ValidationLoss is double v ? Numbers.Fixed(v) : "-")}");
        if (Validation && Accuracy) parts.Add($"val_accuracy {Percent(record.ValidationAccuracy)}");
        parts.Add($"time {Numbers.Seconds(record.Duration)}");
        return string.Join("  ", parts);
    }

    static string Percent(double? fraction) => fraction is double f ? Numbers.Percent(f) : "-";
}
