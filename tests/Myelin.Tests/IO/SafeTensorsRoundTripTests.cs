using Myelin.IO;
using static Myelin.Tests.IO.SafeTensorsTestFiles;

namespace Myelin.Tests.IO;

public class SafeTensorsRoundTripTests : IDisposable
{
    readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    static readonly float[] SpecialFloats =
    [
        0f, -0f, 1f, -1.5f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN,
        BitConverter.Int32BitsToSingle(0x7FC0_1234), // a NaN with a payload
        BitConverter.Int32BitsToSingle(unchecked((int)0xFF80_0001)), // a negative signalling NaN
        1e-40f, // subnormal
    ];

    static readonly double[] SpecialDoubles =
    [
        0d, -0d, 1d / 3d, double.Epsilon, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF),
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFF0_0000_0000_0001)),
    ];

    static Dictionary<string, Tensor> EveryDType() => new()
    {
        ["f32"] = Make(SpecialFloats, 2, 7),
        ["f64"] = Make(SpecialDoubles, 11),
        ["i32"] = Make(new[] { 0, 1, -1, int.MaxValue, int.MinValue, 123456789 }, 3, 1, 2),
        ["i64"] = Make(new[] { 0L, -1L, long.MaxValue, long.MinValue, 1L << 53 | 1 }, 5),
        ["mask"] = Make(new[] { true, false, false, true, true }, 5),
    };

    static T[] Elements<T>(Tensor t) => t.NumElements == 0 ? [] : t.Span<T>().ToArray();

    static void AssertBitIdentical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        switch (expected.DType)
        {
            case DType.Float32:
                Assert.Equal(Elements<float>(expected).Select(BitConverter.SingleToInt32Bits),
                    Elements<float>(actual).Select(BitConverter.SingleToInt32Bits));
                break;
            case DType.Float64:
                Assert.Equal(Elements<double>(expected).Select(BitConverter.DoubleToInt64Bits),
                    Elements<double>(actual).Select(BitConverter.DoubleToInt64Bits));
                break;
            case DType.Int32: Assert.Equal(Elements<int>(expected), Elements<int>(actual)); break;
            case DType.Int64: Assert.Equal(Elements<long>(expected), Elements<long>(actual)); break;
            case DType.Bool: Assert.Equal(Elements<bool>(expected), Elements<bool>(actual)); break;
            default: throw new InvalidOperationException(expected.DType.ToString());
        }
    }

    static void AssertSameTensors(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, tensor) in expected) AssertBitIdentical(tensor, actual[name]);
    }

    [Fact]
    public void EveryDTypeRoundTripsBitForBitThroughAFile()
    {
        var tensors = EveryDType();
        string path = scratch.File("all.safetensors");
        SafeTensors.Save(path, tensors);
        AssertSameTensors(tensors, SafeTensors.Load(path));
    }

    [Fact]
    public void EveryDTypeRoundTripsThroughBytesAndStreams()
    {
        var tensors = EveryDType();
        byte[] bytes = SafeTensors.Serialize(tensors);

        var written = new MemoryStream();
        SafeTensors.Write(written, tensors);
        Assert.Equal(bytes, written.ToArray());

        AssertSameTensors(tensors, SafeTensors.Read(new MemoryStream(bytes)).Tensors);
        AssertSameTensors(tensors, SafeTensors.Read(new NonSeekableStream(bytes)).Tensors);
    }

    [Fact]
    public void ReadingStartsAtTheStreamsCurrentPosition()
    {
        var tensors = EveryDType();
        var stream = new MemoryStream();
        stream.Write("prefix"u8);
        SafeTensors.Write(stream, tensors);
        stream.Position = 6;
        AssertSameTensors(tensors, SafeTensors.Read(stream).Tensors);
    }

    [Fact]
    public void ScalarsAndZeroSizeTensorsRoundTrip()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["scalar"] = Make(new[] { 2.5f }),
            ["scalar_long"] = Make(new[] { -7L }),
            ["none"] = Make(Array.Empty<float>(), 0),
            ["none_2d"] = Make(Array.Empty<long>(), 3, 0),
            ["none_bool"] = Make(Array.Empty<bool>(), 0, 4),
            ["after"] = Make(new[] { 1.0, 2.0 }, 2),
        };
        var read = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(tensors)));
        AssertSameTensors(tensors, read.Tensors);
        Assert.Empty(read["scalar"].Shape);
        Assert.Equal(0, read.Header["none_2d"].ByteLength);
    }

    [Fact]
    public void AFileWithNoTensorsRoundTrips()
    {
        var read = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize([])));
        Assert.Empty(read.Tensors);
        Assert.Empty(read.Metadata);
    }

    [Fact]
    public void MetadataRoundTrips()
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["note"] = "quotes \" backslash \\ newline \n tab \t <html> & +",
            ["unicode"] = "Größe – 重み – 🧠",
            ["empty"] = "",
        };
        var tensors = new Dictionary<string, Tensor> { ["w"] = Make(new[] { 1f, 2f }, 2) };
        var read = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(tensors, metadata)));
        Assert.Equal(metadata.OrderBy(kv => kv.Key), read.Metadata.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void UnicodeNamesRoundTrip()
    {
        var tensors = new Dictionary<string, Tensor> { ["层.权重"] = Make(new[] { 1f }, 1), ["a\"b"] = Make(new[] { 2 }, 1) };
        AssertSameTensors(tensors, SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(tensors))).Tensors);
    }

    [Fact]
    public void HeaderIsPaddedToEightBytesAndEveryTensorIsAligned()
    {
        // Deliberately awkward order: odd-length bools before 8-byte types.
        var tensors = new Dictionary<string, Tensor>
        {
            ["mask"] = Make(new[] { true, false, true }, 3),
            ["w"] = Make(new[] { 1f, 2f, 3f }, 3),
            ["d"] = Make(new[] { 1.0 }, 1),
            ["n"] = Make(new[] { 5L, 6L, 7L }, 3),
        };
        byte[] bytes = SafeTensors.Serialize(tensors);
        var header = SafeTensors.ReadHeader(new MemoryStream(bytes));

        Assert.Equal(0, header.HeaderLength % 8);
        Assert.Equal(bytes.Length, 8 + header.HeaderLength + header.DataLength);
        foreach (var entry in header.Entries)
            Assert.Equal(0, entry.Begin % entry.DType.SizeOf());
        // Padding is spaces after the JSON.
        Assert.Equal((byte)' ', bytes[8 + header.HeaderLength - 1]);
    }

    [Fact]
    public void HeaderKeepsTheGivenOrder()
    {
        var names = new[] { "z.weight", "a.bias", "m", "b.mask" };
        var tensors = new List<KeyValuePair<string, Tensor>>
        {
            new(names[0], Make(new[] { 1f }, 1)),
            new(names[1], Make(new[] { 2.0 }, 1)),
            new(names[2], Make(new[] { 3 }, 1)),
            new(names[3], Make(new[] { true }, 1)),
        };
        var read = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(tensors)));
        Assert.Equal(names, read.Header.Entries.Select(e => e.Name));
        Assert.Equal(names, read.Tensors.Keys);
    }

    [Fact]
    public void ReadHeaderDescribesTensorsWithoutReadingTheirData()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["w"] = Make(new float[12], 3, 4),
            ["labels"] = Make(new long[5], 5),
        };
        var stream = new MemoryStream(SafeTensors.Serialize(tensors, new Dictionary<string, string> { ["k"] = "v" }));
        var header = SafeTensors.ReadHeader(stream);

        Assert.Equal(8 + header.HeaderLength, stream.Position);
        Assert.Equal(SafeTensorsDType.Float32, header["w"].DType);
        Assert.Equal([3, 4], header["w"].Shape.ToArray());
        Assert.Equal(12, header["w"].NumElements);
        Assert.Equal(48, header["w"].ByteLength);
        Assert.Equal(SafeTensorsDType.Int64, header["labels"].DType);
        Assert.Equal(40, header["labels"].ByteLength);
        Assert.Equal("v", header.Metadata["k"]);
        Assert.False(header.TryGetEntry("missing", out _));
    }

    [Fact]
    public void ReadHeaderFromAPathMatchesTheWrittenLayout()
    {
        string path = scratch.File("h.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = Make(new[] { 1, 2, 3 }, 3) });
        var header = SafeTensors.ReadHeader(path);
        var entry = Assert.Single(header.Entries);
        Assert.Equal("x: I32 [3] bytes 0..12", entry.ToString());
        Assert.Equal(new FileInfo(path).Length, 8 + header.HeaderLength + header.DataLength);
    }

    [Fact]
    public void AContiguousViewWithAnOffsetWritesOnlyItsOwnElements()
    {
        var storage = new Storage(new[] { 9f, 9f, 1f, 2f, 3f, 4f, 9f }, DType.Float32);
        var view = new Tensor(storage, [2, 2], [2, 1], 2);
        var read = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize([new("v", view)])));
        Assert.Equal([1f, 2f, 3f, 4f], read["v"].Span<float>().ToArray());
    }

    [Fact]
    public void NonContiguousTensorsAreRejectedWithTheirName()
    {
        var storage = new Storage(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, DType.Float32);
        var transposed = new Tensor(storage, [3, 2], [1, 3], 0);
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Serialize([new("fc.weight", transposed)]));
        Assert.Contains("'fc.weight' is not contiguous", e.Message);
    }

    [Fact]
    public void BadNamesAreRejectedAndLeaveNoFile()
    {
        string path = scratch.File("bad.safetensors");
        var t = Make(new[] { 1f }, 1);
        var duplicate = Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, [new("a", t), new("a", t)]));
        Assert.Contains("'a'", duplicate.Message);
        var reserved = Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, [new("__metadata__", t)]));
        Assert.Contains("reserved", reserved.Message);
        Assert.Empty(scratch.Entries());
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        string path = scratch.File("model.safetensors");
        SafeTensors.Save(path, [new("old", Make(new[] { 1f }, 1))]);
        SafeTensors.Save(path, [new("new", Make(new[] { 2f }, 1))]);
        var loaded = SafeTensors.Load(path);
        Assert.Equal(["new"], loaded.Keys);
        Assert.Equal(["model.safetensors"], scratch.Entries());
    }

    [Fact]
    public void SaveFailingMidwayKeepsThePreviousFile()
    {
        string path = scratch.File("weights.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Make(new[] { 1f, 2f }, 2) });
        byte[] before = File.ReadAllBytes(path);

        // A corrupt tensor (its storage does not hold the floats its dtype promises) passes the
        // up-front checks and fails only when its data is written, after the header and "good".
        var corrupt = new Tensor(new Storage(new int[3], DType.Float32), [3]);
        var tensors = new Dictionary<string, Tensor> { ["good"] = Make(new float[1000], 1000), ["corrupt"] = corrupt };
        Assert.Throws<InvalidCastException>(() => SafeTensors.Save(path, tensors));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["weights.safetensors"], scratch.Entries());
    }

    /// <summary>A read-only stream that cannot seek or report its length, like a network stream.</summary>
    sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        readonly MemoryStream inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 7));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
