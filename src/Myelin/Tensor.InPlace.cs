using System.Numerics.Tensors;
using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>
    /// In-place writes are not recorded in the graph. They are refused on tensors that take part in
    /// gradient computation while gradients are being recorded; inside <see cref="Autograd.NoGrad"/>
    /// (as optimizers do) they are allowed, and the version counter makes a later backward pass
    /// that needs the old values fail with a clear message.
    /// </summary>
    void CheckInPlace(string op)
    {
        if (Autograd.IsGradEnabled && requiresGrad)
            throw new InvalidOperationException(
                $"{op}: in-place changes to a tensor that requires gradients (shape {Layout.Format(shape)}) are not recorded; " +
                "do them inside 'using (Autograd.NoGrad())' or work on a copy.");
        foreach (int s in strides)
            if (s == 0)
                throw new InvalidOperationException($"{op}: cannot write in place to a broadcast (expanded) view; make it contiguous first.");
    }

    /// <summary>Sets every element to <paramref name="value"/> in place; returns this tensor.</summary>
    public Tensor Fill(double value)
    {
        CheckInPlace("Fill");
        var filled = Full(shape, value, DType);
        StridedCopy.Copy(filled, this);
        BumpVersion();
        return this;
    }

    /// <summary>Sets every element to zero in place; returns this tensor.</summary>
    public Tensor Zero() => Fill(0);

    /// <summary>Copies <paramref name="source"/> (same shape, or broadcastable to it; any dtype) into this tensor in place.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape.</exception>
    public Tensor CopyFrom(Tensor source)
    {
        CheckInPlace("CopyFrom");
        var target = Layout.Broadcast(shape, source.shape, "CopyFrom");
        if (!Layout.SameShape(target, shape))
            throw new ArgumentException($"CopyFrom: a tensor of shape {Layout.Format(source.shape)} cannot be copied into shape {Layout.Format(shape)}.");
        var converted = source.Detach().To(DType);
        var expanded = converted.View((int[])shape.Clone(), Layout.BroadcastStrides(converted.shape, converted.strides, shape), converted.offset);
        if (ReferenceEquals(converted.storage, storage)) expanded = StridedCopy.ToContiguous(expanded);
        StridedCopy.Copy(expanded, this);
        BumpVersion();
        return this;
    }

    /// <summary>this += alpha · other in place (other broadcasts to this tensor's shape); returns this tensor.</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1)
    {
        CheckInPlace("AddInPlace");
        RequireFloat("AddInPlace");
        if (IsContiguous && other.IsContiguous && Layout.SameShape(shape, other.shape) && other.DType == DType)
        {
            if (DType == DType.Float32) TensorPrimitives.MultiplyAdd(other.Span<float>(), (float)alpha, Span<float>(), Span<float>());
            else TensorPrimitives.MultiplyAdd(other.Span<double>(), alpha, Span<double>(), Span<double>());
            BumpVersion();
            return this;
        }
        Tensor sum;
        using (Autograd.NoGrad()) sum = Detach() + other.Detach() * alpha;
        return CopyFromUnchecked(sum);
    }

    /// <summary>this *= factor in place; returns this tensor.</summary>
    public Tensor MulInPlace(double factor)
    {
        CheckInPlace("MulInPlace");
        RequireFloat("MulInPlace");
        if (IsContiguous)
        {
            if (DType == DType.Float32) TensorPrimitives.Multiply(Span<float>(), (float)factor, Span<float>());
            else TensorPrimitives.Multiply(Span<double>(), factor, Span<double>());
            BumpVersion();
            return this;
        }
        Tensor product;
        using (Autograd.NoGrad()) product = Detach() * factor;
        return CopyFromUnchecked(product);
    }

    Tensor CopyFromUnchecked(Tensor source)
    {
        StridedCopy.Copy(source.To(DType), this);
        BumpVersion();
        return this;
    }
}
