using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Cli.VisionDemos;

/// <summary>The training set-up the vision demos share: Adam with a 1cycle schedule stepped after every batch.</summary>
internal static class DemoTrainer
{
    /// <summary>
    /// A trainer for <paramref name="model"/> and <paramref name="loss"/> whose learning rate rises to
    /// <paramref name="peakLearningRate"/> and falls again over <paramref name="epochs"/> passes over
    /// <paramref name="trainImages"/> images, shuffled with <paramref name="seed"/>.
    /// </summary>
    public static Trainer OneCycleAdam(Module model, Loss loss, int seed, double peakLearningRate, int epochs, int trainImages, int batchSize)
    {
        var optimizer = new Adam(model.Parameters(), lr: peakLearningRate);
        return new Trainer(model, optimizer, loss, new TrainerOptions
        {
            BatchSize = batchSize,
            ShuffleSeed = seed,
            Scheduler = new OneCycleLR(optimizer, peakLearningRate, epochs * ((trainImages + batchSize - 1) / batchSize)),
            SchedulerInterval = ScheduleInterval.Batch,
        });
    }
}
