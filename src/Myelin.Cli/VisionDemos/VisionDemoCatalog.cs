namespace Myelin.Cli.VisionDemos;

/// <summary>
/// The vision demos by name: <c>feature-maps</c>, <c>segmentation</c> and <c>localization</c>. Each writes its
/// pictures as PNG files to <c>--out DIR</c> (a folder named after the demo by default) and its findings to
/// the given writer; <c>--seed N</c> changes the generated data and the initial weights.
/// </summary>
/// <example><code>
/// int exitCode = VisionDemoCatalog.Run("segmentation", ["--out", "pictures"], Console.Out);
/// </code></example>
public static class VisionDemoCatalog
{
    static readonly (string Name, string Summary, Action<DemoArguments, TextWriter> Run)[] demos =
    [
        (FeatureMapsDemo.Name, FeatureMapsDemo.Summary, (a, o) => FeatureMapsDemo.Run(a, o)),
        (SegmentationDemo.Name, SegmentationDemo.Summary, (a, o) => SegmentationDemo.Run(a, o)),
        (LocalizationDemo.Name, LocalizationDemo.Summary, (a, o) => LocalizationDemo.Run(a, o)),
    ];

    /// <summary>Every demo's name and a one-line summary, in the order to list them.</summary>
    public static IReadOnlyList<(string Name, string Summary)> List { get; } = [.. demos.Select(d => (d.Name, d.Summary))];

    /// <summary>Runs the demo <paramref name="name"/> with its arguments.</summary>
    /// <param name="name">A name from <see cref="List"/>.</param>
    /// <param name="args">The arguments after the name: <c>--out DIR</c>, <c>--seed N</c>.</param>
    /// <param name="output">Where the demo reports; errors are written here too, on one line starting "myelin demo:".</param>
    /// <returns>0 on success, 2 for an unknown demo or option, 1 when the pictures cannot be written.</returns>
    public static int Run(string name, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var demo = demos.FirstOrDefault(d => d.Name == name);
        if (demo.Run is null)
        {
            output.WriteLine($"myelin demo: unknown demo '{name}'; the vision demos are {string.Join(", ", demos.Select(d => d.Name))}.");
            return ExitCodes.UsageError;
        }
        try
        {
            demo.Run(DemoArguments.Parse(name, args), output);
            return ExitCodes.Success;
        }
        catch (CliException e)
        {
            output.WriteLine($"myelin demo: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"myelin demo {name}: cannot write the pictures: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }
}
