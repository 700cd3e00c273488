namespace Myelin.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public void RootHelpListsTheCommands()
    {
        var run = CliHarness.Run("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "train", "eval", "predict", "inspect" })
            Assert.Matches($@"\n\s+{command}\s+\S", run.Output);
    }

    [Theory]
    [InlineData("train", new[] { "--data", "--csv", "--label-column", "--task", "--data-dir", "--layers", "--activation", "--model-json",
        "--optimizer", "--lr", "--epochs", "--batch-size", "--validation-fraction", "--test-fraction", "--patience", "--seed",
        "--output", "--quiet", "--verbose" })]
    [InlineData("eval", new[] { "MODEL", "--data", "--csv", "--label-column", "--seed", "--validation-fraction", "--test-fraction", "--verbose" })]
    [InlineData("predict", new[] { "MODEL", "--input", "--values", "--format", "--top", "--verbose" })]
    [InlineData("inspect", new[] { "FILE", "--verbose" })]
    public void EachCommandDocumentsItsOptions(string command, string[] options)
    {
        var run = CliHarness.Run(command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        foreach (var option in options) Assert.Contains(option, run.Output);
    }
}
