using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>A binary digit classifier with precision and recall.</summary>
internal sealed class IsItANineDemo : Demo
{
    public override string Name => "is-it-a-9";

    public override string Summary => "is this handwritten digit a 9? a sigmoid output, a 0.5 threshold, precision and recall";

    public override int Run(DemoContext context)
    {
        context.Line("8 × 8 handwritten digits; the question is only \"is it a 9?\". The network's sigmoid output is the");
        context.Line($"probability of a 9, and the answer is yes when it exceeds {NineDetector.Threshold}.");
        NineDetectorReport report = NineDetector.Train();
        context.Line($"Trained on {report.TrainCount} images, tested on {report.TestCount} held out.");
        context.Line();
        context.Line("                  predicted 9   predicted not 9");
        context.Line($"  actually 9      {report.TruePositives,11}   {report.FalseNegatives,15}");
        context.Line($"  actually not 9  {report.FalsePositives,11}   {report.TrueNegatives,15}");
        context.Line();
        int nines = report.TruePositives + report.FalseNegatives;
        context.Line($"Accuracy  {report.Accuracy * 100,5:F1}%   (always answering \"no\" would already score {100.0 * (report.TestCount - nines) / report.TestCount:F1}%)");
        context.Line($"Precision {report.Precision * 100,5:F1}%   of the images called 9, how many are: TP / (TP + FP)");
        context.Line($"Recall    {report.Recall * 100,5:F1}%   of the real 9s, how many were found:  TP / (TP + FN)");
        context.Line("Raising the threshold trades recall for precision; lowering it does the opposite.");
        return report.Precision >= 0.9 && report.Recall >= 0.9 ? 0 : 1;
    }
}
