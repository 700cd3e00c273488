using Myelin.Cli.Demos;
using Myelin.IO;
using Myelin.Learn;

namespace Myelin.Tests.Cli;

/// <summary>The learner-facing commands: demo, explain and plot.</summary>
[Collection(DigitsModelCollection.Name)]
public sealed class LearningCommandTests(DigitsModelFixture digits)
{
    [Fact]
    public void DemoWithoutANameListsEveryDemo()
    {
        var run = CliHarness.Run("demo");
        Assert.Equal(0, run.ExitCode);
        foreach (var (name, _) in DemoCatalog.List) Assert.Contains(name, run.Output);
        foreach (var (name, _) in Myelin.Cli.VisionDemos.VisionDemoCatalog.List) Assert.Contains(name, run.Output);
        foreach (var (name, _) in Myelin.Cli.SequenceDemos.SequenceDemoCatalog.List) Assert.Contains(name, run.Output);
        Assert.Equal(19, DemoCatalog.List.Count);
    }

    [Fact]
    public void DemoRunsByNameAndPassesItsOptions()
    {
        using var directory = new TempDirectory();
        string dot = directory.File("graph.dot");
        var run = CliHarness.Run("demo", "chain-rule", "--dot", dot);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("-8", run.Output);
        Assert.StartsWith("digraph", File.ReadAllText(dot).TrimStart());
        var exam = CliHarness.Run("demo", "exam");
        Assert.Equal(0, exam.ExitCode);
        Assert.Contains("82.4%", exam.Output);
    }

    [Fact]
    public void UnknownDemoFailsWithTheList()
    {
        var run = CliHarness.Run("demo", "no-such-demo");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no-such-demo", run.Output + run.Error);
    }

    [Fact]
    public void ExplainPrintsTheForwardPassOfASavedModel()
    {
        var row = digits.TestSplit.Features[0].ToArray();
        var run = CliHarness.Run("explain", digits.ModelPath, "--input", string.Join(",", row.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Layer 1: Linear(64 → 64) + ReLU", run.Output);
        Assert.Contains("neuron 1:", run.Output);
        // The explanation's final values are the model's own outputs for the scaled row.
        var model = Model.Load(digits.ModelPath);
        var scaled = digits.Scaler.Transform(Tensor.FromArray(row, 1, row.Length));
        var expected = Explain.Forward(model, scaled).Text;
        Assert.Contains(expected.Split('\n')[^1].Trim(), run.Output);
    }

    [Fact]
    public void ExplainRejectsAWrongFeatureCount()
    {
        var run = CliHarness.Run("explain", digits.ModelPath, "--input", "1,2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("expects 64", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void PlotActivationsWritesAnSvg()
    {
        using var directory = new TempDirectory();
        string path = directory.File("act.svg");
        var run = CliHarness.Run("plot", "activations", "--out", path);
        Assert.Equal(0, run.ExitCode);
        var svg = System.Xml.Linq.XDocument.Load(path);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(2, CliHarness.Run("plot", "weights").ExitCode);
    }
}
