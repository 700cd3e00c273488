namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(Tensor a, double b) => Add(a, ScalarLike(b, a));
    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(double a, Tensor b) => Add(ScalarLike(a, b), b);
    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Sub(a, b);
    /// <summary>Subtracts a scalar from every element.</summary>
    public static Tensor operator -(Tensor a, double b) => Sub(a, ScalarLike(b, a));
    /// <summary>Subtracts every element from a scalar.</summary>
    public static Tensor operator -(double a, Tensor b) => Sub(ScalarLike(a, b), b);
    /// <summary>Elementwise negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();
    /// <summary>Elementwise product with broadcasting (use <see cref="MatMul(Tensor)"/> for the matrix product).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Mul(a, b);
    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(Tensor a, double b) => Mul(a, ScalarLike(b, a));
    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(double a, Tensor b) => Mul(ScalarLike(a, b), b);
    /// <summary>Elementwise division with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Div(a, b);
    /// <summary>Divides every element by a scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => Div(a, ScalarLike(b, a));
    /// <summary>Divides a scalar by every element.</summary>
    public static Tensor operator /(double a, Tensor b) => Div(ScalarLike(a, b), b);
    /// <summary>Elementwise a &lt; b (Bool).</summary>
    public static Tensor operator <(Tensor a, Tensor b) => a.Lt(b);
    /// <summary>Elementwise a &gt; b (Bool).</summary>
    public static Tensor operator >(Tensor a, Tensor b) => a.Gt(b);
    /// <summary>Elementwise a ≤ b (Bool).</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => a.Le(b);
    /// <summary>Elementwise a ≥ b (Bool).</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => a.Ge(b);
    /// <summary>Elementwise a &lt; b (Bool).</summary>
    public static Tensor operator <(Tensor a, double b) => a.Lt(b);
    /// <summary>Elementwise a &gt; b (Bool).</summary>
    public static Tensor operator >(Tensor a, double b) => a.Gt(b);
    /// <summary>Elementwise a ≤ b (Bool).</summary>
    public static Tensor operator <=(Tensor a, double b) => a.Le(b);
    /// <summary>Elementwise a ≥ b (Bool).</summary>
    public static Tensor operator >=(Tensor a, double b) => a.Ge(b);
}
