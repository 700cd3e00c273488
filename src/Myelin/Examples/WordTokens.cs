using Myelin.Text;

namespace Myelin.Examples;

/// <summary>
/// Turns words into rows of token indices for the character-level examples: optionally framed by the start and
/// end tokens, padded with the padding token (index 0) to a common length.
/// </summary>
public static class WordTokens
{
    /// <summary>The vocabulary of the letters a–z after the three special tokens (29 tokens: &lt;pad&gt;, &lt;s&gt;, &lt;/s&gt;, a … z).</summary>
    public static CharVocabulary Alphabet { get; } = new("abcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// Encodes <paramref name="words"/> one a row: "&lt;s&gt; c a t &lt;/s&gt;" with <paramref name="frame"/>, else "c a t",
    /// then padding up to <paramref name="length"/> (the longest encoded word when null).
    /// Shape: Int64 [words.Count, length].
    /// </summary>
    /// <param name="words">The words; at least one.</param>
    /// <param name="vocabulary">Gives each character its index.</param>
    /// <param name="frame">Whether to put the start token before and the end token after each word.</param>
    /// <param name="length">The row length; null for the longest encoded word.</param>
    /// <exception cref="ArgumentException">There is no word, a word is empty, longer than <paramref name="length"/>, or has a character outside the vocabulary (the message names the word).</exception>
    public static Tensor Encode(IReadOnlyList<string> words, CharVocabulary vocabulary, bool frame = true, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (words.Count == 0) throw new ArgumentException("WordTokens.Encode: there are no words to encode.", nameof(words));
        var rows = new long[words.Count][];
        for (int i = 0; i < words.Count; i++)
        {
            if (string.IsNullOrEmpty(words[i]))
                throw new ArgumentException($"WordTokens.Encode: word {i} is empty.", nameof(words));
            try { rows[i] = vocabulary.Encode(words[i], addStart: frame, addEnd: frame); }
            catch (ArgumentException e) { throw new ArgumentException($"WordTokens.Encode: word {i} '{words[i]}': {e.Message}", nameof(words), e); }
        }
        int width = length ?? rows.Max(r => r.Length);
        var tokens = new long[words.Count * width];   // zeros are padding
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length > width)
                throw new ArgumentException(
                    $"WordTokens.Encode: word {i} '{words[i]}' needs {rows[i].Length} tokens, more than the row length {width}.", nameof(words));
            rows[i].CopyTo(tokens, i * width);
        }
        return Tensor.FromArray(tokens, words.Count, width);
    }
}
