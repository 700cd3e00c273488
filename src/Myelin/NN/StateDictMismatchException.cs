using System.Text;

namespace Myelin.NN;

/// <summary>
/// Thrown by <see cref="Module.LoadStateDict"/> when a state dict does not fit the module: keys
/// missing or unexpected (in a strict load) or tensors of the wrong shape. The message lists them all.
/// </summary>
public sealed class StateDictMismatchException : ArgumentException
{
    /// <summary>Keys the module expects that the state dict lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>Keys of the state dict that the module does not have.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>One line per tensor whose shape differs, naming the key and both shapes.</summary>
    public IReadOnlyList<string> ShapeMismatches { get; }

    /// <summary>Creates the exception for the module type <paramref name="moduleName"/>.</summary>
    public StateDictMismatchException(string moduleName, IReadOnlyList<string> missingKeys,
        IReadOnlyList<string> unexpectedKeys, IReadOnlyList<string> shapeMismatches)
        : base(BuildMessage(moduleName, missingKeys, unexpectedKeys, shapeMismatches))
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        ShapeMismatches = shapeMismatches;
    }

    static string BuildMessage(string moduleName, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> shapes)
    {
        var text = new StringBuilder($"LoadStateDict: error(s) loading the state dict into {moduleName}:");
        if (missing.Count > 0)
            text.Append("\n  Missing key(s): ").Append(string.Join(", ", missing.Select(k => $"\"{k}\""))).Append('.');
        if (unexpected.Count > 0)
            text.Append("\n  Unexpected key(s): ").Append(string.Join(", ", unexpected.Select(k => $"\"{k}\""))).Append('.');
        foreach (var line in shapes)
            text.Append("\n  Size mismatch for ").Append(line).Append('.');
        return text.ToString();
    }
}
