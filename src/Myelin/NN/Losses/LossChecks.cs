using System.Numerics;

namespace Myelin.NN;

/// <summary>
/// The argument checks and the final reduction shared by the losses. Every message starts with
/// the loss's name and shows the shapes or values involved, so a wrong call explains itself.
/// </summary>
internal static class LossChecks
{
    public static string Format(Tensor t) => Layout.Format(t.shape);

    /// <summary>Rejects a reduction the loss does not define (BatchMean belongs to KLDivLoss alone).</summary>
    public static void CheckReduction(Reduction reduction, string loss, bool allowsBatchMean = false)
    {
        if (reduction is Reduction.Mean or Reduction.Sum or Reduction.None) return;
        if (reduction == Reduction.BatchMean && allowsBatchMean) return;
        throw new ArgumentException(reduction == Reduction.BatchMean
            ? $"{loss}: Reduction.BatchMean is only defined for KLDivLoss; use Mean, Sum or None."
            : $"{loss}: unknown reduction {(int)reduction}.");
    }

    /// <summary>Reduces per-element losses; the mean of nothing is 0 rather than 0/0.</summary>
    public static Tensor Reduce(Tensor perElement, Reduction reduction, string loss) => reduction switch
    {
        Reduction.None => perElement,
        Reduction.Sum => perElement.Sum(),
        Reduction.Mean => perElement.NumElements == 0 ? perElement.Sum() : perElement.Mean(),
        _ => throw new ArgumentException($"{loss}: reduction {reduction} is not supported here."),
    };

    public static void RequireFloat(Tensor t, string loss, string role)
    {
        if (!t.DType.IsFloatingPoint())
            throw new ArgumentException($"{loss}: the {role} must be Float32 or Float64, got {t.DType}.");
    }

    /// <summary>
    /// The target of an elementwise loss: floating-point, of the input's shape (no silent
    /// broadcasting: [N, 1] against [N] is a bug, not a request), converted to the input's dtype.
    /// </summary>
    public static Tensor ElementwiseTarget(Tensor input, Tensor target, string loss)
    {
        RequireFloat(input, loss, "input");
        if (!target.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{loss}: the target is {target.DType} but must be floating-point like the input ({input.DType}); " +
                $"convert it with target.To(DType.{input.DType}).");
        if (!Layout.SameShape(input.shape, target.shape))
            throw new ArgumentException($"{loss}: input {Format(input)} and target {Format(target)} must have the same shape.");
        return target.To(input.DType);
    }

    /// <summary>An optional weight that must broadcast to the input's shape without enlarging it.</summary>
    public static Tensor? BroadcastWeight(Tensor? weight, Tensor input, string loss, string role)
    {
        if (weight is null) return null;
        RequireFloat(weight, loss, role);
        if (!BroadcastsTo(weight.shape, input.shape))
            throw new ArgumentException($"{loss}: {role} {Format(weight)} does not broadcast to the input's shape {Format(input)}.");
        return weight.To(input.DType);
    }

    static bool BroadcastsTo(int[] shape, int[] target)
    {
        if (shape.Length > target.Length) return false;
        for (int i = 1; i <= shape.Length; i++)
            if (shape[^i] != 1 && shape[^i] != target[^i]) return false;
        return true;
    }

    /// <summary>An optional per-class weight: floating-point, shape [C], converted to the scores' dtype.</summary>
    public static Tensor? ClassWeight(Tensor? weight, int classes, DType dtype, string loss)
    {
        if (weight is null) return null;
        RequireFloat(weight, loss, "weight");
        if (weight.Rank != 1 || weight.shape[0] != classes)
            throw new ArgumentException($"{loss}: weight {Format(weight)} must hold one value per class, shape [{classes}].");
        return weight.To(dtype);
    }

    /// <summary>A per-class tensor [C] shaped [1, C, 1, …] to broadcast against scores of the given rank.</summary>
    public static Tensor AlongClassDimension(Tensor perClass, int rank)
    {
        var shape = new int[rank];
        Array.Fill(shape, 1);
        shape[1] = perClass.shape[0];
        return perClass.Reshape(shape);
    }

    public static void CheckLabelSmoothing(double labelSmoothing, string loss)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, $"{loss}: labelSmoothing must be in [0, 1], got {labelSmoothing}.");
    }

    /// <summary>
    /// Throws when an element is NaN or outside [<paramref name="low"/>, <paramref name="high"/>],
    /// naming the first such value and its position; <paramref name="hint"/> says what to do.
    /// </summary>
    public static void RequireWithin(Tensor t, double low, double high, string loss, string what, string hint)
    {
        var values = t.IsContiguous ? t : t.Detach().Contiguous();
        if (values.DType == DType.Float32) Scan(values.Span<float>(), (float)low, (float)high, t.shape, loss, what, hint);
        else Scan(values.Span<double>(), low, high, t.shape, loss, what, hint);
    }

    static void Scan<T>(ReadOnlySpan<T> values, T low, T high, int[] shape, string loss, string what, string hint)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= low && values[i] <= high))
                throw new ArgumentException($"{loss}: {what} {values[i]} at position {Position(i, shape)} is outside [{low}, {high}]. {hint}");
    }

    /// <summary>The multi-index of flat position <paramref name="flat"/> in a row-major tensor, e.g. "[2, 0]".</summary>
    public static string Position(int flat, ReadOnlySpan<int> shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return Layout.Format(index);
    }
}
