namespace Myelin.Scalar;

/// <summary>
/// One artificial neuron built from <see cref="Value"/>s: a weighted sum of its inputs plus a
/// bias, passed through an activation, <c>out = f(w₁x₁ + … + wₙxₙ + b)</c>.
/// </summary>
public sealed class Neuron
{
    readonly Value[] weights;

    /// <summary>
    /// Creates a neuron with weights drawn uniformly from [−1, 1] and a bias of zero.
    /// </summary>
    /// <param name="inputCount">How many inputs the neuron takes (at least one).</param>
    /// <param name="activation">The function applied to the weighted sum.</param>
    /// <param name="generator">The source of the random initial weights.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputCount"/> is less than one.</exception>
    public Neuron(int inputCount, Activation activation, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentNullException.ThrowIfNull(generator);
        weights = new Value[inputCount];
        for (int i = 0; i < inputCount; i++)
            weights[i] = new Value(2 * generator.NextDouble() - 1, $"w{i}");
        Bias = new Value(0, "b");
        Activation = activation;
    }

    /// <summary>One weight per input.</summary>
    public IReadOnlyList<Value> Weights => weights;

    /// <summary>The bias, added to the weighted sum.</summary>
    public Value Bias { get; }

    /// <summary>The function applied to the weighted sum.</summary>
    public Activation Activation { get; }

    /// <summary>The neuron's output for the given inputs.</summary>
    /// <exception cref="ArgumentException">The number of inputs differs from the number of weights.</exception>
    public Value Forward(IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != weights.Length)
            throw new ArgumentException(
                $"Neuron: expected {weights.Length} inputs, got {inputs.Count}.", nameof(inputs));

        Value sum = Bias;
        for (int i = 0; i < weights.Length; i++)
            sum += weights[i] * inputs[i];

        return Activation switch
        {
            Activation.Linear => sum,
            Activation.Tanh => sum.Tanh(),
            Activation.Relu => sum.Relu(),
            Activation.Sigmoid => sum.Sigmoid(),
            _ => throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "Neuron: unknown activation."),
        };
    }

    /// <summary>The trainable values: the weights, then the bias.</summary>
    public IReadOnlyList<Value> Parameters() => [.. weights, Bias];

    /// <summary>A short description such as <c>Tanh neuron (3 inputs)</c>.</summary>
    public override string ToString() => $"{Activation} neuron ({weights.Length} inputs)";
}
