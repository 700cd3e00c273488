namespace Myelin.NN;

/// <summary>
/// Keras-style categorical cross-entropy for models that end in a softmax: probabilities clipped
/// to [1e-7, 1 − 1e-7], then −Σ y·log p, averaged over the batch. Targets are class indices or
/// one-hot rows. See <see cref="F.CrossEntropyFromProbabilities"/>.
/// <para>Shape: input (probabilities) [N, C] or [N, C, d1, …]; target [N] / [N, d1, …] of class
/// indices, or the input's shape; output a scalar, or [N] / [N, d1, …] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class CrossEntropyFromProbabilitiesLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public CrossEntropyFromProbabilitiesLoss(Reduction reduction = Reduction.Mean)
        : base("CrossEntropyFromProbabilities", reduction) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.CrossEntropyFromProbabilities(input, target, Reduction);
}
