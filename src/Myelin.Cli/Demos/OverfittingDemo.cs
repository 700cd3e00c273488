using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>A big network memorises a small noisy training set; L2 and early stopping fix it.</summary>
internal sealed class OverfittingDemo : Demo
{
    public override string Name => "overfitting";

    public override string Summary => "a big network memorises 40 noisy points; L2 regularisation and early stopping fix it";

    public override int Run(DemoContext context)
    {
        context.Line("A 1 → 64 → 64 → 1 tanh network (4,353 weights) learns sin(x) from 40 noisy samples (noise σ = 0.3),");
        context.Line("checked on 400 fresh samples. The best possible loss is the noise: 0.3² = 0.09.");
        OverfittingRun plain = Overfitting.WithoutRegularisation();
        OverfittingRun l2 = Overfitting.WithL2();
        OverfittingRun early = Overfitting.WithEarlyStopping();
        context.Line();
        context.Line("  epoch   training loss   validation loss   (no regularisation)");
        foreach (int epoch in new[] { 1, 50, 100, 200, 300, 400, plain.EpochsRun })
            context.Line($"  {epoch,5}   {plain.TrainingLoss[epoch - 1],13:F4}   {plain.ValidationLoss[epoch - 1],15:F4}");
        context.Line($"Training loss keeps falling; validation loss is lowest at epoch {plain.BestEpoch}, then rises: the network learns the noise.");
        context.Line();
        context.Line("  run                  epochs   final training   final validation");
        foreach (OverfittingRun run in new[] { plain, l2, early })
            context.Line($"  {run.Name,-20} {run.EpochsRun,6}   {run.TrainingLoss[^1],14:F4}   {run.FinalValidationLoss,16:F4}");
        context.Line();
        context.Line("L2 regularisation (weight decay 0.01) keeps the weights small, so the fit stays smooth.");
        context.Line($"Early stopping (patience 100) stopped at epoch {early.EpochsRun} of 500 and restored epoch {early.BestEpoch}'s weights.");
        context.Save("overfitting.svg", "the loss curves", path => Overfitting.Chart([plain, l2, early]).Save(path, 720, 460));
        bool ok = l2.FinalValidationLoss < plain.FinalValidationLoss && early.EpochsRun < 500
            && plain.TrainingLoss[^1] < plain.TrainingLoss[plain.BestEpoch - 1] && plain.FinalValidationLoss > plain.ValidationLoss.Min();
        return ok ? 0 : 1;
    }
}
