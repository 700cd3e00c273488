using System.Numerics;
using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>Shape after reducing <paramref name="axes"/>: kept as 1 or removed.</summary>
    internal static int[] ReducedShape(int[] shape, int[] axes, bool keepDim)
    {
        var result = new List<int>(shape.Length);
        for (int d = 0; d < shape.Length; d++)
        {
            if (Array.IndexOf(axes, d) < 0) result.Add(shape[d]);
            else if (keepDim) result.Add(1);
        }
        return [.. result];
    }

    /// <summary>
    /// Reduces sorted, normalised axes without recording a graph: runs of adjacent axes collapse
    /// to one [outer, length, inner] pass each, from the innermost run outwards.
    /// </summary>
    static Tensor ReduceRaw(ReduceOp op, Tensor x, int[] axes, bool keepDim)
    {
        var current = x.IsContiguous ? x : StridedCopy.ToContiguous(x);
        var currentShape = (int[])x.shape.Clone();
        int runEnd = axes.Length - 1;
        while (runEnd >= 0)
        {
            int runStart = runEnd;
            while (runStart > 0 && axes[runStart - 1] == axes[runStart] - 1) runStart--;
            int first = axes[runStart], last = axes[runEnd];
            int outer = 1, length = 1, inner = 1;
            for (int d = 0; d < first; d++) outer *= currentShape[d];
            for (int d = first; d <= last; d++) length *= currentShape[d];
            for (int d = last + 1; d < currentShape.Length; d++) inner *= currentShape[d];
            for (int d = first; d <= last; d++) currentShape[d] = 1;
            var next = Uninitialized((int[])currentShape.Clone(), current.DType);
            switch (current.DType)
            {
                case DType.Float32: ReduceKernels.Reduce<float>(op, current.Span<float>(), next.Span<float>(), outer, length, inner); break;
                case DType.Float64: ReduceKernels.Reduce<double>(op, current.Span<double>(), next.Span<double>(), outer, length, inner); break;
                case DType.Int64: ReduceKernels.Reduce<long>(op, current.Span<long>(), next.Span<long>(), outer, length, inner); break;
                case DType.Int32: ReduceKernels.Reduce<int>(op, current.Span<int>(), next.Span<int>(), outer, length, inner); break;
                default: throw new NotSupportedException($"{op}: not supported for {current.DType}.");
            }
            current = next;
            runEnd = runStart - 1;
        }
        if (ReferenceEquals(current, x)) current = StridedCopy.ToContiguous(x);
        return keepDim ? current : new Tensor(current.storage, ReducedShape(x.shape, axes, false));
    }

    static int[] KeepDimAttribute(bool keepDim, int[] axes) => [keepDim ? 1 : 0, .. axes];

    /// <summary>
    /// Sum over <paramref name="axes"/> (all when null or empty). Integer and Bool inputs give Int64.
    /// Shape: the input's with each reduced axis removed, or kept as size 1 when <paramref name="keepDim"/>.
    /// </summary>
    public Tensor Sum(int[]? axes = null, bool keepDim = false)
    {
        var normalized = Layout.NormalizeAxes(axes, Rank, "Sum");
        var input = DType is DType.Bool or DType.Int32 ? To(DType.Int64) : this;
        return Record(ReduceRaw(ReduceOp.Sum, input, normalized, keepDim), OpKind.Sum, [input], KeepDimAttribute(keepDim, normalized));
    }

    /// <summary>Sum over one axis.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => Sum([axis], keepDim);

    /// <summary>Arithmetic mean over <paramref name="axes"/> (all when null). Integer inputs are converted to Float32.</summary>
    public Tensor Mean(int[]? axes = null, bool keepDim = false)
    {
        var normalized = Layout.NormalizeAxes(axes, Rank, "Mean");
        var input = DType.IsFloatingPoint() ? this : To(DType.Float32);
        int count = 1;
        foreach (int a in normalized) count *= shape[a];
        return input.Sum(normalized, keepDim) / count;
    }

    /// <summary>Mean over one axis.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => Mean([axis], keepDim);

    Tensor Extreme(bool max, int[]? axes, bool keepDim)
    {
        string name = max ? "Max" : "Min";
        var normalized = Layout.NormalizeAxes(axes, Rank, name);
        foreach (int a in normalized)
            if (shape[a] == 0)
                throw new ArgumentException($"{name}: cannot reduce over axis {a}, which has size 0 (shape {Layout.Format(shape)}).");
        if (DType == DType.Bool) throw new ArgumentException($"{name}: not supported for Bool tensors.");
        var result = ReduceRaw(max ? ReduceOp.Max : ReduceOp.Min, this, normalized, keepDim);
        return Record(result, max ? OpKind.Amax : OpKind.Amin, [this], KeepDimAttribute(keepDim, normalized));
    }

    /// <summary>
    /// Largest value over <paramref name="axes"/> (all when null). When several elements tie for the
    /// maximum the gradient is shared equally among them.
    /// </summary>
    public Tensor Max(int[]? axes = null, bool keepDim = false) => Extreme(true, axes, keepDim);

    /// <summary>Largest value along one axis.</summary>
    public Tensor Max(int axis, bool keepDim = false) => Extreme(true, [axis], keepDim);

    /// <summary>Smallest value over <paramref name="axes"/> (all when null); ties share the gradient.</summary>
    public Tensor Min(int[]? axes = null, bool keepDim = false) => Extreme(false, axes, keepDim);

    /// <summary>Smallest value along one axis.</summary>
    public Tensor Min(int axis, bool keepDim = false) => Extreme(false, [axis], keepDim);

    Tensor ArgExtreme(bool max, int? axis, bool keepDim)
    {
        string name = max ? "ArgMax" : "ArgMin";
        if (axis is null)
        {
            if (NumElements == 0) throw new ArgumentException($"{name}: the tensor is empty.");
            var flat = Reshape(-1).ArgExtreme(max, 0, false);
            return keepDim ? flat.Reshape(Enumerable.Repeat(1, Rank).ToArray()) : flat;
        }
        int a = Layout.NormalizeAxis(axis.Value, Rank, name);
        if (Rank > 0 && shape[a] == 0) throw new ArgumentException($"{name}: axis {a} has size 0.");
        var input = IsContiguous ? this : StridedCopy.ToContiguous(this);
        int outer = 1, inner = 1, length = Rank == 0 ? 1 : shape[a];
        for (int d = 0; d < a; d++) outer *= shape[d];
        for (int d = a + 1; d < Rank; d++) inner *= shape[d];
        var result = Uninitialized(ReducedShape(shape, Rank == 0 ? [] : [a], keepDim), DType.Int64);
        switch (DType)
        {
            case DType.Float32: ReduceKernels.ArgReduce<float>(max, input.Span<float>(), result.Span<long>(), outer, length, inner); break;
            case DType.Float64: ReduceKernels.ArgReduce<double>(max, input.Span<double>(), result.Span<long>(), outer, length, inner); break;
            case DType.Int64: ReduceKernels.ArgReduce<long>(max, input.Span<long>(), result.Span<long>(), outer, length, inner); break;
            case DType.Int32: ReduceKernels.ArgReduce<int>(max, input.Span<int>(), result.Span<long>(), outer, length, inner); break;
            default: throw new ArgumentException($"{name}: not supported for {DType}.");
        }
        return result;
    }

    /// <summary>Index (Int64) of the first largest element along <paramref name="axis"/>, or in the flattened tensor when null.</summary>
    public Tensor ArgMax(int? axis = null, bool keepDim = false) => ArgExtreme(true, axis, keepDim);

    /// <summary>Index (Int64) of the first smallest element along <paramref name="axis"/>, or in the flattened tensor when null.</summary>
    public Tensor ArgMin(int? axis = null, bool keepDim = false) => ArgExtreme(false, axis, keepDim);

    /// <summary>
    /// Variance over <paramref name="axes"/> (all when null) with Bessel's correction by default
    /// (divides by n − <paramref name="correction"/>, as PyTorch does).
    /// </summary>
    public Tensor Var(int[]? axes = null, int correction = 1, bool keepDim = false)
    {
        RequireFloat("Var");
        var normalized = Layout.NormalizeAxes(axes, Rank, "Var");
        int count = 1;
        foreach (int a in normalized) count *= shape[a];
        var centered = this - Mean(normalized, keepDim: true);
        return (centered * centered).Sum(normalized, keepDim) / Math.Max(count - correction, 0);
    }

    /// <summary>Variance along one axis.</summary>
    public Tensor Var(int axis, int correction = 1, bool keepDim = false) => Var([axis], correction, keepDim);

    /// <summary>Standard deviation: the square root of <see cref="Var(int[], int, bool)"/>.</summary>
    public Tensor Std(int[]? axes = null, int correction = 1, bool keepDim = false) => Var(axes, correction, keepDim).Sqrt();

    /// <summary>Standard deviation along one axis.</summary>
    public Tensor Std(int axis, int correction = 1, bool keepDim = false) => Std([axis], correction, keepDim);

    /// <summary>
    /// log Σ exp(x) over <paramref name="axes"/>, computed stably as m + log Σ exp(x − m) with m the
    /// (detached) maximum, so inputs like 1000 and 1001 give finite, correct results.
    /// </summary>
    public Tensor LogSumExp(int[]? axes = null, bool keepDim = false)
    {
        RequireFloat("LogSumExp");
        var normalized = Layout.NormalizeAxes(axes, Rank, "LogSumExp");
        var max = Detach().Max(normalized, keepDim: true);
        max = Where(max.Eq(double.PositiveInfinity).LogicalOr(max.Eq(double.NegativeInfinity)), ScalarLike(0, max), max);
        var result = (this - max).Exp().Sum(normalized, keepDim: true).Log() + max;
        return keepDim ? result : result.Reshape(ReducedShape(shape, normalized, false));
    }

    /// <summary>log Σ exp(x) along one axis.</summary>
    public Tensor LogSumExp(int axis, bool keepDim = false) => LogSumExp([axis], keepDim);

    Tensor SoftmaxLike(int axis, bool log)
    {
        string name = log ? "LogSoftmax" : "Softmax";
        RequireFloat(name);
        int a = Layout.NormalizeAxis(axis, Rank, name);
        if (Rank == 0) return Record(log ? ZerosLike(this) : OnesLike(this), log ? OpKind.LogSoftmax : OpKind.Softmax, [this], [0]);
        // Move the axis last so each softmax runs over one contiguous row.
        int last = Rank - 1;
        var moved = a == last ? this : TransposeView(a, last);
        var input = moved.IsContiguous ? moved : StridedCopy.ToContiguous(moved);
        var output = Uninitialized((int[])input.shape.Clone(), DType);
        int n = shape[a], rows = n == 0 ? 0 : NumElements / n;
        if (DType == DType.Float32) ReduceKernels.SoftmaxRows<float>(input.Span<float>(), output.Span<float>(), rows, n, log);
        else ReduceKernels.SoftmaxRows<double>(input.Span<double>(), output.Span<double>(), rows, n, log);
        var result = a == last ? output : output.TransposeView(a, last);
        return Record(result, log ? OpKind.LogSoftmax : OpKind.Softmax, [this], [a]);
    }

    /// <summary>Softmax along <paramref name="axis"/>: exp(x) / Σ exp(x), stabilised by the maximum. Same shape as the input.</summary>
    public Tensor Softmax(int axis) => SoftmaxLike(axis, log: false);

    /// <summary>log(softmax(x)) along <paramref name="axis"/>, computed as x − m − log Σ exp(x − m). Same shape as the input.</summary>
    public Tensor LogSoftmax(int axis) => SoftmaxLike(axis, log: true);
}
