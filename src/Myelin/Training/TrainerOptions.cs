using Myelin.Optim;

namespace Myelin.Training;

/// <summary>
/// Settings of a <see cref="Trainer"/> that stay the same across Fit calls:
/// <code>
/// var trainer = new Trainer(model, optimizer, Losses.CrossEntropy, new TrainerOptions
/// {
///     Metrics = [new Accuracy()],
///     ShuffleSeed = 42,
///     GradientClipNorm = 1.0,
/// });
/// </code>
/// </summary>
public sealed class TrainerOptions
{
    /// <summary>Samples per training batch when Fit is not given one; 32 by default.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether each epoch visits the training samples in a new random order (true by default).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Seed of the trainer's own generator for the shuffle orders: the same seed gives the same
    /// sequence of epochs, so a run with fixed initial weights is repeated exactly. Later Fit
    /// calls on the same trainer continue the sequence. Null (the default) draws from
    /// <see cref="Generator.Default"/>.
    /// </summary>
    public int? ShuffleSeed { get; init; }

    /// <summary>
    /// A generator to draw the shuffle orders from instead of <see cref="ShuffleSeed"/> — for example
    /// one saved and restored with <c>Myelin.IO.Checkpoint</c>, so that a resumed run continues with
    /// the orders the interrupted one would have used. Set at most one of the two.
    /// </summary>
    public Generator? ShuffleGenerator { get; init; }

    /// <summary>
    /// When set, the gradients of all parameters are scaled down together before each step so that
    /// their total L2 norm is at most this value (<see cref="GradientClipping.ClipGradNorm"/>, PyTorch's
    /// <c>clip_grad_norm_</c>). Null (the default)
    /// leaves them as they are.
    /// </summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Metrics computed on the training data during each epoch and on the validation data after it; none by default.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];

    /// <summary>A learning-rate schedule over the trainer's optimizer, stepped as <see cref="SchedulerInterval"/> says; none by default.</summary>
    public LRScheduler? Scheduler { get; init; }

    /// <summary>Whether <see cref="Scheduler"/> steps after every epoch (the default) or every batch.</summary>
    public ScheduleInterval SchedulerInterval { get; init; } = ScheduleInterval.Epoch;

    /// <summary>What to do when a training batch's loss is NaN or infinite: throw a <see cref="NonFiniteLossException"/> (the default) or skip the batch.</summary>
    public NonFiniteLossAction NonFiniteLoss { get; init; } = NonFiniteLossAction.Throw;

    /// <summary>Checks the settings; throws naming the bad one.</summary>
    internal void Validate(Optimizer optimizer)
    {
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"TrainerOptions: BatchSize must be at least 1, got {BatchSize}.");
        if (ShuffleSeed is not null && ShuffleGenerator is not null)
            throw new ArgumentException("TrainerOptions: set either ShuffleSeed or ShuffleGenerator, not both.", nameof(ShuffleGenerator));
        if (GradientClipNorm is double clip && !(clip > 0 && double.IsFinite(clip)))
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), clip, $"TrainerOptions: GradientClipNorm must be a finite number > 0, got {clip}.");
        if (!Enum.IsDefined(SchedulerInterval))
            throw new ArgumentOutOfRangeException(nameof(SchedulerInterval), SchedulerInterval, "TrainerOptions: unknown SchedulerInterval.");
        if (!Enum.IsDefined(NonFiniteLoss))
            throw new ArgumentOutOfRangeException(nameof(NonFiniteLoss), NonFiniteLoss, "TrainerOptions: unknown NonFiniteLoss action.");
        if (Metrics is null)
            throw new ArgumentException("TrainerOptions: Metrics is null; use an empty list for no metrics.", nameof(Metrics));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Metrics.Count; i++)
        {
            var metric = Metrics[i] ?? throw new ArgumentException($"TrainerOptions: metric {i} is null.", nameof(Metrics));
            if (metric.Name is LogNames.Loss or LogNames.LearningRate or LogNames.Seconds or "epoch")
                throw new ArgumentException($"TrainerOptions: a metric may not be named '{metric.Name}'; the trainer records that value itself. Pass another name to the metric's constructor.", nameof(Metrics));
            if (!names.Add(metric.Name))
                throw new ArgumentException($"TrainerOptions: two metrics are named '{metric.Name}'; pass a distinct name to one of them.", nameof(Metrics));
        }
        if (Scheduler is not null && !ReferenceEquals(Scheduler.Optimizer, optimizer))
            throw new ArgumentException("TrainerOptions: the Scheduler was created for a different optimizer than the trainer's.", nameof(Scheduler));
    }
}
