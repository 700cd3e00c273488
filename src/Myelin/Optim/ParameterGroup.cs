namespace Myelin.Optim;

/// <summary>
/// A set of parameters that an <see cref="Optimizer"/> updates with the same options (learning
/// rate, weight decay, momentum, …). Options left unset take the optimizer's defaults when the
/// group is handed to it; from then on every option the optimizer uses is set, and changing one
/// (as learning-rate schedules do) takes effect at the next <see cref="Optimizer.Step"/>.
/// </summary>
/// <remarks>
/// Options are named as in PyTorch's <c>param_groups</c> and in <see cref="Optimizer.StateDict"/>
/// (<c>lr</c>, <c>weight_decay</c>, <c>momentum</c>, <c>beta1</c>, …). The typed properties are
/// views of the same named values; flags such as <see cref="Nesterov"/> are stored as 1 or 0.
/// <code>
/// var optimizer = new SGD([
///     new ParameterGroup(backbone.Parameters()),
///     new ParameterGroup(head.Parameters()) { LearningRate = 1e-2, Momentum = 0.5 },
/// ], lr: 1e-3, momentum: 0.9);
/// </code>
/// </remarks>
public sealed class ParameterGroup
{
    internal const string LearningRateKey = "lr";
    internal const string InitialLearningRateKey = "initial_lr";
    internal const string WeightDecayKey = "weight_decay";
    internal const string MomentumKey = "momentum";
    internal const string DampeningKey = "dampening";
    internal const string NesterovKey = "nesterov";
    internal const string Beta1Key = "beta1";
    internal const string Beta2Key = "beta2";
    internal const string EpsKey = "eps";
    internal const string AmsGradKey = "amsgrad";
    internal const string AlphaKey = "alpha";
    internal const string CenteredKey = "centered";
    internal const string LrDecayKey = "lr_decay";
    internal const string InitialAccumulatorValueKey = "initial_accumulator_value";

    readonly Tensor[] parameters;
    // Insertion-ordered so that state dicts list options in a stable order.
    readonly List<KeyValuePair<string, double>> options = [];

    /// <summary>Creates a group of <paramref name="parameters"/> with no options set.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its elements is null.</exception>
    public ParameterGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters.ToArray();
        for (int i = 0; i < this.parameters.Length; i++)
            if (this.parameters[i] is null)
                throw new ArgumentNullException(nameof(parameters), $"ParameterGroup: parameter {i} is null.");
    }

    /// <summary>The optimizer this group was given to; a group serves one optimizer only.</summary>
    internal Optimizer? Owner { get; set; }

    /// <summary>The parameters of this group, in the order they were given.</summary>
    public IReadOnlyList<Tensor> Parameters => parameters;

    /// <summary>
    /// The option called <paramref name="name"/> (PyTorch's key, e.g. <c>"lr"</c>), or null when it
    /// is not set; setting null removes it. Custom optimizers can keep their own options here.
    /// </summary>
    public double? this[string name]
    {
        get
        {
            int i = IndexOf(name);
            return i < 0 ? null : options[i].Value;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(name);
            int i = IndexOf(name);
            if (value is null)
            {
                if (i >= 0) options.RemoveAt(i);
            }
            else if (i >= 0) options[i] = new(name, value.Value);
            else options.Add(new(name, value.Value));
        }
    }

    /// <summary>Every option that is set, by name, in the order they were first set.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Options => options;

    /// <summary>The learning rate (<c>lr</c>).</summary>
    public double? LearningRate { get => this[LearningRateKey]; set => this[LearningRateKey] = value; }

    /// <summary>
    /// The learning rate the first schedule attached to the optimizer found (<c>initial_lr</c>);
    /// schedules compute their rates from it.
    /// </summary>
    public double? InitialLearningRate { get => this[InitialLearningRateKey]; set => this[InitialLearningRateKey] = value; }

    /// <summary>The L2 penalty coefficient (<c>weight_decay</c>); decoupled in <see cref="AdamW"/>.</summary>
    public double? WeightDecay { get => this[WeightDecayKey]; set => this[WeightDecayKey] = value; }

    /// <summary>The momentum factor of <see cref="SGD"/> and <see cref="RMSprop"/> (<c>momentum</c>).</summary>
    public double? Momentum { get => this[MomentumKey]; set => this[MomentumKey] = value; }

    /// <summary>The dampening of <see cref="SGD"/>'s momentum (<c>dampening</c>).</summary>
    public double? Dampening { get => this[DampeningKey]; set => this[DampeningKey] = value; }

    /// <summary>Whether <see cref="SGD"/> uses Nesterov momentum (<c>nesterov</c>).</summary>
    public bool? Nesterov { get => GetFlag(NesterovKey); set => SetFlag(NesterovKey, value); }

    /// <summary>The decay rate of Adam's first-moment average (<c>beta1</c>, PyTorch's <c>betas[0]</c>).</summary>
    public double? Beta1 { get => this[Beta1Key]; set => this[Beta1Key] = value; }

    /// <summary>The decay rate of Adam's second-moment average (<c>beta2</c>, PyTorch's <c>betas[1]</c>).</summary>
    public double? Beta2 { get => this[Beta2Key]; set => this[Beta2Key] = value; }

    /// <summary>The term added to denominators for numerical stability (<c>eps</c>).</summary>
    public double? Eps { get => this[EpsKey]; set => this[EpsKey] = value; }

    /// <summary>Whether Adam uses the AMSGrad variant (<c>amsgrad</c>).</summary>
    public bool? AmsGrad { get => GetFlag(AmsGradKey); set => SetFlag(AmsGradKey, value); }

    /// <summary>The smoothing constant of <see cref="RMSprop"/> (<c>alpha</c>).</summary>
    public double? Alpha { get => this[AlphaKey]; set => this[AlphaKey] = value; }

    /// <summary>Whether <see cref="RMSprop"/> normalises by the estimated variance (<c>centered</c>).</summary>
    public bool? Centered { get => GetFlag(CenteredKey); set => SetFlag(CenteredKey, value); }

    /// <summary>The learning-rate decay of <see cref="Adagrad"/> (<c>lr_decay</c>).</summary>
    public double? LrDecay { get => this[LrDecayKey]; set => this[LrDecayKey] = value; }

    /// <summary>The starting value of <see cref="Adagrad"/>'s sums of squares (<c>initial_accumulator_value</c>).</summary>
    public double? InitialAccumulatorValue { get => this[InitialAccumulatorValueKey]; set => this[InitialAccumulatorValueKey] = value; }

    /// <summary>The value of an option the optimizer has filled in; throws if it is missing.</summary>
    internal double Get(string name) =>
        this[name] ?? throw new InvalidOperationException($"ParameterGroup: option '{name}' is not set.");

    internal bool GetBool(string name) => Get(name) != 0;

    bool? GetFlag(string name) => this[name] is double value ? value != 0 : null;

    void SetFlag(string name, bool? value) => this[name] = value is bool flag ? (flag ? 1 : 0) : null;

    int IndexOf(string name)
    {
        for (int i = 0; i < options.Count; i++)
            if (options[i].Key == name) return i;
        return -1;
    }
}
