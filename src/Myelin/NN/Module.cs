namespace Myelin.NN;

/// <summary>
/// The base of every layer and model: a function <see cref="Forward"/> with named parameters,
/// buffers and child modules.
/// </summary>
/// <remarks>
/// <para>
/// A module registers what it owns explicitly, in its constructor:
/// <see cref="RegisterParameter"/> for trainable tensors (weights, biases),
/// <see cref="RegisterBuffer"/> for state that is saved but not trained (running statistics), and
/// <see cref="Register{T}"/> for child modules. The registration names become the dotted keys of
/// <see cref="NamedParameters"/> and <see cref="StateDict"/> ("conv1.weight", "features.0.bias"),
/// the same keys PyTorch uses, so weight files move between the two.
/// </para>
/// <para>
/// Parameters are plain <see cref="Tensor"/>s with <see cref="Tensor.RequiresGrad"/> set; there is
/// no separate parameter type.
/// </para>
/// </remarks>
public abstract partial class Module
{
    readonly OrderedDictionary<string, Tensor> parameters = new(StringComparer.Ordinal);
    readonly OrderedDictionary<string, Tensor> buffers = new(StringComparer.Ordinal);
    readonly OrderedDictionary<string, Module> children = new(StringComparer.Ordinal);

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output for <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>
    /// Registers <paramref name="module"/> as a child named <paramref name="name"/> and returns it, so a
    /// constructor can write <c>fc = Register("fc", new Linear(64, 10));</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is already taken.</exception>
    protected T Register<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        if (ReferenceEquals(module, this))
            throw new ArgumentException($"{GetType().Name}: a module cannot be registered as its own child ('{name}').");
        CheckNewName(name, "child module");
        children.Add(name, module);
        return module;
    }

    /// <summary>
    /// Registers <paramref name="value"/> as a trainable parameter named <paramref name="name"/>, sets its
    /// <see cref="Tensor.RequiresGrad"/> and returns it.
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid or taken, the tensor is not a leaf, or it is not floating-point.</exception>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckNewName(name, "parameter");
        CheckParameterTensor(name, value);
        value.RequiresGrad = true;
        parameters.Add(name, value);
        return value;
    }

    /// <summary>
    /// Registers <paramref name="value"/> as a buffer named <paramref name="name"/>: state that belongs to the
    /// module and is saved in <see cref="StateDict"/>, but is not trained (not in <see cref="Parameters"/>).
    /// Returns it.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is already taken.</exception>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckNewName(name, "buffer");
        buffers.Add(name, value);
        return value;
    }

    /// <summary>
    /// Replaces the registered parameter <paramref name="name"/> with <paramref name="value"/> (same shape),
    /// e.g. to share one weight between two layers. Returns the new parameter.
    /// </summary>
    /// <exception cref="ArgumentException">No such parameter, or the shape differs.</exception>
    protected Tensor ReplaceParameter(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!parameters.TryGetValue(name, out var current))
            throw new ArgumentException($"{GetType().Name}: there is no parameter named '{name}' to replace.");
        if (!current.Shape.SequenceEqual(value.Shape))
            throw new ArgumentException(
                $"{GetType().Name}: parameter '{name}' has shape {FormatShape(current.Shape)}, the replacement has shape {FormatShape(value.Shape)}.");
        CheckParameterTensor(name, value);
        value.RequiresGrad = true;
        parameters[name] = value;
        return value;
    }

    void CheckNewName(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException($"{GetType().Name}: a {kind} name cannot be empty.");
        if (name.Contains('.'))
            throw new ArgumentException($"{GetType().Name}: the {kind} name '{name}' contains '.', which separates names in state-dict keys.");
        if (parameters.ContainsKey(name) || buffers.ContainsKey(name) || children.ContainsKey(name))
            throw new ArgumentException($"{GetType().Name}: the name '{name}' is already registered.");
    }

    void CheckParameterTensor(string name, Tensor value)
    {
        if (!value.IsLeaf)
            throw new ArgumentException(
                $"{GetType().Name}: parameter '{name}' must be a leaf tensor (not the result of an operation); use Detach() or Clone().Detach().");
        if (!value.DType.IsFloatingPoint())
            throw new ArgumentException($"{GetType().Name}: parameter '{name}' must be Float32 or Float64, got {value.DType}.");
    }

    /// <summary>The direct children with their registration names, in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        foreach (var (name, child) in children) yield return (name, child);
    }

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<Module> Children() => NamedChildren().Select(c => c.Module);

    /// <summary>
    /// This module and every descendant, depth first, with dotted names ("" for this module,
    /// then "features", "features.0", …). A module reachable twice is listed once.
    /// </summary>
    public IEnumerable<(string Name, Module Module)> NamedModules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return Walk(this, "", seen);

        static IEnumerable<(string, Module)> Walk(Module module, string prefix, HashSet<Module> seen)
        {
            if (!seen.Add(module)) yield break;
            yield return (prefix, module);
            foreach (var (name, child) in module.children)
                foreach (var entry in Walk(child, Join(prefix, name), seen))
                    yield return entry;
        }
    }

    /// <summary>This module and every descendant, depth first.</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    /// <summary>
    /// Every parameter of this module and its descendants with its dotted name ("0.weight",
    /// "conv1.bias"), in registration order. A tensor shared by two layers is listed once, under its
    /// first name.
    /// </summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
            foreach (var (name, parameter) in module.parameters)
                if (seen.Add(parameter))
                    yield return (Join(prefix, name), parameter);
    }

    /// <summary>Every parameter of this module and its descendants (each tensor once), e.g. for an optimizer.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every buffer of this module and its descendants with its dotted name ("1.running_mean").</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
            foreach (var (name, buffer) in module.buffers)
                if (seen.Add(buffer))
                    yield return (Join(prefix, name), buffer);
    }

    /// <summary>Every buffer of this module and its descendants.</summary>
    public IEnumerable<Tensor> Buffers() => NamedBuffers().Select(b => b.Buffer);

    /// <summary>The total number of parameter elements (shared tensors counted once).</summary>
    public long NumParameters() => Parameters().Sum(p => (long)p.NumElements);

    /// <summary>
    /// Sets training mode (<paramref name="mode"/> true) or evaluation mode on this module and every
    /// descendant. Dropout and batch normalisation behave differently in the two. Returns this module.
    /// </summary>
    public Module Train(bool mode = true)
    {
        foreach (var module in Modules()) module.IsTraining = mode;
        return this;
    }

    /// <summary>Switches this module and every descendant to evaluation mode; same as <c>Train(false)</c>.</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradient of every parameter (sets <see cref="Tensor.Grad"/> to null).</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters()) parameter.Grad = null;
    }

    /// <summary>Calls <paramref name="action"/> on this module and every descendant, e.g. to initialise weights. Returns this module.</summary>
    public Module Apply(Action<Module> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var module in Modules()) action(module);
        return this;
    }

    /// <summary>This module's own parameters (not its children's), by registration name.</summary>
    internal IEnumerable<KeyValuePair<string, Tensor>> OwnParameters => parameters;

    static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    internal static string FormatShape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";
}
