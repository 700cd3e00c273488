namespace Myelin.Cli.Training;

/// <summary>
/// Runs the epochs of a <see cref="TrainingJob"/>: batches, optimizer steps, validation and early stopping.
/// The train command and its display depend on this interface only, not on how the loop is run
/// (<see cref="TrainerTrainingLoop"/> runs it with the library's Trainer), and tests can drive it directly.
/// </summary>
internal interface ITrainingLoop
{
    /// <summary>
    /// Trains <see cref="TrainingJob.Model"/> in place and reports each batch and epoch to <paramref name="observer"/>.
    /// When early stopping is on, the model ends with the weights of its best epoch.
    /// </summary>
    /// <param name="job">The model, optimizer, loss, data and settings.</param>
    /// <param name="observer">Receives progress; called on the training thread.</param>
    /// <param name="cancellationToken">Stops training after the current batch; the outcome says so.</param>
    TrainingOutcome Fit(TrainingJob job, ITrainingObserver observer, CancellationToken cancellationToken);
}
