using System.Globalization;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// The parsed options of one demo run: <c>--name value</c> (or <c>--name=value</c>) pairs and flags, checked against the options the demo
/// accepts. Wrong input is a <see cref="CliException"/> usage error naming the option.
/// </summary>
internal sealed class DemoOptions
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="args"/> for a demo that accepts <paramref name="accepted"/>.</summary>
    /// <exception cref="CliException">An option is unknown, repeated, or missing its value (exit code 2).</exception>
    public static DemoOptions Parse(IReadOnlyList<string> args, IReadOnlyList<DemoOption> accepted)
    {
        var options = new DemoOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                // --name=value, as well as --name value.
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }
            var option = accepted.FirstOrDefault(o => o.Name == arg)
                ?? throw CliException.Usage($"unknown option '{arg}'; it accepts {string.Join(", ", accepted.Select(o => o.Usage))}.");
            if (options.values.ContainsKey(arg))
                throw CliException.Usage($"the option {arg} is given twice.");
            if (option.Value.Length == 0)
            {
                if (inlineValue is not null) throw CliException.Usage($"the option {arg} takes no value.");
                options.values[arg] = "";
                continue;
            }
            if (inlineValue is not null)
            {
                if (inlineValue.Length == 0) throw CliException.Usage($"the option {arg} needs a value ({option.Usage}).");
                options.values[arg] = inlineValue;
                continue;
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw CliException.Usage($"the option {arg} needs a value ({option.Usage}).");
            options.values[arg] = args[++i];
        }
        return options;
    }

    /// <summary>Whether the option was given.</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The option's text, or <paramref name="fallback"/> when it was not given.</summary>
    public string? Text(string name, string? fallback = null) => values.TryGetValue(name, out var value) ? value : fallback;

    /// <summary>The option as an integer in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/>.</summary>
    /// <exception cref="CliException">The value is not an integer in range (exit code 2).</exception>
    public int Int(string name, int fallback, int min = 1, int max = int.MaxValue)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw CliException.Usage($"{name} must be an integer from {min}{(max == int.MaxValue ? " up" : $" to {max}")}, got '{text}'.");
        return value;
    }

    /// <summary>
    /// The option as a number above <paramref name="min"/> (or from it, when <paramref name="minIncluded"/>) and at most
    /// <paramref name="max"/>, or <paramref name="fallback"/>.
    /// </summary>
    /// <exception cref="CliException">The value is not a number in range (exit code 2).</exception>
    public double Double(string name, double fallback, double min = 0, double max = double.MaxValue, bool minIncluded = false)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !(minIncluded ? value >= min : value > min) || value > max)
            throw CliException.Usage($"{name} must be a number {(minIncluded ? "from" : "above")} {min}{(max == double.MaxValue ? "" : $" up to {max}")}, got '{text}'.");
        return value;
    }

    /// <summary>The Adam learning rate given by <c>--lr</c>, above 0 and at most 1, or <paramref name="fallback"/>.</summary>
    /// <exception cref="CliException">The value is not a number in range (exit code 2).</exception>
    public double LearningRate(double fallback) => Double("--lr", fallback, max: 1);

    /// <summary>The seed given by <c>--seed</c> (default 1).</summary>
    public ulong Seed => (ulong)Int("--seed", 1, min: 0);

    /// <summary>The folder given by <c>--out</c>, created if needed, or null when no images are wanted.</summary>
    public string? OutputFolder()
    {
        var folder = Text("--out");
        if (folder is null) return null;
        Directory.CreateDirectory(folder);
        return folder;
    }
}
