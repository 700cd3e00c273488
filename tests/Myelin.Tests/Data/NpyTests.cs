using System.Text;
using Myelin.Data;

namespace Myelin.Tests.Data;

public class NpyTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "npy", name);

    /// <summary>An NPY 1.0 file with the given header dict and payload, padded as NumPy pads it.</summary>
    static byte[] Build(string dict, byte[] payload, byte major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - prefix - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0 };
        if (major == 1) bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(payload);
        return bytes.ToArray();
    }

    static Tensor Load(byte[] bytes) => Npy.Load(new MemoryStream(bytes), "test.npy");

    [Fact]
    public void LoadsFloat32MatrixWrittenByNumpy()
    {
        var t = Npy.Load(Fixture("f4_2x3.npy"));
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal([2, 3], t.Shape.ToArray());
        Assert.Equal([-1.5f, 0f, 0.1f, 1e-30f, 3.4e38f, -0f], t.Data<float>());
        Assert.True(float.IsNegative(t.Data<float>()[5]));
    }

    [Fact]
    public void LoadsEachSupportedDtype()
    {
        Assert.Equal([0.1, -2.5, 1e300, 5e-324], Npy.Load(Fixture("f8_4.npy")).Data<double>());

        var i4 = Npy.Load(Fixture("i4_2x2.npy"));
        Assert.Equal(DType.Int32, i4.DType);
        Assert.Equal([int.MinValue, -1, 0, int.MaxValue], i4.Data<int>());

        var i8 = Npy.Load(Fixture("i8_4.npy"));
        Assert.Equal(DType.Int64, i8.DType);
        Assert.Equal([long.MinValue, -1, 0, long.MaxValue], i8.Data<long>());

        var u1 = Npy.Load(Fixture("u1_2x2x2.npy"));
        Assert.Equal(DType.Int32, u1.DType);
        Assert.Equal([2, 2, 2], u1.Shape.ToArray());
        Assert.Equal([0, 1, 127, 128, 200, 254, 255, 7], u1.Data<int>());

        var b1 = Npy.Load(Fixture("b1_5.npy"));
        Assert.Equal(DType.Bool, b1.DType);
        Assert.Equal([true, false, true, true, false], b1.Data<bool>());
    }

    [Fact]
    public void LoadsNarrowTypesWidened()
    {
        Assert.Equal([0.5f, -2f, 65504f], Npy.Load(Fixture("f2_3.npy")).Data<float>());
        Assert.Equal([-128, 0, 127], Npy.Load(Fixture("i1_3.npy")).Data<int>());
        Assert.Equal([-32768, 32767], Npy.Load(Fixture("i2_2.npy")).Data<int>());
        Assert.Equal([0, 65535], Npy.Load(Fixture("u2_2.npy")).Data<int>());
        var u4 = Npy.Load(Fixture("u4_2.npy"));
        Assert.Equal(DType.Int64, u4.DType);
        Assert.Equal([0L, uint.MaxValue], u4.Data<long>());
    }

    [Fact]
    public void LoadsScalarAndEmptyArrays()
    {
        var scalar = Npy.Load(Fixture("scalar_f8.npy"));
        Assert.Equal(0, scalar.Rank);
        Assert.Equal([3.5], scalar.Data<double>());

        var empty = Npy.Load(Fixture("empty_0x3_f4.npy"));
        Assert.Equal([0, 3], empty.Shape.ToArray());
        Assert.Empty(empty.Data<float>());
    }

    [Fact]
    public void LoadsFormatVersions2And3()
    {
        Assert.Equal([0, 1, 2, 3, 4], Npy.Load(Fixture("v2_i4_5.npy")).Data<int>());
        Assert.Equal([1f, 2f, 3f], Npy.Load(Fixture("v3_f4_3.npy")).Data<float>());
    }

    [Fact]
    public void FortranOrderIsRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => Npy.Load(Fixture("fortran_f4_2x3.npy")));
        Assert.Contains("Fortran order not supported", e.Message);
        Assert.Contains("fortran_f4_2x3.npy", e.Message);
    }

    [Fact]
    public void BigEndianIsRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => Npy.Load(Fixture("bigendian_f4_3.npy")));
        Assert.Contains("big-endian", e.Message);
        Assert.Contains("'>f4'", e.Message);
    }

    [Fact]
    public void UnsupportedDtypeIsNamed()
    {
        var e = Assert.Throws<DataFormatException>(() => Npy.Load(Fixture("complex_c8_1.npy")));
        Assert.Contains("unsupported dtype '<c8'", e.Message);

        var text = Assert.Throws<DataFormatException>(() =>
            Load(Build("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", new byte[12])));
        Assert.Contains("'<U3'", text.Message);

        var structured = Assert.Throws<DataFormatException>(() =>
            Load(Build("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4])));
        Assert.Contains("structured", structured.Message);
    }

    [Fact]
    public void HeaderShapeThatDisagreesWithDataIsRejected()
    {
        // The header says 3×2 float32 (24 bytes) but only 16 bytes follow.
        var shortData = Assert.Throws<DataFormatException>(() =>
            Load(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", new byte[16])));
        Assert.Contains("24 bytes", shortData.Message);
        Assert.Contains("only 16", shortData.Message);

        var extraData = Assert.Throws<DataFormatException>(() =>
            Load(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[8])));
        Assert.Contains("extra", extraData.Message);
    }

    [Fact]
    public void HeaderClaimingAHugeShapeFailsWithoutAllocating()
    {
        // Through a non-seekable gzip stream the reader cannot know the length up front.
        byte[] file = Build("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 1000), }", new byte[64]);
        var e = Assert.Throws<DataFormatException>(() => Load(IdxBytes.Gzip(file)));
        Assert.Contains("800000000 bytes", e.Message);
        Assert.Contains("ends after 64", e.Message);

        var tooMany = Assert.Throws<DataFormatException>(() =>
            Load(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2), }", [])));
        Assert.Contains("more elements", tooMany.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'shape': (1,), }", "no 'fortran_order'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", "unexpected key 'x'")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", "True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "non-negative integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }", "larger than")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,) ", "expected ',' or '}'")]
    [InlineData("['descr']", "expected '{'")]
    public void MalformedHeadersAreRejected(string dict, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => Load(Build(dict, new byte[4])));
        Assert.Contains(expected, e.Message);
        Assert.Contains("test.npy", e.Message);
    }

    [Fact]
    public void NotAnNpyFileIsRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => Load(Encoding.ASCII.GetBytes("PK\x03\x04 this is a zip")));
        Assert.Contains("not an NPY file", e.Message);

        var tiny = Assert.Throws<DataFormatException>(() => Load([0x93, (byte)'N']));
        Assert.Contains("ends after 2 bytes", tiny.Message);

        byte[] future = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        future[6] = 9;
        Assert.Contains("version 9.0", Assert.Throws<DataFormatException>(() => Load(future)).Message);
    }

    [Fact]
    public void HeaderLongerThanTheFileIsRejected()
    {
        byte[] bytes = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        Array.Resize(ref bytes, 40); // cut inside the header
        var e = Assert.Throws<DataFormatException>(() => Load(bytes));
        Assert.Contains("the header", e.Message);
    }

    [Fact]
    public void SaveWritesTheSameBytesAsNumpy()
    {
        // np.save of the same values must be byte-for-byte identical (header, padding, data).
        foreach (string name in new[] { "f4_2x3.npy", "f8_4.npy", "i4_2x2.npy", "i8_4.npy", "b1_5.npy", "scalar_f8.npy", "empty_0x3_f4.npy" })
        {
            var tensor = Npy.Load(Fixture(name));
            var output = new MemoryStream();
            Npy.Save(output, tensor);
            Assert.Equal(File.ReadAllBytes(Fixture(name)), output.ToArray());
        }
    }

    [Fact]
    public void SaveAndLoadRoundTripEachDtypeThroughAFile()
    {
        using var dir = new TempDirectory();
        var tensors = new[]
        {
            new Tensor(new Storage(new[] { 1.25f, -3f, float.NaN, float.PositiveInfinity }, DType.Float32), [2, 2]),
            new Tensor(new Storage(new[] { Math.PI, -1e-300 }, DType.Float64), [2]),
            new Tensor(new Storage(new[] { 7, -8, 9 }, DType.Int32), [3, 1]),
            new Tensor(new Storage(new[] { 1L << 40, -5L }, DType.Int64), [1, 2]),
            new Tensor(new Storage(new[] { true, false }, DType.Bool), [2]),
        };
        for (int i = 0; i < tensors.Length; i++)
        {
            string path = Path.Combine(dir.Path, $"t{i}.npy");
            Npy.Save(path, tensors[i]);
            var loaded = Npy.Load(path);
            Assert.Equal(tensors[i].DType, loaded.DType);
            Assert.Equal(tensors[i].Shape.ToArray(), loaded.Shape.ToArray());
            switch (loaded.DType)
            {
                case DType.Float32: Assert.Equal(tensors[i].Data<float>(), loaded.Data<float>()); break;
                case DType.Float64: Assert.Equal(tensors[i].Data<double>(), loaded.Data<double>()); break;
                case DType.Int32: Assert.Equal(tensors[i].Data<int>(), loaded.Data<int>()); break;
                case DType.Int64: Assert.Equal(tensors[i].Data<long>(), loaded.Data<long>()); break;
                default: Assert.Equal(tensors[i].Data<bool>(), loaded.Data<bool>()); break;
            }
        }
    }

    [Fact]
    public void SaveWritesAViewAsTheValuesItShows()
    {
        // A transposed view of [[1, 2, 3], [4, 5, 6]]: shape [3, 2], strides [1, 3].
        var storage = new Storage(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, DType.Float32);
        var transposed = new Tensor(storage, [3, 2], [1, 3], 0);
        var output = new MemoryStream();
        Npy.Save(output, transposed);
        var loaded = Load(output.ToArray());
        Assert.Equal([3, 2], loaded.Shape.ToArray());
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], loaded.Data<float>());

        // A row slice with an offset: the second row, [4, 5, 6].
        var row = new Tensor(storage, [3], [1], 3);
        output = new MemoryStream();
        Npy.Save(output, row);
        Assert.Equal([4f, 5f, 6f], Load(output.ToArray()).Data<float>());
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Npy.Load("/nonexistent/a.npy"));
        Assert.Contains("/nonexistent/a.npy", e.Message);
    }
}
