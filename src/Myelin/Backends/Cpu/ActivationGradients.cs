using System.Numerics;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Fused backward kernels for the hottest activations. The engine uses them when it is not
/// recording the backward pass; with createGraph the composite rules in Derivatives run instead.
/// </summary>
internal static class ActivationGradients
{
    /// <summary>Elements per work item when a long gradient is shared among threads.</summary>
    const int Block = 1 << 14;

    /// <summary>dx = g where x &gt; 0, else 0 (contiguous spans of equal length); long spans in blocks on Myelin's threads.</summary>
    public static unsafe void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dx) where T : unmanaged, INumber<T>
    {
        int length = x.Length, blocks = (length + Block - 1) / Block;
        if (ParallelRanges.ThreadsFor(blocks, Block) < 2)
        {
            ReluBackwardSerial(x, g, dx);
            return;
        }
        // The spans stay pinned while the threads read and write them through pointers.
        fixed (T* input = x, upstream = g, output = dx)
        {
            nint xs = (nint)input, gs = (nint)upstream, ds = (nint)output;
            ParallelRanges.For(blocks, Block, (start, end) =>
            {
                int first = start * Block, count = Math.Min(end * Block, length) - first;
                ReluBackwardSerial(new ReadOnlySpan<T>((T*)xs + first, count), new ReadOnlySpan<T>((T*)gs + first, count),
                    new Span<T>((T*)ds + first, count));
            });
        }
    }

    static void ReluBackwardSerial<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dx) where T : unmanaged, INumber<T>
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
