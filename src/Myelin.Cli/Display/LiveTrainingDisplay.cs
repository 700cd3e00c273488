using System.Diagnostics;
using Myelin.Cli.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Myelin.Cli.Display;

/// <summary>
/// Progress on an interactive terminal: a table that gains a row per epoch, with a progress bar for the
/// running epoch beneath it, redrawn in place.
/// </summary>
internal sealed class LiveTrainingDisplay(IAnsiConsole console, EpochColumns columns) : ITrainingDisplay
{
    /// <summary>The shortest time between two redraws, so that small batches do not spend their time drawing.</summary>
    static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(80);

    const int BarWidth = 30;

    /// <inheritdoc />
    public TrainingOutcome Run(Func<ITrainingObserver, TrainingOutcome> training)
    {
        var table = Tables.Create(columns.Headers());
        TrainingOutcome? outcome = null;
        console.Live(table).AutoClear(false).Start(context =>
        {
            outcome = training(new Observer(context, table, columns));
            context.UpdateTarget(table);
            context.Refresh();
        });
        return outcome!;
    }

    sealed class Observer(LiveDisplayContext context, Table table, EpochColumns columns) : ITrainingObserver
    {
        readonly Stopwatch sinceRedraw = Stopwatch.StartNew();
        int epoch, epochs;

        public void EpochStarted(int epoch, int epochs, int batches)
        {
            this.epoch = epoch;
            this.epochs = epochs;
            Redraw(0, batches, double.NaN);
        }

        public void BatchCompleted(int batch, int batches, double meanLoss)
        {
            if (batch < batches && sinceRedraw.Elapsed < RedrawInterval) return;
            Redraw(batch, batches, meanLoss);
        }

        public void EpochCompleted(EpochRecord record)
        {
            table.AddTextRow(columns.Cells(record, epochs));
            context.UpdateTarget(table);
            context.Refresh();
        }

        void Redraw(int batch, int batches, double meanLoss)
        {
            int filled = batches == 0 ? BarWidth : batch * BarWidth / batches;
            string loss = double.IsNaN(meanLoss) ? "" : $"  loss {Numbers.Fixed(meanLoss)}";
            var bar = new Markup(
                $"epoch {epoch}/{epochs} [green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {batch}/{batches} batches{Markup.Escape(loss)}");
            context.UpdateTarget(new Rows(new IRenderable[] { table, bar }));
            context.Refresh();
            sinceRedraw.Restart();
        }
    }
}
