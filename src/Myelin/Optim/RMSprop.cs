using System.Numerics;
using System.Numerics.Tensors;
using static Myelin.Optim.ParameterGroup;

namespace Myelin.Optim;

/// <summary>
/// RMSprop: divides the gradient by a running root mean square of recent gradients (Hinton's
/// lecture notes), optionally centered and with momentum; PyTorch's <c>torch.optim.RMSprop</c>.
/// </summary>
/// <remarks>
/// For a parameter θ with gradient g, learning rate η and smoothing constant α:
/// <code>
/// g ← g + λ·θ                        (weight decay λ, when λ ≠ 0)
/// s ← α·s + (1 − α)·g²
/// a ← α·a + (1 − α)·g;  d = √(s − a²) + ε    (centered)
///                        d = √s + ε          (otherwise)
/// b ← μ·b + g / d;  θ ← θ − η·b     (momentum μ &gt; 0)
/// θ ← θ − η·g / d                    (otherwise)
/// </code>
/// State per parameter: <c>square_avg</c> (s), <c>momentum_buffer</c> (b) when μ &gt; 0 and
/// <c>grad_avg</c> (a) when centered.
/// </remarks>
public sealed class RMSprop : Optimizer
{
    const string SquareAvg = "square_avg";
    const string MomentumBuffer = "momentum_buffer";
    const string GradAvg = "grad_avg";

    /// <summary>Creates an RMSprop optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize (leaves, Float32 or Float64).</param>
    /// <param name="lr">The learning rate η (≥ 0).</param>
    /// <param name="alpha">The smoothing constant α of the running averages (≥ 0).</param>
    /// <param name="eps">Added to the denominator for numerical stability (≥ 0).</param>
    /// <param name="weightDecay">The L2 penalty λ (≥ 0).</param>
    /// <param name="momentum">The momentum factor μ (≥ 0).</param>
    /// <param name="centered">Normalise by the estimated variance of the gradient instead of its raw second moment.</param>
    /// <exception cref="ArgumentException">An invalid option, or no parameters.</exception>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : this([new ParameterGroup(parameters)], lr, alpha, eps, weightDecay, momentum, centered) { }

    /// <summary>Creates an RMSprop optimizer over parameter groups; the other arguments are the defaults for options a group leaves unset.</summary>
    /// <exception cref="ArgumentException">An invalid option, an option RMSprop does not use, or no parameters.</exception>
    public RMSprop(IEnumerable<ParameterGroup> parameterGroups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(parameterGroups, [
            new(LearningRateKey, lr), new(AlphaKey, alpha), new(EpsKey, eps), new(WeightDecayKey, weightDecay),
            new(MomentumKey, momentum), new(CenteredKey, centered ? 1 : 0)])
    { }

    /// <inheritdoc/>
    protected override void ValidateOptions(ParameterGroup group, string context)
    {
        OptionChecks.NonNegative(group, LearningRateKey, "the learning rate", context);
        OptionChecks.NonNegative(group, AlphaKey, "alpha", context);
        OptionChecks.NonNegative(group, EpsKey, "epsilon", context);
        OptionChecks.NonNegative(group, WeightDecayKey, "the weight decay", context);
        OptionChecks.NonNegative(group, MomentumKey, "the momentum", context);
        OptionChecks.Flag(group, CenteredKey, context);
    }

    /// <inheritdoc/>
    protected override void InitializeState(ParameterGroup group, Tensor parameter, ParameterState state)
    {
        state.Buffers[SquareAvg] = Tensor.ZerosLike(parameter);
        if (group.Get(MomentumKey) > 0) state.Buffers[MomentumBuffer] = Tensor.ZerosLike(parameter);
        if (group.GetBool(CenteredKey)) state.Buffers[GradAvg] = Tensor.ZerosLike(parameter);
    }

    /// <inheritdoc/>
    protected override void Update(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state)
    {
        if (parameter.DType == DType.Float32) Update<float>(group, parameter, gradient, state);
        else Update<double>(group, parameter, gradient, state);
    }

    void Update<T>(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lr = group.Get(LearningRateKey);
        double alpha = group.Get(AlphaKey);
        double weightDecay = group.Get(WeightDecayKey);
        double momentum = group.Get(MomentumKey);

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
        Span<T> squareAvg = state[SquareAvg].Span<T>();
        Pointwise.Scale(squareAvg, alpha);
        Pointwise.AddProduct(squareAvg, g, g, 1 - alpha, squareAvg, work);

        var denominator = Scratch.Get<T>(2, n);
        if (group.GetBool(CenteredKey))
        {
            // Subtracting the squared mean turns the second moment into a variance estimate.
            Span<T> gradAvg = Buffer<T>(state, GradAvg, parameter);
            Pointwise.Scale(gradAvg, alpha);
            Pointwise.AddScaled(gradAvg, g, 1 - alpha, gradAvg);
            Pointwise.AddProduct(squareAvg, gradAvg, gradAvg, -1, denominator, work);
            TensorPrimitives.Sqrt(denominator, denominator);
        }
        else TensorPrimitives.Sqrt(squareAvg, denominator);
        TensorPrimitives.Add(denominator, Pointwise.Cast<T>(group.Get(EpsKey)), denominator);

        if (momentum > 0)
        {
            Span<T> buffer = Buffer<T>(state, MomentumBuffer, parameter);
            Pointwise.Scale(buffer, momentum);
            Pointwise.AddQuotient(buffer, g, denominator, 1, buffer, work);
            Pointwise.AddScaled(theta, buffer, -lr, theta);
        }
        else Pointwise.AddQuotient(theta, g, denominator, -lr, theta, work);
    }

    /// <summary>A zero-started buffer, created here if the option that needs it was switched on after the first steps.</summary>
    static Span<T> Buffer<T>(ParameterState state, string name, Tensor parameter)
    {
        if (!state.Buffers.TryGetValue(name, out var buffer))
            state.Buffers[name] = buffer = Tensor.ZerosLike(parameter);
        return buffer.Span<T>();
    }
}
