using Myelin.Learn;
using Myelin.NN;
using LossFunctions = Myelin.NN.Losses;

namespace Myelin.Tests.Learn;

public class ExplainTests
{
    /// <summary>The call throws an <see cref="ArgumentException"/> whose message names what was wrong.</summary>
    static void AssertRejected(string expectedMessagePart, Action call) =>
        Assert.Contains(expectedMessagePart, Assert.Throws<ArgumentException>(call).Message);

    [Fact]
    public void ForwardWritesEachNeuronsSumAndActivation()
    {
        ForwardExplanation explanation = Explain.Forward(ExamNetwork.Create(), ExamNetwork.Input());

        TextAssert.ContainsAll(explanation.Text,
            "(0.2 × 3) + (0.3 × 7) + 0.5 = 3.2 → σ(3.2) ≈ 0.961",
            "(0.1 × 3) + (0.4 × 7) + 0.1 = 3.2 → σ(3.2) ≈ 0.961",
            "(0.6 × 0.961) + (0.8 × 0.961) + 0.2 ≈ 1.55 → σ(1.55) ≈ 0.824",
            "Output: [0.824]");
        Assert.Equal(explanation.Text, explanation.ToString());
    }

    [Fact]
    public void ForwardGivesTheNumbersAsStructuredResults()
    {
        var fixture = LearnFixtures.Section("exam");
        ForwardExplanation explanation = Explain.Forward(ExamNetwork.Create(), ExamNetwork.Input());

        Assert.Equal(2, explanation.Layers.Count);
        LayerExplanation hidden = explanation.Layers[0];
        Assert.Equal([3.0, 7.0], hidden.Inputs);
        Assert.Equal([0.2, 0.3], hidden.Weights[0].Select(w => Math.Round(w, 6)));
        Assert.Equal([0.5, 0.1], hidden.Biases.Select(b => Math.Round(b, 6)));
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("hidden_sums")), hidden.WeightedSums, 1e-5);
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("hidden")), hidden.Outputs, 1e-5);
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("output")), explanation.Output, 1e-5);

        NeuronExplanation first = hidden.Neurons[0];
        Assert.Equal(0, first.Index);
        Assert.Equal(3.2, first.WeightedSum, 5);
        Assert.Equal(first.Output, hidden.Outputs[0]);
        Assert.StartsWith("(0.2 × 3)", first.Text);
    }

    [Fact]
    public void MatrixViewStatesTheWeightShapeRule()
    {
        string text = Explain.Forward(ExamNetwork.Create(), ExamNetwork.Input()).Text;

        TextAssert.ContainsAll(text,
            "z = W·x + b",
            "W is [2 × 2]: 2 neurons in this layer × 2 in the previous one",
            "W is [1 × 2]: 1 neuron in this layer × 2 in the previous one",
            "| 0.2  0.3 |",
            "| 0.1  0.4 |",
            "a = σ(z) = [0.961, 0.961]");
        Assert.DoesNotContain("W is", Explain.Forward(ExamNetwork.Create(), ExamNetwork.Input(), new ExplainOptions { ShowMatrices = false }).Text);
    }

    [Fact]
    public void LargeLayersAreAbridged()
    {
        var model = new Sequential(new Linear(20, 12, generator: new Generator(1)), new ReLU(), new Linear(12, 3, generator: new Generator(2)));
        ForwardExplanation explanation = Explain.Forward(model, Tensor.Randn([1, 20], new Generator(3)));

        TextAssert.ContainsAll(explanation.Text,
            "… (6 more neurons)",
            " + … + ",
            "⋮",
            "W is [12 × 20]");
        // The structured result keeps everything.
        Assert.Equal(12, explanation.Layers[0].Neurons.Count);
        Assert.Equal(20, explanation.Layers[0].Neurons[11].Weights.Count);
        Assert.Equal(3, explanation.Output.Count);

        Tensor expected;
        using (Autograd.NoGrad()) expected = model.Forward(Tensor.Randn([1, 20], new Generator(3)));
        LearnFixtures.AssertClose(expected.ToArray().Select(v => (double)v).ToArray(), explanation.Output, 1e-6, 1e-7);
    }

    [Fact]
    public void NegativeBiasesAndLinearOutputsAreWrittenPlainly()
    {
        var linear = new Linear(2, 1);
        using (Autograd.NoGrad())
        {
            linear.Weight.CopyFrom(Tensor.FromArray(new[] { -2f, -2f }, 1, 2));
            linear.Bias!.Fill(-0.5);
        }
        string text = Explain.Forward(linear, Tensor.FromArray(new[] { 1f, 0f }, 2)).Text;
        Assert.Contains("  neuron 1: (-2 × 1) + (-2 × 0) - 0.5 = -2.5\n", text);
    }

    [Fact]
    public void BackwardWritesGradientsAsChainRuleProductsThatMatchAutograd()
    {
        var fixture = LearnFixtures.Section("exam");
        Sequential model = ExamNetwork.Create();
        BackwardExplanation explanation = Explain.Backward(model, ExamNetwork.Input(), Tensor.FromArray(new[] { 1f }, 1), LossFunctions.MSE);

        Assert.Equal(fixture.GetProperty("loss").GetDouble(), explanation.Loss, 1e-6);
        var grads = fixture.GetProperty("grads");
        foreach (GradientExplanation gradient in explanation.Gradients)
        {
            Assert.Equal(gradient.Autograd, gradient.Product, 1e-6);
            Assert.Equal(gradient.Factors.Aggregate(1.0, (p, f) => p * f.Value), gradient.Product, 12);
            // "2.weight[0, 1]" → the fixture's "2.weight", flat index 1.
            string name = gradient.Parameter[..gradient.Parameter.IndexOf('[')];
            int[] index = gradient.Parameter[(gradient.Parameter.IndexOf('[') + 1)..^1].Split(", ").Select(int.Parse).ToArray();
            int flat = index.Length == 2 ? index[0] * 2 + index[1] : index[0];
            Assert.Equal(grads.GetProperty(name)[flat].GetDouble(), gradient.Autograd, 1e-4 * Math.Abs(grads.GetProperty(name)[flat].GetDouble()) + 1e-8);
        }
        // Every parameter of the last layer, and the first weight and bias of the hidden layer.
        Assert.Equal(["2.weight[0, 0]", "2.weight[0, 1]", "2.bias[0]", "0.weight[0, 0]", "0.bias[0]"], explanation.Gradients.Select(g => g.Parameter));
        Assert.Equal(["∂L/∂a1", "σ'(z1)", "x1"], explanation.Gradients[3].Factors.Select(f => f.Symbol));
        Assert.Equal(3.0, explanation.Gradients[3].Factors[2].Value);
        TextAssert.ContainsAll(explanation.Text,
            "∂L/∂0.weight[0, 0] = ∂L/∂a1 × σ'(z1) × x1 = -0.0306 × 0.0376 × 3 ≈ -0.00345",
            "∂L/∂a1 = (0.6 × -0.0509) ≈ -0.0306",
            "for MSE: 2(ŷ − y)/1");
    }

    [Fact]
    public void BackwardLeavesTheModelsGradientsAlone()
    {
        Sequential model = ExamNetwork.Create();
        Explain.Backward(model, ExamNetwork.Input(), Tensor.FromArray(new[] { 0f }, 1), LossFunctions.MSE);
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void BackwardWorksWithCrossEntropyAndNoOutputActivation()
    {
        var model = new Sequential(new Linear(4, 5, generator: new Generator(1)), new Tanh(), new Linear(5, 3, generator: new Generator(2)));
        Tensor x = Tensor.Randn([4], new Generator(3));
        BackwardExplanation explanation = Explain.Backward(model, x, Tensor.FromArray(new long[] { 2 }, 1), LossFunctions.CrossEntropy);

        Assert.All(explanation.Gradients, g => Assert.Equal(g.Autograd, g.Product, 1e-5));
        Assert.Equal(3, explanation.OutputGradient.Count);
        Assert.Equal(0, explanation.OutputGradient.Sum(), 1e-6);   // softmax − one-hot sums to zero
        Assert.Equal(2, explanation.Deltas.Count);
        Assert.Equal(5, explanation.Deltas[0].Count);
        Assert.Equal(["∂L/∂a1", "a1 of layer 1"], explanation.Gradients[0].Factors.Select(f => f.Symbol));
        Assert.Contains("from the loss, by autograd", explanation.Text);
    }

    [Fact]
    public void UnsupportedModelsAndInputsAreRejected()
    {
        Tensor x = Tensor.Zeros(2);
        AssertRejected("got Sigmoid", () => Explain.Forward(new Sigmoid(), x));
        AssertRejected("module 1 (Dropout) is not supported", () => Explain.Forward(new Sequential(new Linear(2, 2), new Dropout()), x));
        AssertRejected("module 0 (ReLU) comes before any Linear", () => Explain.Forward(new Sequential(new ReLU(), new Linear(2, 2)), x));
        AssertRejected("follows another activation", () => Explain.Forward(new Sequential(new Linear(2, 2), new ReLU(), new Tanh()), x));
        AssertRejected("but the layer before it has 2 outputs", () => Explain.Forward(new Sequential(new Linear(2, 2), new Linear(3, 1)), x));
        AssertRejected("holds no Linear", () => Explain.Forward(new Sequential(), x));

        Sequential exam = ExamNetwork.Create();
        AssertRejected("expected one example of 2 inputs, shape [2] or [1, 2], got [4, 2]", () => Explain.Forward(exam, Tensor.Zeros(4, 2)));
        AssertRejected("got [3]", () => Explain.Forward(exam, Tensor.Zeros(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Explain.Forward(exam, x, new ExplainOptions { Digits = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Explain.Forward(exam, x, new ExplainOptions { MaxTerms = 2 }));
    }

    [Fact]
    public void BackwardRejectsStepSoftmaxAndTargetsThatDoNotFit()
    {
        Tensor x = Tensor.Zeros(2), target = Tensor.Zeros(1);
        AssertRejected("uses Step, whose slope is zero everywhere", () => Explain.Backward(new Sequential(new Linear(2, 1), new Step()), x, target, LossFunctions.MSE));
        AssertRejected("ends with Softmax", () => Explain.Backward(new Sequential(new Linear(2, 3), new Softmax(1)), x, Tensor.Zeros(3), LossFunctions.MSE));
        AssertRejected("does not fit the output [1, 1] for MSELoss", () => Explain.Backward(ExamNetwork.Create(), x, Tensor.Zeros(2), LossFunctions.MSE));
    }

    [Fact]
    public void SoftmaxAndStepAreExplainedInTheForwardPass()
    {
        var softmax = new Sequential(new Linear(2, 3, generator: new Generator(1)), new Softmax(1));
        ForwardExplanation explanation = Explain.Forward(softmax, Tensor.FromArray(new[] { 1f, 2f }, 2));
        Assert.Contains("softmax(z) = [", explanation.Text);
        Assert.Equal(1.0, explanation.Output.Sum(), 6);

        string step = Explain.Forward(Perceptron.FromThreshold([2, 6, 2], 5).ToModule(), Tensor.FromArray(new[] { 0f, 1f, 0f }, 3)).Text;
        Assert.Contains("(2 × 0) + (6 × 1) + (2 × 0) - 5 = 1 → step(1) = 1", step);
    }
}
