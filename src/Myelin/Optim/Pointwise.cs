using System.Numerics;
using System.Numerics.Tensors;

namespace Myelin.Optim;

/// <summary>
/// The element-wise building blocks of the update rules, named after the PyTorch calls they
/// mirror (<c>add_(other, alpha)</c>, <c>addcmul_</c>, <c>addcdiv_</c>) and evaluated in the same
/// order, so that float32 results agree with PyTorch's to rounding. Hyperparameters arrive as
/// doubles and are rounded to the element type first, as PyTorch does with Python scalars.
/// Destinations may be the same span as an input.
/// </summary>
internal static class Pointwise
{
    /// <summary>
    /// Elements per chunk when an optimizer runs its passes chunk by chunk: 16 KB of floats per
    /// array, so the parameter, gradient, state and work arrays of one chunk stay in cache
    /// through all of the update's passes.
    /// </summary>
    public const int ChunkLength = 4096;

    public static T Cast<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);

    /// <summary>destination = x + alpha·y (PyTorch's <c>x.add(y, alpha=alpha)</c>, fused as in its vectorised kernel).</summary>
    public static void AddScaled<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, double alpha, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        TensorPrimitives.FusedMultiplyAdd(y, Cast<T>(alpha), x, destination);

    /// <summary>x = x·factor (PyTorch's <c>x.mul_(factor)</c>).</summary>
    public static void Scale<T>(Span<T> x, double factor) where T : IFloatingPointIeee754<T> =>
        TensorPrimitives.Multiply(x, Cast<T>(factor), x);

    /// <summary>destination = x + value·t1·t2 (PyTorch's <c>x.addcmul(t1, t2, value=value)</c>); <paramref name="work"/> is scratch.</summary>
    public static void AddProduct<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> t1, ReadOnlySpan<T> t2, double value, Span<T> destination, Span<T> work)
        where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(t1, Cast<T>(value), work);
        TensorPrimitives.Multiply(work, t2, work);
        TensorPrimitives.Add(x, work, destination);
    }

    /// <summary>destination = x + value·t1/t2 (PyTorch's <c>x.addcdiv(t1, t2, value=value)</c>); <paramref name="work"/> is scratch.</summary>
    public static void AddQuotient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> t1, ReadOnlySpan<T> t2, double value, Span<T> destination, Span<T> work)
        where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(t1, Cast<T>(value), work);
        TensorPrimitives.Divide(work, t2, work);
        TensorPrimitives.Add(x, work, destination);
    }
}
