using System.Globalization;
using Myelin.Data;
using Myelin.NN;
using Myelin.Vision;

namespace Myelin.Cli.VisionDemos;

/// <summary>
/// The <c>segmentation</c> demo: a small U-Net (<see cref="SegmentationNet"/>) learns to label every pixel of
/// generated 16×16 images as background, circle, square or triangle, the shapes on noisy backgrounds. It reports
/// pixel accuracy and the intersection over union per class on held-out images, and writes some of them with
/// their true and predicted labels as a PNG.
/// </summary>
public static class SegmentationDemo
{
    /// <summary>The demo's name in <see cref="VisionDemoCatalog"/>.</summary>
    public const string Name = "segmentation";

    /// <summary>One line on what the demo shows.</summary>
    public const string Summary = "A small U-Net labels every pixel of noisy 16×16 shape images; reports pixel accuracy and mean IoU, writes predictions as PNG.";

    /// <summary>The images' height and width.</summary>
    public const int ImageSize = 16;

    const int TrainImages = 400, TestImages = 200, Epochs = 8, BatchSize = 32, Width = 8, ShownImages = 6;
    const double PeakLearningRate = 0.01, Noise = 0.1;

    /// <summary>Generates the data, trains, measures and writes the pictures.</summary>
    /// <returns>The held-out scores and the files written.</returns>
    public static SegmentationResult Run(DemoArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var data = new Generator(unchecked((ulong)arguments.Seed));
        var train = SyntheticShapes.Segmentation(TrainImages, ImageSize, maxShapes: 2, noise: Noise, generator: data);
        var test = SyntheticShapes.Segmentation(TestImages, ImageSize, maxShapes: 2, noise: Noise, generator: data);
        int classes = ShapeSegmentationSet.ClassNames.Count;

        var model = new SegmentationNet(classes, Width, new Generator(unchecked((ulong)arguments.Seed + 1)));
        var trainer = DemoTrainer.OneCycleAdam(model, new CrossEntropyLoss(), arguments.Seed, PeakLearningRate, Epochs, TrainImages, BatchSize);
        output.WriteLine($"Training a U-Net ({Format(model.NumParameters())} parameters) to label each pixel of {TrainImages} {ImageSize}×{ImageSize} images " +
            "as background, circle, square or triangle (cross-entropy over pixels, Adam with a 1cycle schedule):");
        trainer.Fit(new TensorDataset(train.Images, train.Masks), epochs: Epochs, callbacks: [new EpochPrinter(output)]);

        var predicted = trainer.Predict(test.Images).ArgMax(1);
        double accuracy = SegmentationScores.PixelAccuracy(predicted, test.Masks);
        var perClass = SegmentationScores.IoUPerClass(predicted, test.Masks, classes);
        double meanIoU = perClass.Where(v => !double.IsNaN(v)).Average();
        output.WriteLine($"On {TestImages} held-out images: pixel accuracy {Percent(accuracy)}, mean IoU {Fixed(meanIoU)} " +
            $"({string.Join(", ", ShapeSegmentationSet.ClassNames.Select((name, k) => $"{name} {Fixed(perClass[k])}"))}).");

        Directory.CreateDirectory(arguments.OutputDirectory);
        var tiles = new List<Tensor>();
        for (int i = 0; i < ShownImages; i++)
        {
            tiles.Add(DemoImages.GreyToRgb(test.Images[i]));
            tiles.Add(DemoImages.ColourMask(test.Masks[i]));
            tiles.Add(DemoImages.ColourMask(predicted[i]));
        }
        string path = DemoImages.Save(ImageGrid.Tile(Tensor.Stack(tiles), columns: 3, normalization: GridNormalization.None), arguments.OutputDirectory,
            "segmentation.png", scale: 8);
        output.WriteLine($"Wrote {path}: each row a held-out image, its true labels and the predicted ones " +
            "(background dark grey, circle red, square green, triangle blue).");
        return new SegmentationResult(accuracy, meanIoU, perClass, TestImages, [path]);
    }

    static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    static string Fixed(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
