using Myelin.Text;

namespace Myelin.NN;

/// <summary>
/// A decoder-only (GPT-style) language model: token embeddings plus learned position embeddings, a stack of
/// causal pre-norm transformer blocks (GELU), a final layer normalisation and a linear head that scores every
/// vocabulary entry as the next token. Position t sees only tokens 0 … t, so one forward pass trains every
/// position at once: the target of position t is token t + 1.
/// Shape: tokens Int64 [N, L] (or unbatched [L]) with L ≤ maxLength → logits [N, L, vocabSize] (or [L, vocabSize]).
/// </summary>
/// <remarks>
/// Children: token_embedding (<see cref="Embedding"/>), position_embedding (<see cref="LearnedPositionalEmbedding"/>),
/// dropout, layers.0 … (<see cref="TransformerEncoderLayer"/>, batch-first, pre-norm), norm (<see cref="LayerNorm"/>),
/// head (<see cref="Linear"/> without bias). Embeddings start from N(0, 0.02), as in GPT-2; the other layers keep
/// their own initialisation.
/// </remarks>
/// <example><code>
/// var model = new CausalTransformerLM(vocabSize: 65, dModel: 64, nHead: 4, numLayers: 2, dimFeedforward: 256, maxLength: 64);
/// Tensor logits = model.Forward(tokens);                                   // tokens [N, L] → [N, L, 65]
/// Tensor loss = F.CrossEntropy(logits.Narrow(1, 0, L - 1).Reshape(-1, 65), tokens.Narrow(1, 1, L - 1).Reshape(-1));
/// </code></example>
public sealed class CausalTransformerLM : Module
{
    readonly Embedding tokenEmbedding;
    readonly LearnedPositionalEmbedding positionEmbedding;
    readonly Dropout dropout;
    readonly ModuleList layers;
    readonly LayerNorm norm;
    readonly Linear head;

    /// <summary>Creates the model with freshly initialised parameters.</summary>
    /// <param name="vocabSize">The number of distinct tokens.</param>
    /// <param name="dModel">The model width.</param>
    /// <param name="nHead">The number of attention heads; must divide dModel.</param>
    /// <param name="numLayers">The number of transformer blocks.</param>
    /// <param name="dimFeedforward">The hidden width of each block's feed-forward network.</param>
    /// <param name="maxLength">The longest context (number of positions).</param>
    /// <param name="dropout">Dropout probability after the embeddings and inside the blocks (training mode only).</param>
    /// <param name="generator">Draws the initial values and dropout masks; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is not positive, or nHead does not divide dModel.</exception>
    public CausalTransformerLM(int vocabSize, int dModel, int nHead, int numLayers, int dimFeedforward, int maxLength,
        double dropout = 0.1, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (numLayers <= 0)
            throw new ArgumentOutOfRangeException(nameof(numLayers), $"CausalTransformerLM: num_layers must be positive, got {numLayers}.");
        VocabSize = vocabSize;
        DModel = dModel;
        MaxLength = maxLength;
        tokenEmbedding = Register("token_embedding", new Embedding(vocabSize, dModel, generator: generator, dtype: dtype));
        positionEmbedding = Register("position_embedding", new LearnedPositionalEmbedding(maxLength, dModel, batchFirst: true, generator, dtype));
        Init.Normal(tokenEmbedding.Weight, 0, 0.02, generator);
        Init.Normal(positionEmbedding.Weight, 0, 0.02, generator);
        this.dropout = Register("dropout", new Dropout(dropout, generator));
        layers = Register("layers", new ModuleList());
        for (int i = 0; i < numLayers; i++)
            layers.Add(new TransformerEncoderLayer(dModel, nHead, dimFeedforward, dropout, TransformerActivation.GELU,
                batchFirst: true, normFirst: true, generator: generator, dtype: dtype));
        norm = Register("norm", new LayerNorm(dModel, dtype: dtype));
        head = Register("head", new Linear(dModel, vocabSize, bias: false, generator, dtype));
    }

    /// <summary>The number of distinct tokens.</summary>
    public int VocabSize { get; }

    /// <summary>The model width.</summary>
    public int DModel { get; }

    /// <summary>The longest context.</summary>
    public int MaxLength { get; }

    /// <summary>The number of transformer blocks.</summary>
    public int NumLayers => layers.Count;

    /// <summary>Scores the next token at every position. Shape: Int64 [N, L] → [N, L, vocabSize] (unbatched [L] → [L, vocabSize]).</summary>
    /// <exception cref="ArgumentException">The tokens are not integers, not 1-D or 2-D, longer than maxLength, or outside the vocabulary.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if ((input.Rank != 1 && input.Rank != 2) || input.NumElements == 0)
            throw new ArgumentException(
                $"CausalTransformerLM: expected token indices of shape [N, L] or [L], got {FormatShape(input.Shape)}.");
        if (input.Size(-1) > MaxLength)
            throw new ArgumentException(
                $"CausalTransformerLM: the sequence has {input.Size(-1)} tokens, more than max_length = {MaxLength}; crop the context to its last {MaxLength} tokens.");
        bool batched = input.Rank == 2;
        var tokens = batched ? input : input.Unsqueeze(0);
        var x = dropout.Forward(positionEmbedding.Forward(tokenEmbedding.Forward(tokens)));
        foreach (var layer in layers) x = ((TransformerEncoderLayer)layer).Forward(x, isCausal: true);
        var logits = head.Forward(norm.Forward(x));
        return RecordOutput(batched ? logits : logits.Squeeze(0));
    }

    /// <summary>
    /// Extends <paramref name="prompt"/> one sampled token at a time (the context cropped to the last maxLength
    /// tokens), without recording gradients. Call <see cref="Module.Eval"/> first to switch dropout off.
    /// Shape: Int64 [L] → Int64 [L + generated] (generated ≤ maxNewTokens).
    /// </summary>
    /// <param name="prompt">The tokens to continue; at least one.</param>
    /// <param name="maxNewTokens">How many tokens to add at most.</param>
    /// <param name="temperature">Softmax temperature; lower is more conservative. Must be positive.</param>
    /// <param name="topK">Sample only among the k most likely tokens; null for all.</param>
    /// <param name="generator">Draws the samples; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="stopToken">Stop after generating this token (e.g. an end-of-text index); null to always generate maxNewTokens.</param>
    /// <exception cref="ArgumentException">The prompt is empty or not 1-D integers, or an option is out of range.</exception>
    public Tensor Generate(Tensor prompt, int maxNewTokens, double temperature = 1, int? topK = null, Generator? generator = null, long? stopToken = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Rank != 1 || prompt.NumElements == 0 || !prompt.DType.IsInteger())
            throw new ArgumentException($"CausalTransformerLM.Generate: expected a non-empty 1-D Int64 prompt, got {prompt.DType} {FormatShape(prompt.Shape)}.");
        if (maxNewTokens < 0)
            throw new ArgumentOutOfRangeException(nameof(maxNewTokens), $"CausalTransformerLM.Generate: maxNewTokens must be non-negative, got {maxNewTokens}.");
        var tokens = prompt.To(DType.Int64).ToArray<long>().ToList();
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < maxNewTokens; i++)
            {
                int start = Math.Max(0, tokens.Count - MaxLength);
                var context = Tensor.FromArray(tokens.GetRange(start, tokens.Count - start).ToArray());
                var logits = Forward(context);
                long next = Sampling.Sample(logits.Select(0, logits.Size(0) - 1), temperature, topK, generator);
                tokens.Add(next);
                if (next == stopToken) break;
            }
        }
        return Tensor.FromArray(tokens.ToArray());
    }
}
