namespace Myelin.Optim;

/// <summary>
/// AdamW: Adam with decoupled weight decay (Loshchilov and Hutter, 2019); PyTorch's
/// <c>torch.optim.AdamW</c>. The weights shrink by a factor (1 − ηλ) each step instead of the
/// penalty being added to the gradient, so the decay is not rescaled by Adam's denominator.
/// </summary>
/// <remarks>
/// For a parameter θ with gradient g at step t:
/// <code>
/// θ ← θ·(1 − η·λ)
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²            (AMSGrad uses v̄ = max(v̄, v) below)
/// θ ← θ − η/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
/// </code>
/// State per parameter: <c>exp_avg</c>, <c>exp_avg_sq</c> and, with AMSGrad, <c>max_exp_avg_sq</c>.
/// </remarks>
public sealed class AdamW : Optimizer
{
    /// <summary>Creates an AdamW optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize (leaves, Float32 or Float64).</param>
    /// <param name="lr">The learning rate η (≥ 0).</param>
    /// <param name="beta1">The decay rate of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay rate of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator for numerical stability (≥ 0).</param>
    /// <param name="weightDecay">The decoupled weight decay λ (≥ 0).</param>
    /// <param name="amsgrad">Use the AMSGrad variant.</param>
    /// <exception cref="ArgumentException">An invalid option, or no parameters.</exception>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : this([new ParameterGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad) { }

    /// <summary>Creates an AdamW optimizer with the decay rates given as a pair, like PyTorch's <c>betas</c>.</summary>
    /// <exception cref="ArgumentException">An invalid option, or no parameters.</exception>
    public AdamW(IEnumerable<Tensor> parameters, double lr, (double Beta1, double Beta2) betas, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : this(parameters, lr, betas.Beta1, betas.Beta2, eps, weightDecay, amsgrad) { }

    /// <summary>Creates an AdamW optimizer over parameter groups; the other arguments are the defaults for options a group leaves unset.</summary>
    /// <exception cref="ArgumentException">An invalid option, an option AdamW does not use, or no parameters.</exception>
    public AdamW(IEnumerable<ParameterGroup> parameterGroups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(parameterGroups, AdamRule.Defaults(lr, beta1, beta2, eps, weightDecay, amsgrad)) { }

    /// <inheritdoc/>
    protected override void ValidateOptions(ParameterGroup group, string context) => AdamRule.Validate(group, context);

    /// <inheritdoc/>
    protected override void InitializeState(ParameterGroup group, Tensor parameter, ParameterState state) =>
        AdamRule.InitializeState(group, parameter, state);

    /// <inheritdoc/>
    protected override void Update(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state) =>
        AdamRule.Update(group, parameter, gradient, state, Scratch, decoupledWeightDecay: true);
}
