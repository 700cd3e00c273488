using System.Numerics;
using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>The elements in row-major order, converted to <typeparamref name="T"/> (float, double, long, int or bool).</summary>
    public T[] ToArray<T>()
    {
        var source = IsContiguous ? this : StridedCopy.ToContiguous(this);
        int n = NumElements;
        var result = new T[n];
        ConvertInto(source.storage.Data, source.offset, result, n);
        return result;
    }

    /// <summary>The elements in row-major order as floats (any dtype is converted).</summary>
    public float[] ToArray() => ToArray<float>();

    /// <summary>The single element of a one-element tensor, as a double.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public double Item() => Item<double>();

    /// <summary>The single element of a one-element tensor, converted to <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public T Item<T>()
    {
        if (NumElements != 1)
            throw new InvalidOperationException($"Item: only a one-element tensor can be converted to a scalar; this one has shape {Layout.Format(shape)}.");
        var result = new T[1];
        ConvertInto(storage.Data, offset, result, 1);
        return result[0];
    }

    /// <summary>Copies <paramref name="count"/> elements from <paramref name="source"/> (any element type) into <paramref name="destination"/>, converting.</summary>
    internal static void ConvertInto<T>(Array source, int sourceOffset, T[] destination, int count)
    {
        switch (source)
        {
            case float[] f: ConvertFrom(f.AsSpan(sourceOffset, count), destination); break;
            case double[] d: ConvertFrom(d.AsSpan(sourceOffset, count), destination); break;
            case long[] l: ConvertFrom(l.AsSpan(sourceOffset, count), destination); break;
            case int[] i: ConvertFrom(i.AsSpan(sourceOffset, count), destination); break;
            case bool[] b:
                var asBytes = new int[count];
                for (int k = 0; k < count; k++) asBytes[k] = b[sourceOffset + k] ? 1 : 0;
                ConvertFrom<int, T>(asBytes, destination);
                break;
        }
    }

    static void ConvertFrom<TFrom, TTo>(ReadOnlySpan<TFrom> source, TTo[] destination) where TFrom : INumber<TFrom>
    {
        if (destination is TFrom[] same) source.CopyTo(same);
        else if (destination is float[] f) for (int i = 0; i < source.Length; i++) f[i] = float.CreateSaturating(source[i]);
        else if (destination is double[] d) for (int i = 0; i < source.Length; i++) d[i] = double.CreateSaturating(source[i]);
        else if (destination is long[] l) for (int i = 0; i < source.Length; i++) l[i] = TFrom.IsNaN(source[i]) ? 0 : long.CreateSaturating(source[i]);
        else if (destination is int[] n) for (int i = 0; i < source.Length; i++) n[i] = TFrom.IsNaN(source[i]) ? 0 : int.CreateSaturating(source[i]);
        else if (destination is bool[] b) for (int i = 0; i < source.Length; i++) b[i] = source[i] != TFrom.Zero;
        else throw new NotSupportedException($"ToArray: element type {typeof(TTo).Name} is not supported; use float, double, long, int or bool.");
    }

    /// <summary>
    /// This tensor converted to <paramref name="dtype"/> (itself if already of that type). Between
    /// floating-point types the conversion is differentiable; floats become integers by truncation.
    /// </summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        var source = IsContiguous ? this : StridedCopy.ToContiguous(this);
        var result = Uninitialized((int[])shape.Clone(), dtype);
        int n = NumElements;
        switch (dtype)
        {
            case DType.Float32: ConvertInto(source.storage.Data, source.offset, result.Data<float>(), n); break;
            case DType.Float64: ConvertInto(source.storage.Data, source.offset, result.Data<double>(), n); break;
            case DType.Int64: ConvertInto(source.storage.Data, source.offset, result.Data<long>(), n); break;
            case DType.Int32: ConvertInto(source.storage.Data, source.offset, result.Data<int>(), n); break;
            case DType.Bool: ConvertInto(source.storage.Data, source.offset, result.Data<bool>(), n); break;
        }
        return dtype.IsFloatingPoint() && DType.IsFloatingPoint() ? Record(result, OpKind.Cast, [this]) : result;
    }

    /// <summary>A contiguous copy that shares nothing with this tensor; differentiable.</summary>
    public Tensor Clone() => Record(StridedCopy.ToContiguous(this), OpKind.Copy, [this]);

    /// <summary>This tensor if its elements are already contiguous, else a contiguous copy (differentiable).</summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A view of the same data that is cut off from the graph: it does not require gradients.</summary>
    public Tensor Detach() => new(storage, shape, strides, offset);

    internal void RequireFloat(string op)
    {
        if (!DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating-point tensor (Float32 or Float64), got {DType}. Convert with .To(DType.Float32).");
    }
}
