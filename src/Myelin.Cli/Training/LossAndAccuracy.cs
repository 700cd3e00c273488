using Myelin.Data;
using Myelin.NN;

namespace Myelin.Cli.Training;

/// <summary>The mean loss of a model on a data set, and its accuracy for classification.</summary>
/// <param name="Loss">The mean loss over all samples.</param>
/// <param name="Accuracy">The fraction of samples whose argmax output is the label, or null for regression.</param>
internal readonly record struct LossAndAccuracy(double Loss, double? Accuracy)
{
    const int BatchSize = 1024;

    /// <summary>
    /// Measures <paramref name="model"/> on <paramref name="data"/> in evaluation mode without recording a graph,
    /// then puts the model back in the mode it was in.
    /// </summary>
    public static LossAndAccuracy Measure(Module model, Loss loss, IDataset data, bool measureAccuracy)
    {
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            double lossSum = 0;
            long correct = 0;
            using (Autograd.NoGrad())
            {
                foreach (var (x, y) in new DataLoader(data, BatchSize))
                {
                    var output = model.Forward(x);
                    lossSum += loss.Forward(output, y).Item() * x.Shape[0];
                    if (measureAccuracy) correct += CountCorrect(output, y);
                }
            }
            return new LossAndAccuracy(lossSum / data.Count, measureAccuracy ? (double)correct / data.Count : null);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>The number of rows of <paramref name="logits"/> [B, K] whose largest entry is at the label <paramref name="labels"/> [B].</summary>
    public static long CountCorrect(Tensor logits, Tensor labels)
    {
        var predicted = logits.ArgMax(1).ToArray<long>();
        var actual = labels.ToArray<long>();
        long correct = 0;
        for (int i = 0; i < predicted.Length; i++) if (predicted[i] == actual[i]) correct++;
        return correct;
    }
}
