using System.Globalization;
using Myelin.Data;
using Myelin.Vision;

namespace Myelin.Cli.VisionDemos;

/// <summary>
/// The <c>localization</c> demo: a CNN (<see cref="LocalizationNet"/>) learns to say which shape a generated
/// 16×16 image shows (circle, square or triangle) and where it is (its bounding box), trained on the sum of a
/// cross-entropy and a smooth L1 box loss (<see cref="LocalizationLoss"/>). It reports the classification
/// accuracy and the mean IoU of the boxes on held-out images and draws some boxes into a PNG.
/// </summary>
public static class LocalizationDemo
{
    /// <summary>The demo's name in <see cref="VisionDemoCatalog"/>.</summary>
    public const string Name = "localization";

    /// <summary>One line on what the demo shows.</summary>
    public const string Summary = "A CNN predicts the class and bounding box of a shape in noisy 16×16 images; reports accuracy and box IoU, draws boxes as PNG.";

    /// <summary>The images' height and width.</summary>
    public const int ImageSize = 16;

    const int TrainImages = 800, TestImages = 200, Epochs = 8, BatchSize = 32, ShownImages = 8, PngScale = 8;
    const double PeakLearningRate = 0.01, Noise = 0.1, BoxWeight = 5, Beta = 0.05;

    /// <summary>Generates the data, trains, measures and writes the pictures.</summary>
    /// <returns>The held-out scores and the files written.</returns>
    public static LocalizationResult Run(DemoArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var data = new Generator(unchecked((ulong)arguments.Seed));
        var train = SyntheticShapes.Localization(TrainImages, ImageSize, Noise, data);
        var test = SyntheticShapes.Localization(TestImages, ImageSize, Noise, data);
        int classes = ShapeLocalizationSet.ClassNames.Count;

        var model = new LocalizationNet(classes, ImageSize, new Generator(unchecked((ulong)arguments.Seed + 1)));
        var loss = new LocalizationLoss(classes, BoxWeight, Beta);
        var trainer = DemoTrainer.OneCycleAdam(model, loss, arguments.Seed, PeakLearningRate, Epochs, TrainImages, BatchSize);
        output.WriteLine($"Training a CNN ({model.NumParameters().ToString("N0", CultureInfo.InvariantCulture)} parameters) to classify and locate the shape " +
            $"in {TrainImages} {ImageSize}×{ImageSize} images; loss = cross-entropy + {BoxWeight.ToString(CultureInfo.InvariantCulture)} × smooth L1 " +
            $"(β {Beta.ToString(CultureInfo.InvariantCulture)}) on the box corners as fractions of the image size:");
        trainer.Fit(new TensorDataset(train.Images, train.Targets()), epochs: Epochs, callbacks: [new EpochPrinter(output)]);

        var outputs = trainer.Predict(test.Images);
        var predictedClasses = outputs.Narrow(1, 0, classes).ArgMax(1);
        var predictedBoxes = outputs.Narrow(1, classes, 4);
        double accuracy = predictedClasses.Eq(test.Labels).To(DType.Float64).Mean().Item();
        var iou = BoundingBoxes.IoU(predictedBoxes, test.Boxes);
        double meanIoU = iou.Mean().Item();
        double hits = iou.Ge(0.5).To(DType.Float64).Mean().Item();
        output.WriteLine($"On {TestImages} held-out images: accuracy {Percent(accuracy)}, mean box IoU {meanIoU.ToString("0.000", CultureInfo.InvariantCulture)}, " +
            $"{Percent(hits)} of the boxes with IoU ≥ 0.5.");

        Directory.CreateDirectory(arguments.OutputDirectory);
        float[] green = [0.2f, 0.9f, 0.2f], red = [1f, 0.2f, 0.2f];
        var boxes = predictedBoxes.ToArray();
        var truth = test.Boxes.ToArray();
        var pictures = Enumerable.Range(0, ShownImages).Select(i => DemoImages.WithBoxes(test.Images[i], PngScale,
            (truth[(4 * i)..(4 * i + 4)], green), (boxes[(4 * i)..(4 * i + 4)], red))).ToList();
        string path = DemoImages.Save(ImageGrid.Tile(Tensor.Stack(pictures), columns: 4, padding: 4, normalization: GridNormalization.None),
            arguments.OutputDirectory, "localization.png", scale: 1);
        var names = ShapeLocalizationSet.ClassNames;
        var labels = test.Labels.ToArray<long>();
        var guesses = predictedClasses.ToArray<long>();
        output.WriteLine($"Wrote {path}: {ShownImages} held-out images with the true box (green) and the predicted one (red); " +
            $"predicted classes {string.Join(", ", Enumerable.Range(0, ShownImages).Select(i => $"{names[(int)guesses[i]]}{(guesses[i] == labels[i] ? "" : $" (is {names[(int)labels[i]]})")}"))}.");
        return new LocalizationResult(accuracy, meanIoU, TestImages, [path]);
    }

    static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
