namespace Myelin.Optim;

/// <summary>
/// The base of all optimizers: holds the parameters in <see cref="ParameterGroups"/>, each
/// parameter's <see cref="ParameterState"/>, and updates the parameters in place from their
/// gradients on every <see cref="Step"/>.
/// </summary>
/// <remarks>
/// <para>The training loop is <c>ZeroGrad(); loss.Backward(); Step();</c>. A parameter whose
/// <see cref="Tensor.Grad"/> is null is skipped by that step (its state does not advance), as in
/// PyTorch. Float32 and Float64 parameters are supported; a gradient of another floating type is
/// converted.</para>
/// <para>Parameters are numbered in group order, then in the order of each group's parameters;
/// <see cref="StateDict"/> uses those numbers (<c>"state.3.exp_avg"</c>), so a state dict fits any
/// optimizer of the same kind built over the same parameters in the same order.</para>
/// <para>A subclass passes its default options to the constructor, checks options in
/// <see cref="ValidateOptions"/>, creates per-parameter buffers in <see cref="InitializeState"/>
/// and applies its rule in <see cref="Update"/>.</para>
/// </remarks>
public abstract class Optimizer
{
    readonly KeyValuePair<string, double>[] defaults;
    readonly List<ParameterGroup> groups = [];
    readonly List<Tensor> parameters = [];
    readonly List<int> groupOfParameter = [];
    readonly Dictionary<Tensor, int> indexOfParameter = new(ReferenceEqualityComparer.Instance);
    ParameterState?[] states = [];

    /// <summary>Reusable work arrays for the update rules.</summary>
    internal ScratchBuffers Scratch { get; } = new();

    /// <summary>
    /// Creates an optimizer over <paramref name="parameterGroups"/>; options a group leaves unset
    /// take the values in <paramref name="defaults"/>, which also lists every option this optimizer
    /// understands (by state-dict name, e.g. <c>"lr"</c>).
    /// </summary>
    /// <exception cref="ArgumentException">No parameters, a parameter given twice, a parameter that is not a floating-point leaf, an unknown or invalid option.</exception>
    protected Optimizer(IEnumerable<ParameterGroup> parameterGroups, IEnumerable<KeyValuePair<string, double>> defaults)
    {
        ArgumentNullException.ThrowIfNull(parameterGroups);
        ArgumentNullException.ThrowIfNull(defaults);
        this.defaults = defaults.ToArray();
        if (Array.FindIndex(this.defaults, d => d.Key == ParameterGroup.LearningRateKey) < 0)
            throw new ArgumentException($"{Name}: the defaults must include the learning rate 'lr'.", nameof(defaults));

        var defaultsGroup = new ParameterGroup([]);
        foreach (var (name, value) in this.defaults) defaultsGroup[name] = value;
        ValidateOptions(defaultsGroup, Name);

        foreach (var group in parameterGroups) AddParameterGroup(group);
        if (parameters.Count == 0)
            throw new ArgumentException($"{Name}: got an empty parameter list; pass the parameters to optimize (e.g. model.Parameters()).", nameof(parameterGroups));
    }

    /// <summary>The optimizer's name, used in error messages.</summary>
    protected string Name => GetType().Name;

    /// <summary>The default options, by state-dict name, that groups start from.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Defaults => defaults;

    /// <summary>The parameter groups, in order. Their options may be changed between steps.</summary>
    public IReadOnlyList<ParameterGroup> ParameterGroups => groups;

    /// <summary>
    /// The learning rate: reading gives the first group's, writing sets every group's (what a
    /// learning-rate schedule or a manual decay does).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, infinite or NaN value.</exception>
    public double LearningRate
    {
        get => groups[0].Get(ParameterGroup.LearningRateKey);
        set
        {
            if (!(value >= 0 && double.IsFinite(value)))
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{Name}: the learning rate must be a finite number ≥ 0, got {value}.");
            foreach (var group in groups) group.LearningRate = value;
        }
    }

    /// <summary>
    /// Adds a group of parameters (for example layers unfrozen for fine-tuning). Its unset options
    /// take this optimizer's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The group belongs to another optimizer, repeats a parameter, or has an unknown or invalid option.</exception>
    public void AddParameterGroup(ParameterGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        int index = groups.Count;
        string context = $"{Name} (parameter group {index})";
        if (groups.Contains(group) || group.Owner is not null)
            throw new ArgumentException($"{context}: this parameter group already belongs to an optimizer; create a new ParameterGroup.", nameof(group));

        foreach (var (name, _) in group.Options)
            if (name != ParameterGroup.InitialLearningRateKey && Array.FindIndex(defaults, d => d.Key == name) < 0)
                throw new ArgumentException(
                    $"{context}: option '{name}' is not used by {Name} (it uses {string.Join(", ", defaults.Select(d => d.Key))}).",
                    nameof(group));

        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < group.Parameters.Count; i++)
        {
            var p = group.Parameters[i];
            if (!p.DType.IsFloatingPoint())
                throw new ArgumentException($"{context}: parameter {i} is a {p.DType} tensor; only Float32 and Float64 tensors can be optimized.", nameof(group));
            if (!p.IsLeaf)
                throw new ArgumentException($"{context}: parameter {i} (shape {Layout.Format(p.shape)}) is not a leaf tensor; optimize the tensors you created, not results of operations.", nameof(group));
            if (indexOfParameter.ContainsKey(p) || !seen.Add(p))
                throw new ArgumentException($"{context}: parameter {i} (shape {Layout.Format(p.shape)}) appears more than once in this optimizer.", nameof(group));
        }

        // Fill in defaults on a copy first, so a rejected group is left as the caller made it.
        var filled = new ParameterGroup(group.Parameters);
        foreach (var (name, value) in group.Options) filled[name] = value;
        foreach (var (name, value) in defaults) filled[name] ??= value;
        ValidateOptions(filled, context);

        foreach (var (name, value) in defaults) group[name] ??= value;
        group.Owner = this;
        groups.Add(group);
        foreach (var p in group.Parameters)
        {
            indexOfParameter.Add(p, parameters.Count);
            parameters.Add(p);
            groupOfParameter.Add(index);
        }
        Array.Resize(ref states, parameters.Count);
    }

    /// <summary>
    /// Clears the gradients of every parameter: with <paramref name="setToNone"/> (the default) by
    /// setting <see cref="Tensor.Grad"/> to null, which frees them and makes the next step skip
    /// parameters that receive no gradient; otherwise by filling them with zeros.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        using var noGrad = Autograd.NoGrad();
        foreach (var p in parameters)
        {
            if (p.Grad is not { } grad) continue;
            if (setToNone) p.Grad = null;
            else if (grad.IsContiguous) grad.Zero();
            else p.Grad = Tensor.ZerosLike(grad);
        }
    }

    /// <summary>
    /// Updates every parameter that has a gradient, in place, by this optimizer's rule. Runs without
    /// recording a graph.
    /// </summary>
    public void Step()
    {
        using var noGrad = Autograd.NoGrad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (parameter.Grad is not { } grad) continue;
            var group = groups[groupOfParameter[i]];

            // The rules read spans, so they need contiguous tensors of the parameter's type; in
            // practice parameters and gradients already are, and nothing is copied.
            var gradient = grad.DType == parameter.DType ? grad.Contiguous() : grad.To(parameter.DType).Contiguous();
            var target = parameter.IsContiguous ? parameter : parameter.Clone();

            var state = states[i];
            if (state is null)
            {
                state = new ParameterState();
                InitializeState(group, target, state);
                states[i] = state;
            }
            state.Step++;
            Update(group, target, gradient, state);

            if (ReferenceEquals(target, parameter)) parameter.BumpVersion();
            else parameter.CopyFrom(target);
        }
    }

    /// <summary>The state of <paramref name="parameter"/>, or null before its first update.</summary>
    /// <exception cref="ArgumentException">The tensor is not one of this optimizer's parameters.</exception>
    public ParameterState? GetState(Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return indexOfParameter.TryGetValue(parameter, out int index)
            ? states[index]
            : throw new ArgumentException($"{Name}.GetState: the tensor (shape {Layout.Format(parameter.shape)}) is not one of this optimizer's parameters.", nameof(parameter));
    }

    /// <summary>Checks a group's options (all set); throws an <see cref="ArgumentException"/> naming <paramref name="context"/> and the bad value.</summary>
    protected abstract void ValidateOptions(ParameterGroup group, string context);

    /// <summary>Creates the buffers of a parameter's state before its first update.</summary>
    protected abstract void InitializeState(ParameterGroup group, Tensor parameter, ParameterState state);

    /// <summary>
    /// Applies one update to <paramref name="parameter"/> in place. Both tensors are contiguous
    /// and of the same type (Float32 or Float64); <see cref="ParameterState.Step"/> already counts
    /// this update. No graph is recorded.
    /// </summary>
    protected abstract void Update(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state);

    /// <summary>
    /// Everything needed to resume: per parameter <c>state.{i}.step</c> (Int64) and
    /// <c>state.{i}.{buffer}</c> (copies); per group <c>param_groups.{g}.{option}</c> (0-d Float64,
    /// flags as 1 or 0) and <c>param_groups.{g}.params</c> (the parameter numbers, Int64).
    /// Parameters that were never updated have no entries.
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < states.Length; i++)
        {
            if (states[i] is not { } state) continue;
            result[$"state.{i}.step"] = StateDictEntries.Int64(state.Step);
            foreach (var (name, buffer) in state.Buffers)
                result[$"state.{i}.{name}"] = buffer.Detach().Clone();
        }
        int first = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (var (name, value) in groups[g].Options)
                result[$"param_groups.{g}.{name}"] = StateDictEntries.Float64(value);
            var numbers = new long[groups[g].Parameters.Count];
            for (int k = 0; k < numbers.Length; k++) numbers[k] = first + k;
            result[$"param_groups.{g}.params"] = Tensor.FromArray(numbers);
            first += numbers.Length;
        }
        return result;
    }

    /// <summary>
    /// Restores a state from <see cref="StateDict"/>: the groups' options and every parameter's
    /// state, so training continues exactly as if it had not stopped. Nothing changes unless the
    /// whole dict is valid.
    /// </summary>
    /// <exception cref="ArgumentException">A key is missing or unexpected, the group or parameter counts differ, or a buffer's shape differs from its parameter's.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        string context = $"{Name}.LoadStateDict";
        var used = new HashSet<string>(StringComparer.Ordinal);

        // Group options: each one the group has must be in the dict; initial_lr may come or go.
        var loadedGroups = new ParameterGroup[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            string paramsKey = $"param_groups.{g}.params";
            var numbers = StateDictEntries.Require(stateDict, paramsKey, context);
            if (numbers.Rank != 1 || numbers.NumElements != groups[g].Parameters.Count)
                throw new ArgumentException(
                    $"{context}: parameter group {g} has {groups[g].Parameters.Count} parameters but '{paramsKey}' has shape {Layout.Format(numbers.shape)}.",
                    nameof(stateDict));
            used.Add(paramsKey);

            var loaded = new ParameterGroup(groups[g].Parameters);
            foreach (var (name, _) in groups[g].Options)
            {
                string key = $"param_groups.{g}.{name}";
                if (name == ParameterGroup.InitialLearningRateKey && !stateDict.ContainsKey(key)) continue;
                loaded[name] = StateDictEntries.ReadDouble(stateDict, key, context);
                used.Add(key);
            }
            string initialKey = $"param_groups.{g}.{ParameterGroup.InitialLearningRateKey}";
            if (loaded.InitialLearningRate is null && stateDict.ContainsKey(initialKey))
            {
                loaded.InitialLearningRate = StateDictEntries.ReadDouble(stateDict, initialKey, context);
                used.Add(initialKey);
            }
            ValidateOptions(loaded, $"{context} (parameter group {g})");
            loadedGroups[g] = loaded;
        }

        // Per-parameter state: a step count and exactly the buffers a fresh state would have.
        var loadedStates = new ParameterState?[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            string stepKey = $"state.{i}.step";
            if (!stateDict.ContainsKey(stepKey)) continue;
            var parameter = parameters[i];
            var state = new ParameterState { Step = StateDictEntries.ReadLong(stateDict, stepKey, context) };
            if (state.Step < 0)
                throw new ArgumentException($"{context}: '{stepKey}' is negative ({state.Step}).", nameof(stateDict));
            used.Add(stepKey);
            InitializeState(loadedGroups[groupOfParameter[i]], parameter, state);
            foreach (var (name, buffer) in state.Buffers)
            {
                string key = $"state.{i}.{name}";
                var saved = StateDictEntries.Require(stateDict, key, context);
                if (!saved.shape.AsSpan().SequenceEqual(parameter.shape))
                    throw new ArgumentException(
                        $"{context}: '{key}' has shape {Layout.Format(saved.shape)} but parameter {i} has shape {Layout.Format(parameter.shape)}.",
                        nameof(stateDict));
                if (!saved.DType.IsFloatingPoint())
                    throw new ArgumentException($"{context}: '{key}' is a {saved.DType} tensor; expected floating-point values.", nameof(stateDict));
                buffer.CopyFrom(saved);
                used.Add(key);
            }
            loadedStates[i] = state;
        }

        foreach (var key in stateDict.Keys)
            if (!used.Contains(key))
                throw new ArgumentException($"{context}: unexpected entry '{key}' {DescribeUnexpected(key)}.", nameof(stateDict));

        for (int g = 0; g < groups.Count; g++)
            foreach (var (name, value) in loadedGroups[g].Options)
                groups[g][name] = value;
        states = loadedStates;
    }

    string DescribeUnexpected(string key)
    {
        if (StateDictEntries.TrySplitIndex(key, "param_groups.", out int g, out _) && g >= groups.Count)
            return $"(this optimizer has {groups.Count} parameter group(s))";
        if (StateDictEntries.TrySplitIndex(key, "state.", out int i, out _))
            return i >= parameters.Count
                ? $"(this optimizer has {parameters.Count} parameter(s))"
                : "(a buffer or option this optimizer does not have, or a state without its step)";
        return "(not a state of " + Name + ")";
    }
}
