namespace Myelin.NN;

/// <summary>
/// One transformer encoder block: self-attention, then a position-wise feed-forward network
/// (linear2(dropout(activation(linear1(x))))), each wrapped in a residual connection and layer normalisation.
/// Post-norm (the default, as in the original paper and PyTorch): x = norm1(x + SA(x)); x = norm2(x + FF(x)).
/// Pre-norm (normFirst, as in GPT-2; trains more stably when deep): x = x + SA(norm1(x)); x = x + FF(norm2(x)).
/// Shape: src [L, N, dModel] ([N, L, dModel] with batchFirst, or unbatched [L, dModel]); srcMask [L, L] or
/// [N·nHead, L, L]; srcKeyPaddingMask [N, L] → output like src.
/// </summary>
/// <remarks>
/// The children are PyTorch's (self_attn, linear1, dropout, linear2, norm1, norm2, dropout1, dropout2), so the
/// state dict of a PyTorch <c>nn.TransformerEncoderLayer</c> loads unchanged.
/// </remarks>
public sealed class TransformerEncoderLayer : Module
{
    readonly MultiheadAttention selfAttn;
    readonly Linear linear1, linear2;
    readonly Dropout dropout, dropout1, dropout2;
    readonly LayerNorm norm1, norm2;
    readonly Generator? generator;
    readonly DType dtype;

    /// <summary>Creates the block with freshly initialised parameters.</summary>
    /// <param name="dModel">The model width (features per position).</param>
    /// <param name="nHead">The number of attention heads; must divide dModel.</param>
    /// <param name="dimFeedforward">The hidden width of the feed-forward network.</param>
    /// <param name="dropout">Dropout probability (attention weights, feed-forward hidden layer, both residual branches).</param>
    /// <param name="activation">The feed-forward activation: ReLU (default) or GELU.</param>
    /// <param name="layerNormEps">The epsilon of both layer normalisations.</param>
    /// <param name="batchFirst">Whether inputs and outputs are [N, L, dModel].</param>
    /// <param name="normFirst">Pre-norm (normalise before each sub-block) instead of post-norm.</param>
    /// <param name="generator">Draws the initial values and dropout masks; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is not positive, or nHead does not divide dModel.</exception>
    public TransformerEncoderLayer(int dModel, int nHead, int dimFeedforward = 2048, double dropout = 0.1,
        TransformerActivation activation = TransformerActivation.ReLU, double layerNormEps = 1e-5, bool batchFirst = false,
        bool normFirst = false, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (dimFeedforward <= 0)
            throw new ArgumentOutOfRangeException(nameof(dimFeedforward),
                $"TransformerEncoderLayer: dim_feedforward must be positive, got {dimFeedforward}.");
        DModel = dModel;
        NHead = nHead;
        DimFeedforward = dimFeedforward;
        DropoutProbability = dropout;
        Activation = activation;
        LayerNormEps = layerNormEps;
        BatchFirst = batchFirst;
        NormFirst = normFirst;
        this.generator = generator;
        this.dtype = dtype;
        selfAttn = Register("self_attn", new MultiheadAttention(dModel, nHead, dropout, bias: true, batchFirst, generator, dtype));
        linear1 = Register("linear1", new Linear(dModel, dimFeedforward, generator: generator, dtype: dtype));
        this.dropout = Register("dropout", new Dropout(dropout, generator));
        linear2 = Register("linear2", new Linear(dimFeedforward, dModel, generator: generator, dtype: dtype));
        norm1 = Register("norm1", new LayerNorm(dModel, layerNormEps, dtype: dtype));
        norm2 = Register("norm2", new LayerNorm(dModel, layerNormEps, dtype: dtype));
        dropout1 = Register("dropout1", new Dropout(dropout, generator));
        dropout2 = Register("dropout2", new Dropout(dropout, generator));
    }

    /// <summary>The model width.</summary>
    public int DModel { get; }

    /// <summary>The number of attention heads.</summary>
    public int NHead { get; }

    /// <summary>The hidden width of the feed-forward network.</summary>
    public int DimFeedforward { get; }

    /// <summary>The dropout probability used throughout the block.</summary>
    public double DropoutProbability { get; }

    /// <summary>The feed-forward activation.</summary>
    public TransformerActivation Activation { get; }

    /// <summary>The epsilon of the layer normalisations.</summary>
    public double LayerNormEps { get; }

    /// <summary>Whether inputs and outputs are [N, L, dModel].</summary>
    public bool BatchFirst { get; }

    /// <summary>Whether the block is pre-norm.</summary>
    public bool NormFirst { get; }

    /// <summary>The self-attention (self_attn).</summary>
    public MultiheadAttention SelfAttn => selfAttn;

    /// <summary>Runs the block with no masks. Shape: [L, N, dModel] → [L, N, dModel].</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null, null, false);

    /// <summary>Runs the block.</summary>
    /// <param name="src">The sequence [L, N, dModel] ([N, L, dModel] with batchFirst; unbatched [L, dModel]).</param>
    /// <param name="srcMask">[L, L] or [N·nHead, L, L]: Bool (true = may not attend) or floating-point (added to the scores).</param>
    /// <param name="srcKeyPaddingMask">[N, L]: true at padding positions, which no position attends to.</param>
    /// <param name="isCausal">Block attention to later positions (a causal, autoregressive block).</param>
    /// <exception cref="ArgumentException">A shape does not match the block.</exception>
    public Tensor Forward(Tensor src, Tensor? srcMask = null, Tensor? srcKeyPaddingMask = null, bool isCausal = false)
    {
        ArgumentNullException.ThrowIfNull(src);
        if ((src.Rank != 2 && src.Rank != 3) || src.Size(-1) != DModel)
            throw new ArgumentException(
                $"TransformerEncoderLayer(d_model={DModel}, nhead={NHead}): expected src of shape {(BatchFirst ? "[N, L, " : "[L, N, ")}{DModel}] or [L, {DModel}], got {FormatShape(src.Shape)}.");
        var x = src;
        if (NormFirst)
        {
            x = x + SelfAttentionBlock(norm1.Forward(x), srcMask, srcKeyPaddingMask, isCausal);
            x = x + FeedForwardBlock(norm2.Forward(x));
        }
        else
        {
            x = norm1.Forward(x + SelfAttentionBlock(x, srcMask, srcKeyPaddingMask, isCausal));
            x = norm2.Forward(x + FeedForwardBlock(x));
        }
        return RecordOutput(x);
    }

    Tensor SelfAttentionBlock(Tensor x, Tensor? mask, Tensor? keyPaddingMask, bool isCausal) =>
        dropout1.Forward(selfAttn.Forward(x, x, x, keyPaddingMask, needWeights: false, attnMask: mask, isCausal: isCausal).Output);

    Tensor FeedForwardBlock(Tensor x)
    {
        var hidden = linear1.Forward(x);
        hidden = Activation == TransformerActivation.GELU ? F.GELU(hidden) : F.ReLU(hidden);
        return dropout2.Forward(linear2.Forward(dropout.Forward(hidden)));
    }

    /// <summary>A new block with the same settings and a copy of this block's parameters (PyTorch's deepcopy in TransformerEncoder).</summary>
    internal TransformerEncoderLayer CloneWithWeights()
    {
        var copy = new TransformerEncoderLayer(DModel, NHead, DimFeedforward, DropoutProbability, Activation, LayerNormEps,
            BatchFirst, NormFirst, generator, dtype);
        copy.LoadStateDict(StateDict());
        copy.Train(IsTraining);
        return copy;
    }
}
