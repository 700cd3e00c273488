using System.Numerics;
using System.Runtime.Intrinsics;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Unpacked products for tiny problems and for few rows of A (one sample or a small batch
/// through a layer), where packing would cost more than it saves. Two shapes:
/// <list type="bullet">
/// <item><c>RowsTimesB</c> for op(B) = B: each row of C is a sum of rows of B scaled by
/// elements of A, vectorised along the rows of B.</item>
/// <item><c>RowDotRows</c> for op(A) = A, op(B) = Bᵀ: each element of C is the dot product
/// of a row of A with a row of B, both contiguous.</item>
/// </list>
/// Large enough problems are split by columns of C over threads; a column is computed by the
/// same code whatever the split, so results do not depend on the thread count.
/// </summary>
internal static unsafe class GemmDirect
{
    /// <summary>How many blocked-product multiply-adds one multiply-add of a direct product is worth in time.</summary>
    const long DirectCostFactor = 4;

    /// <summary>Rows of B (steps of k) per pass of <c>RowsTimesB</c>.</summary>
    const int RowsTimesBSlice = 128;

    /// <summary>Bytes of B in one block that all rows of A use before moving on (a quarter of L2).</summary>
    const int ColumnBlockBytes = 256 * 1024;

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
    /// and runs them in parallel, when the problem is big enough to gain from it.
    /// </summary>
    static bool TryRunInParallel<T>(in GemmOperands<T> op, int group, ColumnRange<T> run) where T : unmanaged
    {
        // These products stream B from cache or memory at a fraction of the blocked product's
        // rate, so a multiply-add here is worth about four there when sharing out the work.
        int threads = Gemm.ThreadsFor(DirectCostFactor * op.M * op.N * op.K);
        int groups = op.N / group;
        if (threads == 1 || groups < 2) return false;

        // One sample (one row of A): one chunk per thread, so each thread reads the same part of
        // B every time and keeps it in its own L2 cache. Otherwise a few chunks per thread, to
        // balance uneven progress.
        int chunks = Math.Min(groups, op.M == 1 ? threads : 4 * threads);
        int groupsPerChunk = (groups + chunks - 1) / chunks;
        chunks = (groups + groupsPerChunk - 1) / groupsPerChunk;
        var operands = op;
        Threading.ParallelFor(chunks, chunk =>
        {
            int start = chunk * groupsPerChunk * group;
            int end = chunk == chunks - 1 ? operands.N : start + groupsPerChunk * group;
            run(operands, start, end);
        }, threads);
        return true;
    }

    static void RowsTimesB<T, TVec, TOps>(in GemmOperands<T> op, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        // colStart is a whole number of vectors from column 0, so every column takes the same
        // path (and gets the same rounding) however the columns are split between threads.
        int vectorEnd = colStart + (colEnd - colStart) / TOps.Count * TOps.Count;

        // Slices of k keep the rows of B walked by one group of columns few, so that they stay
        // in the TLB and caches when the next group of columns reads the same rows.
        // Within a slice, a block of columns is finished for all rows before the next, so the
        // block of B (RowsTimesBSlice × ColumnBlock) is read from memory once and then from cache.
        int columnBlock = ColumnBlockBytes / RowsTimesBSlice / sizeof(T);
        for (int p0 = 0; p0 < op.K && vectorEnd > colStart; p0 += RowsTimesBSlice)
        {
            GemmOperands<T> slice = op.SliceK(p0, Math.Min(RowsTimesBSlice, op.K - p0));
            for (int j0 = colStart; j0 < vectorEnd; j0 += columnBlock)
            {
                int j1 = Math.Min(j0 + columnBlock, vectorEnd);
                int i = 0;
                for (; i + 4 <= slice.M; i += 4) FourRowsTimesB<T, TVec, TOps>(slice, i, j0, j1);
                for (; i < slice.M; i++) OneRowTimesB<T, TVec, TOps>(slice, i, j0, j1);
            }
        }

        // Columns left over: 128-bit vectors when this pass used wider ones, then scalars.
        if (vectorEnd == colEnd) return;
        if (TOps.Count > Vector128<T>.Count && Vector128.IsHardwareAccelerated)
        {
            RowsTimesB<T, Vector128<T>, Vector128Ops<T>>(op, vectorEnd, colEnd);
        }
        else
        {
            for (int i = 0; i < op.M; i++) ScalarColumns(op, i, vectorEnd, colEnd);
        }
    }

    /// <summary>Four rows of C at once, over whole vectors of columns: each load of B feeds four multiply-adds.</summary>
    static void FourRowsTimesB<T, TVec, TOps>(in GemmOperands<T> op, int i, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        int w = TOps.Count, k = op.K;
        nint ldb = op.BRowStride, aRowStride = op.ARowStride, aColStride = op.AColStride, ldc = op.Ldc;
        T* a0 = op.A + i * aRowStride, a1 = a0 + aRowStride, a2 = a1 + aRowStride, a3 = a2 + aRowStride;
        T* c0 = op.C + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        int j = colStart;
        for (; j + 2 * w <= colEnd; j += 2 * w)
        {
            TVec s00 = TOps.Zero, s01 = TOps.Zero, s10 = TOps.Zero, s11 = TOps.Zero;
            TVec s20 = TOps.Zero, s21 = TOps.Zero, s30 = TOps.Zero, s31 = TOps.Zero;
            T* bRow = op.B + j;
            for (nint p = 0; p < k; p++, bRow += ldb)
            {
                TVec b0 = TOps.Load(bRow), b1 = TOps.Load(bRow + w);
                nint at = p * aColStride;
                TVec x = TOps.Broadcast(a0[at]);
                s00 = TOps.MultiplyAdd(x, b0, s00); s01 = TOps.MultiplyAdd(x, b1, s01);
                x = TOps.Broadcast(a1[at]);
                s10 = TOps.MultiplyAdd(x, b0, s10); s11 = TOps.MultiplyAdd(x, b1, s11);
                x = TOps.Broadcast(a2[at]);
                s20 = TOps.MultiplyAdd(x, b0, s20); s21 = TOps.MultiplyAdd(x, b1, s21);
                x = TOps.Broadcast(a3[at]);
                s30 = TOps.MultiplyAdd(x, b0, s30); s31 = TOps.MultiplyAdd(x, b1, s31);
            }
            Write<T, TVec, TOps>(c0 + j, s00, op.Accumulate); Write<T, TVec, TOps>(c0 + j + w, s01, op.Accumulate);
            Write<T, TVec, TOps>(c1 + j, s10, op.Accumulate); Write<T, TVec, TOps>(c1 + j + w, s11, op.Accumulate);
            Write<T, TVec, TOps>(c2 + j, s20, op.Accumulate); Write<T, TVec, TOps>(c2 + j + w, s21, op.Accumulate);
            Write<T, TVec, TOps>(c3 + j, s30, op.Accumulate); Write<T, TVec, TOps>(c3 + j + w, s31, op.Accumulate);
        }
        for (; j + w <= colEnd; j += w)
        {
            TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
            T* bRow = op.B + j;
            for (nint p = 0; p < k; p++, bRow += ldb)
            {
                TVec b0 = TOps.Load(bRow);
                nint at = p * aColStride;
                s0 = TOps.MultiplyAdd(TOps.Broadcast(a0[at]), b0, s0);
                s1 = TOps.MultiplyAdd(TOps.Broadcast(a1[at]), b0, s1);
                s2 = TOps.MultiplyAdd(TOps.Broadcast(a2[at]), b0, s2);
                s3 = TOps.MultiplyAdd(TOps.Broadcast(a3[at]), b0, s3);
            }
            Write<T, TVec, TOps>(c0 + j, s0, op.Accumulate);
            Write<T, TVec, TOps>(c1 + j, s1, op.Accumulate);
            Write<T, TVec, TOps>(c2 + j, s2, op.Accumulate);
            Write<T, TVec, TOps>(c3 + j, s3, op.Accumulate);
        }
    }

    /// <summary>One row of C, over whole vectors of columns, four vectors at a time.</summary>
    static void OneRowTimesB<T, TVec, TOps>(in GemmOperands<T> op, int i, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        int w = TOps.Count, k = op.K;
        nint ldb = op.BRowStride, aColStride = op.AColStride;
        T* aRow = op.A + (nint)i * op.ARowStride;
        T* cRow = op.C + (nint)i * op.Ldc;
        int j = colStart;
        for (; j + 4 * w <= colEnd; j += 4 * w)
        {
            TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
            T* bRow = op.B + j;
            for (nint p = 0; p < k; p++, bRow += ldb)
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
            for (nint p = 0; p < k; p++, bRow += ldb)
                s = TOps.MultiplyAdd(TOps.Broadcast(aRow[p * aColStride]), TOps.Load(bRow), s);
            Write<T, TVec, TOps>(cRow + j, s, op.Accumulate);
        }
    }

    /// <summary>Columns of one row of C element by element (the last few, or all without SIMD).</summary>
    static void ScalarColumns<T>(in GemmOperands<T> op, int i, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
    {
        nint ldb = op.BRowStride, aColStride = op.AColStride;
        T* aRow = op.A + (nint)i * op.ARowStride;
        T* cRow = op.C + (nint)i * op.Ldc;
        for (int j = colStart; j < colEnd; j++)
        {
            T s = T.Zero;
            T* bColumn = op.B + j;
            for (nint p = 0; p < op.K; p++) s += aRow[p * aColStride] * bColumn[p * ldb];
            cRow[j] = op.Accumulate ? cRow[j] + s : s;
        }
    }

    static void RowDotRows<T, TVec, TOps>(in GemmOperands<T> op, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        // A block of rows of B is finished for all rows of A before the next, so it is read
        // from memory once and then from cache. Blocks are whole groups of four rows.
        int rowsOfB = Math.Max(4, ColumnBlockBytes / (op.K * sizeof(T)) / 4 * 4);
        for (int j0 = colStart; j0 < colEnd; j0 += rowsOfB)
        {
            int j1 = Math.Min(j0 + rowsOfB, colEnd);
            int i = 0;
            for (; i + 2 <= op.M; i += 2) TwoRowsDotRows<T, TVec, TOps>(op, i, j0, j1);
            for (; i < op.M; i++) OneRowDotRows<T, TVec, TOps>(op, i, j0, j1);
        }
    }

    /// <summary>Two rows of A against four rows of B: eight dot products share six loads per step.</summary>
    static void TwoRowsDotRows<T, TVec, TOps>(in GemmOperands<T> op, int i, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        int w = TOps.Count, k = op.K;
        int kVector = k - k % w;
        nint ldb = op.BColStride;
        T* a0 = op.A + (nint)i * op.ARowStride, a1 = a0 + op.ARowStride;
        T* c0 = op.C + (nint)i * op.Ldc, c1 = c0 + op.Ldc;
        bool acc = op.Accumulate;
        int j = colStart;
        for (; j + 4 <= colEnd; j += 4)
        {
            T* b0 = op.B + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
            TVec s00 = TOps.Zero, s01 = TOps.Zero, s02 = TOps.Zero, s03 = TOps.Zero;
            TVec s10 = TOps.Zero, s11 = TOps.Zero, s12 = TOps.Zero, s13 = TOps.Zero;
            for (nint p = 0; p < kVector; p += w)
            {
                TVec x0 = TOps.Load(a0 + p), x1 = TOps.Load(a1 + p);
                TVec y = TOps.Load(b0 + p);
                s00 = TOps.MultiplyAdd(x0, y, s00); s10 = TOps.MultiplyAdd(x1, y, s10);
                y = TOps.Load(b1 + p);
                s01 = TOps.MultiplyAdd(x0, y, s01); s11 = TOps.MultiplyAdd(x1, y, s11);
                y = TOps.Load(b2 + p);
                s02 = TOps.MultiplyAdd(x0, y, s02); s12 = TOps.MultiplyAdd(x1, y, s12);
                y = TOps.Load(b3 + p);
                s03 = TOps.MultiplyAdd(x0, y, s03); s13 = TOps.MultiplyAdd(x1, y, s13);
            }
            Write(c0 + j, Finish<T, TVec, TOps>(s00, a0, b0, kVector, k), acc);
            Write(c0 + j + 1, Finish<T, TVec, TOps>(s01, a0, b1, kVector, k), acc);
            Write(c0 + j + 2, Finish<T, TVec, TOps>(s02, a0, b2, kVector, k), acc);
            Write(c0 + j + 3, Finish<T, TVec, TOps>(s03, a0, b3, kVector, k), acc);
            Write(c1 + j, Finish<T, TVec, TOps>(s10, a1, b0, kVector, k), acc);
            Write(c1 + j + 1, Finish<T, TVec, TOps>(s11, a1, b1, kVector, k), acc);
            Write(c1 + j + 2, Finish<T, TVec, TOps>(s12, a1, b2, kVector, k), acc);
            Write(c1 + j + 3, Finish<T, TVec, TOps>(s13, a1, b3, kVector, k), acc);
        }
        for (; j < colEnd; j++)
        {
            T* bRow = op.B + j * ldb;
            TVec s0 = TOps.Zero, s1 = TOps.Zero;
            for (nint p = 0; p < kVector; p += w)
            {
                TVec y = TOps.Load(bRow + p);
                s0 = TOps.MultiplyAdd(TOps.Load(a0 + p), y, s0);
                s1 = TOps.MultiplyAdd(TOps.Load(a1 + p), y, s1);
            }
            Write(c0 + j, Finish<T, TVec, TOps>(s0, a0, bRow, kVector, k), acc);
            Write(c1 + j, Finish<T, TVec, TOps>(s1, a1, bRow, kVector, k), acc);
        }
    }

    /// <summary>One row of A against four rows of B at a time.</summary>
    static void OneRowDotRows<T, TVec, TOps>(in GemmOperands<T> op, int i, int colStart, int colEnd)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
    {
        int w = TOps.Count, k = op.K;
        int kVector = k - k % w;
        nint ldb = op.BColStride;
        T* aRow = op.A + (nint)i * op.ARowStride;
        T* cRow = op.C + (nint)i * op.Ldc;
        bool acc = op.Accumulate;
        int j = colStart;
        for (; j + 4 <= colEnd; j += 4)
        {
            T* b0 = op.B + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
            TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
            for (nint p = 0; p < kVector; p += w)
            {
                TVec x = TOps.Load(aRow + p);
                s0 = TOps.MultiplyAdd(x, TOps.Load(b0 + p), s0);
                s1 = TOps.MultiplyAdd(x, TOps.Load(b1 + p), s1);
                s2 = TOps.MultiplyAdd(x, TOps.Load(b2 + p), s2);
                s3 = TOps.MultiplyAdd(x, TOps.Load(b3 + p), s3);
            }
            Write(cRow + j, Finish<T, TVec, TOps>(s0, aRow, b0, kVector, k), acc);
            Write(cRow + j + 1, Finish<T, TVec, TOps>(s1, aRow, b1, kVector, k), acc);
            Write(cRow + j + 2, Finish<T, TVec, TOps>(s2, aRow, b2, kVector, k), acc);
            Write(cRow + j + 3, Finish<T, TVec, TOps>(s3, aRow, b3, kVector, k), acc);
        }
        for (; j < colEnd; j++)
        {
            T* bRow = op.B + j * ldb;
            TVec s = TOps.Zero;
            for (nint p = 0; p < kVector; p += w)
                s = TOps.MultiplyAdd(TOps.Load(aRow + p), TOps.Load(bRow + p), s);
            Write(cRow + j, Finish<T, TVec, TOps>(s, aRow, bRow, kVector, k), acc);
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
