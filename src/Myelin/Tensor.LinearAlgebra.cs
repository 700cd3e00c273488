using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with PyTorch's rules: [m, k]·[k, n] → [m, n]; 1-D operands are treated as a
    /// row (left) or column (right) vector and that dimension is removed from the result; leading
    /// batch dimensions broadcast, e.g. [b, m, k]·[k, n] → [b, m, n].
    /// </summary>
    /// <exception cref="ArgumentException">An operand is 0-d, the inner sizes differ, or the batch dimensions do not broadcast.</exception>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"MatMul: both operands need at least one dimension; got {Layout.Format(a.shape)} and {Layout.Format(b.shape)}.");
        if (a.Rank == 1 && b.Rank == 1) return MatMul(a.Unsqueeze(0), b.Unsqueeze(1)).Reshape([]);
        if (a.Rank == 1) return MatMul(a.Unsqueeze(0), b).Squeeze(-2);
        if (b.Rank == 1) return MatMul(a, b.Unsqueeze(1)).Squeeze(-1);

        int m = a.shape[^2], k = a.shape[^1], k2 = b.shape[^2], n = b.shape[^1];
        if (k != k2)
            throw new ArgumentException($"MatMul: cannot multiply {Layout.Format(a.shape)} by {Layout.Format(b.shape)} ({k} ≠ {k2}).");
        var dtype = DTypeInfo.Promote(a.DType, b.DType);
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"MatMul: expected floating-point operands, got {a.DType} and {b.DType}.");
        var left = a.To(dtype);
        var right = b.To(dtype);
        var batch = Layout.Broadcast(a.shape[..^2], b.shape[..^2], "MatMul");
        var output = Uninitialized([.. batch, m, n], dtype);
        MatMulKernel.Run(left, right, output, batch, m, n, k);
        return Record(output, OpKind.MatMul, [left, right]);
    }

    /// <summary>Matrix product this · <paramref name="other"/>; see <see cref="MatMul(Tensor, Tensor)"/>.</summary>
    public Tensor MatMul(Tensor other) => MatMul(this, other);

    /// <summary>
    /// The affine map of a dense layer, y = x·Wᵀ + b, as one primitive: the bias seeds the output
    /// and the GEMM accumulates onto it, and the backward pass gives dW directly in W's [out, in]
    /// layout. Shapes: x [*, in], weight [out, in], bias [out] or null → [*, out].
    /// </summary>
    /// <exception cref="ArgumentException">The shapes or dtypes do not fit together.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        if (weight.Rank != 2)
            throw new ArgumentException($"Linear: the weight must be 2-D [out, in], got shape {Layout.Format(weight.shape)}.");
        int outFeatures = weight.shape[0], inFeatures = weight.shape[1];
        if (input.Rank == 0 || input.shape[^1] != inFeatures)
            throw new ArgumentException($"Linear: expected input with last dimension {inFeatures} (weight shape {Layout.Format(weight.shape)}), got shape {Layout.Format(input.shape)}.");
        if (bias is not null && (bias.Rank != 1 || bias.shape[0] != outFeatures))
            throw new ArgumentException($"Linear: the bias must have shape [{outFeatures}] to match the weight {Layout.Format(weight.shape)}, got {Layout.Format(bias.shape)}.");
        var dtype = DTypeInfo.Promote(input.DType, weight.DType);
        if (bias is not null) dtype = DTypeInfo.Promote(dtype, bias.DType);
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"Linear: expected floating-point tensors, got {input.DType} and {weight.DType}.");
        var x = input.To(dtype);
        var w = weight.To(dtype);
        var b = bias?.To(dtype);
        var xData = x.IsContiguous ? x : StridedCopy.ToContiguous(x);
        var wData = w.IsContiguous ? w : StridedCopy.ToContiguous(w);
        int rows = input.NumElements / Math.Max(inFeatures, 1);
        if (inFeatures == 0) rows = Layout.NumElements(input.shape[..^1]);
        var outShape = (int[])input.shape.Clone();
        outShape[^1] = outFeatures;
        var output = Uninitialized(outShape, dtype);
        if (b is not null && rows > 0)
        {
            // Every output row starts as the bias; the product is then added on top.
            var biasData = b.IsContiguous ? b : StridedCopy.ToContiguous(b);
            for (int row = 0; row < rows; row++)
                Array.Copy(biasData.storage.Data, biasData.offset, output.storage.Data, row * outFeatures, outFeatures);
        }
        if (rows > 0 && outFeatures > 0)
        {
            if (dtype == DType.Float32)
                Gemm.Multiply(false, true, rows, outFeatures, inFeatures, xData.Data<float>(), xData.offset, inFeatures,
                    wData.Data<float>(), wData.offset, inFeatures, output.Data<float>(), 0, outFeatures, accumulate: b is not null);
            else
                Gemm.Multiply(false, true, rows, outFeatures, inFeatures, xData.Data<double>(), xData.offset, inFeatures,
                    wData.Data<double>(), wData.offset, inFeatures, output.Data<double>(), 0, outFeatures, accumulate: b is not null);
        }
        return Record(output, OpKind.Linear, b is null ? [x, w] : [x, w, b]);
    }
}
