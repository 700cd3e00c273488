using System.Globalization;
using Myelin.Cli.Data;
using Myelin.Cli.Modeling;

namespace Myelin.Cli.Commands;

/// <summary>The settings of <c>myelin train</c>; the defaults train the digits classifier.</summary>
public sealed record TrainOptions
{
    /// <summary>The training data: <c>--data NAME</c> or <c>--csv FILE</c> (with <c>--label-column</c>, <c>--task</c>, <c>--data-dir</c>).</summary>
    public DataSpec Data { get; init; } = new(DataSetNames.Digits, null);

    /// <summary>
    /// The network (<c>--model</c>): <see cref="ModelNames.Mlp"/>, the perceptron of <see cref="Layers"/> and
    /// <see cref="Activation"/>, or <see cref="ModelNames.Cnn"/>, the convolutional network of <see cref="CnnRecipe"/>
    /// for image data sets. On the command line <c>--model cnn</c> also changes the defaults of <c>--epochs</c>,
    /// <c>--batch-size</c> and <c>--lr</c> to the recipe's.
    /// </summary>
    public string Model { get; init; } = ModelNames.Mlp;

    /// <summary>The hidden layer widths of the multilayer perceptron (<c>--layers 64,32</c>); empty for a linear model.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [64];

    /// <summary>The activation between layers (<c>--activation</c>): relu, tanh, sigmoid, gelu or leaky-relu.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>A model description file to train instead of the perceptron (<c>--model-json</c>), or null.</summary>
    public string? ModelJson { get; init; }

    /// <summary>The optimizer (<c>--optimizer</c>): sgd, adam, adamw or rmsprop.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>The learning rate (<c>--lr</c>), or null for the optimizer's default (<see cref="OptimizerNames.DefaultLearningRate"/>).</summary>
    public double? LearningRate { get; init; }

    /// <summary>The most passes over the training data (<c>--epochs</c>).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Samples per optimizer step (<c>--batch-size</c>).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The share of the data held out to decide early stopping (<c>--validation-fraction</c>), in [0, 1).</summary>
    public double ValidationFraction { get; init; } = 0.15;

    /// <summary>The share of the data held out to measure the final model (<c>--test-fraction</c>), in [0, 1).</summary>
    public double TestFraction { get; init; } = 0.15;

    /// <summary>Epochs without a better validation loss before training stops (<c>--patience</c>); 0 never stops early.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>The seed of the split, the initial weights, the shuffling and generated data sets (<c>--seed</c>).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Where to save the model (<c>--output</c>), or null for "NAME.myelin.safetensors" in the current directory.</summary>
    public string? Output { get; init; }

    /// <summary>Plain lines instead of the live progress display (<c>--quiet</c>).</summary>
    public bool Quiet { get; init; }

    /// <summary>Show the model and the data's details, and stack traces on errors (<c>--verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>The file the model is saved to.</summary>
    public string OutputPath => Output ?? Path.GetFileNameWithoutExtension(Data.DisplayName) + ".myelin.safetensors";

    /// <summary>Checks every setting, naming the option at fault.</summary>
    /// <exception cref="CliException">A bad value (a usage error, exit code 2).</exception>
    public void Validate()
    {
        OptionChecks.CheckDataSpec(Data);
        if (!ModelNames.All.Contains(Model))
            throw CliException.Usage($"--model: unknown model '{Model}'; use one of {string.Join(", ", ModelNames.All)}.");
        if (Model == ModelNames.Cnn && ModelJson is not null)
            throw CliException.Usage("--model cnn and --model-json cannot be used together; choose one network.");
        if (Layers.Any(width => width < 1))
            throw CliException.Usage($"--layers: every layer width must be at least 1, got {string.Join(",", Layers)}.");
        if (!ActivationNames.All.Contains(Activation))
            throw CliException.Usage($"--activation: unknown activation '{Activation}'; use one of {string.Join(", ", ActivationNames.All)}.");
        if (!OptimizerNames.All.Contains(Optimizer))
            throw CliException.Usage($"--optimizer: unknown optimizer '{Optimizer}'; use one of {string.Join(", ", OptimizerNames.All)}.");
        if (LearningRate is double lr && !(lr > 0 && double.IsFinite(lr)))
            throw CliException.Usage($"--lr: the learning rate must be a positive number, got {lr.ToString(CultureInfo.InvariantCulture)}.");
        if (Epochs < 1) throw CliException.Usage($"--epochs: must be at least 1, got {Epochs}.");
        if (BatchSize < 1) throw CliException.Usage($"--batch-size: must be at least 1, got {BatchSize}.");
        if (Patience < 0) throw CliException.Usage($"--patience: must be 0 (no early stopping) or more, got {Patience}.");
        OptionChecks.CheckFractions(ValidationFraction, TestFraction);
        if (Output is { Length: 0 }) throw CliException.Usage("--output: the path is empty.");
    }
}
