using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>Small weight changes make small output changes in a sigmoid neuron; a perceptron's output can flip.</summary>
internal sealed class SigmoidNeuronDemo : Demo
{
    public override string Name => "sigmoid-neuron";

    public override string Summary => "a small change in a weight: the sigmoid's output moves a little, the perceptron's flips";

    public override int Run(DemoContext context)
    {
        double[] weights = [0.6, 0.4], input = [1, 1];
        const double bias = -1.0005;
        context.Line($"Both neurons: weights [{weights[0]}, {weights[1]}], bias {bias}, input [1, 1], so z = w·x + b = -0.0005.");
        context.Line("The perceptron outputs step(z) (1 when z ≥ 0); the sigmoid neuron outputs σ(z) = 1/(1 + e^-z).");
        context.Line();
        context.Line("  change in w1        z   perceptron     sigmoid");
        bool flipped = false, smooth = true;
        foreach (double delta in new[] { -0.02, -0.01, -0.001, 0, 0.001, 0.01, 0.02 })
        {
            WeightNudge nudge = WeightNudge.Apply(weights, bias, input, weightIndex: 0, delta);
            context.Line($"  {delta,12:+0.000;-0.000;0}  {nudge.WeightedSumAfter,7:F4}  {nudge.PerceptronAfter,11}  {nudge.SigmoidAfter,10:F6}");
            flipped |= nudge.PerceptronFlipped;
            smooth &= Math.Abs(nudge.SigmoidChange) <= 0.25 * Math.Abs(delta) + 1e-12;
        }
        WeightNudge small = WeightNudge.Apply(weights, bias, input, 0, 0.001);
        context.Line();
        context.Line($"Adding 0.001 to w1 flips the perceptron from {small.PerceptronBefore} to {small.PerceptronAfter}, " +
            $"but moves the sigmoid only from {small.SigmoidBefore:F6} to {small.SigmoidAfter:F6} (by {small.SigmoidChange:F6}).");
        context.Line("Because σ is smooth, Δoutput ≈ σ'(z)·Δw·x: small weight changes make small, predictable output changes,");
        context.Line("which is what lets a network learn by many small gradient steps.");
        return flipped && smooth ? 0 : 1;
    }
}
