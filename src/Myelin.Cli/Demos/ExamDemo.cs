using Myelin.Learn;
using Myelin.NN;

namespace Myelin.Cli.Demos;

/// <summary>The forward pass of the exam network, neuron by neuron and as matrices, and its backward pass.</summary>
internal sealed class ExamDemo : Demo
{
    public override string Name => "exam";

    public override string Summary => "a forward pass by hand: hours studied 3, previous knowledge 7 → 82.4% chance of passing";

    public override int Run(DemoContext context)
    {
        Sequential model = ExamNetwork.Create();
        Tensor student = ExamNetwork.Input();
        context.Line("Will the student pass? Inputs: hours studied = 3, previous knowledge = 7.");
        context.Line("Two hidden sigmoid neurons and one sigmoid output, with fixed weights:");
        context.Line(model.ToString());
        context.Line();
        ForwardExplanation forward = Explain.Forward(model, student);
        context.Output.Write(forward.Text);
        double chance = forward.Output[0];
        context.Line();
        context.Line($"Prediction: {chance * 100:F1}% chance of passing.");
        context.Line();
        context.Line("Had the student passed (target 1), the squared error and its gradients would be:");
        context.Output.Write(Explain.Backward(model, student, Tensor.FromArray(new float[] { 1 }, 1), Losses.MSE).Text);
        return Math.Abs(chance - 0.824) < 5e-4 ? 0 : 1;
    }
}
