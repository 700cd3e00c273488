using System.Buffers.Binary;

namespace Myelin.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: raw or gzip-compressed (detected by
/// the magic bytes 1f 8b, whatever the file name).
/// </summary>
/// <remarks>
/// Layout: two zero bytes, a type code, the number of dimensions, each dimension as a big-endian
/// 32-bit size, then the elements in row-major order, big-endian. Type codes and the tensors they
/// become: 0x08 unsigned byte → Int32 (0 … 255, or Float32 in [0, 1] with
/// <c>scaleToUnit</c>); 0x09 signed byte, 0x0B int16 and 0x0C int32 → Int32; 0x0D float32 →
/// Float32; 0x0E float64 → Float64. The reader checks that the dimensions describe exactly the
/// bytes that follow before it converts anything, and never allocates more than the data
/// actually delivered.
/// </remarks>
public static class Idx
{
    /// <summary>Reads an IDX file into a tensor whose shape is the file's dimensions.</summary>
    /// <param name="path">The file, raw or gzip-compressed.</param>
    /// <param name="scaleToUnit">For unsigned-byte data: return Float32 values divided by 255 (in [0, 1]) instead of Int32 0 … 255.</param>
    /// <returns>A contiguous tensor of the file's shape; dtype as listed in the remarks.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not valid IDX: wrong magic, unknown type code, or dimensions that disagree with the data length.</exception>
    /// <exception cref="ArgumentException"><paramref name="scaleToUnit"/> is set but the file does not hold unsigned bytes.</exception>
    public static Tensor Read(string path, bool scaleToUnit = false)
    {
        using var input = BinaryInput.OpenFile(path);
        return ToTensor(ReadRaw(input), scaleToUnit);
    }

    /// <summary>Reads IDX data from a stream (raw or gzip-compressed), from its current position to its end.</summary>
    /// <param name="stream">A readable stream; it is left open.</param>
    /// <param name="name">A name for the data in error messages.</param>
    /// <param name="scaleToUnit">For unsigned-byte data: return Float32 values divided by 255 instead of Int32 0 … 255.</param>
    /// <returns>A contiguous tensor of the data's shape; dtype as listed in the remarks.</returns>
    /// <exception cref="DataFormatException">The data is not valid IDX.</exception>
    /// <exception cref="ArgumentException"><paramref name="scaleToUnit"/> is set but the data is not unsigned bytes.</exception>
    public static Tensor Read(Stream stream, string name = "stream", bool scaleToUnit = false)
    {
        using var input = BinaryInput.FromStream(stream, name, leaveOpen: true);
        return ToTensor(ReadRaw(input), scaleToUnit);
    }

    /// <summary>An IDX file's type code, dimensions and undecoded big-endian payload.</summary>
    internal sealed record RawIdx(string Name, byte TypeCode, int[] Shape, byte[] Payload)
    {
        public string TypeName => IdxTypeName(TypeCode);
    }

    /// <summary>Parses the header, validates it against the data length and reads the payload.</summary>
    internal static RawIdx ReadRaw(BinaryInput input)
    {
        Span<byte> magic = stackalloc byte[4];
        input.ReadExactly(magic, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0)
            throw new DataFormatException(input.Name,
                $"not an IDX file: the magic number must start with two zero bytes, found {magic[0]:x2} {magic[1]:x2} {magic[2]:x2} {magic[3]:x2}.",
                byteOffset: 0);
        byte typeCode = magic[2];
        int elementSize = ElementSize(typeCode);
        if (elementSize == 0)
            throw new DataFormatException(input.Name,
                $"unknown IDX type code 0x{typeCode:x2} (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e).", byteOffset: 2);
        int rank = magic[3];

        var shape = new int[rank];
        long elements = 1;
        Span<byte> size = stackalloc byte[4];
        for (int d = 0; d < rank; d++)
        {
            long offset = input.Position;
            input.ReadExactly(size, $"the size of dimension {d}");
            uint value = BinaryPrimitives.ReadUInt32BigEndian(size);
            if (value > int.MaxValue)
                throw new DataFormatException(input.Name, $"dimension {d} has size {value}, more than {int.MaxValue}.", byteOffset: offset);
            shape[d] = (int)value;
            // Capping at 2^31 keeps the long product from overflowing: both factors stay below 2^31 + 1.
            elements = Math.Min(elements * value, (long)int.MaxValue + 1);
        }
        if (elements > int.MaxValue)
            throw new DataFormatException(input.Name,
                $"dimensions {Layout.Format(shape)} describe more elements than a tensor can hold ({int.MaxValue}).",
                byteOffset: input.Position);

        long expectedBytes = elements * elementSize;
        byte[] payload = input.ReadPayload(expectedBytes, $"{IdxTypeName(typeCode)} data for dimensions {Layout.Format(shape)}");
        return new RawIdx(input.Name, typeCode, shape, payload);
    }

    static int ElementSize(byte typeCode) => typeCode switch
    {
        0x08 or 0x09 => 1,
        0x0B => 2,
        0x0C or 0x0D => 4,
        0x0E => 8,
        _ => 0,
    };

    static string IdxTypeName(byte typeCode) => typeCode switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => $"type 0x{typeCode:x2}",
    };

    static Tensor ToTensor(RawIdx raw, bool scaleToUnit)
    {
        byte[] bytes = raw.Payload;
        if (scaleToUnit && raw.TypeCode != 0x08)
            throw new ArgumentException($"{raw.Name}: scaleToUnit applies to unsigned-byte data only; this file holds {raw.TypeName} data.", nameof(scaleToUnit));
        switch (raw.TypeCode)
        {
            case 0x08 when scaleToUnit:
                return DataTensors.Float32(BytesToUnitFloats(bytes), raw.Shape);
            case 0x08:
            {
                var values = new int[bytes.Length];
                for (int i = 0; i < values.Length; i++) values[i] = bytes[i];
                return DataTensors.Int32(values, raw.Shape);
            }
            case 0x09:
            {
                var values = new int[bytes.Length];
                for (int i = 0; i < values.Length; i++) values[i] = (sbyte)bytes[i];
                return DataTensors.Int32(values, raw.Shape);
            }
            case 0x0B:
            {
                var values = new int[bytes.Length / 2];
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(2 * i));
                return DataTensors.Int32(values, raw.Shape);
            }
            case 0x0C:
            {
                var values = new int[bytes.Length / 4];
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 * i));
                return DataTensors.Int32(values, raw.Shape);
            }
            case 0x0D:
            {
                var values = new float[bytes.Length / 4];
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(4 * i));
                return DataTensors.Float32(values, raw.Shape);
            }
            default: // 0x0E, the only code left after ReadRaw's check
            {
                var values = new double[bytes.Length / 8];
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan(8 * i));
                return DataTensors.Float64(values, raw.Shape);
            }
        }
    }

    /// <summary>Unsigned bytes as floats in [0, 1] (byte / 255).</summary>
    internal static float[] BytesToUnitFloats(byte[] bytes)
    {
        var values = new float[bytes.Length];
        for (int i = 0; i < values.Length; i++) values[i] = bytes[i] / 255f;
        return values;
    }
}
