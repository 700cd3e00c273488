using System.Text.Json;
using Myelin.NN;
using Myelin.Tests.NN;
using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class FeatureMapsTests
{
    static Sequential SmallCnn(Generator generator) => new(
        new Conv2d(1, 4, 3, padding: 1, generator: generator),
        new ReLU(),
        new Sequential(new Conv2d(4, 2, 3, generator: generator), new Tanh()),
        new MaxPool2d(2),
        new Flatten(),
        new Linear(2 * 2 * 2, 3, generator: generator));

    [Fact]
    public void CapturedOutputsEqualRunningTheLayersByHand()
    {
        var model = SmallCnn(new Generator(1));
        var x = Tensor.Randn([2, 1, 6, 6], new Generator(2));
        var maps = FeatureMaps.Capture(model, x, "0", "1", "2.0", "2", "5", "");

        var conv = ((Conv2d)model[0]).Forward(x);
        var relu = conv.ReLU();
        var inner = (Sequential)model[2];
        var conv2 = ((Conv2d)inner[0]).Forward(relu);
        var tanh = conv2.Tanh();
        var logits = model[5].Forward(model[4].Forward(model[3].Forward(tanh)));

        Assert.Equal(["0", "1", "2.0", "2", "5", ""], maps.Keys);
        Assert.Equal([2, 4, 6, 6], maps["0"].Shape.ToArray());
        Assert.Equal([2, 2, 4, 4], maps["2"].Shape.ToArray());
        TensorAssert.Equal(conv, maps["0"]);
        TensorAssert.Equal(relu, maps["1"]);
        TensorAssert.Equal(conv2, maps["2.0"]);
        TensorAssert.Equal(tanh, maps["2"]);
        TensorAssert.Equal(logits, maps["5"]);
        TensorAssert.Equal(model.Forward(x), maps[""]);
    }

    [Fact]
    public void CapturedOutputsArePartOfTheGraphWhenGradientsAreRecorded()
    {
        var model = SmallCnn(new Generator(3));
        var x = Tensor.Randn([1, 1, 6, 6], new Generator(4)).RequireGrad();
        var maps = FeatureMaps.Capture(model, x, "1");
        maps["1"].Sum().Backward();
        Assert.NotNull(x.Grad);
        using (Autograd.NoGrad()) Assert.False(FeatureMaps.Capture(model, x, "1")["1"].RequiresGrad);
    }

    [Fact]
    public void MatchesPyTorchForwardHooksOnASmallCnnInEvaluationMode()
    {
        var fixture = FixtureReader.Load("Vision", "vision.json").GetProperty("feature_maps");
        var model = new Sequential(
            new Conv2d(1, 3, 3, padding: 1), new BatchNorm2d(3), new ReLU(), new MaxPool2d(2),
            new Conv2d(3, 2, 3), new Flatten(), new Linear(2 * 2 * 2, 4));
        model.LoadStateDict(FixtureReader.DecodeDictionary(fixture.GetProperty("state")));
        model.Eval();
        var input = FixtureReader.Decode(fixture.GetProperty("input"));
        var expected = FixtureReader.DecodeDictionary(fixture.GetProperty("layers"));

        var maps = FeatureMaps.Capture(model, input, [.. expected.Keys]);
        foreach (var (name, tensor) in expected)
            TensorAssert.Close(tensor, maps[name], rtol: 1e-5, atol: 1e-6, $"layer {name}");
        TensorAssert.Close(FixtureReader.Decode(fixture.GetProperty("output")), maps["6"], rtol: 1e-5, atol: 1e-6, "output");
    }

    [Fact]
    public void AnUnknownNameIsRejectedListingTheLayers()
    {
        var model = SmallCnn(new Generator(5));
        var error = Assert.Throws<ArgumentException>(() => FeatureMaps.Capture(model, Tensor.Zeros(1, 1, 6, 6), "conv1"));
        Assert.Contains("no layer named 'conv1'", error.Message);
        Assert.Contains("'0' (Conv2d), '1' (ReLU), '2' (Sequential), '2.0' (Conv2d)", error.Message);
        Assert.Contains("name at least one layer", Assert.Throws<ArgumentException>(() => FeatureMaps.Capture(model, Tensor.Zeros(1, 1, 6, 6))).Message);
    }

    [Fact]
    public void ALayerInsideACustomModuleCannotBeTakenApart()
    {
        var model = new Sequential(new Block(), new ReLU());
        var error = Assert.Throws<InvalidOperationException>(() => FeatureMaps.Capture(model, Tensor.Zeros(1, 2), "0.inner"));
        Assert.Contains("cannot capture '0.inner': it is inside '0' (Block)", error.Message);
        // The custom module itself can be captured.
        Assert.Equal([1, 2], FeatureMaps.Capture(model, Tensor.Ones(1, 2), "0")["0"].Shape.ToArray());
    }

    sealed class Block : Module
    {
        readonly Linear inner;

        public Block() => inner = Register("inner", new Linear(2, 2));

        public override Tensor Forward(Tensor input) => inner.Forward(input) + input;
    }
}
