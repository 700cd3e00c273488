using System.Buffers.Binary;
using System.Text;
using Myelin.IO;
using static Myelin.Tests.IO.SafeTensorsTestFiles;

namespace Myelin.Tests.IO;

public class SafeTensorsMalformedTests : IDisposable
{
    readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>Writes the bytes to a file, reads it, and checks the error names the file, the tensor and the fault.</summary>
    SafeTensorsFormatException AssertRejected(byte[] bytes, string? tensor, string fault)
    {
        string path = scratch.File("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Equal(path, e.FilePath);
        Assert.Equal(tensor, e.TensorName);
        if (tensor is not null) Assert.Contains($"tensor '{tensor}'", e.Message);
        Assert.Contains(fault, e.Message);
        return e;
    }

    static byte[] Valid() => SafeTensors.Serialize(new Dictionary<string, Tensor>
    {
        ["w"] = Make(new[] { 1f, 2f, 3f, 4f }, 2, 2),
        ["b"] = Make(new[] { 5f, 6f }, 2),
    });

    [Fact]
    public void TruncatedFileNamesTheTensorThatRunsPastTheEnd()
    {
        byte[] valid = Valid();
        AssertRejected(valid[..^3], "b", "reach past the end of the data buffer");
    }

    [Fact]
    public void FileShorterThanTheLengthPrefix()
    {
        AssertRejected([1, 2, 3], null, "too few for the 8-byte header length");
        AssertRejected([], null, "holds 0 bytes");
    }

    [Fact]
    public void HeaderLengthPastTheEndOfTheFile()
    {
        byte[] bytes = Build("{}", 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 100);
        AssertRejected(bytes, null, "header length of 100 bytes, but only 2 bytes follow");
    }

    [Fact]
    public void AbsurdHeaderLengthIsRejectedBeforeAllocating()
    {
        byte[] bytes = Build("{}", 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1UL << 60);
        AssertRejected(bytes, null, $"header length of {1UL << 60} bytes");
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        AssertRejected(bytes, null, $"header length of {ulong.MaxValue} bytes");
    }

    [Fact]
    public void HeaderAboveTheLimitIsRejectedEvenWhenTheStreamIsThatLong()
    {
        // A stream claiming 1 TB: the limit check must come before any allocation or read of the header.
        var stream = new HugeZeroStream(prefixHeaderLength: SafeTensors.MaxHeaderLength + 1UL, length: 1L << 40);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.ReadHeader(stream));
        Assert.Contains("more than the limit of 100000000 bytes", e.Message);
        Assert.Equal(8, stream.Position);
    }

    [Theory]
    [InlineData("{\"w\": {\"dtype\": \"F32\"", "not valid JSON")]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("{} {}", "not valid JSON")]
    public void HeaderThatIsNotJson(string header, string fault) => AssertRejected(Build(header, 0), null, fault);

    [Theory]
    [InlineData("[1, 2]", "it is a JSON array")]
    [InlineData("\"w\"", "it is a JSON string")]
    [InlineData("null", "it is a JSON null")]
    [InlineData("42", "it is a JSON number")]
    public void HeaderThatIsNotAnObject(string header, string fault) => AssertRejected(Build(header, 0), null, fault);

    [Fact]
    public void HeaderThatIsNotUtf8()
    {
        byte[] header = [.. Encoding.ASCII.GetBytes("{\"w"), 0xFF, .. Encoding.ASCII.GetBytes("\":{}}")];
        var e = AssertRejected(Build(header, []), null, "");
        Assert.Contains("UTF-8", e.Message + e.InnerException?.Message);
    }

    [Theory]
    [InlineData("{\"w\":{\"dtype\":\"F7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "w", "unknown dtype \"F7\"")]
    [InlineData("{\"w\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "w", "unknown dtype \"f32\"")]
    [InlineData("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "w", "dtype must be a string")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "w", "shape [3] of F32 needs 12 bytes, but data_offsets [0, 8] span 8")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536],\"data_offsets\":[0,8]}}", 8, "w", "needs more than the 8 bytes of the data buffer")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "w", "negative size -1")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4, "w", "shape holds 1.5, which is not an integer")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,8]}}", 8, "w", "not an integer")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296],\"data_offsets\":[0,8]}}", 8, "w", "larger than 2147483647")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}", 8, "w", "shape must be a JSON array")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "w", "begin after they end")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8, "w", "two integers")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,16]}}", 16, "w", "two integers")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", 8, "w", "not a non-negative integer")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "w", "no \"data_offsets\" field")]
    [InlineData("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "w", "no \"dtype\" field")]
    [InlineData("{\"w\":[0,8]}", 8, "w", "the entry must be a JSON object")]
    public void MalformedEntry(string header, int dataLength, string tensor, string fault) =>
        AssertRejected(Build(header, dataLength), tensor, fault);

    [Fact]
    public void OverlappingOffsets() => AssertRejected(Build(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
        "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12),
        "b", "overlap tensor 'a' at [0, 8]");

    [Fact]
    public void TwoTensorsSharingTheSameBytes() => AssertRejected(Build(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
        "\"b\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
        "b", "overlap tensor 'a'");

    [Fact]
    public void GapBetweenOffsets() => AssertRejected(Build(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
        "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20),
        "b", "leaving bytes 8..12 unused after tensor 'a'");

    [Fact]
    public void GapBeforeTheFirstTensor() => AssertRejected(Build(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
        "a", "a gap before the first tensor");

    [Fact]
    public void DataLongerThanTheTensorsNeed() => AssertRejected(Build(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 11),
        "a", "3 bytes left over");

    [Fact]
    public void DataOnAFileWithNoTensors() => AssertRejected(Build("{}", 4), null, "lists no tensors, yet 4 bytes");

    [Fact]
    public void DataShorterThanTheOffsetsSay() => AssertRejected(Build(
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 15),
        "a", "data_offsets [0, 16] reach past the end of the data buffer, which holds 15 bytes");

    [Fact]
    public void DuplicateTensorNames() => AssertRejected(Build(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}," +
        "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
        "a", "lists the key 'a' more than once");

    [Fact]
    public void DuplicateMetadata() => AssertRejected(Build(
        "{\"__metadata__\":{},\"__metadata__\":{}}", 0), null, "'__metadata__' more than once");

    [Theory]
    [InlineData("{\"__metadata__\":{\"epoch\":3}}", "metadata value 'epoch' must be a string, but it is a JSON number")]
    [InlineData("{\"__metadata__\":{\"a\":\"x\",\"a\":\"y\"}}", "metadata key 'a' appears more than once")]
    [InlineData("{\"__metadata__\":[\"a\"]}", "'__metadata__' must be a JSON object of strings")]
    public void MalformedMetadata(string header, string fault) => AssertRejected(Build(header, 0), null, fault);

    [Fact]
    public void NullMetadataMeansNone()
    {
        var file = SafeTensors.Read(new MemoryStream(Build("{\"__metadata__\":null}", 0)));
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void BoolBytesOtherThanZeroOrOne()
    {
        byte[] bytes = Build("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}", [1, 0, 2]);
        AssertRejected(bytes, "m", "BOOL element 2 is the byte 0x02");
    }

    [Fact]
    public void UnknownEntryFieldsAreIgnoredAndTrailingSpacesAccepted()
    {
        // The reference implementation ignores fields it does not know, and writers pad with spaces.
        byte[] bytes = Build("{\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":true}}      ", [7, 0, 0, 0]);
        Assert.Equal([7], SafeTensors.Read(new MemoryStream(bytes))["a"].Span<int>().ToArray());
    }

    [Fact]
    public void StreamsWithoutAFileNameSaySo()
    {
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new MemoryStream(Build("[]", 0))));
        Assert.StartsWith("safetensors data: ", e.Message);
        Assert.Null(e.FilePath);
    }

    [Fact]
    public void ReadHeaderValidatesAsStrictlyAsRead()
    {
        string path = scratch.File("gap.safetensors");
        File.WriteAllBytes(path, Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 5));
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.ReadHeader(path));
        Assert.Contains("1 bytes left over", e.Message);
    }

    [Fact]
    public void ReadHeaderRefusesStreamsThatCannotSeek()
    {
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.ReadHeader(new BufferedNonSeekable()));
        Assert.Contains("seekable", e.Message);
    }

    [Fact]
    public void FormatErrorsAreFormatExceptions()
    {
        Assert.IsAssignableFrom<FormatException>(AssertRejected(Build("[]", 0), null, "array"));
    }

    sealed class BufferedNonSeekable : MemoryStream
    {
        public override bool CanSeek => false;
    }

    /// <summary>A seekable stream of the given length whose first 8 bytes hold a header length and the rest zeros.</summary>
    sealed class HugeZeroStream(ulong prefixHeaderLength, long length) : Stream
    {
        long position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, prefixHeaderLength);
            int n = (int)Math.Min(count, length - position);
            for (int i = 0; i < n; i++)
                buffer[offset + i] = position + i < 8 ? prefix[(int)(position + i)] : (byte)0;
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
