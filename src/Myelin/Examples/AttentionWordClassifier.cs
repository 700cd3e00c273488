using Myelin.NN;

namespace Myelin.Examples;

/// <summary>
/// A small attention-based sequence classifier: letters are embedded and given sinusoidal position signals, one
/// multi-head self-attention layer lets every letter look at the others (padding is masked out), a residual
/// connection adds the attended vectors to the letters' own, the real positions are averaged, and a two-layer
/// perceptron scores the classes.
/// Shape: tokens Int64 [N, L] (0 = padding) → logits [N, numClasses]; attention weights [N, L, L] (averaged over heads,
/// rows = querying letters, columns = attended letters); embedding.weight [vocabSize, embedDim];
/// attention.in_proj_weight [3·embedDim, embedDim]; classifier.0.weight [embedDim, embedDim]; classifier.2.weight [numClasses, embedDim].
/// </summary>
/// <remarks>
/// Children: embedding (<see cref="Embedding"/>, padding index 0), positions (<see cref="PositionalEncoding"/>,
/// no dropout, no parameters), attention (<see cref="MultiheadAttention"/>, batch-first), classifier
/// (<see cref="Sequential"/>: Linear, ReLU, Linear). In PyTorch:
/// <c>x = embedding(t) + pe[:L]; a, w = attention(x, x, x, key_padding_mask=(t == 0)); h = x + a;</c>
/// <c>logits = classifier((h * keep).sum(1) / keep.sum(1))</c> with keep = (t != 0) as a float column.
/// </remarks>
public sealed class AttentionWordClassifier : Module
{
    readonly Embedding embedding;
    readonly PositionalEncoding positions;
    readonly MultiheadAttention attention;
    readonly Sequential classifier;

    /// <summary>Creates the model with freshly initialised parameters.</summary>
    /// <param name="vocabSize">The number of tokens, padding (index 0) included.</param>
    /// <param name="embedDim">The width of the letter vectors.</param>
    /// <param name="numHeads">Attention heads; must divide <paramref name="embedDim"/>.</param>
    /// <param name="numClasses">The number of classes.</param>
    /// <param name="maxLength">The longest input.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is not positive, or numHeads does not divide embedDim.</exception>
    public AttentionWordClassifier(int vocabSize, int embedDim = 32, int numHeads = 2, int numClasses = 2, int maxLength = 64,
        Generator? generator = null, DType dtype = DType.Float32)
    {
        if (numClasses < 2)
            throw new ArgumentOutOfRangeException(nameof(numClasses), $"AttentionWordClassifier: need at least 2 classes, got {numClasses}.");
        embedding = Register("embedding", new Embedding(vocabSize, embedDim, paddingIdx: 0, generator: generator, dtype: dtype));
        positions = Register("positions", new PositionalEncoding(embedDim, dropout: 0, maxLength: maxLength, batchFirst: true, dtype: dtype));
        attention = Register("attention", new MultiheadAttention(embedDim, numHeads, batchFirst: true, generator: generator, dtype: dtype));
        classifier = Register("classifier", new Sequential(
            new Linear(embedDim, embedDim, generator: generator, dtype: dtype),
            new ReLU(),
            new Linear(embedDim, numClasses, generator: generator, dtype: dtype)));
        NumClasses = numClasses;
    }

    /// <summary>The number of classes.</summary>
    public int NumClasses { get; }

    /// <summary>The longest input.</summary>
    public int MaxLength => positions.MaxLength;

    /// <summary>Scores the classes. Shape: Int64 [N, L] → [N, numClasses].</summary>
    /// <exception cref="ArgumentException">The tokens are not [N, L] integers, a row is all padding, an index is outside the vocabulary, or L &gt; maxLength.</exception>
    public override Tensor Forward(Tensor input) => RecordOutput(ForwardWithWeights(input).Logits);

    /// <summary>
    /// Scores the classes and returns the attention weights: row i of a sequence's [L, L] block says how much letter i
    /// drew from each letter (each row sums to 1; padding columns are 0).
    /// Shape: Int64 [N, L] → logits [N, numClasses], weights [N, L, L].
    /// </summary>
    /// <exception cref="ArgumentException">The tokens are not [N, L] integers, a row is all padding, an index is outside the vocabulary, or L &gt; maxLength.</exception>
    public (Tensor Logits, Tensor Weights) ForwardWithWeights(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Rank != 2 || !tokens.DType.IsInteger() || tokens.NumElements == 0)
            throw new ArgumentException($"AttentionWordClassifier: expected token indices Int64 [N, L], got {tokens.DType} {FormatShape(tokens.Shape)}.");
        var keep = tokens.Ne(0);                                                    // Bool [N, L]
        var lengths = keep.To(DType.Int64).Sum(1).ToArray<long>();
        int empty = Array.IndexOf(lengths, 0L);
        if (empty >= 0)
            throw new ArgumentException($"AttentionWordClassifier: row {empty} of the tokens {FormatShape(tokens.Shape)} is all padding; every sequence needs at least one token.");
        var x = positions.Forward(embedding.Forward(tokens));                       // [N, L, E]
        var (attended, weights) = attention.Forward(x, x, x, keyPaddingMask: keep.LogicalNot());
        var h = x + attended;
        var keepColumn = keep.To(h.DType).Unsqueeze(2);                             // [N, L, 1]
        var pooled = (h * keepColumn).Sum(1) / keepColumn.Sum(1);                   // mean over real letters [N, E]
        return (classifier.Forward(pooled), weights!);
    }
}
