namespace Myelin.NN;

/// <summary>
/// The functional forms of the layers, activations and losses (PyTorch's <c>torch.nn.functional</c>):
/// stateless functions of tensors. The layer classes are thin wrappers that hold the parameters and
/// call these. Every function here is composed from <see cref="Tensor"/> operations, so its gradient
/// comes from the autograd engine.
/// </summary>
public static partial class F
{
    /// <summary>
    /// The affine map y = x·Wᵀ + b.
    /// Shape: input [*, in], weight [out, in], bias [out] → output [*, out].
    /// </summary>
    /// <exception cref="ArgumentException">The weight is not 2-D, the input's last dimension is not in, or the bias is not [out].</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2)
            throw new ArgumentException($"Linear: the weight must be 2-D [out, in], got shape {Module.FormatShape(weight.Shape)}.");
        if (input.Rank == 0 || input.Size(-1) != weight.Size(1))
            throw new ArgumentException(
                $"Linear: expected input with last dimension {weight.Size(1)} (weight shape {Module.FormatShape(weight.Shape)}), got shape {Module.FormatShape(input.Shape)}.");
        if (bias is not null && (bias.Rank != 1 || bias.Size(0) != weight.Size(0)))
            throw new ArgumentException(
                $"Linear: the bias must have shape [{weight.Size(0)}] to match the weight {Module.FormatShape(weight.Shape)}, got {Module.FormatShape(bias.Shape)}.");
        return Tensor.Linear(input, weight, bias);
    }

    /// <summary>max(0, x) elementwise. Shape: any, unchanged.</summary>
    public static Tensor ReLU(Tensor input) => input.ReLU();

    /// <summary>x for x ≥ 0, <paramref name="negativeSlope"/>·x below. Shape: any, unchanged.</summary>
    public static Tensor LeakyReLU(Tensor input, double negativeSlope = 0.01) => input.LeakyReLU(negativeSlope);

    /// <summary>The logistic function 1 / (1 + e⁻ˣ) elementwise. Shape: any, unchanged.</summary>
    public static Tensor Sigmoid(Tensor input) => input.Sigmoid();

    /// <summary>The hyperbolic tangent elementwise. Shape: any, unchanged.</summary>
    public static Tensor Tanh(Tensor input) => input.Tanh();

    /// <summary>
    /// The exponential linear unit: x for x &gt; 0, α(eˣ − 1) otherwise. Shape: any, unchanged.
    /// </summary>
    public static Tensor ELU(Tensor input, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(input);
        // exp of the clamped input: the branch Where discards must not overflow to ∞, or its zero
        // gradient would become 0·∞ = NaN.
        var negativePart = (input.Clamp(max: 0).Exp() - 1) * alpha;
        return Tensor.Where(input.Gt(0), input, negativePart);
    }

    /// <summary>
    /// The Gaussian error linear unit x·Φ(x). <paramref name="approximate"/> is "none" (exact, with
    /// the error function) or "tanh" (0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))). Shape: any, unchanged.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public static Tensor GELU(Tensor input, string approximate = "none")
    {
        ArgumentNullException.ThrowIfNull(input);
        return approximate switch
        {
            "none" => input.GELU(),
            "tanh" => input.GELU(tanhApproximation: true),
            _ => throw new ArgumentException($"GELU: approximate must be \"none\" or \"tanh\", got \"{approximate}\"."),
        };
    }

    /// <summary>The sigmoid linear unit (swish) x·σ(x). Shape: any, unchanged.</summary>
    public static Tensor SiLU(Tensor input) => input * input.Sigmoid();

    /// <summary>
    /// Softplus: log(1 + e^(βx)) / β, a smooth ReLU; where βx exceeds <paramref name="threshold"/>
    /// the result is x itself (as in PyTorch). Shape: any, unchanged.
    /// </summary>
    /// <remarks>
    /// Computed without overflow as max(z, 0) + log(1 + e^(−|z|)) with z = βx, in Float64 (and cast
    /// back), because log(1 + u) loses the small u in Float32 and Myelin has no log1p primitive.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="beta"/> is not positive.</exception>
    public static Tensor Softplus(Tensor input, double beta = 1.0, double threshold = 20.0)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(beta > 0)) throw new ArgumentException($"Softplus: beta must be positive, got {beta}.");
        input.RequireFloat("Softplus");
        var x = input.To(DType.Float64);
        var z = x * beta;
        var positive = z.Clamp(min: 0);
        var negative = z.Clamp(max: 0);
        var forPositive = positive + ((-positive).Exp() + 1).Log();
        // Below −20, log(1 + eᶻ) = eᶻ to within e⁻²⁰ relative; the direct form would round 1 + eᶻ.
        var forNegative = Tensor.Where(negative.Lt(-20), negative.Exp(), (negative.Exp() + 1).Log());
        var softplus = Tensor.Where(z.Gt(0), forPositive, forNegative) / beta;
        return Tensor.Where(z.Gt(threshold), x, softplus).To(input.DType);
    }

    /// <summary>Softmax along <paramref name="dim"/>: e^xᵢ / Σⱼ e^xⱼ. Shape: any, unchanged; each slice along dim sums to 1.</summary>
    public static Tensor Softmax(Tensor input, int dim) => input.Softmax(dim);

    /// <summary>log(softmax(x)) along <paramref name="dim"/>, computed stably. Shape: any, unchanged.</summary>
    public static Tensor LogSoftmax(Tensor input, int dim) => input.LogSoftmax(dim);

    /// <summary>
    /// The perceptron's threshold unit: 1 where x ≥ <paramref name="threshold"/>, else 0, in the input's dtype.
    /// Shape: any, unchanged.
    /// </summary>
    /// <remarks>
    /// The step has zero slope everywhere (and none at the threshold), so it passes no gradient: the result
    /// never requires gradients. Train a network with <see cref="Sigmoid"/> instead, or train a perceptron
    /// with the perceptron learning rule.
    /// </remarks>
    public static Tensor Step(Tensor input, double threshold = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Ge(threshold).To(input.DType == DType.Bool ? DType.Float32 : input.DType);
    }

    /// <summary>
    /// Inverted dropout: while <paramref name="training"/>, zeroes each element with probability
    /// <paramref name="p"/> and scales the kept ones by 1/(1 − p), so the expected value is unchanged;
    /// otherwise returns the input. Shape: any, unchanged.
    /// </summary>
    /// <param name="input">The activations.</param>
    /// <param name="p">The probability of zeroing an element, in [0, 1).</param>
    /// <param name="training">False gives the identity (evaluation mode).</param>
    /// <param name="generator">Draws the mask; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1).</exception>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckDropoutProbability(p, "Dropout");
        if (!training || p == 0) return input;
        input.RequireFloat("Dropout");
        var keep = Tensor.Bernoulli([.. input.Shape], 1 - p, generator, input.DType);
        return input * (keep * (1 / (1 - p)));
    }

    internal static void CheckDropoutProbability(double p, string layer)
    {
        if (!(p >= 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), $"{layer}: the drop probability p must be in [0, 1), got {p}.");
    }

    /// <summary>
    /// Batch normalisation over dimension 1 (the channels) of an input [N, C, *]: each channel is
    /// normalised to zero mean and unit variance, then scaled by <paramref name="weight"/> and shifted by
    /// <paramref name="bias"/>.
    /// Shape: input [N, C] or [N, C, L] (any trailing dimensions); runningMean, runningVar, weight, bias [C]; output like the input.
    /// </summary>
    /// <remarks>
    /// In training (or when no running statistics are given) the statistics are those of the batch,
    /// over every dimension but 1, with the biased variance. In training the running statistics, when
    /// given, are updated in place: running = (1 − momentum)·running + momentum·batch, with the
    /// unbiased variance for runningVar, exactly as PyTorch does. In evaluation the running statistics
    /// are used.
    /// </remarks>
    /// <exception cref="ArgumentException">The input has fewer than 2 dimensions, a statistic or affine tensor is not [C], or training has one value per channel.</exception>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.RequireFloat("BatchNorm");
        if (input.Rank < 2)
            throw new ArgumentException($"BatchNorm: expected an input [N, C, *] with at least 2 dimensions, got shape {Module.FormatShape(input.Shape)}.");
        if ((runningMean is null) != (runningVar is null))
            throw new ArgumentException("BatchNorm: give both runningMean and runningVar, or neither.");
        int channels = input.Size(1);
        CheckChannelVector(runningMean, channels, "runningMean", input);
        CheckChannelVector(runningVar, channels, "runningVar", input);
        CheckChannelVector(weight, channels, "weight", input);
        CheckChannelVector(bias, channels, "bias", input);

        // Statistics are per channel: reduce over every axis except 1, and broadcast [C] as [1, C, 1, …].
        var axes = Enumerable.Range(0, input.Rank).Where(a => a != 1).ToArray();
        var channelShape = Enumerable.Range(0, input.Rank).Select(a => a == 1 ? channels : 1).ToArray();
        Tensor normalized;
        if (training || runningMean is null)
        {
            int valuesPerChannel = input.NumElements / Math.Max(channels, 1);
            if (training && valuesPerChannel <= 1)
                throw new ArgumentException(
                    $"BatchNorm: expected more than 1 value per channel when training, got input shape {Module.FormatShape(input.Shape)}.");
            var mean = input.Mean(axes, keepDim: true);
            var centered = input - mean;
            var variance = (centered * centered).Mean(axes, keepDim: true);
            normalized = centered * (variance + eps).Rsqrt();
            if (training && runningMean is not null && runningVar is not null)
            {
                using (Autograd.NoGrad())
                {
                    var unbiased = variance.Detach() * ((double)valuesPerChannel / (valuesPerChannel - 1));
                    runningMean.MulInPlace(1 - momentum).AddInPlace(mean.Detach().Reshape(channels), momentum);
                    runningVar.MulInPlace(1 - momentum).AddInPlace(unbiased.Reshape(channels), momentum);
                }
            }
        }
        else
        {
            normalized = (input - runningMean.Reshape(channelShape)) * (runningVar!.Reshape(channelShape) + eps).Rsqrt();
        }
        if (weight is not null) normalized = normalized * weight.Reshape(channelShape);
        if (bias is not null) normalized = normalized + bias.Reshape(channelShape);
        return normalized;
    }

    static void CheckChannelVector(Tensor? vector, int channels, string name, Tensor input)
    {
        if (vector is not null && (vector.Rank != 1 || vector.Size(0) != channels))
            throw new ArgumentException(
                $"BatchNorm: {name} must have shape [{channels}] for an input of shape {Module.FormatShape(input.Shape)}, got {Module.FormatShape(vector.Shape)}.");
    }

    /// <summary>
    /// Layer normalisation: normalises over the last dimensions (those of <paramref name="normalizedShape"/>)
    /// of each sample to zero mean and unit (biased) variance, then scales and shifts elementwise.
    /// Shape: input [*, normalizedShape…]; weight and bias normalizedShape; output like the input.
    /// </summary>
    /// <exception cref="ArgumentException">The input's trailing dimensions differ from normalizedShape, or weight/bias have another shape.</exception>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(normalizedShape);
        input.RequireFloat("LayerNorm");
        int k = normalizedShape.Length;
        if (k == 0)
            throw new ArgumentException("LayerNorm: normalizedShape must have at least one dimension.");
        if (input.Rank < k || !input.Shape.Skip(input.Rank - k).SequenceEqual(normalizedShape))
            throw new ArgumentException(
                $"LayerNorm: expected input with trailing dimensions {Module.FormatShape(normalizedShape)}, got shape {Module.FormatShape(input.Shape)}.");
        foreach (var (tensor, name) in new[] { (weight, "weight"), (bias, "bias") })
            if (tensor is not null && !tensor.Shape.SequenceEqual(normalizedShape))
                throw new ArgumentException(
                    $"LayerNorm: {name} must have shape {Module.FormatShape(normalizedShape)}, got {Module.FormatShape(tensor.Shape)}.");

        var axes = Enumerable.Range(input.Rank - k, k).ToArray();
        var centered = input - input.Mean(axes, keepDim: true);
        var variance = (centered * centered).Mean(axes, keepDim: true);
        var normalized = centered * (variance + eps).Rsqrt();
        if (weight is not null) normalized = normalized * weight;
        if (bias is not null) normalized = normalized + bias;
        return normalized;
    }
}
