namespace Myelin.NN;

/// <summary>
/// Batch normalisation of 2-D or 3-D input: each channel (feature) is normalised by the mean and variance over
/// the batch (and length) dimensions, then scaled by <see cref="BatchNormBase.Weight"/> and shifted by <see cref="BatchNormBase.Bias"/>.
/// Shape: input [N, C] or [N, C, L] with C = numFeatures → output of the same shape.
/// </summary>
/// <remarks>
/// <para>
/// In training mode the batch statistics are used (the biased variance) and the running estimates are
/// updated: running = (1 − momentum)·running + momentum·batch, with the unbiased variance for
/// running_var, and num_batches_tracked counts the steps. In evaluation mode the running estimates are used.
/// This is exactly PyTorch's behaviour, and the state-dict names are PyTorch's: weight, bias, running_mean,
/// running_var, num_batches_tracked (Int64).
/// </para>
/// <para>
/// With <c>momentum: null</c> the running estimates are the cumulative average over all batches so far.
/// With <c>trackRunningStats: false</c> there are no running estimates and batch statistics are used in both modes.
/// </para>
/// </remarks>
public sealed class BatchNorm1d : BatchNormBase
{
    /// <summary>Creates the layer with weight 1, bias 0, running mean 0 and running variance 1.</summary>
    /// <param name="numFeatures">C, the number of channels.</param>
    /// <param name="eps">Added to the variance before the square root, for numerical stability.</param>
    /// <param name="momentum">The weight of the newest batch in the running estimates; null for a cumulative average.</param>
    /// <param name="affine">Whether to learn a per-channel weight and bias.</param>
    /// <param name="trackRunningStats">Whether to keep running estimates for evaluation mode.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters and buffers.</param>
    /// <exception cref="ArgumentOutOfRangeException">numFeatures is not positive, eps is negative, or momentum is outside [0, 1].</exception>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true,
        DType dtype = DType.Float32)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype) { }

    /// <summary>Accepts [N, C] or [N, C, L] with C = <see cref="BatchNormBase.NumFeatures"/>.</summary>
    protected override void CheckInput(Tensor input)
    {
        if (input.Rank is not (2 or 3) || input.Size(1) != NumFeatures)
            throw new ArgumentException(
                $"BatchNorm1d({NumFeatures}): expected input of shape [N, {NumFeatures}] or [N, {NumFeatures}, L], got {FormatShape(input.Shape)}.");
    }
}
