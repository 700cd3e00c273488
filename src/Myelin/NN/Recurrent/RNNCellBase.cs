namespace Myelin.NN;

/// <summary>
/// What the single-step recurrent cells (<see cref="RNNCell"/>, <see cref="LSTMCell"/>, <see cref="GRUCell"/>)
/// share: the input-to-hidden and hidden-to-hidden weights with PyTorch's names and initialisation, and the
/// checks on the input and state shapes.
/// Shape: weight_ih [gates·hiddenSize, inputSize]; weight_hh [gates·hiddenSize, hiddenSize]; bias_ih and bias_hh [gates·hiddenSize].
/// </summary>
/// <remarks>
/// Every weight and bias starts from U(−1/√hiddenSize, 1/√hiddenSize), as in PyTorch. The gates are stacked
/// along the first dimension in PyTorch's order, so a PyTorch state dict loads unchanged.
/// </remarks>
public abstract class RNNCellBase : Module
{
    private protected RNNCellBase(string layerName, int inputSize, int hiddenSize, bool bias, int gates, Generator? generator, DType dtype)
    {
        if (inputSize <= 0 || hiddenSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize),
                $"{layerName}: input_size and hidden_size must be positive, got {inputSize} and {hiddenSize}.");
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{layerName}: parameters must be Float32 or Float64, got {dtype}.", nameof(dtype));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        double bound = 1 / Math.Sqrt(hiddenSize);
        Tensor Uniform(int[] shape) => Init.Uniform(Tensor.Zeros(shape, dtype), -bound, bound, generator);
        WeightIh = RegisterParameter("weight_ih", Uniform([gates * hiddenSize, inputSize]));
        WeightHh = RegisterParameter("weight_hh", Uniform([gates * hiddenSize, hiddenSize]));
        if (bias)
        {
            BiasIh = RegisterParameter("bias_ih", Uniform([gates * hiddenSize]));
            BiasHh = RegisterParameter("bias_hh", Uniform([gates * hiddenSize]));
        }
    }

    /// <summary>The number of features of each input step.</summary>
    public int InputSize { get; }

    /// <summary>The number of features of the hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>Whether the cell has the biases bias_ih and bias_hh.</summary>
    public bool Bias => BiasIh is not null;

    /// <summary>The input-to-hidden weight (weight_ih), gates stacked along dimension 0.</summary>
    public Tensor WeightIh { get; }

    /// <summary>The hidden-to-hidden weight (weight_hh), gates stacked along dimension 0.</summary>
    public Tensor WeightHh { get; }

    /// <summary>The input-to-hidden bias (bias_ih), or null without biases.</summary>
    public Tensor? BiasIh { get; }

    /// <summary>The hidden-to-hidden bias (bias_hh), or null without biases.</summary>
    public Tensor? BiasHh { get; }

    /// <summary>The layer as it appears in error messages, e.g. "LSTMCell(3, 4)".</summary>
    private protected string Describe() => $"{GetType().Name}({ExtraRepr()})";

    /// <summary>
    /// Checks an input [N, inputSize] or unbatched [inputSize] and returns it as a batch, with whether it was one.
    /// </summary>
    private protected (Tensor Input, bool Batched) CheckInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{Describe()}: expected a floating-point input, got {input.DType} (embed token indices with Embedding first).");
        if ((input.Rank != 1 && input.Rank != 2) || input.Size(-1) != InputSize)
            throw new ArgumentException(
                $"{Describe()}: expected input of shape [N, {InputSize}] or [{InputSize}], got {FormatShape(input.Shape)}.");
        return input.Rank == 2 ? (input, true) : (input.Unsqueeze(0), false);
    }

    /// <summary>Checks a state [N, hiddenSize] (or [hiddenSize] when unbatched); null gives zeros.</summary>
    private protected Tensor CheckState(Tensor? state, string name, Tensor batchedInput, bool batched)
    {
        int batch = batchedInput.Size(0);
        if (state is null) return Tensor.Zeros([batch, HiddenSize], WeightHh.DType);
        int[] expected = batched ? [batch, HiddenSize] : [HiddenSize];
        if (!state.Shape.SequenceEqual(expected))
            throw new ArgumentException(
                $"{Describe()}: expected {name} of shape {FormatShape(expected)} for input of shape " +
                $"{FormatShape(batched ? batchedInput.Shape : batchedInput.Shape.Skip(1))}, got {FormatShape(state.Shape)}.");
        return batched ? state : state.Unsqueeze(0);
    }

    /// <inheritdoc/>
    public override string ExtraRepr() => $"{InputSize}, {HiddenSize}" + (Bias ? "" : ", bias=False");
}
