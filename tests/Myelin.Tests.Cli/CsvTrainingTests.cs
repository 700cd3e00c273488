using System.Globalization;
using System.Text.RegularExpressions;
using Myelin.Data;
using Myelin.IO;

namespace Myelin.Tests.Cli;

/// <summary>Training, evaluating and predicting from CSV files: class names as text, numeric classes, and regression.</summary>
public sealed class CsvTrainingTests : IDisposable
{
    readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>Iris as a CSV with a header and the species as text in the first column.</summary>
    string WriteIrisCsv()
    {
        var iris = Datasets.Iris();
        var x = iris.Features.ToArray();
        var y = iris.Labels.ToArray<long>();
        var lines = new List<string> { "species,sepal_length,sepal_width,petal_length,petal_width" };
        for (int r = 0; r < iris.Count; r++)
            lines.Add(iris.ClassNames[(int)y[r]] + "," + string.Join(",", x.Skip(r * 4).Take(4).Select(v => v.ToString(CultureInfo.InvariantCulture))));
        string path = directory.File("iris.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void ClassNamesFromACsvColumnAreStoredAndPredictedByName()
    {
        string csv = WriteIrisCsv();
        string model = directory.File("iris.myelin.safetensors");
        var train = CliHarness.Run("train", "--csv", csv, "--label-column", "species", "--layers", "16", "--lr", "0.01", "--epochs", "40",
            "--output", model);
        Assert.Equal(0, train.ExitCode);
        var metadata = Model.LoadMetadata(model);
        Assert.Equal("""["setosa","versicolor","virginica"]""", metadata["classes"]);
        Assert.Equal("species", metadata["label_column"]);

        // A setosa flower and a virginica flower.
        var setosa = CliHarness.Run("predict", model, "--values", "5.1,3.5,1.4,0.2", "--format", "csv");
        Assert.Equal("setosa", setosa.Output.Split('\n')[1].Split(',')[1]);
        var virginica = CliHarness.Run("predict", model, "--values", "7.7,3.0,6.1,2.3", "--format", "csv");
        Assert.Equal("virginica", virginica.Output.Split('\n')[1].Split(',')[1]);

        // eval on the same CSV finds the label column by the name stored in the model.
        var eval = CliHarness.Run("eval", model, "--csv", csv);
        Assert.Equal(0, eval.ExitCode);
        Assert.Contains("all 150 rows of iris.csv", eval.Output);
        Assert.Matches(@"│ true \\ predicted │\s+setosa │\s+versicolor │\s+virginica │", eval.Output);
        var accuracy = Regex.Match(eval.Output, @"│ accuracy\s+│\s+([0-9.]+)% │");
        Assert.True(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture) >= 90, eval.Output);
    }

    [Fact]
    public void NumericClassLabelsAreOrderedNumerically()
    {
        // Classes 2, 10 and 9 in a headerless CSV: the model's classes must be 2, 9, 10 (not "10" before "2").
        var rows = new List<string>();
        var generator = new Generator(3);
        foreach (var (label, centre) in new[] { (2, -3.0), (10, 0.0), (9, 3.0) })
            for (int i = 0; i < 20; i++)
                rows.Add($"{(centre + generator.NextNormal() * 0.3).ToString(CultureInfo.InvariantCulture)},{label}");
        string csv = directory.File("numbers.csv");
        File.WriteAllLines(csv, rows);
        string model = directory.File("numbers.safetensors");
        Assert.Equal(0, CliHarness.Run("train", "--csv", csv, "--epochs", "2", "--output", model).ExitCode);
        Assert.Equal("""["2","9","10"]""", Model.LoadMetadata(model)["classes"]);
    }

    [Fact]
    public void RegressionLearnsALinearTargetAndReportsErrorsInItsUnits()
    {
        // y = 3·a − 2·b + 100, with a little noise: the network must undo the target scaling it trains with.
        var generator = new Generator(11);
        var lines = new List<string> { "a,b,y" };
        for (int i = 0; i < 300; i++)
        {
            double a = generator.NextDouble() * 4 - 2, b = generator.NextDouble() * 4 - 2;
            double y = 3 * a - 2 * b + 100 + generator.NextNormal() * 0.05;
            lines.Add(string.Join(",", new[] { a, b, y }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        string csv = directory.File("linear.csv");
        File.WriteAllLines(csv, lines);
        string model = directory.File("linear.safetensors");

        var train = CliHarness.Run("train", "--csv", csv, "--label-column", "y", "--task", "regression", "--layers", "none",
            "--lr", "0.05", "--epochs", "60", "--output", model);
        Assert.Equal(0, train.ExitCode);
        Assert.DoesNotContain("accuracy", train.Output);
        Assert.Matches(@"Test: MAE [0-9.]+  RMSE [0-9.]+  R² 0\.9\d+ \(45 samples\)", train.Output);
        Assert.Equal("regression", Model.LoadMetadata(model)["task"]);

        var predict = CliHarness.Run("predict", model, "--values", "1,1", "--format", "json");
        Assert.Equal(0, predict.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(predict.Output);
        double value = json.RootElement[0].GetProperty("prediction").GetDouble();
        Assert.InRange(value, 100.5, 101.5);   // 3 − 2 + 100

        var eval = CliHarness.Run("eval", model, "--csv", csv);
        Assert.Equal(0, eval.ExitCode);
        foreach (var metric in new[] { "MAE", "RMSE", "R²" }) Assert.Contains(metric, eval.Output);
        var r2 = Regex.Match(eval.Output, @"│ R²\s+│\s+([0-9.]+) │");
        Assert.True(double.Parse(r2.Groups[1].Value, CultureInfo.InvariantCulture) > 0.95, eval.Output);
    }

    [Fact]
    public void ALabelColumnThatDoesNotExist()
    {
        string csv = WriteIrisCsv();
        var run = CliHarness.Run("train", "--csv", csv, "--label-column", "colour");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("colour", run.Error);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }
}
