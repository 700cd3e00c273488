using Myelin.Scalar;

namespace Myelin.Learn;

/// <summary>
/// A single tanh neuron on scalar <see cref="Value"/>s, the standard backpropagation worked example:
/// <c>x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.8813735870195432, n = x1·w1 + x2·w2 + b, o = tanh(n)</c>.
/// </summary>
/// <remarks>
/// The bias is chosen so that <c>n ≈ 0.8814</c> and <c>o = tanh(n) ≈ 0.7071 = 1/√2</c>. Then
/// <c>do/dn = 1 − o² = 0.5</c>, and the multiplications hand it on scaled by the other factor:
/// <c>x1.Grad = w1 · 0.5 = −1.5</c>, <c>w1.Grad = x1 · 0.5 = 1</c>, <c>x2.Grad = w2 · 0.5 = 0.5</c>,
/// <c>w2.Grad = x2 · 0.5 = 0</c>.
/// </remarks>
/// <param name="X1">The input x1 = 2.</param>
/// <param name="X2">The input x2 = 0.</param>
/// <param name="W1">The weight w1 = −3.</param>
/// <param name="W2">The weight w2 = 1.</param>
/// <param name="B">The bias b = 6.8813735870195432.</param>
/// <param name="N">The weighted sum n ≈ 0.8814.</param>
/// <param name="O">The output o = tanh(n) ≈ 0.7071; <see cref="Value.Backward"/> has been called on it.</param>
public sealed record TanhNeuronExample(Value X1, Value X2, Value W1, Value W2, Value B, Value N, Value O)
{
    /// <summary>The bias that makes the output exactly 1/√2 (to double precision).</summary>
    public const double BiasValue = 6.8813735870195432;

    /// <summary>Builds the neuron, runs the backward pass and returns every value, labelled.</summary>
    public static TanhNeuronExample Build()
    {
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(BiasValue, "b");
        var x1w1 = x1 * w1; x1w1.Label = "x1·w1";
        var x2w2 = x2 * w2; x2w2.Label = "x2·w2";
        var sum = x1w1 + x2w2; sum.Label = "x1·w1 + x2·w2";
        var n = sum + b; n.Label = "n";
        var o = n.Tanh(); o.Label = "o";
        o.Backward();
        return new TanhNeuronExample(x1, x2, w1, w2, b, n, o);
    }

    /// <summary>The inputs and parameters in the order x1, x2, w1, w2, b.</summary>
    public IReadOnlyList<Value> Leaves => [X1, X2, W1, W2, B];
}
