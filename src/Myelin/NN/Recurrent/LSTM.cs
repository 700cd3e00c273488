namespace Myelin.NN;

/// <summary>
/// A multi-layer long short-term memory network: every layer runs <see cref="LSTMCell"/>'s step over the
/// sequence (gates i, f, g, o in PyTorch's order), and its hidden states are the next layer's inputs.
/// Shape: input [L, N, inputSize] ([N, L, inputSize] with batchFirst, or unbatched [L, inputSize]);
/// h0 and c0 [numLayers·D, N, hiddenSize] → output [L, N, D·hiddenSize] (the last layer's h_t for every t) and
/// (hN, cN), each [numLayers·D, N, hiddenSize]; D = 2 when bidirectional, else 1.
/// </summary>
/// <example><code>
/// var lstm = new LSTM(inputSize: 64, hiddenSize: 128, batchFirst: true);
/// var (output, (h, c)) = lstm.Forward(Tensor.Randn(32, 20, 64), state: null);   // [32, 20, 128], [1, 32, 128] twice
/// Tensor last = output.Select(1, -1);                                             // the last step, [32, 128]
/// </code></example>
public sealed class LSTM : RNNBase
{
    /// <summary>Creates the layer with freshly initialised parameters (U(−1/√hiddenSize, 1/√hiddenSize)).</summary>
    /// <param name="inputSize">The number of features of each input step.</param>
    /// <param name="hiddenSize">The number of features of the hidden and cell states.</param>
    /// <param name="numLayers">The number of stacked layers.</param>
    /// <param name="bias">Whether to learn the biases bias_ih and bias_hh.</param>
    /// <param name="batchFirst">Whether inputs and outputs are [N, L, features].</param>
    /// <param name="dropout">Dropout probability on the outputs of every layer but the last (training mode only).</param>
    /// <param name="bidirectional">Whether each layer also runs backwards over the sequence.</param>
    /// <param name="generator">Draws the initial values and dropout masks; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    public LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, Generator? generator = null, DType dtype = DType.Float32)
        : base("LSTM", gates: 4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator, dtype) { }

    /// <summary>Runs the layer from zero states and returns the output sequence. Shape: [L, N, inputSize] → [L, N, D·hiddenSize].</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null).Output;

    /// <summary>Runs the layer: the output sequence and the final hidden and cell states of every layer and direction.</summary>
    /// <param name="input">The sequence: [L, N, inputSize], [N, L, inputSize] with batchFirst, or unbatched [L, inputSize].</param>
    /// <param name="state">The initial (h0, c0), each [numLayers·D, N, hiddenSize] (unbatched: [numLayers·D, hiddenSize]); null for zeros.</param>
    /// <exception cref="ArgumentException">A shape does not match the layer.</exception>
    public (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor input, (Tensor H, Tensor C)? state)
    {
        var (output, final) = Run(input, [state?.H, state?.C], ["h0", "c0"]);
        return (RecordOutput(output), (final[0], final[1]));
    }

    private protected override Tensor[] Step(Tensor inputProjection, Tensor[] state, Tensor weightHh, Tensor? biasHh)
    {
        var (h, c) = LSTMCell.Step(inputProjection, state[0], state[1], weightHh, biasHh);
        return [h, c];
    }
}
