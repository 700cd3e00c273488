namespace Myelin.Data;

/// <summary>
/// The samples of another data set at chosen indices, in the order given: sample i is
/// <see cref="Dataset"/>[<see cref="Indices"/>[i]]. No data is copied. PyTorch's <c>Subset</c>;
/// <see cref="Splits.RandomSplit(IDataset, int[], Generator?)"/> returns these.
/// </summary>
public sealed class Subset : IBatchDataset
{
    readonly int[] sourceIndices;

    /// <summary>Selects the samples of <paramref name="dataset"/> at <paramref name="indices"/> (copied; repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <paramref name="dataset"/>.</exception>
    public Subset(IDataset dataset, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        int count = dataset.Count;
        for (int i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i],
                    $"Subset: index {indices[i]} at position {i} is outside the data set's {count} samples (0 … {count - 1}).");
        Dataset = dataset;
        sourceIndices = (int[])indices.Clone();
    }

    /// <summary>The data set the samples come from.</summary>
    public IDataset Dataset { get; }

    /// <summary>The indices into <see cref="Dataset"/>, one per sample of this subset.</summary>
    public IReadOnlyList<int> Indices => sourceIndices;

    /// <inheritdoc/>
    public int Count => sourceIndices.Length;

    /// <inheritdoc/>
    public (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            return Dataset[sourceIndices[index]];
        }
    }

    /// <inheritdoc/>
    /// <remarks>Forwards to the underlying data set's fast path when it has one, so a subset of a
    /// <see cref="TensorDataset"/> still loads each batch with one gather.</remarks>
    public (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
    {
        var mapped = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            CheckIndex(indices[i]);
            mapped[i] = sourceIndices[indices[i]];
        }
        if (Dataset is IBatchDataset batched) return batched.GetBatch(mapped);
        var samples = new (Tensor Input, Tensor Target)[mapped.Length];
        for (int i = 0; i < mapped.Length; i++) samples[i] = Dataset[mapped[i]];
        return Collate.Stack(samples);
    }

    void CheckIndex(int index)
    {
        if ((uint)index >= (uint)sourceIndices.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"Subset: index {index} is outside the {sourceIndices.Length} samples (0 … {sourceIndices.Length - 1}).");
    }
}
