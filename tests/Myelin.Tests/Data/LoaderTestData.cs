using Myelin.Data;

namespace Myelin.Tests.Data;

/// <summary>Small data sets for the loader tests whose samples say which index they came from.</summary>
internal static class LoaderTestData
{
    /// <summary>Features [n, 3] with row i = (3i, 3i + 1, 3i + 2); targets Int64 [n] with target i = i.</summary>
    public static TensorDataset Numbered(int n) =>
        new(Tensor.Arange(0, n * 3, 1, DType.Float32).Reshape(n, 3), Tensor.Arange(n));
}

/// <summary>
/// A data set read one sample at a time (no batched path), like one that loads files: sample i is
/// ([i, −i], i). It counts reads and can be told to fail at one index.
/// </summary>
internal sealed class PerSampleDataset(int count, int failAt = -1) : IDataset
{
    int reads;

    /// <summary>How many samples have been read so far, from any thread.</summary>
    public int Reads => Volatile.Read(ref reads);

    public int Count => count;

    public (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            Interlocked.Increment(ref reads);
            if (index == failAt) throw new InvalidDataException($"sample {index} is corrupt");
            return (Tensor.FromArray(new float[] { index, -index }, 2), Tensor.Scalar(index, DType.Int64));
        }
    }
}
