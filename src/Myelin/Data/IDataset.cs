namespace Myelin.Data;

/// <summary>
/// A data set of <see cref="Count"/> samples, each an input and its target, read by index: the
/// counterpart of PyTorch's map-style <c>torch.utils.data.Dataset</c>.
/// </summary>
/// <remarks>
/// Implement it for data that is loaded or generated per sample (files on disk, augmentation);
/// for data already in tensors use <see cref="TensorDataset"/>. A <see cref="DataLoader"/> reads
/// samples by index and stacks them into batches. With prefetching the loader reads from a
/// worker thread, so the indexer must not depend on the calling thread.
/// </remarks>
public interface IDataset
{
    /// <summary>The number of samples.</summary>
    int Count { get; }

    /// <summary>The sample at <paramref name="index"/>, in 0 … <see cref="Count"/> − 1.</summary>
    /// <remarks>Shape: Input and Target are one sample without a batch dimension, e.g. [F] and [] for a table with class labels.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the data set.</exception>
    (Tensor Input, Tensor Target) this[int index] { get; }
}
