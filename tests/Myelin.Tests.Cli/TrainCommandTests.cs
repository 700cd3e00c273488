using System.Globalization;
using System.Text.RegularExpressions;
using Myelin.Cli.Data;
using Myelin.IO;
using Myelin.NN;

namespace Myelin.Tests.Cli;

[Collection(DigitsModelCollection.Name)]
public sealed class TrainCommandTests(DigitsModelFixture digits)
{
    [Fact]
    public void DefaultTrainingReachesTheAccuracyBarOnTheDigitsTestSplit()
    {
        Assert.Equal(0, digits.Training.ExitCode);
        Assert.Equal("", digits.Training.Error);
        var match = Regex.Match(digits.Training.Output, @"Test: loss [0-9.]+  accuracy ([0-9.]+)% \(269 samples\)");
        Assert.True(match.Success, digits.Training.Output);
        double reported = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 100;
        Assert.True(reported >= 0.95, $"test accuracy {reported}");

        // The same number through the API, from the saved file alone.
        var probabilities = digits.ApiProbabilities(digits.TestSplit.Features);
        var labels = digits.TestSplit.Labels.ToArray<long>();
        int correct = Enumerable.Range(0, labels.Length).Count(r => ArgMax(probabilities, r, 10) == labels[r]);
        Assert.Equal(reported, (double)correct / labels.Length, 4);
    }

    [Fact]
    public void TrainingPrintsOnePlainLinePerEpochWhenOutputIsNotATerminal()
    {
        var epochLines = digits.Training.Output.Split('\n').Where(line => line.StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(epochLines);
        Assert.StartsWith("epoch 1/30  loss ", epochLines[0]);
        Assert.All(epochLines, line => Assert.Matches(@"^epoch \d+/30  loss [0-9.]+  accuracy [0-9.]+%  val_loss [0-9.]+  val_accuracy [0-9.]+%  time [0-9.]+ s$", line));
    }

    [Fact]
    public void TheModelFileHoldsTheArchitectureScalerAndClassNames()
    {
        Assert.True(File.Exists(digits.ModelPath));
        var metadata = Model.LoadMetadata(digits.ModelPath);
        Assert.Equal("classification", metadata["task"]);
        Assert.Equal("""["0","1","2","3","4","5","6","7","8","9"]""", metadata["classes"]);
        Assert.Equal("digits", metadata["data"]);
        Assert.Equal("42", metadata["seed"]);
        Assert.Equal(64, digits.Scaler.NumFeatures);

        var model = Assert.IsType<Sequential>(Model.Load(digits.ModelPath));
        var linears = model.Modules().OfType<Linear>().ToList();
        Assert.Equal([(64, 64), (64, 10)], linears.Select(l => (l.InFeatures, l.OutFeatures)));
        Assert.IsType<ReLU>(model[1]);
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelFileAndAnotherSeedADifferentOne()
    {
        using var directory = new TempDirectory();
        string[] Train(string name, string seed) =>
            ["train", "--data", "iris", "--epochs", "3", "--seed", seed, "--quiet", "--output", directory.File(name)];
        Assert.Equal(0, CliHarness.Run(Train("a.safetensors", "7")).ExitCode);
        Assert.Equal(0, CliHarness.Run(Train("b.safetensors", "7")).ExitCode);
        Assert.Equal(0, CliHarness.Run(Train("c.safetensors", "8")).ExitCode);
        var a = File.ReadAllBytes(directory.File("a.safetensors"));
        Assert.Equal(a, File.ReadAllBytes(directory.File("b.safetensors")));
        Assert.NotEqual(a, File.ReadAllBytes(directory.File("c.safetensors")));
    }

    [Theory]
    [InlineData("tanh", "sgd")]
    [InlineData("sigmoid", "rmsprop")]
    [InlineData("gelu", "adamw")]
    [InlineData("leaky-relu", "adam")]
    public void EveryActivationAndOptimizerTrains(string activation, string optimizer)
    {
        using var directory = new TempDirectory();
        string path = directory.File("wine.safetensors");
        var run = CliHarness.Run("train", "--data", "wine", "--layers", "16,8", "--activation", activation, "--optimizer", optimizer,
            "--epochs", "2", "--batch-size", "16", "--output", path);
        Assert.Equal(0, run.ExitCode);
        var model = (Sequential)Model.Load(path);
        Assert.Equal(5, model.Count);   // Linear, activation, Linear, activation, Linear
        Assert.Equal(activation switch { "tanh" => typeof(Tanh), "sigmoid" => typeof(Sigmoid), "gelu" => typeof(GELU), _ => typeof(LeakyReLU) },
            model[1].GetType());
        Assert.Contains($"{optimizer} lr", run.Output);
    }

    [Fact]
    public void LayersNoneTrainsALinearModel()
    {
        using var directory = new TempDirectory();
        string path = directory.File("linear.safetensors");
        Assert.Equal(0, CliHarness.Run("train", "--data", "iris", "--layers", "none", "--epochs", "1", "--output", path).ExitCode);
        var model = (Sequential)Model.Load(path);
        var linear = Assert.IsType<Linear>(Assert.Single(model));
        Assert.Equal((4, 3), (linear.InFeatures, linear.OutFeatures));
    }

    [Theory]
    [InlineData("spiral", 2, 3)]
    [InlineData("moons", 2, 2)]
    [InlineData("breast-cancer", 30, 2)]
    public void GeneratedAndEmbeddedDataSetsTrain(string name, int features, int classes)
    {
        using var directory = new TempDirectory();
        string path = directory.File("model.safetensors");
        var run = CliHarness.Run("train", "--data", name, "--epochs", "2", "--output", path);
        Assert.Equal(0, run.ExitCode);
        var model = (Sequential)Model.Load(path);
        Assert.Equal(features, ((Linear)model[0]).InFeatures);
        Assert.Equal(classes, ((Linear)model[^1]).OutFeatures);
    }

    [Fact]
    public void FashionMnistReadsItsFilesFromTheDataDirectory()
    {
        // No Fashion-MNIST files in the test's folder: the error names the folder and the files looked for.
        using var directory = new TempDirectory();
        var run = CliHarness.Run("train", "--data", DataSetNames.FashionMnist, "--data-dir", directory.Path, "--epochs", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("train-images-idx3-ubyte", run.Error);
    }

    [Fact]
    public void TheDefaultOutputIsNamedAfterTheDataSetInTheCurrentDirectory()
    {
        var options = new Myelin.Cli.Commands.TrainOptions();
        Assert.Equal("digits.myelin.safetensors", options.OutputPath);
        Assert.Equal("houses.myelin.safetensors", (options with { Data = new DataSpec(null, "data/houses.csv") }).OutputPath);
    }

    [Fact]
    public void AModelDescriptionFileIsTrainedInsteadOfThePerceptron()
    {
        using var directory = new TempDirectory();
        string json = directory.File("model.json");
        var description = ModelDescription.FromModule(new Sequential(
            new Linear(4, 8), new BatchNorm1d(8), new Tanh(), new Dropout(0.1), new Linear(8, 3)));
        File.WriteAllText(json, description.ToJson(indented: true));
        string path = directory.File("iris.safetensors");
        var run = CliHarness.Run("train", "--data", "iris", "--model-json", json, "--epochs", "3", "--output", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the model in", run.Output);
        var model = (Sequential)Model.Load(path);
        Assert.IsType<BatchNorm1d>(model[1]);
        // The fit check before training runs in evaluation mode: only the training batches count.
        int batches = 3 * (int)Math.Ceiling(102 / 32.0);
        Assert.Equal(batches, Model.Load(path).StateDict()["1.num_batches_tracked"].Item<long>());
        Assert.Equal(0, CliHarness.Run("predict", path, "--values", "5.1,3.5,1.4,0.2").ExitCode);
    }

    [Fact]
    public void ValidationFractionZeroMonitorsTheTrainingLoss()
    {
        using var directory = new TempDirectory();
        var run = CliHarness.Run("train", "--data", "iris", "--validation-fraction", "0", "--epochs", "2", "--output", directory.File("m.safetensors"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 validation", run.Output);
        Assert.Contains("without a better training loss", run.Output);
        Assert.DoesNotContain("val_loss", run.Output);
    }

    [Fact]
    public void VerboseShowsTheModel()
    {
        using var directory = new TempDirectory();
        var run = CliHarness.Run("train", "--data", "iris", "--epochs", "1", "--verbose", "--output", directory.File("m.safetensors"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(0): Linear(in_features=4, out_features=64, bias=True)", run.Output);
        Assert.Contains("classes setosa, versicolor, virginica", run.Output);
    }

    [Fact]
    public void CancellingBeforeTheFirstEpochEndsSavesNothing()
    {
        using var directory = new TempDirectory();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        string path = directory.File("m.safetensors");
        var run = CliHarness.Run(cancelled.Token, "train", "--data", "iris", "--output", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no model was saved", run.Error);
        Assert.False(File.Exists(path));
    }

    static int ArgMax(float[] p, int row, int k) => Enumerable.Range(0, k).MaxBy(c => p[row * k + c]);
}
