namespace Myelin.Learn;

/// <summary>A backward pass through a small dense network, written as chain-rule products (<see cref="Explain.Backward"/>).</summary>
/// <param name="Loss">The loss value.</param>
/// <param name="Output">The network's output ŷ.</param>
/// <param name="OutputGradient">∂L/∂ŷ, one per output.</param>
/// <param name="Deltas">For each layer (first to last), δ = ∂L/∂z for each of its neurons.</param>
/// <param name="Gradients">The gradients explained: every weight and bias of the last layer, and one weight and bias of each earlier layer.</param>
/// <param name="Text">The whole explanation as text; also returned by <see cref="ToString"/>.</param>
public sealed record BackwardExplanation(
    double Loss, IReadOnlyList<double> Output, IReadOnlyList<double> OutputGradient,
    IReadOnlyList<IReadOnlyList<double>> Deltas, IReadOnlyList<GradientExplanation> Gradients, string Text)
{
    /// <summary>The explanation as text.</summary>
    public override string ToString() => Text;
}
