using System.Globalization;
using System.Text.Json;

namespace Myelin.Tests.Cli;

[Collection(DigitsModelCollection.Name)]
public sealed class PredictCommandTests(DigitsModelFixture digits)
{
    const int Rows = 25;

    [Fact]
    public void CsvPredictionsEqualTheApiOutputsExactly()
    {
        string input = digits.WriteFeatureCsv("rows.csv", Rows);
        var run = CliHarness.Run("predict", digits.ModelPath, "--input", input, "--format", "csv");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);

        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("row,prediction,probability,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines[0]);
        Assert.Equal(Rows + 1, lines.Length);

        var expected = digits.ApiProbabilities(digits.TestSplit.Features.Narrow(0, 0, Rows));
        for (int r = 0; r < Rows; r++)
        {
            var fields = lines[r + 1].Split(',');
            Assert.Equal((r + 1).ToString(CultureInfo.InvariantCulture), fields[0]);
            int best = Enumerable.Range(0, 10).MaxBy(c => expected[r * 10 + c]);
            Assert.Equal(best.ToString(CultureInfo.InvariantCulture), fields[1]);
            for (int c = 0; c < 10; c++)
                Assert.Equal(expected[r * 10 + c], float.Parse(fields[3 + c], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void AHeaderRowIsOptional()
    {
        string plain = digits.WriteFeatureCsv("plain.csv", 5);
        string withHeader = digits.WriteFeatureCsv("header.csv", 5, header: true);
        var a = CliHarness.Run("predict", digits.ModelPath, "--input", plain, "--format", "csv");
        var b = CliHarness.Run("predict", digits.ModelPath, "--input", withHeader, "--format", "csv");
        Assert.Equal(0, b.ExitCode);
        Assert.Equal(a.Output, b.Output);
    }

    [Fact]
    public void PredictionsMatchTheDigitsLabelsMostOfTheTime()
    {
        string input = digits.WriteFeatureCsv("labelled.csv", Rows);
        var run = CliHarness.Run("predict", digits.ModelPath, "-i", input, "-f", "csv");
        var predicted = run.Output.TrimEnd('\n').Split('\n').Skip(1).Select(line => long.Parse(line.Split(',')[1], CultureInfo.InvariantCulture));
        var labels = digits.TestSplit.Labels.ToArray<long>().Take(Rows);
        Assert.True(predicted.Zip(labels).Count(pair => pair.First == pair.Second) >= Rows - 2);
    }

    [Fact]
    public void JsonListsEveryClassProbabilityByName()
    {
        string input = digits.WriteFeatureCsv("json.csv", 3);
        var run = CliHarness.Run("predict", digits.ModelPath, "--input", input, "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        var expected = digits.ApiProbabilities(digits.TestSplit.Features.Narrow(0, 0, 3));
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(r + 1, rows[r].GetProperty("row").GetInt32());
            var probabilities = rows[r].GetProperty("probabilities");
            for (int c = 0; c < 10; c++)
                Assert.Equal(expected[r * 10 + c], probabilities.GetProperty(c.ToString(CultureInfo.InvariantCulture)).GetSingle());
            string prediction = rows[r].GetProperty("prediction").GetString()!;
            Assert.Equal(probabilities.EnumerateObject().MaxBy(p => p.Value.GetSingle()).Name, prediction);
        }
    }

    [Fact]
    public void ValuesOnTheCommandLineGiveOneRowWithTheTopClasses()
    {
        var features = digits.TestSplit.Features.Narrow(0, 0, 1).ToArray();
        string values = string.Join(",", features.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        var run = CliHarness.Run("predict", digits.ModelPath, "--values", values, "--top", "2");
        Assert.Equal(0, run.ExitCode);
        var expected = digits.ApiProbabilities(digits.TestSplit.Features.Narrow(0, 0, 1));
        var ranked = Enumerable.Range(0, 10).OrderByDescending(c => expected[c]).ToArray();
        Assert.Contains("Top 2 classes", run.Output);
        string top = $"{ranked[0]} ({expected[ranked[0]].ToString("F3", CultureInfo.InvariantCulture)}), " +
                     $"{ranked[1]} ({expected[ranked[1]].ToString("F3", CultureInfo.InvariantCulture)})";
        Assert.Contains(top, run.Output);
    }
}
