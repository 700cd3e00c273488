using Myelin.NN;

namespace Myelin.Tests.NN;

public class ModuleTests
{
    [Fact]
    public void NamedParametersUseDottedPyTorchNames()
    {
        var model = new Net();
        Assert.Equal(
            ["features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias", "head.weight", "head.bias"],
            model.NamedParameters().Select(p => p.Name));
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void ParameterNamesMatchPyTorch()
    {
        var expected = NNFixtures.Model().GetProperty("parameter_names").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(expected, new Net().NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void BuffersAreNotParameters()
    {
        var model = new Net();
        Assert.Equal(["features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked"],
            model.NamedBuffers().Select(b => b.Name));
        Assert.DoesNotContain(model.Parameters(), p => model.Buffers().Contains(p));
        Assert.Equal(DType.Int64, model.NamedBuffers().Single(b => b.Name.EndsWith("num_batches_tracked")).Buffer.DType);
        Assert.False(model.Buffers().First().RequiresGrad);
    }

    [Fact]
    public void ChildrenAndModulesWalkTheTree()
    {
        var model = new Net();
        Assert.Equal(["features", "head"], model.NamedChildren().Select(c => c.Name));
        Assert.Equal(["", "features", "features.0", "features.1", "features.2", "head"], model.NamedModules().Select(m => m.Name));
        Assert.Equal(["Net", "Sequential", "Linear", "BatchNorm1d", "ReLU", "Linear"], model.Modules().Select(m => m.GetType().Name));
        Assert.Equal(2, model.Children().Count());
    }

    [Fact]
    public void NumParametersCountsEveryElement()
    {
        // (4·8 + 8) + (8 + 8) + (8·3 + 3)
        Assert.Equal(83, new Net().NumParameters());
        Assert.Equal(NNFixtures.Model().GetProperty("num_parameters").GetInt64(), new Net().NumParameters());
    }

    [Fact]
    public void SharedLayerIsCountedOnce()
    {
        var shared = new Linear(3, 3);
        var model = new Sequential(shared, new ReLU(), shared);
        Assert.Equal(2, model.Parameters().Count());
        Assert.Equal(12, model.NumParameters());
        // The state dict lists it under both names, as PyTorch does.
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.StateDict().Keys);
    }

    [Fact]
    public void TiedWeightReplacesTheParameter()
    {
        var a = new Linear(4, 4);
        var b = new Linear(4, 4) { Weight = a.Weight };
        var model = new Sequential(a, b);
        Assert.Same(a.Weight, b.Weight);
        Assert.Equal(3, model.Parameters().Count()); // one weight, two biases
        var error = Assert.Throws<ArgumentException>(() => b.Weight = Tensor.Zeros(3, 4));
        Assert.Contains("[4, 4]", error.Message);
        Assert.Contains("[3, 4]", error.Message);
    }

    [Fact]
    public void TrainAndEvalPropagateToEveryDescendant()
    {
        var model = new Net();
        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
        Assert.Same(model, model.Eval());
        Assert.All(model.Modules(), m => Assert.False(m.IsTraining));
        model.Train();
        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
        model.Features.Train(false);
        Assert.True(model.IsTraining);
        Assert.All(model.Features.Modules(), m => Assert.False(m.IsTraining));
    }

    [Fact]
    public void ZeroGradClearsEveryGradient()
    {
        var model = new Net();
        model.Forward(Tensor.Randn([5, 4], new Generator(1))).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void ApplyVisitsEveryModule()
    {
        var visited = new List<string>();
        new Net().Apply(m => visited.Add(m.GetType().Name));
        Assert.Equal(["Net", "Sequential", "Linear", "BatchNorm1d", "ReLU", "Linear"], visited);
    }

    [Fact]
    public void RegistrationRejectsBadNames()
    {
        var module = new Scale(2);
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => module.RegisterAgain("factor")).Message);
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => module.RegisterBufferNamed("calls")).Message);
        Assert.Contains("'a.b' contains '.'", Assert.Throws<ArgumentException>(() => module.RegisterAgain("a.b")).Message);
        Assert.Contains("cannot be empty", Assert.Throws<ArgumentException>(() => module.RegisterAgain("")).Message);
        Assert.Contains("own child", Assert.Throws<ArgumentException>(module.RegisterSelf).Message);
        Assert.Contains("leaf", Assert.Throws<ArgumentException>(module.RegisterComputed).Message);
        Assert.Contains("Int64", Assert.Throws<ArgumentException>(module.RegisterInteger).Message);
        Assert.StartsWith("Scale: ", Assert.Throws<ArgumentException>(() => module.RegisterAgain("factor")).Message);
    }

    [Fact]
    public void ToStringPrintsTheTreeLikePyTorch()
    {
        var expected = NNFixtures.Model().GetProperty("repr").GetString();
        Assert.Equal(expected, new Net().ToString());
    }

    [Fact]
    public void ToStringOfSequential()
    {
        var model = new Sequential(new Linear(64, 32), new ReLU());
        Assert.Equal("Sequential(\n  (0): Linear(in_features=64, out_features=32, bias=True)\n  (1): ReLU()\n)", model.ToString());
    }

    [Fact]
    public void LayerSettingsPrintAsInPyTorch()
    {
        Assert.Equal("Linear(in_features=3, out_features=2, bias=False)", new Linear(3, 2, bias: false).ToString());
        Assert.Equal("BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", new BatchNorm1d(8).ToString());
        Assert.Equal("BatchNorm1d(8, eps=0.001, momentum=None, affine=False, track_running_stats=False)",
            new BatchNorm1d(8, eps: 1e-3, momentum: null, affine: false, trackRunningStats: false).ToString());
        Assert.Equal("LayerNorm((5,), eps=1e-05, elementwise_affine=True)", new LayerNorm(5).ToString());
        Assert.Equal("LayerNorm((3, 4), eps=1e-05, elementwise_affine=False)", new LayerNorm([3, 4], elementwiseAffine: false).ToString());
        Assert.Equal("Dropout(p=0.25)", new Dropout(0.25).ToString());
        Assert.Equal("Flatten(start_dim=1, end_dim=-1)", new Flatten().ToString());
        Assert.Equal("LeakyReLU(negative_slope=0.01)", new LeakyReLU().ToString());
        Assert.Equal("ELU(alpha=1.0)", new ELU().ToString());
        Assert.Equal("GELU(approximate='tanh')", new GELU("tanh").ToString());
        Assert.Equal("Softplus(beta=1.0, threshold=20.0)", new Softplus().ToString());
        Assert.Equal("Softmax(dim=-1)", new Softmax(-1).ToString());
        Assert.Equal("LogSoftmax(dim=1)", new LogSoftmax(1).ToString());
        Assert.Equal("Step(threshold=0.0)", new Step().ToString());
        Assert.Equal("Identity()", new Identity().ToString());
        Assert.Equal("Sigmoid()", new Sigmoid().ToString());
        Assert.Equal("ModuleList()", new ModuleList().ToString());
    }

    [Fact]
    public void SummaryListsLayersShapesAndParameterCounts()
    {
        var model = new Net();
        var text = model.Summary(5, 4);
        var lines = text.Split('\n');
        Assert.Contains("input [5, 4]", lines[0]);
        string Row(string layer) => lines.Single(l => l.StartsWith(layer + " "));
        Assert.Matches(@"^features \(Sequential\)\s+\[5, 8\]\s+0$", Row("features"));
        Assert.Matches(@"^features\.0 \(Linear\)\s+\[5, 8\]\s+40$", Row("features.0"));
        Assert.Matches(@"^features\.1 \(BatchNorm1d\)\s+\[5, 8\]\s+16$", Row("features.1"));
        Assert.Matches(@"^features\.2 \(ReLU\)\s+\[5, 8\]\s+0$", Row("features.2"));
        Assert.Matches(@"^head \(Linear\)\s+\[5, 3\]\s+27$", Row("head"));
        Assert.Contains("Output shape: [5, 3]", lines);
        Assert.Contains("Total params: 83", lines);
        Assert.Contains("Trainable params: 83", lines);
        Assert.Contains("Non-trainable params: 0", lines);
    }

    [Fact]
    public void SummaryCountsFrozenParametersAsNonTrainableAndUsesThousandsSeparators()
    {
        var model = new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
        model[2].Parameters().First().RequiresGrad = false; // freeze the last weight (320 elements)
        var text = model.Summary(Tensor.Zeros(1, 64));
        Assert.Contains("Total params: 2,410", text);
        Assert.Contains("Trainable params: 2,090", text);
        Assert.Contains("Non-trainable params: 320", text);
        Assert.Matches(@"\n0 \(Linear\)\s+\[1, 32\]\s+2,080\n", text);
    }

    [Fact]
    public void SummaryLeavesModesAndRunningStatisticsAlone()
    {
        var model = new Net();
        model.Features.Eval();
        var before = model.StateDict().ToDictionary(e => e.Key, e => e.Value.Clone());
        model.Summary(3, 4);
        Assert.True(model.IsTraining);
        Assert.False(model.Features.IsTraining);
        foreach (var (key, value) in model.StateDict()) TensorAssert.Equal(before[key], value);
    }

    [Fact]
    public void SummaryShowsADashForCustomModulesOutsideSequential()
    {
        var outer = new Wrapper(new Scale(3));
        var text = outer.Summary(2, 3);
        Assert.Matches(@"\ninner \(Scale\)\s+-\s+3\n", text);
        Assert.Contains("Output shape: [2, 3]", text);
        // Inside a Sequential the container records the shape of every child.
        Assert.Matches(@"\n0 \(Scale\)\s+\[2, 3\]\s+3\n", new Sequential(new Scale(3)).Summary(2, 3));
    }

    sealed class Wrapper : Module
    {
        readonly Module inner;
        public Wrapper(Module inner) => this.inner = Register("inner", inner);
        public override Tensor Forward(Tensor input) => inner.Forward(input);
    }
}
