using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Learn;

/// <summary>
/// A network learns which inputs matter. Students are described by four inputs — hours studied, how
/// smart they are, previous knowledge, and their name (encoded as a number, which has nothing to do with
/// passing) — and a sigmoid neuron learns to predict who passes. All four weights start equal; training
/// grows the weights of the three useful inputs and shrinks the name's weight toward zero.
/// </summary>
/// <remarks>
/// Passing is drawn with probability σ(1.5·hours + 1.0·smart + 1.2·knowledge) on standardised inputs
/// (see <see cref="Generate"/>); the name plays no part. The model is one <see cref="Linear"/>(4, 1) with a
/// sigmoid, trained by full-batch gradient descent on binary cross-entropy.
/// </remarks>
public static class FeatureRelevance
{
    /// <summary>The four inputs, in column order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = ["hours studied", "how smart", "previous knowledge", "name"];

    static readonly string[] Names =
        ["Ada", "Ben", "Chloé", "Dmitri", "Eva", "Farah", "Gustav", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nia", "Omar", "Priya"];

    /// <summary>
    /// Encodes a name as a number in [0, 1): the sum of its characters' codes modulo 100, over 100 — a
    /// label with no meaning for the exam.
    /// </summary>
    /// <param name="name">The student's name.</param>
    public static double EncodeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Sum(c => (int)c) % 100 / 100.0;
    }

    /// <summary>
    /// Draws students: hours studied uniform in [0, 10), how smart ~ 𝒩(100, 15), previous knowledge
    /// uniform in [0, 10), a random name; each input standardised (mean 0, standard deviation about 1).
    /// A student passes with probability σ(1.5·hours + 1.0·smart + 1.2·knowledge) in standardised units.
    /// </summary>
    /// <param name="count">How many students (at least 1).</param>
    /// <param name="generator">The random source; null for <see cref="Generator.Default"/>.</param>
    /// <returns>Features Float32 [count, 4] (standardised) and labels Float32 [count, 1] (1 = passed).</returns>
    public static LabeledData Generate(int count, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = generator ?? Generator.Default;
        var features = new float[count * 4];
        var passed = new float[count];
        for (int i = 0; i < count; i++)
        {
            // Standardised: uniform [0, 10) has mean 5 and standard deviation 10/√12.
            double hours = (10 * random.NextDouble() - 5) / (10 / Math.Sqrt(12));
            double smart = random.NextNormal();
            double knowledge = (10 * random.NextDouble() - 5) / (10 / Math.Sqrt(12));
            double name = (EncodeName(Names[random.NextInt(Names.Length)]) - 0.5) / 0.29;
            double chance = 1 / (1 + Math.Exp(-(1.5 * hours + 1.0 * smart + 1.2 * knowledge)));
            features[4 * i] = (float)hours;
            features[4 * i + 1] = (float)smart;
            features[4 * i + 2] = (float)knowledge;
            features[4 * i + 3] = (float)name;
            passed[i] = random.NextDouble() < chance ? 1 : 0;
        }
        return new LabeledData(Tensor.FromArray(features, count, 4), Tensor.FromArray(passed, count, 1), []);
    }

    /// <summary>
    /// Trains the neuron from equal starting weights (0.5 each, bias 0) and records the weights as it learns.
    /// </summary>
    /// <param name="epochs">Full-batch gradient-descent steps.</param>
    /// <param name="seed">Seeds the data.</param>
    /// <param name="students">How many students to generate.</param>
    /// <param name="learningRate">The step size.</param>
    /// <returns>The weights after each epoch (index 0: before training), one row of four per epoch.</returns>
    public static double[][] Train(int epochs = 300, ulong seed = 21, int students = 2000, double learningRate = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        LabeledData data = Generate(students, new Generator(seed));
        var neuron = new Linear(4, 1, generator: new Generator(0));   // weights set below
        Init.Constant(neuron.Weight, 0.5);
        Init.Zeros(neuron.Bias!);
        var model = new Sequential(neuron, new Sigmoid());
        var optimizer = new SGD(model.Parameters(), learningRate);

        var history = new double[epochs + 1][];
        history[0] = neuron.Weight.ToArray<float>().Select(w => (double)w).ToArray();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            Tensor loss = F.BCELoss(model.Forward(data.Features), data.Labels);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            history[epoch] = neuron.Weight.ToArray<float>().Select(w => (double)w).ToArray();
        }
        return history;
    }

    /// <summary>A chart of each weight over the epochs.</summary>
    /// <param name="weights">The weight history from <see cref="Train"/>.</param>
    public static SvgChart Chart(double[][] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var chart = new SvgChart("Weights while learning who passes") { XLabel = "epoch", YLabel = "weight" };
        double[] epochs = Enumerable.Range(0, weights.Length).Select(e => (double)e).ToArray();
        for (int f = 0; f < FeatureNames.Count; f++)
            chart.AddLine(FeatureNames[f], epochs, weights.Select(row => row[f]).ToArray(), dashed: f == 3);
        return chart;
    }
}
