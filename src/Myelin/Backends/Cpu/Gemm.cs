using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace Myelin.Backends.Cpu;

/// <summary>
/// General matrix multiplication, C (+)= op(A)·op(B), for float and double: the kernel behind
/// MatMul, Linear and (through im2col) convolution.
/// </summary>
/// <remarks>
/// All matrices are row-major with leading dimensions (row strides) lda, ldb, ldc and start
/// offsets. op(A) is A (m × k) or, when <c>transA</c>, Aᵀ with A stored k × m; the same for B
/// (k × n, or n × k stored when <c>transB</c>). Transposes are read in place, never copied.
/// C must not overlap A or B.
/// <para>Most products go through <see cref="GemmBlocked"/> (packed panels, cache blocking,
/// a register-blocked FMA micro-kernel, threads over blocks of C); tiny products and those with
/// few rows of A (one sample or a small batch) through <see cref="GemmDirect"/>, which needs no
/// packing. The vector width follows <see cref="SimdSettings"/>, the thread count
/// <see cref="Threading.MaxThreads"/>. For a given width, the result is the same bit for bit
/// for every thread count.</para>
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>Products with at most this many multiply-adds always skip packing (when their layout allows).</summary>
    const long TinyWork = 16 * 16 * 16;

    /// <summary>Up to this many rows of A, the direct products beat packing (measured on Zen 4).</summary>
    const int FewRows = 16;

    /// <summary>Up to this many rows, a direct product with B still beats packing while B stays in cache.</summary>
    const int SomeRows = 64;

    /// <summary>Size in bytes of a B that the direct row-times-B product reuses from the L2 cache.</summary>
    const long CachedBBytes = 1 << 20;

    /// <summary>
    /// Multiply-adds worth one more thread: about 5 µs of work, well above the cost of handing
    /// work to a helper that is awake (about 1 µs).
    /// </summary>
    const long WorkPerThread = 1 << 18;

    /// <summary>How many threads a product of <paramref name="multiplyAdds"/> multiply-adds should use.</summary>
    internal static int ThreadsFor(long multiplyAdds)
        => (int)Math.Clamp(multiplyAdds / WorkPerThread, 1, Threading.MaxThreads);

    /// <summary>
    /// C[m×n] (+)= op(A)[m×k] · op(B)[k×n] in float32. Element (i, p) of op(A) is
    /// <c>a[aOffset + i·lda + p]</c>, or <c>a[aOffset + p·lda + i]</c> when <paramref name="transA"/>;
    /// likewise for B; element (i, j) of C is <c>c[cOffset + i·ldc + j]</c>.
    /// <paramref name="accumulate"/> = false overwrites C (k = 0 then writes zeros); true adds to it.
    /// </summary>
    internal static void Multiply(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
        float[] c, int cOffset, int ldc, bool accumulate)
        => Multiply<float>(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate);

    /// <summary>
    /// C[m×n] (+)= op(A)[m×k] · op(B)[k×n] in float64; see the float overload for the layout.
    /// </summary>
    internal static void Multiply(bool transA, bool transB, int m, int n, int k,
        double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
        double[] c, int cOffset, int ldc, bool accumulate)
        => Multiply<double>(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate);

    static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb,
        T[] c, int cOffset, int ldc, bool accumulate)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Gemm: sizes must not be negative (m = {m}, n = {n}, k = {k}).");
        CheckMatrix("A", a.Length, aOffset, lda, transA ? k : m, transA ? m : k);
        CheckMatrix("B", b.Length, bOffset, ldb, transB ? n : k, transB ? k : n);
        CheckMatrix("C", c.Length, cOffset, ldc, m, n);
        if (m == 0 || n == 0) return;

        fixed (T* pa = a, pb = b, pc = c)
        {
            var operands = new GemmOperands<T>(transA, transB, m, n, k,
                pa + aOffset, lda, pb + bOffset, ldb, pc + cOffset, ldc, accumulate);
            if (k == 0)
            {
                if (!accumulate)
                    for (int i = 0; i < m; i++) new Span<T>(operands.C + (nint)i * ldc, n).Clear();
                return;
            }

            switch (SimdSettings.MaxVectorBits)
            {
                case 512:
                    Dispatch<T, Vector512<T>, Vector512Ops<T>, Tile12x2<T, Vector512<T>, Vector512Ops<T>>>(operands, transA, transB);
                    break;
                case 256:
                    Dispatch<T, Vector256<T>, Vector256Ops<T>, Tile6x2<T, Vector256<T>, Vector256Ops<T>>>(operands, transA, transB);
                    break;
                case 128 when AdvSimd.Arm64.IsSupported:
                    // 32 NEON registers: room for the taller tile.
                    Dispatch<T, Vector128<T>, Vector128Ops<T>, Tile12x2<T, Vector128<T>, Vector128Ops<T>>>(operands, transA, transB);
                    break;
                case 128:
                    Dispatch<T, Vector128<T>, Vector128Ops<T>, Tile6x2<T, Vector128<T>, Vector128Ops<T>>>(operands, transA, transB);
                    break;
                default:
                    Dispatch<T, T, ScalarOps<T>, Tile6x2<T, T, ScalarOps<T>>>(operands, transA, transB);
                    break;
            }
        }
    }

    /// <summary>Chooses between the direct and the blocked product for one vector width.</summary>
    static void Dispatch<T, TVec, TOps, TKernel>(in GemmOperands<T> op, bool transA, bool transB)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
        where TKernel : IGemmMicroKernel<T>
    {
        // Packing pays for itself only when each packed element is used many times: it is
        // skipped for a single row of A (one sample through a layer), tiny products, few rows,
        // and (for dot products) few columns. The choice depends on the shape alone, never on
        // the thread count, so results stay the same for every thread count.
        int m = op.M, n = op.N, k = op.K;
        bool tiny = (long)m * n * k <= TinyWork;
        if (!transB)
        {
            bool bInCache = (long)k * n * sizeof(T) <= CachedBBytes;
            if (m == 1 || tiny || (n >= 4 && (m <= FewRows || (m <= SomeRows && bInCache))))
            {
                GemmDirect.RowsTimesB<T, TVec, TOps>(op);
                return;
            }
        }
        else if (!transA)
        {
            // Dot products need length to amortise adding up the vector lanes at the end.
            bool longDots = k >= 4 * TOps.Count;
            if (m == 1 || tiny || (longDots && (m <= FewRows || n <= TOps.Count)))
            {
                GemmDirect.RowDotRows<T, TVec, TOps>(op);
                return;
            }
        }
        GemmBlocked.Multiply<T, TVec, TOps, TKernel>(op);
    }

    /// <summary>Checks that every element of a rows × cols matrix at offset with row stride ld lies inside the array.</summary>
    static void CheckMatrix(string name, int length, int offset, int ld, int rows, int cols)
    {
        if (offset < 0)
            throw new ArgumentOutOfRangeException(name, $"Gemm: the offset of {name} must not be negative (got {offset}).");
        if (rows == 0 || cols == 0) return;
        // With one row the stride is never used, so any value is accepted (views may carry odd ones).
        if (rows > 1 && ld < cols)
            throw new ArgumentOutOfRangeException(name,
                $"Gemm: the leading dimension of {name} ({ld}) is smaller than its row length ({cols}).");
        long last = offset + (long)(rows - 1) * ld + (cols - 1);
        if (last >= length)
            throw new ArgumentException(
                $"Gemm: {name} as {rows}×{cols} with leading dimension {ld} at offset {offset} needs {last + 1} elements, but the array has {length}.",
                name);
    }
}
