using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Myelin;

/// <summary>
/// An n-dimensional array with reverse-mode automatic differentiation.
/// </summary>
/// <remarks>
/// A tensor is a <see cref="Storage"/> (a flat array owned by the garbage collector) seen
/// through a layout: a shape, strides (in elements) and an offset. Reshaping, transposing,
/// expanding and slicing change only the layout and copy nothing. Operations record a graph
/// node when any input <see cref="RequiresGrad"/> and gradient mode is on (see
/// <see cref="Autograd.NoGrad"/>); <see cref="Backward()"/> walks that graph.
/// </remarks>
public sealed partial class Tensor
{
    internal readonly Storage storage;
    internal readonly int[] shape;
    internal readonly int[] strides;
    internal readonly int offset;

    /// <summary>The node that produced this tensor, or null for a leaf.</summary>
    internal Node? GradFn;

    bool requiresGrad;
    Tensor? grad;
    internal bool retainsGrad;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset)
    {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /// <summary>Wraps a storage as a contiguous tensor of the given shape.</summary>
    internal Tensor(Storage storage, int[] shape) : this(storage, shape, Layout.ContiguousStrides(shape), 0) { }

    /// <summary>Allocates a zero-filled contiguous tensor.</summary>
    internal static Tensor Empty(int[] shape, DType dtype) =>
        new(Storage.Allocate(dtype, Layout.NumElements(shape)), shape);

    /// <summary>A contiguous tensor with unspecified contents, for a kernel that writes every element.</summary>
    internal static Tensor Uninitialized(int[] shape, DType dtype) =>
        new(Storage.AllocateUninitialized(dtype, Layout.NumElements(shape)), shape);

    /// <summary>The size of each dimension, outermost first.</summary>
    public ImmutableArray<int> Shape => ImmutableCollectionsMarshal.AsImmutableArray(shape);

    /// <summary>The distance in elements between neighbours along each dimension (0 for a broadcast dimension).</summary>
    public ImmutableArray<int> Strides => ImmutableCollectionsMarshal.AsImmutableArray(strides);

    /// <summary>The position of the first element in the underlying storage.</summary>
    public int Offset => offset;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => shape.Length;

    /// <summary>The total number of elements (the product of <see cref="Shape"/>).</summary>
    public int NumElements => Layout.NumElements(shape);

    /// <summary>The element type.</summary>
    public DType DType => storage.DType;

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public int Size(int dim) => shape[Layout.NormalizeAxis(dim, Rank, "Size")];

    /// <summary>True when the elements lie in row-major order with no gaps, so kernels can read them as one span.</summary>
    public bool IsContiguous => Layout.IsContiguous(shape, strides);

    /// <summary>True when this tensor was not produced by a recorded operation (user-created data or parameters).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>
    /// Whether gradients flow to this tensor. Setting it is allowed on leaves only, and only for
    /// floating-point tensors.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a non-leaf or on an integer or bool tensor.</exception>
    public bool RequiresGrad
    {
        get => requiresGrad;
        set
        {
            if (value == requiresGrad) return;
            if (GradFn is not null)
                throw new InvalidOperationException(
                    "RequiresGrad can only be set on a leaf tensor; this tensor was produced by an operation. Use Detach() to get a leaf.");
            if (value && !DType.IsFloatingPoint())
                throw new InvalidOperationException($"RequiresGrad: only floating-point tensors can require gradients, this one is {DType}.");
            requiresGrad = value;
        }
    }

    /// <summary>
    /// The gradient accumulated by <see cref="Backward()"/> (same shape as this tensor), or null
    /// before the first backward pass. Filled for leaves, and for non-leaves after <see cref="RetainGrad"/>.
    /// </summary>
    public Tensor? Grad
    {
        get => grad;
        set
        {
            if (value is not null && !value.shape.AsSpan().SequenceEqual(shape))
                throw new ArgumentException(
                    $"Grad: the gradient's shape {Layout.Format(value.shape)} does not match the tensor's shape {Layout.Format(shape)}.");
            grad = value;
        }
    }

    /// <summary>Asks <see cref="Backward()"/> to also store this non-leaf tensor's gradient in <see cref="Grad"/>.</summary>
    public Tensor RetainGrad()
    {
        retainsGrad = true;
        return this;
    }

    /// <summary>Marks this tensor as requiring gradients and returns it, for fluent construction.</summary>
    public Tensor RequireGrad(bool requires = true)
    {
        RequiresGrad = requires;
        return this;
    }

    /// <summary>Internal: sets requires-grad on a freshly produced op output without the leaf check.</summary>
    internal void MarkRequiresGrad() => requiresGrad = true;

    /// <summary>Typed access to the storage array (the caller must match the dtype).</summary>
    internal T[] Data<T>() => (T[])storage.Data;

    /// <summary>The elements of a contiguous tensor as a span (no copy).</summary>
    internal Span<T> Span<T>()
    {
        if (!IsContiguous)
            throw new InvalidOperationException("Internal: Span() requires a contiguous tensor.");
        return new Span<T>((T[])storage.Data, offset, NumElements);
    }

    /// <summary>Marks the storage as written in place, invalidating values saved for backward.</summary>
    internal void BumpVersion() => storage.Version++;
}
