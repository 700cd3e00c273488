namespace Myelin.Cli.Commands;

/// <summary>The network recipes <c>myelin train --model</c> accepts.</summary>
public static class ModelNames
{
    /// <summary>A multilayer perceptron shaped by <c>--layers</c> and <c>--activation</c> (the default).</summary>
    public const string Mlp = "mlp";

    /// <summary>The convolutional network of <see cref="CnnRecipe"/>, for image data sets (fashion-mnist, digits).</summary>
    public const string Cnn = "cnn";

    /// <summary>Every accepted name.</summary>
    public static IReadOnlyList<string> All { get; } = [Mlp, Cnn];
}
