using System.CommandLine;
using Myelin.Learn;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary><c>myelin plot activations --out FILE.svg</c>: draws the activation functions and their derivatives.</summary>
internal static class PlotCommandLine
{
    public static Command Create(IAnsiConsole console)
    {
        var what = new Argument<string>("WHAT") { Description = "What to plot: 'activations'." };
        var output = new Option<string>("--out") { Description = "The SVG file to write.", DefaultValueFactory = _ => "activations.svg" };
        var command = new Command("plot", "Draw a chart as SVG: 'activations' plots step, linear, sigmoid, tanh, ReLU and leaky ReLU with their derivatives (computed by autograd).");
        command.Arguments.Add(what);
        command.Options.Add(output);
        command.SetAction(result =>
        {
            string chart = result.GetValue(what)!;
            if (chart != "activations")
                throw new CliException($"unknown chart '{chart}'; available: activations.", ExitCodes.UsageError);
            string path = result.GetValue(output)!;
            ActivationCurve.SaveChart(path);
            console.Profile.Out.Writer.WriteLine($"Wrote {path}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
