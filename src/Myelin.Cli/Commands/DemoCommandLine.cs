using System.CommandLine;
using Myelin.Cli.Demos;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary>
/// <c>myelin demo [NAME] [options]</c>: lists the demos, or runs one and passes it the remaining
/// options (<c>--out DIR</c> for pictures, and each demo's own).
/// </summary>
internal static class DemoCommandLine
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string?>("NAME") { Description = "The demo to run; leave it out to list them all.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("demo",
            "Run a worked example from the neural-networks course (perceptrons, the chain rule, overfitting, …); " +
            "with no name, list them. Demos take --out DIR for the pictures they write.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(name);
        command.SetAction(result =>
        {
            var output = console.Profile.Out.Writer;
            string? demo = result.GetValue(name);
            if (string.IsNullOrEmpty(demo))
            {
                output.WriteLine("Demos (run one with: myelin demo NAME [--out DIR]):");
                int width = DemoCatalog.List.Max(d => d.Name.Length);
                foreach (var (demoName, summary) in DemoCatalog.List)
                    output.WriteLine($"  {demoName.PadRight(width)}  {summary}");
                return ExitCodes.Success;
            }
            return DemoCatalog.Run(demo, [.. result.UnmatchedTokens], output);
        });
        return command;
    }
}
