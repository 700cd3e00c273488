namespace Myelin.NN;

/// <summary>Helpers for batches of sequences of different lengths (PyTorch's <c>torch.nn.utils.rnn</c>).</summary>
public static class Sequences
{
    /// <summary>
    /// Pads sequences of different lengths to the longest and stacks them into one batch, returning also a Bool mask
    /// that is <c>true</c> at the padding positions (ready as a <c>keyPaddingMask</c>). Differentiable in the sequences.
    /// Shape: sequences [L_i, *] → padded [maxL, B, *] ([B, maxL, *] with batchFirst) and mask [B, maxL].
    /// </summary>
    /// <param name="sequences">The sequences; all with the same trailing dimensions and dtype.</param>
    /// <param name="paddingValue">The value written at padding positions (e.g. the padding token's index).</param>
    /// <param name="batchFirst">Put the batch dimension first.</param>
    /// <exception cref="ArgumentException">The list is empty, or a sequence is 0-d, or their trailing shapes or dtypes differ.</exception>
    public static (Tensor Padded, Tensor PaddingMask) PadBatch(IReadOnlyList<Tensor> sequences, double paddingValue = 0, bool batchFirst = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("PadBatch: expected at least one sequence.", nameof(sequences));
        var first = sequences[0] ?? throw new ArgumentException("PadBatch: sequence 0 is null.", nameof(sequences));
        if (first.Rank == 0) throw new ArgumentException("PadBatch: sequence 0 is 0-d; expected [L, *].", nameof(sequences));
        var trailing = first.Shape.Skip(1).ToArray();
        int longest = 0;
        for (int i = 0; i < sequences.Count; i++)
        {
            var s = sequences[i] ?? throw new ArgumentException($"PadBatch: sequence {i} is null.", nameof(sequences));
            if (s.Rank == 0 || !s.Shape.Skip(1).SequenceEqual(trailing) || s.DType != first.DType)
                throw new ArgumentException(
                    $"PadBatch: sequence {i} is {s.DType} {Module.FormatShape(s.Shape)}, but sequence 0 is {first.DType} {Module.FormatShape(first.Shape)}; " +
                    "all must share their dtype and every dimension after the first.", nameof(sequences));
            longest = Math.Max(longest, s.Size(0));
        }

        var padded = new Tensor[sequences.Count];
        var mask = new bool[sequences.Count * longest];
        for (int i = 0; i < sequences.Count; i++)
        {
            var s = sequences[i];
            int missing = longest - s.Size(0);
            padded[i] = missing == 0 ? s : Tensor.Cat([s, Tensor.Full([missing, .. trailing], paddingValue, s.DType)], 0);
            for (int t = s.Size(0); t < longest; t++) mask[i * longest + t] = true;
        }
        return (Tensor.Stack(padded, batchFirst ? 0 : 1), Tensor.FromArray(mask, sequences.Count, longest));
    }
}
