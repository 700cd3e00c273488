using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Myelin.Cli.Data;
using Myelin.Cli.Modeling;

namespace Myelin.Cli.Commands;

/// <summary>The <c>train</c> command's options and help, and their translation into <see cref="TrainOptions"/>.</summary>
internal static class TrainCommandLine
{
    public static Command Create(Option<bool> verbose, Func<TrainOptions, int> run)
    {
        var defaults = new TrainOptions();
        var data = new DataOptions(DataSetNames.Digits, defaults.Seed, defaults.ValidationFraction, defaults.TestFraction);
        var layers = new Option<int[]>("--layers")
        {
            Description = "Hidden layer widths of the perceptron, comma-separated; 'none' for a linear model.",
            HelpName = "W1,W2,…",
            CustomParser = ParseLayers,
            DefaultValueFactory = _ => [.. defaults.Layers],
        };
        var model = new Option<string>("--model")
        {
            Description = $"The network: mlp (the perceptron of --layers) or cnn (a convolutional network for image data: fashion-mnist, digits; " +
                $"its defaults are --epochs {CnnRecipe.DefaultEpochs}, --batch-size {CnnRecipe.DefaultBatchSize} and --lr {CnnRecipe.DefaultLearningRate.ToString(CultureInfo.InvariantCulture)}, the peak of a 1cycle schedule).",
            DefaultValueFactory = _ => defaults.Model,
        };
        model.AcceptOnlyFromAmong([.. ModelNames.All]);
        var activation = new Option<string>("--activation")
        {
            Description = "The activation between layers.",
            DefaultValueFactory = _ => defaults.Activation,
        };
        activation.AcceptOnlyFromAmong([.. ActivationNames.All]);
        var modelJson = new Option<string?>("--model-json")
        {
            Description = "Train the model described in this JSON file (see docs/model-files.md) instead of the perceptron.",
            HelpName = "FILE",
        };
        var optimizer = new Option<string>("--optimizer")
        {
            Description = "The optimizer.",
            DefaultValueFactory = _ => defaults.Optimizer,
        };
        optimizer.AcceptOnlyFromAmong([.. OptimizerNames.All]);
        var lr = new Option<double?>("--lr") { Description = "The learning rate. [default: 0.001; 0.01 for sgd]", HelpName = "RATE" };
        var epochs = new Option<int>("--epochs") { Description = "The most passes over the training data.", DefaultValueFactory = _ => defaults.Epochs, HelpName = "N" };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per optimizer step.", DefaultValueFactory = _ => defaults.BatchSize, HelpName = "N" };
        var patience = new Option<int>("--patience")
        {
            Description = "Stop after this many epochs without a better validation loss, keeping the best weights; 0 never stops early.",
            DefaultValueFactory = _ => defaults.Patience,
            HelpName = "N",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The model file to write. [default: NAME.myelin.safetensors in the current directory]",
            HelpName = "PATH",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print one plain line per epoch instead of the live progress display." };

        var command = new Command("train",
            "Train a network and save it with its feature scaling and class names. With no options: an MLP on the built-in digits, " +
            "with a stratified train/validation/test split, standardised inputs, Adam and early stopping.");
        data.AddTo(command, includeTask: true);
        foreach (Option option in new Option[] { model, layers, activation, modelJson, optimizer, lr, epochs, batchSize, patience, output, quiet })
            command.Options.Add(option);

        command.SetAction(result =>
        {
            // The CNN recipe has its own defaults for the settings the user left out.
            bool cnn = result.GetValue(model) == ModelNames.Cnn;
            bool Given(Option option) => result.GetResult(option) is { Implicit: false };
            return run(new TrainOptions
            {
                Data = data.Spec(result, DataSetNames.Digits)!,
                Model = result.GetValue(model)!,
                Layers = result.GetValue(layers) ?? defaults.Layers,
                Activation = result.GetValue(activation)!,
                ModelJson = result.GetValue(modelJson),
                Optimizer = result.GetValue(optimizer)!,
                LearningRate = cnn && !Given(lr) ? CnnRecipe.DefaultLearningRate : result.GetValue(lr),
                Epochs = cnn && !Given(epochs) ? CnnRecipe.DefaultEpochs : result.GetValue(epochs),
                BatchSize = cnn && !Given(batchSize) ? CnnRecipe.DefaultBatchSize : result.GetValue(batchSize),
                ValidationFraction = result.GetValue(data.ValidationFraction) ?? defaults.ValidationFraction,
                TestFraction = result.GetValue(data.TestFraction) ?? defaults.TestFraction,
                Patience = result.GetValue(patience),
                Seed = result.GetValue(data.Seed) ?? defaults.Seed,
                Output = result.GetValue(output),
                Quiet = result.GetValue(quiet),
                Verbose = result.GetValue(verbose),
            });
        });
        return command;
    }

    /// <summary>"64,32" → [64, 32]; "none" → [] (no hidden layer).</summary>
    static int[]? ParseLayers(ArgumentResult result)
    {
        string text = string.Join(",", result.Tokens.Select(t => t.Value)).Trim();
        if (text is "none" or "") return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
            {
                result.AddError($"--layers: '{parts[i]}' is not a layer width (a whole number ≥ 1); write the widths as 64,32.");
                return null;
            }
        }
        return widths;
    }
}
