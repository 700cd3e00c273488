namespace Myelin.NN;

/// <summary>
/// Functional forms of the layers and losses, after PyTorch's <c>torch.nn.functional</c>.
/// </summary>
/// <remarks>
/// The losses are composed from tensor operations, so their gradients come from the autograd
/// engine and each one reads like its formula. Every loss checks its arguments and names itself,
/// the shapes and the offending values when they are wrong.
/// </remarks>
public static partial class F
{
    /// <summary>
    /// The clip applied by <see cref="CrossEntropyFromProbabilities"/> and
    /// <see cref="BinaryCrossEntropyFromProbabilities"/>: probabilities are kept within
    /// [1e-7, 1 − 1e-7] (Keras's epsilon) so the log stays finite.
    /// </summary>
    public const double ProbabilityEpsilon = 1e-7;

    /// <summary>
    /// Mean squared error: ℓᵢ = (xᵢ − yᵢ)², reduced by <paramref name="reduction"/>.
    /// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="input">Predictions (Float32 or Float64).</param>
    /// <param name="target">Targets, floating-point, the input's shape.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">The shapes differ, or a tensor is not floating-point.</exception>
    public static Tensor MSELoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        const string loss = "MSELoss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        target = LossChecks.ElementwiseTarget(input, target, loss);
        var difference = input - target;
        return LossChecks.Reduce(difference * difference, reduction, loss);
    }

    /// <summary>
    /// Mean absolute error: ℓᵢ = |xᵢ − yᵢ|, reduced by <paramref name="reduction"/>. The gradient at
    /// xᵢ = yᵢ is 0, as in PyTorch.
    /// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="input">Predictions (Float32 or Float64).</param>
    /// <param name="target">Targets, floating-point, the input's shape.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">The shapes differ, or a tensor is not floating-point.</exception>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        const string loss = "L1Loss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        target = LossChecks.ElementwiseTarget(input, target, loss);
        return LossChecks.Reduce((input - target).Abs(), reduction, loss);
    }

    /// <summary>
    /// Huber loss: quadratic for small errors, linear for large ones, so outliers pull less than
    /// with MSE. With dᵢ = xᵢ − yᵢ: ℓᵢ = ½dᵢ² when |dᵢ| &lt; δ, else δ·(|dᵢ| − ½δ).
    /// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="input">Predictions (Float32 or Float64).</param>
    /// <param name="target">Targets, floating-point, the input's shape.</param>
    /// <param name="delta">δ &gt; 0: where the loss turns from quadratic to linear.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">The shapes differ, or a tensor is not floating-point.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive.</exception>
    public static Tensor HuberLoss(Tensor input, Tensor target, double delta = 1, Reduction reduction = Reduction.Mean)
    {
        const string loss = "HuberLoss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckHuberDelta(delta);
        LossChecks.CheckReduction(reduction, loss);
        target = LossChecks.ElementwiseTarget(input, target, loss);
        var difference = input - target;
        var size = difference.Abs();
        var quadratic = difference * difference * 0.5;
        var linear = (size - 0.5 * delta) * delta;
        return LossChecks.Reduce(Tensor.Where(size.Lt(delta), quadratic, linear), reduction, loss);
    }

    internal static void CheckHuberDelta(double delta)
    {
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"HuberLoss: delta must be a positive number, got {delta}.");
    }

    /// <summary>
    /// Smooth L1 loss: with dᵢ = xᵢ − yᵢ, ℓᵢ = ½dᵢ²/β when |dᵢ| &lt; β, else |dᵢ| − ½β. It equals
    /// <see cref="HuberLoss"/> divided by β (with δ = β); β = 0 gives <see cref="L1Loss"/>.
    /// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="input">Predictions (Float32 or Float64).</param>
    /// <param name="target">Targets, floating-point, the input's shape.</param>
    /// <param name="beta">β ≥ 0: where the loss turns from quadratic to linear.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">The shapes differ, or a tensor is not floating-point.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative.</exception>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, double beta = 1, Reduction reduction = Reduction.Mean)
    {
        const string loss = "SmoothL1Loss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckSmoothL1Beta(beta);
        LossChecks.CheckReduction(reduction, loss);
        target = LossChecks.ElementwiseTarget(input, target, loss);
        var difference = input - target;
        var size = difference.Abs();
        if (beta == 0) return LossChecks.Reduce(size, reduction, loss);
        var quadratic = difference * difference * (0.5 / beta);
        var linear = size - 0.5 * beta;
        return LossChecks.Reduce(Tensor.Where(size.Lt(beta), quadratic, linear), reduction, loss);
    }

    internal static void CheckSmoothL1Beta(double beta)
    {
        if (!(beta >= 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"SmoothL1Loss: beta must be a non-negative number, got {beta}.");
    }

    /// <summary>
    /// Binary cross-entropy of probabilities: ℓᵢ = −wᵢ·[yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]. As in
    /// PyTorch each log is clamped at −100, so p = 0 or 1 gives a finite loss; where the clamp is
    /// active the gradient is 0. Prefer <see cref="BCEWithLogitsLoss"/> on logits: it is more
    /// accurate and never saturates.
    /// <para>Shape: probabilities [*], target [*] (the same shape), weight broadcastable to [*];
    /// output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="probabilities">p in [0, 1], for example the output of a sigmoid.</param>
    /// <param name="target">y, usually 0 or 1 (soft labels in [0, 1] work too).</param>
    /// <param name="weight">Optional rescaling of each element's loss.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">A probability is outside [0, 1] or NaN, the shapes
    /// disagree, or a tensor is not floating-point.</exception>
    public static Tensor BCELoss(Tensor probabilities, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        const string loss = "BCELoss";
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        target = LossChecks.ElementwiseTarget(probabilities, target, loss);
        var elementWeight = LossChecks.BroadcastWeight(weight, probabilities, loss, "weight");
        LossChecks.RequireWithin(probabilities, 0, 1, loss, "probability",
            "BCELoss expects probabilities: apply Sigmoid first, or pass the logits to BCEWithLogitsLoss.");
        var perElement = -(target * ClampedLog(probabilities) + (1.0 - target) * ClampedLog(1.0 - probabilities));
        if (elementWeight is not null) perElement = perElement * elementWeight;
        return LossChecks.Reduce(perElement, reduction, loss);
    }

    /// <summary>
    /// log x, clamped below at −100. The log only ever sees values above e^−100 (others are
    /// swapped for 1 and their result replaced), so the backward pass never forms 0·∞.
    /// </summary>
    static Tensor ClampedLog(Tensor x)
    {
        const double floor = -100;
        var aboveFloor = x.Gt(Math.Exp(floor));
        var safe = Tensor.Where(aboveFloor, x, 1.0);
        return Tensor.Where(aboveFloor, safe.Log(), floor);
    }

    /// <summary>
    /// Binary cross-entropy on logits, computed stably: with σ the sigmoid,
    /// ℓᵢ = wᵢ·[(1 − yᵢ)·xᵢ + (1 + (p_w − 1)·yᵢ)·softplus(−xᵢ)], which is
    /// −wᵢ·[p_w·yᵢ·log σ(xᵢ) + (1 − yᵢ)·log(1 − σ(xᵢ))]. Without <paramref name="posWeight"/> this is
    /// max(x, 0) − x·y + log(1 + e^(−|x|)). It stays finite for any finite logit (±1000 included),
    /// and its gradient is wᵢ·(σ(xᵢ) − yᵢ) (scaled by p_w on positives), exact at x = 0 too.
    /// <para>Shape: logits [*], target [*] (the same shape), weight broadcastable to [*], posWeight
    /// broadcastable to [*] (usually [C] for logits [N, C]); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="logits">Raw scores x (no sigmoid applied).</param>
    /// <param name="target">y in [0, 1].</param>
    /// <param name="weight">Optional rescaling of each element's loss.</param>
    /// <param name="posWeight">Optional weight p_w of positive examples, per class: above 1 raises recall, below 1 precision.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">The shapes disagree, or a tensor is not floating-point.</exception>
    public static Tensor BCEWithLogitsLoss(Tensor logits, Tensor target, Tensor? weight = null, Tensor? posWeight = null,
        Reduction reduction = Reduction.Mean)
    {
        const string loss = "BCEWithLogitsLoss";
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        target = LossChecks.ElementwiseTarget(logits, target, loss);
        var elementWeight = LossChecks.BroadcastWeight(weight, logits, loss, "weight");
        var positiveWeight = LossChecks.BroadcastWeight(posWeight, logits, loss, "posWeight");
        // −log(1 − σ(x)) = x + softplus(−x) and −log σ(x) = softplus(−x)
        var negativeLogSigmoid = Softplus(-logits);
        var perElement = positiveWeight is null
            ? (1.0 - target) * logits + negativeLogSigmoid
            : (1.0 - target) * logits + ((positiveWeight - 1.0) * target + 1.0) * negativeLogSigmoid;
        if (elementWeight is not null) perElement = perElement * elementWeight;
        return LossChecks.Reduce(perElement, reduction, loss);
    }

    /// <summary>
    /// softplus(z) = log(1 + eᶻ) = max(z, 0) + log(1 + e^(−|z|)): the exponent is never positive,
    /// so nothing overflows. max and |·| follow the same test z &gt; 0, so their one-sided
    /// derivatives at z = 0 add up to the true σ(0) = ½ (taken separately they would give 0).
    /// </summary>
    static Tensor Softplus(Tensor z)
    {
        var positive = z.Gt(0);
        var minusAbs = Tensor.Where(positive, -z, z);
        return z.ReLU() + (minusAbs.Exp() + 1.0).Log();
    }

    /// <summary>
    /// Cross-entropy of logits against class indices or class probabilities, with PyTorch's
    /// semantics. log p = LogSoftmax(logits) over the class dimension 1.
    /// <list type="bullet">
    /// <item>Class indices (integer target): ℓᵢ = −w[yᵢ]·log p[i, yᵢ]; positions whose target is
    /// <paramref name="ignoreIndex"/> contribute 0. Mean divides by Σ w[yᵢ] over the positions that
    /// count (their number without weights).</item>
    /// <item>Class probabilities (floating-point target of the logits' shape): ℓᵢ = −Σ_c w_c·y[i, c]·log p[i, c];
    /// Mean divides by the number of samples (positions).</item>
    /// <item>Label smoothing ε mixes in the uniform distribution: y ← (1 − ε)·y + ε/C, i.e. for
    /// indices ℓᵢ = (1 − ε)·(−w[yᵢ]·log p[i, yᵢ]) + (ε/C)·(−Σ_c w_c·log p[i, c]).</item>
    /// </list>
    /// Differences from PyTorch: a Mean over a batch where every target is ignored (or weighs 0)
    /// is 0 rather than NaN. The computation is stable for large logits ([1000, 1001] is fine).
    /// <para>Shape: logits [N, C] or [N, C, d1, …] (or [C] for a single sample); target [N] or
    /// [N, d1, …] of class indices (a scalar for a single sample), or of the logits' shape for
    /// probabilities; weight [C]; output a scalar, or [N] / [N, d1, …] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="logits">Unnormalised scores (no softmax applied).</param>
    /// <param name="target">Class indices (Int64 or Int32) or class probabilities (Float32/Float64).</param>
    /// <param name="weight">Optional per-class weight, for unbalanced classes.</param>
    /// <param name="ignoreIndex">A target value that does not count (index targets only), e.g. padding.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">A shape or dtype does not fit, or a class index is out of
    /// range (the message names the value and its position).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? weight = null, long ignoreIndex = -100,
        double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        const string loss = "CrossEntropyLoss";
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        LossChecks.CheckLabelSmoothing(labelSmoothing, loss);
        LossChecks.RequireFloat(logits, loss, "logits");
        if (logits.Rank == 0)
            throw new ArgumentException($"{loss}: logits must have a class dimension ([C], [N, C] or [N, C, d1, …]); got a scalar.");
        bool probabilityTarget = target.DType.IsFloatingPoint();
        if (!probabilityTarget && !target.DType.IsInteger())
            throw new ArgumentException(
                $"{loss}: the target is {target.DType}; it must hold class indices (Int64) or class probabilities (floating-point, the logits' shape).");
        if (logits.Rank == 1)
        {
            CheckSingleSampleTarget(logits, target, probabilityTarget, loss, "logits");
            return WithBatchOfOne(logits, target, reduction,
                (x, y) => CrossEntropy(x, y, weight, ignoreIndex, labelSmoothing, reduction));
        }

        var classWeight = LossChecks.ClassWeight(weight, logits.Size(1), logits.DType, loss);
        if (probabilityTarget)
        {
            CheckProbabilityTarget(logits, target, loss);
            return ProbabilityTargetCrossEntropy(logits.LogSoftmax(1), target, classWeight, labelSmoothing, reduction);
        }
        if (Layout.SameShape(logits.shape, target.shape))
            throw new ArgumentException(
                $"{loss}: the {target.DType} target {LossChecks.Format(target)} has the logits' shape, like one-hot labels. " +
                $"Pass class probabilities as floating-point (target.To(DType.{logits.DType})) or class indices (target.ArgMax(1)).");
        return ClassIndexLoss(logits.LogSoftmax(1), target, classWeight, ignoreIndex, labelSmoothing, reduction, loss, "logits");
    }

    static void CheckProbabilityTarget(Tensor logits, Tensor target, string loss)
    {
        if (Layout.SameShape(logits.shape, target.shape)) return;
        string s = LossChecks.Format(logits), t = LossChecks.Format(target);
        throw new ArgumentException(target.Rank == logits.Rank - 1
            ? $"{loss}: the target {t} is {target.DType} but has the shape of class indices for logits {s}; " +
              "class indices must be integers (target.To(DType.Int64)), and class probabilities must have the logits' shape."
            : $"{loss}: a class-probability target must have the logits' shape {s}, got {t}.");
    }

    static void CheckSingleSampleTarget(Tensor scores, Tensor target, bool probabilityTarget, string loss, string scoresRole)
    {
        string s = LossChecks.Format(scores), t = LossChecks.Format(target);
        if (probabilityTarget && !Layout.SameShape(scores.shape, target.shape))
            throw new ArgumentException($"{loss}: {scoresRole} {s} hold a single sample, so a class-probability target must be {s} too, got {t}.");
        if (!probabilityTarget && target.Rank != 0)
            throw new ArgumentException($"{loss}: {scoresRole} {s} hold a single sample, so a class-index target must be a scalar, got {t}.");
    }

    /// <summary>Runs a batched loss on one sample by adding a batch dimension of 1, and removes it again from a per-sample result.</summary>
    static Tensor WithBatchOfOne(Tensor scores, Tensor target, Reduction reduction, Func<Tensor, Tensor, Tensor> batched)
    {
        var result = batched(scores.Unsqueeze(0), target.Unsqueeze(0));
        return reduction == Reduction.None ? result.Squeeze(0) : result;
    }

    /// <summary>Cross-entropy against class probabilities: ℓᵢ = −Σ_c w_c·y[i, c]·log p[i, c], Mean over positions.</summary>
    static Tensor ProbabilityTargetCrossEntropy(Tensor logProbabilities, Tensor target, Tensor? classWeight,
        double labelSmoothing, Reduction reduction)
    {
        int classes = logProbabilities.Size(1);
        var probabilities = target.To(logProbabilities.DType);
        if (labelSmoothing > 0) probabilities = probabilities * (1 - labelSmoothing) + labelSmoothing / classes;
        var terms = probabilities * logProbabilities;
        if (classWeight is not null) terms = terms * LossChecks.AlongClassDimension(classWeight, logProbabilities.Rank);
        return LossChecks.Reduce(-terms.Sum(1), reduction, "CrossEntropyLoss");
    }

    /// <summary>
    /// The negative log-likelihood of class-index targets, shared by cross-entropy (on log-softmax
    /// output) and NLLLoss: ℓᵢ = −w[yᵢ]·log p[i, yᵢ], optionally label-smoothed, ignored positions 0.
    /// </summary>
    static Tensor ClassIndexLoss(Tensor logProbabilities, Tensor target, Tensor? classWeight, long ignoreIndex,
        double labelSmoothing, Reduction reduction, string loss, string scoresRole)
    {
        var targets = ClassIndexTargets.Read(logProbabilities, target, ignoreIndex, loss, scoresRole);
        var indices = targets.Indices;
        // log p of each position's true class, picked along the class dimension: [N, d1, …]
        var trueClass = logProbabilities.Gather(1, indices.Unsqueeze(1)).Squeeze(1);
        // w[yᵢ] for each position; null means every weight is 1
        var sampleWeight = classWeight?.IndexSelect(0, indices.Reshape(-1)).Reshape(indices.shape);
        var perSample = sampleWeight is null ? -trueClass : -(sampleWeight * trueClass);
        if (labelSmoothing > 0)
        {
            int classes = logProbabilities.Size(1);
            var allClasses = classWeight is null
                ? logProbabilities
                : logProbabilities * LossChecks.AlongClassDimension(classWeight, logProbabilities.Rank);
            perSample = perSample * (1 - labelSmoothing) - allClasses.Sum(1) * (labelSmoothing / classes);
        }
        if (targets.Ignored is { } ignored)
        {
            perSample = perSample.MaskedFill(ignored, 0);
            sampleWeight = sampleWeight?.MaskedFill(ignored, 0);
        }
        switch (reduction)
        {
            case Reduction.None: return perSample;
            case Reduction.Sum: return perSample.Sum();
            default:
                // Σ ℓᵢ / Σ w[yᵢ] over the positions that count; with nothing counted the sum is 0, and so is the result.
                if (sampleWeight is null) return perSample.Sum() / Math.Max(targets.Counted, 1);
                var totalWeight = sampleWeight.Sum();
                return perSample.Sum() / Tensor.Where(totalWeight.Eq(0), 1.0, totalWeight);
        }
    }

    /// <summary>
    /// Negative log-likelihood of class indices, for inputs that are already log-probabilities
    /// (the output of LogSoftmax): ℓᵢ = −w[yᵢ]·x[i, yᵢ], 0 where yᵢ is <paramref name="ignoreIndex"/>.
    /// Mean divides by Σ w[yᵢ] over the positions that count (0 if none count). NLLLoss after
    /// LogSoftmax equals <see cref="CrossEntropy"/> on the logits.
    /// <para>Shape: input [N, C] or [N, C, d1, …] (or [C] for a single sample); target [N] or [N, d1, …]
    /// (a scalar for a single sample); weight [C]; output a scalar, or the target's shape with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="logProbabilities">log p, e.g. <c>logits.LogSoftmax(1)</c>.</param>
    /// <param name="target">Class indices (Int64 or Int32).</param>
    /// <param name="weight">Optional per-class weight.</param>
    /// <param name="ignoreIndex">A target value that does not count.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">A shape or dtype does not fit, or a class index is out of range.</exception>
    public static Tensor NLLLoss(Tensor logProbabilities, Tensor target, Tensor? weight = null, long ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
    {
        const string loss = "NLLLoss";
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        LossChecks.RequireFloat(logProbabilities, loss, "input");
        if (logProbabilities.Rank == 0)
            throw new ArgumentException($"{loss}: the input must have a class dimension ([C], [N, C] or [N, C, d1, …]); got a scalar.");
        if (!target.DType.IsInteger())
            throw new ArgumentException(
                $"{loss}: the target must hold class indices (Int64), got {target.DType} {LossChecks.Format(target)}. " +
                "Convert labels with target.To(DType.Int64); for class-probability targets use F.CrossEntropy on logits.");
        if (logProbabilities.Rank == 1)
        {
            CheckSingleSampleTarget(logProbabilities, target, probabilityTarget: false, loss, "input");
            return WithBatchOfOne(logProbabilities, target, reduction, (x, y) => NLLLoss(x, y, weight, ignoreIndex, reduction));
        }
        var classWeight = LossChecks.ClassWeight(weight, logProbabilities.Size(1), logProbabilities.DType, loss);
        return ClassIndexLoss(logProbabilities, target, classWeight, ignoreIndex, 0, reduction, loss, "input");
    }

    /// <summary>
    /// Kullback–Leibler divergence KL(y ‖ q) with the input holding log q, as PyTorch's kl_div:
    /// ℓᵢ = yᵢ·(log yᵢ − xᵢ), with 0 where yᵢ = 0; with <paramref name="logTarget"/> the target holds
    /// log y and ℓᵢ = e^(yᵢ)·(yᵢ − xᵢ). <see cref="Reduction.BatchMean"/> (sum / batch size) gives
    /// the true divergence per sample; <see cref="Reduction.Mean"/> (PyTorch's default) also
    /// divides by the number of classes.
    /// <para>Shape: input [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="input">log q, e.g. <c>logits.LogSoftmax(1)</c>.</param>
    /// <param name="target">Probabilities y (≥ 0), or log y when <paramref name="logTarget"/>.</param>
    /// <param name="reduction">Mean (default), Sum, None or BatchMean.</param>
    /// <param name="logTarget">Whether the target holds log-probabilities.</param>
    /// <exception cref="ArgumentException">The shapes differ, a tensor is not floating-point, or a
    /// probability target is negative or NaN.</exception>
    public static Tensor KLDivLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false)
    {
        const string loss = "KLDivLoss";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss, allowsBatchMean: true);
        target = LossChecks.ElementwiseTarget(input, target, loss);
        Tensor perElement;
        if (logTarget)
        {
            perElement = target.Exp() * (target - input);
        }
        else
        {
            LossChecks.RequireWithin(target, 0, double.PositiveInfinity, loss, "target probability",
                "The target must hold probabilities, or log-probabilities with logTarget: true.");
            // y·log y taken as 0 at y = 0; the log only sees positive values so its gradient stays finite
            var positive = target.Gt(0);
            var yLogY = Tensor.Where(positive, target * Tensor.Where(positive, target, 1.0).Log(), 0.0);
            perElement = yLogY - target * input;
        }
        if (reduction != Reduction.BatchMean) return LossChecks.Reduce(perElement, reduction, loss);
        int batch = input.Rank == 0 ? 1 : input.Size(0);
        return perElement.Sum() / Math.Max(batch, 1);
    }

    /// <summary>
    /// Keras-style categorical cross-entropy for outputs that already went through a softmax:
    /// probabilities are clipped to [1e-7, 1 − 1e-7] (<see cref="ProbabilityEpsilon"/>), then
    /// ℓᵢ = −Σ_c y[i, c]·log p[i, c], averaged over the batch. With class indices this is
    /// −log p[i, yᵢ]. Training on logits with <see cref="CrossEntropy"/> is more accurate; this
    /// serves models that end in a softmax layer. Where the clip is active the gradient is 0.
    /// <para>Shape: probabilities [N, C] or [N, C, d1, …]; target [N] / [N, d1, …] of class indices,
    /// or one-hot / probabilities of the probabilities' shape; output a scalar, or [N] / [N, d1, …]
    /// with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="probabilities">p in [0, 1], each row summing to 1 (e.g. <c>logits.Softmax(1)</c>).</param>
    /// <param name="target">Class indices (integer) or one-hot / class probabilities (floating-point).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">A probability is outside [0, 1] or NaN, a shape or dtype does
    /// not fit, or a class index is out of range.</exception>
    public static Tensor CrossEntropyFromProbabilities(Tensor probabilities, Tensor target, Reduction reduction = Reduction.Mean)
    {
        const string loss = "CrossEntropyFromProbabilities";
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        LossChecks.RequireFloat(probabilities, loss, "probabilities");
        if (probabilities.Rank < 2)
            throw new ArgumentException($"{loss}: probabilities must be [N, C] or [N, C, d1, …], got {LossChecks.Format(probabilities)}.");
        LossChecks.RequireWithin(probabilities, 0, 1, loss, "probability",
            "Pass softmax output here; for raw logits use F.CrossEntropy.");
        Tensor perSample;
        if (target.DType.IsFloatingPoint())
        {
            CheckProbabilityTarget(probabilities, target, loss);
            var clipped = probabilities.Clamp(ProbabilityEpsilon, 1 - ProbabilityEpsilon);
            perSample = -(target.To(probabilities.DType) * clipped.Log()).Sum(1);
        }
        else if (target.DType.IsInteger())
        {
            var targets = ClassIndexTargets.Read(probabilities, target, ignoreIndex: null, loss, "probabilities");
            var trueClass = probabilities.Gather(1, targets.Indices.Unsqueeze(1)).Squeeze(1);
            perSample = -trueClass.Clamp(ProbabilityEpsilon, 1 - ProbabilityEpsilon).Log();
        }
        else
        {
            throw new ArgumentException($"{loss}: the target is {target.DType}; it must hold class indices (Int64) or one-hot / class probabilities (floating-point).");
        }
        return LossChecks.Reduce(perSample, reduction, loss);
    }

    /// <summary>
    /// Keras-style binary cross-entropy for outputs that already went through a sigmoid:
    /// probabilities are clipped to [1e-7, 1 − 1e-7] (<see cref="ProbabilityEpsilon"/>), then
    /// ℓᵢ = −[yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]. It differs from <see cref="BCELoss"/> only in the
    /// clip (BCELoss clamps the log at −100, as PyTorch does), so it reproduces Keras's numbers.
    /// <para>Shape: probabilities [*], target [*] (the same shape); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
    /// </summary>
    /// <param name="probabilities">p in [0, 1].</param>
    /// <param name="target">y in [0, 1], floating-point.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentException">A probability is outside [0, 1] or NaN, the shapes differ,
    /// or a tensor is not floating-point.</exception>
    public static Tensor BinaryCrossEntropyFromProbabilities(Tensor probabilities, Tensor target, Reduction reduction = Reduction.Mean)
    {
        const string loss = "BinaryCrossEntropyFromProbabilities";
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(target);
        LossChecks.CheckReduction(reduction, loss);
        target = LossChecks.ElementwiseTarget(probabilities, target, loss);
        LossChecks.RequireWithin(probabilities, 0, 1, loss, "probability",
            "Pass sigmoid output here; for raw logits use F.BCEWithLogitsLoss.");
        var clipped = probabilities.Clamp(ProbabilityEpsilon, 1 - ProbabilityEpsilon);
        var perElement = -(target * clipped.Log() + (1.0 - target) * (1.0 - clipped).Log());
        return LossChecks.Reduce(perElement, reduction, loss);
    }

    /// <summary>
    /// The L2 penalty λ·Σ w² over every element of every tensor in <paramref name="parameters"/>,
    /// as a scalar to add to a loss (weight decay written into the objective: its gradient is 2λw).
    /// <para>Shape: parameters of any shapes; output a scalar (Float32 when the list is empty).</para>
    /// </summary>
    /// <param name="parameters">The tensors to penalise, usually weights (often not biases).</param>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <exception cref="ArgumentException">A parameter is null or not floating-point.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative or not finite.</exception>
    public static Tensor L2Penalty(IEnumerable<Tensor> parameters, double lambda)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lambda >= 0) || double.IsInfinity(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"L2Penalty: lambda must be a non-negative finite number, got {lambda}.");
        Tensor? sumOfSquares = null;
        int position = 0;
        foreach (var parameter in parameters)
        {
            if (parameter is null) throw new ArgumentException($"L2Penalty: parameter {position} is null.", nameof(parameters));
            LossChecks.RequireFloat(parameter, "L2Penalty", $"parameter {position}");
            var squares = (parameter * parameter).Sum();
            sumOfSquares = sumOfSquares is null ? squares : sumOfSquares + squares;
            position++;
        }
        return sumOfSquares is null ? Tensor.Scalar(0) : sumOfSquares * lambda;
    }
}
