namespace Myelin.Text;

/// <summary>
/// Picking the next token from a model's scores (logits): at random from the softmax distribution, optionally
/// sharpened or flattened by a temperature and restricted to the k most likely tokens, or greedily.
/// </summary>
public static class Sampling
{
    /// <summary>
    /// The distribution that <see cref="Sample"/> draws from: softmax(logits / temperature), with every token
    /// outside the <paramref name="topK"/> highest logits set to probability zero (ties with the k-th are kept).
    /// Shape: logits [V] → probabilities [V], Float64.
    /// </summary>
    /// <param name="logits">Unnormalised scores, one per token.</param>
    /// <param name="temperature">Divides the logits: below 1 sharpens, above 1 flattens. Must be positive.</param>
    /// <param name="topK">Keep only the k most likely tokens; null keeps all.</param>
    /// <exception cref="ArgumentException">The logits are not 1-D floating-point or not finite, or an option is out of range.</exception>
    public static double[] Probabilities(Tensor logits, double temperature = 1, int? topK = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 1 || logits.NumElements == 0 || !logits.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"Sampling: expected 1-D floating-point logits [V] (take the last position's row), got {logits.DType} [{string.Join(", ", logits.Shape)}].", nameof(logits));
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), $"Sampling: temperature must be positive and finite, got {temperature}; use Greedy for the most likely token.");
        var scores = logits.To(DType.Float64).ToArray<double>();
        if (topK is int k && (k <= 0 || k > scores.Length))
            throw new ArgumentOutOfRangeException(nameof(topK), $"Sampling: topK must be in [1, {scores.Length}], got {k}.");
        for (int i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]) && !double.IsNegativeInfinity(scores[i]))
                throw new ArgumentException($"Sampling: logit {i} is {scores[i]}.", nameof(logits));
            scores[i] /= temperature;
        }

        double threshold = double.NegativeInfinity;
        if (topK is int keep)
        {
            var sorted = (double[])scores.Clone();
            Array.Sort(sorted);
            threshold = sorted[sorted.Length - keep];
        }
        double max = scores.Max();
        if (double.IsNegativeInfinity(max))
            throw new ArgumentException("Sampling: every logit is −∞; there is nothing to sample.", nameof(logits));
        var probabilities = new double[scores.Length];
        double total = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            probabilities[i] = scores[i] >= threshold ? Math.Exp(scores[i] - max) : 0;
            total += probabilities[i];
        }
        for (int i = 0; i < probabilities.Length; i++) probabilities[i] /= total;
        return probabilities;
    }

    /// <summary>
    /// Draws a token index from softmax(logits / temperature), restricted to the <paramref name="topK"/> most likely
    /// tokens when given. Shape: logits [V] → an index in [0, V).
    /// </summary>
    /// <param name="logits">Unnormalised scores, one per token (e.g. the last position of a language model's output).</param>
    /// <param name="temperature">Divides the logits: below 1 sharpens, above 1 flattens. Must be positive.</param>
    /// <param name="topK">Sample only among the k most likely tokens; null for all.</param>
    /// <param name="generator">The random source; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentException">The logits are not 1-D floating-point, or an option is out of range.</exception>
    public static long Sample(Tensor logits, double temperature = 1, int? topK = null, Generator? generator = null)
    {
        var probabilities = Probabilities(logits, temperature, topK);
        double u = (generator ?? Generator.Default).NextDouble();
        double cumulative = 0;
        int lastPossible = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] == 0) continue;
            lastPossible = i;
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        // Rounding can leave the cumulative sum a hair below 1.
        return lastPossible;
    }

    /// <summary>The most likely token (the first on ties). Shape: logits [V] → an index in [0, V).</summary>
    /// <exception cref="ArgumentException">The logits are not 1-D.</exception>
    public static long Greedy(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 1 || logits.NumElements == 0)
            throw new ArgumentException($"Sampling: expected 1-D logits [V], got [{string.Join(", ", logits.Shape)}].", nameof(logits));
        return logits.ArgMax().Item<long>();
    }
}
