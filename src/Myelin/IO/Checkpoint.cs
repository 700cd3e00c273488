using System.Globalization;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.IO;

/// <summary>
/// Training checkpoints: everything needed to stop a run and resume it exactly (the model's weights and
/// buffers, the optimizer's state, the learning-rate schedule's position, the random generator's state,
/// the epoch and step) in one safetensors file, written atomically.
/// </summary>
/// <remarks>
/// <code>
/// // At the end of each epoch:
/// Checkpoint.Save("run.ckpt.safetensors", model, optimizer, scheduler, epoch + 1, step, generator);
///
/// // Later, with the same architecture, optimizer type and schedule type built in code:
/// var (epoch, step, _) = Checkpoint.Load("run.ckpt.safetensors", model, optimizer, scheduler, generator);
/// </code>
/// <para>
/// The tensors are the state dicts under the prefixes "model.", "optimizer." and "scheduler."; the
/// metadata holds "myelin.checkpoint" (the format version), "myelin.epoch", "myelin.step",
/// "myelin.optimizer" and "myelin.scheduler" (the type names), "myelin.generator" (the generator's six
/// state words in hexadecimal), and the caller's extra strings. A save goes through
/// <see cref="AtomicFile"/>: an exception or a crash while writing leaves the previous checkpoint whole.
/// </para>
/// <para>
/// Resuming reproduces the uninterrupted run bit for bit when every source of randomness the run uses
/// (shuffling, dropout) draws from the checkpointed generator.
/// </para>
/// </remarks>
public static class Checkpoint
{
    /// <summary>The metadata key that marks a checkpoint; its value is the format version, "1".</summary>
    public const string FormatKey = "myelin.checkpoint";

    const string FormatVersion = "1";
    const string EpochKey = "myelin.epoch";
    const string StepKey = "myelin.step";
    const string GeneratorKey = "myelin.generator";
    const string OptimizerKey = "myelin.optimizer";
    const string SchedulerKey = "myelin.scheduler";

    internal const string ModelPrefix = "model.";
    const string OptimizerPrefix = "optimizer.";
    const string SchedulerPrefix = "scheduler.";

    /// <summary>Writes a checkpoint to <paramref name="path"/>, atomically replacing any previous one.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="model">The model; its whole state dict (parameters and buffers) is saved.</param>
    /// <param name="optimizer">The optimizer, or null to save none.</param>
    /// <param name="scheduler">The learning-rate schedule, or null to save none.</param>
    /// <param name="epoch">The epoch to resume from (by convention, the number of epochs completed); at least 0.</param>
    /// <param name="step">The optimizer step count or any other counter of the caller's; at least 0.</param>
    /// <param name="generator">The generator that shuffles the data and draws dropout masks, or null to save none.</param>
    /// <param name="extra">Strings to keep with the checkpoint (a best score, a run name); keys may not start with "myelin.".</param>
    /// <exception cref="ArgumentOutOfRangeException">The epoch or step is negative.</exception>
    /// <exception cref="ArgumentException">An extra key starts with "myelin.", or a key or value is null.</exception>
    public static void Save(string path, Module model, Optimizer? optimizer, LRScheduler? scheduler, int epoch, long step,
        Generator? generator, IReadOnlyDictionary<string, string>? extra = null) =>
        SaveThrough(path, model, optimizer, scheduler, epoch, step, generator, extra, streamFilter: null);

    /// <summary>
    /// <see cref="Save"/>, with the file's stream passed through <paramref name="streamFilter"/> first
    /// (tests use it to fail midway).
    /// </summary>
    internal static void SaveThrough(string path, Module model, Optimizer? optimizer, LRScheduler? scheduler, int epoch, long step,
        Generator? generator, IReadOnlyDictionary<string, string>? extra, Func<Stream, Stream>? streamFilter)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Model.CheckUserMetadata(extra, "Checkpoint.Save", nameof(extra));

        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, tensor) in Model.WeightsOf(model)) tensors.Add(new(ModelPrefix + key, tensor));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = FormatVersion,
            [EpochKey] = epoch.ToString(CultureInfo.InvariantCulture),
            [StepKey] = step.ToString(CultureInfo.InvariantCulture),
        };
        if (optimizer is not null)
        {
            metadata[OptimizerKey] = optimizer.GetType().Name;
            foreach (var (key, tensor) in optimizer.StateDict()) tensors.Add(new(OptimizerPrefix + key, tensor.Contiguous()));
        }
        if (scheduler is not null)
        {
            metadata[SchedulerKey] = scheduler.GetType().Name;
            foreach (var (key, tensor) in scheduler.StateDict()) tensors.Add(new(SchedulerPrefix + key, tensor.Contiguous()));
        }
        if (generator is not null) metadata[GeneratorKey] = CheckpointGeneratorState.Encode(generator);
        if (extra is not null)
            foreach (var (key, value) in extra) metadata[key] = value;

        // Lay the file out before touching the disk, so bad input leaves no trace.
        var writer = SafeTensorsWriter.Prepare(tensors, metadata);
        AtomicFile.Write(path, stream => writer.WriteTo(streamFilter is null ? stream : streamFilter(stream)));
    }

    /// <summary>
    /// Restores a checkpoint into objects built in code: the model's parameters and buffers (strictly: every
    /// key must match), then the optimizer's state, the schedule's position (which sets the learning rates)
    /// and the generator's state. Pass null for a part you do not want restored, e.g. every part but the
    /// model to evaluate it. The model's mode is left as it was.
    /// </summary>
    /// <returns>The epoch, step and extra strings given to <see cref="Save"/>.</returns>
    /// <remarks>
    /// The file is read and its metadata checked before anything changes, and each part checks its whole
    /// state before applying it; but if a later part does not fit (an optimizer over other parameters),
    /// the parts before it are already restored.
    /// </remarks>
    /// <exception cref="ModelFormatException">The file is not a checkpoint, or its metadata is malformed.</exception>
    /// <exception cref="StateDictMismatchException">The model's state does not fit <paramref name="model"/>; the message names the file and every key.</exception>
    /// <exception cref="ArgumentException">
    /// A part was asked for that the checkpoint does not hold, or was saved from another type, or its state does
    /// not fit (another number of parameters or groups).
    /// </exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public static CheckpointInfo Load(string path, Module model, Optimizer? optimizer = null, LRScheduler? scheduler = null, Generator? generator = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        var file = SafeTensors.Read(path);
        var metadata = file.Metadata;
        var info = ReadInfo(metadata, path);

        foreach (var key in file.Tensors.Keys)
            if (!key.StartsWith(ModelPrefix, StringComparison.Ordinal) && !key.StartsWith(OptimizerPrefix, StringComparison.Ordinal) &&
                !key.StartsWith(SchedulerPrefix, StringComparison.Ordinal))
                throw new ModelFormatException(path, null,
                    $"the tensor '{key}' belongs to no part of a checkpoint (its names start with \"{ModelPrefix}\", \"{OptimizerPrefix}\" or \"{SchedulerPrefix}\").");
        if (optimizer is not null) CheckPart(metadata, OptimizerKey, optimizer.GetType().Name, "optimizer", path);
        if (scheduler is not null) CheckPart(metadata, SchedulerKey, scheduler.GetType().Name, "scheduler", path);
        ulong[]? generatorState = null;
        if (generator is not null)
        {
            if (!metadata.TryGetValue(GeneratorKey, out var text))
                throw new ArgumentException($"Checkpoint.Load: '{path}' holds no generator state (it was saved without a generator); pass null for the generator.", nameof(generator));
            generatorState = CheckpointGeneratorState.Decode(text, path, GeneratorKey);
        }

        try
        {
            model.LoadStateDict(Part(file.Tensors, ModelPrefix), strict: true);
        }
        catch (StateDictMismatchException e)
        {
            throw new StateDictMismatchException($"{model.GetType().Name} from checkpoint '{path}'", e.MissingKeys, e.UnexpectedKeys, e.ShapeMismatches);
        }
        if (optimizer is not null)
            Restore(() => optimizer.LoadStateDict(Part(file.Tensors, OptimizerPrefix)), "optimizer", path, nameof(optimizer));
        if (scheduler is not null)
            Restore(() => scheduler.LoadStateDict(Part(file.Tensors, SchedulerPrefix)), "scheduler", path, nameof(scheduler));
        if (generator is not null) generator.SetState(generatorState!);
        return info;
    }

    /// <summary>The epoch, step and extra strings of a checkpoint, from its header alone (nothing is restored).</summary>
    /// <exception cref="ModelFormatException">The file is not a checkpoint, or its metadata is malformed.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public static CheckpointInfo ReadInfo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadInfo(SafeTensors.ReadHeader(path).Metadata, path);
    }

    /// <summary>The tensors whose names start with <paramref name="prefix"/>, with the prefix removed.</summary>
    internal static Dictionary<string, Tensor> Part(IReadOnlyDictionary<string, Tensor> tensors, string prefix)
    {
        var part = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in tensors)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) part[key[prefix.Length..]] = tensor;
        return part;
    }

    static CheckpointInfo ReadInfo(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(FormatKey, out var version))
            throw new ModelFormatException(path, null,
                $"the file is not a Myelin checkpoint (its metadata has no \"{FormatKey}\" entry)" +
                (metadata.ContainsKey(Model.DescriptionKey) ? "; it is a model file: load it with Model.Load." : "."));
        if (version != FormatVersion)
            throw new ModelFormatException(path, null,
                $"the checkpoint has format version \"{version}\", but this version of Myelin reads version {FormatVersion}.");
        long epoch = ReadNumber(metadata, EpochKey, int.MaxValue, path);
        long step = ReadNumber(metadata, StepKey, long.MaxValue, path);
        return new CheckpointInfo((int)epoch, step, Model.UserEntries(metadata));
    }

    static long ReadNumber(IReadOnlyDictionary<string, string> metadata, string key, long max, string path)
    {
        if (!metadata.TryGetValue(key, out var text))
            throw new ModelFormatException(path, null, $"the checkpoint's metadata has no \"{key}\" entry.");
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > max)
            throw new ModelFormatException(path, null, $"the metadata entry \"{key}\" must be an integer from 0 to {max}, got \"{text}\".");
        return value;
    }

    static void CheckPart(IReadOnlyDictionary<string, string> metadata, string key, string typeName, string part, string path)
    {
        if (!metadata.TryGetValue(key, out var saved))
            throw new ArgumentException($"Checkpoint.Load: '{path}' holds no {part} state (it was saved without one); pass null for the {part}.", part);
        if (saved != typeName)
            throw new ArgumentException($"Checkpoint.Load: '{path}' holds {part} state saved from {saved}; it cannot be loaded into {typeName}.", part);
    }

    static void Restore(Action load, string part, string path, string parameterName)
    {
        try
        {
            load();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Checkpoint.Load: the {part} state in '{path}' does not fit: {e.Message}", parameterName, e);
        }
    }
}
