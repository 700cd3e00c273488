using System.Numerics;
using System.Numerics.Tensors;
using static Myelin.Optim.ParameterGroup;

namespace Myelin.Optim;

/// <summary>
/// The update shared by <see cref="Adam"/> and <see cref="AdamW"/>, which differ only in how
/// weight decay enters: added to the gradient (L2 penalty) or applied to the weights directly.
/// </summary>
internal static class AdamRule
{
    public const string ExpAvg = "exp_avg";
    public const string ExpAvgSq = "exp_avg_sq";
    public const string MaxExpAvgSq = "max_exp_avg_sq";

    public static KeyValuePair<string, double>[] Defaults(double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad) =>
    [
        new(LearningRateKey, lr), new(Beta1Key, beta1), new(Beta2Key, beta2), new(EpsKey, eps),
        new(WeightDecayKey, weightDecay), new(AmsGradKey, amsgrad ? 1 : 0),
    ];

    public static void Validate(ParameterGroup group, string context)
    {
        OptionChecks.NonNegative(group, LearningRateKey, "the learning rate", context);
        OptionChecks.UnitInterval(group, Beta1Key, "beta1 (betas[0])", context);
        OptionChecks.UnitInterval(group, Beta2Key, "beta2 (betas[1])", context);
        OptionChecks.NonNegative(group, EpsKey, "epsilon", context);
        OptionChecks.NonNegative(group, WeightDecayKey, "the weight decay", context);
        OptionChecks.Flag(group, AmsGradKey, context);
    }

    public static void InitializeState(ParameterGroup group, Tensor parameter, ParameterState state)
    {
        state.Buffers[ExpAvg] = Tensor.ZerosLike(parameter);
        state.Buffers[ExpAvgSq] = Tensor.ZerosLike(parameter);
        if (group.GetBool(AmsGradKey)) state.Buffers[MaxExpAvgSq] = Tensor.ZerosLike(parameter);
    }

    public static void Update(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state, ScratchBuffers scratch, bool decoupledWeightDecay)
    {
        if (parameter.DType == DType.Float32) Update<float>(group, parameter, gradient, state, scratch, decoupledWeightDecay);
        else Update<double>(group, parameter, gradient, state, scratch, decoupledWeightDecay);
    }

    static void Update<T>(ParameterGroup group, Tensor parameter, Tensor gradient, ParameterState state, ScratchBuffers scratch, bool decoupledWeightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lr = group.Get(LearningRateKey);
        double beta1 = group.Get(Beta1Key), beta2 = group.Get(Beta2Key);
        double weightDecay = group.Get(WeightDecayKey);

        // Bias corrections undo the zero start of m and v: m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ).
        double step = state.Step;
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, step));
        var rule = new Coefficients(lr, beta1, beta2, group.Get(EpsKey), weightDecay, decoupledWeightDecay,
            StepSize: lr / biasCorrection1, biasCorrection2Sqrt);

        Tensor? maxTensor = null;
        if (group.GetBool(AmsGradKey) && !state.Buffers.TryGetValue(MaxExpAvgSq, out maxTensor))
            state.Buffers[MaxExpAvgSq] = maxTensor = Tensor.ZerosLike(parameter);

        Span<T> theta = parameter.Span<T>();
        ReadOnlySpan<T> g = gradient.Span<T>();
        Span<T> m = state[ExpAvg].Span<T>();
        Span<T> v = state[ExpAvgSq].Span<T>();
        Span<T> maxV = maxTensor is null ? default : maxTensor.Span<T>();
        // The dozen passes of the update run chunk by chunk, so that each chunk's values stay in
        // cache from the first pass to the last instead of streaming the parameter, gradient and
        // both moments through memory a dozen times. Every element sees the same operations in
        // the same order as a whole-array pass would apply, so the result does not change.
        for (int start = 0; start < theta.Length; start += Pointwise.ChunkLength)
        {
            int length = Math.Min(Pointwise.ChunkLength, theta.Length - start);
            UpdateChunk(rule, theta.Slice(start, length), g.Slice(start, length), m.Slice(start, length),
                v.Slice(start, length), maxTensor is null ? default : maxV.Slice(start, length), amsGrad: maxTensor is not null, scratch);
        }
    }

    /// <summary>The numbers of one Adam step, the same for every element of a parameter.</summary>
    readonly record struct Coefficients(double Lr, double Beta1, double Beta2, double Eps, double WeightDecay,
        bool DecoupledWeightDecay, double StepSize, double BiasCorrection2Sqrt);

    static void UpdateChunk<T>(in Coefficients rule, Span<T> theta, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> maxV,
        bool amsGrad, ScratchBuffers scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        if (rule.DecoupledWeightDecay)
            Pointwise.Scale(theta, 1 - rule.Lr * rule.WeightDecay);      // θ ← θ·(1 − ηλ)
        else if (rule.WeightDecay != 0)
        {
            var decayed = scratch.Get<T>(0, n);
            Pointwise.AddScaled(g, theta, rule.WeightDecay, decayed);   // g ← g + λθ
            g = decayed;
        }

        // m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
        var work = scratch.Get<T>(1, n);
        Pointwise.Scale(m, rule.Beta1);
        Pointwise.AddScaled(m, g, 1 - rule.Beta1, m);
        Pointwise.Scale(v, rule.Beta2);
        Pointwise.AddProduct(v, g, g, 1 - rule.Beta2, v, work);

        ReadOnlySpan<T> second = v;
        if (amsGrad)
        {
            // AMSGrad normalises by the largest v seen so far, so steps never grow back.
            TensorPrimitives.Max(maxV, v, maxV);
            second = maxV;
        }

        // θ ← θ − (η / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
        var denominator = scratch.Get<T>(2, n);
        TensorPrimitives.Sqrt(second, denominator);
        TensorPrimitives.Divide(denominator, Pointwise.Cast<T>(rule.BiasCorrection2Sqrt), denominator);
        TensorPrimitives.Add(denominator, Pointwise.Cast<T>(rule.Eps), denominator);
        Pointwise.AddQuotient(theta, m, denominator, -rule.StepSize, theta, work);
    }
}
