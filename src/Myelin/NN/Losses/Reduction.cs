namespace Myelin.NN;

/// <summary>
/// How a loss turns its per-element values into the tensor it returns, as PyTorch's
/// <c>reduction</c> argument does.
/// </summary>
public enum Reduction
{
    /// <summary>
    /// The average over elements: a scalar. Cross-entropy and negative log-likelihood with class
    /// weights divide by the total weight of the targets that count, as PyTorch does.
    /// </summary>
    Mean,

    /// <summary>The sum over elements: a scalar.</summary>
    Sum,

    /// <summary>No reduction: one value per element (per sample for cross-entropy and NLL).</summary>
    None,

    /// <summary>
    /// The sum divided by the batch size (the size of the first dimension). Only the KL divergence
    /// (<see cref="F.KLDivLoss"/>) accepts it: it gives the true divergence per sample, where
    /// <see cref="Mean"/> also divides by the number of classes.
    /// </summary>
    BatchMean,
}
