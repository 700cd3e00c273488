using Myelin.NN;

namespace Myelin.Vision;

/// <summary>
/// Captures what the layers inside a model compute: the output of each named submodule for one input, to
/// look at (with <see cref="ImageGrid"/> and <see cref="ImageWriter"/>) or to measure.
/// </summary>
/// <remarks>
/// <para>
/// Layers are named as in <see cref="Module.NamedModules"/> and the state dict: "0", "3" for the layers of a
/// <see cref="Sequential"/>, "features.2" inside nested ones, "" for the whole model. The model runs once:
/// every <see cref="Sequential"/> on the way to a requested layer is run step by step, one child after the
/// other, exactly as its own Forward would, and the outputs of the requested layers are kept. Other modules
/// run their own Forward, so a layer inside a custom module (whose Forward is its own code) cannot be
/// captured separately; capture the custom module itself, or build the part you want to see from Sequential.
/// </para>
/// <para>
/// Capture neither switches modes nor the gradient recording: call <c>model.Eval()</c> first so dropout and
/// batch normalisation behave as in use, and wrap the call in <see cref="Autograd.NoGrad"/> when no gradient
/// is needed. With gradients recorded the captured tensors are part of the graph, so a gradient with respect
/// to an inner activation (a saliency map, say) can be taken with <c>Autograd.Grad</c>.
/// </para>
/// </remarks>
/// <example><code>
/// model.Eval();
/// using (Autograd.NoGrad())
/// {
///     var maps = FeatureMaps.Capture(model, images, "1", "4");   // after the first and second ReLU
///     Tensor first = maps["1"];                                   // [N, 32, 28, 28]
/// }
/// </code></example>
public static class FeatureMaps
{
    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="input"/> and returns the output of each submodule named
    /// in <paramref name="layerNames"/>, in the order given.
    /// Shape: whatever each layer gives for this input (for a convolution [N, C, H, W]).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="input">What the model's Forward takes.</param>
    /// <param name="layerNames">Dotted submodule names, as in <see cref="Module.NamedModules"/>; "" is the model's output.</param>
    /// <returns>The outputs by layer name.</returns>
    /// <exception cref="ArgumentException">No name given, or a name is not a submodule of the model (the message lists the names it has).</exception>
    /// <exception cref="InvalidOperationException">A named layer is inside a module that is not a <see cref="Sequential"/>, so its output cannot be taken apart from its parent's Forward.</exception>
    public static IReadOnlyDictionary<string, Tensor> Capture(Module model, Tensor input, params string[] layerNames)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layerNames);
        var known = model.NamedModules().ToDictionary(m => m.Name, m => m.Module, StringComparer.Ordinal);
        if (layerNames.Length == 0)
            throw new ArgumentException($"FeatureMaps.Capture: name at least one layer; the model's layers are {List(known)}.", nameof(layerNames));
        foreach (var name in layerNames)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(layerNames));
            if (!known.ContainsKey(name))
                throw new ArgumentException(
                    $"FeatureMaps.Capture: the model has no layer named '{name}'; its layers are {List(known)}.", nameof(layerNames));
        }

        var wanted = new HashSet<string>(layerNames, StringComparer.Ordinal);
        var captured = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        Run(model, "", input, wanted, captured);

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in layerNames) result[name] = captured[name];
        return result;
    }

    /// <summary>
    /// Runs <paramref name="module"/> (named <paramref name="path"/>), keeping the outputs of the wanted
    /// modules; a Sequential with a wanted module inside it is run child by child.
    /// </summary>
    static Tensor Run(Module module, string path, Tensor input, HashSet<string> wanted, Dictionary<string, Tensor> captured)
    {
        Tensor output;
        if (wanted.Any(name => IsInside(name, path)))
        {
            if (module is not Sequential sequential)
            {
                string inner = wanted.First(name => IsInside(name, path));
                throw new InvalidOperationException(
                    $"FeatureMaps.Capture: cannot capture '{inner}': it is inside '{path}' ({module.GetType().Name}), whose Forward is its own code; " +
                    $"only the layers of a Sequential are run one by one. Capture '{path}' instead, or build that part of the model from Sequential.");
            }
            output = input;
            foreach (var (name, child) in sequential.NamedChildren())
                output = Run(child, Join(path, name), output, wanted, captured);
        }
        else
        {
            output = module.Forward(input);
        }
        if (wanted.Contains(path)) captured[path] = output;
        return output;
    }

    /// <summary>True when <paramref name="name"/> is a strict descendant of the module at <paramref name="path"/>.</summary>
    static bool IsInside(string name, string path) =>
        path.Length == 0 ? name.Length > 0 : name.Length > path.Length && name.StartsWith(path, StringComparison.Ordinal) && name[path.Length] == '.';

    static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    static string List(Dictionary<string, Module> known)
    {
        var names = known.Where(k => k.Key.Length > 0).Select(k => $"'{k.Key}' ({k.Value.GetType().Name})").ToList();
        return names.Count == 0 ? "none besides the model itself ('')" : string.Join(", ", names);
    }
}
