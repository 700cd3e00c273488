namespace Myelin.Backends.Cpu;

/// <summary>
/// Runs batched matrix products on strided operands: each matrix is passed to the GEMM as
/// is when its rows or columns are unit-stride (a transposed view needs no copy), and a batch of
/// contiguous left matrices times one right matrix becomes one tall product.
/// </summary>
internal static class MatMulKernel
{
    public static void Run(Tensor a, Tensor b, Tensor output, int[] batch, int m, int n, int k)
    {
        int batchCount = Layout.NumElements(batch);
        if (batchCount == 0 || m == 0 || n == 0) return;

        if (!MatrixLayout(b, out _, out _)) b = StridedCopy.ToContiguous(b);
        // [batch…, m, k] contiguous times [k, n]: fold the batch into the rows.
        if (b.Rank == 2 && a.IsContiguous && Layout.NumElements(a.shape[..^2]) == batchCount)
        {
            Gemm2D(a, a.offset, b, b.offset, output, 0, batchCount * m, n, k);
            return;
        }

        if (!MatrixLayout(a, out _, out _)) a = StridedCopy.ToContiguous(a);
        var aStrides = Layout.BroadcastStrides(a.shape[..^2], a.strides[..^2], batch);
        var bStrides = Layout.BroadcastStrides(b.shape[..^2], b.strides[..^2], batch);
        var index = new int[batch.Length];
        for (int item = 0; item < batchCount; item++)
        {
            int aOffset = a.offset, bOffset = b.offset;
            for (int d = 0; d < batch.Length; d++)
            {
                aOffset += index[d] * aStrides[d];
                bOffset += index[d] * bStrides[d];
            }
            Gemm2D(a, aOffset, b, bOffset, output, item * m * n, m, n, k);
            for (int d = batch.Length - 1; d >= 0; d--)
            {
                if (++index[d] < batch[d]) break;
                index[d] = 0;
            }
        }
    }

    /// <summary>Whether the last two dims can be read as a row-major matrix, possibly transposed.</summary>
    static bool MatrixLayout(Tensor t, out bool transposed, out int leadingDimension)
    {
        int rows = t.shape[^2], cols = t.shape[^1];
        int rowStride = t.strides[^2], colStride = t.strides[^1];
        if (colStride == 1 || cols == 1)
        {
            transposed = false;
            leadingDimension = rows == 1 ? Math.Max(cols, 1) : rowStride;
            if (leadingDimension >= cols) return true;
        }
        if (rowStride == 1 || rows == 1)
        {
            transposed = true;
            leadingDimension = cols == 1 ? Math.Max(rows, 1) : colStride;
            if (leadingDimension >= rows) return true;
        }
        transposed = false;
        leadingDimension = 0;
        return false;
    }

    static void Gemm2D(Tensor a, int aOffset, Tensor b, int bOffset, Tensor output, int cOffset, int m, int n, int k)
    {
        bool folded = m != a.shape[^2];
        bool transA = false, transB;
        int lda = k, ldb;
        if (!folded && !MatrixLayout(a, out transA, out lda)) throw new InvalidOperationException("Internal: MatMul operand layout.");
        if (!MatrixLayout(b, out transB, out ldb)) throw new InvalidOperationException("Internal: MatMul operand layout.");
        if (output.DType == DType.Float32)
            Gemm.Multiply(transA, transB, m, n, k, a.Data<float>(), aOffset, lda, b.Data<float>(), bOffset, ldb, output.Data<float>(), cOffset, n, false);
        else
            Gemm.Multiply(transA, transB, m, n, k, a.Data<double>(), aOffset, lda, b.Data<double>(), bOffset, ldb, output.Data<double>(), cOffset, n, false);
    }
}
