using System.CommandLine;
using Myelin.Cli.Demos;
using Myelin.Cli.SequenceDemos;
using Myelin.Cli.VisionDemos;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary>
/// <c>myelin demo [NAME] [options]</c>: lists the demos, or runs one and passes it the remaining
/// options (<c>--out DIR</c> for pictures, and each demo's own).
/// </summary>
internal static class DemoCommandLine
{
    /// <summary>Every demo the tool knows, with the catalog that runs it.</summary>
    static IEnumerable<(string Name, string Summary, Func<string, string[], TextWriter, int> Run)> AllDemos() =>
        DemoCatalog.List.Select(d => (d.Name, d.Summary, (Func<string, string[], TextWriter, int>)DemoCatalog.Run))
            .Concat(VisionDemoCatalog.List.Select(d => (d.Name, d.Summary, (Func<string, string[], TextWriter, int>)VisionDemoCatalog.Run)))
            .Concat(SequenceDemoCatalog.List.Select(d => (d.Name, d.Summary, (Func<string, string[], TextWriter, int>)SequenceDemoCatalog.Run)));

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
            var demos = AllDemos().ToList();
            if (string.IsNullOrEmpty(demo))
            {
                output.WriteLine("Demos (run one with: myelin demo NAME [--out DIR]):");
                int width = demos.Max(d => d.Name.Length);
                foreach (var (demoName, summary, _) in demos)
                    output.WriteLine($"  {demoName.PadRight(width)}  {summary}");
                return ExitCodes.Success;
            }
            var match = demos.FirstOrDefault(d => d.Name == demo);
            // An unknown name goes to the main catalog, which reports it with the list.
            return match.Run is null ? DemoCatalog.Run(demo, [.. result.UnmatchedTokens], output) : match.Run(demo, [.. result.UnmatchedTokens], output);
        });
        return command;
    }
}
