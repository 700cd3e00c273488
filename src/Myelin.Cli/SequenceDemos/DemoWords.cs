using Myelin.Examples;

namespace Myelin.Cli.SequenceDemos;

/// <summary>Finds the word list for a demo: <c>--words FILE</c>, else the system's list, else the built-in common words.</summary>
internal static class DemoWords
{
    /// <summary>
    /// The words of a–z letters to use, with a line saying where they came from written to <paramref name="output"/>.
    /// A file named with --words must exist; the default file may be missing, and then the built-in list is used.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file named with --words does not exist.</exception>
    public static IReadOnlyList<string> Load(DemoOptions options, TextWriter output)
    {
        string? path = options.Text("--words");
        if (path is null && File.Exists(WordList.DefaultPath)) path = WordList.DefaultPath;
        if (path is null)
        {
            output.WriteLine($"Words: {WordList.DefaultPath} is missing ('apt-get install wamerican' provides it), so the demo uses its " +
                $"built-in list of {CommonWords.Words.Count} common English words.");
            return CommonWords.Words;
        }
        var words = WordList.Load(path);
        output.WriteLine($"Words: {words.Count:N0} words of the letters a–z alone in {path}.");
        return words;
    }
}
