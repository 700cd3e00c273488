using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>The activation functions and their derivatives, the derivatives computed by autograd.</summary>
internal sealed class ActivationsDemo : Demo
{
    public override string Name => "activations";

    public override string Summary => "step, linear, sigmoid, tanh, ReLU and leaky ReLU with their derivatives (by autograd), as an SVG chart";

    public override int Run(DemoContext context)
    {
        double[] points = [-2, -1, -0.5, 0.5, 1, 2];
        context.Line("Each activation f and its slope f'(z), the slope computed by the autograd engine (backward through the op):");
        context.Line();
        context.Line("  " + "z".PadRight(15) + string.Join("", points.Select(z => $"{z,8}")));
        foreach (string name in ActivationCurve.Names)
        {
            ActivationCurve curve = ActivationCurve.Compute(name, points);
            context.Line($"  {name + "(z)",-15}" + string.Join("", curve.Values.Select(v => $"{v,8:F3}")));
            context.Line($"  {name + "'(z)",-15}" + string.Join("", curve.Derivatives.Select(v => $"{v,8:F3}")));
        }
        context.Line();
        context.Line("The step's slope is zero everywhere, so gradient descent gets no signal through it; the sigmoid's");
        context.Line("slope is at most 0.25 and vanishes for large |z|; ReLU passes a slope of 1 for z > 0 and 0 below,");
        context.Line($"and leaky ReLU keeps a small slope ({ActivationCurve.LeakySlope}) for z < 0 so no neuron goes completely silent.");
        context.Save("activations.svg", "the chart of the functions and their derivatives",
            ActivationCurve.SaveChart);
        return 0;
    }
}
