namespace Myelin.Learn;

/// <summary>
/// One parameter's gradient as a product of chain-rule factors, with the value autograd computed for
/// comparison: <c>∂L/∂w = ∂L/∂a × f'(z) × (input)</c>.
/// </summary>
/// <param name="Parameter">The parameter's state-dict name and position, e.g. <c>2.weight[0, 1]</c>.</param>
/// <param name="Layer">The layer's number, 1 for the first.</param>
/// <param name="Factors">The factors whose product is the gradient.</param>
/// <param name="Product">The product of the factors.</param>
/// <param name="Autograd">The same gradient from the autograd engine; it equals <see cref="Product"/> up to rounding.</param>
/// <param name="Text">The product written out.</param>
public sealed record GradientExplanation(
    string Parameter, int Layer, IReadOnlyList<ChainFactor> Factors, double Product, double Autograd, string Text);
