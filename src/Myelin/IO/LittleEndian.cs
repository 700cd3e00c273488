using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Myelin.IO;

/// <summary>
/// Byte-order fix-ups for file formats that store numbers little-endian. On little-endian
/// machines (all that .NET ships for today) these do nothing; on a big-endian one they swap bytes.
/// </summary>
internal static class LittleEndian
{
    /// <summary>Converts elements read from little-endian bytes to the machine's order, in place.</summary>
    public static void ToNative<T>(Span<T> values) where T : unmanaged
    {
        if (BitConverter.IsLittleEndian) return;
        switch (Unsafe.SizeOf<T>())
        {
            case 1: break;
            case 2: var u16 = MemoryMarshal.Cast<T, ushort>(values); BinaryPrimitives.ReverseEndianness(u16, u16); break;
            case 4: var u32 = MemoryMarshal.Cast<T, uint>(values); BinaryPrimitives.ReverseEndianness(u32, u32); break;
            case 8: var u64 = MemoryMarshal.Cast<T, ulong>(values); BinaryPrimitives.ReverseEndianness(u64, u64); break;
            default: throw new NotSupportedException($"No byte-order swap for {Unsafe.SizeOf<T>()}-byte elements.");
        }
    }

    /// <summary>Converts elements in the machine's order to little-endian, in place (the same swap as <see cref="ToNative{T}"/>).</summary>
    public static void FromNative<T>(Span<T> values) where T : unmanaged => ToNative(values);
}
