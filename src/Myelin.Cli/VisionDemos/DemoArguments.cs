using System.Globalization;

namespace Myelin.Cli.VisionDemos;

/// <summary>The settings every vision demo takes: <c>--out DIR</c> (where its images go) and <c>--seed N</c>.</summary>
/// <param name="OutputDirectory">The folder the demo writes its PNG files to (created when missing).</param>
/// <param name="Seed">The seed of the generated data and the initial weights.</param>
public sealed record DemoArguments(string OutputDirectory, int Seed)
{
    /// <summary>The seed when <c>--seed</c> is not given.</summary>
    public const int DefaultSeed = 1;

    /// <summary>
    /// Reads <c>--out DIR</c> and <c>--seed N</c> from <paramref name="args"/>; without <c>--out</c> the images go to a
    /// folder named after the demo in the current directory.
    /// </summary>
    /// <exception cref="CliException">An unknown option, a missing or malformed value (a usage error).</exception>
    public static DemoArguments Parse(string demoName, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string outputDirectory = demoName;
        int seed = DefaultSeed;
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            if (option is not ("--out" or "--seed"))
                throw CliException.Usage($"demo {demoName}: unknown option '{option}'; the demos take --out DIR and --seed N.");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw CliException.Usage($"demo {demoName}: {option} needs a value.");
            string value = args[++i];
            if (option == "--out")
            {
                if (value.Trim().Length == 0) throw CliException.Usage($"demo {demoName}: --out: the folder name is empty.");
                outputDirectory = value;
            }
            else if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
            {
                throw CliException.Usage($"demo {demoName}: --seed: '{value}' is not a whole number.");
            }
        }
        return new DemoArguments(outputDirectory, seed);
    }
}
