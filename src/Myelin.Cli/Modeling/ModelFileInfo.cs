using System.Globalization;
using System.Text;
using System.Text.Json;
using Myelin.Cli.Data;

namespace Myelin.Cli.Modeling;

/// <summary>
/// What the tool stores beside a model's weights, in the model file's metadata: the task, the class names,
/// the feature scaler's statistics (and the target's, for regression), and where the training data came
/// from and how it was split, so that <c>predict</c> and <c>eval</c> prepare inputs exactly as <c>train</c> did.
/// </summary>
/// <remarks>
/// Every entry is a string, as safetensors metadata requires. Lists and statistics are JSON:
/// <c>"classes": ["0", "1", …]</c>, <c>"scaler": {"mean": [...], "std": [...]}</c>. Numbers are written in
/// their shortest round-trip form, so the statistics read back bit for bit.
/// </remarks>
/// <param name="Task">Classification or regression.</param>
/// <param name="ClassNames">The class names, in the order of the model's outputs (empty for regression).</param>
/// <param name="NumFeatures">The number of input features F the model expects.</param>
/// <param name="FeatureMean">The scaler's per-feature mean [F], or null when inputs are used as they are.</param>
/// <param name="FeatureStd">The scaler's per-feature standard deviation [F], or null.</param>
/// <param name="TargetMean">For regression: the training targets' mean, which predictions are shifted back by.</param>
/// <param name="TargetStd">For regression: the training targets' standard deviation, which predictions are scaled back by.</param>
/// <param name="Source">The training data, as the tool names it ("digits", or the CSV file's path), or null.</param>
/// <param name="LabelColumn">The CSV label column used in training, or null.</param>
/// <param name="Seed">The seed of the split (and of generated data sets).</param>
/// <param name="ValidationFraction">The validation fraction of the split.</param>
/// <param name="TestFraction">The test fraction of the split.</param>
public sealed record ModelFileInfo(
    TaskKind Task,
    IReadOnlyList<string> ClassNames,
    int NumFeatures,
    float[]? FeatureMean = null,
    float[]? FeatureStd = null,
    double? TargetMean = null,
    double? TargetStd = null,
    string? Source = null,
    string? LabelColumn = null,
    int? Seed = null,
    double? ValidationFraction = null,
    double? TestFraction = null)
{
    /// <summary>Metadata key of the task ("classification" or "regression").</summary>
    public const string TaskKey = "task";

    /// <summary>Metadata key of the class names (a JSON array of strings).</summary>
    public const string ClassesKey = "classes";

    /// <summary>Metadata key of the number of input features.</summary>
    public const string FeaturesKey = "features";

    /// <summary>Metadata key of the feature scaler's statistics (JSON: {"mean": [...], "std": [...]}).</summary>
    public const string ScalerKey = "scaler";

    /// <summary>Metadata key of the regression target's statistics (JSON: {"mean": m, "std": s}).</summary>
    public const string TargetScalerKey = "target_scaler";

    /// <summary>Metadata key of the training data's name or CSV path.</summary>
    public const string DataKey = "data";

    /// <summary>Metadata key of the CSV label column.</summary>
    public const string LabelColumnKey = "label_column";

    /// <summary>Metadata key of the split seed.</summary>
    public const string SeedKey = "seed";

    /// <summary>Metadata key of the validation fraction.</summary>
    public const string ValidationFractionKey = "validation_fraction";

    /// <summary>Metadata key of the test fraction.</summary>
    public const string TestFractionKey = "test_fraction";

    /// <summary>The entries to pass to <c>Model.Save</c>.</summary>
    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TaskKey] = Task == TaskKind.Regression ? "regression" : "classification",
            [FeaturesKey] = NumFeatures.ToString(CultureInfo.InvariantCulture),
        };
        if (Task == TaskKind.Classification) metadata[ClassesKey] = Json(w => WriteStrings(w, ClassNames));
        if (FeatureMean is not null && FeatureStd is not null)
            metadata[ScalerKey] = Json(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("mean");
                WriteFloats(w, FeatureMean);
                w.WritePropertyName("std");
                WriteFloats(w, FeatureStd);
                w.WriteEndObject();
            });
        if (TargetMean is double mean && TargetStd is double std)
            metadata[TargetScalerKey] = Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("mean", mean);
                w.WriteNumber("std", std);
                w.WriteEndObject();
            });
        if (Source is not null) metadata[DataKey] = Source;
        if (LabelColumn is not null) metadata[LabelColumnKey] = LabelColumn;
        if (Seed is int seed) metadata[SeedKey] = seed.ToString(CultureInfo.InvariantCulture);
        if (ValidationFraction is double v) metadata[ValidationFractionKey] = v.ToString("R", CultureInfo.InvariantCulture);
        if (TestFraction is double t) metadata[TestFractionKey] = t.ToString("R", CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>
    /// Reads the entries back. Files written by other programs may lack them: the task then follows from
    /// the number of outputs (one output: regression), the classes are named "0" … "K−1", and the inputs
    /// are used unscaled.
    /// </summary>
    /// <param name="metadata">The file's metadata.</param>
    /// <param name="numFeatures">The model's input width, when the metadata does not say.</param>
    /// <param name="numOutputs">The model's output width, when the metadata does not say.</param>
    /// <param name="path">The file, for error messages.</param>
    /// <exception cref="CliException">An entry is present but malformed.</exception>
    public static ModelFileInfo FromMetadata(IReadOnlyDictionary<string, string> metadata, int numFeatures, int numOutputs, string path)
    {
        try
        {
            var task = metadata.TryGetValue(TaskKey, out var taskText)
                ? taskText switch
                {
                    "classification" => TaskKind.Classification,
                    "regression" => TaskKind.Regression,
                    _ => throw new FormatException($"unknown task '{taskText}'"),
                }
                : numOutputs == 1 ? TaskKind.Regression : TaskKind.Classification;

            IReadOnlyList<string> classes = task == TaskKind.Regression ? []
                : metadata.TryGetValue(ClassesKey, out var classesText) ? ReadStrings(classesText)
                : Enumerable.Range(0, numOutputs).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

            int features = metadata.TryGetValue(FeaturesKey, out var featuresText)
                ? int.Parse(featuresText, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : numFeatures;

            float[]? mean = null, std = null;
            if (metadata.TryGetValue(ScalerKey, out var scalerText))
            {
                using var document = JsonDocument.Parse(scalerText);
                mean = ReadFloats(document.RootElement.GetProperty("mean"));
                std = ReadFloats(document.RootElement.GetProperty("std"));
                if (mean.Length != features || std.Length != features)
                    throw new FormatException($"the scaler has {mean.Length} means and {std.Length} deviations for {features} features");
            }

            double? targetMean = null, targetStd = null;
            if (metadata.TryGetValue(TargetScalerKey, out var targetText))
            {
                using var document = JsonDocument.Parse(targetText);
                targetMean = document.RootElement.GetProperty("mean").GetDouble();
                targetStd = document.RootElement.GetProperty("std").GetDouble();
            }

            return new ModelFileInfo(task, classes, features, mean, std, targetMean, targetStd,
                metadata.GetValueOrDefault(DataKey),
                metadata.GetValueOrDefault(LabelColumnKey),
                metadata.TryGetValue(SeedKey, out var seedText) ? int.Parse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture) : null,
                metadata.TryGetValue(ValidationFractionKey, out var v) ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
                metadata.TryGetValue(TestFractionKey, out var t) ? double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture) : null);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or OverflowException)
        {
            throw new CliException($"{path}: the model file's metadata is malformed: {ErrorReport.OneLine(e.Message)}", e);
        }
    }

    static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void WriteStrings(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    static void WriteFloats(Utf8JsonWriter writer, IEnumerable<float> values)
    {
        writer.WriteStartArray();
        foreach (var value in values) writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }

    /// <summary>A JSON array of strings, or (as other programs write it) a comma-separated list.</summary>
    static string[] ReadStrings(string text)
    {
        if (!text.TrimStart().StartsWith('[')) return text.Split(',');
        using var document = JsonDocument.Parse(text);
        return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
    }

    static float[] ReadFloats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
