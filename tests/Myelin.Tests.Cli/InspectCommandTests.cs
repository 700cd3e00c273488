namespace Myelin.Tests.Cli;

[Collection(DigitsModelCollection.Name)]
public sealed class InspectCommandTests(DigitsModelFixture digits)
{
    [Fact]
    public void InspectListsTheTensorsTheArchitectureAndTheMetadata()
    {
        var run = CliHarness.Run("inspect", digits.ModelPath);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 tensors, 4,810 elements, 19,240 bytes of data", run.Output);
        Assert.Matches(@"│ 0\.weight\s+│\s+F32 │\s+\[64, 64\] │\s+4,096 │", run.Output);
        Assert.Matches(@"│ 0\.bias\s+│\s+F32 │\s+\[64\] │\s+64 │", run.Output);
        Assert.Matches(@"│ 2\.weight\s+│\s+F32 │\s+\[10, 64\] │\s+640 │", run.Output);
        Assert.Contains("Model (4,810 parameters):", run.Output);
        Assert.Contains("(0): Linear(in_features=64, out_features=64, bias=True)", run.Output);
        Assert.Matches(@"│ task\s+│ classification\s+│", run.Output);
        Assert.Contains("--verbose shows all", run.Output);   // the scaler's long JSON is shortened
        Assert.DoesNotContain("myelin.model", run.Output);     // shown as the architecture instead
    }

    [Fact]
    public void VerboseShowsLongMetadataInFull()
    {
        var run = CliHarness.Run("inspect", digits.ModelPath, "--verbose");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("--verbose shows all", run.Output);
    }

    [Fact]
    public void InspectReadsAFileWrittenByPyTorch()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_sequential.safetensors");
        var run = CliHarness.Run("inspect", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("12 tensors, 154 elements", run.Output);
        Assert.Matches(@"│ 1\.num_batches_tracked\s+│\s+I64 │\s+\[\] │\s+1 │", run.Output);
        Assert.Matches(@"│ 7\.0\.weight\s+│\s+F32 │\s+\[3, 6\] │\s+18 │", run.Output);
        Assert.Matches(@"│ format\s+│ pt\s+│", run.Output);
        Assert.DoesNotContain("Model (", run.Output);
    }
}
