using Spectre.Console;

namespace Myelin.Cli;

/// <summary>The <c>myelin</c> command-line tool.</summary>
public static class Program
{
    /// <summary>The width tables may take when output is redirected.</summary>
    const int RedirectedWidth = 160;

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
        var console = AnsiConsole.Console;
        // Output to a file or pipe has no width to respect; Spectre would assume 80 columns and wrap tables.
        if (!console.Profile.Out.IsTerminal) console.Profile.Width = RedirectedWidth;
        return CliApp.Run(args, console, Console.Error, interrupt.Token);
    }
}
