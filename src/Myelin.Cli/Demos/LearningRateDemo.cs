using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>Too small, about right, and too large a learning rate.</summary>
internal sealed class LearningRateDemo : Demo
{
    public override string Name => "learning-rate";

    public override string Summary => "too small a learning rate crawls, a good one converges, too large a one diverges";

    public override int Run(DemoContext context)
    {
        context.Line("Fitting a line to y = 3x + 2 + noise by full-batch gradient descent on squared error, 60 epochs:");
        context.Line();
        var runs = new[] { LearningRateExperiment.Train(0.01), LearningRateExperiment.Train(0.3), LearningRateExperiment.Train(1.2) };
        string[] verdicts = ["too small: slow", "about right", "too large"];
        for (int r = 0; r < runs.Length; r++)
        {
            LearningRateRun run = runs[r];
            context.Line($"  lr = {run.LearningRate,-5} ({verdicts[r]}): loss {run.Losses[0]:F3} → " +
                string.Join(" → ", new[] { 5, 10, 30 }.Where(e => e < run.Losses.Count).Select(e => run.Losses[e].ToString("G3"))) +
                $" → {run.Losses[^1]:G3} after {run.Losses.Count - 1} epochs");
            if (run.Diverged)
                context.Line($"      diverged at epoch {run.DivergedAtEpoch}: {run.Reason}. Each step overshoots the minimum by more than the last.");
        }
        context.Line();
        context.Line("For squared error on this data any rate above 1 overshoots; too small a rate needs many more epochs.");
        context.Line("When a loss explodes, the trainer stops with NonFiniteLossException instead of filling the weights with NaN.");
        context.Save("learning-rate.svg", "the loss curves", path => LearningRateExperiment.Chart(runs).Save(path));
        bool ok = !runs[0].Diverged && !runs[1].Diverged && runs[2].Diverged && runs[1].Losses[^1] < runs[0].Losses[^1];
        return ok ? 0 : 1;
    }
}
