using System.CommandLine;

namespace Myelin.Cli.Commands;

/// <summary>The <c>predict</c> command's argument, options and help, and their translation into <see cref="PredictOptions"/>.</summary>
internal static class PredictCommandLine
{
    public static Command Create(Option<bool> verbose, Func<PredictOptions, int> run)
    {
        var model = new Argument<string>("MODEL") { Description = "The model file (written by 'myelin train' or Model.Save)." };
        var input = new Option<string?>("--input", "-i") { Description = "A CSV file of feature rows (no label column; header optional).", HelpName = "FILE.csv" };
        var values = new Option<string?>("--values") { Description = "One row of features, comma-separated.", HelpName = "V1,V2,…" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "How to write the predictions.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var top = new Option<int>("--top") { Description = "How many of the most likely classes the table lists per row.", DefaultValueFactory = _ => 3, HelpName = "K" };

        var command = new Command("predict",
            "Predict with a model: one line per input row, with the class probabilities (by class name) for a classifier. " +
            "Inputs are scaled as in training.");
        command.Arguments.Add(model);
        foreach (Option option in new Option[] { input, values, format, top }) command.Options.Add(option);
        command.SetAction(result => run(new PredictOptions
        {
            ModelPath = result.GetValue(model)!,
            InputPath = result.GetValue(input),
            Values = result.GetValue(values),
            Format = result.GetValue(format) switch { "csv" => OutputFormat.Csv, "json" => OutputFormat.Json, _ => OutputFormat.Table },
            Top = result.GetValue(top),
            Verbose = result.GetValue(verbose),
        }));
        return command;
    }
}
