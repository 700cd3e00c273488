namespace Myelin.Learn;

/// <summary>
/// What a small change in one weight does to a perceptron and to a sigmoid neuron with the same
/// weights and bias: the sigmoid's output moves a little, the perceptron's can flip from 0 to 1.
/// That smoothness is what lets gradient descent learn, one small step at a time.
/// </summary>
/// <param name="WeightedSumBefore">z = w·x + b with the original weights.</param>
/// <param name="WeightedSumAfter">z after the nudge.</param>
/// <param name="PerceptronBefore">The perceptron's output (0 or 1) before.</param>
/// <param name="PerceptronAfter">The perceptron's output after.</param>
/// <param name="SigmoidBefore">σ(z) before.</param>
/// <param name="SigmoidAfter">σ(z) after.</param>
public sealed record WeightNudge(
    double WeightedSumBefore, double WeightedSumAfter,
    int PerceptronBefore, int PerceptronAfter,
    double SigmoidBefore, double SigmoidAfter)
{
    /// <summary>Whether the perceptron's output changed.</summary>
    public bool PerceptronFlipped => PerceptronBefore != PerceptronAfter;

    /// <summary>How far the sigmoid neuron's output moved.</summary>
    public double SigmoidChange => SigmoidAfter - SigmoidBefore;

    /// <summary>Nudges weight <paramref name="weightIndex"/> by <paramref name="delta"/> and compares both neurons.</summary>
    /// <param name="weights">The weights shared by both neurons.</param>
    /// <param name="bias">The bias shared by both neurons.</param>
    /// <param name="input">The input, one value per weight.</param>
    /// <param name="weightIndex">Which weight to change.</param>
    /// <param name="delta">How much to add to it.</param>
    /// <exception cref="ArgumentException">The input's length differs from the number of weights.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weightIndex"/> is not a weight's index.</exception>
    public static WeightNudge Apply(IReadOnlyList<double> weights, double bias, IReadOnlyList<double> input, int weightIndex, double delta)
    {
        var before = new Perceptron(weights, bias);
        if (weightIndex < 0 || weightIndex >= before.InputCount)
            throw new ArgumentOutOfRangeException(nameof(weightIndex), weightIndex,
                $"WeightNudge: weight index must be in [0, {before.InputCount}).");
        double[] nudged = [.. weights];
        nudged[weightIndex] += delta;
        var after = new Perceptron(nudged, bias);

        double zBefore = before.WeightedSum(input), zAfter = after.WeightedSum(input);
        return new WeightNudge(zBefore, zAfter, before.Fire(input), after.Fire(input), Sigmoid(zBefore), Sigmoid(zAfter));
    }

    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
