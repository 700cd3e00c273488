namespace Myelin.Learn;

/// <summary>One factor of a chain-rule product, such as <c>σ'(z) = 0.145</c>.</summary>
/// <param name="Symbol">What the factor is: <c>∂L/∂a</c>, <c>σ'(z)</c>, <c>x</c>, …</param>
/// <param name="Value">Its value.</param>
public sealed record ChainFactor(string Symbol, double Value);
