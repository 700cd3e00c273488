namespace Myelin.NN;

/// <summary>
/// A fully connected layer: y = x·Wᵀ + b.
/// Shape: input [*, inFeatures] → output [*, outFeatures]; weight [outFeatures, inFeatures]; bias [outFeatures].
/// </summary>
/// <remarks>
/// Initialised like PyTorch: the weight by Kaiming uniform with a = √5, which is U(−1/√in, 1/√in),
/// and the bias from the same range.
/// </remarks>
public sealed class Linear : Module
{
    Tensor weight;

    /// <summary>Creates the layer with freshly initialised parameters.</summary>
    /// <param name="inFeatures">The size of each input sample.</param>
    /// <param name="outFeatures">The size of each output sample.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures),
                $"Linear: in_features and out_features must be positive, got {inFeatures} and {outFeatures}.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        weight = RegisterParameter("weight", Tensor.Zeros([outFeatures, inFeatures], dtype));
        Init.KaimingUniform(weight, a: Math.Sqrt(5), generator: generator);
        if (bias)
        {
            double bound = 1 / Math.Sqrt(inFeatures);
            Bias = RegisterParameter("bias", Init.Uniform(Tensor.Zeros([outFeatures], dtype), -bound, bound, generator));
        }
    }

    /// <summary>The number of input features.</summary>
    public int InFeatures { get; }

    /// <summary>The number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>
    /// The weight [outFeatures, inFeatures]. Setting it replaces the parameter (same shape), e.g. to tie
    /// it to another layer's weight.
    /// </summary>
    public Tensor Weight
    {
        get => weight;
        set => weight = ReplaceParameter("weight", value);
    }

    /// <summary>The bias [outFeatures], or null when the layer was created without one.</summary>
    public Tensor? Bias { get; }

    /// <summary>Applies the layer. Shape: [*, inFeatures] → [*, outFeatures].</summary>
    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Size(-1) != InFeatures)
            throw new ArgumentException(
                $"Linear(in_features={InFeatures}, out_features={OutFeatures}): expected input with last dimension {InFeatures}, got shape {FormatShape(input.Shape)}.");
        return RecordOutput(F.Linear(input, weight, Bias));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"in_features={InFeatures}, out_features={OutFeatures}, bias={ReprFormat.Bool(Bias is not null)}";
}
