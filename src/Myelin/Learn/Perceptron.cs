using System.Globalization;
using Myelin.NN;

namespace Myelin.Learn;

/// <summary>
/// Rosenblatt's perceptron: a neuron that weighs its inputs, adds a bias and fires (outputs 1)
/// when the total reaches zero, otherwise outputs 0. Equivalently it fires when the weighted sum
/// reaches a threshold, with <c>threshold = −bias</c>.
/// </summary>
/// <remarks>
/// <para>
/// The output is <c>1 if w·x + b ≥ 0, else 0</c>, the same rule as the library's <see cref="Step"/>
/// unit, so <see cref="ToModule"/> gives the identical network as a <see cref="Sequential"/>. Some
/// textbooks fire only when <c>w·x + b &gt; 0</c>; the two differ only when the sum is exactly zero.
/// </para>
/// <para>
/// <see cref="Train"/> is Rosenblatt's learning rule: after each example, move every weight by
/// <c>η·(target − output)·input</c> and the bias by <c>η·(target − output)</c>. Nothing changes when the
/// output is right. If the two classes can be separated by a straight line (a hyperplane), the rule
/// stops making mistakes after finitely many passes; if they cannot — XOR — it never does.
/// </para>
/// <para>Shape: inputs [n] (one example) → a single 0 or 1.</para>
/// </remarks>
/// <example>
/// <code>
/// var sweets = Perceptron.FromThreshold([2, 6, 2], threshold: 5);
/// sweets.Fire([0, 1, 0]);   // 1: the favourite sweet alone is enough
/// var nand = new Perceptron([-2, -2], bias: 3);
/// nand.Fire([1, 1]);        // 0
/// </code>
/// </example>
public sealed class Perceptron
{
    readonly double[] weights;

    /// <summary>Creates a perceptron with the given weights and bias.</summary>
    /// <param name="weights">One weight per input (at least one); copied.</param>
    /// <param name="bias">Added to the weighted sum; the perceptron fires when the total is ≥ 0.</param>
    /// <exception cref="ArgumentException">No weights, or a weight or the bias is not a finite number.</exception>
    public Perceptron(IReadOnlyList<double> weights, double bias = 0)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
            throw new ArgumentException("Perceptron: at least one weight is needed.", nameof(weights));
        for (int i = 0; i < weights.Count; i++)
            if (!double.IsFinite(weights[i]))
                throw new ArgumentException($"Perceptron: weight {i} must be a finite number, got {Format(weights[i])}.", nameof(weights));
        if (!double.IsFinite(bias))
            throw new ArgumentException($"Perceptron: the bias must be a finite number, got {Format(bias)}.", nameof(bias));
        this.weights = [.. weights];
        Bias = bias;
    }

    /// <summary>
    /// Creates a perceptron in the threshold form: it fires when <c>w·x ≥ threshold</c>, which is a
    /// bias of <c>−threshold</c>.
    /// </summary>
    /// <param name="weights">One weight per input (at least one).</param>
    /// <param name="threshold">The weighted sum needed to fire.</param>
    public static Perceptron FromThreshold(IReadOnlyList<double> weights, double threshold) => new(weights, -threshold);

    /// <summary>The weights, one per input. Training changes them.</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>The bias: how easy it is to make the perceptron fire. Training changes it.</summary>
    public double Bias { get; private set; }

    /// <summary>The threshold form of the bias: the weighted sum needed to fire (<c>−Bias</c>).</summary>
    public double Threshold => -Bias;

    /// <summary>How many inputs the perceptron takes.</summary>
    public int InputCount => weights.Length;

    /// <summary>The total before the decision: <c>w·x + b</c>.</summary>
    /// <param name="inputs">One value per weight.</param>
    /// <exception cref="ArgumentException">The number of inputs differs from the number of weights.</exception>
    public double WeightedSum(IReadOnlyList<double> inputs)
    {
        CheckInputs(inputs);
        double sum = Bias;
        for (int i = 0; i < weights.Length; i++)
            sum += weights[i] * inputs[i];
        return sum;
    }

    /// <summary>The perceptron's output: 1 if <c>w·x + b ≥ 0</c>, else 0.</summary>
    /// <param name="inputs">One value per weight (usually 0 or 1).</param>
    /// <exception cref="ArgumentException">The number of inputs differs from the number of weights.</exception>
    public int Fire(IReadOnlyList<double> inputs) => WeightedSum(inputs) >= 0 ? 1 : 0;

    /// <summary>
    /// Trains with Rosenblatt's rule, one example at a time in the given order, until an epoch (a pass
    /// over all examples) makes no mistake or <paramref name="maxEpochs"/> epochs have run.
    /// </summary>
    /// <param name="inputs">The examples: each with one value per weight.</param>
    /// <param name="targets">The wanted output of each example, 0 or 1.</param>
    /// <param name="learningRate">η &gt; 0, the size of each correction.</param>
    /// <param name="maxEpochs">The most passes to make (at least one).</param>
    /// <returns>How many epochs ran, whether the last made no mistake, and the mistakes in each epoch.</returns>
    /// <exception cref="ArgumentException">
    /// No examples, a different number of targets than examples, a target other than 0 or 1, or an
    /// example of the wrong length.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is not positive or <paramref name="maxEpochs"/> is below one.</exception>
    public PerceptronTrainingReport Train(IReadOnlyList<IReadOnlyList<double>> inputs, IReadOnlyList<int> targets,
        double learningRate = 1, int maxEpochs = 100)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count == 0)
            throw new ArgumentException("Perceptron.Train: at least one example is needed.", nameof(inputs));
        if (targets.Count != inputs.Count)
            throw new ArgumentException(
                $"Perceptron.Train: {inputs.Count} examples but {targets.Count} targets; give one target per example.", nameof(targets));
        for (int n = 0; n < inputs.Count; n++)
        {
            if (targets[n] is not (0 or 1))
                throw new ArgumentException($"Perceptron.Train: target {n} is {targets[n]}; targets must be 0 or 1.", nameof(targets));
            CheckInputs(inputs[n], $"Perceptron.Train: example {n}");
        }
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Perceptron.Train: the learning rate must be a positive number.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);

        var mistakesPerEpoch = new List<int>();
        for (int epoch = 0; epoch < maxEpochs; epoch++)
        {
            int mistakes = 0;
            for (int n = 0; n < inputs.Count; n++)
            {
                // error is +1 (should have fired), −1 (should not have fired) or 0 (right: no change).
                int error = targets[n] - Fire(inputs[n]);
                if (error == 0) continue;
                mistakes++;
                for (int i = 0; i < weights.Length; i++)
                    weights[i] += learningRate * error * inputs[n][i];
                Bias += learningRate * error;
            }
            mistakesPerEpoch.Add(mistakes);
            if (mistakes == 0)
                return new PerceptronTrainingReport(epoch + 1, Converged: true, mistakesPerEpoch);
        }
        return new PerceptronTrainingReport(maxEpochs, Converged: false, mistakesPerEpoch);
    }

    /// <summary>
    /// The same perceptron as a network of library layers: <c>Sequential(Linear(n, 1), Step())</c> with
    /// these weights and bias. Shape: [N, n] → [N, 1].
    /// </summary>
    /// <param name="dtype">The layers' floating-point type.</param>
    public Sequential ToModule(DType dtype = DType.Float32)
    {
        var linear = new Linear(weights.Length, 1, generator: new Generator(0), dtype: dtype);   // weights set below
        using (Autograd.NoGrad())
        {
            linear.Weight.CopyFrom(Tensor.FromArray(weights, 1, weights.Length));
            linear.Bias!.CopyFrom(Tensor.FromArray(new[] { Bias }, 1));
        }
        return new Sequential(linear, new Step());
    }

    /// <summary>A description such as <c>Perceptron(weights [2, 6, 2], bias -5)</c>.</summary>
    public override string ToString() =>
        $"Perceptron(weights [{string.Join(", ", weights.Select(Format))}], bias {Format(Bias)})";

    void CheckInputs(IReadOnlyList<double> inputs, string context = "Perceptron")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != weights.Length)
            throw new ArgumentException(
                $"{context}: expected {weights.Length} inputs (one per weight), got {inputs.Count}.", nameof(inputs));
    }

    static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
