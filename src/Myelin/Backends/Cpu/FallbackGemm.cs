using System.Numerics;
using System.Numerics.Tensors;

namespace Myelin.Backends.Cpu;

/// <summary>
/// A simple cache-friendly matrix product: operands are copied to row-major form, then each row
/// of C accumulates scaled rows of B with SIMD (i-k-j order).
/// </summary>
internal static class FallbackGemm
{
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb,
        T[] c, int cOffset, int ldc, bool accumulate) where T : INumber<T>
    {
        var left = RowMajor(transA, m, k, a, aOffset, lda);
        var right = RowMajor(transB, k, n, b, bOffset, ldb);
        for (int i = 0; i < m; i++)
        {
            var row = c.AsSpan(cOffset + i * ldc, n);
            if (!accumulate) row.Clear();
            for (int p = 0; p < k; p++)
            {
                T scale = left[i * k + p];
                TensorPrimitives.MultiplyAdd(right.AsSpan(p * n, n), scale, row, row);
            }
        }
    }

    static T[] RowMajor<T>(bool transposed, int rows, int cols, T[] data, int offset, int ld)
    {
        var result = new T[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < cols; q++)
                result[r * cols + q] = transposed ? data[offset + q * ld + r] : data[offset + r * ld + q];
        return result;
    }
}
