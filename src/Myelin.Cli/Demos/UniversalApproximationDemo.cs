using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>One hidden layer fits sin(x), better with more neurons.</summary>
internal sealed class UniversalApproximationDemo : Demo
{
    public override string Name => "universal-approximation";

    public override string Summary => "one hidden layer fits sin(x) on [-π, π], better with more hidden neurons";

    public override int Run(DemoContext context)
    {
        context.Line("Fitting sin(x) on [-π, π] with Linear(1, H) → tanh → Linear(H, 1), 1000 steps of Adam on mean squared error:");
        context.Line();
        context.Line("  hidden neurons   mean squared error");
        var fits = new List<ApproximationFit>();
        foreach (int hidden in new[] { 1, 2, 4, 8, 16 })
        {
            ApproximationFit fit = UniversalApproximation.Fit(hidden);
            fits.Add(fit);
            context.Line($"  {hidden,14}   {fit.MeanSquaredError,18:E2}");
        }
        context.Line();
        context.Line("Each hidden neuron adds one smooth step (a shifted, scaled tanh); the output layer sums the steps.");
        context.Line("With enough of them any continuous function on an interval can be matched as closely as wanted.");
        var chart = new SvgChart("sin(x) and fits with H hidden neurons") { XLabel = "x", YLabel = "y" };
        chart.AddLine("sin(x)", fits[0].X, fits[0].Target, "#000000", dashed: true);
        foreach (ApproximationFit fit in fits)
            chart.AddLine($"H = {fit.HiddenNeurons}", fit.X, fit.Prediction);
        context.Save("universal-approximation.svg", "the fits", path => chart.Save(path));
        return fits[^1].MeanSquaredError < 1e-3 && fits[^1].MeanSquaredError < fits[0].MeanSquaredError ? 0 : 1;
    }
}
