using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Copies blocks of A and B into the layouts the micro-kernel streams through: A in
/// micro-panels of <c>Rows</c> rows stored column by column, B in micro-panels of <c>Cols</c>
/// columns stored row by row, both padded with zeros to whole panels. Transposed operands are
/// handled here, by reading with the other stride, so no transpose is ever materialised.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs a <paramref name="rows"/> × <paramref name="kc"/> block of op(A) whose element
    /// (r, p) is <c>source[r·rowStride + p·colStride]</c> into micro-panels of
    /// <paramref name="panelRows"/> rows: panel q holds rows q·panelRows.., element (r, p) at
    /// <c>q·panelRows·kc + p·panelRows + r</c>.
    /// </summary>
    public static void PackA<T, TVec, TOps>(T* source, int rowStride, int colStride, int rows, int kc,
        T* destination, int panelRows)
        where T : unmanaged
        where TOps : IGemmVector<T, TVec>
    {
        for (int r0 = 0; r0 < rows; r0 += panelRows)
        {
            int rowsHere = Math.Min(panelRows, rows - r0);
            T* panelSource = source + (nint)r0 * rowStride;
            if (rowStride == 1)
            {
                // op(A) = Aᵀ: each step of k is a contiguous run of rows.
                for (int p = 0; p < kc; p++)
                    CopyRun<T, TVec, TOps>(panelSource + (nint)p * colStride, destination + p * panelRows, rowsHere, panelRows);
            }
            else
            {
                // op(A) = A: gather one element from each row per step of k, reading every row forwards.
                for (int p = 0; p < kc; p++)
                {
                    T* to = destination + p * panelRows;
                    T* from = panelSource + p;
                    for (int r = 0; r < rowsHere; r++) to[r] = from[(nint)r * rowStride];
                    for (int r = rowsHere; r < panelRows; r++) to[r] = default;
                }
            }
            destination += panelRows * kc;
        }
    }

    /// <summary>
    /// Packs a <paramref name="kc"/> × <paramref name="cols"/> block of op(B) whose element
    /// (p, j) is <c>source[p·rowStride + j·colStride]</c> into micro-panels of
    /// <paramref name="panelCols"/> columns: panel q holds columns q·panelCols.., element (p, j)
    /// at <c>q·panelCols·kc + p·panelCols + j</c>.
    /// </summary>
    public static void PackB<T, TVec, TOps>(T* source, int rowStride, int colStride, int kc, int cols,
        T* destination, int panelCols)
        where T : unmanaged
        where TOps : IGemmVector<T, TVec>
    {
        for (int j0 = 0; j0 < cols; j0 += panelCols)
        {
            int colsHere = Math.Min(panelCols, cols - j0);
            T* panelSource = source + (nint)j0 * colStride;
            if (colStride == 1)
            {
                // op(B) = B: each step of k is a contiguous run of columns.
                for (int p = 0; p < kc; p++)
                    CopyRun<T, TVec, TOps>(panelSource + (nint)p * rowStride, destination + p * panelCols, colsHere, panelCols);
            }
            else
            {
                // op(B) = Bᵀ: each column of op(B) is a contiguous row of B; walk it forwards.
                for (int j = 0; j < colsHere; j++)
                {
                    T* from = panelSource + (nint)j * colStride;
                    T* to = destination + j;
                    for (int p = 0; p < kc; p++) to[p * panelCols] = from[p];
                }
                for (int j = colsHere; j < panelCols; j++)
                {
                    T* to = destination + j;
                    for (int p = 0; p < kc; p++) to[p * panelCols] = default;
                }
            }
            destination += panelCols * kc;
        }
    }

    /// <summary>Copies <paramref name="count"/> elements and zero-fills the rest up to <paramref name="width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void CopyRun<T, TVec, TOps>(T* from, T* to, int count, int width)
        where T : unmanaged
        where TOps : IGemmVector<T, TVec>
    {
        int i = 0;
        for (; i + TOps.Count <= count; i += TOps.Count) TOps.Store(to + i, TOps.Load(from + i));
        for (; i < count; i++) to[i] = from[i];
        for (; i < width; i++) to[i] = default;
    }
}

/// <summary>
/// Per-thread packing buffers, kept for the life of the thread so that a multiplication
/// allocates nothing once warm. They live on the pinned object heap, so raw pointers to them
/// stay valid, and are handed out aligned to 64 bytes (one cache line, one 512-bit vector).
/// </summary>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    [ThreadStatic] static T[]? packedA;
    [ThreadStatic] static T[]? packedB;

    /// <summary>This thread's buffer for packed A, at least <paramref name="length"/> elements.</summary>
    public static T* PackedA(int length) => Aligned(ref packedA, length);

    /// <summary>This thread's buffer for packed B, at least <paramref name="length"/> elements.</summary>
    public static T* PackedB(int length) => Aligned(ref packedB, length);

    static T* Aligned(ref T[]? buffer, int length)
    {
        const int alignment = 64;
        int slack = alignment / sizeof(T);
        if (buffer is null || buffer.Length < length + slack)
            buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        nint aligned = (address + alignment - 1) & ~(nint)(alignment - 1);
        return (T*)aligned;
    }
}
