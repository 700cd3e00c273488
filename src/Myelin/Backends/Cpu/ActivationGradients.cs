using System.Numerics;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Fused backward kernels for the hottest activations. The engine uses them when it is not
/// recording the backward pass; with createGraph the composite rules in Derivatives run instead.
/// </summary>
internal static class ActivationGradients
{
    /// <summary>dx = g where x &gt; 0, else 0 (contiguous spans of equal length).</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dx) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var positive = Vector.GreaterThan(new Vector<T>(x[i..]), Vector<T>.Zero);
                Vector.ConditionalSelect(positive, new Vector<T>(g[i..]), Vector<T>.Zero).CopyTo(dx[i..]);
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > T.Zero ? g[i] : T.Zero;
    }
}
