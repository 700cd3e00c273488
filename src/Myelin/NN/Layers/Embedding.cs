namespace Myelin.NN;

/// <summary>
/// A lookup table of learned vectors: token index i becomes row i of <see cref="Weight"/>. The usual first
/// layer of a model that reads words or characters.
/// Shape: input Int64 (or Int32) indices of any shape [*] → output [*, embeddingDim]; weight [numEmbeddings, embeddingDim].
/// </summary>
/// <remarks>
/// Initialised like PyTorch: every entry of the weight from N(0, 1). With a padding index, that row starts
/// at zero and never receives a gradient, so padding tokens keep a fixed (zero) vector while training.
/// </remarks>
public sealed class Embedding : Module
{
    Tensor weight;

    /// <summary>Creates the table with freshly initialised vectors.</summary>
    /// <param name="numEmbeddings">The number of rows (the vocabulary size).</param>
    /// <param name="embeddingDim">The length of each vector.</param>
    /// <param name="paddingIdx">
    /// An index whose row is zeroed and excluded from gradient updates; negative values count from the end
    /// (−1 is the last row), as in PyTorch. Null for none.
    /// </param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the padding index is outside the table.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings),
                $"Embedding: num_embeddings and embedding_dim must be positive, got {numEmbeddings} and {embeddingDim}.");
        if (paddingIdx is int p && (p >= numEmbeddings || p < -numEmbeddings))
            throw new ArgumentOutOfRangeException(nameof(paddingIdx),
                $"Embedding: padding_idx {p} is outside the table of {numEmbeddings} rows.");
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = paddingIdx is int q && q < 0 ? numEmbeddings + q : paddingIdx;
        weight = RegisterParameter("weight", Init.Normal(Tensor.Zeros([numEmbeddings, embeddingDim], dtype), 0, 1, generator));
        if (PaddingIdx is int row)
            using (Autograd.NoGrad()) weight.Select(0, row).Fill(0);
    }

    /// <summary>The number of rows (vocabulary size).</summary>
    public int NumEmbeddings { get; }

    /// <summary>The length of each vector.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The row that receives no gradient (already made non-negative), or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>
    /// The table [numEmbeddings, embeddingDim]. Setting it replaces the parameter (same shape), e.g. to tie it
    /// to an output layer's weight.
    /// </summary>
    public Tensor Weight
    {
        get => weight;
        set => weight = ReplaceParameter("weight", value);
    }

    /// <summary>Looks up the vectors of <paramref name="input"/>. Shape: [*] → [*, embeddingDim].</summary>
    /// <exception cref="ArgumentException">The input is not an integer tensor, or an index is outside [0, numEmbeddings).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.DType != DType.Int64 && input.DType != DType.Int32)
            throw new ArgumentException(
                $"{Describe()}: expected a tensor of Int64 indices, got {input.DType} of shape {FormatShape(input.Shape)}.");
        var indices = input.To(DType.Int64).Reshape(-1);
        CheckRange(indices.ToArray<long>(), input);
        var rows = weight.IndexSelect(0, indices);
        if (PaddingIdx is int padding && rows.RequiresGrad)
        {
            // Padding positions take their row from a detached copy, so no gradient reaches that row.
            var isPadding = indices.Eq(padding).Unsqueeze(1);
            rows = Tensor.Where(isPadding, rows.Detach(), rows);
        }
        return RecordOutput(rows.Reshape([.. input.Shape, EmbeddingDim]));
    }

    void CheckRange(long[] indices, Tensor input)
    {
        for (int i = 0; i < indices.Length; i++)
            if (indices[i] < 0 || indices[i] >= NumEmbeddings)
                throw new ArgumentException(
                    $"{Describe()}: index {indices[i]} at flat position {i} of the input (shape {FormatShape(input.Shape)}) is outside [0, {NumEmbeddings}).");
    }

    string Describe() => $"Embedding({ExtraRepr()})";

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"{NumEmbeddings}, {EmbeddingDim}" + (PaddingIdx is int p ? $", padding_idx={p}" : "");
}
