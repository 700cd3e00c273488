namespace Myelin.Backends.Cpu;

/// <summary>
/// Walks the rows of one or more strided operands that share a shape. Adjacent dimensions that
/// are laid out contiguously for every operand are merged first, so a contiguous tensor is one
/// long row and a row-broadcast is a short loop over long rows.
/// </summary>
internal static class StridedIteration
{
    /// <summary>Receives one row: its length, each operand's start offset and stride along the row.</summary>
    public interface IRowAction
    {
        void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> innerStrides);
    }

    /// <summary>
    /// Calls <paramref name="action"/> once per row of <paramref name="shape"/>; operand k starts at
    /// <paramref name="baseOffsets"/>[k] and moves by <paramref name="strides"/>[k].
    /// </summary>
    public static void ForEachRow<TAction>(ref TAction action, int[] shape, int[][] strides, ReadOnlySpan<int> baseOffsets)
        where TAction : struct, IRowAction
    {
        int operands = strides.Length;
        foreach (int d in shape)
            if (d == 0) return;

        // Collapse: drop size-1 dims, merge i into i+1 when every operand steps contiguously across them.
        Span<int> dims = stackalloc int[Math.Max(shape.Length, 1)];
        Span<int> collapsed = stackalloc int[Math.Max(shape.Length, 1) * operands];
        int rank = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1) continue;
            if (rank > 0)
            {
                bool mergeable = true;
                for (int k = 0; k < operands; k++)
                    if (collapsed[(rank - 1) * operands + k] != strides[k][i] * shape[i]) { mergeable = false; break; }
                if (mergeable)
                {
                    dims[rank - 1] *= shape[i];
                    for (int k = 0; k < operands; k++) collapsed[(rank - 1) * operands + k] = strides[k][i];
                    continue;
                }
            }
            dims[rank] = shape[i];
            for (int k = 0; k < operands; k++) collapsed[rank * operands + k] = strides[k][i];
            rank++;
        }

        Span<int> offsets = stackalloc int[operands];
        baseOffsets.CopyTo(offsets);
        if (rank == 0)
        {
            Span<int> ones = stackalloc int[operands];
            ones.Fill(1);
            action.Row(1, offsets, ones);
            return;
        }

        int rowLength = dims[rank - 1];
        ReadOnlySpan<int> inner = collapsed.Slice((rank - 1) * operands, operands);
        int outerRank = rank - 1;
        Span<int> index = stackalloc int[Math.Max(outerRank, 1)];
        index.Clear();
        while (true)
        {
            action.Row(rowLength, offsets, inner);
            // Odometer increment over the outer dimensions.
            int d = outerRank - 1;
            for (; d >= 0; d--)
            {
                index[d]++;
                for (int k = 0; k < operands; k++) offsets[k] += collapsed[d * operands + k];
                if (index[d] < dims[d]) break;
                for (int k = 0; k < operands; k++) offsets[k] -= collapsed[d * operands + k] * dims[d];
                index[d] = 0;
            }
            if (d < 0) return;
        }
    }
}

/// <summary>Copies between strided layouts of the same shape.</summary>
internal static class StridedCopy
{
    struct CopyRow<T> : StridedIteration.IRowAction
    {
        public T[] Source, Destination;

        public void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> innerStrides)
        {
            int s = offsets[0], d = offsets[1], ss = innerStrides[0], ds = innerStrides[1];
            if (ss == 1 && ds == 1)
            {
                Array.Copy(Source, s, Destination, d, length);
            }
            else if (ss == 0)
            {
                T value = Source[s];
                if (ds == 1) Destination.AsSpan(d, length).Fill(value);
                else for (int i = 0; i < length; i++) Destination[d + i * ds] = value;
            }
            else
            {
                for (int i = 0; i < length; i++) Destination[d + i * ds] = Source[s + i * ss];
            }
        }
    }

    /// <summary>Copies the view (source, sourceOffset, sourceStrides) into the view (destination, …) of the same shape.</summary>
    public static void Copy<T>(T[] source, int sourceOffset, int[] sourceStrides,
        T[] destination, int destinationOffset, int[] destinationStrides, int[] shape)
    {
        var action = new CopyRow<T> { Source = source, Destination = destination };
        StridedIteration.ForEachRow(ref action, shape, [sourceStrides, destinationStrides], [sourceOffset, destinationOffset]);
    }

    /// <summary>Copies any view of a tensor's storage into <paramref name="destination"/> of the same dtype (any layout).</summary>
    public static void Copy(Tensor source, Tensor destination)
    {
        switch (source.DType)
        {
            case DType.Float32: Copy(source.Data<float>(), source.offset, source.strides, destination.Data<float>(), destination.offset, destination.strides, source.shape); break;
            case DType.Float64: Copy(source.Data<double>(), source.offset, source.strides, destination.Data<double>(), destination.offset, destination.strides, source.shape); break;
            case DType.Int64: Copy(source.Data<long>(), source.offset, source.strides, destination.Data<long>(), destination.offset, destination.strides, source.shape); break;
            case DType.Int32: Copy(source.Data<int>(), source.offset, source.strides, destination.Data<int>(), destination.offset, destination.strides, source.shape); break;
            case DType.Bool: Copy(source.Data<bool>(), source.offset, source.strides, destination.Data<bool>(), destination.offset, destination.strides, source.shape); break;
            default: throw new NotSupportedException(source.DType.ToString());
        }
    }

    /// <summary>A contiguous copy of any view (a new storage).</summary>
    public static Tensor ToContiguous(Tensor source)
    {
        var result = Tensor.Uninitialized((int[])source.shape.Clone(), source.DType);
        Copy(source, result);
        return result;
    }
}
