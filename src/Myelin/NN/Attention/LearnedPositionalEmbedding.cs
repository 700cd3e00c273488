namespace Myelin.NN;

/// <summary>
/// Adds a learned vector per position (as GPT and BERT do) to a sequence of embeddings: output[t] = input[t] + weight[t].
/// Shape: input [L, N, embeddingDim] ([N, L, embeddingDim] with batchFirst, or unbatched [L, embeddingDim]) → output of
/// the same shape; weight [maxLength, embeddingDim].
/// </summary>
/// <remarks>
/// The weight starts from N(0, 1), like <see cref="Embedding"/>'s; its name is "weight", so it loads from a PyTorch
/// <c>nn.Embedding(max_length, dim)</c> used for positions.
/// </remarks>
public sealed class LearnedPositionalEmbedding : Module
{
    /// <summary>Creates the layer with freshly initialised position vectors.</summary>
    /// <param name="maxLength">The longest sequence supported (the number of positions).</param>
    /// <param name="embeddingDim">The embedding width.</param>
    /// <param name="batchFirst">Whether inputs are [N, L, embeddingDim] rather than [L, N, embeddingDim].</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public LearnedPositionalEmbedding(int maxLength, int embeddingDim, bool batchFirst = false, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (maxLength <= 0 || embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxLength),
                $"LearnedPositionalEmbedding: max_length and embedding_dim must be positive, got {maxLength} and {embeddingDim}.");
        MaxLength = maxLength;
        EmbeddingDim = embeddingDim;
        BatchFirst = batchFirst;
        Weight = RegisterParameter("weight", Init.Normal(Tensor.Zeros([maxLength, embeddingDim], dtype), 0, 1, generator));
    }

    /// <summary>The longest sequence supported.</summary>
    public int MaxLength { get; }

    /// <summary>The embedding width.</summary>
    public int EmbeddingDim { get; }

    /// <summary>Whether inputs are [N, L, embeddingDim].</summary>
    public bool BatchFirst { get; }

    /// <summary>The position vectors [maxLength, embeddingDim].</summary>
    public Tensor Weight { get; }

    /// <summary>Adds the vectors of positions 0 … L−1. Shape: [L, N, embeddingDim] → [L, N, embeddingDim].</summary>
    /// <exception cref="ArgumentException">The last dimension is not embeddingDim, or the sequence is longer than maxLength.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int lengthDim = input.Rank == 3 && BatchFirst ? 1 : 0;
        if ((input.Rank != 2 && input.Rank != 3) || input.Size(-1) != EmbeddingDim)
            throw new ArgumentException(
                $"{Describe()}: expected input of shape {(BatchFirst ? "[N, L, " : "[L, N, ")}{EmbeddingDim}] or [L, {EmbeddingDim}], got {FormatShape(input.Shape)}.");
        int length = input.Size(lengthDim);
        if (length > MaxLength)
            throw new ArgumentException(
                $"{Describe()}: the sequence has {length} positions, more than max_length = {MaxLength} (input shape {FormatShape(input.Shape)}).");
        var positions = Weight.Narrow(0, 0, length);
        if (input.Rank == 3 && !BatchFirst) positions = positions.Unsqueeze(1);
        return RecordOutput(input + positions);
    }

    string Describe() => $"LearnedPositionalEmbedding({ExtraRepr()})";

    /// <inheritdoc/>
    public override string ExtraRepr() => $"{MaxLength}, {EmbeddingDim}" + (BatchFirst ? ", batch_first=True" : "");
}
