using Myelin.NN;
using Myelin.Optim;
using Xunit.Abstractions;

namespace Myelin.Tests.Sequence;

// The learning tests allocate heavily for several seconds; running them alone keeps them from disturbing
// tests that measure allocations.
[CollectionDefinition(nameof(SequenceLearningTests), DisableParallelization = true)]
public sealed class SequenceLearningTestsCollection;

/// <summary>
/// Proof that the sequence layers learn: an LSTM that remembers and reverses digit strings, and a small causal
/// transformer that learns to sort them, each to a stated token accuracy on fresh examples, in seconds.
/// </summary>
[Collection(nameof(SequenceLearningTests))]
public class SequenceLearningTests(ITestOutputHelper output)
{
    const int Digits = 10;
    const int Separator = 10;

    /// <summary>Random digit strings [N, length] (Int64).</summary>
    static long[,] RandomDigits(int count, int length, Generator generator)
    {
        var digits = new long[count, length];
        for (int i = 0; i < count; i++)
            for (int t = 0; t < length; t++)
                digits[i, t] = generator.NextInt(Digits);
        return digits;
    }

    static double TokenAccuracy(Tensor logits, Tensor targets) =>
        logits.ArgMax(-1).Eq(targets).To(DType.Float32).Mean().Item();

    /// <summary>
    /// Reads x₁ … x₄ then a separator and three more, one token per step, and must output the digits reversed at the four
    /// steps from the separator on (x₄ … x₁): the whole string has to be held in the LSTM's state.
    /// </summary>
    sealed class Reverser : Module
    {
        readonly Embedding embedding;
        readonly LSTM lstm;
        readonly Linear head;

        public Reverser(Generator generator)
        {
            embedding = Register("embedding", new Embedding(Digits + 1, 16, generator: generator));
            lstm = Register("lstm", new LSTM(16, 64, batchFirst: true, generator: generator));
            head = Register("head", new Linear(64, Digits, generator: generator));
        }

        public override Tensor Forward(Tensor tokens) => head.Forward(lstm.Forward(embedding.Forward(tokens)));
    }

    static (Tensor Inputs, Tensor Targets) ReversalBatch(int count, int length, Generator generator)
    {
        var digits = RandomDigits(count, length, generator);
        var inputs = new long[count, 2 * length];
        var targets = new long[count, length];
        for (int i = 0; i < count; i++)
        {
            for (int t = 0; t < length; t++)
            {
                inputs[i, t] = digits[i, t];
                targets[i, t] = digits[i, length - 1 - t];
            }
            for (int t = length; t < 2 * length; t++) inputs[i, t] = Separator;
        }
        return (Tensor.FromArray(inputs), Tensor.FromArray(targets));
    }

    [Fact]
    public void LstmLearnsToReverseDigitStrings()
    {
        const int length = 4;
        var generator = new Generator(1);
        var model = new Reverser(generator);
        var optimizer = new Adam(model.Parameters(), lr: 0.02);
        for (int step = 0; step < 150; step++)
        {
            var (inputs, targets) = ReversalBatch(64, length, generator);
            var logits = model.Forward(inputs).Narrow(1, length, length);
            optimizer.ZeroGrad();
            F.CrossEntropy(logits.Reshape(-1, Digits), targets.Reshape(-1)).Backward();
            GradientClipping.ClipGradNorm(model.Parameters(), 1.0);
            optimizer.Step();
        }
        model.Eval();
        var (testInputs, testTargets) = ReversalBatch(500, length, new Generator(2));
        double accuracy;
        using (Autograd.NoGrad()) accuracy = TokenAccuracy(model.Forward(testInputs).Narrow(1, length, length), testTargets);
        output.WriteLine($"reversal token accuracy on fresh strings {accuracy:P2}");
        Assert.True(accuracy >= 0.95, $"token accuracy {accuracy:P1} reversing fresh digit strings");
    }

    /// <summary>x₁ … x₅, separator, sorted x: the model predicts each next token; only the sorted half is scored.</summary>
    static Tensor SortingSequences(int count, int length, Generator generator)
    {
        var digits = RandomDigits(count, length, generator);
        var sequences = new long[count, 2 * length + 1];
        for (int i = 0; i < count; i++)
        {
            var sorted = new long[length];
            for (int t = 0; t < length; t++) sequences[i, t] = sorted[t] = digits[i, t];
            Array.Sort(sorted);
            sequences[i, length] = Separator;
            for (int t = 0; t < length; t++) sequences[i, length + 1 + t] = sorted[t];
        }
        return Tensor.FromArray(sequences);
    }

    [Fact]
    public void CausalTransformerLearnsToSortDigits()
    {
        const int length = 5;
        var generator = new Generator(3);
        var model = new CausalTransformerLM(vocabSize: Digits + 1, dModel: 32, nHead: 4, numLayers: 2, dimFeedforward: 64,
            maxLength: 2 * length, dropout: 0, generator: generator);
        var optimizer = new Adam(model.Parameters(), lr: 5e-3);
        // Position t predicts token t + 1; the answer tokens sit at positions length + 1 … 2·length.
        Tensor AnswerLogits(Tensor sequences) => model.Forward(sequences.Narrow(1, 0, 2 * length)).Narrow(1, length, length);
        for (int step = 0; step < 250; step++)
        {
            var sequences = SortingSequences(32, length, generator);
            optimizer.ZeroGrad();
            F.CrossEntropy(AnswerLogits(sequences).Reshape(-1, Digits + 1), sequences.Narrow(1, length + 1, length).Reshape(-1)).Backward();
            optimizer.Step();
        }
        model.Eval();
        var test = SortingSequences(500, length, new Generator(4));
        double accuracy, exact;
        using (Autograd.NoGrad())
        {
            var predicted = AnswerLogits(test).ArgMax(-1);
            var correct = predicted.Eq(test.Narrow(1, length + 1, length)).To(DType.Float32);
            accuracy = correct.Mean().Item();
            exact = correct.Min(1).Mean().Item();
        }
        output.WriteLine($"sorting token accuracy on fresh strings {accuracy:P2}, whole strings {exact:P2}");
        Assert.True(accuracy >= 0.95, $"token accuracy {accuracy:P1} sorting fresh digit strings");
        Assert.True(exact >= 0.9, $"{exact:P1} of fresh digit strings sorted without a mistake");

        // Greedy generation from the prompt alone writes the sorted string.
        var prompt = Tensor.FromArray(new long[] { 7, 3, 9, 3, 0, Separator });
        var generated = model.Generate(prompt, length, temperature: 1e-3, generator: new Generator(5)).ToArray<long>();
        Assert.Equal(new long[] { 0, 3, 3, 7, 9 }, generated[(length + 1)..]);
    }
}
