namespace Myelin.NN;

public abstract partial class Module
{
    /// <summary>
    /// Every parameter and buffer of this module and its descendants by dotted name, in PyTorch's
    /// order (each module's parameters, then its buffers, then its children), with PyTorch's key names.
    /// </summary>
    /// <remarks>
    /// The values are detached views that share memory with the module: they change when the model
    /// trains. Clone them to keep a snapshot. A tensor shared by two layers appears under both names,
    /// as in PyTorch.
    /// </remarks>
    public Dictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in StateEntries()) result[key] = tensor.Detach();
        return result;
    }

    /// <summary>The live parameter and buffer tensors by state-dict key (including repeats of shared tensors).</summary>
    IEnumerable<(string Key, Tensor Tensor)> StateEntries()
    {
        return Walk(this, "");

        static IEnumerable<(string, Tensor)> Walk(Module module, string prefix)
        {
            foreach (var (name, parameter) in module.parameters) yield return (Join(prefix, name), parameter);
            foreach (var (name, buffer) in module.buffers) yield return (Join(prefix, name), buffer);
            foreach (var (name, child) in module.children)
                foreach (var entry in Walk(child, Join(prefix, name)))
                    yield return entry;
        }
    }

    /// <summary>
    /// Copies the values of <paramref name="stateDict"/> into this module's parameters and buffers, in
    /// place (converting the dtype where it differs). Nothing is changed unless every shape matches.
    /// </summary>
    /// <param name="stateDict">Tensors by state-dict key, e.g. from <see cref="StateDict"/> or a safetensors file.</param>
    /// <param name="strict">
    /// When true (the default), keys this module expects but the dictionary lacks, and keys the
    /// dictionary has but this module does not expect, are an error. When false they are skipped and
    /// listed in the result.
    /// </param>
    /// <returns>The missing and unexpected keys (both empty after a strict load).</returns>
    /// <exception cref="ArgumentException">A value is null.</exception>
    /// <exception cref="StateDictMismatchException">
    /// A tensor's shape differs from the module's (always), or keys are missing or unexpected (when
    /// <paramref name="strict"/>). The message names every offending key and both shapes.
    /// </exception>
    public LoadStateDictResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var expected = StateEntries().ToList();
        var expectedKeys = new HashSet<string>(expected.Select(e => e.Key), StringComparer.Ordinal);
        var missing = expected.Where(e => !stateDict.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var unexpected = stateDict.Keys.Where(k => !expectedKeys.Contains(k)).ToList();
        var shapeErrors = new List<string>();
        foreach (var (key, target) in expected)
        {
            if (!stateDict.TryGetValue(key, out var source)) continue;
            if (source is null)
                throw new ArgumentException($"LoadStateDict: the value for key '{key}' is null.", nameof(stateDict));
            if (!source.Shape.SequenceEqual(target.Shape))
                shapeErrors.Add($"{key}: copying a tensor of shape {FormatShape(source.Shape)} into a tensor of shape {FormatShape(target.Shape)}");
        }

        if (shapeErrors.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
            throw new StateDictMismatchException(GetType().Name,
                strict ? missing : [], strict ? unexpected : [], shapeErrors);

        using (Autograd.NoGrad())
        {
            foreach (var (key, target) in expected)
                if (stateDict.TryGetValue(key, out var source))
                    target.CopyFrom(source);
        }
        return new LoadStateDictResult(missing, unexpected);
    }
}
