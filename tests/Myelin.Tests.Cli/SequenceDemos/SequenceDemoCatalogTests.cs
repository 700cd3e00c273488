using Myelin.Cli.SequenceDemos;
using Myelin.Examples;

namespace Myelin.Tests.Cli.SequenceDemos;

// The demos train models for a few seconds; running them alone keeps them from disturbing other tests.
[CollectionDefinition(nameof(SequenceDemoRuns), DisableParallelization = true)]
public sealed class SequenceDemoRuns;

/// <summary>
/// Every sequence demo runs through the catalog with tiny settings and exits 0, printing what it promises; wrong
/// names and options end with a clear message and a non-zero exit code.
/// </summary>
[Collection(nameof(SequenceDemoRuns))]
public sealed class SequenceDemoCatalogTests : IDisposable
{
    readonly TempDirectory folder = new();
    readonly string wordFile;

    public SequenceDemoCatalogTests()
    {
        // The built-in list, so that the tests do not depend on the system's word file.
        wordFile = folder.File("words.txt");
        File.WriteAllLines(wordFile, CommonWords.Words);
    }

    public void Dispose() => folder.Dispose();

    static (int ExitCode, string Output) Run(string name, params string[] args)
    {
        var output = new StringWriter();
        int exitCode = SequenceDemoCatalog.Run(name, args, output);
        return (exitCode, output.ToString());
    }

    static void AssertSucceeded((int ExitCode, string Output) run)
    {
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}");
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void ListsTheFiveDemosWithSummaries()
    {
        Assert.Equal(["char-lstm", "char-transformer", "forecast", "attention-classify", "gan"], SequenceDemoCatalog.List.Select(d => d.Name));
        Assert.All(SequenceDemoCatalog.List, d => Assert.False(string.IsNullOrWhiteSpace(d.Summary)));
    }

    [Theory]
    [InlineData("char-lstm")]
    [InlineData("char-transformer")]
    public void CharacterModelsReportLossAgainstTheBaselineAndSampleWords(string name)
    {
        var run = Run(name, "--words", wordFile, "--max-words", "200", "--epochs", "1", "--samples", "2", "--seed", "3");
        AssertSucceeded(run);
        Assert.Contains($"{CommonWords.Words.Count:N0} words of the letters a–z alone in {wordFile}", run.Output);
        Assert.Contains("180 to train on, 20 held out for validation", run.Output);
        Assert.Contains("entropy of the character distribution", run.Output);
        Assert.Matches(@"Validation loss \d\.\d{3} nats/char vs the unigram baseline \d\.\d{3}", run.Output);
        Assert.Contains("temperature 0.5:", run.Output);
        Assert.Contains("temperature 1.0:", run.Output);
    }

    [Fact]
    public void CharacterModelSamplesAtAChosenTemperature()
    {
        var run = Run("char-lstm", "--words", wordFile, "--max-words", "50", "--epochs", "1", "--samples", "3", "--temperature", "0.7");
        AssertSucceeded(run);
        Assert.Contains("temperature 0.7:", run.Output);
        Assert.DoesNotContain("temperature 0.5:", run.Output);
        Assert.Contains("of the 3 sampled words are new", run.Output);
    }

    [Fact]
    public void ForecastReportsItsErrorAgainstRepeatingTheLastValue()
    {
        var run = Run("forecast", "--epochs", "1", "--train-size", "64", "--window", "6", "--model", "gru");
        AssertSucceeded(run);
        Assert.Contains("repeat the last value:", run.Output);
        Assert.Contains("Model: GRU with 32 hidden units", run.Output);
        Assert.Matches(@"Test MSE \d\.\d{4} vs \d\.\d{4} for repeating the last value", run.Output);
        Assert.Contains("Forecasting a new wave 12 steps ahead", run.Output);
    }

    [Fact]
    public void AttentionClassifyReportsAccuracyAndAnAttentionTableAndHeatMap()
    {
        var images = Path.Combine(folder.Path, "images");
        var run = Run("attention-classify", "--words", wordFile, "--max-words", "100", "--epochs", "1", "--word", "cat", "--out", images);
        AssertSucceeded(run);
        Assert.Contains("Training: 80 words + 80 random strings; held out: 20 other words + 20 random strings.", run.Output);
        Assert.Matches(@"Held-out accuracy: \d+\.\d% of 40 strings", run.Output);
        Assert.Contains("'cat': the model gives it", run.Output);
        // The table: a header of the letters and one row per letter whose weights sum to 1.
        var lines = run.Output.Split('\n');
        int header = Array.FindIndex(lines, l => l.Trim() == "c     a     t");
        Assert.True(header > 0, run.Output);
        for (int row = 1; row <= 3; row++)
        {
            var cells = lines[header + row].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("cat"[row - 1].ToString(), cells[0]);
            Assert.Equal(1.0, cells.Skip(1).Sum(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)), 1);
        }
        var svg = File.ReadAllText(Path.Combine(images, "attention-cat.svg"));
        Assert.StartsWith("<svg", svg);
        Assert.EndsWith("</svg>\n", svg);
        Assert.Equal(9, svg.Split("<rect x=").Length - 1);
    }

    [Fact]
    public void GanPrintsBothLossesPerEpochCoverageAndWritesImages()
    {
        var images = Path.Combine(folder.Path, "gan");
        var run = Run("gan", "--epochs", "2", "--digit-epochs", "1", "--out", images);
        AssertSucceeded(run);
        Assert.Contains("epoch  D loss  G loss  modes covered", run.Output);
        Assert.Matches(@"\n\s+2\s+\d\.\d{3}\s+\d\.\d{3}\s+\d of 8", run.Output);
        Assert.Matches(@"Final, on 2,000 generated points: \d of 8 modes covered, \d+\.\d% of samples near a mode", run.Output);
        Assert.Contains("epoch  D loss  G loss  digits among 500 samples", run.Output);
        Assert.Contains("Digits among 1,000 generated samples", run.Output);
        Assert.True(File.Exists(Path.Combine(images, "gan-ring.svg")));
        var png = File.ReadAllBytes(Path.Combine(images, "gan-digits.png"));
        Assert.Equal(Myelin.Learn.PngWriter.Signature.ToArray(), png[..8]);
        // 10 columns and 4 rows of 8×8 digits drawn 8 times larger, with 4-pixel gaps.
        Assert.Equal((10 * 68 + 4, 4 * 68 + 4), Myelin.Learn.PngWriter.ReadSize(png));
    }

    [Fact]
    public void GanRunsOnePartAloneAndTakesNameEqualsValueOptions()
    {
        var run = Run("GAN", "--part=ring", "--epochs=1");
        AssertSucceeded(run);
        Assert.Contains("Part 1", run.Output);
        Assert.DoesNotContain("Part 2", run.Output);
    }

    [Fact]
    public void UnknownDemoIsAUsageErrorListingTheDemos()
    {
        var run = Run("char-gru");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no sequence demo named 'char-gru'", run.Output);
        Assert.Contains("char-lstm, char-transformer, forecast, attention-classify, gan", run.Output);
    }

    [Theory]
    [InlineData("forecast", new[] { "--epoch", "3" }, "unknown option '--epoch'")]
    [InlineData("forecast", new[] { "--epochs", "0" }, "--epochs must be an integer from 1 up, got '0'")]
    [InlineData("forecast", new[] { "--epochs" }, "the option --epochs needs a value")]
    [InlineData("forecast", new[] { "--model", "transformer" }, "--model must be lstm, gru or rnn, got 'transformer'")]
    [InlineData("forecast", new[] { "--noise", "-1" }, "--noise must be a number from 0")]
    [InlineData("gan", new[] { "--part", "faces" }, "--part must be ring, digits or both")]
    [InlineData("attention-classify", new[] { "--word", "Hello" }, "--word must be 1 to 12 lower-case letters")]
    [InlineData("char-lstm", new[] { "--lr", "fast" }, "--lr must be a number above 0")]
    [InlineData("char-lstm", new[] { "--seed", "1", "--seed", "2" }, "--seed is given twice")]
    [InlineData("char-lstm", new[] { "--epochs=" }, "the option --epochs needs a value")]
    public void WrongOptionsAreUsageErrorsNamingTheOption(string name, string[] args, string expected)
    {
        var run = Run(name, args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"myelin demo {name}: ", run.Output);
        Assert.Contains(expected, run.Output);
        Assert.Contains($"(see 'myelin demo {name} --help')", run.Output);
        Assert.Single(run.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void MissingWordFileIsARuntimeErrorNamingTheFile()
    {
        var missing = folder.File("no-such-words.txt");
        var run = Run("char-transformer", "--words", missing);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, run.Output);
        Assert.Contains("does not exist", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public void HelpListsTheOptions()
    {
        var run = Run("attention-classify", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("myelin demo attention-classify: ", run.Output);
        foreach (var option in new[] { "--words FILE", "--max-words N", "--epochs N", "--word WORD", "--out DIR", "--seed N" })
            Assert.Contains(option, run.Output);
    }
}
