using Spectre.Console;

namespace Myelin.Cli;

/// <summary>The <c>myelin</c> command-line tool.</summary>
public static class Program
{
    /// <summary>
    /// Entry point: <c>myelin train | eval | predict | inspect</c>; <c>myelin --help</c> lists them.
    /// Ctrl+C during training stops after the current batch and still saves the best model so far.
    /// </summary>
    public static int Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C asks training to stop cleanly; a second one ends the process.
            if (interrupt.IsCancellationRequested) return;
            e.Cancel = true;
            interrupt.Cancel();
        };
        return CliApp.Run(args, AnsiConsole.Console, Console.Error, interrupt.Token);
    }
}
