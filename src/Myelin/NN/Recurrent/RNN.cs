namespace Myelin.NN;

/// <summary>
/// A multi-layer plain (Elman) recurrent network: at every step t, each layer computes
/// h_t = tanh(x_t·W_ihᵀ + b_ih + h_(t−1)·W_hhᵀ + b_hh) (or ReLU), and its outputs h_t are the next layer's inputs.
/// Shape: input [L, N, inputSize] ([N, L, inputSize] with batchFirst, or unbatched [L, inputSize]); h0 [numLayers·D, N, hiddenSize]
/// → output [L, N, D·hiddenSize] (the last layer's h_t for every t) and hN [numLayers·D, N, hiddenSize]; D = 2 when bidirectional, else 1.
/// </summary>
/// <example><code>
/// var rnn = new RNN(inputSize: 10, hiddenSize: 20, numLayers: 2);
/// var (output, hN) = rnn.Forward(Tensor.Randn(5, 3, 10), h0: null);   // [5, 3, 20] and [2, 3, 20]
/// </code></example>
public sealed class RNN : RNNBase
{
    /// <summary>Creates the layer with freshly initialised parameters (U(−1/√hiddenSize, 1/√hiddenSize)).</summary>
    /// <param name="inputSize">The number of features of each input step.</param>
    /// <param name="hiddenSize">The number of features of the hidden state.</param>
    /// <param name="numLayers">The number of stacked layers.</param>
    /// <param name="nonlinearity">tanh (default) or ReLU.</param>
    /// <param name="bias">Whether to learn the biases bias_ih and bias_hh.</param>
    /// <param name="batchFirst">Whether inputs and outputs are [N, L, features].</param>
    /// <param name="dropout">Dropout probability on the outputs of every layer but the last (training mode only).</param>
    /// <param name="bidirectional">Whether each layer also runs backwards over the sequence.</param>
    /// <param name="generator">Draws the initial values and dropout masks; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    public RNN(int inputSize, int hiddenSize, int numLayers = 1, RNNNonlinearity nonlinearity = RNNNonlinearity.Tanh,
        bool bias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false,
        Generator? generator = null, DType dtype = DType.Float32)
        : base("RNN", gates: 1, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator, dtype)
    {
        Nonlinearity = nonlinearity;
    }

    /// <summary>The activation of every step.</summary>
    public RNNNonlinearity Nonlinearity { get; }

    /// <summary>Runs the layer from zero states and returns the output sequence. Shape: [L, N, inputSize] → [L, N, D·hiddenSize].</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null).Output;

    /// <summary>Runs the layer: the output sequence and the final hidden state of every layer and direction.</summary>
    /// <param name="input">The sequence: [L, N, inputSize], [N, L, inputSize] with batchFirst, or unbatched [L, inputSize].</param>
    /// <param name="h0">The initial hidden states [numLayers·D, N, hiddenSize] (unbatched: [numLayers·D, hiddenSize]); null for zeros.</param>
    /// <exception cref="ArgumentException">A shape does not match the layer.</exception>
    public (Tensor Output, Tensor HN) Forward(Tensor input, Tensor? h0)
    {
        var (output, final) = Run(input, [h0], ["h0"]);
        return (RecordOutput(output), final[0]);
    }

    private protected override Tensor[] Step(Tensor inputProjection, Tensor[] state, Tensor weightHh, Tensor? biasHh) =>
        [RNNCell.Step(inputProjection, state[0], weightHh, biasHh, Nonlinearity)];
}
