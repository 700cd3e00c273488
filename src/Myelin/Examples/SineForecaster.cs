using Myelin.NN;

namespace Myelin.Examples;

/// <summary>
/// A one-step forecaster for a single time series: a recurrent layer reads a window of past values and a linear
/// head turns its last hidden state into the predicted next value.
/// Shape: windows [N, W, 1] (or [N, W]) → predictions [N, 1]; rnn.weight_ih_l0 [gates·hiddenSize, 1]; head.weight [1, hiddenSize].
/// </summary>
/// <remarks>
/// Children: rnn (<see cref="RNN"/>, <see cref="LSTM"/> or <see cref="GRU"/>, batch-first), head (<see cref="Linear"/>).
/// In PyTorch: nn.LSTM(1, H, batch_first=True), then nn.Linear(H, 1) on output[:, -1].
/// </remarks>
public sealed class SineForecaster : Module
{
    readonly RNNBase rnn;
    readonly Linear head;

    /// <summary>Creates the model with freshly initialised parameters.</summary>
    /// <param name="kind">The recurrent layer.</param>
    /// <param name="hiddenSize">Its state width.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">The hidden size is not positive, or the kind is unknown.</exception>
    public SineForecaster(RecurrentKind kind = RecurrentKind.LSTM, int hiddenSize = 32, Generator? generator = null, DType dtype = DType.Float32)
    {
        Kind = kind;
        rnn = Register<RNNBase>("rnn", kind switch
        {
            RecurrentKind.RNN => new RNN(1, hiddenSize, batchFirst: true, generator: generator, dtype: dtype),
            RecurrentKind.LSTM => new LSTM(1, hiddenSize, batchFirst: true, generator: generator, dtype: dtype),
            RecurrentKind.GRU => new GRU(1, hiddenSize, batchFirst: true, generator: generator, dtype: dtype),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), $"SineForecaster: unknown recurrent kind {kind}."),
        });
        head = Register("head", new Linear(hiddenSize, 1, generator: generator, dtype: dtype));
    }

    /// <summary>The recurrent layer's kind.</summary>
    public RecurrentKind Kind { get; }

    /// <summary>Predicts the value after each window. Shape: [N, W, 1] or [N, W] → [N, 1].</summary>
    /// <exception cref="ArgumentException">The input is not [N, W, 1] or [N, W] floating-point with W ≥ 1.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint() || !(input.Rank == 2 || (input.Rank == 3 && input.Size(2) == 1)) || input.Size(1) == 0)
            throw new ArgumentException($"SineForecaster: expected windows of past values [N, W, 1] or [N, W] (floating-point), got {input.DType} {FormatShape(input.Shape)}.");
        var windows = input.Rank == 2 ? input.Unsqueeze(2) : input;
        var output = rnn.Forward(windows);                          // [N, W, H]
        return RecordOutput(head.Forward(output.Select(1, output.Size(1) - 1)));
    }

    /// <summary>
    /// Forecasts <paramref name="steps"/> values past <paramref name="history"/> by feeding each prediction back
    /// in as the newest value (the window slides along), without recording gradients.
    /// Shape: history [W] → <paramref name="steps"/> predicted values.
    /// </summary>
    /// <exception cref="ArgumentException">The history is not a non-empty 1-D floating-point tensor, or steps is negative.</exception>
    public double[] Forecast(Tensor history, int steps)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Rank != 1 || history.NumElements == 0 || !history.DType.IsFloatingPoint())
            throw new ArgumentException($"SineForecaster.Forecast: expected a 1-D floating-point history [W], got {history.DType} {FormatShape(history.Shape)}.");
        if (steps < 0)
            throw new ArgumentOutOfRangeException(nameof(steps), $"SineForecaster.Forecast: steps must be non-negative, got {steps}.");
        var window = history.To(DType.Float64).ToArray<double>();
        var predictions = new double[steps];
        bool wasTraining = IsTraining;
        Eval();
        using (Autograd.NoGrad())
        {
            for (int s = 0; s < steps; s++)
            {
                var input = Tensor.FromArray(window, 1, window.Length).To(head.Weight.DType);
                predictions[s] = Forward(input).Item();
                Array.Copy(window, 1, window, 0, window.Length - 1);
                window[^1] = predictions[s];
            }
        }
        Train(wasTraining);
        return predictions;
    }
}
