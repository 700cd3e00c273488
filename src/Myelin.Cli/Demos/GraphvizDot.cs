using System.Diagnostics;

namespace Myelin.Cli.Demos;

/// <summary>Renders DOT files with Graphviz's <c>dot</c> program when it is installed.</summary>
internal static class GraphvizDot
{
    /// <summary>How to install Graphviz, for the message when <c>dot</c> is missing.</summary>
    public const string InstallHint =
        "Install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; Windows: winget install graphviz)";

    /// <summary>The full path of <c>dot</c> on the PATH, or null.</summary>
    public static string? Find()
    {
        string[] names = OperatingSystem.IsWindows() ? ["dot.exe"] : ["dot"];
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (string name in names)
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Runs <c>dot -Tsvg input -o output</c>; returns null on success or the error text.</summary>
    public static string? RenderSvg(string dot, string input, string output)
    {
        var start = new ProcessStartInfo(dot) { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-Tsvg");
        start.ArgumentList.Add(input);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(output);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dot.");
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"dot exited with code {process.ExitCode}: {errors.Trim()}";
    }
}
