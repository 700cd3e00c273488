using System.Buffers.Binary;
using Myelin.IO;
using static Myelin.Tests.IO.SafeTensorsTestFiles;

namespace Myelin.Tests.IO;

/// <summary>File dtypes Myelin has no tensor type for load widened to one that holds every value exactly.</summary>
public class SafeTensorsWideningTests
{
    static Tensor LoadOne(string dtype, int count, byte[] data)
    {
        string header = $"{{\"t\":{{\"dtype\":\"{dtype}\",\"shape\":[{count}],\"data_offsets\":[0,{data.Length}]}}}}";
        return SafeTensors.Read(new MemoryStream(Build(header, data)))["t"];
    }

    static byte[] Pack<T>(T[] values, int size, Action<byte[], int, T> write)
    {
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++) write(bytes, i * size, values[i]);
        return bytes;
    }

    [Fact]
    public void SmallIntegersWidenToInt32()
    {
        var u8 = LoadOne("U8", 4, [0, 1, 128, 255]);
        Assert.Equal(DType.Int32, u8.DType);
        Assert.Equal([0, 1, 128, 255], u8.Span<int>().ToArray());

        var i8 = LoadOne("I8", 4, [0x80, 0xFF, 0, 0x7F]);
        Assert.Equal([-128, -1, 0, 127], i8.Span<int>().ToArray());

        short[] shorts = [short.MinValue, -1, 0, short.MaxValue];
        var i16 = LoadOne("I16", 4, Pack(shorts, 2, (b, at, v) => BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(at), v)));
        Assert.Equal(DType.Int32, i16.DType);
        Assert.Equal(shorts.Select(s => (int)s), i16.Span<int>().ToArray());

        ushort[] ushorts = [0, 1, 40000, ushort.MaxValue];
        var u16 = LoadOne("U16", 4, Pack(ushorts, 2, (b, at, v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v)));
        Assert.Equal(ushorts.Select(s => (int)s), u16.Span<int>().ToArray());
    }

    [Fact]
    public void UnsignedWideIntegersWidenToInt64()
    {
        uint[] uints = [0, 1, 3_000_000_000, uint.MaxValue];
        var u32 = LoadOne("U32", 4, Pack(uints, 4, (b, at, v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v)));
        Assert.Equal(DType.Int64, u32.DType);
        Assert.Equal(uints.Select(u => (long)u), u32.Span<long>().ToArray());

        ulong[] ulongs = [0, long.MaxValue];
        var u64 = LoadOne("U64", 2, Pack(ulongs, 8, (b, at, v) => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v)));
        Assert.Equal([0L, long.MaxValue], u64.Span<long>().ToArray());
    }

    [Fact]
    public void U64ValuesBeyondInt64AreRefused()
    {
        ulong[] ulongs = [1, (ulong)long.MaxValue + 1];
        byte[] data = Pack(ulongs, 8, (b, at, v) => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v));
        var e = Assert.Throws<NotSupportedException>(() => LoadOne("U64", 2, data));
        Assert.Contains("tensor 't': U64 element 1 is 9223372036854775808", e.Message);
    }

    [Fact]
    public void HalfPrecisionWidensExactlyToFloat32()
    {
        Half[] halves = [(Half)1.0f, (Half)(-0.5f), Half.MaxValue, Half.Epsilon, Half.PositiveInfinity, Half.NegativeInfinity, Half.NaN];
        var f16 = LoadOne("F16", halves.Length,
            Pack(halves, 2, (b, at, v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), BitConverter.HalfToUInt16Bits(v))));
        Assert.Equal(DType.Float32, f16.DType);
        Assert.Equal([1f, -0.5f, 65504f, MathF.Pow(2, -24), float.PositiveInfinity, float.NegativeInfinity, float.NaN],
            f16.Span<float>().ToArray());
    }

    [Fact]
    public void BFloat16IsTheUpperHalfOfAFloat32()
    {
        float[] floats = [1f, -3.140625f, float.MaxValue, float.NegativeInfinity, 1e-39f];
        // Take the upper 16 bits of values chosen so that those bits hold them exactly (MaxValue and the subnormal are truncated).
        ushort[] bits = floats.Select(f => (ushort)(BitConverter.SingleToUInt32Bits(f) >> 16)).ToArray();
        var bf16 = LoadOne("BF16", bits.Length, Pack(bits, 2, (b, at, v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v)));
        Assert.Equal(DType.Float32, bf16.DType);
        Assert.Equal(bits.Select(b => BitConverter.UInt32BitsToSingle((uint)b << 16)), bf16.Span<float>().ToArray());
        Assert.Equal(1f, bf16.Span<float>()[0]);
        Assert.Equal(-3.140625f, bf16.Span<float>()[1]);
        Assert.Equal(float.NegativeInfinity, bf16.Span<float>()[3]);
    }

    [Fact]
    public void EightBitFloatsWidenToFloat32()
    {
        // E4M3: 0x38 = 1.0, 0xB8 = −1.0, 0x7E = 448 (the largest), 0x01 = 2^−9 (smallest subnormal), 0x7F = NaN.
        var e4m3 = LoadOne("F8_E4M3", 6, [0x38, 0xB8, 0x7E, 0x01, 0x7F, 0x00]);
        Assert.Equal([1f, -1f, 448f, 1f / 512f, float.NaN, 0f], e4m3.Span<float>().ToArray());

        // E5M2: the upper byte of a float16. 0x3C = 1.0, 0x7B = 57344 (the largest), 0x7C = ∞, 0xC0 = −2.
        var e5m2 = LoadOne("F8_E5M2", 4, [0x3C, 0x7B, 0x7C, 0xC0]);
        Assert.Equal([1f, 57344f, float.PositiveInfinity, -2f], e5m2.Span<float>().ToArray());
    }

    [Fact]
    public void EveryDTypeHasACodeThatParsesBack()
    {
        foreach (SafeTensorsDType dtype in Enum.GetValues<SafeTensorsDType>())
        {
            Assert.True(SafeTensorsDTypeInfo.TryParse(dtype.Code(), out var parsed));
            Assert.Equal(dtype, parsed);
            Assert.InRange(dtype.SizeOf(), 1, 8);
            Assert.True(dtype.SizeOf() <= dtype.LoadsAs().SizeOf() || dtype == SafeTensorsDType.UInt64,
                $"{dtype} must widen, not narrow");
        }
        foreach (DType dtype in Enum.GetValues<DType>())
            Assert.Equal(dtype, SafeTensorsDTypeInfo.FromDType(dtype).LoadsAs());
    }
}
