using Myelin.Data;
using Myelin.Learn;
using Myelin.Scalar;

namespace Myelin.Cli.Demos;

/// <summary>An MLP of scalar Values learns two moons, and the tensor engine computes the same gradients.</summary>
internal sealed class ValueMlpDemo : Demo
{
    public override string Name => "value-mlp";

    public override string Summary => "an MLP of scalar Values learns two moons; Linear layers with the same weights give the same gradients";

    public override int Run(DemoContext context)
    {
        LabeledData moons = Synthetic.Moons(60, noise: 0.1, new Generator(3));
        var mlp = new ScalarMlp(2, [8, 8, 1], new Generator(1));
        context.Line($"{mlp}, tanh hidden layers, hinge loss mean(max(0, 1 − y·score)) for labels y = ±1, on 60 two-moons points.");

        ScalarGradientComparison before = ScalarMlpComparison.CompareGradients(mlp, moons);
        context.Line();
        context.Line("Same network on both engines (Values: one object per number; tensors: Float64 Linear layers):");
        context.Line($"  loss with Values {before.ScalarLoss:F12}, with tensors {before.TensorLoss:F12}");
        context.Line($"  largest difference over {before.ParametersCompared} parameter gradients: {before.MaxGradientDifference:E2}");

        context.Line();
        context.Line("Training the Value MLP by plain gradient descent (learning rate 0.1):");
        double[] losses = ScalarMlpComparison.Train(mlp, moons, steps: 40, learningRate: 0.1);
        for (int step = 0; step < losses.Length; step += 10)
            context.Line($"  step {step + 1,3}  loss {losses[step]:F4}");
        context.Line($"  step {losses.Length,3}  loss {losses[^1]:F4}   training accuracy {ScalarMlpComparison.Accuracy(mlp, moons) * 100:F0}%");

        ScalarGradientComparison after = ScalarMlpComparison.CompareGradients(mlp, moons);
        context.Line();
        context.Line($"After training the engines still agree: largest gradient difference {after.MaxGradientDifference:E2}.");
        context.Line("The tensor engine is the scalar one with the loops over neurons and samples turned into array operations.");
        return before.MaxGradientDifference < 1e-9 && after.MaxGradientDifference < 1e-9 ? 0 : 1;
    }
}
