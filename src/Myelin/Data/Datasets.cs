using System.Globalization;
using System.IO.Compression;

namespace Myelin.Data;

/// <summary>
/// Ready-to-use real data sets. The small tables (<see cref="Digits"/>, <see cref="Iris"/>,
/// <see cref="Wine"/>, <see cref="BreastCancer"/>) are embedded in the library, so they work
/// with no files around; MNIST and Fashion-MNIST are read from their standard IDX files.
/// </summary>
/// <remarks>
/// Each call parses the data afresh and returns new tensors, so callers may modify them.
/// Samples come in the file's order; shuffle or split them before training. Sources and
/// licences: docs/data.md and Data/Resources/LICENSES.md (the UCI data sets are CC BY 4.0,
/// packaged by scikit-learn under BSD-3-Clause).
/// </remarks>
public static partial class Datasets
{
    static readonly string[] DigitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>
    /// Handwritten digits (UCI Optical Recognition of Handwritten Digits, as in scikit-learn's
    /// <c>load_digits</c>): 1797 images of 8×8 pixels, each pixel a count 0 … 16.
    /// </summary>
    /// <returns>Features Float32 [1797, 64] (row-major 8×8 pixels, values 0 … 16); labels Int64 [1797] in 0 … 9; class names "0" … "9".</returns>
    public static LabeledData Digits()
    {
        using var reader = OpenResource("digits.csv.gz");
        var csv = Csv.ReadCore(reader, new CsvOptions { Header = CsvHeader.Absent, LabelColumn = -1 }, "digits.csv.gz", firstLineNumber: 1);
        return Checked(csv, "digits.csv.gz", samples: 1797, features: 64, DigitNames);
    }

    /// <summary>Fisher's iris flowers: sepal length, sepal width, petal length, petal width (cm).</summary>
    /// <returns>Features Float32 [150, 4]; labels Int64 [150] in 0 … 2 (50 each); class names setosa, versicolor, virginica.</returns>
    public static LabeledData Iris() => ReadCountedCsv("iris.csv");

    /// <summary>Chemical analysis (13 measurements) of wines from three cultivars.</summary>
    /// <returns>Features Float32 [178, 13]; labels Int64 [178] in 0 … 2; class names class_0, class_1, class_2.</returns>
    public static LabeledData Wine() => ReadCountedCsv("wine_data.csv");

    /// <summary>Breast Cancer Wisconsin (Diagnostic): 30 features of cell nuclei from a fine needle aspirate.</summary>
    /// <returns>Features Float32 [569, 30]; labels Int64 [569], 0 = malignant (212), 1 = benign (357); class names malignant, benign.</returns>
    public static LabeledData BreastCancer() => ReadCountedCsv("breast_cancer.csv");

    /// <summary>
    /// Reads a CSV in scikit-learn's layout: a first line "samples,features,class names…", then
    /// one sample a line with the class index last. The counts in the first line are checked.
    /// </summary>
    static LabeledData ReadCountedCsv(string resource)
    {
        using var reader = OpenResource(resource);
        string[] header = (reader.ReadLine() ?? "").Split(',');
        if (header.Length < 3
            || !int.TryParse(header[0], NumberStyles.None, CultureInfo.InvariantCulture, out int samples)
            || !int.TryParse(header[1], NumberStyles.None, CultureInfo.InvariantCulture, out int features))
            throw new DataFormatException(resource, "expected a first line 'samples,features,class names…'.", line: 1);
        var csv = Csv.ReadCore(reader, new CsvOptions { Header = CsvHeader.Absent, LabelColumn = -1 }, resource, firstLineNumber: 2);
        return Checked(csv, resource, samples, features, header[2..]);
    }

    /// <summary>Checks the parsed table against the sizes it should have, and attaches the class names.</summary>
    static LabeledData Checked(CsvData csv, string resource, int samples, int features, string[] classNames)
    {
        if (csv.Rows != samples || csv.Features.Shape[1] != features)
            throw new DataFormatException(resource,
                $"expected {samples} samples of {features} features, found {csv.Rows} of {csv.Features.Shape[1]}.");
        if (csv.ClassNames.Count > classNames.Length)
            throw new DataFormatException(resource,
                $"found class label {csv.ClassNames.Count - 1}, but there are only {classNames.Length} classes ({string.Join(", ", classNames)}).");
        return new LabeledData(csv.Features, csv.Labels!, classNames);
    }

    /// <summary>Opens an embedded data file as text, decompressing it when its name ends in .gz.</summary>
    static StreamReader OpenResource(string fileName)
    {
        string resourceName = "Myelin.Data.Resources." + fileName;
        Stream stream = typeof(Datasets).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Datasets: the embedded resource {resourceName} is missing from the Myelin assembly.");
        if (fileName.EndsWith(".gz", StringComparison.Ordinal))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream);
    }
}
