using System.CommandLine;
using Myelin.Cli.Data;

namespace Myelin.Cli.Commands;

/// <summary>
/// The data-source options <c>train</c> and <c>eval</c> share: <c>--data</c>, <c>--csv</c>, <c>--label-column</c>,
/// <c>--task</c>, <c>--data-dir</c>, <c>--seed</c> and the split fractions. Each command gets its own instances.
/// </summary>
internal sealed class DataOptions
{
    public DataOptions(string? defaultData, int? defaultSeed, double? defaultValidationFraction, double? defaultTestFraction)
    {
        Data = new Option<string?>("--data")
        {
            Description = $"A built-in data set: {string.Join(", ", DataSetNames.All)}." + (defaultData is null ? "" : $" [default: {defaultData}]"),
            HelpName = "NAME",
        };
        Data.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string?>();
            if (name is not null && !DataSetNames.IsKnown(name)) result.AddError(DataCatalog.UnknownDataSetMessage(name));
        });
        Csv = new Option<string?>("--csv") { Description = "A CSV file of features and a label column (header optional).", HelpName = "FILE" };
        LabelColumn = new Option<string?>("--label-column")
        {
            Description = "The CSV's label column, by header name or 0-based index (negative counts from the end). [default: the last column]",
            HelpName = "NAME|INDEX",
        };
        Task = new Option<string>("--task")
        {
            Description = "classification (a class per row) or regression (a number per row); for --csv.",
            DefaultValueFactory = _ => "classification",
        };
        Task.AcceptOnlyFromAmong("classification", "regression");
        DataDirectory = new Option<string>("--data-dir")
        {
            Description = "The folder of the Fashion-MNIST IDX files.",
            DefaultValueFactory = _ => DataSetNames.DefaultFashionMnistDirectory,
            HelpName = "DIR",
        };
        Seed = new Option<int?>("--seed")
        {
            Description = "Seed of the split, the initial weights, the shuffling and generated data sets." + Default(defaultSeed),
            HelpName = "N",
        };
        ValidationFraction = new Option<double?>("--validation-fraction")
        {
            Description = "The share of the data held out for validation, in [0, 1)." + Default(defaultValidationFraction),
            HelpName = "F",
        };
        TestFraction = new Option<double?>("--test-fraction")
        {
            Description = "The share of the data held out for the final test, in [0, 1)." + Default(defaultTestFraction),
            HelpName = "F",
        };
    }

    public Option<string?> Data { get; }
    public Option<string?> Csv { get; }
    public Option<string?> LabelColumn { get; }
    public Option<string> Task { get; }
    public Option<string> DataDirectory { get; }
    public Option<int?> Seed { get; }
    public Option<double?> ValidationFraction { get; }
    public Option<double?> TestFraction { get; }

    /// <summary>Adds the options to <paramref name="command"/>; <c>--task</c> only when the command chooses the task.</summary>
    public void AddTo(Command command, bool includeTask)
    {
        foreach (Option option in new Option[] { Data, Csv, LabelColumn, Task, DataDirectory, Seed, ValidationFraction, TestFraction })
            if (includeTask || option != Task) command.Options.Add(option);
    }

    /// <summary>
    /// The data source given on the command line, or <paramref name="fallbackName"/> when neither --data nor
    /// --csv was given (null for none).
    /// </summary>
    public DataSpec? Spec(ParseResult result, string? fallbackName)
    {
        string? name = result.GetValue(Data);
        string? csv = result.GetValue(Csv);
        if (name is null && csv is null && fallbackName is null)
        {
            if (result.GetValue(LabelColumn) is not null) throw CliException.Usage("--label-column applies to --csv files only.");
            return null;
        }
        if (name is null && csv is null) name = fallbackName;
        var task = result.GetValue(Task) == "regression" ? TaskKind.Regression : TaskKind.Classification;
        return new DataSpec(name is null ? null : DataSetNames.Normalize(name), csv, result.GetValue(LabelColumn), task,
            result.GetValue(DataDirectory) ?? DataSetNames.DefaultFashionMnistDirectory);
    }

    static string Default(object? value) => value is null ? "" : $" [default: {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}]";
}
