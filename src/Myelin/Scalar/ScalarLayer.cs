namespace Myelin.Scalar;

/// <summary>
/// A fully connected layer of <see cref="Neuron"/>s: every neuron sees every input, and the
/// layer's outputs are the neurons' outputs in order.
/// </summary>
public sealed class ScalarLayer
{
    readonly Neuron[] neurons;

    /// <summary>Creates a layer of <paramref name="outputCount"/> neurons, each with <paramref name="inputCount"/> inputs.</summary>
    /// <param name="inputCount">How many inputs each neuron takes (at least one).</param>
    /// <param name="outputCount">How many neurons, and so how many outputs (at least one).</param>
    /// <param name="activation">The activation of every neuron in the layer.</param>
    /// <param name="generator">The source of the random initial weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is less than one.</exception>
    public ScalarLayer(int inputCount, int outputCount, Activation activation, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        neurons = new Neuron[outputCount];
        for (int i = 0; i < outputCount; i++)
            neurons[i] = new Neuron(inputCount, activation, generator);
    }

    /// <summary>The neurons, one per output.</summary>
    public IReadOnlyList<Neuron> Neurons => neurons;

    /// <summary>Each neuron's output for the given inputs.</summary>
    /// <exception cref="ArgumentException">The number of inputs differs from the layer's input count.</exception>
    public Value[] Forward(IReadOnlyList<Value> inputs)
    {
        var outputs = new Value[neurons.Length];
        for (int i = 0; i < neurons.Length; i++)
            outputs[i] = neurons[i].Forward(inputs);
        return outputs;
    }

    /// <summary>The trainable values of every neuron, neuron by neuron.</summary>
    public IReadOnlyList<Value> Parameters() => neurons.SelectMany(neuron => neuron.Parameters()).ToArray();

    /// <summary>A short description such as <c>Layer of 4 Tanh neurons (3 inputs each)</c>.</summary>
    public override string ToString() =>
        $"Layer of {neurons.Length} {neurons[0].Activation} neurons ({neurons[0].Weights.Count} inputs each)";
}
