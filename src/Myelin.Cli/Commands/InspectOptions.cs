namespace Myelin.Cli.Commands;

/// <summary>The settings of <c>myelin inspect</c>.</summary>
public sealed record InspectOptions
{
    /// <summary>The safetensors file to describe.</summary>
    public required string FilePath { get; init; }

    /// <summary>Show long metadata values in full, and stack traces on errors (<c>--verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="CliException">No file was given (a usage error, exit code 2).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(FilePath)) throw CliException.Usage("inspect: the file is missing.");
    }
}
