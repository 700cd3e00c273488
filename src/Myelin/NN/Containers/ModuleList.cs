using System.Collections;

namespace Myelin.NN;

/// <summary>
/// A list of modules whose parameters belong to the owner (named "0", "1", … in the state dict).
/// Unlike <see cref="Sequential"/> it has no forward pass of its own: the owning module iterates over
/// it in its <see cref="Module.Forward"/>.
/// </summary>
/// <example><code>
/// layers = Register("layers", new ModuleList(new Linear(8, 8), new Linear(8, 8)));
/// foreach (var layer in layers) x = F.ReLU(layer.Forward(x));
/// </code></example>
public sealed class ModuleList : Module, IEnumerable<Module>
{
    readonly List<Module> modules = [];

    /// <summary>Creates the list from <paramref name="modules"/>, in order.</summary>
    public ModuleList(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules) Add(module);
    }

    /// <summary>Appends <paramref name="module"/> (named by its position) and returns this list.</summary>
    public ModuleList Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module, nameof(module));
        modules.Add(Register(modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    /// <summary>The module at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0 … Count−1.</exception>
    public Module this[int index] => index >= 0 && index < modules.Count
        ? modules[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"ModuleList: index {index} is out of range for {modules.Count} modules.");

    /// <summary>The number of modules.</summary>
    public int Count => modules.Count;

    /// <summary>Not supported: a ModuleList only holds modules.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override Tensor Forward(Tensor input) => throw new NotSupportedException(
        "ModuleList has no Forward: iterate over it in the owning module's Forward (foreach (var layer in list) x = layer.Forward(x);), " +
        "or use Sequential to chain the modules.");

    /// <summary>The modules in order.</summary>
    public IEnumerator<Module> GetEnumerator() => modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
