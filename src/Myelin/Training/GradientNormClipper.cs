namespace Myelin.Training;

/// <summary>Scales gradients so that their total L2 norm is at most a bound (PyTorch's <c>clip_grad_norm_</c>).</summary>
internal static class GradientNormClipper
{
    /// <summary>
    /// Computes the L2 norm of all the parameters' gradients taken together and, when it exceeds
    /// <paramref name="maxNorm"/>, multiplies every gradient by maxNorm / (norm + 1e-6). Returns the norm before clipping.
    /// </summary>
    public static double Clip(IEnumerable<Tensor> parameters, double maxNorm)
    {
        using var noGrad = Autograd.NoGrad();
        var withGradients = parameters.Where(p => p.Grad is not null).ToArray();
        double sumOfSquares = 0;
        foreach (var p in withGradients)
        {
            var grad = p.Grad!;
            sumOfSquares += (grad * grad).Sum().Item();
        }
        double norm = Math.Sqrt(sumOfSquares);
        double scale = maxNorm / (norm + 1e-6);
        // A non-finite norm makes the scale 0 or NaN; PyTorch then scales by it too, and the
        // non-finite loss check catches the consequence at the next batch.
        if (scale < 1 || double.IsNaN(scale))
            foreach (var p in withGradients) p.Grad = p.Grad! * scale;
        return norm;
    }
}
