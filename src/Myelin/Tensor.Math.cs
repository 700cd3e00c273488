using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>Attaches a graph node to a freshly computed result when gradients are wanted.</summary>
    internal static Tensor Record(Tensor result, OpKind op, Tensor[] inputs, int[]? ints = null, double scalar = 0)
    {
        if (!Autograd.IsGradEnabled) return result;
        foreach (var input in inputs)
        {
            if (input.requiresGrad)
            {
                result.GradFn = new Node(op, inputs, result, ints, scalar);
                result.requiresGrad = true;
                return result;
            }
        }
        return result;
    }

    /// <summary>A 0-d tensor holding <paramref name="value"/> in a dtype that suits arithmetic with <paramref name="like"/>.</summary>
    internal static Tensor ScalarLike(double value, Tensor like)
    {
        var dtype = like.DType;
        if (!dtype.IsFloatingPoint() && value != Math.Floor(value)) dtype = DType.Float32;
        if (dtype == DType.Bool) dtype = DType.Int64;
        return Scalar(value, dtype);
    }

    static Tensor Binary(BinaryOp op, OpKind kind, Tensor a, Tensor b, string name)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dtype = DTypeInfo.Promote(a.DType, b.DType);
        if (dtype == DType.Bool)
            throw new ArgumentException($"{name}: arithmetic on Bool tensors is not supported; convert with .To(DType.Float32) or use LogicalAnd/LogicalOr.");
        if (op is BinaryOp.Divide or BinaryOp.Power && !dtype.IsFloatingPoint()) dtype = DType.Float32;
        var shape = Layout.Broadcast(a.shape, b.shape, name);
        var left = a.To(dtype);
        var right = b.To(dtype);
        var output = Uninitialized(shape, dtype);
        ElementwiseKernels.Binary(op, left, Layout.BroadcastStrides(left.shape, left.strides, shape),
            right, Layout.BroadcastStrides(right.shape, right.strides, shape), output);
        return Record(output, kind, [left, right]);
    }

    /// <summary>Elementwise sum with broadcasting: shapes [..., n] and [n] give [..., n].</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(BinaryOp.Add, OpKind.Add, a, b, "Add");

    /// <summary>Elementwise difference a − b with broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b) => Binary(BinaryOp.Subtract, OpKind.Sub, a, b, "Sub");

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Binary(BinaryOp.Multiply, OpKind.Mul, a, b, "Mul");

    /// <summary>Elementwise true division a / b with broadcasting (integers give Float32).</summary>
    public static Tensor Div(Tensor a, Tensor b) => Binary(BinaryOp.Divide, OpKind.Div, a, b, "Div");

    /// <summary>Elementwise power a^b with broadcasting.</summary>
    public static Tensor Pow(Tensor a, Tensor b) => Binary(BinaryOp.Power, OpKind.Pow, a, b, "Pow");

    /// <summary>Elementwise maximum with broadcasting (NaN if either is NaN; ties share the gradient equally).</summary>
    public static Tensor Maximum(Tensor a, Tensor b) => Binary(BinaryOp.Maximum, OpKind.Maximum, a, b, "Maximum");

    /// <summary>Elementwise minimum with broadcasting (NaN if either is NaN; ties share the gradient equally).</summary>
    public static Tensor Minimum(Tensor a, Tensor b) => Binary(BinaryOp.Minimum, OpKind.Minimum, a, b, "Minimum");

    /// <summary>this + other, broadcasting.</summary>
    public Tensor Add(Tensor other) => Add(this, other);
    /// <summary>this − other, broadcasting.</summary>
    public Tensor Sub(Tensor other) => Sub(this, other);
    /// <summary>this · other elementwise, broadcasting.</summary>
    public Tensor Mul(Tensor other) => Mul(this, other);
    /// <summary>this / other elementwise, broadcasting.</summary>
    public Tensor Div(Tensor other) => Div(this, other);
    /// <summary>this raised to <paramref name="exponent"/> elementwise, broadcasting.</summary>
    public Tensor Pow(Tensor exponent) => Pow(this, exponent);
    /// <summary>this raised to the scalar <paramref name="exponent"/>.</summary>
    public Tensor Pow(double exponent) => Pow(this, ScalarLike(exponent, this));
    /// <summary>Elementwise maximum with <paramref name="other"/>.</summary>
    public Tensor Maximum(Tensor other) => Maximum(this, other);
    /// <summary>Elementwise minimum with <paramref name="other"/>.</summary>
    public Tensor Minimum(Tensor other) => Minimum(this, other);

    Tensor Unary(UnaryOp op, OpKind kind, string name, double parameter = 0)
    {
        bool integerOk = op is UnaryOp.Negate or UnaryOp.Abs or UnaryOp.Sign;
        if (!integerOk) RequireFloat(name);
        if (DType == DType.Bool) throw new ArgumentException($"{name}: not supported for Bool tensors.");
        var input = IsContiguous ? this : StridedCopy.ToContiguous(this);
        var output = Uninitialized((int[])shape.Clone(), DType);
        switch (DType)
        {
            case DType.Float32: ElementwiseKernels.Unary<float>(op, input.Span<float>(), output.Span<float>(), parameter); break;
            case DType.Float64: ElementwiseKernels.Unary<double>(op, input.Span<double>(), output.Span<double>(), parameter); break;
            case DType.Int64: ElementwiseKernels.UnaryInteger<long>(op, input.Span<long>(), output.Span<long>()); break;
            case DType.Int32: ElementwiseKernels.UnaryInteger<int>(op, input.Span<int>(), output.Span<int>()); break;
        }
        return op == UnaryOp.Sign ? output : Record(output, kind, [this], scalar: parameter);
    }

    /// <summary>−x elementwise.</summary>
    public Tensor Neg() => Unary(UnaryOp.Negate, OpKind.Neg, "Neg");
    /// <summary>|x| elementwise (gradient 0 at 0, as in PyTorch).</summary>
    public Tensor Abs() => Unary(UnaryOp.Abs, OpKind.Abs, "Abs");
    /// <summary>−1, 0 or 1 by the sign of each element (not differentiable: no graph).</summary>
    public Tensor Sign() => Unary(UnaryOp.Sign, OpKind.Abs, "Sign");
    /// <summary>eˣ elementwise.</summary>
    public Tensor Exp() => Unary(UnaryOp.Exp, OpKind.Exp, "Exp");
    /// <summary>Natural logarithm elementwise (−∞ at 0, NaN below, as in IEEE arithmetic).</summary>
    public Tensor Log() => Unary(UnaryOp.Log, OpKind.Log, "Log");
    /// <summary>√x elementwise.</summary>
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt, OpKind.Sqrt, "Sqrt");
    /// <summary>1/√x elementwise.</summary>
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt, OpKind.Rsqrt, "Rsqrt");
    /// <summary>sin x elementwise.</summary>
    public Tensor Sin() => Unary(UnaryOp.Sin, OpKind.Sin, "Sin");
    /// <summary>cos x elementwise.</summary>
    public Tensor Cos() => Unary(UnaryOp.Cos, OpKind.Cos, "Cos");
    /// <summary>tanh x elementwise.</summary>
    public Tensor Tanh() => Unary(UnaryOp.Tanh, OpKind.Tanh, "Tanh");
    /// <summary>The logistic sigmoid σ(x) = 1 / (1 + e⁻ˣ) elementwise.</summary>
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid, OpKind.Sigmoid, "Sigmoid");
    /// <summary>max(x, 0) elementwise (gradient 0 at 0).</summary>
    public Tensor ReLU() => Unary(UnaryOp.Relu, OpKind.Relu, "ReLU");
    /// <summary>The ReLU gradient g·[x &gt; 0] in one pass (not recorded); x and g share a shape and dtype.</summary>
    internal static Tensor ReluBackward(Tensor x, Tensor g)
    {
        var input = x.IsContiguous ? x : StridedCopy.ToContiguous(x);
        var upstream = g.IsContiguous && Layout.SameShape(g.shape, x.shape) ? g : StridedCopy.ToContiguous(g.Expand(x.shape));
        var result = Uninitialized((int[])x.shape.Clone(), x.DType);
        if (x.DType == DType.Float32) ActivationGradients.ReluBackward<float>(input.Span<float>(), upstream.Span<float>(), result.Span<float>());
        else ActivationGradients.ReluBackward<double>(input.Span<double>(), upstream.Span<double>(), result.Span<double>());
        return result;
    }

    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public Tensor LeakyReLU(double negativeSlope = 0.01) => Unary(UnaryOp.LeakyRelu, OpKind.LeakyRelu, "LeakyReLU", negativeSlope);
    /// <summary>The error function erf x elementwise.</summary>
    public Tensor Erf() => Unary(UnaryOp.Erf, OpKind.Erf, "Erf");
    /// <summary>
    /// GELU: x·Φ(x) with Φ the standard normal CDF (exact, PyTorch's default), or with
    /// <paramref name="tanhApproximation"/> 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).
    /// </summary>
    public Tensor GELU(bool tanhApproximation = false) => tanhApproximation
        ? Unary(UnaryOp.GeluTanh, OpKind.GeluTanh, "GELU")
        : Unary(UnaryOp.Gelu, OpKind.Gelu, "GELU");

    /// <summary>x² elementwise.</summary>
    public Tensor Square() => Mul(this, this);

    /// <summary>1/x elementwise.</summary>
    public Tensor Reciprocal() => Div(ScalarLike(1, this), this);

    /// <summary>
    /// Limits each element to [min, max] (either bound may be null). Gradient 1 inside the range
    /// (bounds included), 0 outside.
    /// </summary>
    /// <exception cref="ArgumentException">min is greater than max.</exception>
    public Tensor Clamp(double? min = null, double? max = null)
    {
        if (min > max) throw new ArgumentException($"Clamp: min ({min}) is greater than max ({max}).");
        var result = this;
        if (min is double lo) result = Where(result.Lt(lo), ScalarLike(lo, this), result);
        if (max is double hi) result = Where(result.Gt(hi), ScalarLike(hi, this), result);
        return result;
    }

    /// <summary>
    /// Picks from <paramref name="whenTrue"/> where <paramref name="condition"/> (Bool) holds and
    /// from <paramref name="whenFalse"/> elsewhere; all three broadcast together.
    /// </summary>
    /// <exception cref="ArgumentException">The condition is not Bool, or the shapes do not broadcast.</exception>
    public static Tensor Where(Tensor condition, Tensor whenTrue, Tensor whenFalse)
    {
        if (condition.DType != DType.Bool)
            throw new ArgumentException($"Where: the condition must be a Bool tensor, got {condition.DType}.");
        var dtype = DTypeInfo.Promote(whenTrue.DType, whenFalse.DType);
        var shape = Layout.Broadcast(Layout.Broadcast(condition.shape, whenTrue.shape, "Where"), whenFalse.shape, "Where");
        var a = whenTrue.To(dtype);
        var b = whenFalse.To(dtype);
        var output = Uninitialized(shape, dtype);
        ElementwiseKernels.Where(condition, Layout.BroadcastStrides(condition.shape, condition.strides, shape),
            a, Layout.BroadcastStrides(a.shape, a.strides, shape), b, Layout.BroadcastStrides(b.shape, b.strides, shape), output);
        return Record(output, OpKind.Where, [condition, a, b]);
    }

    /// <summary>Where with a scalar for the true branch.</summary>
    public static Tensor Where(Tensor condition, double whenTrue, Tensor whenFalse) => Where(condition, ScalarLike(whenTrue, whenFalse), whenFalse);

    /// <summary>Where with a scalar for the false branch.</summary>
    public static Tensor Where(Tensor condition, Tensor whenTrue, double whenFalse) => Where(condition, whenTrue, ScalarLike(whenFalse, whenTrue));

    /// <summary>Replaces elements where <paramref name="mask"/> is true with <paramref name="value"/>.</summary>
    public Tensor MaskedFill(Tensor mask, double value) => Where(mask, ScalarLike(value, this), this);

    Tensor Compare(CompareOp op, Tensor other, string name)
    {
        var dtype = DTypeInfo.Promote(DType, other.DType);
        var shape = Layout.Broadcast(this.shape, other.shape, name);
        var a = Detach().To(dtype);
        var b = other.Detach().To(dtype);
        var output = Uninitialized(shape, DType.Bool);
        ElementwiseKernels.Compare(op, a, Layout.BroadcastStrides(a.shape, a.strides, shape), b, Layout.BroadcastStrides(b.shape, b.strides, shape), output);
        return output;
    }

    /// <summary>Elementwise equality (Bool result).</summary>
    public Tensor Eq(Tensor other) => Compare(CompareOp.Equal, other, "Eq");
    /// <summary>Elementwise inequality (Bool result).</summary>
    public Tensor Ne(Tensor other) => Compare(CompareOp.NotEqual, other, "Ne");
    /// <summary>Elementwise this &lt; other (Bool result).</summary>
    public Tensor Lt(Tensor other) => Compare(CompareOp.Less, other, "Lt");
    /// <summary>Elementwise this ≤ other (Bool result).</summary>
    public Tensor Le(Tensor other) => Compare(CompareOp.LessEqual, other, "Le");
    /// <summary>Elementwise this &gt; other (Bool result).</summary>
    public Tensor Gt(Tensor other) => Compare(CompareOp.Greater, other, "Gt");
    /// <summary>Elementwise this ≥ other (Bool result).</summary>
    public Tensor Ge(Tensor other) => Compare(CompareOp.GreaterEqual, other, "Ge");
    /// <summary>Elementwise equality with a scalar.</summary>
    public Tensor Eq(double other) => Eq(ScalarLike(other, this));
    /// <summary>Elementwise inequality with a scalar.</summary>
    public Tensor Ne(double other) => Ne(ScalarLike(other, this));
    /// <summary>Elementwise this &lt; scalar.</summary>
    public Tensor Lt(double other) => Lt(ScalarLike(other, this));
    /// <summary>Elementwise this ≤ scalar.</summary>
    public Tensor Le(double other) => Le(ScalarLike(other, this));
    /// <summary>Elementwise this &gt; scalar.</summary>
    public Tensor Gt(double other) => Gt(ScalarLike(other, this));
    /// <summary>Elementwise this ≥ scalar.</summary>
    public Tensor Ge(double other) => Ge(ScalarLike(other, this));

    Tensor Logical(int op, Tensor other, string name)
    {
        if (DType != DType.Bool || other.DType != DType.Bool)
            throw new ArgumentException($"{name}: both operands must be Bool, got {DType} and {other.DType}.");
        var shape = Layout.Broadcast(this.shape, other.shape, name);
        var output = Uninitialized(shape, DType.Bool);
        ElementwiseKernels.Logical(op, this, Layout.BroadcastStrides(this.shape, strides, shape), other, Layout.BroadcastStrides(other.shape, other.strides, shape), output);
        return output;
    }

    /// <summary>Elementwise logical and of Bool tensors.</summary>
    public Tensor LogicalAnd(Tensor other) => Logical(0, other, "LogicalAnd");
    /// <summary>Elementwise logical or of Bool tensors.</summary>
    public Tensor LogicalOr(Tensor other) => Logical(1, other, "LogicalOr");
    /// <summary>Elementwise logical not of a Bool tensor.</summary>
    public Tensor LogicalNot() => Logical(2, Scalar(1, DType.Bool), "LogicalNot");

    /// <summary>Bool tensor: true where the element is NaN.</summary>
    public Tensor IsNaN() => DType.IsFloatingPoint() ? Ne(this) : Zeros((int[])shape.Clone(), DType.Bool);

    /// <summary>True when every element is finite (no NaN or ±∞).</summary>
    public bool AllFinite()
    {
        if (!DType.IsFloatingPoint()) return true;
        foreach (double v in ToArray<double>())
            if (!double.IsFinite(v)) return false;
        return true;
    }
}
