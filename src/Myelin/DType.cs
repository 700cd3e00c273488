namespace Myelin;

/// <summary>
/// The element type of a <see cref="Tensor"/>. <see cref="Float32"/> is the default for
/// data and parameters, <see cref="Float64"/> serves gradient checks and users who need the
/// precision, <see cref="Int64"/> holds class labels and indices (PyTorch's convention),
/// <see cref="Int32"/> holds compact integer data, and <see cref="Bool"/> holds masks.
/// </summary>
public enum DType
{
    /// <summary>Boolean (1 byte per element), produced by comparisons and used by masks.</summary>
    Bool,
    /// <summary>32-bit signed integer.</summary>
    Int32,
    /// <summary>64-bit signed integer: the type of class labels and indices.</summary>
    Int64,
    /// <summary>32-bit IEEE 754 float: the default type.</summary>
    Float32,
    /// <summary>64-bit IEEE 754 float.</summary>
    Float64,
}

/// <summary>Facts about each <see cref="DType"/>.</summary>
public static class DTypeInfo
{
    /// <summary>Bytes one element occupies.</summary>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.Bool => 1,
        DType.Int32 => 4,
        DType.Int64 => 8,
        DType.Float32 => 4,
        DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>True for <see cref="DType.Float32"/> and <see cref="DType.Float64"/>.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>True for <see cref="DType.Int32"/> and <see cref="DType.Int64"/>.</summary>
    public static bool IsInteger(this DType dtype) => dtype is DType.Int32 or DType.Int64;

    /// <summary>
    /// The type two operands are converted to before a binary operation: the later of the two in
    /// the order Bool &lt; Int32 &lt; Int64 &lt; Float32 &lt; Float64.
    /// </summary>
    public static DType Promote(DType a, DType b) => (DType)Math.Max((int)a, (int)b);

    /// <summary>The CLR element type that stores this dtype (float for Float32, and so on).</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Bool => typeof(bool),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>The dtype stored in CLR arrays of <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">T is not float, double, int, long or bool.</exception>
    public static DType Of<T>() =>
        typeof(T) == typeof(float) ? DType.Float32 :
        typeof(T) == typeof(double) ? DType.Float64 :
        typeof(T) == typeof(long) ? DType.Int64 :
        typeof(T) == typeof(int) ? DType.Int32 :
        typeof(T) == typeof(bool) ? DType.Bool :
        throw new NotSupportedException($"Tensors cannot hold elements of type {typeof(T).Name}; use float, double, int, long or bool.");
}
