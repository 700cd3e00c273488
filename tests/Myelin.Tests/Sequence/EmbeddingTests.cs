using Myelin.NN;

namespace Myelin.Tests.Sequence;

public class EmbeddingTests
{
    [Fact]
    public void LooksUpRowsForIndicesOfAnyShape()
    {
        var embedding = new Embedding(4, 2, generator: new Generator(1));
        var weight = embedding.Weight.ToArray();
        var output = embedding.Forward(Tensor.FromArray(new long[] { 3, 0, 3, 1, 2, 2 }, 2, 3));
        Assert.Equal([2, 3, 2], output.Shape.ToArray());
        var values = output.ToArray();
        Assert.Equal(weight[6], values[0]);
        Assert.Equal(weight[7], values[1]);
        Assert.Equal(weight[0], values[2]);
        Assert.Equal(weight[4], values[10]);
        // Int32 indices and a 0-d index work too.
        Assert.Equal(values.Take(2), embedding.Forward(Tensor.FromArray(new[] { 3 })).ToArray());
        Assert.Equal([2], embedding.Forward(Tensor.Scalar(1, DType.Int64)).Shape.ToArray());
    }

    [Fact]
    public void InitialisesFromAStandardNormal()
    {
        var values = new Embedding(200, 50, generator: new Generator(2)).Weight.ToArray();
        double mean = values.Average(v => (double)v);
        double std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(std, 0.97, 1.03);
    }

    [Fact]
    public void PaddingRowStartsAtZeroAndGetsNoGradient()
    {
        var embedding = new Embedding(5, 3, paddingIdx: 2, generator: new Generator(3));
        Assert.All(embedding.Weight[2].ToArray(), v => Assert.Equal(0f, v));
        Assert.All(embedding.Weight[1].ToArray(), v => Assert.NotEqual(0f, v));

        // Even a non-zero padding row (loaded from a file) is returned, but never trained.
        using (Autograd.NoGrad()) embedding.Weight[2].Fill(5);
        var output = embedding.Forward(Tensor.FromArray(new long[] { 2, 1, 2, 4 }));
        Assert.Equal(5f, output[0].ToArray()[0]);
        (output * Tensor.Randn([4, 3], new Generator(4))).Sum().Backward();
        var grad = embedding.Weight.Grad!;
        Assert.All(grad[2].ToArray(), v => Assert.Equal(0f, v));
        Assert.All(grad[1].ToArray(), v => Assert.NotEqual(0f, v));
        Assert.All(grad[0].ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void NegativePaddingIndexCountsFromTheEnd()
    {
        var embedding = new Embedding(5, 3, paddingIdx: -1);
        Assert.Equal(4, embedding.PaddingIdx);
        Assert.Equal("Embedding(5, 3, padding_idx=4)", embedding.ToString());
        Assert.Equal("Embedding(5, 3)", new Embedding(5, 3).ToString());
    }

    [Fact]
    public void OutOfRangeIndexNamesTheLayerAndTheIndex()
    {
        var embedding = new Embedding(10, 3);
        var error = Assert.Throws<ArgumentException>(() => embedding.Forward(Tensor.FromArray(new long[] { 1, 12, 3 })));
        Assert.Contains("Embedding(10, 3)", error.Message);
        Assert.Contains("index 12", error.Message);
        Assert.Contains("[0, 10)", error.Message);
        Assert.Throws<ArgumentException>(() => embedding.Forward(Tensor.FromArray(new long[] { -1 })));
    }

    [Fact]
    public void FloatIndicesAndBadConstructorArgumentsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Embedding(10, 3).Forward(Tensor.Zeros(2, 3)));
        Assert.Contains("Int64", error.Message);
        Assert.Contains("Float32", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 3, paddingIdx: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 3, paddingIdx: -5));
    }
}
