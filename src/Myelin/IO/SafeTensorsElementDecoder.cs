using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Myelin.IO;

/// <summary>
/// Converts raw little-endian elements of a file dtype into the array of the Myelin dtype it
/// loads as (see <see cref="SafeTensorsDTypeInfo.LoadsAs"/>). Every conversion is exact: the
/// widened type holds each source value without rounding.
/// </summary>
internal static class SafeTensorsElementDecoder
{
    /// <summary>Decodes the elements in <paramref name="raw"/> into <paramref name="destination"/> starting at element <paramref name="start"/>.</summary>
    /// <param name="dtype">The dtype of the raw elements.</param>
    /// <param name="raw">Whole elements, little-endian.</param>
    /// <param name="destination">The storage array (its element type matches <c>dtype.LoadsAs()</c>).</param>
    /// <param name="start">The index in <paramref name="destination"/> of the first element of <paramref name="raw"/>.</param>
    /// <param name="file">The file name for error messages, or null.</param>
    /// <param name="name">The tensor name for error messages.</param>
    public static void Decode(SafeTensorsDType dtype, ReadOnlySpan<byte> raw, Array destination, int start, string? file, string name)
    {
        int count = raw.Length / dtype.SizeOf();
        switch (dtype)
        {
            case SafeTensorsDType.Float32: CopyLittleEndian(raw, Slice<float>(destination, start, count)); break;
            case SafeTensorsDType.Float64: CopyLittleEndian(raw, Slice<double>(destination, start, count)); break;
            case SafeTensorsDType.Int32: CopyLittleEndian(raw, Slice<int>(destination, start, count)); break;
            case SafeTensorsDType.Int64: CopyLittleEndian(raw, Slice<long>(destination, start, count)); break;
            case SafeTensorsDType.Bool: DecodeBool(raw, Slice<bool>(destination, start, count), start, file, name); break;
            case SafeTensorsDType.UInt8:
            {
                var to = Slice<int>(destination, start, count);
                for (int i = 0; i < count; i++) to[i] = raw[i];
                break;
            }
            case SafeTensorsDType.Int8:
            {
                var to = Slice<int>(destination, start, count);
                for (int i = 0; i < count; i++) to[i] = (sbyte)raw[i];
                break;
            }
            case SafeTensorsDType.Int16:
            {
                var to = Slice<int>(destination, start, count);
                for (int i = 0; i < count; i++) to[i] = BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]);
                break;
            }
            case SafeTensorsDType.UInt16:
            {
                var to = Slice<int>(destination, start, count);
                for (int i = 0; i < count; i++) to[i] = BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]);
                break;
            }
            case SafeTensorsDType.UInt32:
            {
                var to = Slice<long>(destination, start, count);
                for (int i = 0; i < count; i++) to[i] = BinaryPrimitives.ReadUInt32LittleEndian(raw[(4 * i)..]);
                break;
            }
            case SafeTensorsDType.UInt64:
            {
                var to = Slice<long>(destination, start, count);
                for (int i = 0; i < count; i++)
                {
                    ulong value = BinaryPrimitives.ReadUInt64LittleEndian(raw[(8 * i)..]);
                    if (value > long.MaxValue)
                        throw new NotSupportedException(
                            $"{file ?? "safetensors data"}: tensor '{name}': U64 element {start + i} is {value}, too large for Int64, the widest integer type Myelin has.");
                    to[i] = (long)value;
                }
                break;
            }
            case SafeTensorsDType.Float16:
            {
                var to = Slice<float>(destination, start, count);
                for (int i = 0; i < count; i++)
                    to[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]));
                break;
            }
            case SafeTensorsDType.BFloat16:
            {
                // A bfloat16 is the upper half of a float32's bits.
                var to = Slice<float>(destination, start, count);
                for (int i = 0; i < count; i++)
                    to[i] = BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]) << 16);
                break;
            }
            case SafeTensorsDType.Float8E5M2:
            {
                // An E5M2 float is the upper byte of a float16.
                var to = Slice<float>(destination, start, count);
                for (int i = 0; i < count; i++) to[i] = (float)BitConverter.UInt16BitsToHalf((ushort)(raw[i] << 8));
                break;
            }
            case SafeTensorsDType.Float8E4M3:
            {
                var to = Slice<float>(destination, start, count);
                for (int i = 0; i < count; i++) to[i] = DecodeFloat8E4M3(raw[i]);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype.");
        }
    }

    /// <summary>
    /// E4M3 "fn" (finite, NaN-only): sign, 4 exponent bits with bias 7, 3 mantissa bits; exponent 0
    /// is subnormal; all ones in exponent and mantissa is NaN; there is no infinity.
    /// </summary>
    internal static float DecodeFloat8E4M3(byte bits)
    {
        int exponent = (bits >> 3) & 0xF;
        int mantissa = bits & 0x7;
        float sign = (bits & 0x80) != 0 ? -1f : 1f;
        if (exponent == 0xF && mantissa == 0x7) return float.NaN;
        if (exponent == 0) return sign * mantissa * (1f / 512f); // mantissa/8 × 2^(1−7)
        return sign * (1f + mantissa / 8f) * MathF.ScaleB(1f, exponent - 7);
    }

    static void DecodeBool(ReadOnlySpan<byte> raw, Span<bool> to, int start, string? file, string name)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (b > 1)
                throw new SafeTensorsFormatException(file, name,
                    $"BOOL element {start + i} is the byte 0x{b:X2}; only 0 and 1 are valid.");
            to[i] = b == 1;
        }
    }

    static Span<T> Slice<T>(Array destination, int start, int count) => ((T[])destination).AsSpan(start, count);

    static void CopyLittleEndian<T>(ReadOnlySpan<byte> raw, Span<T> to) where T : unmanaged
    {
        MemoryMarshal.Cast<byte, T>(raw).CopyTo(to);
        LittleEndian.ToNative(to);
    }
}
