using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Learn;

/// <summary>
/// Overfitting and two cures. A large network (1 → 64 → 64 → 1, tanh) fits 40 noisy samples of sin(x):
/// its training loss keeps falling as it learns the noise, while the loss on fresh validation data
/// falls, then turns up. L2 regularisation (weight decay: a penalty λ·Σw² that keeps weights small and
/// the fit smooth) and early stopping (keep the weights of the epoch with the lowest validation loss)
/// each fix it.
/// </summary>
public static class Overfitting
{
    /// <summary>The small noisy training set and a larger validation set from the same distribution (sin x + noise).</summary>
    /// <param name="seed">Seeds the data.</param>
    public static (LabeledData Train, LabeledData Validation) Data(ulong seed = 7)
    {
        var generator = new Generator(seed);
        return (Synthetic.NoisySine(40, noise: 0.3, generator), Synthetic.NoisySine(400, noise: 0.3, generator));
    }

    /// <summary>Trains the large network without regularisation.</summary>
    /// <param name="epochs">How many full-batch epochs.</param>
    /// <param name="seed">Seeds the data and the initial weights.</param>
    public static OverfittingRun WithoutRegularisation(int epochs = 500, ulong seed = 7) =>
        Run("no regularisation", weightDecay: 0, earlyStopping: null, epochs, seed);

    /// <summary>Trains the same network with L2 regularisation: Adam's weight decay λ adds λ·w to each weight's gradient, the gradient of the penalty ½λ·Σw².</summary>
    /// <param name="weightDecay">The L2 coefficient.</param>
    /// <param name="epochs">How many full-batch epochs.</param>
    /// <param name="seed">Seeds the data and the initial weights.</param>
    public static OverfittingRun WithL2(double weightDecay = 1e-2, int epochs = 500, ulong seed = 7) =>
        Run("L2 (weight decay)", weightDecay, earlyStopping: null, epochs, seed);

    /// <summary>Trains the same network, stopping when the validation loss has not improved for <paramref name="patience"/> epochs and restoring the best weights.</summary>
    /// <param name="patience">Epochs without improvement to wait.</param>
    /// <param name="epochs">The most epochs to run.</param>
    /// <param name="seed">Seeds the data and the initial weights.</param>
    public static OverfittingRun WithEarlyStopping(int patience = 100, int epochs = 500, ulong seed = 7) =>
        Run("early stopping", weightDecay: 0, new EarlyStopping(patience: patience, restoreBestWeights: true), epochs, seed);

    /// <summary>A chart of the training and validation losses of some runs.</summary>
    /// <param name="runs">The runs to draw.</param>
    public static SvgChart Chart(IReadOnlyList<OverfittingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var chart = new SvgChart("Training (dashed) and validation loss") { XLabel = "epoch", YLabel = "mean squared error", YRange = (0, 0.4) };
        string[] colors = ["#d62728", "#1f77b4", "#2ca02c"];
        for (int r = 0; r < runs.Count; r++)
        {
            double[] epochs = Enumerable.Range(1, runs[r].EpochsRun).Select(e => (double)e).ToArray();
            chart.AddLine(runs[r].Name + ", training", epochs, runs[r].TrainingLoss, colors[r % colors.Length], dashed: true);
            chart.AddLine(runs[r].Name + ", validation", epochs, runs[r].ValidationLoss, colors[r % colors.Length]);
        }
        return chart;
    }

    static OverfittingRun Run(string name, double weightDecay, EarlyStopping? earlyStopping, int epochs, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var (train, validation) = Data(seed);
        var generator = new Generator(seed + 1);
        var model = new Sequential(
            new Linear(1, 64, generator: generator), new Tanh(),
            new Linear(64, 64, generator: generator), new Tanh(),
            new Linear(64, 1, generator: generator));
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 0.01, weightDecay: weightDecay), Losses.MSE,
            new TrainerOptions { BatchSize = train.Count, ShuffleSeed = 1 });
        History history = trainer.Fit(train.ToDataset(), validation.ToDataset(), epochs,
            callbacks: earlyStopping is null ? null : [earlyStopping]);

        double[] validationLoss = history["val_loss"];
        int best = Array.IndexOf(validationLoss, validationLoss.Min()) + 1;
        double final = trainer.Evaluate(validation.ToDataset()).Loss;
        return new OverfittingRun(name, history["loss"], validationLoss, history.Epochs, best, final);
    }
}
