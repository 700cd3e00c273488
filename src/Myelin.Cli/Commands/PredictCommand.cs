using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Myelin.Cli.Display;
using Myelin.Cli.Modeling;
using Myelin.Data;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary>
/// <c>myelin predict</c>: runs a saved model on feature rows from a CSV file or the command line, with the
/// model's own feature scaling, and writes one prediction per row: the class and its probability (and the
/// most likely classes, by name) for a classifier, the value for a regression model.
/// </summary>
/// <param name="options">The parsed settings.</param>
/// <param name="console">Where the predictions go. CSV and JSON are written as plain text.</param>
public sealed class PredictCommand(PredictOptions options, IAnsiConsole console)
{
    /// <summary>Predicts and writes the results; returns the exit code.</summary>
    public int Run()
    {
        options.Validate();
        var model = TrainedModel.Load(options.ModelPath);
        var (features, source) = ReadFeatures();
        if (model.IsClassifier) WriteClasses(model, model.PredictProbabilities(features, source));
        else WriteValues(model.PredictValues(features, source).ToArray());
        return ExitCodes.Success;
    }

    /// <summary>The feature rows [N, F] and a name for them in messages.</summary>
    (Tensor Features, string Source) ReadFeatures()
    {
        if (options.InputPath is string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"the input file '{path}' does not exist.", path);
            var csv = Csv.Read(path, new CsvOptions { Header = CsvHeader.Auto });
            if (csv.Rows == 0) throw new CliException($"{path}: the file has no data rows.");
            return (csv.Features, path);
        }
        var fields = options.Values!.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[fields.Length];
        for (int i = 0; i < fields.Length; i++)
            if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
                throw CliException.Usage($"--values: value {i + 1} ('{fields[i]}') is not a finite number.");
        return (Tensor.FromArray(values, 1, values.Length), "--values");
    }

    void WriteClasses(TrainedModel model, Tensor probabilities)
    {
        var classes = model.Info.ClassNames;
        int rows = probabilities.Shape[0], k = probabilities.Shape[1];
        if (k != classes.Count)
            throw new CliException($"{model.Path}: the model outputs {k} classes but its metadata names {classes.Count}.");
        var p = probabilities.ToArray();
        int Best(int row) => Enumerable.Range(0, k).MaxBy(c => p[row * k + c]);

        switch (options.Format)
        {
            case OutputFormat.Csv:
                var csv = new StringBuilder();
                csv.AppendLine(string.Join(',', new[] { "row", "prediction", "probability" }.Concat(classes.Select(c => CsvField("p_" + c)))));
                for (int r = 0; r < rows; r++)
                {
                    int best = Best(r);
                    csv.AppendLine(string.Join(',', new[] { (r + 1).ToString(CultureInfo.InvariantCulture), CsvField(classes[best]), Numbers.RoundTrip(p[r * k + best]) }
                        .Concat(Enumerable.Range(0, k).Select(c => Numbers.RoundTrip(p[r * k + c])))));
                }
                WritePlain(csv.ToString());
                break;
            case OutputFormat.Json:
                WritePlain(Json(writer =>
                {
                    writer.WriteStartArray();
                    for (int r = 0; r < rows; r++)
                    {
                        int best = Best(r);
                        writer.WriteStartObject();
                        writer.WriteNumber("row", r + 1);
                        writer.WriteString("prediction", classes[best]);
                        writer.WriteNumber("probability", p[r * k + best]);
                        writer.WriteStartObject("probabilities");
                        for (int c = 0; c < k; c++) writer.WriteNumber(classes[c], p[r * k + c]);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }));
                break;
            default:
                int top = Math.Min(options.Top, k);
                var table = Tables.Create("Row", "Prediction", "Probability", top == 1 ? "Top class" : $"Top {top} classes");
                table.Columns[1].LeftAligned();
                table.Columns[3].LeftAligned();
                for (int r = 0; r < rows; r++)
                {
                    int best = Best(r);
                    var ranked = Enumerable.Range(0, k).OrderByDescending(c => p[r * k + c]).Take(top)
                        .Select(c => $"{classes[c]} ({Numbers.Fixed(p[r * k + c], 3)})");
                    table.AddTextRow((r + 1).ToString(CultureInfo.InvariantCulture), classes[best], Numbers.Fixed(p[r * k + best]), string.Join(", ", ranked));
                }
                console.Write(table);
                break;
        }
    }

    void WriteValues(float[] values)
    {
        switch (options.Format)
        {
            case OutputFormat.Csv:
                var csv = new StringBuilder("row,prediction\n");
                for (int r = 0; r < values.Length; r++)
                    csv.Append((r + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(Numbers.RoundTrip(values[r])).Append('\n');
                WritePlain(csv.ToString());
                break;
            case OutputFormat.Json:
                WritePlain(Json(writer =>
                {
                    writer.WriteStartArray();
                    for (int r = 0; r < values.Length; r++)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("row", r + 1);
                        writer.WriteNumber("prediction", values[r]);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }));
                break;
            default:
                var table = Tables.Create("Row", "Prediction");
                for (int r = 0; r < values.Length; r++)
                    table.AddTextRow((r + 1).ToString(CultureInfo.InvariantCulture), Numbers.Fixed(values[r]));
                console.Write(table);
                break;
        }
    }

    /// <summary>Writes machine-readable text as it is: no markup, no wrapping at the console's width.</summary>
    void WritePlain(string text)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text.Replace("\r\n", "\n"));
        if (!text.EndsWith('\n')) writer.Write('\n');
        writer.Flush();
    }

    static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break.</summary>
    static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
