using Myelin.Optim;

namespace Myelin.Cli.Modeling;

/// <summary>The optimizers <c>--optimizer</c> accepts, with the learning rate each uses unless <c>--lr</c> says otherwise.</summary>
public static class OptimizerNames
{
    /// <summary>Every accepted name: sgd, adam, adamw, rmsprop.</summary>
    public static IReadOnlyList<string> All { get; } = ["sgd", "adam", "adamw", "rmsprop"];

    /// <summary>The learning rate for <paramref name="name"/> when none is given: 0.01 for SGD (with momentum 0.9), 0.001 otherwise.</summary>
    public static double DefaultLearningRate(string name) => name == "sgd" ? 0.01 : 1e-3;

    /// <summary>
    /// A new optimizer over <paramref name="parameters"/>. SGD uses momentum 0.9 (plain SGD is slow on
    /// these problems); the others use PyTorch's defaults apart from the learning rate.
    /// </summary>
    /// <exception cref="CliException">An unknown name (a usage error).</exception>
    public static Optimizer Create(string name, IEnumerable<Tensor> parameters, double learningRate) => name switch
    {
        "sgd" => new SGD(parameters, learningRate, momentum: 0.9),
        "adam" => new Adam(parameters, learningRate),
        "adamw" => new AdamW(parameters, learningRate),
        "rmsprop" => new RMSprop(parameters, learningRate),
        _ => throw CliException.Usage($"unknown optimizer '{name}'; use one of {string.Join(", ", All)}."),
    };
}
