namespace Myelin.Data;

/// <summary>
/// A data set held in two tensors whose first dimension indexes the samples: sample i is
/// (<see cref="Features"/>[i], <see cref="Targets"/>[i]). PyTorch's <c>TensorDataset</c>.
/// </summary>
/// <remarks>
/// Shape: Features [N, …] (e.g. [N, F] or [N, C, H, W]); Targets [N, …] (e.g. Int64 [N] class
/// labels or Float32 [N, 1] regression targets). Single samples are views without the first
/// dimension; <see cref="GetBatch"/> gathers a batch with one <see cref="Tensor.IndexSelect"/>
/// per tensor, which is what <see cref="DataLoader"/> uses.
/// </remarks>
public sealed class TensorDataset : IBatchDataset
{
    /// <summary>Creates a data set over <paramref name="features"/> and <paramref name="targets"/> (not copied).</summary>
    /// <exception cref="ArgumentException">A tensor has no dimensions, or the first dimensions differ.</exception>
    public TensorDataset(Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.Rank == 0 || targets.Rank == 0)
            throw new ArgumentException(
                $"TensorDataset: features {Layout.Format(features.Shape.AsSpan())} and targets {Layout.Format(targets.Shape.AsSpan())} "
                + "need a first dimension that indexes the samples.");
        if (features.Shape[0] != targets.Shape[0])
            throw new ArgumentException(
                $"TensorDataset: features {Layout.Format(features.Shape.AsSpan())} and targets {Layout.Format(targets.Shape.AsSpan())} "
                + $"must have the same first dimension (the number of samples), got {features.Shape[0]} ≠ {targets.Shape[0]}.");
        Features = features;
        Targets = targets;
    }

    /// <summary>The inputs, one sample per index of the first dimension. Shape: [N, …].</summary>
    public Tensor Features { get; }

    /// <summary>The targets, one per sample. Shape: [N, …].</summary>
    public Tensor Targets { get; }

    /// <inheritdoc/>
    public int Count => Features.Shape[0];

    /// <inheritdoc/>
    public (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            return (Features[index], Targets[index]);
        }
    }

    /// <inheritdoc/>
    public (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
    {
        var rows = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            CheckIndex(indices[i]);
            rows[i] = indices[i];
        }
        var index = Tensor.FromArray(rows, rows.Length);
        return (Features.IndexSelect(0, index), Targets.IndexSelect(0, index));
    }

    void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"TensorDataset: index {index} is outside the {Count} samples (0 … {Count - 1}).");
    }
}
