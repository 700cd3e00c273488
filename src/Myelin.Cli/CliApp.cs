using System.CommandLine;
using System.CommandLine.Invocation;
using Myelin.Cli.Commands;
using Spectre.Console;

namespace Myelin.Cli;

/// <summary>
/// The <c>myelin</c> command line: parses the arguments, runs the command, and turns every failure into
/// one line on the error writer and an exit code (<see cref="ExitCodes"/>). Tests call <see cref="Run"/>
/// in-process with a console that writes to a string.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="console">Where results, tables, progress and help go.</param>
    /// <param name="error">Where error messages go (one line each; the stack trace too with <c>--verbose</c>).</param>
    /// <param name="cancellationToken">Interrupts training (Ctrl+C).</param>
    /// <returns>0 on success, 1 for a runtime error, 2 for a usage error.</returns>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        var root = CreateRootCommand(console, cancellationToken);
        var parsed = root.Parse(args);
        bool verbose = args.Contains("--verbose");
        if (parsed.Action is ParseErrorAction)
        {
            string command = parsed.CommandResult.Command == root ? "myelin" : "myelin " + parsed.CommandResult.Command.Name;
            string problems = string.Join("; ", parsed.Errors.Select(e => ErrorReport.OneLine(e.Message)).Distinct());
            error.WriteLine($"myelin: {problems} (see '{command} --help')");
            return ExitCodes.UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = console.Profile.Out.Writer,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e)
        {
            error.WriteLine("myelin: " + ErrorReport.MessageOf(e));
            if (verbose) error.WriteLine(e.ToString());
            return ErrorReport.ExitCodeOf(e);
        }
    }

    /// <summary>The command tree: train, eval, predict, inspect, demo, explain, plot, with a <c>--verbose</c> option on each.</summary>
    static RootCommand CreateRootCommand(IAnsiConsole console, CancellationToken cancellationToken)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show more detail, and the stack trace of an error.", Recursive = true };
        var root = new RootCommand("myelin: train, evaluate, run and inspect neural networks written with the Myelin library.");
        root.Options.Add(verbose);
        root.Subcommands.Add(TrainCommandLine.Create(verbose, options => new TrainCommand(options, console).Run(cancellationToken)));
        root.Subcommands.Add(EvalCommandLine.Create(verbose, options => new EvalCommand(options, console).Run()));
        root.Subcommands.Add(PredictCommandLine.Create(verbose, options => new PredictCommand(options, console).Run()));
        root.Subcommands.Add(InspectCommandLine.Create(verbose, options => new InspectCommand(options, console).Run()));
        root.Subcommands.Add(DemoCommandLine.Create(console));
        root.Subcommands.Add(ExplainCommandLine.Create(verbose, console));
        root.Subcommands.Add(PlotCommandLine.Create(console));
        return root;
    }
}
