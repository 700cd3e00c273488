using Myelin.IO;
using Myelin.NN;

namespace Myelin.Tests.NN;

public class StateDictTests
{
    [Fact]
    public void KeysMatchPyTorchInOrder()
    {
        var expected = NNFixtures.Model().GetProperty("keys").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(expected, new Net().StateDict().Keys);
        Assert.Contains("features.0.weight", new Net().StateDict().Keys);
    }

    [Fact]
    public void PyTorchStateDictLoadsAndGivesPyTorchOutputs()
    {
        var fixture = NNFixtures.Model();
        var model = new Net();
        var result = model.LoadStateDict(FixtureReader.DecodeDictionary(fixture.GetProperty("state")));
        Assert.True(result.IsExactMatch);
        model.Eval();
        var output = model.Forward(FixtureReader.Decode(fixture.GetProperty("input")));
        TensorAssert.Close(FixtureReader.Decode(fixture.GetProperty("eval_output")), output, 1e-5, 1e-6, "Net output");
        Assert.Equal(3, model.StateDict()["features.1.num_batches_tracked"].Item<long>());
    }

    [Fact]
    public void RoundTripIntoAFreshModelGivesIdenticalOutputs()
    {
        var trained = new Net(new Generator(1));
        var x = Tensor.Randn([6, 4], new Generator(2));
        trained.Forward(x); // one training step moves the running statistics
        trained.Eval();
        var fresh = new Net(new Generator(99));
        fresh.Eval();
        Assert.NotEqual(trained.Forward(x).ToArray(), fresh.Forward(x).ToArray());

        fresh.LoadStateDict(trained.StateDict());
        Assert.Equal(trained.Forward(x).ToArray(), fresh.Forward(x).ToArray());
        // Loading copies values: the two models do not share memory afterwards.
        Assert.NotSame(trained.Parameters().First(), fresh.Parameters().First());
    }

    [Fact]
    public void RoundTripThroughASafetensorsFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"myelin-nn-{Guid.NewGuid():N}.safetensors");
        try
        {
            var model = new Net(new Generator(3));
            model.Forward(Tensor.Randn([4, 4], new Generator(4)));
            SafeTensors.Save(path, model.StateDict());
            var loaded = new Net(new Generator(5));
            loaded.LoadStateDict(SafeTensors.Load(path));
            foreach (var (key, value) in model.StateDict()) TensorAssert.Equal(value, loaded.StateDict()[key]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StateDictSharesMemoryAndIsDetached()
    {
        var layer = new Linear(2, 2);
        var weight = layer.StateDict()["weight"];
        Assert.False(weight.RequiresGrad);
        using (Autograd.NoGrad()) layer.Weight.Fill(7);
        Assert.All(weight.ToArray(), v => Assert.Equal(7f, v));
    }

    [Fact]
    public void StrictLoadListsMissingAndUnexpectedKeys()
    {
        var state = new Net().StateDict();
        state.Remove("head.bias");
        state.Remove("features.1.running_var");
        state["head.scale"] = Tensor.Ones(3);
        var model = new Net();
        var before = model.StateDict()["head.weight"].Clone();
        var error = Assert.Throws<StateDictMismatchException>(() => model.LoadStateDict(state));
        Assert.Contains("Net", error.Message);
        Assert.Contains("Missing key(s): \"features.1.running_var\", \"head.bias\".", error.Message);
        Assert.Contains("Unexpected key(s): \"head.scale\".", error.Message);
        Assert.Equal(["features.1.running_var", "head.bias"], error.MissingKeys);
        Assert.Equal(["head.scale"], error.UnexpectedKeys);
        // A failed load changes nothing.
        TensorAssert.Equal(before, model.StateDict()["head.weight"]);
    }

    [Fact]
    public void NonStrictLoadReturnsTheSkippedKeysAndLoadsTheRest()
    {
        var source = new Net(new Generator(6));
        var state = source.StateDict();
        state.Remove("head.bias");
        state["extra"] = Tensor.Zeros(1);
        var model = new Net(new Generator(7));
        var biasBefore = model.StateDict()["head.bias"].Clone();
        var result = model.LoadStateDict(state, strict: false);
        Assert.Equal(["head.bias"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);
        Assert.False(result.IsExactMatch);
        TensorAssert.Equal(source.StateDict()["head.weight"], model.StateDict()["head.weight"]);
        TensorAssert.Equal(biasBefore, model.StateDict()["head.bias"]);
    }

    [Fact]
    public void WrongShapeIsAlwaysAnErrorNamingBothShapes()
    {
        var state = new Net().StateDict();
        state["head.weight"] = Tensor.Zeros(2, 8);
        foreach (bool strict in new[] { true, false })
        {
            var error = Assert.Throws<StateDictMismatchException>(() => new Net().LoadStateDict(state, strict));
            Assert.Contains("Size mismatch for head.weight: copying a tensor of shape [2, 8] into a tensor of shape [3, 8]", error.Message);
            Assert.Single(error.ShapeMismatches);
        }
    }

    [Fact]
    public void NullValueIsRejectedByKey()
    {
        var state = new Linear(2, 1).StateDict();
        state["bias"] = null!;
        var error = Assert.Throws<ArgumentException>(() => new Linear(2, 1).LoadStateDict(state));
        Assert.Contains("'bias' is null", error.Message);
    }

    [Fact]
    public void ValuesAreConvertedToTheModuleDType()
    {
        var layer = new Linear(2, 1);
        var state = new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray(new[] { 0.5, -1.5 }, 1, 2),
            ["bias"] = Tensor.FromArray(new[] { 2.0 }),
        };
        layer.LoadStateDict(state);
        Assert.Equal(DType.Float32, layer.Weight.DType);
        Assert.Equal(new[] { 0.5f, -1.5f }, layer.Weight.ToArray());
        Assert.True(layer.Weight.RequiresGrad);
        Assert.Equal(new[] { 2f + 0.5f * 2 - 1.5f * 4 }, layer.Forward(Tensor.FromArray(new[] { 2f, 4f })).ToArray());
    }

    [Fact]
    public void LoadingWorksWhileGradientsAreRecorded()
    {
        // Parameters require gradients; the load must not trip the in-place guard.
        var model = new Net();
        Assert.True(Autograd.IsGradEnabled);
        model.LoadStateDict(new Net(new Generator(8)).StateDict());
        model.Forward(Tensor.Randn([3, 4], new Generator(9))).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
    }
}
