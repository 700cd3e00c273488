using System.Globalization;

namespace Myelin.IO;

/// <summary>
/// A <see cref="Generator"/>'s state as checkpoint metadata: its six 64-bit words
/// (<see cref="Generator.GetState"/>) as 16-digit hexadecimal numbers separated by commas.
/// </summary>
internal static class CheckpointGeneratorState
{
    const int WordCount = 6;

    public static string Encode(Generator generator) =>
        string.Join(",", generator.GetState().Select(word => word.ToString("x16", CultureInfo.InvariantCulture)));

    /// <summary>The words of <paramref name="text"/>, checked so that <see cref="Generator.SetState"/> accepts them.</summary>
    /// <exception cref="ModelFormatException">The text is not six hexadecimal words, or the state is all zero.</exception>
    public static ulong[] Decode(string text, string path, string key)
    {
        var parts = text.Split(',');
        var words = new ulong[parts.Length];
        bool valid = parts.Length == WordCount;
        for (int i = 0; valid && i < parts.Length; i++)
            valid = parts[i].Length is > 0 and <= 16 &&
                ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]);
        if (!valid)
            throw new ModelFormatException(path, null,
                $"the metadata entry \"{key}\" must hold {WordCount} hexadecimal 64-bit words separated by commas, got \"{text}\".");
        if ((words[0] | words[1] | words[2] | words[3]) == 0)
            throw new ModelFormatException(path, null, $"the metadata entry \"{key}\" holds an all-zero generator state, which no generator can have.");
        return words;
    }
}
