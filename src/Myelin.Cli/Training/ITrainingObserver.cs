namespace Myelin.Cli.Training;

/// <summary>Receives the progress of a training run (the live display, the plain log lines, tests).</summary>
internal interface ITrainingObserver
{
    /// <summary>An epoch begins; it will run <paramref name="batches"/> batches.</summary>
    void EpochStarted(int epoch, int epochs, int batches);

    /// <summary>Batch <paramref name="batch"/> (1-based) of the epoch is done; <paramref name="meanLoss"/> is the epoch's mean loss so far.</summary>
    void BatchCompleted(int batch, int batches, double meanLoss);

    /// <summary>An epoch is done, validation included.</summary>
    void EpochCompleted(EpochRecord record);
}
