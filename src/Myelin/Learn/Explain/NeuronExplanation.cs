namespace Myelin.Learn;

/// <summary>One neuron's forward computation: its weighted sum, term by term, and its activation.</summary>
/// <param name="Index">The neuron's position in its layer (0 for the first; the text counts from 1).</param>
/// <param name="Weights">The neuron's weights, one per input (a row of the layer's weight matrix).</param>
/// <param name="Inputs">The inputs it received (the previous layer's outputs).</param>
/// <param name="Bias">The neuron's bias.</param>
/// <param name="WeightedSum">z = Σ wᵢxᵢ + b.</param>
/// <param name="Output">The activation's value, a = f(z) (z itself without an activation).</param>
/// <param name="Text">The computation written out, e.g. <c>(0.2 × 3) + (0.3 × 7) + 0.5 = 3.2 → σ(3.2) ≈ 0.961</c>.</param>
public sealed record NeuronExplanation(
    int Index, IReadOnlyList<double> Weights, IReadOnlyList<double> Inputs, double Bias,
    double WeightedSum, double Output, string Text);
