using Myelin.Scalar;

namespace Myelin.Tests.Scalar;

/// <summary>The worked examples of the chain rule, with the numbers every learner checks by hand.</summary>
public class TextbookExampleTests
{
    const double Exact = 1e-12;

    static Value Expression(double fData, out Value a, out Value b, out Value c, out Value d, out Value e, out Value f)
    {
        a = new Value(2.0, "a");
        b = new Value(-3.0, "b");
        c = new Value(10.0, "c");
        e = a * b; e.Label = "e";
        d = e + c; d.Label = "d";
        f = new Value(fData, "f");
        Value L = d * f; L.Label = "L";
        return L;
    }

    [Fact]
    public void ChainRuleThroughProductsAndSums()
    {
        Value L = Expression(-2.0, out var a, out var b, out var c, out var d, out var e, out var f);
        L.Backward();

        Assert.Equal(-8.0, L.Data, Exact);
        Assert.Equal(1.0, L.Grad, Exact);
        // L = d·f: dL/dd = f = −2, dL/df = d = 4.
        Assert.Equal(-2.0, d.Grad, Exact);
        Assert.Equal(4.0, f.Grad, Exact);
        // d = e + c passes the gradient through: dL/de = dL/dc = −2.
        Assert.Equal(-2.0, e.Grad, Exact);
        Assert.Equal(-2.0, c.Grad, Exact);
        // e = a·b: dL/da = dL/de · b = −2 · −3 = 6, dL/db = dL/de · a = −2 · 2 = −4.
        Assert.Equal(6.0, a.Grad, Exact);
        Assert.Equal(-4.0, b.Grad, Exact);
    }

    [Fact]
    public void NudgingAnInputMovesTheOutputByItsGradient()
    {
        // dL/df = 4, and L is linear in f, so raising f by 1 raises L by exactly 4.
        Value L = Expression(-2.0 + 1.0, out _, out _, out _, out _, out _, out _);
        Assert.Equal(-4.0, L.Data, Exact);
    }

    const double TanhNeuronBias = 6.8813735870195432;

    /// <summary>The neuron's weighted sum n = x1·w1 + x2·w2 + b, with the leaves whose gradients are checked.</summary>
    static Value TanhNeuronSum(out Value x1, out Value x2, out Value w1, out Value w2)
    {
        x1 = new Value(2.0, "x1");
        x2 = new Value(0.0, "x2");
        w1 = new Value(-3.0, "w1");
        w2 = new Value(1.0, "w2");
        var b = new Value(TanhNeuronBias, "b");
        return x1 * w1 + x2 * w2 + b;
    }

    [Fact]
    public void TanhNeuron()
    {
        Value n = TanhNeuronSum(out var x1, out var x2, out var w1, out var w2);
        Value o = n.Tanh();
        o.Backward();

        AssertTanhNeuron(o, x1, x2, w1, w2);
    }

    [Fact]
    public void TanhNeuronWithTanhWrittenOut()
    {
        Value n = TanhNeuronSum(out var x1, out var x2, out var w1, out var w2);
        // tanh n = (e²ⁿ − 1)/(e²ⁿ + 1), built from exp, subtraction, addition and division.
        Value e = (2 * n).Exp();
        Value o = (e - 1) / (e + 1);
        o.Backward();

        AssertTanhNeuron(o, x1, x2, w1, w2);
    }

    static void AssertTanhNeuron(Value o, Value x1, Value x2, Value w1, Value w2)
    {
        // n = 0.8814, o = tanh n = 1/√2, do/dn = 1 − o² = 0.5.
        Assert.Equal(0.7071, o.Data, 1e-4);
        Assert.Equal(-1.5, x1.Grad, 1e-6);  // do/dx1 = w1 · 0.5
        Assert.Equal(1.0, w1.Grad, 1e-6);   // do/dw1 = x1 · 0.5
        Assert.Equal(0.5, x2.Grad, 1e-6);   // do/dx2 = w2 · 0.5
        Assert.Equal(0.0, w2.Grad, 1e-6);   // do/dw2 = x2 · 0.5
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(-0.6)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void DerivativeOfSquaredLinearFunction(double xData)
    {
        // d/dx (5x + 3)² = 2(5x + 3) · 5 = 50x + 30.
        var x = new Value(xData, "x");
        Value y = (5 * x + 3).Pow(2);
        y.Backward();

        Assert.Equal((5 * xData + 3) * (5 * xData + 3), y.Data, Exact);
        Assert.Equal(50 * xData + 30, x.Grad, Exact);
    }
}
