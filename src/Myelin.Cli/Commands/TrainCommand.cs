using System.Globalization;
using Myelin.Cli.Data;
using Myelin.Cli.Display;
using Myelin.Cli.Modeling;
using Myelin.Cli.Training;
using Myelin.Data;
using Myelin.IO;
using Myelin.NN;
using Myelin.Training;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary>
/// <c>myelin train</c>: splits the data (stratified), standardises the features with the training split's
/// statistics, trains a network with early stopping on the validation loss, reports the test split and saves
/// the model with its scaler and class names.
/// </summary>
/// <param name="options">The parsed settings.</param>
/// <param name="console">Where progress and results go; live progress needs an interactive terminal.</param>
public sealed class TrainCommand(TrainOptions options, IAnsiConsole console)
{
    readonly ITrainingLoop loop = new TrainerTrainingLoop();

    /// <summary>Trains and saves; returns the exit code. Errors propagate as exceptions (see <see cref="CliApp"/>).</summary>
    /// <param name="cancellationToken">Stops training after the current batch; the best weights so far are still tested and saved.</param>
    public int Run(CancellationToken cancellationToken = default)
    {
        Execute(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Trains and saves, and returns what was produced.</summary>
    public TrainResult Execute(CancellationToken cancellationToken = default)
    {
        options.Validate();
        var splits = DataCatalog.LoadSplits(options.Data, options.Seed, options.ValidationFraction, options.TestFraction);
        bool classify = splits.Task == TaskKind.Classification;
        if (classify && splits.ClassNames.Count < 2)
            throw new CliException($"{options.Data.DisplayName}: classification needs at least 2 classes, found {splits.ClassNames.Count}.");

        bool cnn = options.Model == ModelNames.Cnn;
        int imageSide = cnn ? CnnRecipe.ImageSide(options.Data, splits.NumFeatures) : 0;

        // Statistics of the training split only, so nothing of the held-out data leaks into training.
        var scaler = cnn ? CnnRecipe.PixelScaler(splits.Train.Features) : new StandardScaler().Fit(splits.Train.Features);
        TargetScaling? targets = classify ? null : TargetScaling.Fit(splits.Train.Labels);
        TensorDataset Prepare(LabeledData part) => new(scaler.Transform(part.Features),
            targets is null ? part.Labels : targets.Value.Transform(part.Labels));

        var generator = new Generator(unchecked((ulong)options.Seed));
        int outputs = classify ? splits.ClassNames.Count : 1;
        var train = Prepare(splits.Train);
        Module model = cnn ? CnnRecipe.Create(imageSide, outputs, generator)
            : options.ModelJson is null
            ? ModelFactory.Mlp(splits.NumFeatures, options.Layers, options.Activation, outputs, generator)
            : ModelFactory.FromJsonFile(options.ModelJson, train.Features.Narrow(0, 0, Math.Min(2, train.Count)), outputs, generator);
        double learningRate = options.LearningRate ?? (cnn ? CnnRecipe.DefaultLearningRate : OptimizerNames.DefaultLearningRate(options.Optimizer));
        var optimizer = OptimizerNames.Create(options.Optimizer, model.Parameters(), learningRate);
        Loss loss = classify ? new CrossEntropyLoss() : new MSELoss();
        var schedule = cnn ? CnnRecipe.Schedule(optimizer, learningRate, options.Epochs, train.Count, options.BatchSize) : null;
        IDataset trainingSamples = cnn ? CnnRecipe.Augment(train, options.Data, imageSide, options.Seed) : train;

        DescribeRun(splits, model, learningRate);
        var validation = splits.Validation is null ? null : Prepare(splits.Validation);
        var job = new TrainingJob(model, optimizer, loss, trainingSamples, validation, options.Epochs, options.BatchSize,
            options.Patience, options.Seed, MeasureAccuracy: classify, Schedule: schedule);
        var outcome = CreateDisplay(new EpochColumns(classify, validation is not null))
            .Run(observer => loop.Fit(job, observer, cancellationToken));
        DescribeOutcome(outcome, validation is not null);

        double? testLoss = null, testAccuracy = null, testRmse = null;
        if (splits.Test is not null && outcome.Epochs.Count > 0)
        {
            var test = Prepare(splits.Test);
            if (classify)
            {
                var result = new Trainer(model, optimizer, loss, new TrainerOptions { Metrics = [new Accuracy()] }).Evaluate(test);
                testLoss = result.Loss;
                testAccuracy = result["accuracy"];
                console.Line($"Test: loss {Numbers.Fixed(result.Loss)}  accuracy {Numbers.Percent(result["accuracy"])} ({splits.Test.Count} samples)");
            }
            else
            {
                // Errors in the target's units: the outputs with the target scaling undone, against the raw targets.
                var predicted = targets!.Value.Inverse(new Trainer(model, optimizer, loss).Predict(test.Features).Reshape(-1));
                var actual = splits.Test.Labels;
                testLoss = new MSELoss().Forward(predicted, actual).Item();
                testRmse = new RootMeanSquaredError().Compute(predicted, actual);
                console.Line($"Test: MAE {Numbers.Fixed(new MeanAbsoluteError().Compute(predicted, actual))}  RMSE {Numbers.Fixed(testRmse.Value)}  " +
                    $"R² {Numbers.Fixed(new R2Score().Compute(predicted, actual))} ({splits.Test.Count} samples)");
            }
        }

        var info = new ModelFileInfo(splits.Task, splits.ClassNames, splits.NumFeatures,
            scaler.Mean.ToArray(), scaler.Std.ToArray(), targets?.Mean, targets?.Std,
            options.Data.DataSetName ?? options.Data.CsvPath, options.Data.CsvPath is null ? null : options.Data.LabelColumn ?? "-1",
            options.Seed, options.ValidationFraction, options.TestFraction);
        string path = options.OutputPath;
        Model.Save(model, path, info.ToMetadata());
        console.Line($"Saved the model to {path} ({Numbers.Count(model.NumParameters())} parameters).");
        return new TrainResult(path, outcome.Epochs.Count, outcome.BestEpoch, testLoss, testAccuracy, testRmse);
    }

    ITrainingDisplay CreateDisplay(EpochColumns columns)
    {
        var capabilities = console.Profile.Capabilities;
        bool live = !options.Quiet && capabilities.Interactive && capabilities.Ansi && console.Profile.Out.IsTerminal;
        return live ? new LiveTrainingDisplay(console, columns) : new PlainTrainingDisplay(console, columns);
    }

    void DescribeRun(DataSplits splits, Module model, double learningRate)
    {
        string architecture = options.Model == ModelNames.Cnn
            ? CnnRecipe.Describe(CnnRecipe.ImageSide(options.Data, splits.NumFeatures), splits.ClassNames.Count)
            : options.ModelJson is not null ? $"the model in {options.ModelJson}"
            : $"a {string.Join("-", new[] { splits.NumFeatures }.Concat(options.Layers).Append(splits.Task == TaskKind.Classification ? splits.ClassNames.Count : 1))} perceptron ({options.Activation})";
        string parts = $"{splits.Train.Count} training, {splits.Validation?.Count ?? 0} validation, {splits.Test?.Count ?? 0} test samples";
        console.Line($"Training {architecture} on {options.Data.DisplayName}: {parts}.");
        string stopping = options.Patience > 0
            ? $", early stopping after {options.Patience} epoch{(options.Patience == 1 ? "" : "s")} without a better {(splits.Validation is null ? "training" : "validation")} loss"
            : "";
        string rate = options.Model == ModelNames.Cnn
            ? $"1cycle lr up to {learningRate.ToString(CultureInfo.InvariantCulture)}{(CnnRecipe.Mirrors(options.Data) ? ", half of the training images mirrored" : "")}"
            : $"lr {learningRate.ToString(CultureInfo.InvariantCulture)}";
        console.Line($"{options.Optimizer} {rate}, batch size {options.BatchSize}, up to {options.Epochs} epochs{stopping}, seed {options.Seed}.");
        if (options.Verbose)
        {
            console.Line(model.ToString());
            console.Line($"{Numbers.Count(model.NumParameters())} parameters; {splits.NumFeatures} features; " +
                (splits.Task == TaskKind.Classification ? $"classes {string.Join(", ", splits.ClassNames)}." : "regression target."));
        }
    }

    void DescribeOutcome(TrainingOutcome outcome, bool hasValidation)
    {
        if (outcome.Cancelled)
            console.Line($"Training interrupted after {outcome.Epochs.Count} complete epoch{(outcome.Epochs.Count == 1 ? "" : "s")}.");
        if (outcome.Epochs.Count == 0)
            throw new CliException("training stopped before the first epoch ended; no model was saved.");
        if (outcome.StoppedEarly)
            console.Line($"Stopped early after epoch {outcome.Epochs.Count}: the {(hasValidation ? "validation" : "training")} loss had not improved for {options.Patience} epochs.");
        if (outcome.BestEpoch != outcome.Epochs.Count)
            console.Line($"Restored the weights of epoch {outcome.BestEpoch}, the best one.");
    }
}
