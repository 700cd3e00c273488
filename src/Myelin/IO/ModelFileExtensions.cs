using Myelin.NN;

namespace Myelin.IO;

/// <summary>
/// Saving and loading a module's weights in one call: <c>model.Save(path)</c> and
/// <c>model.LoadWeights(path)</c>.
/// </summary>
public static class ModelFileExtensions
{
    /// <summary>
    /// Writes <paramref name="module"/>'s state dict to a safetensors file, atomically. When every layer
    /// of the module can be described (see <see cref="ModelDescription"/>) the file also holds the
    /// architecture, exactly as <see cref="Model.Save"/> writes it, so <see cref="Model.Load"/> can rebuild
    /// it; a custom module is saved as weights alone, to be loaded with <see cref="LoadWeights"/>.
    /// </summary>
    /// <param name="module">The model to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="metadata">Strings to keep with the weights (see <see cref="Model.LoadMetadata"/>).</param>
    /// <exception cref="ArgumentException">A metadata key starts with "myelin.", or a key or value is null.</exception>
    public static void Save(this Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (ModelDescription.TryFromModule(module) is { } description)
        {
            SafeTensors.Save(path, Model.WeightsOf(module), Model.MetadataWith(description, metadata));
            return;
        }
        Model.CheckUserMetadata(metadata, "Module.Save", nameof(metadata));
        SafeTensors.Save(path, Model.WeightsOf(module), metadata is { Count: > 0 } ? metadata : null);
    }

    /// <summary>
    /// Copies the weights stored in <paramref name="path"/> into <paramref name="module"/>, in place: a
    /// model file from <see cref="Model.Save"/> or <see cref="Save"/>, a state dict saved by PyTorch with
    /// <c>safetensors.torch.save_file(model.state_dict(), path)</c>, or the model part of a
    /// <see cref="Checkpoint"/>. The architecture must already match; the stored description, if any, is
    /// not used. The module's mode (training or evaluation) is left as it was.
    /// </summary>
    /// <param name="module">The model to load into, built in code.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="strict">When true (the default), missing and unexpected keys are an error; when false they are skipped and listed in the result.</param>
    /// <returns>The missing and unexpected keys (both empty after a strict load).</returns>
    /// <exception cref="StateDictMismatchException">A shape differs, or (when strict) keys are missing or unexpected; the message names the file and every key.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public static LoadStateDictResult LoadWeights(this Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafeTensors.Read(path);
        IReadOnlyDictionary<string, Tensor> weights = file.Metadata.ContainsKey(Checkpoint.FormatKey)
            ? Checkpoint.Part(file.Tensors, Checkpoint.ModelPrefix)
            : file.Tensors;
        try
        {
            return module.LoadStateDict(weights, strict);
        }
        catch (StateDictMismatchException e)
        {
            throw new StateDictMismatchException($"{module.GetType().Name} from '{path}'", e.MissingKeys, e.UnexpectedKeys, e.ShapeMismatches);
        }
    }
}
