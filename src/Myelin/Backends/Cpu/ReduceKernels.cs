using System.Numerics;
using System.Numerics.Tensors;

namespace Myelin.Backends.Cpu;

/// <summary>Reductions supported by <see cref="ReduceKernels"/>.</summary>
internal enum ReduceOp { Sum, Max, Min }

/// <summary>
/// Reductions over the middle axis of a contiguous block viewed as [outer, length, inner]:
/// reducing the last axis sums rows (inner = 1), reducing a leading axis adds whole rows
/// together (outer = 1), both with SIMD.
/// </summary>
internal static class ReduceKernels
{
    public static void Reduce<T>(ReduceOp op, ReadOnlySpan<T> source, Span<T> destination, int outer, int length, int inner)
        where T : INumber<T>
    {
        if (length == 0)
        {
            destination.Clear();
            return;
        }
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                var row = source.Slice(o * length, length);
                destination[o] = op switch
                {
                    ReduceOp.Sum => TensorPrimitives.Sum(row),
                    ReduceOp.Max => TensorPrimitives.Max(row),
                    _ => TensorPrimitives.Min(row),
                };
            }
            return;
        }
        for (int o = 0; o < outer; o++)
        {
            var dst = destination.Slice(o * inner, inner);
            var block = source.Slice(o * length * inner, length * inner);
            block.Slice(0, inner).CopyTo(dst);
            for (int r = 1; r < length; r++)
            {
                var row = block.Slice(r * inner, inner);
                switch (op)
                {
                    case ReduceOp.Sum: TensorPrimitives.Add(dst, row, dst); break;
                    case ReduceOp.Max: TensorPrimitives.Max(dst, row, dst); break;
                    default: TensorPrimitives.Min(dst, row, dst); break;
                }
            }
        }
    }

    /// <summary>Index of the first maximum (or minimum) along the middle axis; NaN counts as the extreme, as in PyTorch.</summary>
    public static void ArgReduce<T>(bool max, ReadOnlySpan<T> source, Span<long> destination, int outer, int length, int inner)
        where T : INumber<T>
    {
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = source[o * length * inner + i];
                for (int r = 1; r < length && !T.IsNaN(bestValue); r++)
                {
                    T v = source[(o * length + r) * inner + i];
                    if (T.IsNaN(v) || (max ? v > bestValue : v < bestValue))
                    {
                        best = r;
                        bestValue = v;
                    }
                }
                destination[o * inner + i] = best;
            }
        }
    }

    /// <summary>Softmax (or log-softmax) of each contiguous row of length <paramref name="n"/>, stabilised by the row maximum.</summary>
    public static void SoftmaxRows<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int n, bool log)
        where T : IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        for (int r = 0; r < rows; r++)
        {
            var x = source.Slice(r * n, n);
            var y = destination.Slice(r * n, n);
            T max = TensorPrimitives.Max(x);
            if (T.IsNegativeInfinity(max)) max = T.Zero; // all −∞: keep the arithmetic finite, result follows from exp
            TensorPrimitives.Subtract(x, max, y);
            TensorPrimitives.Exp(y, y);
            T sum = TensorPrimitives.Sum<T>(y);
            if (log)
            {
                // (x − max) − log Σ: subtracting in this order keeps precision when |max| is large.
                TensorPrimitives.Subtract(x, max, y);
                TensorPrimitives.Subtract(y, T.Log(sum), y);
            }
            else
            {
                TensorPrimitives.Divide(y, sum, y);
            }
        }
    }
}
