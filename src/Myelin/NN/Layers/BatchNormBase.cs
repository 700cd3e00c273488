namespace Myelin.NN;

/// <summary>
/// What <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/> share: the per-channel weight and bias,
/// the running statistics (PyTorch's names: weight, bias, running_mean, running_var,
/// num_batches_tracked) and the forward pass through <see cref="F.BatchNorm"/>. Subclasses say
/// which input ranks they accept.
/// </summary>
public abstract class BatchNormBase : Module
{
    readonly Tensor? runningMean, runningVar, numBatchesTracked;

    /// <summary>Creates the layer with weight 1, bias 0, running mean 0 and running variance 1.</summary>
    /// <param name="numFeatures">C, the number of channels.</param>
    /// <param name="eps">Added to the variance before the square root, for numerical stability.</param>
    /// <param name="momentum">The weight of the newest batch in the running estimates; null for a cumulative average.</param>
    /// <param name="affine">Whether to learn a per-channel weight and bias.</param>
    /// <param name="trackRunningStats">Whether to keep running estimates for evaluation mode.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters and buffers.</param>
    /// <exception cref="ArgumentOutOfRangeException">numFeatures is not positive, eps is negative, or momentum is outside [0, 1].</exception>
    protected BatchNormBase(int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats, DType dtype)
    {
        if (numFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(numFeatures), $"{GetType().Name}: num_features must be positive, got {numFeatures}.");
        if (!(eps >= 0))
            throw new ArgumentOutOfRangeException(nameof(eps), $"{GetType().Name}: eps must be non-negative, got {eps}.");
        if (momentum is double m && !(m >= 0 && m <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), $"{GetType().Name}: momentum must be in [0, 1], got {m}.");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Affine = affine;
        TrackRunningStats = trackRunningStats;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numFeatures], dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros([numFeatures], dtype));
        }
        if (trackRunningStats)
        {
            runningMean = RegisterBuffer("running_mean", Tensor.Zeros([numFeatures], dtype));
            runningVar = RegisterBuffer("running_var", Tensor.Ones([numFeatures], dtype));
            numBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], DType.Int64));
        }
    }

    /// <summary>C, the number of channels.</summary>
    public int NumFeatures { get; }

    /// <summary>The value added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>The weight of the newest batch in the running estimates, or null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>Whether the layer has a learnable weight and bias.</summary>
    public bool Affine { get; }

    /// <summary>Whether the layer keeps running estimates.</summary>
    public bool TrackRunningStats { get; }

    /// <summary>The per-channel scale γ [C], or null without <c>affine</c>.</summary>
    public Tensor? Weight { get; }

    /// <summary>The per-channel shift β [C], or null without <c>affine</c>.</summary>
    public Tensor? Bias { get; }

    /// <summary>The running mean [C] (buffer "running_mean"), or null without running statistics.</summary>
    public Tensor? RunningMean => runningMean;

    /// <summary>The running variance [C] (buffer "running_var"), or null without running statistics.</summary>
    public Tensor? RunningVar => runningVar;

    /// <summary>The number of training batches seen (0-d Int64 buffer "num_batches_tracked"), or null without running statistics.</summary>
    public Tensor? NumBatchesTracked => numBatchesTracked;

    /// <summary>Throws, naming the layer and the shapes, when <paramref name="input"/> has the wrong rank or channel count.</summary>
    protected abstract void CheckInput(Tensor input);

    /// <summary>Normalises <paramref name="input"/>; in training mode also updates the running statistics.</summary>
    /// <exception cref="ArgumentException">The input has the wrong shape for the layer, or a single value per channel in training.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        bool useBatchStatistics = IsTraining || !TrackRunningStats;
        if (useBatchStatistics && input.NumElements / NumFeatures <= 1)
            throw new ArgumentException(
                $"{GetType().Name}({NumFeatures}): expected more than 1 value per channel to compute batch statistics, got input shape {FormatShape(input.Shape)}.");
        double momentum = Momentum ?? 0;
        if (IsTraining && numBatchesTracked is not null)
        {
            long count = numBatchesTracked.Item<long>() + 1;
            using (Autograd.NoGrad()) numBatchesTracked.Fill(count);
            // A null momentum makes the running estimates the plain average of all batches so far.
            if (Momentum is null) momentum = 1.0 / count;
        }
        return RecordOutput(F.BatchNorm(input, runningMean, runningVar, Weight, Bias, useBatchStatistics, momentum, Eps));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"{NumFeatures}, eps={ReprFormat.Float(Eps)}, momentum={(Momentum is double m ? ReprFormat.Float(m) : "None")}, " +
        $"affine={ReprFormat.Bool(Affine)}, track_running_stats={ReprFormat.Bool(TrackRunningStats)}";
}
