namespace Myelin;

/// <summary>
/// The flat array behind one or more tensors. Views share a storage; the version counter
/// increases on every in-place write so that autograd can detect that a value it saved for
/// backward was overwritten.
/// </summary>
internal sealed class Storage
{
    public readonly Array Data;
    public readonly DType DType;
    public int Version;

    public Storage(Array data, DType dtype)
    {
        Data = data;
        DType = dtype;
    }

    public int Length => Data.Length;

    public static Storage Allocate(DType dtype, int length) => new(dtype switch
    {
        DType.Float32 => new float[length],
        DType.Float64 => new double[length],
        DType.Int64 => new long[length],
        DType.Int32 => new int[length],
        DType.Bool => new bool[length],
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    }, dtype);

    /// <summary>
    /// Storage whose contents are garbage until written: for kernel outputs that overwrite every
    /// element, it skips the runtime's zeroing of large arrays.
    /// </summary>
    public static Storage AllocateUninitialized(DType dtype, int length) => new(dtype switch
    {
        DType.Float32 => GC.AllocateUninitializedArray<float>(length),
        DType.Float64 => GC.AllocateUninitializedArray<double>(length),
        DType.Int64 => GC.AllocateUninitializedArray<long>(length),
        DType.Int32 => GC.AllocateUninitializedArray<int>(length),
        DType.Bool => GC.AllocateUninitializedArray<bool>(length),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    }, dtype);
}
