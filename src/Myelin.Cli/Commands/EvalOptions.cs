using Myelin.Cli.Data;

namespace Myelin.Cli.Commands;

/// <summary>The settings of <c>myelin eval</c>.</summary>
public sealed record EvalOptions
{
    /// <summary>The model file to evaluate.</summary>
    public required string ModelPath { get; init; }

    /// <summary>
    /// The data (<c>--data NAME</c> or <c>--csv FILE</c>), or null for the built-in data set the model was
    /// trained on. For a CSV file the task is the model's; the label column defaults to the one used in training.
    /// </summary>
    public DataSpec? Data { get; init; }

    /// <summary>The folder of the Fashion-MNIST files, for a model trained on them when <see cref="Data"/> is null (<c>--data-dir</c>).</summary>
    public string DataDirectory { get; init; } = DataSetNames.DefaultFashionMnistDirectory;

    /// <summary>The split seed (<c>--seed</c>), or null for the one stored with the model.</summary>
    public int? Seed { get; init; }

    /// <summary>The validation fraction of the split (<c>--validation-fraction</c>), or null for the stored one.</summary>
    public double? ValidationFraction { get; init; }

    /// <summary>The test fraction of the split (<c>--test-fraction</c>), or null for the stored one.</summary>
    public double? TestFraction { get; init; }

    /// <summary>Show stack traces on errors (<c>--verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>Checks the settings, naming the option at fault.</summary>
    /// <exception cref="CliException">A bad value (a usage error, exit code 2).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath)) throw CliException.Usage("eval: the model file is missing.");
        if (Data is not null) OptionChecks.CheckDataSpec(Data);
        if (ValidationFraction is not null || TestFraction is not null)
            OptionChecks.CheckFractions(ValidationFraction ?? 0, TestFraction ?? 0);
    }
}
