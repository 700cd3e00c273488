using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>A badly wrong sigmoid neuron learns slowly with squared error and quickly with cross-entropy.</summary>
internal sealed class LearningSlowdownDemo : Demo
{
    public override string Name => "learning-slowdown";

    public override string Summary => "a badly wrong sigmoid neuron: squared error learns slowly at first, cross-entropy quickly";

    public override int Run(DemoContext context)
    {
        SlowdownRun mse = LearningSlowdown.Train(crossEntropy: false), ce = LearningSlowdown.Train(crossEntropy: true);
        context.Line("One sigmoid neuron, w = 2, b = 2, input 1, target 0: it starts at σ(4) ≈ 0.982, badly wrong.");
        context.Line("Gradient descent, learning rate 0.15, with two losses:");
        context.Line("  squared error:  ∂L/∂w = 2(a − y)·σ'(z)·x   — σ'(4) ≈ 0.018 makes the steps tiny");
        context.Line("  cross-entropy:  ∂L/∂w = (a − y)·x           — σ'(z) cancels: the worse the error, the bigger the step");
        context.Line();
        context.Line("  epoch   output (MSE)   loss/start (MSE)   output (CE)   loss/start (CE)");
        foreach (int epoch in new[] { 0, 10, 20, 30, 50, 100, 200, mse.Losses.Count - 1 })
            context.Line($"  {epoch,5}   {mse.Outputs[epoch],12:F3}   {mse.RelativeLoss(epoch),16:F3}   {ce.Outputs[epoch],11:F3}   {ce.RelativeLoss(epoch),15:F3}");
        context.Line();
        bool faster = ce.RelativeLoss(30) < mse.RelativeLoss(30);
        context.Line($"After 30 epochs cross-entropy has shed {100 * (1 - ce.RelativeLoss(30)):F0}% of its loss, squared error {100 * (1 - mse.RelativeLoss(30)):F0}%.");
        context.Save("learning-slowdown.svg", "the curves side by side",
            path => SvgChart.SaveSideBySide(path, LearningSlowdown.Charts(mse, ce)));
        return faster ? 0 : 1;
    }
}
