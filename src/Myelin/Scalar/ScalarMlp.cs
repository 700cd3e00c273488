namespace Myelin.Scalar;

/// <summary>
/// A multi-layer perceptron built from <see cref="Value"/>s: layers of neurons applied one
/// after another, small enough to train by hand-written gradient descent.
/// </summary>
/// <example>
/// <code>
/// var mlp = new ScalarMlp(2, [16, 16, 1], new Generator(1));
/// for (int step = 0; step &lt; 100; step++)
/// {
///     Value loss = ...;            // built from mlp.Forward(x)[0] for each example
///     mlp.ZeroGrad();
///     loss.Backward();
///     foreach (Value p in mlp.Parameters()) p.Data -= 0.05 * p.Grad;
/// }
/// </code>
/// </example>
public sealed class ScalarMlp
{
    readonly ScalarLayer[] layers;
    readonly Value[] parameters;

    /// <summary>Creates an MLP with the given layer sizes.</summary>
    /// <param name="inputCount">How many inputs the network takes (at least one).</param>
    /// <param name="layerSizes">The number of neurons in each layer; the last is the number of outputs.</param>
    /// <param name="generator">The source of the random initial weights.</param>
    /// <param name="hiddenActivation">The activation of every layer but the last.</param>
    /// <param name="outputActivation">The activation of the last layer (linear by default, giving raw scores).</param>
    /// <exception cref="ArgumentException"><paramref name="layerSizes"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is less than one.</exception>
    public ScalarMlp(
        int inputCount,
        IReadOnlyList<int> layerSizes,
        Generator generator,
        Activation hiddenActivation = Activation.Tanh,
        Activation outputActivation = Activation.Linear)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count == 0)
            throw new ArgumentException("ScalarMlp: at least one layer size is needed.", nameof(layerSizes));

        layers = new ScalarLayer[layerSizes.Count];
        int fanIn = inputCount;
        for (int i = 0; i < layers.Length; i++)
        {
            bool isLast = i == layers.Length - 1;
            layers[i] = new ScalarLayer(fanIn, layerSizes[i], isLast ? outputActivation : hiddenActivation, generator);
            fanIn = layerSizes[i];
        }
        parameters = layers.SelectMany(layer => layer.Parameters()).ToArray();
    }

    /// <summary>The layers, from input to output.</summary>
    public IReadOnlyList<ScalarLayer> Layers => layers;

    /// <summary>The network's outputs for the given inputs.</summary>
    /// <exception cref="ArgumentException">The number of inputs differs from the network's input count.</exception>
    public Value[] Forward(IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Value[] activations = [.. inputs];
        foreach (ScalarLayer layer in layers)
            activations = layer.Forward(activations);
        return activations;
    }

    /// <summary>The network's outputs for plain numbers, each wrapped as an input <see cref="Value"/>.</summary>
    /// <exception cref="ArgumentException">The number of inputs differs from the network's input count.</exception>
    public Value[] Forward(IReadOnlyList<double> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Forward(inputs.Select((x, i) => new Value(x, $"x{i}")).ToArray());
    }

    /// <summary>Every trainable value (weights and biases), layer by layer.</summary>
    public IReadOnlyList<Value> Parameters() => parameters;

    /// <summary>Sets the gradient of every parameter to zero, ready for the next backward pass.</summary>
    public void ZeroGrad()
    {
        foreach (Value parameter in parameters)
            parameter.Grad = 0;
    }

    /// <summary>A description such as <c>MLP 2 → 16 → 16 → 1 (337 parameters)</c>.</summary>
    public override string ToString() =>
        $"MLP {layers[0].Neurons[0].Weights.Count} → " +
        string.Join(" → ", layers.Select(layer => layer.Neurons.Count)) +
        $" ({parameters.Length} parameters)";
}
