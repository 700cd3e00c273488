namespace Myelin.Cli.SequenceDemos;

/// <summary>The heading a sequence demo's report starts with.</summary>
internal static class DemoHeading
{
    /// <summary>Writes <paramref name="title"/> underlined with '=' to its length.</summary>
    public static void Write(TextWriter output, string title)
    {
        output.WriteLine(title);
        output.WriteLine(new string('=', title.Length));
    }
}
