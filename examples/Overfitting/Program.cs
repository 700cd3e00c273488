// Overfitting: a large network memorises 40 noisy points; L2 regularisation and early stopping fix it.
// Run: dotnet run --project examples/Overfitting   (writes overfitting.svg)
using Myelin.Learn;

OverfittingRun plain = Overfitting.WithoutRegularisation();
OverfittingRun l2 = Overfitting.WithL2(weightDecay: 1e-2);
OverfittingRun early = Overfitting.WithEarlyStopping(patience: 100);

foreach (OverfittingRun run in new[] { plain, l2, early })
    Console.WriteLine($"{run.Name,-20} epochs {run.EpochsRun,4}  training loss {run.TrainingLoss[^1]:F4}  " +
                      $"validation loss {run.FinalValidationLoss:F4}  (best at epoch {run.BestEpoch})");

Overfitting.Chart([plain, l2, early]).Save("overfitting.svg");
Console.WriteLine("Wrote overfitting.svg");
