using Myelin.Training;

namespace Myelin.Cli.Training;

/// <summary>
/// Runs a <see cref="TrainingJob"/> with the library's <see cref="Trainer"/>: shuffled batches from the job's
/// seed, accuracy for classification, and <see cref="EarlyStopping"/> on the validation loss (the training
/// loss without validation data) that restores the best epoch's weights. Progress reaches the observer
/// through a callback.
/// </summary>
internal sealed class TrainerTrainingLoop : ITrainingLoop
{
    /// <inheritdoc />
    public TrainingOutcome Fit(TrainingJob job, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        var trainer = new Trainer(job.Model, job.Optimizer, job.Loss, new TrainerOptions
        {
            BatchSize = job.BatchSize,
            ShuffleSeed = job.Seed,
            Metrics = job.MeasureAccuracy ? [new Accuracy()] : [],
            Scheduler = job.Schedule,
            SchedulerInterval = ScheduleInterval.Batch,
        });
        var callbacks = new List<Callback> { new ObserverCallback(observer) };
        EarlyStopping? earlyStopping = null;
        if (job.Patience > 0)
        {
            earlyStopping = new EarlyStopping(job.Validation is null ? "loss" : "val_loss",
                patience: job.Patience, restoreBestWeights: true);
            callbacks.Add(earlyStopping);
        }

        var history = trainer.Fit(job.Train, job.Validation, job.Epochs, job.BatchSize, callbacks, cancellationToken: cancellationToken);
        var records = history.Records.Select(ToRecord).ToList();
        // EarlyStopping restores its best epoch when training ends, whether it stopped early or not.
        int bestEpoch = earlyStopping is { BestEpoch: > 0 } ? earlyStopping.BestEpoch : records.Count;
        return new TrainingOutcome(records, bestEpoch,
            StoppedEarly: history.StoppedReason == StopReason.EarlyStopping,
            Cancelled: history.StoppedReason == StopReason.Cancelled);
    }

    static EpochRecord ToRecord(EpochLogs logs) => new(
        logs.Epoch,
        logs.Loss,
        logs.TryGetValue("accuracy", out double accuracy) ? accuracy : null,
        logs.ValidationLoss,
        logs.TryGetValue("val_accuracy", out double validationAccuracy) ? validationAccuracy : null,
        TimeSpan.FromSeconds(logs.Seconds));

    /// <summary>Forwards the trainer's epoch and batch events to an <see cref="ITrainingObserver"/>.</summary>
    sealed class ObserverCallback(ITrainingObserver observer) : Callback
    {
        public override void OnEpochBegin(TrainingContext context, int epoch) =>
            observer.EpochStarted(epoch, context.Epochs, context.BatchesPerEpoch);

        public override void OnBatchEnd(TrainingContext context, TrainingProgress progress) =>
            observer.BatchCompleted(progress.Batch, progress.BatchesPerEpoch, progress.RunningLoss);

        public override void OnEpochEnd(TrainingContext context, EpochLogs logs) => observer.EpochCompleted(ToRecord(logs));
    }
}
