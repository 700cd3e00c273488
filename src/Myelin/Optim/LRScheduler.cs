namespace Myelin.Optim;

/// <summary>
/// The base of learning-rate schedules that depend on the step count alone: each
/// <see cref="Step"/> advances one epoch (or one batch, as the schedule is meant) and sets every
/// parameter group's learning rate to the schedule's value for that epoch. Construction sets the
/// epoch-0 rate.
/// </summary>
/// <remarks>
/// <para>Call <see cref="Step"/> after <see cref="Optimizer.Step"/>:
/// <c>for (…) { train one epoch with optimizer.Step(); scheduler.Step(); }</c></para>
/// <para>Rates are computed in closed form from <see cref="BaseLearningRates"/> (each group's
/// <see cref="ParameterGroup.InitialLearningRate"/>, taken from its learning rate by the first
/// schedule attached), so they equal PyTorch's for the same settings, do not drift, and can be
/// queried for any epoch with <see cref="LearningRateAt"/>. A rate set by hand is overwritten at
/// the next step. To chain a warm-up before another schedule use <see cref="LinearWarmup"/>.</para>
/// <para>A subclass computes its rate in <see cref="LearningRateAt"/> and calls
/// <see cref="Start"/> at the end of its constructor.</para>
/// </remarks>
public abstract class LRScheduler
{
    double[] baseLearningRates;
    readonly double[] currentLearningRates;

    /// <summary>
    /// Attaches a schedule to <paramref name="optimizer"/>. <paramref name="initialLearningRates"/>,
    /// when given, replace the groups' initial learning rates (one per group), as OneCycleLR does.
    /// </summary>
    /// <exception cref="ArgumentException">The number of initial learning rates differs from the number of groups.</exception>
    protected LRScheduler(Optimizer optimizer, IReadOnlyList<double>? initialLearningRates = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        var groups = optimizer.ParameterGroups;
        if (initialLearningRates is not null && initialLearningRates.Count != groups.Count)
            throw new ArgumentException(
                $"{Name}: got {initialLearningRates.Count} initial learning rates for {groups.Count} parameter group(s).",
                nameof(initialLearningRates));
        baseLearningRates = new double[groups.Count];
        currentLearningRates = new double[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            if (initialLearningRates is not null) groups[g].InitialLearningRate = initialLearningRates[g];
            baseLearningRates[g] = groups[g].InitialLearningRate ??= groups[g].Get(ParameterGroup.LearningRateKey);
        }
        LastEpoch = -1;
    }

    /// <summary>The schedule's name, used in error messages.</summary>
    protected string Name => GetType().Name;

    /// <summary>The optimizer whose learning rates this schedule sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Each group's learning rate at the start of the schedule.</summary>
    public IReadOnlyList<double> BaseLearningRates => baseLearningRates;

    /// <summary>The number of steps taken: 0 right after construction.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The learning rate the schedule last set for the first group.</summary>
    public double CurrentLearningRate => currentLearningRates[0];

    /// <summary>The learning rates the schedule last set, one per group (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> CurrentLearningRates => currentLearningRates;

    /// <summary>The learning rate of group <paramref name="groupIndex"/> at <paramref name="epoch"/> (≥ 0).</summary>
    public abstract double LearningRateAt(int epoch, int groupIndex);

    /// <summary>Checks that the schedule is defined at <paramref name="epoch"/>; a schedule with an end throws past it.</summary>
    /// <exception cref="InvalidOperationException">The schedule has ended before <paramref name="epoch"/>.</exception>
    protected virtual void CheckEpoch(int epoch) { }

    /// <summary>Lets a driving schedule ask whether this one is defined at <paramref name="epoch"/>.</summary>
    internal void EnsureDefinedAt(int epoch) => CheckEpoch(epoch);

    /// <summary>Sets the epoch-0 learning rates. Derived constructors call this once their fields are set.</summary>
    protected void Start() => MoveTo(0, applyToOptimizer: true);

    /// <summary>Advances one epoch and sets the groups' learning rates.</summary>
    /// <exception cref="InvalidOperationException">The optimizer's groups changed since the schedule was created, or the schedule has ended.</exception>
    public void Step()
    {
        if (LastEpoch < 0)
            throw new InvalidOperationException($"{Name}: the schedule was not started; its constructor must call Start().");
        MoveTo(LastEpoch + 1, applyToOptimizer: true);
    }

    void MoveTo(int epoch, bool applyToOptimizer)
    {
        var groups = Optimizer.ParameterGroups;
        if (groups.Count != baseLearningRates.Length)
            throw new InvalidOperationException(
                $"{Name}: the optimizer now has {groups.Count} parameter group(s), but the schedule was made for {baseLearningRates.Length}; create the schedule after adding groups.");
        CheckEpoch(epoch);
        for (int g = 0; g < groups.Count; g++)
            currentLearningRates[g] = LearningRateAt(epoch, g);
        LastEpoch = epoch;
        if (applyToOptimizer)
            for (int g = 0; g < groups.Count; g++)
                groups[g].LearningRate = currentLearningRates[g];
        OnEpochChanged(epoch);
    }

    /// <summary>Moves a schedule that another one drives (see <see cref="LinearWarmup"/>) without touching the optimizer.</summary>
    internal void Follow(int epoch) => MoveTo(epoch, applyToOptimizer: false);

    /// <summary>Called after every move, for schedules that drive another.</summary>
    internal virtual void OnEpochChanged(int epoch) { }

    /// <summary>
    /// The schedule's position: <c>last_epoch</c> (Int64) and <c>base_lrs.{g}</c> (Float64) per group.
    /// The settings (step size, gamma, …) come from the constructor and are not included.
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        WriteState(result, "");
        return result;
    }

    /// <summary>
    /// Restores the position saved by <see cref="StateDict"/> and sets the groups' learning rates to
    /// the schedule's values there. Nothing changes unless the whole dict is valid.
    /// </summary>
    /// <exception cref="ArgumentException">A key is missing or unexpected, the group count differs, or the epoch is invalid.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var commit = ReadState(stateDict, "", used);
        foreach (var key in stateDict.Keys)
            if (!used.Contains(key))
                throw new ArgumentException($"{Name}.LoadStateDict: unexpected entry '{key}'.", nameof(stateDict));
        commit();
    }

    internal virtual void WriteState(Dictionary<string, Tensor> into, string prefix)
    {
        into[prefix + "last_epoch"] = StateDictEntries.Int64(LastEpoch);
        for (int g = 0; g < baseLearningRates.Length; g++)
            into[$"{prefix}base_lrs.{g}"] = StateDictEntries.Float64(baseLearningRates[g]);
    }

    /// <summary>Validates this schedule's entries and returns the action that applies them.</summary>
    internal virtual Action ReadState(IReadOnlyDictionary<string, Tensor> stateDict, string prefix, HashSet<string> used)
    {
        string context = $"{Name}.LoadStateDict";
        string epochKey = prefix + "last_epoch";
        long epoch = StateDictEntries.ReadLong(stateDict, epochKey, context);
        if (epoch < 0 || epoch > int.MaxValue)
            throw new ArgumentException($"{context}: '{epochKey}' must be between 0 and {int.MaxValue}, got {epoch}.", nameof(stateDict));
        used.Add(epochKey);

        var loaded = new double[baseLearningRates.Length];
        for (int g = 0; g < loaded.Length; g++)
        {
            string key = $"{prefix}base_lrs.{g}";
            loaded[g] = StateDictEntries.ReadDouble(stateDict, key, context);
            used.Add(key);
        }
        if (stateDict.ContainsKey($"{prefix}base_lrs.{loaded.Length}"))
            throw new ArgumentException(
                $"{context}: the state dict has more base learning rates than the optimizer's {loaded.Length} parameter group(s).", nameof(stateDict));
        try { CheckEpoch((int)epoch); }
        catch (InvalidOperationException e) { throw new ArgumentException($"{context}: {e.Message}", nameof(stateDict), e); }

        bool topLevel = prefix.Length == 0;
        return () =>
        {
            baseLearningRates = loaded;
            MoveTo((int)epoch, applyToOptimizer: topLevel);
        };
    }
}
