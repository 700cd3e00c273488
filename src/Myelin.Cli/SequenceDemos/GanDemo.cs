using System.Text;
using Myelin.Data;
using Myelin.Examples;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// <c>gan</c>: generative adversarial networks on a ring of 8 Gaussians (with a count of the modes the generator
/// covers) and on the 8×8 handwritten digits; both losses per epoch, samples as text and, with --out, as images.
/// </summary>
internal sealed class GanDemo : ISequenceDemo
{
    const int DefaultRingEpochs = 40;
    const int DefaultDigitEpochs = 50;
    const double DefaultStd = 0.1;
    const int RingSamples = 10_000;
    const int RingNoise = 8;
    const int RingHidden = 64;
    const int RingBatch = 128;
    const int DigitNoise = 32;
    const int DigitHidden = 256;
    const int DigitBatch = 64;

    public string Name => "gan";

    public string Summary => "a generator and a discriminator trained against each other on a ring of 8 Gaussians and on 8×8 digits";

    public IReadOnlyList<DemoOption> Options { get; } =
    [
        new("--part", "PART", "ring, digits or both (default both)"),
        new("--epochs", "N", $"epochs on the ring, {RingSamples:N0} samples each (default {DefaultRingEpochs})"),
        new("--digit-epochs", "N", $"epochs on the 1,797 digit images (default {DefaultDigitEpochs})"),
        new("--std", "X", $"standard deviation of each Gaussian of the ring, of radius 2 (default {DefaultStd})"),
        DemoOption.Out,
        DemoOption.Seed,
    ];

    public int Run(DemoOptions options, TextWriter output)
    {
        string part = options.Text("--part", "both")!;
        if (part is not ("ring" or "digits" or "both"))
            throw CliException.Usage($"--part must be ring, digits or both, got '{part}'.");
        int ringEpochs = options.Int("--epochs", DefaultRingEpochs);
        int digitEpochs = options.Int("--digit-epochs", DefaultDigitEpochs);
        double std = options.Double("--std", DefaultStd, max: 1);
        string? folder = options.OutputFolder();
        var generator = new Generator(options.Seed);

        DemoHeading.Write(output, "Generative adversarial networks");
        output.WriteLine("A generator turns random noise into samples; a discriminator scores samples as real or generated. They train");
        output.WriteLine("in turn: the discriminator to tell real from generated (its loss: binary cross-entropy on both), the generator");
        output.WriteLine("to be taken for real (its loss: −ln D(fake)). When neither can improve, D says 1/2 everywhere: its loss is");
        output.WriteLine("2·ln 2 ≈ 1.386 and the generator's ln 2 ≈ 0.693.");
        output.WriteLine();
        if (part is "ring" or "both") RunRing(ringEpochs, std, generator, folder, output);
        if (part is "digits" or "both") RunDigits(digitEpochs, generator, folder, output);
        return ExitCodes.Success;
    }

    static void RunRing(int epochs, double std, Generator generator, string? folder, TextWriter output)
    {
        var ring = new GaussianRing(modes: 8, radius: 2, std: std);
        var data = ring.Sample(RingSamples, generator);
        var gan = new GanTrainer(GanNetworks.Generator(RingNoise, RingHidden, 2, generator: generator),
            GanNetworks.Discriminator(2, RingHidden, generator: generator), RingNoise, learningRate: 1e-3, random: generator);
        output.WriteLine($"Part 1: a ring of 8 Gaussians (radius 2, σ = {std}). A generated point belongs to the nearest mode if it lies");
        output.WriteLine("within 3σ of its centre; a mode is covered when it holds at least 1% of the points. A generator that");
        output.WriteLine("collapses onto a few modes fools the discriminator for a while but covers few of them.");
        output.WriteLine($"Networks: noise {RingNoise} → {RingHidden} → {RingHidden} → 2 (ReLU) and 2 → {RingHidden} → {RingHidden} → 1 (LeakyReLU); Adam, β₁ = 0.5,");
        output.WriteLine("learning rate 0.001, a tenth of it for the last quarter of the epochs so that the samples settle.");
        output.WriteLine();
        output.WriteLine("epoch  D loss  G loss  modes covered  near a mode (of 1,000 samples)");
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            if (epoch == SettlingEpoch(epochs)) gan.LearningRate = 1e-4;
            var (d, g) = gan.TrainEpoch(data, RingBatch);
            var coverage = ring.Coverage(gan.Sample(1000));
            output.WriteLine($"{epoch,5}  {d,6:F3}  {g,6:F3}  {coverage.Covered,8} of {coverage.Modes}  {coverage.FractionNearMode * 100,10:F1}%");
        }
        var samples = gan.Sample(2000);
        var final = ring.Coverage(samples);
        output.WriteLine();
        output.WriteLine($"Final, on 2,000 generated points: {final}.");
        output.WriteLine($"Points per mode (a perfect generator puts 250 in each): {string.Join(", ", final.PointsPerMode)}.");
        if (folder is not null)
        {
            var picture = SvgImages.Scatter($"Ring of 8 Gaussians: {final}", Points(ring.Sample(2000, generator)), Points(samples),
                [.. Enumerable.Range(0, ring.Modes).Select(ring.Center)], extent: 3);
            output.WriteLine($"Scatter plot written to {SvgImages.Save(folder, "gan-ring.svg", picture)}.");
        }
        output.WriteLine();
    }

    static void RunDigits(int epochs, Generator generator, string? folder, TextWriter output)
    {
        var digits = Datasets.Digits();
        var images = digits.Features / 8.0 - 1.0;                   // pixel counts 0 … 16 → [−1, 1], like the generator's tanh
        var gan = new GanTrainer(GanNetworks.Generator(DigitNoise, DigitHidden, 64, tanhOutput: true, generator: generator),
            GanNetworks.Discriminator(64, DigitHidden, minibatchStdDev: true, generator: generator), DigitNoise, learningRate: 2e-4, random: generator);
        output.WriteLine($"Part 2: the {digits.Count:N0} handwritten digits of 8×8 pixels. The generator makes 64 pixel values in [−1, 1]");
        output.WriteLine($"(tanh) from {DigitNoise} noise values: {DigitNoise} → {DigitHidden} → {DigitHidden} → 64. The discriminator, 64 → {DigitHidden} → {DigitHidden} → 1,");
        output.WriteLine("also sees how much its batch varies (minibatch standard deviation), so a generator that draws the same digit");
        output.WriteLine("over and over is easy to catch. Adam, β₁ = 0.5, learning rate 0.0002, a tenth of it for the last quarter.");
        var (judge, judgeAccuracy) = TrainJudge(digits, images, generator);
        output.WriteLine($"To see which digits come out, a small classifier trained on real digits reads the generated ones (it is right on");
        output.WriteLine($"{judgeAccuracy * 100:F1}% of real digits it did not train on).");
        output.WriteLine();
        output.WriteLine("epoch  D loss  G loss  digits among 500 samples");
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            if (epoch == SettlingEpoch(epochs)) gan.LearningRate = 2e-5;
            var (d, g) = gan.TrainEpoch(images, DigitBatch);
            var counts = CountDigits(judge, gan.Sample(500));
            output.WriteLine($"{epoch,5}  {d,6:F3}  {g,6:F3}  {counts.Count(c => c >= 5),2} of 10");
        }
        output.WriteLine();
        var samples = gan.Sample(1000);
        var final = CountDigits(judge, samples);
        output.WriteLine($"Digits among 1,000 generated samples, as the classifier reads them: " +
            string.Join(", ", final.Select((count, digit) => $"{digit}: {count}")) + ".");
        output.WriteLine($"{final.Count(c => c >= 10)} of the 10 digits make up at least 1% of the samples each (a generator that has collapsed");
        output.WriteLine("onto a few modes draws only a few kinds of digit).");
        output.WriteLine();
        var shown = ToUnitRange(samples.Narrow(0, 0, 40));
        output.WriteLine("Generated digits (denser characters are brighter pixels):");
        WriteAsText(shown.Take(8).ToArray(), output);
        output.WriteLine("Real digits, for comparison:");
        WriteAsText(ToUnitRange(images.Narrow(0, 0, 8)), output);
        if (folder is not null)
        {
            var grid = ToUnitRange(images.Narrow(0, 0, 10)).Concat(shown.Take(30)).ToArray();
            string path = Path.Combine(folder, "gan-digits.png");
            GrayscaleGrid.SavePng(path, grid, 8, 8, columns: 10);
            output.WriteLine($"Real digits (top row) and generated ones (below) written to {path}.");
        }
    }

    /// <summary>A small classifier of real digits (images in [−1, 1]), and its accuracy on the fifth of them it did not train on.</summary>
    static (Module Judge, double Accuracy) TrainJudge(LabeledData digits, Tensor images, Generator generator)
    {
        var judge = new Sequential(new Linear(64, 64, generator: generator), new ReLU(), new Linear(64, 10, generator: generator));
        var trainer = new Trainer(judge, new Adam(judge.Parameters(), lr: 3e-3), Losses.CrossEntropy,
            new TrainerOptions { ShuffleSeed = 1, BatchSize = 64, Metrics = [new Accuracy()] });
        var history = trainer.Fit(new TensorDataset(images, digits.Labels), validationFraction: 0.2, epochs: 30);
        judge.Eval();
        return (judge, history.Last!["val_accuracy"]);
    }

    /// <summary>How many of <paramref name="samples"/> the judge reads as each digit.</summary>
    static int[] CountDigits(Module judge, Tensor samples)
    {
        Tensor predicted;
        using (Autograd.NoGrad()) predicted = judge.Forward(samples).ArgMax(-1);
        var counts = new int[10];
        foreach (long digit in predicted.ToArray<long>()) counts[digit]++;
        return counts;
    }

    /// <summary>The first of the last quarter of the epochs, from which the learning rate is a tenth (so the samples settle).</summary>
    static int SettlingEpoch(int epochs) => epochs - epochs / 4 + 1;

    /// <summary>Images in [−1, 1] [N, 64] → one float[64] in [0, 1] per image.</summary>
    static float[][] ToUnitRange(Tensor images)
    {
        var values = ((images + 1.0) / 2.0).Contiguous().ToArray<float>();
        return [.. Enumerable.Range(0, images.Size(0)).Select(i => values[(i * 64)..((i + 1) * 64)])];
    }

    /// <summary>Prints 8×8 images side by side, two characters a pixel, from ' ' (dark) to '@' (bright).</summary>
    static void WriteAsText(float[][] images, TextWriter output)
    {
        const string shades = " .:-=+*#%@";
        for (int y = 0; y < 8; y++)
        {
            var line = new StringBuilder("  ");
            foreach (var image in images)
            {
                for (int x = 0; x < 8; x++)
                {
                    char shade = shades[(int)Math.Clamp(image[y * 8 + x] * shades.Length, 0, shades.Length - 1)];
                    line.Append(shade).Append(shade);
                }
                line.Append("   ");
            }
            output.WriteLine(line.ToString().TrimEnd());
        }
        output.WriteLine();
    }

    static (double X, double Y)[] Points(Tensor points)
    {
        var values = points.To(DType.Float64).Contiguous().ToArray<double>();
        return [.. Enumerable.Range(0, points.Size(0)).Select(i => (values[2 * i], values[2 * i + 1]))];
    }
}
