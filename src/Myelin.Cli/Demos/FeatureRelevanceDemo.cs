using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>Training shrinks the weight of an irrelevant input and grows the useful ones.</summary>
internal sealed class FeatureRelevanceDemo : Demo
{
    public override string Name => "feature-relevance";

    public override string Summary => "learning what matters: the weight on a student's name shrinks, the useful weights grow";

    public override int Run(DemoContext context)
    {
        context.Line("Who passes the exam? 2,000 synthetic students, four standardised inputs: hours studied, how smart,");
        context.Line("previous knowledge — and their name, encoded as a number that has nothing to do with passing.");
        context.Line("One sigmoid neuron, all four weights starting at 0.5, gradient descent on cross-entropy:");
        context.Line();
        double[][] weights = FeatureRelevance.Train();
        context.Line("  epoch  " + string.Join("", FeatureRelevance.FeatureNames.Select(n => $"{n,20}")));
        foreach (int epoch in new[] { 0, 5, 10, 25, 50, 100, 200, weights.Length - 1 })
            context.Line($"  {epoch,5}  " + string.Join("", weights[epoch].Select(w => $"{w,20:F3}")));
        double[] final = weights[^1];
        double name = Math.Abs(final[3]), smallestUseful = final.Take(3).Min(Math.Abs);
        context.Line();
        context.Line($"The name's weight ended at {final[3]:F3}, the useful ones at {final[0]:F2}, {final[1]:F2} and {final[2]:F2}:");
        context.Line("the gradient pushes a weight only as far as the input helps predict the target, and noise does not.");
        context.Save("feature-relevance.svg", "the weights over training", path => FeatureRelevance.Chart(weights).Save(path));
        return name < 0.2 * smallestUseful ? 0 : 1;
    }
}
