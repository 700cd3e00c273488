using Myelin.NN;

namespace Myelin.Cli.Modeling;

/// <summary>The activations <c>--activation</c> accepts, and the layers they stand for.</summary>
public static class ActivationNames
{
    /// <summary>Every accepted name: relu, tanh, sigmoid, gelu, leaky-relu.</summary>
    public static IReadOnlyList<string> All { get; } = ["relu", "tanh", "sigmoid", "gelu", "leaky-relu"];

    /// <summary>A new activation layer for <paramref name="name"/>.</summary>
    /// <exception cref="CliException">An unknown name (a usage error).</exception>
    public static Module Create(string name) => name switch
    {
        "relu" => new ReLU(),
        "tanh" => new Tanh(),
        "sigmoid" => new Sigmoid(),
        "gelu" => new GELU(),
        "leaky-relu" => new LeakyReLU(),
        _ => throw CliException.Usage($"unknown activation '{name}'; use one of {string.Join(", ", All)}."),
    };
}
