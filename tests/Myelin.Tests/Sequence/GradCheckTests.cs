using Myelin.NN;
using static Myelin.Tests.Sequence.ModuleGradCheck;

namespace Myelin.Tests.Sequence;

/// <summary>Float64 finite-difference gradient checks of every sequence layer, through inputs, states and parameters.</summary>
public class GradCheckTests
{
    static Generator Seed(ulong seed) => new(seed);

    [Theory]
    [InlineData(RNNNonlinearity.Tanh)]
    [InlineData(RNNNonlinearity.ReLU)]
    public void RNNCell(RNNNonlinearity nonlinearity)
    {
        var cell = new RNNCell(3, 4, nonlinearity: nonlinearity, generator: Seed(1), dtype: DType.Float64);
        ModuleGradCheck.Assert(cell, t => cell.Forward(t[0], t[1]), [Input(2, 2, 3), Input(3, 2, 4)]);
    }

    [Fact]
    public void LSTMCell()
    {
        var cell = new LSTMCell(3, 4, generator: Seed(4), dtype: DType.Float64);
        ModuleGradCheck.Assert(cell, t => { var (h, c) = cell.Forward(t[0], (t[1], t[2])); return Flat(h, c); },
            [Input(5, 2, 3), Input(6, 2, 4), Input(7, 2, 4)]);
    }

    [Fact]
    public void GRUCell()
    {
        var cell = new GRUCell(3, 4, generator: Seed(8), dtype: DType.Float64);
        ModuleGradCheck.Assert(cell, t => cell.Forward(t[0], t[1]), [Input(9, 2, 3), Input(10, 2, 4)]);
    }

    [Fact]
    public void RNNTwoLayersBidirectionalBatchFirst()
    {
        var rnn = new RNN(2, 3, numLayers: 2, batchFirst: true, bidirectional: true, generator: Seed(11), dtype: DType.Float64);
        ModuleGradCheck.Assert(rnn, t => { var (y, h) = rnn.Forward(t[0], t[1]); return Flat(y, h); },
            [Input(12, 2, 4, 2), Input(13, 4, 2, 3)]);
    }

    [Fact]
    public void RNNReLUSeveralSteps()
    {
        var rnn = new RNN(2, 3, nonlinearity: RNNNonlinearity.ReLU, generator: Seed(14), dtype: DType.Float64);
        ModuleGradCheck.Assert(rnn, t => { var (y, h) = rnn.Forward(t[0], t[1]); return Flat(y, h); },
            [Input(15, 4, 2, 2), Input(16, 1, 2, 3)]);
    }

    [Fact]
    public void LSTMTwoLayersBidirectional()
    {
        var lstm = new LSTM(2, 3, numLayers: 2, bidirectional: true, generator: Seed(17), dtype: DType.Float64);
        ModuleGradCheck.Assert(lstm, t => { var (y, (h, c)) = lstm.Forward(t[0], (t[1], t[2])); return Flat(y, h, c); },
            [Input(18, 3, 2, 2), Input(19, 4, 2, 3), Input(20, 4, 2, 3)]);
    }

    [Fact]
    public void LSTMSeveralStepsUnbatched()
    {
        var lstm = new LSTM(3, 2, generator: Seed(21), dtype: DType.Float64);
        ModuleGradCheck.Assert(lstm, t => { var (y, (h, c)) = lstm.Forward(t[0], null); return Flat(y, h, c); }, [Input(22, 5, 3)]);
    }

    [Fact]
    public void GRUTwoLayersWithState()
    {
        var gru = new GRU(2, 3, numLayers: 2, generator: Seed(23), dtype: DType.Float64);
        ModuleGradCheck.Assert(gru, t => { var (y, h) = gru.Forward(t[0], t[1]); return Flat(y, h); },
            [Input(24, 4, 2, 2), Input(25, 2, 2, 3)]);
    }

    [Fact]
    public void GRUBidirectionalBatchFirst()
    {
        var gru = new GRU(2, 2, batchFirst: true, bidirectional: true, generator: Seed(26), dtype: DType.Float64);
        ModuleGradCheck.Assert(gru, t => { var (y, h) = gru.Forward(t[0], null); return Flat(y, h); }, [Input(27, 2, 3, 2)]);
    }

    [Fact]
    public void Embedding()
    {
        // No padding index here: by design the padding row gets no gradient although the output depends on it
        // (EmbeddingTests checks that).
        var embedding = new Embedding(5, 3, generator: Seed(28), dtype: DType.Float64);
        var tokens = Tensor.FromArray(new long[] { 0, 1, 4, 4, 2, 1 }, 2, 3);
        ModuleGradCheck.Assert(embedding, _ => embedding.Forward(tokens), []);
    }

    [Fact]
    public void ScaledDotProductAttentionWithCausalAndFloatMasks()
    {
        GradCheck.Assert(t => F.ScaledDotProductAttention(t[0], t[1], t[2], isCausal: true), [Input(29, 2, 3, 4), Input(30, 2, 3, 4), Input(31, 2, 3, 2)]);
        var additive = Tensor.Randn([3, 5], Seed(32), DType.Float64);
        GradCheck.Assert(t => F.ScaledDotProductAttention(t[0], t[1], t[2], additive), [Input(33, 2, 3, 4), Input(34, 2, 5, 4), Input(35, 2, 5, 3)]);
    }

    [Fact]
    public void ScaledDotProductAttentionWithAFullyMaskedRow()
    {
        // Query 0 may see no key: its weights and output are zero, and gradients stay finite.
        var mask = Tensor.FromArray(new[,] { { true, true, true }, { false, true, false } });
        GradCheck.Assert(t => F.ScaledDotProductAttention(t[0], t[1], t[2], mask), [Input(36, 2, 4), Input(37, 3, 4), Input(38, 3, 2)]);
    }

    [Fact]
    public void MultiheadAttentionSelfWithCausalMask()
    {
        var attention = new MultiheadAttention(4, 2, generator: Seed(39), dtype: DType.Float64);
        Init.Normal(attention.InProjBias!, 0, 0.5, Seed(40));
        ModuleGradCheck.Assert(attention, t => attention.Forward(t[0], t[0], t[0], isCausal: true).Output, [Input(41, 3, 2, 4)]);
    }

    [Fact]
    public void MultiheadAttentionCrossWithKeyPaddingMaskAndPerHeadWeights()
    {
        var attention = new MultiheadAttention(4, 2, batchFirst: true, generator: Seed(42), dtype: DType.Float64);
        var padding = Tensor.FromArray(new[,] { { false, false, true }, { false, false, false } });
        ModuleGradCheck.Assert(attention,
            t => { var (y, w) = attention.Forward(t[0], t[1], t[2], padding, averageAttnWeights: false); return Flat(y, w!); },
            [Input(43, 2, 2, 4), Input(44, 2, 3, 4), Input(45, 2, 3, 4)]);
    }

    [Theory]
    [InlineData(false, TransformerActivation.ReLU)]
    [InlineData(true, TransformerActivation.GELU)]
    public void TransformerEncoderLayerWithMasks(bool normFirst, TransformerActivation activation)
    {
        var layer = new TransformerEncoderLayer(4, 2, dimFeedforward: 6, dropout: 0, activation, normFirst: normFirst,
            generator: Seed(46), dtype: DType.Float64);
        var padding = Tensor.FromArray(new[,] { { false, false, true }, { false, false, false } });
        ModuleGradCheck.Assert(layer, t => layer.Forward(t[0], F.CausalMask(3), padding), [Input(47, 3, 2, 4)]);
    }

    [Fact]
    public void LearnedPositionalEmbeddingAndPositionalEncoding()
    {
        var learned = new LearnedPositionalEmbedding(5, 3, batchFirst: true, generator: Seed(48), dtype: DType.Float64);
        ModuleGradCheck.Assert(learned, t => learned.Forward(t[0]), [Input(49, 2, 4, 3)]);
        var fixedSignal = new PositionalEncoding(3, dropout: 0, maxLength: 6, dtype: DType.Float64);
        GradCheck.Assert(t => fixedSignal.Forward(t[0]), [Input(50, 4, 2, 3)]);
    }

    [Fact]
    public void CausalTransformerLM()
    {
        var model = new CausalTransformerLM(vocabSize: 5, dModel: 4, nHead: 2, numLayers: 1, dimFeedforward: 6, maxLength: 4,
            dropout: 0, generator: Seed(51), dtype: DType.Float64);
        var tokens = Tensor.FromArray(new long[] { 1, 4, 0, 2, 3, 3 }, 2, 3);
        ModuleGradCheck.Assert(model, _ => model.Forward(tokens), []);
    }

    [Fact]
    public void PadBatchPassesGradientsToTheSequences()
    {
        GradCheck.Assert(t => Sequences.PadBatch([t[0], t[1]], paddingValue: -1).Padded, [Input(52, 3, 2), Input(53, 1, 2)]);
    }
}
