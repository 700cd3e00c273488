using Myelin.Scalar;

namespace Myelin.Tests.Scalar;

/// <summary>The backward engine: accumulation, ordering, deep graphs, zeroing.</summary>
public class BackwardTests
{
    [Fact]
    public void ValueUsedTwiceGetsBothContributions()
    {
        // b = a + a = 2a, so db/da = 2; both edges must add into a.Grad.
        var a = new Value(3.0, "a");
        Value b = a + a;
        b.Backward();

        Assert.Equal(6.0, b.Data);
        Assert.Equal(2.0, a.Grad);
    }

    [Fact]
    public void SharedSubexpressionAccumulates()
    {
        // f = (a·b)·(a + b), df/da = b(a + b) + ab = 2ab + b², df/db = a² + 2ab.
        var a = new Value(-2.0, "a");
        var b = new Value(3.0, "b");
        Value f = (a * b) * (a + b);
        f.Backward();

        Assert.Equal(2 * -2.0 * 3.0 + 9.0, a.Grad, 1e-12);
        Assert.Equal(4.0 + 2 * -2.0 * 3.0, b.Grad, 1e-12);
    }

    [Fact]
    public void DeepChainDoesNotOverflowTheStack()
    {
        // A chain 10,000 operations deep, alternating "+ 0.5" and "× 1": y = x + 5000, dy/dx = 1.
        // A recursive topological sort would overflow the stack here.
        const int depth = 10_000;
        var x = new Value(1.0, "x");
        Value y = x;
        for (int i = 0; i < depth; i++)
            y = (i % 2 == 0) ? y + 0.5 : y * 1.0;
        y.Backward();

        Assert.Equal(1.0 + 0.5 * (depth / 2), y.Data, 1e-9);
        Assert.Equal(1.0, x.Grad, 1e-12);
    }

    [Fact]
    public void TopologicalOrderListsOperandsBeforeResults()
    {
        var a = new Value(1.0, "a");
        var b = new Value(2.0, "b");
        Value c = a * b;
        Value d = c + a;
        Value e = d * c;

        IReadOnlyList<Value> order = e.TopologicalOrder();

        Assert.Equal(5, order.Count);
        Assert.Same(e, order[^1]);
        foreach (Value value in order)
            foreach (Value operand in value.Operands)
                Assert.True(IndexOf(order, operand) < IndexOf(order, value));
    }

    static int IndexOf(IReadOnlyList<Value> list, Value value)
    {
        for (int i = 0; i < list.Count; i++)
            if (ReferenceEquals(list[i], value)) return i;
        return -1;
    }

    [Fact]
    public void SecondBackwardAccumulatesAndZeroGradClears()
    {
        var a = new Value(2.0, "a");
        var b = new Value(5.0, "b");
        Value c = a * b;

        c.Backward();
        c.Backward();
        Assert.Equal(10.0, a.Grad);   // 5 + 5: gradients accumulate across passes

        c.ZeroGrad();
        Assert.Equal(0.0, a.Grad);
        Assert.Equal(0.0, b.Grad);
        Assert.Equal(0.0, c.Grad);

        c.Backward();
        Assert.Equal(5.0, a.Grad);
        Assert.Equal(2.0, b.Grad);
    }

    [Fact]
    public void ConstantsOnEitherSideBuildTheSameGraph()
    {
        var x = new Value(4.0, "x");
        Value y = (2.0 * x) + (x * 3.0) - (1.0 - x) + (x - 1.0) + (8.0 / x) + (x / 2.0) + (1.0 + x);
        y.Backward();

        // y = 2x + 3x − 1 + x + x − 1 + 8/x + x/2 + 1 + x, dy/dx = 8.5 − 8/x².
        Assert.Equal(8 + 12 - 1 + 4 + 4 - 1 + 2 + 2 + 1 + 4, y.Data, 1e-12);
        Assert.Equal(8.5 - 8.0 / 16.0, x.Grad, 1e-12);
    }

    [Fact]
    public void ForwardValuesOfEachOperation()
    {
        var x = new Value(0.5);
        Assert.Equal(-0.5, (-x).Data);
        Assert.Equal(0.125, x.Pow(3).Data, 1e-15);
        Assert.Equal(Math.Exp(0.5), x.Exp().Data, 1e-15);
        Assert.Equal(Math.Log(0.5), x.Log().Data, 1e-15);
        Assert.Equal(Math.Tanh(0.5), x.Tanh().Data, 1e-15);
        Assert.Equal(0.5, x.Relu().Data);
        Assert.Equal(0.0, (-x).Relu().Data);
        Assert.Equal(1 / (1 + Math.Exp(-0.5)), x.Sigmoid().Data, 1e-15);
        Assert.Equal(1 / (1 + Math.Exp(800)), new Value(-800).Sigmoid().Data, 1e-300);
        Assert.Equal(1.0, new Value(800).Sigmoid().Data);
        Assert.Equal(-8.0, new Value(-2).Pow(3).Data);
    }

    [Fact]
    public void InputsHaveNoOperationAndResultsRecordTheirs()
    {
        var a = new Value(1.0, "a");
        var b = new Value(2.0, "b");
        Value product = a * b;

        Assert.Null(a.Op);
        Assert.Empty(a.Operands);
        Assert.Equal("*", product.Op);
        Assert.Equal(2, product.Operands.Count);
        Assert.Same(a, product.Operands[0]);
        Assert.Same(b, product.Operands[1]);
        Assert.Equal("^2", a.Pow(2).Op);
        Assert.Equal("tanh", a.Tanh().Op);
    }

    [Fact]
    public void ToStringShowsLabelDataGradAndOperation()
    {
        var a = new Value(2.0, "a");
        Value L = a * -4.0;
        L.Label = "L";
        L.Backward();

        Assert.Equal("Value(L = -8, grad = 1, op *)", L.ToString());
        Assert.Equal("Value(a = 2, grad = -4)", a.ToString());
        Assert.Equal("Value(0.25, grad = 0)", new Value(0.25).ToString());
    }
}
