namespace Myelin.Data;

/// <summary>Wraps arrays the readers have filled as contiguous tensors.</summary>
internal static class DataTensors
{
    public static Tensor Float32(float[] data, params int[] shape) => new(new Storage(data, DType.Float32), shape);

    public static Tensor Float64(double[] data, params int[] shape) => new(new Storage(data, DType.Float64), shape);

    public static Tensor Int32(int[] data, params int[] shape) => new(new Storage(data, DType.Int32), shape);

    public static Tensor Int64(long[] data, params int[] shape) => new(new Storage(data, DType.Int64), shape);

    public static Tensor Bool(bool[] data, params int[] shape) => new(new Storage(data, DType.Bool), shape);

    /// <summary>
    /// The elements of <paramref name="tensor"/> in row-major order, following its strides and
    /// offset, so views (transposed, sliced, expanded) are written as the values they show.
    /// </summary>
    public static T[] RowMajorCopy<T>(Tensor tensor)
    {
        var source = tensor.Data<T>();
        int count = tensor.NumElements;
        var result = new T[count];
        if (count == 0) return result;
        if (tensor.IsContiguous)
        {
            Array.Copy(source, tensor.Offset, result, 0, count);
            return result;
        }
        var shape = tensor.Shape;
        var strides = tensor.Strides;
        int rank = tensor.Rank;
        var index = new int[rank];
        int position = tensor.Offset;
        for (int i = 0; i < count; i++)
        {
            result[i] = source[position];
            // Advance the multi-index like an odometer, adjusting the storage position by strides.
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                position += strides[d];
                if (index[d] < shape[d]) break;
                position -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return result;
    }
}
