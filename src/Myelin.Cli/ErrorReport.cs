using Myelin.Data;
using Myelin.IO;
using Myelin.NN;
using Myelin.Training;

namespace Myelin.Cli;

/// <summary>Turns an exception into the one line the tool prints and the exit code it ends with.</summary>
internal static class ErrorReport
{
    /// <summary>The exit code for <paramref name="exception"/>: 2 for usage errors, 1 for everything else.</summary>
    public static int ExitCodeOf(Exception exception) =>
        exception is CliException cli ? cli.ExitCode : ExitCodes.RuntimeError;

    /// <summary>
    /// One line describing <paramref name="exception"/>. Library exceptions already name the file, layer or
    /// shapes involved, so their message is used as it is; unexpected exception types get their type name too.
    /// </summary>
    public static string MessageOf(Exception exception)
    {
        string message = exception switch
        {
            CliException or FileNotFoundException or DirectoryNotFoundException or DataFormatException
                or SafeTensorsFormatException or ModelFormatException or StateDictMismatchException
                or UnauthorizedAccessException or IOException or ArgumentException
                or InvalidOperationException or NotSupportedException or NonFiniteLossException => exception.Message,
            _ => $"unexpected error ({exception.GetType().Name}): {exception.Message}",
        };
        return OneLine(message);
    }

    /// <summary>Joins the lines of a message with spaces, so that an error is always one line.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
