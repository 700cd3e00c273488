using System.Numerics;
using static Myelin.Optim.ParameterGroup;

namespace Myelin.Optim;

/// <summary>
/// Stochastic gradient descent, optionally with momentum, dampening, Nesterov momentum and
/// weight decay; PyTorch's <c>torch.optim.SGD</c>.
/// </summary>
/// <remarks>
/// For a parameter θ with gradient g, learning rate η, momentum μ, dampening τ and weight decay λ:
/// <code>
/// g ← g + λ·θ                                   (when λ ≠ 0)
/// b ← g on the first step, else μ·b + (1 − τ)·g (when μ ≠ 0)
/// g ← g + μ·b with Nesterov momentum, else g ← b
/// θ ← θ − η·g
/// </code>
/// State per parameter: <c>momentum_buffer</c> (b) when μ ≠ 0.
/// </remarks>
public sealed class SGD : Optimizer
{
    const string MomentumBuffer = "momentum_buffer";

    /// <summary>Creates an SGD optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize (leaves, Float32 or Float64).</param>
    /// <param name="lr">The learning rate η (≥ 0).</param>
    /// <param name="momentum">The momentum factor μ (≥ 0).</param>
    /// <param name="dampening">The dampening τ of the momentum.</param>
    /// <param name="weightDecay">The L2 penalty λ (≥ 0).</param>
    /// <param name="nesterov">Use Nesterov momentum; needs μ &gt; 0 and τ = 0.</param>
    /// <exception cref="ArgumentException">An invalid option, or no parameters.</exception>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this([new ParameterGroup(parameters)], lr, momentum, dampening, weightDecay, nesterov) { }

    /// <summary>Creates an SGD optimizer over parameter groups; the other arguments are the defaults for options a group leaves unset.</summary>
    /// <exception cref="ArgumentException">An invalid option, an option SGD does not use, or no parameters.</exception>
    public SGD(IEnumerable<ParameterGroup> parameterGroups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameterGroups, [
            new(LearningRateKey, lr), new(MomentumKey, momentum), new(DampeningKey, dampening),
            new(WeightDecayKey, weightDecay), new(NesterovKey, nesterov ? 1 : 0)])
    { }

    /// <inheritdoc/>
    protected override void ValidateOptions(ParameterGroup group, string context)
    {
        OptionChecks.NonNegative(group, LearningRateKey, "the learning rate", context);
        double momentum = OptionChecks.NonNegative(group, MomentumKey, "the momentum", context);
        double dampening = group.Get(DampeningKey);
        if (!double.IsFinite(dampening))
            throw new ArgumentException($"{context}: the dampening ('{DampeningKey}') must be finite, got {dampening}.");
        OptionChecks.NonNegative(group, WeightDecayKey, "the weight decay", context);
        if (OptionChecks.Flag(group, NesterovKey, context) && (momentum <= 0 || dampening != 0))
            throw new ArgumentException(
                $"{context}: Nesterov momentum needs a momentum > 0 and zero dampening, got momentum {momentum} and dampening {dampening}.");
    }

    /// <inheritdoc/>
    protected override void InitializeState(ParameterGroup group, Tensor parameter, ParameterState state)
    {
        if (group.Get(MomentumKey) != 0)
            state.Buffers[MomentumBuffer] = Tensor.ZerosLike(parameter);
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
        double momentum = group.Get(MomentumKey);
        Span<T> buffer = default;
        bool firstMomentumStep = false;
        if (momentum != 0)
        {
            // The buffer starts as the first gradient itself (not a decayed zero), as in PyTorch;
            // it may also be missing when momentum was switched on after the first steps.
            firstMomentumStep = state.Step == 1;
            if (!state.Buffers.TryGetValue(MomentumBuffer, out var bufferTensor))
            {
                state.Buffers[MomentumBuffer] = bufferTensor = Tensor.ZerosLike(parameter);
                firstMomentumStep = true;
            }
            buffer = bufferTensor.Span<T>();
        }

        Span<T> theta = parameter.Span<T>();
        ReadOnlySpan<T> gradients = gradient.Span<T>();
        // Chunk by chunk, so that each chunk stays in cache through all passes (see AdamRule);
        // every element gets the same operations in the same order as whole-array passes.
        for (int start = 0; start < theta.Length; start += Pointwise.ChunkLength)
        {
            int length = Math.Min(Pointwise.ChunkLength, theta.Length - start);
            UpdateChunk(group, theta.Slice(start, length), gradients.Slice(start, length),
                momentum == 0 ? default : buffer.Slice(start, length), firstMomentumStep);
        }
    }

    void UpdateChunk<T>(ParameterGroup group, Span<T> theta, ReadOnlySpan<T> direction, Span<T> buffer, bool firstMomentumStep)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lr = group.Get(LearningRateKey);
        double momentum = group.Get(MomentumKey);
        double weightDecay = group.Get(WeightDecayKey);

        if (weightDecay != 0)
        {
            var decayed = Scratch.Get<T>(0, theta.Length);
            Pointwise.AddScaled(direction, theta, weightDecay, decayed);
            direction = decayed;
        }

        if (momentum != 0)
        {
            if (firstMomentumStep) direction.CopyTo(buffer);
            else
            {
                Pointwise.Scale(buffer, momentum);
                Pointwise.AddScaled(buffer, direction, 1 - group.Get(DampeningKey), buffer);
            }

            if (group.GetBool(NesterovKey))
            {
                var lookAhead = Scratch.Get<T>(1, theta.Length);
                Pointwise.AddScaled(direction, buffer, momentum, lookAhead);
                direction = lookAhead;
            }
            else direction = buffer;
        }

        Pointwise.AddScaled(theta, direction, -lr, theta);
    }
}
