namespace Myelin.NN;

/// <summary>
/// One step of a plain (Elman) recurrent network: h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)
/// (or ReLU instead of tanh).
/// Shape: input [N, inputSize] or [inputSize]; hidden state [N, hiddenSize] or [hiddenSize] → new hidden state of the same shape;
/// weight_ih [hiddenSize, inputSize]; weight_hh [hiddenSize, hiddenSize]; bias_ih, bias_hh [hiddenSize].
/// </summary>
public sealed class RNNCell : RNNCellBase
{
    /// <summary>Creates the cell with freshly initialised parameters (U(−1/√hiddenSize, 1/√hiddenSize)).</summary>
    /// <param name="inputSize">The number of features of each input.</param>
    /// <param name="hiddenSize">The number of features of the hidden state.</param>
    /// <param name="bias">Whether to learn the biases bias_ih and bias_hh.</param>
    /// <param name="nonlinearity">tanh (default) or ReLU.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    public RNNCell(int inputSize, int hiddenSize, bool bias = true, RNNNonlinearity nonlinearity = RNNNonlinearity.Tanh,
        Generator? generator = null, DType dtype = DType.Float32)
        : base("RNNCell", inputSize, hiddenSize, bias, gates: 1, generator, dtype)
    {
        Nonlinearity = nonlinearity;
    }

    /// <summary>The activation applied to the new hidden state.</summary>
    public RNNNonlinearity Nonlinearity { get; }

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
        var next = Step(F.Linear(x, WeightIh, BiasIh), h, WeightHh, BiasHh, Nonlinearity);
        return RecordOutput(batched ? next : next.Squeeze(0));
    }

    /// <summary>
    /// The recurrence given the input's projection x·W_ihᵀ + b_ih (computed beforehand, for all steps at once
    /// in <see cref="RNN"/>): activation(projection + h·W_hhᵀ + b_hh).
    /// </summary>
    internal static Tensor Step(Tensor inputProjection, Tensor h, Tensor weightHh, Tensor? biasHh, RNNNonlinearity nonlinearity)
    {
        var preActivation = inputProjection + F.Linear(h, weightHh, biasHh);
        return nonlinearity == RNNNonlinearity.ReLU ? preActivation.ReLU() : preActivation.Tanh();
    }

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        base.ExtraRepr() + (Nonlinearity == RNNNonlinearity.Tanh ? "" : ", nonlinearity=relu");
}
