namespace Myelin.Backends.Cpu;

/// <summary>Gather, scatter and index-select on contiguous tensors.</summary>
internal static class IndexKernels
{
    /// <summary>
    /// Walks every element of an index tensor of <paramref name="indexShape"/>, giving its flat
    /// position and the offset of the matching element of a contiguous tensor with
    /// <paramref name="dataStrides"/> where the coordinate along <paramref name="dim"/> is left out.
    /// </summary>
    static void ForEachIndexed(int[] indexShape, int[] dataStrides, int dim, Action<int, int, int> visit)
    {
        int rank = indexShape.Length;
        int total = Layout.NumElements(indexShape);
        var coordinate = new int[rank];
        int baseOffset = 0;
        for (int flat = 0; flat < total; flat++)
        {
            visit(flat, baseOffset, coordinate.Length == 0 ? 0 : coordinate[dim]);
            for (int d = rank - 1; d >= 0; d--)
            {
                coordinate[d]++;
                if (d != dim) baseOffset += dataStrides[d];
                if (coordinate[d] < indexShape[d]) break;
                if (d != dim) baseOffset -= dataStrides[d] * indexShape[d];
                coordinate[d] = 0;
            }
        }
    }

    static long CheckIndex(long value, int size, string op, int dim)
    {
        if (value < -size || value >= size)
            throw new IndexOutOfRangeException($"{op}: index {value} is out of range for dimension {dim} of size {size}.");
        return value < 0 ? value + size : value;
    }

    /// <summary>out[…, j, …] = input[…, index[…, j, …], …] along <paramref name="dim"/>; out has index's shape.</summary>
    public static void Gather<T>(T[] input, int[] inputShape, long[] index, int[] indexShape, int dim, T[] output)
    {
        var strides = Layout.ContiguousStrides(inputShape);
        int size = inputShape[dim], step = strides[dim];
        ForEachIndexed(indexShape, strides, dim, (flat, offset, _) =>
            output[flat] = input[offset + (int)CheckIndex(index[flat], size, "Gather", dim) * step]);
    }

    /// <summary>target[…, index[…, j, …], …] += source[…, j, …] along <paramref name="dim"/>.</summary>
    public static void ScatterAdd<T>(T[] target, int[] targetShape, long[] index, int[] indexShape, int dim, T[] source)
        where T : System.Numerics.INumber<T>
    {
        var strides = Layout.ContiguousStrides(targetShape);
        int size = targetShape[dim], step = strides[dim];
        ForEachIndexed(indexShape, strides, dim, (flat, offset, _) =>
            target[offset + (int)CheckIndex(index[flat], size, "ScatterAdd", dim) * step] += source[flat]);
    }

    /// <summary>output[o, j, i] = input[o, index[j], i] for a contiguous input viewed as [outer, size, inner].</summary>
    public static void IndexSelect<T>(T[] input, int inputOffset, int outer, int size, int inner, long[] index, T[] output)
    {
        int count = index.Length;
        for (int j = 0; j < count; j++) CheckIndex(index[j], size, "IndexSelect", -1);
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
            {
                long k = index[j] < 0 ? index[j] + size : index[j];
                Array.Copy(input, inputOffset + (o * size + (int)k) * inner, output, (o * count + j) * inner, inner);
            }
    }

    /// <summary>target[o, index[j], i] += source[o, j, i] for a contiguous target viewed as [outer, size, inner].</summary>
    public static void IndexAdd<T>(T[] target, int outer, int size, int inner, long[] index, T[] source)
        where T : System.Numerics.INumber<T>
    {
        int count = index.Length;
        for (int j = 0; j < count; j++) CheckIndex(index[j], size, "IndexAdd", -1);
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
            {
                long k = index[j] < 0 ? index[j] + size : index[j];
                var dst = target.AsSpan((o * size + (int)k) * inner, inner);
                var src = source.AsSpan((o * count + j) * inner, inner);
                System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
            }
    }
}
