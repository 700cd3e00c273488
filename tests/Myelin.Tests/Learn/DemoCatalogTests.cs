using Myelin.Cli.Demos;

namespace Myelin.Tests.Learn;

public class DemoCatalogTests
{
    static readonly string[] ExpectedNames =
    [
        "sweets", "nand", "perceptron-learning", "sigmoid-neuron", "chain-rule", "tanh-neuron", "value-mlp", "exam",
        "activations", "softmax", "learning-slowdown", "universal-approximation", "vanishing-gradients", "overfitting",
        "learning-rate", "house-prices", "is-it-a-9", "feature-relevance", "som",
    ];

    public static TheoryData<string> Names() => [.. ExpectedNames];

    [Fact]
    public void ListsEveryDemoWithASummary()
    {
        Assert.Equal(ExpectedNames, DemoCatalog.List.Select(d => d.Name));
        Assert.All(DemoCatalog.List, d => Assert.False(string.IsNullOrWhiteSpace(d.Summary)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryDemoRunsAndSucceeds(string name)
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        int exitCode = DemoCatalog.Run(name, ["--out", folder.Path], output);
        Assert.True(exitCode == 0, $"{name} exited with {exitCode}:\n{output}");
        Assert.True(output.ToString().Length > 200);
        Assert.All(Directory.GetFiles(folder.Path), file => Assert.True(new FileInfo(file).Length > 0));
    }

    [Theory]
    [InlineData("activations", "activations.svg")]
    [InlineData("learning-slowdown", "learning-slowdown.svg")]
    [InlineData("universal-approximation", "universal-approximation.svg")]
    [InlineData("vanishing-gradients", "vanishing-gradients.svg")]
    [InlineData("learning-rate", "learning-rate.svg")]
    [InlineData("feature-relevance", "feature-relevance.svg")]
    [InlineData("som", "som-colours.png")]
    [InlineData("chain-rule", "chain-rule.dot")]
    public void DemosSavePicturesUnderOut(string name, string file)
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        Assert.Equal(0, DemoCatalog.Run(name, [$"--out={folder.Path}"], output));
        Assert.True(File.Exists(folder.File(file)), $"{file} missing; output:\n{output}");
        Assert.Contains(folder.File(file), output.ToString());
    }

    [Fact]
    public void WithoutOutNoFilesAreWrittenAndTheOptionIsMentioned()
    {
        var output = new StringWriter();
        Assert.Equal(0, DemoCatalog.Run("activations", [], output));
        Assert.Contains("Run with --out DIR to save", output.ToString());
    }

    [Fact]
    public void DemosPrintTheTextbookNumbers()
    {
        Assert.Contains("82.4% chance of passing", Run("exam"));
        Assert.Contains("(0.2 × 3) + (0.3 × 7) + 0.5 = 3.2 → σ(3.2) ≈ 0.961", Run("exam"));
        string chain = Run("chain-rule");
        Assert.Contains("L goes from -8 to -4", chain);
        Assert.Contains("x =    2: backward gives   130, 50x + 30 =   130", chain);
        Assert.Contains("o = tanh(n) = 0.7071", Run("tanh-neuron"));
        Assert.Contains("Tensor.Softmax gives [0.2689, 0.7311]", Run("softmax"));
        Assert.Contains("XOR: did not converge", Run("perceptron-learning"));
        Assert.Contains("   1   1   0  ", Run("sweets").Replace("yes", "   ").Replace("no", "  "));
    }

    [Fact]
    public void ChainRuleWritesTheDotFileAndExplainsHowToDrawIt()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        string dot = folder.File("graph.dot"), svg = folder.File("graph.svg");
        Assert.Equal(0, DemoCatalog.Run("chain-rule", ["--dot", dot, "--svg", svg], output));

        Assert.StartsWith("digraph", File.ReadAllText(dot).TrimStart());
        // With Graphviz installed the SVG is drawn; without it the demo says how to get it.
        string text = output.ToString();
        Assert.True(File.Exists(svg) ? text.Contains("Drew the graph") : text.Contains("apt-get install graphviz"), text);
    }

    [Fact]
    public void UnknownDemoNameGivesAClearMessageAndExitCode()
    {
        var output = new StringWriter();
        Assert.Equal(2, DemoCatalog.Run("perceptron-lerning", [], output));
        Assert.Contains("Unknown demo 'perceptron-lerning'", output.ToString());
        Assert.Contains("perceptron-learning", output.ToString());   // the list follows
    }

    [Fact]
    public void BadOptionsGiveAClearMessageAndExitCode()
    {
        var output = new StringWriter();
        Assert.Equal(2, DemoCatalog.Run("sweets", ["--dot", "x.dot"], output));
        Assert.Contains("does not take the option '--dot'", output.ToString());

        output = new StringWriter();
        Assert.Equal(2, DemoCatalog.Run("sweets", ["--out"], output));
        Assert.Contains("the option --out needs a value", output.ToString());
    }

    static string Run(string name)
    {
        var output = new StringWriter();
        Assert.Equal(0, DemoCatalog.Run(name, [], output));
        return output.ToString();
    }
}
