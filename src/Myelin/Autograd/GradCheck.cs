namespace Myelin;

/// <summary>The outcome of <see cref="GradCheck.Check"/>.</summary>
/// <param name="Passed">True when every analytic gradient matched its finite-difference estimate.</param>
/// <param name="Message">A summary; on failure it names the input, the element and both values.</param>
/// <param name="MaxAbsoluteError">The largest |analytic − numeric| seen.</param>
public sealed record GradCheckResult(bool Passed, string Message, double MaxAbsoluteError);

/// <summary>Thrown by <see cref="GradCheck.Assert"/> when gradients disagree.</summary>
public sealed class GradCheckException(string message) : Exception(message);

/// <summary>
/// Compares the gradients the engine computes with central finite differences, in float64, with
/// PyTorch's default tolerances: an element passes when |analytic − numeric| ≤ atol + rtol·|numeric|.
/// Works on any function of tensors — a single op, a layer with its parameters passed as inputs, a loss.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks every input that requires gradients. Inputs must be Float64 (convert with
    /// <c>.To(DType.Float64)</c>); the function may return any shape: its full Jacobian is compared,
    /// one backward pass per output element.
    /// </summary>
    public static GradCheckResult Check(Func<Tensor[], Tensor> function, Tensor[] inputs,
        double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        foreach (var input in inputs)
            if (input.RequiresGrad && input.DType != DType.Float64)
                throw new ArgumentException($"GradCheck: inputs that require gradients must be Float64 for a meaningful check, got {input.DType}.");
        // Work on private copies so the caller's tensors are never modified.
        var working = inputs.Select(t => { var c = t.Detach().Clone(); c.RequiresGrad = t.RequiresGrad; return c; }).ToArray();
        var output = function(working);
        int outputs = output.NumElements;
        var analytic = new double[working.Length][,];
        var numeric = new double[working.Length][,];

        // Analytic Jacobian, row by row: backward with a one-hot upstream gradient.
        var differentiable = working.Where(t => t.RequiresGrad).ToArray();
        for (int o = 0; o < outputs; o++)
        {
            var seed = Tensor.Zeros(output.shape, output.DType);
            seed.SetFlat(o, 1);
            var grads = differentiable.Length == 0 || !output.RequiresGrad
                ? new Tensor?[differentiable.Length]
                : Autograd.Grad([output], differentiable, [seed], retainGraph: true, allowUnused: true);
            int k = 0;
            for (int i = 0; i < working.Length; i++)
            {
                if (!working[i].RequiresGrad) continue;
                analytic[i] ??= new double[outputs, working[i].NumElements];
                var g = grads[k++]?.ToArray<double>();
                for (int e = 0; e < working[i].NumElements; e++) analytic[i][o, e] = g?[e] ?? 0;
            }
        }

        // Numeric Jacobian, column by column: nudge one input element both ways.
        for (int i = 0; i < working.Length; i++)
        {
            if (!working[i].RequiresGrad) continue;
            numeric[i] = new double[outputs, working[i].NumElements];
            var data = working[i].Data<double>();
            for (int e = 0; e < working[i].NumElements; e++)
            {
                double original = data[e];
                double[] plus, minus;
                using (Autograd.NoGrad())
                {
                    data[e] = original + eps;
                    plus = function(working).ToArray<double>();
                    data[e] = original - eps;
                    minus = function(working).ToArray<double>();
                }
                data[e] = original;
                for (int o = 0; o < outputs; o++) numeric[i][o, e] = (plus[o] - minus[o]) / (2 * eps);
            }
        }

        double worst = 0;
        for (int i = 0; i < working.Length; i++)
        {
            if (!working[i].RequiresGrad) continue;
            for (int o = 0; o < outputs; o++)
                for (int e = 0; e < working[i].NumElements; e++)
                {
                    double a = analytic[i][o, e], n = numeric[i][o, e], error = Math.Abs(a - n);
                    if (!(error <= atol + rtol * Math.Abs(n)))
                        return new GradCheckResult(false,
                            $"GradCheck: input {i} (shape {Layout.Format(working[i].shape)}), element {e}, output element {o}: " +
                            $"analytic {a:G9} vs numeric {n:G9} (difference {error:G3}, allowed {atol + rtol * Math.Abs(n):G3}).", Math.Max(worst, error));
                    worst = Math.Max(worst, error);
                }
        }
        return new GradCheckResult(true, $"GradCheck passed (largest difference {worst:G3}).", worst);
    }

    /// <summary>Like <see cref="Check"/>, but throws <see cref="GradCheckException"/> with the details on failure.</summary>
    public static void Assert(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        var result = Check(function, inputs, eps, atol, rtol);
        if (!result.Passed) throw new GradCheckException(result.Message);
    }
}
