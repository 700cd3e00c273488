using System.Globalization;
using Myelin.Training;

namespace Myelin.Cli.VisionDemos;

/// <summary>Writes one line per training epoch: its number, the mean training loss and the time it took.</summary>
internal sealed class EpochPrinter(TextWriter output) : Callback
{
    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {logs.Epoch}/{context.Epochs}  loss {logs.Loss:0.0000}  {logs.Seconds:0.00} s"));
}
