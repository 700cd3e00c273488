using System.Runtime.InteropServices;

namespace Myelin.Optim;

/// <summary>
/// Work arrays an optimizer reuses from step to step, so that an update allocates nothing once
/// they have grown to the largest parameter. A few numbered slots per element type.
/// </summary>
internal sealed class ScratchBuffers
{
    public const int Slots = 3;

    readonly float[][] floats = new float[Slots][];
    readonly double[][] doubles = new double[Slots][];

    /// <summary>A work span of <paramref name="length"/> elements in <paramref name="slot"/>; its contents are left over from earlier use.</summary>
    public Span<T> Get<T>(int slot, int length) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return MemoryMarshal.Cast<float, T>(Ensure(floats, slot, length).AsSpan(0, length));
        if (typeof(T) == typeof(double)) return MemoryMarshal.Cast<double, T>(Ensure(doubles, slot, length).AsSpan(0, length));
        throw new NotSupportedException($"Optimizer scratch space holds float and double only, not {typeof(T).Name}.");
    }

    static TElement[] Ensure<TElement>(TElement[][] arrays, int slot, int length)
    {
        var array = arrays[slot];
        if (array is null || array.Length < length)
            arrays[slot] = array = new TElement[length];
        return array;
    }
}
