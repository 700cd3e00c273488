using Myelin.Cli.Data;
using Myelin.Cli.Display;
using Myelin.Cli.Modeling;
using Myelin.Data;
using Myelin.NN;
using Myelin.Training;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary>
/// <c>myelin eval</c>: measures a saved model on a data set's test split (the split made in training, by
/// default) or on every row of a CSV file: loss, accuracy, macro precision, recall and F1 and the confusion
/// matrix for a classifier; MAE, RMSE and R² for a regression model.
/// </summary>
/// <param name="options">The parsed settings.</param>
/// <param name="console">Where the tables go.</param>
public sealed class EvalCommand(EvalOptions options, IAnsiConsole console)
{
    /// <summary>Evaluates and prints the results; returns the exit code.</summary>
    public int Run()
    {
        options.Validate();
        var model = TrainedModel.Load(options.ModelPath);
        var info = model.Info;
        var spec = ResolveData(info);
        int seed = options.Seed ?? info.Seed ?? 42;
        double validationFraction = options.ValidationFraction ?? info.ValidationFraction ?? 0.15;
        double testFraction = options.TestFraction ?? info.TestFraction ?? 0.15;
        OptionChecks.CheckFractions(validationFraction, testFraction);

        var (data, description) = DataCatalog.LoadEvaluationData(spec, seed, validationFraction, testFraction);
        string source = spec.CsvPath ?? spec.DisplayName;
        console.Line($"Evaluating {Path.GetFileName(options.ModelPath)} on {description}.");
        var outputs = model.Forward(model.Prepare(data.Features, source));
        if (model.IsClassifier) ReportClassification(model, ClassMapping.ToClasses(data, info.ClassNames, source), outputs);
        else ReportRegression(model, data, outputs);
        return ExitCodes.Success;
    }

    /// <summary>The data named on the command line, or the built-in data set the model was trained on.</summary>
    DataSpec ResolveData(ModelFileInfo info)
    {
        if (options.Data is { } given)
        {
            // A CSV is read with the model's task and, unless told otherwise, the label column used in training.
            return given.CsvPath is null ? given
                : given with { Task = info.Task, LabelColumn = given.LabelColumn ?? info.LabelColumn };
        }
        if (info.Source is not null && DataSetNames.All.Contains(info.Source))
            return new DataSpec(info.Source, null, DataDirectory: options.DataDirectory);
        throw CliException.Usage("eval: give the data to evaluate on with --data NAME or --csv FILE.");
    }

    void ReportClassification(TrainedModel model, LabeledData data, Tensor logits)
    {
        var classes = model.Info.ClassNames;
        if (logits.Rank != 2 || logits.Shape[1] != classes.Count)
            throw new CliException($"{model.Path}: the model outputs {Shapes.Format(logits.Shape)} for {classes.Count} classes.");
        var labels = data.Labels;
        double loss = new CrossEntropyLoss().Forward(logits, labels).Item();
        var confusion = ConfusionMatrix.Compute(logits, labels, classes.Count);

        var metrics = Tables.Create("Metric", "Value");
        metrics.AddTextRow("samples", Numbers.Count(confusion.Total));
        metrics.AddTextRow("loss", Numbers.Fixed(loss));
        metrics.AddTextRow("accuracy", Numbers.Percent(confusion.Accuracy()));
        metrics.AddTextRow("precision (macro)", Numbers.Fixed(new Precision(classes.Count).Compute(logits, labels)));
        metrics.AddTextRow("recall (macro)", Numbers.Fixed(new Recall(classes.Count).Compute(logits, labels)));
        metrics.AddTextRow("F1 (macro)", Numbers.Fixed(new F1Score(classes.Count).Compute(logits, labels)));
        console.Write(metrics);

        console.Write(ConfusionTable(confusion, classes));
    }

    /// <summary>
    /// The confusion matrix as a table, rows the true classes and columns the predicted ones. When the class
    /// names are too long for the console's width, the columns are headed by class numbers instead and
    /// the rows give number and name.
    /// </summary>
    Table ConfusionTable(ConfusionMatrix confusion, IReadOnlyList<string> classes)
    {
        const string corner = "true \\ predicted";
        int countWidth = Numbers.Count(confusion.Total).Length;
        int width = Math.Max(corner.Length, classes.Max(c => c.Length)) + classes.Sum(c => Math.Max(c.Length, countWidth)) + 3 * classes.Count + 4;
        bool byNumber = width > console.Profile.Width;
        console.Line(byNumber
            ? "Confusion matrix (rows: true class, columns: predicted class by number):"
            : "Confusion matrix (rows: true class, columns: predicted class):");
        var headers = classes.Select((name, k) => byNumber ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : name);
        var table = Tables.Create([corner, .. headers]);
        for (int t = 0; t < classes.Count; t++)
            table.AddTextRow([byNumber ? $"{t} {classes[t]}" : classes[t], .. Enumerable.Range(0, classes.Count).Select(p => Numbers.Count(confusion[t, p]))]);
        return table;
    }

    void ReportRegression(TrainedModel model, LabeledData data, Tensor outputs)
    {
        var predicted = model.ToTargetUnits(outputs);
        var actual = data.Labels;
        var metrics = Tables.Create("Metric", "Value");
        metrics.AddTextRow("samples", Numbers.Count(actual.Shape[0]));
        metrics.AddTextRow("MSE", Numbers.Fixed(new MSELoss().Forward(predicted, actual).Item()));
        metrics.AddTextRow("MAE", Numbers.Fixed(new MeanAbsoluteError().Compute(predicted, actual)));
        metrics.AddTextRow("RMSE", Numbers.Fixed(new RootMeanSquaredError().Compute(predicted, actual)));
        metrics.AddTextRow("R²", Numbers.Fixed(new R2Score().Compute(predicted, actual)));
        console.Write(metrics);
    }
}
