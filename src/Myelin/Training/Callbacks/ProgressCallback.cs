using System.Globalization;
using System.Text;

namespace Myelin.Training;

/// <summary>
/// Prints training progress as text (Keras's <c>verbose</c> output): one line per epoch with its
/// values, and optionally a progress bar redrawn during the epoch.
/// </summary>
/// <remarks>
/// <para>An epoch line reads
/// <c>Epoch 3/20: loss 0.1234, accuracy 0.965, val_loss 0.2011, val_accuracy 0.94, lr 0.001 (0.21 s)</c>.</para>
/// <para>With <c>showBatches</c> a bar such as <c>Epoch 3/20 [=========&gt;          ] 18/40 loss 0.1301, 51234 samples/s</c>
/// is redrawn in place with a carriage return, at most 20 times an epoch; it suits a console, not a file.
/// For a graphical progress bar pass an <c>IProgress&lt;TrainingProgress&gt;</c> to Fit instead.</para>
/// </remarks>
public sealed class ProgressCallback : Callback
{
    const int BarWidth = 20;
    const int RedrawsPerEpoch = 20;

    readonly TextWriter writer;
    int lastBarLength;

    /// <summary>Creates the callback.</summary>
    /// <param name="writer">Where to write; <see cref="Console.Out"/> by default.</param>
    /// <param name="showBatches">Redraw a progress bar during each epoch.</param>
    public ProgressCallback(TextWriter? writer = null, bool showBatches = false)
    {
        this.writer = writer ?? Console.Out;
        ShowBatches = showBatches;
    }

    /// <summary>Whether a progress bar is redrawn during each epoch.</summary>
    public bool ShowBatches { get; }

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context, TrainingProgress progress)
    {
        if (!ShowBatches) return;
        int every = Math.Max(1, progress.BatchesPerEpoch / RedrawsPerEpoch);
        if (progress.Batch % every != 0 && progress.Batch != progress.BatchesPerEpoch) return;
        int filled = (int)Math.Round(progress.EpochFraction * BarWidth);
        string bar = filled >= BarWidth ? new string('=', BarWidth) : new string('=', filled) + ">" + new string(' ', BarWidth - filled - 1);
        string line = $"Epoch {progress.Epoch}/{progress.Epochs} [{bar}] {progress.Batch}/{progress.BatchesPerEpoch} " +
                      $"loss {LogNames.Format(progress.RunningLoss)}, {Math.Round(progress.SamplesPerSecond).ToString(CultureInfo.InvariantCulture)} samples/s";
        writer.Write("\r" + line.PadRight(lastBarLength));
        lastBarLength = line.Length;
        writer.Flush();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        var text = new StringBuilder();
        if (lastBarLength > 0) text.Append('\r');
        text.Append($"Epoch {logs.Epoch}/{context.Epochs}:");
        bool first = true;
        foreach (var name in logs.Keys)
        {
            if (name == LogNames.Seconds) continue;
            text.Append(first ? " " : ", ").Append(name).Append(' ').Append(LogNames.Format(logs[name]));
            first = false;
        }
        if (logs.TryGetValue(LogNames.Seconds, out double seconds))
            text.Append(" (").Append(seconds.ToString("0.00", CultureInfo.InvariantCulture)).Append(" s)");
        if (logs.SkippedBatches > 0) text.Append($", {logs.SkippedBatches} batch(es) skipped: loss not finite");
        writer.WriteLine(text.ToString().PadRight(lastBarLength));
        lastBarLength = 0;
        writer.Flush();
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (context.History.StopMessage is { } message) writer.WriteLine(message);
        writer.Flush();
    }
}
