using Myelin.Cli.Training;
using Spectre.Console;

namespace Myelin.Cli.Display;

/// <summary>Progress as one plain line per epoch: for <c>--quiet</c>, and whenever output goes to a file or pipe.</summary>
internal sealed class PlainTrainingDisplay(IAnsiConsole console, EpochColumns columns) : ITrainingDisplay
{
    /// <inheritdoc />
    public TrainingOutcome Run(Func<ITrainingObserver, TrainingOutcome> training) => training(new Observer(console, columns));

    sealed class Observer(IAnsiConsole console, EpochColumns columns) : ITrainingObserver
    {
        int epochs;

        public void EpochStarted(int epoch, int epochs, int batches) => this.epochs = epochs;

        public void BatchCompleted(int batch, int batches, double meanLoss) { }

        public void EpochCompleted(EpochRecord record) => console.Line(columns.Line(record, epochs));
    }
}
