using Myelin.Data;

namespace Myelin.Tests.Data;

public class SyntheticTests
{
    public static TheoryData<string> Generators => ["Spiral", "Moons", "Circles", "Xor", "NoisySine"];

    static LabeledData Make(string name, ulong seed) => name switch
    {
        "Spiral" => Synthetic.Spiral(50, 3, 0.2, new Generator(seed)),
        "Moons" => Synthetic.Moons(101, 0.1, new Generator(seed)),
        "Circles" => Synthetic.Circles(101, 0.05, 0.5, new Generator(seed)),
        "Xor" => Synthetic.Xor(101, 0.1, new Generator(seed)),
        _ => Synthetic.NoisySine(101, 0.1, new Generator(seed)),
    };

    [Theory]
    [MemberData(nameof(Generators))]
    public void SameSeedGivesSameDataAndDifferentSeedsDiffer(string name)
    {
        var a = Make(name, 1);
        var b = Make(name, 1);
        var c = Make(name, 2);
        Assert.Equal(a.Features.Data<float>(), b.Features.Data<float>());
        Assert.NotEqual(a.Features.Data<float>(), c.Features.Data<float>());
        Assert.Equal(DType.Float32, a.Features.DType);
        Assert.All(a.Features.Data<float>(), v => Assert.True(float.IsFinite(v)));
    }

    static int[] Counts(LabeledData data)
    {
        var counts = new int[data.NumClasses];
        foreach (long label in data.Labels.Data<long>()) counts[label]++;
        return counts;
    }

    [Fact]
    public void SpiralHasOneArmPerClassInsideTheUnitDisc()
    {
        var data = Synthetic.Spiral(samplesPerClass: 40, classes: 4, noise: 0.3, new Generator(5));
        Assert.Equal([160, 2], data.Features.Shape.ToArray());
        Assert.Equal(DType.Int64, data.Labels.DType);
        Assert.Equal([40, 40, 40, 40], Counts(data));
        float[] xy = data.Features.Data<float>();
        for (int i = 0; i < 160; i++)
        {
            double radius = Math.Sqrt(xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1]);
            Assert.Equal((i % 40) / 39.0, radius, 1e-6); // noise moves the angle only
        }
    }

    [Fact]
    public void SpiralWithoutNoiseFollowsTheFormula()
    {
        var data = Synthetic.Spiral(samplesPerClass: 3, classes: 2, noise: 0, new Generator(0));
        float[] xy = data.Features.Data<float>();
        // Class 1, last point: r = 1, t = 4 + 4 = 8.
        Assert.Equal((float)Math.Sin(8.0), xy[10]);
        Assert.Equal((float)Math.Cos(8.0), xy[11]);
        Assert.Equal([0L, 0L, 0L, 1L, 1L, 1L], data.Labels.Data<long>());
    }

    [Fact]
    public void MoonsAndCirclesSplitSamplesBetweenTwoClasses()
    {
        var moons = Synthetic.Moons(101, 0.1, new Generator(3));
        Assert.Equal([101, 2], moons.Features.Shape.ToArray());
        Assert.Equal([50, 51], Counts(moons));

        var circles = Synthetic.Circles(100, noise: 0, factor: 0.3, new Generator(3));
        Assert.Equal([50, 50], Counts(circles));
        float[] xy = circles.Features.Data<float>();
        for (int i = 0; i < 100; i++)
        {
            double radius = Math.Sqrt(xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1]);
            Assert.Equal(i < 50 ? 1.0 : 0.3, radius, 1e-6);
        }
    }

    [Fact]
    public void MoonsWithoutNoiseLieOnTheirArcs()
    {
        var data = Synthetic.Moons(6, noise: 0, new Generator(0));
        float[] xy = data.Features.Data<float>();
        // Outer arc starts at (1, 0) and ends at (-1, 0); inner arc starts at (0, 0.5) and ends at (2, 0.5).
        Assert.Equal([1f, 0f], xy[..2]);
        Assert.Equal(-1f, xy[4], 1e-6f);
        Assert.Equal([0f, 0.5f], xy[6..8]);
        Assert.Equal(2f, xy[10], 1e-6f);
        Assert.Equal(0.5f, xy[11], 1e-6f);
    }

    [Fact]
    public void XorWithoutNoiseIsTheTruthTable()
    {
        var data = Synthetic.Xor(4, noise: 0);
        Assert.Equal([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], data.Features.Data<float>());
        Assert.Equal([0L, 1L, 1L, 0L], data.Labels.Data<long>());
    }

    [Fact]
    public void XorWithNoiseKeepsLabelsOfTheNearestCorner()
    {
        var data = Synthetic.Xor(400, noise: 0.05, new Generator(9));
        Assert.Equal([200, 200], Counts(data));
        float[] xy = data.Features.Data<float>();
        long[] labels = data.Labels.Data<long>();
        for (int i = 0; i < 400; i++)
            Assert.Equal((xy[2 * i] > 0.5) ^ (xy[2 * i + 1] > 0.5) ? 1L : 0L, labels[i]);
    }

    [Fact]
    public void NoisySineIsRegressionOnMinusPiToPi()
    {
        var data = Synthetic.NoisySine(500, noise: 0, new Generator(4));
        Assert.Equal([500, 1], data.Features.Shape.ToArray());
        Assert.Equal([500, 1], data.Labels.Shape.ToArray());
        Assert.Equal(DType.Float32, data.Labels.DType);
        Assert.Empty(data.ClassNames);
        float[] x = data.Features.Data<float>(), y = data.Labels.Data<float>();
        for (int i = 0; i < 500; i++)
        {
            Assert.InRange(x[i], -MathF.PI, MathF.PI);
            Assert.Equal(Math.Sin(x[i]), y[i], 1e-6);
        }

        var noisy = Synthetic.NoisySine(2000, noise: 0.1, new Generator(4));
        float[] nx = noisy.Features.Data<float>(), ny = noisy.Labels.Data<float>();
        double residualSq = 0;
        for (int i = 0; i < 2000; i++) residualSq += Math.Pow(ny[i] - Math.Sin(nx[i]), 2);
        Assert.InRange(Math.Sqrt(residualSq / 2000), 0.08, 0.12);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Spiral(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Spiral(10, classes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Moons(10, noise: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Moons(10, noise: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Circles(10, factor: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Xor(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.NoisySine(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Spiral(int.MaxValue, classes: 4));
    }
}
