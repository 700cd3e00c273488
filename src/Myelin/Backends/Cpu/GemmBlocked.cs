using System.Numerics;

namespace Myelin.Backends.Cpu;

/// <summary>
/// The cache-blocked, packed matrix product: the path for all but small problems (see
/// <see cref="Gemm"/> for which products skip packing).
/// </summary>
/// <remarks>
/// <para>C is cut into work items (blocks of rows and, when rows are few, of columns); each
/// work item is computed by one thread with its own packing buffers, so threads share nothing
/// but the read-only inputs. Within a work item, for each slice of k (kc long):</para>
/// <list type="number">
/// <item>the item's rows of A are packed (rows × kc, read once per slice);</item>
/// <item>for each block of up to nc columns, that block of B is packed (kc × nc: sized to stay in
/// the L2 cache while every row panel of A streams past it);</item>
/// <item>for each A micro-panel (Rows × kc, small enough to stay in L1), for each B micro-panel,
/// the micro-kernel computes one Rows × Cols tile of C in registers and adds it to C.</item>
/// </list>
/// <para>Slices of k are never split between threads and kc depends only on k and the element
/// type, so every element of C is summed in the same order whatever the thread count.</para>
/// </remarks>
internal static unsafe class GemmBlocked
{
    /// <summary>
    /// Longest k slice, in bytes of one row: 512 floats or 256 doubles. Long slices write C
    /// seldom; the A micro-panel (12 × 512 floats, 24 KiB) still fits in a 32 KiB L1 cache.
    /// Block sizes were tuned on Zen 4 (32 KiB L1, 1 MiB L2 per core).
    /// </summary>
    const int SliceBytes = 2048;

    /// <summary>Most rows of C in one work item (a multiple of every micro-kernel height).</summary>
    const int MaxItemRows = 960;

    /// <summary>Target size in bytes of one packed block of B: most of L2, with room left for A and C.</summary>
    const int PackedBBytes = 384 * 1024;

    public static void Multiply<T, TVec, TOps, TKernel>(in GemmOperands<T> operands)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
        where TKernel : IGemmMicroKernel<T>
    {
        int m = operands.M, n = operands.N, k = operands.K;

        // Even slices of k: a short last slice would waste the per-slice cost of writing C.
        int maxSlice = SliceBytes / sizeof(T);
        int slices = (k + maxSlice - 1) / maxSlice;
        int kc = (k + slices - 1) / slices;

        int nc = Math.Max(TKernel.Cols, PackedBBytes / (kc * sizeof(T)) / TKernel.Cols * TKernel.Cols);

        // Cut C into work items; only how the work is shared depends on the thread count.
        int threads = Gemm.ThreadsFor((long)m * n * k);
        int rowPanels = (m + TKernel.Rows - 1) / TKernel.Rows;
        int colPanels = (n + TKernel.Cols - 1) / TKernel.Cols;
        int rowBlocks = (rowPanels * TKernel.Rows + MaxItemRows - 1) / MaxItemRows;
        int colBlocks = 1;
        if (threads > 1)
        {
            // Whole rounds of items per thread, so no thread idles through the last round.
            rowBlocks = Math.Min(rowPanels, RoundUp(rowBlocks, threads));
            if (rowBlocks < threads) colBlocks = Math.Min(colPanels, (threads + rowBlocks - 1) / rowBlocks);
        }
        int panelsPerRowBlock = (rowPanels + rowBlocks - 1) / rowBlocks;
        int panelsPerColBlock = (colPanels + colBlocks - 1) / colBlocks;
        rowBlocks = (rowPanels + panelsPerRowBlock - 1) / panelsPerRowBlock;
        colBlocks = (colPanels + panelsPerColBlock - 1) / panelsPerColBlock;

        var plan = new Plan<T>(operands, kc, nc, panelsPerRowBlock * TKernel.Rows,
            panelsPerColBlock * TKernel.Cols, colBlocks);
        int items = rowBlocks * colBlocks;
        if (items == 1 || threads == 1)
        {
            for (int item = 0; item < items; item++) RunItem<T, TVec, TOps, TKernel>(plan, item);
        }
        else
        {
            Threading.ParallelFor(items, item => RunItem<T, TVec, TOps, TKernel>(plan, item), threads);
        }
    }

    /// <summary>The operands and block sizes shared by the work items of one product.</summary>
    sealed class Plan<T>(GemmOperands<T> operands, int kc, int nc, int itemRows, int itemCols, int colBlocks)
        where T : unmanaged
    {
        public readonly GemmOperands<T> Operands = operands;
        public readonly int Kc = kc, Nc = nc, ItemRows = itemRows, ItemCols = itemCols, ColBlocks = colBlocks;
    }

    static void RunItem<T, TVec, TOps, TKernel>(Plan<T> plan, int item)
        where T : unmanaged, INumberBase<T>
        where TOps : IGemmVector<T, TVec>
        where TKernel : IGemmMicroKernel<T>
    {
        ref readonly GemmOperands<T> op = ref plan.Operands;
        int rowStart = item / plan.ColBlocks * plan.ItemRows;
        int colStart = item % plan.ColBlocks * plan.ItemCols;
        int rows = Math.Min(plan.ItemRows, op.M - rowStart);
        int colEnd = Math.Min(colStart + plan.ItemCols, op.N);
        int kc = plan.Kc, nc = plan.Nc;

        T* packedA = GemmBuffers<T>.PackedA(RoundUp(rows, TKernel.Rows) * kc);
        T* packedB = GemmBuffers<T>.PackedB(kc * RoundUp(Math.Min(nc, colEnd - colStart), TKernel.Cols));

        for (int p0 = 0; p0 < op.K; p0 += kc)
        {
            int kHere = Math.Min(kc, op.K - p0);
            bool add = op.Accumulate || p0 > 0;
            GemmPacking.PackA<T, TVec, TOps>(
                op.A + (nint)rowStart * op.ARowStride + (nint)p0 * op.AColStride,
                op.ARowStride, op.AColStride, rows, kHere, packedA, TKernel.Rows);

            for (int j0 = colStart; j0 < colEnd; j0 += nc)
            {
                int cols = Math.Min(nc, colEnd - j0);
                GemmPacking.PackB<T, TVec, TOps>(
                    op.B + (nint)p0 * op.BRowStride + (nint)j0 * op.BColStride,
                    op.BRowStride, op.BColStride, kHere, cols, packedB, TKernel.Cols);
                MultiplyPacked<T, TKernel>(rows, cols, kHere, packedA, packedB,
                    op.C + (nint)rowStart * op.Ldc + j0, op.Ldc, add);
            }
        }
    }

    /// <summary>
    /// C[rows × cols] (+)= packed A · packed B. The A micro-panel is the outer loop so it stays in
    /// L1 while all B micro-panels of the block (in L2) pass by. Edge tiles are computed whole
    /// into a scratch tile (the padding is zeros) and only their valid part is written to C.
    /// </summary>
    static void MultiplyPacked<T, TKernel>(int rows, int cols, int kc, T* packedA, T* packedB,
        T* c, int ldc, bool add)
        where T : unmanaged, INumberBase<T>
        where TKernel : IGemmMicroKernel<T>
    {
        T* scratch = stackalloc T[TKernel.Rows * TKernel.Cols];
        for (int i = 0; i < rows; i += TKernel.Rows)
        {
            int rowsHere = Math.Min(TKernel.Rows, rows - i);
            T* aPanel = packedA + (nint)i * kc;
            for (int j = 0; j < cols; j += TKernel.Cols)
            {
                int colsHere = Math.Min(TKernel.Cols, cols - j);
                T* bPanel = packedB + (nint)j * kc;
                T* cTile = c + (nint)i * ldc + j;
                if (rowsHere == TKernel.Rows && colsHere == TKernel.Cols)
                {
                    TKernel.Run(kc, aPanel, bPanel, cTile, ldc, add);
                }
                else
                {
                    TKernel.Run(kc, aPanel, bPanel, scratch, TKernel.Cols, add: false);
                    WriteEdgeTile(scratch, TKernel.Cols, cTile, ldc, rowsHere, colsHere, add);
                }
            }
        }
    }

    static void WriteEdgeTile<T>(T* tile, int tileStride, T* c, int ldc, int rows, int cols, bool add)
        where T : unmanaged, INumberBase<T>
    {
        for (int r = 0; r < rows; r++)
        {
            T* from = tile + r * tileStride;
            T* to = c + (nint)r * ldc;
            if (add)
                for (int j = 0; j < cols; j++) to[j] += from[j];
            else
                for (int j = 0; j < cols; j++) to[j] = from[j];
        }
    }

    static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
