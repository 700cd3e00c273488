namespace Myelin.Training;

/// <summary>
/// Thrown by <see cref="Trainer"/> when a training batch's loss is NaN or infinite: training cannot
/// recover from it, because the next step would fill the weights with NaN. The message names the
/// epoch and batch and lists the usual causes.
/// </summary>
/// <remarks>
/// To skip such batches instead, set <see cref="TrainerOptions.NonFiniteLoss"/> to
/// <see cref="NonFiniteLossAction.SkipBatch"/>.
/// </remarks>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception for the loss <paramref name="loss"/> at <paramref name="epoch"/> and <paramref name="batch"/> (both numbered from 1).</summary>
    /// <param name="epoch">The epoch, numbered from 1.</param>
    /// <param name="batch">The batch within the epoch, numbered from 1.</param>
    /// <param name="batchesPerEpoch">The number of batches in an epoch.</param>
    /// <param name="loss">The loss value (NaN or ±∞).</param>
    /// <param name="learningRate">The learning rate at the time, quoted in the message.</param>
    public NonFiniteLossException(int epoch, int batch, int batchesPerEpoch, double loss, double learningRate)
        : base(Describe(epoch, batch, batchesPerEpoch, loss, learningRate))
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>The epoch in which the loss was not finite, numbered from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch, numbered from 1.</summary>
    public int Batch { get; }

    /// <summary>The loss value: NaN or ±∞.</summary>
    public double Loss { get; }

    static string Describe(int epoch, int batch, int batchesPerEpoch, double loss, double learningRate) =>
        $"Trainer.Fit: the loss is {LogNames.Format(loss)} at epoch {epoch}, batch {batch} of {batchesPerEpoch}. " +
        $"Usual causes: a learning rate that is too high (it is {LogNames.Format(learningRate)}; try 10 times smaller), " +
        "inputs that are not scaled (standardise the features, e.g. with StandardScaler), " +
        "or the log of zero in a custom loss (use the logit forms such as CrossEntropyLoss or BCEWithLogitsLoss, or clamp the probabilities). " +
        "Gradient clipping (TrainerOptions.GradientClipNorm) can help against exploding gradients. " +
        "To skip such batches instead, set TrainerOptions.NonFiniteLoss = NonFiniteLossAction.SkipBatch.";
}
