namespace Myelin.Cli.Training;

/// <summary>How a training run went.</summary>
/// <param name="Epochs">One record per completed epoch.</param>
/// <param name="BestEpoch">The epoch whose weights the model ends with (the last one without early stopping).</param>
/// <param name="StoppedEarly">True when early stopping ended training before the last epoch.</param>
/// <param name="Cancelled">True when training was interrupted (Ctrl+C).</param>
internal sealed record TrainingOutcome(IReadOnlyList<EpochRecord> Epochs, int BestEpoch, bool StoppedEarly, bool Cancelled);
