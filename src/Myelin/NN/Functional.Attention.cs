namespace Myelin.NN;

public static partial class F
{
    /// <summary>
    /// Scaled dot-product attention: softmax(q·kᵀ·scale + mask)·v. Each query position takes a weighted average of
    /// the values, weighted by how well the query matches each key.
    /// Shape: query [*, L, E], key [*, S, E], value [*, S, Ev] (the leading dimensions broadcast); attnMask broadcastable
    /// to [*, L, S] → output [*, L, Ev].
    /// </summary>
    /// <param name="query">The queries.</param>
    /// <param name="key">The keys, one per value.</param>
    /// <param name="value">The values that are averaged.</param>
    /// <param name="attnMask">
    /// A Bool mask where <c>true</c> marks a key a query must not attend to (as in <see cref="MultiheadAttention"/>),
    /// or a floating-point mask added to the scores (use −∞ to block). Null for none.
    /// </param>
    /// <param name="dropout">Dropout probability on the attention weights, in [0, 1); applied whenever positive.</param>
    /// <param name="isCausal">Also block every key after the query's own position (j &gt; i), for autoregressive models.</param>
    /// <param name="scale">The factor on q·kᵀ; null gives 1/√E.</param>
    /// <param name="generator">Draws the dropout mask; null uses <see cref="Generator.Default"/>.</param>
    /// <remarks>
    /// A query whose keys are all masked out by a Bool mask gets zero weights and a zero output (PyTorch gives NaN).
    /// PyTorch 2's <c>scaled_dot_product_attention</c> reads a Bool mask the other way round (true = take part);
    /// Myelin uses one convention, true = masked out, everywhere.
    /// </remarks>
    /// <exception cref="ArgumentException">The shapes do not fit together or the mask does not broadcast to [*, L, S].</exception>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
        double dropout = 0, bool isCausal = false, double? scale = null, Generator? generator = null) =>
        ScaledDotProductAttentionWithWeights(query, key, value, attnMask, dropout, isCausal, scale, generator).Output;

    /// <summary>
    /// <see cref="ScaledDotProductAttention"/> that also returns the attention weights (after dropout), for
    /// inspection or plotting.
    /// Shape: query [*, L, E], key [*, S, E], value [*, S, Ev] → output [*, L, Ev], weights [*, L, S].
    /// </summary>
    /// <inheritdoc cref="ScaledDotProductAttention" path="/param"/>
    /// <exception cref="ArgumentException">The shapes do not fit together or the mask does not broadcast to [*, L, S].</exception>
    public static (Tensor Output, Tensor Weights) ScaledDotProductAttentionWithWeights(Tensor query, Tensor key, Tensor value,
        Tensor? attnMask = null, double dropout = 0, bool isCausal = false, double? scale = null, Generator? generator = null)
    {
        const string name = "ScaledDotProductAttention";
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        CheckDropoutProbability(dropout, name);
        foreach (var (t, role) in new[] { (query, "query"), (key, "key"), (value, "value") })
        {
            if (t.Rank < 2)
                throw new ArgumentException($"{name}: {role} must have at least 2 dimensions [*, length, features], got {Module.FormatShape(t.Shape)}.");
            t.RequireFloat(name);
        }
        if (query.Size(-1) != key.Size(-1))
            throw new ArgumentException(
                $"{name}: query {Module.FormatShape(query.Shape)} and key {Module.FormatShape(key.Shape)} must have the same last dimension.");
        if (key.Size(-2) != value.Size(-2))
            throw new ArgumentException(
                $"{name}: key {Module.FormatShape(key.Shape)} and value {Module.FormatShape(value.Shape)} must have the same length (dimension −2).");
        var batch = Layout.Broadcast(Layout.Broadcast(query.shape[..^2], key.shape[..^2], name), value.shape[..^2], name);
        int[] scoresShape = [.. batch, query.Size(-2), key.Size(-2)];

        Tensor? blocked = null, additive = null;
        if (attnMask is not null)
        {
            CheckMaskBroadcasts(attnMask, scoresShape, name, "attnMask");
            if (attnMask.DType == DType.Bool) blocked = attnMask;
            else if (attnMask.DType.IsFloatingPoint()) additive = attnMask;
            else throw new ArgumentException($"{name}: attnMask must be Bool or floating-point, got {attnMask.DType}.");
        }
        if (isCausal)
        {
            var causal = CausalMask(query.Size(-2), key.Size(-2));
            blocked = blocked is null ? causal : blocked.LogicalOr(causal);
        }
        return Attend(query, key, value, blocked, additive, dropout, scale, generator);
    }

    /// <summary>
    /// The Bool mask of causal (autoregressive) attention: <c>true</c> where key position j comes after query position i
    /// (j &gt; i), i.e. the positions a query may not see. Pass it as an attention mask.
    /// Shape: [queryLength, keyLength].
    /// </summary>
    /// <param name="queryLength">The number of query positions L.</param>
    /// <param name="keyLength">The number of key positions S; null for L.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive.</exception>
    public static Tensor CausalMask(int queryLength, int? keyLength = null)
    {
        int keys = keyLength ?? queryLength;
        if (queryLength <= 0 || keys <= 0)
            throw new ArgumentOutOfRangeException(nameof(queryLength), $"CausalMask: lengths must be positive, got {queryLength} and {keys}.");
        var rows = Tensor.Arange(queryLength).Unsqueeze(1);
        var columns = Tensor.Arange(keys).Unsqueeze(0);
        return columns.Gt(rows);
    }

    /// <summary>
    /// The attention computation once inputs are checked: <paramref name="blocked"/> (Bool, true = masked out) and
    /// <paramref name="additive"/> (added to the scores) are both optional and broadcast to the scores [*, L, S].
    /// </summary>
    internal static (Tensor Output, Tensor Weights) Attend(Tensor query, Tensor key, Tensor value, Tensor? blocked, Tensor? additive,
        double dropout, double? scale, Generator? generator)
    {
        var scores = query.MatMul(key.MT) * (scale ?? 1 / Math.Sqrt(query.Size(-1)));
        if (additive is not null) scores = scores + additive;
        Tensor? emptyRows = null;
        if (blocked is not null)
        {
            scores = scores.MaskedFill(blocked, double.NegativeInfinity);
            emptyRows = RowsWithNoKey(blocked);
            // A row of −∞ alone would make softmax 0/0 = NaN; give it finite scores, then zero its weights.
            if (emptyRows is not null) scores = Tensor.Where(emptyRows, 0.0, scores);
        }
        var weights = scores.Softmax(-1);
        if (emptyRows is not null) weights = Tensor.Where(emptyRows, 0.0, weights);
        if (dropout > 0) weights = Dropout(weights, dropout, training: true, generator);
        return (weights.MatMul(value), weights);
    }

    /// <summary>A Bool [*, L, 1] marking queries whose every key is blocked, or null when there is none.</summary>
    static Tensor? RowsWithNoKey(Tensor blocked)
    {
        var allBlocked = blocked.To(DType.Float32).Min(-1, keepDim: true).Gt(0.5);
        return allBlocked.To(DType.Float32).Max().Item() > 0 ? allBlocked : null;
    }

    /// <summary>Checks that <paramref name="mask"/> broadcasts to <paramref name="target"/> without growing it.</summary>
    internal static void CheckMaskBroadcasts(Tensor mask, int[] target, string caller, string role)
    {
        bool fits = mask.Rank <= target.Length;
        for (int i = 1; fits && i <= mask.Rank; i++)
            fits = mask.Size(-i) == 1 || mask.Size(-i) == target[^i];
        if (!fits)
            throw new ArgumentException(
                $"{caller}: {role} of shape {Module.FormatShape(mask.Shape)} does not broadcast to the attention scores {Module.FormatShape(target)} ([*, L, S]).");
    }
}
