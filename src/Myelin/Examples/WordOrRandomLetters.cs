namespace Myelin.Examples;

/// <summary>
/// A sequence-classification task: tell real words (class 1) from strings of letters drawn uniformly at random
/// (class 0). Every word is paired with a random string of the same length, so length gives nothing away; the
/// classifier has to notice how letters are used — vowels between consonants, common pairs such as "th", rare
/// letters such as "q" and "x".
/// </summary>
public static class WordOrRandomLetters
{
    /// <summary>The class names, index i naming label i: "random", "word".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["random", "word"];

    /// <summary>
    /// Every word (label 1) and one random string of its length (label 0), in a shuffled order, encoded without
    /// start or end tokens and padded to <paramref name="length"/>. A random string that happens to be one of
    /// <paramref name="words"/> is drawn again.
    /// Shape: tokens Int64 [2·words.Count, length], labels Int64 [2·words.Count].
    /// </summary>
    /// <param name="words">Lower-case words of the letters a–z, at most <paramref name="length"/> letters each.</param>
    /// <param name="length">The row length of the tokens.</param>
    /// <param name="generator">Draws the random letters and the order.</param>
    /// <returns>The texts in row order, their tokens (vocabulary <see cref="WordTokens.Alphabet"/>) and their labels.</returns>
    /// <exception cref="ArgumentException">There are no words, or a word is longer than <paramref name="length"/> or not a–z.</exception>
    public static (IReadOnlyList<string> Texts, Tensor Tokens, Tensor Labels) Create(IReadOnlyList<string> words, int length, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(generator);
        if (words.Count == 0) throw new ArgumentException("WordOrRandomLetters: there are no words.", nameof(words));
        var known = new HashSet<string>(words, StringComparer.Ordinal);
        var samples = new List<(string Text, long Label)>(2 * words.Count);
        foreach (var word in words)
        {
            samples.Add((word, 1));
            samples.Add((RandomLetters(word.Length, known, generator), 0));
        }
        var order = generator.Permutation(samples.Count);
        var texts = order.Select(i => samples[i].Text).ToArray();
        var labels = order.Select(i => samples[i].Label).ToArray();
        return (texts, WordTokens.Encode(texts, WordTokens.Alphabet, frame: false, length: length), Tensor.FromArray(labels));
    }

    /// <summary>A string of <paramref name="length"/> letters drawn uniformly from a–z that is not in <paramref name="avoid"/>.</summary>
    public static string RandomLetters(int length, IReadOnlySet<string> avoid, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(avoid);
        ArgumentNullException.ThrowIfNull(generator);
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"WordOrRandomLetters: the length must be positive, got {length}.");
        // Short strings are often words ("at", "on"); give up avoiding them after a few draws rather than loop forever.
        string text = "";
        for (int attempt = 0; attempt < 100; attempt++)
        {
            text = string.Create(length, generator, (span, g) =>
            {
                for (int i = 0; i < span.Length; i++) span[i] = (char)('a' + g.NextInt(26));
            });
            if (!avoid.Contains(text)) break;
        }
        return text;
    }
}
