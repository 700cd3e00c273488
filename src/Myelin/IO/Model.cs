using Myelin.NN;

namespace Myelin.IO;

/// <summary>
/// Model files: one safetensors file holding a model's weights under its state-dict keys (the keys
/// PyTorch uses) and, in its metadata, the <see cref="ModelDescription"/> of its architecture, so that
/// <see cref="Load"/> rebuilds the model without its code.
/// </summary>
/// <remarks>
/// <code>
/// Model.Save(model, "iris.safetensors", new Dictionary&lt;string, string&gt; { ["classes"] = "setosa,versicolor,virginica" });
/// Module restored = Model.Load("iris.safetensors");            // in evaluation mode
/// string classes = Model.LoadMetadata("iris.safetensors")["classes"];
/// </code>
/// <para>
/// The file is ordinary safetensors: PyTorch reads its weights with
/// <c>model.load_state_dict(safetensors.torch.load_file(path))</c>, and Hugging Face tools list it. The
/// description is the metadata entry <see cref="DescriptionKey"/>; the entry "format" is "pt" unless
/// given. Metadata keys starting with "myelin." are reserved.
/// </para>
/// </remarks>
public static class Model
{
    /// <summary>The metadata key under which the model description's JSON is stored.</summary>
    public const string DescriptionKey = "myelin.model";

    /// <summary>The prefix of the metadata keys the library uses; user metadata may not start with it.</summary>
    public const string ReservedMetadataPrefix = "myelin.";

    /// <summary>
    /// Writes the weights and the architecture of <paramref name="model"/> to one safetensors file,
    /// atomically: the file is replaced only once the new contents are complete (see <see cref="AtomicFile"/>).
    /// </summary>
    /// <param name="model">A model built from layer types that <see cref="ModelDescription"/> knows.</param>
    /// <param name="path">The file to create or replace; by convention it ends in ".safetensors".</param>
    /// <param name="metadata">
    /// Strings to keep with the model, such as class names, the task, or a scaler's state as JSON; read
    /// them back with <see cref="LoadMetadata"/>.
    /// </param>
    /// <exception cref="NotSupportedException">The model contains a layer type that cannot be described; the message names it.</exception>
    /// <exception cref="ArgumentException">A metadata key starts with "myelin.", or a key or value is null.</exception>
    public static void Save(Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var description = ModelDescription.FromModule(model);
        SafeTensors.Save(path, WeightsOf(model), MetadataWith(description, metadata));
    }

    /// <summary>
    /// Rebuilds the model stored in <paramref name="path"/> from its description, loads its weights (every
    /// tensor must fit) and returns it in evaluation mode.
    /// </summary>
    /// <exception cref="ModelFormatException">
    /// The file has no model description (it was written by PyTorch, or from a state dict: build the
    /// architecture in code and use <see cref="ModelFileExtensions.LoadWeights"/>), the description is
    /// invalid, or the weights do not fit it.
    /// </exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public static Module Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafeTensors.Read(path);
        var description = DescriptionIn(file.Metadata, path);
        Module model;
        try
        {
            // The weights replace the initial values at once; a private generator leaves Generator.Default alone.
            model = description.Build(new Generator(0));
        }
        catch (ModelFormatException e)
        {
            throw e.InFile(path);
        }
        try
        {
            model.LoadStateDict(file.Tensors, strict: true);
        }
        catch (StateDictMismatchException e)
        {
            throw new ModelFormatException(path, null, "the weights do not fit the model description. " + e.Message, e);
        }
        model.Eval();
        return model;
    }

    /// <summary>
    /// The metadata stored with a model: what was given to <see cref="Save"/> (and "format"), without the
    /// library's own "myelin." entries. Reads the header only.
    /// </summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public static IReadOnlyDictionary<string, string> LoadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return UserEntries(SafeTensors.ReadHeader(path).Metadata);
    }

    /// <summary>The architecture stored in a model file, without loading its weights. Reads the header only.</summary>
    /// <exception cref="ModelFormatException">The file has no description, or its header is invalid.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public static ModelDescription LoadDescription(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return DescriptionIn(SafeTensors.ReadHeader(path).Metadata, path);
    }

    /// <summary>The state dict with every tensor contiguous, as safetensors requires.</summary>
    internal static IEnumerable<KeyValuePair<string, Tensor>> WeightsOf(Module model) =>
        model.StateDict().Select(entry => KeyValuePair.Create(entry.Key, entry.Value.Contiguous()));

    /// <summary>The metadata entries not reserved by the library.</summary>
    internal static Dictionary<string, string> UserEntries(IReadOnlyDictionary<string, string> metadata) =>
        metadata.Where(entry => !entry.Key.StartsWith(ReservedMetadataPrefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    /// <summary>Checks that no user key is reserved or null.</summary>
    /// <exception cref="ArgumentException">A key starts with "myelin.", or a key or value is null.</exception>
    internal static void CheckUserMetadata(IReadOnlyDictionary<string, string>? metadata, string context, string parameterName)
    {
        if (metadata is null) return;
        foreach (var (key, value) in metadata)
        {
            if (key is null || value is null)
                throw new ArgumentException($"{context}: metadata entry '{key}' has a null key or value.", parameterName);
            if (key.StartsWith(ReservedMetadataPrefix, StringComparison.Ordinal))
                throw new ArgumentException(
                    $"{context}: the metadata key '{key}' starts with \"{ReservedMetadataPrefix}\", which is reserved for the library's own entries.",
                    parameterName);
        }
    }

    internal static Dictionary<string, string> MetadataWith(ModelDescription description, IReadOnlyDictionary<string, string>? metadata)
    {
        CheckUserMetadata(metadata, "Model.Save", nameof(metadata));
        // "format": "pt" tells Hugging Face tools the tensors are PyTorch-style.
        var result = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" };
        if (metadata is not null)
            foreach (var (key, value) in metadata) result[key] = value;
        result[DescriptionKey] = description.ToJson();
        return result;
    }

    static ModelDescription DescriptionIn(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(DescriptionKey, out var json))
        {
            if (metadata.ContainsKey(Checkpoint.FormatKey))
                throw new ModelFormatException(path, null,
                    "the file is a training checkpoint, not a model file. Build the model in code and restore it with " +
                    "Checkpoint.Load(path, model, …), or read its weights alone with model.LoadWeights(path).");
            throw new ModelFormatException(path, null,
                $"the file holds weights but no model description (no \"{DescriptionKey}\" entry in its metadata), " +
                "as files written by PyTorch or saved from a state dict do. Build the architecture in code and load the " +
                "weights into it: model.LoadWeights(path), or model.LoadStateDict(SafeTensors.Load(path)).");
        }
        try
        {
            return ModelDescription.FromJson(json);
        }
        catch (ModelFormatException e)
        {
            throw e.InFile(path);
        }
    }
}
