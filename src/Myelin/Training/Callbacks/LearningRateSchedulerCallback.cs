using Myelin.Optim;

namespace Myelin.Training;

/// <summary>
/// Advances a learning-rate schedule during training: an <see cref="LRScheduler"/> once per epoch
/// (or per batch), or a <see cref="ReduceLROnPlateau"/> once per epoch with the monitored value.
/// </summary>
/// <remarks>
/// The schedule steps at the end of each epoch, after the epoch's values (including the
/// learning rate it trained with, "lr") are logged; with <see cref="ScheduleInterval.Batch"/> it
/// steps after every batch instead. The schedule must belong to the trainer's optimizer.
/// <see cref="TrainerOptions.Scheduler"/> is a shortcut that adds this callback.
/// </remarks>
public sealed class LearningRateSchedulerCallback : Callback
{
    readonly LRScheduler? scheduler;
    readonly ReduceLROnPlateau? plateau;

    /// <summary>Steps <paramref name="scheduler"/> every epoch or every batch.</summary>
    /// <param name="scheduler">The schedule, created over the trainer's optimizer.</param>
    /// <param name="interval">Step after every epoch (the default) or after every batch.</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown interval.</exception>
    public LearningRateSchedulerCallback(LRScheduler scheduler, ScheduleInterval interval = ScheduleInterval.Epoch)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (!Enum.IsDefined(interval))
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "LearningRateSchedulerCallback: unknown interval.");
        this.scheduler = scheduler;
        Interval = interval;
        Monitor = null;
    }

    /// <summary>Steps <paramref name="scheduler"/> at the end of every epoch with the value named <paramref name="monitor"/>.</summary>
    /// <param name="scheduler">The plateau schedule, created over the trainer's optimizer.</param>
    /// <param name="monitor">The logged value it watches, e.g. "val_loss" (its mode must match the schedule's).</param>
    public LearningRateSchedulerCallback(ReduceLROnPlateau scheduler, string monitor = LogNames.ValidationLoss)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        plateau = scheduler;
        Interval = ScheduleInterval.Epoch;
        Monitor = monitor;
    }

    /// <summary>How often the schedule steps.</summary>
    public ScheduleInterval Interval { get; }

    /// <summary>The logged value passed to a <see cref="ReduceLROnPlateau"/>, or null for an <see cref="LRScheduler"/>.</summary>
    public string? Monitor { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        var optimizer = scheduler?.Optimizer ?? plateau!.Optimizer;
        if (!ReferenceEquals(optimizer, context.Optimizer))
            throw new InvalidOperationException(
                $"LearningRateSchedulerCallback: the {(scheduler is null ? nameof(ReduceLROnPlateau) : scheduler.GetType().Name)} was created for a different optimizer than the trainer's; create it over trainer.Optimizer.");
        if (Monitor is not null && Monitor.StartsWith(LogNames.ValidationPrefix, StringComparison.Ordinal) && !context.HasValidation)
            throw new InvalidOperationException(
                $"LearningRateSchedulerCallback: ReduceLROnPlateau watches '{Monitor}', but Fit was called without validation data; pass validation data or monitor '{LogNames.Loss}'.");
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context, TrainingProgress progress)
    {
        if (Interval == ScheduleInterval.Batch) scheduler?.Step();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        if (plateau is not null)
        {
            if (!logs.TryGetValue(Monitor!, out double value))
                throw new InvalidOperationException(
                    $"LearningRateSchedulerCallback: ReduceLROnPlateau watches '{Monitor}', which is not among the logged values ({string.Join(", ", logs.Keys)}).");
            plateau.Step(value);
        }
        else if (Interval == ScheduleInterval.Epoch) scheduler!.Step();
    }
}
