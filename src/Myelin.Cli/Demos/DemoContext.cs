namespace Myelin.Cli.Demos;

/// <summary>What a demo runs with: where to print, where to save pictures, and its options.</summary>
internal sealed class DemoContext(TextWriter output, string? outDirectory, IReadOnlyDictionary<string, string> options)
{
    /// <summary>Where the demo prints.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>The folder for pictures (<c>--out DIR</c>), or null to save none.</summary>
    public string? OutDirectory { get; } = outDirectory;

    /// <summary>The value of an option such as <c>--dot</c>, or null when it was not given.</summary>
    public string? Option(string name) => options.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Prints a line.</summary>
    public void Line(string text = "") => Output.WriteLine(text);

    /// <summary>
    /// Saves a picture under <see cref="OutDirectory"/> with <paramref name="write"/>, and says where;
    /// without <c>--out</c> says how to get it.
    /// </summary>
    public void Save(string fileName, string what, Action<string> write)
    {
        if (OutDirectory is null)
        {
            Line($"(Run with --out DIR to save {what} as {fileName}.)");
            return;
        }
        Directory.CreateDirectory(OutDirectory);
        string path = Path.Combine(OutDirectory, fileName);
        write(path);
        Line($"Saved {what}: {path}");
    }
}
