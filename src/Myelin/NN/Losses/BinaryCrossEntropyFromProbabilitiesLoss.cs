namespace Myelin.NN;

/// <summary>
/// Keras-style binary cross-entropy for models that end in a sigmoid: probabilities clipped to
/// [1e-7, 1 − 1e-7], then −[y·log p + (1 − y)·log(1 − p)]. See
/// <see cref="F.BinaryCrossEntropyFromProbabilities"/>.
/// <para>Shape: input (probabilities) [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class BinaryCrossEntropyFromProbabilitiesLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public BinaryCrossEntropyFromProbabilitiesLoss(Reduction reduction = Reduction.Mean)
        : base("BinaryCrossEntropyFromProbabilities", reduction) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.BinaryCrossEntropyFromProbabilities(input, target, Reduction);
}
