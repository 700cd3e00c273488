namespace Myelin.Backends.Cpu;

/// <summary>
/// The operands of one product C (+)= op(A)·op(B), as raw pointers (the caller keeps the arrays
/// pinned for the duration) and element strides: element (i, p) of op(A) is
/// <c>A[i·ARowStride + p·AColStride]</c>, and likewise for op(B) and C (whose column stride is 1).
/// </summary>
internal readonly unsafe struct GemmOperands<T> where T : unmanaged
{
    public readonly int M, N, K;
    public readonly T* A, B, C;
    public readonly int ARowStride, AColStride, BRowStride, BColStride, Ldc;
    public readonly bool Accumulate;

    public GemmOperands(bool transA, bool transB, int m, int n, int k,
        T* a, int lda, T* b, int ldb, T* c, int ldc, bool accumulate)
    {
        M = m; N = n; K = k;
        A = a; B = b; C = c;
        (ARowStride, AColStride) = transA ? (1, lda) : (lda, 1);
        (BRowStride, BColStride) = transB ? (1, ldb) : (ldb, 1);
        Ldc = ldc;
        Accumulate = accumulate;
    }

    GemmOperands(in GemmOperands<T> whole, int kStart, int kLength)
    {
        this = whole;
        K = kLength;
        A = whole.A + (nint)kStart * whole.AColStride;
        B = whole.B + (nint)kStart * whole.BRowStride;
        Accumulate = whole.Accumulate || kStart > 0;
    }

    /// <summary>
    /// The product over k in [<paramref name="kStart"/>, <paramref name="kStart"/> + <paramref name="kLength"/>) only;
    /// every slice after the first adds to C.
    /// </summary>
    public GemmOperands<T> SliceK(int kStart, int kLength) => new(this, kStart, kLength);
}
