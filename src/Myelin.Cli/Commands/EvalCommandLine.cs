using System.CommandLine;

namespace Myelin.Cli.Commands;

/// <summary>The <c>eval</c> command's argument, options and help, and their translation into <see cref="EvalOptions"/>.</summary>
internal static class EvalCommandLine
{
    public static Command Create(Option<bool> verbose, Func<EvalOptions, int> run)
    {
        var model = new Argument<string>("MODEL") { Description = "The model file (written by 'myelin train' or Model.Save)." };
        var data = new DataOptions(null, null, null, null);
        var command = new Command("eval",
            "Evaluate a model: loss, accuracy, macro precision/recall/F1 and the confusion matrix for a classifier; MAE, RMSE and R² for regression. " +
            "On a built-in data set it uses the test split made in training (same seed and fractions, stored in the model file); on a CSV file, every row.");
        command.Arguments.Add(model);
        data.AddTo(command, includeTask: false);
        command.SetAction(result => run(new EvalOptions
        {
            ModelPath = result.GetValue(model)!,
            Data = data.Spec(result, null),
            DataDirectory = result.GetValue(data.DataDirectory) ?? Data.DataSetNames.DefaultFashionMnistDirectory,
            Seed = result.GetValue(data.Seed),
            ValidationFraction = result.GetValue(data.ValidationFraction),
            TestFraction = result.GetValue(data.TestFraction),
            Verbose = result.GetValue(verbose),
        }));
        return command;
    }
}
