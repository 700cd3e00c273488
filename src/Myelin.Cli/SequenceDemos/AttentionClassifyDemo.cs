using Myelin.Data;
using Myelin.Examples;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// <c>attention-classify</c>: an embedding, positional encoding, one self-attention layer and a pooling classifier
/// learn to tell English words from random strings of letters; held-out accuracy and the attention weights of one
/// word as a table (and a heat map with --out).
/// </summary>
internal sealed class AttentionClassifyDemo : ISequenceDemo
{
    const int MinLetters = 3;
    const int MaxLetters = 12;
    const int DefaultMaxWords = 8000;
    const int DefaultEpochs = 10;
    const double DefaultLearningRate = 3e-3;
    const int EmbedDim = 32;
    const int Heads = 2;
    const string DefaultWord = "question";

    public string Name => "attention-classify";

    public string Summary => "self-attention tells English words from random letter strings; held-out accuracy and one word's attention weights";

    public IReadOnlyList<DemoOption> Options { get; } =
    [
        DemoOption.Words,
        new("--max-words", "N", $"use at most N words of {MinLetters}–{MaxLetters} letters, drawn at random (default {DefaultMaxWords:N0}); 20% are held out"),
        new("--epochs", "N", $"passes over the training strings (default {DefaultEpochs})"),
        DemoOption.LearningRate(DefaultLearningRate),
        new("--word", "WORD", $"the string whose attention weights are shown, a–z, at most {MaxLetters} letters (default '{DefaultWord}')"),
        DemoOption.Out,
        DemoOption.Seed,
    ];

    public int Run(DemoOptions options, TextWriter output)
    {
        int maxWords = options.Int("--max-words", DefaultMaxWords, min: 2);
        int epochs = options.Int("--epochs", DefaultEpochs);
        double learningRate = options.LearningRate(DefaultLearningRate);
        string shown = options.Text("--word", DefaultWord)!;
        if (shown.Length == 0 || shown.Length > MaxLetters || !shown.All(c => c is >= 'a' and <= 'z'))
            throw CliException.Usage($"--word must be 1 to {MaxLetters} lower-case letters a–z, got '{shown}'.");
        string? folder = options.OutputFolder();
        var generator = new Generator(options.Seed);

        DemoHeading.Write(output, "Telling words from random letters with self-attention");
        var words = DemoWords.Load(options, output).Where(w => w.Length is >= MinLetters and <= MaxLetters).ToArray();
        var (trainWords, testWords) = WordList.Split(words, 0.2, generator, maxWords);
        var (_, trainTokens, trainLabels) = WordOrRandomLetters.Create(trainWords, MaxLetters, generator);
        var (testTexts, testTokens, testLabels) = WordOrRandomLetters.Create(testWords, MaxLetters, generator);
        output.WriteLine($"Every word of {MinLetters}–{MaxLetters} letters is paired with a string of as many letters drawn uniformly from a–z,");
        output.WriteLine("so the length gives nothing away. The classifier must notice how English uses its letters.");
        output.WriteLine($"Training: {trainWords.Count:N0} words + {trainWords.Count:N0} random strings; held out: {testWords.Count:N0} other words + " +
            $"{testWords.Count:N0} random strings.");
        output.WriteLine();

        var model = new AttentionWordClassifier(WordTokens.Alphabet.Count, EmbedDim, Heads, numClasses: 2, maxLength: MaxLetters, generator: generator);
        output.WriteLine($"Model: letter embeddings ({EmbedDim} wide) + sinusoidal positions → one self-attention layer ({Heads} heads; padding");
        output.WriteLine($"masked) with a residual connection → the mean over the letters → Linear, ReLU, Linear → 2 scores " +
            $"({model.NumParameters():N0} parameters).");
        output.WriteLine($"Adam, learning rate {learningRate}, 64 strings a step.");
        output.WriteLine();
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: learningRate), Losses.CrossEntropy,
            new TrainerOptions { BatchSize = 64, ShuffleSeed = (int)(options.Seed % int.MaxValue), Metrics = [new Accuracy()] });
        var train = new TensorDataset(trainTokens, trainLabels);
        var test = new TensorDataset(testTokens, testLabels);
        output.WriteLine("epoch  train loss  train accuracy  held-out accuracy  seconds");
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var logs = trainer.Fit(train, test, epochs: 1).Last!;
            output.WriteLine($"{epoch,5}  {logs.Loss,10:F4}  {logs["accuracy"] * 100,13:F1}%  {logs["val_accuracy"] * 100,16:F1}%  {logs.Seconds,7:F1}");
        }
        output.WriteLine();

        WriteResults(trainer, testTexts, testTokens, testLabels, output);
        WriteAttention(model, shown, folder, output);
        return ExitCodes.Success;
    }

    static void WriteResults(Trainer trainer, IReadOnlyList<string> texts, Tensor tokens, Tensor labels, TextWriter output)
    {
        var predicted = trainer.Predict(tokens).ArgMax(-1).ToArray<long>();
        var truth = labels.ToArray<long>();
        int correct = 0, words = 0, wordsRight = 0, randomRight = 0;
        var mistakes = new List<string>();
        for (int i = 0; i < truth.Length; i++)
        {
            bool right = predicted[i] == truth[i];
            if (right) correct++;
            if (truth[i] == 1) { words++; if (right) wordsRight++; }
            else if (right) randomRight++;
            if (!right && mistakes.Count < 8) mistakes.Add($"{texts[i]} ({(truth[i] == 1 ? "word" : "random")})");
        }
        output.WriteLine($"Held-out accuracy: {100.0 * correct / truth.Length:F1}% of {truth.Length:N0} strings " +
            $"(words recognised: {100.0 * wordsRight / words:F1}%; random strings recognised: {100.0 * randomRight / (truth.Length - words):F1}%).");
        if (mistakes.Count > 0) output.WriteLine($"Some mistakes: {string.Join(", ", mistakes)}.");
        output.WriteLine();
    }

    static void WriteAttention(AttentionWordClassifier model, string word, string? folder, TextWriter output)
    {
        model.Eval();
        Tensor logits, weights;
        using (Autograd.NoGrad())
            (logits, weights) = model.ForwardWithWeights(WordTokens.Encode([word], WordTokens.Alphabet, frame: false));
        double wordProbability = logits.Softmax(-1)[0].ToArray<float>()[1];
        var table = weights[0];                                     // [L, L]
        int length = word.Length;
        var values = new double[length, length];
        var flat = table.To(DType.Float64).Contiguous().ToArray<double>();
        for (int r = 0; r < length; r++)
            for (int c = 0; c < length; c++) values[r, c] = flat[r * length + c];

        output.WriteLine($"'{word}': the model gives it a {wordProbability * 100:F1}% chance of being a word.");
        output.WriteLine("Its attention weights (averaged over the heads): row = the letter that looks, column = the letter it looks at.");
        output.WriteLine("Each row sums to 1: how the letter shares its attention among the letters of the string.");
        output.Write("     ");
        foreach (char c in word) output.Write($"{c,6}");
        output.WriteLine();
        for (int r = 0; r < length; r++)
        {
            output.Write($"  {word[r]}  ");
            for (int c = 0; c < length; c++) output.Write($"{values[r, c],6:F2}");
            output.WriteLine();
        }
        if (folder is not null)
        {
            var labels = word.Select(c => c.ToString()).ToArray();
            string path = SvgImages.Save(folder, $"attention-{word}.svg",
                SvgImages.HeatMap($"Attention weights for '{word}' (rows look at columns)", labels, labels, values));
            output.WriteLine($"Heat map written to {path}.");
        }
    }
}
