using Myelin.Data;
using Myelin.Examples;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;
using Xunit.Abstractions;

namespace Myelin.Tests.SequenceDemos;

/// <summary>The attention classifier: its weights, its padding, its errors, and that it tells held-out words from random letters.</summary>
[Collection(nameof(SequenceDemoLearning))]
public class AttentionClassifierTests(ITestOutputHelper output)
{
    [Fact]
    public void LearnsToTellHeldOutWordsFromRandomLetters()
    {
        var generator = new Generator(1);
        var words = CommonWords.Words.Where(w => w.Length is >= 3 and <= 12).ToArray();
        var (trainWords, testWords) = WordList.Split(words, 0.2, generator);
        var (_, trainTokens, trainLabels) = WordOrRandomLetters.Create(trainWords, 12, generator);
        var (_, testTokens, testLabels) = WordOrRandomLetters.Create(testWords, 12, generator);
        var model = new AttentionWordClassifier(WordTokens.Alphabet.Count, embedDim: 32, numHeads: 2, maxLength: 12, generator: generator);
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 1e-3), Myelin.NN.Losses.CrossEntropy,
            new TrainerOptions { BatchSize = 32, ShuffleSeed = 1, Metrics = [new Accuracy()] });
        trainer.Fit(new TensorDataset(trainTokens, trainLabels), epochs: 20);
        double accuracy = trainer.Evaluate(new TensorDataset(testTokens, testLabels))["accuracy"];
        output.WriteLine($"held-out accuracy {accuracy:P1} on {testLabels.Size(0)} strings");
        Assert.True(accuracy >= 0.9, $"held-out accuracy {accuracy:P1} telling words from random letters");

        model.Eval();
        Tensor weights;
        using (Autograd.NoGrad()) weights = model.ForwardWithWeights(WordTokens.Encode(["question"], WordTokens.Alphabet, frame: false, length: 12)).Weights;
        AssertRowsAreDistributions(weights, realLength: 8);
    }

    /// <summary>Every row sums to 1 and puts no weight on padding columns.</summary>
    static void AssertRowsAreDistributions(Tensor weights, int realLength)
    {
        int length = weights.Size(-1);
        var values = weights.To(DType.Float64).Contiguous().ToArray<double>();
        for (int row = 0; row < values.Length / length; row++)
        {
            Assert.Equal(1.0, values.Skip(row * length).Take(length).Sum(), 5);
            for (int column = realLength; column < length; column++) Assert.Equal(0.0, values[row * length + column]);
            Assert.All(values.Skip(row * length).Take(length), v => Assert.InRange(v, 0.0, 1.0));
        }
    }

    [Fact]
    public void AttentionRowsSumToOneAndPaddingChangesNothing()
    {
        var model = new AttentionWordClassifier(WordTokens.Alphabet.Count, embedDim: 8, numHeads: 2, maxLength: 10, generator: new Generator(2));
        var short_ = WordTokens.Encode(["cat"], WordTokens.Alphabet, frame: false);
        var padded = WordTokens.Encode(["cat"], WordTokens.Alphabet, frame: false, length: 7);
        var (logits, weights) = model.ForwardWithWeights(short_);
        var (paddedLogits, paddedWeights) = model.ForwardWithWeights(padded);
        Assert.Equal([1, 3, 3], weights.Shape.ToArray());
        Assert.Equal([1, 7, 7], paddedWeights.Shape.ToArray());
        AssertRowsAreDistributions(paddedWeights, realLength: 3);
        // Padding is masked out of the attention and the mean, so the scores do not change.
        Assert.Equal(logits.ToArray<float>(), paddedLogits.ToArray<float>(), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(weights.ToArray<float>(), paddedWeights.Narrow(1, 0, 3).Narrow(2, 0, 3).Contiguous().ToArray<float>(), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void ErrorsNameTheProblem()
    {
        var model = new AttentionWordClassifier(WordTokens.Alphabet.Count, embedDim: 8, numHeads: 2, maxLength: 6);
        var empty = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.FromArray(new long[,] { { 3, 4 }, { 0, 0 } })));
        Assert.Contains("row 1", empty.Message);
        Assert.Contains("all padding", empty.Message);
        var floats = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(2, 3)));
        Assert.Contains("AttentionWordClassifier", floats.Message);
        Assert.Contains("Int64 [N, L]", floats.Message);
        var tooLong = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Full([1, 7], 3, DType.Int64)));
        Assert.Contains("max_len = 6", tooLong.Message);
        Assert.Contains("divisible", Assert.Throws<ArgumentException>(() => new AttentionWordClassifier(10, embedDim: 9, numHeads: 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttentionWordClassifier(10, numClasses: 1));
    }
}
