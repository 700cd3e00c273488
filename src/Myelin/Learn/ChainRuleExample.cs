using Myelin.Scalar;

namespace Myelin.Learn;

/// <summary>
/// The classic chain-rule worked example on scalar <see cref="Value"/>s:
/// <c>a = 2, b = −3, c = 10, e = a·b, d = e + c, f = −2, L = d·f</c>, with every gradient filled in.
/// </summary>
/// <remarks>
/// <code>
/// L = −8;  dL/dd = f = −2,  dL/df = d = 4
/// dL/de = dL/dd · dd/de = −2 · 1 = −2,   dL/dc = −2
/// dL/da = dL/de · de/da = −2 · b = 6,   dL/db = −2 · a = −4
/// </code>
/// </remarks>
/// <param name="A">The input a = 2.</param>
/// <param name="B">The input b = −3.</param>
/// <param name="C">The input c = 10.</param>
/// <param name="E">e = a·b = −6.</param>
/// <param name="D">d = e + c = 4.</param>
/// <param name="F">The input f = −2 (plus any nudge).</param>
/// <param name="L">L = d·f = −8, the output; <see cref="Value.Backward"/> has been called on it.</param>
public sealed record ChainRuleExample(Value A, Value B, Value C, Value E, Value D, Value F, Value L)
{
    /// <summary>Builds the expression, runs the backward pass and returns every value, labelled a … L.</summary>
    /// <param name="nudgeF">
    /// Added to f before computing. With a nudge h, L changes by about <c>dL/df · h = 4h</c>; since L is
    /// linear in f, exactly: h = 1 gives L = −4.
    /// </param>
    public static ChainRuleExample Build(double nudgeF = 0)
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var c = new Value(10.0, "c");
        var e = a * b; e.Label = "e";
        var d = e + c; d.Label = "d";
        var f = new Value(-2.0 + nudgeF, "f");
        var L = d * f; L.Label = "L";
        L.Backward();
        return new ChainRuleExample(a, b, c, e, d, f, L);
    }

    /// <summary>Every value in the order a, b, c, e, d, f, L.</summary>
    public IReadOnlyList<Value> All => [A, B, C, E, D, F, L];

    /// <summary>
    /// The derivative of <c>(5x + 3)²</c> at <paramref name="x"/>, computed by the scalar engine's backward
    /// pass. The chain rule gives <c>2(5x + 3) · 5 = 50x + 30</c>.
    /// </summary>
    /// <param name="x">Where to take the derivative.</param>
    public static double DerivativeOfSquaredLine(double x)
    {
        var input = new Value(x, "x");
        var y = (5 * input + 3).Pow(2);
        y.Backward();
        return input.Grad;
    }
}
