using Myelin.Data;
using Myelin.Learn;
using Myelin.NN;
using Myelin.Scalar;

namespace Myelin.Tests.Learn;

public class ScalarExampleTests
{
    [Fact]
    public void ChainRuleExampleHasTheTextbookNumbers()
    {
        ChainRuleExample example = ChainRuleExample.Build();

        Assert.Equal(-8, example.L.Data);
        Assert.Equal(6, example.A.Grad);
        Assert.Equal(-4, example.B.Grad);
        Assert.Equal(-2, example.C.Grad);
        Assert.Equal(-2, example.D.Grad);
        Assert.Equal(-2, example.E.Grad);
        Assert.Equal(4, example.F.Grad);
        Assert.Equal(["a", "b", "c", "e", "d", "f", "L"], example.All.Select(v => v.Label));
    }

    [Fact]
    public void ChainRuleExampleMatchesPyTorch()
    {
        var fixture = LearnFixtures.Section("chain_rule");
        ChainRuleExample example = ChainRuleExample.Build();
        Assert.Equal(fixture.GetProperty("L").GetDouble(), example.L.Data);
        var grads = fixture.GetProperty("grads");
        foreach (Value value in example.All.Where(v => v.Label != "L"))
            Assert.Equal(grads.GetProperty(value.Label!).GetDouble(), value.Grad);
    }

    [Fact]
    public void NudgingFByOneMovesLByDlDf()
    {
        Assert.Equal(-4, ChainRuleExample.Build(nudgeF: 1).L.Data);
        Assert.Equal(-8 + 4 * 0.25, ChainRuleExample.Build(nudgeF: 0.25).L.Data, 12);
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(3.5)]
    public void DerivativeOfFiveXPlusThreeSquaredIsFiftyXPlusThirty(double x)
    {
        Assert.Equal(50 * x + 30, ChainRuleExample.DerivativeOfSquaredLine(x), 9);
    }

    [Fact]
    public void TanhNeuronHasTheTextbookNumbers()
    {
        TanhNeuronExample neuron = TanhNeuronExample.Build();

        Assert.Equal(0.7071, neuron.O.Data, 4);
        Assert.Equal(0.8814, neuron.N.Data, 4);
        Assert.Equal(-1.5, neuron.X1.Grad, 12);
        Assert.Equal(1.0, neuron.W1.Grad, 12);
        Assert.Equal(0.5, neuron.X2.Grad, 12);
        Assert.Equal(0.0, neuron.W2.Grad, 12);
        Assert.Equal(0.5, neuron.B.Grad, 12);
    }

    [Fact]
    public void TanhNeuronMatchesPyTorch()
    {
        var fixture = LearnFixtures.Section("tanh_neuron");
        TanhNeuronExample neuron = TanhNeuronExample.Build();
        Assert.Equal(fixture.GetProperty("o").GetDouble(), neuron.O.Data, 14);
        var grads = fixture.GetProperty("grads");
        foreach (Value leaf in neuron.Leaves)
            Assert.Equal(grads.GetProperty(leaf.Label!).GetDouble(), leaf.Grad, 14);
    }

    [Fact]
    public void ValueMlpAndLinearLayersComputeTheSameGradients()
    {
        LabeledData moons = Synthetic.Moons(40, noise: 0.1, new Generator(3));
        var mlp = new ScalarMlp(2, [6, 5, 1], new Generator(1));

        ScalarGradientComparison before = ScalarMlpComparison.CompareGradients(mlp, moons);
        Assert.Equal(before.ScalarLoss, before.TensorLoss, 1e-9);
        Assert.True(before.MaxGradientDifference < 1e-9, $"largest difference {before.MaxGradientDifference}");
        Assert.Equal(6 * 3 + 5 * 7 + 1 * 6, before.ParametersCompared);

        double[] losses = ScalarMlpComparison.Train(mlp, moons, steps: 15, learningRate: 0.1);
        Assert.True(losses[^1] < losses[0]);

        ScalarGradientComparison after = ScalarMlpComparison.CompareGradients(mlp, moons);
        Assert.True(after.MaxGradientDifference < 1e-9, $"largest difference {after.MaxGradientDifference}");
        Assert.NotEqual(before.ScalarLoss, after.ScalarLoss);
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Sigmoid)]
    public void GradientsAgreeForOtherActivations(Activation activation)
    {
        LabeledData moons = Synthetic.Moons(20, noise: 0.2, new Generator(8));
        var mlp = new ScalarMlp(2, [4, 1], new Generator(2), hiddenActivation: activation, outputActivation: Activation.Tanh);
        Assert.True(ScalarMlpComparison.CompareGradients(mlp, moons).MaxGradientDifference < 1e-9);
    }

    [Fact]
    public void ToSequentialCopiesWeightsAndActivations()
    {
        var mlp = new ScalarMlp(3, [4, 2], new Generator(5), hiddenActivation: Activation.Sigmoid);
        Sequential model = ScalarMlpComparison.ToSequential(mlp);

        Assert.Equal(3, model.Count);   // Linear, Sigmoid, Linear (the output is linear)
        var first = Assert.IsType<Linear>(model[0]);
        Assert.IsType<Sigmoid>(model[1]);
        Assert.Equal(DType.Float64, first.Weight.DType);
        Assert.Equal(mlp.Layers[0].Neurons[2].Weights[1].Data, first.Weight.ToArray<double>()[2 * 3 + 1]);

        double[] input = [0.3, -1.2, 0.7];
        double[] scalar = mlp.Forward(input).Select(v => v.Data).ToArray();
        double[] tensor = model.Forward(Tensor.FromArray(input, 1, 3)).ToArray<double>();
        LearnFixtures.AssertClose(scalar, tensor, 1e-12);
    }

    [Fact]
    public void ComparisonRejectsDataThatDoesNotFit()
    {
        LabeledData moons = Synthetic.Moons(10, generator: new Generator(1));
        var twoOutputs = new ScalarMlp(2, [3, 2], new Generator(1));
        Assert.Contains("one output, it has 2", Assert.Throws<ArgumentException>(() => ScalarMlpComparison.HingeLoss(twoOutputs, moons)).Message);

        var threeInputs = new ScalarMlp(3, [1], new Generator(1));
        Assert.Contains("expected features [N, 3]", Assert.Throws<ArgumentException>(() => ScalarMlpComparison.CompareGradients(threeInputs, moons)).Message);

        var spiral = Synthetic.Spiral(4, classes: 3, generator: new Generator(1));
        var mlp = new ScalarMlp(2, [1], new Generator(1));
        Assert.Contains("labels must be 0 or 1", Assert.Throws<ArgumentException>(() => ScalarMlpComparison.Accuracy(mlp, spiral)).Message);
    }
}
