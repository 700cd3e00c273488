namespace Myelin.IO;

/// <summary>
/// Where a training run stood when a <see cref="Checkpoint"/> was saved, as returned by
/// <see cref="Checkpoint.Load"/>: <c>var (epoch, step, extra) = Checkpoint.Load(…);</c>
/// </summary>
/// <param name="Epoch">The epoch given to <see cref="Checkpoint.Save"/> (by convention, the number of epochs completed).</param>
/// <param name="Step">The step given to <see cref="Checkpoint.Save"/> (by convention, the number of optimizer steps taken).</param>
/// <param name="Extra">The extra strings given to <see cref="Checkpoint.Save"/> (empty when none).</param>
public sealed record CheckpointInfo(int Epoch, long Step, IReadOnlyDictionary<string, string> Extra);
