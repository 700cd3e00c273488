namespace Myelin.NN;

/// <summary>
/// Layer normalisation: each sample is normalised over its last dimensions (those of
/// <see cref="NormalizedShape"/>) to zero mean and unit variance, then scaled and shifted elementwise.
/// Unlike batch normalisation it does not depend on the batch, so training and evaluation agree.
/// Shape: input [*, normalizedShape…] → output of the same shape; weight and bias normalizedShape.
/// </summary>
public sealed class LayerNorm : Module
{
    readonly int[] normalizedShape;

    /// <summary>Normalises over the last dimension, of size <paramref name="normalizedShape"/>.</summary>
    /// <param name="normalizedShape">The size of the last dimension.</param>
    /// <param name="eps">Added to the variance for numerical stability.</param>
    /// <param name="elementwiseAffine">Whether to learn a weight (initially 1) and bias (initially 0).</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
        : this([normalizedShape], eps, elementwiseAffine, dtype) { }

    /// <summary>Normalises over the last <c>normalizedShape.Length</c> dimensions, which must equal <paramref name="normalizedShape"/>.</summary>
    /// <param name="normalizedShape">The sizes of the trailing dimensions to normalise over.</param>
    /// <param name="eps">Added to the variance for numerical stability.</param>
    /// <param name="elementwiseAffine">Whether to learn a weight (initially 1) and bias (initially 0).</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">The shape is empty or has a non-positive size, or eps is negative.</exception>
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(d => d <= 0))
            throw new ArgumentException($"LayerNorm: normalized_shape must be non-empty with positive sizes, got {FormatShape(normalizedShape)}.");
        if (!(eps >= 0))
            throw new ArgumentOutOfRangeException(nameof(eps), $"LayerNorm: eps must be non-negative, got {eps}.");
        this.normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        ElementwiseAffine = elementwiseAffine;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(this.normalizedShape, dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros(this.normalizedShape, dtype));
        }
    }

    /// <summary>The sizes of the trailing dimensions normalised over.</summary>
    public IReadOnlyList<int> NormalizedShape => normalizedShape;

    /// <summary>The value added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the layer has a learnable weight and bias.</summary>
    public bool ElementwiseAffine { get; }

    /// <summary>The elementwise scale (shape normalizedShape), or null without <c>elementwiseAffine</c>.</summary>
    public Tensor? Weight { get; }

    /// <summary>The elementwise shift (shape normalizedShape), or null without <c>elementwiseAffine</c>.</summary>
    public Tensor? Bias { get; }

    /// <summary>Normalises <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The input's trailing dimensions differ from <see cref="NormalizedShape"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int k = normalizedShape.Length;
        if (input.Rank < k || !input.Shape.Skip(input.Rank - k).SequenceEqual(normalizedShape))
            throw new ArgumentException(
                $"LayerNorm({ReprFormat.Tuple(normalizedShape)}): expected input with trailing dimensions {FormatShape(normalizedShape)}, got shape {FormatShape(input.Shape)}.");
        return RecordOutput(F.LayerNorm(input, normalizedShape, Weight, Bias, Eps));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"{ReprFormat.Tuple(normalizedShape)}, eps={ReprFormat.Float(Eps)}, elementwise_affine={ReprFormat.Bool(ElementwiseAffine)}";
}
