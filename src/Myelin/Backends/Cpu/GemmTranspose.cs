using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Transposes of one 128-bit register block (4×4 floats or 2×2 doubles), used when packing
/// has to turn rows into columns. Moving a whole block through registers replaces many
/// single-element loads and stores with a few vector ones.
/// </summary>
internal static unsafe class GemmTranspose
{
    /// <summary>Whether this machine has the shuffles the block transposes need (SSE2 or ARM64 NEON).</summary>
    public static bool IsSupported => Sse2.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>Side of the square block: the number of elements in 128 bits.</summary>
    public static int BlockSize<T>() where T : unmanaged => 16 / sizeof(T);

    /// <summary>
    /// to[i·toStride + j] = from[j·fromStride + i] for a <see cref="BlockSize{T}"/>-square block.
    /// Only call when <see cref="IsSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block<T>(T* from, nint fromStride, T* to, nint toStride) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            Block4x4((float*)from, fromStride, (float*)to, toStride);
        else if (typeof(T) == typeof(double))
            Block2x2((double*)from, fromStride, (double*)to, toStride);
        else
            throw new NotSupportedException($"Matrix multiplication supports float and double, not {typeof(T).Name}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Block4x4(float* from, nint fromStride, float* to, nint toStride)
    {
        // Rows a, b, c, d in; columns 0..3 out.
        Vector128<float> a = Vector128.Load(from);
        Vector128<float> b = Vector128.Load(from + fromStride);
        Vector128<float> c = Vector128.Load(from + 2 * fromStride);
        Vector128<float> d = Vector128.Load(from + 3 * fromStride);
        Vector128<float> col0, col1, col2, col3;
        if (Sse.IsSupported)
        {
            Vector128<float> ab01 = Sse.UnpackLow(a, b), cd01 = Sse.UnpackLow(c, d);
            Vector128<float> ab23 = Sse.UnpackHigh(a, b), cd23 = Sse.UnpackHigh(c, d);
            col0 = Sse.MoveLowToHigh(ab01, cd01);
            col1 = Sse.MoveHighToLow(cd01, ab01);
            col2 = Sse.MoveLowToHigh(ab23, cd23);
            col3 = Sse.MoveHighToLow(cd23, ab23);
        }
        else
        {
            Vector128<ulong> ab01 = AdvSimd.Arm64.ZipLow(a, b).AsUInt64(), cd01 = AdvSimd.Arm64.ZipLow(c, d).AsUInt64();
            Vector128<ulong> ab23 = AdvSimd.Arm64.ZipHigh(a, b).AsUInt64(), cd23 = AdvSimd.Arm64.ZipHigh(c, d).AsUInt64();
            col0 = AdvSimd.Arm64.ZipLow(ab01, cd01).AsSingle();
            col1 = AdvSimd.Arm64.ZipHigh(ab01, cd01).AsSingle();
            col2 = AdvSimd.Arm64.ZipLow(ab23, cd23).AsSingle();
            col3 = AdvSimd.Arm64.ZipHigh(ab23, cd23).AsSingle();
        }
        col0.Store(to);
        col1.Store(to + toStride);
        col2.Store(to + 2 * toStride);
        col3.Store(to + 3 * toStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Block2x2(double* from, nint fromStride, double* to, nint toStride)
    {
        Vector128<double> a = Vector128.Load(from);
        Vector128<double> b = Vector128.Load(from + fromStride);
        if (Sse2.IsSupported)
        {
            Sse2.UnpackLow(a, b).Store(to);
            Sse2.UnpackHigh(a, b).Store(to + toStride);
        }
        else
        {
            AdvSimd.Arm64.ZipLow(a, b).Store(to);
            AdvSimd.Arm64.ZipHigh(a, b).Store(to + toStride);
        }
    }
}
