using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Learn;

/// <summary>
/// Why cross-entropy beats the quadratic cost for sigmoid outputs: one sigmoid neuron that starts out
/// badly wrong (w = 2, b = 2, input 1 → output σ(4) ≈ 0.98, wanted 0) learns slowly with mean squared
/// error, because its gradient carries the factor σ'(z) ≈ 0.018, and quickly with cross-entropy, whose
/// gradient is just (a − y)·x.
/// </summary>
public static class LearningSlowdown
{
    /// <summary>Trains the neuron by plain gradient descent and records the loss and output before every step.</summary>
    /// <param name="crossEntropy">True for binary cross-entropy, false for mean squared error.</param>
    /// <param name="epochs">How many steps (at least 1).</param>
    /// <param name="learningRate">The gradient-descent step size.</param>
    /// <param name="weight">The starting weight.</param>
    /// <param name="bias">The starting bias.</param>
    public static SlowdownRun Train(bool crossEntropy, int epochs = 300, double learningRate = 0.15, double weight = 2, double bias = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var neuron = new Linear(1, 1, generator: new Generator(0), dtype: DType.Float64);
        using (Autograd.NoGrad())
        {
            neuron.Weight.Fill(weight);
            neuron.Bias!.Fill(bias);
        }
        var model = new Sequential(neuron, new Sigmoid());
        Tensor input = Tensor.FromArray(new[] { 1.0 }, 1, 1), target = Tensor.FromArray(new[] { 0.0 }, 1, 1);
        Func<Tensor, Tensor, Tensor> loss = crossEntropy ? (a, y) => F.BCELoss(a, y) : (a, y) => F.MSELoss(a, y);
        var optimizer = new SGD(model.Parameters(), learningRate);

        var losses = new double[epochs];
        var outputs = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Tensor output = model.Forward(input);
            Tensor value = loss(output, target);
            optimizer.ZeroGrad();
            value.Backward();
            optimizer.Step();
            losses[epoch] = value.Item();
            outputs[epoch] = output.Item();
        }
        return new SlowdownRun(crossEntropy ? "cross-entropy" : "mean squared error", losses, outputs);
    }

    /// <summary>Two charts of both runs: the neuron's output and each loss relative to its starting value.</summary>
    /// <param name="mse">The run with mean squared error.</param>
    /// <param name="crossEntropy">The run with cross-entropy.</param>
    public static SvgChart[] Charts(SlowdownRun mse, SlowdownRun crossEntropy)
    {
        ArgumentNullException.ThrowIfNull(mse);
        ArgumentNullException.ThrowIfNull(crossEntropy);
        double[] epochs = Enumerable.Range(0, mse.Losses.Count).Select(e => (double)e).ToArray();
        var output = new SvgChart("Output of the neuron (target 0)") { XLabel = "epoch", YLabel = "output a", YRange = (0, 1) };
        output.AddLine(mse.LossName, epochs, mse.Outputs).AddLine(crossEntropy.LossName, epochs, crossEntropy.Outputs);
        var relative = new SvgChart("Loss / starting loss") { XLabel = "epoch", YLabel = "relative loss", YRange = (0, 1.05) };
        relative.AddLine(mse.LossName, epochs, mse.Losses.Select(l => l / mse.Losses[0]).ToArray())
                .AddLine(crossEntropy.LossName, epochs, crossEntropy.Losses.Select(l => l / crossEntropy.Losses[0]).ToArray());
        return [output, relative];
    }
}
