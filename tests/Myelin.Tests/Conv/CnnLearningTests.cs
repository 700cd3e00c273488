using Myelin.NN;
using Myelin.Optim;
using Xunit.Abstractions;

namespace Myelin.Tests.Conv;

/// <summary>Proof that the convolution and pooling layers learn: a small CNN fits a set of noisy synthetic images.</summary>
public class CnnLearningTests(ITestOutputHelper output)
{
    const int Size = 12, Classes = 4;

    /// <summary>
    /// 12×12 images of four kinds, each at a random position, plus Gaussian noise (σ = 0.2): 0 horizontal stripes,
    /// 1 vertical stripes, 2 a filled 4×4 square, 3 a diagonal line.
    /// </summary>
    static (Tensor Images, Tensor Labels) ShapesDataset(int count, Generator generator)
    {
        var pixels = new float[count * Size * Size];
        var labels = new long[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % Classes, phase = generator.NextInt(3), row0 = generator.NextInt(Size - 3), col0 = generator.NextInt(Size - 3);
            int diagonalShift = generator.NextInt(7) - 3;
            labels[n] = label;
            for (int r = 0; r < Size; r++)
                for (int c = 0; c < Size; c++)
                {
                    bool on = label switch
                    {
                        0 => (r + phase) % 3 == 0,
                        1 => (c + phase) % 3 == 0,
                        2 => r >= row0 && r < row0 + 4 && c >= col0 && c < col0 + 4,
                        _ => c == r + diagonalShift,
                    };
                    pixels[(n * Size + r) * Size + c] = (on ? 1f : 0f) + 0.2f * (float)generator.NextNormal();
                }
        }
        return (Tensor.FromArray(pixels, count, 1, Size, Size), Tensor.FromArray(labels, count));
    }

    [Fact]
    public void SmallCnnFitsSixtyFourNoisyShapeImages()
    {
        var (images, labels) = ShapesDataset(64, new Generator(7));
        var generator = new Generator(8);
        var model = new Sequential(
            new Conv2d(1, 8, 3, padding: 1, generator: generator), new ReLU(), new MaxPool2d(2),     // [N, 8, 6, 6]
            new Conv2d(8, 16, 3, padding: 1, generator: generator), new ReLU(), new MaxPool2d(2),    // [N, 16, 3, 3]
            new Flatten(), new Linear(16 * 3 * 3, Classes, generator: generator));
        var optimizer = new Adam(model.Parameters(), lr: 0.01);

        double accuracy = 0;
        int step = 0;
        for (; step < 200 && accuracy < 1; step++)
        {
            optimizer.ZeroGrad();
            var logits = model.Forward(images);
            F.CrossEntropy(logits, labels).Backward();
            optimizer.Step();
            using (Autograd.NoGrad())
                accuracy = model.Forward(images).ArgMax(1).Eq(labels).To(DType.Float32).Mean().Item();
        }
        output.WriteLine($"training accuracy {accuracy:P0} after {step} full-batch steps");
        Assert.Equal(1.0, accuracy);
    }
}
