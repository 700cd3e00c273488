namespace Myelin.Cli;

/// <summary>The exit codes of the <c>myelin</c> tool.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command was well formed but failed while running: a missing or corrupt file, data that does not fit the model.</summary>
    public const int RuntimeError = 1;

    /// <summary>The command line itself was wrong: an unknown option, a bad option value, a missing argument.</summary>
    public const int UsageError = 2;
}
