using Myelin.NN;

namespace Myelin.Learn;

/// <summary>
/// One layer of a small dense network as <see cref="Explain"/> sees it: a <see cref="NN.Linear"/> and the
/// activation that follows it (if any).
/// </summary>
/// <param name="Number">1 for the first layer.</param>
/// <param name="LinearIndex">The Linear's position in the Sequential, which prefixes its parameter names ("2.weight").</param>
/// <param name="Linear">The weights and biases.</param>
/// <param name="Activation">The activation module, or null for none (identity).</param>
internal sealed record DenseLayer(int Number, int LinearIndex, Linear Linear, Module? Activation)
{
    /// <summary>The module types whose output at each position depends only on the input at that position.</summary>
    static bool IsElementwise(Module module) =>
        module is Sigmoid or Tanh or ReLU or LeakyReLU or ELU or GELU or SiLU or Softplus or Step or Identity;

    /// <summary>The activation's name as written in a formula: σ, tanh, ReLU, … ("" for none).</summary>
    public string Symbol => Activation switch
    {
        null or Identity => "",
        Sigmoid => "σ",
        Tanh => "tanh",
        ReLU => "ReLU",
        LeakyReLU => "LeakyReLU",
        ELU => "ELU",
        GELU => "GELU",
        SiLU => "SiLU",
        Softplus => "softplus",
        Step => "step",
        Softmax => "softmax",
        _ => Activation.GetType().Name,
    };

    /// <summary>A heading such as <c>Linear(2 → 2) + Sigmoid</c>.</summary>
    public string Description =>
        $"Linear({Linear.InFeatures} → {Linear.OutFeatures})" + (Activation is null ? "" : " + " + Activation.GetType().Name);

    /// <summary>Whether the activation is applied to each neuron on its own (softmax is not).</summary>
    public bool HasElementwiseActivation => Activation is null || IsElementwise(Activation);

    /// <summary>
    /// Reads a model as dense layers: a single <see cref="NN.Linear"/>, or a <see cref="Sequential"/> of
    /// Linear layers each followed by at most one activation (Identity modules, which change nothing, are skipped).
    /// </summary>
    public static IReadOnlyList<DenseLayer> Parse(Module model, string caller)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is Linear single) return [new DenseLayer(1, -1, single, null)];
        if (model is not Sequential sequential)
            throw new ArgumentException(
                $"{caller}: expected a Linear layer or a Sequential of Linear layers and activations, got {model.GetType().Name}.", nameof(model));

        var layers = new List<DenseLayer>();
        for (int i = 0; i < sequential.Count; i++)
        {
            Module module = sequential[i];
            if (module is Linear linear)
            {
                if (layers.Count > 0 && layers[^1].Linear.OutFeatures != linear.InFeatures)
                    throw new ArgumentException(
                        $"{caller}: module {i} is Linear({linear.InFeatures} → {linear.OutFeatures}) but the layer before it has {layers[^1].Linear.OutFeatures} outputs.",
                        nameof(model));
                layers.Add(new DenseLayer(layers.Count + 1, i, linear, null));
            }
            else if (module is Identity)
            {
                continue;
            }
            else if (IsElementwise(module) || module is Softmax)
            {
                if (layers.Count == 0)
                    throw new ArgumentException($"{caller}: module {i} ({module.GetType().Name}) comes before any Linear layer.", nameof(model));
                if (layers[^1].Activation is not null)
                    throw new ArgumentException(
                        $"{caller}: module {i} ({module.GetType().Name}) follows another activation; expected one activation after each Linear.", nameof(model));
                layers[^1] = layers[^1] with { Activation = module };
            }
            else
            {
                throw new ArgumentException(
                    $"{caller}: module {i} ({module.GetType().Name}) is not supported; explanations cover Linear layers and the activations " +
                    "Sigmoid, Tanh, ReLU, LeakyReLU, ELU, GELU, SiLU, Softplus, Step, Softmax and Identity.", nameof(model));
            }
        }
        if (layers.Count == 0)
            throw new ArgumentException($"{caller}: the Sequential holds no Linear layer.", nameof(model));
        return layers;
    }

    /// <summary>The name of this layer's weight in the state dict ("2.weight", or "weight" for a lone Linear).</summary>
    public string ParameterName(string parameter) => LinearIndex < 0 ? parameter : $"{LinearIndex}.{parameter}";
}
