using System.Numerics;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Unpacked products for small problems and for a single row of A (one-sample inference),
/// where packing and thread start-up would cost more than the arithmetic. Two shapes:
/// <list type="bullet">
/// <item><c>RowsTimesB</c> for op(B) = B: each row of C is a sum of rows of B scaled by
/// elements of A, vectorised along the rows of B.</item>
/// <item><c>RowDotRows</c> for op(A) = A, op(B) = Bᵀ: each element of C is the dot product
/// of a row of A with a row of B, both contiguous.</item>
/// </list>
/// Large enough single-row problems are split by columns of C over threads; a column is
/// computed by the same code whatever the split, so results do not depend on the thread count.
/// </summary>
internal static unsafe class GemmDirect
{
    /// <summary>Multiply-adds above which a direct product is worth spreading over threads.</summary>
    const long ParallelWork = 1L << 20;

    /// <summary>C (+)= op(A)·B with B not transposed.</summary>
    public static void RowsTimesB<T, TVec, TOps>(in GemmOperands<T> op)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        // Columns go in groups of four vectors; a chunk for a thread is a whole number of groups.
        int group = 4 * TOps.Count;
        if (!TryRunInParallel(op, group, static (in GemmOperands<T> o, int start, int end) => RowsTimesB<T, TVec, TOps>(o, start, end)))
            RowsTimesB<T, TVec, TOps>(op, 0, op.N);
    }

    /// <summary>C (+)= A·Bᵀ with A not transposed: dot products of contiguous rows.</summary>
    public static void RowDotRows<T, TVec, TOps>(in GemmOperands<T> op)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        if (!TryRunInParallel(op, 4, static (in GemmOperands<T> o, int start, int end) => RowDotRows<T, TVec, TOps>(o, start, end)))
            RowDotRows<T, TVec, TOps>(op, 0, op.N);
    }

    delegate void ColumnRange<T>(in GemmOperands<T> op, int start, int end) where T : unmanaged;

    /// <summary>
    /// Splits the columns of C into chunks of whole groups (the last chunk takes the remainder)
    /// and runs them on the thread pool, when the problem is big enough to gain from it.
    /// </summary>
    static bool TryRunInParallel<T>(in GemmOperands<T> op, int group, ColumnRange<T> run) where T : unmanaged
    {
        int threads = Threading.MaxThreads;
        int groups = op.N / group;
        if (threads == 1 || groups < 2 || (long)op.M * op.N * op.K < ParallelWork) return false;

        int chunks = Math.Min(groups, 4 * threads);
        int groupsPerChunk = (groups + chunks - 1) / chunks;
        chunks = (groups + groupsPerChunk - 1) / groupsPerChunk;
        var operands = op;
        Threading.ParallelFor(chunks, chunk =>
        {
            int start = chunk * groupsPerChunk * group;
            int end = chunk == chunks - 1 ? operands.N : start + groupsPerChunk * group;
            run(operands, start, end);
        });
        return true;
    }

    static void RowsTimesB<T, TVec, TOps>(in GemmOperands<T> op, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        int w = TOps.Count, k = op.K;
        nint ldb = op.BRowStride, aColStride = op.AColStride;
        for (int i = 0; i < op.M; i++)
        {
            T* aRow = op.A + (nint)i * op.ARowStride;
            T* cRow = op.C + (nint)i * op.Ldc;
            int j = colStart;
            for (; j + 4 * w <= colEnd; j += 4 * w)
            {
                TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
                T* bRow = op.B + j;
                for (int p = 0; p < k; p++, bRow += ldb)
                {
                    TVec x = TOps.Broadcast(aRow[p * aColStride]);
                    s0 = TOps.MultiplyAdd(x, TOps.Load(bRow), s0);
                    s1 = TOps.MultiplyAdd(x, TOps.Load(bRow + w), s1);
                    s2 = TOps.MultiplyAdd(x, TOps.Load(bRow + 2 * w), s2);
                    s3 = TOps.MultiplyAdd(x, TOps.Load(bRow + 3 * w), s3);
                }
                Write<T, TVec, TOps>(cRow + j, s0, op.Accumulate);
                Write<T, TVec, TOps>(cRow + j + w, s1, op.Accumulate);
                Write<T, TVec, TOps>(cRow + j + 2 * w, s2, op.Accumulate);
                Write<T, TVec, TOps>(cRow + j + 3 * w, s3, op.Accumulate);
            }
            for (; j + w <= colEnd; j += w)
            {
                TVec s = TOps.Zero;
                T* bRow = op.B + j;
                for (int p = 0; p < k; p++, bRow += ldb)
                    s = TOps.MultiplyAdd(TOps.Broadcast(aRow[p * aColStride]), TOps.Load(bRow), s);
                Write<T, TVec, TOps>(cRow + j, s, op.Accumulate);
            }
            for (; j < colEnd; j++)
            {
                T s = T.Zero;
                T* bColumn = op.B + j;
                for (int p = 0; p < k; p++) s += aRow[p * aColStride] * bColumn[p * ldb];
                cRow[j] = op.Accumulate ? cRow[j] + s : s;
            }
        }
    }

    static void RowDotRows<T, TVec, TOps>(in GemmOperands<T> op, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        int w = TOps.Count, k = op.K;
        int kVector = k - k % w;
        nint ldb = op.BColStride;
        for (int i = 0; i < op.M; i++)
        {
            T* aRow = op.A + (nint)i * op.ARowStride;
            T* cRow = op.C + (nint)i * op.Ldc;
            int j = colStart;
            // Four rows of B at a time share each load of the row of A.
            for (; j + 4 <= colEnd; j += 4)
            {
                T* b0 = op.B + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
                for (int p = 0; p < kVector; p += w)
                {
                    TVec x = TOps.Load(aRow + p);
                    s0 = TOps.MultiplyAdd(x, TOps.Load(b0 + p), s0);
                    s1 = TOps.MultiplyAdd(x, TOps.Load(b1 + p), s1);
                    s2 = TOps.MultiplyAdd(x, TOps.Load(b2 + p), s2);
                    s3 = TOps.MultiplyAdd(x, TOps.Load(b3 + p), s3);
                }
                Write(cRow + j, Finish<T, TVec, TOps>(s0, aRow, b0, kVector, k), op.Accumulate);
                Write(cRow + j + 1, Finish<T, TVec, TOps>(s1, aRow, b1, kVector, k), op.Accumulate);
                Write(cRow + j + 2, Finish<T, TVec, TOps>(s2, aRow, b2, kVector, k), op.Accumulate);
                Write(cRow + j + 3, Finish<T, TVec, TOps>(s3, aRow, b3, kVector, k), op.Accumulate);
            }
            for (; j < colEnd; j++)
            {
                T* bRow = op.B + j * ldb;
                TVec s = TOps.Zero;
                for (int p = 0; p < kVector; p += w)
                    s = TOps.MultiplyAdd(TOps.Load(aRow + p), TOps.Load(bRow + p), s);
                Write(cRow + j, Finish<T, TVec, TOps>(s, aRow, bRow, kVector, k), op.Accumulate);
            }
        }
    }

    /// <summary>Adds the lanes of a partial dot product, then the scalar tail from <paramref name="from"/> to <paramref name="to"/>.</summary>
    static T Finish<T, TVec, TOps>(TVec partial, T* a, T* b, int from, int to)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        T sum = TOps.Sum(partial);
        for (int p = from; p < to; p++) sum += a[p] * b[p];
        return sum;
    }

    static void Write<T, TVec, TOps>(T* c, TVec value, bool accumulate)
        where T : unmanaged
        where TOps : IGemmVector<T, TVec>
    {
        if (accumulate) value = TOps.Add(TOps.Load(c), value);
        TOps.Store(c, value);
    }

    static void Write<T>(T* c, T value, bool accumulate) where T : unmanaged, INumberBase<T>
        => *c = accumulate ? *c + value : value;
}
