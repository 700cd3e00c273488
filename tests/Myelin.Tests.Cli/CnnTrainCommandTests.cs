using System.Buffers.Binary;
using System.Globalization;
using Myelin.Cli.Commands;
using Myelin.IO;
using Myelin.NN;

namespace Myelin.Tests.Cli;

/// <summary><c>myelin train --model cnn</c> on a tiny Fashion-MNIST-format folder written by the test, then eval and predict on the saved model.</summary>
public sealed class CnnTrainCommandTests
{
    /// <summary>Writes IDX files of <paramref name="count"/> 28×28 images: class k is a bright bar at row 2k, on a dark, slightly noisy background.</summary>
    static void WriteIdx(string directory, string split, int count, int seed)
    {
        var random = new Random(seed);
        var images = new byte[16 + count * 784];
        BinaryPrimitives.WriteInt32BigEndian(images, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 28);
        var labels = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
        for (int n = 0; n < count; n++)
        {
            int label = n % 10;
            labels[8 + n] = (byte)label;
            for (int i = 0; i < 784; i++)
            {
                int row = i / 28, column = i % 28;
                bool bar = row >= 2 * label + 3 && row < 2 * label + 6 && column >= 4 && column < 24;
                images[16 + n * 784 + i] = (byte)(bar ? 200 + random.Next(56) : random.Next(30));
            }
        }
        File.WriteAllBytes(Path.Combine(directory, $"{split}-images-idx3-ubyte"), images);
        File.WriteAllBytes(Path.Combine(directory, $"{split}-labels-idx1-ubyte"), labels);
    }

    [Fact]
    public void TrainsSavesAndTheSavedCnnEvaluatesAndPredicts()
    {
        using var directory = new TempDirectory();
        WriteIdx(directory.Path, "train", 60, seed: 1);
        WriteIdx(directory.Path, "t10k", 20, seed: 2);
        string model = directory.File("cnn.myelin.safetensors");

        var train = CliHarness.Run("train", "--data", "fashion-mnist", "--data-dir", directory.Path, "--model", "cnn", "--epochs", "1",
            "--quiet", "--output", model);
        Assert.True(train.ExitCode == 0, train.Error + train.Output);
        Assert.Contains("Training a CNN (conv 32, conv 64, dense 128, 10 classes) on 28×28 images on fashion-mnist: 50 training, 10 validation, 20 test samples.", train.Output);
        Assert.Contains($"adam 1cycle lr up to 0.003, half of the training images mirrored, batch size {CnnRecipe.DefaultBatchSize}, up to 1 epochs", train.Output);
        Assert.Matches(@"Test: loss [0-9.]+  accuracy [0-9.]+% \(20 samples\)", train.Output);

        var network = Assert.IsType<Sequential>(Model.Load(model));
        Assert.IsType<Vision.Unflatten>(network[0]);
        Assert.Equal(2, network.Modules().OfType<Conv2d>().Count());
        Assert.Equal(2, network.Modules().OfType<BatchNorm2d>().Count());
        var metadata = Model.LoadMetadata(model);
        Assert.Equal("784", metadata["features"]);
        Assert.Equal("fashion-mnist", metadata["data"]);

        var eval = CliHarness.Run("eval", model, "--data-dir", directory.Path);
        Assert.True(eval.ExitCode == 0, eval.Error + eval.Output);
        Assert.Contains("Evaluating cnn.myelin.safetensors on the test split of fashion-mnist (20 samples, seed 42).", eval.Output);
        Assert.Contains("accuracy", eval.Output);

        string pixels = string.Join(",", Enumerable.Range(0, 784).Select(i => (i / 28 is >= 3 and < 6 ? 0.9 : 0.05).ToString(CultureInfo.InvariantCulture)));
        var predict = CliHarness.Run("predict", model, "--values", pixels, "--format", "csv");
        Assert.True(predict.ExitCode == 0, predict.Error + predict.Output);
        var lines = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("row,prediction,probability,p_T-shirt/top,p_Trouser", lines[0]);
        Assert.StartsWith("1,", lines[1]);
    }

    [Fact]
    public void TheCnnRecipeAlsoTrainsOnTheDigitsWithItsOwnDefaults()
    {
        using var directory = new TempDirectory();
        var options = new TrainOptions { Model = ModelNames.Cnn, Epochs = 1, Quiet = true, Output = directory.File("digits-cnn.safetensors") };
        var output = new StringWriter();
        var result = new TrainCommand(options, CliHarness.CreateConsole(output)).Execute();
        Assert.Equal(1, result.EpochsRun);
        Assert.Contains("a CNN (conv 32, conv 64, dense 128, 10 classes) on 8×8 images on digits", output.ToString());
        // Through the API the CNN uses the recipe's peak learning rate unless one is given.
        Assert.Contains("adam 1cycle lr up to 0.003, batch size 32, up to 1 epochs", output.ToString());   // digits are not mirrored
        var network = Model.Load(result.ModelPath);
        var x = Tensor.Zeros(2, 64);
        using (Autograd.NoGrad()) Assert.Equal([2, 10], network.Forward(x).Shape.ToArray());
    }

    [Theory]
    [InlineData(new[] { "--model", "cnn", "--data", "iris" }, "--model cnn: needs square grey images whose side is a multiple of 4 (fashion-mnist or digits); iris has 4 features per sample.")]
    [InlineData(new[] { "--model", "cnn", "--model-json", "net.json" }, "--model cnn and --model-json cannot be used together")]
    [InlineData(new[] { "--model", "rnn" }, "rnn")]
    public void WrongCombinationsAreUsageErrors(string[] args, string message)
    {
        var run = CliHarness.Run(["train", .. args, "--quiet"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }
}
