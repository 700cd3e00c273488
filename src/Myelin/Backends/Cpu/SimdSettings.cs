using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Myelin.Backends.Cpu;

/// <summary>
/// The widest SIMD vector the CPU kernels may use: 512, 256 or 128 bits, or 0 for plain scalar
/// code. It starts at the widest width the hardware accelerates (with fused multiply-add);
/// tests lower it to exercise the narrower paths on a machine that would otherwise always take
/// the widest one.
/// </summary>
internal static class SimdSettings
{
    /// <summary>The widest accelerated vector width of this machine, in bits (512, 256, 128 or 0).</summary>
    public static int HardwareVectorBits { get; } = DetectHardwareVectorBits();

    static int maxVectorBits = HardwareVectorBits;

    /// <summary>
    /// The widest vector width kernels may use, in bits: 512, 256, 128 or 0 (scalar). It cannot
    /// be set wider than <see cref="HardwareVectorBits"/>.
    /// </summary>
    public static int MaxVectorBits
    {
        get => Volatile.Read(ref maxVectorBits);
        set
        {
            if (value is not (0 or 128 or 256 or 512))
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    $"The vector width must be 512, 256, 128 or 0 (scalar); got {value}.");
            if (value > HardwareVectorBits)
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    $"This machine accelerates vectors of at most {HardwareVectorBits} bits; cannot use {value}.");
            Volatile.Write(ref maxVectorBits, value);
        }
    }

    static int DetectHardwareVectorBits()
    {
        // The kernels lean on fused multiply-add; without it in hardware it would be emulated
        // slowly, so a width only counts when FMA comes with it (AVX-512F has its own FMA).
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported) return 512;
        bool fusedMultiplyAdd = Fma.IsSupported || AdvSimd.IsSupported;
        if (Vector256.IsHardwareAccelerated && fusedMultiplyAdd) return 256;
        if (Vector128.IsHardwareAccelerated && fusedMultiplyAdd) return 128;
        return 0;
    }
}
