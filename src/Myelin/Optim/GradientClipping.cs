using System.Numerics.Tensors;

namespace Myelin.Optim;

/// <summary>
/// Limits gradients before an optimizer step, against exploding gradients (common in RNNs and
/// transformers); PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>.
/// Call between <c>loss.Backward()</c> and <c>optimizer.Step()</c>. Parameters without a
/// gradient are ignored.
/// </summary>
public static class GradientClipping
{
    // Float32 gradients are summed in short blocks: vectorised within a block, with a double
    // running total across blocks so that large tensors lose no precision.
    const int BlockLength = 256;

    /// <summary>
    /// Scales all gradients together so that their combined norm is at most <paramref name="maxNorm"/>:
    /// with the total norm ‖g‖ (the norm of all gradients as one vector), every gradient is multiplied by
    /// maxNorm / (‖g‖ + 1e-6) when that factor is below 1. Returns ‖g‖ as it was before clipping.
    /// </summary>
    /// <param name="parameters">The parameters whose <see cref="Tensor.Grad"/> to clip.</param>
    /// <param name="maxNorm">The largest total norm allowed (≥ 0).</param>
    /// <param name="normType">The order p of the norm (&gt; 0; <see cref="double.PositiveInfinity"/> for the largest magnitude).</param>
    /// <param name="errorIfNonfinite">Throw when the total norm is NaN or infinite instead of scaling the gradients by it.</param>
    /// <returns>The total norm of the gradients before clipping (0 when no parameter has a gradient).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative or NaN maxNorm, or a norm order that is not positive.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="errorIfNonfinite"/> is set and the norm is NaN or infinite.</exception>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm >= 0))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"ClipGradNorm: maxNorm must be ≥ 0, got {maxNorm}.");
        if (!(normType > 0))
            throw new ArgumentOutOfRangeException(nameof(normType), normType, $"ClipGradNorm: the norm order must be > 0 (or positive infinity), got {normType}.");

        var withGradients = ParametersWithGradients(parameters, "ClipGradNorm");
        if (withGradients.Count == 0) return 0;

        double total = 0;
        if (double.IsPositiveInfinity(normType))
        {
            foreach (var p in withGradients) total = Math.Max(total, MaxMagnitude(p.Grad!));
        }
        else
        {
            foreach (var p in withGradients) total += SumOfPowers(p.Grad!, normType);
            total = normType == 2 ? Math.Sqrt(total) : normType == 1 ? total : Math.Pow(total, 1 / normType);
        }

        if (errorIfNonfinite && !double.IsFinite(total))
            throw new InvalidOperationException(
                $"ClipGradNorm: the total norm of order {normType} of the gradients of {withGradients.Count} parameter(s) is {total}, " +
                "so they cannot be clipped. Look for a diverging loss or a NaN in the inputs; pass errorIfNonfinite: false to scale anyway.");

        double factor = maxNorm / (total + 1e-6);
        if (factor < 1 || double.IsNaN(factor))
            using (Autograd.NoGrad())
                foreach (var p in withGradients) Scale(p, p.Grad!, factor);
        return total;
    }

    /// <summary>Clamps every gradient element to [−clipValue, clipValue] in place.</summary>
    /// <param name="parameters">The parameters whose <see cref="Tensor.Grad"/> to clip.</param>
    /// <param name="clipValue">The largest magnitude allowed (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or NaN clip value.</exception>
    public static void ClipGradValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clipValue >= 0))
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, $"ClipGradValue: the clip value must be ≥ 0, got {clipValue}.");

        using var noGrad = Autograd.NoGrad();
        foreach (var p in ParametersWithGradients(parameters, "ClipGradValue"))
        {
            var grad = p.Grad!;
            if (!grad.IsContiguous || grad.RequiresGrad)
            {
                p.Grad = grad.Detach().Clamp(-clipValue, clipValue);
                continue;
            }
            if (grad.DType == DType.Float32)
            {
                var span = grad.Span<float>();
                TensorPrimitives.Max(span, (float)-clipValue, span);
                TensorPrimitives.Min(span, (float)clipValue, span);
            }
            else
            {
                var span = grad.Span<double>();
                TensorPrimitives.Max(span, -clipValue, span);
                TensorPrimitives.Min(span, clipValue, span);
            }
            grad.BumpVersion();
        }
    }

    /// <summary>The parameters that have a gradient, enumerating the sequence once.</summary>
    static List<Tensor> ParametersWithGradients(IEnumerable<Tensor> parameters, string op)
    {
        var result = new List<Tensor>();
        int index = 0;
        foreach (var p in parameters)
        {
            if (p is null) throw new ArgumentException($"{op}: parameter {index} is null.", nameof(parameters));
            if (p.Grad is { } grad)
            {
                if (!grad.DType.IsFloatingPoint())
                    throw new ArgumentException($"{op}: the gradient of parameter {index} is a {grad.DType} tensor; expected Float32 or Float64.", nameof(parameters));
                result.Add(p);
            }
            index++;
        }
        return result;
    }

    static void Scale(Tensor parameter, Tensor grad, double factor)
    {
        // A gradient that is a broadcast view or part of a graph is replaced rather than written.
        if (grad.RequiresGrad || grad.Strides.Contains(0)) parameter.Grad = grad.Detach() * factor;
        else grad.MulInPlace(factor);
    }

    static double MaxMagnitude(Tensor grad)
    {
        var g = grad.Contiguous();
        if (g.NumElements == 0) return 0;
        return g.DType == DType.Float32
            ? Math.Abs((double)TensorPrimitives.MaxMagnitude<float>(g.Span<float>()))
            : Math.Abs(TensorPrimitives.MaxMagnitude<double>(g.Span<double>()));
    }

    /// <summary>Σ |x|^p over the elements, accumulated in double.</summary>
    static double SumOfPowers(Tensor grad, double p)
    {
        var g = grad.Contiguous();
        double sum = 0;
        if (g.DType == DType.Float32)
        {
            ReadOnlySpan<float> x = g.Span<float>();
            if (p == 2 || p == 1)
            {
                for (int start = 0; start < x.Length; start += BlockLength)
                {
                    var block = x.Slice(start, Math.Min(BlockLength, x.Length - start));
                    sum += p == 2 ? TensorPrimitives.SumOfSquares(block) : TensorPrimitives.SumOfMagnitudes(block);
                }
            }
            else foreach (float v in x) sum += Math.Pow(Math.Abs(v), p);
        }
        else
        {
            ReadOnlySpan<double> x = g.Span<double>();
            if (p == 2) sum = TensorPrimitives.SumOfSquares(x);
            else if (p == 1) sum = TensorPrimitives.SumOfMagnitudes(x);
            else foreach (double v in x) sum += Math.Pow(Math.Abs(v), p);
        }
        return sum;
    }
}
