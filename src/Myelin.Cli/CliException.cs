namespace Myelin.Cli;

/// <summary>
/// A failure the tool reports to the user as one line, with the exit code to end with:
/// <see cref="ExitCodes.UsageError"/> for a wrong command line, <see cref="ExitCodes.RuntimeError"/> otherwise.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates a runtime error (exit code 1).</summary>
    public CliException() : this("The command failed.") { }

    /// <summary>Creates a runtime error (exit code 1) with a message for the user.</summary>
    public CliException(string message) : this(message, ExitCodes.RuntimeError) { }

    /// <summary>Creates a runtime error (exit code 1) caused by <paramref name="innerException"/>.</summary>
    public CliException(string message, Exception? innerException) : base(message, innerException) => ExitCode = ExitCodes.RuntimeError;

    /// <summary>Creates an error with a message for the user and the exit code to end with.</summary>
    public CliException(string message, int exitCode) : base(message) => ExitCode = exitCode;

    /// <summary>The process exit code for this error.</summary>
    public int ExitCode { get; }

    /// <summary>An error in the command line (exit code 2), e.g. two options that exclude each other.</summary>
    public static CliException Usage(string message) => new(message, ExitCodes.UsageError);
}
