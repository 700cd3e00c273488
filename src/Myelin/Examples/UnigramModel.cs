using Myelin.Text;

namespace Myelin.Examples;

/// <summary>
/// The simplest character model of words, and the baseline a language model must beat: every character is drawn
/// on its own from the character frequencies of the training words, ignoring what came before. The end of a word
/// counts as a character (the end token), so a word of n letters has n + 1 characters to predict — the same targets
/// a language model is scored on.
/// </summary>
/// <remarks>
/// The probabilities are the counts plus one (Laplace smoothing) over the letters and the end token, so a letter
/// never seen in training still gets a finite loss. The model's loss per character on text drawn from the same
/// distribution is its <see cref="Entropy"/>.
/// </remarks>
public sealed class UnigramModel
{
    readonly CharVocabulary vocabulary;
    readonly double[] probabilities;

    UnigramModel(CharVocabulary vocabulary, double[] probabilities)
    {
        this.vocabulary = vocabulary;
        this.probabilities = probabilities;
    }

    /// <summary>Counts the characters (and word ends) of <paramref name="words"/>.</summary>
    /// <exception cref="ArgumentException">A word has a character outside the vocabulary.</exception>
    public static UnigramModel Fit(IEnumerable<string> words, CharVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var counts = new double[vocabulary.Count];
        // One pseudo-count for every token that can be a target: the characters and the end token.
        foreach (int token in Targets(vocabulary)) counts[token] = 1;
        foreach (var word in words)
            foreach (long token in vocabulary.Encode(word, addEnd: true)) counts[token]++;
        double total = counts.Sum();
        return new UnigramModel(vocabulary, counts.Select(c => c / total).ToArray());
    }

    /// <summary>The probability of each token, indexed like the vocabulary (0 for padding and start).</summary>
    public IReadOnlyList<double> Probabilities => probabilities;

    /// <summary>The entropy of the character distribution, −Σ p·ln p, in nats per character.</summary>
    public double Entropy => -probabilities.Where(p => p > 0).Sum(p => p * Math.Log(p));

    /// <summary>
    /// The mean loss −ln p(c) over the characters and word ends of <paramref name="words"/>, in nats per character:
    /// what this model scores on held-out words.
    /// </summary>
    /// <exception cref="ArgumentException">There are no words, or a word has a character outside the vocabulary.</exception>
    public double CrossEntropy(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        double total = 0;
        long count = 0;
        foreach (var word in words)
            foreach (long token in vocabulary.Encode(word, addEnd: true))
            {
                total -= Math.Log(probabilities[token]);
                count++;
            }
        if (count == 0) throw new ArgumentException("UnigramModel.CrossEntropy: there are no words to score.", nameof(words));
        return total / count;
    }

    static IEnumerable<int> Targets(CharVocabulary vocabulary) =>
        Enumerable.Range(0, vocabulary.Count).Where(t => t != vocabulary.PaddingIndex && t != vocabulary.StartIndex);
}
