namespace Myelin.Examples;

/// <summary>
/// Lists of lower-case English words for the character-level examples: read from a word file (one word a line,
/// such as Debian's <c>/usr/share/dict/american-english</c>) or taken from the built-in <see cref="CommonWords"/>,
/// and split at random into training and validation words.
/// </summary>
public static class WordList
{
    /// <summary>Where Debian's <c>wamerican</c> package puts its word list.</summary>
    public const string DefaultPath = "/usr/share/dict/american-english";

    /// <summary>
    /// Reads the words of a file, one a line, keeping only those made of the letters a–z alone (so proper nouns,
    /// possessives like "cat's" and accented words are left out). Duplicates are removed; the order is sorted.
    /// </summary>
    /// <param name="path">The word file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds no word of letters a–z.</exception>
    public static IReadOnlyList<string> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"WordList: the word file '{path}' does not exist (on Debian or Ubuntu, 'apt-get install wamerican' provides {DefaultPath}).", path);
        var words = Parse(File.ReadLines(path));
        if (words.Count == 0)
            throw new InvalidDataException($"WordList: '{path}' holds no word made only of the letters a–z (expected one word a line).");
        return words;
    }

    /// <summary>
    /// The lines that are words of the letters a–z alone, with surrounding spaces trimmed, without duplicates,
    /// sorted. Other lines are skipped.
    /// </summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var word = line.Trim();
            if (word.Length > 0 && word.All(c => c is >= 'a' and <= 'z')) words.Add(word);
        }
        return [.. words];
    }

    /// <summary>
    /// Shuffles <paramref name="words"/>, keeps the first <paramref name="limit"/> of them (all when null), and
    /// splits those into training and validation words.
    /// </summary>
    /// <param name="words">The words to split.</param>
    /// <param name="validationFraction">The share of validation words, in (0, 1); at least one word goes to each side.</param>
    /// <param name="generator">Draws the shuffle.</param>
    /// <param name="limit">How many words to use at most; null uses all.</param>
    /// <exception cref="ArgumentException">There are fewer than two words, or an option is out of range.</exception>
    public static (IReadOnlyList<string> Train, IReadOnlyList<string> Validation) Split(IReadOnlyList<string> words,
        double validationFraction, Generator generator, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(generator);
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), $"WordList.Split: the validation fraction must be in (0, 1), got {validationFraction}.");
        if (limit is <= 0)
            throw new ArgumentOutOfRangeException(nameof(limit), $"WordList.Split: the word limit must be positive, got {limit}.");
        int count = Math.Min(words.Count, limit ?? int.MaxValue);
        if (count < 2)
            throw new ArgumentException($"WordList.Split: need at least two words to split into training and validation, got {count}.", nameof(words));
        var order = generator.Permutation(words.Count);
        int validationCount = Math.Clamp((int)Math.Round(count * validationFraction), 1, count - 1);
        var validation = order.Take(validationCount).Select(i => words[i]).ToArray();
        var train = order.Skip(validationCount).Take(count - validationCount).Select(i => words[i]).ToArray();
        return (train, validation);
    }
}
