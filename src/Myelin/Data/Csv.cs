using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Myelin.Data;

/// <summary>
/// Reads numeric CSV files into a Float32 feature tensor and an optional label tensor. Numbers
/// use the invariant culture (a dot as the decimal separator) whatever the machine's locale.
/// </summary>
/// <remarks>
/// Blank lines are skipped. Every data line must have as many fields as the first line, and
/// every feature field must be a number; otherwise a <see cref="DataFormatException"/> names the
/// file, the 1-based line and the 1-based field. A file whose first two bytes are the gzip magic
/// (1f 8b) is decompressed transparently.
/// </remarks>
public static class Csv
{
    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">The file, plain text (UTF-8) or gzip-compressed.</param>
    /// <param name="options">Delimiter, header and label column; null for the defaults (see <see cref="CsvOptions"/>).</param>
    /// <returns>Features Float32 [rows, featureColumns]; labels Int64 [rows] or Float32 [rows], or null; column and class names.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is empty, has no data rows, a line with the wrong number of fields, a value that is not a number, a bad label, or a label column that does not exist.</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public static CsvData Read(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        (options ??= new CsvOptions()).Validate();
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: file not found.", path);
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        bool isGzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using Stream content = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadCore(reader, options, path, firstLineNumber: 1);
    }

    /// <summary>Reads CSV text from a reader, from its current position to its end.</summary>
    /// <param name="reader">The text; it is not closed.</param>
    /// <param name="options">Delimiter, header and label column; null for the defaults.</param>
    /// <param name="name">A name for the data in error messages.</param>
    /// <returns>Features Float32 [rows, featureColumns]; labels Int64 [rows] or Float32 [rows], or null; column and class names.</returns>
    /// <exception cref="DataFormatException">The text is malformed (see <see cref="Read(string, CsvOptions?)"/>).</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public static CsvData Read(TextReader reader, CsvOptions? options = null, string name = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        (options ??= new CsvOptions()).Validate();
        return ReadCore(reader, options, name, firstLineNumber: 1);
    }

    /// <summary>The parser; <paramref name="firstLineNumber"/> lets a caller that consumed lines already keep line numbers true to the file.</summary>
    internal static CsvData ReadCore(TextReader reader, CsvOptions options, string name, int firstLineNumber)
    {
        var fields = new List<string>();
        var scratch = new StringBuilder();
        var features = new List<float>();
        var classIndices = new List<long>();
        var classTexts = new List<string>();
        var targets = new List<float>();
        string[]? columnNames = null;
        int columns = -1, labelIndex = -1, headerLine = 0, rows = 0;
        long lineNumber = firstLineNumber - 1;

        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(name, $"the gzip data is corrupt ({e.Message}).", lineNumber + 1);
            }
            if (line is null) break;
            lineNumber++;
            if (lineNumber == firstLineNumber && line.StartsWith('\uFEFF')) line = line[1..];
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (CsvFields.Split(line, options.Delimiter, fields, scratch) is { } splitError)
                throw new DataFormatException(name, splitError, lineNumber);

            if (columns < 0)
            {
                // The first non-blank line fixes the column count and may be the header.
                columns = fields.Count;
                bool isHeader = options.Header switch
                {
                    CsvHeader.Present => true,
                    CsvHeader.Absent => false,
                    _ => options.LabelColumnName is not null || LooksLikeHeader(fields, options),
                };
                if (isHeader)
                {
                    columnNames = fields.ToArray();
                    headerLine = (int)lineNumber;
                }
                labelIndex = ResolveLabelColumn(options, columnNames, columns, name, lineNumber);
                if (isHeader) continue;
            }

            if (fields.Count != columns)
                throw new DataFormatException(name, headerLine > 0
                    ? $"expected {columns} fields, as in the header on line {headerLine}, found {fields.Count}."
                    : $"expected {columns} fields, as on the first line, found {fields.Count}.", lineNumber);
            int featureColumns = labelIndex >= 0 ? columns - 1 : columns;
            if (features.Count > Array.MaxLength - featureColumns)
                throw new DataFormatException(name, $"too many values: more than {Array.MaxLength} features in all.", lineNumber);

            for (int c = 0; c < columns; c++)
            {
                string text = fields[c];
                if (c != labelIndex)
                {
                    features.Add(ParseNumber(text, c, columnNames, name, lineNumber));
                    continue;
                }
                switch (options.LabelKind)
                {
                    case CsvLabelKind.ClassIndex: classIndices.Add(ParseClassIndex(text, c, columnNames, name, lineNumber)); break;
                    case CsvLabelKind.ClassName: classTexts.Add(text); break;
                    default: targets.Add(ParseNumber(text, c, columnNames, name, lineNumber)); break;
                }
            }
            rows++;
        }

        if (columns < 0)
            throw new DataFormatException(name, "the file is empty: no header and no data rows.", lineNumber + 1);
        if (rows == 0)
            throw new DataFormatException(name, $"no data rows after the header on line {headerLine}.", lineNumber + 1);

        return Assemble(options, features, classIndices, classTexts, targets, columnNames, columns, labelIndex, rows, name);
    }

    static CsvData Assemble(CsvOptions options, List<float> features, List<long> classIndices, List<string> classTexts,
        List<float> targets, string[]? columnNames, int columns, int labelIndex, int rows, string name)
    {
        int featureColumns = labelIndex >= 0 ? columns - 1 : columns;
        var names = new List<string>(featureColumns);
        for (int c = 0; c < columns; c++)
            if (c != labelIndex) names.Add(ColumnName(c, columnNames));
        var featureTensor = DataTensors.Float32(features.ToArray(), rows, featureColumns);
        if (labelIndex < 0)
            return new CsvData(featureTensor, null, names, null, []);

        string labelName = ColumnName(labelIndex, columnNames);
        switch (options.LabelKind)
        {
            case CsvLabelKind.ClassIndex:
            {
                long largest = classIndices.Max();
                if (largest >= int.MaxValue)
                    throw new DataFormatException(name, $"class label {largest} in column '{labelName}' is too large to number the classes.");
                return new CsvData(featureTensor, DataTensors.Int64(classIndices.ToArray(), rows), names, labelName,
                    new IndexNames((int)largest + 1));
            }
            case CsvLabelKind.ClassName:
            {
                string[] classes = classTexts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                var indexOf = new Dictionary<string, long>(StringComparer.Ordinal);
                for (int i = 0; i < classes.Length; i++) indexOf[classes[i]] = i;
                var labels = new long[rows];
                for (int r = 0; r < rows; r++) labels[r] = indexOf[classTexts[r]];
                return new CsvData(featureTensor, DataTensors.Int64(labels, rows), names, labelName, classes);
            }
            default:
                return new CsvData(featureTensor, DataTensors.Float32(targets.ToArray(), rows), names, labelName, []);
        }
    }

    /// <summary>A first line is a header when some field (other than a text label column) is not a number.</summary>
    static bool LooksLikeHeader(List<string> fields, CsvOptions options)
    {
        int textLabel = -1;
        if (options.LabelKind == CsvLabelKind.ClassName && options.LabelColumn is { } index)
            textLabel = index < 0 ? index + fields.Count : index;
        for (int c = 0; c < fields.Count; c++)
            if (c != textLabel && !double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return true;
        return false;
    }

    static int ResolveLabelColumn(CsvOptions options, string[]? columnNames, int columns, string name, long line)
    {
        if (options.LabelColumnName is { } wanted)
        {
            int found = Array.IndexOf(columnNames!, wanted);
            if (found < 0)
                throw new DataFormatException(name,
                    $"no column named '{wanted}' in the header (columns: {string.Join(", ", columnNames!.Select(c => $"'{c}'"))}).", line);
            return found;
        }
        if (options.LabelColumn is not { } index) return -1;
        if (index < -columns || index >= columns)
            throw new DataFormatException(name,
                $"label column {index} is out of range for {columns} column{(columns == 1 ? "" : "s")} (valid: {-columns} to {columns - 1}).", line);
        return index < 0 ? index + columns : index;
    }

    static float ParseNumber(string text, int column, string[]? columnNames, string name, long line)
    {
        if (text.Length == 0)
            throw new DataFormatException(name, $"field {column + 1} ({Quote(column, columnNames)}) is empty; a number is required.", line);
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            throw new DataFormatException(name, $"field {column + 1} ({Quote(column, columnNames)}): '{text}' is not a number.", line);
        // float.Parse turns out-of-range values such as 1e50 into infinity; only an explicit infinity may be one.
        if (float.IsInfinity(value) && !text.Contains("inf", StringComparison.OrdinalIgnoreCase) && !text.Contains('∞'))
            throw new DataFormatException(name, $"field {column + 1} ({Quote(column, columnNames)}): '{text}' is out of the Float32 range.", line);
        return value;
    }

    static long ParseClassIndex(string text, int column, string[]? columnNames, string name, long line)
    {
        long value;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            // Accept whole numbers written as decimals ("3.0"), which many tools produce.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)
                || real != Math.Floor(real) || Math.Abs(real) > 1e15)
                throw new DataFormatException(name,
                    $"field {column + 1} ({Quote(column, columnNames)}): '{text}' is not a whole-number class label "
                    + "(use CsvLabelKind.ClassName for text labels or CsvLabelKind.Regression for real-valued targets).", line);
            value = (long)real;
        }
        if (value < 0)
            throw new DataFormatException(name, $"field {column + 1} ({Quote(column, columnNames)}): class label {value} is negative; class labels are 0 or more.", line);
        return value;
    }

    static string ColumnName(int column, string[]? columnNames) =>
        columnNames is null ? column.ToString(CultureInfo.InvariantCulture) : columnNames[column];

    static string Quote(int column, string[]? columnNames) =>
        columnNames is null ? $"column {column}" : $"'{columnNames[column]}'";

    /// <summary>The class names "0", "1", … produced on demand, so a large label does not allocate a list of names.</summary>
    sealed class IndexNames(int count) : IReadOnlyList<string>
    {
        public string this[int index] => (uint)index < (uint)count
            ? index.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => count;

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
