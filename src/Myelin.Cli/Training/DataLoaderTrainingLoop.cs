using System.Diagnostics;
using Myelin.Data;

namespace Myelin.Cli.Training;

/// <summary>
/// The training loop written out with the library's pieces: a shuffling <see cref="DataLoader"/>, the
/// optimizer step, validation after every epoch, and early stopping on the validation loss (the training
/// loss without validation data) that restores the best epoch's weights.
/// </summary>
internal sealed class DataLoaderTrainingLoop : ITrainingLoop
{
    /// <inheritdoc />
    public TrainingOutcome Fit(TrainingJob job, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        var model = job.Model;
        var loader = new DataLoader(job.Train, job.BatchSize, shuffle: true, seed: job.Seed);
        var records = new List<EpochRecord>();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        Dictionary<string, Tensor>? bestWeights = null;
        bool stoppedEarly = false, cancelled = false;

        for (int epoch = 1; epoch <= job.Epochs && !cancelled; epoch++)
        {
            var clock = Stopwatch.StartNew();
            observer.EpochStarted(epoch, job.Epochs, loader.Count);
            model.Train();
            double lossSum = 0;
            long correct = 0, seen = 0;
            int batch = 0;
            foreach (var (x, y) in loader)
            {
                var output = model.Forward(x);
                var loss = job.Loss.Forward(output, y);
                job.Optimizer.ZeroGrad();
                loss.Backward();
                job.Optimizer.Step();

                lossSum += loss.Item() * x.Shape[0];
                seen += x.Shape[0];
                if (job.MeasureAccuracy)
                    using (Autograd.NoGrad()) correct += LossAndAccuracy.CountCorrect(output, y);
                observer.BatchCompleted(++batch, loader.Count, lossSum / seen);
                if (cancellationToken.IsCancellationRequested) { cancelled = true; break; }
            }
            if (cancelled) break;

            LossAndAccuracy? validation = job.Validation is null ? null
                : LossAndAccuracy.Measure(model, job.Loss, job.Validation, job.MeasureAccuracy);
            var record = new EpochRecord(epoch, lossSum / seen, job.MeasureAccuracy ? (double)correct / seen : null,
                validation?.Loss, validation?.Accuracy, clock.Elapsed);
            records.Add(record);
            observer.EpochCompleted(record);

            double monitored = record.ValidationLoss ?? record.Loss;
            if (monitored < bestLoss)
            {
                bestLoss = monitored;
                bestEpoch = epoch;
                epochsWithoutImprovement = 0;
                if (job.Patience > 0) bestWeights = Snapshot(model);
            }
            else if (job.Patience > 0 && ++epochsWithoutImprovement >= job.Patience)
            {
                stoppedEarly = epoch < job.Epochs;
                break;
            }
        }

        int finalEpoch = records.Count;
        if (bestWeights is not null && bestEpoch != finalEpoch)
        {
            model.LoadStateDict(bestWeights);
            finalEpoch = bestEpoch;
        }
        model.Eval();
        return new TrainingOutcome(records, finalEpoch, stoppedEarly, cancelled);
    }

    /// <summary>A copy of the model's state (state-dict values share memory with the model, so they are cloned).</summary>
    static Dictionary<string, Tensor> Snapshot(Myelin.NN.Module model) =>
        model.StateDict().ToDictionary(entry => entry.Key, entry => entry.Value.Clone(), StringComparer.Ordinal);
}
