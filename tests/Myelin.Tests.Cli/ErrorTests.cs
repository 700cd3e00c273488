using Myelin.IO;
using Myelin.NN;

namespace Myelin.Tests.Cli;

/// <summary>Every failure prints one line to standard error, never a stack trace, and ends with exit code 1 (runtime) or 2 (usage).</summary>
[Collection(DigitsModelCollection.Name)]
public sealed class ErrorTests(DigitsModelFixture digits)
{
    static void AssertOneLineError(CliRun run, int exitCode, string expected)
    {
        Assert.Equal(exitCode, run.ExitCode);
        var lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("myelin: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
    }

    [Fact]
    public void UnknownDataSet() =>
        AssertOneLineError(CliHarness.Run("train", "--data", "cifar"), 2, "unknown data set 'cifar'; known data sets: digits, iris");

    [Fact]
    public void UnknownDataSetForEval() =>
        AssertOneLineError(CliHarness.Run("eval", digits.ModelPath, "--data", "imagenet"), 2, "unknown data set 'imagenet'");

    [Fact]
    public void MissingCsvFile() =>
        AssertOneLineError(CliHarness.Run("train", "--csv", digits.Directory.File("absent.csv")), 1, "absent.csv' does not exist");

    [Fact]
    public void MissingModelFile()
    {
        AssertOneLineError(CliHarness.Run("predict", digits.Directory.File("absent.safetensors"), "--values", "1"), 1, "absent.safetensors' does not exist");
        AssertOneLineError(CliHarness.Run("eval", digits.Directory.File("absent.safetensors")), 1, "absent.safetensors' does not exist");
        AssertOneLineError(CliHarness.Run("inspect", digits.Directory.File("absent.safetensors")), 1, "absent.safetensors' does not exist");
    }

    [Fact]
    public void MissingInputFile() =>
        AssertOneLineError(CliHarness.Run("predict", digits.ModelPath, "--input", digits.Directory.File("absent-rows.csv")), 1, "absent-rows.csv' does not exist");

    [Fact]
    public void CsvWithTheWrongNumberOfColumns()
    {
        string path = digits.Directory.File("three-columns.csv");
        File.WriteAllLines(path, ["1,2,3", "4,5,6"]);
        AssertOneLineError(CliHarness.Run("predict", digits.ModelPath, "--input", path), 1,
            "three-columns.csv has 3 feature columns, but the model digits.myelin.safetensors expects 64");
        AssertOneLineError(CliHarness.Run("predict", digits.ModelPath, "--values", "1,2"), 1, "--values has 2 feature columns");
        AssertOneLineError(CliHarness.Run("eval", digits.ModelPath, "--csv", path), 1, "has 2 feature columns, but the model digits.myelin.safetensors expects 64");
    }

    [Fact]
    public void MalformedCsv()
    {
        string path = digits.Directory.File("ragged.csv");
        File.WriteAllLines(path, ["1,2,3", "4,5"]);
        AssertOneLineError(CliHarness.Run("train", "--csv", path), 1, "ragged.csv: line 2");
    }

    [Fact]
    public void CorruptModelFile()
    {
        string truncated = digits.Directory.File("truncated.safetensors");
        File.WriteAllBytes(truncated, File.ReadAllBytes(digits.ModelPath)[..200]);
        AssertOneLineError(CliHarness.Run("predict", truncated, "--values", "1"), 1, "truncated.safetensors");
        AssertOneLineError(CliHarness.Run("eval", truncated), 1, "truncated.safetensors");
        AssertOneLineError(CliHarness.Run("inspect", truncated), 1, "truncated.safetensors");

        string text = digits.Directory.File("text.safetensors");
        File.WriteAllText(text, "this is not a model");
        AssertOneLineError(CliHarness.Run("predict", text, "--values", "1"), 1, "text.safetensors");
    }

    [Fact]
    public void WeightsWithoutADescriptionCannotPredict()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_sequential.safetensors");
        AssertOneLineError(CliHarness.Run("predict", path, "--values", "1,2,3,4"), 1, "no model description");
    }

    [Theory]
    [InlineData(new[] { "train", "--epochs", "0" }, "--epochs: must be at least 1, got 0")]
    [InlineData(new[] { "train", "--epochs", "many" }, "'many'")]
    [InlineData(new[] { "train", "--lr", "-0.1" }, "--lr: the learning rate must be a positive number, got -0.1")]
    [InlineData(new[] { "train", "--batch-size", "0" }, "--batch-size: must be at least 1")]
    [InlineData(new[] { "train", "--patience", "-1" }, "--patience")]
    [InlineData(new[] { "train", "--layers", "64,x" }, "--layers: 'x' is not a layer width")]
    [InlineData(new[] { "train", "--layers", "0" }, "--layers: '0' is not a layer width")]
    [InlineData(new[] { "train", "--activation", "softsign" }, "'softsign'")]
    [InlineData(new[] { "train", "--optimizer", "lbfgs" }, "'lbfgs'")]
    [InlineData(new[] { "train", "--test-fraction", "1.5" }, "--test-fraction: must be in [0, 1), got 1.5")]
    [InlineData(new[] { "train", "--validation-fraction", "0.5", "--test-fraction", "0.5" }, "must be below 1")]
    [InlineData(new[] { "train", "--data", "iris", "--csv", "x.csv" }, "--data and --csv cannot be used together")]
    [InlineData(new[] { "train", "--task", "regression" }, "--task regression needs --csv FILE")]
    [InlineData(new[] { "train", "--task", "ranking" }, "'ranking'")]
    [InlineData(new[] { "train", "--label-column", "y" }, "--label-column applies to --csv files only")]
    [InlineData(new[] { "train", "--no-such-option" }, "--no-such-option")]
    [InlineData(new[] { "predict", "m.safetensors" }, "exactly one of --input FILE.csv and --values")]
    [InlineData(new[] { "predict", "m.safetensors", "--format", "xml" }, "'xml'")]
    [InlineData(new[] { "predict" }, "MODEL")]
    [InlineData(new[] { "inspect" }, "FILE")]
    [InlineData(new[] { "fly" }, "'fly'")]
    [InlineData(new string[0], "Required command was not provided")]
    public void BadCommandLinesAreUsageErrors(string[] args, string expected) =>
        AssertOneLineError(CliHarness.Run(args), 2, expected);

    [Fact]
    public void AValueThatIsNotANumber() =>
        AssertOneLineError(CliHarness.Run("predict", digits.ModelPath, "--values", "1,two,3"), 2, "--values: value 2 ('two') is not a finite number");

    [Fact]
    public void AModelDescriptionThatDoesNotFitTheData()
    {
        string path = digits.Directory.File("wrong-width.json");
        File.WriteAllText(path, ModelDescription.FromModule(new Sequential(new Linear(5, 3))).ToJson());
        AssertOneLineError(CliHarness.Run("train", "--data", "iris", "--model-json", path), 1, "wrong-width.json: the model does not accept the data's features [2, 4]");

        string outputs = digits.Directory.File("wrong-outputs.json");
        File.WriteAllText(outputs, ModelDescription.FromModule(new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2))).ToJson());
        AssertOneLineError(CliHarness.Run("train", "--data", "iris", "--model-json", outputs), 1, "into [2, 2], but the data needs outputs [2, 3]");

        string malformed = digits.Directory.File("malformed.json");
        File.WriteAllText(malformed, """{"format": "myelin-model", "version": 1, "model": {"type": "Conv9d"}}""");
        AssertOneLineError(CliHarness.Run("train", "--data", "iris", "--model-json", malformed), 1, "unknown layer type \"Conv9d\"");
    }

    [Fact]
    public void EvalOnACsvWithAClassTheModelDoesNotKnow()
    {
        string path = digits.Directory.File("eleven.csv");
        File.WriteAllLines(path, [string.Join(",", Enumerable.Repeat("0", 64)) + ",11"]);
        AssertOneLineError(CliHarness.Run("eval", digits.ModelPath, "--csv", path), 1, "the class label '11', which is not one of the model's classes");
    }

    [Fact]
    public void ALossThatBlowsUp() =>
        AssertOneLineError(CliHarness.Run("train", "--data", "iris", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "3",
            "--output", digits.Directory.File("nan.safetensors")), 1, "the loss is NaN at epoch 1");

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        var run = CliHarness.Run("inspect", digits.Directory.File("absent.safetensors"), "--verbose");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("myelin: the file", run.Error);
        Assert.Contains("FileNotFoundException", run.Error);
        Assert.Contains("   at ", run.Error);
    }
}
