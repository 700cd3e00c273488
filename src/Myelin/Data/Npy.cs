using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Myelin.Data;

/// <summary>
/// Reads and writes NumPy's <c>.npy</c> files (format versions 1.0, 2.0 and 3.0), so arrays move
/// between Python and Myelin without pickle or code execution.
/// </summary>
/// <remarks>
/// Supported dtypes and the tensors they load as: <c>&lt;f4</c> → Float32, <c>&lt;f8</c> →
/// Float64, <c>&lt;i4</c> → Int32, <c>&lt;i8</c> → Int64, <c>|u1</c> → Int32 (0 … 255),
/// <c>|b1</c> → Bool; also <c>&lt;f2</c> → Float32, <c>|i1</c>, <c>&lt;i2</c>, <c>&lt;u2</c> →
/// Int32 and <c>&lt;u4</c> → Int64, all exactly representable. Data must be little-endian and in
/// C (row-major) order. A gzip-compressed file is decompressed transparently.
/// </remarks>
public static class Npy
{
    static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Headers larger than this are rejected before allocation (NumPy's own are a few hundred bytes).</summary>
    const int MaxHeaderLength = 1 << 20;

    const string SupportedList = "<f4, <f8, <i4, <i8, |u1, |b1, <f2, |i1, <i2, <u2, <u4";

    /// <summary>Loads an NPY file as a tensor of the stored shape.</summary>
    /// <param name="path">The <c>.npy</c> file.</param>
    /// <returns>A contiguous tensor of the array's shape (a scalar for shape <c>()</c>); dtype as listed in the remarks.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Not an NPY file, an unsupported version or dtype, big-endian or Fortran-ordered data, or a shape that disagrees with the data length.</exception>
    public static Tensor Load(string path)
    {
        using var input = BinaryInput.OpenFile(path);
        return Load(input);
    }

    /// <summary>Loads NPY data from a stream, from its current position to its end.</summary>
    /// <param name="stream">A readable stream; it is left open.</param>
    /// <param name="name">A name for the data in error messages.</param>
    /// <returns>A contiguous tensor of the array's shape; dtype as listed in the remarks.</returns>
    /// <exception cref="DataFormatException">The data is not a supported NPY array (see <see cref="Load(string)"/>).</exception>
    public static Tensor Load(Stream stream, string name = "stream")
    {
        using var input = BinaryInput.FromStream(stream, name, leaveOpen: true);
        return Load(input);
    }

    static Tensor Load(BinaryInput input)
    {
        Span<byte> preamble = stackalloc byte[8];
        input.ReadExactly(preamble, "the NPY magic string and version");
        if (!preamble[..6].SequenceEqual(Magic))
            throw new DataFormatException(input.Name, "not an NPY file: it does not start with the magic string \\x93NUMPY.", byteOffset: 0);
        int major = preamble[6], minor = preamble[7];
        if (major is < 1 or > 3)
            throw new DataFormatException(input.Name, $"unsupported NPY format version {major}.{minor} (supported: 1.0, 2.0, 3.0).", byteOffset: 6);

        Span<byte> lengthBytes = stackalloc byte[4];
        int lengthSize = major == 1 ? 2 : 4;
        input.ReadExactly(lengthBytes[..lengthSize], "the header length");
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
            throw new DataFormatException(input.Name, $"the header length {headerLength} is implausibly large (limit {MaxHeaderLength} bytes).", byteOffset: 8);

        long headerOffset = input.Position;
        byte[] headerBytes = input.ReadBytes((int)headerLength, "the header");
        var header = NpyHeader.Parse(NpyHeader.EncodingFor(major).GetString(headerBytes), input.Name, headerOffset);

        var (dtype, itemSize) = ResolveDescr(header.Descr, input.Name, headerOffset);
        if (header.FortranOrder)
            throw new DataFormatException(input.Name,
                "Fortran order not supported: the header has 'fortran_order': True; save a C-ordered array (numpy.ascontiguousarray).",
                byteOffset: headerOffset);

        long count = 1;
        foreach (int d in header.Shape) count = Math.Min(count * d, (long)int.MaxValue + 1);
        if (count > int.MaxValue)
            throw new DataFormatException(input.Name,
                $"shape {Layout.Format(header.Shape)} has more elements than a tensor can hold ({int.MaxValue}).", byteOffset: headerOffset);

        byte[] payload = input.ReadPayload(count * itemSize,
            $"'{header.Descr}' data for shape {Layout.Format(header.Shape)}");
        return Decode(header.Descr[1..], payload, header.Shape, dtype);
    }

    /// <summary>Maps an NPY type string to the tensor dtype it loads as and its item size in bytes.</summary>
    static (DType DType, int ItemSize) ResolveDescr(string descr, string fileName, long offset)
    {
        char order = descr.Length > 0 ? descr[0] : '?';
        string kindAndSize = descr.Length > 0 ? descr[1..] : "";
        (DType, int)? known = kindAndSize switch
        {
            "f4" => (DType.Float32, 4),
            "f8" => (DType.Float64, 8),
            "i4" => (DType.Int32, 4),
            "i8" => (DType.Int64, 8),
            "u1" => (DType.Int32, 1),
            "b1" => (DType.Bool, 1),
            "f2" => (DType.Float32, 2),
            "i1" => (DType.Int32, 1),
            "i2" => (DType.Int32, 2),
            "u2" => (DType.Int32, 2),
            "u4" => (DType.Int64, 4),
            _ => null,
        };
        if (known is not { } result || order is not ('<' or '>' or '|' or '='))
            throw new DataFormatException(fileName, $"unsupported dtype '{descr}' (supported: {SupportedList}).", byteOffset: offset);
        // Byte order matters only for multi-byte items; NumPy writes '|' for single bytes.
        if (result.Item2 > 1 && order != '<')
            throw new DataFormatException(fileName, order == '>'
                ? $"big-endian dtype '{descr}' is not supported; save little-endian data (numpy: array.astype('<{kindAndSize}'))."
                : $"dtype '{descr}' does not state a byte order; expected '<{kindAndSize}' (little-endian).", byteOffset: offset);
        return result;
    }

    static Tensor Decode(string kindAndSize, byte[] payload, int[] shape, DType dtype)
    {
        switch (kindAndSize)
        {
            case "f4": return DataTensors.Float32(FromLittleEndian<float>(payload, 4), shape);
            case "f8": return DataTensors.Float64(FromLittleEndian<double>(payload, 8), shape);
            case "i4": return DataTensors.Int32(FromLittleEndian<int>(payload, 4), shape);
            case "i8": return DataTensors.Int64(FromLittleEndian<long>(payload, 8), shape);
            case "u1": return DataTensors.Int32(Array.ConvertAll(payload, b => (int)b), shape);
            case "i1": return DataTensors.Int32(Array.ConvertAll(payload, b => (int)(sbyte)b), shape);
            case "b1": return DataTensors.Bool(Array.ConvertAll(payload, b => b != 0), shape);
            case "f2": return DataTensors.Float32(Array.ConvertAll(FromLittleEndian<Half>(payload, 2), h => (float)h), shape);
            case "i2": return DataTensors.Int32(Array.ConvertAll(FromLittleEndian<short>(payload, 2), v => (int)v), shape);
            case "u2": return DataTensors.Int32(Array.ConvertAll(FromLittleEndian<ushort>(payload, 2), v => (int)v), shape);
            case "u4": return DataTensors.Int64(Array.ConvertAll(FromLittleEndian<uint>(payload, 4), v => (long)v), shape);
            default: throw new InvalidOperationException($"Internal: no decoder for resolved dtype {kindAndSize} ({dtype}).");
        }
    }

    /// <summary>Reinterprets little-endian bytes as elements, swapping each element's bytes first on a big-endian machine.</summary>
    static T[] FromLittleEndian<T>(byte[] bytes, int itemSize) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < bytes.Length; i += itemSize) bytes.AsSpan(i, itemSize).Reverse();
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    /// <summary>Saves a tensor as an NPY file (format 1.0, or 2.0 for a header over 64 KiB), readable by <c>numpy.load</c>.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="tensor">Any tensor; Float32, Float64, Int32, Int64 and Bool are written as <c>&lt;f4</c>, <c>&lt;f8</c>, <c>&lt;i4</c>, <c>&lt;i8</c> and <c>|b1</c>. Views are written as the values they show, in row-major order.</param>
    public static void Save(string path, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensor);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        Save(file, tensor);
    }

    /// <summary>Writes a tensor in NPY format to a stream (left open), as <see cref="Save(string, Tensor)"/> does.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="tensor">Any tensor of a supported dtype (all of Myelin's dtypes are).</param>
    public static void Save(Stream stream, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        string descr = tensor.DType switch
        {
            DType.Float32 => "<f4",
            DType.Float64 => "<f8",
            DType.Int32 => "<i4",
            DType.Int64 => "<i8",
            DType.Bool => "|b1",
            _ => throw new ArgumentException($"Npy.Save: no NPY dtype for {tensor.DType}.", nameof(tensor)),
        };
        WriteHeader(stream, new NpyHeader(descr, false, tensor.Shape.ToArray()).Format());
        switch (tensor.DType)
        {
            case DType.Float32: WriteLittleEndian(stream, DataTensors.RowMajorCopy<float>(tensor), 4); break;
            case DType.Float64: WriteLittleEndian(stream, DataTensors.RowMajorCopy<double>(tensor), 8); break;
            case DType.Int32: WriteLittleEndian(stream, DataTensors.RowMajorCopy<int>(tensor), 4); break;
            case DType.Int64: WriteLittleEndian(stream, DataTensors.RowMajorCopy<long>(tensor), 8); break;
            default: WriteLittleEndian(stream, DataTensors.RowMajorCopy<bool>(tensor), 1); break;
        }
        stream.Flush();
    }

    /// <summary>Writes magic, version, length and the header padded with spaces and a newline so the data starts on a 64-byte boundary.</summary>
    static void WriteHeader(Stream stream, string dict)
    {
        int major = 1, prefix = 10;
        int padded = Pad(prefix + dict.Length + 1) - prefix;
        if (padded > ushort.MaxValue)
        {
            major = 2;
            prefix = 12;
            padded = Pad(prefix + dict.Length + 1) - prefix;
        }
        var bytes = new byte[prefix + padded];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)padded);
        int written = NpyHeader.EncodingFor(major).GetBytes(dict, bytes.AsSpan(prefix));
        bytes.AsSpan(prefix + written).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        stream.Write(bytes);

        static int Pad(int length) => (length + 63) / 64 * 64;
    }

    static void WriteLittleEndian<T>(Stream stream, T[] values, int itemSize) where T : unmanaged
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < bytes.Length; i += itemSize) bytes.Slice(i, itemSize).Reverse();
        stream.Write(bytes);
    }
}
