using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Myelin.Backends.Cpu;

/// <summary>Cache hints for the matrix-product kernels.</summary>
internal static unsafe class GemmPrefetch
{
    /// <summary>The unit a prefetch brings in: one cache line on current x86 processors.</summary>
    const int CacheLineBytes = 64;

    /// <summary>
    /// Asks for the lines of a rows × rowBytes tile of C (row stride <paramref name="ldc"/>
    /// elements) to be brought into the cache. A micro-kernel calls this before its loop over k:
    /// C is often far larger than the caches, and without the hint every tile written at the end
    /// of the loop waits for its lines to come from memory. Only a hint: no effect on results,
    /// and nothing on processors without the instruction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T>(T* c, int ldc, int rows, int rowBytes) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        byte* row = (byte*)c;
        nint stride = (nint)ldc * sizeof(T);
        for (int r = 0; r < rows; r++, row += stride)
        {
            // A row of the tile may start mid-line, so its last byte may lie one line further.
            for (int b = 0; b < rowBytes; b += CacheLineBytes) Sse.Prefetch0(row + b);
            Sse.Prefetch0(row + rowBytes - 1);
        }
    }
}
