namespace Myelin.Learn;

/// <summary>A forward pass through a small dense network, written out layer by layer (<see cref="Explain.Forward"/>).</summary>
/// <param name="Input">The input values.</param>
/// <param name="Layers">Each Linear layer with its activation, in order.</param>
/// <param name="Output">The network's output.</param>
/// <param name="Text">The whole explanation as text; also returned by <see cref="ToString"/>.</param>
public sealed record ForwardExplanation(
    IReadOnlyList<double> Input, IReadOnlyList<LayerExplanation> Layers, IReadOnlyList<double> Output, string Text)
{
    /// <summary>The explanation as text.</summary>
    public override string ToString() => Text;
}
