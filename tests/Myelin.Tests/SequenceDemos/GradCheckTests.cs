using Myelin.Examples;
using Myelin.NN;
using Myelin.Tests.Sequence;
using Myelin.Text;
using static Myelin.Tests.Sequence.ModuleGradCheck;

namespace Myelin.Tests.SequenceDemos;

/// <summary>Float64 finite-difference gradient checks of the example models and losses, through their inputs and every parameter.</summary>
public class GradCheckTests
{
    static Generator Seed(ulong seed) => new(seed);

    [Fact]
    public void CharLSTM()
    {
        var model = new CharLSTM(vocabSize: 7, embeddingDim: 3, hiddenSize: 4, numLayers: 2, generator: Seed(1), dtype: DType.Float64);
        // No padding in the input: the padding row is read but, by design, gets no gradient.
        var tokens = Tensor.FromArray(new long[,] { { 1, 3, 4, 5 }, { 1, 6, 2, 3 } });
        ModuleGradCheck.Assert(model, _ => model.Forward(tokens), [tokens]);
    }

    [Fact]
    public void CharLanguageModelLossOfPaddedWords()
    {
        var vocabulary = new CharVocabulary("abcd");
        var model = new CharLSTM(vocabulary.Count, embeddingDim: 3, hiddenSize: 4, generator: Seed(2), dtype: DType.Float64);
        // Padding follows the end of the shorter word, where every target is ignored.
        var tokens = WordTokens.Encode(["cab", "d"], vocabulary);
        ModuleGradCheck.Assert(model, _ => CharLanguageModelTraining.Loss(model, tokens, vocabulary), [tokens]);
    }

    [Theory]
    [InlineData(RecurrentKind.RNN)]
    [InlineData(RecurrentKind.LSTM)]
    [InlineData(RecurrentKind.GRU)]
    public void SineForecaster(RecurrentKind kind)
    {
        var model = new SineForecaster(kind, hiddenSize: 3, Seed(3), DType.Float64);
        ModuleGradCheck.Assert(model, t => model.Forward(t[0]), [Input(4, 2, 5, 1)]);
    }

    [Fact]
    public void AttentionWordClassifierWithPadding()
    {
        var model = new AttentionWordClassifier(vocabSize: 6, embedDim: 4, numHeads: 2, numClasses: 3, maxLength: 8, Seed(5), DType.Float64);
        var tokens = Tensor.FromArray(new long[,] { { 3, 4, 5, 0 }, { 5, 1, 2, 2 }, { 4, 0, 0, 0 } });
        ModuleGradCheck.Assert(model, _ => model.Forward(tokens), [tokens]);
    }

    [Fact]
    public void AttentionWeightsOfTheClassifier()
    {
        var model = new AttentionWordClassifier(vocabSize: 6, embedDim: 4, numHeads: 2, maxLength: 8, generator: Seed(6), dtype: DType.Float64);
        // No padding: the weights of a padding query read the padding row, which gets no gradient by design.
        var tokens = Tensor.FromArray(new long[,] { { 3, 4, 5, 1 }, { 5, 1, 2, 2 } });
        ModuleGradCheck.Assert(model, _ => model.ForwardWithWeights(tokens).Weights, [tokens]);
    }

    [Fact]
    public void MinibatchStdDev()
    {
        var layer = new MinibatchStdDev();
        GradCheck.Assert(t => layer.Forward(t[0]), [Input(7, 4, 3)]);
    }

    [Fact]
    public void GanLossesBothNetworks()
    {
        GradCheck.Assert(t => GanLosses.Discriminator(t[0], t[1]) + GanLosses.Generator(t[1]), [Input(8, 3, 1), Input(9, 4, 1)]);
    }

    [Fact]
    public void GanNetworksWithMinibatchStdDev()
    {
        var discriminator = GanNetworks.Discriminator(inputDim: 3, hidden: 4, minibatchStdDev: true, Seed(10), DType.Float64);
        ModuleGradCheck.Assert(discriminator, t => discriminator.Forward(t[0]), [Input(11, 5, 3)]);
        var generator = GanNetworks.Generator(noiseDim: 2, hidden: 4, outputDim: 3, tanhOutput: true, Seed(12), DType.Float64);
        ModuleGradCheck.Assert(generator, t => generator.Forward(t[0]), [Input(13, 5, 2)]);
    }
}
