namespace Myelin.Data;

/// <summary>
/// A data set that can read many samples at once faster than one at a time, such as
/// <see cref="TensorDataset"/> (one gather per tensor instead of one stack of N views).
/// <see cref="DataLoader"/> uses <see cref="GetBatch"/> when no custom collate function is given.
/// </summary>
public interface IBatchDataset : IDataset
{
    /// <summary>
    /// The samples at <paramref name="indices"/>, stacked along a new first dimension: the same
    /// result as <see cref="Collate.Stack"/> applied to the samples one by one.
    /// </summary>
    /// <remarks>Shape: Input [B, …] and Target [B, …], with B = indices.Length.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the data set.</exception>
    (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices);
}
