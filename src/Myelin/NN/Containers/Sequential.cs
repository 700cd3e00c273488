using System.Collections;

namespace Myelin.NN;

/// <summary>
/// Runs its modules one after another, each on the previous one's output. The children are named
/// "0", "1", … in the state dict, as in PyTorch.
/// </summary>
/// <remarks>Shape: input — whatever the first module takes; output — whatever the last module gives.</remarks>
/// <example><code>
/// var model = new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
/// </code></example>
public sealed class Sequential : Module, IEnumerable<Module>
{
    readonly List<Module> modules = [];

    /// <summary>Creates the chain from <paramref name="modules"/>, in order.</summary>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules) Add(module);
    }

    /// <summary>Appends <paramref name="module"/> (named by its position) and returns this container.</summary>
    public Sequential Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module, nameof(module));
        modules.Add(Register(modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    /// <summary>The module at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0 … Count−1.</exception>
    public Module this[int index] => index >= 0 && index < modules.Count
        ? modules[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"Sequential: index {index} is out of range for {modules.Count} modules.");

    /// <summary>The number of modules.</summary>
    public int Count => modules.Count;

    /// <summary>Passes <paramref name="input"/> through every module in order (an empty Sequential returns it unchanged).</summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var module in modules) x = RecordOutput(module, module.Forward(x));
        return RecordOutput(x);
    }

    /// <summary>The modules in order.</summary>
    public IEnumerator<Module> GetEnumerator() => modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
