using System.Numerics;
using System.Numerics.Tensors;
using static Myelin.Optim.ParameterGroup;

namespace Myelin.Optim;

/// <summary>
/// Adagrad: per-element learning rates that shrink with the sum of all squared gradients seen
/// (Duchi, Hazan and Singer, 2011); PyTorch's <c>torch.optim.Adagrad</c>.
/// </summary>
/// <remarks>
/// For a parameter θ with gradient g at step t:
/// <code>
/// g ← g + λ·θ                      (weight decay λ, when λ ≠ 0)
/// η_t = η / (1 + (t − 1)·decay)    (learning-rate decay)
/// s ← s + g²                       (s starts at the initial accumulator value)
/// θ ← θ − η_t · g / (√s + ε)
/// </code>
/// State per parameter: <c>sum</c> (s).
/// </remarks>
public sealed class Adagrad : Optimizer
{
    const string Sum = "sum";

    /// <summary>Creates an Adagrad optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize (leaves, Float32 or Float64).</param>
    /// <param name="lr">The learning rate η (≥ 0).</param>
    /// <param name="lrDecay">The learning-rate decay per step (≥ 0).</param>
    /// <param name="weightDecay">The L2 penalty λ (≥ 0).</param>
    /// <param name="initialAccumulatorValue">The starting value of the sums of squares (≥ 0).</param>
    /// <param name="eps">Added to the denominator for numerical stability (≥ 0).</param>
    /// <exception cref="ArgumentException">An invalid option, or no parameters.</exception>
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
        : this([new ParameterGroup(parameters)], lr, lrDecay, weightDecay, initialAccumulatorValue, eps) { }

    /// <summary>Creates an Adagrad optimizer over parameter groups; the other arguments are the defaults for options a group leaves unset.</summary>
    /// <exception cref="ArgumentException">An invalid option, an option Adagrad does not use, or no parameters.</exception>
    public Adagrad(IEnumerable<ParameterGroup> parameterGroups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
        : base(parameterGroups, [
            new(LearningRateKey, lr), new(LrDecayKey, lrDecay), new(WeightDecayKey, weightDecay),
            new(InitialAccumulatorValueKey, initialAccumulatorValue), new(EpsKey, eps)])
    { }

    /// <inheritdoc/>
    protected override void ValidateOptions(ParameterGroup group, string context)
    {
        OptionChecks.NonNegative(group, LearningRateKey, "the learning rate", context);
        OptionChecks.NonNegative(group, LrDecayKey, "the learning-rate decay", context);
        OptionChecks.NonNegative(group, WeightDecayKey, "the weight decay", context);
        OptionChecks.NonNegative(group, InitialAccumulatorValueKey, "the initial accumulator value", context);
        OptionChecks.NonNegative(group, EpsKey, "epsilon", context);
    }

    /// <inheritdoc/>
    protected override void InitializeState(ParameterGroup group, Tensor parameter, ParameterState state) =>
        state.Buffers[Sum] = Tensor.FullLike(parameter, group.Get(InitialAccumulatorValueKey));

    /// <inheritdoc/>
    protected override void Update(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state)
    {
        if (parameter.DType == DType.Float32) Update<float>(group, parameter, gradient, state);
        else Update<double>(group, parameter, gradient, state);
    }

    void Update<T>(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double weightDecay = group.Get(WeightDecayKey);
        double decayedLr = group.Get(LearningRateKey) / (1 + (state.Step - 1) * group.Get(LrDecayKey));

        Span<T> theta = parameter.Span<T>();
        ReadOnlySpan<T> g = gradient.Span<T>();
        int n = theta.Length;
        if (weightDecay != 0)
        {
            var decayed = Scratch.Get<T>(0, n);
            Pointwise.AddScaled(g, theta, weightDecay, decayed);
            g = decayed;
        }

        var work = Scratch.Get<T>(1, n);
        Span<T> sum = state[Sum].Span<T>();
        Pointwise.AddProduct(sum, g, g, 1, sum, work);

        var denominator = Scratch.Get<T>(2, n);
        TensorPrimitives.Sqrt(sum, denominator);
        TensorPrimitives.Add(denominator, Pointwise.Cast<T>(group.Get(EpsKey)), denominator);
        Pointwise.AddQuotient(theta, g, denominator, -decayedLr, theta, work);
    }
}
