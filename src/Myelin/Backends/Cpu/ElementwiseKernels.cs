using System.Numerics;
using System.Numerics.Tensors;

namespace Myelin.Backends.Cpu;

/// <summary>Binary arithmetic on any numeric dtype.</summary>
internal enum BinaryOp { Add, Subtract, Multiply, Divide, Maximum, Minimum, Power }

/// <summary>Comparisons; results are Bool.</summary>
internal enum CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual }

/// <summary>Elementwise functions of one argument.</summary>
internal enum UnaryOp { Negate, Abs, Sign, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Tanh, Sigmoid, Relu, LeakyRelu, Erf, Gelu, GeluTanh }

/// <summary>
/// Elementwise kernels over strided, broadcast operands. Rows with unit stride (or a broadcast
/// scalar) go through <see cref="TensorPrimitives"/> (SIMD); anything else takes a scalar loop.
/// </summary>
internal static class ElementwiseKernels
{
    struct BinaryRow<T> : StridedIteration.IRowAction where T : INumber<T>
    {
        public T[] A, B, Out;
        public BinaryOp Op;

        public void Row(int n, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int ao = offsets[0], bo = offsets[1], oo = offsets[2];
            int sa = strides[0], sb = strides[1], so = strides[2];
            if (so == 1 && sa == 1 && sb == 1) { Vector(Op, A.AsSpan(ao, n), B.AsSpan(bo, n), Out.AsSpan(oo, n)); return; }
            if (so == 1 && sa == 1 && sb == 0) { VectorScalar(Op, A.AsSpan(ao, n), B[bo], Out.AsSpan(oo, n)); return; }
            if (so == 1 && sa == 0 && sb == 1) { ScalarVector(Op, A[ao], B.AsSpan(bo, n), Out.AsSpan(oo, n)); return; }
            // Both operands broadcast along the row (an expanded scalar, as the gradient of a sum
            // arrives): one value fills the whole row.
            if (so == 1 && sa == 0 && sb == 0) { Out.AsSpan(oo, n).Fill(Apply(Op, A[ao], B[bo])); return; }
            for (int i = 0; i < n; i++) Out[oo + i * so] = Apply(Op, A[ao + i * sa], B[bo + i * sb]);
        }
    }

    static T Apply<T>(BinaryOp op, T a, T b) where T : INumber<T> => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        BinaryOp.Divide => a / b,
        BinaryOp.Maximum => T.IsNaN(a) || T.IsNaN(b) ? a + b : T.Max(a, b),
        BinaryOp.Minimum => T.IsNaN(a) || T.IsNaN(b) ? a + b : T.Min(a, b),
        BinaryOp.Power => T.CreateChecked(Math.Pow(double.CreateChecked(a), double.CreateChecked(b))),
        _ => throw new NotSupportedException(op.ToString()),
    };

    static void Vector<T>(BinaryOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> o) where T : INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, o); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, o); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, o); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, b, o); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(a, b, o); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(a, b, o); break;
            default: for (int i = 0; i < o.Length; i++) o[i] = Apply(op, a[i], b[i]); break;
        }
    }

    static void VectorScalar<T>(BinaryOp op, ReadOnlySpan<T> a, T b, Span<T> o) where T : INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, o); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, o); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, o); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, b, o); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(a, b, o); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(a, b, o); break;
            default: for (int i = 0; i < o.Length; i++) o[i] = Apply(op, a[i], b); break;
        }
    }

    static void ScalarVector<T>(BinaryOp op, T a, ReadOnlySpan<T> b, Span<T> o) where T : INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(b, a, o); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, o); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(b, a, o); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, b, o); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(b, a, o); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(b, a, o); break;
            default: for (int i = 0; i < o.Length; i++) o[i] = Apply(op, a, b[i]); break;
        }
    }

    /// <summary>out = a op b, with a and b already converted to out's dtype and broadcast to out's shape (strides may be 0).</summary>
    public static void Binary(BinaryOp op, Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor output)
    {
        switch (output.DType)
        {
            case DType.Float32: RunBinary<float>(op, a, aStrides, b, bStrides, output); break;
            case DType.Float64: RunBinary<double>(op, a, aStrides, b, bStrides, output); break;
            case DType.Int64: RunBinary<long>(op, a, aStrides, b, bStrides, output); break;
            case DType.Int32: RunBinary<int>(op, a, aStrides, b, bStrides, output); break;
            default: throw new NotSupportedException($"{op}: not supported for {output.DType} tensors.");
        }
    }

    static void RunBinary<T>(BinaryOp op, Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor output) where T : INumber<T>
    {
        var row = new BinaryRow<T> { A = a.Data<T>(), B = b.Data<T>(), Out = output.Data<T>(), Op = op };
        StridedIteration.ForEachRow(ref row, output.shape, [aStrides, bStrides, output.strides], [a.offset, b.offset, output.offset]);
    }

    struct CompareRow<T> : StridedIteration.IRowAction where T : INumber<T>
    {
        public T[] A, B;
        public bool[] Out;
        public CompareOp Op;

        public void Row(int n, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int ao = offsets[0], bo = offsets[1], oo = offsets[2];
            int sa = strides[0], sb = strides[1], so = strides[2];
            // One loop per comparison keeps the branch out of the inner loop.
            switch (Op)
            {
                case CompareOp.Equal: for (int i = 0; i < n; i++) Out[oo + i * so] = A[ao + i * sa] == B[bo + i * sb]; break;
                case CompareOp.NotEqual: for (int i = 0; i < n; i++) Out[oo + i * so] = A[ao + i * sa] != B[bo + i * sb]; break;
                case CompareOp.Less: for (int i = 0; i < n; i++) Out[oo + i * so] = A[ao + i * sa] < B[bo + i * sb]; break;
                case CompareOp.LessEqual: for (int i = 0; i < n; i++) Out[oo + i * so] = A[ao + i * sa] <= B[bo + i * sb]; break;
                case CompareOp.Greater: for (int i = 0; i < n; i++) Out[oo + i * so] = A[ao + i * sa] > B[bo + i * sb]; break;
                default: for (int i = 0; i < n; i++) Out[oo + i * so] = A[ao + i * sa] >= B[bo + i * sb]; break;
            }
        }
    }

    struct BoolCompareRow : StridedIteration.IRowAction
    {
        public bool[] A, B, Out;
        public CompareOp Op;

        public void Row(int n, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            for (int i = 0; i < n; i++)
            {
                bool x = A[offsets[0] + i * strides[0]], y = B[offsets[1] + i * strides[1]];
                Out[offsets[2] + i * strides[2]] = Op switch
                {
                    CompareOp.Equal => x == y,
                    CompareOp.NotEqual => x != y,
                    CompareOp.Less => !x && y,
                    CompareOp.LessEqual => !x || y,
                    CompareOp.Greater => x && !y,
                    _ => x || !y,
                };
            }
        }
    }

    /// <summary>output (Bool) = a op b for operands of one dtype broadcast to output's shape.</summary>
    public static void Compare(CompareOp op, Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor output)
    {
        int[][] strides = [aStrides, bStrides, output.strides];
        int[] offsets = [a.offset, b.offset, output.offset];
        switch (a.DType)
        {
            case DType.Float32: { var r = new CompareRow<float> { A = a.Data<float>(), B = b.Data<float>(), Out = output.Data<bool>(), Op = op }; StridedIteration.ForEachRow(ref r, output.shape, strides, offsets); break; }
            case DType.Float64: { var r = new CompareRow<double> { A = a.Data<double>(), B = b.Data<double>(), Out = output.Data<bool>(), Op = op }; StridedIteration.ForEachRow(ref r, output.shape, strides, offsets); break; }
            case DType.Int64: { var r = new CompareRow<long> { A = a.Data<long>(), B = b.Data<long>(), Out = output.Data<bool>(), Op = op }; StridedIteration.ForEachRow(ref r, output.shape, strides, offsets); break; }
            case DType.Int32: { var r = new CompareRow<int> { A = a.Data<int>(), B = b.Data<int>(), Out = output.Data<bool>(), Op = op }; StridedIteration.ForEachRow(ref r, output.shape, strides, offsets); break; }
            case DType.Bool: { var r = new BoolCompareRow { A = a.Data<bool>(), B = b.Data<bool>(), Out = output.Data<bool>(), Op = op }; StridedIteration.ForEachRow(ref r, output.shape, strides, offsets); break; }
        }
    }

    struct LogicalRow : StridedIteration.IRowAction
    {
        public bool[] A, B, Out;
        public int Op; // 0 and, 1 or, 2 xor

        public void Row(int n, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            for (int i = 0; i < n; i++)
            {
                bool x = A[offsets[0] + i * strides[0]], y = B[offsets[1] + i * strides[1]];
                Out[offsets[2] + i * strides[2]] = Op == 0 ? x && y : Op == 1 ? x || y : x ^ y;
            }
        }
    }

    /// <summary>Logical and (0), or (1), xor (2) of Bool operands broadcast to output's shape.</summary>
    public static void Logical(int op, Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor output)
    {
        var r = new LogicalRow { A = a.Data<bool>(), B = b.Data<bool>(), Out = output.Data<bool>(), Op = op };
        StridedIteration.ForEachRow(ref r, output.shape, [aStrides, bStrides, output.strides], [a.offset, b.offset, output.offset]);
    }

    struct WhereRow<T> : StridedIteration.IRowAction
    {
        public bool[] C;
        public T[] A, B, Out;

        public void Row(int n, ReadOnlySpan<int> o, ReadOnlySpan<int> s)
        {
            for (int i = 0; i < n; i++)
                Out[o[3] + i * s[3]] = C[o[0] + i * s[0]] ? A[o[1] + i * s[1]] : B[o[2] + i * s[2]];
        }
    }

    /// <summary>output = condition ? a : b, all broadcast to output's shape.</summary>
    public static void Where(Tensor condition, int[] cStrides, Tensor a, int[] aStrides, Tensor b, int[] bStrides, Tensor output)
    {
        int[][] strides = [cStrides, aStrides, bStrides, output.strides];
        int[] offsets = [condition.offset, a.offset, b.offset, output.offset];
        switch (output.DType)
        {
            case DType.Float32: RunWhere<float>(condition, a, b, output, strides, offsets); break;
            case DType.Float64: RunWhere<double>(condition, a, b, output, strides, offsets); break;
            case DType.Int64: RunWhere<long>(condition, a, b, output, strides, offsets); break;
            case DType.Int32: RunWhere<int>(condition, a, b, output, strides, offsets); break;
            case DType.Bool: RunWhere<bool>(condition, a, b, output, strides, offsets); break;
        }
    }

    static void RunWhere<T>(Tensor c, Tensor a, Tensor b, Tensor output, int[][] strides, int[] offsets)
    {
        var r = new WhereRow<T> { C = c.Data<bool>(), A = a.Data<T>(), B = b.Data<T>(), Out = output.Data<T>() };
        StridedIteration.ForEachRow(ref r, output.shape, strides, offsets);
    }

    /// <summary>Elements per work item when a long unary op is shared among threads.</summary>
    const int UnaryBlock = 1 << 14;

    /// <summary>
    /// y = f(x) for contiguous spans of a floating-point type; <paramref name="parameter"/> is LeakyReLU's slope.
    /// Long spans (activations of a whole batch) are cut into blocks shared among Myelin's threads; each element
    /// is computed the same way whichever thread takes it.
    /// </summary>
    public static unsafe void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, double parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = x.Length, blocks = (length + UnaryBlock - 1) / UnaryBlock;
        if (ParallelRanges.ThreadsFor(blocks, UnaryBlock) < 2)
        {
            UnarySerial(op, x, y, parameter);
            return;
        }
        // The spans stay pinned while the threads read and write them through pointers.
        fixed (T* input = x, output = y)
        {
            nint source = (nint)input, target = (nint)output;
            ParallelRanges.For(blocks, UnaryBlock, (start, end) =>
            {
                int first = start * UnaryBlock, count = Math.Min(end * UnaryBlock, length) - first;
                UnarySerial(op, new ReadOnlySpan<T>((T*)source + first, count), new Span<T>((T*)target + first, count), parameter);
            });
        }
    }

    static void UnarySerial<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, double parameter) where T : IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case UnaryOp.Negate: TensorPrimitives.Negate(x, y); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, y); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Rsqrt: TensorPrimitives.ReciprocalSqrt(x, y); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(x, y); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(x, y); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case UnaryOp.Relu: TensorPrimitives.Max(x, T.Zero, y); break;
            case UnaryOp.Sign:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : x[i];
                break;
            case UnaryOp.LeakyRelu:
            {
                T slope = T.CreateChecked(parameter);
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : x[i] * slope;
                break;
            }
            case UnaryOp.Erf:
                for (int i = 0; i < x.Length; i++) y[i] = T.CreateChecked(SpecialFunctions.Erf(double.CreateChecked(x[i]), typeof(T) == typeof(float)));
                break;
            case UnaryOp.Gelu:
                for (int i = 0; i < x.Length; i++)
                {
                    double v = double.CreateChecked(x[i]);
                    y[i] = T.CreateChecked(0.5 * v * (1.0 + SpecialFunctions.Erf(v * SpecialFunctions.InvSqrt2, typeof(T) == typeof(float))));
                }
                break;
            case UnaryOp.GeluTanh:
                for (int i = 0; i < x.Length; i++)
                {
                    double v = double.CreateChecked(x[i]);
                    y[i] = T.CreateChecked(0.5 * v * (1.0 + Math.Tanh(SpecialFunctions.Sqrt2OverPi * (v + 0.044715 * v * v * v))));
                }
                break;
            default: throw new NotSupportedException(op.ToString());
        }
    }

    /// <summary>Negate, Abs and Sign on integer spans.</summary>
    public static void UnaryInteger<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y) where T : INumber<T>
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = op switch
            {
                UnaryOp.Negate => -x[i],
                UnaryOp.Abs => T.Abs(x[i]),
                UnaryOp.Sign => T.CreateChecked(T.Sign(x[i])),
                _ => throw new NotSupportedException(op.ToString()),
            };
    }
}
