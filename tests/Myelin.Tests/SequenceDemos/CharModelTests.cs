using Myelin.Examples;
using Myelin.NN;
using Myelin.Optim;
using Xunit.Abstractions;

namespace Myelin.Tests.SequenceDemos;

// The learning tests allocate heavily for seconds; running them alone keeps them from disturbing tests that measure allocations.
[CollectionDefinition(nameof(SequenceDemoLearning), DisableParallelization = true)]
public sealed class SequenceDemoLearning;

/// <summary>
/// The character-level language models on the built-in word list: trained for a few seconds, both end clearly
/// below the unigram baseline on held-out words, and sampling writes new letter strings.
/// </summary>
[Collection(nameof(SequenceDemoLearning))]
public class CharModelTests(ITestOutputHelper output)
{
    static (IReadOnlyList<string> Train, IReadOnlyList<string> Validation) Words() => WordList.Split(CommonWords.Words, 0.15, new Generator(5));

    static double Train(Module model, IReadOnlyList<string> train, IReadOnlyList<string> validation, int epochs, double lr, Generator generator)
    {
        var optimizer = new Adam(model.Parameters(), lr: lr);
        for (int epoch = 0; epoch < epochs; epoch++)
            CharLanguageModelTraining.TrainEpoch(model, optimizer, train, WordTokens.Alphabet, batchSize: 32, generator);
        return CharLanguageModelTraining.Evaluate(model, validation, WordTokens.Alphabet);
    }

    [Fact]
    public void LstmEndsBelowTheUnigramBaseline()
    {
        var (train, validation) = Words();
        double baseline = UnigramModel.Fit(train, WordTokens.Alphabet).CrossEntropy(validation);
        var generator = new Generator(1);
        var model = new CharLSTM(WordTokens.Alphabet.Count, embeddingDim: 16, hiddenSize: 64, generator: generator);
        double loss = Train(model, train, validation, epochs: 12, lr: 1e-2, generator);
        output.WriteLine($"LSTM validation loss {loss:F3} nats/char, unigram baseline {baseline:F3}");
        Assert.True(loss < baseline - 0.15, $"LSTM validation loss {loss:F3} nats/char is not clearly below the unigram baseline {baseline:F3}");
    }

    [Fact]
    public void TransformerEndsBelowTheUnigramBaseline()
    {
        var (train, validation) = Words();
        double baseline = UnigramModel.Fit(train, WordTokens.Alphabet).CrossEntropy(validation);
        var generator = new Generator(2);
        int context = CommonWords.Words.Max(w => w.Length) + 1;
        var model = new CausalTransformerLM(WordTokens.Alphabet.Count, dModel: 32, nHead: 4, numLayers: 1, dimFeedforward: 64,
            maxLength: context, dropout: 0, generator: generator);
        double loss = Train(model, train, validation, epochs: 12, lr: 5e-3, generator);
        output.WriteLine($"transformer validation loss {loss:F3} nats/char, unigram baseline {baseline:F3}");
        Assert.True(loss < baseline - 0.15, $"transformer validation loss {loss:F3} nats/char is not clearly below the unigram baseline {baseline:F3}");
    }

    [Fact]
    public void SampleWordWritesLettersAndIsReproducible()
    {
        var model = new CharLSTM(WordTokens.Alphabet.Count, 8, 16, generator: new Generator(4));
        Assert.True(model.IsTraining);
        var first = Enumerable.Range(0, 5).Select(_ => CharLanguageModelTraining.SampleWord(model, WordTokens.Alphabet, 1.0, new Generator(9), maxLength: 6)).ToArray();
        Assert.All(first, w => Assert.Matches("^[a-z]{0,6}$", w));
        Assert.True(model.IsTraining, "sampling puts the model back in training mode");
        var again = CharLanguageModelTraining.SampleWord(model, WordTokens.Alphabet, 1.0, new Generator(9), maxLength: 6);
        Assert.Equal(first[0], again);
        Assert.Throws<ArgumentOutOfRangeException>(() => CharLanguageModelTraining.SampleWord(model, WordTokens.Alphabet, 1.0, new Generator(1), maxLength: 0));
    }

    [Fact]
    public void ErrorsNameTheProblem()
    {
        var model = new CharLSTM(WordTokens.Alphabet.Count, 4, 4);
        var floats = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(2, 3)));
        Assert.Contains("CharLSTM", floats.Message);
        Assert.Contains("Int64 [N, L]", floats.Message);

        var tooShort = Assert.Throws<ArgumentException>(() => CharLanguageModelTraining.Loss(model, Tensor.FromArray(new long[,] { { 1 } }), WordTokens.Alphabet));
        Assert.Contains("L ≥ 2", tooShort.Message);

        var wrongVocabulary = new CharLSTM(10, 4, 4);
        var mismatch = Assert.Throws<ArgumentException>(() =>
            CharLanguageModelTraining.Loss(wrongVocabulary, Tensor.FromArray(new long[,] { { 1, 3, 2 } }), WordTokens.Alphabet));
        Assert.Contains("[1, 2, 10]", mismatch.Message);
        Assert.Contains("[1, 2, 29]", mismatch.Message);

        Assert.Throws<ArgumentException>(() => CharLanguageModelTraining.Evaluate(model, [], WordTokens.Alphabet));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CharLanguageModelTraining.TrainEpoch(model, new Adam(model.Parameters()), ["ab"], WordTokens.Alphabet, 0, new Generator(1)));
    }
}
