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
}
