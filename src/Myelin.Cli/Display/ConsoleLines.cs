using Spectre.Console;

namespace Myelin.Cli.Display;

/// <summary>
/// Plain lines of text for the tool's messages. They go straight to the console's writer: Spectre would wrap
/// them at the terminal width (80 columns when output is redirected), which breaks log lines in files.
/// </summary>
internal static class ConsoleLines
{
    /// <summary>Writes <paramref name="text"/> and a line break, as it is.</summary>
    public static void Line(this IAnsiConsole console, string text)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text);
        writer.Write('\n');
        writer.Flush();
    }
}
