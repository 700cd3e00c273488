namespace Myelin.NN;

/// <summary>
/// One step of a long short-term memory network. With the gates stacked in PyTorch's order (input i, forget f,
/// cell g, output o):
/// <code>
/// i = σ(W_ii x + b_ii + W_hi h + b_hi)      f = σ(W_if x + b_if + W_hf h + b_hf)
/// g = tanh(W_ig x + b_ig + W_hg h + b_hg)   o = σ(W_io x + b_io + W_ho h + b_ho)
/// c' = f ⊙ c + i ⊙ g                        h' = o ⊙ tanh(c')
/// </code>
/// The cell state c carries information across many steps; the forget gate decides what to keep.
/// Shape: input [N, inputSize] or [inputSize]; h and c [N, hiddenSize] or [hiddenSize] → (h', c') of the same shape;
/// weight_ih [4·hiddenSize, inputSize]; weight_hh [4·hiddenSize, hiddenSize]; bias_ih, bias_hh [4·hiddenSize].
/// </summary>
public sealed class LSTMCell : RNNCellBase
{
    /// <summary>Creates the cell with freshly initialised parameters (U(−1/√hiddenSize, 1/√hiddenSize)).</summary>
    /// <param name="inputSize">The number of features of each input.</param>
    /// <param name="hiddenSize">The number of features of the hidden and cell states.</param>
    /// <param name="bias">Whether to learn the biases bias_ih and bias_hh.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    public LSTMCell(int inputSize, int hiddenSize, bool bias = true, Generator? generator = null, DType dtype = DType.Float32)
        : base("LSTMCell", inputSize, hiddenSize, bias, gates: 4, generator, dtype) { }

    /// <summary>One step from zero states, returning the new hidden state h'. Shape: [N, inputSize] → [N, hiddenSize].</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null).H;

    /// <summary>One step: the new hidden and cell states. Shape: [N, inputSize], ([N, hiddenSize], [N, hiddenSize]) → ([N, hiddenSize], [N, hiddenSize]).</summary>
    /// <param name="input">The input of this step.</param>
    /// <param name="state">The previous (h, c); null for zeros.</param>
    /// <exception cref="ArgumentException">A shape does not match the cell.</exception>
    public (Tensor H, Tensor C) Forward(Tensor input, (Tensor H, Tensor C)? state)
    {
        var (x, batched) = CheckInput(input);
        var h = CheckState(state?.H, "h", x, batched);
        var c = CheckState(state?.C, "c", x, batched);
        var (nextH, nextC) = Step(F.Linear(x, WeightIh, BiasIh), h, c, WeightHh, BiasHh);
        return batched ? (RecordOutput(nextH), nextC) : (RecordOutput(nextH.Squeeze(0)), nextC.Squeeze(0));
    }

    /// <summary>
    /// The recurrence given the input's projection x·W_ihᵀ + b_ih [N, 4H] (computed beforehand, for all steps
    /// at once in <see cref="LSTM"/>).
    /// </summary>
    internal static (Tensor H, Tensor C) Step(Tensor inputProjection, Tensor h, Tensor c, Tensor weightHh, Tensor? biasHh)
    {
        var gates = (inputProjection + F.Linear(h, weightHh, biasHh)).Chunk(4, -1);
        var inputGate = gates[0].Sigmoid();
        var forgetGate = gates[1].Sigmoid();
        var candidate = gates[2].Tanh();
        var outputGate = gates[3].Sigmoid();
        var nextC = forgetGate * c + inputGate * candidate;
        return (outputGate * nextC.Tanh(), nextC);
    }
}
