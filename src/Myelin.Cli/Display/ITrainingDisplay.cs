using Myelin.Cli.Training;

namespace Myelin.Cli.Display;

/// <summary>Shows a training run while it happens: a live bar and table on a terminal, plain lines otherwise.</summary>
internal interface ITrainingDisplay
{
    /// <summary>Runs <paramref name="training"/>, giving it the observer that draws its progress, and returns its outcome.</summary>
    TrainingOutcome Run(Func<ITrainingObserver, TrainingOutcome> training);
}
