namespace Myelin.Training;

/// <summary>
/// Where training stands after a batch, for drawing a progress bar: reported through the
/// <c>IProgress&lt;TrainingProgress&gt;</c> given to <see cref="Trainer"/>.Fit and passed to
/// <see cref="Callback.OnBatchEnd"/>.
/// </summary>
public sealed class TrainingProgress
{
    /// <summary>The current epoch, numbered from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The number of epochs requested.</summary>
    public required int Epochs { get; init; }

    /// <summary>The batch just finished, numbered from 1 within the epoch.</summary>
    public required int Batch { get; init; }

    /// <summary>The number of batches in an epoch.</summary>
    public required int BatchesPerEpoch { get; init; }

    /// <summary>This batch's loss (NaN or ±∞ for a skipped batch).</summary>
    public required double BatchLoss { get; init; }

    /// <summary>The mean loss per sample over the epoch's batches so far (skipped batches left out).</summary>
    public required double RunningLoss { get; init; }

    /// <summary>The samples of the epoch processed so far.</summary>
    public required long Samples { get; init; }

    /// <summary>Training throughput over the epoch so far.</summary>
    public required double SamplesPerSecond { get; init; }

    /// <summary>Time since the epoch began.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The fraction of the epoch done, in (0, 1].</summary>
    public double EpochFraction => (double)Batch / BatchesPerEpoch;

    /// <summary>The fraction of all requested epochs done, in (0, 1].</summary>
    public double OverallFraction => (Epoch - 1 + EpochFraction) / Epochs;

    /// <summary>"epoch 2/10, batch 17/40, loss 0.234, 12345 samples/s".</summary>
    public override string ToString() =>
        $"epoch {Epoch}/{Epochs}, batch {Batch}/{BatchesPerEpoch}, loss {LogNames.Format(RunningLoss)}, {Math.Round(SamplesPerSecond).ToString(System.Globalization.CultureInfo.InvariantCulture)} samples/s";
}
