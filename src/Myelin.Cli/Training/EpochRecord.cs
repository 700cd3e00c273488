namespace Myelin.Cli.Training;

/// <summary>The measurements of one epoch.</summary>
/// <param name="Epoch">The epoch's number, from 1.</param>
/// <param name="Loss">The mean training loss over the epoch's batches (weighted by batch size).</param>
/// <param name="Accuracy">The training accuracy over the epoch, for classification.</param>
/// <param name="ValidationLoss">The validation loss after the epoch, when there is validation data.</param>
/// <param name="ValidationAccuracy">The validation accuracy after the epoch, for classification with validation data.</param>
/// <param name="Duration">The wall-clock time of the epoch, validation included.</param>
internal sealed record EpochRecord(
    int Epoch,
    double Loss,
    double? Accuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    TimeSpan Duration);
