using System.Buffers.Binary;
using Myelin.Data;

namespace Myelin.Tests.Data;

public class IdxTests
{
    static Tensor ReadBytes(byte[] bytes, bool scale = false) => Idx.Read(new MemoryStream(bytes), "test.idx", scale);

    [Fact]
    public void ReadsUnsignedBytesAsInt32WithShape()
    {
        var t = ReadBytes(IdxBytes.UBytes([2, 3], 0, 1, 2, 128, 254, 255));
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal([2, 3], t.Shape.ToArray());
        Assert.Equal([0, 1, 2, 128, 254, 255], t.Data<int>());
    }

    [Fact]
    public void ScalesUnsignedBytesToUnitFloats()
    {
        var t = ReadBytes(IdxBytes.UBytes([3], 0, 51, 255), scale: true);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal([0f, 0.2f, 1f], t.Data<float>());
    }

    [Fact]
    public void ReadsOtherTypesBigEndian()
    {
        var int16 = ReadBytes(IdxBytes.Build(0x0B, [2], [0x80, 0x00, 0x01, 0x02]));
        Assert.Equal([-32768, 258], int16.Data<int>());

        var int8 = ReadBytes(IdxBytes.Build(0x09, [2], [0xFF, 0x7F]));
        Assert.Equal([-1, 127], int8.Data<int>());

        var int32 = ReadBytes(IdxBytes.Build(0x0C, [1], [0xFF, 0xFF, 0xFF, 0xFE]));
        Assert.Equal([-2], int32.Data<int>());

        var f32 = new byte[4];
        BinaryPrimitives.WriteSingleBigEndian(f32, 1.5f);
        var float32 = ReadBytes(IdxBytes.Build(0x0D, [1], f32));
        Assert.Equal(DType.Float32, float32.DType);
        Assert.Equal([1.5f], float32.Data<float>());

        var f64 = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(f64, -0.1);
        var float64 = ReadBytes(IdxBytes.Build(0x0E, [1, 1], f64));
        Assert.Equal(DType.Float64, float64.DType);
        Assert.Equal([1, 1], float64.Shape.ToArray());
        Assert.Equal([-0.1], float64.Data<double>());
    }

    [Fact]
    public void ReadsGzipFileDetectedByMagicNotName()
    {
        using var dir = new TempDirectory();
        byte[] raw = IdxBytes.UBytes([2, 2], 9, 8, 7, 6);
        string gz = dir.Write("images.idx", IdxBytes.Gzip(raw)); // no .gz suffix on purpose
        string plain = dir.Write("images.idx.gz", raw); // and a misleading suffix on a raw file
        Assert.Equal([9, 8, 7, 6], Idx.Read(gz).Data<int>());
        Assert.Equal([9, 8, 7, 6], Idx.Read(plain).Data<int>());
    }

    [Fact]
    public void WrongMagicIsRejected()
    {
        byte[] bytes = IdxBytes.UBytes([1], 5);
        bytes[0] = 0x12;
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes));
        Assert.Contains("test.idx", e.Message);
        Assert.Contains("magic", e.Message);
        Assert.Equal(0, e.ByteOffset);
    }

    [Fact]
    public void UnknownTypeCodeIsRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(IdxBytes.Build(0x07, [1], [5])));
        Assert.Contains("0x07", e.Message);
    }

    [Fact]
    public void TruncatedPayloadIsRejected()
    {
        byte[] bytes = IdxBytes.UBytes([2, 3], 1, 2, 3, 4); // header promises 6 bytes, 4 follow
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes));
        Assert.Contains("6 bytes", e.Message);
        Assert.Contains("only 4", e.Message);
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(IdxBytes.UBytes([2], 1, 2, 3)));
        Assert.Contains("extra", e.Message);
    }

    [Fact]
    public void TruncatedHeaderIsRejected()
    {
        byte[] bytes = IdxBytes.UBytes([5, 5], new byte[25])[..9]; // cut inside the second dimension
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes));
        Assert.Contains("dimension 1", e.Message);
    }

    [Fact]
    public void EmptyInputIsRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes([]));
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void TruncatedGzipIsRejectedWithoutTrustingTheHeader()
    {
        // The header claims 60000×28×28 bytes but the compressed stream holds only 10 of them:
        // reading must fail with a truncation error, not allocate 47 MB up front or hang.
        byte[] raw = IdxBytes.UBytes([60000, 28, 28], new byte[10]);
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(IdxBytes.Gzip(raw)));
        Assert.Contains("47040000 bytes", e.Message);
        Assert.Contains("ends after 10", e.Message);
    }

    [Fact]
    public void GzipWithTrailingDataIsRejected()
    {
        byte[] raw = IdxBytes.UBytes([2], 1, 2, 3);
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(IdxBytes.Gzip(raw)));
        Assert.Contains("unexpected data after", e.Message);
    }

    [Fact]
    public void CutGzipStreamIsRejected()
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.UBytes([100], Enumerable.Range(0, 100).Select(i => (byte)(i * 7)).ToArray()));
        Assert.ThrowsAny<DataFormatException>(() => ReadBytes(gz[..(gz.Length / 2)]));
    }

    [Fact]
    public void HugeDimensionsAreRejectedBeforeAllocating()
    {
        byte[] bytes = IdxBytes.Build(0x08, [65536, 65536], []);
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes));
        Assert.Contains("more elements than a tensor can hold", e.Message);

        var overflow = IdxBytes.Build(0x0C, [1], []);
        BinaryPrimitives.WriteUInt32BigEndian(overflow.AsSpan(4), 0xFFFFFFFF);
        Assert.Throws<DataFormatException>(() => ReadBytes(overflow));
    }

    [Fact]
    public void ScaleToUnitRejectsNonByteData()
    {
        var e = Assert.Throws<ArgumentException>(() => ReadBytes(IdxBytes.Build(0x0C, [1], [0, 0, 0, 1]), scale: true));
        Assert.Contains("int32", e.Message);
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read("/nonexistent/x-idx1-ubyte"));
        Assert.Contains("/nonexistent/x-idx1-ubyte", e.Message);
    }
}
