namespace Myelin.Optim;

/// <summary>
/// Adam: adaptive moment estimation (Kingma and Ba, 2015), with optional L2 weight decay and the
/// AMSGrad variant; PyTorch's <c>torch.optim.Adam</c>.
/// </summary>
/// <remarks>
/// For a parameter θ with gradient g at step t, learning rate η, decay rates β1 and β2:
/// <code>
/// g ← g + λ·θ                       (weight decay λ, when λ ≠ 0)
/// m ← β1·m + (1 − β1)·g             (first moment)
/// v ← β2·v + (1 − β2)·g²            (second moment; AMSGrad uses v̄ = max(v̄, v) below)
/// θ ← θ − η/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
/// </code>
/// State per parameter: <c>exp_avg</c> (m), <c>exp_avg_sq</c> (v) and, with AMSGrad,
/// <c>max_exp_avg_sq</c> (v̄). For weight decay that does not pass through the moments use
/// <see cref="AdamW"/>.
/// </remarks>
public sealed class Adam : Optimizer
{
    /// <summary>Creates an Adam optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize (leaves, Float32 or Float64).</param>
    /// <param name="lr">The learning rate η (≥ 0).</param>
    /// <param name="beta1">The decay rate of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay rate of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator for numerical stability (≥ 0).</param>
    /// <param name="weightDecay">The L2 penalty λ added to the gradient (≥ 0).</param>
    /// <param name="amsgrad">Use the AMSGrad variant.</param>
    /// <exception cref="ArgumentException">An invalid option, or no parameters.</exception>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this([new ParameterGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad) { }

    /// <summary>Creates an Adam optimizer with the decay rates given as a pair, like PyTorch's <c>betas</c>.</summary>
    /// <exception cref="ArgumentException">An invalid option, or no parameters.</exception>
    public Adam(IEnumerable<Tensor> parameters, double lr, (double Beta1, double Beta2) betas, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this(parameters, lr, betas.Beta1, betas.Beta2, eps, weightDecay, amsgrad) { }

    /// <summary>Creates an Adam optimizer over parameter groups; the other arguments are the defaults for options a group leaves unset.</summary>
    /// <exception cref="ArgumentException">An invalid option, an option Adam does not use, or no parameters.</exception>
    public Adam(IEnumerable<ParameterGroup> parameterGroups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : base(parameterGroups, AdamRule.Defaults(lr, beta1, beta2, eps, weightDecay, amsgrad)) { }

    /// <inheritdoc/>
    protected override void ValidateOptions(ParameterGroup group, string context) => AdamRule.Validate(group, context);

    /// <inheritdoc/>
    protected override void InitializeState(ParameterGroup group, Tensor parameter, ParameterState state) =>
        AdamRule.InitializeState(group, parameter, state);

    /// <inheritdoc/>
    protected override void Update(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state) =>
        AdamRule.Update(group, parameter, gradient, state, Scratch, decoupledWeightDecay: false);
}
