using System.Collections;

namespace Myelin.NN;

/// <summary>
/// Modules by name, kept in insertion order; each key becomes the child's name in the state dict
/// ("encoder.weight"). Like <see cref="ModuleList"/> it has no forward pass of its own.
/// </summary>
public sealed class ModuleDict : Module, IEnumerable<KeyValuePair<string, Module>>
{
    readonly OrderedDictionary<string, Module> modules = new(StringComparer.Ordinal);

    /// <summary>Creates an empty dictionary.</summary>
    public ModuleDict() { }

    /// <summary>Creates the dictionary from <paramref name="modules"/>, in order.</summary>
    public ModuleDict(IEnumerable<KeyValuePair<string, Module>> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (key, module) in modules) Add(key, module);
    }

    /// <summary>Adds <paramref name="module"/> under <paramref name="key"/> and returns this dictionary.</summary>
    /// <exception cref="ArgumentException">The key is empty, contains '.', or is already present.</exception>
    public ModuleDict Add(string key, Module module)
    {
        ArgumentNullException.ThrowIfNull(module, nameof(module));
        modules.Add(key, Register(key, module));
        return this;
    }

    /// <summary>The module stored under <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No module has that key.</exception>
    public Module this[string key] => modules.TryGetValue(key, out var module)
        ? module
        : throw new KeyNotFoundException($"ModuleDict: no module named '{key}' (keys: {string.Join(", ", modules.Keys)}).");

    /// <summary>True when a module is stored under <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => modules.ContainsKey(key);

    /// <summary>The keys in insertion order.</summary>
    public IEnumerable<string> Keys => modules.Keys;

    /// <summary>The number of modules.</summary>
    public int Count => modules.Count;

    /// <summary>Not supported: a ModuleDict only holds modules.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override Tensor Forward(Tensor input) => throw new NotSupportedException(
        "ModuleDict has no Forward: look modules up by key in the owning module's Forward (dict[\"encoder\"].Forward(x)).");

    /// <summary>The key–module pairs in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, Module>> GetEnumerator() => modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
