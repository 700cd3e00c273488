namespace Myelin.Cli.SequenceDemos;

/// <summary>An option a sequence demo accepts, for parsing and for its help text.</summary>
/// <param name="Name">The option with its dashes, e.g. "--epochs".</param>
/// <param name="Value">The placeholder of its value ("N", "FILE", "DIR"), or empty for a flag.</param>
/// <param name="Description">What it does, with its default.</param>
internal sealed record DemoOption(string Name, string Value, string Description)
{
    /// <summary>"--epochs N".</summary>
    public string Usage => Value.Length == 0 ? Name : $"{Name} {Value}";

    /// <summary>--seed N: the seed of every random choice.</summary>
    public static DemoOption Seed { get; } = new("--seed", "N", "seed of every random choice (default 1); the same seed gives the same run");

    /// <summary>--out DIR: where to write images.</summary>
    public static DemoOption Out { get; } = new("--out", "DIR", "write images (SVG) into this folder, created if needed");

    /// <summary>--lr X: the Adam learning rate, with its default.</summary>
    public static DemoOption LearningRate(double defaultValue) => new("--lr", "X", $"Adam learning rate (default {defaultValue})");

    /// <summary>--words FILE: the word list.</summary>
    public static DemoOption Words { get; } = new("--words", "FILE",
        $"word list, one word a line; words of the letters a–z are used (default {Examples.WordList.DefaultPath}, or a built-in list of common words when it is missing)");
}
