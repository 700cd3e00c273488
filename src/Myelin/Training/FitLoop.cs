using System.Diagnostics;
using Myelin.Data;

namespace Myelin.Training;

/// <summary>One <see cref="Trainer"/>.Fit call: the epochs, the batches of each, validation and callbacks.</summary>
internal sealed class FitLoop
{
    readonly Trainer trainer;
    readonly DataLoader loader;
    readonly IDataset? validation;
    readonly int epochs;
    readonly IReadOnlyList<Callback> callbacks;
    readonly IProgress<TrainingProgress>? progress;
    readonly CancellationToken cancellationToken;
    readonly History history = new();
    readonly TrainingContext context;

    public FitLoop(Trainer trainer, DataLoader loader, IDataset? validation, int epochs, IReadOnlyList<Callback> callbacks,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        this.trainer = trainer;
        this.loader = loader;
        this.validation = validation;
        this.epochs = epochs;
        this.callbacks = callbacks;
        this.progress = progress;
        this.cancellationToken = cancellationToken;
        context = new TrainingContext(trainer, epochs, loader.Count, validation is not null, history);
    }

    public History Run()
    {
        var modes = ModuleModes.Capture(trainer.Model);
        try
        {
            foreach (var callback in callbacks) callback.OnTrainBegin(context);
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    history.Stop(StopReason.Cancelled, $"Cancelled before epoch {epoch}.");
                    break;
                }
                foreach (var callback in callbacks) callback.OnEpochBegin(context, epoch);
                var logs = RunEpoch(epoch);
                if (logs is null) break;
                history.Add(logs);
                foreach (var callback in callbacks) callback.OnEpochEnd(context, logs);
                // A request on the last epoch changes nothing: every epoch has run.
                if (context.PendingStop is { } stop && epoch < epochs)
                {
                    history.Stop(stop.Reason, stop.Message);
                    break;
                }
            }
            foreach (var callback in callbacks) callback.OnTrainEnd(context);
            return history;
        }
        finally { modes.Restore(); }
    }

    /// <summary>Trains one epoch and validates; null when cancelled part-way.</summary>
    EpochLogs? RunEpoch(int epoch)
    {
        var model = trainer.Model;
        var optimizer = trainer.Optimizer;
        var metrics = trainer.Metrics;
        model.Train();
        foreach (var metric in metrics) metric.Reset();
        double learningRate = optimizer.LearningRate;
        long start = Stopwatch.GetTimestamp();

        double lossSum = 0;
        long lossSamples = 0, seenSamples = 0;
        int batch = 0, skipped = 0;
        using (var batches = loader.GetEnumerator())
        {
            while (batches.MoveNext())
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    history.Stop(StopReason.Cancelled, $"Cancelled during epoch {epoch}, after {batch} of {loader.Count} batches; that epoch is not recorded.");
                    return null;
                }
                batch++;
                var (x, y) = batches.Current;
                int n = Trainer.BatchSizeOf(x);

                optimizer.ZeroGrad();
                var output = model.Forward(x);
                var loss = trainer.ComputeLoss(output, y);
                double value = loss.Item();
                if (double.IsFinite(value))
                {
                    loss.Backward();
                    trainer.ClipGradients();
                    optimizer.Step();
                    lossSum += value * n;
                    lossSamples += n;
                    foreach (var metric in metrics) metric.Update(output, y);
                }
                else if (trainer.Options.NonFiniteLoss == NonFiniteLossAction.Throw)
                    throw new NonFiniteLossException(epoch, batch, loader.Count, value, optimizer.LearningRate);
                else skipped++;
                seenSamples += n;

                var elapsed = Stopwatch.GetElapsedTime(start);
                var report = new TrainingProgress
                {
                    Epoch = epoch,
                    Epochs = epochs,
                    Batch = batch,
                    BatchesPerEpoch = loader.Count,
                    BatchLoss = value,
                    RunningLoss = lossSamples == 0 ? double.NaN : lossSum / lossSamples,
                    Samples = seenSamples,
                    SamplesPerSecond = elapsed.TotalSeconds > 0 ? seenSamples / elapsed.TotalSeconds : 0,
                    Elapsed = elapsed,
                };
                foreach (var callback in callbacks) callback.OnBatchEnd(context, report);
                progress?.Report(report);
            }
        }

        var values = new List<KeyValuePair<string, double>>
        {
            new(LogNames.Loss, lossSamples == 0 ? double.NaN : lossSum / lossSamples),
        };
        foreach (var metric in metrics) values.Add(new(metric.Name, metric.Result()));
        if (validation is not null)
        {
            model.Eval();
            values.AddRange(trainer.EvaluateInCurrentMode(validation, loader.BatchSize).Named(LogNames.ValidationPrefix));
            model.Train();
        }
        values.Add(new(LogNames.LearningRate, learningRate));
        values.Add(new(LogNames.Seconds, Stopwatch.GetElapsedTime(start).TotalSeconds));
        return new EpochLogs(epoch, values, skipped);
    }
}
