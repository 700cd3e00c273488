using System.Numerics;
using System.Runtime.Intrinsics;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Max pooling in one pass over the input: each window's largest value together with where it came
/// from, and the backward pass that sends each window's gradient to that one element. The images are
/// planes [H, W] (batch and channels flattened together); the geometry has a single channel. An index
/// is the flat position ih·W + iw inside its plane, as PyTorch's <c>return_indices</c> gives it.
/// </summary>
/// <remarks>
/// The choice follows PyTorch: a value wins when it is larger than the best so far or NaN, so among
/// tied maxima the first (in row-major order) wins and a NaN anywhere in the window is the result.
/// Window taps in the padding are skipped (−∞ padding). A window with no tap inside the input (possible
/// only with a large dilation) gives −∞ and index −1, which the backward pass skips.
/// </remarks>
internal static class MaxPoolKernels
{
    /// <summary>
    /// Pools <paramref name="planes"/> planes of <paramref name="input"/> (contiguous from <paramref name="inputOffset"/>)
    /// into <paramref name="output"/> and <paramref name="indices"/>, each [planes, BlocksHigh·BlocksWide].
    /// </summary>
    public static void Forward<T>(T[] input, int inputOffset, T[] output, int[] indices, int planes, UnfoldGeometry g)
        where T : unmanaged, INumber<T>
    {
        int planeSize = g.Height * g.Width, windows = g.Blocks;
        bool pairs = g is { KernelHeight: 2, KernelWidth: 2, StrideHeight: 2, StrideWidth: 2, DilationHeight: 1, DilationWidth: 1, PadTop: 0, PadLeft: 0 }
            && 2 * g.BlocksHigh <= g.Height && 2 * g.BlocksWide <= g.Width;
        ParallelRanges.For(planes, (long)windows * g.KernelHeight * g.KernelWidth, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var plane = new ReadOnlySpan<T>(input, inputOffset + p * planeSize, planeSize);
                var values = new Span<T>(output, p * windows, windows);
                var where = new Span<int>(indices, p * windows, windows);
                if (pairs) ForwardTwoByTwo(plane, values, where, g);
                else ForwardPlane(plane, values, where, g);
            }
        });
    }

    /// <summary>
    /// Adds each element of <paramref name="gradOutput"/> [planes, windows] to the element of its plane in
    /// <paramref name="gradInput"/> [planes, H·W] that <paramref name="indices"/> names; gradInput starts at zero.
    /// </summary>
    public static void Backward<T>(T[] gradOutput, int gradOffset, int[] indices, T[] gradInput, int planes, UnfoldGeometry g)
        where T : unmanaged, INumber<T>
    {
        int planeSize = g.Height * g.Width, windows = g.Blocks;
        ParallelRanges.For(planes, planeSize + windows, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var upstream = new ReadOnlySpan<T>(gradOutput, gradOffset + p * windows, windows);
                var from = new ReadOnlySpan<int>(indices, p * windows, windows);
                var plane = new Span<T>(gradInput, p * planeSize, planeSize);
                plane.Clear();
                for (int o = 0; o < windows; o++)
                {
                    int index = from[o];
                    if (index >= 0) plane[index] += upstream[o];
                }
            }
        });
    }

    /// <summary>Any geometry: padding, dilation, ceil-mode windows past the edges.</summary>
    static void ForwardPlane<T>(ReadOnlySpan<T> plane, Span<T> values, Span<int> indices, in UnfoldGeometry g)
        where T : unmanaged, INumber<T>
    {
        int height = g.Height, width = g.Width;
        T negativeInfinity = T.CreateChecked(double.NegativeInfinity);
        for (int oh = 0, o = 0; oh < g.BlocksHigh; oh++)
        {
            int top = oh * g.StrideHeight - g.PadTop;
            for (int ow = 0; ow < g.BlocksWide; ow++, o++)
            {
                int left = ow * g.StrideWidth - g.PadLeft;
                T best = negativeInfinity;
                int bestIndex = -1;
                for (int i = 0; i < g.KernelHeight; i++)
                {
                    int ih = top + i * g.DilationHeight;
                    if ((uint)ih >= (uint)height) continue;
                    for (int j = 0; j < g.KernelWidth; j++)
                    {
                        int iw = left + j * g.DilationWidth;
                        if ((uint)iw >= (uint)width) continue;
                        int index = ih * width + iw;
                        T value = plane[index];
                        if (bestIndex < 0 || value > best || T.IsNaN(value))
                        {
                            best = value;
                            bestIndex = index;
                        }
                    }
                }
                values[o] = best;
                indices[o] = bestIndex;
            }
        }
    }

    /// <summary>
    /// The common 2×2 window with stride 2 and no padding, every window inside the plane. Each window is
    /// decided as (top-left vs top-right) vs (bottom-left vs bottom-right), which picks the same element as
    /// the row-major scan: the bottom pair wins only when strictly larger (or NaN).
    /// </summary>
    static void ForwardTwoByTwo<T>(ReadOnlySpan<T> plane, Span<T> values, Span<int> indices, in UnfoldGeometry g)
        where T : unmanaged, INumber<T>
    {
        int width = g.Width, blocksWide = g.BlocksWide;
        for (int oh = 0; oh < g.BlocksHigh; oh++)
        {
            int upper = 2 * oh * width, lower = upper + width;
            var top = plane.Slice(upper, 2 * blocksWide);
            var bottom = plane.Slice(lower, 2 * blocksWide);
            var rowValues = values.Slice(oh * blocksWide, blocksWide);
            var rowIndices = indices.Slice(oh * blocksWide, blocksWide);
            int ow = 0;
            // Random data makes the comparisons unpredictable branches; vector selects have none.
            if (typeof(T) == typeof(float) && Vector128.IsHardwareAccelerated)
                ow = TwoByTwoRowVector(
                    System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(top),
                    System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(bottom),
                    System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(rowValues), rowIndices, upper, width);
            for (; ow < blocksWide; ow++)
            {
                int left = 2 * ow;
                // Row-major order: the first of tied maxima wins, a NaN always does.
                T best = top[left];
                int bestIndex = upper + left;
                T value = top[left + 1];
                if (value > best || T.IsNaN(value)) { best = value; bestIndex = upper + left + 1; }
                value = bottom[left];
                if (value > best || T.IsNaN(value)) { best = value; bestIndex = lower + left; }
                value = bottom[left + 1];
                if (value > best || T.IsNaN(value)) { best = value; bestIndex = lower + left + 1; }
                rowValues[ow] = best;
                rowIndices[ow] = bestIndex;
            }
        }
    }

    /// <summary>
    /// Four 2×2 windows at a time along one row pair, the even and odd columns (each window's left and right
    /// elements) split apart so that every choice is a vector select. A short last group overlaps the one
    /// before it (recomputing a few windows gives the same values). Returns the windows done: all of them
    /// when there are at least four.
    /// </summary>
    static int TwoByTwoRowVector(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, Span<float> values, Span<int> indices,
        int upper, int width)
    {
        int windows = values.Length;
        if (windows < 4) return 0;
        var step = Vector128.Create(0, 2, 4, 6);
        var one = Vector128<int>.One;
        var down = Vector128.Create(width);
        for (int done = 0; done < windows; done += 4)
        {
            int ow = Math.Min(done, windows - 4);
            var (topLeft, topRight) = SplitColumns(top.Slice(2 * ow, 8));
            var (bottomLeft, bottomRight) = SplitColumns(bottom.Slice(2 * ow, 8));
            var upperRight = Wins(topRight, topLeft);
            var upperBest = Vector128.ConditionalSelect(upperRight, topRight, topLeft);
            var lowerRight = Wins(bottomRight, bottomLeft);
            var lowerBest = Vector128.ConditionalSelect(lowerRight, bottomRight, bottomLeft);
            var lower = Wins(lowerBest, upperBest);
            Vector128.ConditionalSelect(lower, lowerBest, upperBest).CopyTo(values.Slice(ow, 4));
            var column = Vector128.ConditionalSelect(lower.AsInt32(), lowerRight.AsInt32() & one, upperRight.AsInt32() & one);
            var index = Vector128.Create(upper + 2 * ow) + step + column + (lower.AsInt32() & down);
            index.CopyTo(indices.Slice(ow, 4));
        }
        return windows;
    }

    /// <summary>8 consecutive values → (the 4 at even positions, the 4 at odd positions).</summary>
    static (Vector128<float> Even, Vector128<float> Odd) SplitColumns(ReadOnlySpan<float> eight)
    {
        var first = Vector128.Shuffle(Vector128.Create(eight), Vector128.Create(0, 2, 1, 3));
        var second = Vector128.Shuffle(Vector128.Create(eight[4..]), Vector128.Create(0, 2, 1, 3));
        return (Vector128.Create(first.GetLower(), second.GetLower()), Vector128.Create(first.GetUpper(), second.GetUpper()));
    }

    /// <summary>Where the challenger replaces the incumbent: it is larger, or NaN.</summary>
    static Vector128<float> Wins(Vector128<float> challenger, Vector128<float> incumbent) =>
        Vector128.GreaterThan(challenger, incumbent) | ~Vector128.Equals(challenger, challenger);
}
