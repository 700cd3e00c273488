using System.CommandLine;
using System.Globalization;
using Myelin.Cli.Modeling;
using Myelin.Learn;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary>
/// <c>myelin explain MODEL --input v1,v2,…</c>: prints the forward pass of a small dense model neuron
/// by neuron, each weighted sum with its terms and the activation applied to it.
/// </summary>
internal static class ExplainCommandLine
{
    public static Command Create(Option<bool> verbose, IAnsiConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file written by 'myelin train' or Model.Save (a Sequential of Linear layers and activations)." };
        var input = new Option<string>("--input") { Description = "One row of feature values, comma-separated, as in the training data (the model's saved scaler is applied).", Required = true };
        var maxTerms = new Option<int>("--max-terms") { Description = "Terms shown per weighted sum before abridging with '…'.", DefaultValueFactory = _ => 6 };
        var command = new Command("explain", "Explain a small dense network's forward pass for one input: every neuron's weighted sum, term by term, and its activation.");
        command.Arguments.Add(model);
        command.Options.Add(input);
        command.Options.Add(maxTerms);
        command.SetAction(result =>
        {
            var trained = TrainedModel.Load(result.GetValue(model)!);
            var fields = result.GetValue(input)!.Split(',', StringSplitOptions.TrimEntries);
            var values = new float[fields.Length];
            for (int i = 0; i < fields.Length; i++)
                if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                    throw new CliException($"--input value {i + 1} ('{fields[i]}') is not a number.", ExitCodes.UsageError);
            var prepared = trained.Prepare(Tensor.FromArray(values, 1, values.Length), "--input");
            int terms = result.GetValue(maxTerms);
            if (terms < 1) throw new CliException("--max-terms must be at least 1.", ExitCodes.UsageError);
            var explanation = Explain.Forward(trained.Network, prepared, new ExplainOptions { MaxTerms = terms });
            console.Profile.Out.Writer.WriteLine(explanation.Text);
            return ExitCodes.Success;
        });
        return command;
    }
}
