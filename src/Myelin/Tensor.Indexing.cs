using System.Numerics;
using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    static Tensor CheckIndexTensor(Tensor index, string op)
    {
        if (!index.DType.IsInteger())
            throw new ArgumentException($"{op}: the index must be an Int64 or Int32 tensor, got {index.DType}.");
        return index.To(DType.Int64).Contiguous();
    }

    /// <summary>
    /// Picks values along <paramref name="dim"/>: out[i][j] = this[i][index[i][j]] for dim 1 (2-D).
    /// <paramref name="index"/> has the same rank; the result has its shape.
    /// </summary>
    /// <exception cref="ArgumentException">Ranks differ, or index is larger than the input outside <paramref name="dim"/>.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside the dimension.</exception>
    public Tensor Gather(int dim, Tensor index)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "Gather");
        var idx = CheckIndexTensor(index, "Gather");
        if (idx.Rank != Rank)
            throw new ArgumentException($"Gather: index of shape {Layout.Format(idx.shape)} must have the same number of dimensions as the input {Layout.Format(shape)}.");
        for (int k = 0; k < Rank; k++)
            if (k != d && idx.shape[k] > shape[k])
                throw new ArgumentException($"Gather: index shape {Layout.Format(idx.shape)} exceeds input shape {Layout.Format(shape)} in dimension {k}.");
        var input = StridedCopy.ToContiguous(this);
        var output = Uninitialized((int[])idx.shape.Clone(), DType);
        var indices = idx.ToArray<long>();
        switch (DType)
        {
            case DType.Float32: IndexKernels.Gather(input.Data<float>(), shape, indices, idx.shape, d, output.Data<float>()); break;
            case DType.Float64: IndexKernels.Gather(input.Data<double>(), shape, indices, idx.shape, d, output.Data<double>()); break;
            case DType.Int64: IndexKernels.Gather(input.Data<long>(), shape, indices, idx.shape, d, output.Data<long>()); break;
            case DType.Int32: IndexKernels.Gather(input.Data<int>(), shape, indices, idx.shape, d, output.Data<int>()); break;
            case DType.Bool: IndexKernels.Gather(input.Data<bool>(), shape, indices, idx.shape, d, output.Data<bool>()); break;
        }
        return Record(output, OpKind.Gather, [this, idx], [d]);
    }

    /// <summary>
    /// A copy of this tensor with <paramref name="source"/> added at the positions <paramref name="index"/>
    /// names along <paramref name="dim"/>: out[i][index[i][j]] += source[i][j] for dim 1. Repeated indices accumulate.
    /// </summary>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor source)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "ScatterAdd");
        var idx = CheckIndexTensor(index, "ScatterAdd");
        if (idx.Rank != Rank || source.Rank != Rank)
            throw new ArgumentException($"ScatterAdd: input {Layout.Format(shape)}, index {Layout.Format(idx.shape)} and source {Layout.Format(source.shape)} must have the same number of dimensions.");
        for (int k = 0; k < Rank; k++)
            if (idx.shape[k] > source.shape[k] || (k != d && idx.shape[k] > shape[k]))
                throw new ArgumentException($"ScatterAdd: index shape {Layout.Format(idx.shape)} exceeds source {Layout.Format(source.shape)} or input {Layout.Format(shape)} in dimension {k}.");
        var src = source.To(DType);
        // Only the first index.shape elements of the source take part.
        var used = src;
        for (int k = 0; k < Rank; k++) if (used.shape[k] != idx.shape[k]) used = used.Narrow(k, 0, idx.shape[k]);
        var output = StridedCopy.ToContiguous(this);
        var indices = idx.ToArray<long>();
        switch (DType)
        {
            case DType.Float32: IndexKernels.ScatterAdd(output.Data<float>(), shape, indices, idx.shape, d, used.ToArray<float>()); break;
            case DType.Float64: IndexKernels.ScatterAdd(output.Data<double>(), shape, indices, idx.shape, d, used.ToArray<double>()); break;
            case DType.Int64: IndexKernels.ScatterAdd(output.Data<long>(), shape, indices, idx.shape, d, used.ToArray<long>()); break;
            case DType.Int32: IndexKernels.ScatterAdd(output.Data<int>(), shape, indices, idx.shape, d, used.ToArray<int>()); break;
            default: throw new ArgumentException($"ScatterAdd: not supported for {DType}.");
        }
        return Record(output, OpKind.ScatterAdd, [this, idx, used], [d]);
    }

    /// <summary>
    /// The slices at the positions in the 1-D <paramref name="index"/> along <paramref name="dim"/>:
    /// a [V, D] table with an index of length L gives [L, D] for dim 0 (an embedding lookup).
    /// </summary>
    public Tensor IndexSelect(int dim, Tensor index)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "IndexSelect");
        var idx = CheckIndexTensor(index, "IndexSelect");
        if (idx.Rank > 1) throw new ArgumentException($"IndexSelect: the index must be 1-D, got shape {Layout.Format(idx.shape)}.");
        var input = IsContiguous ? this : StridedCopy.ToContiguous(this);
        var (outer, size, inner) = Split3(shape, d);
        var outShape = (int[])shape.Clone();
        outShape[d] = idx.NumElements;
        var output = Uninitialized(outShape, DType);
        var indices = idx.ToArray<long>();
        switch (DType)
        {
            case DType.Float32: IndexKernels.IndexSelect(input.Data<float>(), input.offset, outer, size, inner, indices, output.Data<float>()); break;
            case DType.Float64: IndexKernels.IndexSelect(input.Data<double>(), input.offset, outer, size, inner, indices, output.Data<double>()); break;
            case DType.Int64: IndexKernels.IndexSelect(input.Data<long>(), input.offset, outer, size, inner, indices, output.Data<long>()); break;
            case DType.Int32: IndexKernels.IndexSelect(input.Data<int>(), input.offset, outer, size, inner, indices, output.Data<int>()); break;
            case DType.Bool: IndexKernels.IndexSelect(input.Data<bool>(), input.offset, outer, size, inner, indices, output.Data<bool>()); break;
        }
        return Record(output, OpKind.IndexSelect, [this, idx.Reshape(-1)], [d]);
    }

    /// <summary>
    /// A copy of this tensor with the slices of <paramref name="source"/> added at the positions in
    /// the 1-D <paramref name="index"/> along <paramref name="dim"/>; repeated indices accumulate.
    /// </summary>
    public Tensor IndexAdd(int dim, Tensor index, Tensor source)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "IndexAdd");
        var idx = CheckIndexTensor(index, "IndexAdd").Reshape(-1);
        var expected = (int[])shape.Clone();
        expected[d] = idx.NumElements;
        if (!Layout.SameShape(expected, source.shape))
            throw new ArgumentException($"IndexAdd: source shape {Layout.Format(source.shape)} should be {Layout.Format(expected)} for input {Layout.Format(shape)} and {idx.NumElements} indices along dimension {d}.");
        var (outer, size, inner) = Split3(shape, d);
        var output = StridedCopy.ToContiguous(this);
        var src = source.To(DType);
        var indices = idx.ToArray<long>();
        switch (DType)
        {
            case DType.Float32: IndexKernels.IndexAdd(output.Data<float>(), outer, size, inner, indices, src.ToArray<float>()); break;
            case DType.Float64: IndexKernels.IndexAdd(output.Data<double>(), outer, size, inner, indices, src.ToArray<double>()); break;
            case DType.Int64: IndexKernels.IndexAdd(output.Data<long>(), outer, size, inner, indices, src.ToArray<long>()); break;
            case DType.Int32: IndexKernels.IndexAdd(output.Data<int>(), outer, size, inner, indices, src.ToArray<int>()); break;
            default: throw new ArgumentException($"IndexAdd: not supported for {DType}.");
        }
        return Record(output, OpKind.IndexAdd, [this, idx, src], [d]);
    }

    static (int Outer, int Size, int Inner) Split3(int[] shape, int dim)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape.Length == 0 ? 1 : shape[dim], inner);
    }

    /// <summary>
    /// One-hot encoding of integer class labels: shape [..] → [.., numClasses]. The dtype defaults
    /// to Float32 (ready for losses); pass Int64 for PyTorch's behaviour.
    /// </summary>
    /// <exception cref="ArgumentException">A label is negative or not below <paramref name="numClasses"/>.</exception>
    public Tensor OneHot(int numClasses, DType dtype = DType.Float32)
    {
        var labels = CheckIndexTensor(this, "OneHot").ToArray<long>();
        if (numClasses <= 0) throw new ArgumentException($"OneHot: numClasses must be positive, got {numClasses}.");
        var output = Zeros([.. shape, numClasses], dtype);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= numClasses)
                throw new ArgumentException($"OneHot: label {labels[i]} at position {i} is outside [0, {numClasses}).");
            output.SetFlat(i * numClasses + (int)labels[i], 1);
        }
        return output;
    }
}
