using Myelin.NN;

namespace Myelin.Tests.Sequence;

public class SequencesTests
{
    [Fact]
    public void PadBatchPadsStacksAndMasks()
    {
        var a = Tensor.FromArray(new long[] { 5, 6, 7 });
        var b = Tensor.FromArray(new long[] { 8 });
        var (padded, mask) = Sequences.PadBatch([a, b], paddingValue: 0, batchFirst: true);
        Assert.Equal(DType.Int64, padded.DType);
        Assert.Equal(new long[] { 5, 6, 7, 8, 0, 0 }, padded.ToArray<long>());
        Assert.Equal([2, 3], padded.Shape.ToArray());
        Assert.Equal(new[] { false, false, false, false, true, true }, mask.ToArray<bool>());
        Assert.Equal([2, 3], mask.Shape.ToArray());

        var (timeFirst, sameMask) = Sequences.PadBatch([a, b], paddingValue: -1);
        Assert.Equal([3, 2], timeFirst.Shape.ToArray());
        Assert.Equal(new long[] { 5, 8, 6, -1, 7, -1 }, timeFirst.ToArray<long>());
        Assert.Equal(mask.ToArray<bool>(), sameMask.ToArray<bool>());
    }

    [Fact]
    public void PadBatchKeepsTrailingDimensions()
    {
        var (padded, _) = Sequences.PadBatch([Tensor.Ones(2, 3), Tensor.Ones(4, 3)], batchFirst: true);
        Assert.Equal([2, 4, 3], padded.Shape.ToArray());
        Assert.Equal(6f + 12f, padded.Sum().Item<float>());
    }

    [Fact]
    public void PadBatchRejectsMismatchedSequences()
    {
        Assert.Throws<ArgumentException>(() => Sequences.PadBatch([]));
        var error = Assert.Throws<ArgumentException>(() => Sequences.PadBatch([Tensor.Ones(2, 3), Tensor.Ones(2, 4)]));
        Assert.Contains("sequence 1", error.Message);
        Assert.Contains("[2, 4]", error.Message);
        Assert.Throws<ArgumentException>(() => Sequences.PadBatch([Tensor.Ones(2), Tensor.FromArray(new long[] { 1 })]));
        Assert.Throws<ArgumentException>(() => Sequences.PadBatch([Tensor.Scalar(1)]));
    }
}
