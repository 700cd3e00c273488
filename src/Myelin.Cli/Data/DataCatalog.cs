using System.Globalization;
using Myelin.Data;

namespace Myelin.Cli.Data;

/// <summary>
/// Loads the data a command names (a built-in data set or a CSV file) and divides it reproducibly into
/// training, validation and test parts, so that <c>eval</c> finds the same test split as <c>train</c>.
/// </summary>
internal static class DataCatalog
{
    /// <summary>Samples per arm of the generated spiral (three arms).</summary>
    const int SpiralSamplesPerClass = 100;

    /// <summary>Points of the generated moons.</summary>
    const int MoonSamples = 500;

    /// <summary>
    /// Loads the data and splits it: validation and test parts of the given fractions, stratified by class
    /// for classification. Fashion-MNIST keeps its own 10,000 test images as the test part, and the
    /// validation part comes from its 60,000 training images.
    /// </summary>
    public static DataSplits LoadSplits(DataSpec spec, int seed, double validationFraction, double testFraction)
    {
        if (spec.DataSetName == DataSetNames.FashionMnist)
        {
            var images = Datasets.FashionMnist(spec.DataDirectory, train: true, flatten: true);
            var (train, validation, _) = Split(images, validationFraction, 0, seed, stratify: true);
            var test = Datasets.FashionMnist(spec.DataDirectory, train: false, flatten: true);
            return new DataSplits(train, validation, test, TaskKind.Classification, images.ClassNames, []);
        }

        var (data, task, featureNames) = LoadWhole(spec, seed);
        var parts = Split(data, validationFraction, testFraction, seed, stratify: task == TaskKind.Classification);
        return new DataSplits(parts.Train, parts.Validation, parts.Test, task, data.ClassNames, featureNames);
    }

    /// <summary>
    /// The samples <c>eval</c> measures: a built-in data set's test split (made as <see cref="LoadSplits"/>
    /// makes it; the whole data set when the test fraction is zero), or every row of a CSV file.
    /// </summary>
    public static (LabeledData Data, string Description) LoadEvaluationData(DataSpec spec, int seed, double validationFraction, double testFraction)
    {
        if (spec.CsvPath is not null)
        {
            var (whole, _, _) = LoadWhole(spec, seed);
            return (whole, $"all {whole.Count} rows of {spec.DisplayName}");
        }
        if (spec.DataSetName != DataSetNames.FashionMnist && testFraction == 0)
        {
            var (whole, _, _) = LoadWhole(spec, seed);
            return (whole, $"all {whole.Count} samples of {spec.DisplayName}");
        }
        var splits = LoadSplits(spec, seed, validationFraction, testFraction);
        return (splits.Test!, $"the test split of {spec.DisplayName} ({splits.Test!.Count} samples, seed {seed})");
    }

    /// <summary>Loads a whole data set (not Fashion-MNIST's test images) with its task and feature names.</summary>
    static (LabeledData Data, TaskKind Task, IReadOnlyList<string> FeatureNames) LoadWhole(DataSpec spec, int seed)
    {
        if (spec.CsvPath is not null) return LoadCsv(spec);
        var data = spec.DataSetName switch
        {
            DataSetNames.Digits => Datasets.Digits(),
            DataSetNames.Iris => Datasets.Iris(),
            DataSetNames.Wine => Datasets.Wine(),
            DataSetNames.BreastCancer => Datasets.BreastCancer(),
            DataSetNames.Spiral => Synthetic.Spiral(SpiralSamplesPerClass, classes: 3, noise: 0.2, new Generator(unchecked((ulong)seed))),
            DataSetNames.Moons => Synthetic.Moons(MoonSamples, noise: 0.2, new Generator(unchecked((ulong)seed))),
            DataSetNames.FashionMnist => Datasets.FashionMnist(spec.DataDirectory, train: true, flatten: true),
            _ => throw CliException.Usage(UnknownDataSetMessage(spec.DataSetName ?? "")),
        };
        return (data, TaskKind.Classification, []);
    }

    /// <summary>The message for a data set name the tool does not know.</summary>
    public static string UnknownDataSetMessage(string name) =>
        $"unknown data set '{name}'; known data sets: {string.Join(", ", DataSetNames.All)} (or --csv FILE).";

    /// <summary>
    /// Reads a CSV file with its label column. Class labels are read as text and numbered in sorted
    /// order, numerically when every label is a number (so "10" comes after "9", not after "1").
    /// </summary>
    static (LabeledData Data, TaskKind Task, IReadOnlyList<string> FeatureNames) LoadCsv(DataSpec spec)
    {
        string path = spec.CsvPath!;
        if (!File.Exists(path)) throw new FileNotFoundException($"the CSV file '{path}' does not exist.", path);
        var options = new CsvOptions
        {
            LabelKind = spec.Task == TaskKind.Regression ? CsvLabelKind.Regression : CsvLabelKind.ClassName,
        };
        string label = spec.LabelColumn ?? "-1";
        options = int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)
            ? options with { LabelColumn = index }
            : options with { LabelColumnName = label };
        var csv = Csv.Read(path, options);
        if (csv.Rows == 0) throw new CliException($"{path}: the file has no data rows.");
        var data = csv.ToLabeledData();
        if (spec.Task == TaskKind.Classification) data = InNumericOrder(data);
        return (data, spec.Task, csv.FeatureNames);
    }

    /// <summary>Renumbers the classes in numeric order when every class name is a number.</summary>
    static LabeledData InNumericOrder(LabeledData data)
    {
        var values = new double[data.NumClasses];
        for (int i = 0; i < values.Length; i++)
            if (!double.TryParse(data.ClassNames[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                return data;
        var ordered = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).Select(i => data.ClassNames[i]).ToArray();
        return ClassMapping.ToClasses(data, ordered, "the CSV file");
    }

    /// <summary>Splits, turning empty held-out parts into null.</summary>
    static (LabeledData Train, LabeledData? Validation, LabeledData? Test) Split(
        LabeledData data, double validationFraction, double testFraction, int seed, bool stratify)
    {
        var (train, validation, test) = Splits.TrainValidationTestSplit(data, validationFraction, testFraction, seed, stratify);
        return (train, validation.Count > 0 ? validation : null, test.Count > 0 ? test : null);
    }
}
