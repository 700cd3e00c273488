using System.Globalization;
using System.Text.Json;
using Myelin.Data;
using Myelin.IO;
using Myelin.NN;

namespace Myelin.Tests.Cli;

/// <summary>
/// Trains the digits classifier once with the tool's defaults (seed 42), through the command line, for the
/// tests of train, predict, eval and inspect to share. Also rebuilds the same test split and the saved
/// scaler through the library's API, so tests can compare the tool with the API.
/// </summary>
public sealed class DigitsModelFixture : IDisposable
{
    readonly TempDirectory directory = new();

    public DigitsModelFixture()
    {
        ModelPath = directory.File("digits.myelin.safetensors");
        Training = CliHarness.Run("train", "--output", ModelPath);
        if (Training.ExitCode != 0)
            throw new InvalidOperationException($"training failed ({Training.ExitCode}): {Training.Error}");
        var (_, _, test) = Splits.TrainValidationTestSplit(Datasets.Digits(), 0.15, 0.15, seed: 42, stratify: true);
        TestSplit = test;
        Scaler = ScalerFromMetadata(Model.LoadMetadata(ModelPath));
    }

    /// <summary>The saved model.</summary>
    public string ModelPath { get; }

    /// <summary>The train command's run.</summary>
    public CliRun Training { get; }

    /// <summary>The digits test split, as train made it (stratified, seed 42, 15 % + 15 %).</summary>
    public LabeledData TestSplit { get; }

    /// <summary>The scaler saved in the model file's metadata, loaded with the library's StandardScaler.</summary>
    public StandardScaler Scaler { get; }

    /// <summary>A folder for the tests' own files.</summary>
    public TempDirectory Directory => directory;

    /// <summary>Softmax probabilities of the saved model on raw digits features, through the API: Model.Load, the saved scaler, Forward.</summary>
    public float[] ApiProbabilities(Tensor features)
    {
        Module model = Model.Load(ModelPath);
        using (Autograd.NoGrad()) return model.Forward(Scaler.Transform(features)).Softmax(1).ToArray();
    }

    static StandardScaler ScalerFromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        using var json = JsonDocument.Parse(metadata["scaler"]);
        float[] Read(string name) => json.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var mean = Read("mean");
        var std = Read("std");
        var scaler = new StandardScaler();
        scaler.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["mean"] = Tensor.FromArray(mean, mean.Length),
            ["std"] = Tensor.FromArray(std, std.Length),
        });
        return scaler;
    }

    /// <summary>Writes the first <paramref name="rows"/> digits test samples as a CSV of features (no header, no label).</summary>
    public string WriteFeatureCsv(string name, int rows, bool header = false)
    {
        var features = TestSplit.Features.Narrow(0, 0, rows).ToArray();
        int columns = TestSplit.Features.Shape[1];
        var lines = new List<string>();
        if (header) lines.Add(string.Join(",", Enumerable.Range(0, columns).Select(c => $"pixel{c}")));
        for (int r = 0; r < rows; r++)
            lines.Add(string.Join(",", Enumerable.Range(0, columns).Select(c => features[r * columns + c].ToString(CultureInfo.InvariantCulture))));
        string path = directory.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose() => directory.Dispose();
}

/// <summary>The tests that share one trained digits model.</summary>
[CollectionDefinition(Name)]
public sealed class DigitsModelCollection : ICollectionFixture<DigitsModelFixture>
{
    public const string Name = "digits model";
}
