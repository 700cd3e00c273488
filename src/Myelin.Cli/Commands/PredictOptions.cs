namespace Myelin.Cli.Commands;

/// <summary>The settings of <c>myelin predict</c>.</summary>
public sealed record PredictOptions
{
    /// <summary>The model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>A CSV file of feature rows, with or without a header (<c>--input</c>), or null.</summary>
    public string? InputPath { get; init; }

    /// <summary>One row of features written on the command line, comma-separated (<c>--values 0,1,…</c>), or null.</summary>
    public string? Values { get; init; }

    /// <summary>Table, CSV or JSON (<c>--format</c>).</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Table;

    /// <summary>How many of the most likely classes the table lists per row (<c>--top</c>).</summary>
    public int Top { get; init; } = 3;

    /// <summary>Show stack traces on errors (<c>--verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>Checks the settings, naming the option at fault.</summary>
    /// <exception cref="CliException">A bad value (a usage error, exit code 2).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath)) throw CliException.Usage("predict: the model file is missing.");
        if ((InputPath is null) == (Values is null))
            throw CliException.Usage("predict: give the features with exactly one of --input FILE.csv and --values V1,V2,….");
        if (Top < 1) throw CliException.Usage($"--top: must be at least 1, got {Top}.");
    }
}
