namespace Myelin.Learn;

/// <summary>How much detail <see cref="Explain"/> prints.</summary>
public sealed record ExplainOptions
{
    /// <summary>Significant digits of the numbers shown (default 3: 0.961). The structured results keep full precision.</summary>
    public int Digits { get; init; } = 3;

    /// <summary>
    /// The most terms of a weighted sum written out (default 6); a neuron with more inputs shows the
    /// first ones, "…" and the last two.
    /// </summary>
    public int MaxTerms { get; init; } = 6;

    /// <summary>The most neurons of a layer written out (default 6); the others are summarised in one line.</summary>
    public int MaxNeurons { get; init; } = 6;

    /// <summary>Whether to add the matrix view of each layer, <c>z = W·x + b</c> (default true).</summary>
    public bool ShowMatrices { get; init; } = true;

    /// <summary>The default options.</summary>
    public static ExplainOptions Default { get; } = new();

    internal void Validate(string caller)
    {
        if (Digits is < 1 or > 15)
            throw new ArgumentOutOfRangeException(nameof(Digits), Digits, $"{caller}: Digits must be between 1 and 15.");
        if (MaxTerms < 3)
            throw new ArgumentOutOfRangeException(nameof(MaxTerms), MaxTerms, $"{caller}: MaxTerms must be at least 3.");
        if (MaxNeurons < 3)
            throw new ArgumentOutOfRangeException(nameof(MaxNeurons), MaxNeurons, $"{caller}: MaxNeurons must be at least 3.");
    }
}
