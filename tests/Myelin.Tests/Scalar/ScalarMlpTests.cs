using Myelin.Scalar;

namespace Myelin.Tests.Scalar;

/// <summary>Neurons, layers and MLPs of scalar values, and a small classifier trained with them.</summary>
public class ScalarMlpTests
{
    [Fact]
    public void NeuronComputesActivationOfWeightedSum()
    {
        var neuron = new Neuron(2, Activation.Tanh, new Generator(3));
        neuron.Weights[0].Data = 0.5;
        neuron.Weights[1].Data = -1.0;
        neuron.Bias.Data = 0.25;

        Value output = neuron.Forward([new Value(2.0), new Value(0.5)]);

        Assert.Equal(Math.Tanh(0.5 * 2.0 - 1.0 * 0.5 + 0.25), output.Data, 1e-12);
    }

    [Theory]
    [InlineData(Activation.Linear, 0.75)]
    [InlineData(Activation.Relu, 0.0)]
    [InlineData(Activation.Sigmoid, 0.5)]
    public void NeuronAppliesItsActivation(Activation activation, double expectedForZeroWeightsAndZeroInput)
    {
        var neuron = new Neuron(1, activation, new Generator(3));
        neuron.Weights[0].Data = 1.0;
        neuron.Bias.Data = activation == Activation.Linear ? 0.75 : 0.0;

        Assert.Equal(expectedForZeroWeightsAndZeroInput, neuron.Forward([new Value(0.0)]).Data, 1e-12);
    }

    [Fact]
    public void WeightsStartUniformInMinusOneToOneAndBiasAtZero()
    {
        var neuron = new Neuron(500, Activation.Linear, new Generator(11));
        Assert.All(neuron.Weights, w => Assert.InRange(w.Data, -1.0, 1.0));
        Assert.Contains(neuron.Weights, w => w.Data < -0.5);
        Assert.Contains(neuron.Weights, w => w.Data > 0.5);
        Assert.Equal(0.0, neuron.Bias.Data);
    }

    [Fact]
    public void SameSeedGivesSameNetwork()
    {
        var first = new ScalarMlp(3, [4, 1], new Generator(5));
        var second = new ScalarMlp(3, [4, 1], new Generator(5));
        Assert.Equal(first.Parameters().Select(p => p.Data), second.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void MlpHasExpectedShapeAndParameterCount()
    {
        var mlp = new ScalarMlp(2, [16, 16, 1], new Generator(1));

        // (2·16 + 16) + (16·16 + 16) + (16·1 + 1) = 48 + 272 + 17.
        Assert.Equal(337, mlp.Parameters().Count);
        Assert.Equal(3, mlp.Layers.Count);
        Assert.Single(mlp.Forward([0.3, -0.2]));
        Assert.Equal(Activation.Tanh, mlp.Layers[0].Neurons[0].Activation);
        Assert.Equal(Activation.Linear, mlp.Layers[2].Neurons[0].Activation);
        Assert.Equal("MLP 2 → 16 → 16 → 1 (337 parameters)", mlp.ToString());
    }

    [Fact]
    public void ZeroGradClearsEveryParameter()
    {
        var mlp = new ScalarMlp(2, [3, 1], new Generator(2));
        mlp.Forward([1.0, -1.0])[0].Backward();
        Assert.Contains(mlp.Parameters(), p => p.Grad != 0);

        mlp.ZeroGrad();

        Assert.All(mlp.Parameters(), p => Assert.Equal(0.0, p.Grad));
    }

    [Fact]
    public void WrongInputCountThrows()
    {
        var mlp = new ScalarMlp(2, [3, 1], new Generator(2));
        var error = Assert.Throws<ArgumentException>(() => mlp.Forward([1.0, 2.0, 3.0]));
        Assert.Contains("expected 2 inputs, got 3", error.Message);
        Assert.Throws<ArgumentException>(() => new ScalarMlp(2, [], new Generator(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalarMlp(0, [3], new Generator(2)));
    }

    /// <summary>
    /// Two interleaving half circles: the upper one (label +1) centred at (0, 0), the lower one
    /// (label −1) centred at (1, 0.5), with Gaussian noise added to every point.
    /// </summary>
    static (double[][] Points, double[] Labels) TwoMoons(int count, double noise, Generator generator)
    {
        var points = new double[count][];
        var labels = new double[count];
        int half = count / 2;
        for (int i = 0; i < count; i++)
        {
            bool upper = i < half;
            int k = upper ? i : i - half;
            double angle = Math.PI * k / ((upper ? half : count - half) - 1);
            double x = upper ? Math.Cos(angle) : 1 - Math.Cos(angle);
            double y = upper ? Math.Sin(angle) : 0.5 - Math.Sin(angle);
            points[i] = [x + noise * generator.NextNormal(), y + noise * generator.NextNormal()];
            labels[i] = upper ? 1.0 : -1.0;
        }
        return (points, labels);
    }

    [Fact]
    public void LearnsTwoMoonsByGradientDescent()
    {
        var generator = new Generator(1337);
        var (points, labels) = TwoMoons(100, 0.1, generator);
        var mlp = new ScalarMlp(2, [16, 16, 1], generator, hiddenActivation: Activation.Relu);

        const int steps = 100;
        for (int step = 0; step < steps; step++)
        {
            // Hinge loss: a score on the right side of ±1 costs nothing, otherwise the shortfall.
            Value dataLoss = new Value(0);
            for (int i = 0; i < points.Length; i++)
            {
                Value score = mlp.Forward(points[i])[0];
                dataLoss += (1 - labels[i] * score).Relu();
            }
            // A little L2 weight decay keeps the decision boundary smooth.
            Value penalty = new Value(0);
            foreach (Value p in mlp.Parameters())
                penalty += p * p;
            Value loss = dataLoss / points.Length + 1e-4 * penalty;

            mlp.ZeroGrad();
            loss.Backward();

            double learningRate = 1.0 - 0.9 * step / steps;
            foreach (Value p in mlp.Parameters())
                p.Data -= learningRate * p.Grad;
        }

        int correct = 0;
        for (int i = 0; i < points.Length; i++)
            if (mlp.Forward(points[i])[0].Data > 0 == labels[i] > 0) correct++;
        double accuracy = correct / (double)points.Length;

        Assert.True(accuracy >= 0.95, $"training accuracy {accuracy:P0} is below 95%");
    }
}
