namespace Myelin.NN;

/// <summary>
/// The Gaussian error linear unit x·Φ(x), elementwise (Φ the standard normal CDF), exact or with the tanh approximation.
/// Shape: any, unchanged.
/// </summary>
public sealed class GELU : Module
{
    /// <summary>Creates the activation.</summary>
    /// <param name="approximate">"none" for the exact form (PyTorch's default) or "tanh".</param>
    /// <exception cref="ArgumentException"><paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public GELU(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
            throw new ArgumentException($"GELU: approximate must be \"none\" or \"tanh\", got \"{approximate}\".", nameof(approximate));
        Approximate = approximate;
    }

    /// <summary>"none" or "tanh".</summary>
    public string Approximate { get; }

    /// <summary>Applies the activation elementwise.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.GELU(input, Approximate));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"approximate='{Approximate}'";
}
