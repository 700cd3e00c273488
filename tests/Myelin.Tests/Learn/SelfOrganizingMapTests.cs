using Myelin.Data;
using Myelin.Learn;

namespace Myelin.Tests.Learn;

public class SelfOrganizingMapTests
{
    [Fact]
    public void MapOfIrisSeparatesTheSpecies()
    {
        LabeledData iris = Datasets.Iris();
        Tensor features = new StandardScaler().FitTransform(iris.Features);
        var map = new SelfOrganizingMap(6, 6, 4, new Generator(1));
        map.Train(features, 2000, new Generator(2));

        double purity = map.Purity(features, iris.Labels);
        Assert.True(purity >= 0.9, $"purity {purity}");

        // Setosa is the easy species: none of its cells is shared with another species' majority.
        int[,] majority = map.MajorityLabels(features, iris.Labels);
        long[] cells = map.Assign(features);
        long[] labels = iris.Labels.ToArray<long>();
        Assert.All(Enumerable.Range(0, 50), n => Assert.Equal(0, majority[cells[n] / 6, cells[n] % 6]));
        Assert.All(Enumerable.Range(0, 150), n => Assert.InRange(labels[n], 0, 2));
    }

    [Fact]
    public void MapOfRandomColoursIsSmooth()
    {
        var map = new SelfOrganizingMap(12, 12, 3, new Generator(4));
        double randomBefore = map.MeanRandomPairDistance(500, new Generator(6));
        double neighboursBefore = map.MeanNeighbourDistance();
        map.Train(Tensor.Rand([300, 3], new Generator(3)), 1500, new Generator(5));

        double neighbours = map.MeanNeighbourDistance(), random = map.MeanRandomPairDistance(500, new Generator(6));
        Assert.True(neighbours < 0.3 * random, $"neighbours {neighbours}, random pairs {random}");
        Assert.True(neighboursBefore > 0.8 * randomBefore, "an untrained map is not smooth");

        byte[] rgb = map.ToRgb(cellSize: 3);
        Assert.Equal(3 * 36 * 36, rgb.Length);
        Assert.Equal((36, 36), PngWriter.ReadSize(PngWriter.Encode(36, 36, rgb)));
        // Pixels of one cell are the same colour.
        Assert.Equal(rgb[0..3], rgb[3..6]);
    }

    [Fact]
    public void AssignFindsTheNearestCell()
    {
        var map = new SelfOrganizingMap(3, 4, 2, new Generator(9));
        Tensor samples = Tensor.Rand([20, 2], new Generator(10));
        long[] cells = map.Assign(samples);
        float[] w = map.Weights.ToArray(), x = samples.ToArray();
        for (int n = 0; n < 20; n++)
        {
            int nearest = Enumerable.Range(0, 12).MinBy(c => Math.Pow(w[2 * c] - x[2 * n], 2) + Math.Pow(w[2 * c + 1] - x[2 * n + 1], 2));
            Assert.Equal(nearest, cells[n]);
        }
        Assert.Equal((2, 3), map.Position(11));
        Assert.Equal(new[] { 12, 2 }, map.Weights.Shape.ToArray());
    }

    [Fact]
    public void TrainingIsReproducibleWithSeeds()
    {
        Tensor data = Tensor.Rand([50, 3], new Generator(1));
        var first = new SelfOrganizingMap(4, 4, 3, new Generator(2));
        var second = new SelfOrganizingMap(4, 4, 3, new Generator(2));
        first.Train(data, 200, new Generator(3));
        second.Train(data, 200, new Generator(3));
        Assert.Equal(first.Weights.ToArray(), second.Weights.ToArray());
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var map = new SelfOrganizingMap(2, 2, 3, new Generator(1));
        Assert.Contains("expected floating-point samples [N, 3] with N ≥ 1, got Float32 [5, 2]",
            Assert.Throws<ArgumentException>(() => map.Train(Tensor.Zeros(5, 2), 10)).Message);
        Assert.Throws<ArgumentException>(() => map.Assign(Tensor.Zeros(0, 3)));
        Assert.Contains("expected integer labels [4]",
            Assert.Throws<ArgumentException>(() => map.Purity(Tensor.Zeros(4, 3), Tensor.Zeros(4))).Message);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => map.Purity(Tensor.Zeros(2, 3), Tensor.FromArray(new long[] { 0, -1 }, 2))).Message);
        map.InitialRadius = 0;
        Assert.Contains("InitialRadius must be a positive number", Assert.Throws<ArgumentException>(() => map.Train(Tensor.Zeros(5, 3), 10)).Message);
        Assert.Throws<InvalidOperationException>(() => new SelfOrganizingMap(2, 2, 2).ToRgb());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelfOrganizingMap(0, 2, 2));
        Assert.Throws<InvalidOperationException>(() => new SelfOrganizingMap(1, 1, 2).MeanRandomPairDistance());
    }
}
