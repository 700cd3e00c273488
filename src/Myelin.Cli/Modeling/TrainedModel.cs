using Myelin.Cli.Data;
using Myelin.Data;
using Myelin.IO;
using Myelin.NN;

namespace Myelin.Cli.Modeling;

/// <summary>
/// A model file loaded for use: the network (in evaluation mode), what the tool stored beside it, and the
/// steps that turn raw feature rows into predictions exactly as training prepared them.
/// </summary>
public sealed class TrainedModel
{
    readonly StandardScaler? scaler;

    TrainedModel(string path, Module network, ModelFileInfo info)
    {
        Path = path;
        Network = network;
        Info = info;
        if (info.FeatureMean is not null && info.FeatureStd is not null)
        {
            // The library's own scaler does the transform, so predictions match Model.Load + StandardScaler.
            scaler = new StandardScaler();
            scaler.LoadStateDict(new Dictionary<string, Tensor>
            {
                ["mean"] = Tensor.FromArray(info.FeatureMean, info.FeatureMean.Length),
                ["std"] = Tensor.FromArray(info.FeatureStd, info.FeatureStd.Length),
            });
        }
    }

    /// <summary>The file the model came from.</summary>
    public string Path { get; }

    /// <summary>The network, in evaluation mode. Shape: [N, F] → [N, K] logits (classification) or [N, 1] values (regression).</summary>
    public Module Network { get; }

    /// <summary>The task, classes, scaler and training-data details stored with the model.</summary>
    public ModelFileInfo Info { get; }

    /// <summary>Loads a model file written by <c>myelin train</c> or by <c>Model.Save</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="ModelFormatException">The file has no model description, or its weights do not fit it.</exception>
    /// <exception cref="CliException">The tool's metadata in the file is malformed.</exception>
    public static TrainedModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"the model file '{path}' does not exist.", path);
        var network = Model.Load(path);
        var linears = network.Modules().OfType<Linear>().ToList();
        int inputs = linears.Count > 0 ? linears[0].InFeatures : 0;
        int outputs = linears.Count > 0 ? linears[^1].OutFeatures : 0;
        var info = ModelFileInfo.FromMetadata(Model.LoadMetadata(path), inputs, outputs, path);
        return new TrainedModel(path, network, info);
    }

    /// <summary>
    /// The features as the network expects them: checked against the model's feature count and standardised
    /// with the training statistics. Shape: [N, F] → [N, F].
    /// </summary>
    /// <param name="features">Raw feature rows.</param>
    /// <param name="source">Where the rows came from, for the error message.</param>
    /// <exception cref="CliException">The rows have a different number of features than the model.</exception>
    public Tensor Prepare(Tensor features, string source)
    {
        int columns = features.Rank == 2 ? features.Shape[1] : -1;
        if (Info.NumFeatures > 0 && columns != Info.NumFeatures)
            throw new CliException(
                $"{source} has {(columns < 0 ? $"features of shape {Shapes.Format(features.Shape)}" : $"{columns} feature column{(columns == 1 ? "" : "s")}")}, but the model {System.IO.Path.GetFileName(Path)} expects {Info.NumFeatures}.");
        return scaler is null ? features : scaler.Transform(features);
    }

    /// <summary>
    /// The network's raw outputs for prepared features, without recording a graph.
    /// Shape: [N, F] → [N, K] logits, or [N, 1] standardised values for regression.
    /// </summary>
    public Tensor Forward(Tensor prepared)
    {
        int rows = prepared.Rank > 0 ? prepared.Shape[0] : 0;
        using (Autograd.NoGrad())
        {
            if (rows <= ForwardBatchSize) return Network.Forward(prepared);
            // In batches: a convolutional network's intermediate images for 10,000 rows at once would not fit in memory.
            var parts = new List<Tensor>();
            for (int start = 0; start < rows; start += ForwardBatchSize)
                parts.Add(Network.Forward(prepared.Narrow(0, start, Math.Min(ForwardBatchSize, rows - start))));
            return Tensor.Cat(parts, 0);
        }
    }

    /// <summary>The most rows the network sees at once in <see cref="Forward"/>.</summary>
    const int ForwardBatchSize = 256;

    /// <summary>Class probabilities for raw feature rows: softmax of the logits. Shape: [N, F] → [N, K].</summary>
    public Tensor PredictProbabilities(Tensor features, string source) => Forward(Prepare(features, source)).Softmax(1);

    /// <summary>Predicted values for raw feature rows, in the target's units (the target scaling undone). Shape: [N, F] → [N].</summary>
    public Tensor PredictValues(Tensor features, string source) => ToTargetUnits(Forward(Prepare(features, source)));

    /// <summary>Regression outputs mapped back to the target's units: y · std + mean. Shape: [N, 1] or [N] → [N].</summary>
    public Tensor ToTargetUnits(Tensor outputs)
    {
        var values = outputs.Reshape(-1);
        return Info.TargetMean is double mean && Info.TargetStd is double std ? values * std + mean : values;
    }

    /// <summary>True when the model predicts classes.</summary>
    public bool IsClassifier => Info.Task == TaskKind.Classification;
}
