using Myelin.Cli;
using Spectre.Console;

namespace Myelin.Tests.Cli;

/// <summary>The result of one in-process run of the tool: exit code, standard output and standard error.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>Runs the <c>myelin</c> command line in-process, with a non-interactive console that writes to a string.</summary>
public static class CliHarness
{
    /// <summary>A console like a redirected terminal: no colours, no ANSI codes, not interactive, wide enough not to wrap tables.</summary>
    public static IAnsiConsole CreateConsole(StringWriter output, bool interactive = false, int width = 200)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>Runs the tool with <paramref name="args"/>.</summary>
    public static CliRun Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs the tool with <paramref name="args"/> and a cancellation token.</summary>
    public static CliRun Run(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = CliApp.Run(args, CreateConsole(output), error, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
