using Myelin.NN;

namespace Myelin.Learn;

/// <summary>
/// The vanishing-gradient problem: in a deep network of sigmoid layers each layer multiplies the
/// backward signal by σ'(z) ≤ ¼, so the first layers barely learn; ReLU passes a slope of 1 wherever it
/// is active and keeps the gradients of all layers about the same size.
/// </summary>
/// <remarks>
/// Both networks have the same weights (He initialisation, <see cref="Init.KaimingNormal"/>), the same
/// random batch and targets, and mean squared error; only the activation differs.
/// </remarks>
public static class VanishingGradients
{
    /// <summary>
    /// Builds a network of <paramref name="layers"/> Linear layers of width <paramref name="width"/> with the
    /// activation between them, runs one batch forward and backward, and returns the norm of each layer's
    /// weight gradient, first layer first.
    /// </summary>
    /// <param name="activation">"sigmoid", "tanh" or "relu" (case-insensitive).</param>
    /// <param name="layers">How many Linear layers (at least 2).</param>
    /// <param name="width">Neurons per layer.</param>
    /// <param name="seed">Seeds the weights and the batch; the same seed gives both networks the same weights.</param>
    /// <exception cref="ArgumentException">An unknown activation.</exception>
    public static double[] LayerGradientNorms(string activation, int layers = 10, int width = 32, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Func<Module> makeActivation = activation.ToLowerInvariant() switch
        {
            "sigmoid" => () => new Sigmoid(),
            "tanh" => () => new Tanh(),
            "relu" => () => new ReLU(),
            _ => throw new ArgumentException($"VanishingGradients: unknown activation '{activation}'; expected sigmoid, tanh or relu.", nameof(activation)),
        };

        var generator = new Generator(seed);
        var model = new Sequential();
        for (int l = 0; l < layers; l++)
        {
            var linear = new Linear(width, l == layers - 1 ? 1 : width, generator: generator, dtype: DType.Float64);
            Init.KaimingNormal(linear.Weight, nonlinearity: Nonlinearity.ReLU, generator: generator);
            Init.Zeros(linear.Bias!);
            model.Add(linear);
            if (l < layers - 1) model.Add(makeActivation());
        }
        Tensor x = Tensor.Randn([64, width], generator, DType.Float64);
        Tensor y = Tensor.Randn([64, 1], generator, DType.Float64);
        return LayerGradientNorms(model, x, y);
    }

    /// <summary>
    /// Runs one batch through a network forward and backward with mean squared error and returns the
    /// L2 norm of each <see cref="Linear"/> layer's weight gradient, in order. The model's gradients are
    /// cleared first and left filled in. Shape: input [N, in], target shaped like the output.
    /// </summary>
    /// <param name="model">A network whose Linear layers are its direct children.</param>
    /// <param name="input">The batch.</param>
    /// <param name="target">The wanted outputs.</param>
    /// <exception cref="ArgumentException">The model has no Linear layer.</exception>
    public static double[] LayerGradientNorms(Sequential model, Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(model);
        Linear[] linears = model.OfType<Linear>().ToArray();
        if (linears.Length == 0)
            throw new ArgumentException("VanishingGradients: the model has no Linear layer to measure.", nameof(model));
        model.ZeroGrad();
        F.MSELoss(model.Forward(input), target).Backward();
        return linears.Select(l => Math.Sqrt(l.Weight.Grad!.Square().Sum().Item())).ToArray();
    }

    /// <summary>A chart of the per-layer gradient norms on a logarithmic axis, one line per network.</summary>
    /// <param name="norms">The name and norms of each network.</param>
    public static SvgChart Chart(IReadOnlyList<(string Name, double[] Norms)> norms)
    {
        ArgumentNullException.ThrowIfNull(norms);
        var chart = new SvgChart("Gradient norm per layer") { XLabel = "layer (1 = nearest the input)", YLabel = "‖∂L/∂W‖", LogY = true };
        foreach (var (name, values) in norms)
            chart.AddLine(name, Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray(), values);
        return chart;
    }
}
