using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>A view sharing this tensor's storage with another layout (no graph recorded).</summary>
    internal Tensor View(int[] newShape, int[] newStrides, int newOffset) => new(storage, newShape, newStrides, newOffset);

    internal Tensor TransposeView(int dim0, int dim1)
    {
        var s = (int[])shape.Clone();
        var st = (int[])strides.Clone();
        (s[dim0], s[dim1]) = (s[dim1], s[dim0]);
        (st[dim0], st[dim1]) = (st[dim1], st[dim0]);
        return View(s, st, offset);
    }

    int[] InferShape(int[] requested, string op)
    {
        var result = (int[])requested.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (inferred >= 0) throw new ArgumentException($"{op}: only one dimension can be -1, got {Layout.Format(requested)}.");
                inferred = i;
            }
            else if (result[i] < 0) throw new ArgumentException($"{op}: invalid dimension {result[i]} in {Layout.Format(requested)}.");
            else known *= result[i];
        }
        int n = NumElements;
        if (inferred >= 0)
        {
            if (known == 0 || n % known != 0)
                throw new ArgumentException($"{op}: cannot reshape {Layout.Format(shape)} ({n} elements) into {Layout.Format(requested)}.");
            result[inferred] = (int)(n / known);
        }
        else if (known != n)
        {
            throw new ArgumentException($"{op}: cannot reshape {Layout.Format(shape)} ({n} elements) into {Layout.Format(requested)} ({known} elements).");
        }
        return result;
    }

    /// <summary>
    /// Strides that let the existing data be read in <paramref name="newShape"/> without a copy, or
    /// null when the layout does not allow it (e.g. a transposed matrix flattened).
    /// </summary>
    int[]? ViewStrides(int[] newShape)
    {
        if (IsContiguous || Rank == 0 || NumElements == 0) return Layout.ContiguousStrides(newShape);
        // Walk the old dimensions from the innermost, grouping those that are contiguous with each
        // other; each group must be covered exactly by a run of new dimensions.
        var newStrides = new int[newShape.Length];
        int viewDim = newShape.Length - 1;
        int chunkBaseStride = strides[^1];
        long tensorElements = 1, viewElements = 1;
        for (int d = Rank - 1; d >= 0; d--)
        {
            tensorElements *= shape[d];
            bool groupEnds = d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorElements * chunkBaseStride);
            if (!groupEnds) continue;
            while (viewDim >= 0 && (viewElements < tensorElements || newShape[viewDim] == 1))
            {
                newStrides[viewDim] = (int)(viewElements * chunkBaseStride);
                viewElements *= newShape[viewDim];
                viewDim--;
            }
            if (viewElements != tensorElements) return null;
            if (d > 0)
            {
                chunkBaseStride = strides[d - 1];
                tensorElements = 1;
                viewElements = 1;
            }
        }
        return viewDim == -1 ? newStrides : null;
    }

    /// <summary>
    /// The same elements in a new shape (one dimension may be −1 and is inferred). Copies nothing
    /// when the layout allows, otherwise copies into a contiguous tensor first.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public Tensor Reshape(params int[] newShape)
    {
        var target = InferShape(newShape, "Reshape");
        if (Layout.SameShape(target, shape)) return this;
        var viewStrides = ViewStrides(target);
        var result = viewStrides is null
            ? new Tensor(StridedCopy.ToContiguous(this).storage, target)
            : View(target, viewStrides, offset);
        return Record(result, OpKind.Reshape, [this]);
    }

    /// <summary>Like <see cref="Reshape"/> but never copies.</summary>
    /// <exception cref="InvalidOperationException">The layout cannot be viewed in that shape without a copy.</exception>
    public Tensor View(params int[] newShape)
    {
        var target = InferShape(newShape, "View");
        if (ViewStrides(target) is null)
            throw new InvalidOperationException($"View: a tensor of shape {Layout.Format(shape)} with strides {Layout.Format(strides)} cannot be viewed as {Layout.Format(target)} without a copy; use Reshape or Contiguous() first.");
        return Reshape(target);
    }

    /// <summary>The dimensions reordered: result dimension i is input dimension <paramref name="dims"/>[i].</summary>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of the axes.</exception>
    public Tensor Permute(params int[] dims)
    {
        if (dims.Length != Rank)
            throw new ArgumentException($"Permute: expected {Rank} dimensions for a tensor of shape {Layout.Format(shape)}, got {Layout.Format(dims)}.");
        var normalized = new int[Rank];
        var s = new int[Rank];
        var st = new int[Rank];
        Span<bool> seen = stackalloc bool[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int d = Layout.NormalizeAxis(dims[i], Rank, "Permute");
            if (seen[d]) throw new ArgumentException($"Permute: {Layout.Format(dims)} is not a permutation of the {Rank} axes.");
            seen[d] = true;
            normalized[i] = d;
            s[i] = shape[d];
            st[i] = strides[d];
        }
        return Record(View(s, st, offset), OpKind.Permute, [this], normalized);
    }

    /// <summary>Swaps two dimensions (a view).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        if (Rank < 2 && dim0 is 0 or -1 && dim1 is 0 or -1) return this;
        var perm = new int[Rank];
        for (int i = 0; i < Rank; i++) perm[i] = i;
        int a = Layout.NormalizeAxis(dim0, Rank, "Transpose"), b = Layout.NormalizeAxis(dim1, Rank, "Transpose");
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return Permute(perm);
    }

    /// <summary>The transpose of a matrix (a view); a 0-d or 1-d tensor is returned as is.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than 2 dimensions (use <see cref="MT"/> or <see cref="Transpose"/>).</exception>
    public Tensor T => Rank <= 2
        ? (Rank < 2 ? this : Transpose(0, 1))
        : throw new InvalidOperationException($"T: expected at most 2 dimensions, got shape {Layout.Format(shape)}; use MT to transpose the last two or Transpose(d0, d1).");

    /// <summary>Swaps the last two dimensions (batched matrix transpose).</summary>
    public Tensor MT => Transpose(-2, -1);

    /// <summary>
    /// A broadcast view in a larger shape: size-1 dimensions repeat with stride 0, new leading
    /// dimensions may be added, −1 keeps a size. Copies nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension of size other than 1 would have to change.</exception>
    public Tensor Expand(params int[] newShape)
    {
        if (newShape.Length < Rank)
            throw new ArgumentException($"Expand: cannot expand {Layout.Format(shape)} to fewer dimensions {Layout.Format(newShape)}.");
        var target = (int[])newShape.Clone();
        int lead = target.Length - Rank;
        for (int i = 0; i < target.Length; i++)
        {
            int j = i - lead;
            if (target[i] == -1)
            {
                if (j < 0) throw new ArgumentException($"Expand: -1 is not allowed for a new leading dimension in {Layout.Format(newShape)}.");
                target[i] = shape[j];
            }
            if (j >= 0 && shape[j] != 1 && shape[j] != target[i])
                throw new ArgumentException($"Expand: cannot expand {Layout.Format(shape)} to {Layout.Format(newShape)} (dimension {i}: {shape[j]} vs {target[i]}).");
        }
        if (Layout.SameShape(target, shape)) return this;
        return Record(View(target, Layout.BroadcastStrides(shape, strides, target), offset), OpKind.Expand, [this]);
    }

    /// <summary>Expands to the shape of <paramref name="other"/>.</summary>
    public Tensor ExpandAs(Tensor other) => Expand(other.shape);

    /// <summary>
    /// The elements start, start+step, … below end along <paramref name="dim"/> (a view). Negative
    /// start and end count from the end; out-of-range bounds are clamped as in Python slicing.
    /// </summary>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "Slice");
        if (step <= 0) throw new ArgumentException($"Slice: step must be positive, got {step}.");
        int size = shape[d];
        if (start < 0) start += size;
        if (end < 0) end += size;
        start = Math.Clamp(start, 0, size);
        end = Math.Clamp(end, start, size);
        int length = (end - start + step - 1) / step;
        return SliceRaw(d, start, length, step);
    }

    Tensor SliceRaw(int dim, int start, int length, int step)
    {
        var s = (int[])shape.Clone();
        var st = (int[])strides.Clone();
        s[dim] = length;
        st[dim] = strides[dim] * step;
        int newOffset = length == 0 ? offset : offset + start * strides[dim];
        return Record(View(s, st, newOffset), OpKind.Slice, [this], [dim, start, length, step]);
    }

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/> (a view).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit in the dimension.</exception>
    public Tensor Narrow(int dim, int start, int length)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "Narrow");
        if (start < 0) start += shape[d];
        if (start < 0 || length < 0 || start + length > shape[d])
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow: range [{start}, {start + length}) does not fit dimension {d} of size {shape[d]} (shape {Layout.Format(shape)}).");
        return SliceRaw(d, start, length, 1);
    }

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, with that dimension removed (a view).</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside the dimension.</exception>
    public Tensor Select(int dim, int index)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "Select");
        if (index < -shape[d] || index >= shape[d])
            throw new IndexOutOfRangeException($"Select: index {index} is out of range for dimension {d} of size {shape[d]} (shape {Layout.Format(shape)}).");
        if (index < 0) index += shape[d];
        return SliceRaw(d, index, 1, 1).Squeeze(d);
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along the first dimension (a view).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[int index] => Select(0, index);

    /// <summary>Removes all dimensions of size 1.</summary>
    public Tensor Squeeze() => Reshape(shape.Where(d => d != 1).ToArray());

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1 (otherwise returns the tensor unchanged, as PyTorch does).</summary>
    public Tensor Squeeze(int dim)
    {
        if (Rank == 0) return this;
        int d = Layout.NormalizeAxis(dim, Rank, "Squeeze");
        if (shape[d] != 1) return this;
        return Reshape(shape.Where((_, i) => i != d).ToArray());
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> (−1 appends).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = Layout.NormalizeAxis(dim, Rank + 1, "Unsqueeze");
        var s = new int[Rank + 1];
        for (int i = 0, j = 0; i <= Rank; i++) s[i] = i == d ? 1 : shape[j++];
        return Reshape(s);
    }

    /// <summary>Merges dimensions <paramref name="startDim"/> … <paramref name="endDim"/> into one, e.g. [N, C, H, W] → [N, C·H·W] with Flatten(1).</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = Layout.NormalizeAxis(startDim, Rank, "Flatten"), e = Layout.NormalizeAxis(endDim, Rank, "Flatten");
        if (s > e) throw new ArgumentException($"Flatten: startDim ({startDim}) comes after endDim ({endDim}).");
        var newShape = new List<int>();
        for (int d = 0; d < s; d++) newShape.Add(shape[d]);
        int merged = 1;
        for (int d = s; d <= e; d++) merged *= shape[d];
        newShape.Add(merged);
        for (int d = e + 1; d < Rank; d++) newShape.Add(shape[d]);
        return Reshape([.. newShape]);
    }

    /// <summary>Joins tensors along an existing dimension; all other dimensions must match.</summary>
    /// <exception cref="ArgumentException">The list is empty, or shapes or dtypes disagree.</exception>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Cat: expected at least one tensor.");
        var first = tensors[0];
        int d = Layout.NormalizeAxis(dim, first.Rank, "Cat");
        var dtype = tensors.Select(t => t.DType).Aggregate(DTypeInfo.Promote);
        var inputs = tensors.Select(t => t.To(dtype)).ToArray();
        int total = 0;
        foreach (var t in inputs)
        {
            if (t.Rank != first.Rank)
                throw new ArgumentException($"Cat: tensors must have the same number of dimensions; got {Layout.Format(first.shape)} and {Layout.Format(t.shape)}.");
            for (int k = 0; k < first.Rank; k++)
                if (k != d && t.shape[k] != first.shape[k])
                    throw new ArgumentException($"Cat: shapes {Layout.Format(first.shape)} and {Layout.Format(t.shape)} differ in dimension {k} (joining along {d}).");
            total += t.shape[d];
        }
        var outShape = (int[])first.shape.Clone();
        outShape[d] = total;
        var output = Empty(outShape, dtype);
        int position = 0;
        var sizes = new int[inputs.Length + 1];
        sizes[0] = d;
        for (int i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            var targetShape = (int[])outShape.Clone();
            targetShape[d] = t.shape[d];
            var target = output.View(targetShape, output.strides, position * output.strides[d]);
            StridedCopy.Copy(t, target);
            position += t.shape[d];
            sizes[i + 1] = t.shape[d];
        }
        return Record(output, OpKind.Cat, inputs, sizes);
    }

    /// <summary>Joins tensors of equal shape along a new dimension at <paramref name="dim"/>.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("Stack: expected at least one tensor.");
        foreach (var t in tensors)
            if (!Layout.SameShape(t.shape, tensors[0].shape))
                throw new ArgumentException($"Stack: all tensors must have the same shape; got {Layout.Format(tensors[0].shape)} and {Layout.Format(t.shape)}.");
        int d = Layout.NormalizeAxis(dim, tensors[0].Rank + 1, "Stack");
        return Cat(tensors.Select(t => t.Unsqueeze(d)).ToArray(), d);
    }

    /// <summary>Splits into pieces of <paramref name="splitSize"/> along <paramref name="dim"/> (the last may be smaller); views.</summary>
    public Tensor[] Split(int splitSize, int dim = 0)
    {
        if (splitSize <= 0) throw new ArgumentException($"Split: splitSize must be positive, got {splitSize}.");
        int d = Layout.NormalizeAxis(dim, Rank, "Split");
        var pieces = new List<Tensor>();
        for (int start = 0; start < shape[d]; start += splitSize)
            pieces.Add(Narrow(d, start, Math.Min(splitSize, shape[d] - start)));
        return [.. pieces];
    }

    /// <summary>Splits into pieces of the given sizes along <paramref name="dim"/>; the sizes must add up to the dimension.</summary>
    public Tensor[] Split(int[] sizes, int dim = 0)
    {
        int d = Layout.NormalizeAxis(dim, Rank, "Split");
        if (sizes.Sum() != shape[d] || sizes.Any(s => s < 0))
            throw new ArgumentException($"Split: sizes {Layout.Format(sizes)} do not add up to dimension {d} of size {shape[d]}.");
        var pieces = new Tensor[sizes.Length];
        int start = 0;
        for (int i = 0; i < sizes.Length; i++) { pieces[i] = Narrow(d, start, sizes[i]); start += sizes[i]; }
        return pieces;
    }

    /// <summary>Splits into <paramref name="chunks"/> nearly equal pieces along <paramref name="dim"/> (PyTorch's rule: pieces of ⌈n/chunks⌉).</summary>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (chunks <= 0) throw new ArgumentException($"Chunk: chunks must be positive, got {chunks}.");
        int d = Layout.NormalizeAxis(dim, Rank, "Chunk");
        return Split(Math.Max(1, (shape[d] + chunks - 1) / chunks), d);
    }

    /// <summary>
    /// Pads with a constant. <paramref name="pads"/> lists (before, after) pairs starting from the
    /// last dimension, as in PyTorch: [left, right] pads the last dimension, [left, right, top, bottom]
    /// the last two.
    /// </summary>
    public Tensor Pad(int[] pads, double value = 0)
    {
        if (pads.Length % 2 != 0 || pads.Length / 2 > Rank)
            throw new ArgumentException($"Pad: expected (before, after) pairs for at most {Rank} dimensions, got {Layout.Format(pads)}.");
        var result = this;
        for (int p = 0; p < pads.Length / 2; p++)
        {
            int d = Rank - 1 - p;
            int before = pads[2 * p], after = pads[2 * p + 1];
            if (before < 0 || after < 0) throw new ArgumentException($"Pad: negative padding {Layout.Format(pads)} is not supported.");
            if (before == 0 && after == 0) continue;
            var parts = new List<Tensor>();
            var padShape = (int[])result.shape.Clone();
            if (before > 0) { padShape[d] = before; parts.Add(Full(padShape, value, DType)); }
            parts.Add(result);
            if (after > 0) { padShape = (int[])result.shape.Clone(); padShape[d] = after; parts.Add(Full(padShape, value, DType)); }
            result = Cat(parts, d);
        }
        return result;
    }

    /// <summary>
    /// A copy of this tensor with the slice start, start+step, … along <paramref name="dim"/>
    /// replaced by <paramref name="source"/> (differentiable in both).
    /// </summary>
    internal Tensor SliceScatter(Tensor source, int dim, int start, int step)
    {
        var output = StridedCopy.ToContiguous(this);
        var region = (int[])output.shape.Clone();
        region[dim] = source.shape[dim];
        var regionStrides = (int[])output.strides.Clone();
        regionStrides[dim] *= step;
        StridedCopy.Copy(source.To(DType), output.View(region, regionStrides, start * output.strides[dim]));
        return Record(output, OpKind.SliceScatter, [this, source], [dim, start, step]);
    }
}
