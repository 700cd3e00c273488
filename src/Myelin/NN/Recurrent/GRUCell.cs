namespace Myelin.NN;

/// <summary>
/// One step of a gated recurrent unit. With the gates stacked in PyTorch's order (reset r, update z, new n):
/// <code>
/// r = σ(W_ir x + b_ir + W_hr h + b_hr)
/// z = σ(W_iz x + b_iz + W_hz h + b_hz)
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
/// h' = (1 − z) ⊙ n + z ⊙ h
/// </code>
/// Shape: input [N, inputSize] or [inputSize]; hidden state [N, hiddenSize] or [hiddenSize] → new hidden state of the same shape;
/// weight_ih [3·hiddenSize, inputSize]; weight_hh [3·hiddenSize, hiddenSize]; bias_ih, bias_hh [3·hiddenSize].
/// </summary>
public sealed class GRUCell : RNNCellBase
{
    /// <summary>Creates the cell with freshly initialised parameters (U(−1/√hiddenSize, 1/√hiddenSize)).</summary>
    /// <param name="inputSize">The number of features of each input.</param>
    /// <param name="hiddenSize">The number of features of the hidden state.</param>
    /// <param name="bias">Whether to learn the biases bias_ih and bias_hh.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    public GRUCell(int inputSize, int hiddenSize, bool bias = true, Generator? generator = null, DType dtype = DType.Float32)
        : base("GRUCell", inputSize, hiddenSize, bias, gates: 3, generator, dtype) { }

    /// <summary>One step from a zero hidden state. Shape: [N, inputSize] → [N, hiddenSize].</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>One step: the new hidden state. Shape: [N, inputSize], [N, hiddenSize] → [N, hiddenSize] (or unbatched without N).</summary>
    /// <param name="input">The input of this step.</param>
    /// <param name="hx">The previous hidden state; null for zeros.</param>
    /// <exception cref="ArgumentException">A shape does not match the cell.</exception>
    public Tensor Forward(Tensor input, Tensor? hx)
    {
        var (x, batched) = CheckInput(input);
        var h = CheckState(hx, "hx", x, batched);
        var next = Step(F.Linear(x, WeightIh, BiasIh), h, WeightHh, BiasHh);
        return RecordOutput(batched ? next : next.Squeeze(0));
    }

    /// <summary>
    /// The recurrence given the input's projection x·W_ihᵀ + b_ih [N, 3H] (computed beforehand, for all steps
    /// at once in <see cref="GRU"/>). b_hh stays separate: its n part sits inside r ⊙ (…).
    /// </summary>
    internal static Tensor Step(Tensor inputProjection, Tensor h, Tensor weightHh, Tensor? biasHh)
    {
        var fromInput = inputProjection.Chunk(3, -1);
        var fromHidden = F.Linear(h, weightHh, biasHh).Chunk(3, -1);
        var reset = (fromInput[0] + fromHidden[0]).Sigmoid();
        var update = (fromInput[1] + fromHidden[1]).Sigmoid();
        var candidate = (fromInput[2] + reset * fromHidden[2]).Tanh();
        // (1 − z) ⊙ n + z ⊙ h, written with one product fewer.
        return candidate + update * (h - candidate);
    }
}
