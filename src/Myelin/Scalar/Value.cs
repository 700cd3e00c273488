using System.Globalization;

namespace Myelin.Scalar;

/// <summary>
/// One number in a computation, remembering how it was computed so that derivatives can flow
/// back through it: the scalar autograd engine, small enough to read in one sitting.
/// </summary>
/// <remarks>
/// <para>
/// Every arithmetic operation on values builds a new value that records its operands and a
/// small backward rule. <see cref="Backward"/> walks that graph from the output back to the
/// inputs and applies the chain rule: each rule adds
/// <c>(local derivative) × (gradient of the output)</c> to the gradient of each operand.
/// </para>
/// <para>
/// Gradients accumulate (<c>+=</c>): a value used twice receives both contributions, and a
/// second call to <see cref="Backward"/> adds to the first. Call <see cref="ZeroGrad"/> (or
/// clear the parameters' gradients) before each fresh backward pass.
/// </para>
/// <para>
/// Invalid math throws instead of producing NaN: the logarithm of a non-positive number,
/// division by zero, a negative base raised to a non-integer power, a result too large for a
/// double.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var a = new Value(2.0, "a");
/// var b = new Value(-3.0, "b");
/// var c = new Value(10.0, "c");
/// var L = (a * b + c) * -2.0;
/// L.Backward();   // a.Grad == 6, b.Grad == -4, c.Grad == -2
/// </code>
/// </example>
public sealed class Value
{
    double data;

    // The values this one was computed from, in order (empty for an input).
    readonly Value[] operands;

    // Adds this value's gradient, times the local derivatives, into the operands' gradients.
    // Null for an input, which has nowhere further to send its gradient.
    Action? backward;

    /// <summary>Creates an input value (a leaf of the graph), optionally with a name for display.</summary>
    /// <param name="data">The number; it must be finite.</param>
    /// <param name="label">A name shown by <see cref="ToString"/> and <see cref="ToDot"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> is NaN or infinite.</exception>
    public Value(double data, string? label = null)
    {
        Label = label;
        Data = data;
        operands = [];
    }

    // The result of an operation: the constructor checks the result is a finite number, which
    // after each operation's own domain checks fails only when the result overflows.
    Value(double data, string op, params Value[] operands)
    {
        if (!double.IsFinite(data))
            throw new OverflowException(
                $"{op}: the result of {op} on {string.Join(", ", operands.Select(Describe))} " +
                $"is too large for a double ({data.ToString(CultureInfo.InvariantCulture)}).");
        this.data = data;
        Op = op;
        this.operands = operands;
    }

    /// <summary>The number this value holds. Gradient descent updates it: <c>p.Data -= lr * p.Grad</c>.</summary>
    /// <exception cref="ArgumentException">Set to NaN or infinity.</exception>
    public double Data
    {
        get => data;
        set
        {
            if (!double.IsFinite(value))
                throw new ArgumentException(
                    $"Value{(Label is null ? "" : $" '{Label}'")}: data must be a finite number, got " +
                    $"{value.ToString(CultureInfo.InvariantCulture)}.", nameof(value));
            data = value;
        }
    }

    /// <summary>
    /// The derivative of the value <see cref="Backward"/> was last called on with respect to this
    /// value: how much that output would change per unit nudge of this one.
    /// </summary>
    public double Grad { get; set; }

    /// <summary>An optional name, shown by <see cref="ToString"/> and in the DOT graph.</summary>
    public string? Label { get; set; }

    /// <summary>
    /// The operation that produced this value (<c>"+"</c>, <c>"*"</c>, <c>"tanh"</c>,
    /// <c>"^2"</c>, …), or null for an input.
    /// </summary>
    public string? Op { get; }

    /// <summary>The values this one was computed from, in order; empty for an input.</summary>
    public IReadOnlyList<Value> Operands => operands;

    // ---- Arithmetic. Each rule: forward math, then its derivative, then the backward step. ----

    /// <summary>Sum: <c>a + b</c>.</summary>
    public static Value operator +(Value a, Value b)
    {
        var result = new Value(a.data + b.data, "+", a, b);
        // ∂(a + b)/∂a = 1,  ∂(a + b)/∂b = 1: a sum passes its gradient through unchanged.
        result.backward = () =>
        {
            a.Grad += result.Grad;
            b.Grad += result.Grad;
        };
        return result;
    }

    /// <summary>Difference: <c>a − b</c>.</summary>
    public static Value operator -(Value a, Value b)
    {
        var result = new Value(a.data - b.data, "-", a, b);
        // ∂(a − b)/∂a = 1,  ∂(a − b)/∂b = −1
        result.backward = () =>
        {
            a.Grad += result.Grad;
            b.Grad -= result.Grad;
        };
        return result;
    }

    /// <summary>Product: <c>a · b</c>.</summary>
    public static Value operator *(Value a, Value b)
    {
        var result = new Value(a.data * b.data, "*", a, b);
        // ∂(a·b)/∂a = b,  ∂(a·b)/∂b = a: each factor's gradient is scaled by the other factor.
        result.backward = () =>
        {
            a.Grad += b.data * result.Grad;
            b.Grad += a.data * result.Grad;
        };
        return result;
    }

    /// <summary>Quotient: <c>a / b</c>.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Value operator /(Value a, Value b)
    {
        if (b.data == 0)
            throw new DivideByZeroException($"Division: cannot divide {Describe(a)} by {Describe(b)}.");
        var result = new Value(a.data / b.data, "/", a, b);
        // ∂(a/b)/∂a = 1/b,  ∂(a/b)/∂b = −a/b²
        result.backward = () =>
        {
            a.Grad += result.Grad / b.data;
            b.Grad += -(a.data / b.data) / b.data * result.Grad;
        };
        return result;
    }

    /// <summary>Negation: <c>−a</c>.</summary>
    public static Value operator -(Value a)
    {
        var result = new Value(-a.data, "neg", a);
        // ∂(−a)/∂a = −1
        result.backward = () => a.Grad -= result.Grad;
        return result;
    }

    // A plain number on either side becomes an unlabelled input value, so that 2 * x and
    // x * 2 both build the same graph as new Value(2) * x.

    /// <summary>Sum with a number: <c>a + b</c>.</summary>
    public static Value operator +(Value a, double b) => a + new Value(b);

    /// <summary>Sum with a number: <c>a + b</c>.</summary>
    public static Value operator +(double a, Value b) => new Value(a) + b;

    /// <summary>Difference with a number: <c>a − b</c>.</summary>
    public static Value operator -(Value a, double b) => a - new Value(b);

    /// <summary>Difference with a number: <c>a − b</c>.</summary>
    public static Value operator -(double a, Value b) => new Value(a) - b;

    /// <summary>Product with a number: <c>a · b</c>.</summary>
    public static Value operator *(Value a, double b) => a * new Value(b);

    /// <summary>Product with a number: <c>a · b</c>.</summary>
    public static Value operator *(double a, Value b) => new Value(a) * b;

    /// <summary>Quotient with a number: <c>a / b</c>.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Value operator /(Value a, double b) => a / new Value(b);

    /// <summary>Quotient with a number: <c>a / b</c>.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Value operator /(double a, Value b) => new Value(a) / b;

    // ---- Functions of one value. ----

    /// <summary>Power with a constant exponent: <c>xᵖ</c>.</summary>
    /// <param name="exponent">The constant power p (it receives no gradient).</param>
    /// <exception cref="ArgumentException">
    /// The exponent is not finite, or the base is negative and the exponent is not an integer
    /// (the result would not be a real number).
    /// </exception>
    /// <exception cref="DivideByZeroException">The base is zero and the exponent negative.</exception>
    /// <remarks>
    /// At a base of zero with an exponent between 0 and 1 (such as a square root) the value is
    /// defined but the derivative is infinite, so <see cref="Backward"/> throws
    /// <see cref="ArithmeticException"/> if the gradient has to pass through it.
    /// </remarks>
    public Value Pow(double exponent)
    {
        string op = "^" + exponent.ToString(CultureInfo.InvariantCulture);
        if (!double.IsFinite(exponent))
            throw new ArgumentException($"Pow: the exponent must be a finite number, got {exponent.ToString(CultureInfo.InvariantCulture)}.", nameof(exponent));
        if (data < 0 && !double.IsInteger(exponent))
            throw new ArgumentException(
                $"Pow: {Describe(this)} raised to the non-integer power {exponent.ToString(CultureInfo.InvariantCulture)} is not a real number.",
                nameof(exponent));
        if (data == 0 && exponent < 0)
            throw new DivideByZeroException(
                $"Pow: {Describe(this)} raised to the negative power {exponent.ToString(CultureInfo.InvariantCulture)} divides by zero.");

        var x = this;
        var result = new Value(Math.Pow(data, exponent), op, x);
        // d(xᵖ)/dx = p·xᵖ⁻¹
        result.backward = () =>
        {
            if (x.data == 0 && exponent > 0 && exponent < 1)
                throw new ArithmeticException(
                    $"Pow: the derivative of x{op} at {Describe(x)} is infinite.");
            x.Grad += exponent * Math.Pow(x.data, exponent - 1) * result.Grad;
        };
        return result;
    }

    /// <summary>The exponential function <c>eˣ</c>.</summary>
    /// <exception cref="OverflowException">eˣ is too large for a double (x above about 709.78).</exception>
    public Value Exp()
    {
        var x = this;
        var result = new Value(Math.Exp(data), "exp", x);
        // d(eˣ)/dx = eˣ, which is the result itself
        result.backward = () => x.Grad += result.data * result.Grad;
        return result;
    }

    /// <summary>The natural logarithm <c>ln x</c>.</summary>
    /// <exception cref="ArgumentException">x is zero or negative.</exception>
    public Value Log()
    {
        if (data <= 0)
            throw new ArgumentException(
                $"Log: the logarithm is defined only for positive numbers, got {Describe(this)}.");
        var x = this;
        var result = new Value(Math.Log(data), "log", x);
        // d(ln x)/dx = 1/x
        result.backward = () => x.Grad += result.Grad / x.data;
        return result;
    }

    /// <summary>The hyperbolic tangent <c>tanh x = (e²ˣ − 1)/(e²ˣ + 1)</c>, squashing into (−1, 1).</summary>
    public Value Tanh()
    {
        var x = this;
        var result = new Value(Math.Tanh(data), "tanh", x);
        // d(tanh x)/dx = 1 − tanh²x
        result.backward = () => x.Grad += (1 - result.data * result.data) * result.Grad;
        return result;
    }

    /// <summary>The rectified linear unit <c>max(0, x)</c>.</summary>
    public Value Relu()
    {
        var x = this;
        var result = new Value(data > 0 ? data : 0, "relu", x);
        // d(relu x)/dx = 1 if x > 0, else 0 (at exactly 0 we pick 0)
        result.backward = () => x.Grad += (x.data > 0 ? 1 : 0) * result.Grad;
        return result;
    }

    /// <summary>The logistic sigmoid <c>σ(x) = 1/(1 + e⁻ˣ)</c>, squashing into (0, 1).</summary>
    public Value Sigmoid()
    {
        // Written so that the exponential never overflows: for negative x use eˣ/(1 + eˣ).
        double sigma = data >= 0
            ? 1 / (1 + Math.Exp(-data))
            : Math.Exp(data) / (1 + Math.Exp(data));
        var x = this;
        var result = new Value(sigma, "sigmoid", x);
        // dσ/dx = σ(x)·(1 − σ(x))
        result.backward = () => x.Grad += result.data * (1 - result.data) * result.Grad;
        return result;
    }

    // ---- The engine. ----

    /// <summary>
    /// Computes the derivative of this value with respect to every value it depends on:
    /// sets <c>Grad = 1</c> here (dL/dL = 1) and applies each operation's backward rule, from
    /// this value back to the inputs, so that every value is handled only after all the values
    /// computed from it.
    /// </summary>
    /// <exception cref="ArithmeticException">A derivative along the way is infinite (see <see cref="Pow"/>).</exception>
    public void Backward()
    {
        IReadOnlyList<Value> order = TopologicalOrder();
        Grad = 1;
        // Reverse topological order: a value's gradient is complete before it is passed on.
        for (int i = order.Count - 1; i >= 0; i--)
            order[i].backward?.Invoke();
    }

    /// <summary>Sets <see cref="Grad"/> to zero on this value and on every value it depends on.</summary>
    public void ZeroGrad()
    {
        foreach (Value value in TopologicalOrder())
            value.Grad = 0;
    }

    /// <summary>
    /// This value and every value it depends on, each listed once and after all of its
    /// operands (a topological order); this value comes last.
    /// </summary>
    /// <remarks>
    /// A depth-first search with an explicit stack rather than recursion, so that a chain of
    /// any depth fits: each value is pushed once to visit its operands and once more to be
    /// emitted after them.
    /// </remarks>
    public IReadOnlyList<Value> TopologicalOrder()
    {
        var order = new List<Value>();
        var visited = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Value Value, bool OperandsDone)>();
        stack.Push((this, false));
        while (stack.Count > 0)
        {
            var (value, operandsDone) = stack.Pop();
            if (operandsDone)
            {
                order.Add(value);
                continue;
            }
            if (!visited.Add(value)) continue;
            stack.Push((value, true));
            // Pushed last-first so the first operand is visited first, keeping the order stable.
            for (int i = value.operands.Length - 1; i >= 0; i--)
                if (!visited.Contains(value.operands[i]))
                    stack.Push((value.operands[i], false));
        }
        return order;
    }

    /// <summary>
    /// The graph that produced this value in Graphviz DOT format; see <see cref="ValueGraph.ToDot"/>.
    /// </summary>
    public string ToDot() => ValueGraph.ToDot(this);

    /// <summary>A short description such as <c>Value(L = -8, grad = 1, op *)</c>.</summary>
    public override string ToString()
    {
        string name = Label is null ? "" : Label + " = ";
        string op = Op is null ? "" : $", op {Op}";
        return $"Value({name}{Format(data)}, grad = {Format(Grad)}{op})";
    }

    // "x = 0" for a labelled value, "0" otherwise: names the offending value in error messages.
    static string Describe(Value value) =>
        value.Label is null ? Format(value.data) : $"{value.Label} = {Format(value.data)}";

    static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
