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
                // op(A) = A (so colStride is 1): each step of k takes one element from every row.
                GatherPanel<T, TVec, TOps>(panelSource, rowStride, rowsHere, kc, destination, panelRows);
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
                // op(B) = Bᵀ (so rowStride is 1): each step of k takes one element from every row of B.
                GatherPanel<T, TVec, TOps>(panelSource, colStride, colsHere, kc, destination, panelCols);
            }
            destination += panelCols * kc;
        }
    }

    /// <summary>
    /// The transposing case of packing: <paramref name="lines"/> source lines, each contiguous
    /// along k and <paramref name="lineStride"/> apart, become one panel with
    /// <c>to[p·width + line] = from[line·lineStride + p]</c>, zero-filled up to
    /// <paramref name="width"/> lines. Full panels go through small register transposes
    /// (4×4 floats or 2×2 doubles); the rest element by element.
    /// </summary>
    static void GatherPanel<T, TVec, TOps>(T* from, int lineStride, int lines, int kc, T* to, int width)
        where T : unmanaged
        where TOps : IGemmVector<T, TVec>
    {
        int p = 0;
        int block = GemmTranspose.BlockSize<T>();
        // Vector packing follows the kernels' vector setting, so scalar runs stay scalar throughout.
        if (TOps.Count > 1 && GemmTranspose.IsSupported && lines == width && width >= block)
        {
            int kBlocks = kc - kc % block;
            // Groups of lines at 0, block, 2·block, ...; a width that is not a multiple of the
            // block ends with one group overlapping the previous (same values written twice).
            // One group at a time keeps the lines read within a few cache lines, even when their
            // stride is a power of two (which maps them all to the same L1 set).
            for (int line = 0; line < width; line += block)
            {
                int first = Math.Min(line, width - block);
                T* source = from + (nint)first * lineStride;
                T* target = to + first;
                for (int q = 0; q < kBlocks; q += block)
                    GemmTranspose.Block(source + q, lineStride, target + q * width, width);
            }
            p = kBlocks;
        }
        for (int line = 0; line < lines; line++)
        {
            T* source = from + (nint)line * lineStride;
            for (int q = p; q < kc; q++) to[q * width + line] = source[q];
        }
        for (int line = lines; line < width; line++)
            for (int q = p; q < kc; q++) to[q * width + line] = default;
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
