using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Learn;

/// <summary>
/// The learning rate decides everything in gradient descent: too small and the loss creeps down; about
/// right and it drops quickly; too large and every step overshoots the minimum by more than the last,
/// so the loss grows until it overflows.
/// </summary>
/// <remarks>
/// The model is a straight line fitted to y = 3x + 2 + noise (x standardised), trained with full-batch
/// gradient descent on mean squared error. For this loss any rate above 1 diverges.
/// </remarks>
public static class LearningRateExperiment
{
    /// <summary>The line-fitting data: 100 samples, x ~ 𝒩(0, 1), y = 3x + 2 + 0.5·noise.</summary>
    /// <param name="seed">Seeds the data.</param>
    public static TensorDataset Data(ulong seed = 3)
    {
        var generator = new Generator(seed);
        Tensor x = Tensor.Randn([100, 1], generator);
        Tensor y = 3 * x + 2 + 0.5 * Tensor.Randn([100, 1], generator);
        return new TensorDataset(x, y);
    }

    /// <summary>
    /// Trains the line for up to <paramref name="epochs"/> epochs, one <c>Trainer.Fit</c>
    /// epoch at a time, and stops early when the loss diverges: the trainer throws
    /// <see cref="NonFiniteLossException"/> for an infinite or NaN loss, and a loss a thousand times its
    /// starting value counts as diverging too.
    /// </summary>
    /// <param name="learningRate">The gradient-descent step size.</param>
    /// <param name="epochs">The most epochs to run.</param>
    /// <param name="seed">Seeds the data; the line starts at w = 0, b = 0.</param>
    public static LearningRateRun Train(double learningRate, int epochs = 60, ulong seed = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        TensorDataset data = Data(seed);
        var line = new Linear(1, 1, generator: new Generator(0));   // weights set below
        Init.Zeros(line.Weight);
        Init.Zeros(line.Bias!);
        var trainer = new Trainer(line, new SGD(line.Parameters(), learningRate), Losses.MSE,
            new TrainerOptions { BatchSize = data.Count, Shuffle = false });

        double start = trainer.Evaluate(data).Loss;
        var losses = new List<double> { start };
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            try
            {
                trainer.Fit(data, epochs: 1);
            }
            catch (NonFiniteLossException error)
            {
                return new LearningRateRun(learningRate, losses, true, epoch,
                    $"the loss became {FormatLoss(error.Loss)} (the trainer stopped with NonFiniteLossException)");
            }
            double loss = trainer.Evaluate(data).Loss;
            losses.Add(loss);
            if (!double.IsFinite(loss))
                return new LearningRateRun(learningRate, losses, true, epoch, $"the loss overflowed to {FormatLoss(loss)}");
            if (loss > 1000 * start)
                return new LearningRateRun(learningRate, losses, true, epoch, $"the loss grew from {start:G3} to {loss:G3}");
        }
        return new LearningRateRun(learningRate, losses, false, null, null);
    }

    /// <summary>A chart of the loss curves (log scale).</summary>
    /// <param name="runs">The runs to draw.</param>
    public static SvgChart Chart(IReadOnlyList<LearningRateRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var chart = new SvgChart("Training loss for three learning rates") { XLabel = "epoch", YLabel = "mean squared error", LogY = true };
        foreach (LearningRateRun run in runs)
            chart.AddLine($"lr = {run.LearningRate:G3}{(run.Diverged ? " (diverged)" : "")}",
                Enumerable.Range(0, run.Losses.Count).Select(e => (double)e).ToArray(), run.Losses);
        return chart;
    }

    static string FormatLoss(double loss) => double.IsNaN(loss) ? "NaN" : loss > 0 ? "infinite" : "-infinite";
}
