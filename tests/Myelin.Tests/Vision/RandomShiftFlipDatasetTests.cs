using Myelin.Data;
using Myelin.Tests.NN;
using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class RandomShiftFlipDatasetTests
{
    static TensorDataset Images(int count, params int[] imageShape)
    {
        int size = imageShape.Aggregate(1, (a, b) => a * b);
        var features = Tensor.Arange(1, 1 + count * size, dtype: DType.Float32).Reshape([count, .. imageShape]);
        return new TensorDataset(features, Tensor.Arange(count));
    }

    [Fact]
    public void WithoutShiftEachImageIsEitherUnchangedOrMirrored()
    {
        var source = Images(40, 1, 3, 4);
        var data = new RandomShiftFlipDataset(source, 1, 3, 4, maxShift: 0, generator: new Generator(1));
        var (x, y) = data.GetBatch([.. Enumerable.Range(0, 40)]);
        TensorAssert.Equal(source.Targets, y);
        int mirrored = 0;
        for (int n = 0; n < 40; n++)
        {
            var original = source.Features[n];
            var flipped = Tensor.Stack([.. Enumerable.Range(0, 4).Reverse().Select(c => original.Select(2, c))], 2);
            bool same = original.ToArray().SequenceEqual(x[n].ToArray());
            bool isMirror = flipped.ToArray().SequenceEqual(x[n].ToArray());
            Assert.True(same || isMirror, $"image {n}");
            if (isMirror) mirrored++;
        }
        Assert.InRange(mirrored, 10, 30);
    }

    [Fact]
    public void ShiftsMoveThePixelsAndFillWithZeros()
    {
        // A single bright pixel in the middle of a 5×5 image moves by at most 1 in each direction.
        var image = new float[25];
        image[12] = 1;
        var source = new TensorDataset(Tensor.FromArray(image, 1, 25), Tensor.Zeros([1], DType.Int64));
        var data = new RandomShiftFlipDataset(source, 1, 5, 5, maxShift: 1, horizontalFlip: false, generator: new Generator(2));
        var seen = new HashSet<int>();
        for (int i = 0; i < 60; i++)
        {
            var (x, _) = data[0];
            Assert.Equal([25], x.Shape.ToArray());
            var pixels = x.ToArray();
            Assert.Equal(1f, pixels.Sum());
            int at = Array.IndexOf(pixels, 1f);
            Assert.InRange(Math.Abs(at / 5 - 2), 0, 1);
            Assert.InRange(Math.Abs(at % 5 - 2), 0, 1);
            seen.Add(at);
        }
        Assert.Equal(9, seen.Count);   // every shift in [−1, 1]² occurs
    }

    [Fact]
    public void UncoveredPixelsGetTheFillValue()
    {
        var source = new TensorDataset(Tensor.Ones(1, 1, 4, 4), Tensor.Zeros([1], DType.Int64));
        var data = new RandomShiftFlipDataset(source, 1, 4, 4, maxShift: 2, generator: new Generator(3), fillValue: -0.5);
        for (int i = 0; i < 20; i++)
            Assert.All(data[0].Input.ToArray(), v => Assert.True(v is 1f or -0.5f, $"value {v}"));
        Assert.Contains(-0.5f, Enumerable.Range(0, 20).SelectMany(_ => data[0].Input.ToArray()));
    }

    [Fact]
    public void TheSameSeedGivesTheSameAugmentation()
    {
        var source = Images(8, 2, 4, 4);
        int[] indices = [3, 1, 7];
        var a = new RandomShiftFlipDataset(source, 2, 4, 4, generator: new Generator(5)).GetBatch(indices).Input;
        var b = new RandomShiftFlipDataset(source, 2, 4, 4, generator: new Generator(5)).GetBatch(indices).Input;
        TensorAssert.Equal(a, b);
        Assert.Equal([3, 2, 4, 4], a.Shape.ToArray());
    }

    [Fact]
    public void InputsThatAreNotImagesOfTheGivenShapeAreRejected()
    {
        var data = new RandomShiftFlipDataset(Images(2, 10), 1, 3, 3);
        Assert.Contains("[1, 3, 3]", Assert.Throws<ArgumentException>(() => data.GetBatch([0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShiftFlipDataset(Images(2, 9), 1, 3, 3, maxShift: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShiftFlipDataset(Images(2, 9), 0, 3, 3));
    }
}
