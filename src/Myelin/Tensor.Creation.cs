namespace Myelin;

public sealed partial class Tensor
{
    static int[] ShapeFor(int length, int[] shape, string op)
    {
        if (shape.Length == 0) return [length];
        foreach (int d in shape)
            if (d < 0) throw new ArgumentException($"{op}: shape {Layout.Format(shape)} has a negative dimension.");
        int n = Layout.NumElements(shape);
        if (n != length)
            throw new ArgumentException($"{op}: {length} values cannot fill shape {Layout.Format(shape)} ({n} elements).");
        return (int[])shape.Clone();
    }

    static Tensor Wrap(Array copy, DType dtype, int[] shape) => new(new Storage(copy, dtype), shape);

    /// <summary>A Float32 tensor holding a copy of <paramref name="data"/> in row-major order; with no shape it is 1-D.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public static Tensor FromArray(float[] data, params int[] shape) => Wrap((float[])data.Clone(), DType.Float32, ShapeFor(data.Length, shape, "FromArray"));

    /// <summary>A Float64 tensor holding a copy of <paramref name="data"/>; with no shape it is 1-D.</summary>
    public static Tensor FromArray(double[] data, params int[] shape) => Wrap((double[])data.Clone(), DType.Float64, ShapeFor(data.Length, shape, "FromArray"));

    /// <summary>An Int64 tensor (labels, indices) holding a copy of <paramref name="data"/>; with no shape it is 1-D.</summary>
    public static Tensor FromArray(long[] data, params int[] shape) => Wrap((long[])data.Clone(), DType.Int64, ShapeFor(data.Length, shape, "FromArray"));

    /// <summary>An Int32 tensor holding a copy of <paramref name="data"/>; with no shape it is 1-D.</summary>
    public static Tensor FromArray(int[] data, params int[] shape) => Wrap((int[])data.Clone(), DType.Int32, ShapeFor(data.Length, shape, "FromArray"));

    /// <summary>A Bool tensor holding a copy of <paramref name="data"/>; with no shape it is 1-D.</summary>
    public static Tensor FromArray(bool[] data, params int[] shape) => Wrap((bool[])data.Clone(), DType.Bool, ShapeFor(data.Length, shape, "FromArray"));

    /// <summary>
    /// A tensor from a rectangular array of any rank, e.g. <c>new float[,] { { 1, 2 }, { 3, 4 } }</c>
    /// gives shape [2, 2]. Element types float, double, long, int and bool map to their dtypes.
    /// </summary>
    /// <exception cref="NotSupportedException">The element type has no dtype.</exception>
    public static Tensor FromArray(Array data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var elementType = data.GetType().GetElementType()!;
        DType dtype = elementType == typeof(float) ? DType.Float32
            : elementType == typeof(double) ? DType.Float64
            : elementType == typeof(long) ? DType.Int64
            : elementType == typeof(int) ? DType.Int32
            : elementType == typeof(bool) ? DType.Bool
            : throw new NotSupportedException($"FromArray: arrays of {elementType.Name} are not supported; use float, double, long, int or bool.");
        var shape = new int[data.Rank];
        for (int d = 0; d < data.Rank; d++) shape[d] = data.GetLength(d);
        var storage = Storage.Allocate(dtype, data.Length);
        int i = 0;
        foreach (var item in data)
            storage.Data.SetValue(item, i++);
        return new Tensor(storage, shape);
    }

    /// <summary>A 0-dimensional tensor holding one value.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full([], value, dtype);

    /// <summary>A tensor of the given shape filled with <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, double value, DType dtype = DType.Float32)
    {
        var result = Empty((int[])CheckShape(shape, "Full").Clone(), dtype);
        if (value != 0) result.FillUnchecked(value);
        return result;
    }

    static int[] CheckShape(int[] shape, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (int d in shape)
            if (d < 0) throw new ArgumentException($"{op}: shape {Layout.Format(shape)} has a negative dimension.");
        return shape;
    }

    /// <summary>Zeros of the given shape (Float32).</summary>
    public static Tensor Zeros(params int[] shape) => Full(shape, 0);

    /// <summary>Zeros of the given shape and dtype.</summary>
    public static Tensor Zeros(int[] shape, DType dtype) => Full(shape, 0, dtype);

    /// <summary>Ones of the given shape (Float32).</summary>
    public static Tensor Ones(params int[] shape) => Full(shape, 1);

    /// <summary>Ones of the given shape and dtype.</summary>
    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1, dtype);

    /// <summary>Zeros with the shape and dtype of <paramref name="other"/>.</summary>
    public static Tensor ZerosLike(Tensor other) => Full(other.shape, 0, other.DType);

    /// <summary>Ones with the shape and dtype of <paramref name="other"/>.</summary>
    public static Tensor OnesLike(Tensor other) => Full(other.shape, 1, other.DType);

    /// <summary><paramref name="value"/> with the shape and dtype of <paramref name="other"/>.</summary>
    public static Tensor FullLike(Tensor other, double value) => Full(other.shape, value, other.DType);

    /// <summary>The 1-D sequence 0, 1, …, end−1 (Int64).</summary>
    public static Tensor Arange(long end) => Arange(0, end, 1, DType.Int64);

    /// <summary>
    /// The 1-D sequence start, start+step, … up to but excluding end. The dtype defaults to Int64
    /// when all three are whole numbers, else Float32 (as in PyTorch).
    /// </summary>
    /// <exception cref="ArgumentException">step is zero, or has the wrong sign for the range.</exception>
    public static Tensor Arange(double start, double end, double step = 1, DType? dtype = null)
    {
        if (step == 0 || double.IsNaN(step)) throw new ArgumentException("Arange: step must be nonzero.");
        if ((end - start) / step < 0)
            throw new ArgumentException($"Arange: the step {step} never reaches {end} from {start}.");
        var resolved = dtype ?? (start == Math.Floor(start) && end == Math.Floor(end) && step == Math.Floor(step) ? DType.Int64 : DType.Float32);
        int count = (int)Math.Ceiling((end - start) / step);
        var result = Empty([count], resolved);
        for (int i = 0; i < count; i++) result.SetFlat(i, start + i * step);
        return result;
    }

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor Linspace(double start, double end, int steps, DType dtype = DType.Float32)
    {
        if (steps < 0) throw new ArgumentException($"Linspace: steps must be non-negative, got {steps}.");
        var result = Empty([steps], dtype);
        double delta = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) result.SetFlat(i, i == steps - 1 && steps > 1 ? end : start + i * delta);
        return result;
    }

    /// <summary>The n×m identity matrix (m defaults to n).</summary>
    public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32)
    {
        int cols = m ?? n;
        var result = Zeros([n, cols], dtype);
        for (int i = 0; i < Math.Min(n, cols); i++) result.SetFlat(i * cols + i, 1);
        return result;
    }

    /// <summary>Writes one element of a freshly allocated contiguous tensor.</summary>
    internal void SetFlat(int index, double value)
    {
        switch (DType)
        {
            case DType.Float32: Data<float>()[offset + index] = (float)value; break;
            case DType.Float64: Data<double>()[offset + index] = value; break;
            case DType.Int64: Data<long>()[offset + index] = (long)value; break;
            case DType.Int32: Data<int>()[offset + index] = (int)value; break;
            case DType.Bool: Data<bool>()[offset + index] = value != 0; break;
        }
    }

    /// <summary>Fills every element of a contiguous tensor without version or grad checks.</summary>
    internal void FillUnchecked(double value)
    {
        switch (DType)
        {
            case DType.Float32: Span<float>().Fill((float)value); break;
            case DType.Float64: Span<double>().Fill(value); break;
            case DType.Int64: Span<long>().Fill((long)value); break;
            case DType.Int32: Span<int>().Fill((int)value); break;
            case DType.Bool: Span<bool>().Fill(value != 0); break;
        }
    }
}
