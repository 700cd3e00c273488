using System.Runtime.CompilerServices;

namespace Myelin.Backends.Cpu;

/// <summary>
/// A register-blocked micro-kernel: it multiplies one packed A micro-panel (Rows × kc, stored
/// column by column: Rows values per step of k) by one packed B micro-panel (kc × Cols, stored
/// row by row: Cols values per step of k), holding the whole Rows × Cols tile of C in registers
/// for the length of the loop, and then writes (or adds) the tile to C.
/// </summary>
internal unsafe interface IGemmMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of C in one tile (the packing height of A).</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of C in one tile (the packing width of B).</summary>
    static abstract int Cols { get; }

    /// <summary>
    /// C[0..Rows, 0..Cols] = (add ? C : 0) + Σₚ a[p·Rows + r] · b[p·Cols + j], with row stride
    /// <paramref name="ldc"/>. The sum over p always starts from zero and runs in order, so
    /// a tile's result does not depend on where or on which thread it is computed.
    /// </summary>
    static abstract void Run(int kc, T* a, T* b, T* c, int ldc, bool add);
}

/// <summary>
/// 12 rows × 2 vectors: 24 accumulators plus two B vectors, sized for the 32 registers of
/// AVX-512. Each step of k loads two vectors of B and broadcasts 12 values of A into 24
/// fused multiply-adds, so the FMA units, not the loads, set the pace.
/// </summary>
internal readonly unsafe struct Tile12x2<T, TVec, TOps> : IGemmMicroKernel<T>
    where T : unmanaged
    where TOps : IGemmVector<T, TVec>
{
    public static int Rows => 12;
    public static int Cols => 2 * TOps.Count;

    public static void Run(int kc, T* a, T* b, T* c, int ldc, bool add)
    {
        TVec c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        TVec c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        TVec c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        TVec c60 = TOps.Zero, c61 = TOps.Zero, c70 = TOps.Zero, c71 = TOps.Zero;
        TVec c80 = TOps.Zero, c81 = TOps.Zero, c90 = TOps.Zero, c91 = TOps.Zero;
        TVec ca0 = TOps.Zero, ca1 = TOps.Zero, cb0 = TOps.Zero, cb1 = TOps.Zero;
        int width = TOps.Count;
        GemmPrefetch.Tile(c, ldc, 12, 2 * width * sizeof(T));

        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TOps.Load(b);
            TVec b1 = TOps.Load(b + width);
            TVec x;
            x = TOps.Broadcast(a[0]); c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(a[1]); c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(a[2]); c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(a[3]); c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(a[4]); c40 = TOps.MultiplyAdd(x, b0, c40); c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(a[5]); c50 = TOps.MultiplyAdd(x, b0, c50); c51 = TOps.MultiplyAdd(x, b1, c51);
            x = TOps.Broadcast(a[6]); c60 = TOps.MultiplyAdd(x, b0, c60); c61 = TOps.MultiplyAdd(x, b1, c61);
            x = TOps.Broadcast(a[7]); c70 = TOps.MultiplyAdd(x, b0, c70); c71 = TOps.MultiplyAdd(x, b1, c71);
            x = TOps.Broadcast(a[8]); c80 = TOps.MultiplyAdd(x, b0, c80); c81 = TOps.MultiplyAdd(x, b1, c81);
            x = TOps.Broadcast(a[9]); c90 = TOps.MultiplyAdd(x, b0, c90); c91 = TOps.MultiplyAdd(x, b1, c91);
            x = TOps.Broadcast(a[10]); ca0 = TOps.MultiplyAdd(x, b0, ca0); ca1 = TOps.MultiplyAdd(x, b1, ca1);
            x = TOps.Broadcast(a[11]); cb0 = TOps.MultiplyAdd(x, b0, cb0); cb1 = TOps.MultiplyAdd(x, b1, cb1);
            a += 12;
            b += 2 * width;
        }

        WriteRow(c, c00, c01, add); c += ldc;
        WriteRow(c, c10, c11, add); c += ldc;
        WriteRow(c, c20, c21, add); c += ldc;
        WriteRow(c, c30, c31, add); c += ldc;
        WriteRow(c, c40, c41, add); c += ldc;
        WriteRow(c, c50, c51, add); c += ldc;
        WriteRow(c, c60, c61, add); c += ldc;
        WriteRow(c, c70, c71, add); c += ldc;
        WriteRow(c, c80, c81, add); c += ldc;
        WriteRow(c, c90, c91, add); c += ldc;
        WriteRow(c, ca0, ca1, add); c += ldc;
        WriteRow(c, cb0, cb1, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void WriteRow(T* c, TVec left, TVec right, bool add)
    {
        if (add)
        {
            left = TOps.Add(TOps.Load(c), left);
            right = TOps.Add(TOps.Load(c + TOps.Count), right);
        }
        TOps.Store(c, left);
        TOps.Store(c + TOps.Count, right);
    }
}

/// <summary>
/// 6 rows × 2 vectors: 12 accumulators plus two B vectors and a broadcast, sized for the 16
/// registers of AVX2. With scalar "vectors" it is the portable fallback.
/// </summary>
internal readonly unsafe struct Tile6x2<T, TVec, TOps> : IGemmMicroKernel<T>
    where T : unmanaged
    where TOps : IGemmVector<T, TVec>
{
    public static int Rows => 6;
    public static int Cols => 2 * TOps.Count;

    public static void Run(int kc, T* a, T* b, T* c, int ldc, bool add)
    {
        TVec c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        TVec c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        TVec c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        int width = TOps.Count;
        GemmPrefetch.Tile(c, ldc, 6, 2 * width * sizeof(T));

        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TOps.Load(b);
            TVec b1 = TOps.Load(b + width);
            TVec x;
            x = TOps.Broadcast(a[0]); c00 = TOps.MultiplyAdd(x, b0, c00); c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(a[1]); c10 = TOps.MultiplyAdd(x, b0, c10); c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(a[2]); c20 = TOps.MultiplyAdd(x, b0, c20); c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(a[3]); c30 = TOps.MultiplyAdd(x, b0, c30); c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(a[4]); c40 = TOps.MultiplyAdd(x, b0, c40); c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(a[5]); c50 = TOps.MultiplyAdd(x, b0, c50); c51 = TOps.MultiplyAdd(x, b1, c51);
            a += 6;
            b += 2 * width;
        }

        WriteRow(c, c00, c01, add); c += ldc;
        WriteRow(c, c10, c11, add); c += ldc;
        WriteRow(c, c20, c21, add); c += ldc;
        WriteRow(c, c30, c31, add); c += ldc;
        WriteRow(c, c40, c41, add); c += ldc;
        WriteRow(c, c50, c51, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void WriteRow(T* c, TVec left, TVec right, bool add)
    {
        if (add)
        {
            left = TOps.Add(TOps.Load(c), left);
            right = TOps.Add(TOps.Load(c + TOps.Count), right);
        }
        TOps.Store(c, left);
        TOps.Store(c + TOps.Count, right);
    }
}
