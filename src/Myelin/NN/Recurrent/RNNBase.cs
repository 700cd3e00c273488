namespace Myelin.NN;

/// <summary>
/// What the multi-step recurrent layers (<see cref="RNN"/>, <see cref="LSTM"/>, <see cref="GRU"/>) share:
/// stacked layers, the optional reverse direction, dropout between layers, PyTorch's parameter names and
/// layouts, and the loop over time.
/// Shape: input [L, N, inputSize] ([N, L, inputSize] with batchFirst, or unbatched [L, inputSize]) →
/// output [L, N, D·hiddenSize], with D = 2 when bidirectional, else 1; each state [numLayers·D, N, hiddenSize].
/// </summary>
/// <remarks>
/// <para>
/// Layer k (and direction d) owns weight_ih_lk [gates·hiddenSize, in], weight_hh_lk [gates·hiddenSize, hiddenSize],
/// bias_ih_lk and bias_hh_lk [gates·hiddenSize], with the suffix "_reverse" for the backward direction; in is
/// inputSize for layer 0 and D·hiddenSize above. Every parameter starts from U(−1/√hiddenSize, 1/√hiddenSize).
/// These are PyTorch's names and layouts, so state dicts move between the two libraries.
/// </para>
/// <para>
/// The input-to-hidden products do not depend on the previous step. Without gradients to record (inference),
/// each layer and direction computes them for every step with one matrix product before the loop, so only
/// h·W_hhᵀ runs inside it; while training they are computed step by step, which makes the backward pass cheaper.
/// </para>
/// </remarks>
public abstract class RNNBase : Module
{
    readonly Tensor[] weightIh, weightHh;
    readonly Tensor?[] biasIh, biasHh;
    readonly Generator? generator;

    private protected RNNBase(string layerName, int gates, int inputSize, int hiddenSize, int numLayers, bool bias,
        bool batchFirst, double dropout, bool bidirectional, Generator? generator, DType dtype)
    {
        if (inputSize <= 0 || hiddenSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize),
                $"{layerName}: input_size and hidden_size must be positive, got {inputSize} and {hiddenSize}.");
        if (numLayers <= 0)
            throw new ArgumentOutOfRangeException(nameof(numLayers), $"{layerName}: num_layers must be positive, got {numLayers}.");
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{layerName}: parameters must be Float32 or Float64, got {dtype}.", nameof(dtype));
        F.CheckDropoutProbability(dropout, layerName);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        this.generator = generator;

        int count = numLayers * NumDirections;
        weightIh = new Tensor[count];
        weightHh = new Tensor[count];
        biasIh = new Tensor?[count];
        biasHh = new Tensor?[count];
        double bound = 1 / Math.Sqrt(hiddenSize);
        Tensor Uniform(int[] shape) => Init.Uniform(Tensor.Zeros(shape, dtype), -bound, bound, generator);
        for (int layer = 0; layer < numLayers; layer++)
        {
            int layerInput = layer == 0 ? inputSize : NumDirections * hiddenSize;
            for (int direction = 0; direction < NumDirections; direction++)
            {
                int k = layer * NumDirections + direction;
                string suffix = $"_l{layer}" + (direction == 1 ? "_reverse" : "");
                weightIh[k] = RegisterParameter("weight_ih" + suffix, Uniform([gates * hiddenSize, layerInput]));
                weightHh[k] = RegisterParameter("weight_hh" + suffix, Uniform([gates * hiddenSize, hiddenSize]));
                if (bias)
                {
                    biasIh[k] = RegisterParameter("bias_ih" + suffix, Uniform([gates * hiddenSize]));
                    biasHh[k] = RegisterParameter("bias_hh" + suffix, Uniform([gates * hiddenSize]));
                }
            }
        }
    }

    /// <summary>The number of features of each input step.</summary>
    public int InputSize { get; }

    /// <summary>The number of features of the hidden state of each direction.</summary>
    public int HiddenSize { get; }

    /// <summary>The number of stacked layers.</summary>
    public int NumLayers { get; }

    /// <summary>Whether each layer has the biases bias_ih and bias_hh.</summary>
    public bool Bias { get; }

    /// <summary>Whether inputs and outputs are [N, L, features] rather than [L, N, features]. States are always [numLayers·D, N, hiddenSize].</summary>
    public bool BatchFirst { get; }

    /// <summary>The dropout probability applied to the output of every layer but the last, in training mode.</summary>
    public double Dropout { get; }

    /// <summary>Whether each layer also reads the sequence backwards and concatenates both outputs.</summary>
    public bool Bidirectional { get; }

    /// <summary>2 when <see cref="Bidirectional"/>, else 1.</summary>
    public int NumDirections => Bidirectional ? 2 : 1;

    /// <summary>The layer as it appears in error messages, e.g. "LSTM(3, 4, num_layers=2)".</summary>
    private protected string Describe() => $"{GetType().Name}({ExtraRepr()})";

    /// <summary>
    /// Whether b_hh can be added to the input projection before the loop (true for RNN and LSTM, where both
    /// biases are simply summed; false for GRU, whose n gate multiplies the hidden part by r).
    /// </summary>
    private protected virtual bool FoldsHiddenBias => true;

    /// <summary>
    /// One time step: the new states (hidden state first) from the input projection [N, gates·H] of this step,
    /// the previous states, and the hidden-to-hidden weight and bias (null when folded into the projection).
    /// </summary>
    private protected abstract Tensor[] Step(Tensor inputProjection, Tensor[] state, Tensor weightHh, Tensor? biasHh);

    /// <summary>
    /// Runs every layer and direction over the sequence. <paramref name="initialStates"/> holds one tensor (or
    /// null for zeros) per kind of state, named by <paramref name="stateNames"/> for error messages ("h0", "c0").
    /// Returns the last layer's output sequence and the final states, each [numLayers·D, N, H] (unbatched: without N).
    /// </summary>
    private protected (Tensor Output, Tensor[] Final) Run(Tensor input, Tensor?[] initialStates, string[] stateNames)
    {
        var (sequence, batched) = CheckInput(input);
        int steps = sequence.Size(0), batch = sequence.Size(1);
        int count = NumLayers * NumDirections;
        var initial = new Tensor[initialStates.Length];
        for (int s = 0; s < initialStates.Length; s++)
            initial[s] = CheckState(initialStates[s], stateNames[s], batch, batched, input);

        var final = new Tensor[initialStates.Length][];
        for (int s = 0; s < final.Length; s++) final[s] = new Tensor[count];
        // Each layer's input as one [L, N, features] tensor (layer 0) and as one tensor per step.
        Tensor? layerInput = sequence;
        var stepInputs = new Tensor[steps];
        for (int t = 0; t < steps; t++) stepInputs[t] = sequence.Select(0, t);
        for (int layer = 0; layer < NumLayers; layer++)
        {
            var directionOutputs = new Tensor[NumDirections][];
            for (int direction = 0; direction < NumDirections; direction++)
            {
                int k = layer * NumDirections + direction;
                var projection = InputProjection(layerInput, stepInputs, k);
                var state = new Tensor[initial.Length];
                for (int s = 0; s < state.Length; s++) state[s] = initial[s].Select(0, k);
                var outputs = new Tensor[steps];
                for (int i = 0; i < steps; i++)
                {
                    int t = direction == 0 ? i : steps - 1 - i;
                    state = Step(projection(t), state, weightHh[k], FoldsHiddenBias ? null : biasHh[k]);
                    outputs[t] = state[0];
                }
                directionOutputs[direction] = outputs;
                for (int s = 0; s < state.Length; s++) final[s][k] = state[s];
            }
            bool last = layer == NumLayers - 1;
            for (int t = 0; t < steps; t++)
            {
                var both = NumDirections == 1 ? directionOutputs[0][t] : Tensor.Cat([directionOutputs[0][t], directionOutputs[1][t]], -1);
                stepInputs[t] = last ? both : F.Dropout(both, Dropout, IsTraining, generator);
            }
            layerInput = null;
        }

        var output = Tensor.Stack(stepInputs, 0);
        var finalStates = final.Select(states => Tensor.Stack(states, 0)).ToArray();
        if (!batched)
            return (output.Squeeze(1), finalStates.Select(f => f.Squeeze(1)).ToArray());
        return (BatchFirst ? output.Transpose(0, 1) : output, finalStates);
    }

    /// <summary>
    /// The input projection x_t·W_ihᵀ + b_ih (+ b_hh when folded) of layer and direction <paramref name="k"/>, by step.
    /// </summary>
    /// <remarks>
    /// One matrix product covers every step and the loop reads its slices; in backward the engine adds each
    /// step's slice gradient into one buffer in place, so this stays linear in the sequence length.
    /// </remarks>
    Func<int, Tensor> InputProjection(Tensor? layerInput, Tensor[] stepInputs, int k)
    {
        var bias = biasIh[k];
        if (bias is not null && FoldsHiddenBias) bias = bias + biasHh[k]!;
        var weight = weightIh[k];
        var whole = layerInput ?? Tensor.Stack(stepInputs, 0);
        int steps = whole.Size(0), batch = whole.Size(1);
        var projection = F.Linear(whole.Reshape(steps * batch, whole.Size(2)), weight, bias).Reshape(steps, batch, -1);
        return t => projection.Select(0, t);
    }

    /// <summary>Checks the input and returns it time-major [L, N, inputSize], with whether it had a batch dimension.</summary>
    (Tensor Sequence, bool Batched) CheckInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{Describe()}: expected a floating-point input, got {input.DType} (embed token indices with Embedding first).");
        string layout = BatchFirst ? $"[N, L, {InputSize}]" : $"[L, N, {InputSize}]";
        if ((input.Rank != 2 && input.Rank != 3) || input.Size(-1) != InputSize)
            throw new ArgumentException(
                $"{Describe()}: expected input of shape {layout} or unbatched [L, {InputSize}], got {FormatShape(input.Shape)}.");
        if (input.NumElements == 0)
            throw new ArgumentException($"{Describe()}: the input {FormatShape(input.Shape)} is empty; expected at least one step and one sequence.");
        if (input.Rank == 2) return (input.Unsqueeze(1), false);
        return (BatchFirst ? input.Transpose(0, 1) : input, true);
    }

    /// <summary>Checks an initial state [numLayers·D, N, H] (unbatched [numLayers·D, H]); null gives zeros.</summary>
    Tensor CheckState(Tensor? state, string name, int batch, bool batched, Tensor input)
    {
        int count = NumLayers * NumDirections;
        if (state is null) return Tensor.Zeros([count, batch, HiddenSize], weightHh[0].DType);
        int[] expected = batched ? [count, batch, HiddenSize] : [count, HiddenSize];
        if (!state.Shape.SequenceEqual(expected))
            throw new ArgumentException(
                $"{Describe()}: expected {name} of shape {FormatShape(expected)} (num_layers·directions, " +
                (batched ? "N, " : "") + $"hidden_size) for input of shape {FormatShape(input.Shape)}, got {FormatShape(state.Shape)}.");
        return batched ? state : state.Unsqueeze(1);
    }

    /// <inheritdoc/>
    public override string ExtraRepr()
    {
        var text = $"{InputSize}, {HiddenSize}";
        if (NumLayers != 1) text += $", num_layers={NumLayers}";
        if (!Bias) text += ", bias=False";
        if (BatchFirst) text += ", batch_first=True";
        if (Dropout != 0) text += $", dropout={ReprFormat.Float(Dropout)}";
        if (Bidirectional) text += ", bidirectional=True";
        return text;
    }
}
