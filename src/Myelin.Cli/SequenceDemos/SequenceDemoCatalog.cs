namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// The sequence-model demos (<c>myelin demo NAME</c>): character-level language models of English words (LSTM and
/// transformer), forecasting noisy sine waves, classifying letter strings with attention, and generative adversarial
/// networks. Each trains in well under a minute and prints what it shows in words and numbers.
/// </summary>
public static class SequenceDemoCatalog
{
    static readonly ISequenceDemo[] demos =
    [
        new CharLstmDemo(),
        new CharTransformerDemo(),
        new ForecastDemo(),
        new AttentionClassifyDemo(),
        new GanDemo(),
    ];

    /// <summary>The demos' names and one-line summaries, in the order they are best read.</summary>
    public static IReadOnlyList<(string Name, string Summary)> List { get; } = [.. demos.Select(d => (d.Name, d.Summary))];

    /// <summary>
    /// Runs the demo <paramref name="name"/> with its options (<c>--help</c> lists them), writing everything,
    /// errors included, to <paramref name="output"/>.
    /// </summary>
    /// <param name="name">A name from <see cref="List"/>.</param>
    /// <param name="args">The demo's options, e.g. <c>["--epochs", "3", "--out", "images"]</c>.</param>
    /// <param name="output">Where the demo writes its report.</param>
    /// <returns>0 on success; 2 for an unknown demo or a wrong option; 1 when the demo fails (e.g. a missing word file).</returns>
    public static int Run(string name, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var demo = demos.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        if (demo is null)
        {
            output.WriteLine($"myelin demo: there is no sequence demo named '{name}'; the sequence demos are {string.Join(", ", demos.Select(d => d.Name))}.");
            return ExitCodes.UsageError;
        }
        if (args.Contains("--help") || args.Contains("-h"))
        {
            WriteHelp(demo, output);
            return ExitCodes.Success;
        }
        try
        {
            return demo.Run(DemoOptions.Parse(args, demo.Options), output);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            int exitCode = ErrorReport.ExitCodeOf(e);
            string hint = exitCode == ExitCodes.UsageError ? $" (see 'myelin demo {demo.Name} --help')" : "";
            output.WriteLine($"myelin demo {demo.Name}: {ErrorReport.MessageOf(e)}{hint}");
            return exitCode;
        }
    }

    static void WriteHelp(ISequenceDemo demo, TextWriter output)
    {
        output.WriteLine($"myelin demo {demo.Name}: {demo.Summary}");
        output.WriteLine();
        output.WriteLine("Options:");
        int width = demo.Options.Max(o => o.Usage.Length);
        foreach (var option in demo.Options) output.WriteLine($"  {option.Usage.PadRight(width)}  {option.Description}");
    }
}
