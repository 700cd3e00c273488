namespace Myelin.Text;

/// <summary>
/// A character-level vocabulary and tokenizer: every distinct character of a text gets an index, after three
/// special tokens: padding (index 0, "&lt;pad&gt;"), start of sequence (1, "&lt;s&gt;") and end of sequence (2, "&lt;/s&gt;").
/// Characters are .NET <see cref="char"/>s (UTF-16 code units), sorted by code so that the same text always gives the
/// same indices.
/// </summary>
/// <example><code>
/// var vocabulary = CharVocabulary.FromText(corpus);
/// Tensor tokens = vocabulary.EncodeTensor("hello", addStart: true);   // Int64 [6]
/// string text = vocabulary.Decode(tokens);                             // "hello"
/// </code></example>
public sealed class CharVocabulary
{
    /// <summary>The text of the padding token.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>The text of the start-of-sequence token.</summary>
    public const string StartToken = "<s>";

    /// <summary>The text of the end-of-sequence token.</summary>
    public const string EndToken = "</s>";

    const int SpecialCount = 3;
    readonly char[] characters;
    readonly Dictionary<char, int> indices;

    /// <summary>Creates the vocabulary of the distinct <paramref name="characters"/> (duplicates are ignored).</summary>
    public CharVocabulary(IEnumerable<char> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        this.characters = characters.Distinct().Order().ToArray();
        indices = new Dictionary<char, int>(this.characters.Length);
        for (int i = 0; i < this.characters.Length; i++) indices[this.characters[i]] = SpecialCount + i;
    }

    /// <summary>The vocabulary of every character that occurs in <paramref name="text"/>.</summary>
    public static CharVocabulary FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CharVocabulary(text);
    }

    /// <summary>The index of the padding token (0).</summary>
    public int PaddingIndex => 0;

    /// <summary>The index of the start-of-sequence token (1).</summary>
    public int StartIndex => 1;

    /// <summary>The index of the end-of-sequence token (2).</summary>
    public int EndIndex => 2;

    /// <summary>The number of tokens: the special tokens plus the characters (the size of an embedding table or output layer).</summary>
    public int Count => SpecialCount + characters.Length;

    /// <summary>The characters in index order (the first has index 3); enough to rebuild the vocabulary.</summary>
    public IReadOnlyList<char> Characters => characters;

    /// <summary>Whether <paramref name="c"/> has an index.</summary>
    public bool Contains(char c) => indices.ContainsKey(c);

    /// <summary>The index of <paramref name="c"/>.</summary>
    /// <exception cref="KeyNotFoundException">The character is not in the vocabulary.</exception>
    public int IndexOf(char c) => indices.TryGetValue(c, out int index)
        ? index
        : throw new KeyNotFoundException($"CharVocabulary: the character {Describe(c)} is not in the vocabulary of {characters.Length} characters.");

    /// <summary>The text of token <paramref name="index"/>: its character, or the special token's name.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, Count).</exception>
    public string TokenOf(long index) => index switch
    {
        0 => PaddingToken,
        1 => StartToken,
        2 => EndToken,
        _ when index >= SpecialCount && index < Count => characters[index - SpecialCount].ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(index), $"CharVocabulary: index {index} is outside [0, {Count})."),
    };

    /// <summary>The indices of the characters of <paramref name="text"/>, optionally framed by the start and end tokens.</summary>
    /// <exception cref="ArgumentException">A character is not in the vocabulary (the message names it and its position).</exception>
    public long[] Encode(string text, bool addStart = false, bool addEnd = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<long>(text.Length + 2);
        if (addStart) result.Add(StartIndex);
        for (int i = 0; i < text.Length; i++)
        {
            if (!indices.TryGetValue(text[i], out int index))
                throw new ArgumentException($"CharVocabulary: the character {Describe(text[i])} at position {i} is not in the vocabulary.", nameof(text));
            result.Add(index);
        }
        if (addEnd) result.Add(EndIndex);
        return [.. result];
    }

    /// <summary><see cref="Encode"/> as an Int64 tensor. Shape: [length (+ 1 per added token)].</summary>
    /// <exception cref="ArgumentException">A character is not in the vocabulary.</exception>
    public Tensor EncodeTensor(string text, bool addStart = false, bool addEnd = false) => Tensor.FromArray(Encode(text, addStart, addEnd));

    /// <summary>The text of <paramref name="tokens"/>; special tokens are left out, or written by name when <paramref name="skipSpecialTokens"/> is false.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public string Decode(IEnumerable<long> tokens, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = new System.Text.StringBuilder();
        foreach (long token in tokens)
        {
            if (token < SpecialCount && token >= 0 && skipSpecialTokens) continue;
            text.Append(TokenOf(token));
        }
        return text.ToString();
    }

    /// <summary>The text of a 1-D integer tensor of indices.</summary>
    /// <exception cref="ArgumentException">The tensor is not 1-D integers.</exception>
    public string Decode(Tensor tokens, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Rank != 1 || !tokens.DType.IsInteger())
            throw new ArgumentException($"CharVocabulary: expected a 1-D Int64 tensor of indices, got {tokens.DType} [{string.Join(", ", tokens.Shape)}].", nameof(tokens));
        return Decode(tokens.To(DType.Int64).ToArray<long>(), skipSpecialTokens);
    }

    static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
}
