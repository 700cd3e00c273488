using Myelin.NN;

namespace Myelin.Learn;

/// <summary>
/// An activation function sampled on a grid of inputs, with its slope at each point computed by
/// autograd (the backward pass of the library's own operation, not a hand-written formula).
/// </summary>
/// <param name="Name">The activation: step, linear, sigmoid, tanh, ReLU or leaky ReLU.</param>
/// <param name="X">The inputs z.</param>
/// <param name="Values">f(z).</param>
/// <param name="Derivatives">f'(z), by autograd; zero everywhere for the step, through which no gradient flows.</param>
public sealed record ActivationCurve(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Values, IReadOnlyList<double> Derivatives)
{
    /// <summary>The slope of the leaky ReLU for negative inputs used here (0.1, larger than the usual 0.01 so it shows).</summary>
    public const double LeakySlope = 0.1;

    /// <summary>The activations, in the order they are usually taught.</summary>
    public static IReadOnlyList<string> Names { get; } = ["step", "linear", "sigmoid", "tanh", "ReLU", "leaky ReLU"];

    /// <summary>Samples an activation and its derivative.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="x">The inputs.</param>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static ActivationCurve Compute(string name, IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        string canonical = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"ActivationCurve: unknown activation '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));

        Tensor input = Tensor.FromArray([.. x], x.Count).RequireGrad();
        Tensor output = canonical switch
        {
            "step" => F.Step(input),
            "linear" => input * 1.0,
            "sigmoid" => F.Sigmoid(input),
            "tanh" => F.Tanh(input),
            "ReLU" => F.ReLU(input),
            _ => F.LeakyReLU(input, LeakySlope),
        };
        // The step's output does not depend on its input through the graph: its slope is zero.
        double[] slope = output.RequiresGrad
            ? Autograd.Grad(output.Sum(), input).ToArray<double>()
            : new double[x.Count];
        return new ActivationCurve(canonical, [.. x], output.Detach().ToArray<double>(), slope);
    }

    /// <summary>Every activation in <see cref="Names"/> on <paramref name="points"/> evenly spaced inputs in [min, max].</summary>
    /// <param name="min">The smallest input.</param>
    /// <param name="max">The largest input.</param>
    /// <param name="points">How many inputs (at least 2).</param>
    public static IReadOnlyList<ActivationCurve> ComputeAll(double min = -4, double max = 4, int points = 161)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        double[] x = Enumerable.Range(0, points).Select(i => min + (max - min) * i / (points - 1)).ToArray();
        return Names.Select(name => Compute(name, x)).ToArray();
    }

    /// <summary>Two charts: the functions, and their derivatives.</summary>
    /// <param name="curves">The curves to draw, e.g. from <see cref="ComputeAll"/>.</param>
    public static SvgChart[] Charts(IReadOnlyList<ActivationCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var functions = new SvgChart("Activation functions") { XLabel = "z", YLabel = "f(z)", YRange = (-1.5, 2.5) };
        var slopes = new SvgChart("Their derivatives (by autograd)") { XLabel = "z", YLabel = "f'(z)", YRange = (-0.2, 1.2) };
        foreach (ActivationCurve curve in curves)
        {
            functions.AddLine(curve.Name, curve.X, curve.Values);
            slopes.AddLine(curve.Name, curve.X, curve.Derivatives);
        }
        return [functions, slopes];
    }

    /// <summary>
    /// Draws every activation and its derivative on [−4, 4] into one SVG file, functions on the left and
    /// derivatives on the right (what <c>plot activations</c> shows).
    /// </summary>
    /// <param name="path">The SVG file to write; its folder is created if needed.</param>
    public static void SaveChart(string path) => SvgChart.SaveSideBySide(path, Charts(ComputeAll()));
}
