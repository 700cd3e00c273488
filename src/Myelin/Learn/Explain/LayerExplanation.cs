namespace Myelin.Learn;

/// <summary>One layer's forward computation, neuron by neuron and as matrices.</summary>
/// <param name="Number">The layer's number, 1 for the first.</param>
/// <param name="Description">What the layer is, e.g. <c>Linear(2 → 2) + Sigmoid</c>.</param>
/// <param name="Inputs">The values entering the layer.</param>
/// <param name="Weights">The weight matrix W as rows: one row per neuron in this layer, one column per neuron in the previous one.</param>
/// <param name="Biases">The bias vector b, one per neuron.</param>
/// <param name="WeightedSums">z = W·x + b.</param>
/// <param name="Outputs">The activations a = f(z): the values passed to the next layer.</param>
/// <param name="Neurons">Every neuron's computation (the text abridges long layers; this list does not).</param>
/// <param name="Text">The layer written out: the neurons, then the matrix view.</param>
public sealed record LayerExplanation(
    int Number, string Description, IReadOnlyList<double> Inputs, IReadOnlyList<IReadOnlyList<double>> Weights,
    IReadOnlyList<double> Biases, IReadOnlyList<double> WeightedSums, IReadOnlyList<double> Outputs,
    IReadOnlyList<NeuronExplanation> Neurons, string Text);
