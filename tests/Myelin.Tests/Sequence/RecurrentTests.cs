using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Sequence;

public class RecurrentTests
{
    static Tensor Randn(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed));

    [Fact]
    public void ParameterNamesAndShapesFollowPyTorch()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, bidirectional: true);
        var shapes = lstm.NamedParameters().Select(p => $"{p.Name} {Module.FormatShape(p.Parameter.Shape)}").ToArray();
        Assert.Equal(
        [
            "weight_ih_l0 [16, 3]", "weight_hh_l0 [16, 4]", "bias_ih_l0 [16]", "bias_hh_l0 [16]",
            "weight_ih_l0_reverse [16, 3]", "weight_hh_l0_reverse [16, 4]", "bias_ih_l0_reverse [16]", "bias_hh_l0_reverse [16]",
            "weight_ih_l1 [16, 8]", "weight_hh_l1 [16, 4]", "bias_ih_l1 [16]", "bias_hh_l1 [16]",
            "weight_ih_l1_reverse [16, 8]", "weight_hh_l1_reverse [16, 4]", "bias_ih_l1_reverse [16]", "bias_hh_l1_reverse [16]",
        ], shapes);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0"], new GRU(2, 3, bias: false).NamedParameters().Select(p => p.Name));
        Assert.Equal([9, 2], new GRU(2, 3).NamedParameters().First().Parameter.Shape.ToArray());
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], new LSTMCell(2, 3).NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void InitialisesUniformlyWithinOneOverSqrtHidden()
    {
        var rnn = new RNN(10, 16, generator: new Generator(1));
        var values = rnn.Parameters().SelectMany(p => p.ToArray()).ToArray();
        Assert.All(values, v => Assert.InRange(v, -0.25f, 0.25f));
        Assert.True(values.Max() > 0.23f && values.Min() < -0.23f);
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("RNN(3, 4, num_layers=2, bidirectional=True)", new RNN(3, 4, 2, RNNNonlinearity.ReLU, bidirectional: true).ToString());
        Assert.Equal("LSTM(3, 4, num_layers=2, batch_first=True, dropout=0.1)", new LSTM(3, 4, 2, batchFirst: true, dropout: 0.1).ToString());
        Assert.Equal("GRU(3, 4, bias=False)", new GRU(3, 4, bias: false).ToString());
        Assert.Equal("RNNCell(3, 4, nonlinearity=relu)", new RNNCell(3, 4, nonlinearity: RNNNonlinearity.ReLU).ToString());
        Assert.Equal("LSTMCell(3, 4)", new LSTMCell(3, 4).ToString());
    }

    [Fact]
    public void OutputShapesForEveryLayout()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, bidirectional: true);
        var (output, (h, c)) = lstm.Forward(Randn(1, 5, 2, 3), null);
        Assert.Equal([5, 2, 8], output.Shape.ToArray());
        Assert.Equal([4, 2, 4], h.Shape.ToArray());
        Assert.Equal([4, 2, 4], c.Shape.ToArray());

        var batchFirst = new GRU(3, 4, batchFirst: true);
        var (y, hN) = batchFirst.Forward(Randn(2, 2, 5, 3), null);
        Assert.Equal([2, 5, 4], y.Shape.ToArray());
        Assert.Equal([1, 2, 4], hN.Shape.ToArray());
        Assert.Equal([2, 5, 4], batchFirst.Forward(Randn(2, 2, 5, 3)).Shape.ToArray());
    }

    [Fact]
    public void UnbatchedInputMatchesABatchOfOne()
    {
        var rnn = new RNN(3, 4, numLayers: 2, bidirectional: true, generator: new Generator(3));
        var x = Randn(4, 5, 3);
        var h0 = Randn(5, 4, 4);
        var (y, hN) = rnn.Forward(x, h0);
        Assert.Equal([5, 8], y.Shape.ToArray());
        Assert.Equal([4, 4], hN.Shape.ToArray());
        var (yBatched, hBatched) = rnn.Forward(x.Unsqueeze(1), h0.Unsqueeze(1));
        TensorAssert.Close(yBatched.Squeeze(1), y, 1e-6, 1e-7, "output");
        TensorAssert.Close(hBatched.Squeeze(1), hN, 1e-6, 1e-7, "h_n");
    }

    [Fact]
    public void BatchFirstIsATransposeOfTimeFirst()
    {
        var timeFirst = new LSTM(3, 4, generator: new Generator(6));
        var batchFirst = new LSTM(3, 4, batchFirst: true);
        batchFirst.LoadStateDict(timeFirst.StateDict());
        var x = Randn(7, 5, 2, 3);
        var (a, (ha, _)) = timeFirst.Forward(x, null);
        var (b, (hb, _)) = batchFirst.Forward(x.Transpose(0, 1), null);
        TensorAssert.Close(a.Transpose(0, 1), b, 1e-6, 1e-7, "output");
        TensorAssert.Close(ha, hb, 1e-6, 1e-7, "h_n");
    }

    [Fact]
    public void CarryingTheStateAcrossTwoHalvesEqualsOneRun()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, generator: new Generator(8));
        var x = Randn(9, 6, 2, 3);
        var (whole, (h, c)) = lstm.Forward(x, null);
        var (first, state) = lstm.Forward(x.Narrow(0, 0, 3), null);
        var (second, (h2, c2)) = lstm.Forward(x.Narrow(0, 3, 3), state);
        TensorAssert.Close(whole, Tensor.Cat([first, second], 0), 1e-5, 1e-6, "output");
        TensorAssert.Close(h, h2, 1e-5, 1e-6, "h");
        TensorAssert.Close(c, c2, 1e-5, 1e-6, "c");
    }

    [Fact]
    public void LayersEqualTheirCellsStepByStep()
    {
        var x = Randn(10, 4, 2, 3);
        var lstm = new LSTM(3, 5, generator: new Generator(11));
        var lstmCell = new LSTMCell(3, 5);
        lstmCell.LoadStateDict(lstm.StateDict().ToDictionary(p => p.Key.Replace("_l0", ""), p => p.Value));
        var gru = new GRU(3, 5, generator: new Generator(12));
        var gruCell = new GRUCell(3, 5);
        gruCell.LoadStateDict(gru.StateDict().ToDictionary(p => p.Key.Replace("_l0", ""), p => p.Value));
        var rnn = new RNN(3, 5, nonlinearity: RNNNonlinearity.ReLU, generator: new Generator(13));
        var rnnCell = new RNNCell(3, 5, nonlinearity: RNNNonlinearity.ReLU);
        rnnCell.LoadStateDict(rnn.StateDict().ToDictionary(p => p.Key.Replace("_l0", ""), p => p.Value));

        (Tensor H, Tensor C)? lstmState = null;
        Tensor? gruState = null, rnnState = null;
        var lstmSteps = new List<Tensor>();
        var gruSteps = new List<Tensor>();
        var rnnSteps = new List<Tensor>();
        for (int t = 0; t < 4; t++)
        {
            lstmState = lstmCell.Forward(x[t], lstmState);
            gruState = gruCell.Forward(x[t], gruState);
            rnnState = rnnCell.Forward(x[t], rnnState);
            lstmSteps.Add(lstmState.Value.H);
            gruSteps.Add(gruState);
            rnnSteps.Add(rnnState);
        }
        TensorAssert.Close(Tensor.Stack(lstmSteps), lstm.Forward(x), 1e-5, 1e-6, "LSTM");
        TensorAssert.Close(Tensor.Stack(gruSteps), gru.Forward(x), 1e-5, 1e-6, "GRU");
        TensorAssert.Close(Tensor.Stack(rnnSteps), rnn.Forward(x), 1e-5, 1e-6, "RNN");
    }

    [Fact]
    public void BidirectionalReverseHalfReadsTheSequenceBackwards()
    {
        var bidirectional = new GRU(2, 3, bidirectional: true, generator: new Generator(14));
        var backwardOnly = new GRU(2, 3);
        backwardOnly.LoadStateDict(bidirectional.StateDict().Where(p => p.Key.EndsWith("_reverse"))
            .ToDictionary(p => p.Key.Replace("_reverse", ""), p => p.Value));
        var x = Randn(15, 5, 1, 2);
        var reversed = Tensor.Cat(Enumerable.Range(0, 5).Reverse().Select(t => x.Narrow(0, t, 1)).ToArray(), 0);
        var (y, hN) = bidirectional.Forward(x, null);
        var (yBack, hBack) = backwardOnly.Forward(reversed, null);
        var yBackInOrder = Tensor.Cat(Enumerable.Range(0, 5).Reverse().Select(t => yBack.Narrow(0, t, 1)).ToArray(), 0);
        TensorAssert.Close(yBackInOrder, y.Narrow(2, 3, 3), 1e-5, 1e-6, "reverse half of the output");
        TensorAssert.Close(hBack[0], hN[1], 1e-5, 1e-6, "reverse final state");
    }

    [Fact]
    public void InferenceWithoutGradientsGivesTheSameResults()
    {
        // Without gradients the input projection of all steps is one product; with them, one per step.
        foreach (RNNBase layer in new RNNBase[] { new LSTM(3, 4, 2, bidirectional: true), new GRU(3, 4, 2, bidirectional: true), new RNN(3, 4, 2) })
        {
            var x = Randn(18, 5, 2, 3);
            var recorded = layer.Forward(x);
            Assert.True(recorded.RequiresGrad);
            Tensor inferred;
            using (Autograd.NoGrad()) inferred = layer.Forward(x);
            Assert.False(inferred.RequiresGrad);
            TensorAssert.Close(recorded, inferred, 1e-5, 1e-6, layer.GetType().Name);
        }
    }

    [Fact]
    public void DropoutActsBetweenLayersOnlyInTraining()
    {
        var lstm = new LSTM(3, 8, numLayers: 2, dropout: 0.5, generator: new Generator(16));
        var x = Randn(17, 4, 2, 3);
        var first = lstm.Forward(x);
        var second = lstm.Forward(x);
        Assert.NotEqual(first.ToArray(), second.ToArray());
        lstm.Eval();
        Assert.Equal(lstm.Forward(x).ToArray(), lstm.Forward(x).ToArray());
    }

    [Fact]
    public void WrongInputSizeNamesTheLayerAndTheShapes()
    {
        var lstm = new LSTM(3, 4, numLayers: 2);
        var error = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(5, 2, 7)));
        Assert.Contains("LSTM(3, 4, num_layers=2)", error.Message);
        Assert.Contains("[L, N, 3]", error.Message);
        Assert.Contains("[5, 2, 7]", error.Message);

        var cellError = Assert.Throws<ArgumentException>(() => new GRUCell(3, 4).Forward(Tensor.Zeros(2, 5)));
        Assert.Contains("GRUCell(3, 4)", cellError.Message);
        Assert.Contains("[2, 5]", cellError.Message);
        Assert.Throws<ArgumentException>(() => new RNN(3, 4).Forward(Tensor.Zeros(3)));
        Assert.Throws<ArgumentException>(() => new RNN(3, 4).Forward(Tensor.Zeros(0, 2, 3)));
    }

    [Fact]
    public void WrongStateShapeNamesTheState()
    {
        var gru = new GRU(3, 4, numLayers: 2);
        var error = Assert.Throws<ArgumentException>(() => gru.Forward(Tensor.Zeros(5, 2, 3), Tensor.Zeros(1, 2, 4)));
        Assert.Contains("GRU(3, 4, num_layers=2)", error.Message);
        Assert.Contains("h0 of shape [2, 2, 4]", error.Message);
        Assert.Contains("[1, 2, 4]", error.Message);

        var lstm = new LSTM(3, 4);
        var c0Error = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(5, 2, 3), (Tensor.Zeros(1, 2, 4), Tensor.Zeros(1, 3, 4))));
        Assert.Contains("c0", c0Error.Message);
        var cellError = Assert.Throws<ArgumentException>(() => new LSTMCell(3, 4).Forward(Tensor.Zeros(2, 3), (Tensor.Zeros(2, 4), Tensor.Zeros(2, 5))));
        Assert.Contains("expected c of shape [2, 4]", cellError.Message);
    }

    [Fact]
    public void TokenIndicesAreRejectedWithAHint()
    {
        var error = Assert.Throws<ArgumentException>(() => new LSTM(3, 4).Forward(Tensor.Zeros([5, 2, 3], DType.Int64)));
        Assert.Contains("Embedding", error.Message);
    }

    [Fact]
    public void BadConstructorArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GRU(3, 4, numLayers: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RNN(3, 4, dropout: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RNNCell(3, -1));
        Assert.Throws<ArgumentException>(() => new LSTM(3, 4, dtype: DType.Int64));
    }

    [Fact]
    public void SummaryShowsTheOutputSequenceShape()
    {
        var summary = new LSTM(3, 4, bidirectional: true).Summary(5, 2, 3);
        Assert.Contains("Output shape: [5, 2, 8]", summary);
        Assert.Contains("Total params: 288", summary);   // 2 directions × (16·3 + 16·4 + 16 + 16)
    }

    [Fact]
    public void Float64LayersRunInFloat64()
    {
        var lstm = new LSTM(3, 4, dtype: DType.Float64);
        var (y, (h, c)) = lstm.Forward(Tensor.Zeros([2, 1, 3], DType.Float64), null);
        Assert.Equal(DType.Float64, y.DType);
        Assert.Equal(DType.Float64, h.DType);
        Assert.Equal(DType.Float64, c.DType);
    }
}
