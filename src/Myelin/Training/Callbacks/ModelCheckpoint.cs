using System.Globalization;
using Myelin.IO;

namespace Myelin.Training;

/// <summary>
/// Saves the model's state dict (parameters and buffers) to a safetensors file at the end of
/// epochs: every <see cref="EveryNEpochs"/>-th epoch, or only when the monitored value improves
/// (<see cref="SaveBestOnly"/>). Keras's <c>ModelCheckpoint</c> with <c>save_weights_only</c>.
/// </summary>
/// <remarks>
/// <para>The path may contain placeholders filled from the epoch's logs: <c>{epoch}</c> (numbered
/// from 1), any logged value such as <c>{val_loss}</c>, each with an optional .NET format string:
/// <c>"checkpoints/model-{epoch:D3}-{val_loss:F4}.safetensors"</c>. Without placeholders each save
/// replaces the file. Missing directories are created.</para>
/// <para>Files are written with <see cref="SafeTensors.Save"/>, which replaces a file atomically,
/// so a crash during a save never leaves a half-written checkpoint. The file's metadata holds the
/// epoch and every logged value. Load it back with
/// <c>model.LoadStateDict(SafeTensors.Load(path))</c>.</para>
/// </remarks>
public sealed class ModelCheckpoint : Callback
{
    readonly PathTemplate template;
    readonly MonitoredValue monitored;
    readonly List<string> savedFiles = [];

    /// <summary>Creates the callback.</summary>
    /// <param name="path">The file to write, with optional placeholders such as <c>{epoch}</c>.</param>
    /// <param name="monitor">The logged value that decides what is best, used with <paramref name="saveBestOnly"/>.</param>
    /// <param name="saveBestOnly">Save only when the monitored value improves on the best so far.</param>
    /// <param name="everyNEpochs">Consider saving at epochs N, 2N, 3N, … (≥ 1).</param>
    /// <param name="mode">Whether the monitored value should go down or up; <see cref="MonitorMode.Auto"/> decides from its name.</param>
    /// <exception cref="ArgumentException">The path is empty or its placeholders are malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyNEpochs"/> is below 1, or an unknown mode.</exception>
    public ModelCheckpoint(string path, string monitor = LogNames.ValidationLoss, bool saveBestOnly = false, int everyNEpochs = 1,
        MonitorMode mode = MonitorMode.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (everyNEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(everyNEpochs), everyNEpochs, $"ModelCheckpoint: everyNEpochs must be at least 1, got {everyNEpochs}.");
        template = new PathTemplate(nameof(ModelCheckpoint), path);
        monitored = new MonitoredValue(nameof(ModelCheckpoint), monitor, mode, minDelta: 0);
        SaveBestOnly = saveBestOnly;
        EveryNEpochs = everyNEpochs;
    }

    /// <summary>The path, with its placeholders.</summary>
    public string Path => template.Template;

    /// <summary>The logged value that decides what is best.</summary>
    public string Monitor => monitored.Name;

    /// <summary>Whether a file is written only when the monitored value improves.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Saving is considered at every N-th epoch.</summary>
    public int EveryNEpochs { get; }

    /// <summary>The files written during the current or last fit, in order (a path repeats when it has no placeholders).</summary>
    public IReadOnlyList<string> SavedFiles => savedFiles;

    /// <summary>The best monitored value so far (with <see cref="SaveBestOnly"/>).</summary>
    public double Best => monitored.Best;

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        savedFiles.Clear();
        if (SaveBestOnly) monitored.Start(context);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        if (logs.Epoch % EveryNEpochs != 0) return;
        if (SaveBestOnly && !monitored.Improve(monitored.Read(logs), logs.Epoch)) return;

        string file = template.Format(logs);
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file));
        if (directory is not null) Directory.CreateDirectory(directory);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["epoch"] = logs.Epoch.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in logs.Values) metadata[name] = LogNames.FormatExact(value);
        var state = context.Model.StateDict().Select(e => new KeyValuePair<string, Tensor>(e.Key, e.Value.Contiguous()));
        SafeTensors.Save(file, state, metadata);
        savedFiles.Add(file);
    }
}
