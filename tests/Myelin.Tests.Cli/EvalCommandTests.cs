using System.Globalization;
using System.Text.RegularExpressions;

namespace Myelin.Tests.Cli;

[Collection(DigitsModelCollection.Name)]
public sealed class EvalCommandTests(DigitsModelFixture digits)
{
    [Fact]
    public void EvalReportsTheTestAccuracyOfTrainingAndAConfusionMatrix()
    {
        var run = CliHarness.Run("eval", digits.ModelPath, "--data", "digits");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the test split of digits (269 samples, seed 42)", run.Output);

        // The same accuracy as train printed for its test split.
        string trainAccuracy = Regex.Match(digits.Training.Output, @"Test: loss [0-9.]+  accuracy ([0-9.]+%)").Groups[1].Value;
        Assert.Matches($@"│ accuracy\s+│\s+{Regex.Escape(trainAccuracy)} │", run.Output);
        foreach (var metric in new[] { "precision (macro)", "recall (macro)", "F1 (macro)", "loss" })
            Assert.Contains(metric, run.Output);

        // Confusion matrix: a header with the ten classes, and ten rows whose counts add up to the test split.
        Assert.Contains("Confusion matrix", run.Output);
        Assert.Matches(@"│ true \\ predicted │\s+0 │\s+1 │.*│\s+9 │", run.Output);
        long total = 0;
        var labels = digits.TestSplit.Labels.ToArray<long>();
        for (int t = 0; t < 10; t++)
        {
            var row = Regex.Match(run.Output, $@"\n│ {t}\s+│(?<cells>[ \d│,]+)\n");
            Assert.True(row.Success, $"no row for class {t}");
            var counts = row.Groups["cells"].Value.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => long.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(10, counts.Length);
            Assert.Equal(labels.Count(l => l == t), counts.Sum());
            total += counts.Sum();
        }
        Assert.Equal(269, total);
    }

    [Fact]
    public void WithoutDataEvalUsesTheDataSetTheModelWasTrainedOn()
    {
        var named = CliHarness.Run("eval", digits.ModelPath, "--data", "digits");
        var implicitData = CliHarness.Run("eval", digits.ModelPath);
        Assert.Equal(0, implicitData.ExitCode);
        Assert.Equal(named.Output, implicitData.Output);
    }

    [Fact]
    public void AnotherSeedEvaluatesAnotherSplit()
    {
        var run = CliHarness.Run("eval", digits.ModelPath, "--seed", "5", "--test-fraction", "0.5");
        Assert.Equal(0, run.ExitCode);
        var (_, _, test) = Myelin.Data.Splits.TrainValidationTestSplit(Myelin.Data.Datasets.Digits(), 0.15, 0.5, seed: 5, stratify: true);
        Assert.Contains($"the test split of digits ({test.Count} samples, seed 5)", run.Output);
        Assert.True(test.Count > 800);
    }

    [Fact]
    public void EvalOnACsvUsesEveryRow()
    {
        // The digits test split as CSV, with the label as the last column.
        var features = digits.TestSplit.Features.ToArray();
        var labels = digits.TestSplit.Labels.ToArray<long>();
        var lines = Enumerable.Range(0, labels.Length).Select(r =>
            string.Join(",", features.Skip(r * 64).Take(64).Select(v => v.ToString(CultureInfo.InvariantCulture))) + "," + labels[r]);
        string path = digits.Directory.File("digits-test.csv");
        File.WriteAllLines(path, lines);

        var csv = CliHarness.Run("eval", digits.ModelPath, "--csv", path);
        var named = CliHarness.Run("eval", digits.ModelPath, "--data", "digits");
        Assert.Equal(0, csv.ExitCode);
        Assert.Contains($"all 269 rows of digits-test.csv", csv.Output);
        // Same samples, same metrics and confusion matrix.
        Assert.Equal(named.Output[named.Output.IndexOf('╭')..], csv.Output[csv.Output.IndexOf('╭')..]);
    }

    [Fact]
    public void ANarrowConsoleNumbersTheConfusionMatrixColumns()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Myelin.Cli.CliApp.Run(["eval", digits.ModelPath], CliHarness.CreateConsole(output, width: 60), error);
        Assert.Equal(0, exitCode);
        Assert.Contains("columns: predicted class by number", output.ToString());
        Assert.Matches(@"\n│ 3 3\s+│", output.ToString());
    }
}
