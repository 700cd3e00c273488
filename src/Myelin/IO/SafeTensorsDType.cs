namespace Myelin.IO;

/// <summary>
/// The element types a safetensors file can declare (the "dtype" field of a header entry).
/// Myelin reads all of them; the ones it has no tensor type for are widened on load, see
/// <see cref="SafeTensorsDTypeInfo.LoadsAs"/>.
/// </summary>
public enum SafeTensorsDType
{
    /// <summary>"BOOL": one byte per element, 0 or 1.</summary>
    Bool,
    /// <summary>"U8": unsigned 8-bit integer.</summary>
    UInt8,
    /// <summary>"I8": signed 8-bit integer.</summary>
    Int8,
    /// <summary>"I16": signed 16-bit integer.</summary>
    Int16,
    /// <summary>"U16": unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>"I32": signed 32-bit integer.</summary>
    Int32,
    /// <summary>"U32": unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>"I64": signed 64-bit integer.</summary>
    Int64,
    /// <summary>"U64": unsigned 64-bit integer.</summary>
    UInt64,
    /// <summary>"F8_E4M3": 8-bit float with 4 exponent and 3 mantissa bits, no infinities (PyTorch's float8_e4m3fn).</summary>
    Float8E4M3,
    /// <summary>"F8_E5M2": 8-bit float with 5 exponent and 2 mantissa bits (the top byte of a float16).</summary>
    Float8E5M2,
    /// <summary>"F16": IEEE 754 half precision.</summary>
    Float16,
    /// <summary>"BF16": bfloat16, the top 16 bits of a float32.</summary>
    BFloat16,
    /// <summary>"F32": IEEE 754 single precision.</summary>
    Float32,
    /// <summary>"F64": IEEE 754 double precision.</summary>
    Float64,
}

/// <summary>Facts about each <see cref="SafeTensorsDType"/>: its code in the header, its size, and the Myelin dtype it loads as.</summary>
public static class SafeTensorsDTypeInfo
{
    /// <summary>The string that names this dtype in a safetensors header ("F32", "BF16", ...).</summary>
    public static string Code(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool => "BOOL",
        SafeTensorsDType.UInt8 => "U8",
        SafeTensorsDType.Int8 => "I8",
        SafeTensorsDType.Int16 => "I16",
        SafeTensorsDType.UInt16 => "U16",
        SafeTensorsDType.Int32 => "I32",
        SafeTensorsDType.UInt32 => "U32",
        SafeTensorsDType.Int64 => "I64",
        SafeTensorsDType.UInt64 => "U64",
        SafeTensorsDType.Float8E4M3 => "F8_E4M3",
        SafeTensorsDType.Float8E5M2 => "F8_E5M2",
        SafeTensorsDType.Float16 => "F16",
        SafeTensorsDType.BFloat16 => "BF16",
        SafeTensorsDType.Float32 => "F32",
        SafeTensorsDType.Float64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>Finds the dtype a header code names; false for codes this library does not know.</summary>
    public static bool TryParse(string code, out SafeTensorsDType dtype)
    {
        foreach (SafeTensorsDType candidate in Enum.GetValues<SafeTensorsDType>())
        {
            if (candidate.Code() == code)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>Bytes one element occupies in the file.</summary>
    public static int SizeOf(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool or SafeTensorsDType.UInt8 or SafeTensorsDType.Int8
            or SafeTensorsDType.Float8E4M3 or SafeTensorsDType.Float8E5M2 => 1,
        SafeTensorsDType.Int16 or SafeTensorsDType.UInt16 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16 => 2,
        SafeTensorsDType.Int32 or SafeTensorsDType.UInt32 or SafeTensorsDType.Float32 => 4,
        SafeTensorsDType.Int64 or SafeTensorsDType.UInt64 or SafeTensorsDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>
    /// The Myelin dtype a tensor of this file dtype becomes on load. Types Myelin stores natively
    /// load as themselves; the others widen to a type that holds every value exactly:
    /// U8, I8, I16 and U16 to Int32; U32 and U64 to Int64 (U64 values above Int64.MaxValue cannot
    /// be loaded); F16, BF16 and both 8-bit floats to Float32.
    /// </summary>
    public static DType LoadsAs(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool => DType.Bool,
        SafeTensorsDType.UInt8 or SafeTensorsDType.Int8 or SafeTensorsDType.Int16
            or SafeTensorsDType.UInt16 or SafeTensorsDType.Int32 => DType.Int32,
        SafeTensorsDType.UInt32 or SafeTensorsDType.Int64 or SafeTensorsDType.UInt64 => DType.Int64,
        SafeTensorsDType.Float8E4M3 or SafeTensorsDType.Float8E5M2 or SafeTensorsDType.Float16
            or SafeTensorsDType.BFloat16 or SafeTensorsDType.Float32 => DType.Float32,
        SafeTensorsDType.Float64 => DType.Float64,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>The file dtype Myelin writes for a tensor of <paramref name="dtype"/> (always the exact equivalent).</summary>
    public static SafeTensorsDType FromDType(DType dtype) => dtype switch
    {
        DType.Bool => SafeTensorsDType.Bool,
        DType.Int32 => SafeTensorsDType.Int32,
        DType.Int64 => SafeTensorsDType.Int64,
        DType.Float32 => SafeTensorsDType.Float32,
        DType.Float64 => SafeTensorsDType.Float64,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };
}
