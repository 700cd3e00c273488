using Myelin.NN;
using Myelin.Optim;
using Myelin.Text;

namespace Myelin.Examples;

/// <summary>
/// Training, scoring and sampling for character-level language models of words, such as <see cref="CharLSTM"/>
/// and <see cref="CausalTransformerLM"/>: any module that maps tokens Int64 [N, L] to next-token logits
/// [N, L, vocabulary.Count] and lets position t see only tokens 0 … t.
/// </summary>
/// <remarks>
/// Each word is encoded as "&lt;s&gt; w o r d &lt;/s&gt;"; the model reads all tokens but the last and predicts all but the
/// first, so a word of n letters gives n + 1 predictions (its letters and its end). Padding targets are ignored.
/// Losses are in nats per character: the mean of −ln p(next character), the end of a word counting as a character.
/// </remarks>
public static class CharLanguageModelTraining
{
    /// <summary>
    /// The mean loss per predicted character over a batch of encoded words (from <see cref="WordTokens.Encode"/>
    /// with frame: true), ignoring padding. Shape: tokens Int64 [N, L] → a scalar.
    /// </summary>
    /// <exception cref="ArgumentException">The tokens are not [N, L] with L ≥ 2, or the model's output does not have the expected shape.</exception>
    public static Tensor Loss(Module model, Tensor tokens, CharVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (tokens.Rank != 2 || tokens.Size(1) < 2)
            throw new ArgumentException($"CharLanguageModelTraining: expected encoded words Int64 [N, L] with L ≥ 2, got {tokens.DType} {Module.FormatShape(tokens.Shape)}.");
        int length = tokens.Size(1) - 1;
        var logits = model.Forward(tokens.Narrow(1, 0, length));
        if (logits.Rank != 3 || logits.Size(0) != tokens.Size(0) || logits.Size(1) != length || logits.Size(2) != vocabulary.Count)
            throw new ArgumentException(
                $"CharLanguageModelTraining: the model turned tokens {Module.FormatShape([tokens.Size(0), length])} into {Module.FormatShape(logits.Shape)}; " +
                $"expected logits [{tokens.Size(0)}, {length}, {vocabulary.Count}] (one score per vocabulary entry).");
        var targets = tokens.Narrow(1, 1, length);
        return F.CrossEntropy(logits.Reshape(-1, vocabulary.Count), targets.Reshape(-1), ignoreIndex: vocabulary.PaddingIndex);
    }

    /// <summary>
    /// One pass over <paramref name="words"/> in a new random order (batches group words of similar length), one
    /// optimizer step per batch, with the gradients' total norm clipped. Returns the mean training loss in nats per
    /// character.
    /// </summary>
    /// <param name="model">The language model; put in training mode.</param>
    /// <param name="optimizer">Updates the model's parameters.</param>
    /// <param name="words">The training words.</param>
    /// <param name="vocabulary">Encodes the words.</param>
    /// <param name="batchSize">Words per step.</param>
    /// <param name="generator">Draws the order of the words.</param>
    /// <param name="clipNorm">The largest total gradient norm (recurrent models can have exploding gradients); null for no clipping.</param>
    /// <exception cref="ArgumentException">There are no words, or the batch size is not positive.</exception>
    public static double TrainEpoch(Module model, Optimizer optimizer, IReadOnlyList<string> words, CharVocabulary vocabulary,
        int batchSize, Generator generator, double? clipNorm = 1.0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        CheckWords(words, batchSize);
        model.Train();
        double total = 0;
        long characters = 0;
        foreach (var batch in LengthBuckets(words, batchSize, generator))
        {
            var loss = Loss(model, WordTokens.Encode(batch, vocabulary), vocabulary);
            optimizer.ZeroGrad();
            loss.Backward();
            if (clipNorm is double norm) GradientClipping.ClipGradNorm(model.Parameters(), norm);
            optimizer.Step();
            long count = CharacterCount(batch);
            total += loss.Item() * count;
            characters += count;
        }
        return total / characters;
    }

    /// <summary>
    /// The model's mean loss in nats per character on <paramref name="words"/>, in evaluation mode and without
    /// recording gradients. Compare it with <see cref="UnigramModel.CrossEntropy"/> on the same words.
    /// </summary>
    /// <exception cref="ArgumentException">There are no words, or the batch size is not positive.</exception>
    public static double Evaluate(Module model, IReadOnlyList<string> words, CharVocabulary vocabulary, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckWords(words, batchSize);
        bool wasTraining = model.IsTraining;
        model.Eval();
        double total = 0;
        long characters = 0;
        using (Autograd.NoGrad())
        {
            for (int start = 0; start < words.Count; start += batchSize)
            {
                var batch = words.Skip(start).Take(batchSize).ToArray();
                long count = CharacterCount(batch);
                total += Loss(model, WordTokens.Encode(batch, vocabulary), vocabulary).Item() * count;
                characters += count;
            }
        }
        model.Train(wasTraining);
        return total / characters;
    }

    /// <summary>
    /// Writes a new word one letter at a time: from the start token, each next token is drawn from
    /// softmax(logits / temperature) until the end token or <paramref name="maxLength"/> letters. Runs in evaluation
    /// mode without recording gradients.
    /// </summary>
    /// <param name="model">The language model.</param>
    /// <param name="vocabulary">Turns tokens back into letters.</param>
    /// <param name="temperature">Below 1 picks likely letters more often (safer words), above 1 more varied ones.</param>
    /// <param name="generator">Draws the letters.</param>
    /// <param name="maxLength">The most letters to write (for a transformer: at most its context length).</param>
    /// <exception cref="ArgumentOutOfRangeException">The temperature or maximum length is not positive.</exception>
    public static string SampleWord(Module model, CharVocabulary vocabulary, double temperature, Generator generator, int maxLength = 24)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(generator);
        if (maxLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"CharLanguageModelTraining.SampleWord: maxLength must be positive, got {maxLength}.");
        bool wasTraining = model.IsTraining;
        model.Eval();
        var tokens = new List<long> { vocabulary.StartIndex };
        using (Autograd.NoGrad())
        {
            while (tokens.Count <= maxLength)
            {
                // Words are short, so reading the whole prefix again at each step costs little and works for any model.
                var logits = model.Forward(Tensor.FromArray(tokens.ToArray(), 1, tokens.Count));
                var last = logits.Select(0, 0).Select(0, tokens.Count - 1);
                // Padding and start are never the next token of a word.
                last = last.MaskedFill(SpecialMask(vocabulary), double.NegativeInfinity);
                long next = Sampling.Sample(last, temperature, generator: generator);
                if (next == vocabulary.EndIndex) break;
                tokens.Add(next);
            }
        }
        model.Train(wasTraining);
        return vocabulary.Decode(tokens);
    }

    static Tensor SpecialMask(CharVocabulary vocabulary)
    {
        var mask = new bool[vocabulary.Count];
        mask[vocabulary.PaddingIndex] = mask[vocabulary.StartIndex] = true;
        return Tensor.FromArray(mask);
    }

    /// <summary>
    /// The words in random batches of similar lengths: shuffled, cut into chunks of 16 batches, each chunk sorted by
    /// length and cut into batches, and the batches shuffled. A batch is padded to its longest word, so grouping
    /// similar lengths saves much of the work spent on padding (words run from 1 to over 20 letters).
    /// </summary>
    static IEnumerable<string[]> LengthBuckets(IReadOnlyList<string> words, int batchSize, Generator generator)
    {
        var order = generator.Permutation(words.Count);
        int chunkSize = 16 * batchSize;
        var batches = new List<string[]>();
        for (int chunk = 0; chunk < words.Count; chunk += chunkSize)
        {
            var sorted = order.Skip(chunk).Take(chunkSize).Select(i => words[i]).OrderBy(w => w.Length).ToArray();
            for (int start = 0; start < sorted.Length; start += batchSize)
                batches.Add(sorted[start..Math.Min(start + batchSize, sorted.Length)]);
        }
        return generator.Permutation(batches.Count).Select(i => batches[i]);
    }

    /// <summary>The number of predicted characters: every letter and every word end.</summary>
    static long CharacterCount(IEnumerable<string> words) => words.Sum(w => (long)w.Length + 1);

    static void CheckWords(IReadOnlyList<string> words, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0) throw new ArgumentException("CharLanguageModelTraining: there are no words.", nameof(words));
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"CharLanguageModelTraining: the batch size must be positive, got {batchSize}.");
    }
}
