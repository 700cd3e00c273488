namespace Myelin.NN;

/// <summary>
/// A multi-layer gated recurrent unit network: every layer runs <see cref="GRUCell"/>'s step over the sequence
/// (gates r, z, n in PyTorch's order, with n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))), and its hidden
/// states are the next layer's inputs.
/// Shape: input [L, N, inputSize] ([N, L, inputSize] with batchFirst, or unbatched [L, inputSize]); h0 [numLayers·D, N, hiddenSize]
/// → output [L, N, D·hiddenSize] (the last layer's h_t for every t) and hN [numLayers·D, N, hiddenSize]; D = 2 when bidirectional, else 1.
/// </summary>
public sealed class GRU : RNNBase
{
    /// <summary>Creates the layer with freshly initialised parameters (U(−1/√hiddenSize, 1/√hiddenSize)).</summary>
    /// <param name="inputSize">The number of features of each input step.</param>
    /// <param name="hiddenSize">The number of features of the hidden state.</param>
    /// <param name="numLayers">The number of stacked layers.</param>
    /// <param name="bias">Whether to learn the biases bias_ih and bias_hh.</param>
    /// <param name="batchFirst">Whether inputs and outputs are [N, L, features].</param>
    /// <param name="dropout">Dropout probability on the outputs of every layer but the last (training mode only).</param>
    /// <param name="bidirectional">Whether each layer also runs backwards over the sequence.</param>
    /// <param name="generator">Draws the initial values and dropout masks; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    public GRU(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, Generator? generator = null, DType dtype = DType.Float32)
        : base("GRU", gates: 3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator, dtype) { }

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

    // b_hn sits inside r ⊙ (W_hn h + b_hn), so b_hh cannot be folded into the input projection.
    private protected override bool FoldsHiddenBias => false;

    private protected override Tensor[] Step(Tensor inputProjection, Tensor[] state, Tensor weightHh, Tensor? biasHh) =>
        [GRUCell.Step(inputProjection, state[0], weightHh, biasHh)];
}
