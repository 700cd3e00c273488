using System.Diagnostics;
using Myelin.Examples;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Text;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// What the two character-level demos share: load and split the words, score the unigram baseline, train the model
/// epoch by epoch, compare its validation loss with the baseline, and sample new words.
/// </summary>
internal static class CharModelDemo
{
    /// <summary>The options both character-level demos accept.</summary>
    public static IReadOnlyList<DemoOption> Options(int maxWords, int epochs, double learningRate) =>
    [
        DemoOption.Words,
        new("--max-words", "N", $"use at most N words of the list, drawn at random (default {maxWords:N0}); 10% are held out for validation"),
        new("--epochs", "N", $"passes over the training words (default {epochs})"),
        new("--batch-size", "N", "words per training step (default 64)"),
        DemoOption.LearningRate(learningRate),
        new("--samples", "N", "new words to sample at each temperature (default 8)"),
        new("--temperature", "T", "sample at this temperature only (default: 0.5 and 1.0)"),
        DemoOption.Seed,
    ];

    /// <summary>Runs the demo with the model <paramref name="createModel"/> builds for the vocabulary size and longest input.</summary>
    /// <param name="title">The heading.</param>
    /// <param name="options">The parsed options.</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="defaults">Default word count, epochs and learning rate.</param>
    /// <param name="createModel">Builds the model from (vocabulary size, longest input in tokens, generator); returns it and a one-line description.</param>
    public static int Run(string title, DemoOptions options, TextWriter output, (int MaxWords, int Epochs, double LearningRate) defaults,
        Func<int, int, Generator, (Module Model, string Description)> createModel)
    {
        var generator = new Generator(options.Seed);
        int maxWords = options.Int("--max-words", defaults.MaxWords, min: 2);
        int epochs = options.Int("--epochs", defaults.Epochs);
        int batchSize = options.Int("--batch-size", 64);
        double learningRate = options.LearningRate(defaults.LearningRate);
        int sampleCount = options.Int("--samples", 8, min: 0);
        double[] temperatures = options.Has("--temperature") ? [options.Double("--temperature", 1, max: 100)] : [0.5, 1.0];
        DemoHeading.Write(output, title);

        var words = DemoWords.Load(options, output);
        var (train, validation) = WordList.Split(words, 0.1, generator, maxWords);
        output.WriteLine($"Using {train.Count + validation.Count:N0} of them, drawn at random: {train.Count:N0} to train on, " +
            $"{validation.Count:N0} held out for validation.");
        output.WriteLine("Each word is read as <s> w o r d </s>. At every position the model predicts the next character, the end of the");
        output.WriteLine("word included (n + 1 predictions for n letters). The loss is −ln p(the right character), in nats per character;");
        output.WriteLine("perplexity e^loss is the number of equally likely characters that would be as hard to guess.");
        output.WriteLine();

        var vocabulary = WordTokens.Alphabet;
        var unigram = UnigramModel.Fit(train, vocabulary);
        double baseline = unigram.CrossEntropy(validation);
        output.WriteLine("Baseline: a unigram model guesses every character from its frequency in the training words alone,");
        output.WriteLine("ignoring the letters before it.");
        output.WriteLine($"  entropy of the character distribution: {unigram.Entropy:F3} nats/char");
        output.WriteLine($"  its loss on the validation words:      {baseline:F3} nats/char (perplexity {Math.Exp(baseline):F1})");
        output.WriteLine();

        int longestInput = train.Concat(validation).Max(w => w.Length) + 1;   // <s> and the letters; </s> is only a target
        var (model, description) = createModel(vocabulary.Count, longestInput, generator);
        var optimizer = new Adam(model.Parameters(), lr: learningRate);
        output.WriteLine($"Model: {description} ({model.NumParameters():N0} parameters). Adam, learning rate {learningRate}, {batchSize} words a step.");
        output.WriteLine();
        output.WriteLine("epoch  train loss  val loss  seconds");
        double validationLoss = double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double trainLoss = CharLanguageModelTraining.TrainEpoch(model, optimizer, train, vocabulary, batchSize, generator);
            validationLoss = CharLanguageModelTraining.Evaluate(model, validation, vocabulary);
            output.WriteLine($"{epoch,5}  {trainLoss,10:F3}  {validationLoss,8:F3}  {clock.Elapsed.TotalSeconds,7:F1}");
        }
        output.WriteLine();

        double gain = baseline - validationLoss;
        output.WriteLine($"Validation loss {validationLoss:F3} nats/char vs the unigram baseline {baseline:F3}: " +
            $"{Math.Abs(gain):F3} nats/char {(gain > 0 ? "lower" : "higher")} (perplexity {Math.Exp(validationLoss):F1} vs {Math.Exp(baseline):F1}).");
        output.WriteLine(gain > 0.1
            ? "The model is clearly below the baseline: the letters so far make the next one much easier to guess."
            : "The model is not clearly below the baseline yet; train on more words or for more epochs.");
        output.WriteLine();

        if (sampleCount > 0) WriteSamples(model, vocabulary, words, temperatures, sampleCount, longestInput, generator, output);
        return ExitCodes.Success;
    }

    static void WriteSamples(Module model, CharVocabulary vocabulary, IReadOnlyList<string> words, double[] temperatures, int count,
        int maxLength, Generator generator, TextWriter output)
    {
        var known = new HashSet<string>(words, StringComparer.Ordinal);
        output.WriteLine("New words sampled letter by letter from the model (low temperature: the likeliest letters; 1.0: the model's");
        output.WriteLine("own distribution). A * marks a word that is in the word list.");
        int novel = 0, total = 0;
        foreach (double temperature in temperatures)
        {
            var samples = Enumerable.Range(0, count)
                .Select(_ => CharLanguageModelTraining.SampleWord(model, vocabulary, temperature, generator, maxLength))
                .ToArray();
            novel += samples.Count(s => !known.Contains(s));
            total += samples.Length;
            output.WriteLine($"  temperature {temperature:0.0#}: {string.Join(" ", samples.Select(s => known.Contains(s) ? s + "*" : s))}");
        }
        output.WriteLine($"{novel} of the {total} sampled words are new (not in the word list).");
    }
}
