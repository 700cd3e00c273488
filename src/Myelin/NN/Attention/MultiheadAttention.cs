namespace Myelin.NN;

/// <summary>
/// Multi-head attention ("Attention Is All You Need"): the query, key and value are projected, split into
/// <see cref="NumHeads"/> heads of <see cref="HeadDim"/> features, each head runs scaled dot-product attention,
/// and the heads are joined and projected back: out_proj(concat(head₁, …, head_h)).
/// Shape: query [L, N, E] ([N, L, E] with batchFirst, or unbatched [L, E]); key and value [S, N, E];
/// keyPaddingMask [N, S]; attnMask [L, S] or [N·numHeads, L, S] → output [L, N, E]; weights [N, L, S]
/// (averaged over heads) or [N, numHeads, L, S]; in_proj_weight [3E, E]; in_proj_bias [3E]; out_proj.weight [E, E]; out_proj.bias [E].
/// </summary>
/// <remarks>
/// <para>
/// The parameters and their names are PyTorch's: the three input projections stacked in in_proj_weight (query,
/// key, value rows) and in_proj_bias, and the output projection out_proj, so a PyTorch state dict loads unchanged.
/// in_proj_weight starts Xavier-uniform, both biases at zero, out_proj.weight like <see cref="Linear"/>.
/// </para>
/// <para>
/// Masks: a Bool mask marks with <c>true</c> what a query may not attend to; a floating-point mask is added to the
/// scores (−∞ blocks). A query whose keys are all blocked by Bool masks gets zero weights and output, where
/// PyTorch gives NaN.
/// </para>
/// </remarks>
public sealed class MultiheadAttention : Module
{
    readonly Generator? generator;
    readonly Linear outProj;

    /// <summary>Creates the layer with freshly initialised parameters.</summary>
    /// <param name="embedDim">The model width E (features of the query, key and value).</param>
    /// <param name="numHeads">The number of heads; must divide <paramref name="embedDim"/>.</param>
    /// <param name="dropout">Dropout probability on the attention weights in training mode.</param>
    /// <param name="bias">Whether the projections have biases.</param>
    /// <param name="batchFirst">Whether inputs and outputs are [N, L, E] rather than [L, N, E].</param>
    /// <param name="generator">Draws the initial values and dropout masks; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is not positive, or numHeads does not divide embedDim.</exception>
    public MultiheadAttention(int embedDim, int numHeads, double dropout = 0, bool bias = true, bool batchFirst = false,
        Generator? generator = null, DType dtype = DType.Float32)
    {
        if (embedDim <= 0 || numHeads <= 0)
            throw new ArgumentOutOfRangeException(nameof(embedDim),
                $"MultiheadAttention: embed_dim and num_heads must be positive, got {embedDim} and {numHeads}.");
        if (embedDim % numHeads != 0)
            throw new ArgumentException(
                $"MultiheadAttention: embed_dim ({embedDim}) must be divisible by num_heads ({numHeads}).", nameof(numHeads));
        F.CheckDropoutProbability(dropout, "MultiheadAttention");
        EmbedDim = embedDim;
        NumHeads = numHeads;
        Dropout = dropout;
        BatchFirst = batchFirst;
        this.generator = generator;
        InProjWeight = RegisterParameter("in_proj_weight", Init.XavierUniform(Tensor.Zeros([3 * embedDim, embedDim], dtype), generator: generator));
        if (bias) InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros([3 * embedDim], dtype));
        outProj = Register("out_proj", new Linear(embedDim, embedDim, bias, generator, dtype));
        if (outProj.Bias is not null) Init.Zeros(outProj.Bias);
    }

    /// <summary>The model width E.</summary>
    public int EmbedDim { get; }

    /// <summary>The number of heads.</summary>
    public int NumHeads { get; }

    /// <summary>The features per head, E / numHeads.</summary>
    public int HeadDim => EmbedDim / NumHeads;

    /// <summary>The dropout probability on the attention weights (training mode only).</summary>
    public double Dropout { get; }

    /// <summary>Whether inputs and outputs are [N, L, E].</summary>
    public bool BatchFirst { get; }

    /// <summary>The query, key and value projection weights stacked [3E, E] (in_proj_weight).</summary>
    public Tensor InProjWeight { get; }

    /// <summary>The query, key and value projection biases stacked [3E] (in_proj_bias), or null without biases.</summary>
    public Tensor? InProjBias { get; }

    /// <summary>The output projection (out_proj).</summary>
    public Linear OutProj => outProj;

    /// <summary>Self-attention of <paramref name="input"/> with no masks. Shape: [L, N, E] → [L, N, E].</summary>
    public override Tensor Forward(Tensor input) => Forward(input, input, input, needWeights: false).Output;

    /// <summary>Attends from <paramref name="query"/> to <paramref name="key"/> and <paramref name="value"/>.</summary>
    /// <param name="query">The queries [L, N, E] ([N, L, E] with batchFirst; unbatched [L, E]).</param>
    /// <param name="key">The keys [S, N, E].</param>
    /// <param name="value">The values [S, N, E].</param>
    /// <param name="keyPaddingMask">[N, S] (unbatched [S]): Bool with true at padding keys to ignore, or floating-point added to the scores.</param>
    /// <param name="needWeights">Whether to return the attention weights.</param>
    /// <param name="attnMask">[L, S] for every sequence and head, or [N·numHeads, L, S]: Bool (true = blocked) or floating-point (added).</param>
    /// <param name="averageAttnWeights">Return the weights averaged over the heads [N, L, S] rather than per head [N, numHeads, L, S].</param>
    /// <param name="isCausal">Also block every key after the query's position, as with <see cref="F.CausalMask"/>.</param>
    /// <returns>The output [L, N, E] (like the query) and, when <paramref name="needWeights"/>, the weights; otherwise null.</returns>
    /// <exception cref="ArgumentException">A shape does not match the layer or the other inputs.</exception>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null,
        bool needWeights = true, Tensor? attnMask = null, bool averageAttnWeights = true, bool isCausal = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        bool batched = query.Rank == 3;
        CheckInputs(query, key, value, batched);
        // Work batch-first: [N, L, E].
        Tensor q = ToBatchFirst(query, batched), k = ToBatchFirst(key, batched), v = ToBatchFirst(value, batched);
        int batch = q.Size(0), targetLength = q.Size(1), sourceLength = k.Size(1);

        var (blocked, additive) = CombineMasks(keyPaddingMask, attnMask, isCausal, batched, batch, targetLength, sourceLength);
        var (qProjected, kProjected, vProjected) = Project(query, key, value, q, k, v);
        var (output, weights) = F.Attend(SplitHeads(qProjected), SplitHeads(kProjected), SplitHeads(vProjected),
            blocked, additive, IsTraining ? Dropout : 0, scale: null, generator);

        // [N, h, L, d] → [N, L, h·d] → out_proj.
        var joined = output.Permute(0, 2, 1, 3).Reshape(batch, targetLength, EmbedDim);
        var result = outProj.Forward(joined);
        if (!batched) result = result.Squeeze(0);
        else if (!BatchFirst) result = result.Transpose(0, 1);

        Tensor? returnedWeights = null;
        if (needWeights)
        {
            returnedWeights = averageAttnWeights ? weights.Mean(1) : weights;
            if (!batched) returnedWeights = returnedWeights.Squeeze(0);
        }
        return (RecordOutput(result), returnedWeights);
    }

    string Describe() => $"MultiheadAttention(embed_dim={EmbedDim}, num_heads={NumHeads})";

    void CheckInputs(Tensor query, Tensor key, Tensor value, bool batched)
    {
        string layout = BatchFirst ? "[N, L, E]" : "[L, N, E]";
        foreach (var (t, role) in new[] { (query, "query"), (key, "key"), (value, "value") })
        {
            if (!t.DType.IsFloatingPoint())
                throw new ArgumentException($"{Describe()}: expected a floating-point {role}, got {t.DType}.");
            if (t.Rank != query.Rank || (t.Rank != 2 && t.Rank != 3) || t.Size(-1) != EmbedDim)
                throw new ArgumentException(
                    $"{Describe()}: expected query, key and value of shape {layout} or unbatched [L, E] with E = {EmbedDim}; " +
                    $"got query {FormatShape(query.Shape)}, key {FormatShape(key.Shape)}, value {FormatShape(value.Shape)}.");
        }
        int lengthDim = batched && BatchFirst ? 1 : 0;
        if (key.Size(lengthDim) != value.Size(lengthDim) || (batched && (key.Size(1 - lengthDim) != query.Size(1 - lengthDim) || value.Size(1 - lengthDim) != query.Size(1 - lengthDim))))
            throw new ArgumentException(
                $"{Describe()}: key and value must have the same length and all three the same batch size; " +
                $"got query {FormatShape(query.Shape)}, key {FormatShape(key.Shape)}, value {FormatShape(value.Shape)}.");
    }

    Tensor ToBatchFirst(Tensor t, bool batched) => !batched ? t.Unsqueeze(0) : BatchFirst ? t : t.Transpose(0, 1);

    /// <summary>The three input projections; one matrix product when query, key and value are the same tensor.</summary>
    (Tensor Q, Tensor K, Tensor V) Project(Tensor query, Tensor key, Tensor value, Tensor q, Tensor k, Tensor v)
    {
        if (ReferenceEquals(query, key) && ReferenceEquals(key, value))
        {
            var all = F.Linear(q, InProjWeight, InProjBias).Chunk(3, -1);
            return (all[0], all[1], all[2]);
        }
        var weights = InProjWeight.Chunk(3, 0);
        var biases = InProjBias?.Chunk(3, 0);
        return (F.Linear(q, weights[0], biases?[0]), F.Linear(k, weights[1], biases?[1]), F.Linear(v, weights[2], biases?[2]));
    }

    /// <summary>[N, L, E] → [N, numHeads, L, headDim].</summary>
    Tensor SplitHeads(Tensor t) => t.Reshape(t.Size(0), t.Size(1), NumHeads, HeadDim).Permute(0, 2, 1, 3);

    /// <summary>
    /// Brings the key-padding mask, the attention mask and the causal mask to shapes that broadcast against the
    /// scores [N, numHeads, L, S]: Bool masks are or-ed into one, floating-point masks added into another.
    /// </summary>
    (Tensor? Blocked, Tensor? Additive) CombineMasks(Tensor? keyPaddingMask, Tensor? attnMask, bool isCausal, bool batched,
        int batch, int targetLength, int sourceLength)
    {
        Tensor? blocked = null, additive = null;
        void Add(Tensor mask, string role)
        {
            if (mask.DType == DType.Bool) blocked = blocked is null ? mask : blocked.LogicalOr(mask);
            else if (mask.DType.IsFloatingPoint()) additive = additive is null ? mask : additive + mask;
            else throw new ArgumentException($"{Describe()}: {role} must be Bool or floating-point, got {mask.DType}.");
        }

        if (keyPaddingMask is not null)
        {
            int[] expected = batched ? [batch, sourceLength] : [sourceLength];
            if (!keyPaddingMask.Shape.SequenceEqual(expected))
                throw new ArgumentException(
                    $"{Describe()}: expected key_padding_mask of shape {FormatShape(expected)} ({(batched ? "N, S" : "S")}), got {FormatShape(keyPaddingMask.Shape)}.");
            Add(keyPaddingMask.Reshape(batch, 1, 1, sourceLength), "key_padding_mask");
        }
        if (attnMask is not null)
        {
            int[] shared = [targetLength, sourceLength];
            int[] perHead = [batch * NumHeads, targetLength, sourceLength];
            if (attnMask.Shape.SequenceEqual(shared)) Add(attnMask, "attn_mask");
            else if (attnMask.Shape.SequenceEqual(perHead)) Add(attnMask.Reshape(batch, NumHeads, targetLength, sourceLength), "attn_mask");
            else
                throw new ArgumentException(
                    $"{Describe()}: expected attn_mask of shape {FormatShape(shared)} (L, S) or {FormatShape(perHead)} (N·num_heads, L, S), got {FormatShape(attnMask.Shape)}.");
        }
        if (isCausal) Add(F.CausalMask(targetLength, sourceLength), "causal mask");
        return (blocked, additive);
    }
}
